"""Start-up to ready, interleaved between source trees (docs/performance.md, fifth round).

    .venv/bin/python -m bench.startup 8 /path/to/other/checkout/src src

Each start is bench/http.py `service` (`python -m insatser_api serve`, one worker, a migrated
database; seconds from starting the command to the first 200 from /health/ready) with the
tree's `src/` first on PYTHONPATH, byte-compiled first as `pip install` would. `-m` rather than
the venv's `insatser-api` script: the tree on PYTHONPATH then decides the entry point too. The
process's resident memory is read at ready, before it has answered anything else. The trees take turns (A B, B A,
...), so a comparison holds while the machine's speed drifts; CPU seconds of the process at
ready are steadier than wall seconds on a shared machine. Ratios are against the first tree.
"""

from __future__ import annotations

import compileall
import statistics
import sys
import tempfile
from pathlib import Path

from bench.http import service, tree_cpu_seconds, worker_rss_mb

SERVE = [sys.executable, "-m", "insatser_api", "serve"]


def start_once(src: Path, workdir: Path) -> tuple[float, float, float]:
    with service(workdir, env={"PYTHONPATH": str(src)}, command=SERVE) as server:
        return server.ready_s, tree_cpu_seconds(server.pid), max(worker_rss_mb(server.pid))


def main(runs: int, trees: list[Path]) -> None:
    for src in trees:
        compileall.compile_dir(src, quiet=1)
    figures: dict[Path, list[tuple[float, float, float]]] = {src: [] for src in trees}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        start_once(trees[0], Path(folder) / "warm-up")  # page cache
        for run in range(runs):
            for number, src in enumerate(trees if run % 2 == 0 else trees[::-1]):
                figures[src].append(start_once(src, Path(folder) / f"{run}-{number}"))
    for index, name in ((0, "wall s to ready"), (1, "CPU s to ready"), (2, "RSS MB at ready")):
        for src in trees:
            values = [figure[index] for figure in figures[src]]
            ratio = statistics.median(
                mine[index] / first[index]
                for mine, first in zip(figures[src], figures[trees[0]], strict=True)
            )
            print(
                f"{name}: {src}: median {statistics.median(values):.3f} "
                f"(min {min(values):.3f}, max {max(values):.3f}), × first tree {ratio:.3f}"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]), [Path(arg).resolve() for arg in sys.argv[2:]])
