"""Request dependencies: the registry, the catalogue version in force, a valid insats id."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response

from insatser_api.catalog.registry import CatalogRegistry, CatalogVersion, NoCatalogInForce
from insatser_api.catalog.schemas import Insats
from insatser_api.kit.dates import IsoDate, today_in_stockholm
from insatser_api.kit.errors import FieldError, InvalidRequest, NotFound

CATALOG_VERSION_HEADER = "Catalog-Version"


# Dependencies are `async def` though they never wait: FastAPI runs a plain `def` dependency in
# a worker thread, and that hop cost more than the rest of an eligibility request
# (docs/performance.md).
async def get_registry(request: Request) -> CatalogRegistry:
    registry: CatalogRegistry = request.app.state.registry
    return registry


RegistryDep = Annotated[CatalogRegistry, Depends(get_registry)]


def version_in_force(
    registry: CatalogRegistry, as_of: IsoDate, field: str = "as_of"
) -> CatalogVersion:
    """The version in force on `as_of`; before the first one, a 422 naming `field`."""
    try:
        return registry.in_force(as_of)
    except NoCatalogInForce as exc:
        first = exc.first_valid_from.isoformat()
        raise InvalidRequest(
            f"Ingen katalog gäller på det datumet; den första gäller från {first}.",
            [
                FieldError(
                    field=field,
                    message=f"Ska vara {first} eller senare.",
                    code="no_catalog_in_force",
                )
            ],
        ) from None


async def catalog_for_query(
    registry: RegistryDep,
    response: Response,
    as_of: Annotated[
        IsoDate | None,
        Query(description="Välj katalogversionen som gäller detta datum (standard: i dag)"),
    ] = None,
) -> CatalogVersion:
    version = version_in_force(registry, as_of or today_in_stockholm())
    response.headers[CATALOG_VERSION_HEADER] = version.version
    return version


CatalogDep = Annotated[CatalogVersion, Depends(catalog_for_query)]

InsatsIdPath = Annotated[
    str,
    Path(description="Insatsens id, t.ex. cra", examples=["cra"], max_length=64),
]


def find_insats(version: CatalogVersion, insats_id: str) -> Insats:
    insats = version.insatser.get(insats_id)
    if insats is None:
        raise NotFound(
            f"Insatsen finns inte i katalogversion {version.version}.",
            [FieldError(field="insats_id", message="Okänd insats.", code="unknown_insats")],
        )
    return insats
