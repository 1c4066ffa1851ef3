"""The eligibility endpoints over HTTP: answers, the summary, and bad input as problems."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from insatser_api.kit.dates import today_in_stockholm

pytestmark = pytest.mark.asyncio

# Valid numbers (Luhn): 19850709-9805 (woman born 1985-07-09); samordningsnummer 850769-9802
# would be born 1985-07-09 too (day + 60).
PERSONNUMMER = "198507099805"
BAD_CHECK_DIGIT = "198507099806"


async def _one(client: httpx.AsyncClient, insats: str, body: dict[str, Any]) -> httpx.Response:
    return await client.post(f"/v1/insatser/{insats}/eligibility", json=body)


async def test_answer_has_every_part_of_api_md(client: httpx.AsyncClient) -> None:
    body = {
        "as_of": "2026-11-22",
        "applicant": {"personnummer": PERSONNUMMER, "folkbokford_kommunkod": "2380"},
    }
    response = await _one(client, "cra", body)
    assert response.status_code == 200
    assert response.headers["Catalog-Version"] == "2025-07-01"
    answer = response.json()
    assert answer["insats_id"] == "cra"
    assert answer["catalog_version"] == "2025-07-01"
    assert answer["as_of"] == "2026-11-22"
    assert answer["outcome"] == "eligible"
    assert [(c["code"], c["status"], c["source"]) for c in answer["conditions"]] == [
        ("age", "met", "4.5.3"),
        ("folkbokford", "met", "1"),
    ]
    assert "avsnitt 4.5.3" in answer["conditions"][0]["message"]
    assert answer["missing_facts"] == []
    assert answer["consent"]["basis"] == "21 kap. 2 § SoL (2025:400)"
    assert answer["consent"]["required"] is False
    assert answer["documentation"]["legal_basis"] == "14 kap. 3 § socialtjänstlagen (2025:400)"
    assert "stay_limit" not in answer
    assert answer["information"] is None
    assert PERSONNUMMER not in response.text


async def test_refusal_carries_the_11_kap_6_information(client: httpx.AsyncClient) -> None:
    answer = (await _one(client, "cra", {"applicant": {"age": 17}})).json()
    assert answer["outcome"] == "not_eligible"
    assert "11 kap. 6 §" in answer["information"]
    assert "11 kap. 1 §" in answer["information"]
    assert answer["missing_facts"] == []


async def test_as_of_defaults_to_today_in_stockholm(client: httpx.AsyncClient) -> None:
    answer = (await _one(client, "cra", {})).json()
    assert answer["as_of"] == today_in_stockholm().isoformat()
    assert answer["outcome"] == "needs_information"
    assert answer["missing_facts"] == ["applicant.age", "applicant.folkbokford_kommunkod"]


async def test_akutboendet_gives_the_latest_date_of_the_stay(client: httpx.AsyncClient) -> None:
    body = {"as_of": "2026-12-23", "applicant": {"age": 40}}
    answer = (await _one(client, "akutboendet", body)).json()
    assert answer["outcome"] == "eligible"
    assert answer["stay_limit"]["until"] == "2026-12-28"


async def test_screening_all_insatser(client: httpx.AsyncClient) -> None:
    body = {"as_of": "2026-11-22", "applicant": {"age": 30, "folkbokford_kommunkod": "2380"}}
    response = await client.post("/v1/eligibility", json=body)
    assert response.status_code == 200
    result = response.json()
    assert result["catalog_version"] == "2025-07-01"
    assert len(result["results"]) == 28
    summary = result["summary"]
    every = (
        summary["eligible"]
        + summary["requires_guardian_consent"]
        + summary["needs_information"]
        + summary["not_eligible"]
    )
    assert sorted(every) == sorted(r["insats_id"] for r in result["results"])
    assert "cra" in summary["eligible"]
    assert "bra-samtal-vuxen" in summary["not_eligible"]
    assert {"booster-nexus", "samarbetssamtal", "tradet", "f-cra"} <= set(
        summary["needs_information"]
    )
    # The union of what is missing, each key once, in the catalogue's question order.
    assert summary["missing_facts"] == [
        "child.folkbokford_kommunkod",
        "history",
        "facts.has_cra_behandlare",
        "facts.had_bostad_forst",
        "facts.has_hyreskontrakt_in_kommun",
        "facts.completed_12_step_primary",
        "facts.placed_outside_home_by_kommunkod",
        "facts.placed_outside_home_in_kommunkod",
    ]
    # A 30-year-old may join Bubblan-like groups only where the villkor allow; the ones meant
    # for others but open to them are listed apart.
    assert "fjarilen" not in summary["outside_target_group"]
    assert "biffsamtal" not in summary["outside_target_group"]
    assert "bubblan" in summary["outside_target_group"]
    assert "bubblan" in summary["eligible"]


async def test_screening_a_subset_keeps_the_order_given(client: httpx.AsyncClient) -> None:
    body = {"insats_ids": ["tradet", "cra", "cra"], "applicant": {"age": 30}}
    result = (await client.post("/v1/eligibility", json=body)).json()
    assert [r["insats_id"] for r in result["results"]] == ["tradet", "cra"]


async def test_screening_an_unknown_insats_is_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/eligibility", json={"insats_ids": ["cra", "bosol"]})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "insats_ids[1]", "message": "Okänd insats.", "code": "unknown_insats"}
    ]


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        (
            {"applicant": {"personnummer": BAD_CHECK_DIGIT}},
            "applicant.personnummer",
            "invalid_check_digit",
        ),
        (
            {"applicant": {"personnummer": "198513099805"}},
            "applicant.personnummer",
            "invalid_check_digit",
        ),
        ({"applicant": {"personnummer": "1985-07-09"}}, "applicant.personnummer", "invalid_format"),
        (
            {"as_of": "2026-01-01", "applicant": {"birth_date": "2026-01-02"}},
            "applicant.birth_date",
            "in_future",
        ),
        ({"applicant": {"age": 131}}, "applicant.age", "less_than_equal"),
        ({"applicant": {"age": -1}}, "applicant.age", "greater_than_equal"),
        ({"applicant": {"age": "18"}}, "applicant.age", "int_type"),
        ({"applicant": {"age": 18.5}}, "applicant.age", "int_type"),
        (
            {"applicant": {"birth_date": "1880-01-01"}, "as_of": "2026-01-01"},
            "applicant.birth_date",
            "age_too_high",
        ),
        (
            {"applicant": {"personnummer": PERSONNUMMER, "age": 30}, "as_of": "2026-11-22"},
            "applicant.age",
            "contradictory",
        ),
        (
            {"applicant": {"personnummer": PERSONNUMMER, "birth_date": "1985-07-10"}},
            "applicant.birth_date",
            "contradictory",
        ),
        ({"applicant": {"birth_date": "2000-01-01", "age": 3}}, "applicant.age", "contradictory"),
        (
            {"applicant": {"personnummer": "198507699802", "folkbokford_kommunkod": "2380"}},
            "applicant.folkbokford_kommunkod",
            "contradicts_samordningsnummer",
        ),
        (
            {"applicant": {"folkbokford_kommunkod": "Östersund"}},
            "applicant.folkbokford_kommunkod",
            "string_pattern_mismatch",
        ),
        ({"guardian_consent": "ja"}, "guardian_consent", "bool_type"),
        ({"unknown": 1}, "unknown", "extra_forbidden"),
        ({"applicant": {"name": "Anna"}}, "applicant.name", "extra_forbidden"),
        ({"facts": {"has_dog": True}}, "facts.has_dog", "extra_forbidden"),
        ({"history": [{"ended_on": "2026-01-01"}]}, "history[0]", "value_error"),
        (
            {"history": [{"insats_id": "finns-inte", "ended_on": "2026-01-01"}]},
            "history[0].insats_id",
            "unknown_insats",
        ),
        ({"as_of": "2026-11-22", "stay_until": "2026-11-21"}, "stay_until", "before_as_of"),
        ({"as_of": "22/11/2026"}, "as_of", "value_error"),
        ({"as_of": 1764000000}, "as_of", "value_error"),
        ({"as_of": "2025-06-30"}, "as_of", "no_catalog_in_force"),
        (
            {"child": {"birth_date": "2030-01-01"}, "as_of": "2026-01-01"},
            "child.birth_date",
            "in_future",
        ),
    ],
)
async def test_bad_input_is_a_422_problem_naming_the_field(
    client: httpx.AsyncClient, body: dict[str, Any], field: str, code: str
) -> None:
    for path in ("/v1/insatser/cra/eligibility", "/v1/eligibility"):
        response = await client.post(path, json=body)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["status"] == 422
        assert problem["type"].startswith("tag:insatser-api,2025:problems/")
        assert {"type", "title", "status", "detail", "errors"} <= problem.keys()
        assert (field, code) in {(e["field"], e["code"]) for e in problem["errors"]}, problem


@pytest.mark.parametrize(
    "body",
    [
        {"applicant": {"personnummer": BAD_CHECK_DIGIT}},
        {"applicant": {"personnummer": PERSONNUMMER, "age": 3}},
        {"applicant": {"personnummer": PERSONNUMMER, "name": "Anna Andersson"}},
        {"applicant": {"personnummer": 198507099805}},
        {"applicant": {"birth_date": "1985-07-09x"}},
    ],
)
async def test_errors_never_echo_personal_data(
    client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    response = await client.post("/v1/eligibility", json=body)
    assert response.status_code == 422
    for secret in ("198507099805", "198507099806", "8507099805", "Anna", "1985-07-09"):
        assert secret not in response.text


async def test_malformed_json_is_a_400_problem(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/eligibility", content=b'{"applicant": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "body"


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"null"])
async def test_a_body_that_is_not_an_object_is_422(client: httpx.AsyncClient, body: bytes) -> None:
    response = await client.post(
        "/v1/eligibility", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_unknown_insats_is_404(client: httpx.AsyncClient) -> None:
    response = await _one(client, "finns-inte", {})
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "insats_id"


async def test_wrong_method_is_a_405_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/eligibility")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert "Catalog-Version" in response.headers
