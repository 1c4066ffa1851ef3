"""Every pydantic error type has a Swedish text that names the schema's limit, never the input."""

from __future__ import annotations

import pytest

from insatser_api.kit.messages_sv import FALLBACK, KNOWN_TYPES, swedish_message
from tests.kit.swedish import (
    ALL_ERROR_TYPES,
    EXAMPLE_CONTEXT,
    INPUT_MARK,
    english_in,
    english_message,
)


def _error(kind: str) -> dict[str, object]:
    return {"type": kind, "ctx": EXAMPLE_CONTEXT.get(kind), "msg": english_message(kind)}


def test_every_error_type_of_pydantic_has_its_own_text() -> None:
    # A pydantic upgrade that adds a type fails here, so its text is written, not defaulted.
    assert set(ALL_ERROR_TYPES) - KNOWN_TYPES == set()


@pytest.mark.parametrize("kind", ALL_ERROR_TYPES)
def test_each_text_is_swedish_and_never_quotes_the_input(kind: str) -> None:
    message = swedish_message(_error(kind))
    assert english_in(message) == set(), (kind, message)
    assert INPUT_MARK not in message
    assert message[0].isupper(), message
    assert message.endswith("."), message


def test_the_vocabulary_catches_pydantics_english() -> None:
    assert english_in("Input should be less than or equal to 130") >= {"input", "should"}
    assert english_in(english_message("string_too_long")) != set()


@pytest.mark.parametrize(
    ("kind", "ctx", "expected"),
    [
        ("less_than_equal", {"le": 130}, "Får vara högst 130."),
        ("greater_than_equal", {"ge": 0}, "Får vara lägst 0."),
        ("greater_than", {"gt": 0}, "Ska vara större än 0."),
        ("less_than", {"lt": 2.5}, "Ska vara mindre än 2,5."),
        ("string_too_long", {"max_length": 20}, "Får ha högst 20 tecken."),
        ("string_too_short", {"min_length": 1}, "Ska ha minst 1 tecken."),
        ("too_long", {"field_type": "List", "max_length": 100}, "Får ha högst 100 element."),
        ("too_short", {"field_type": "List", "min_length": 2}, "Ska ha minst 2 element."),
        (
            "enum",
            {"expected": "'individual', 'advisory' or 'deidentified'"},
            "Ska vara ett av värdena 'individual', 'advisory' eller 'deidentified'.",
        ),
        (
            "union_tag_invalid",
            {"discriminator": "'kind'", "tag": "ålder", "expected_tags": "'age', 'kommun'"},
            "Okänt slag; tillåtna är 'age', 'kommun'.",
        ),
    ],
)
def test_a_limit_from_the_schema_is_named(kind: str, ctx: dict[str, object], expected: str) -> None:
    assert swedish_message({"type": kind, "ctx": ctx}) == expected


def test_without_context_the_text_is_still_swedish() -> None:
    # The documented shape of a lean route before it kept the context: never "None" or "{}".
    assert swedish_message({"type": "less_than_equal"}) == "Är för stort."
    assert swedish_message({"type": "enum", "ctx": {}}) == "Är inte ett av de tillåtna värdena."


def test_our_own_validator_texts_are_kept_and_made_a_sentence() -> None:
    raised = ValueError("ange insats_id eller enhet")
    assert swedish_message({"type": "value_error", "ctx": {"error": raised}}) == (
        "Ange insats_id eller enhet."
    )
    assert swedish_message(
        {"type": "value_error", "msg": "Value error, ska vara ett datum i formatet ÅÅÅÅ-MM-DD"}
    ) == ("Ska vara ett datum i formatet ÅÅÅÅ-MM-DD.")


def test_an_unknown_type_gets_a_neutral_swedish_text() -> None:
    assert swedish_message({"type": "something_new", "msg": "Something new went wrong"}) == (
        FALLBACK
    )
