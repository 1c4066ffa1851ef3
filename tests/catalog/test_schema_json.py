"""catalog/schema.json is generated from the models and must be current (`make schema`)."""

from insatser_api.cli import render_catalog_schema
from tests.conftest import ROOT


def test_schema_json_is_current() -> None:
    on_disk = (ROOT / "catalog" / "schema.json").read_text(encoding="utf-8")
    assert on_disk == render_catalog_schema(), "catalog/schema.json is stale: run `make schema`"
