"""The Docker image without Docker: the Dockerfile read as data, and its command run here with
the image's environment (its PATH replaced by this virtualenv, its folders by temporary ones)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from insatser_api.testing.service import stop_process
from tests.conftest import ROOT
from tests.server import free_port

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
START_TIMEOUT_S = 90


def instructions(stage: int) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of one build stage (0: build, 1: the image), lines joined."""
    joined = DOCKERFILE.replace("\\\n", " ")
    lines = [line.strip() for line in joined.splitlines()]
    stages: list[list[tuple[str, str]]] = []
    for line in lines:
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        if word == "FROM":
            stages.append([])
        elif stages:
            stages[-1].append((word, rest.strip()))
    return stages[stage]


def image_environment() -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in instructions(1):
        if word == "ENV":
            for pair in shlex.split(rest):
                name, _, value = pair.partition("=")
                env[name] = value
    return env


def exec_form(word: str) -> list[str]:
    (rest,) = [r for w, r in instructions(1) if w == word]
    match = re.search(r"(\[.*\])$", rest)
    assert match, f"{word} is not in exec form"
    command: list[str] = json.loads(match.group(1))
    return command


@dataclass(frozen=True)
class Container:
    url: str
    port: int
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def container_env(tmp: Path, overrides: Mapping[str, str]) -> dict[str, str]:
    """The image's environment as this machine can have it."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("INSATSER_")
        and name not in ("DATABASE_URL", "PROMETHEUS_MULTIPROC_DIR")
    }
    env.update(image_environment())
    # The image's folders: the volume /app/data, and /tmp for the metrics of the workers.
    env["DATABASE_URL"] = env["DATABASE_URL"].replace("/app/data", str(tmp / "data"))
    env["PROMETHEUS_MULTIPROC_DIR"] = str(tmp / Path(env["PROMETHEUS_MULTIPROC_DIR"]).name)
    # The image's /opt/venv/bin is this virtualenv's bin; its $PATH the machine's.
    env["PATH"] = f"{Path(sys.executable).parent}:{os.environ['PATH']}"
    # Loopback only: this is a developer's or CI's machine, not a container's network.
    env["INSATSER_HOST"] = "127.0.0.1"
    env["INSATSER_PORT"] = str(free_port())
    env.update(overrides)
    return env


@contextmanager
def started(tmp: Path, overrides: Mapping[str, str]) -> Iterator[Container]:
    """The image's CMD, run as the container would run it (WORKDIR /app: here `tmp`)."""
    (tmp / "data").mkdir(exist_ok=True)  # RUN mkdir -p /app/data
    env = container_env(tmp, overrides)
    log_path = tmp / "container.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            exec_form("CMD"), cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    port = int(env["INSATSER_PORT"])
    container = Container(f"http://127.0.0.1:{port}", port, env, process, log_path)
    try:
        yield container
    finally:
        stop_process(process, timeout=30)


def wait_until_ready(container: Container) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        assert container.process.poll() is None, f"the container stopped:\n{container.log()}"
        try:
            if httpx.get(container.url + "/health/ready", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"not ready within {START_TIMEOUT_S} s:\n{container.log()}")
