"""A personnummer sent in a body, a path, a query or a header reaches no log line, no metric
label and no error body; an exception's message (which may quote input) is never logged."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.config import Settings
from insatser_api.main import create_app
from tests.conftest import CATALOG_DIR
from tests.server import Server, running_server

PERSONNUMMER = "200811222389"
FORMS = (PERSONNUMMER, "20081122-2389", "081122-2389", "0811222389")


def _send_personal_data(http: httpx.Client) -> list[httpx.Response]:
    body = {"applicant": {"personnummer": PERSONNUMMER, "folkbokford_kommunkod": "2380"}}
    return [
        http.post("/v1/insatser/cra/eligibility", json=body),
        http.post(f"/v1/insatser/{PERSONNUMMER}/eligibility", json=body),
        http.post("/v1/eligibility", json={"applicant": {"personnummer": "20081122-2388"}}),
        http.get(f"/v1/insatser/{PERSONNUMMER}", params={"q": PERSONNUMMER}),
        http.get(f"/{PERSONNUMMER}"),
        http.get("/health/live", headers={"X-Request-ID": PERSONNUMMER}),
    ]


def _assert_absent(text: str) -> None:
    for form in (*FORMS, "20081122-2388"):
        assert form not in text


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("server")) as running:
        yield running


def test_a_real_server_keeps_it_out_of_logs_and_metrics(server: Server) -> None:
    with httpx.Client(base_url=server.url) as http:
        responses = _send_personal_data(http)
        metrics = http.get("/metrics").text
    assert [r.status_code for r in responses] == [200, 404, 422, 404, 404, 200]
    for response in responses:
        _assert_absent(response.text)
        _assert_absent(response.headers["x-request-id"])
    _assert_absent(metrics)
    log = server.log()
    assert log.count('"logger":"insatser_api.access"') >= len(responses)
    _assert_absent(log)


@pytest.fixture
def failing_app(tmp_path: Path) -> FastAPI:
    app = create_app(
        Settings(environment="test", catalog_dir=CATALOG_DIR, database_url="sqlite://")
    )

    @app.get("/v1/boom/{value}")
    async def boom(value: str) -> None:
        raise ValueError(f"could not handle {value}")

    return app


async def test_an_unexpected_error_logs_type_and_stack_only(
    failing_app: FastAPI, json_log: io.StringIO
) -> None:
    transport = httpx.ASGITransport(app=failing_app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        response = await http.get(f"/v1/boom/{PERSONNUMMER}")
    assert response.status_code == 500
    assert response.headers["x-request-id"]
    _assert_absent(response.text)
    # The test's own httpx client logs its URL; only the service's lines are judged here.
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    service = [line for line in lines if line["logger"] != "httpx"]
    access = [line for line in service if line["logger"] == "insatser_api.access"]
    assert access[0]["status"] == 500
    assert access[0]["route"] == "/v1/boom/{value}"
    _assert_absent(json.dumps(service))
