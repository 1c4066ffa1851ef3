"""`python -m bench`: the HTTP benchmark, then the rules-layer benchmark; one results file.

See bench/http.py and bench/rules.py. Results go to bench/results/ (not committed); a
representative run is recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import http

RESULTS = Path(__file__).resolve().parent / "results"
# Issue 6's targets, as ratios of the floor (one worker, this machine) and in-process times.
TARGET_RATIO = {"eligibility_one": 0.8, "eligibility_all": 0.4}
TARGET_RULES_US = 30.0
TARGET_LOAD_S = 0.5


def measure_http(args: argparse.Namespace) -> dict[str, Any]:
    wrk = http.ensure_wrk()
    endpoints = http.endpoints()
    rounds: dict[str, list[http.Measurement]] = {e.name: [] for e in endpoints}
    with tempfile.TemporaryDirectory(prefix="insatser-bench-") as tmp:
        workdir = Path(tmp)
        with http.service(workdir, args.app, args.factory) as server:
            load = {"connections": args.connections, "max_requests": args.max_requests}
            for endpoint in endpoints:
                http.check_answers(server, endpoint)
                http.run_wrk(wrk, server, endpoint, workdir, duration=args.warmup, **load)
            for number in range(1, args.rounds + 1):
                for endpoint in endpoints:
                    measured = http.run_wrk(
                        wrk, server, endpoint, workdir, duration=args.duration, **load
                    )
                    rounds[endpoint.name].append(measured)
                    print(
                        f"  round {number} {endpoint.label:<38} {measured.requests_per_s:>8.0f} req/s"
                        f" {measured.server_cpu_us:>7.0f} µs server CPU/request",
                        flush=True,
                    )
    floors = [m.requests_per_s for m in rounds[http.FLOOR]]
    floor_cpu = [m.server_cpu_us for m in rounds[http.FLOOR]]
    summary = {}
    for endpoint in endpoints:
        runs = rounds[endpoint.name]
        ratios = [m.requests_per_s / f for m, f in zip(runs, floors, strict=True)]
        cpu_ratios = [f / m.server_cpu_us for m, f in zip(runs, floor_cpu, strict=True)]
        summary[endpoint.name] = {
            "label": endpoint.label,
            "requests_per_s": round(statistics.median(m.requests_per_s for m in runs), 1),
            "p50_ms": round(statistics.median(m.p50_ms for m in runs), 3),
            "p99_ms": round(statistics.median(m.p99_ms for m in runs), 3),
            "ratio_to_floor": round(statistics.median(ratios), 3),
            "server_cpu_us": round(statistics.median(m.server_cpu_us for m in runs), 1),
            "cpu_ratio_to_floor": round(statistics.median(cpu_ratios), 3),
            "rounds": [
                {
                    "requests_per_s": m.requests_per_s,
                    "p50_ms": m.p50_ms,
                    "p99_ms": m.p99_ms,
                    "server_cpu_us": m.server_cpu_us,
                }
                for m in runs
            ],
        }
    return summary


def report(result: dict[str, Any]) -> str:
    lines = [
        "req/s, p50, p99 and × floor (req/s over the floor's) from wrk; CPU µs: the server's CPU",
        "time per request, and × floor its floor's CPU time over it (steadier on a busy machine).",
        f"insatser-api benchmark {result['when']} "
        f"(uvicorn, 1 worker; wrk 1 thread, {result['settings']['connections']} connections, "
        f"{result['settings']['duration']:g} s × {result['settings']['rounds']} rounds, medians)",
        "",
        f"{'endpoint':<38} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'× floor':>8}  target"
        f"        {'CPU µs':>7} {'× floor':>8}",
    ]
    for name, row in result.get("http", {}).items():
        target = TARGET_RATIO.get(name)
        verdict = ""
        if target is not None:
            verdict = f"≥ {target} {'ok' if row['ratio_to_floor'] >= target else 'MISSED'}"
        lines.append(
            f"{row['label']:<38} {row['requests_per_s']:>8.0f} {row['p50_ms']:>8.2f} "
            f"{row['p99_ms']:>8.2f} {row['ratio_to_floor']:>8.3f}  {verdict:<13} "
            f"{row['server_cpu_us']:>7.0f} {row['cpu_ratio_to_floor']:>8.3f}"
        )
    if "rules" in result:
        from bench import rules

        r = result["rules"]
        lines += ["", rules.report(r)]
        # Judged on a new person in a running service: an answer computed, not remembered.
        # The other figures are shown against the same bound.
        others = ", ".join(
            f"{label} {r[key]:.1f} µs {'ok' if r[key] < TARGET_RULES_US else 'over'}"
            for label, key in (
                ("steady state", "screen_all_us_per_person"),
                ("first sight", "first_sight_us_per_person"),
                ("cold", "cold_stream_us_per_person"),
            )
        )
        new_person = r["new_person_us_per_person"]
        rules_verdict = (
            f"new person {new_person:.1f} µs {'ok' if new_person < TARGET_RULES_US else 'MISSED'}"
        )
        lines.append(
            f"targets: rules < {TARGET_RULES_US:g} µs: {rules_verdict} ({others}); "
            f"catalogue load < {TARGET_LOAD_S} s "
            f"{'ok' if r['catalog_load_s'] < TARGET_LOAD_S else 'MISSED'}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="HTTP (wrk) and rules-layer benchmarks")
    parser.add_argument("--duration", type=int, default=4, help="seconds per wrk run")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of warm-up per endpoint")
    parser.add_argument("--rounds", type=int, default=5, help="runs per endpoint; medians reported")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument(
        "--max-requests", type=int, default=200_000, help="stop a wrk run after this many answers"
    )
    parser.add_argument("--repeat", type=int, default=7, help="repeats of the rules benchmark")
    parser.add_argument("--only", choices=("http", "rules"), help="run only one of the two")
    parser.add_argument("--app", default=http.APP, help="the ASGI app uvicorn serves")
    parser.add_argument(
        "--factory",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="--app names a factory (as `insatser-api serve` runs it)",
    )
    args = parser.parse_args()
    result: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": sys.version.split()[0],
        "settings": {
            "duration": args.duration,
            "rounds": args.rounds,
            "connections": args.connections,
            "max_requests": args.max_requests,
        },
    }
    if args.only != "rules":
        print("HTTP benchmark (wrk on loopback)", flush=True)
        result["http"] = measure_http(args)
    if args.only != "http":
        from bench import rules

        print("rules-layer benchmark (in process)", flush=True)
        result["rules"] = rules.run(args.repeat)
    text = report(result)
    print("\n" + text)
    RESULTS.mkdir(exist_ok=True)
    stamp = result["when"].replace(":", "").replace("-", "")
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / f"bench-{stamp}.txt").write_text(text + "\n")
    (RESULTS / "latest.txt").write_text(text + "\n")
    print(f"\nwritten: bench/results/bench-{stamp}.json and .txt")


if __name__ == "__main__":
    main()
