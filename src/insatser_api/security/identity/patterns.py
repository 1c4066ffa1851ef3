"""What words give away in a normalised text: e-mail addresses, street addresses and postcodes,
dates written with a month's name, and the cues "född …" and "sista fyra …"."""

from __future__ import annotations

import re

_LOCAL = r"[\w.+-]+"
_AT = r"(?:@|\s*[(\[{]\s*(?:at|snabel-?a)\s*[)\]}]\s*|\s+(?:at|snabel-?a)\s+)"
_DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|punkt)\s*[)\]}]\s*|\s+(?:dot|punkt)\s+)"
# karin.l@example.se, karin(at)example.se, karin snabel-a example punkt se
EMAIL = re.compile(rf"{_LOCAL}{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,12}}\b", re.IGNORECASE)

_STREET_SUFFIX = (
    r"(?:gatan|gata|vägen|väg|gränd|gränden|stigen|backen|allén|allé|torget|leden|"
    r"platsen|stråket|gården|liden|slingan|svängen)"
)
# Storgatan 12, Prästgatan 24 B, Kyrkvägen 5a; an apartment number (lgh 1102).
STREET = re.compile(
    rf"\b\w{{2,}}{_STREET_SUFFIX}\s+\d{{1,4}}(?:\s?[a-z]\b)?|\blgh\.?\s*(?:nr\.?\s*)?\d{{4}}\b",
    re.IGNORECASE,
)
# A postcode followed by a place, which must be written with its capital: 831 30 Östersund.
POSTCODE = re.compile(r"\b(?:SE-?\s?)?\d{3}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]{2,}")

_MONTHS = (
    r"(?:jan(?:uari)?|feb(?:ruari)?|mars?|apr(?:il)?|maj|juni?|juli?|aug(?:usti)?|"
    r"sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# 21 september 1976, 21:a sep -76, 3 mars 2026
DATE_IN_WORDS = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?::?[ae])?\.?\s*(?P<month>{_MONTHS})\.?\s*'?-?(?P<year>\d{{4}}|\d{{2}})\b",
    re.IGNORECASE,
)
# född 1976, f. 760921, född den 21/9, födelsedatum …, född i mars -76
BIRTH_CUE = re.compile(
    r"\b(?:född|födde|föddes|födelsedatum|födelsedag|födelseår|f\.|fd\.?)"
    r"(?:\s+(?:den|år|i|på|under|ca|cirka))*\s*(?:\w+\s+)?'?-?\d",
    re.IGNORECASE,
)
# "sista fyra 5129", "de fyra sista: 5129", "fyra sista siffrorna 5129"
LAST_FOUR = re.compile(
    r"\b(?:sista\s+(?:fyra|4)|(?:fyra|4)\s+sista)(?:\s+siffrorna)?\s*[:=]?\s*\d{4}\b",
    re.IGNORECASE,
)
