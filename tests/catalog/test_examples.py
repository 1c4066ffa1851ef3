"""The documented examples quote the bundled catalogue; they must not drift from it."""

from __future__ import annotations

from insatser_api.catalog import examples
from insatser_api.catalog.registry import CatalogRegistry


def test_example_digest_is_the_bundled_catalogues(registry: CatalogRegistry) -> None:
    assert examples.CATALOG["digest"] == registry.versions[0].digest
    assert examples.CATALOG["insats_count"] == len(registry.versions[0].insatser)
