"""The HTTP edges on a real server: HEAD, no banner, stalled bodies cut off, clients that hang
up, and the listening socket of several workers (TCP_NODELAY)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from insatser_api.ops.server import listening_socket
from tests.catalog_files import break_consent, write_later_version
from tests.conftest import CATALOG_DIR
from tests.server import Server, free_port, running_server

SERVE = (sys.executable, "-m", "insatser_api.cli", "serve")
BODY_TIMEOUT_S = 2
READ_DEADLINE_S = 60  # for a loaded machine; the server cuts off after BODY_TIMEOUT_S


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {"INSATSER_REQUEST_TIMEOUT_SECONDS": str(BODY_TIMEOUT_S)}
    with running_server(tmp_path_factory.mktemp("edges"), env=env) as running:
        yield running


def _raw(server: Server, request: bytes) -> bytes:
    """Send `request` as it is, then wait for whatever the server answers until it closes."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=READ_DEADLINE_S) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
        return received


def test_head_answers_where_get_does(server: Server) -> None:
    get = httpx.get(server.url + "/v1/insatser/cra")
    head = httpx.head(server.url + "/v1/insatser/cra")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert httpx.head(server.url + "/health/ready").status_code == 200
    # The server writing the answer knew it was HEAD (httptools raised on a GET's length).
    time.sleep(0.2)
    assert "shorter than Content-Length" not in server.log()


def test_no_server_banner(server: Server) -> None:
    for response in (
        httpx.get(server.url + "/health/live"),
        httpx.get(server.url + "/no/such/page"),
        httpx.post(server.url + "/v1/eligibility", content=b"{"),
    ):
        assert "server" not in response.headers


def test_a_stalled_body_is_cut_off_with_408(server: Server) -> None:
    started = time.monotonic()
    answer = _raw(
        server,
        b"POST /v1/eligibility HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n{",
    )
    assert answer.startswith(b"HTTP/1.1 408 "), answer
    assert b"request-timeout" in answer
    assert time.monotonic() - started >= BODY_TIMEOUT_S


def test_a_chunked_body_that_never_ends_is_cut_off(server: Server) -> None:
    answer = _raw(
        server,
        b"POST /v1/insatser/radgivande-samtal/documentation HTTP/1.1\r\nHost: t\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n",
    )
    assert answer.startswith(b"HTTP/1.1 408 "), answer


def test_a_client_that_hangs_up_is_not_an_error(server: Server) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    for path in (b"/v1/eligibility", b"/v1/insatser/radgivande-samtal/documentation"):
        with socket.create_connection((host, int(port)), timeout=READ_DEADLINE_S) as connection:
            connection.sendall(
                b"POST " + path + b" HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                b'Content-Length: 50\r\n\r\n{"applicant":'
            )
            time.sleep(0.2)
    deadline = time.monotonic() + READ_DEADLINE_S
    counted: dict[str, list[str]] = {}
    while time.monotonic() < deadline:
        counted = _requests_by_status(httpx.get(server.url + "/metrics").text)
        if len(counted.get("499", [])) == 2:
            break
        time.sleep(0.2)
    assert len(counted.get("499", [])) == 2, counted
    assert "500" not in counted
    errors = [line for line in server.log().splitlines() if '"level":"ERROR"' in line]
    assert not errors, errors


def _requests_by_status(metrics: str) -> dict[str, list[str]]:
    counted: dict[str, list[str]] = {}
    for line in metrics.splitlines():
        if line.startswith("insatser_http_requests_total{"):
            status = line.split('status="', 1)[1].split('"', 1)[0]
            counted.setdefault(status, []).append(line)
    return counted


def test_the_shared_socket_of_several_workers_sends_at_once() -> None:
    sock = listening_socket("127.0.0.1", free_port())
    try:
        assert sock.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY on its connections
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        sock.close()


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_refuses_a_broken_catalogue_folder_at_once(tmp_path: Path, workers: str) -> None:
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG_DIR, folder)
    write_later_version(folder, break_consent)
    environment = {
        **os.environ,
        "INSATSER_ENVIRONMENT": "test",
        "INSATSER_AUTH_DISABLED": "true",
        "INSATSER_CATALOG_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
        "INSATSER_LOG_FORMAT": "json",
    }
    environment.pop("PROMETHEUS_MULTIPROC_DIR", None)
    done = subprocess.run(
        [*SERVE, "--port", str(free_port()), "--workers", workers],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    assert [line["message"] for line in lines if line["level"] == "ERROR"] == [
        "the catalogue folder cannot be used; not starting"
    ]
