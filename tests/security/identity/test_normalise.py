"""One reading of a text before any check: every digit, dash, space and invisible character."""

from __future__ import annotations

import pytest

from insatser_api.security.identity import normalise


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("７６０９２１", "760921"),  # fullwidth
        ("٧٦٠٩٢١", "760921"),  # Arabic-Indic
        ("۷۶۰۹۲۱", "760921"),  # Extended Arabic-Indic (Persian)
        ("৭৬০৯২১", "760921"),  # Bengali
        ("⁷⁶⁰⁹²¹", "760921"),  # superscript
        ("⑦⑥⓪⑨②①", "760921"),  # circled
        ("76\u200b09\u200c21\u200d", "760921"),  # zero-width space, non-joiner, joiner
        ("76\u2060\ufeff09\u00ad21", "760921"),  # word joiner, BOM, soft hyphen
        ("76\u00a009\u202f21\u2009", "76 09 21 "),  # no-break, narrow and thin spaces
        ("1\u20132\u20143\u22124\u20115", "1-2-3-4-5"),  # en, em, minus, non-breaking hyphen
        ("kalle＠example.se", "kalle@example.se"),
        ("Rådgivning, 20 min.", "Rådgivning, 20 min."),
    ],
)
def test_normalise(written: str, read: str) -> None:
    assert normalise(written) == read


def test_control_characters_become_spaces_but_lines_stay() -> None:
    assert normalise("a\x00b\nc\td") == "a b\nc\td"
