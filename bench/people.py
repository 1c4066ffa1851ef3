"""Made-up people for the benchmarks: no real personnummer, nothing that identifies anyone.

The same people feed the HTTP bench (as request bodies) and the rules-layer bench (as
situations), so both measure the mix a form sends: partly filled in, children and adults,
folkbokförda in the kommun and elsewhere.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from insatser_api.rules import HistoryItem, Situation
from insatser_api.rules.situation import FactValue

AS_OF = dt.date(2026, 11, 20)  # a Friday, so Akutboendet's next vardag is a Monday
OSTERSUND = "2380"
STOCKHOLM = "0180"

# Request bodies as a form sends them while it is being filled in.
BODIES: list[dict[str, Any]] = [
    {"as_of": "2026-11-20", "applicant": {"age": 40, "folkbokford_kommunkod": OSTERSUND}},
    {"as_of": "2026-11-20", "applicant": {"age": 15, "folkbokford_kommunkod": OSTERSUND}},
    {"as_of": "2026-11-20", "applicant": {"age": 30}},
    {
        "as_of": "2026-11-20",
        "applicant": {"age": 10, "folkbokford_kommunkod": OSTERSUND},
        "guardian_consent": True,
        "child": {"age": 10, "folkbokford_kommunkod": OSTERSUND, "participates": True},
    },
    {
        "as_of": "2026-11-20",
        "applicant": {"age": 35, "folkbokford_kommunkod": STOCKHOLM},
        "stay_until": "2026-11-24",
        "facts": {"had_bostad_forst": True, "has_cra_behandlare": False},
        "history": [{"insats_id": "cra", "ended_on": "2026-05-31"}],
    },
    {"as_of": "2026-11-20"},
]


def _situation(body: dict[str, Any]) -> Situation:
    """The situation the API builds from `body` (ages stated directly, as in BODIES)."""
    facts: dict[str, FactValue] = {}
    for subject in ("applicant", "child"):
        for key, value in body.get(subject, {}).items():
            facts[f"{subject}.{key}"] = value
    for key, value in body.get("facts", {}).items():
        facts[f"facts.{key}"] = value
    history = None
    if "history" in body:
        history = tuple(
            HistoryItem(h.get("insats_id"), h.get("enhet"), dt.date.fromisoformat(h["ended_on"]))
            for h in body["history"]
        )
    stay_until = body.get("stay_until")
    return Situation(
        as_of=dt.date.fromisoformat(body["as_of"]),
        facts=facts,
        history=history,
        stay_until=dt.date.fromisoformat(stay_until) if stay_until else None,
        guardian_consent=body.get("guardian_consent"),
    )


SITUATIONS: list[Situation] = [_situation(body) for body in BODIES]


# Yes/no facts some insatser ask about; a stream person states none, one or two of them.
_STATED_FACTS = (
    "facts.had_bostad_forst",
    "facts.has_hyreskontrakt_in_kommun",
    "facts.has_cra_behandlare",
    "facts.completed_12_step_primary",
)


def stream(count: int = 2000, seed: int = 6) -> list[Situation]:
    """`count` distinct made-up people, as a day of form traffic might bring them (for the
    cold-start figure of bench/rules.py): age 0–99, folkbokförd in Östersund, in Stockholm or
    not stated, consent yes/no/unstated, up to two stated facts, with or without a child.
    Deterministic for a seed; ages only, never a personnummer or a birth date."""
    rng = random.Random(seed)
    seen: set[tuple[object, ...]] = set()
    people: list[Situation] = []
    while len(people) < count:
        facts: dict[str, FactValue] = {"applicant.age": rng.randrange(100)}
        kommun = rng.choice((OSTERSUND, STOCKHOLM, None))
        if kommun is not None:
            facts["applicant.folkbokford_kommunkod"] = kommun
        for key in rng.sample(_STATED_FACTS, rng.randrange(3)):
            facts[key] = rng.random() < 0.5
        if rng.random() < 0.3:
            facts["child.age"] = rng.randrange(18)
            facts["child.folkbokford_kommunkod"] = rng.choice((OSTERSUND, STOCKHOLM))
            facts["child.participates"] = rng.random() < 0.5
        consent = rng.choice((True, False, None))
        identity = (consent, *sorted(facts.items()))
        if identity in seen:
            continue
        seen.add(identity)
        people.append(Situation(as_of=AS_OF, facts=facts, guardian_consent=consent))
    return people
