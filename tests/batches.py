"""Writes that reach the group commit's writer (kit/group_commit.py) as one batch: the writer is
held by a first write until every other write is queued behind it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import Connection


async def in_one_batch(
    write: Callable[[Callable[[Connection], None]], Awaitable[Any]],
    queued: Callable[[], int],
    starts: list[Awaitable[Any]],
    *,
    return_exceptions: bool = False,
) -> list[Any]:
    """Await `starts` (each hands the writer one write) while `write` holds the writer, released
    once `queued()` counts all of them; their outcomes in order (exceptions too, if asked)."""
    held, release = threading.Event(), threading.Event()

    def hold(_connection: Connection) -> None:
        held.set()
        release.wait(10)

    first = asyncio.ensure_future(write(hold))
    assert await asyncio.to_thread(held.wait, 10)
    tasks = [asyncio.ensure_future(start) for start in starts]
    for _ in range(10_000):
        if queued() >= len(starts):
            break
        await asyncio.sleep(0.001)
    assert queued() == len(starts)
    release.set()
    await first
    return list(await asyncio.gather(*tasks, return_exceptions=return_exceptions))
