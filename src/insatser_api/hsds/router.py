"""`/v1/hsds/services` and `/v1/hsds/services/{id}`: the catalogue version in force (or on
`as_of`) as Open Referral HSDS 3.0 services, paginated as HSDS's `/services`."""

from __future__ import annotations

import math
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from insatser_api.catalog.dependencies import CatalogDep
from insatser_api.catalog.examples import example
from insatser_api.hsds import examples
from insatser_api.hsds.mapping import ServiceQuery, find_service, service_brief, service_full
from insatser_api.hsds.schemas import HsdsService, HsdsServicePage
from insatser_api.kit.errors import PROBLEM_RESPONSES, FieldError, NotFound
from insatser_api.kit.pagination import PageQuery, PerPageQuery
from insatser_api.security.dependencies import require_catalog_read
from insatser_api.security.errors import AUTH_RESPONSES

router = APIRouter(
    tags=["Tjänstekatalog (HSDS)"],
    responses={**PROBLEM_RESPONSES, **AUTH_RESPONSES},
    dependencies=[Depends(require_catalog_read)],
)

# A string, as in HSDS's /services/{id}: an id that is not a UUID names no service (404).
ServiceIdPath = Annotated[
    str,
    Path(
        description="Tjänstens id (UUID, härlett ur insatsens id: detsamma i varje version)",
        examples=["c717f176-f5b8-5f70-a003-54f182d535ff"],
        max_length=64,
    ),
]


@router.get(
    "/v1/hsds/services",
    response_model_exclude_none=True,
    responses=example(examples.SERVICE_PAGE),
    summary="Insatserna som HSDS-tjänster",
    description="Katalogen som Open Referral HSDS 3.0: en tjänst per insats med tjänstens "
    "egna fält, organisationen (enheten under nämnden) och programmet (sektorn), sidindelad "
    "som HSDS `/services` (`page`, `per_page`). Filtren `organization_id` (enheten, eller "
    "nämnden för alla), `taxonomy_term_id` och `taxonomy_id` kombineras med OCH. Hela tjänsten, med taxonomitermer, vägar in "
    "och källans avsnitt: `/v1/hsds/services/{id}`.",
)
async def list_services(
    version: CatalogDep,
    page: PageQuery = 1,
    per_page: PerPageQuery = 50,
    organization_id: Annotated[
        str | None, Query(max_length=64, description="Tjänster som denna organisation ger")
    ] = None,
    taxonomy_term_id: Annotated[
        str | None, Query(max_length=64, description="Tjänster med denna taxonomiterm")
    ] = None,
    taxonomy_id: Annotated[
        str | None, Query(max_length=64, description="Tjänster med någon term ur denna taxonomi")
    ] = None,
) -> HsdsServicePage:
    catalog = version.catalog
    query = ServiceQuery(organization_id, taxonomy_term_id, taxonomy_id)
    found = [i for i in catalog.insatser if query.matches(catalog, i)]
    total = len(found)
    start = (page - 1) * per_page
    contents = [service_brief(catalog, i) for i in found[start : start + per_page]]
    total_pages = math.ceil(total / per_page)
    return HsdsServicePage(
        total_items=total,
        total_pages=total_pages,
        page_number=page,
        size=len(contents),
        first_page=page == 1,
        last_page=page >= total_pages,
        empty=not contents,
        contents=contents,
    )


@router.get(
    "/v1/hsds/services/{id}",
    response_model_exclude_none=True,
    responses=example(examples.SERVICE),
    summary="En insats som HSDS-tjänst",
    description="Tjänsten i sin helhet enligt HSDS 3.0: behörighet (målgrupp och villkor), "
    "åldersgränser, organisation, taxonomitermer (typ, fokus, vårdkedja), vägar in och "
    "avsnittet i bilagan.",
)
async def get_service(id: ServiceIdPath, version: CatalogDep) -> HsdsService:
    try:
        wanted: uuid.UUID | None = uuid.UUID(id)
    except ValueError:
        wanted = None
    insats = find_service(version.catalog, wanted) if wanted is not None else None
    if insats is None:
        raise NotFound(
            f"Tjänsten finns inte i katalogversion {version.version}.",
            [FieldError(field="id", message="Okänd tjänst.", code="unknown_service")],
        )
    return service_full(version.catalog, insats)
