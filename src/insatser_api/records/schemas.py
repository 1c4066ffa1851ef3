"""Request and response bodies of the documentation journal."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, field_validator

from insatser_api.catalog.schemas import DocumentationMode
from insatser_api.kit.dates import IsoDate
from insatser_api.kit.schemas import StrictModel
from insatser_api.kit.text import without_nul


class DocumentationRecordIn(StrictModel):
    """What was done. Which fields are allowed depends on the insats' documentation mode."""

    performed_on: IsoDate = Field(description="Dagen insatsen genomfördes")
    personnummer: str | None = Field(
        default=None,
        max_length=13,
        description="Krävs vid dokumentation på individnivå (14 kap. 3 §); får inte anges annars",
    )
    name: str | None = Field(
        default=None,
        max_length=200,
        description="Den enskildes namn; bara vid dokumentation på individnivå",
    )
    text: str | None = Field(
        default=None,
        max_length=20_000,
        description="Journaltext; krävs på individnivå. Vid rådgivning och avidentifierad "
        "dokumentation får den inte innehålla något som röjer identitet.",
    )
    corrects: str | None = Field(
        default=None,
        max_length=36,
        description="Id för en tidigare anteckning som denna rättar",
    )

    @field_validator("personnummer", "name", "text", "corrects")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        # No NUL: PostgreSQL's text cannot store it (kit/text.py).
        return None if value is None else without_nul(value)


class DocumentationRecordOut(BaseModel):
    id: str
    insats_id: str
    enhet: str
    catalog_version: str
    mode: DocumentationMode
    legal_basis: str
    performed_on: dt.date
    personnummer: str | None
    name: str | None
    text: str | None
    corrects: str | None
    corrected_by: list[str] = Field(description="Senare anteckningar som rättar denna")
    recorded_by: str = Field(description="Klienten (API-nyckelns namn) som skrev anteckningen")
    created_at: dt.datetime
