"""The command line: catalogue validation and the OpenAPI export."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from insatser_api.cli import app
from tests.conftest import CATALOG_DIR, ROOT

runner = CliRunner()


def test_validate_the_bundled_catalogue() -> None:
    result = runner.invoke(app, ["catalog", "validate", str(CATALOG_DIR)])
    assert result.exit_code == 0, result.output
    assert "28 insatser" in result.output


def test_validate_names_file_path_and_fault(tmp_path: Path) -> None:
    data = yaml.safe_load((CATALOG_DIR / "2025-07-01.yaml").read_text(encoding="utf-8"))
    data["insatser"][2]["consent"]["without_consent_from_15"] = "kanske"
    bad = tmp_path / "2025-07-01.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["catalog", "validate", str(bad)])
    assert result.exit_code == 1
    assert str(bad) in result.output
    assert "insatser[2](bra-samtal-vuxen).consent.without_consent_from_15" in result.output


def test_openapi_export_writes_the_published_file(tmp_path: Path) -> None:
    target = tmp_path / "openapi.yaml"
    result = runner.invoke(app, ["openapi", "export", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == (ROOT / "openapi.yaml").read_text(encoding="utf-8")
