"""Age in completed years."""

import calendar
import datetime as dt


def completed_years(birth_date: dt.date, on: dt.date) -> int:
    """Completed years on `on`.

    Someone born 29 February turns a year older on 28 February in years without one, by analogy
    with lag (1930:173) om beräkning av lagstadgad tid 1 § (rules.md, Age).
    """
    birthday = (birth_date.month, birth_date.day)
    if birthday == (2, 29) and not calendar.isleap(on.year):
        birthday = (2, 28)
    years = on.year - birth_date.year
    if (on.month, on.day) < birthday:
        years -= 1
    return years


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
