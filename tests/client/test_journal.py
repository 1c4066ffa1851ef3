"""The client's documentation-journal and statistics calls, sync and async, against a real
uvicorn process."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid

import pytest

from insatser_api.catalog.schemas import DocumentationMode
from insatser_api.client import AsyncInsatserClient, InsatserClient, ProblemResponse
from insatser_api.records.schemas import ContactForm, DocumentationRecordIn
from tests.server import Server

DAY = dt.date(2026, 11, 20)


def test_write_retry_read_and_count(server: Server) -> None:
    key = str(uuid.uuid4())
    body = DocumentationRecordIn(
        performed_on=DAY,
        contact=ContactForm.TELEFON,
        topic="spel",
        text="Allmän information om spelproblem.",
    )
    with InsatserClient(server.url) as api:
        first = api.create_documentation_record("radgivande-samtal", body, idempotency_key=key)
        again = api.create_documentation_record("radgivande-samtal", body, idempotency_key=key)
        assert again == first
        assert first.mode is DocumentationMode.ADVISORY
        assert api.get_documentation_record(first.id) == first
        listed = api.list_documentation_records(insats_id="radgivande-samtal", first=DAY, last=DAY)
        assert [r.id for r in listed.items] == [first.id]
        counts = api.documentation_statistics(first=DAY, last=DAY)
        # One record is below the threshold of 5: the count is withheld, and the answer says so.
        assert [(i.insats_id, i.count) for i in counts.items] == [("radgivande-samtal", None)]
        assert (counts.suppression.min_count, counts.suppression.suppressed) == (5, 1)


def test_refused_identity_is_a_problem_naming_the_rule(server: Server) -> None:
    with InsatserClient(server.url) as api, pytest.raises(ProblemResponse) as raised:
        api.create_documentation_record(
            "radgivande-samtal", {"performed_on": "2026-11-20", "personnummer": "198512311237"}
        )
    assert raised.value.status == 422
    errors = raised.value.problem.errors or []
    assert "14 kap. 4 §" in errors[0].message


async def test_async_answers_reach_the_statistics(server: Server) -> None:
    async with AsyncInsatserClient(server.url) as api:
        before = (await api.decision_statistics(insats_id="f-cra")).total
        # Five answers: a count below 5 would be withheld (small-cell suppression).
        for _ in range(5):
            await api.check_eligibility("f-cra", {"applicant": {"age": 30}})
        # The decision log is written by a background thread every two seconds.
        deadline = time.monotonic() + 10
        total = before
        while total < before + 5 and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
            total = (await api.decision_statistics(insats_id="f-cra")).total
        assert total >= before + 5
