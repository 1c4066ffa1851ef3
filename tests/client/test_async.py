"""The asyncio client against a real uvicorn process."""

from __future__ import annotations

import pytest

from insatser_api.catalog.schemas import Kanal
from insatser_api.client import AsyncInsatserClient, ProblemResponse
from insatser_api.rules import Outcome
from tests.server import Server


async def test_the_same_answers_awaited(server: Server) -> None:
    async with AsyncInsatserClient(server.url) as api:
        assert (await api.get_catalog()).insats_count == 28
        assert len((await api.list_catalog_versions()).items) == 1
        ids = [i.id async for i in api.iter_insatser(per_page=7)]
        assert len(ids) == 28
        assert (await api.get_insats("akutboendet")).section == "4.1.1"
        answer = await api.check_eligibility(
            "cra", {"as_of": "2026-11-20", "applicant": {"age": 40}}
        )
        assert answer.outcome is Outcome.NEEDS_INFORMATION
        everything = await api.check_eligibility_all({"applicant": {"age": 12}})
        assert len(everything.results) == 28
        in_app = await api.check_eligibility_all({"applicant": {"age": 12}}, kanal=Kanal.APP)
        assert 0 < len(in_app.results) < 28
        assert (await api.health_ready()).ready
        assert await api.health_live() == {"status": "ok"}


async def test_errors_raise_awaited(server: Server) -> None:
    async with AsyncInsatserClient(server.url) as api:
        with pytest.raises(ProblemResponse) as caught:
            await api.check_eligibility_all({"insats_ids": ["finns-inte"]})
    assert caught.value.status == 422
