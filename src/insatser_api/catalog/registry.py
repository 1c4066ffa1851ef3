"""All known catalogue versions of a kommun, and the one in force on a date."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from insatser_api.catalog.compile import compile_catalog
from insatser_api.catalog.loader import LoadedCatalog, load_catalog_dir
from insatser_api.catalog.schemas import Catalog, Insats
from insatser_api.rules import CompiledCatalog


class NoCatalogInForce(LookupError):
    """`as_of` lies before the first version's valid_from."""

    def __init__(self, first_valid_from: dt.date) -> None:
        super().__init__(f"no catalogue in force before {first_valid_from.isoformat()}")
        self.first_valid_from = first_valid_from


@dataclass(frozen=True, slots=True)
class CatalogVersion:
    catalog: Catalog
    compiled: CompiledCatalog
    digest: str
    path: Path
    insatser: dict[str, Insats] = field(default_factory=dict)

    @classmethod
    def from_loaded(cls, loaded: LoadedCatalog) -> CatalogVersion:
        catalog = loaded.catalog
        return cls(
            catalog=catalog,
            compiled=compile_catalog(catalog),
            digest=loaded.digest,
            path=loaded.path,
            insatser={insats.id: insats for insats in catalog.insatser},
        )

    @property
    def version(self) -> str:
        return self.catalog.version


class CatalogRegistry:
    """Immutable: a reload builds a new registry and swaps the reference."""

    def __init__(self, versions: Sequence[CatalogVersion]) -> None:
        if not versions:
            raise ValueError("a registry needs at least one catalogue version")
        self.versions = tuple(sorted(versions, key=lambda v: v.catalog.valid_from))
        self._starts = [v.catalog.valid_from for v in self.versions]

    @classmethod
    def from_directory(cls, directory: Path) -> CatalogRegistry:
        return cls([CatalogVersion.from_loaded(item) for item in load_catalog_dir(directory)])

    def in_force(self, as_of: dt.date) -> CatalogVersion:
        index = bisect.bisect_right(self._starts, as_of) - 1
        if index < 0:
            raise NoCatalogInForce(self._starts[0])
        return self.versions[index]

    def valid_to(self, version: CatalogVersion) -> dt.date | None:
        """The last day a version is in force, or None for the newest."""
        index = self.versions.index(version)
        if index + 1 == len(self.versions):
            return None
        return self._starts[index + 1] - dt.timedelta(days=1)
