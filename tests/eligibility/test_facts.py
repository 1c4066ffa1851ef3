"""`GET /v1/facts`: every fact with its question and answers, a negative for each (api.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
from bench.questions import merged

from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.eligibility.facts import TYPES, answers_for
from insatser_api.eligibility.schemas import EligibilityAllRequest
from insatser_api.eligibility.situation_from_request import build_situation
from insatser_api.rules import FactKey, Outcome

AS_OF = dt.date(2026, 11, 20)


async def test_every_fact_is_listed_with_its_question(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/facts")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["fact"] for item in items] == [key.value for key in FactKey]
    assert all("?" in item["question"] for item in items)
    for item in items:
        negatives = [a for a in item["answers"] if a["negative"]]
        if item["fact"] == "applicant.age":
            assert item["type"] == "age"  # everyone has an age: the value is the answer
        else:
            assert negatives, item["fact"]


def test_every_fact_key_has_a_type() -> None:
    assert set(TYPES) == set(FactKey)


@pytest.mark.parametrize("key", list(FactKey))
def test_every_answer_is_a_valid_request(registry: CatalogRegistry, key: FactKey) -> None:
    version = registry.in_force(AS_OF)
    for answer in answers_for(key, version):
        body = merged({"as_of": AS_OF.isoformat(), "applicant": {"age": 30}}, answer.request)
        build_situation(EligibilityAllRequest.model_validate(body), AS_OF, version)


# Where each fact is asked: a person for whom the fact is missing from some answer.
ASKED_OF = {
    FactKey.APPLICANT_FOLKBOKFORD: {"applicant": {"age": 30}},
    FactKey.CHILD_FOLKBOKFORD: {"applicant": {"age": 30}},
    FactKey.HISTORY: {"applicant": {"age": 30}},
    FactKey.HAS_CRA_BEHANDLARE: {"applicant": {"age": 30}},
    FactKey.HAD_BOSTAD_FORST: {"applicant": {"age": 30}},
    FactKey.HAS_HYRESKONTRAKT_IN_KOMMUN: {"applicant": {"age": 30}},
    FactKey.COMPLETED_12_STEP_PRIMARY: {"applicant": {"age": 30}},
    FactKey.PLACED_BY_KOMMUNKOD: {"applicant": {"age": 12}},
    FactKey.PLACED_IN_KOMMUNKOD: {"applicant": {"age": 12}},
}


@pytest.mark.parametrize("key", list(ASKED_OF))
def test_a_negative_is_a_known_fact(registry: CatalogRegistry, key: FactKey) -> None:
    """After a negative answer the fact is no longer missing anywhere: an explicit no is known,
    not unknown."""
    version = registry.in_force(AS_OF)
    before_body = {"as_of": AS_OF.isoformat(), **ASKED_OF[key]}
    before = {d.insats_id: d for d in _judge(version, before_body)}
    needing = [i for i, d in before.items() if key in d.missing_facts]
    assert needing, key
    for answer in answers_for(key, version):
        if not answer.negative:
            continue
        after = {d.insats_id: d for d in _judge(version, merged(before_body, answer.request))}
        assert all(key not in d.missing_facts for d in after.values()), answer.means
        # Decided, or at least asking less (a placement by another kommun leaves the other).
        assert all(
            after[i].outcome is Outcome.NOT_ELIGIBLE
            or set(after[i].missing_facts) < set(before[i].missing_facts)
            for i in needing
        ), answer.means


def _judge(version: Any, body: dict[str, Any]) -> list[Any]:
    request = EligibilityAllRequest.model_validate(body)
    return version.compiled.judge_all(build_situation(request, AS_OF, version))


async def test_no_child_contradicts_a_childs_facts(client: httpx.AsyncClient) -> None:
    body = {"child": {"exists": False, "folkbokford_kommunkod": "2380"}}
    response = await client.post("/v1/insatser/samarbetssamtal/eligibility", json=body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["child.folkbokford_kommunkod"]


async def test_placed_and_not_placed_contradict(client: httpx.AsyncClient) -> None:
    body = {"facts": {"placed_outside_home_by_kommunkod": "none",
                      "placed_outside_home_in_kommunkod": "2380"}}  # fmt: skip
    response = await client.post("/v1/insatser/tradet/eligibility", json=body)
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {
        "facts.placed_outside_home_by_kommunkod",
        "facts.placed_outside_home_in_kommunkod",
    }


async def test_no_child_answers_samarbetssamtal(client: httpx.AsyncClient) -> None:
    body = {"as_of": "2026-11-20", "applicant": {"age": 30}, "child": {"exists": False}}
    answer = (await client.post("/v1/insatser/samarbetssamtal/eligibility", json=body)).json()
    assert answer["outcome"] == "not_eligible"
    assert "personen har inget barn" in answer["conditions"][0]["message"]
    assert answer["consent"]["required"] is False
    parents = (await client.post("/v1/insatser/i-komet/eligibility", json=body)).json()
    assert parents["target_group"]["applicant_outside"] is True
    assert "personen har inget barn" in parents["target_group"]["note"]
