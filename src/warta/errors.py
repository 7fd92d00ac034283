"""The one exception hierarchy of warta.

    WartaError                 anything warta raises on purpose
    ├── InputError             one input (file, record, line) cannot be read; the batch goes on
    │   └── InputTooLarge      a single page is larger than the per-page limit
    ├── StoreError             the database cannot be opened, is not SQLite, or a write failed
    └── NotFound               an article id (or prefix) matches nothing in the store

Messages say what went wrong and, where there is one, what to try next. The CLI maps these
classes to exit codes in one place (``cli._fail``).
"""

from __future__ import annotations

__all__ = ["WartaError", "InputError", "InputTooLarge", "StoreError", "NotFound"]


class WartaError(Exception):
    """Base class: every error warta raises deliberately."""


class InputError(WartaError):
    """An input could not be read. ``source`` names the file; ``line`` the line or record number."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class InputTooLarge(InputError):
    """A single page is over the size limit (pages are read whole; streams are not)."""


class StoreError(WartaError):
    """The store cannot be used."""


class NotFound(WartaError):
    """Nothing in the store matches what was asked for."""
