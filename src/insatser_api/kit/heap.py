"""The garbage collector's settings for a long-running service, applied by `insatser-api
serve` (main.served_app), never by building the app (docs/performance.md).

Start-up (the command line's imports, then the app) builds objects that live as long as the
process and frees next to nothing, so a collection during it only walks what is being built:
the entry point and `serve` pause the collector while they import and build.

Every answer for a new person leaves a few remembered objects behind (decisions in the rules
layer's memos), and CPython collects the young generation every 700 allocations, which a
screening of 28 insatser reaches in a few requests; collecting it less often pays, and a young
collection then still looks at few enough objects to stay short.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_GENERATION_THRESHOLD = 10_000


def settle_after_start_up() -> None:
    """Move what start-up built (catalogue, compiled rules, imports) out of the collector's
    sight, so full collections no longer walk it, and collect the young generation less often.

    No full collection first: at this point it frees nothing (0 objects after building the app
    on the bundled catalogue) and walking the ~115,000 objects start-up built cost ~80 ms of
    CPU, a tenth of the start-up (docs/performance.md, fifth round)."""
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, old)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection inside the block; the collector is left as it was found."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
