"""A catalogue folder with two versions, to test picking the version in force by date; in
the later one, spelbehandling is documented de-identified (14 kap. 5 §)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi import FastAPI

from insatser_api.config import Settings
from insatser_api.main import create_app
from tests.conftest import CATALOG_DIR

LATER = "2026-01-01"
DECISION = "SAN 2025-12-10 § 99 (testbeslut)"


@pytest.fixture(scope="session")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catalog")
    shutil.copy(CATALOG_DIR / "2025-07-01.yaml", folder / "2025-07-01.yaml")
    data = yaml.safe_load((CATALOG_DIR / "2025-07-01.yaml").read_text(encoding="utf-8"))
    data["version"] = LATER
    data["valid_from"] = LATER
    insats = next(i for i in data["insatser"] if i["id"] == "spelbehandling")
    insats["documentation"] = {
        "mode": "deidentified",
        "legal_basis": "14 kap. 5 § socialtjänstlagen (2025:400)",
        "text": "Nämnden har beslutat att uppgifter som kan röja identiteten inte dokumenteras.",
        "decision": DECISION,
    }
    (folder / f"{LATER}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="session")
def two_version_app(two_versions: Path, database_url: str) -> Iterator[FastAPI]:
    application = create_app(
        Settings(
            environment="test",
            catalog_dir=two_versions,
            database_url=database_url,
            # Its answers would land in the shared decision log at any moment.
            decision_log_enabled=False,
            auth_disabled=True,
        )
    )
    yield application
    application.state.database.dispose()


@pytest.fixture
async def two_version_client(two_version_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=two_version_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http
