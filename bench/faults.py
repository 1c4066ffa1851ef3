"""`make bench-faults`: the service as operations run it, with faults (docs/operations.md).

    python -m bench.faults [--load-seconds 60] [--outage-seconds 30] [--postgres URL]

1. Latency on one kept-open connection, one worker against two (TCP_NODELAY).
2. A valid catalogue change under load (wrk, 64 connections, two workers): seconds until every
   worker serves the new digest, failed requests; then a broken file: workers moved, refusal
   lines in the log.
3. `--load-seconds` at 64 connections on SQLite and on PostgreSQL, eligibility answers (each
   logged) with a key cache of one second (key checks on the request path): failed requests.
4. A PostgreSQL outage of `--outage-seconds` under steady traffic (`--outage-rate` screenings a
   second, two workers): answers given, decision-log entries in the database afterwards,
   dropped.

PostgreSQL parts need a server (`--postgres`, default INSATSER_TEST_DATABASE_URL or the local
one CI uses); each run makes its own database and drops it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson
import yaml
from sqlalchemy import create_engine, func, make_url, select, text

from bench.http import BENCH_PEPPER, LUA, ROOT, _issue_key, ensure_wrk, free_port, metric_sum
from bench.people import BODIES
from insatser_api.testing.service import stop_process

CATALOG = ROOT / "catalog" / "ostersund"
RESULTS = Path(__file__).resolve().parent / "results"
SERVE = (sys.executable, "-m", "insatser_api.cli", "serve")
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


@dataclass
class Service:
    url: str
    process: subprocess.Popen[bytes]
    catalog_dir: Path
    log_path: Path
    key: str

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def service(
    workdir: Path, workers: int, database_url: str | None = None, **env: str
) -> Iterator[Service]:
    """`insatser-api serve` as the Docker image runs it (authentication on, JSON logs)."""
    from insatser_api.kit import migrations

    folder = workdir / f"run-{uuid.uuid4().hex[:6]}"
    folder.mkdir()
    catalog_dir = folder / "catalog"
    shutil.copytree(CATALOG, catalog_dir)
    database_url = database_url or f"sqlite:///{folder / 'insatser.db'}"
    migrations.upgrade(database_url)
    key = _issue_key(database_url)
    port = free_port()
    environment = {
        **os.environ,
        "INSATSER_ENVIRONMENT": "test",
        "INSATSER_API_KEY_PEPPER": BENCH_PEPPER,
        "INSATSER_CATALOG_DIR": str(catalog_dir),
        "INSATSER_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "PROMETHEUS_MULTIPROC_DIR": str(folder / "metrics"),
        **env,
    }
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [*SERVE, "--port", str(port), "--workers", str(workers)],
            cwd=folder,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    running = Service(f"http://127.0.0.1:{port}", process, catalog_dir, log_path, key)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                sys.exit(f"the service exited:\n{running.log()}")
            with contextlib.suppress(httpx.TransportError):
                if len(_digests(running)) == workers:
                    break
            time.sleep(0.2)
        else:
            sys.exit(f"the service did not start:\n{running.log()}")
        yield running
    finally:
        stop_process(process, timeout=30)


def _headers(svc: Service) -> dict[str, str]:
    return {"Authorization": f"Bearer {svc.key}"}


def _digests(svc: Service) -> dict[str, str]:
    """pid → digest each live worker serves, from the metric (multiprocess mode)."""
    answer = httpx.get(svc.url + "/metrics", headers=_headers(svc), timeout=60).text
    served = {}
    for line in answer.splitlines():
        if line.startswith("insatser_catalog_digest_info{") and line.endswith(" 1.0"):
            labels = dict(re.findall(r'(\w+)="([^"]*)"', line))
            served[labels.get("pid", "-")] = labels["digest"]
    return served


def _metric_sum(svc: Service, name: str) -> float:
    return metric_sum(svc.url, svc.key, name)


@dataclass
class WrkResult:
    requests: int
    failed: int
    output: str


def wrk(
    svc: Service,
    requests: list[tuple[str, str, bytes]],
    workdir: Path,
    *,
    seconds: float,
    connections: int,
) -> WrkResult:
    listing = workdir / f"requests-{uuid.uuid4().hex[:6]}"
    listing.write_bytes(b"".join(f"{m}\t{p}\t".encode() + body + b"\n" for m, p, body in requests))
    env = {
        **os.environ,
        "BENCH_REQUESTS": str(listing),
        "BENCH_MAX_REQUESTS": "0",
        "BENCH_AUTHORIZATION": f"Bearer {svc.key}",
    }
    command = [
        ensure_wrk(),
        "--threads=2",
        f"--connections={connections}",
        f"--duration={seconds:g}s",
        "--timeout=15s",
        f"--script={LUA}",
        svc.url,
    ]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    failed = 0
    if found := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        failed += int(found.group(1))
    if found := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        failed += sum(int(n) for n in found.groups())
    return WrkResult(count, failed, out)


def _eligibility_requests() -> list[tuple[str, str, bytes]]:
    bodies = [orjson.dumps(body) for body in BODIES]
    return [("POST", "/v1/eligibility", b) for b in bodies] + [
        ("POST", f"/v1/insatser/{i}/eligibility", b)
        for i in ("cra", "akutboendet", "booster-nexus")
        for b in bodies
    ]


def write_later_version(folder: Path, broken: bool = False) -> None:
    """A second version beside the bundled one; `broken`: with a field the loader refuses."""
    data = yaml.safe_load((CATALOG / "2025-07-01.yaml").read_text(encoding="utf-8"))
    data["version"] = data["valid_from"] = "2026-01-01"
    if broken:
        data["insatser"][2]["consent"]["without_consent_from_15"] = "kanske"
    text_ = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (folder / "2026-01-01.yaml").write_text(text_, encoding="utf-8")


# 1 -----------------------------------------------------------------------------------------


def kept_open_latency(workdir: Path, count: int = 3000) -> dict[str, Any]:
    """One worker and two side by side, their requests interleaved one by one, so that both see
    the same load from the rest of the machine; the medians and their ratio."""
    with (
        service(workdir, 1) as one,
        service(workdir, 2) as two,
        httpx.Client(base_url=one.url, headers=_headers(one)) as first,
        httpx.Client(base_url=two.url, headers=_headers(two)) as second,
    ):
        times: dict[str, list[float]] = {"workers_1": [], "workers_2": []}
        for number in range(count + 200):
            for name, http in (("workers_1", first), ("workers_2", second)):
                started = time.perf_counter()
                http.get("/v1/insatser/cra")
                if number >= 200:  # the first 200 warm up
                    times[name].append((time.perf_counter() - started) * 1000)
    figures: dict[str, Any] = {}
    for name, measured in times.items():
        measured.sort()
        figures[name] = {
            "p50_ms": round(statistics.median(measured), 3),
            "p99_ms": round(measured[int(len(measured) * 0.99)], 3),
        }
    figures["ratio_p50"] = round(figures["workers_2"]["p50_ms"] / figures["workers_1"]["p50_ms"], 2)
    print(f"  kept-open connection: {figures}", flush=True)
    return figures


# 2 -----------------------------------------------------------------------------------------


def reload_under_load(workdir: Path) -> dict[str, Any]:
    from insatser_api.ops.catalog_watch import scan_folder

    figures: dict[str, Any] = {}
    with service(workdir, 2) as svc:
        requests = [("GET", "/v1/insatser/cra", b""), ("GET", "/v1/catalog/versions", b"")]
        result: list[WrkResult] = []
        load = threading.Thread(
            target=lambda: result.append(wrk(svc, requests, workdir, seconds=30, connections=64))
        )
        load.start()
        time.sleep(5)
        write_later_version(svc.catalog_dir)
        wanted = scan_folder(svc.catalog_dir)
        started = time.monotonic()
        while set(_digests(svc).values()) != {wanted} and time.monotonic() - started < 120:
            time.sleep(0.05)
        converged = set(_digests(svc).values()) == {wanted}
        figures["valid_change_converged_s"] = (
            round(time.monotonic() - started, 2) if converged else "not within 120 s"
        )
        time.sleep(3)
        served = _digests(svc)
        write_later_version(svc.catalog_dir, broken=True)
        time.sleep(10)
        figures["broken_change_workers_moved"] = sum(
            1 for pid, digest in _digests(svc).items() if served.get(pid) != digest
        )
        figures["broken_change_reports"] = svc.log().count("catalogue reload refused")
        load.join()
        figures["requests_during"] = result[0].requests
        figures["failed_requests"] = result[0].failed
    print(f"  reload under load: {figures}", flush=True)
    return figures


# 3 -----------------------------------------------------------------------------------------


def sustained(workdir: Path, seconds: float, database_url: str | None) -> dict[str, Any]:
    # A key cache of one second: every worker checks the key against the database every second,
    # behind the decision log's batches (what once waited out SQLite's busy timeout).
    with service(workdir, 2, database_url, INSATSER_API_KEY_CACHE_SECONDS="1") as svc:
        result = wrk(svc, _eligibility_requests(), workdir, seconds=seconds, connections=64)
    figures = {
        "seconds": seconds,
        "requests": result.requests,
        "failed_requests": result.failed,
    }
    print(
        f"  {seconds:g} s at 64 connections ({'PostgreSQL' if database_url else 'SQLite'}): "
        f"{figures}",
        flush=True,
    )
    return figures


# 4 -----------------------------------------------------------------------------------------


@contextlib.contextmanager
def own_postgres(server: str) -> Iterator[str]:
    from insatser_api.kit.database import normalize_url

    admin = create_engine(normalize_url(server), isolation_level="AUTOCOMMIT")
    name = f"insatser_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            make_url(normalize_url(server)).set(database=name).render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass
class Paced:
    """Steady traffic: `rate` screenings a second over `clients` kept-open connections."""

    svc: Service
    rate: float
    clients: int = 8
    answered: int = 0
    failed: int = 0
    statuses: dict[int, int] | None = None

    def run(self, seconds: float) -> None:
        self.statuses = {}
        until = time.monotonic() + seconds
        interval = self.clients / self.rate
        bodies = [orjson.dumps(body) for body in BODIES]

        def client(number: int) -> None:
            assert self.statuses is not None
            next_at = time.monotonic() + number * interval / self.clients
            with httpx.Client(base_url=self.svc.url, headers=_headers(self.svc)) as http:
                while next_at < until:
                    time.sleep(max(0.0, next_at - time.monotonic()))
                    next_at += interval
                    try:
                        answer = http.post(
                            "/v1/eligibility",
                            content=bodies[number % len(bodies)],
                            headers={"Content-Type": "application/json"},
                            timeout=60,
                        )
                    except httpx.TransportError:
                        self.failed += 1
                        continue
                    self.statuses[answer.status_code] = self.statuses.get(answer.status_code, 0) + 1
                    if answer.status_code == 200:
                        self.answered += 1
                    else:
                        self.failed += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(self.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def outage(workdir: Path, server: str, seconds: float, rate: float) -> dict[str, Any]:
    from insatser_api.decisions.models import DecisionLogEntry
    from insatser_api.kit.database import normalize_url

    admin = create_engine(normalize_url(server), isolation_level="AUTOCOMMIT")
    figures: dict[str, Any] = {"outage_seconds": seconds, "screenings_per_s": rate}
    # A key cache longer than the outage: a key verified before it is still trusted (a key the
    # service cannot check is a 503, by design; tests/ops/test_database_trouble.py).
    with (
        own_postgres(server) as url,
        service(workdir, 2, url, INSATSER_API_KEY_CACHE_SECONDS="300") as svc,
    ):
        name = make_url(url).database
        load = Paced(svc, rate)
        traffic = threading.Thread(target=load.run, args=(seconds + 20,))
        traffic.start()
        time.sleep(10)
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
        time.sleep(seconds / 2)
        ready = httpx.get(svc.url + "/health/ready", timeout=60)
        figures["readiness_during"] = f"{ready.status_code} {ready.json()['checks']['database']}"
        journal = httpx.post(
            svc.url + "/v1/insatser/radgivande-samtal/documentation",
            json={
                "performed_on": "2026-11-20",
                "contact": "telefon",
                "topic": "spel",
                "text": "Allmän information.",
            },
            headers=_headers(svc),
            timeout=60,
        )
        retry_after = journal.headers.get("retry-after")
        figures["journal_during"] = f"{journal.status_code} Retry-After {retry_after}"
        time.sleep(seconds / 2)
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        traffic.join()
        answered = _metric_sum(svc, "insatser_eligibility_outcomes_total")
        deadline = time.monotonic() + 120
        while _metric_sum(svc, "insatser_decision_log_queued") and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(1)
        engine = create_engine(normalize_url(url))
        with engine.connect() as connection:
            stored = connection.scalar(select(func.sum(DecisionLogEntry.answers))) or 0
        engine.dispose()
        figures["answers"] = load.answered
        figures["failed_requests"] = load.failed
        figures["entries_answered"] = int(answered)
        figures["entries_stored"] = stored
        figures["entries_lost"] = int(answered) - stored
        figures["dropped_metric"] = _metric_sum(svc, "insatser_decision_log_dropped_total")
    admin.dispose()
    print(f"  PostgreSQL outage: {figures}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument("--outage-seconds", type=float, default=30)
    parser.add_argument(
        "--outage-rate", type=float, default=200, help="screenings (28 entries) a second"
    )
    parser.add_argument(
        "--postgres", default=os.environ.get("INSATSER_TEST_DATABASE_URL") or DEFAULT_POSTGRES
    )
    parser.add_argument("--sections", default="1234", help="which parts to run, e.g. 14")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="insatser-faults-") as tmp:
        workdir = Path(tmp)
        if "1" in args.sections:
            print("1. latency on a kept-open connection", flush=True)
            results["kept_open"] = kept_open_latency(workdir)
        if "2" in args.sections:
            print("2. catalogue change under load", flush=True)
            results["reload"] = reload_under_load(workdir)
        if "3" in args.sections:
            print("3. sustained load", flush=True)
            results["sqlite"] = sustained(workdir, args.load_seconds, None)
            with own_postgres(args.postgres) as url:
                results["postgresql"] = sustained(workdir, args.load_seconds, url)
        if "4" in args.sections:
            print("4. database outage", flush=True)
            results["outage"] = outage(
                workdir, args.postgres, args.outage_seconds, args.outage_rate
            )
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"faults-{time.strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
