"""The kinds of identity the detectors name. The values are the API's machine codes."""

from __future__ import annotations

from enum import StrEnum


class IdentityKind(StrEnum):
    PERSONNUMMER = "personnummer"  # personnummer or samordningsnummer, any written form
    BIRTH_DATE = "birth_date"
    DATE = "date"  # a recent date (when something happens); refused only in request ids
    EMAIL = "email"
    PHONE_NUMBER = "phone_number"
    ADDRESS = "address"
    NAME = "name"
