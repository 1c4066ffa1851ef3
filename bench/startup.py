"""Start-up to ready, interleaved between source trees (docs/performance.md, fifth round).

    .venv/bin/python -m bench.startup 8 /path/to/other/checkout/src src

Each start is bench/http.py `service` (`insatser-api serve`, one worker, a migrated database;
seconds from starting the command to the first 200 from /health/ready) with the tree's `src/`
first on PYTHONPATH, byte-compiled first as `pip install` would. The trees take turns (A B, B A,
...), so a comparison holds while the machine's speed drifts; CPU seconds of the process at
ready are steadier than wall seconds on a shared machine. Ratios are against the first tree.
"""

from __future__ import annotations

import compileall
import statistics
import sys
import tempfile
from pathlib import Path

from bench.http import service, tree_cpu_seconds


def start_once(src: Path, workdir: Path) -> tuple[float, float]:
    with service(workdir, env={"PYTHONPATH": str(src)}) as server:
        return server.ready_s, tree_cpu_seconds(server.pid)


def main(runs: int, trees: list[Path]) -> None:
    for src in trees:
        compileall.compile_dir(src, quiet=1)
    figures: dict[Path, list[tuple[float, float]]] = {src: [] for src in trees}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        start_once(trees[0], Path(folder) / "warm-up")  # page cache
        for run in range(runs):
            for number, src in enumerate(trees if run % 2 == 0 else trees[::-1]):
                figures[src].append(start_once(src, Path(folder) / f"{run}-{number}"))
    for index, name in ((0, "wall s to ready"), (1, "CPU s to ready")):
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
