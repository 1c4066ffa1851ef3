"""`catalog diff` reports what a new version changes in the taxonomy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from insatser_api.cli import app
from tests.catalog_files import insats, write_later_version
from tests.conftest import CATALOG_DIR

runner = CliRunner()


def test_diff_names_taxonomy_changes(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        taxonomy = insats(data, "aterfallsprevention")["taxonomy"]
        taxonomy["typ"] = "behandlande"
        taxonomy["vardkedja"] = ["eftervard"]
        insats(data, "cra")["taxonomy"]["fokus"] = ["vuxna", "unga_vuxna", "alkohol_narkotika"]
        insats(data, "hap-cpu")["taxonomy"]["tolkning"][0]["text"] = "Ny motivering."

    new = write_later_version(tmp_path, change)
    result = runner.invoke(app, ["catalog", "diff", str(CATALOG_DIR / "2025-07-01.yaml"), str(new)])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "Typ: upprathallande → behandlande." in out
    assert "Vårdkedjan: ny: eftervard, borttagen: forlangd_behandling." in out
    assert "Fokus: ny: unga_vuxna." in out
    assert "Tolkningen av klassificeringen har ändrats." in out
    assert "Ändrade insatser (3):" in out
