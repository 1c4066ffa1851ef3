"""HTTP benchmark: the service under uvicorn (one worker) driven by wrk on loopback.

    python -m bench [--duration S] [--rounds N] [--connections C]

Each endpoint is run `rounds` times, interleaved with the floor (`GET /health/live`, what the
framework itself costs), and reported as the median of its rounds: requests/s, p50 and p99
latency, and its throughput as a ratio of the floor measured in the same run. Bounded in time
(`--duration` per run) and in count (`--max-requests` per wrk thread).
"""

from __future__ import annotations

import compileall
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

import insatser_api
from bench.people import BODIES, INSATS_IDS, people_bodies
from insatser_api.testing.service import stop_process

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LUA = HERE / "wrk.lua"
FLOOR = "floor"
# Insatser with different shapes: two conditions, none, a stay limit, an earlier insats, any_of.
SINGLE_IDS = ("cra", "radgivande-samtal", "akutboendet", "booster-nexus", "tradet")
# Distinct people for the *distinct* endpoints: more than all their runs answer together, and
# each run starts where the last one stopped, so no body is sent twice (a new person each time,
# as a day's forms bring them).
DISTINCT_PEOPLE = 60_000
_CHECKED = 10  # the distinct endpoints check only their first few requests (then skip them)
# The ASGI app uvicorn serves: what `insatser-api serve` runs (a factory) unless told otherwise,
# e.g. `--app insatser_api.main:app --no-factory` for a tree from before main.served_app.
APP = "insatser_api.main:served_app"


@dataclass(frozen=True, slots=True)
class Endpoint:
    name: str
    label: str
    requests: tuple[tuple[str, str, bytes], ...]  # (method, path, body)
    distinct: bool = False  # never send a request twice (see DISTINCT_PEOPLE)


# Per server and distinct endpoint, how many of its requests have been sent so far.
_sent: dict[tuple[str, str], int] = {}


def _key(server: Server, endpoint: Endpoint) -> tuple[str, str]:
    return (server.base, endpoint.name)


@dataclass(frozen=True, slots=True)
class Measurement:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    # CPU time the server process spent per request: steadier than req/s on a shared machine,
    # since time the neighbours take is not counted.
    server_cpu_us: float


@dataclass(frozen=True, slots=True)
class Server:
    base: str
    pid: int
    # Authentication stays on, as in production: every request carries a key holding every
    # scope, verified once and then served from the verifier's in-memory cache.
    api_key: str
    # Seconds from starting the command to the first 200 from /health/ready.
    ready_s: float = 0.0


