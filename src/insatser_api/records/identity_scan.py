"""Finding identity numbers in free text, for the modes that may not document identity.

A number counts when it has the shape of a personnummer or samordningsnummer (6 or 8 digits,
an optional `-`, `+` or space, 4 digits) and its date part is a plausible month and day (a
samordningsnummer adds 60 to the day). The check digit is deliberately not required: a
mistyped personnummer still points at a person (tolkning recorded in the catalogue).
"""

from __future__ import annotations

import re

_CANDIDATE = re.compile(r"(?<!\d)(\d{6}|\d{8})[-+ ]?(\d{4})(?!\d)", re.ASCII)
_SAMORDNING_DAY_OFFSET = 60


def _plausible_date(digits: str) -> bool:
    month, day = int(digits[-4:-2]), int(digits[-2:])
    if day > _SAMORDNING_DAY_OFFSET:
        day -= _SAMORDNING_DAY_OFFSET
    return 1 <= month <= 12 and 1 <= day <= 31


def contains_identity_number(text: str) -> bool:
    return any(_plausible_date(match[1]) for match in _CANDIDATE.finditer(text))
