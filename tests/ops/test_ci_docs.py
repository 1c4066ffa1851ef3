"""docs/ci.md works when pasted: the CI jobs' service settings start the image's command in
test mode, and their wait steps pass on a ready server and fail without one."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.conftest import ROOT
from tests.ops.image import Container, started
from tests.server import free_port

JOBS: list[dict[str, Any]] = [
    yaml.safe_load(block)
    for block in re.findall(
        r"```yaml\n(.*?)```", (ROOT / "docs" / "ci.md").read_text(encoding="utf-8"), re.DOTALL
    )
]
GITHUB = JOBS[0]["jobs"]["integration"]
GITLAB = JOBS[1]["integration"]


def _github_service_env() -> dict[str, str]:
    service = GITHUB["services"]["insatser"]
    assert service["ports"] == ["8000:8000"]
    return {name: str(value) for name, value in service["env"].items()}


def _github_wait_step() -> str:
    (step,) = [s for s in GITHUB["steps"] if s.get("name", "").startswith("Wait until")]
    script: str = step["run"]
    return script


def _gitlab_wait_step() -> str:
    script: str = GITLAB["script"][0]
    return script


def _run(script: str, url: str) -> int:
    result = subprocess.run(
        ["bash", "-c", script],
        env={"INSATSER_URL": url, "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    print(result.stdout, result.stderr)  # shown when a test fails
    return result.returncode


def test_both_jobs_run_the_image_in_test_mode() -> None:
    github = _github_service_env()
    assert github["INSATSER_ENVIRONMENT"] == "test"
    assert github["INSATSER_AUTH_DISABLED"] == "true"
    gitlab = GITLAB["services"][0]["variables"]
    assert {k: v for k, v in github.items() if k != "INSATSER_TODAY"} == gitlab
    assert GITHUB["env"]["INSATSER_URL"] == "http://127.0.0.1:8000"
    assert GITLAB["variables"]["INSATSER_URL"] == "http://insatser:8000"


@pytest.fixture(scope="module")
def container(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with started(tmp_path_factory.mktemp("ci"), _github_service_env()) as running:
        yield running


@pytest.mark.parametrize("wait", [_github_wait_step, _gitlab_wait_step], ids=["github", "gitlab"])
def test_the_wait_step_passes_once_the_service_is_ready(container: Container, wait: Any) -> None:
    assert _run(wait(), container.url) == 0, container.log()
    assert httpx.get(container.url + "/health/ready", timeout=10).status_code == 200


def test_the_day_in_the_job_is_the_services_today(container: Container) -> None:
    assert _run(_github_wait_step(), container.url) == 0, container.log()
    answer = httpx.post(
        container.url + "/v1/insatser/cra/eligibility",
        json={"applicant": {"age": 30, "folkbokford_kommunkod": "2380"}},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    expected = dt.date.fromisoformat(_github_service_env()["INSATSER_TODAY"])
    assert answer.json()["as_of"] == expected.isoformat()


@pytest.mark.parametrize("wait", [_github_wait_step, _gitlab_wait_step], ids=["github", "gitlab"])
def test_the_wait_step_fails_when_nothing_answers(wait: Any, tmp_path: Path) -> None:
    # The same script with two attempts instead of sixty.
    script = wait().replace("seq 60", "seq 2").replace("range(60)", "range(2)")
    assert script != wait()
    assert _run(script, f"http://127.0.0.1:{free_port()}") != 0
