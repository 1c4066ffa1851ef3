"""One way to read a text before looking for identity in it.

A personnummer written in fullwidth, Arabic-Indic or superscript digits, with an en-dash, a
no-break space or a zero-width space inside, is the same personnummer: after `normalise` it is
written in ASCII digits, ASCII `-` and plain spaces, with the invisible characters gone.
"""

from __future__ import annotations

import unicodedata

# Dashes that NFKC leaves alone (category Pd covers the rest) and the minus sign.
_EXTRA_DASHES = frozenset("\u2212\u2043\ufe63")


def normalise(text: str) -> str:
    """NFKC (fullwidth, superscript and circled digits become ASCII digits; compatibility
    spaces become spaces), then every decimal digit of any script as its ASCII digit, every
    dash as `-`, every space or line separator as ` `, and format characters (zero-width
    space and joiners, soft hyphen, BOM, direction marks) removed."""
    folded = unicodedata.normalize("NFKC", text)
    if folded.isascii():
        return "".join(" " if ch < " " and ch not in "\n\t" else ch for ch in folded)
    return "".join(_character(ch) for ch in folded)


def _character(ch: str) -> str:
    if ch.isascii():
        return " " if ch < " " and ch not in "\n\t" else ch
    category = unicodedata.category(ch)
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    if category == "Cf":
        return ""
    if category.startswith("Z") or category == "Cc":
        return " "
    if category == "Pd" or ch in _EXTRA_DASHES:
        return "-"
    return ch
