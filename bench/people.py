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
    facts: dict[str, object] = {}
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
    return Situation.from_facts(
        dt.date.fromisoformat(body["as_of"]),
        facts,
        history=history,
        stay_until=dt.date.fromisoformat(stay_until) if stay_until else None,
        guardian_consent=body.get("guardian_consent"),
    )


def situations() -> list[Situation]:
    """BODIES as situations (built on call: the HTTP bench needs none of the rules layer)."""
    return [_situation(body) for body in BODIES]


# Yes/no facts some insatser ask about; a stream person states none, one or two of them.
_STATED_FACTS = (
    "had_bostad_forst",
    "has_hyreskontrakt_in_kommun",
    "has_cra_behandlare",
    "completed_12_step_primary",
)


def stream_bodies(count: int = 2000, seed: int = 6) -> list[dict[str, Any]]:
    """`count` distinct made-up people as request bodies, as a day of form traffic might bring
    them: age 0–99, folkbokförd in Östersund, in Stockholm or not stated, consent
    yes/no/unstated, up to two stated facts, with or without a child. Deterministic for a seed;
    ages only, never a personnummer or a birth date."""
    rng = random.Random(seed)
    seen: set[str] = set()
    bodies: list[dict[str, Any]] = []
    while len(bodies) < count:
        applicant: dict[str, Any] = {"age": rng.randrange(100)}
        kommun = rng.choice((OSTERSUND, STOCKHOLM, None))
        if kommun is not None:
            applicant["folkbokford_kommunkod"] = kommun
        body: dict[str, Any] = {"as_of": AS_OF.isoformat(), "applicant": applicant}
        stated = {key: rng.random() < 0.5 for key in rng.sample(_STATED_FACTS, rng.randrange(3))}
        if stated:
            body["facts"] = stated
        if rng.random() < 0.3:
            body["child"] = {
                "age": rng.randrange(18),
                "folkbokford_kommunkod": rng.choice((OSTERSUND, STOCKHOLM)),
                "participates": rng.random() < 0.5,
            }
        body["guardian_consent"] = rng.choice((True, False, None))
        identity = repr(
            sorted((k, sorted(v.items()) if isinstance(v, dict) else v) for k, v in body.items())
        )
        if identity in seen:
            continue
        seen.add(identity)
        bodies.append(body)
    return bodies


# Every insats of the bundled catalogue, for "one check on any insats" and for histories.
INSATS_IDS = (
    "arbetsmarknadsinsatser",
    "vrakningsforebyggande-arbete",
    "bra-samtal-vuxen",
    "samarbetssamtal",
    "akutboendet",
    "utflyttningsstod",
    "biffsamtal",
    "booster-bryggan",
    "stodsamtal-foraldraroll",
    "i-komet",
    "foraldragrupper",
    "bubblan",
    "fjarilen",
    "tradet",
    "radgivande-samtal",
    "motivationshojande-samtal",
    "cra",
    "f-cra",
    "hap-cpu",
    "spelbehandling",
    "aterfallsprevention",
    "tolvsteg-grupp",
    "tolvsteg-individuell",
    "tolvsteg-eftervard",
    "anhorigstod",
    "booster-nexus",
    "bra-samtal-nexus",
    "bra-samtal-ungdomsstod",
)
_KOMMUNER = (OSTERSUND, OSTERSUND, STOCKHOLM, "2361", None)  # Östersund, elsewhere, unstated


def _birth_date(rng: random.Random, age: int) -> dt.date:
    """A birth date `age` whole years before AS_OF (any day of that year of life)."""
    latest = AS_OF.replace(year=AS_OF.year - age)
    return latest - dt.timedelta(days=rng.randrange(365))


def _personnummer(rng: random.Random, born: dt.date) -> str:
    """A made-up personnummer (12 digits, valid check digit) for `born`: a random serial, so
    nobody in particular; the bench never writes it anywhere."""
    from stdnum import luhn

    short = born.strftime("%y%m%d") + f"{rng.randrange(1000):03d}"
    return born.strftime("%Y") + short[2:] + luhn.calc_check_digit(short)


def _identity(rng: random.Random, age: int) -> dict[str, Any]:
    """How a form states who the person is: personnummer, birth date, age, or nothing yet."""
    way = rng.choices(("personnummer", "birth_date", "age", "none"), (3, 2, 4, 1))[0]
    if way == "personnummer":
        return {"personnummer": _personnummer(rng, _birth_date(rng, age))}
    if way == "birth_date":
        return {"birth_date": _birth_date(rng, age).isoformat()}
    if way == "age":
        return {"age": age}
    return {}


def people_bodies(count: int, seed: int = 18) -> list[dict[str, Any]]:
    """`count` distinct made-up people as request bodies, the mix the HTTP bench sends (issue
    18): ages 0–90 stated as a personnummer, a birth date, an age or not at all; folkbokförd in
    Östersund, elsewhere or unstated; consent; children; stated facts; histories of earlier
    insatser. Deterministic for a seed; no body is sent twice."""
    rng = random.Random(seed)
    seen: set[bytes] = set()
    bodies: list[dict[str, Any]] = []
    while len(bodies) < count:
        age = rng.randrange(91)
        applicant = _identity(rng, age)
        kommun = rng.choice(_KOMMUNER)
        if kommun is not None:
            applicant["folkbokford_kommunkod"] = kommun
        body: dict[str, Any] = {"as_of": AS_OF.isoformat()}
        if applicant:
            body["applicant"] = applicant
        if rng.random() < 0.6:
            body["guardian_consent"] = rng.random() < 0.7
        if rng.random() < 0.3:
            child_age = rng.randrange(18)
            child = _identity(rng, child_age)
            child.pop("personnummer", None)  # a child is stated by birth date or age
            child["folkbokford_kommunkod"] = rng.choice((OSTERSUND, STOCKHOLM))
            if rng.random() < 0.8:
                child["participates"] = rng.random() < 0.7
            body["child"] = child
        stated = {key: rng.random() < 0.5 for key in rng.sample(_STATED_FACTS, rng.randrange(4))}
        if stated:
            body["facts"] = stated
        if rng.random() < 0.25:
            body["history"] = [
                {
                    "insats_id": rng.choice(INSATS_IDS),
                    "ended_on": (AS_OF - dt.timedelta(days=rng.randrange(1, 900))).isoformat(),
                }
                for _ in range(rng.randrange(1, 3))
            ]
        if rng.random() < 0.1:
            body["stay_until"] = (AS_OF + dt.timedelta(days=rng.randrange(1, 10))).isoformat()
        identity = repr(sorted(body.items())).encode()
        if identity in seen:
            continue
        seen.add(identity)
        bodies.append(body)
    return bodies


def stream(count: int = 2000, seed: int = 6) -> list[Situation]:
    """The people of `stream_bodies` as the situations the API builds from them (for
    bench/rules.py's cold-start and new-person figures)."""
    return [_situation(body) for body in stream_bodies(count, seed)]
