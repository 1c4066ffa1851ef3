"""Log lines: a closed set of fields, and exceptions without their messages."""

from __future__ import annotations

import json
import logging
import sys

import pytest

from insatser_api.ops.logs import JsonFormatter, TextFormatter, configure_logging


def _record_with_exception(**extra: object) -> logging.LogRecord:
    try:
        raise ValueError("ogiltigt personnummer 200811222389")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("insatser_api.x", logging.ERROR, __file__, 1, "failed", (), exc_info)
    record.__dict__.update(extra)
    return record


def test_json_lines_carry_type_and_stack_not_the_message() -> None:
    line = json.loads(JsonFormatter().format(_record_with_exception(route="/v1/x")))
    assert line["exc_type"] == "ValueError"
    assert line["stack"][0].endswith("in _record_with_exception")
    assert line["route"] == "/v1/x"
    assert "200811222389" not in json.dumps(line)


def test_text_lines_carry_type_and_stack_not_the_message() -> None:
    text = TextFormatter().format(_record_with_exception(status=500))
    assert "ValueError" in text
    assert "status=500" in text
    assert "200811222389" not in text


def test_fields_outside_the_list_are_not_written() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", (), None)
    record.__dict__["authorization"] = "Bearer hemlig"
    assert "hemlig" not in JsonFormatter().format(record)


def test_configuring_twice_keeps_one_handler(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    try:
        configure_logging("WARNING", "json")
        configure_logging("INFO", "text")
        added = [h for h in root.handlers if h not in before]
        assert len(added) == 1
        assert isinstance(added[0].formatter, TextFormatter)
        assert root.level == logging.INFO
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
        root.setLevel(level)
