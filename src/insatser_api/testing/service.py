"""The real service in a subprocess, for tests: `insatser-api serve` on a free loopback port,
on a fresh SQLite database in a temporary folder, authentication off.

The pytest fixture (`insatser_api.testing`) is built on `start_service`; a suite that wants
one server for a whole module or session can use it directly in a fixture of its own.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from insatser_api.client import InsatserClient

# A cold start imports the app, loads and compiles the catalogue and migrates the database:
# about two seconds on a quiet machine, far more on a busy CI runner.
START_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0
_PORT_ATTEMPTS = 3
# Settings of the caller's own environment that must not leak into the test service.
_INHERITED_PREFIXES = ("INSATSER_",)
_INHERITED_NAMES = ("DATABASE_URL", "PROMETHEUS_MULTIPROC_DIR")


class ServiceError(RuntimeError):
    """The service did not start; the message ends with its log."""


@dataclass
class InsatserService:
    """A running service: `url` is its base URL, `client` an `InsatserClient` on it."""

    url: str
    catalog_dir: Path | None
    as_of: dt.date | None
    database_url: str
    log_path: Path
    process: subprocess.Popen[bytes] = field(repr=False)
    _client: InsatserClient | None = field(default=None, repr=False)

    @property
    def client(self) -> InsatserClient:
        if self._client is None:
            from insatser_api.client import InsatserClient

            self._client = InsatserClient(self.url, timeout=30.0)
        return self._client

    def log(self) -> str:
        """What the service wrote (JSON lines), e.g. to attach to a failing test."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextmanager
def start_service(
    *,
    catalog_dir: str | os.PathLike[str] | None = None,
    as_of: dt.date | str | None = None,
    env: Mapping[str, str] | None = None,
    folder: str | os.PathLike[str] | None = None,
) -> Iterator[InsatserService]:
    """Start the service, wait until `/health/ready` answers 200, stop it afterwards.

    `catalog_dir`: a folder of catalogue versions (`<valid_from>.yaml`); by default the one
    bundled with the package. `as_of`: the day the service takes as today (`INSATSER_TODAY`),
    so answers do not change with the calendar. `env`: more settings. `folder`: where the
    database and the log go; by default a temporary folder removed afterwards.
    """
    day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    catalog = Path(catalog_dir).resolve() if catalog_dir is not None else None
    if catalog is not None and not catalog.is_dir():
        raise ServiceError(f"insatser_service: catalogue folder {catalog} does not exist")
    owned = folder is None
    base = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="insatser-"))
    try:
        service = _start(base, catalog, day, env or {})
        try:
            yield service
        finally:
            if service._client is not None:
                service._client.close()
            stop_process(service.process)
    finally:
        if owned:
            shutil.rmtree(base, ignore_errors=True)


def _start(
    base: Path, catalog: Path | None, day: dt.date | None, extra: Mapping[str, str]
) -> InsatserService:
    database_url = f"sqlite:///{base / 'insatser.db'}"
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(_INHERITED_PREFIXES) and name not in _INHERITED_NAMES
    }
    environment.update(
        {
            "INSATSER_ENVIRONMENT": "test",
            "INSATSER_AUTH_DISABLED": "true",
            "DATABASE_URL": database_url,
            "INSATSER_WORKERS": "1",
            "INSATSER_LOG_FORMAT": "json",
        }
    )
    if catalog is not None:
        environment["INSATSER_CATALOG_DIR"] = str(catalog)
    if day is not None:
        environment["INSATSER_TODAY"] = day.isoformat()
    environment.update(extra)
    for attempt in range(_PORT_ATTEMPTS):
        port = _free_port()
        log_path = base / f"service-{attempt}.log"
        command = [sys.executable, "-m", "insatser_api", "serve", "--host", "127.0.0.1"]
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [*command, "--port", str(port)],
                cwd=base,  # no .env and no data/ of the caller's folder
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        service = InsatserService(url, catalog, day, database_url, log_path, process)
        if _wait_until_ready(service):
            return service
        # The port was taken between choosing it and binding it: try another one.
        if "address already in use" not in service.log().lower():
            break
    raise ServiceError(f"insatser-api did not start:\n{service.log()[-4000:]}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_ready(service: InsatserService) -> bool:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(service.url + "/health/ready", timeout=2) as answer:
                if answer.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    stop_process(service.process)
    raise ServiceError(
        f"insatser-api was not ready within {START_TIMEOUT_S:.0f} s:\n{service.log()[-4000:]}"
    )


def stop_process(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_S) -> None:
    """Stop a server process: SIGTERM, and SIGKILL if it has not gone within `timeout` seconds.

    The project's own tests and benchmarks stop their servers with it too."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
