"""The content rules per documentation mode, without HTTP or database."""

from __future__ import annotations

import datetime as dt

import pytest

from insatser_api.catalog.schemas import Documentation, DocumentationMode, DocumentationTopic
from insatser_api.records.content import check_content
from insatser_api.records.schemas import ContactForm, DocumentationRecordIn
from insatser_api.records.service import normalized_personnummer

DAY = dt.date(2026, 11, 20)
PERSONNUMMER = "19851231-1237"
TOPICS = [DocumentationTopic(code="spel", text="Spel om pengar")]


def _documentation(mode: DocumentationMode, *, topics: bool = False) -> Documentation:
    return Documentation(
        mode=mode,
        legal_basis="…",
        text="…",
        decision="SAN § 1" if mode is DocumentationMode.DEIDENTIFIED else None,
        topics=TOPICS if topics else [],
    )


def _check(body: DocumentationRecordIn, mode: DocumentationMode, *, topics: bool = False) -> list:
    return check_content(body, _documentation(mode, topics=topics))


def _codes(body: DocumentationRecordIn, mode: DocumentationMode) -> dict[str, str]:
    return {error.field: error.code for error in _check(body, mode)}


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
    assert _check(body, DocumentationMode.INDIVIDUAL) == []


@pytest.mark.parametrize(
    ("mode", "paragraph"),
    [(DocumentationMode.ADVISORY, "14 kap. 4 §"), (DocumentationMode.DEIDENTIFIED, "14 kap. 5 §")],
)
def test_no_identity_modes_refuse_identifying_fields_and_name_the_rule(
    mode: DocumentationMode, paragraph: str
) -> None:
    body = DocumentationRecordIn(
        performed_on=DAY,
        contact=ContactForm.TELEFON,
        personnummer=PERSONNUMMER,
        name="Anna Andersson",
        text=f"Om {PERSONNUMMER}",
    )
    errors = _check(body, mode)
    assert {e.field: e.code for e in errors} == {
        "personnummer": "identifying_data_forbidden",
        "name": "identifying_data_forbidden",
        "text": "identity_number_in_text",
    }
    assert all(paragraph in e.message for e in errors)
    assert all(PERSONNUMMER not in e.message for e in errors)


@pytest.mark.parametrize("mode", [DocumentationMode.ADVISORY, DocumentationMode.DEIDENTIFIED])
def test_no_identity_modes_take_a_clean_text_or_none(mode: DocumentationMode) -> None:
    plain = DocumentationRecordIn(performed_on=DAY, contact=ContactForm.GRUPP)
    assert _check(plain, mode) == []
    body = plain.model_copy(update={"text": "Råd om budget, allmänt."})
    assert _check(body, mode) == []


@pytest.mark.parametrize("mode", [DocumentationMode.ADVISORY, DocumentationMode.DEIDENTIFIED])
def test_no_identity_modes_need_the_contact_form(mode: DocumentationMode) -> None:
    assert _codes(DocumentationRecordIn(performed_on=DAY), mode) == {"contact": "missing"}


def test_a_topic_is_required_from_the_catalogue_list_when_there_is_one() -> None:
    body = DocumentationRecordIn(performed_on=DAY, contact=ContactForm.TELEFON)
    missing = _check(body, DocumentationMode.ADVISORY, topics=True)
    assert [(e.field, e.code) for e in missing] == [("topic", "missing")]
    assert "spel" in missing[0].message
    unknown = body.model_copy(update={"topic": "okant"})
    assert [e.code for e in _check(unknown, DocumentationMode.ADVISORY, topics=True)] == [
        "unknown_topic"
    ]
    known = body.model_copy(update={"topic": "spel"})
    assert _check(known, DocumentationMode.ADVISORY, topics=True) == []
    # An insats without a list takes no topic at all.
    assert [e.code for e in _check(known, DocumentationMode.ADVISORY)] == ["unknown_topic"]


def test_the_free_text_is_short_for_no_identity_modes() -> None:
    body = DocumentationRecordIn(performed_on=DAY, contact=ContactForm.TELEFON, text="a" * 501)
    assert _codes(body, DocumentationMode.ADVISORY) == {"text": "too_long"}
    individual = DocumentationRecordIn(performed_on=DAY, personnummer=PERSONNUMMER, text="a" * 5000)
    assert _check(individual, DocumentationMode.INDIVIDUAL) == []


def test_every_kind_found_is_named_never_the_match() -> None:
    text = "Karin, 070-123 45 67, karin@example.se, född 1976-09-21, Storgatan 12"
    body = DocumentationRecordIn(performed_on=DAY, contact=ContactForm.TELEFON, text=text)
    errors = _check(body, DocumentationMode.ADVISORY)
    assert [e.code for e in errors] == [
        "birth_date_in_text",
        "email_in_text",
        "phone_number_in_text",
        "address_in_text",
        "name_in_text",
    ]
    for error in errors:
        assert error.field == "text"
        assert "14 kap. 4 §" in error.message
        for fragment in ("Karin", "070", "example", "1976", "Storgatan"):
            assert fragment not in error.message


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
