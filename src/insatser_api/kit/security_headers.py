"""Security headers on every HTTP response (plain ASGI, headers built once).

The API answers JSON only, so its Content-Security-Policy forbids everything. The interactive
docs pages (Swagger UI, ReDoc) are HTML: they get a policy that allows scripts and styles from
this origin, plus 'unsafe-inline' because Swagger UI starts from an inline <script> whose text
(and so its hash) changes with the app's settings. That relaxation is for the docs pages only,
which show no personal data. Their assets are the package's own files (`ops/docs.py`), so
no other origin is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DOCS_ASSET_ORIGINS: tuple[str, ...] = ()
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The staff pages (pages/): their own stylesheet and images, forms posted back to this origin,
# no script at all (they work without JavaScript) and nothing inline. The pages set it
# themselves, with Cache-Control: no-store; this middleware adds the other headers.
PAGES_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def docs_csp(asset_origins: Iterable[str] = DOCS_ASSET_ORIGINS) -> str:
    assets = " ".join(("'self'", *asset_origins))
    return (
        f"default-src 'none'; script-src {assets} 'unsafe-inline'; "
        f"style-src {assets} 'unsafe-inline'; img-src {assets} data:; font-src {assets}; "
        "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; "
        "base-uri 'none'; form-action 'self'"
    )


_COMMON = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
_NO_STORE = (b"cache-control", b"no-store")
_HSTS = (b"strict-transport-security", b"max-age=31536000")
# Path segments of responses that may hold personal data: never kept by a cache or browser.
PERSONAL_DATA_SEGMENTS = frozenset({"eligibility", "documentation"})


class SecurityHeaders:
    def __init__(self, app: ASGIApp, docs_paths: Iterable[str]) -> None:
        self.app = app
        self.docs_paths = frozenset(docs_paths)
        self.api_csp = (b"content-security-policy", API_CSP.encode())
        self.docs_csp = (b"content-security-policy", docs_csp().encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        extra = [*_COMMON, self.docs_csp if path in self.docs_paths else self.api_csp]
        if not PERSONAL_DATA_SEGMENTS.isdisjoint(path.split("/")):
            extra.append(_NO_STORE)
        if scope.get("scheme") == "https":
            extra.append(_HSTS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {key.lower() for key, _ in headers}
                headers.extend(item for item in extra if item[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
