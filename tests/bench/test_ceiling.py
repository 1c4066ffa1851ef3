"""The ceiling's recorded answers (bench/ceiling.py) are real answers of the service, of the
median length, so the ceiling sends as many bytes as the real endpoints."""

from __future__ import annotations

import statistics

import orjson
from bench.ceiling import _median_sized, record_answers
from bench.people import INSATS_IDS

from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.kit.bundled import bundled_catalog_dir


def test_one_recorded_answer_per_insats_and_one_screening() -> None:
    recorded = record_answers(CatalogRegistry.from_directory(bundled_catalog_dir()))
    assert set(recorded) == {*INSATS_IDS, ""}
    for insats_id in INSATS_IDS:
        assert orjson.loads(recorded[insats_id])["insats_id"] == insats_id
    screening = orjson.loads(recorded[""])
    assert [r["insats_id"] for r in screening["results"]] == list(INSATS_IDS)


def test_the_answer_of_median_length_is_chosen() -> None:
    answers = [b"x" * n for n in (5, 1, 9, 3, 7)]
    chosen = _median_sized(answers)
    assert len(chosen) == statistics.median_low(len(a) for a in answers) == 5
