"""Age in completed years (rules.md, Age), including the 29 February rule."""

from __future__ import annotations

import datetime as dt

import pytest

from insatser_api.rules import completed_years as exported_completed_years
from insatser_api.rules.age import add_years, completed_years

D = dt.date


@pytest.mark.parametrize(
    ("birth_date", "on", "expected"),
    [
        # An ordinary birthday: the day before, on the day, the day after.
        (D(2000, 6, 15), D(2026, 6, 14), 25),
        (D(2000, 6, 15), D(2026, 6, 15), 26),
        (D(2000, 6, 15), D(2026, 6, 16), 26),
        # Born on the day itself.
        (D(2026, 3, 1), D(2026, 3, 1), 0),
        (D(2025, 3, 2), D(2026, 3, 1), 0),
        (D(2025, 3, 1), D(2026, 3, 1), 1),
        # Around the turn of the year.
        (D(2000, 12, 31), D(2026, 12, 30), 25),
        (D(2000, 12, 31), D(2026, 12, 31), 26),
        (D(2000, 1, 1), D(2025, 12, 31), 25),
        (D(2000, 1, 1), D(2026, 1, 1), 26),
        # The age limits the catalogue uses.
        (D(2008, 5, 10), D(2026, 5, 9), 17),
        (D(2008, 5, 10), D(2026, 5, 10), 18),
        (D(1960, 11, 23), D(2026, 11, 22), 65),
        (D(1960, 11, 23), D(2026, 11, 23), 66),
        (D(1926, 11, 24), D(2026, 11, 23), 99),
        (D(1926, 11, 23), D(2026, 11, 23), 100),
    ],
)
def test_completed_years_ordinary_birthdays(
    birth_date: dt.date, on: dt.date, expected: int
) -> None:
    assert completed_years(birth_date, on) == expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        # Common year: a year older on 28 February (lag 1930:173 1 § by analogy).
        (D(2026, 2, 27), 17),
        (D(2026, 2, 28), 18),
        (D(2026, 3, 1), 18),
        (D(2009, 2, 27), 0),
        (D(2009, 2, 28), 1),
        (D(2027, 2, 27), 18),
        (D(2027, 2, 28), 19),
        # Leap year: a year older on 29 February itself.
        (D(2028, 2, 27), 19),
        (D(2028, 2, 28), 19),
        (D(2028, 2, 29), 20),
        (D(2028, 3, 1), 20),
        (D(2012, 2, 28), 3),
        (D(2012, 2, 29), 4),
        # 2100 is not a leap year.
        (D(2100, 2, 27), 91),
        (D(2100, 2, 28), 92),
    ],
)
def test_completed_years_born_29_february(on: dt.date, expected: int) -> None:
    assert completed_years(D(2008, 2, 29), on) == expected


@pytest.mark.parametrize(
    ("birth_date", "on", "expected"),
    [
        # Neighbours of 29 February are not moved by the rule.
        (D(2008, 2, 28), D(2026, 2, 27), 17),
        (D(2008, 2, 28), D(2026, 2, 28), 18),
        (D(2008, 2, 28), D(2028, 2, 28), 20),
        (D(2008, 3, 1), D(2026, 2, 28), 17),
        (D(2008, 3, 1), D(2026, 3, 1), 18),
        (D(2008, 3, 1), D(2028, 2, 29), 19),
        (D(2008, 3, 1), D(2028, 3, 1), 20),
    ],
)
def test_completed_years_days_next_to_29_february(
    birth_date: dt.date, on: dt.date, expected: int
) -> None:
    assert completed_years(birth_date, on) == expected


def test_completed_years_counts_up_by_one_on_each_birthday() -> None:
    birth_date = D(2008, 2, 29)
    previous = completed_years(birth_date, birth_date)
    day = birth_date
    while day < D(2030, 1, 1):
        day += dt.timedelta(days=1)
        age = completed_years(birth_date, day)
        assert age in (previous, previous + 1)
        if age == previous + 1:
            expected_birthday = (2, 29) if day.year % 4 == 0 else (2, 28)
            assert (day.month, day.day) == expected_birthday
        previous = age
    assert previous == 21


def test_completed_years_is_exported_from_the_package() -> None:
    assert exported_completed_years is completed_years


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (D(2020, 5, 10), 1, D(2021, 5, 10)),
        (D(2025, 12, 31), 1, D(2026, 12, 31)),
        (D(2023, 2, 28), 1, D(2024, 2, 28)),
        (D(2024, 3, 1), 1, D(2025, 3, 1)),
        (D(2024, 2, 29), 0, D(2024, 2, 29)),
        # 29 February becomes 28 February in a common year.
        (D(2024, 2, 29), 1, D(2025, 2, 28)),
        (D(2024, 2, 29), 2, D(2026, 2, 28)),
        (D(2024, 2, 29), 4, D(2028, 2, 29)),
        (D(2096, 2, 29), 4, D(2100, 2, 28)),
        (D(2024, 2, 29), -1, D(2023, 2, 28)),
        (D(2025, 7, 1), -1, D(2024, 7, 1)),
    ],
)
def test_add_years(day: dt.date, years: int, expected: dt.date) -> None:
    assert add_years(day, years) == expected
