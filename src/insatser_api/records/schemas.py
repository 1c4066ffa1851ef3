"""Request and response bodies of the documentation journal."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, field_validator

from insatser_api.catalog.schemas import DocumentationMode
from insatser_api.kit.dates import IsoDate
from insatser_api.kit.schemas import StrictModel
from insatser_api.kit.text import without_nul

MAX_PARTICIPANTS = 50
MAX_DURATION_MINUTES = 480
# The free text of a 14 kap. 4 or 5 § record: a short note beside the structured fields.
NO_IDENTITY_TEXT_MAX_LENGTH = 500


class ContactForm(StrEnum):
    """How the insats was carried out."""

    TELEFON = "telefon"
    BESOK = "besok"  # besök på plats
    DIGITALT = "digitalt"  # video, chatt eller appen
    GRUPP = "grupp"


TopicCode = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=64)]


class DocumentationRecordIn(StrictModel):
    """What was done. Which fields are allowed depends on the insats' documentation mode."""

    performed_on: IsoDate = Field(description="Dagen insatsen genomfördes")
    contact: ContactForm | None = Field(
        default=None,
        description="Kontaktform: telefon, besok, digitalt eller grupp. Krävs vid rådgivning "
        "(14 kap. 4 §) och avidentifierad dokumentation (14 kap. 5 §)",
    )
    participants: int | None = Field(
        default=None, ge=1, le=MAX_PARTICIPANTS, description="Antal deltagare vid tillfället"
    )
    duration_minutes: int | None = Field(
        default=None, ge=1, le=MAX_DURATION_MINUTES, description="Tid i minuter"
    )
    topic: TopicCode | None = Field(
        default=None,
        description="Ämnets kod ur insatsens `documentation.topics` i katalogen; krävs när "
        "insatsen har en ämneslista",
    )
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
        f"dokumentation högst {NO_IDENTITY_TEXT_MAX_LENGTH} tecken, utan något som röjer "
        "identitet (personnummer, födelsedatum, namn, e-post, telefonnummer, adress)",
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
    contact: ContactForm | None
    participants: int | None
    duration_minutes: int | None
    topic: str | None
    personnummer: str | None
    name: str | None
    text: str | None
    corrects: str | None
    corrected_by: list[str] = Field(description="Senare anteckningar som rättar denna")
    recorded_by: str = Field(description="Klienten (API-nyckelns namn) som skrev anteckningen")
    created_at: dt.datetime
