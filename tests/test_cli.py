"""The command line: catalogue validation and diff, check, the OpenAPI export, db upgrade."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, inspect
from typer.testing import CliRunner

from insatser_api.cli import app
from insatser_api.config import get_settings
from tests.catalog_files import insats, write_later_version
from tests.conftest import CATALOG_DIR, ROOT
from tests.database import scratch_database

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


def test_diff_tells_a_namndsekreterare_what_changed(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["insatser"] = [i for i in data["insatser"] if i["id"] != "hap-cpu"]
        insats(data, "spelbehandling")["documentation"] = {
            "mode": "deidentified",
            "legal_basis": "14 kap. 5 § socialtjänstlagen (2025:400)",
            "text": "Nämnden har beslutat att uppgifter som kan röja identiteten inte dokumenteras.",
            "decision": "SAN 2025-12-10 § 99",
        }
        utflyttning = insats(data, "utflyttningsstod")
        for condition in utflyttning["villkor"]["conditions"]:
            if condition["kind"] == "age":
                condition["min_age"] = 23
        # The text must say the same, or the new version is refused (catalog/consistency.py).
        utflyttning["villkor"]["text"] = utflyttning["villkor"]["text"].replace("21 år", "23 år")
        utflyttning["malgrupp"]["text"] = utflyttning["malgrupp"]["text"].replace("21 år", "23 år")
        utflyttning["malgrupp"]["age_bands"][0]["min_age"] = 23
        insats(data, "cra")["malgrupp"]["text"] = "Vuxna med skadligt bruk."

    new = write_later_version(tmp_path, change)
    result = runner.invoke(app, ["catalog", "diff", str(CATALOG_DIR / "2025-07-01.yaml"), str(new)])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "Borttagna insatser (1):" in out
    assert "4.5.5 HAP/CPU (Haschavvänjning) (hap-cpu)" in out
    assert "Ändrade insatser (3):" in out
    assert "Ändrat villkor «age»: lägsta ålder 21 → 23." in out
    assert (
        "Dokumentation: på individnivå (14 kap. 3 §) → uppgifter som kan röja identiteten "
        "dokumenteras inte (14 kap. 5 §); nämndens beslut: SAN 2025-12-10 § 99." in out
    )
    assert "Målgruppen har ändrats:" in out
    assert "nu:    Vuxna med skadligt bruk." in out


def test_diff_of_equal_catalogues_exits_0(tmp_path: Path) -> None:
    same = write_later_version(tmp_path)
    result = runner.invoke(
        app, ["catalog", "diff", str(CATALOG_DIR / "2025-07-01.yaml"), str(same)]
    )
    assert result.exit_code == 0, result.output
    assert "Inga skillnader" in result.output


def test_diff_names_added_insatser_and_conditions(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        extra = dict(insats(data, "cra"), id="cra-ny", section="4.5.14", title="CRA, ny grupp")
        data["insatser"].append(extra)
        insats(data, "bubblan")["villkor"]["conditions"].append(
            {"code": "har_behandlare", "kind": "fact", "description": "Har en CRA-behandlare",
             "fact": "facts.has_cra_behandlare"}
        )  # fmt: skip

    new = write_later_version(tmp_path, change)
    result = runner.invoke(app, ["catalog", "diff", str(CATALOG_DIR / "2025-07-01.yaml"), str(new)])
    assert result.exit_code == 1, result.output
    assert "  + 4.5.14 CRA, ny grupp (cra-ny)" in result.output
    assert "Nytt villkor «har_behandlare»: Har en CRA-behandlare" in result.output


def test_diff_of_a_bad_file_exits_2(tmp_path: Path) -> None:
    bad = write_later_version(tmp_path, lambda data: data.pop("kommun"))
    result = runner.invoke(app, ["catalog", "diff", str(CATALOG_DIR / "2025-07-01.yaml"), str(bad)])
    assert result.exit_code == 2
    assert str(bad) in result.output


def test_check_answers_in_the_terminal() -> None:
    result = runner.invoke(
        app, ["check", "akutboendet", "--age", "40", "--kommun", "0180", "--as-of", "2026-11-20"]
    )
    assert result.exit_code == 0, result.output
    assert "Akutboendet (akutboendet, avsnitt 4.1.1)" in result.output
    assert "Utfall: Får ta del av insatsen (eligible)" in result.output
    assert "[uppfyllt] age (avsnitt 4.1.1)" in result.output
    assert "Vistelsen slutar senast: 2026-11-23" in result.output
    assert "14 kap. 3 §" in result.output


def test_check_lists_missing_facts_with_their_questions() -> None:
    result = runner.invoke(app, ["check", "f-cra", "--birth-date", "1980-01-01"])
    assert result.exit_code == 0, result.output
    assert "Fler uppgifter behövs (needs_information)" in result.output
    assert "facts.has_cra_behandlare: Har personen en CRA-behandlare just nu?" in result.output


def test_check_says_what_would_change_and_from_when() -> None:
    result = runner.invoke(
        app,
        ["check", "cra", "--birth-date", "2010-05-17", "--kommun", "2380", "--as-of", "2026-11-20"],
    )
    assert result.exit_code == 0, result.output
    assert "Kan få insatsen från: 2028-05-17" in result.output
    assert "Om personen har fyllt 18 år. (age)" in result.output


def test_check_takes_the_truthful_negatives() -> None:
    result = runner.invoke(app, ["check", "samarbetssamtal", "--age", "40", "--no-child"])
    assert result.exit_code == 0, result.output
    assert "personen har inget barn" in result.output
    result = runner.invoke(app, ["check", "cra", "--age", "40", "--kommun", "none"])
    assert "personen är inte folkbokförd i någon kommun" in result.output


def test_check_json_is_the_api_answer() -> None:
    result = runner.invoke(
        app,
        ["check", "f-cra", "--age", "40", "--kommun", "2380", "--fact", "has_cra_behandlare=ja",
         "--as-of", "2026-11-20", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["outcome"] == "eligible"
    assert answer["documentation"]["mode"] == "individual"


def test_check_consent_and_history() -> None:
    young = runner.invoke(
        app, ["check", "bubblan", "--age", "9", "--kommun", "2380", "--no-consent"]
    )
    assert "(not_eligible)" in young.output
    booster = runner.invoke(
        app,
        ["check", "booster-nexus", "--age", "30", "--kommun", "2380", "--as-of", "2026-11-20",
         "--history", "cra=2026-05-31", "--json"],
    )  # fmt: skip
    assert json.loads(booster.output)["outcome"] == "eligible", booster.output


def test_check_refuses_bad_input_with_exit_2() -> None:
    unknown = runner.invoke(app, ["check", "finns-inte", "--age", "30"])
    assert unknown.exit_code == 2
    assert "Okänd insats" in unknown.output
    bad_fact = runner.invoke(app, ["check", "cra", "--fact", "personnummer=200811222389"])
    assert bad_fact.exit_code == 2
    too_early = runner.invoke(app, ["check", "cra", "--age", "30", "--as-of", "2025-06-30"])
    assert too_early.exit_code == 2
    assert "as_of: Ska vara 2025-07-01 eller senare." in too_early.output
    contradictory = runner.invoke(
        app, ["check", "cra", "--age", "30", "--birth-date", "2000-01-01", "--as-of", "2026-11-20"]
    )
    assert contradictory.exit_code == 2
    assert "stämmer inte överens" in contradictory.output


def test_check_takes_no_personnummer() -> None:
    result = runner.invoke(app, ["check", "cra", "--personnummer", "200811222389"])
    assert result.exit_code == 2
    assert "No such option" in result.output


@pytest.mark.database
def test_db_upgrade_migrates_the_configured_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with scratch_database(tmp_path) as url:
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        try:
            result = runner.invoke(app, ["db", "upgrade"])
        finally:
            get_settings.cache_clear()
        assert result.exit_code == 0, result.output
        engine = create_engine(url)
        with engine.connect() as connection:
            assert inspect(connection).has_table("alembic_version")
        engine.dispose()


def test_serve_migrates_an_embedded_database_that_is_behind_and_leaves_one_at_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from insatser_api import cli
    from insatser_api.kit import migration_head, migrations

    url = f"sqlite:///{tmp_path / 'data' / 'insatser.db'}"
    upgrades: list[str] = []
    upgrade = migrations.upgrade

    def counted(database_url: str, revision: str = "head") -> None:
        upgrades.append(revision)
        upgrade(database_url, revision)

    monkeypatch.setattr(migrations, "upgrade", counted)
    cli._migrate_embedded_database(url)  # a fresh install: created and migrated
    assert migration_head.at_head(url)
    migrations.downgrade(url, "0003")
    cli._migrate_embedded_database(url)  # one revision behind
    assert migration_head.at_head(url)
    cli._migrate_embedded_database(url)  # at head: Alembic is not asked
    assert upgrades == ["head", "head"]
