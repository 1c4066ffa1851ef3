"""Numbers in a normalised text: personnummer and samordningsnummer, phone numbers, dates.

A number is a run of digits with up to three separator characters between digit groups, so
`76.09.21-5129`, `1976-09-21-5129`, `7 6 0 9 2 1 5 1 2 9` and `750314:4045` are each one
run. Letters end a run (except `O`/`o` and `l`/`I` between digits, read as 0 and 1).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from insatser_api.security.identity.kinds import IdentityKind

# A comma joins digits only without a space after it: "20 min, 2 deltagare" is a list.
_RUN = re.compile(r"\+?\d(?:(?:[ \-./_:+'()]|,(?! )){0,3}\d)*")
_GROUP = re.compile(r"\d+")
_SANDWICHED_LOOKALIKE = re.compile(r"(?<=\d)[OolI]+(?=\d)")
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
_SAMORDNING_DAY_OFFSET = 60
_CENTURIES = ("18", "19", "20")
# Dates at most this far back, or up to a year ahead, are taken as when something happens
# (the next meeting); older full dates in an advisory text are taken as birth dates.
RECENT_YEARS = 2


@dataclass(frozen=True, slots=True)
class Run:
    start: int
    end: int
    text: str
    groups: tuple[str, ...]
    separators: tuple[str, ...]  # between consecutive groups

    @property
    def digits(self) -> str:
        return "".join(self.groups)


def runs(text: str) -> Iterator[Run]:
    """Every run of digits; the positions are those of `text` (a look-alike letter between
    two digits is replaced one for one)."""
    text = _SANDWICHED_LOOKALIKE.sub(lambda match: match[0].translate(_LOOKALIKE), text)
    for match in _RUN.finditer(text):
        raw = match[0]
        groups = list(_GROUP.finditer(raw))
        separators = tuple(raw[a.end() : b.start()] for a, b in itertools.pairwise(groups))
        yield Run(match.start(), match.end(), raw, tuple(g[0] for g in groups), separators)


def plausible_date_part(yymmdd: str) -> bool:
    """Month 1–12 and day 1–31, or 61–91 for a samordningsnummer. The check digit is not
    required: a mistyped personnummer still points at a person (catalogue tolkning)."""
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    if day > _SAMORDNING_DAY_OFFSET:
        day -= _SAMORDNING_DAY_OFFSET
    return 1 <= month <= 12 and 1 <= day <= 31


def _identity_number_in(digits: str) -> bool:
    for start in range(len(digits) - 9):
        twelve = len(digits) - start >= 12 and digits[start : start + 2] in _CENTURIES
        if twelve and plausible_date_part(digits[start + 2 : start + 8]):
            return True
        if plausible_date_part(digits[start : start + 6]):
            return True
    return False


def _ends_with_a_time(run: Run) -> bool:
    """`2026-11-20 14:30`: the last two groups are hours and minutes, not the last four."""
    if len(run.groups) < 3 or len(run.groups[-1]) != 2 or len(run.groups[-2]) != 2:
        return False
    hours, minutes = int(run.groups[-2]), int(run.groups[-1])
    return run.separators[-1].strip() in {":", "."} and hours < 24 and minutes < 60


def _written_like_an_identity_number(run: Run) -> bool:
    """ÅÅMMDD-NNNN or ÅÅÅÅMMDD-NNNN (any separator), or the digits in one piece."""
    lengths = tuple(len(group) for group in run.groups)
    return lengths in {(6, 4), (8, 4)} or (len(lengths) == 1 and lengths[0] in (10, 12))


def _is_phone_number(run: Run) -> bool:
    digits = run.digits
    if len(digits) < 7 or not (run.text.startswith("+") or digits.startswith("0")):
        return False
    # Imported on first use: a worker starts without its metadata, most requests never need it.
    import phonenumbers

    candidate = ("+" if run.text.startswith("+") else "") + digits
    try:
        number = phonenumbers.parse(candidate, "SE")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def identity_number_or_phone(run: Run) -> IdentityKind | None:
    identity = len(run.digits) >= 10 and not _ends_with_a_time(run)
    identity = identity and _identity_number_in(run.digits)
    written_as_identity = _written_like_an_identity_number(run)
    if identity and written_as_identity and not run.digits.startswith("0"):
        return IdentityKind.PERSONNUMMER
    if _is_phone_number(run):
        return IdentityKind.PHONE_NUMBER
    return IdentityKind.PERSONNUMMER if identity else None


def date_in(run: Run) -> dt.date | None:
    """A full date written with digits: ÅÅÅÅ-MM-DD, DD/MM/ÅÅÅÅ, DD.MM.ÅÅ, ÅÅÅÅMMDD, ÅÅMMDD."""
    groups = run.groups
    for index in range(len(groups)):
        found = _date_at(groups[index : index + 3], run.separators[index : index + 2])
        if found is not None:
            return found
    return None


# Between a date's parts: the same `-`, `.` or `/` twice (spaces around allowed); with a
# four-digit year also spaces (21 9 1976, 21/9 1976); never a comma (`kl 9.05, 12 min`).
_DATE_SEPARATORS = frozenset({"-", ".", "/"})


def _separated_like_a_date(separators: tuple[str, ...], four_digit_year: bool) -> bool:
    marks = {separator.strip() for separator in separators}
    if four_digit_year:
        marks.discard("")
        return len(marks) <= 1 and marks <= _DATE_SEPARATORS
    return len(marks) == 1 and marks <= _DATE_SEPARATORS


def _date_at(groups: tuple[str, ...], separators: tuple[str, ...]) -> dt.date | None:
    lengths = tuple(len(group) for group in groups)
    if lengths[:1] == (8,):
        return _date(groups[0][:4], groups[0][4:6], groups[0][6:])
    if lengths[:1] == (6,):
        return _date(century(groups[0][:2]), groups[0][2:4], groups[0][4:])
    if len(groups) < 3 or not _separated_like_a_date(separators, 4 in (lengths[0], lengths[2])):
        return None
    year_first = lengths[0] == 4 and 1 <= lengths[1] <= 2 and 1 <= lengths[2] <= 2
    if year_first:
        return _date(groups[0], groups[1], groups[2])
    if 1 <= lengths[0] <= 2 and 1 <= lengths[1] <= 2 and lengths[2] in (2, 4):
        year = groups[2] if lengths[2] == 4 else century(groups[2])
        return _date(year, groups[1], groups[0])
    return None


def century(yy: str) -> str:
    this_year = dt.date.today().year
    return f"{(this_year // 100) - (1 if int(yy) > this_year % 100 + 1 else 0)}{yy}"


def _date(year: str, month: str, day: str) -> dt.date | None:
    try:
        found = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if 1900 <= found.year <= dt.date.today().year + 1 else None


def is_recent(day: dt.date, today: dt.date) -> bool:
    return (
        today.replace(year=today.year - RECENT_YEARS, day=1)
        <= day
        <= today.replace(year=today.year + 1, day=1)
    )
