"""Response bodies of the operations endpoints (here, so the client imports no server code)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from insatser_api.catalog.responses import CatalogVersionInfo


class CatalogReloaded(BaseModel):
    items: list[CatalogVersionInfo] = Field(description="Katalogversionerna som nu är inlästa")
    digest: str = Field(
        description="Katalogmappens sammanfattning (sha256 över filernas namn och innehåll); "
        "tjänstens alla processer och instanser visar samma i `/health/ready` när de har bytt"
    )
