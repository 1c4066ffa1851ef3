"""Swedish texts for what `catalog validate` and loading a catalogue report.

The loader's faults come from three places that all speak English: the operating system, PyYAML
and pydantic. The people who read them edit the nämnd's catalogue, so they are said in Swedish,
with the file and the place in it kept as precise as before.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from typing import Any

import yaml

from insatser_api.kit.messages_sv import swedish_message


def field_message(error: Mapping[str, Any]) -> str:
    """A pydantic fault in a catalogue file, in Swedish."""
    message = swedish_message(error)
    pattern = (error.get("ctx") or {}).get("pattern")
    if error.get("type") == "string_pattern_mismatch" and pattern:
        # The API keeps its patterns to itself; whoever edits a catalogue needs to see it.
        message = f"{message.removesuffix('.')} (mönster {pattern})."
    return message


def os_reason(exc: OSError) -> str:
    """Why a file cannot be read; the operating system's own text is English."""
    reasons = {
        "ENOENT": "filen finns inte",
        "EACCES": "behörighet saknas",
        "EISDIR": "är en mapp",
    }
    name = errno.errorcode.get(exc.errno or 0, "")
    return reasons.get(name, f"fel från operativsystemet: {name or 'okänt'}")


# PyYAML's reasons are English; the ones a catalogue editor meets are said in Swedish, the rest
# as a plain syntax error. The line and column are what the editor needs most.
_YAML_PROBLEMS = (
    ("cannot start any token", "ett tecken som inte får inleda ett värde (t.ex. tabb)"),
    ("mapping values are not allowed", "kolon på fel ställe (citera texter som innehåller ': ')"),
    ("could not find expected ':'", "kolon saknas efter en nyckel"),
    ("expected <block end>", "fel indrag"),
    ("found unexpected end of stream", "filen tar slut mitt i ett värde"),
    ("expected ',' or ']'", "en lista [ … ] avslutas inte"),
    ("expected ',' or '}'", "en mappning { … } avslutas inte"),
    ("found undefined alias", "okänt alias (*namn)"),
    ("found duplicate anchor", "ankaret (&namn) finns redan"),
    ("while scanning a quoted scalar", "ett citattecken avslutas aldrig"),
)


def yaml_place(exc: yaml.YAMLError) -> str:
    """Where the YAML parser stopped and why, to follow "inte giltig YAML"."""
    problem = str(getattr(exc, "problem", "") or "")
    reason = next((sv for en, sv in _YAML_PROBLEMS if en in problem), None)
    if reason is None:
        reason = next((sv for en, sv in _YAML_PROBLEMS if en in str(exc)), "syntaxfel")
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return f": {reason}"
    return f" på rad {mark.line + 1}, kolumn {mark.column + 1}: {reason}"
