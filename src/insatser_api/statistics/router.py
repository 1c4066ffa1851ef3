"""`GET /v1/statistics/decisions` and `GET /v1/statistics/documentation`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from insatser_api.catalog.examples import example
from insatser_api.catalog.schemas import DocumentationMode
from insatser_api.kit.database import SessionDep
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.kit.errors import PROBLEM_RESPONSES
from insatser_api.kit.periods import FromQuery, ToQuery, check_period
from insatser_api.records import examples
from insatser_api.rules import Outcome
from insatser_api.security import scopes
from insatser_api.security.dependencies import require_scope
from insatser_api.security.errors import AUTH_RESPONSES
from insatser_api.statistics import repository
from insatser_api.statistics.schemas import (
    ConditionCount,
    DecisionStatistics,
    DocumentationStatistics,
    ModeCount,
    OutcomeCount,
)
from insatser_api.statistics.suppression import note, shown

router = APIRouter(
    tags=["Uppföljning"],
    responses={**PROBLEM_RESPONSES, **AUTH_RESPONSES},
    dependencies=[Depends(require_scope(scopes.STATISTICS_READ))],
)

InsatsQuery = Annotated[str | None, Query(max_length=64, description="Bara denna insats")]
_PERIOD = (
    " Perioden är `from`–`to`, båda inräknade; utan dem de senaste tolv kalendermånaderna "
    "till och med i dag."
)
_SMALL_COUNTS = (
    " Antal under tröskeln (`suppression.min_count`, normalt 5) visas som null, så att ingen "
    "enskild kan pekas ut; `total` är summan av de antal som visas."
)


def _period(first: dt.date | None, last: dt.date | None) -> tuple[dt.date, dt.date]:
    last = last or today_in_stockholm()
    if first is None:
        months_back = last.year * 12 + last.month - 1 - 11
        year, month = divmod(months_back, 12)
        # Year 0 does not exist; a `to` in year 1 starts from the first day there is.
        first = dt.date(year, month + 1, 1) if year >= 1 else dt.date.min
    check_period(first, last)
    return first, last


@router.get(
    "/v1/statistics/decisions",
    summary="Prövningar per insats, månad och utfall",
    responses=example(examples.DECISION_STATISTICS),
    description="Antal behörighetsprövningar ur beslutsloggen, grupperade per insats, månad "
    "(dagen för svaret) och utfall, och hur ofta varje villkor inte var uppfyllt eller "
    "okänt (t.ex. hur många som fick nej för att de inte var folkbokförda i kommunen). "
    "Loggen innehåller inga personuppgifter." + _PERIOD + _SMALL_COUNTS,
    response_model_by_alias=True,
)
def decision_statistics(
    session: SessionDep,
    request: Request,
    from_: FromQuery = None,
    to: ToQuery = None,
    insats_id: InsatsQuery = None,
) -> DecisionStatistics:
    first, last = _period(from_, to)
    min_count = _min_count(request)
    items = [
        OutcomeCount(insats_id=i, month=m, outcome=Outcome(o), count=shown(n, min_count))
        for i, m, o, n in repository.decision_counts(session, first, last, insats_id)
    ]
    conditions = _condition_counts(
        repository.condition_combinations(session, first, last, insats_id), min_count
    )
    counts = [c.count for c in items] + [c.count for c in conditions]
    return DecisionStatistics.model_validate(
        {
            "from": first,
            "to": last,
            "total": sum(item.count or 0 for item in items),
            "items": items,
            "conditions": conditions,
            "suppression": note(min_count, counts.count(None)),
        }
    )


def _min_count(request: Request) -> int:
    threshold: int = request.app.state.settings.statistics_min_count
    return threshold


def _condition_counts(
    combinations: Iterable[tuple[str, str, str, str, int]], min_count: int
) -> list[ConditionCount]:
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for insats_id, month, not_met, unknown, n in combinations:
        for status, codes in (("not_met", not_met), ("unknown", unknown)):
            for code in codes.split():
                counts[(month, insats_id, code, status)] += n
    return [
        ConditionCount(insats_id=i, month=m, code=c, status=s, count=shown(n, min_count))
        for (m, i, c, s), n in sorted(counts.items())
    ]


@router.get(
    "/v1/statistics/documentation",
    summary="Anteckningar per insats, månad och dokumentationssätt",
    responses=example(examples.DOCUMENTATION_STATISTICS),
    description="Antal anteckningar om genomförda insatser, grupperade per insats, månad "
    "(genomförandedagen) och dokumentationssätt, t.ex. hur många rådgivande kontakter som "
    "gavs per månad. Rättelser räknas för sig." + _PERIOD + _SMALL_COUNTS,
    response_model_by_alias=True,
)
def documentation_statistics(
    session: SessionDep,
    request: Request,
    from_: FromQuery = None,
    to: ToQuery = None,
    insats_id: InsatsQuery = None,
) -> DocumentationStatistics:
    first, last = _period(from_, to)
    min_count = _min_count(request)
    items = [
        ModeCount(
            insats_id=i,
            month=m,
            mode=DocumentationMode(mode),
            count=shown(int(n), min_count),
            corrections=shown(int(c), min_count),
        )
        for i, m, mode, n, c in repository.documentation_counts(session, first, last, insats_id)
    ]
    counts = [c for item in items for c in (item.count, item.corrections)]
    return DocumentationStatistics.model_validate(
        {
            "from": first,
            "to": last,
            "total": sum(item.count or 0 for item in items),
            "items": items,
            "suppression": note(min_count, counts.count(None)),
        }
    )
