"""Dates as the API speaks them: ISO 8601 strings only, "today" in Europe/Stockholm."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, WithJsonSchema

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def today_in_stockholm() -> dt.date:
    return dt.datetime.now(STOCKHOLM).date()


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
