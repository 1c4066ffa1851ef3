"""The detectors one by one, on texts without HTTP (the whole corpora run through the API in
tests/records/test_corpora.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from insatser_api.security.identity import REQUEST_ID_KINDS, IdentityKind, find_identity
from insatser_api.security.identity.names import lexicon

TODAY = dt.date(2026, 11, 20)
K = IdentityKind


def _kinds(text: str) -> list[IdentityKind]:
    return find_identity(text, today=TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "Samtal med 19851231-1237 om stöd.",
        "pnr 851231-1237",
        "pnr 8512311237.",
        "851231+1237",
        "Samordningsnummer 850191-1234",  # day 91 = 31 + 60
        "851231-1238 (fel kontrollsiffra, pekar ändå ut en person)",
        "x19851231-1237x",
        "8 5 1 2 3 1 1 2 3 7",
        "sista 4: 1237",
    ],
)
def test_identity_numbers(text: str) -> None:
    assert K.PERSONNUMMER in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Allmän information om stöd vid spelproblem.",
        "Mötet 2026-11-20 kl 13.00 i rum 4.",
        "Ärende 12345.",
        "Kontonummer 123456789012345",
        "851331-1234",  # month 13
        "851200-1234",  # day 0
        "851232-1234",  # day 32, not samordning either
        "Samtal 2026-11-20 14:30, 20 min",  # a date and a time, not the last four
        "kl 9.05, 12 min",
        "Skuld 12 000 – 15 000 kr",
        "",
    ],
)
def test_no_identity(text: str) -> None:
    assert _kinds(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("1976-09-21", K.BIRTH_DATE),
        ("21/9 1976", K.BIRTH_DATE),
        ("21.09.76", K.BIRTH_DATE),
        ("21 september 1976", K.BIRTH_DATE),
        ("född 2026", K.BIRTH_DATE),  # a cue makes even this year's date a birth date
        ("2026-12-03", K.DATE),  # the next meeting
        ("3 december 2026", K.DATE),
    ],
)
def test_dates(text: str, kind: IdentityKind) -> None:
    assert find_identity(text, frozenset(IdentityKind), today=TODAY) == [kind]


def test_a_recent_date_is_allowed_in_text_but_not_in_a_request_id() -> None:
    assert _kinds("Nästa träff 2026-12-03.") == []
    assert find_identity("req-2026-12-03", REQUEST_ID_KINDS, today=TODAY) == [K.DATE]


@pytest.mark.parametrize(
    "text", ["070-123 45 67", "+46 70 123 45 67", "0046701234567", "063-12 34 56", "+47 912 34 567"]
)
def test_phone_numbers_by_phonenumbers(text: str) -> None:
    assert _kinds(text) == [K.PHONE_NUMBER]


def test_a_personnummer_written_as_one_is_not_taken_for_a_phone_number() -> None:
    assert _kinds("760921-5129") == [K.PERSONNUMMER]


@pytest.mark.parametrize(
    "text", ["a.b@example.se", "a (at) example (punkt) se", "a[at]example.com", "a snabel-a b.se"]
)
def test_email(text: str) -> None:
    assert K.EMAIL in _kinds(text)


@pytest.mark.parametrize("text", ["Storgatan 12", "Rådhusgatan 3 lgh 1102", "SE-831 30 Östersund"])
def test_addresses(text: str) -> None:
    assert K.ADDRESS in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Karin kom",
        "karin kom",  # careless lower case
        "med Lindqvist",
        "Ringde Per Lund",
        "Stig ringde igen, Per Berg",
        "sin son Olle",
        "heter Aziz",
        "Samtal med Jönsson-Persson",
        "frågade Halvardsson",
    ],
)
def test_names(text: str) -> None:
    assert _kinds(text) == [K.NAME]


@pytest.mark.parametrize(
    "text",
    [
        "Per telefon, 10 min.",  # per: a word before it is a name
        "Hans mamma ringde.",
        "Tom flaska, i maj, hela dag.",
        "Bo kvar i lägenheten.",
        "Kontakt med Kronofogden och Försäkringskassan.",
        "Stark oro, hänvisad vidare.",
    ],
)
def test_names_that_are_words_are_words_where_they_are_used_as_words(text: str) -> None:
    assert _kinds(text) == []


def test_the_lexicon_holds_swedish_first_names_and_surnames() -> None:
    names = lexicon()
    assert {"karin", "olle", "anna", "lindqvist", "andersson", "nguyen"} <= names
    assert len(names) > 1400
