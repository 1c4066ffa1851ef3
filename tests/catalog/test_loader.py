"""The bundled catalogue is faithful to rules.md; broken catalogues are refused precisely."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from insatser_api.catalog.loader import CatalogError, load_catalog, load_catalog_dir
from insatser_api.catalog.schemas import Catalog, DocumentationMode
from tests.conftest import CATALOG_DIR

BUNDLED = CATALOG_DIR / "2025-07-01.yaml"

# rules.md, "The insatser and their ids": section → id.
RULES_TABLE = {
    "2.1.1": "arbetsmarknadsinsatser",
    "2.2.2": "vrakningsforebyggande-arbete",
    "3.1.1": "bra-samtal-vuxen",
    "3.2.1": "samarbetssamtal",
    "4.1.1": "akutboendet",
    "4.2.1": "utflyttningsstod",
    "4.3.1": "biffsamtal",
    "4.3.2": "booster-bryggan",
    "4.4.1": "stodsamtal-foraldraroll",
    "4.4.2": "i-komet",
    "4.4.3": "foraldragrupper",
    "4.4.4": "bubblan",
    "4.4.5": "fjarilen",
    "4.4.6": "tradet",
    "4.5.1": "radgivande-samtal",
    "4.5.2": "motivationshojande-samtal",
    "4.5.3": "cra",
    "4.5.4": "f-cra",
    "4.5.5": "hap-cpu",
    "4.5.6": "spelbehandling",
    "4.5.7": "aterfallsprevention",
    "4.5.8": "tolvsteg-grupp",
    "4.5.9": "tolvsteg-individuell",
    "4.5.10": "tolvsteg-eftervard",
    "4.5.11": "anhorigstod",
    "4.5.12": "booster-nexus",
    "4.5.13": "bra-samtal-nexus",
    "4.6.1": "bra-samtal-ungdomsstod",
}
ADVISORY = {
    "vrakningsforebyggande-arbete",
    "bra-samtal-vuxen",
    "bra-samtal-nexus",
    "bra-samtal-ungdomsstod",
    "samarbetssamtal",
    "radgivande-samtal",
}
WITHOUT_CONSENT_FROM_15 = {
    "bra-samtal-vuxen",
    "bra-samtal-nexus",
    "bra-samtal-ungdomsstod",
    "fjarilen",
    "tradet",
    "radgivande-samtal",
    "anhorigstod",
}
OWN_FOLKBOKFORING_RULE = {"radgivande-samtal", "samarbetssamtal", "tradet", "akutboendet"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(BUNDLED).catalog


def test_bundled_catalogue_has_the_28_insatser_of_rules_md(catalog: Catalog) -> None:
    assert {i.section: i.id for i in catalog.insatser} == RULES_TABLE
    assert [i.section for i in catalog.insatser] == list(RULES_TABLE)


def test_catalogue_metadata(catalog: Catalog) -> None:
    assert catalog.kommun.kod == "2380"
    assert catalog.kommun.namn == "Östersunds kommun"
    assert str(catalog.valid_from) == "2025-07-01"
    assert catalog.general_villkor[0].source == "1"


def test_documentation_modes_follow_rules_md(catalog: Catalog) -> None:
    for insats in catalog.insatser:
        expected = (
            DocumentationMode.ADVISORY if insats.id in ADVISORY else DocumentationMode.INDIVIDUAL
        )
        assert insats.documentation.mode is expected, insats.id
        paragraph = "4 §" if insats.id in ADVISORY else "3 §"
        assert (
            insats.documentation.legal_basis == f"14 kap. {paragraph} socialtjänstlagen (2025:400)"
        )


def test_consent_and_folkbokforing_follow_rules_md(catalog: Catalog) -> None:
    for insats in catalog.insatser:
        assert insats.consent.without_consent_from_15 is (insats.id in WITHOUT_CONSENT_FROM_15)
        assert insats.villkor.general_folkbokforing is (insats.id not in OWN_FOLKBOKFORING_RULE)
    by_id = {i.id: i for i in catalog.insatser}
    assert by_id["samarbetssamtal"].consent.subject == "participating_child"


def test_typos_named_in_rules_md_are_corrected(catalog: Catalog) -> None:
    # The tolkning notes may quote the typo they explain; every transcribed text must not.
    for insats in catalog.insatser:
        text = insats.model_dump_json(exclude={"tolkning"})
        for typo in ("rättning", "drogrfria", "I-kommet"):
            assert typo not in text, (insats.id, typo)


def test_every_choice_of_rules_md_is_a_tolkning(catalog: Catalog) -> None:
    # rules.md: where an entry is silent on folkbokföring the general condition applies, "record
    # that as a tolkning".
    silent = {"f-cra", "bra-samtal-nexus", "booster-bryggan", "utflyttningsstod"}
    for insats in catalog.insatser:
        if insats.id in silent:
            assert any(t.topic == "folkbokforing" for t in insats.tolkning), insats.id


def _write(tmp_path: Path, data: dict[str, object], name: str = "2025-07-01.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def raw() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    return data


def test_an_invalid_value_is_named_by_file_path_and_fault(tmp_path: Path, raw: dict) -> None:  # type: ignore[type-arg]
    raw["insatser"][0]["villkor"]["conditions"][0]["min_age"] = "arton"
    path = _write(tmp_path, raw)
    with pytest.raises(CatalogError) as error:
        load_catalog(path)
    message = str(error.value)
    assert str(path) in message
    assert "insatser[0](arbetsmarknadsinsatser).villkor.conditions[0].min_age" in message
    assert "Ska vara ett heltal." in message


def test_an_unknown_field_is_refused(tmp_path: Path, raw: dict) -> None:  # type: ignore[type-arg]
    raw["insatser"][4]["villkor"]["general_folkbokfoering"] = True
    with pytest.raises(
        CatalogError, match=re.escape("insatser[4](akutboendet).villkor.general_folkbokfoering")
    ):
        load_catalog(_write(tmp_path, raw))


def test_not_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "2025-07-01.yaml"
    path.write_text("kommun: [unclosed", encoding="utf-8")
    with pytest.raises(
        CatalogError,
        match=re.escape("inte giltig YAML på rad 2, kolumn 1: en lista [ … ] avslutas inte"),
    ):
        load_catalog(path)


def test_version_must_match_file_name(tmp_path: Path, raw: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(CatalogError, match="skiljer sig från filnamnet"):
        load_catalog(_write(tmp_path, raw, name="2026-01-01.yaml"))


def test_deidentified_mode_needs_the_namnds_decision(tmp_path: Path, raw: dict) -> None:  # type: ignore[type-arg]
    raw["insatser"][0]["documentation"]["mode"] = "deidentified"
    with pytest.raises(CatalogError, match="kräver nämndens beslut"):
        load_catalog(_write(tmp_path, raw))


def test_earlier_insats_must_name_known_insatser(tmp_path: Path, raw: dict) -> None:  # type: ignore[type-arg]
    booster = next(i for i in raw["insatser"] if i["id"] == "booster-nexus")
    booster["villkor"]["conditions"][0]["insats_ids"].append("finns-inte")
    with pytest.raises(CatalogError, match="finns-inte"):
        load_catalog(_write(tmp_path, raw))


def test_duplicate_ids_are_refused(tmp_path: Path, raw: dict) -> None:  # type: ignore[type-arg]
    raw["insatser"][1]["id"] = raw["insatser"][0]["id"]
    with pytest.raises(CatalogError, match="förekommer mer än en gång"):
        load_catalog(_write(tmp_path, raw))


def test_two_files_with_the_same_valid_from_are_refused(tmp_path: Path, raw: dict) -> None:  # type: ignore[type-arg]
    _write(tmp_path, raw)
    raw["version"] = "2025-07-01.1"
    _write(tmp_path, raw, name="2025-07-01.1.yaml")
    with pytest.raises(CatalogError, match="används också av"):
        load_catalog_dir(tmp_path)


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="inga katalogfiler"):
        load_catalog_dir(tmp_path)
