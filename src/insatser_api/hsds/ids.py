"""Stable HSDS identifiers: UUID version 5 of a name under one fixed namespace.

The name holds what identifies the object in the catalogue (kommunkod and insats id, enhet,
code), never the catalogue version, so a directory that imports every new version keeps the
same id for the same insats.
"""

from __future__ import annotations

import uuid

# Fixed once for insatser-api's HSDS export; changing it changes every id a directory holds.
NAMESPACE = uuid.UUID("6f1d5a52-8a3e-5c1e-9a43-2b7d0c9e4a10")


def hsds_id(*parts: str) -> uuid.UUID:
    """`hsds_id("2380", "insats", "cra")`: the same UUID on every run and every machine."""
    return uuid.uuid5(NAMESPACE, ":".join(parts))
