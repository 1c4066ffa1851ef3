"""The content rules per documentation mode, without HTTP or database."""

from __future__ import annotations

import datetime as dt

import pytest

from insatser_api.catalog.schemas import DocumentationMode
from insatser_api.records.schemas import DocumentationRecordIn
from insatser_api.records.service import check_content, normalized_personnummer

DAY = dt.date(2026, 11, 20)
PERSONNUMMER = "19851231-1237"


def _codes(body: DocumentationRecordIn, mode: DocumentationMode) -> dict[str, str]:
    return {error.field: error.code for error in check_content(body, mode)}


def test_individual_needs_personnummer_and_text() -> None:
    body = DocumentationRecordIn(performed_on=DAY)
    assert _codes(body, DocumentationMode.INDIVIDUAL) == {
        "personnummer": "missing",
        "text": "missing",
    }


def test_individual_checks_the_personnummer() -> None:
    body = DocumentationRecordIn(performed_on=DAY, personnummer="19851231-1238", text="Samtal.")
    assert _codes(body, DocumentationMode.INDIVIDUAL) == {"personnummer": "invalid_check_digit"}


def test_individual_blank_text_is_missing() -> None:
    body = DocumentationRecordIn(performed_on=DAY, personnummer=PERSONNUMMER, text="  ")
    assert _codes(body, DocumentationMode.INDIVIDUAL) == {"text": "missing"}


def test_individual_complete() -> None:
    body = DocumentationRecordIn(performed_on=DAY, personnummer=PERSONNUMMER, text="Samtal.")
    assert check_content(body, DocumentationMode.INDIVIDUAL) == []


@pytest.mark.parametrize(
    ("mode", "paragraph"),
    [(DocumentationMode.ADVISORY, "14 kap. 4 §"), (DocumentationMode.DEIDENTIFIED, "14 kap. 5 §")],
)
def test_no_identity_modes_refuse_identifying_fields_and_name_the_rule(
    mode: DocumentationMode, paragraph: str
) -> None:
    body = DocumentationRecordIn(
        performed_on=DAY,
        personnummer=PERSONNUMMER,
        name="Anna Andersson",
        text=f"Om {PERSONNUMMER}",
    )
    errors = check_content(body, mode)
    assert {e.field: e.code for e in errors} == {
        "personnummer": "identifying_data_forbidden",
        "name": "identifying_data_forbidden",
        "text": "identity_number_in_text",
    }
    assert all(paragraph in e.message for e in errors)
    assert all(PERSONNUMMER not in e.message for e in errors)


@pytest.mark.parametrize("mode", [DocumentationMode.ADVISORY, DocumentationMode.DEIDENTIFIED])
def test_no_identity_modes_take_a_clean_text_or_none(mode: DocumentationMode) -> None:
    assert check_content(DocumentationRecordIn(performed_on=DAY), mode) == []
    body = DocumentationRecordIn(performed_on=DAY, text="Råd om budget, allmänt.")
    assert check_content(body, mode) == []


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("19851231-1237", "198512311237"),
        ("851231-1237", "198512311237"),
        ("8512311237", "198512311237"),
        ("191212121212", "191212121212"),
        ("121212+1212", "191212121212"),
    ],
)
def test_personnummer_is_stored_in_one_form(given: str, stored: str) -> None:
    assert normalized_personnummer(given, DAY) == stored
