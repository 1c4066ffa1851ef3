"""`insatser-api serve --workers 2`: metrics added up over the workers, and a catalogue change
that every worker takes up in place, under load and without a failed request, or, for a broken
file, none of them (reported once).

The waits are deadlines for a loaded two-core CI machine, not expectations: a quiet machine
converges in about two seconds (docs/operations.md).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from insatser_api.ops.catalog_watch import scan_folder
from tests.catalog_files import break_consent, write_later_version
from tests.server import Server, running_server

WORKERS = 2
REQUESTS = 20
DEADLINE_S = 120


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("workers")
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp / "metrics")}
    with running_server(tmp, workers=WORKERS, env=env) as running:
        yield running


def _eventually(check: Callable[[], bool], timeout_s: float = DEADLINE_S) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return False


@dataclass
class Load:
    """Clients on kept-open connections (each stays with the worker that accepted it) asking
    for the catalogue versions until stopped; every answer that is not a 200 is a failure."""

    url: str
    clients: int = 6
    answers: int = 0
    failures: list[str] = field(default_factory=list)
    latest: dict[int, int] = field(default_factory=dict)  # client → versions in its last answer
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def __enter__(self) -> Load:
        for number in range(self.clients):
            thread = threading.Thread(target=self._run, args=(number,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _run(self, number: int) -> None:
        with httpx.Client(base_url=self.url, timeout=60) as http:
            while not self._stop.is_set():
                try:
                    response = http.get("/v1/catalog/versions")
                except httpx.TransportError as error:
                    self.failures.append(type(error).__name__)
                    continue
                self.answers += 1
                if response.status_code != 200:
                    self.failures.append(str(response.status_code))
                    continue
                self.latest[number] = len(response.json()["items"])


def _digests_served(server: Server) -> dict[str, str]:
    """pid → the digest each live worker reports serving (its metric at 1)."""
    text = httpx.get(server.url + "/metrics", timeout=60).text
    served = {}
    for line in text.splitlines():
        if line.startswith("insatser_catalog_digest_info{") and line.endswith(" 1.0"):
            labels = dict(re.findall(r'(\w+)="([^"]*)"', line))
            served[labels["pid"]] = labels["digest"]
    return served


def test_metrics_add_up_every_worker(server: Server) -> None:
    for _ in range(REQUESTS):
        httpx.get(server.url + "/v1/insatser/cra")
    line = (
        'insatser_http_requests_total{method="GET",route="/v1/insatser/{insats_id}",status="200"}'
    )
    found = [m for m in httpx.get(server.url + "/metrics").text.splitlines() if m.startswith(line)]
    assert found
    assert float(found[0].split()[-1]) == REQUESTS


def test_every_worker_takes_up_a_new_version_under_load(server: Server) -> None:
    before = _digests_served(server)
    assert len(before) == WORKERS, before
    assert len(set(before.values())) == 1, before
    with Load(server.url) as load:
        assert _eventually(lambda: len(load.latest) == load.clients)
        write_later_version(server.catalog_dir)
        wanted = scan_folder(server.catalog_dir)
        assert _eventually(
            lambda: (
                set(load.latest.values()) == {2}
                and set(_digests_served(server).values()) == {wanted}
            )
        ), (load.latest, _digests_served(server), server.log())
        ready = httpx.get(server.url + "/health/ready", timeout=60).json()
        assert ready["catalog"]["digest"] == wanted
    assert load.answers > 0
    assert load.failures == [], load.failures
    assert "was not ready in time" not in server.log()


def test_a_broken_file_moves_no_worker_and_is_reported_once(server: Server) -> None:
    served = _digests_served(server)
    assert len(served) == WORKERS
    assert len(set(served.values())) == 1
    with Load(server.url) as load:
        write_later_version(server.catalog_dir, break_consent)
        # Both workers meet the broken folder on their next looks and refuse it.
        assert _eventually(lambda: "catalogue reload refused" in server.log()), server.log()
        time.sleep(5)  # several more looks by every worker
        assert _digests_served(server) == served
        assert set(load.latest.values()) == {2}
    assert load.failures == [], load.failures
    assert server.log().count("catalogue reload refused") == 1, server.log()
    assert server.process.poll() is None
