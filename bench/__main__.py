"""`python -m bench`: the service as deployed, then the rules layer in process; one results file.

Parts (issue 18), each with its figures as ratios measured in the same run:

1. **one worker**: `insatser-api serve` (SQLite, authentication on) driven by wrk with a stream
   of distinct made-up people (bench/people.py), one check on any insats and a screening of all
   28, interleaved with the floor (`GET /health/live`); CPU µs per request from /proc beside
   req/s; the fixed bodies of the earlier rounds, labelled so. Start-up to the first ready
   answer; worker RSS after `--memory-people` distinct screenings.
2. **workers**: `serve` with one worker and with two side by side, at 64 connections,
   interleaved: requests/s of two over one.
3. **stack**: uvicorn on asyncio + h11 against uvloop + httptools, one worker, interleaved.
4. **journal**: documentation writes with 16 concurrent writers on SQLite and on PostgreSQL
   (`--postgres`, default INSATSER_TEST_DATABASE_URL; skipped if it cannot be reached).
5. **ceiling**: the eligibility endpoints beside recorded-answer routes in the same server
   (bench/ceiling.py): what the targets' ratios could be if the rules and the answer cost nothing.
6. **rules**: bench/rules.py in process.

`--quick` runs every part with tiny numbers (a smoke test of the bench itself, no figures to
trust). Results go to bench/results/; a representative run is in docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench import http

RESULTS = Path(__file__).resolve().parent / "results"
# Issue 18's targets (point 2), on distinct people, as ratios in one run.
TARGET_RATIO = {"eligibility_one_distinct": 0.9, "eligibility_all_distinct": 0.7}
TARGET_WORKERS = 1.4
TARGET_RSS_MB = 120.0
TARGET_READY_S = 0.8
TARGET_JOURNAL_CPU = 2.0  # × the CPU of one check
TARGET_JOURNAL_P99_MS = 100.0
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
# The service with the ceiling's recorded-answer routes (bench/ceiling.py), as uvicorn's factory.
CEILING_APP = "bench.ceiling:served_app"
STACKS = {"asyncio+h11": ("asyncio", "h11"), "uvloop+httptools": ("uvloop", "httptools")}


def rounds_of(
    wrk: str,
    servers: dict[str, http.Server],
    endpoints: list[http.Endpoint],
    workdir: Path,
    args: argparse.Namespace,
    connections: int,
    settle_s: float = 0.0,
    measured_by: Callable[[str, http.Endpoint, Callable[[], http.Measurement]], http.Measurement]
    | None = None,
) -> dict[tuple[str, str], list[http.Measurement]]:
    """Every endpoint on every server, `args.rounds` times, interleaved (server, endpoint);
    `measured_by(label, endpoint, run)`, if given, wraps each measured run (to read more around
    it)."""
    load: dict[str, Any] = {
        "connections": connections,
        "max_requests": args.max_requests,
        "settle_s": settle_s,
    }
    found: dict[tuple[str, str], list[http.Measurement]] = {
        (s, e.name): [] for s in servers for e in endpoints
    }
    for server in servers.values():
        for endpoint in endpoints:
            http.check_answers(server, endpoint)
            if args.warmup:
                http.run_wrk(wrk, server, endpoint, workdir, duration=args.warmup, **load)
    for number in range(1, args.rounds + 1):
        for endpoint in endpoints:
            for label, server in servers.items():
                run = functools.partial(
                    http.run_wrk, wrk, server, endpoint, workdir, duration=args.duration, **load
                )
                measured = measured_by(label, endpoint, run) if measured_by else run()
                found[(label, endpoint.name)].append(measured)
                print(
                    f"  round {number} {label:<17} {endpoint.label:<40} "
                    f"{measured.requests_per_s:>8.0f} req/s {measured.server_cpu_us:>7.0f} µs CPU",
                    flush=True,
                )
    return found


def summarise(
    runs: list[http.Measurement], floors: list[http.Measurement] | None
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "requests_per_s": round(statistics.median(m.requests_per_s for m in runs), 1),
        "p50_ms": round(statistics.median(m.p50_ms for m in runs), 3),
        "p99_ms": round(statistics.median(m.p99_ms for m in runs), 3),
        "server_cpu_us": round(statistics.median(m.server_cpu_us for m in runs), 1),
        "rounds": [
            {
                "requests_per_s": m.requests_per_s,
                "server_cpu_us": m.server_cpu_us,
                "p99_ms": m.p99_ms,
            }
            for m in runs
        ],
    }
    if floors is not None:
        row["ratio_to_floor"] = round(
            statistics.median(
                m.requests_per_s / f.requests_per_s for m, f in zip(runs, floors, strict=True)
            ),
            3,
        )
        row["cpu_ratio_to_floor"] = round(
            statistics.median(
                f.server_cpu_us / m.server_cpu_us for m, f in zip(runs, floors, strict=True)
            ),
            3,
        )
    return row


def one_worker(wrk: str, workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    endpoints = http.endpoints(args.people, fixed=not args.quick)
    with http.service(workdir) as server:
        ready_s = server.ready_s
        measured = rounds_of(wrk, {"1 worker": server}, endpoints, workdir, args, args.connections)
        floors = measured[("1 worker", http.FLOOR)]
        rows = {
            e.name: {"label": e.label, **summarise(measured[("1 worker", e.name)], floors)}
            for e in endpoints
        }
        # Memory after a day's worth of distinct people: screenings, which fill the most memos.
        screening = next(e for e in endpoints if e.name == "eligibility_all_distinct")
        sent = http._sent[(server.base, screening.name)]
        # wrk ends a run at its duration, not when its threads stop: short runs until done.
        while (remaining := args.memory_people - sent) > 0:
            http.run_wrk(
                wrk,
                server,
                screening,
                workdir,
                duration=min(10, args.duration * 10),
                connections=args.connections,
                max_requests=remaining,
            )
            sent = http._sent[(server.base, screening.name)]
        rss = http.worker_rss_mb(server.pid)
        people_seen = http._sent[(server.base, screening.name)]
    return {
        "endpoints": rows,
        "ready_s": round(ready_s, 3),
        "rss_mb": [round(r, 1) for r in rss],
        "rss_after_people": people_seen,
    }


def several_workers(wrk: str, workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    endpoints = [
        e
        for e in http.endpoints(args.people, fixed=False)
        if e.name in (http.FLOOR, "eligibility_all_distinct", "eligibility_one_distinct")
    ]
    with (
        http.service(workdir / "w1", workers=1) as one,
        http.service(workdir / "w2", workers=2) as two,
    ):
        servers = {"1 worker": one, "2 workers": two}
        measured = rounds_of(wrk, servers, endpoints, workdir, args, args.worker_connections)
    rows: dict[str, Any] = {}
    for e in endpoints:
        a, b = measured[("1 worker", e.name)], measured[("2 workers", e.name)]
        rows[e.name] = {
            "label": e.label,
            "one_requests_per_s": round(statistics.median(m.requests_per_s for m in a), 1),
            "two_requests_per_s": round(statistics.median(m.requests_per_s for m in b), 1),
            "two_over_one": round(
                statistics.median(
                    y.requests_per_s / x.requests_per_s for x, y in zip(a, b, strict=True)
                ),
                3,
            ),
            "two_p99_ms": round(statistics.median(m.p99_ms for m in b), 2),
        }
    return rows


def stacks(wrk: str, workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    endpoints = http.endpoints(args.people, fixed=False)
    with contextlib.ExitStack() as stack:
        servers = {}
        for label, (loop, protocol) in STACKS.items():
            command = [
                sys.executable,
                "-m",
                "uvicorn",
                http.APP,
                "--factory",
                "--host=127.0.0.1",
                "--no-access-log",
                "--log-level=warning",
                f"--loop={loop}",
                f"--http={protocol}",
            ]
            folder = workdir / label.replace("+", "-")
            servers[label] = stack.enter_context(http.service(folder, command=command))
        measured = rounds_of(wrk, servers, endpoints, workdir, args, args.connections)
    rows: dict[str, Any] = {}
    for label in servers:
        floors = measured[(label, http.FLOOR)]
        rows[label] = {
            e.name: {"label": e.label, **summarise(measured[(label, e.name)], floors)}
            for e in endpoints
        }
    return rows


WRITER_CPU_METRIC = "insatser_decision_log_writer_cpu_seconds_total"
# Seconds after a run before its CPU is read: the log's flush interval (2 s) and a margin.
SETTLE_S = 2.5


def decision_log(wrk: str, workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    """What the decision log costs a request, two ways.

    - **The writer's share** (direct): on the server with the log on, the writer thread's CPU
      (`insatser_decision_log_writer_cpu_seconds_total`) over the process's CPU, per run.
    - **On − off**: `serve` with it on and off, interleaved. Indirect, and only as good as two
      processes measured in turn on a shared machine: two servers with the log off, measured
      so, differed by 6–8 % (docs/performance.md, fifth round).

    Each run's CPU is read after the log's next batch (`SETTLE_S`), so the writing is counted
    with the answers it writes; the same wait is made after a run with the log off.
    """
    endpoints = http.endpoints(args.people, fixed=False)
    writer: dict[str, list[float]] = {e.name: [] for e in endpoints}
    with contextlib.ExitStack() as stack:
        servers = {
            f"log {state}": stack.enter_context(
                http.service(
                    workdir / state,
                    env={"INSATSER_DECISION_LOG_ENABLED": "true" if state == "on" else "false"},
                )
            )
            for state in ("on", "off")
        }
        on = servers["log on"]

        def with_writer_share(
            label: str, endpoint: http.Endpoint, run: Callable[[], http.Measurement]
        ) -> http.Measurement:
            if label != "log on":
                return run()
            before = http.metric_sum(on.base, on.api_key, WRITER_CPU_METRIC)
            measured = run()
            spent = http.metric_sum(on.base, on.api_key, WRITER_CPU_METRIC) - before
            writer[endpoint.name].append(spent / (measured.server_cpu_us * measured.requests / 1e6))
            return measured

        measured = rounds_of(
            wrk, servers, endpoints, workdir, args, args.connections, SETTLE_S, with_writer_share
        )
    rows: dict[str, Any] = {}
    for e in endpoints[1:]:
        on_runs, off_runs = measured[("log on", e.name)], measured[("log off", e.name)]
        rows[e.name] = {
            "label": e.label,
            "on_cpu_us": round(statistics.median(m.server_cpu_us for m in on_runs), 1),
            "off_cpu_us": round(statistics.median(m.server_cpu_us for m in off_runs), 1),
            "share": round(
                statistics.median(
                    (a.server_cpu_us - b.server_cpu_us) / a.server_cpu_us
                    for a, b in zip(on_runs, off_runs, strict=True)
                ),
                3,
            ),
            "writer_share": round(statistics.median(writer[e.name]), 3),
            "writer_shares": [round(x, 3) for x in writer[e.name]],
        }
    return rows


@contextlib.contextmanager
def own_postgres(server: str) -> Iterator[str | None]:
    """A fresh database on `server`, or None when it cannot be reached (the part is skipped)."""
    from bench.faults import own_postgres as make

    try:
        with make(server) as url:
            yield url
    except Exception as error:  # an unreachable server only skips this part
        if "OperationalError" not in type(error).__name__:
            raise
        print(f"  PostgreSQL at {server} not reachable; journal on PostgreSQL skipped", flush=True)
        yield None


def journal(wrk: str, workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    endpoints = [http.endpoints(args.people, fixed=False)[0], http.JOURNAL]
    rows: dict[str, Any] = {}
    for database in ("sqlite", "postgresql"):
        with contextlib.ExitStack() as stack:
            url = None
            if database == "postgresql":
                if args.postgres == "none":
                    continue
                url = stack.enter_context(own_postgres(args.postgres))
                if url is None:
                    continue
            folder = workdir / f"journal-{database}"
            server = stack.enter_context(http.service(folder, database_url=url))
            measured = rounds_of(wrk, {database: server}, endpoints, workdir, args, 16)
        floors = measured[(database, http.FLOOR)]
        rows[database] = summarise(measured[(database, "journal")], floors)
    return rows


def ceiling_part(wrk: str, workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The eligibility endpoints beside their ceilings (bench/ceiling.py), in one server,
    interleaved with the floor: what the targets' ratios could be if the rules and the answer
    cost nothing."""
    from bench import ceiling

    real = http.endpoints(args.people, fixed=False)
    endpoints = [*real, *ceiling.endpoints(real)]
    service = http.service(
        workdir, app=CEILING_APP, env={"PYTHONPATH": str(http.ROOT), "INSATSER_WORKERS": "1"}
    )
    with service as server:
        measured = rounds_of(wrk, {"ceiling": server}, endpoints, workdir, args, args.connections)
    floors = measured[("ceiling", http.FLOOR)]
    return {
        "endpoints": {
            e.name: {"label": e.label, **summarise(measured[("ceiling", e.name)], floors)}
            for e in endpoints
        },
        "answer_sizes": ceiling.answer_sizes(http.ROOT / "catalog" / "ostersund"),
    }


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def report(result: dict[str, Any]) -> str:
    s = result["settings"]
    lines = [
        f"insatser-api benchmark {result['when']}{' (QUICK: smoke test, no figures)' if s['quick'] else ''}",
        f"`insatser-api serve`, SQLite, auth on; wrk 1 thread; {s['duration']:g} s × {s['rounds']} "
        "rounds, medians; × floor: req/s over the floor's, CPU: the floor's CPU µs over it",
    ]
    targets: list[tuple[str, str, str]] = []
    if "one_worker" in result:
        w = result["one_worker"]
        lines += [
            "",
            f"1 worker, {s['connections']} connections",
            f"{'endpoint':<42} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'× floor':>8} "
            f"{'CPU µs':>7} {'CPU × floor':>11}",
        ]
        for name, row in w["endpoints"].items():
            lines.append(
                f"{row['label']:<42} {row['requests_per_s']:>8.0f} {row['p50_ms']:>7.2f} "
                f"{row['p99_ms']:>7.2f} {row['ratio_to_floor']:>8.3f} {row['server_cpu_us']:>7.0f} "
                f"{row['cpu_ratio_to_floor']:>11.3f}"
            )
            if name in TARGET_RATIO:
                t = TARGET_RATIO[name]
                targets.append(
                    (
                        f"{row['label']} ≥ {t}× floor",
                        f"{row['ratio_to_floor']:.3f}",
                        verdict(row["ratio_to_floor"] >= t),
                    )
                )
        lines.append(
            f"start-up to ready {w['ready_s']:.2f} s; worker RSS "
            f"{', '.join(f'{r:.0f}' for r in w['rss_mb'])} MB after {w['rss_after_people']} distinct screenings"
        )
        targets.append(
            (
                f"start-up ≤ {TARGET_READY_S} s",
                f"{w['ready_s']:.2f} s",
                verdict(w["ready_s"] <= TARGET_READY_S),
            )
        )
        rss = max(w["rss_mb"])
        targets.append(
            (
                f"worker RSS ≤ {TARGET_RSS_MB:g} MB after {w['rss_after_people']} people",
                f"{rss:.0f} MB",
                verdict(rss <= TARGET_RSS_MB),
            )
        )
    if "workers" in result:
        lines += ["", f"2 workers against 1, {s['worker_connections']} connections, interleaved"]
        for row in result["workers"].values():
            lines.append(
                f"{row['label']:<42} 1: {row['one_requests_per_s']:>7.0f} req/s  2: "
                f"{row['two_requests_per_s']:>7.0f} req/s  2/1 {row['two_over_one']:.2f}  p99(2) {row['two_p99_ms']:.1f} ms"
            )
        row = result["workers"]["eligibility_all_distinct"]
        targets.append(
            (
                f"2 workers ≥ {TARGET_WORKERS}× 1 (screening)",
                f"{row['two_over_one']:.2f}",
                verdict(row["two_over_one"] >= TARGET_WORKERS),
            )
        )
    if "stack" in result:
        lines += ["", "server stack, 1 worker (uvicorn --loop/--http), interleaved"]
        for label, rows in result["stack"].items():
            for row in rows.values():
                lines.append(
                    f"{label:<17} {row['label']:<42} {row['requests_per_s']:>7.0f} req/s "
                    f"{row['server_cpu_us']:>6.0f} µs CPU  CPU × floor {row.get('cpu_ratio_to_floor', 1):.3f}"
                )
    if "decision_log" in result:
        lines += [
            "",
            "the decision log's share of a request's CPU: its writer thread's CPU over the "
            "process's (direct), and (on − off) / on, interleaved (indirect: ± 8 % between two "
            "equal servers)",
        ]
        for name, row in result["decision_log"].items():
            lines.append(
                f"{row['label']:<42} writer {row['writer_share'] * 100:>5.1f} %   "
                f"on {row['on_cpu_us']:>6.0f} µs  off {row['off_cpu_us']:>6.0f} µs  "
                f"on − off {row['share'] * 100:.1f} %"
            )
            if name == "eligibility_all_distinct":
                targets.append(
                    (
                        "decision log ≤ 10 % of a screening's CPU (writer thread)",
                        f"{row['writer_share'] * 100:.1f} %",
                        verdict(row["writer_share"] <= 0.10),
                    )
                )
    if "journal" in result:
        lines += ["", "journal writes, 16 concurrent writers"]
        one_check = (
            result.get("one_worker", {}).get("endpoints", {}).get("eligibility_one_distinct")
        )
        for database, row in result["journal"].items():
            lines.append(
                f"{database:<11} {row['requests_per_s']:>7.0f} writes/s p50 {row['p50_ms']:.1f} ms "
                f"p99 {row['p99_ms']:.1f} ms, {row['server_cpu_us']:.0f} µs CPU a write"
            )
            targets.append(
                (
                    f"journal p99 ≤ {TARGET_JOURNAL_P99_MS:g} ms ({database})",
                    f"{row['p99_ms']:.1f} ms",
                    verdict(row["p99_ms"] <= TARGET_JOURNAL_P99_MS),
                )
            )
            if one_check:
                times = row["server_cpu_us"] / one_check["server_cpu_us"]
                targets.append(
                    (
                        f"journal CPU ≤ {TARGET_JOURNAL_CPU:g}× one check ({database})",
                        f"{times:.2f}×",
                        verdict(times <= TARGET_JOURNAL_CPU),
                    )
                )
    if "ceiling" in result:
        c = result["ceiling"]
        sizes = c["answer_sizes"]
        lines += [
            "",
            "the ceiling (bench/ceiling.py): the same server with recorded-answer routes beside "
            f"the real ones (answers of {sizes['one_check_median_bytes']:.0f} B for one check, "
            f"{sizes['screening_bytes']} B for a screening), uvicorn's factory, 1 worker",
            f"{'endpoint':<52} {'req/s':>8} {'× floor':>8} {'CPU µs':>7} {'CPU × floor':>11}",
        ]
        for row in c["endpoints"].values():
            lines.append(
                f"{row['label']:<52} {row['requests_per_s']:>8.0f} {row['ratio_to_floor']:>8.3f} "
                f"{row['server_cpu_us']:>7.0f} {row['cpu_ratio_to_floor']:>11.3f}"
            )
    if "rules" in result:
        from bench import rules

        lines += ["", rules.report(result["rules"])]
    if targets:
        lines += ["", "issue 18's targets"]
        lines += [f"  {what:<52} {value:>10}  {ok}" for what, value, ok in targets]
    return "\n".join(lines)


