"""Dates as the API speaks them: ISO 8601 strings only, "today" in Europe/Stockholm."""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, WithJsonSchema

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
