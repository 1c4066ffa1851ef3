"""Statistics bodies: counts only, grouped; nothing about any one person."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from insatser_api.catalog.schemas import DocumentationMode
from insatser_api.outcomes import Outcome


class OutcomeCount(BaseModel):
    insats_id: str
    month: str = Field(description="ÅÅÅÅ-MM, i Europe/Stockholm", examples=["2026-11"])
    outcome: Outcome
    count: int


class ConditionCount(BaseModel):
    """How often a condition was not met or unknown, e.g. `folkbokford` not met."""

    insats_id: str
    month: str
    code: str
    status: str = Field(description="not_met eller unknown")
    count: int


class DecisionStatistics(BaseModel):
    from_: dt.date = Field(alias="from", serialization_alias="from")
    to: dt.date
    total: int = Field(description="Antal prövningar (en per insats och svar)")
    items: list[OutcomeCount]
    conditions: list[ConditionCount]


class ModeCount(BaseModel):
    insats_id: str
    month: str = Field(description="ÅÅÅÅ-MM, månaden insatsen genomfördes")
    mode: DocumentationMode
    count: int = Field(description="Anteckningar om genomförda insatser, rättelser oräknade")
    corrections: int = Field(description="Rättelser av tidigare anteckningar")


class DocumentationStatistics(BaseModel):
    from_: dt.date = Field(alias="from", serialization_alias="from")
    to: dt.date
    total: int = Field(description="Antal anteckningar, rättelser oräknade")
    items: list[ModeCount]
