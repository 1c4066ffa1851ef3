"""/v1/hsds/services[/{id}]: the catalogue as HSDS 3.0, valid against the vendored schemas."""

from __future__ import annotations

import math
import uuid

import httpx
import pytest

from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.hsds import examples
from insatser_api.hsds.ids import hsds_id
from tests.hsds.validation import BASE, LIST_RESPONSE, errors

pytestmark = pytest.mark.asyncio

SERVICE = BASE + "service.json"
COMPILED_SERVICE = BASE + "compiled/service_with_definitions.json"
PAGE_FIELDS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


async def _all_pages(client: httpx.AsyncClient, per_page: int) -> list[dict[str, object]]:
    pages = []
    page = 1
    while True:
        response = await client.get(
            "/v1/hsds/services", params={"page": page, "per_page": per_page}
        )
        assert response.status_code == 200
        body = response.json()
        pages.append(body)
        if body["last_page"]:
            return pages
        page += 1


async def test_every_page_of_the_list_is_valid_hsds(client: httpx.AsyncClient) -> None:
    pages = await _all_pages(client, per_page=5)
    assert len(pages) == math.ceil(28 / 5)
    for body in pages:
        assert errors(LIST_RESPONSE, body) == []
        assert errors(LIST_RESPONSE, body, strict=True) == []
        assert set(body) == PAGE_FIELDS
        assert body["total_items"] == 28
        assert body["total_pages"] == 6
        assert body["size"] == len(body["contents"])
    assert [p["page_number"] for p in pages] == [1, 2, 3, 4, 5, 6]
    assert [p["first_page"] for p in pages] == [True] + [False] * 5
    assert [p["last_page"] for p in pages] == [False] * 5 + [True]
    ids = [s["id"] for p in pages for s in p["contents"]]
    assert len(ids) == len(set(ids)) == 28


async def test_a_page_past_the_end_is_empty(client: httpx.AsyncClient) -> None:
    body = (await client.get("/v1/hsds/services", params={"page": 9, "per_page": 5})).json()
    assert errors(LIST_RESPONSE, body, strict=True) == []
    assert body["contents"] == []
    assert body["empty"] is True
    assert body["size"] == 0
    assert body["last_page"] is True


async def test_every_service_is_valid_hsds(
    client: httpx.AsyncClient, registry: CatalogRegistry
) -> None:
    listed = (await client.get("/v1/hsds/services", params={"per_page": 200})).json()["contents"]
    assert len(listed) == len(registry.versions[0].catalog.insatser)
    for brief in listed:
        response = await client.get(f"/v1/hsds/services/{brief['id']}")
        assert response.status_code == 200
        assert response.headers["Catalog-Version"] == "2025-07-01"
        service = response.json()
        for schema in (SERVICE, COMPILED_SERVICE):
            assert errors(schema, service) == [], brief["name"]
            assert errors(schema, service, strict=True) == [], brief["name"]
        # The list gives the service's own fields as the full service does.
        assert {k: v for k, v in service.items() if k in brief} == brief


async def test_the_validator_refuses_what_hsds_refuses() -> None:
    # Guard against a validator that passes everything (a broken $ref resolution, say).
    assert errors(SERVICE, {"name": "x", "status": "active"})  # no id
    assert errors(SERVICE, {"id": "cra", "name": "x", "status": "active"})  # not a uuid
    assert errors(SERVICE, {"id": str(uuid.uuid4()), "name": "x", "status": "open"})
    nested = {"id": str(uuid.uuid4()), "name": "x", "status": "active", "phones": [{}]}
    assert errors(SERVICE, nested)  # phone.json, reached through a $ref, wants id and number
    extra = {"id": str(uuid.uuid4()), "name": "x", "status": "active", "enhet": "Nexus"}
    assert errors(SERVICE, extra) == []
    assert errors(SERVICE, extra, strict=True)
    deep = {
        "id": str(uuid.uuid4()),
        "name": "x",
        "status": "active",
        "attributes": [
            {
                "id": str(uuid.uuid4()),
                "taxonomy_term": {
                    "id": str(uuid.uuid4()),
                    "name": "n",
                    "description": "d",
                    "typ": "x",
                },
            }
        ],
    }
    assert errors(SERVICE, deep) == []
    assert errors(SERVICE, deep, strict=True)  # closed two $refs down, too
    assert errors(LIST_RESPONSE, {"total_items": "28", "contents": []})


