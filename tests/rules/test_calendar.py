"""Vardagar (lag 1930:173 2 §) and Akutboendet's "next vardag" (rules.md, Special entries)."""

from __future__ import annotations

import datetime as dt

import pytest

from insatser_api.rules.calendar import is_vardag, next_vardag

D = dt.date
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


@pytest.mark.parametrize(
    ("day", "weekday"),
    [
        (D(2026, 1, 9), FRIDAY),
        (D(2026, 4, 2), THURSDAY),
        (D(2026, 4, 3), FRIDAY),  # långfredagen
        (D(2026, 4, 6), MONDAY),  # annandag påsk
        (D(2026, 4, 7), TUESDAY),
        (D(2026, 5, 1), FRIDAY),
        (D(2026, 5, 14), THURSDAY),  # Kristi himmelsfärds dag
        (D(2026, 6, 19), FRIDAY),  # midsommarafton
        (D(2026, 6, 22), MONDAY),
        (D(2026, 12, 24), THURSDAY),
        (D(2026, 12, 28), MONDAY),
        (D(2026, 12, 31), THURSDAY),
        (D(2027, 1, 1), FRIDAY),
        (D(2027, 1, 4), MONDAY),
        (D(2027, 1, 6), WEDNESDAY),
        (D(2025, 6, 6), FRIDAY),
        (D(2025, 5, 1), THURSDAY),
    ],
)
def test_weekdays_the_other_tests_rely_on(day: dt.date, weekday: int) -> None:
    assert day.weekday() == weekday


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 1, 10),  # Saturday
        D(2026, 1, 11),  # Sunday
        D(2026, 1, 1),  # nyårsdagen
        D(2026, 1, 6),  # trettondedag jul
        D(2025, 4, 18),  # långfredagen
        D(2025, 4, 21),  # annandag påsk
        D(2026, 4, 3),  # långfredagen
        D(2026, 4, 4),  # påskafton (Saturday)
        D(2026, 4, 5),  # påskdagen
        D(2026, 4, 6),  # annandag påsk
        D(2025, 5, 1),  # första maj, a Thursday
        D(2026, 5, 1),  # första maj, a Friday
        D(2025, 5, 29),  # Kristi himmelsfärds dag
        D(2026, 5, 14),  # Kristi himmelsfärds dag
        D(2025, 6, 6),  # nationaldagen, a Friday
        D(2025, 6, 20),  # midsommarafton
        D(2026, 6, 19),  # midsommarafton
        D(2026, 6, 20),  # midsommardagen
        D(2025, 12, 24),  # julafton, a Wednesday
        D(2025, 12, 25),  # juldagen
        D(2025, 12, 26),  # annandag jul
        D(2025, 12, 31),  # nyårsafton, a Wednesday
        D(2026, 12, 24),  # julafton
        D(2026, 12, 25),  # juldagen
        D(2026, 12, 26),  # annandag jul (Saturday)
        D(2026, 12, 31),  # nyårsafton, a Thursday
        D(2027, 1, 1),  # nyårsdagen, a Friday
        D(2027, 1, 6),  # trettondedag jul, a Wednesday
    ],
)
def test_not_a_vardag(day: dt.date) -> None:
    assert is_vardag(day) is False


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 1, 5),  # trettondagsafton: an ordinary Monday
        D(2026, 1, 7),
        D(2026, 1, 9),
        D(2026, 4, 2),  # skärtorsdagen is a vardag
        D(2026, 4, 7),
        D(2026, 4, 30),  # valborgsmässoafton is a vardag
        D(2026, 5, 13),
        D(2026, 5, 15),  # the day after Kristi himmelsfärd
        D(2025, 6, 5),
        D(2025, 6, 9),
        D(2026, 6, 18),
        D(2026, 6, 22),
        D(2026, 10, 30),  # allhelgonaafton is not named in lag 1930:173 2 §
        D(2026, 12, 23),
        D(2026, 12, 28),
        D(2026, 12, 30),
        D(2027, 1, 4),
        D(2027, 1, 5),
        D(2027, 1, 7),
    ],
)
def test_is_a_vardag(day: dt.date) -> None:
    assert day.weekday() < SATURDAY
    assert is_vardag(day) is True


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 1, 9), D(2026, 1, 12)),  # Friday → Monday
        (D(2026, 1, 10), D(2026, 1, 12)),  # Saturday → Monday
        (D(2026, 1, 11), D(2026, 1, 12)),  # Sunday → Monday
        (D(2026, 1, 13), D(2026, 1, 14)),  # a vardag → strictly the next day
        (D(2026, 4, 2), D(2026, 4, 7)),  # before Easter
        (D(2026, 4, 3), D(2026, 4, 7)),
        (D(2026, 4, 30), D(2026, 5, 4)),  # första maj on a Friday
        (D(2025, 4, 30), D(2025, 5, 2)),  # första maj on a Thursday
        (D(2026, 5, 13), D(2026, 5, 15)),  # Kristi himmelsfärds dag
        (D(2025, 6, 5), D(2025, 6, 9)),  # nationaldagen on a Friday
        (D(2026, 6, 18), D(2026, 6, 22)),  # midsommarafton
        (D(2026, 6, 19), D(2026, 6, 22)),
        (D(2026, 12, 23), D(2026, 12, 28)),  # julafton, juldagen, annandag jul
        (D(2026, 12, 30), D(2027, 1, 4)),  # nyårsafton and nyårsdagen
        (D(2026, 12, 31), D(2027, 1, 4)),
        (D(2027, 1, 5), D(2027, 1, 7)),  # trettondedag jul
        (D(2025, 12, 23), D(2025, 12, 29)),
        (D(2025, 12, 30), D(2026, 1, 2)),
    ],
)
def test_next_vardag(day: dt.date, expected: dt.date) -> None:
    assert next_vardag(day) == expected
    assert expected.weekday() < SATURDAY


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028])
def test_next_vardag_is_the_first_vardag_strictly_after(year: int) -> None:
    day = D(year, 1, 1)
    while day.year == year:
        found = next_vardag(day)
        assert found > day
        assert is_vardag(found)
        between = day + dt.timedelta(days=1)
        while between < found:
            assert not is_vardag(between)
            between += dt.timedelta(days=1)
        # Never further than Christmas on a Wednesday: 23 December → 29 December.
        assert (found - day).days <= 6
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028])
def test_weekends_are_never_vardagar(year: int) -> None:
    day = D(year, 1, 1)
    while day.year == year:
        if day.weekday() >= SATURDAY:
            assert not is_vardag(day)
        day += dt.timedelta(days=1)