def metric_sum(base: str, api_key: str, name: str) -> float:
    """The sum of a metric's samples on the /metrics of the service at `base` (all workers',
    in multiprocess mode)."""
    request = urllib.request.Request(
        base + "/metrics", headers={"Authorization": f"Bearer {api_key}"}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        text = answer.read().decode()
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith((name + "{", name + " "))
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


JOURNAL_BODY = orjson.dumps(
    {
        "performed_on": "2026-11-20",
        "contact": "telefon",
        "topic": "spel",
        "text": "Allmän information om spelbehandling.",
    }
)


def endpoints(people: int = DISTINCT_PEOPLE, fixed: bool = True) -> list[Endpoint]:
    """The floor, the distinct-people streams (what users send), and the fixed bodies
    (labelled so: mostly memo hits)."""
    distinct = [orjson.dumps(body) for body in people_bodies(people)]
    found = [
        Endpoint(FLOOR, "GET /health/live (floor)", (("GET", "/health/live", b""),)),
        Endpoint(
            "eligibility_one_distinct",
            "one check, any insats, distinct people",
            tuple(
                ("POST", f"/v1/insatser/{INSATS_IDS[n % len(INSATS_IDS)]}/eligibility", b)
                for n, b in enumerate(distinct)
            ),
            distinct=True,
        ),
        Endpoint(
            "eligibility_all_distinct",
            "screening all 28, distinct people",
            tuple(("POST", "/v1/eligibility", b) for b in distinct),
            distinct=True,
        ),
    ]
    if not fixed:
        return found
    bodies = [orjson.dumps(body) for body in BODIES]
    return [
        *found,
        Endpoint(
            "insats",
            "GET /v1/insatser/{id} (fixed)",
            tuple(("GET", f"/v1/insatser/{i}", b"") for i in SINGLE_IDS),
        ),
        Endpoint(
            "eligibility_one",
            "one check, the 6 fixed bodies",
            tuple(("POST", f"/v1/insatser/{i}/eligibility", b) for i in SINGLE_IDS for b in bodies),
        ),
        Endpoint(
            "eligibility_all",
            "screening, the 6 fixed bodies",
            tuple(("POST", "/v1/eligibility", b) for b in bodies),
        ),
    ]


JOURNAL = Endpoint(
    "journal",
    "POST …/documentation (journal write)",
    (("POST", "/v1/insatser/radgivande-samtal/documentation", JOURNAL_BODY),),
)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk not found; installing Debian's package wrk", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    update = subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=False)
    if update.returncode != 0:
        subprocess.run([*sudo, "apt-get", "update"], check=True)
        subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=True)
    found = shutil.which("wrk")
    if not found:
        sys.exit("wrk could not be installed")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def processes(pid: int) -> list[int]:
    """`pid` and its descendants (the supervisor and its workers under `serve --workers N`)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text().split():
                found += processes(int(child))
    return found


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of the server: the process `serve` started and every worker it runs."""
    total = 0.0
    for number in processes(pid):
        with contextlib.suppress(OSError):
            total += cpu_seconds(number)
    return total


