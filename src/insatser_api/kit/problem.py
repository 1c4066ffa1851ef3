"""The RFC 9457 problem body every error of this API is answered with (kit/errors.py makes
them); pydantic only, so that the client reads it without loading the server."""

from __future__ import annotations

from pydantic import BaseModel

PROBLEM_MEDIA_TYPE = "application/problem+json"
# A tag URI (RFC 4151): a stable identifier that does not pretend to be a web page.
PROBLEM_TYPE_BASE = "tag:insatser-api,2025:problems/"


class FieldError(BaseModel):
    field: str
    message: str
    code: str


class Problem(BaseModel):
    """RFC 9457 problem details, as every error of this API is answered."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None
