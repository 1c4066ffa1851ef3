"""`insatser-api serve`: uvicorn, with what production needs around it.

- **Every worker count listens on one socket made here** (several workers share it), as a TCP socket (`IPPROTO_TCP`)
  with TCP_NODELAY. uvicorn's own multi-worker socket is created with protocol 0, and asyncio
  sets TCP_NODELAY only on connections of a socket that says TCP: Nagle's algorithm then held
  every small response back until the client's delayed ACK, ~40 ms on a kept-open connection.
- **SIGHUP goes to every worker**, each of which reloads its catalogue in place
  (ops/reload.py). uvicorn's default, a rolling restart, replaced processes under load, gave up
  when a new one was slow to start and cut the requests of the retiring ones.
- **A runtime folder shared by the workers** (`INSATSER_RUNTIME_DIR`): the last good catalogue
  and the markers that make a refused catalogue be reported once (ops/catalog_watch.py).
- No `server` banner; a worker busy on a loaded machine is given 30 s, not 5, to answer the
  supervisor's health ping before it is killed and replaced.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import uvicorn
from uvicorn.supervisors import Multiprocess

from insatser_api.catalog.loader import CatalogError
from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.kit.heap import collector_paused
from insatser_api.ops.catalog_watch import RUNTIME_DIR_VARIABLE

logger = logging.getLogger(__name__)
T = TypeVar("T")

# The factory configures logging and the collector in each worker (insatser_api.main).
APP = "insatser_api.main:served_app"
WORKER_HEALTHCHECK_S = 30
# uvloop has no Windows build; there (development only) asyncio's own loop.
LOOP = "asyncio" if sys.platform == "win32" else "uvloop"


def uvicorn_options(host: str, port: int, workers: int) -> dict[str, Any]:
    return {
        "host": host,
        "port": port,
        "workers": workers,
        "factory": True,
        "proxy_headers": True,
        # The access log prints raw paths, which a careless caller could fill with a
        # personnummer; request logging belongs to the app, with route templates only.
        "access_log": False,
        # Logging is configured by the CLI and in each worker (insatser_api.main), as JSON.
        "log_config": None,
        # No `server: uvicorn`: what runs behind the port is nobody's business.
        "server_header": False,
        "timeout_worker_healthcheck": WORKER_HEALTHCHECK_S,
        # uvloop's event loop and httptools' parser (uvicorn[standard]'s pieces, pinned):
        # chosen by measurement over asyncio + h11 (docs/performance.md, fifth round).
        "loop": LOOP,
        "http": "httptools",
    }


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Inherited by accepted connections on Linux; asyncio sets it on them too, now that the
    # socket says TCP.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


class Supervisor(Multiprocess):
    """uvicorn's worker supervisor, with SIGHUP passed on to the workers instead of a restart."""

    def handle_hup(self) -> None:
        logger.info("SIGHUP: every worker reloads the catalogue in place")
        for process in self.processes:
            if process.pid is not None:
                try:
                    os.kill(process.pid, signal.SIGHUP)
                except ProcessLookupError:  # it just died; its replacement loads the folder
                    continue


@contextmanager
def runtime_folder() -> Iterator[None]:
    folder = tempfile.mkdtemp(prefix="insatser-api-")
    os.environ[RUNTIME_DIR_VARIABLE] = folder
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_catalogue(directory: Path) -> None:
    """Refuse to start on a catalogue folder that does not load: one clear JSON log line and
    exit 1, instead of workers that fail at import and are respawned over and over."""
    refuse_a_broken_catalogue(lambda: CatalogRegistry.from_directory(directory))


def refuse_a_broken_catalogue(load: Callable[[], T]) -> T:
    try:
        return load()
    except CatalogError as error:
        logger.error(
            "the catalogue folder cannot be used; not starting", extra={"error": str(error)}
        )
        raise SystemExit(1) from None


def run(host: str, port: int, workers: int, catalog_dir: Path) -> None:
    options = uvicorn_options(host, port, workers)
    with runtime_folder():
        if workers == 1:
            # No collections while the app's modules are imported and the app is built
            # (kit/heap.py); served_app freezes what it built before the collector resumes.
            with collector_paused():
                # Imported here: a supervisor of several workers never builds the app itself.
                from insatser_api.main import served_app

                # One process serves: the app built here (catalog_dir is its settings' folder)
                # is the one uvicorn runs, so its catalogue load is the start-up check, done once.
                app = refuse_a_broken_catalogue(served_app)
            config = uvicorn.Config(app, **{**options, "factory": False})
            # One socket of our own for every worker count, so TCP_NODELAY never depends on it.
            uvicorn.Server(config).run(sockets=[listening_socket(host, port)])
            return
        check_catalogue(catalog_dir)
        sock = listening_socket(host, port)
        Supervisor(uvicorn.Config(APP, **options), sockets=[sock]).run()
