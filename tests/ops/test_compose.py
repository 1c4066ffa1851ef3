"""compose.yaml, checked without Docker: its settings are the service's, and (against the
PostgreSQL server of `make test-postgres`) its `api` service starts from the image's command
with its environment, migrates the database and passes its own health check."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, inspect

from insatser_api.config import Settings
from insatser_api.kit.database import normalize_url
from tests.conftest import ROOT
from tests.database import postgres_server_url, scratch_database
from tests.ops.image import started, wait_until_ready

COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
API = COMPOSE["services"]["api"]
DB = COMPOSE["services"]["db"]
_REQUIRED = re.compile(r"\$\{(\w+):\?[^}]*\}")


def test_the_api_waits_for_a_healthy_database_and_is_healthy_when_ready() -> None:
    assert API["build"] == "."
    assert API["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert DB["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(DB["healthcheck"]["test"])
    assert "/health/ready" in " ".join(API["healthcheck"]["test"])
    assert API["ports"] == ["127.0.0.1:8000:8000"]


def test_every_setting_it_gives_is_one_the_service_reads() -> None:
    known = {f"INSATSER_{name.upper()}" for name in Settings.model_fields} | {"DATABASE_URL"}
    assert set(API["environment"]) <= known
    assert API["environment"]["INSATSER_ENVIRONMENT"] == "production"
    # The secrets come from the caller's environment, required, never written in the file.
    assert _REQUIRED.fullmatch(API["environment"]["INSATSER_API_KEY_PEPPER"])
    assert "${POSTGRES_PASSWORD:?" in API["environment"]["DATABASE_URL"]


def _api_environment(database_url: str) -> dict[str, str]:
    """The api service's environment with the variables a caller would export filled in, and
    the host `db` replaced by the PostgreSQL server the tests run against."""
    values = {"INSATSER_API_KEY_PEPPER": secrets.token_urlsafe(32), "POSTGRES_PASSWORD": "x"}
    env = {
        name: _REQUIRED.sub(lambda m: values[m.group(1)], str(value))
        for name, value in API["environment"].items()
    }
    assert env["DATABASE_URL"].startswith("postgresql://insatser:x@db:5432/insatser")
    env["DATABASE_URL"] = database_url
    return env


@pytest.mark.database
@pytest.mark.skipif(postgres_server_url() is None, reason="needs PostgreSQL (make test-postgres)")
def test_the_api_service_migrates_postgresql_and_becomes_healthy(tmp_path: Path) -> None:
    with (
        scratch_database(tmp_path) as database_url,
        started(tmp_path, _api_environment(database_url)) as container,
    ):
        wait_until_ready(container)
        command = API["healthcheck"]["test"][1:]  # after "CMD"
        command = [c.replace("127.0.0.1:8000", f"127.0.0.1:{container.port}") for c in command]
        env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
        assert subprocess.run(command, env=env, timeout=30).returncode == 0
        engine = create_engine(normalize_url(database_url))
        try:
            assert "documentation_records" in inspect(engine).get_table_names()
        finally:
            engine.dispose()
