"""The filters that select insatser, defined once for every endpoint that selects them:
`GET /v1/insatser` (the list) and `POST /v1/eligibility` (the screening) take the same query
parameters and read them into one `InsatsFilter` (api.md, Answers that drive a form), the
taxonomy filters (`typ`, `fokus`, `vardkedja`) among them. A new filter is added here, and both
endpoints have it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, ValidationError

from insatser_api.catalog.schemas import DocumentationMode, Insats, Kanal
from insatser_api.catalog.taxonomy import Fas, Fokus, Typ
from insatser_api.kit.text import fold


@dataclass(frozen=True, slots=True)
class TaxonomyFilter:
    """None = no filter; given filters combine with AND."""

    typ: Typ | None = None
    fokus: Fokus | None = None
    vardkedja: Fas | None = None

    def matches(self, insats: Insats) -> bool:
        taxonomy = insats.taxonomy
        if self.typ is not None and taxonomy.typ is not self.typ:
            return False
        if self.fokus is not None and self.fokus not in taxonomy.fokus:
            return False
        return self.vardkedja is None or self.vardkedja in taxonomy.vardkedja

    @property
    def empty(self) -> bool:
        return self.typ is None and self.fokus is None and self.vardkedja is None


@dataclass(frozen=True, slots=True)
class InsatsFilter:
    """None = no filter; the filters given combine with AND. Texts match whatever their case
    and diacritics (`fold`): `sektor=oppenvard` finds Öppenvård."""

    sektor: str | None = None
    enhet: str | None = None
    documentation_mode: DocumentationMode | None = None
    kanal: Kanal | None = None
    q: str | None = None
    taxonomy: TaxonomyFilter = field(default_factory=TaxonomyFilter)
    _words: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_words", tuple(fold(self.q).split()) if self.q else ())

    @property
    def empty(self) -> bool:
        """Whether every insats matches (no filter given)."""
        return (
            not self.sektor
            and not self.enhet
            and self.documentation_mode is None
            and self.kanal is None
            and not self._words
            and self.taxonomy.empty
        )

    def matches(self, insats: Insats) -> bool:
        if self.sektor and fold(insats.sektor) != fold(self.sektor):
            return False
        if self.enhet and fold(insats.enhet) != fold(self.enhet):
            return False
        if self.documentation_mode and insats.documentation.mode is not self.documentation_mode:
            return False
        if self.kanal and all(c.kanal is not self.kanal for c in insats.aktualisering.kanaler):
            return False
        if not self.taxonomy.matches(insats):
            return False
        if not self._words:
            return True
        text = search_text(insats)
        return all(word in text for word in self._words)


def search_text(insats: Insats) -> str:
    """What `q` searches: id, title, heading, enhet and the bilaga's texts, folded."""
    return fold(
        " ".join(
            part
            for part in (
                insats.id,
                insats.title,
                insats.heading,
                insats.enhet,
                insats.malgrupp.text,
                insats.villkor.text,
                insats.motivering,
                insats.innehall,
            )
            if part
        )
    )


class InsatsFilterQuery(BaseModel):
    """The filters' query parameters, read and validated as one model: one validation per
    request rather than one per parameter (docs/performance.md). Unknown parameters are
    ignored, as FastAPI ignores them elsewhere."""

    sektor: str | None = Field(None, description="KAF, BUV eller Öppenvård")
    enhet: str | None = Field(None, description="Enhet, t.ex. Nexus")
    documentation_mode: DocumentationMode | None = None
    kanal: Kanal | None = Field(None, description="Väg in, t.ex. app eller kundcenter")
    q: str | None = Field(None, max_length=200, description="Fritext i titel och beskrivningar")
    typ: Typ | None = Field(
        None, description="Insatsens typ, t.ex. behandlande eller upprathallande"
    )
    fokus: Fokus | None = Field(
        None,
        description="Vilka insatsen vänder sig till eller problemområdet, t.ex. anhoriga_vuxna",
    )
    vardkedja: Fas | None = Field(None, description="Fas i vårdkedjan, t.ex. eftervard")


def _filter(query: InsatsFilterQuery) -> InsatsFilter:
    return InsatsFilter(
        sektor=query.sektor,
        enhet=query.enhet,
        documentation_mode=query.documentation_mode,
        kanal=query.kanal,
        q=query.q,
        taxonomy=TaxonomyFilter(typ=query.typ, fokus=query.fokus, vardkedja=query.vardkedja),
    )


# `async def`, as the other dependencies: a plain `def` would run in a worker thread
# (catalog/dependencies.py).
async def insats_filter(query: Annotated[InsatsFilterQuery, Query()]) -> InsatsFilter:
    return _filter(query)


InsatsFilterDep = Annotated[InsatsFilter, Depends(insats_filter)]

NO_FILTER = InsatsFilter()


def filter_of_query(query: Mapping[str, str]) -> InsatsFilter:
    """The filters of a query string, read and refused as `InsatsFilterDep` reads and refuses
    them (a 422 naming the parameter), for the screening (`POST /v1/eligibility`).

    The screening reads its query itself because a query model costs FastAPI ~60 µs a request
    to take apart even when the query string is empty, about a tenth of a screening's CPU, and
    nearly every screening has none (docs/performance.md, "The screening's filters"). Its
    OpenAPI parameters are the list's (main.py `_document_screening_filters`)."""
    if not query:
        return NO_FILTER
    try:
        parsed = InsatsFilterQuery.model_validate(dict(query))
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("query", *e["loc"])} for e in error.errors(include_url=False)]
        ) from None
    return _filter(parsed)
