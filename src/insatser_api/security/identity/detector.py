"""All detectors over one normalised text, naming the kinds of identity found (never where or
what: a caller's error message must not echo the match)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

from insatser_api.kit.dates import today_in_stockholm
from insatser_api.security.identity import numbers, patterns
from insatser_api.security.identity.kinds import IdentityKind
from insatser_api.security.identity.names import name_spans
from insatser_api.security.identity.normalise import normalise

Kind = IdentityKind
# Refused in the free text of a 14 kap. 4 or 5 § record: a recent date (the next meeting) is
# not identity, every other kind is.
TEXT_KINDS = frozenset(Kind) - {Kind.DATE}
# Replaced in a caller's X-Request-ID: any number that is, or holds, a personnummer, a phone
# number or a date. (E-mail and addresses cannot pass its character set; names are not looked for.)
REQUEST_ID_KINDS = frozenset({Kind.PERSONNUMMER, Kind.PHONE_NUMBER, Kind.BIRTH_DATE, Kind.DATE})
_WORD_KINDS = frozenset({Kind.EMAIL, Kind.ADDRESS, Kind.NAME})


def find_identity(
    text: str, kinds: Collection[IdentityKind] = TEXT_KINDS, today: dt.date | None = None
) -> list[IdentityKind]:
    """The kinds of identity in `text` among `kinds`, in the order of `IdentityKind`."""
    text = normalise(text)
    today = today or today_in_stockholm()
    found: set[IdentityKind] = set()
    if _WORD_KINDS & set(kinds):
        found |= _in_words(text)
    found |= _in_numbers(text, today)
    return [kind for kind in Kind if kind in found and kind in kinds]


def _in_words(text: str) -> set[IdentityKind]:
    found = set()
    if patterns.EMAIL.search(text):
        found.add(Kind.EMAIL)
    if patterns.STREET.search(text) or patterns.POSTCODE.search(text):
        found.add(Kind.ADDRESS)
    if next(name_spans(text), None) is not None:
        found.add(Kind.NAME)
    return found


def _in_numbers(text: str, today: dt.date) -> set[IdentityKind]:
    found = set()
    if patterns.LAST_FOUR.search(text):
        found.add(Kind.PERSONNUMMER)
    if patterns.BIRTH_CUE.search(text):
        found.add(Kind.BIRTH_DATE)
    for match in patterns.DATE_IN_WORDS.finditer(text):
        day = _date_in_words(match)
        if day is not None:
            found.add(Kind.DATE if numbers.is_recent(day, today) else Kind.BIRTH_DATE)
    for run in numbers.runs(text):
        kind = numbers.identity_number_or_phone(run)
        if kind is not None:
            found.add(kind)
            continue
        day = numbers.date_in(run)
        if day is not None:
            found.add(Kind.DATE if numbers.is_recent(day, today) else Kind.BIRTH_DATE)
    return found


def _date_in_words(match: re.Match[str]) -> dt.date | None:
    year = match.group("year")
    if len(year) == 2:
        year = numbers.century(year)
    month = patterns.MONTH_NUMBERS[match.group("month")[:3].casefold()]
    try:
        return dt.date(int(year), month, int(match.group("day")))
    except ValueError:
        return None
