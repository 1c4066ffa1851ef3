"""The vårdkedja derived from the conditions: leder_till / foregas_av and GET /v1/vardkedja."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from insatser_api.catalog.loader import load_catalog
from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.catalog.vardkedja import derive, successors_of
from tests.catalog_files import insats, write_later_version

# Every link the issue names as hidden in the conditions, and nothing else.
LINKS = {
    ("biffsamtal", "booster-bryggan", "earlier_insats", "inom ett år efter avslutad insats"),
    ("cra", "f-cra", "has_cra_behandlare", "medan insatsen pågår"),
    ("tolvsteg-grupp", "tolvsteg-eftervard", "completed_12_step_primary", "efter avslutad insats"),
    (
        "tolvsteg-individuell",
        "tolvsteg-eftervard",
        "completed_12_step_primary",
        "efter avslutad insats",
    ),
    ("cra", "booster-nexus", "earlier_insats", "inom ett år efter avslutad insats"),
    ("spelbehandling", "booster-nexus", "earlier_insats", "inom ett år efter avslutad insats"),
    ("aterfallsprevention", "booster-nexus", "earlier_insats", "inom ett år efter avslutad insats"),
    ("anhorigstod", "booster-nexus", "earlier_insats", "inom ett år efter avslutad insats"),
}


def test_the_links_of_the_bundled_catalogue(registry: CatalogRegistry) -> None:
    chain = derive(registry.versions[0].catalog)
    assert {(k.source, k.target, k.condition, k.text) for k in chain.links} == LINKS
    assert chain.leder_till["cra"] == ("f-cra", "booster-nexus")
    assert chain.foregas_av["booster-nexus"] == (
        "cra",
        "spelbehandling",
        "aterfallsprevention",
        "anhorigstod",
    )
    # Booster Bryggan's condition also names Bryggan's enhet, and so itself: not a link.
    assert chain.leder_till["booster-bryggan"] == ()
    assert chain.foregas_av["akutboendet"] == chain.leder_till["akutboendet"] == ()


def test_a_new_condition_is_a_new_link(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        villkor = insats(data, "aterfallsprevention")["villkor"]
        villkor["text"] += " Har avslutat en primärbehandling inom två år."
        villkor["conditions"].append(
            {
                "kind": "earlier_insats",
                "code": "after_primary",
                "description": "Har avslutat en primärbehandling för högst två år sedan",
                "insats_ids": ["cra", "tolvsteg-grupp"],
                "within_years": 2,
            }
        )

    catalog = load_catalog(write_later_version(tmp_path, change)).catalog
    chain = derive(catalog)
    assert chain.foregas_av["aterfallsprevention"] == ("cra", "tolvsteg-grupp")
    assert chain.leder_till["cra"] == ("f-cra", "aterfallsprevention", "booster-nexus")
    texts = {k.text for k in chain.links if k.condition == "after_primary"}
    assert texts == {"inom två år efter avslutad insats"}
    assert [s.text for s in successors_of(catalog, "tolvsteg-grupp")] == [
        "När du har avslutat 12 steg grupp-primärbehandling kan du inom två år få "
        "Återfallsprevention (ÅP) hos Nexus.",
        "När du har avslutat 12 steg grupp-primärbehandling kan du få 12-steg eftervård hos Nexus.",
    ]


@pytest.mark.asyncio
async def test_get_vardkedja_is_the_graph_of_api_md(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/vardkedja", params={"as_of": "2026-11-23"})
    assert response.status_code == 200
    assert response.headers["Catalog-Version"] == "2025-07-01"
    body = response.json()
    assert set(body) == {"nodes", "edges"}
    assert len(body["nodes"]) == 28
    assert all(set(n) == {"id", "title", "vardkedja"} for n in body["nodes"])
    cra = next(n for n in body["nodes"] if n["id"] == "cra")
    assert cra == {"id": "cra", "title": "CRA-primärbehandling", "vardkedja": ["primarbehandling"]}
    assert all(set(e) == {"from", "to", "condition", "text"} for e in body["edges"])
    assert {(e["from"], e["to"], e["condition"], e["text"]) for e in body["edges"]} == LINKS


@pytest.mark.asyncio
async def test_list_and_detail_carry_the_chain(client: httpx.AsyncClient) -> None:
    items = (await client.get("/v1/insatser", params={"per_page": 200})).json()["items"]
    graph = (await client.get("/v1/vardkedja")).json()
    for item in items:
        edges = graph["edges"]
        assert set(item["leder_till"]) == {e["to"] for e in edges if e["from"] == item["id"]}
        assert set(item["foregas_av"]) == {e["from"] for e in edges if e["to"] == item["id"]}
    detail = (await client.get("/v1/insatser/tolvsteg-eftervard")).json()
    assert detail["foregas_av"] == ["tolvsteg-grupp", "tolvsteg-individuell"]
    assert detail["leder_till"] == []
    assert detail["taxonomy"] == {
        "typ": "upprathallande",
        "fokus": ["vuxna", "alkohol_narkotika"],
        "vardkedja": ["eftervard"],
    }
    assert "taxonomi" in [t["topic"] for t in detail["tolkning"]]
