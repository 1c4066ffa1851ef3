"""The taxonomy as catalogue data: every insats classified, codes known to the schema and to
`catalog validate`, with a tolkning per classification."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from insatser_api.catalog.loader import CatalogError, load_catalog
from insatser_api.catalog.registry import CatalogRegistry
from insatser_api.catalog.taxonomy import Fas, Fokus, Typ
from insatser_api.cli import app
from tests.catalog_files import insats, write_later_version
from tests.conftest import ROOT

runner = CliRunner()


def test_every_insats_is_classified_with_a_tolkning(registry: CatalogRegistry) -> None:
    for item in registry.versions[0].catalog.insatser:
        taxonomy = item.taxonomy
        assert taxonomy.fokus, item.id
        assert taxonomy.tolkning, item.id
        # The tolkning says where the classification comes from, and names the insats' section.
        assert all(item.section in t.basis for t in taxonomy.tolkning), item.id


def test_the_chains_of_the_bilaga_have_their_phases(registry: CatalogRegistry) -> None:
    by_id = {i.id: i.taxonomy for i in registry.versions[0].catalog.insatser}
    assert by_id["cra"].vardkedja == [Fas.PRIMARBEHANDLING]
    assert by_id["tolvsteg-eftervard"].vardkedja == [Fas.EFTERVARD]
    assert by_id["booster-nexus"].typ is Typ.UPPRATHALLANDE
    assert Fokus.SPEL in by_id["spelbehandling"].fokus
    assert by_id["akutboendet"].typ is Typ.BOENDE
    assert by_id["akutboendet"].vardkedja == []


def test_the_json_schema_knows_the_codes() -> None:
    schema = json.loads((ROOT / "catalog" / "schema.json").read_text(encoding="utf-8"))
    definitions = schema["$defs"]
    assert set(definitions["Typ"]["enum"]) == {t.value for t in Typ}
    assert set(definitions["Fokus"]["enum"]) == {f.value for f in Fokus}
    assert set(definitions["Fas"]["enum"]) == {f.value for f in Fas}
    assert "taxonomy" in definitions["Insats"]["required"]


def _set(insats_id: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        insats(data, insats_id)["taxonomy"][key] = value

    return change


def _drop_taxonomy(data: dict[str, Any]) -> None:
    del insats(data, "cra")["taxonomy"]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (_set("cra", "typ", "terapi"), "insatser[16](cra).taxonomy.typ"),
        (_set("cra", "fokus", ["vuxna", "missbruk"]), "insatser[16](cra).taxonomy.fokus[1]"),
        (_set("cra", "vardkedja", ["eftervard", "inslussning"]), "insatser[16](cra).taxonomy"),
        (_set("cra", "fokus", ["alkohol_narkotika"]), "insatser[16](cra).taxonomy"),
        (_set("cra", "fokus", ["vuxna", "vuxna"]), "insatser[16](cra).taxonomy"),
        (_drop_taxonomy, "insatser[16](cra).taxonomy"),
    ],
)
def test_validate_refuses_unknown_codes_naming_the_path(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], where: str
) -> None:
    bad = write_later_version(tmp_path, change)
    with pytest.raises(CatalogError) as caught:
        load_catalog(bad)
    assert where in str(caught.value)
    result = runner.invoke(app, ["catalog", "validate", str(bad)])
    assert result.exit_code == 1
    assert where in result.output


def test_a_fact_condition_names_only_known_insatser(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        for condition in insats(data, "f-cra")["villkor"]["conditions"]:
            if condition["kind"] == "fact":
                condition["insats_ids"] = ["cra-finns-inte"]

    with pytest.raises(CatalogError, match="fact nämner okända insatser: cra-finns-inte"):
        load_catalog(write_later_version(tmp_path, change))
