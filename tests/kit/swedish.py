"""What "Swedish, never pydantic's English" means in a test: no word of pydantic's own texts."""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic_core import PydanticKnownError
from pydantic_core.core_schema import ErrorType

ALL_ERROR_TYPES: tuple[str, ...] = typing.get_args(ErrorType)

# A context for each type that needs one, as pydantic fills it in. Values a parser derives from
# the input are marked with INPUT_MARK, so a test can see that none reaches a message.
INPUT_MARK = "199001011234"
EXAMPLE_CONTEXT: dict[str, dict[str, Any]] = {
    "no_such_attribute": {"attribute": INPUT_MARK},
    "json_invalid": {"error": f"expected value at line 1 column 1 {INPUT_MARK}"},
    "needs_python_object": {"method_name": "validate_json"},
    "get_attribute_error": {"error": INPUT_MARK},
    "model_type": {"class_name": "EligibilityRequest"},
    "dataclass_type": {"class_name": "Something"},
    "dataclass_exact_type": {"class_name": "Something"},
    "named_tuple_type": {"class_name": "Something"},
    "greater_than": {"gt": 0},
    "greater_than_equal": {"ge": 1},
    "less_than": {"lt": 10},
    "less_than_equal": {"le": 130},
    "multiple_of": {"multiple_of": 5},
    "too_short": {"field_type": "List", "min_length": 2, "actual_length": 1},
    "too_long": {"field_type": "List", "max_length": 100, "actual_length": 101},
    "iteration_error": {"error": INPUT_MARK},
    "string_too_short": {"min_length": 1},
    "string_too_long": {"max_length": 20},
    "string_pattern_mismatch": {"pattern": r"^\d{4}$"},
    "enum": {"expected": "'app', 'kundcenter' or 'telefon'"},
    "mapping_type": {"error": INPUT_MARK},
    "bytes_too_short": {"min_length": 1},
    "bytes_too_long": {"max_length": 10},
    "bytes_invalid_encoding": {"encoding": "utf-8", "encoding_error": INPUT_MARK},
    "value_error": {"error": ValueError("ska vara ett datum i formatet ÅÅÅÅ-MM-DD")},
    "assertion_error": {"error": AssertionError("ange insats_id eller enhet")},
    "literal_error": {"expected": "'applicant' or 'child'"},
    "date_parsing": {"error": f"input is too short {INPUT_MARK}"},
    "date_from_datetime_parsing": {"error": f"month value is outside expected range {INPUT_MARK}"},
    "time_parsing": {"error": INPUT_MARK},
    "datetime_parsing": {"error": INPUT_MARK},
    "datetime_object_invalid": {"error": INPUT_MARK},
    "datetime_from_date_parsing": {"error": INPUT_MARK},
    "timezone_offset": {"tz_expected": 3600, "tz_actual": 0},
    "time_delta_parsing": {"error": INPUT_MARK},
    "is_instance_of": {"class": "Something"},
    "is_subclass_of": {"class": "Something"},
    "union_tag_invalid": {
        "discriminator": "'kind'",
        "tag": INPUT_MARK,
        "expected_tags": "'age', 'kommun', 'fact'",
    },
    "union_tag_not_found": {"discriminator": "'kind'"},
    "url_parsing": {"error": INPUT_MARK},
    "url_syntax_violation": {"error": INPUT_MARK},
    "url_too_long": {"max_length": 2083},
    "url_scheme": {"expected_schemes": "'http' or 'https'"},
    "uuid_parsing": {"error": f"invalid character: found `{INPUT_MARK}` at 1"},
    "uuid_version": {"expected_version": 4},
    "decimal_max_digits": {"max_digits": 5},
    "decimal_max_places": {"decimal_places": 2},
    "decimal_whole_digits": {"whole_digits": 3},
}

# Words both languages write, or names a Swedish text uses on purpose.
_SHARED = {"json", "utf", "ascii", "uuid", "true", "false", "null", "format", "byte", "version"}
_SHARED |= {"argument"}
# Our own validators' texts are Swedish already; they are not pydantic's English.
_OWN = {"value_error", "assertion_error"}


def english_message(kind: str) -> str:
    return PydanticKnownError(kind, EXAMPLE_CONTEXT.get(kind)).message()  # type: ignore[arg-type]


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-zÅÄÖåäö_]{3,}", text)}


# Every word of pydantic's English texts (the schema's own values, such as 'kundcenter', left
# out): a Swedish message that holds one of them has let English through.
ENGLISH_WORDS = frozenset(
    word
    for kind in ALL_ERROR_TYPES
    if kind not in _OWN
    for word in _words(re.sub(r"'[^']*'|`[^`]*`", "", english_message(kind)))
    if word not in _SHARED
)


def english_in(message: str) -> set[str]:
    """The words of pydantic's English found in a message (empty: it is Swedish)."""
    return _words(re.sub(r"'[^']*'", "", message)) & ENGLISH_WORDS