async def test_ids_are_uuid5_of_the_insats_id(client: httpx.AsyncClient) -> None:
    cra = hsds_id("2380", "insats", "cra")
    assert cra.version == 5
    # Written out: a directory keeps this id, so no run, machine or release may change it.
    assert cra == uuid.UUID("b4fde715-e312-58c6-85d7-011fddf5c6b9")
    assert cra == uuid.uuid5(uuid.UUID("6f1d5a52-8a3e-5c1e-9a43-2b7d0c9e4a10"), "2380:insats:cra")
    response = await client.get(f"/v1/hsds/services/{cra}")
    assert response.json()["name"] == "CRA-primärbehandling"
    # The same id in another catalogue version: it depends on the insats, not the version.
    later = await client.get(f"/v1/hsds/services/{cra}", params={"as_of": "2026-11-23"})
    assert later.json()["id"] == str(cra)


async def test_a_service_in_full(client: httpx.AsyncClient) -> None:
    service = (await client.get(f"/v1/hsds/services/{hsds_id('2380', 'insats', 'cra')}")).json()
    assert service["minimum_age"] == 18
    assert "maximum_age" not in service
    assert "18 år eller äldre" in service["eligibility_description"]
    organization = service["organization"]
    assert organization["name"] == "Nexus"
    assert organization["parent_organization_id"] == str(hsds_id("2380", "namnd"))
    assert service["program"]["name"] == "Öppenvård"
    assert service["program"]["organization_id"] == str(hsds_id("2380", "namnd"))
    terms = {(a["link_type"], a["taxonomy_term"]["code"]) for a in service["attributes"]}
    assert {
        ("typ", "behandlande"),
        ("fokus", "vuxna"),
        ("fokus", "alkohol_narkotika"),
        ("vardkedja", "primarbehandling"),
        ("source_section", "ostersund-bilaga-1-insatser-utan-behovsprovning.txt"),
    } == terms
    section = next(a for a in service["attributes"] if a["link_type"] == "source_section")
    assert section["value"] == "4.5.3"
    typ = next(a for a in service["attributes"] if a["link_type"] == "typ")
    assert typ["taxonomy_term"]["taxonomy_detail"]["name"] == "Insatsens typ"
    assert typ["taxonomy_term_id"] == typ["taxonomy_term"]["id"]
    assert [c["name"] for c in service["contacts"]] == ["Kundcenter", "App: Mitt val mitt stöd"]
    assert service["service_areas"][0]["name"] == "Östersunds kommun"


async def test_age_range_and_no_age(client: httpx.AsyncClient) -> None:
    bra = (
        await client.get(f"/v1/hsds/services/{hsds_id('2380', 'insats', 'bra-samtal-vuxen')}")
    ).json()
    assert (bra["minimum_age"], bra["maximum_age"]) == (7, 18)
    biff = (await client.get(f"/v1/hsds/services/{hsds_id('2380', 'insats', 'biffsamtal')}")).json()
    assert "minimum_age" not in biff
    assert "maximum_age" not in biff


@pytest.mark.parametrize("wanted", ["not-a-uuid", str(uuid.uuid4())])
async def test_unknown_service_is_a_404_problem(client: httpx.AsyncClient, wanted: str) -> None:
    response = await client.get(f"/v1/hsds/services/{wanted}")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "id"


async def test_as_of_before_the_first_catalogue_is_a_422(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/hsds/services", params={"as_of": "2020-01-01"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "as_of"


async def test_the_documented_examples_are_valid_hsds() -> None:
    assert errors(LIST_RESPONSE, examples.SERVICE_PAGE, strict=True) == []
    assert errors(SERVICE, examples.SERVICE, strict=True) == []


async def _names(client: httpx.AsyncClient, **params: str) -> list[str]:
    response = await client.get("/v1/hsds/services", params={"per_page": "200", **params})
    assert response.status_code == 200
    body = response.json()
    assert errors(LIST_RESPONSE, body, strict=True) == []
    assert body["total_items"] == len(body["contents"])
    return [s["name"] for s in body["contents"]]


async def test_hsds_filters_are_cumulative(client: httpx.AsyncClient) -> None:
    bryggan = str(hsds_id("2380", "enhet", "Familjestöd Bryggan"))
    eftervard = str(hsds_id("taxonomy", "vardkedja", "eftervard"))
    assert await _names(client, organization_id=bryggan) == [
        "Biffsamtal (Barn i Föräldrars Fokus)",
        "Booster efter avslutad insats",
    ]
    assert len(await _names(client, organization_id=str(hsds_id("2380", "namnd")))) == 28
    assert len(await _names(client, taxonomy_term_id=eftervard)) == 3
    assert await _names(client, organization_id=bryggan, taxonomy_term_id=eftervard) == [
        "Booster efter avslutad insats"
    ]
    # Every insats has a typ, not every insats a phase of the vårdkedja.
    assert len(await _names(client, taxonomy_id=str(hsds_id("taxonomy", "typ")))) == 28
    assert len(await _names(client, taxonomy_id=str(hsds_id("taxonomy", "vardkedja")))) == 15
    assert await _names(client, taxonomy_term_id="finns-inte") == []
