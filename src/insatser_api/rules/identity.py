"""Swedish personnummer and samordningsnummer: format, check digit, birth date.

The check digit is Luhn's (python-stdnum). The century of a 10-digit number is judged against
the year of the prövningsdag (`as_of`), not against the clock: `+` is written from the year in
which the person turns 100 (folkbokföringslagen 18 §, rules.md Edge decisions).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from stdnum import luhn

_PATTERN = re.compile(
    r"^(?P<century>\d{2})?(?P<yy>\d{2})(?P<mm>\d{2})(?P<dd>\d{2})(?P<sep>[-+])?(?P<tail>\d{4})$",
    re.ASCII,  # \d would also take other scripts' digits
)
_SAMORDNING_DAY_OFFSET = 60


class IdentityNumberError(ValueError):
    """A personnummer that cannot be used. The message never repeats the number."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class IdentityNumber:
    birth_date: dt.date
    is_samordningsnummer: bool


def parse_identity_number(text: str, as_of: dt.date) -> IdentityNumber:
    """Validate a personnummer or samordningsnummer and derive the birth date."""
    match = _PATTERN.match(text.strip())
    if match is None:
        raise IdentityNumberError(
            "invalid_format",
            "Personnumret ska ha 10 eller 12 siffror (ÅÅMMDD-NNNN eller ÅÅÅÅMMDDNNNN).",
        )
    yy, mm, dd, tail = match["yy"], match["mm"], match["dd"], match["tail"]
    if not luhn.is_valid(yy + mm + dd + tail):
        raise IdentityNumberError(
            "invalid_check_digit", "Personnumrets kontrollsiffra stämmer inte."
        )
    day = int(dd)
    is_samordning = day > _SAMORDNING_DAY_OFFSET
    if is_samordning:
        day -= _SAMORDNING_DAY_OFFSET
    if match["century"] is not None:
        birth_date = _date_or_error(int(match["century"] + yy), int(mm), day)
    else:
        birth_date = _from_short_form(int(yy), int(mm), day, match["sep"] == "+", as_of)
    if birth_date > as_of:
        raise IdentityNumberError(
            "birth_date_in_future", "Födelsedatumet i personnumret ligger efter prövningsdagen."
        )
    return IdentityNumber(birth_date, is_samordning)


def _from_short_form(
    yy: int, month: int, day: int, is_centenarian: bool, as_of: dt.date
) -> dt.date:
    """The birth date of a 10-digit number, judged by the year of the prövningsdag as
    folkbokföringslagen (1991:481) 18 § writes it: the `-` becomes `+` from the year in which
    the person turns 100. So `-` (or none) is a birth year in as_of.year − 99 … as_of.year, and
    `+` one in as_of.year − 199 … as_of.year − 100 (rules.md, Edge decisions). A `-` number whose
    date lies later in the prövningsdag's year is a birth date in the future: bad input."""
    year = as_of.year - (as_of.year - yy) % 100
    if is_centenarian:
        year -= 100
    return _date_or_error(year, month, day)


def _date_or_error(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise IdentityNumberError(
            "invalid_date", "Personnumrets datumdel är inte ett giltigt datum."
        ) from None
