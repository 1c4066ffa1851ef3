"""Personnummer and samordningsnummer (rules.md, Age and Edge decisions)."""

from __future__ import annotations

import datetime as dt

import pytest

from insatser_api.rules.age import completed_years
from insatser_api.rules.identity import IdentityNumber, IdentityNumberError, parse_identity_number

D = dt.date
AS_OF = D(2026, 11, 23)


def luhn_check_digit(digits: str) -> str:
    """The check digit of a personnummer's nine digits ÅÅMMDDNNN (weights 2, 1, 2, ...)."""
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def tail_for(yymmdd: str, serial: str = "123") -> str:
    """The four last digits (serial number and a valid check digit) for a date part."""
    return serial + luhn_check_digit(yymmdd + serial)


def wrong_tail_for(yymmdd: str, serial: str = "123") -> str:
    right = int(luhn_check_digit(yymmdd + serial))
    return serial + str((right + 1) % 10)


def short(yymmdd: str, sep: str = "-", serial: str = "123") -> str:
    return f"{yymmdd}{sep}{tail_for(yymmdd, serial)}"


def long(yyyymmdd: str, sep: str = "", serial: str = "123") -> str:
    return f"{yyyymmdd}{sep}{tail_for(yyyymmdd[2:], serial)}"


@pytest.mark.parametrize(
    ("nine_digits", "check_digit"),
    [("811218987", "6"), ("640823323", "4"), ("121212121", "2")],
)
def test_luhn_helper_agrees_with_published_examples(nine_digits: str, check_digit: str) -> None:
    assert luhn_check_digit(nine_digits) == check_digit


@pytest.mark.parametrize(
    "text",
    [
        "198503071238",
        "19850307-1238",
        "8503071238",
        "850307-1238",
    ],
    ids=["12 digits", "12 digits with -", "10 digits", "10 digits with -"],
)
def test_forms_of_the_same_number(text: str) -> None:
    # 850307123 has the Luhn check digit 8.
    assert luhn_check_digit("850307123") == "8"
    assert parse_identity_number(text, AS_OF) == IdentityNumber(D(1985, 3, 7), False)


@pytest.mark.parametrize("sep", ["", "-"])
@pytest.mark.parametrize(
    ("yyyymmdd", "expected"),
    [
        ("19850307", D(1985, 3, 7)),
        ("20000101", D(2000, 1, 1)),
        ("20240229", D(2024, 2, 29)),
        ("19000101", D(1900, 1, 1)),
        ("18991231", D(1899, 12, 31)),
        ("20261123", AS_OF),
    ],
)
def test_twelve_digit_form(yyyymmdd: str, sep: str, expected: dt.date) -> None:
    result = parse_identity_number(long(yyyymmdd, sep), AS_OF)
    assert result.birth_date == expected
    assert result.is_samordningsnummer is False


# Changed in issue 15 (rules.md, Edge decisions, folkbokföringslagen 18 §): the century is
# judged by the prövningsdag's *year*, not its date. `+` is written from the year the person
# turns 100, so 261124+ is born 1926 (99 years old on 2026-11-23) and 261124- would be born
# later in 2026 (bad input); before, 261124- read as 1926 and 261124+ as 1826.
@pytest.mark.parametrize(
    ("yymmdd", "sep", "expected"),
    [
        # `-` or no separator: born in as_of.year − 99 … as_of.year.
        ("261123", "-", D(2026, 11, 23)),
        ("261123", "", D(2026, 11, 23)),
        ("850307", "-", D(1985, 3, 7)),
        ("850307", "", D(1985, 3, 7)),
        ("000101", "-", D(2000, 1, 1)),
        ("000229", "-", D(2000, 2, 29)),
        ("270101", "-", D(1927, 1, 1)),
        ("991231", "-", D(1999, 12, 31)),
        ("260101", "-", D(2026, 1, 1)),
        # `+`: born in as_of.year − 199 … as_of.year − 100.
        ("261123", "+", D(1926, 11, 23)),
        ("261124", "+", D(1926, 11, 24)),
        ("261231", "+", D(1926, 12, 31)),
        ("850307", "+", D(1885, 3, 7)),
        ("000101", "+", D(1900, 1, 1)),
        ("270101", "+", D(1827, 1, 1)),
        ("260101", "+", D(1926, 1, 1)),
    ],
)
def test_ten_digit_century_is_judged_against_as_of(
    yymmdd: str, sep: str, expected: dt.date
) -> None:
    result = parse_identity_number(short(yymmdd, sep), AS_OF)
    assert result.birth_date == expected
    assert result.is_samordningsnummer is False


