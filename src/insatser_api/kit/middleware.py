"""ASGI middleware (plain ASGI: Starlette's BaseHTTPMiddleware costs a task per request)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class DefaultHeader:
    """Adds a header to every HTTP response that does not set it itself.

    Used for `Catalog-Version`: endpoints set the version they judged with; everything else
    (errors included) carries the version in force today.
    """

    def __init__(self, app: ASGIApp, name: str, value: Callable[[Scope], str]) -> None:
        self.app = app
        self.name = name.lower().encode("latin-1")
        self.value = value

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if all(key.lower() != self.name for key, _ in headers):
                    headers.append((self.name, self.value(scope).encode("latin-1")))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_header)


class HeadAsGet:
    """HEAD is answered wherever GET is: the GET route runs and only its headers are sent
    (RFC 9110, 9.3.2), Content-Length included. Routes are declared for GET only, so without
    this FastAPI answered HEAD with 405.

    The method is changed in the scope itself, so the outer telemetry finds the matched route;
    it counts the request under the method it read on arrival (HEAD). It is HEAD again once
    the response starts, for the server that writes it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        scope["method"] = "GET"

        async def send_headers_only(message: Message) -> None:
            # The server reads the method from this same scope when it writes the response:
            # uvicorn's httptools protocol expects a GET's body (and raised "Response content
            # shorter than Content-Length") unless the scope says HEAD again by then.
            scope["method"] = "HEAD"
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(scope, receive, send_headers_only)


class RejectNul:
    """A NUL character (`%00`) in the path or a query parameter is a 422 naming where it is.

    No route takes one on purpose, and PostgreSQL's text cannot hold it: a path id or a filter
    reaching a query with it was a DataError (a 500). Bodies are checked by their schemas
    (`kit.text.STORABLE_TEXT`). A byte search per request, nothing parsed unless it is there.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            field = _nul_field(scope)
            if field is not None:
                from insatser_api.kit.errors import FieldError, problem_response
                from insatser_api.kit.text import NUL_MESSAGE

                response = problem_response(
                    422,
                    "Begäran innehåller ogiltiga uppgifter; se errors.",
                    slug="invalid-request",
                    errors=[FieldError(field=field, message=NUL_MESSAGE, code="nul_character")],
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _nul_field(scope: Scope) -> str | None:
    if "\x00" in scope["path"]:
        return "path"
    query: bytes = scope.get("query_string", b"")
    if b"%00" not in query:
        return None
    for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        if "\x00" in name or "\x00" in value:
            return name.replace("\x00", "") or "query"
    return None
