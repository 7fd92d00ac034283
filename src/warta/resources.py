"""Loading of warta's bundled language data (``warta/data/``), once per process."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load_toml"]


@cache
def load_toml(name: str) -> dict[str, Any]:
    with resources.files("warta.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)