@pytest.mark.parametrize("yymmdd", ["261124", "261231"])
@pytest.mark.parametrize("sep", ["-", ""])
def test_ten_digit_minus_later_in_the_year_is_in_the_future(yymmdd: str, sep: str) -> None:
    with pytest.raises(IdentityNumberError) as caught:
        parse_identity_number(short(yymmdd, sep), AS_OF)
    assert caught.value.code == "birth_date_in_future"


def test_ten_digit_example_of_rules_md() -> None:
    # "A person born 1926-12-15 writes 261215+NNNN all through 2026, and is 99 years old on
    # 2026-11-22."
    on = D(2026, 11, 22)
    plus = parse_identity_number(short("261215", "+"), on)
    assert plus.birth_date == D(1926, 12, 15)
    assert completed_years(plus.birth_date, on) == 99
    assert parse_identity_number(short("261215", "+"), D(2026, 1, 1)).birth_date.year == 1926


@pytest.mark.parametrize(("sep", "plus"), [("", False), ("-", False), ("+", True)])
@pytest.mark.parametrize(
    "as_of", [D(2026, 11, 23), D(2026, 1, 1), D(2025, 12, 31), D(2028, 2, 29), D(2000, 2, 28)]
)
@pytest.mark.parametrize(
    "yymmdd", ["000101", "261123", "261124", "270101", "850307", "991231", "120615", "000228"]
)
def test_ten_digit_separator_decides_the_birth_years(
    as_of: dt.date, yymmdd: str, sep: str, plus: bool
) -> None:
    later_this_year = yymmdd[:2] == f"{as_of.year % 100:02}" and (
        yymmdd[2:4],
        yymmdd[4:],
    ) > (f"{as_of.month:02}", f"{as_of.day:02}")
    if later_this_year and not plus:
        # Only a `-` number dated later in the prövningsdag's own year is in the future.
        with pytest.raises(IdentityNumberError, match="efter prövningsdagen"):
            parse_identity_number(short(yymmdd, sep), as_of)
        return
    birth_date = parse_identity_number(short(yymmdd, sep), as_of).birth_date
    assert birth_date <= as_of
    assert birth_date.strftime("%y%m%d") == yymmdd
    lowest = as_of.year - (199 if plus else 99)
    assert lowest <= birth_date.year <= lowest + 99


@pytest.mark.parametrize(
    ("yymmdd", "sep", "as_of", "expected"),
    [
        ("000229", "-", D(2026, 11, 23), D(2000, 2, 29)),
        ("000229", "-", D(2000, 2, 29), D(2000, 2, 29)),
        ("960229", "+", D(2026, 11, 23), D(1896, 2, 29)),
        ("240229", "-", D(2025, 3, 1), D(2024, 2, 29)),
    ],
)
def test_ten_digit_29_february(yymmdd: str, sep: str, as_of: dt.date, expected: dt.date) -> None:
    assert parse_identity_number(short(yymmdd, sep), as_of).birth_date == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (short("850367"), D(1985, 3, 7)),
        (short("850367", ""), D(1985, 3, 7)),
        (short("850367", "+"), D(1885, 3, 7)),
        (long("19850367"), D(1985, 3, 7)),
        (long("19850367", "-"), D(1985, 3, 7)),
        (short("850361"), D(1985, 3, 1)),
        (short("850391"), D(1985, 3, 31)),
        (short("080289"), D(2008, 2, 29)),
        (long("20261183"), D(2026, 11, 23)),
    ],
)
def test_samordningsnummer_gives_the_real_birth_date(text: str, expected: dt.date) -> None:
    assert parse_identity_number(text, AS_OF) == IdentityNumber(expected, True)


