"""Request id, access log line and HTTP metrics from the one ASGI middleware."""

from __future__ import annotations

import io
import json
import logging

import httpx
import pytest

from insatser_api.config import Settings
from insatser_api.main import create_app
from insatser_api.ops.telemetry import request_id_from
from tests.conftest import CATALOG_DIR


def _access_lines(log: io.StringIO) -> list[dict[str, object]]:
    lines = [json.loads(line) for line in log.getvalue().splitlines()]
    return [line for line in lines if line["logger"] == "insatser_api.access"]


async def test_one_access_line_per_request(
    client: httpx.AsyncClient, json_log: io.StringIO
) -> None:
    response = await client.get("/v1/insatser/cra", headers={"X-Request-ID": "kundcenter-42"})
    assert response.headers["x-request-id"] == "kundcenter-42"
    (line,) = _access_lines(json_log)
    assert line["request_id"] == "kundcenter-42"
    assert line["method"] == "GET"
    assert line["route"] == "/v1/insatser/{insats_id}"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert set(line) == {
        "time", "level", "logger", "message", "request_id", "method", "route", "status",
        "duration_ms",
    }  # fmt: skip


async def test_an_id_is_made_when_none_is_given(client: httpx.AsyncClient) -> None:
    first = (await client.get("/health/live")).headers["x-request-id"]
    second = (await client.get("/health/live")).headers["x-request-id"]
    assert len(first) == 32
    assert first != second


@pytest.mark.parametrize(
    "offered",
    [
        "a" * 65,  # too long
        "id med mellanslag",
        "<script>",
        "200811222389",  # a personnummer
        "req-20081122-2389",
        "081122+2389",
        # issue 12: the same detector as for journal texts, so every written form
        "19750314.4045",
        "19750314_4045",
        "750314:4045",
        "1975-03-14-4045",
        "7-5-0-3-1-4-4-0-4-5",
        "req-1975-03-14",  # a date
        "batch-20261120",
        "070-1234567",  # a phone number
        "",
    ],
)
def test_unsafe_ids_are_replaced(offered: str) -> None:
    made = request_id_from(offered.encode())
    assert made != offered
    assert len(made) == 32


@pytest.mark.parametrize(
    "offered",
    [
        "abc",
        "550e8400-e29b-41d4-a716-44665544000a",
        "k.c:1_2-3",
        "4bf92f3577b34da6a3ce929d0e0e4736",  # a W3C trace id
        "kundcenter-42",
    ],
)
def test_safe_ids_are_kept(offered: str) -> None:
    assert request_id_from(offered.encode()) == offered


async def test_metrics_count_route_templates(client: httpx.AsyncClient) -> None:
    await client.get("/v1/insatser/bubblan")
    await client.get("/finns/inte/12345")
    await client.get("/docs/static/swagger-ui.css")
    text = (await client.get("/metrics")).text
    assert (
        'insatser_http_requests_total{method="GET",route="/v1/insatser/{insats_id}",status="200"}'
        in text
    )
    assert 'route="unmatched",status="404"' in text
    assert 'route="/docs/static/{path}",status="200"' in text
    assert "/v1/insatser/bubblan" not in text
    assert "/finns/inte" not in text
    assert (
        'insatser_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/v1/insatser/{insats_id}"}'
        in text
    )


async def test_unknown_methods_share_one_label(client: httpx.AsyncClient) -> None:
    await client.request("BREW", "/health/live")
    assert 'method="OTHER",route="/health/live",status="405"' in (await client.get("/metrics")).text


async def test_eligibility_outcomes_per_insats(client: httpx.AsyncClient) -> None:
    def count(text: str) -> float:
        prefix = 'insatser_eligibility_outcomes_total{insats_id="akutboendet",outcome="eligible"} '
        found = [line for line in text.splitlines() if line.startswith(prefix)]
        return float(found[0].removeprefix(prefix)) if found else 0.0

    before = count((await client.get("/metrics")).text)
    body = {"as_of": "2026-11-20", "applicant": {"age": 40, "folkbokford_kommunkod": "2380"}}
    await client.post("/v1/insatser/akutboendet/eligibility", json=body)
    await client.post("/v1/eligibility", json={**body, "insats_ids": ["akutboendet", "cra"]})
    assert count((await client.get("/metrics")).text) == before + 2


async def test_lines_logged_while_answering_carry_the_request_id(json_log: io.StringIO) -> None:
    app = create_app(
        Settings(environment="test", catalog_dir=CATALOG_DIR, database_url="sqlite://")
    )

    @app.get("/v1/loggar")
    def logs_something() -> None:  # a plain def: answered in a worker thread
        logging.getLogger("insatser_api.test").warning("något hände")

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        await http.get("/v1/loggar", headers={"X-Request-ID": "spar-1"})
    logged = [json.loads(line) for line in json_log.getvalue().splitlines()]
    warning = next(line for line in logged if line["message"] == "något hände")
    assert warning["request_id"] == "spar-1"
