"""The collector settings `insatser-api serve` takes after start-up (kit/heap.py)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator

import pytest

from insatser_api.config import Settings
from insatser_api.kit.heap import (
    YOUNG_GENERATION_THRESHOLD,
    collector_paused,
    settle_after_start_up,
)
from insatser_api.main import create_app


@pytest.fixture
def restored_collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.usefixtures("restored_collector")
def test_start_up_objects_are_frozen_and_the_young_generation_collected_less_often() -> None:
    gc.unfreeze()
    _, middle, old = gc.get_threshold()
    built_at_start_up = [object() for _ in range(10)], {"catalogue": [1, 2, 3]}
    settle_after_start_up()
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == (YOUNG_GENERATION_THRESHOLD, middle, old)
    assert built_at_start_up  # kept alive until frozen


def test_building_and_starting_the_app_leaves_the_collector_alone(settings: Settings) -> None:
    # Only `insatser-api serve` (main.served_app) tunes the collector, for its own process.
    threshold = gc.get_threshold()
    app = create_app(settings)

    async def start_and_stop() -> None:
        async with app.router.lifespan_context(app):
            pass

    asyncio.run(start_and_stop())
    assert gc.get_threshold() == threshold


def test_the_start_up_pause_stops_collections_and_leaves_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(SystemExit), collector_paused():
        raise SystemExit(1)  # a catalogue refused at start
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # not turned on by the pause
    finally:
        gc.enable()
