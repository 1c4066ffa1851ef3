"""The parts of an answer that drive a form (api.md, Answers that drive a form): next_questions
and the screening's filters."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.asyncio

ADULT = {"as_of": "2026-11-20", "applicant": {"birth_date": "1986-03-02"}}


async def _screen(client: httpx.AsyncClient, body: dict[str, Any], **params: str) -> dict[str, Any]:
    response = await client.post("/v1/eligibility", json=body, params=params)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


async def test_the_first_question_decides_the_most(client: httpx.AsyncClient) -> None:
    summary = (await _screen(client, ADULT))["summary"]
    questions = summary["next_questions"]
    assert questions[0]["fact"] == "applicant.folkbokford_kommunkod"
    assert questions[0]["question"].endswith("?")
    sizes = [len(q["decides"]) for q in questions]
    assert sizes == sorted(sizes, reverse=True)
    # Every missing fact is asked; besides them only what could change a consent part.
    asked = {q["fact"] for q in questions}
    assert asked >= set(summary["missing_facts"])
    assert asked - set(summary["missing_facts"]) <= {"guardian_consent", "child.participates"}
    open_ = set(summary["needs_information"]) | set(summary["requires_guardian_consent"])
    open_ |= set(summary["eligible"])  # Samarbetssamtal: whether the child takes part
    assert all(set(q["decides"]) <= open_ for q in questions)


async def test_ties_follow_the_catalogues_question_order(client: httpx.AsyncClient) -> None:
    body = {**ADULT, "applicant": {"age": 40, "folkbokford_kommunkod": "2380"}}
    questions = (await _screen(client, body))["summary"]["next_questions"]
    assert questions[0] == {
        "fact": "history",
        "question": "Vilka insatser har personen avslutat det senaste året, och när?",
        "decides": ["booster-bryggan", "booster-nexus"],
    }
    singles = [q["fact"] for q in questions[1:]]
    assert singles == [
        "child.folkbokford_kommunkod",
        "facts.has_cra_behandlare",
        "facts.had_bostad_forst",
        "facts.has_hyreskontrakt_in_kommun",
        "facts.completed_12_step_primary",
        "facts.placed_outside_home_by_kommunkod",
        "facts.placed_outside_home_in_kommunkod",
        # Not a missing fact: whether the child takes part decides the consent, asked last.
        "child.participates",
    ]


async def test_consent_is_asked_where_it_decides(client: httpx.AsyncClient) -> None:
    child = {"as_of": "2026-11-20", "applicant": {"age": 10, "folkbokford_kommunkod": "2380"}}
    summary = (await _screen(client, child))["summary"]
    consent = next(q for q in summary["next_questions"] if q["fact"] == "guardian_consent")
    assert set(summary["requires_guardian_consent"]) <= set(consent["decides"])
    assert "guardian_consent" not in summary["missing_facts"]  # missing_facts keeps its meaning
    given = {**child, "guardian_consent": True}
    summary = (await _screen(client, given))["summary"]
    assert "guardian_consent" not in {q["fact"] for q in summary["next_questions"]}


async def test_one_answer_asks_its_own_missing_facts(client: httpx.AsyncClient) -> None:
    body = {"as_of": "2026-11-20", "applicant": {"age": 40}}
    answer = (await client.post("/v1/insatser/f-cra/eligibility", json=body)).json()
    assert [q["fact"] for q in answer["next_questions"]] == answer["missing_facts"]
    assert all(q["decides"] == ["f-cra"] for q in answer["next_questions"])
    settled = {**body, "applicant": {"age": 40, "folkbokford_kommunkod": "0180"}}
    answer = (await client.post("/v1/insatser/f-cra/eligibility", json=settled)).json()
    assert answer["outcome"] == "not_eligible"
    assert answer["next_questions"] == []


async def test_the_screening_takes_the_lists_filters(client: httpx.AsyncClient) -> None:
    listed = (await client.get("/v1/insatser", params={"kanal": "app", "per_page": 200})).json()
    wanted = [item["id"] for item in listed["items"]]
    assert 0 < len(wanted) < 28
    answer = await _screen(client, ADULT, kanal="app")
    assert [r["insats_id"] for r in answer["results"]] == wanted
    nexus = await _screen(client, ADULT, enhet="nexus", q="booster")
    assert [r["insats_id"] for r in nexus["results"]] == ["booster-nexus"]


async def test_the_taxonomy_filters_apply_to_the_screening(client: httpx.AsyncClient) -> None:
    params = {"vardkedja": "eftervard", "per_page": "200"}
    listed = (await client.get("/v1/insatser", params=params)).json()
    wanted = [item["id"] for item in listed["items"]]
    assert 0 < len(wanted) < 28
    answer = await _screen(client, ADULT, vardkedja="eftervard")
    assert [r["insats_id"] for r in answer["results"]] == wanted


async def test_filters_and_insats_ids_both_apply(client: httpx.AsyncClient) -> None:
    body = {**ADULT, "insats_ids": ["cra", "akutboendet", "booster-nexus"]}
    answer = await _screen(client, body, enhet="Nexus")
    assert [r["insats_id"] for r in answer["results"]] == ["cra", "booster-nexus"]
    nothing = await _screen(client, body, sektor="KAF")
    assert nothing["results"] == []
    assert nothing["summary"]["next_questions"] == []


async def test_a_bad_filter_is_a_422_naming_it(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/eligibility", json=ADULT, params={"kanal": "brevduva"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["kanal"]


@pytest.mark.parametrize(
    "params",
    [
        {"kanal": "brevduva"},
        {"q": "x" * 201},
        {"typ": "okand", "fokus": "okand"},
        {"vardkedja": ""},
    ],
)
async def test_the_screening_refuses_a_filter_as_the_list_does(
    client: httpx.AsyncClient, params: dict[str, str]
) -> None:
    # The screening reads the list's filters itself (catalog/filters.py filter_of_query).
    listed = await client.get("/v1/insatser", params=params)
    screened = await client.post("/v1/eligibility", json=ADULT, params=params)
    assert listed.status_code == screened.status_code == 422
    assert screened.json()["errors"] == listed.json()["errors"]


async def test_unknown_query_parameters_are_ignored_by_the_screening(
    client: httpx.AsyncClient,
) -> None:
    plain = await client.post("/v1/eligibility", json=ADULT)
    extra = await client.post("/v1/eligibility", json=ADULT, params={"utm_source": "app"})
    assert extra.status_code == 200
    assert extra.json() == plain.json()
