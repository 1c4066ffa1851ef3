"""Numbers and the texts they transcribe agree: a changed number alone is refused, naming both
the structured value and the text (catalog/consistency.py, issue 15 point 6)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from insatser_api.catalog.consistency import disagreements
from insatser_api.catalog.loader import CatalogError, load_catalog
from insatser_api.catalog.schemas import Catalog
from insatser_api.cli import app
from tests.catalog_files import insats
from tests.conftest import CATALOG_DIR

BUNDLED = CATALOG_DIR / "2025-07-01.yaml"
RAW: dict[str, Any] = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))


def _changed(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    change(data)
    return data


def _messages(data: dict[str, Any]) -> list[str]:
    return [d.message for d in disagreements(Catalog.model_validate(data))]


def _villkor_age(insats_id: str, **values: int | None) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        condition = next(
            c for c in insats(data, insats_id)["villkor"]["conditions"] if c["kind"] == "age"
        )
        for key, value in values.items():
            if value is None:
                condition.pop(key, None)
            else:
                condition[key] = value

    return change


def _band(insats_id: str, index: int, **values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        insats(data, insats_id)["malgrupp"]["age_bands"][index].update(values)

    return change


def _set(insats_id: str, *keys: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node: Any = insats(data, insats_id)
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return change


def test_the_bundled_catalogue_agrees_with_itself() -> None:
    assert _messages(RAW) == []


# (what changed, the change, the structured place, the text's place, what the text says)
MUTATIONS = [
    (
        "min_age (CRA 18 → 21)",
        _villkor_age("cra", min_age=21),
        "insatser[16](cra).villkor.conditions[0].min_age är 21",
        "insatser[16](cra).villkor.text",
        "«18 år eller äldre»",
    ),
    (
        "the text alone (CRA «21 år»)",
        _set(
            "cra",
            "villkor",
            "text",
            value="21 år eller äldre och folkbokförda i Östersunds kommun.",
        ),
        "insatser[16](cra).villkor.conditions[0].min_age är 18",
        "insatser[16](cra).villkor.text",
        "«21 år eller äldre»",
    ),
    (
        "max_age of a range (18–65 → 18–67)",
        _villkor_age("arbetsmarknadsinsatser", max_age=67),
        "insatser[0](arbetsmarknadsinsatser).villkor.conditions[0].max_age är 67",
        "insatser[0](arbetsmarknadsinsatser).villkor.text",
        "«18-65 år»",
    ),
    (
        "min_age of a range «7–18 år»",
        _villkor_age("bra-samtal-ungdomsstod", min_age=6),
        "insatser[27](bra-samtal-ungdomsstod).villkor.conditions[0].min_age är 6",
        "insatser[27](bra-samtal-ungdomsstod).villkor.text",
        "«7-18 år»",
    ),
    (
        "max_age dropped from a range",
        _villkor_age("bra-samtal-nexus", max_age=None),
        "insatser[26](bra-samtal-nexus).villkor.conditions",
        "insatser[26](bra-samtal-nexus).villkor.text säger «7-18 år»",
        "lägsta ålder 7",
    ),
    (
        "fyllt N år (Vräkningsförebyggande 18 → 20)",
        _villkor_age("vrakningsforebyggande-arbete", min_age=20),
        "insatser[1](vrakningsforebyggande-arbete).villkor.conditions[0].min_age är 20",
        "insatser[1](vrakningsforebyggande-arbete).villkor.text",
        "«fyllt 18 år»",
    ),
    (
        "målgrupp band, max (I-KOMET 0–12 → 0–11)",
        _band("i-komet", 0, max_age=11),
        "insatser[9](i-komet).malgrupp.age_bands[0].max_age är 11",
        "insatser[9](i-komet).malgrupp.text",
        "«0-12år» om barnet",
    ),
    (
        "målgrupp band, whose age (the child's, not the parent's)",
        _band("stodsamtal-foraldraroll", 0, subject="applicant"),
        "insatser[8](stodsamtal-foraldraroll).malgrupp.age_bands[0].min_age är 0 "
        "(lägsta ålder, den sökandes)",
        "insatser[8](stodsamtal-foraldraroll).malgrupp.text",
        "om barnet",
    ),
    (
        "målgrupp band, min (Anhörigstöd 15 → 16)",
        _band("anhorigstod", 0, min_age=16),
        "insatser[24](anhorigstod).malgrupp.age_bands[0].min_age är 16",
        "insatser[24](anhorigstod).malgrupp.text",
        "«15 år eller äldre»",
    ),
    (
        "målgrupp bands removed while the text states ages",
        _set("bubblan", "malgrupp", "age_bands", value=[]),
        "insatser[11](bubblan).malgrupp.age_bands har ingen sådan åldersgräns",
        "insatser[11](bubblan).malgrupp.text säger «7-12år»",
        "7-12år",
    ),
    (
        "a band the word «vuxen» does not carry (Fjärilen 18 → 20)",
        _band("fjarilen", 1, min_age=20),
        "insatser[12](fjarilen).malgrupp.age_bands[1].min_age är 20",
        "insatser[12](fjarilen).malgrupp.text",
        "«7-17 år»",
    ),
    (
        "period in the villkor (Booster Bryggan «inom ett år» → 2 years)",
        _set("booster-bryggan", "villkor", "conditions", 0, "within_years", value=2),
        "insatser[7](booster-bryggan).villkor.conditions[0].within_years är 2",
        "insatser[7](booster-bryggan).villkor.text",
        "«inom ett år»",
    ),
    (
        "period in the innehåll (Booster Nexus, 4.5.12)",
        _set("booster-nexus", "villkor", "conditions", 0, "within_years", value=3),
        "insatser[25](booster-nexus).villkor.conditions[0].within_years är 3",
        "insatser[25](booster-nexus).innehall",
        "«Inom ett år»",
    ),
    (
        "a channel's max_age (självremiss upp till 30 år → 31)",
        _set("arbetsmarknadsinsatser", "aktualisering", "kanaler", 1, "max_age", value=31),
        "insatser[0](arbetsmarknadsinsatser).aktualisering.kanaler[1].max_age är 31",
        "insatser[0](arbetsmarknadsinsatser).aktualisering.kanaler[1].text",
        "«upp till 30 år»",
    ),
    (
        "an age condition removed while the text keeps its age",
        _set("tolvsteg-grupp", "villkor", "conditions", value=[]),
        "insatser[21](tolvsteg-grupp).villkor.conditions har ingen sådan åldersgräns",
        "insatser[21](tolvsteg-grupp).villkor.text",
        "«18 år och äldre»",
    ),
]


@pytest.mark.parametrize(
    ("change", "structure", "text", "said"),
    [pytest.param(*m[1:], id=m[0]) for m in MUTATIONS],
)
def test_a_changed_number_is_refused_naming_both_places(
    change: Callable[[dict[str, Any]], None], structure: str, text: str, said: str
) -> None:
    messages = _messages(_changed(change))
    assert messages, "the change was not noticed"
    assert any(structure in m and text in m and said in m for m in messages), messages
    # Nothing else is blamed: every line is about the text that was contradicted.
    assert all(text.split(" ")[0] in m for m in messages), messages


def test_a_number_and_its_text_changed_together_are_accepted() -> None:
    def both(data: dict[str, Any]) -> None:
        _villkor_age("cra", min_age=21)(data)
        cra = insats(data, "cra")
        cra["villkor"]["text"] = cra["villkor"]["text"].replace("18 år", "21 år")
        cra["malgrupp"]["text"] = cra["malgrupp"]["text"].replace("18 år", "21 år")
        cra["malgrupp"]["age_bands"][0]["min_age"] = 21

    assert _messages(_changed(both)) == []


def test_a_condition_from_another_section_need_not_be_in_the_insats_text() -> None:
    # A limit whose words are elsewhere (its `source`) is no disagreement with this text.
    def extra_age(data: dict[str, Any]) -> None:
        insats(data, "biffsamtal")["villkor"]["conditions"].append(
            {"kind": "age", "code": "age", "description": "Vuxen", "min_age": 18, "source": "1"}
        )

    assert _messages(_changed(extra_age)) == []


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "2025-07-01.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_loading_refuses_the_file_with_file_and_both_paths(tmp_path: Path) -> None:
    path = _write(tmp_path, _changed(_villkor_age("cra", min_age=21)))
    with pytest.raises(CatalogError) as error:
        load_catalog(path)
    assert str(error.value) == (
        f"{path}: 1 fel: katalogens text och struktur stämmer inte överens\n"
        "  insatser[16](cra).villkor.conditions[0].min_age är 21 (lägsta ålder), men "
        "insatser[16](cra).villkor.text säger «18 år eller äldre»."
    )


def test_catalog_validate_refuses_it_and_exits_1(tmp_path: Path) -> None:
    path = _write(tmp_path, _changed(_villkor_age("cra", min_age=21)))
    result = CliRunner().invoke(app, ["catalog", "validate", str(path)])
    assert result.exit_code == 1
    assert re.search(
        r"conditions\[0\]\.min_age är 21 .*\(cra\)\.villkor\.text säger", result.output
    )
