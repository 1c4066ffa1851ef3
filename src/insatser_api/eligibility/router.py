"""Eligibility endpoints: one insats, or every insats at once with a summary."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter, Depends, Request, Response

from insatser_api.catalog.dependencies import (
    CATALOG_VERSION_HEADER,
    InsatsIdPath,
    RegistryDep,
    find_insats,
    version_in_force,
)
from insatser_api.catalog.filters import filter_of_query
from insatser_api.decisions.recording import log_answers
from insatser_api.eligibility.answers import answer_json, screening_json
from insatser_api.eligibility.schemas import (
    EligibilityAllRequest,
    EligibilityAllResponse,
    EligibilityRequest,
    EligibilityResponse,
)
from insatser_api.eligibility.situation_from_request import build_situation
from insatser_api.kit.body_guard import BODY_PROBLEM_RESPONSES
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.kit.errors import PROBLEM_RESPONSES, FieldError, InvalidRequest
from insatser_api.ops.metrics import record_decisions
from insatser_api.rules import Decision
from insatser_api.security import scopes
from insatser_api.security.dependencies import require_scope
from insatser_api.security.errors import AUTH_RESPONSES

router = APIRouter(
    tags=["Behörighet"],
    responses={**PROBLEM_RESPONSES, **AUTH_RESPONSES, **BODY_PROBLEM_RESPONSES},
    dependencies=[Depends(require_scope(scopes.ELIGIBILITY_CHECK))],
)

_EXAMPLE = {
    "as_of": "2026-11-23",
    "applicant": {"birth_date": "2008-11-22", "folkbokford_kommunkod": "2380"},
    "guardian_consent": None,
}


@router.post(
    "/v1/insatser/{insats_id}/eligibility",
    summary="Får personen ta del av insatsen?",
    description="Prövar villkoren för en insats. Svaret anger utfallet, varje villkor med "
    "källa i bilagan, vilka uppgifter som saknas, samtycke (21 kap. 2 § SoL), målgrupp, "
    "dokumentationssätt (14 kap. SoL) och, vid nej, informationen enligt 11 kap. 6 § SoL.",
    openapi_extra={"requestBody": {"content": {"application/json": {"example": _EXAMPLE}}}},
    response_model=EligibilityResponse,
    responses={200: {"description": "Utfallet för insatsen, med villkor och lagrum"}},
)
async def check_eligibility_for_insats(
    insats_id: InsatsIdPath, body: EligibilityRequest, registry: RegistryDep, request: Request
) -> Response:
    as_of = body.as_of or today_in_stockholm()
    version = version_in_force(registry, as_of)
    find_insats(version, insats_id)
    situation = build_situation(body, as_of, version)
    decision = version.compiled.insatser[insats_id].judge(situation)
    _record(request, "single", situation.applicant.age, (decision,))
    birth_date = situation.applicant.birth_date
    return JsonAnswer(answer_json(version, decision, birth_date), version.version)


@router.post(
    "/v1/eligibility",
    summary="Pröva alla insatser på en gång",
    description="Prövar varje insats i katalogen, eller de som anges i `insats_ids` och de som "
    "matchar filtren (samma som för listan `GET /v1/insatser`; båda gäller), och "
    "sammanfattar: vilka personen får ta del av, vilka som kräver samtycke, vilka uppgifter "
    "som saknas (så att ett formulär kan fråga så lite som möjligt) och vilka insatser som "
    "är tänkta för andra än personen.",
    openapi_extra={"requestBody": {"content": {"application/json": {"example": _EXAMPLE}}}},
    response_model=EligibilityAllResponse,
    responses={200: {"description": "Ett svar per insats och en sammanfattning"}},
)
async def check_eligibility(
    body: EligibilityAllRequest, registry: RegistryDep, request: Request
) -> Response:
    # The list's filters, read here rather than as a dependency (catalog/filters.py).
    selection = filter_of_query(request.query_params)
    as_of = body.as_of or today_in_stockholm()
    version = version_in_force(registry, as_of)
    ids = list(dict.fromkeys(body.insats_ids)) if body.insats_ids is not None else None
    if ids is not None:
        unknown = [
            FieldError(field=f"insats_ids[{i}]", message="Okänd insats.", code="unknown_insats")
            for i, insats_id in enumerate(body.insats_ids or [])
            if insats_id not in version.insatser
        ]
        if unknown:
            raise InvalidRequest("Begäran nämner insatser som inte finns i katalogen.", unknown)
    if not selection.empty:
        # The list's filters select among the insatser (all, or those of `insats_ids`).
        chosen = ids if ids is not None else list(version.insatser)
        ids = [i for i in chosen if selection.matches(version.insatser[i])]
    situation = build_situation(body, as_of, version)
    decisions = version.compiled.judge_all(situation, ids)
    _record(request, "screening", situation.applicant.age, decisions)
    answer = screening_json(version, as_of, decisions, situation.applicant.birth_date)
    return JsonAnswer(answer, version.version)


def _record(
    request: Request, kind: str, age_years: int | None, decisions: Sequence[Decision]
) -> None:
    """Every answer goes to the decision log and to the outcome metrics."""
    log_answers(request, kind, age_years, decisions)
    record_decisions(decisions)


class JsonAnswer(Response):
    """An answer the service wrote as JSON for the route's `response_model`
    (eligibility/answers.py): returned as a finished response, FastAPI neither validates nor
    serializes it again."""

    media_type = "application/json"

    def __init__(self, content: bytes, catalog_version: str) -> None:
        super().__init__(content, headers={CATALOG_VERSION_HEADER: catalog_version})
