"""Page-numbered lists: `{"items": [...], "total_items", "page", "per_page"}`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, TypeVar

from fastapi import Query

# The model lives in kit/page.py, free of FastAPI, so that the client can read pages.
from insatser_api.kit.page import Page as Page

T = TypeVar("T")

# Bounded so that (page - 1) * per_page always fits a database OFFSET (schemathesis found it).
PageQuery = Annotated[int, Query(ge=1, le=1_000_000, description="Sidnummer, från 1")]
PerPageQuery = Annotated[int, Query(ge=1, le=200, description="Antal per sida, högst 200")]


def paginate(items: Sequence[T], page: int, per_page: int) -> Page[T]:
    start = (page - 1) * per_page
    return Page[T](
        items=list(items[start : start + per_page]),
        total_items=len(items),
        page=page,
        per_page=per_page,
    )
