"""The Dockerfile, checked without a Docker engine: what its build stage copies is what the
wheel needs, and the image's command and health check are run for real with its environment."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from tests.conftest import ROOT
from tests.ops.image import DOCKERFILE, exec_form, image_environment, instructions, started
from tests.ops.image import wait_until_ready as _wait_until_ready
from tests.packaging.test_wheel import BUILD_INPUTS
from tests.server import free_port

TEST_MODE = {"INSATSER_ENVIRONMENT": "test", "INSATSER_AUTH_DISABLED": "true"}


def test_the_image_runs_unprivileged_from_the_lock_with_a_data_volume() -> None:
    assert DOCKERFILE.count("\nFROM ") + DOCKERFILE.startswith("FROM ") >= 2
    assert "-slim" in DOCKERFILE
    assert "--constraint requirements.lock" in DOCKERFILE
    assert re.search(r"^USER insatser$", DOCKERFILE, re.MULTILINE)
    assert 'VOLUME ["/app/data"]' in DOCKERFILE
    assert exec_form("CMD") == ["sh", "-c", "insatser-api db upgrade && exec insatser-api serve"]
    assert "curl" not in exec_form("HEALTHCHECK")
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "data"} <= set(ignored)
    assert not set(BUILD_INPUTS) & set(ignored)


def test_the_build_stage_copies_what_the_wheel_is_built_from() -> None:
    copied: set[str] = set()
    for word, rest in instructions(0):
        if word == "COPY":
            copied.update(rest.split()[:-1])
    assert copied == {*BUILD_INPUTS, "requirements.lock"}
    # The image needs nothing of the checkout: the package carries catalogue and migrations.
    assert [r for w, r in instructions(1) if w == "COPY"] == ["--from=build /opt/venv /opt/venv"]
    assert image_environment()["DATABASE_URL"] == "sqlite:////app/data/insatser.db"


def test_test_mode_needs_no_pepper_and_no_key(tmp_path: Path) -> None:
    with started(tmp_path, TEST_MODE) as container:
        _wait_until_ready(container)
        answer = httpx.post(
            container.url + "/v1/insatser/cra/eligibility",
            json={"as_of": "2026-11-20", "applicant": {"age": 30, "folkbokford_kommunkod": "2380"}},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["outcome"] == "eligible"
        assert _run_healthcheck(container.port) == 0
    assert (tmp_path / "data" / "insatser.db").is_file()  # in the volume


def test_production_mode_refuses_to_start_without_a_pepper(tmp_path: Path) -> None:
    with started(tmp_path, {}) as container:
        assert container.process.wait(timeout=120) != 0
        assert "INSATSER_API_KEY_PEPPER" in container.log()


def _run_healthcheck(port: int) -> int:
    # `python` in the image is the virtualenv's; here, the one running the tests.
    env = {**os.environ, "INSATSER_PORT": str(port), "PATH": str(Path(sys.executable).parent)}
    return subprocess.run(
        exec_form("HEALTHCHECK"), env=env, capture_output=True, timeout=30
    ).returncode


def test_the_healthcheck_fails_without_a_server() -> None:
    assert _run_healthcheck(free_port()) != 0
