"""What the routers share with the app: its settings and the store each request reads (FastAPI
dependencies), and the paging bound. The app (``app``) and its routers (``api``, ``ui``) import this
module; it imports none of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import Request

from warta.store import Store

__all__ = ["Settings", "get_store", "get_settings", "MAX_PAGE", "MAX_UPLOAD"]

MAX_UPLOAD = 20 * 1024 * 1024  # bytes one POST /api/ingest may carry
MAX_PAGE = 10_000_000  # the highest page number asked for: beyond any store's last page, and it keeps the
# row offset a small integer for SQLite (page=9223372036854775807 overflowed it)


@dataclass(frozen=True, slots=True)
class Settings:
    db: str
    allow_ingest: bool = False
    token: str | None = None
    max_upload: int = MAX_UPLOAD


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Iterator[Store]:
    """A store for one request (SQLite connections are cheap; WAL lets reads run beside a write)."""
    store = Store(request.app.state.settings.db, create=False)
    try:
        yield store
    finally:
        store.close()
