"""Swedish vardagar (working days), for Akutboendet's "nästa vardag"."""

import datetime as dt
from functools import lru_cache

_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=256)
def _non_working_days(year: int) -> frozenset[dt.date]:
    # Imported on first use: only Akutboendet's stay limit asks, and the import is ~3 % of a start.
    import holidays

    # Lag (1930:173) 2 §: allmänna helgdagar, and midsommarafton, julafton and nyårsafton, which
    # `holidays` files under its "de_facto" category for Sweden.
    days = holidays.country_holidays(
        "SE", years=year, categories=("public", "de_facto"), include_sundays=False
    )
    return frozenset(days.keys())


def is_vardag(day: dt.date) -> bool:
    """Not a Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton."""
    return day.weekday() < 5 and day not in _non_working_days(day.year)


def next_vardag(day: dt.date) -> dt.date:
    """The first vardag strictly after `day` (rules.md, Edge decisions: Akutboendet)."""
    candidate = day + _ONE_DAY
    while not is_vardag(candidate):
        candidate += _ONE_DAY
    return candidate
