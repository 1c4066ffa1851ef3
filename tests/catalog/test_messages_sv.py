"""`catalog validate` speaks Swedish: headings and every fault, pydantic's included, with the
file and the path inside it as before."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from insatser_api.catalog.loader import CatalogError, load_catalog, load_catalog_dir
from tests.conftest import CATALOG_DIR
from tests.kit.swedish import english_in

RAW: dict[str, Any] = yaml.safe_load((CATALOG_DIR / "2025-07-01.yaml").read_text(encoding="utf-8"))


def _refusal(tmp_path: Path, text: str) -> str:
    path = tmp_path / "2025-07-01.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        load_catalog(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    return message.replace(str(path), "FIL")


def test_every_kind_of_fault_is_described_in_swedish_at_its_place(tmp_path: Path) -> None:
    data = copy.deepcopy(RAW)
    insatser = data["insatser"]
    insatser[0]["villkor"]["conditions"][0]["kind"] = "ålder"
    insatser[1]["villkor"]["conditions"][0]["min_age"] = 200
    insatser[2]["documentation"]["mode"] = "hemlig"
    del insatser[3]["heading"]
    insatser[4]["villkor"]["conditions"][0]["max_age"] = 5
    insatser[5]["id"] = "Fel Id"
    insatser[6]["villkor"]["general_folkbokforing"] = "kanske"
    insatser[7]["okand_nyckel"] = 1
    insatser[8]["aktualisering"]["kanaler"] = "telefon"
    message = _refusal(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    assert message.splitlines() == [
        "FIL: 9 fel i katalogen",
        "  insatser[0](arbetsmarknadsinsatser).villkor.conditions[0]: Okänt slag; tillåtna är "
        "'age', 'kommun', 'fact', 'earlier_insats', 'stay_limit', 'any_of'.",
        "  insatser[1](vrakningsforebyggande-arbete).villkor.conditions[0].min_age: "
        "Får vara högst 130.",
        "  insatser[2](bra-samtal-vuxen).documentation.mode: Ska vara ett av värdena "
        "'individual', 'advisory' eller 'deidentified'.",
        "  insatser[3](samarbetssamtal).heading: Uppgiften saknas.",
        "  insatser[4](akutboendet).villkor.conditions[0]: Lägsta åldern (min_age) är större "
        "än den högsta (max_age).",
        "  insatser[5](Fel Id).id: Har fel format (mönster ^[a-z0-9]+(-[a-z0-9]+)*$).",
        "  insatser[6](biffsamtal).villkor.general_folkbokforing: Ska vara true eller false.",
        "  insatser[7](booster-bryggan).okand_nyckel: Okänt fält.",
        "  insatser[8](stodsamtal-foraldraroll).aktualisering.kanaler: Ska vara en lista.",
    ]
    assert english_in(message) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kommun: [unclosed", "FIL: inte giltig YAML på rad 2, kolumn 1: en lista [ … ] avslutas inte"),
        ("kommun:\n\tkod: 1\n", "FIL: inte giltig YAML på rad 2, kolumn 1: ett tecken som inte "
         "får inleda ett värde (t.ex. tabb)"),
        ("a: b: c\n", "FIL: inte giltig YAML på rad 1, kolumn 5: kolon på fel ställe (citera "
         "texter som innehåller ': ')"),
        ("- en lista\n", "FIL: översta nivån ska vara en mappning (nyckel: värde)"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_catalogue_is_refused_in_swedish(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert _refusal(tmp_path, text) == expected


def test_model_level_faults_are_swedish(tmp_path: Path) -> None:
    data = copy.deepcopy(RAW)
    del data["fact_questions"]["stay_until"]
    data["insatser"][0]["sektor"] = "XYZ"
    message = _refusal(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    assert "okänd sektor 'XYZ'" in message
    assert english_in(message) == set()


def test_a_missing_file_and_folder_are_refused_in_swedish(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="kan inte läsas \\(filen finns inte\\)"):
        load_catalog(tmp_path / "2025-07-01.yaml")
    with pytest.raises(CatalogError, match="inga katalogfiler"):
        load_catalog_dir(tmp_path)
