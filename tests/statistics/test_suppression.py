"""Small counts are suppressed in every statistics answer with the default threshold 5, and
the answer says so (issue 12)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.config import Settings
from insatser_api.main import create_app
from insatser_api.statistics.suppression import shown
from tests.conftest import CATALOG_DIR, guarded_client
from tests.personal_data import PersonalDataGuard
from tests.statistics.test_repository import row, store

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]

DAY = "2026-10-05"
ADVISORY = {"performed_on": DAY, "contact": "telefon", "topic": "spel"}
INDIVIDUAL = {"performed_on": DAY, "personnummer": "198512311237", "text": "Samtal."}


@pytest.fixture(scope="module")
def default_app(database_url: str) -> Iterator[FastAPI]:
    settings = Settings(
        environment="test", catalog_dir=CATALOG_DIR, database_url=database_url, auth_disabled=True
    )
    assert settings.statistics_min_count == 5
    application = create_app(settings)
    yield application
    application.state.decision_log.close()
    application.state.database.dispose()


@pytest.fixture
async def default_client(
    default_app: FastAPI, personal_data_guard: PersonalDataGuard
) -> AsyncIterator[httpx.AsyncClient]:
    async with guarded_client(default_app, personal_data_guard) as http:
        yield http


@pytest.mark.parametrize(("count", "expected"), [(0, 0), (1, None), (4, None), (5, 5), (40, 40)])
def test_shown(count: int, expected: int | None) -> None:
    assert shown(count, 5) == expected


async def test_documentation_counts_below_five_are_withheld(
    default_client: httpx.AsyncClient,
) -> None:
    for _ in range(5):
        response = await default_client.post(
            "/v1/insatser/radgivande-samtal/documentation", json=ADVISORY
        )
        assert response.status_code == 201
    response = await default_client.post("/v1/insatser/cra/documentation", json=INDIVIDUAL)
    assert response.status_code == 201
    body = (
        await default_client.get("/v1/statistics/documentation", params={"from": DAY, "to": DAY})
    ).json()
    counts = {item["insats_id"]: item["count"] for item in body["items"]}
    assert counts == {"radgivande-samtal": 5, "cra": None}
    assert body["total"] == 5  # the counts shown: the withheld one cannot be subtracted out
    assert body["suppression"]["min_count"] == 5
    assert body["suppression"]["suppressed"] == 1
    assert "under 5" in body["suppression"]["note"]
    corrections = [item["corrections"] for item in body["items"]]
    assert corrections == [0, 0]  # zero is no group of people


async def test_decision_counts_below_five_are_withheld(
    default_client: httpx.AsyncClient, default_app: FastAPI
) -> None:
    for _ in range(2):
        response = await default_client.post(
            "/v1/insatser/arbetsmarknadsinsatser/eligibility",
            json={"applicant": {"age": 30, "folkbokford_kommunkod": "0180"}},
        )
        assert response.status_code == 200
    default_app.state.decision_log.flush()
    body = (await default_client.get("/v1/statistics/decisions")).json()
    assert [item["count"] for item in body["items"]] == [None]
    assert {c["count"] for c in body["conditions"]} == {None}
    assert body["total"] == 0
    assert body["suppression"]["suppressed"] == len(body["items"]) + len(body["conditions"])


async def test_suppression_judges_answers_not_rows(
    default_client: httpx.AsyncClient, default_app: FastAPI
) -> None:
    # One stored row of five answers is shown; one row of four is withheld.
    store(
        default_app.state.database.write_engine,
        row(5, "eligible"),
        row(4, "not_eligible", "folkbokford"),
    )
    body = (
        await default_client.get(
            "/v1/statistics/decisions", params={"from": "2026-10-01", "to": "2026-10-31"}
        )
    ).json()
    assert {i["outcome"]: i["count"] for i in body["items"]} == {
        "eligible": 5,
        "not_eligible": None,
    }
    assert [c["count"] for c in body["conditions"]] == [None]
    assert body["total"] == 5
