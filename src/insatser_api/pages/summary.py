"""The answers given so far, as a handläggare reads them out: each question with what was
answered, in the catalogue's question order. A birth date is shown as the age it gives; a
personnummer is never taken (README, Staff pages), so none can be shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from insatser_api.catalog.registry import CatalogVersion
from insatser_api.facts import FactKey
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.pages.answers_form import FactLike
from insatser_api.pages.check_state import CheckState
from insatser_api.rules import completed_years


@dataclass(frozen=True, slots=True)
class Answered:
    fact: str
    question: str
    means: str


def answered_facts(
    state: CheckState, facts: Mapping[str, FactLike], version: CatalogVersion
) -> list[Answered]:
    return [
        Answered(fact, item.question, _means(state, item, version))
        for fact, item in facts.items()
        if state.states(fact)
    ]


def _means(state: CheckState, item: FactLike, version: CatalogVersion) -> str:
    for answer in item.answers:
        if _contains(state.body, answer.request):
            return answer.means
    fact = item.fact
    if fact in (FactKey.APPLICANT_AGE, FactKey.CHILD_AGE):
        subject = fact.split(".")[0]
        years = state.value(f"{subject}.age")
        if years is not None:
            return f"{years} år"
        born = state.value(f"{subject}.birth_date")
        as_of = state.body.get("as_of") or today_in_stockholm().isoformat()
        if isinstance(born, str):
            age = completed_years(dt.date.fromisoformat(born), dt.date.fromisoformat(as_of))
            return f"{age} år (enligt födelsedatum)"
        return "angiven"
    if fact == FactKey.HISTORY:
        entries = state.value("history") or []
        return "; ".join(
            f"{_title(version, e.get('insats_id'))}, avslutad {e.get('ended_on')}" for e in entries
        )
    value = state.value(fact)
    if value == version.catalog.kommun.kod:
        return f"{version.catalog.kommun.namn} ({value})"
    return str(value)


def _title(version: CatalogVersion, insats_id: object) -> str:
    insats = version.insatser.get(insats_id) if isinstance(insats_id, str) else None
    return insats.title if insats is not None else str(insats_id)


def _contains(body: Any, fragment: Any) -> bool:
    if isinstance(fragment, dict):
        return isinstance(body, dict) and all(
            key in body and _contains(body[key], value) for key, value in fragment.items()
        )
    return bool(body == fragment)
