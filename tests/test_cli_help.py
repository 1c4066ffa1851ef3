"""The command line's own help texts are Swedish: every command and every option says what it
does in the language of the people who run it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import typer.main

from insatser_api.cli import app

# Options the framework adds itself; their texts belong to typer, not to this project.
FRAMEWORK_OPTIONS = {"help", "install_completion", "show_completion"}
# Common English words of help texts; none is a Swedish word.
ENGLISH = {
    "the", "and", "with", "from", "into", "show", "write", "start", "read", "validate",
    "create", "revoke", "list", "keys", "file", "files", "exit", "print", "judge", "migrate",
    "database", "newest", "default", "catalogue", "service", "differences",
    "precise", "message", "never", "themselves", "within", "needed", "accepted",
}  # fmt: skip


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    yield " ".join(("insatser-api", *path)), command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def _english(text: str) -> set[str]:
    # Whole words only: DATABASE_URL or a scope such as catalog:read is a name, not English.
    words = re.findall(r"(?<![\w:])[A-Za-z]+(?![\w:])", text)
    return {w.lower() for w in words if w.lower() in ENGLISH}


def test_every_command_and_option_is_described_in_swedish() -> None:
    found = list(_commands(typer.main.get_command(app)))
    assert len(found) >= 12  # the groups and their commands, keys and catalog included
    for name, command in found:
        assert command.help, name
        assert _english(command.help) == set(), (name, command.help)
        for parameter in command.params:
            if parameter.name in FRAMEWORK_OPTIONS:
                continue
            text = getattr(parameter, "help", None)
            assert text, (name, parameter.name)
            assert _english(text) == set(), (name, parameter.name, text)


def test_the_word_list_catches_english_help() -> None:
    assert _english("Validate catalogue files; exit 1 with a precise message") != set()
