from __future__ import annotations

import pytest

from insatser_api.records.identity_scan import contains_identity_number


@pytest.mark.parametrize(
    "text",
    [
        "Samtal med 19851231-1237 om stöd.",
        "pnr 851231-1237",
        "pnr 8512311237.",
        "198512311237",
        "851231+1237",
        "851231 1237",
        "Samordningsnummer 850191-1234",  # day 91 = 31 + 60
        "851231-1238 (fel kontrollsiffra, pekar ändå ut en person)",
        "x19851231-1237x",
    ],
)
def test_finds_identity_numbers(text: str) -> None:
    assert contains_identity_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "Allmän information om stöd vid spelproblem.",
        "Mötet 2026-11-20 kl 13.00 i rum 4.",
        "Ärende 12345.",
        "Kontonummer 123456789012345",  # longer digit run
        "851331-1234",  # month 13
        "851200-1234",  # day 0
        "851232-1234",  # day 32, not samordning either
        "",
    ],
)
def test_leaves_other_text_alone(text: str) -> None:
    assert not contains_identity_number(text)