PARTS = ("one_worker", "workers", "stack", "decision_log", "journal", "ceiling", "rules")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="the service as deployed, and the rules layer")
    parser.add_argument("--duration", type=int, default=4, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of warm-up per endpoint")
    parser.add_argument("--rounds", type=int, default=3, help="runs per endpoint; medians")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections, 1 worker")
    parser.add_argument("--worker-connections", type=int, default=64, help="1 worker vs 2")
    parser.add_argument("--people", type=int, default=130_000, help="distinct people generated")
    parser.add_argument("--memory-people", type=int, default=100_000, help="people before RSS")
    parser.add_argument("--max-requests", type=int, default=200_000, help="cap per wrk run")
    parser.add_argument("--repeat", type=int, default=5, help="repeats of the rules benchmark")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only these parts")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("INSATSER_TEST_DATABASE_URL") or DEFAULT_POSTGRES,
        help="PostgreSQL server for the journal part ('none' skips it)",
    )
    parser.add_argument("--quick", action="store_true", help="tiny numbers: a smoke test")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the results")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup, args.rounds = 1, 0, 1
        args.people, args.memory_people, args.repeat = 400, 300, 1
        args.worker_connections, args.max_requests = 8, 60
    parts = args.only or [p for p in PARTS if not (args.quick and p == "rules")]
    result: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": sys.version.split()[0],
        "settings": {
            k: v for k, v in vars(args).items() if k not in ("only", "results", "postgres")
        },
    }
    wrk = http.ensure_wrk() if set(parts) - {"rules"} else ""
    with tempfile.TemporaryDirectory(prefix="insatser-bench-") as tmp:
        workdir = Path(tmp)
        for part, run in (
            ("one_worker", one_worker),
            ("workers", several_workers),
            ("stack", stacks),
            ("decision_log", decision_log),
            ("journal", journal),
            ("ceiling", ceiling_part),
        ):
            if part in parts:
                print(f"{part}", flush=True)
                folder = workdir / part
                folder.mkdir()
                result[part] = run(wrk, folder, args)
    if "rules" in parts:
        from bench import rules

        print("rules-layer benchmark (in process)", flush=True)
        result["rules"] = rules.run(args.repeat)
    text = report(result)
    print("\n" + text)
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = result["when"].replace(":", "").replace("-", "")
    (args.results / f"bench-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.results / f"bench-{stamp}.txt").write_text(text + "\n")
    (args.results / "latest.txt").write_text(text + "\n")
    print(f"\nwritten: {args.results}/bench-{stamp}.json and .txt")


if __name__ == "__main__":
    main()
