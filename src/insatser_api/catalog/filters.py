"""The taxonomy filters of the insatser (`typ`, `fokus`, `vardkedja`), once for every endpoint
that selects insatser: `GET /v1/insatser` now, the screening (`POST /v1/eligibility`) too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

from insatser_api.catalog.schemas import Insats
from insatser_api.catalog.taxonomy import Fas, Fokus, Typ


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


async def taxonomy_filter(
    typ: Annotated[
        Typ | None, Query(description="Insatsens typ, t.ex. behandlande eller upprathallande")
    ] = None,
    fokus: Annotated[
        Fokus | None,
        Query(
            description="Vilka insatsen vänder sig till eller problemområdet, t.ex. anhoriga_vuxna"
        ),
    ] = None,
    vardkedja: Annotated[Fas | None, Query(description="Fas i vårdkedjan, t.ex. eftervard")] = None,
) -> TaxonomyFilter:
    return TaxonomyFilter(typ=typ, fokus=fokus, vardkedja=vardkedja)


TaxonomyFilterDep = Annotated[TaxonomyFilter, Depends(taxonomy_filter)]
