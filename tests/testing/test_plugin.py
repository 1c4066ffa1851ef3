"""The pytest plugin, used as an integrator would: a pytest session in a temporary folder that
only names the `insatser_service` fixture (the plugin comes in through its entry point)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.catalog_files import LATER, write_later_version
from tests.conftest import CATALOG_DIR, ROOT

SESSION_TIMEOUT_S = 600


def _readme_fixture_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    (example,) = [block for block in blocks if "def test_" in block]
    return example


EXAMPLE_TEST = _readme_fixture_example()


def run_pytest(folder: Path, *args: str, python: str = sys.executable) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "INSATSER_"))}
    result = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=SESSION_TIMEOUT_S,
    )
    return f"exit {result.returncode}\n{result.stdout}{result.stderr}"


def test_the_readme_example_passes_in_a_suite_of_its_own(tmp_path: Path) -> None:
    assert len(EXAMPLE_TEST.strip().splitlines()) <= 16  # the README's "ten-line" example
    (tmp_path / "test_with_insatser.py").write_text(EXAMPLE_TEST, encoding="utf-8")
    output = run_pytest(tmp_path)
    assert output.startswith("exit 0"), output
    assert "2 passed" in output, output


CATALOGUE_AND_DAY = """
import datetime as dt

import pytest


def test_from_the_command_line(insatser_service):
    assert insatser_service.as_of == dt.date(2025, 12, 31)
    assert insatser_service.client.get_catalog().version == "2025-07-01"
    answer = insatser_service.client.check_eligibility("cra", {"applicant": {"age": 30}})
    assert answer.as_of == dt.date(2025, 12, 31)


@pytest.mark.insatser(as_of="2026-02-01")
def test_the_marker_wins(insatser_service):
    assert insatser_service.client.get_catalog().version == "LATER"


def test_each_test_has_a_fresh_database(insatser_service):
    page = insatser_service.client.list_documentation_records()
    assert page.total_items == 0
    insatser_service.client.create_documentation_record(
        "radgivande-samtal",
        {"performed_on": "2025-12-01", "contact": "telefon", "topic": "alkohol"},
    )


def test_and_again(insatser_service):
    assert insatser_service.client.list_documentation_records().total_items == 0
""".replace("LATER", LATER)


def test_the_catalogue_folder_and_the_day_from_ini_command_line_and_marker(
    tmp_path: Path,
) -> None:
    catalog = tmp_path / "katalog"
    shutil.copytree(CATALOG_DIR, catalog)
    write_later_version(catalog)
    # The folder from the ini file, relative to the root; the day from the command line.
    (tmp_path / "pytest.ini").write_text("[pytest]\ninsatser_catalog_dir = katalog\n")
    (tmp_path / "test_options.py").write_text(CATALOGUE_AND_DAY, encoding="utf-8")
    output = run_pytest(tmp_path, "--insatser-as-of", "2025-12-31")
    assert output.startswith("exit 0"), output
    assert "4 passed" in output, output


def test_a_missing_catalogue_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "test_missing.py").write_text(
        "import pytest\n\n\n@pytest.mark.insatser(catalog_dir='finns-inte')\n"
        "def test_it(insatser_service):\n    pass\n",
        encoding="utf-8",
    )
    output = run_pytest(tmp_path)
    assert output.startswith("exit 1"), output
    assert "finns-inte does not exist" in output, output
