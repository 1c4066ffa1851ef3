"""Request bodies: at most `max_bytes`, and JSON when a POST, PUT or PATCH carries one (an
HTML form, `application/x-www-form-urlencoded`, only to the staff pages' `form_paths`).

Plain ASGI (no BaseHTTPMiddleware: it costs a task per request). A declared Content-Length over
the limit is refused before anything is read; a body without one (chunked) is read here up to
the limit and handed on, so no endpoint ever sees more than `max_bytes`.

A body must also arrive within `body_timeout` seconds of the first read: a client that stalls
or trickles (a chunked body that never ends) gets a 408 and the connection is closed, instead of
holding a connection and a worker's memory indefinitely. Slow *headers* are the reverse proxy's
to cut (docs/operations.md, deploy/nginx.conf): uvicorn has no header timeout.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from insatser_api.kit.errors import problem_response, problem_responses

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})

# For the OpenAPI `responses` of operations that take a body.
BODY_PROBLEM_RESPONSES = problem_responses(
    {413: "Begäran är för stor", 415: "Innehållstypen stöds inte"}
)


def is_json_media_type(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def is_form_media_type(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == "application/x-www-form-urlencoded"


class BodyTimeout(HTTPException):
    """Raised from `receive`: FastAPI lets an HTTPException from reading the body through, and
    the problem handler answers it (kit/errors.py)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            408,
            f"Begärans innehåll kom inte fram inom {seconds:g} sekunder.",
            headers={"Connection": "close"},
        )


class RequestBodyGuard:
    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        body_timeout: float | None = None,
        form_paths: Iterable[str] = (),
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.body_timeout = body_timeout
        self.form_paths = frozenset(form_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        try:
            length = int(declared) if declared is not None else None
        except ValueError:
            length = -1
        if length is not None and length < 0:
            response = problem_response(
                400, "Huvudet Content-Length är ogiltigt.", slug="bad-request"
            )
            await response(scope, receive, send)
            return
        if length is not None and length > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        if self.body_timeout is not None and scope["method"] in _BODY_METHODS:
            receive = _within(receive, self.body_timeout)
        if length is None and scope["method"] in _BODY_METHODS:
            try:
                buffered = await self._read_within_limit(receive)
            except BodyTimeout as timeout:
                response = problem_response(
                    408,
                    str(timeout.detail),
                    slug="request-timeout",
                    headers={"Connection": "close"},
                )
                await response(scope, receive, send)
                return
            if buffered is None:
                await self._too_large(scope, receive, send)
                return
            length = sum(len(m.get("body", b"")) for m in buffered)
            receive = _replay(buffered, receive)
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        if (
            length
            and scope["method"] in _BODY_METHODS
            and not is_json_media_type(content_type)
            and not (scope["path"] in self.form_paths and is_form_media_type(content_type))
        ):
            response = problem_response(
                415,
                "Begärans innehåll ska vara JSON (Content-Type: application/json).",
                slug="unsupported-media-type",
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _read_within_limit(self, receive: Receive) -> list[Message] | None:
        messages: list[Message] = []
        total = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages
            total += len(message.get("body", b""))
            if total > self.max_bytes:
                return None
            if not message.get("more_body", False):
                return messages

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            413,
            f"Begärans innehåll får vara högst {self.max_bytes} byte.",
            slug="request-too-large",
        )
        await response(scope, receive, send)


def _within(receive: Receive, seconds: float) -> Receive:
    """`receive`, with the whole body due within `seconds` of the first read; once the body is
    in, later reads (a wait for disconnect) are not timed."""
    deadline: float | None = None
    done = False

    async def timed() -> Message:
        nonlocal deadline, done
        if done:
            return await receive()
        loop = asyncio.get_running_loop()
        if deadline is None:
            deadline = loop.time() + seconds
        try:
            async with asyncio.timeout_at(deadline):
                message = await receive()
        except TimeoutError:
            raise BodyTimeout(seconds) from None
        if message["type"] != "http.request" or not message.get("more_body", False):
            done = True
        return message

    return timed


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
