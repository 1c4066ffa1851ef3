"""A page of a list, as every list endpoint answers it (kit/pagination.py makes them);
pydantic only, so that the client reads it without loading the server."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total_items: int
    page: int
    per_page: int
