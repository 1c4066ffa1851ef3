"""The silent-entry folkbokföring reading says that it is disputable and why (rules.md,
Folkbokföring)."""

from __future__ import annotations

import pytest

from insatser_api.catalog.loader import load_catalog
from insatser_api.catalog.schemas import Insats
from tests.conftest import CATALOG_DIR

SILENT = ["f-cra", "bra-samtal-nexus", "booster-bryggan", "utflyttningsstod"]
INSATSER = {i.id: i for i in load_catalog(CATALOG_DIR / "2025-07-01.yaml").catalog.insatser}


def _reading(insats: Insats) -> str:
    (tolkning,) = [t for t in insats.tolkning if t.topic == "folkbokforing"]
    return " ".join(tolkning.text.split())


@pytest.mark.parametrize("insats_id", SILENT)
def test_the_reading_says_it_is_disputable_and_why(insats_id: str) -> None:
    text = _reading(INSATSER[insats_id])
    assert "Inledningens allmänna villkor gäller därför" in text
    assert "kan ifrågasättas" in text
    # 3.1.1 and 4.6.1 repeat the condition, 4.5.13 does not; 4.5.5 and 4.5.12 point to the
    # inledning; the inledning's purpose decides.
    assert "(3.1.1) och vid Ungdomsstöd (4.6.1) upprepar villkoret" in text
    assert "vid Nexus (4.5.13) gör det inte" in text
    assert (
        "HAP/CPU (4.5.5) och Booster Nexus (4.5.12) hänvisar uttryckligen till inledningens" in text
    )
    assert "Inledningens syfte avgör" in text


def test_the_entries_the_reading_cites_say_what_it_claims() -> None:
    repeat = ("bra-samtal-vuxen", "bra-samtal-ungdomsstod")
    assert all("folkbokförd i Östersunds kommun" in INSATSER[i].villkor.text for i in repeat)
    assert "folkbokf" not in INSATSER["bra-samtal-nexus"].villkor.text
    refer = ("hap-cpu", "booster-nexus")
    assert all("inledande text om folkbokförd" in INSATSER[i].villkor.text for i in refer)
