"""Profile one endpoint in process with pyinstrument (a dev tool, not part of `make bench`).

    python -m bench.profile [floor|insats|eligibility_one|eligibility_all] [--calls N]

Drives the ASGI app directly (no sockets), so the profile shows the app's own work: routing,
validation, the rules layer and serialization.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.http import BENCH_PEPPER, ROOT, Endpoint, _issue_key, endpoints


async def call(app: Any, method: str, path: str, body: bytes, authorization: bytes) -> int:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"bench"),
            (b"content-type", b"application/json"),
            (b"authorization", authorization),
        ],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    sent = False
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


@functools.cache
def _endpoint(name: str) -> Endpoint:
    return next(e for e in endpoints() if e.name == name)


async def drive(app: Any, name: str, calls: int, authorization: bytes) -> float:
    endpoint = _endpoint(name)
    requests = endpoint.requests
    start = time.perf_counter()
    for index in range(calls):
        method, path, body = requests[index % len(requests)]
        status = await call(app, method, path, body, authorization)
        assert status == 200, (path, status)
    return (time.perf_counter() - start) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("endpoint", default="eligibility_all", nargs="?")
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--no-profile", action="store_true", help="only time the calls")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        from insatser_api.kit import migrations

        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        migrations.upgrade(url)
        # As `make bench` and production: authentication and the decision log on.
        authorization = f"Bearer {_issue_key(url)}".encode()
        os.environ.update(
            INSATSER_ENVIRONMENT="test",
            INSATSER_AUTH_DISABLED="false",
            INSATSER_API_KEY_PEPPER=BENCH_PEPPER,
            INSATSER_LOG_LEVEL="WARNING",  # as `make bench`: no request log line per call
            INSATSER_CATALOG_DIR=str(ROOT / "catalog" / "ostersund"),
            DATABASE_URL=url,
        )
        from insatser_api.config import Settings
        from insatser_api.main import create_app

        # Settings read now, from the environment just set (get_settings() may have been
        # cached by the migration above, with the default database).
        app = create_app(Settings())
        asyncio.run(drive(app, args.endpoint, 200, authorization))  # warm up
        if args.no_profile:
            # Rounds of the endpoint interleaved with the floor, the least of each: on a shared
            # machine the slower rounds measure the neighbours, and the ratio is what counts.
            times: dict[str, list[float]] = {"floor": [], args.endpoint: []}
            for _ in range(7):
                for name in times:
                    times[name].append(asyncio.run(drive(app, name, args.calls, authorization)))
            floor, endpoint = min(times["floor"]), min(times[args.endpoint])
            print(
                f"{args.endpoint}: {endpoint:.1f} µs per call in process, floor {floor:.1f} µs "
                f"(least of 7 interleaved runs): floor/endpoint {floor / endpoint:.2f}"
            )
            return
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0002)
        profiler.start()
        us = asyncio.run(drive(app, args.endpoint, args.calls, authorization))
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=True))
        print(f"{args.endpoint}: {us:.1f} µs per call (profiled)")


if __name__ == "__main__":
    main()
