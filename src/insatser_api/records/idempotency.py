"""The Idempotency-Key as stored: a keyed hash, so that a key that happens to be (or hold) a
personnummer is never written to the database, while a retry with the same key still finds
the first record.

HMAC-SHA-256 under a key derived from INSATSER_API_KEY_PEPPER (the server's one secret, strong
by force in production), separated from the API keys' own use of it by a label. The client is
part of the message: two clients' equal keys never collide. Migration 0004 hashes existing rows
the same way; changing the pepper ends replay of requests made before the change (README).
"""

from __future__ import annotations

import hashlib
import hmac

_LABEL = b"insatser-api idempotency-key v1"


def hash_idempotency_key(client: str, key: str, pepper: str) -> str:
    secret = hmac.new(pepper.encode(), _LABEL, hashlib.sha256).digest()
    # The client's length first: ("a", "b\0c") and ("a\0b", "c") are different messages.
    name = client.encode()
    message = len(name).to_bytes(4, "big") + name + key.encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
