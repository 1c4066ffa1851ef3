"""Which insatser match a search: the filters of `GET /v1/insatser`, shared by the API and
the staff pages so that both find exactly the same insatser."""

from __future__ import annotations

from dataclasses import dataclass

from insatser_api.catalog.schemas import DocumentationMode, Insats, Kanal
from insatser_api.kit.text import fold


@dataclass(frozen=True, slots=True)
class InsatsFilter:
    """Filters combined with AND; None (or an empty `q`) does not filter."""

    sektor: str | None = None
    enhet: str | None = None
    documentation_mode: DocumentationMode | None = None
    kanal: Kanal | None = None
    q: str | None = None

    def select(self, insatser: list[Insats]) -> list[Insats]:
        wanted_sektor = fold(self.sektor) if self.sektor else None
        wanted_enhet = fold(self.enhet) if self.enhet else None
        words = fold(self.q).split() if self.q else []

        def matches(insats: Insats) -> bool:
            if wanted_sektor and fold(insats.sektor) != wanted_sektor:
                return False
            if wanted_enhet and fold(insats.enhet) != wanted_enhet:
                return False
            if self.documentation_mode and insats.documentation.mode is not self.documentation_mode:
                return False
            if self.kanal and all(c.kanal is not self.kanal for c in insats.aktualisering.kanaler):
                return False
            return not words or all(word in search_text(insats) for word in words)

        return [insats for insats in insatser if matches(insats)]


def search_text(insats: Insats) -> str:
    """What `q` searches: id, titles, enhet and the bilaga's descriptions, folded."""
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
