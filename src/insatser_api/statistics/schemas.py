"""Statistics bodies: counts only, grouped; nothing about any one person."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from insatser_api.catalog.schemas import DocumentationMode
from insatser_api.outcomes import Outcome

_SUPPRESSED = "; null när antalet är under tröskeln (`suppression.min_count`)"


class Suppression(BaseModel):
    """Which counts the answer withholds, and why."""

    min_count: int = Field(description="Antal under detta visas inte")
    suppressed: int = Field(description="Hur många antal i svaret som inte visas")
    note: str


class OutcomeCount(BaseModel):
    insats_id: str
    month: str = Field(description="ÅÅÅÅ-MM, i Europe/Stockholm", examples=["2026-11"])
    outcome: Outcome
    count: int | None = Field(description="Antal prövningar" + _SUPPRESSED)


class ConditionCount(BaseModel):
    """How often a condition was not met or unknown, e.g. `folkbokford` not met."""

    insats_id: str
    month: str
    code: str
    status: str = Field(description="not_met eller unknown")
    count: int | None = Field(description="Antal prövningar" + _SUPPRESSED)


class DecisionStatistics(BaseModel):
    from_: dt.date = Field(alias="from", serialization_alias="from")
    to: dt.date
    total: int = Field(
        description="Antal prövningar (en per insats och svar), summan av de antal som visas"
    )
    items: list[OutcomeCount]
    conditions: list[ConditionCount]
    suppression: Suppression


class ModeCount(BaseModel):
    insats_id: str
    month: str = Field(description="ÅÅÅÅ-MM, månaden insatsen genomfördes")
    mode: DocumentationMode
    count: int | None = Field(
        description="Anteckningar om genomförda insatser, rättelser oräknade" + _SUPPRESSED
    )
    corrections: int | None = Field(description="Rättelser av tidigare anteckningar" + _SUPPRESSED)


class DocumentationStatistics(BaseModel):
    from_: dt.date = Field(alias="from", serialization_alias="from")
    to: dt.date
    total: int = Field(
        description="Antal anteckningar, rättelser oräknade; summan av de antal som visas"
    )
    items: list[ModeCount]
    suppression: Suppression
