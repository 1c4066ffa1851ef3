"""The HSDS 3.0 objects the export fills, with HSDS's own field names (schema/*.json).

Optional fields are left out of the JSON when empty (`response_model_exclude_none`): HSDS types
them as plain strings and numbers, so a null would not be valid.
"""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field


class HsdsTaxonomy(BaseModel):
    id: uuid.UUID
    name: str
    description: str
    version: str | None = None


class HsdsTaxonomyTerm(BaseModel):
    id: uuid.UUID
    code: str
    name: str
    description: str
    taxonomy: str | None = Field(default=None, description="Taxonomins namn")
    taxonomy_id: uuid.UUID
    taxonomy_detail: HsdsTaxonomy
    language: str = "sv"


class HsdsAttribute(BaseModel):
    id: uuid.UUID
    link_id: uuid.UUID
    link_type: str = Field(description="typ, fokus, vardkedja eller source_section")
    link_entity: Literal["service"] = "service"
    taxonomy_term_id: uuid.UUID
    taxonomy_term: HsdsTaxonomyTerm
    value: str | None = Field(default=None, description="source_section: avsnittet i bilagan")


class HsdsOrganization(BaseModel):
    id: uuid.UUID
    name: str
    alternate_name: str | None = None
    description: str
    parent_organization_id: uuid.UUID | None = Field(
        default=None, description="En enhet: nämnden den hör till"
    )


class HsdsProgram(BaseModel):
    id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    alternate_name: str | None = None
    description: str


class HsdsContact(BaseModel):
    id: uuid.UUID
    service_id: uuid.UUID
    organization_id: uuid.UUID
    name: str = Field(description="Vägen in, som bilagan beskriver den")
    department: str = Field(description="Enheten")


class HsdsServiceArea(BaseModel):
    id: uuid.UUID
    service_id: uuid.UUID
    name: str
    description: str


class HsdsServiceBrief(BaseModel):
    """A service as HSDS's `/services` list gives it: its one-to-one fields."""

    id: uuid.UUID
    organization_id: uuid.UUID
    program_id: uuid.UUID
    name: str
    alternate_name: str | None = None
    description: str
    status: Literal["active"] = "active"
    application_process: str | None = None
    eligibility_description: str
    minimum_age: int | None = None
    maximum_age: int | None = None
    organization: HsdsOrganization
    program: HsdsProgram


class HsdsService(HsdsServiceBrief):
    """A service in full, as HSDS's `/services/{id}` gives it."""

    contacts: list[HsdsContact]
    service_areas: list[HsdsServiceArea]
    attributes: list[HsdsAttribute]


class HsdsServicePage(BaseModel):
    """HSDS 3.0's paginated list (openapi.json, components.schemas.Page)."""

    total_items: int
    total_pages: int
    page_number: int
    size: int = Field(description="Antal tjänster på denna sida")
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[HsdsServiceBrief]