def worker_rss_mb(pid: int) -> list[float]:
    """Resident memory (MB) of each process that answers requests: the one process of a
    single-worker `serve`, or each worker (not the supervisor) of several."""
    numbers = processes(pid)
    workers = numbers[1:] if len(numbers) > 1 else numbers
    sizes = []
    for number in workers:
        for line in Path(f"/proc/{number}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


@contextlib.contextmanager
def service(
    workdir: Path,
    app: str = APP,
    factory: bool = True,
    *,
    workers: int = 1,
    database_url: str | None = None,
    command: list[str] | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """The service as production starts it: `insatser-api serve` (its socket, its uvicorn
    settings, its workers) on a migrated database, no request log below WARNING.

    `command` replaces the serve command line (e.g. uvicorn itself, for a tree from before
    `serve` existed or to compare server settings); it gets `--port` appended."""
    from insatser_api.kit import migrations

    compile_as_installed()
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = database_url or f"sqlite:///{workdir / 'bench.db'}"
    migrations.upgrade(database_url)
    api_key = _issue_key(database_url)
    port = free_port()
    env = {
        **os.environ,
        "INSATSER_ENVIRONMENT": "test",
        "INSATSER_AUTH_DISABLED": "false",
        "INSATSER_API_KEY_PEPPER": BENCH_PEPPER,
        # No access log (serve has none); the app's own request log writes at INFO.
        "INSATSER_LOG_LEVEL": "WARNING",
        "INSATSER_CATALOG_DIR": str(ROOT / "catalog" / "ostersund"),
        "INSATSER_HOST": "127.0.0.1",
        "INSATSER_PORT": str(port),
        "INSATSER_WORKERS": str(workers),
        "DATABASE_URL": database_url,
        **(env or {}),
    }
    if command is None:
        command = [str(Path(sys.executable).with_name("insatser-api")), "serve"]
        if app != APP or not factory:
            command = [
                sys.executable,
                "-m",
                "uvicorn",
                app,
                *(["--factory"] if factory else []),
                "--host=127.0.0.1",
                f"--workers={workers}",
                "--no-access-log",
                "--log-level=warning",
            ]
    if "serve" not in command:
        command = [*command, f"--port={port}"]
    log = (workdir / "server.log").open("ab")
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=workdir, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base, process)
        ready_s = time.monotonic() - started
        yield Server(base, process.pid, api_key, ready_s)
    finally:
        stop_process(process, timeout=15)
        log.close()


BENCH_PEPPER = "bench-pepper-not-a-secret"


def compile_as_installed() -> None:
    """Byte-compile the package as `pip install` does for the image: an editable checkout run
    under PYTHONDONTWRITEBYTECODE=1 (the image's setting, and this workplace's) would otherwise
    compile every module of src/ at each start, ~12 % of the start-up the bench reports."""
    compileall.compile_dir(Path(insatser_api.__file__).parent, quiet=1)


def _issue_key(database_url: str) -> str:
    from sqlalchemy.orm import Session

    from insatser_api.kit.database import create_db_engine
    from insatser_api.security import service as keys
    from insatser_api.security.scopes import ALL_SCOPES, EVERY_ENHET

    engine = create_db_engine(database_url)
    try:
        with Session(engine) as session:
            created = keys.create_key(
                session, "bench", ALL_SCOPES, [EVERY_ENHET], pepper=BENCH_PEPPER
            )
            session.commit()
            return created.token
    finally:
        engine.dispose()


def wait_until_ready(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("the server exited before it answered; see server.log in the work folder")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{base}/health/ready", timeout=1) as answer,
        ):
            if answer.status == 200:
                return
        time.sleep(0.01)
    sys.exit("the server was not ready within 60 s")


def check_answers(server: Server, endpoint: Endpoint) -> None:
    """Every request the bench sends must succeed: a fast 4xx would measure nothing."""
    requests = endpoint.requests
    if endpoint.distinct:
        requests = requests[:_CHECKED]
        _sent[_key(server, endpoint)] = _CHECKED
    for method, path, body in requests:
        request = urllib.request.Request(
            server.base + path,
            data=body or None,
            method=method,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {server.api_key}",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            if answer.status not in (200, 201):
                sys.exit(f"{endpoint.label}: {method} {path} answered {answer.status}")


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str, cpu_s: float) -> Measurement:
    if re.search(r"Non-2xx or 3xx responses|Socket errors", output):
        sys.exit(f"wrk saw failed requests:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    count = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    return Measurement(rate, p50, p99, count, cpu_s / count * 1e6)


def run_wrk(
    wrk: str,
    server: Server,
    endpoint: Endpoint,
    workdir: Path,
    *,
    duration: float,
    connections: int,
    threads: int = 1,
    max_requests: int,
    settle_s: float = 0.0,
) -> Measurement:
    """One wrk run; the server's CPU is read `settle_s` seconds after the load ends, so that
    work it does after answering (the decision log's batches) is counted."""
    listing = workdir / f"{endpoint.name}.requests"
    requests = endpoint.requests
    if endpoint.distinct:
        requests = requests[_sent.get(_key(server, endpoint), 0) :]
    listing.write_bytes(b"".join(f"{m}\t{p}\t".encode() + body + b"\n" for m, p, body in requests))
    env = {
        **os.environ,
        "BENCH_REQUESTS": str(listing),
        "BENCH_MAX_REQUESTS": str(max_requests),
        "BENCH_AUTHORIZATION": f"Bearer {server.api_key}",
    }
    command = [
        wrk,
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration:g}s",
        "--timeout=5s",
        "--latency",
        f"--script={LUA}",
        server.base,
    ]
    cpu_before = tree_cpu_seconds(server.pid)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    time.sleep(settle_s)
    measured = parse_wrk(done.stdout, tree_cpu_seconds(server.pid) - cpu_before)
    if endpoint.distinct:
        sent = _sent.get(_key(server, endpoint), 0) + measured.requests
        if sent > len(endpoint.requests):
            sys.exit(f"{endpoint.label}: ran out of distinct people; raise --people")
        _sent[_key(server, endpoint)] = sent
    return measured
