"""Catalogue endpoints: `/v1/catalog`, `/v1/catalog/versions`, `/v1/insatser`."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from insatser_api.catalog import examples
from insatser_api.catalog.dependencies import CatalogDep, InsatsIdPath, RegistryDep, find_insats
from insatser_api.catalog.filters import InsatsFilterDep
from insatser_api.catalog.responses import (
    CatalogInfo,
    CatalogVersions,
    InsatsDetail,
    InsatsSummary,
    catalog_info,
    catalog_versions,
    insats_detail,
    insats_summary,
)
from insatser_api.kit.dates import today_in_stockholm
from insatser_api.kit.errors import PROBLEM_RESPONSES
from insatser_api.kit.pagination import Page, PageQuery, PerPageQuery, paginate
from insatser_api.security.dependencies import require_catalog_read
from insatser_api.security.errors import AUTH_RESPONSES

router = APIRouter(
    tags=["Katalog"],
    responses={**PROBLEM_RESPONSES, **AUTH_RESPONSES},
    dependencies=[Depends(require_catalog_read)],
)


@router.get(
    "/v1/catalog",
    responses=examples.example(examples.CATALOG),
    summary="Katalogen som gäller",
    description="Kommun, version, giltighet, nämndens beslut och källdokument för katalogen "
    "som gäller i dag, eller på `as_of`.",
)
async def get_catalog(version: CatalogDep, registry: RegistryDep) -> CatalogInfo:
    return catalog_info(registry, version)


@router.get(
    "/v1/catalog/versions",
    responses=examples.example(examples.VERSIONS),
    summary="Alla katalogversioner",
    description="Varje känd version med giltighetsdatum och innehållets kontrollsumma (sha256).",
)
async def list_catalog_versions(registry: RegistryDep) -> CatalogVersions:
    return catalog_versions(registry, today_in_stockholm())


@router.get(
    "/v1/insatser",
    responses=examples.example(examples.INSATS_PAGE),
    summary="Lista insatser",
    description="Insatserna i katalogversionen som gäller, filtrerade och sidindelade. "
    "Filtren kombineras med OCH.",
)
async def list_insatser(
    version: CatalogDep,
    selection: InsatsFilterDep,
    page: PageQuery = 1,
    per_page: PerPageQuery = 50,
) -> Page[InsatsSummary]:
    found = [insats_summary(version, i) for i in version.catalog.insatser if selection.matches(i)]
    return paginate(found, page, per_page)


@router.get(
    "/v1/insatser/{insats_id}",
    responses=examples.example(examples.INSATS),
    summary="En insats",
    description="Allt om en insats: målgrupp, villkor (text och strukturerat, med frågetexter "
    "för formulär), motivering, innehåll, vägar in, samtycke, dokumentation och tolkningar.",
)
async def get_insats(insats_id: InsatsIdPath, version: CatalogDep) -> InsatsDetail:
    return insats_detail(version, find_insats(version, insats_id))
