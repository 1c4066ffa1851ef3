"""Edges that once answered 500 or the wrong shape: each is now the right 4xx problem."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.config import Settings
from insatser_api.main import create_app
from tests.conftest import CATALOG_DIR

pytestmark = [pytest.mark.database, pytest.mark.usefixtures("empty_tables")]


def _field_errors(response: httpx.Response) -> dict[str, str]:
    assert response.headers["content-type"] == "application/problem+json", response.text
    return {e["field"]: e["code"] for e in response.json().get("errors", [])}


@pytest.mark.parametrize("field", ["text", "name"])
async def test_nul_in_a_journal_text_is_422_naming_the_field(
    client: httpx.AsyncClient, field: str
) -> None:
    body = {
        "performed_on": "2026-11-20",
        "personnummer": "19851231-1237",
        "text": "Samtal.",
        field: "före\x00efter",
    }
    response = await client.post("/v1/insatser/cra/documentation", json=body)
    assert response.status_code == 422
    assert _field_errors(response) == {field: "nul_character"}


async def test_nul_in_a_query_or_path_is_422(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/documentation", params={"insats_id": "cra\x00"})
    assert response.status_code == 422
    assert _field_errors(response) == {"insats_id": "nul_character"}
    response = await client.get("/v1/documentation/abc%00def")
    assert response.status_code == 422
    assert _field_errors(response) == {"path": "nul_character"}


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/insatser/akutboendet/eligibility", {"as_of": "9999-12-31"}, "as_of"),
        ("/v1/eligibility", {"as_of": "9999-12-31"}, "as_of"),
        ("/v1/eligibility", {"stay_until": "9999-12-31"}, "stay_until"),
        (
            "/v1/eligibility",
            {"history": [{"insats_id": "cra", "ended_on": "9999-12-30"}]},
            "history[0].ended_on",
        ),
    ],
)
async def test_dates_past_the_calendar_are_422(
    client: httpx.AsyncClient, path: str, body: dict[str, object], field: str
) -> None:
    response = await client.post(path, json=body)
    assert response.status_code == 422
    assert _field_errors(response) == {field: "date_out_of_range"}


async def test_the_last_calendar_day_is_still_judged(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/insatser/akutboendet/eligibility", json={"as_of": "9000-12-31"}
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "path", ["/v1/insatser/radgivande-samtal/documentation", "/v1/eligibility"]
)
async def test_a_body_that_is_not_utf_8_is_a_swedish_problem(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.post(
        path, content=b'{"text": "caf\xe9"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    problem = response.json()
    assert problem["type"].endswith("/malformed-json")
    assert problem["detail"].startswith("Begärans innehåll är inte giltig JSON")


async def test_an_empty_screening_logs_no_error(
    client: httpx.AsyncClient, app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    response = await client.post("/v1/eligibility", json={"insats_ids": []})
    assert response.status_code == 200
    app.state.decision_log.flush()
    assert not [r for r in caplog.records if r.name.startswith("insatser_api.decisions")]


async def test_head_answers_where_get_does(client: httpx.AsyncClient) -> None:
    get = await client.get("/v1/catalog/versions")
    head = await client.head("/v1/catalog/versions")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert (await client.head("/v1/eligibility")).status_code == 405  # POST only


async def test_a_refused_cors_preflight_is_a_problem(database_url: str) -> None:
    settings = Settings(
        environment="test",
        catalog_dir=CATALOG_DIR,
        database_url=database_url,
        auth_disabled=True,
        decision_log_enabled=False,
        cors_origins=["https://ok.example"],
    )
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        refused = await http.options(
            "/v1/insatser",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"},
        )
        allowed = await http.options(
            "/v1/insatser",
            headers={"Origin": "https://ok.example", "Access-Control-Request-Method": "GET"},
        )
    assert refused.status_code == 400
    assert refused.json()["type"].endswith("/cors-rejected")
    assert _field_errors(refused) == {
        "Origin": "cors_not_allowed",
        "Access-Control-Request-Method": "cors_not_allowed",
    }
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://ok.example"
