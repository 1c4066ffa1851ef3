"""A real `insatser-api serve` in a subprocess on a free local port, for end-to-end tests.

It runs on a copy of the bundled catalogue (tests may add files and reload) and a migrated
SQLite file in a temporary folder; its stderr (the JSON log) is kept in a file to read.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from insatser_api.kit import migrations
from insatser_api.testing.service import stop_process
from tests.conftest import CATALOG_DIR

START_TIMEOUT_S = 120  # a loaded two-core CI machine, not an expectation


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]
    catalog_dir: Path
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def hangup(self) -> None:
        self.process.send_signal(signal.SIGHUP)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_server(
    tmp: Path,
    *,
    workers: int = 1,
    env: Mapping[str, str] | None = None,
    database_url: str | None = None,
) -> Iterator[Server]:
    """`database_url`: an already migrated database; by default a new SQLite file in `tmp`."""
    catalog_dir = tmp / "catalog"
    shutil.copytree(CATALOG_DIR, catalog_dir)
    if database_url is None:
        database_url = f"sqlite:///{tmp / 'insatser.db'}"
        migrations.upgrade(database_url)
    port = free_port()
    environment = {
        **os.environ,
        "INSATSER_ENVIRONMENT": "test",
        # Other teams run the service like this in their CI; the keys have their own tests.
        "INSATSER_AUTH_DISABLED": "true",
        "INSATSER_CATALOG_DIR": str(catalog_dir),
        "DATABASE_URL": database_url,
        "INSATSER_LOG_FORMAT": "json",
        "INSATSER_LOG_LEVEL": "INFO",
    }
    environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    environment.update(env or {})
    log_path = tmp / "server.log"
    command = [sys.executable, "-m", "insatser_api.cli", "serve", "--port", str(port)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*command, "--workers", str(workers)],
            cwd=tmp,  # no .env, no data/ of the checkout
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", process, catalog_dir, log_path)
    try:
        _wait_until_live(server)
        yield server
    finally:
        stop_process(process, timeout=10)


def _wait_until_live(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited at start:\n{server.log()}")
        try:
            if httpx.get(server.url + "/health/live", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {START_TIMEOUT_S} s:\n{server.log()}")
