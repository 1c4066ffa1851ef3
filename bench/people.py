"""Made-up people for the benchmarks: no real personnummer, nothing that identifies anyone.

The same people feed the HTTP bench (as request bodies) and the rules-layer bench (as
situations), so both measure the mix a form sends: partly filled in, children and adults,
folkbokförda in the kommun and elsewhere.
"""

from __future__ import annotations

import datetime as dt
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
