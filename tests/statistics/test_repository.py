"""Statistics add up the decision log's `answers`: a row stands for as many answers as it
counts, and suppression judges the answers, not the rows (decisions/rows.py)."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from insatser_api.decisions.models import DecisionLogEntry
from insatser_api.statistics.retention import older_than, prune

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

DAY = dt.date(2026, 10, 5)


def row(answers: int, outcome: str, not_met: str = "", *, day: dt.date = DAY) -> DecisionLogEntry:
    return DecisionLogEntry(
        decided_on=day,
        month=day.strftime("%Y-%m"),
        client="kundcenter",
        request_kind="screening",
        insats_id="arbetsmarknadsinsatser",
        catalog_version="2025-07-01",
        as_of=day,
        outcome=outcome,
        age_years=30,
        not_met_conditions=not_met,
        unknown_conditions="",
        answers=answers,
    )


def store(engine: Engine, *rows: DecisionLogEntry) -> None:
    with Session(engine) as session:
        session.add_all(rows)
        session.commit()


async def test_counts_are_the_sum_of_answers(client: httpx.AsyncClient, engine: Engine) -> None:
    store(
        engine,
        row(3, "not_eligible", "folkbokford"),
        row(4, "not_eligible", "folkbokford"),
        row(1, "not_eligible", "folkbokford alder"),
        row(6, "eligible"),
    )
    body = (
        await client.get(
            "/v1/statistics/decisions", params={"from": "2026-10-01", "to": "2026-10-31"}
        )
    ).json()
    counts = {i["outcome"]: i["count"] for i in body["items"]}
    assert counts == {"not_eligible": 8, "eligible": 6}
    assert body["total"] == 14
    codes = {c["code"]: c["count"] for c in body["conditions"] if c["status"] == "not_met"}
    assert codes == {"folkbokford": 8, "alder": 1}


def test_gallring_removes_counted_rows_by_day(engine: Engine) -> None:
    store(engine, row(7, "eligible", day=DAY - dt.timedelta(days=1)), row(2, "eligible"))
    with Session(engine) as session:
        assert older_than(session, DAY) == 1  # rows, as the command reports them
        assert prune(session, DAY) == 1
        session.commit()
        [left] = session.scalars(select(DecisionLogEntry)).all()
    assert (left.decided_on, left.answers) == (DAY, 2)
