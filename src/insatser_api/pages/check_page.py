"""`/prova`: check one person against every insats (or one), one question at a time.

Each step screens the person exactly as `POST /v1/eligibility` does (the same in-process
functions: `build_situation`, the compiled catalogue's `judge_all`, `to_response`,
`summarize`) and asks the first of the summary's `next_questions`, with the answers
`GET /v1/facts` lists for that fact. The person's facts travel in the POSTed form only
(pages/check_state.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from insatser_api.catalog.dependencies import version_in_force
from insatser_api.catalog.registry import CatalogRegistry, CatalogVersion
from insatser_api.decisions.recording import log_answers
from insatser_api.eligibility.answers import summarize, to_response
from insatser_api.eligibility.facts import fact_list
from insatser_api.eligibility.schemas import EligibilityResponse, Summary
from insatser_api.eligibility.situation_from_request import build_situation
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.kit.errors import InvalidRequest, validation_errors
from insatser_api.ops.metrics import record_decisions
from insatser_api.pages.access import may_check
from insatser_api.pages.answers_form import (
    ANSWER_FIELD,
    OWN_VALUE,
    AnswerError,
    FactLike,
    input_for,
    read_answer,
    value_inputs,
)
from insatser_api.pages.catalog_pages import sign_in_path
from insatser_api.pages.check_state import (
    SKIPPED_FIELD,
    STATE_FIELD,
    BadState,
    CheckState,
)
from insatser_api.pages.summary import answered_facts
from insatser_api.pages.view import StaffView, StaffViewDep
from insatser_api.rules import Decision, Outcome

router = APIRouter(include_in_schema=False)

CHECK_PATH = "/prova"
# The decision log's request kind for a check made on the page (recorded once, when complete).
PAGE_REQUEST_KIND = "page"


@dataclass(frozen=True, slots=True)
class Screening:
    version: CatalogVersion
    results: list[EligibilityResponse]
    summary: Summary
    age_years: int | None
    decisions: Sequence[Decision]


@router.get(CHECK_PATH, name="page_check")
async def check_start(view: StaffViewDep) -> Response:
    if (refused := _refused(view)) is not None:
        return refused
    version = view.version()
    wanted = view.request.query_params.get("insats", "")
    return _start(view, version, wanted if wanted in version.insatser else "")


@router.post(CHECK_PATH)
async def check_step(view: StaffViewDep) -> Response:
    if (refused := _refused(view)) is not None:
        return refused
    form = await view.request.form()
    if not view.form_is_ours(form):
        return _start(view, view.version(), "", expired=True, status=403)
    try:
        state = CheckState.from_form(form.get(STATE_FIELD), form.get(SKIPPED_FIELD))
    except BadState:
        return _start(view, view.version(), "", expired=True, status=400)
    action = _text(form, "atgard")
    if action == "borja":
        return _begin(view, form)
    if action == "borja-om":
        return view.redirect(CHECK_PATH)
    if changed := _text(form, "andra"):
        return _step(view, state.without(changed))
    question = _text(form, "fraga")
    if action == "hoppa" and question:
        return _step(view, state.skipping(question))
    if action == "sammanfattning":
        return _summary_page(view, state)
    if action == "svara" and question:
        return _answer(view, state, question, form)
    return _step(view, state)


def _begin(view: StaffView, form: FormData) -> Response:
    version = view.version()
    chosen = _text(form, "urval")
    if chosen and chosen not in version.insatser:
        return _start(view, version, "", error="Välj en insats i listan.", status=422)
    body: dict[str, Any] = {"insats_ids": [chosen]} if chosen else {}
    return _step(view, CheckState(body), record_when_complete=True)


def _answer(view: StaffView, state: CheckState, fact: str, form: FormData) -> Response:
    item = _facts(view.version()).get(fact)
    if item is None:
        return _step(view, state)
    try:
        candidate = state.merged(read_answer(item, form, state.body))
        _screen(view, candidate)
    except AnswerError as error:
        return _step(view, state, error=error, form=form)
    except ValidationError as error:
        errors = validation_errors(error.errors())
        where = input_for(item, errors[0].field if errors else "")
        message = " ".join(e.message for e in errors)
        return _step(view, state, error=AnswerError(where, message), form=form)
    except InvalidRequest as error:
        where = input_for(item, error.errors[0].field if error.errors else "")
        message = " ".join(e.message for e in error.errors) or error.detail
        return _step(view, state, error=AnswerError(where, message), form=form)
    return _step(view, candidate, record_when_complete=True)


def _step(
    view: StaffView,
    state: CheckState,
    *,
    error: AnswerError | None = None,
    form: FormData | None = None,
    record_when_complete: bool = False,
) -> Response:
    try:
        screening = _screen(view, state)
    except (ValidationError, InvalidRequest):
        # Only this page writes the state, and it screens every answer before keeping it.
        return _start(view, view.version(), "", expired=True, status=400)
    facts = _facts(screening.version)
    remaining = [q for q in screening.summary.next_questions if q.fact not in state.skipped]
    question = remaining[0] if remaining else None
    item = facts.get(question.fact) if question is not None else None
    if question is None and record_when_complete:
        _record(view, screening)
    return view.render(
        "check.html",
        {
            "active": "check",
            "version": screening.version,
            **_results_context(screening),
            "state": state,
            "state_field": STATE_FIELD,
            "skipped_field": SKIPPED_FIELD,
            "question": question,
            "item": item,
            "inputs": value_inputs(item, _insats_options(screening.version)) if item else (),
            "answer_field": ANSWER_FIELD,
            "own_value": OWN_VALUE,
            "error": error,
            "entered": {k: v for k, v in (form or {}).items() if isinstance(v, str)},
            "skipped": [facts[f] for f in state.skipped if f in facts],
            "answered": answered_facts(state, facts, screening.version),
            "scope_title": _scope_title(screening.version, state),
        },
        status=422 if error else 200,
    )


def _summary_page(view: StaffView, state: CheckState) -> Response:
    try:
        screening = _screen(view, state)
    except (ValidationError, InvalidRequest):
        return _start(view, view.version(), "", expired=True, status=400)
    facts = _facts(screening.version)
    return view.render(
        "check_summary.html",
        {
            "active": "check",
            "version": screening.version,
            **_results_context(screening),
            "answered": answered_facts(state, facts, screening.version),
            "unanswered": [
                facts[q.fact] for q in screening.summary.next_questions if q.fact in facts
            ],
            "scope_title": _scope_title(screening.version, state),
            "today": today_in_stockholm(),
        },
    )


def _screen(view: StaffView, state: CheckState) -> Screening:
    body = state.request()
    as_of = body.as_of or today_in_stockholm()
    registry: CatalogRegistry = view.request.app.state.registry
    version = version_in_force(registry, as_of)
    ids = body.insats_ids
    if ids is not None and any(i not in version.insatser for i in ids):
        raise InvalidRequest("Okänd insats.")
    situation = build_situation(body, as_of, version)
    decisions = version.compiled.judge_all(situation, ids)
    return Screening(
        version=version,
        results=[to_response(version, d) for d in decisions],
        summary=summarize(version, decisions),
        age_years=situation.applicant.age,
        decisions=decisions,
    )


def _results_context(screening: Screening) -> dict[str, Any]:
    summary = screening.summary
    outside = set(summary.outside_target_group)
    by_id = {r.insats_id: r for r in screening.results}
    insatser = screening.version.insatser

    def group(outcome: Outcome, *, meant_for_others: bool = False) -> list[dict[str, Any]]:
        return [
            {"answer": r, "insats": insatser[r.insats_id]}
            for r in screening.results
            if r.outcome is outcome and (r.insats_id in outside) == meant_for_others
        ]

    information = next((r.information for r in screening.results if r.information), None)
    return {
        "groups": [
            ("eligible", "Personen får ta del av", group(Outcome.ELIGIBLE)),
            (
                "consent",
                "Personen får ta del med vårdnadshavarens samtycke",
                group(Outcome.REQUIRES_GUARDIAN_CONSENT),
            ),
            (
                "others",
                "Tänkta för andra – personen får ändå ta del",
                group(Outcome.ELIGIBLE, meant_for_others=True)
                + group(Outcome.REQUIRES_GUARDIAN_CONSENT, meant_for_others=True),
            ),
            ("open", "Fler uppgifter behövs", group(Outcome.NEEDS_INFORMATION)),
            ("refused", "Personen får inte ta del av", group(Outcome.NOT_ELIGIBLE)),
        ],
        "summary": summary,
        "by_id": by_id,
        "information": information,
        "refused_count": len(summary.not_eligible),
    }


def _record(view: StaffView, screening: Screening) -> None:
    """A complete check goes to the decision log and the outcome metrics once, as the API's
    screenings do (the steps before it are not decisions: they lacked facts by design)."""
    view.request.state.principal = view.principal
    log_answers(view.request, PAGE_REQUEST_KIND, screening.age_years, screening.decisions)
    record_decisions(screening.decisions)


def _start(
    view: StaffView,
    version: CatalogVersion,
    chosen: str,
    *,
    error: str | None = None,
    expired: bool = False,
    status: int = 200,
) -> Response:
    return view.render(
        "check_start.html",
        {
            "active": "check",
            "version": version,
            "insatser": _insats_options(version),
            "chosen": chosen,
            "error": error,
            "expired": expired,
            "state_field": STATE_FIELD,
            "skipped_field": SKIPPED_FIELD,
        },
        status=status,
    )


def _refused(view: StaffView) -> Response | None:
    if may_check(view.settings, view.principal):
        return None
    if view.principal is not None:
        return view.render("forbidden.html", status=403)
    return view.redirect(sign_in_path(CHECK_PATH))


def _facts(version: CatalogVersion) -> dict[str, FactLike]:
    """`GET /v1/facts` of the version: each fact's question, type and answers."""
    return {item.fact: item for item in fact_list(version).items}


def _insats_options(version: CatalogVersion) -> list[tuple[str, str]]:
    return [(i.id, f"{i.title} ({i.section})") for i in version.catalog.insatser]


def _scope_title(version: CatalogVersion, state: CheckState) -> str:
    ids = state.body.get("insats_ids")
    if isinstance(ids, list) and len(ids) == 1 and ids[0] in version.insatser:
        return str(version.insatser[ids[0]].title)
    return "alla insatser"


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""