@pytest.mark.parametrize(
    "text",
    [
        "850307" + wrong_tail_for("850307"),
        "850307-" + wrong_tail_for("850307"),
        "850307+" + wrong_tail_for("850307"),
        "19850307" + wrong_tail_for("850307"),
        "19850307-" + wrong_tail_for("850307"),
        "850367-" + wrong_tail_for("850367"),
        "8112189875",
        "811218-9877",
    ],
)
def test_wrong_check_digit(text: str) -> None:
    with pytest.raises(IdentityNumberError) as caught:
        parse_identity_number(text, AS_OF)
    assert caught.value.code == "invalid_check_digit"


@pytest.mark.parametrize(
    "text",
    [
        short("851301"),  # month 13
        short("850001"),  # month 0
        short("850100"),  # day 0
        short("850230"),  # 30 February
        short("850431"),  # 31 April
        short("250229"),  # 29 February 2025, a common year
        short("230229", ""),
        long("20250229"),
        long("19000229"),  # 1900 was not a leap year
        short("000229", "+"),  # 1900-02-29
        short("850160"),  # day 60: neither a date nor a samordningsnummer
        short("850292"),  # samordningsnummer for 32 February
        short("850399"),  # samordningsnummer for 39 March
        long("19851301", "-"),
    ],
)
def test_impossible_date(text: str) -> None:
    with pytest.raises(IdentityNumberError) as caught:
        parse_identity_number(text, AS_OF)
    assert caught.value.code == "invalid_date"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "abc",
        "personnummer",
        "85030712",
        "850307123",
        "85030712345",
        "8503071234567",
        "198503071234567",
        "850307--1234",
        "850307 1234",
        "850307_1234",
        "85-03-07-1234",
        "1985-03-07-1234",
        "850307-123",
        "850307-12345",
        "85030-71234",
        "1985030-71234",
        "850307/1234",
        "850307-123a",
        "x8503071234",
        "8503071234x",
        "850307\n1234",
    ],
)
def test_invalid_format(text: str) -> None:
    with pytest.raises(IdentityNumberError) as caught:
        parse_identity_number(text, AS_OF)
    assert caught.value.code == "invalid_format"


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        (long("20261124"), AS_OF),
        (long("20261124", "-"), AS_OF),
        (long("20270101"), AS_OF),
        (long("21000101"), AS_OF),
        (long("20261184"), AS_OF),  # samordningsnummer, born 2026-11-24
        (long("20250702"), D(2025, 7, 1)),
    ],
)
def test_birth_date_after_as_of(text: str, as_of: dt.date) -> None:
    with pytest.raises(IdentityNumberError) as caught:
        parse_identity_number(text, as_of)
    assert caught.value.code == "birth_date_in_future"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("850307-" + wrong_tail_for("850307"), "invalid_check_digit"),
        ("19850307" + wrong_tail_for("850307"), "invalid_check_digit"),
        (short("850230"), "invalid_date"),
        (long("20250229", "-"), "invalid_date"),
        ("85030712345", "invalid_format"),
        ("850307--1234", "invalid_format"),
        (long("20270101"), "birth_date_in_future"),
        (long("20261184", "-"), "birth_date_in_future"),
    ],
)
def test_error_never_repeats_the_number(text: str, code: str) -> None:
    with pytest.raises(IdentityNumberError) as caught:
        parse_identity_number(text, AS_OF)
    error = caught.value
    assert error.code == code
    assert isinstance(error, ValueError)
    digits = "".join(char for char in text if char.isdigit())
    for shown in (str(error), error.message, repr(error), *map(str, error.args)):
        assert text not in shown
        assert digits not in shown
        assert digits[-10:] not in shown
        assert digits[-4:] not in shown
    assert error.message
    assert str(error) == error.message


def test_identity_number_is_immutable() -> None:
    result = parse_identity_number(short("850307"), AS_OF)
    with pytest.raises(AttributeError):
        result.birth_date = D(2000, 1, 1)  # type: ignore[misc]


def test_digits_of_other_scripts_are_a_format_error() -> None:
    with pytest.raises(IdentityNumberError) as error:
        parse_identity_number("１９８５０７０９９８０５", dt.date(2026, 1, 1))
    assert error.value.code == "invalid_format"
