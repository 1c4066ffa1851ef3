"""Page-numbered lists: `{"items": [...], "total_items", "page", "per_page"}`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")

# Bounded so that (page - 1) * per_page always fits a database OFFSET (schemathesis found it).
PageQuery = Annotated[int, Query(ge=1, le=1_000_000, description="Sidnummer, från 1")]
PerPageQuery = Annotated[int, Query(ge=1, le=200, description="Antal per sida, högst 200")]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total_items: int
    page: int
    per_page: int


def paginate(items: Sequence[T], page: int, per_page: int) -> Page[T]:
    start = (page - 1) * per_page
    return Page[T](
        items=list(items[start : start + per_page]),
        total_items=len(items),
        page=page,
        per_page=per_page,
    )
