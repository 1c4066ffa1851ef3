"""The garbage collector's settings for a long-running service (docs/performance.md).

Every answer for a new person leaves a few remembered objects behind (decisions in the rules
layer's memos), and CPython collects the young generation after every 700 allocations, which a
screening of 28 insatser reaches in a few requests. Collecting it every 10,000 instead cut the
rules layer's time for a new person by about a fifth (bench/rules.py, as a multiple of the
reference loop: 1.77 → 1.44); a young collection then looks at up to 10,000 objects, a fraction
of a millisecond.
"""

from __future__ import annotations

import gc

YOUNG_GENERATION_THRESHOLD = 10_000


def settle_after_start_up() -> None:
    """Move what start-up built (catalogue, compiled rules, imports) out of the collector's
    sight, so full collections no longer walk it, and collect the young generation less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, old)
