"""The bench itself runs end to end (`python -m bench --quick`): tiny numbers, no timings
judged. Speed is measured by `make bench`, never here."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed")
def test_the_quick_bench_runs_every_http_part_on_sqlite(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "bench",
        "--quick",
        "--postgres",
        "none",
        "--results",
        str(tmp_path),
        "--only",
        "one_worker",
        "--only",
        "journal",
        "--only",
        "ceiling",
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    [written] = tmp_path.glob("bench-*.json")
    result = json.loads(written.read_text())
    one = result["one_worker"]
    distinct = ("eligibility_one_distinct", "eligibility_all_distinct")
    assert set(one["endpoints"]) == {"floor", *distinct}
    assert one["rss_after_people"] >= 300
    assert one["rss_mb"]
    assert one["ready_s"] > 0
    assert result["journal"]["sqlite"]["server_cpu_us"] > 0
    ceiling = result["ceiling"]["endpoints"]
    assert {f"{e}_ceiling_{k}" for e in distinct for k in ("fastapi", "body", "asgi")} <= set(
        ceiling
    )
    assert "issue 18's targets" in (tmp_path / "latest.txt").read_text()
