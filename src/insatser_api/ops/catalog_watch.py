"""One catalogue everywhere: every worker watches the catalogue folder and reloads in place.

Why a watcher in each worker rather than a signal to the supervisor (a rolling restart) or a
publication row in the database:

- A rolling restart replaces processes under load; uvicorn gives up when a new worker is slow to
  start ("not ready in time; … aborting the restart") and the workers are then split between
  versions for good, and requests in flight on a retiring worker are cut.
- The folder is what every deployment already shares: the catalogue is part of the image or a
  mounted volume (a ConfigMap). A worker that compares the folder's digest every
  `INSATSER_CATALOG_WATCH_SECONDS` converges by itself, in one process or in twenty containers,
  with no coordinator, no signal to deliver and no database needed to serve the catalogue.
  An admin reload only makes the worker it reached act at once; the others follow on their
  next look.

A change is acted on once the folder has read the same on two looks in a row, so a file still
being copied is never taken for a broken one. A folder that does not load is refused: the
worker keeps what it serves, logs the fault once per instance (a marker in the runtime folder
its sibling workers share) and does not try the same digest again.

The last good folder is also kept as a snapshot in the runtime folder: a worker started while a
broken file lies in the folder (uvicorn respawning one that died) serves that snapshot, the
catalogue its siblings serve, instead of failing to start again and again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI

from insatser_api.catalog.loader import CatalogError
from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.ops.metrics import CATALOG_DIGEST

logger = logging.getLogger(__name__)

# Set by `insatser-api serve` to a fresh folder its workers share (refusal markers, snapshot).
RUNTIME_DIR_VARIABLE = "INSATSER_RUNTIME_DIR"
_SNAPSHOT = "catalog-snapshot"
_CURRENT = "current"


def folder_digest(entries: Iterable[tuple[str, str]]) -> str:
    """One digest for a set of (file name, file digest): what an operator compares."""
    total = hashlib.sha256()
    for name, digest in sorted(entries):
        total.update(f"{name}\0{digest}\n".encode())
    return "sha256:" + total.hexdigest()


def registry_digest(registry: CatalogRegistry) -> str:
    return folder_digest((v.path.name, v.digest) for v in registry.versions)


def scan_folder(directory: Path) -> str | None:
    """The digest of the folder's `*.yaml` files as they are now; None if one cannot be read."""
    entries = []
    try:
        for path in sorted(directory.glob("*.yaml")):
            entries.append((path.name, "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()))
    except OSError:
        return None
    return folder_digest(entries)


def runtime_dir() -> Path | None:
    value = os.environ.get(RUNTIME_DIR_VARIABLE)
    return Path(value) if value else None


_reported_here: set[str] = set()
_reported_lock = threading.Lock()


def first_report(key: str) -> bool:
    """True for the first worker of this instance (the first process without a runtime
    folder) to report `key`; the others stay quiet about it."""
    with _reported_lock:
        if key in _reported_here:
            return False
        _reported_here.add(key)
    folder = runtime_dir()
    if folder is None:
        return True
    marker = folder / f"reported-{hashlib.sha256(key.encode()).hexdigest()[:24]}"
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    except OSError:
        return True  # no shared folder to agree in: better twice than never
    return True


def save_snapshot(directory: Path, digest: str) -> None:
    """Copy the folder just loaded as the instance's last good catalogue (atomically)."""
    folder = runtime_dir()
    if folder is None:
        return
    base = folder / _SNAPSHOT
    target = base / digest.removeprefix("sha256:")
    try:
        base.mkdir(parents=True, exist_ok=True)
        if not target.is_dir():
            staging = Path(tempfile.mkdtemp(dir=base, prefix=".staging-"))
            for path in sorted(directory.glob("*.yaml")):
                shutil.copy2(path, staging / path.name)
            try:
                staging.rename(target)
            except OSError:  # a sibling worker was first
                shutil.rmtree(staging, ignore_errors=True)
        pointer = base / f".{_CURRENT}-{os.getpid()}"
        pointer.write_text(target.name, encoding="utf-8")
        pointer.replace(base / _CURRENT)
    except OSError as error:
        logger.warning("catalogue snapshot not saved (%s)", type(error).__name__)


def load_snapshot() -> CatalogRegistry | None:
    folder = runtime_dir()
    if folder is None:
        return None
    base = folder / _SNAPSHOT
    try:
        name = (base / _CURRENT).read_text(encoding="utf-8").strip()
        return CatalogRegistry.from_directory(base / name)
    except (OSError, CatalogError):
        return None


def load_at_start(directory: Path) -> CatalogRegistry:
    """The folder's catalogue; if it is broken, the instance's last good snapshot, else raise."""
    try:
        registry = CatalogRegistry.from_directory(directory)
    except CatalogError as error:
        fallback = load_snapshot()
        if fallback is None:
            raise
        digest = registry_digest(fallback)
        if first_report(f"refused:{directory.resolve()}:{scan_folder(directory)}"):
            logger.error(
                "catalogue folder refused at start; serving the last good catalogue",
                extra={"error": str(error), "catalog_digest": digest},
            )
        return fallback
    save_snapshot(directory, registry_digest(registry))
    return registry


def publish_digest(previous: str | None, digest: str) -> None:
    """`insatser_catalog_digest_info{digest}` is 1 for the digest this worker serves."""
    if previous is not None and previous != digest:
        CATALOG_DIGEST.labels(previous).set(0)
    CATALOG_DIGEST.labels(digest).set(1)


class CatalogWatcher:
    """A daemon thread that looks at the folder every `interval` seconds and reloads on change."""

    def __init__(self, app: FastAPI, interval: float) -> None:
        self._app = app
        self._interval = interval
        self._previous: str | None = None
        self._refused: set[str] = set()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._interval <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="catalog-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self.check()
            except Exception:  # the watcher must outlive any one failure
                logger.exception("catalogue watch failed")

    def check(self) -> bool:
        """Look once; True if a new catalogue was swapped in."""
        from insatser_api.ops.reload import CatalogRefused, reload_catalog

        seen = scan_folder(self._app.state.catalog_dir)
        settled = seen is not None and seen == self._previous
        self._previous = seen
        if not settled or seen == self._app.state.catalog_digest or seen in self._refused:
            return False
        try:
            reload_catalog(self._app, seen=seen)
        except CatalogRefused:
            assert seen is not None
            self._refused.add(seen)
            return False
        return True
