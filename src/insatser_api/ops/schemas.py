"""Response bodies of the operations endpoints (here, so the client imports no server code)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from insatser_api.catalog.responses import CatalogVersionInfo


class CatalogReloaded(BaseModel):
    items: list[CatalogVersionInfo] = Field(description="Katalogversionerna som nu är inlästa")
    rolling_restart: bool = Field(
        description="true: tjänsten har flera processer och de övriga startas om en i taget "
        "för att läsa in samma filer"
    )
