"""The README works when pasted: its shell and Python examples run against a real server (the
one `make run` starts: bundled catalogue, embedded database, authentication off), and every
link in it and in docs/ leads to a file a clone has."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.server import Server, running_server

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, re.DOTALL)
# Blocks this test does not run, each proven elsewhere.
RUN_ELSEWHERE = {
    "make run": ".ci/run runs `make test`; `make run` serves until stopped",
    "python -m pip wheel": "tests/packaging/test_wheel.py builds, installs and serves the wheel",
    "docker build": "no Docker engine here; tests/ops/test_dockerfile.py runs the image's commands",
}


def _runs_elsewhere(block: str) -> bool:
    return block.startswith(tuple(RUN_ELSEWHERE))


def _fixture_example(block: str) -> bool:
    return "def test_" in block  # tests/testing/test_plugin.py runs it as a pytest session


SHELL = [b for lang, b in BLOCKS if lang == "sh" and not _runs_elsewhere(b)]
PYTHON = [b for lang, b in BLOCKS if lang == "python" and not _fixture_example(b)]


def test_every_example_is_run_somewhere() -> None:
    assert {lang for lang, _ in BLOCKS} <= {"sh", "python"}
    assert SHELL
    assert PYTHON
    skipped = [b for _, b in BLOCKS if _runs_elsewhere(b) or _fixture_example(b)]
    assert len(skipped) == len(RUN_ELSEWHERE) + 1


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("readme")) as running:
        yield running


def _pointed_at(text: str, server: Server) -> str:
    address = server.url.removeprefix("http://")
    return text.replace("localhost:8000", address).replace("127.0.0.1:8000", address)


def _commands(block: str) -> list[str]:
    return [c.strip() for c in block.replace("\\\n", " ").splitlines() if c.strip()]


@pytest.mark.parametrize("command", [c for b in SHELL for c in _commands(b)])
def test_each_shell_example_answers_json_that_is_not_a_problem(
    server: Server, command: str
) -> None:
    result = subprocess.run(
        ["bash", "-c", _pointed_at(command, server)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert not (isinstance(body, dict) and {"type", "title", "status"} <= body.keys()), body


@pytest.mark.parametrize("block", PYTHON)
def test_each_python_example_runs_as_pasted(server: Server, block: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _pointed_at(block, server)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "404" in result.stdout  # the example's error answer, printed
    assert "Outcome.ELIGIBLE" in result.stdout or "eligible" in result.stdout


LINK = re.compile(r"\]\(([^)#\s]+)(#[^)\s]*)?\)")
# Inline code can look like a link (`insatser[16](cra).taxonomy`): it is not one.
CODE_SPAN = re.compile(r"`[^`\n]*`")


@pytest.mark.parametrize(
    "page", [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))], ids=lambda p: p.name
)
def test_links_lead_to_files_a_clone_has(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "../shared" not in text
    for target, _anchor in LINK.findall(CODE_SPAN.sub("", text)):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        assert (page.parent / target).resolve().exists(), f"{page.name}: {target}"
