"""The taxonomy filters of GET /v1/insatser (typ, fokus, vardkedja), and the filter itself."""

from __future__ import annotations

import httpx
import pytest

from insatser_api.catalog.filters import TaxonomyFilter
from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.catalog.taxonomy import Fas, Fokus, Typ


async def _ids(client: httpx.AsyncClient, **params: str) -> list[str]:
    response = await client.get("/v1/insatser", params={"per_page": "200", **params})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.asyncio
async def test_each_filter_and_their_combination(client: httpx.AsyncClient) -> None:
    assert await _ids(client, vardkedja="eftervard") == [
        "booster-bryggan",
        "tolvsteg-eftervard",
        "booster-nexus",
    ]
    assert await _ids(client, fokus="spel") == ["spelbehandling", "booster-nexus"]
    assert await _ids(client, typ="boende") == ["akutboendet", "utflyttningsstod"]
    assert await _ids(client, typ="upprathallande", fokus="foraldrar") == ["booster-bryggan"]
    assert await _ids(client, typ="boende", enhet="Björkebo") == ["akutboendet"]
    assert await _ids(client, typ="ekonomi") == []


@pytest.mark.asyncio
@pytest.mark.parametrize("field", ["typ", "fokus", "vardkedja"])
async def test_an_unknown_code_is_a_422_naming_the_field(
    client: httpx.AsyncClient, field: str
) -> None:
    response = await client.get("/v1/insatser", params={field: "okand"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def test_the_filter_alone(registry: CatalogRegistry) -> None:
    insatser = registry.versions[0].catalog.insatser
    assert TaxonomyFilter().empty
    assert all(TaxonomyFilter().matches(i) for i in insatser)
    chosen = TaxonomyFilter(typ=Typ.BEHANDLANDE, fokus=Fokus.VUXNA, vardkedja=Fas.PRIMARBEHANDLING)
    assert [i.id for i in insatser if chosen.matches(i)] == [
        "cra",
        "f-cra",
        "hap-cpu",
        "spelbehandling",
        "tolvsteg-grupp",
        "tolvsteg-individuell",
    ]
