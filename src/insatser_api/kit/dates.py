"""Dates as the API speaks them: ISO 8601 strings only, "today" in Europe/Stockholm."""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# A fixed "today" for integrators' tests (`insatser_api.testing`); the settings refuse it in
# production. Read from the environment so that every worker of a server sees the same day.
FIXED_TODAY_VARIABLE = "INSATSER_TODAY"


@lru_cache(maxsize=1)
def _fixed_today() -> dt.date | None:
    value = os.environ.get(FIXED_TODAY_VARIABLE, "").strip()
    return dt.date.fromisoformat(value) if value else None


def today_in_stockholm() -> dt.date:
    return _fixed_today() or dt.datetime.now(STOCKHOLM).date()


def _iso_date_only(value: Any) -> Any:
    # Pydantic would also take a Unix timestamp or a datetime string; a date here is always
    # written YYYY-MM-DD, anything else is bad input rather than a guess.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    raise ValueError("ska vara ett datum i formatet ÅÅÅÅ-MM-DD")


IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date_only),
    WithJsonSchema({"type": "string", "format": "date", "example": "2026-11-23"}),
]


# The last day the rules are asked to compute from: they step days forward from a date (the next
# vardag after Akutboendet's first night, periods after an ended insats), and Python's calendar
# ends at 9999-12-31. A millennium of margin, and no real request comes near it.
LAST_CALENDAR_DAY = dt.date(9000, 12, 31)


def _within_calendar(value: dt.date) -> dt.date:
    if value > LAST_CALENDAR_DAY:
        raise PydanticCustomError(
            "date_out_of_range", f"Ska vara senast {LAST_CALENDAR_DAY.isoformat()}."
        )
    return value


# A date the rules compute from (eligibility requests): an IsoDate no later than 9000-12-31.
CalendarDate = Annotated[IsoDate, AfterValidator(_within_calendar)]
