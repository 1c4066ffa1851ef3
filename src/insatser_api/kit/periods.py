"""`from`/`to` query parameters: a period of days, both ends included."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query

from insatser_api.kit.dates import IsoDate
from insatser_api.kit.errors import FieldError, InvalidRequest

FromQuery = Annotated[IsoDate | None, Query(alias="from", description="Från och med detta datum")]
ToQuery = Annotated[IsoDate | None, Query(alias="to", description="Till och med detta datum")]


def check_period(first: dt.date | None, last: dt.date | None) -> None:
    if first is not None and last is not None and first > last:
        raise InvalidRequest(
            "Perioden är tom: `to` ligger före `from`.",
            [
                FieldError(
                    field="to",
                    message="Ska vara samma dag som from eller senare.",
                    code="before_from",
                )
            ],
        )
