"""Swedish texts for every pydantic error type: what a 422 body and `catalog validate` say.

pydantic writes English ("Input should be less than or equal to 130"); a person reading an
error from this API reads Swedish (api.md, "Every text a person reads is Swedish"). Every type
in `pydantic_core.core_schema.ErrorType` has a text here, so a new kind of field never lets
English through; a type pydantic adds later falls back to a neutral Swedish text.

The input is never part of a message: it is the caller's data and may hold a personnummer.
Only context that comes from the schema (a limit, the allowed values) is filled in. Context a
parser derives from the input (`error` of date or UUID parsing, the `tag` of a union) is not
used, because it can quote the input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

FALLBACK = "Ogiltigt värde."

_DATE = "Ska vara ett datum i formatet ÅÅÅÅ-MM-DD."
_DATETIME = "Ska vara en tidpunkt i formatet ÅÅÅÅ-MM-DDTtt:mm:ss."
_OBJECT = "Ska vara ett objekt."
_INTEGER = "Ska vara ett heltal."
_NUMBER = "Ska vara ett tal."
_ARGUMENT = "Felaktiga argument."

# Texts that need no context. Sorted as pydantic's ErrorType list, to compare them side by side.
_PLAIN: dict[str, str] = {
    "no_such_attribute": "Okänt attribut.",
    "json_invalid": "Ogiltig JSON.",
    "json_type": "Ska vara JSON-text.",
    "needs_python_object": "Värdet kan inte anges i JSON.",
    "recursion_loop": "Värdet hänvisar till sig självt.",
    "recursion_depth_exceeded": "Värdet är för djupt nästlat.",
    "missing": "Uppgiften saknas.",
    "frozen_field": "Fältet får inte ändras.",
    "frozen_instance": "Objektet får inte ändras.",
    "extra_forbidden": "Okänt fält.",
    "invalid_key": "Nycklar ska vara textsträngar.",
    "get_attribute_error": "Värdet kunde inte läsas.",
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dataclass_type": _OBJECT,
    "dataclass_exact_type": _OBJECT,
    "named_tuple_type": "Ska vara en lista eller ett objekt.",
    "default_factory_not_called": "Kunde inte fyllas i eftersom ett annat fält är fel.",
    "none_required": "Ska vara null.",
    "finite_number": "Ska vara ett ändligt tal.",
    "iterable_type": "Ska vara en lista.",
    "iteration_error": "Listan kunde inte läsas.",
    "string_type": "Ska vara en textsträng.",
    "string_unicode": "Ska vara en textsträng i UTF-8.",
    "string_pattern_mismatch": "Har fel format.",
    "string_not_ascii": "Får bara innehålla ASCII-tecken.",
    "dict_type": _OBJECT,
    "frozen_dict_type": _OBJECT,
    "ordered_dict_type": _OBJECT,
    "counter_type": _OBJECT,
    "mapping_type": _OBJECT,
    "list_type": "Ska vara en lista.",
    "deque_type": "Ska vara en lista.",
    "tuple_type": "Ska vara en lista.",
    "set_type": "Ska vara en lista.",
    "set_item_not_hashable": "Listan innehåller värden som inte kan jämföras.",
    "bool_type": "Ska vara true eller false.",
    "bool_parsing": "Ska vara true eller false.",
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_parsing_size": "Talet är för stort.",
    "int_from_float": "Ska vara ett heltal, utan decimaler.",
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "bytes_type": "Ska vara en textsträng.",
    "bytes_invalid_encoding": "Har fel teckenkodning.",
    "missing_sentinel_error": FALLBACK,
    "ellipsis_error": FALLBACK,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": "Ska vara ett datum utan klockslag.",
    "date_past": "Ska vara ett datum före i dag.",
    "date_future": "Ska vara ett datum efter i dag.",
    "time_type": "Ska vara ett klockslag i formatet tt:mm:ss.",
    "time_parsing": "Ska vara ett klockslag i formatet tt:mm:ss.",
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_object_invalid": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_past": "Ska vara en tidpunkt före nu.",
    "datetime_future": "Ska vara en tidpunkt efter nu.",
    "timezone_naive": "Får inte ange tidszon.",
    "timezone_aware": "Ska ange tidszon.",
    "time_delta_type": "Ska vara en tidslängd.",
    "time_delta_parsing": "Ska vara en tidslängd.",
    "frozen_set_type": "Ska vara en lista.",
    "is_instance_of": "Har fel typ.",
    "is_subclass_of": "Har fel typ.",
    "callable_type": "Har fel typ.",
    "union_tag_not_found": "Saknar fältet som anger slaget.",
    "arguments_type": _ARGUMENT,
    "missing_argument": "Uppgiften saknas.",
    "unexpected_keyword_argument": "Okänt fält.",
    "missing_keyword_only_argument": "Uppgiften saknas.",
    "unexpected_positional_argument": _ARGUMENT,
    "missing_positional_only_argument": "Uppgiften saknas.",
    "multiple_argument_values": "Uppgiften är angiven flera gånger.",
    "url_type": "Ska vara en webbadress.",
    "url_parsing": "Ska vara en webbadress.",
    "url_syntax_violation": "Ska vara en webbadress.",
    "uuid_type": "Ska vara ett UUID.",
    "uuid_parsing": "Ska vara ett UUID.",
    "decimal_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "fraction_type": _NUMBER,
    "fraction_parsing": _NUMBER,
    "complex_type": _NUMBER,
    "complex_str_parsing": _NUMBER,
}

# Texts that name a limit from the schema; `{}` is the context value named beside it.
_WITH_LIMIT: dict[str, tuple[str, str, str]] = {
    # type: (context key, text with the limit, text if the context is missing)
    "greater_than": ("gt", "Ska vara större än {}.", "Är för litet."),
    "greater_than_equal": ("ge", "Får vara lägst {}.", "Är för litet."),
    "less_than": ("lt", "Ska vara mindre än {}.", "Är för stort."),
    "less_than_equal": ("le", "Får vara högst {}.", "Är för stort."),
    "multiple_of": ("multiple_of", "Ska vara en multipel av {}.", "Har fel värde."),
    "string_too_short": ("min_length", "Ska ha minst {} tecken.", "Är för kort."),
    "string_too_long": ("max_length", "Får ha högst {} tecken.", "Är för lång."),
    "too_short": ("min_length", "Ska ha minst {} element.", "Har för få element."),
    "too_long": ("max_length", "Får ha högst {} element.", "Har för många element."),
    "bytes_too_short": ("min_length", "Ska ha minst {} byte.", "Är för kort."),
    "bytes_too_long": ("max_length", "Får ha högst {} byte.", "Är för lång."),
    "url_too_long": ("max_length", "Får ha högst {} tecken.", "Är för lång."),
    "uuid_version": ("expected_version", "Ska vara ett UUID av version {}.", "Ska vara ett UUID."),
    "decimal_max_digits": ("max_digits", "Får ha högst {} siffror.", "Har för många siffror."),
    "decimal_max_places": (
        "decimal_places",
        "Får ha högst {} decimaler.",
        "Har för många decimaler.",
    ),
    "decimal_whole_digits": (
        "whole_digits",
        "Får ha högst {} siffror före decimaltecknet.",
        "Har för många siffror.",
    ),
    "timezone_offset": (
        "tz_expected",
        "Ska ha tidszonsförskjutningen {} sekunder.",
        "Fel tidszon.",
    ),
}

# Texts that list allowed values from the schema (pydantic joins them with "or").
_WITH_CHOICES: dict[str, tuple[str, str, str]] = {
    "enum": ("expected", "Ska vara ett av värdena {}.", "Är inte ett av de tillåtna värdena."),
    "literal_error": (
        "expected",
        "Ska vara ett av värdena {}.",
        "Är inte ett av de tillåtna värdena.",
    ),
    "union_tag_invalid": (
        "expected_tags",
        "Okänt slag; tillåtna är {}.",
        "Okänt slag.",
    ),
    "url_scheme": ("expected_schemes", "Ska börja med {}.", "Ska vara en webbadress."),
}

# Our own validators (`ValueError("...")`) already speak Swedish; pydantic prefixes them.
_OWN_PREFIXES = ("Value error, ", "Assertion failed, ")

KNOWN_TYPES = (
    frozenset(_PLAIN)
    | frozenset(_WITH_LIMIT)
    | frozenset(_WITH_CHOICES)
    | {
        "value_error",
        "assertion_error",
    }
)


def swedish_message(error: Mapping[str, Any]) -> str:
    """The Swedish text for one pydantic error (an item of `ValidationError.errors()`)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        return _own_message(ctx.get("error"), str(error.get("msg", "")))
    plain = _PLAIN.get(kind)
    if plain is not None:
        return plain
    limit = _WITH_LIMIT.get(kind)
    if limit is not None:
        key, text, without = limit
        value = ctx.get(key)
        return text.format(_number(value)) if value is not None else without
    choices = _WITH_CHOICES.get(kind)
    if choices is not None:
        key, text, without = choices
        value = ctx.get(key)
        return text.format(_choices(str(value))) if value is not None else without
    return FALLBACK


def _own_message(raised: object, msg: str) -> str:
    text = str(raised) if raised is not None else msg
    for prefix in _OWN_PREFIXES:
        text = text.removeprefix(prefix)
    text = text.strip()
    if not text:
        return FALLBACK
    first = text.split(" ", 1)[0]
    if "_" not in first:  # a field name such as min_age keeps its spelling
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _number(value: object) -> str:
    # A float limit is written with a decimal comma, as Swedish does.
    if isinstance(value, float):
        return (f"{value:g}").replace(".", ",")
    return str(value)


_OR = re.compile(r"\s+or\s+")


def _choices(expected: str) -> str:
    return _OR.sub(" eller ", expected)
