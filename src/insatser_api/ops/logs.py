"""Log lines for machines (JSON, one object per line) or people (text), always on stderr.

What a line may hold is a closed list of fields: a library's `extra` never reaches the output,
and an exception is written as its type and stack only. Exception messages, paths, query strings
and bodies can carry what a caller typed, a personnummer included (api.md, Conventions).
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import traceback
from contextvars import ContextVar
from typing import Any, Literal

import orjson

# Fields a record may carry into the output besides its message (the access line of
# ops/telemetry.py, the reload messages of ops/reload.py).
EXTRA_FIELDS = (
    "request_id",
    "method",
    "route",
    "status",
    "duration_ms",
    "error",
    "catalog_versions",
    "catalog_digest",
    "dropped",
)

LogFormat = Literal["json", "text"]

# The id of the request being answered (set by ops/telemetry.py), so that every line logged
# while answering it carries the same request_id as its access line.
REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if "request_id" not in record.__dict__:
            request_id = REQUEST_ID.get()
            if request_id is not None:
                record.request_id = request_id
        return True


def _stack(exc_info: Any) -> tuple[str | None, list[str]]:
    """An exception as its type and frames; its message may quote input, so it is left out."""
    if not exc_info or exc_info[1] is None:
        return None, []
    kind, _, tb = exc_info
    frames = traceback.extract_tb(tb)
    return (kind.__name__ if kind else None), [
        f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in frames
    ]


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    fields = record.__dict__
    return {key: fields[key] for key in EXTRA_FIELDS if key in fields}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_extras(record))
        exc_type, stack = _stack(record.exc_info)
        if exc_type:
            entry["exc_type"] = exc_type
            entry["stack"] = stack
        return orjson.dumps(entry, default=str).decode()


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = " ".join(f"{key}={value}" for key, value in _extras(record).items())
        return f"{line} {extras}" if extras else line

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
        exc_type, stack = _stack(ei)
        return "\n".join([f"{exc_type} (meddelandet loggas inte)", *stack])


class _OurHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Marks the handler this module installed, so configuring twice replaces it."""


def configure_logging(level: str = "INFO", log_format: LogFormat = "json") -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(handler)
    handler = _OurHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    root.setLevel(level)
    # uvicorn's own loggers go through the same handler (serve passes log_config=None).
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
