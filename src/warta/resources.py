"""Loading of warta's bundled language data (``warta/data/``), once per process."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_toml", "load_words"]


@cache
def load_toml(name: str) -> dict[str, Any]:
    with resources.files("warta.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def load_words(name: str) -> frozenset[str]:
    """A word list of ``warta/data/``: one entry per line, ``#`` lines are comments."""
    text = resources.files("warta.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
