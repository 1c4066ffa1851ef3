"""The built wheel, installed as another team would: a fresh venv outside the checkout, the
lock as constraints, then the service started from an empty folder.

Slow (a wheel build, a venv, an install; pip may fetch from the package index), so one module
builds and installs once and every test here uses that install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.server import free_port
from tests.testing.test_plugin import EXAMPLE_TEST, run_pytest

# What setup.py needs to build the wheel; the Dockerfile copies the same (tests/ops).
BUILD_INPUTS = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "src",
    "catalog",
    "migrations",
)
INSTALL_TIMEOUT_S = 900
START_TIMEOUT_S = 90


@dataclass(frozen=True)
class Installed:
    bin: Path
    wheel: Path

    def run(self, *args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )


def _clean_env(tmp: Path) -> dict[str, str]:
    """The caller's environment without this project's settings, with a home of its own (the
    per-user data folder lies under it)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("INSATSER_", "VIRTUAL_ENV", "PYTHON"))
        and name not in ("DATABASE_URL", "PROMETHEUS_MULTIPROC_DIR")
    }
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"))
    return env


def _pip(python: Path, *args: str) -> None:
    result = subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(
                path,
                source / name,
                ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "bundled"),
            )
        else:
            shutil.copy2(path, source / name)
    dist = tmp / "dist"
    _pip(Path(sys.executable), "wheel", "--no-deps", "--wheel-dir", str(dist), str(source))
    (wheel,) = dist.glob("insatser_api-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    # pytest too, for the integrator's test session below; both pinned by the lock.
    constraint = ["--constraint", str(ROOT / "requirements.lock")]
    _pip(python, "install", "--quiet", *constraint, str(wheel), "pytest")
    return Installed(venv / "bin", wheel)


def test_the_wheel_carries_the_catalogue_and_the_migrations(installed: Installed) -> None:
    import zipfile

    names = zipfile.ZipFile(installed.wheel).namelist()
    assert "insatser_api/bundled/catalog/ostersund/2025-07-01.yaml" in names
    assert "insatser_api/bundled/migrations/env.py" in names
    versions = sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    packaged = sorted(
        Path(n).name for n in names if n.startswith("insatser_api/bundled/migrations/versions/")
    )
    assert packaged == versions


def test_db_upgrade_works_from_any_folder(installed: Installed, tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'elsewhere' / 'x.db'}"
    folder = tmp_path / "empty"
    folder.mkdir()
    result = installed.run("insatser-api", "db", "upgrade", cwd=folder, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "elsewhere" / "x.db").is_file()


def test_an_explicit_catalogue_folder_wins(installed: Installed, tmp_path: Path) -> None:
    own = tmp_path / "own"
    shutil.copytree(ROOT / "catalog" / "ostersund", own)
    env = {**_clean_env(tmp_path), "INSATSER_CATALOG_DIR": str(own)}
    result = installed.run("insatser-api", "catalog", "validate", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert str(own / "2025-07-01.yaml") in result.stdout


@dataclass(frozen=True)
class Served:
    url: str
    env: dict[str, str]
    seconds_to_ready: float
    log: Path


@pytest.fixture
def served(installed: Installed, tmp_path: Path) -> Iterator[Served]:
    """`insatser-api serve --port P` from an empty folder, nothing configured."""
    env = _clean_env(tmp_path)
    folder = tmp_path / "somewhere"
    folder.mkdir()
    port = free_port()
    log_path = tmp_path / "serve.log"
    started = time.monotonic()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(installed.bin / "insatser-api"), "serve", "--port", str(port)],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            assert process.poll() is None, log_path.read_text()
            assert time.monotonic() < started + START_TIMEOUT_S, log_path.read_text()
            try:
                if httpx.get(url + "/health/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        yield Served(url, env, time.monotonic() - started, log_path)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_from_any_folder_answers_on_a_database_it_made(
    installed: Installed, served: Served, tmp_path: Path
) -> None:
    # The embedded database was made and migrated in the per-user data folder ...
    database = Path(served.env["XDG_DATA_HOME"]) / "insatser-api" / "insatser.db"
    assert database.is_file()
    # ... so a key made from another folder, with nothing configured either, is the server's.
    other = tmp_path / "other"
    other.mkdir()
    created = installed.run(
        "insatser-api",
        "keys",
        "create",
        "ci",
        "-s",
        "eligibility:check",
        "-s",
        "documentation:read",
        "-e",
        "*",  # a documentation key names the enheter whose records it reads
        cwd=other,
        env=served.env,
    )
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip().splitlines()[-1]
    headers = {"Authorization": f"Bearer {key}"}
    answer = httpx.post(
        served.url + "/v1/insatser/cra/eligibility",
        json={"as_of": "2026-11-20", "applicant": {"age": 30, "folkbokford_kommunkod": "2380"}},
        headers=headers,
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["outcome"] == "eligible"
    assert answer.json()["catalog_version"] == "2025-07-01"  # the bundled catalogue
    # The journal, which needs the migrated tables, answers too.
    journal = httpx.get(served.url + "/v1/documentation", headers=headers, timeout=30)
    assert journal.status_code == 200, journal.text
    assert "/docs" in served.log.read_text(encoding="utf-8")
    print(f"ready {served.seconds_to_ready:.2f} s after start")  # shown with -s


def test_an_integrators_pytest_session_uses_the_installed_plugin(
    installed: Installed, tmp_path: Path
) -> None:
    (tmp_path / "test_with_insatser.py").write_text(EXAMPLE_TEST, encoding="utf-8")
    output = run_pytest(tmp_path, python=str(installed.bin / "python"))
    assert output.startswith("exit 0"), output
    assert "2 passed" in output, output
