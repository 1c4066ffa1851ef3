"""API key tokens: `isk_<prefix>_<secret>`, and the HMAC the database keeps instead.

Why HMAC-SHA-256 and not a slow password hash (argon2, bcrypt): a password hash is slow so
that guessing *human-chosen* passwords from a stolen hash is costly. These secrets are 256
random bits from `secrets`; nobody can guess them however fast the hash is, and a slow hash
would only make every request slower. The pepper (a server-side secret, not in the database)
means a stolen copy of the table alone cannot even confirm a guessed token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import string
from dataclasses import dataclass

from insatser_api.security.models import PREFIX_LENGTH

TOKEN_PREFIX = "isk"
SECRET_BYTES = 32
# Letters only: a lookup id never looks like a number (nor a personnummer in a log); 26^12 is
# plenty for an id whose uniqueness the database enforces anyway.
PREFIX_ALPHABET = string.ascii_lowercase
_TOKEN = re.compile(rf"^{TOKEN_PREFIX}_(?P<prefix>[a-z]{{{PREFIX_LENGTH}}})_[A-Za-z0-9_-]{{43}}$")


@dataclass(frozen=True, slots=True)
class NewToken:
    prefix: str
    token: str


def generate_token() -> NewToken:
    prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    return NewToken(prefix, f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}")


def token_prefix(token: str) -> str | None:
    """The lookup prefix of a well-formed token, else None (the token is not looked up)."""
    match = _TOKEN.match(token)
    return match["prefix"] if match else None


def hash_token(token: str, pepper: str) -> str:
    return hmac.new(pepper.encode(), token.encode(), hashlib.sha256).hexdigest()


def hashes_match(stored: str, presented: str) -> bool:
    # Constant time: how long the comparison takes must not tell how many characters matched.
    return hmac.compare_digest(stored.encode(), presented.encode())
