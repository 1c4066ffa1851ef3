"""One pure-ASGI middleware for the request id, the access log line and the HTTP metrics.

Pure ASGI rather than Starlette's BaseHTTPMiddleware, which costs a task and a memory stream per
request: `/health/live` is the throughput floor another team benchmarks against.
"""

from __future__ import annotations

import logging
import re
import secrets
import time

from prometheus_client.metrics import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from insatser_api.kit.errors import CLIENT_GONE
from insatser_api.ops.logs import REQUEST_ID
from insatser_api.ops.metrics import HTTP_DURATION, HTTP_REQUESTS, UNMATCHED_ROUTE
from insatser_api.security.identity import REQUEST_ID_KINDS, find_identity

REQUEST_ID_HEADER = b"x-request-id"

access_logger = logging.getLogger("insatser_api.access")

# A caller's id is kept only if it is a short token of safe characters; anything else could be
# text the caller did not mean to have logged.
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
# ... and never if it holds a personnummer, a phone number or a date in any written form
# (`19750314.4045`, `750314:4045`), which would otherwise go into every log line of the
# request: the same detector as for the journal's texts (security/identity).
_FEW_DIGITS = 6  # fewer digits than this can hold no date, phone or personnummer
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def request_id_from(header: bytes | None) -> str:
    if header is not None:
        candidate = header.decode("latin-1")
        if _SAFE_ID.fullmatch(candidate) and not _may_identify(candidate):
            return candidate
    return secrets.token_hex(16)


def _may_identify(candidate: str) -> bool:
    if sum(ch.isdigit() for ch in candidate) < _FEW_DIGITS:
        return False
    return bool(find_identity(candidate, REQUEST_ID_KINDS))


def route_template(scope: Scope, root_path: str) -> str:
    """The matched route's template; requests no route matched share one label.

    FastAPI's router marks a matched route in `scope["route"]`; a mount (the docs assets) only
    extends `root_path` by its own fixed prefix.
    """
    route = scope.get("route")
    if route is not None:
        path: str = getattr(route, "path", UNMATCHED_ROUTE)
        return path
    mounted_at: str = scope.get("root_path", "")
    if mounted_at != root_path:
        return mounted_at[len(root_path) :] + "/{path}"
    return UNMATCHED_ROUTE


class RequestTelemetry:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # Labelled children by (method, route, status): a dict hit instead of the client
        # library's lock and label validation on every request.
        self._children: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        method: str = scope["method"]  # as it arrived: HeadAsGet answers HEAD as GET
        root_path: str = scope.get("root_path", "")
        header = next((v for k, v in scope["headers"] if k == REQUEST_ID_HEADER), None)
        request_id = request_id_from(header)
        id_header = (REQUEST_ID_HEADER, request_id.encode("latin-1"))
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), id_header]}
            await send(message)

        context = REQUEST_ID.set(request_id)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(context)
            route = route_template(scope, root_path)
            if scope.get(CLIENT_GONE):
                status = 499
            self._record(method, route, request_id, status, time.perf_counter() - started)

    def _record(
        self, arrived_as: str, route: str, request_id: str, status: int, seconds: float
    ) -> None:
        method = arrived_as if arrived_as in _METHODS else "OTHER"
        key = (method, route, status)
        children = self._children.get(key)
        if children is None:
            children = (
                HTTP_REQUESTS.labels(method, route, str(status)),
                HTTP_DURATION.labels(method, route),
            )
            self._children[key] = children
        children[0].inc()
        children[1].observe(seconds)
        if access_logger.isEnabledFor(logging.INFO):
            fields = {
                "request_id": request_id,
                "method": method,
                "route": route,
                "status": status,
                "duration_ms": round(seconds * 1000, 2),
            }
            # makeRecord + handle: `info()` would also walk the stack for the caller's file and
            # line, which an access line does not need (about a fifth of its cost).
            access_logger.handle(
                access_logger.makeRecord(
                    access_logger.name, logging.INFO, __file__, 0, "request", (), None, extra=fields
                )
            )
