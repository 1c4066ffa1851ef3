"""The answers the service writes are byte for byte what the response models serialize to.

The endpoints get JSON written by the service for speed (eligibility/service.py); the contract
is still `EligibilityResponse` and `EligibilityAllResponse`. Here each answer is also built as
those models (`to_response`, `summarize`: the way the endpoints built them before) and
serialized the way FastAPI serializes a `response_model`, and the bytes compared.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tracemalloc

import orjson
import pytest
from pydantic import TypeAdapter

from insatser_api.catalog.registry import CatalogRegistry, CatalogVersion
from insatser_api.eligibility.answers import (
    _fragment,
    answer_json,
    screening_json,
    summarize,
    to_response,
)
from insatser_api.eligibility.schemas import EligibilityAllResponse, EligibilityResponse
from insatser_api.rules import Situation
from insatser_api.rules.facts import NOT_FOLKBOKFORD
from insatser_api.rules.situation import HistoryItem

ONE = TypeAdapter(EligibilityResponse)
ALL = TypeAdapter(EligibilityAllResponse)


def situations() -> list[Situation]:
    found = []
    for age, folkbokford, consent, history, as_of in itertools.product(
        (None, 10, 15, 17, 30, 70),
        (None, "2380", "0180", NOT_FOLKBOKFORD),
        (None, True, False),
        (None, (), (HistoryItem("cra", None, dt.date(2026, 5, 31)),)),
        (dt.date(2026, 11, 20), dt.date(2026, 12, 23)),
    ):
        facts: dict[str, object] = {"child.age": 4, "child.participates": consent is True}
        if age is not None:
            facts["applicant.age"] = age
        if folkbokford is not None:
            facts["applicant.folkbokford_kommunkod"] = folkbokford
        found.append(
            Situation.from_facts(
                as_of=as_of,
                facts=facts,
                history=history,
                stay_until=as_of + dt.timedelta(days=5) if age == 30 else None,
                guardian_consent=consent,
            )
        )
    return found


@pytest.fixture(scope="module")
def version(registry: CatalogRegistry) -> CatalogVersion:
    return registry.versions[-1]


@pytest.mark.parametrize("situation", situations())
def test_json_equals_the_response_models(version: CatalogVersion, situation: Situation) -> None:
    decisions = version.compiled.judge_all(situation)
    models = [to_response(version, d) for d in decisions]
    for decision, model in zip(decisions, models, strict=True):
        expected = ONE.dump_json(model)
        assert answer_json(version, decision) == expected
        assert answer_json(version, decision) == expected  # written once, then reused
    everything = EligibilityAllResponse(
        catalog_version=version.version,
        as_of=situation.as_of,
        results=models,
        summary=summarize(version, decisions),
    )
    assert screening_json(version, situation.as_of, decisions) == ALL.dump_json(everything)


def test_a_subset_keeps_its_order(version: CatalogVersion) -> None:
    situation = Situation.from_facts(as_of=dt.date(2026, 11, 20), facts={"applicant.age": 12})
    decisions = version.compiled.judge_all(situation, ["bubblan", "cra", "akutboendet"])
    written = ALL.validate_json(screening_json(version, situation.as_of, decisions))
    assert [r.insats_id for r in written.results] == ["bubblan", "cra", "akutboendet"]
    assert written.summary.not_eligible == ["cra", "akutboendet"]


def test_a_kept_part_holds_its_own_length_not_the_writers_buffer() -> None:
    # orjson's bytes hold its whole output buffer (4 kB for any short JSON); the parts kept
    # for every answer are copied to their length (docs/performance.md, worker RSS).
    value = {"code": "age", "status": "met", "message": "Ålder 18–65 år: uppfyllt", "source": "2"}
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [_fragment(value) for _ in range(100)]
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert orjson.dumps([kept[0]]) == orjson.dumps([value])
    assert grown < 100 * 500
