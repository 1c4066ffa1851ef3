"""The client's taxonomy filters, vårdkedja and HSDS calls, sync and async, against uvicorn."""

from __future__ import annotations

import pytest

from insatser_api.catalog.taxonomy import Fas, Fokus, Typ
from insatser_api.client import AsyncInsatserClient, InsatserClient, ProblemResponse
from insatser_api.hsds.ids import hsds_id
from tests.server import Server


def test_sync_taxonomy_vardkedja_and_hsds(server: Server) -> None:
    with InsatserClient(server.url) as api:
        found = api.list_insatser(typ=Typ.UPPRATHALLANDE, fokus=Fokus.VUXNA)
        assert [i.id for i in found.items] == [
            "aterfallsprevention",
            "tolvsteg-eftervard",
            "booster-nexus",
        ]
        assert [i.id for i in api.iter_insatser(vardkedja=Fas.INSLUSSNING, per_page=1)] == [
            "radgivande-samtal",
            "motivationshojande-samtal",
        ]
        graph = api.get_vardkedja()
        assert ("cra", "booster-nexus") in {(e.from_, e.to) for e in graph.edges}
        page = api.list_hsds_services(per_page=10, page=3)
        assert (page.total_items, page.size, page.last_page) == (28, 8, True)
        nexus = api.list_hsds_services(organization_id=hsds_id("2380", "enhet", "Nexus"))
        assert nexus.total_items == 13
        cra = api.get_hsds_service(hsds_id("2380", "insats", "cra"))
        assert cra.name == "CRA-primärbehandling"
        assert {a.taxonomy_term.code for a in cra.attributes if a.link_type == "typ"} == {
            "behandlande"
        }
        with pytest.raises(ProblemResponse) as caught:
            api.get_hsds_service("finns-inte")
        assert caught.value.status == 404


async def test_async_vardkedja_and_hsds(server: Server) -> None:
    async with AsyncInsatserClient(server.url) as api:
        graph = await api.get_vardkedja()
        assert len(graph.nodes) == 28
        page = await api.list_hsds_services(per_page=200)
        service = await api.get_hsds_service(page.contents[0].id)
        assert service.id == page.contents[0].id
        found = await api.list_insatser(vardkedja=Fas.EFTERVARD)
        assert found.total_items == 3
