"""The personal-data guard every API test runs under (issue 4: no personal data leaks).

Every test runs with all loggers at DEBUG. Afterwards no log record may hold a personnummer-
shaped string, nor any personnummer, birth date or journal text that the test sent through the
guarded clients; and no error response may hold them either. A test that leaks fails by itself.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

# 10 or 12 digits, with or without `-`/`+` before the last four (ÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN),
# standing alone: digits inside a longer word (a memory address `0x7f1284986250`, a hex id)
# are not a personnummer.
PERSONNUMMER_SHAPED = re.compile(
    r"(?<![0-9A-Za-z])(?:[0-9]{6}|[0-9]{8})[-+]?[0-9]{4}(?![0-9A-Za-z])"
)
# Request fields whose values are personal data (the journal's `text` included).
SENSITIVE_FIELDS = frozenset({"personnummer", "birth_date", "text"})
_MIN_TEXT_LENGTH = 8  # shorter journal texts would match by chance
# The test's own HTTP client logs the URLs it requests; those records are the caller's, not
# the service's, and a test may well send a personnummer in a path on purpose.
CLIENT_SIDE_LOGGERS = ("httpx", "httpcore")


@dataclass
class PersonalDataGuard:
    """Collects what the test sent; checks error bodies as they arrive and logs at the end."""

    sent: set[str] = field(default_factory=set)
    leaks: list[str] = field(default_factory=list)

    def remember_request(self, request: httpx.Request) -> None:
        self.sent.update(_values_in_query(request.url))
        if request.headers.get("content-type", "").startswith("application/json"):
            try:
                body = json.loads(request.content)
            except (ValueError, httpx.RequestNotRead):
                return
            self.sent.update(_sensitive_values(body))

    def check_text(self, where: str, text: str) -> None:
        if match := PERSONNUMMER_SHAPED.search(text):
            self.leaks.append(f"{where}: personnummer-shaped {match.group(0)!r}")
        for value in self.sent:
            if value in text:
                self.leaks.append(f"{where}: sent value {value!r}")

    async def check_response(self, response: httpx.Response) -> None:
        if response.status_code >= 400:
            await response.aread()
            self.check_text(
                f"{response.status_code} body of {response.request.url.path}", response.text
            )

    def check_records(self, records: Iterable[logging.LogRecord]) -> None:
        formatter = logging.Formatter("%(name)s %(message)s")
        for record in records:
            if record.name.split(".")[0] in CLIENT_SIDE_LOGGERS:
                continue
            self.check_text(f"log record of {record.name}", formatter.format(record))

    def event_hooks(self) -> dict[str, list[Any]]:
        async def on_request(request: httpx.Request) -> None:
            self.remember_request(request)

        return {"request": [on_request], "response": [self.check_response]}


def _sensitive_values(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in SENSITIVE_FIELDS and isinstance(value, str) and _worth_checking(key, value):
                yield value
            else:
                yield from _sensitive_values(value)
    elif isinstance(data, list):
        for item in data:
            yield from _sensitive_values(item)


def _worth_checking(key: str, value: str) -> bool:
    return key != "text" or len(value) >= _MIN_TEXT_LENGTH


def _values_in_query(url: httpx.URL) -> Iterator[str]:
    for key, value in url.params.multi_items():
        if key in SENSITIVE_FIELDS and _worth_checking(key, value):
            yield value


@contextmanager
def every_logger_at_debug(handler: logging.Handler) -> Iterator[None]:
    """Root and every named logger at DEBUG; loggers that do not propagate get the handler."""
    manager = logging.root.manager
    loggers = [logging.root] + [
        logger for logger in manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level) for logger in loggers]
    detached = [logger for logger in loggers if not logger.propagate]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    for logger in detached:
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)
        for logger in detached:
            logger.removeHandler(handler)
