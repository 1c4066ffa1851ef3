"""The client's error and its import cost, without a server."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from insatser_api.client import InsatserClient, ProblemResponse


def _client(handler: httpx.MockTransport) -> InsatserClient:
    return InsatserClient(http=httpx.Client(transport=handler, base_url="http://test"))


def test_an_answer_from_something_else_still_raises_typed() -> None:
    proxy = httpx.MockTransport(
        lambda request: httpx.Response(502, text="<html>Bad Gateway</html>")
    )
    with pytest.raises(ProblemResponse) as caught:
        _client(proxy).get_catalog()
    assert caught.value.status == 502
    assert caught.value.problem.type == "about:blank"
    assert "Bad Gateway" in caught.value.problem.detail


def test_ready_503_is_an_answer() -> None:
    body = {"status": "unavailable", "checks": {"catalog": "ok", "database": "unreachable"}}
    server = httpx.MockTransport(lambda request: httpx.Response(503, json=body))
    readiness = _client(server).health_ready()
    assert not readiness.ready
    assert readiness.checks["database"] == "unreachable"


def test_requests_are_built_as_the_api_names_them() -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"items": [], "total_items": 0, "page": 2, "per_page": 5})

    with InsatserClient(
        http=httpx.Client(transport=httpx.MockTransport(record), base_url="http://test"),
        api_key="k",
    ) as api:
        api.list_insatser(sektor="Öppenvård", q="samtal", page=2, per_page=5)
    (request,) = seen
    assert request.url.path == "/v1/insatser"
    assert dict(request.url.params) == {
        "sektor": "Öppenvård", "q": "samtal", "page": "2", "per_page": "5"
    }  # fmt: skip
    assert request.headers["authorization"] == "Bearer k"


def test_importing_the_client_does_not_build_the_app() -> None:
    code = (
        "import sys, insatser_api.client; "
        "assert 'insatser_api.main' not in sys.modules; "
        "assert 'insatser_api.ops.metrics' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
