"""`insatser-api serve --workers 2`: metrics added up over the workers, and a catalogue reload
that reaches every worker (uvicorn's rolling restart) or, for a broken file, none."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.catalog_files import LATER, break_consent, write_later_version
from tests.server import Server, running_server

WORKERS = 2
REQUESTS = 20


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("workers")
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp / "metrics")}
    with running_server(tmp, workers=WORKERS, env=env) as running:
        yield running


def _eventually(check: Callable[[], bool], timeout_s: float = 30) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def _versions_seen(server: Server) -> set[int]:
    """How many versions the workers answer with, over new connections (which the kernel
    spreads over the workers); -1 for a connection dropped by a worker that is shutting down
    (uvicorn closes connections that have not yet sent a request)."""
    seen = set()
    for _ in range(12):
        try:
            seen.add(len(httpx.get(server.url + "/v1/catalog/versions").json()["items"]))
        except httpx.TransportError:
            seen.add(-1)
    return seen


def test_metrics_add_up_every_worker(server: Server) -> None:
    for _ in range(REQUESTS):
        httpx.get(server.url + "/v1/insatser/cra")
    line = (
        'insatser_http_requests_total{method="GET",route="/v1/insatser/{insats_id}",status="200"}'
    )
    found = [m for m in httpx.get(server.url + "/metrics").text.splitlines() if m.startswith(line)]
    assert found
    assert float(found[0].split()[-1]) == REQUESTS


def test_an_admin_reload_reaches_every_worker(server: Server) -> None:
    write_later_version(server.catalog_dir)
    answer = httpx.post(server.url + "/v1/admin/catalog/reload", timeout=30).json()
    assert [v["version"] for v in answer["items"]] == ["2025-07-01", LATER]
    assert answer["rolling_restart"] is True
    assert _eventually(lambda: _versions_seen(server) == {2}), server.log()


def test_a_broken_file_keeps_the_workers_serving(server: Server) -> None:
    write_later_version(server.catalog_dir, break_consent)
    server.hangup()
    assert _eventually(lambda: "aborting the restart" in server.log()), server.log()
    assert server.process.poll() is None
    assert _versions_seen(server) == {2}, server.log()
