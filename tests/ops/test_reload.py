"""Catalogue reload: a valid new version is swapped in; a broken file is refused and the
loaded catalogue keeps serving."""

from __future__ import annotations

import shutil
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from insatser_api.catalog.loader import CatalogError
from insatser_api.config import Settings
from insatser_api.main import create_app
from insatser_api.ops.catalog_watch import (
    RUNTIME_DIR_VARIABLE,
    CatalogWatcher,
    load_at_start,
    registry_digest,
    scan_folder,
)
from tests.catalog_files import LATER, break_consent, write_later_version
from tests.conftest import CATALOG_DIR
from tests.server import Server, running_server


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, folder)
    return folder


@pytest.fixture
def reload_app(catalog_dir: Path) -> FastAPI:
    return create_app(
        Settings(
            environment="test",
            catalog_dir=catalog_dir,
            database_url="sqlite://",
            auth_disabled=True,
            decision_log_enabled=False,
        )
    )


@pytest.fixture
async def http(reload_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=reload_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_a_new_version_is_swapped_in(
    reload_app: FastAPI, http: httpx.AsyncClient, catalog_dir: Path
) -> None:
    before = reload_app.state.registry
    write_later_version(catalog_dir)
    response = await http.post("/v1/admin/catalog/reload")
    assert response.status_code == 200
    body = response.json()
    assert [v["version"] for v in body["items"]] == ["2025-07-01", LATER]
    assert body["digest"] == scan_folder(catalog_dir) == reload_app.state.catalog_digest
    assert reload_app.state.registry is not before
    versions = (await http.get("/v1/catalog/versions")).json()["items"]
    assert len(versions) == 2
    answer = await http.get("/v1/catalog", params={"as_of": "2026-02-01"})
    assert answer.headers["catalog-version"] == LATER


async def test_a_broken_file_is_refused_and_the_old_catalogue_serves(
    reload_app: FastAPI, http: httpx.AsyncClient, catalog_dir: Path
) -> None:
    before = reload_app.state.registry
    bad = write_later_version(catalog_dir, break_consent)
    response = await http.post("/v1/admin/catalog/reload")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("catalog-refused")
    (error,) = problem["errors"]
    assert error["field"] == str(bad)
    assert "insatser[2](bra-samtal-vuxen).consent.without_consent_from_15" in error["message"]
    assert reload_app.state.registry is before
    assert (await http.get("/v1/insatser/cra")).status_code == 200
    metrics = (await http.get("/metrics")).text
    assert 'insatser_catalog_reloads_total{result="refused"}' in metrics


async def test_the_watcher_swaps_in_a_settled_change_and_refuses_a_broken_one_once(
    reload_app: FastAPI,
    http: httpx.AsyncClient,
    catalog_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    watcher = CatalogWatcher(reload_app, interval=3600)  # looked at by hand below
    before = reload_app.state.catalog_digest
    assert watcher.check() is False  # the first look only notes the folder
    write_later_version(catalog_dir)
    assert watcher.check() is False  # changed since the last look: maybe still being written
    assert reload_app.state.catalog_digest == before
    assert watcher.check() is True  # the same twice: swapped in
    assert reload_app.state.catalog_digest == scan_folder(catalog_dir) != before
    assert len((await http.get("/v1/catalog/versions")).json()["items"]) == 2
    served = reload_app.state.catalog_digest

    write_later_version(catalog_dir, break_consent)
    for _ in range(4):
        assert watcher.check() is False
    assert reload_app.state.catalog_digest == served
    refusals = [r for r in caplog.records if r.getMessage().startswith("catalogue reload refused")]
    assert len(refusals) == 1, "a broken folder is reported once"
    metrics = (await http.get("/metrics")).text
    assert f'insatser_catalog_digest_info{{digest="{served}"}} 1.0' in metrics


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    # The folder watcher off: this server reloads on SIGHUP only, which is what is tested here.
    env = {"INSATSER_CATALOG_WATCH_SECONDS": "0"}
    with running_server(tmp_path_factory.mktemp("server"), env=env) as running:
        yield running


def _versions(server: Server) -> list[str]:
    items = httpx.get(server.url + "/v1/catalog/versions").json()["items"]
    return [item["version"] for item in items]


def _eventually(check: object, timeout_s: float = 90) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if callable(check) and check():
            return True
        time.sleep(0.1)
    return False


def test_sighup_reloads_a_running_server(server: Server) -> None:
    assert _versions(server) == ["2025-07-01"]
    write_later_version(server.catalog_dir)
    server.hangup()
    assert _eventually(lambda: _versions(server) == ["2025-07-01", LATER])
    # Now a broken file: refused, logged, and the server goes on with what it had.
    write_later_version(server.catalog_dir, break_consent)
    server.hangup()
    assert _eventually(lambda: "catalogue reload refused" in server.log())
    assert server.process.poll() is None
    assert _versions(server) == ["2025-07-01", LATER]
    assert httpx.get(server.url + "/health/ready").status_code == 200


def test_a_worker_started_on_a_broken_folder_serves_the_last_good_catalogue(
    catalog_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RUNTIME_DIR_VARIABLE, str(tmp_path / "runtime"))
    (tmp_path / "runtime").mkdir()
    write_later_version(catalog_dir)
    good = load_at_start(catalog_dir)  # the first worker: loads the folder, keeps a snapshot
    write_later_version(catalog_dir, break_consent)
    respawned = load_at_start(catalog_dir)  # a worker started now, on the broken folder
    assert registry_digest(respawned) == registry_digest(good)
    assert [v.version for v in respawned.versions] == ["2025-07-01", LATER]
    monkeypatch.delenv(RUNTIME_DIR_VARIABLE)
    with pytest.raises(CatalogError):  # no snapshot: a fresh instance refuses to start
        load_at_start(catalog_dir)
