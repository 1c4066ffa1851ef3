"""The Dockerfile, checked without a Docker engine: its HEALTHCHECK command is run for real."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.server import Server, free_port, running_server

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _healthcheck_command() -> list[str]:
    joined = DOCKERFILE.replace("\\\n", " ")
    match = re.search(r"^HEALTHCHECK .*? CMD (\[.*\])$", joined, re.MULTILINE)
    assert match, "no HEALTHCHECK ... CMD [...]"
    command: list[str] = json.loads(match.group(1))
    return command


def test_the_image_runs_unprivileged_from_the_lock_with_a_data_volume() -> None:
    assert DOCKERFILE.count("\nFROM ") + DOCKERFILE.startswith("FROM ") >= 2
    assert "-slim" in DOCKERFILE
    assert "--constraint requirements.lock" in DOCKERFILE
    assert re.search(r"^USER insatser$", DOCKERFILE, re.MULTILINE)
    assert 'VOLUME ["/app/data"]' in DOCKERFILE
    assert "db upgrade && exec insatser-api serve" in DOCKERFILE
    assert "curl" not in _healthcheck_command()
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "data"} <= set(ignored)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("server")) as running:
        yield running


def _run_healthcheck(port: str) -> int:
    # `python` in the image is the virtualenv's; here, the one running the tests.
    env = {**os.environ, "INSATSER_PORT": port, "PATH": str(Path(sys.executable).parent)}
    return subprocess.run(
        _healthcheck_command(), env=env, capture_output=True, timeout=30
    ).returncode


def test_the_healthcheck_passes_on_a_live_server_and_fails_without_one(server: Server) -> None:
    assert _run_healthcheck(server.url.rsplit(":", 1)[1]) == 0
    assert _run_healthcheck(str(free_port())) != 0
