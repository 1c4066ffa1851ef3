"""The catalogue endpoints: /v1/catalog, /v1/catalog/versions, /v1/insatser[/{id}]."""

from __future__ import annotations

import httpx
import pytest

from tests.two_versions import DECISION, LATER

pytestmark = pytest.mark.asyncio


async def test_catalog(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/catalog", params={"as_of": "2026-11-23"})
    assert response.status_code == 200
    assert response.headers["Catalog-Version"] == "2025-07-01"
    body = response.json()
    assert body["kommun"] == {"kod": "2380", "namn": "Östersunds kommun"}
    assert body["version"] == "2025-07-01"
    assert body["valid_from"] == "2025-07-01"
    assert body["insats_count"] == 28
    assert body["namnd"] == "Social- och arbetsmarknadsnämnden"
    assert "Bilaga 1" in body["source_document"]
    assert body["decision_reference"]
    assert body["digest"].startswith("sha256:")


async def test_versions(two_version_client: httpx.AsyncClient) -> None:
    response = await two_version_client.get("/v1/catalog/versions")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["version"] for i in items] == ["2025-07-01", LATER]
    assert items[0]["valid_to"] == "2025-12-31"
    assert all(i["digest"].startswith("sha256:") for i in items)
    assert [i["in_force"] for i in items] == [False, True]


async def test_as_of_picks_the_version(two_version_client: httpx.AsyncClient) -> None:
    old = await two_version_client.get(
        "/v1/insatser/spelbehandling", params={"as_of": "2025-09-01"}
    )
    new = await two_version_client.get(
        "/v1/insatser/spelbehandling", params={"as_of": "2026-02-01"}
    )
    assert old.headers["Catalog-Version"] == "2025-07-01"
    assert new.headers["Catalog-Version"] == LATER
    assert old.json()["documentation"]["mode"] == "individual"
    assert new.json()["documentation"] == {
        "mode": "deidentified",
        "legal_basis": "14 kap. 5 § socialtjänstlagen (2025:400)",
        "text": "Nämnden har beslutat att uppgifter som kan röja identiteten inte dokumenteras.",
        "decision": DECISION,
        "topics": [],
    }


async def test_eligibility_uses_the_version_in_force(two_version_client: httpx.AsyncClient) -> None:
    body = {"as_of": "2026-02-01", "applicant": {"age": 30, "folkbokford_kommunkod": "2380"}}
    response = await two_version_client.post("/v1/insatser/spelbehandling/eligibility", json=body)
    assert response.headers["Catalog-Version"] == LATER
    assert response.json()["catalog_version"] == LATER
    assert response.json()["documentation"]["mode"] == "deidentified"


async def test_as_of_before_any_catalogue_is_422(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/insatser", params={"as_of": "2025-06-30"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "as_of"


@pytest.mark.parametrize("as_of", ["igår", "2025-13-01", "1751328000", "2025-07-01T00:00:00"])
async def test_bad_as_of_is_422(client: httpx.AsyncClient, as_of: str) -> None:
    response = await client.get("/v1/catalog", params={"as_of": as_of})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "as_of"


async def test_list_is_paginated(client: httpx.AsyncClient) -> None:
    first = (await client.get("/v1/insatser", params={"per_page": 10})).json()
    third = (await client.get("/v1/insatser", params={"per_page": 10, "page": 3})).json()
    assert first["total_items"] == 28
    assert (first["page"], first["per_page"], len(first["items"])) == (1, 10, 10)
    assert len(third["items"]) == 8
    default = (await client.get("/v1/insatser")).json()
    assert default["per_page"] == 50
    assert len(default["items"]) == 28
    assert default["items"][0]["id"] == "arbetsmarknadsinsatser"


@pytest.mark.parametrize(
    ("params", "field"),
    [({"per_page": 201}, "per_page"), ({"page": 0}, "page"), ({"kanal": "brevduva"}, "kanal")],
)
async def test_bad_list_parameters_are_422(
    client: httpx.AsyncClient, params: dict[str, object], field: str
) -> None:
    response = await client.get("/v1/insatser", params=params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sektor": "KAF"}, {"arbetsmarknadsinsatser", "vrakningsforebyggande-arbete"}),
        ({"sektor": "BUV"}, {"bra-samtal-vuxen", "samarbetssamtal"}),
        ({"enhet": "Familjestöd Bryggan"}, {"biffsamtal", "booster-bryggan"}),
        ({"enhet": "familjestod bryggan"}, {"biffsamtal", "booster-bryggan"}),
        (
            {"documentation_mode": "advisory"},
            {
                "vrakningsforebyggande-arbete",
                "bra-samtal-vuxen",
                "samarbetssamtal",
                "radgivande-samtal",
                "bra-samtal-nexus",
                "bra-samtal-ungdomsstod",
            },
        ),
        ({"kanal": "sjalvremiss"}, {"arbetsmarknadsinsatser"}),
        ({"q": "hasch"}, {"hap-cpu"}),
        ({"q": "SOVPLATS"}, {"akutboendet"}),
        (
            {"sektor": "Öppenvård", "enhet": "Nexus", "kanal": "behandlare", "q": "BRA"},
            {"bra-samtal-nexus"},
        ),
        ({"q": "xyzzy"}, set()),
    ],
)
async def test_filters(
    client: httpx.AsyncClient, params: dict[str, str], expected: set[str]
) -> None:
    response = await client.get("/v1/insatser", params=params)
    assert response.status_code == 200
    assert {item["id"] for item in response.json()["items"]} == expected


async def test_kanal_app_lists_the_app_insatser(client: httpx.AsyncClient) -> None:
    items = (await client.get("/v1/insatser", params={"kanal": "app"})).json()["items"]
    ids = {item["id"] for item in items}
    assert {"cra", "bubblan", "radgivande-samtal"} <= ids
    assert "akutboendet" not in ids
    assert all("app" in item["kanaler"] for item in items)


async def test_one_insats_in_full(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/insatser/f-cra")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["section"], body["enhet"], body["sektor"]) == (
        "f-cra",
        "4.5.4",
        "Nexus",
        "Öppenvård",
    )
    assert body["villkor"] == "Personer som 18 år och har en CRA-behandlare."
    assert body["motivering"].startswith("Krav att samtidigt ha CRA-behandlare")
    assert body["aktualisering"]["kanaler"][0]["kanal"] == "behandlare"
    assert body["documentation"]["mode"] == "individual"
    codes = [c["code"] for c in body["conditions"]]
    assert codes == ["age", "has_cra_behandlare", "folkbokford"]
    facts = {f["key"]: f["question"] for c in body["conditions"] for f in c["facts"]}
    assert set(facts) == {
        "applicant.age",
        "facts.has_cra_behandlare",
        "applicant.folkbokford_kommunkod",
    }
    assert all(question.endswith("?") or "." in question for question in facts.values())
    folkbokford = body["conditions"][2]
    assert folkbokford["source"] == "1"
    assert folkbokford["parameters"] == {
        "fact": "applicant.folkbokford_kommunkod",
        "kommunkod": "2380",
    }
    assert any(t["topic"] == "folkbokforing" for t in body["tolkning"])


async def test_unknown_insats_is_a_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/insatser/finns-inte")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 404
    assert problem["title"]
    assert "finns-inte" not in response.text
    assert response.headers["Catalog-Version"] == "2025-07-01"
