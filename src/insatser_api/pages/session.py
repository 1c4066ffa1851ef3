"""The staff pages' session: a signed cookie, and the CSRF token of every form.

The cookie holds a random nonce and, once someone has signed in, the id of the API key they
signed in with — never the key itself. It is signed (itsdangerous, HMAC-SHA-1 over a key
derived from INSATSER_API_KEY_PEPPER, which every instance already shares), so any worker of
any instance can verify it without shared server-side state, and it expires after
`SESSION_SECONDS` however long the browser keeps it. Every request with a signed-in session
looks the key up again (pages/access.py): revoking the key (`insatser-api keys revoke`) ends
every session made with it within INSATSER_API_KEY_CACHE_SECONDS, as it does for the API.
Signing out deletes the cookie in the browser; a copy taken of it before (which HttpOnly,
Secure and SameSite=Strict make hard) would work until it expires or the key is revoked: the
price of keeping no session table that every instance must share.

A form's CSRF token is an HMAC of the session's nonce: a page of another site can neither read
the cookie (HttpOnly, SameSite=Strict) nor compute the token. Signing in makes a new nonce, so
a nonce planted before sign-in (session fixation) is worth nothing after it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

from insatser_api.config import Settings

COOKIE_NAME = "insatser_session"
CSRF_FIELD = "csrf_token"
# A working day: a sign-in lasts a shift, never into the next day.
SESSION_SECONDS = 8 * 60 * 60
_SALT = "insatser-api.pages.session"
_NONCE_BYTES = 16


@dataclass(frozen=True, slots=True)
class StaffSession:
    nonce: str
    key_id: str | None = None  # None: not signed in

    @classmethod
    def fresh(cls, key_id: str | None = None) -> StaffSession:
        return cls(nonce=secrets.token_urlsafe(_NONCE_BYTES), key_id=key_id)


class SessionSigner:
    """Reads and writes the session cookie and computes the CSRF tokens of its forms."""

    def __init__(self, settings: Settings) -> None:
        secret = hmac.new(
            settings.api_key_pepper.get_secret_value().encode(),
            b"insatser-api staff pages session",
            hashlib.sha256,
        ).digest()
        self._serializer = URLSafeTimedSerializer(secret, salt=_SALT)
        self._csrf_key = hmac.new(secret, b"csrf", hashlib.sha256).digest()
        # Secure always in production (TLS may end at a proxy in front of us); in development
        # and test only over https, so that `make run` on http://127.0.0.1 works in any browser.
        self._always_secure = settings.environment == "production"

    def read(self, request: Request) -> StaffSession | None:
        value = request.cookies.get(COOKIE_NAME)
        if not value:
            return None
        try:
            data = self._serializer.loads(value, max_age=SESSION_SECONDS)
        except BadSignature:  # also an expired one (SignatureExpired is a BadSignature)
            return None
        if not isinstance(data, dict):
            return None
        nonce, key_id = data.get("n"), data.get("k")
        if not isinstance(nonce, str) or not (key_id is None or isinstance(key_id, str)):
            return None
        return StaffSession(nonce=nonce, key_id=key_id)

    def write(self, response: Response, request: Request, session: StaffSession) -> None:
        response.set_cookie(
            COOKIE_NAME,
            self._serializer.dumps({"n": session.nonce, "k": session.key_id}),
            # No max_age: the cookie ends with the browser session; the signature's age is
            # checked on every read besides.
            path="/",
            secure=self._always_secure or request.url.scheme == "https",
            httponly=True,
            samesite="strict",
        )

    def clear(self, response: Response, request: Request) -> None:
        response.delete_cookie(
            COOKIE_NAME,
            path="/",
            secure=self._always_secure or request.url.scheme == "https",
            httponly=True,
            samesite="strict",
        )

    def csrf_token(self, session: StaffSession) -> str:
        return hmac.new(self._csrf_key, session.nonce.encode(), hashlib.sha256).hexdigest()

    def csrf_valid(self, session: StaffSession | None, presented: object) -> bool:
        if session is None or not isinstance(presented, str):
            return False
        return hmac.compare_digest(self.csrf_token(session).encode(), presented.encode())
