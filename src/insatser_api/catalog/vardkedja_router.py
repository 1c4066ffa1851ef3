"""`GET /v1/vardkedja`: the insatser as a directed graph, each edge an insats that opens another."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from insatser_api.catalog import examples
from insatser_api.catalog.dependencies import CatalogDep
from insatser_api.catalog.vardkedja import (
    VardkedjaEdge,
    VardkedjaGraph,
    VardkedjaNode,
    vardkedja_of,
)
from insatser_api.kit.errors import PROBLEM_RESPONSES
from insatser_api.security.dependencies import require_catalog_read
from insatser_api.security.errors import AUTH_RESPONSES

router = APIRouter(
    tags=["Katalog"],
    responses={**PROBLEM_RESPONSES, **AUTH_RESPONSES},
    dependencies=[Depends(require_catalog_read)],
)


@router.get(
    "/v1/vardkedja",
    responses=examples.example(examples.VARDKEDJA),
    summary="Vårdkedjan",
    description="Insatserna som en riktad graf: en kant från en insats till en insats som den "
    "öppnar, med villkorets kod och när den öppnar. Kanterna härleds ur villkoren (tidigare "
    "insats, eller en uppgift om en pågående eller avslutad insats), aldrig ur en egen lista.",
)
async def get_vardkedja(version: CatalogDep) -> VardkedjaGraph:
    catalog = version.catalog
    chain = vardkedja_of(catalog)
    return VardkedjaGraph(
        nodes=[
            VardkedjaNode(id=i.id, title=i.title, vardkedja=i.taxonomy.vardkedja)
            for i in catalog.insatser
        ],
        edges=[
            VardkedjaEdge(
                from_=link.source, to=link.target, condition=link.condition, text=link.text
            )
            for link in chain.links
        ],
    )
