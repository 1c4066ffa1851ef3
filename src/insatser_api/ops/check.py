"""`insatser-api check`: one eligibility answer in the terminal, judged in-process.

The answer is the API's own (`build_situation`, the compiled catalogue, `to_response`), so the
terminal and the HTTP service cannot disagree. A personnummer is not taken on the command line:
it would stay in the shell's history. Age is given as `--age` or `--birth-date`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from insatser_api.catalog.dependencies import version_in_force
from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.eligibility.answers import to_response
from insatser_api.eligibility.schemas import EligibilityRequest, EligibilityResponse, Facts
from insatser_api.eligibility.situation_from_request import build_situation
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.kit.errors import FieldError, ProblemError, validation_errors
from insatser_api.ops.catalog_diff import DOCUMENTATION_MODES

OUTCOMES = {
    "eligible": "Får ta del av insatsen",
    "requires_guardian_consent": "Får ta del av insatsen med vårdnadshavarens samtycke",
    "needs_information": "Fler uppgifter behövs",
    "not_eligible": "Uppfyller inte villkoren",
}
STATUSES = {"met": "uppfyllt", "not_met": "inte uppfyllt", "unknown": "okänt"}
_YES = {"true", "ja", "yes", "1"}
_NO = {"false", "nej", "no", "0"}


class CheckInputError(Exception):
    """Bad command-line input, with one Swedish line per fault."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = list(errors)


def parse_facts(pairs: Sequence[str]) -> dict[str, Any]:
    """`key=value` pairs for the request's `facts` (ja/nej for yes/no facts)."""
    known = set(Facts.model_fields)
    facts: dict[str, Any] = {}
    errors = []
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip().removeprefix("facts.")
        if not sep or key not in known:
            errors.append(
                FieldError(
                    field=f"--fact {key or pair}",
                    message="Ska vara NYCKEL=VÄRDE med en av: " + ", ".join(sorted(known)) + ".",
                    code="unknown_fact",
                )
            )
            continue
        value = raw.strip()
        facts[key] = True if value.lower() in _YES else False if value.lower() in _NO else value
    if errors:
        raise CheckInputError(errors)
    return facts


def judge(
    registry: CatalogRegistry, insats_id: str, request_body: dict[str, Any]
) -> EligibilityResponse:
    try:
        request = EligibilityRequest.model_validate(request_body)
    except ValidationError as exc:
        raise CheckInputError(validation_errors(exc.errors())) from None
    as_of = request.as_of or today_in_stockholm()
    try:
        version = version_in_force(registry, as_of)
    except ProblemError as exc:
        raise CheckInputError(exc.errors) from None
    compiled = version.compiled.insatser.get(insats_id)
    if compiled is None:
        raise CheckInputError(
            [
                FieldError(
                    field="INSATS",
                    message=f"Okänd insats i katalogversion {version.version}; giltiga id: "
                    + ", ".join(sorted(version.insatser)),
                    code="unknown_insats",
                )
            ]
        )
    try:
        situation = build_situation(request, as_of, version)
    except ProblemError as exc:
        raise CheckInputError(exc.errors) from None
    return to_response(version, compiled.judge(situation), situation.applicant.birth_date)


def render(answer: EligibilityResponse, registry: CatalogRegistry) -> str:
    version = next(v for v in registry.versions if v.version == answer.catalog_version)
    insats = version.insatser[answer.insats_id]
    lines = [
        f"{insats.title} ({insats.id}, avsnitt {insats.section})",
        f"Katalog {answer.catalog_version}, prövad per {answer.as_of.isoformat()}",
        "",
        f"Utfall: {OUTCOMES[answer.outcome.value]} ({answer.outcome.value})",
        "",
        "Villkor:",
    ]
    lines += [
        f"  [{STATUSES[c.status.value]}] {c.code} (avsnitt {c.source}): {c.message}"
        for c in answer.conditions
    ] or ["  (inga villkor)"]
    if answer.next_questions:
        # The questions in the order to ask them (the missing facts, api.md next_questions).
        lines += ["", "Frågor att ställa härnäst:"]
        lines += [f"  {q.fact}: {q.question}" for q in answer.next_questions]
    lines += ["", f"Samtycke: {answer.consent.message}", f"Målgrupp: {answer.target_group.note}"]
    documentation = answer.documentation
    lines.append(
        f"Dokumentation: {DOCUMENTATION_MODES[documentation.mode.value]}; {documentation.legal_basis}"
    )
    if answer.stay_limit is not None:
        until = answer.stay_limit.until
        lines.append(
            f"Vistelsen slutar senast: {until.isoformat()}" if until else "Vistelse: ingen gräns"
        )
    if answer.eligible_from is not None:
        lines.append(f"Kan få insatsen från: {answer.eligible_from.isoformat()}")
    if answer.what_would_change:
        lines += ["", "Det som skulle ändra utfallet:"]
        lines += [f"  {c.message} ({', '.join(c.codes)})" for c in answer.what_would_change]
    if answer.information:
        lines += ["", answer.information]
    return "\n".join(lines)


def request_body(
    *,
    age: int | None,
    birth_date: dt.date | None,
    kommun: str | None,
    as_of: dt.date | None,
    consent: bool | None,
    facts: dict[str, Any],
    child: dict[str, Any],
    history: Sequence[str],
    stay_until: dt.date | None,
) -> dict[str, Any]:
    applicant = {
        "age": age,
        "birth_date": birth_date.isoformat() if birth_date else None,
        "folkbokford_kommunkod": kommun,
    }
    body: dict[str, Any] = {
        "as_of": as_of.isoformat() if as_of else None,
        "applicant": {k: v for k, v in applicant.items() if v is not None} or None,
        "guardian_consent": consent,
        "facts": facts or None,
        "child": {k: v for k, v in child.items() if v is not None} or None,
        "history": [_history_item(item) for item in history] if history else None,
        "stay_until": stay_until.isoformat() if stay_until else None,
    }
    return {k: v for k, v in body.items() if v is not None}


def _history_item(text: str) -> dict[str, str]:
    """`cra=2026-05-31`: an earlier insats (id) and the day it ended."""
    insats_id, _, ended_on = text.partition("=")
    return {"insats_id": insats_id.strip(), "ended_on": ended_on.strip()}
