"""Reading annotators' JSONL files: each line's object, or why it is not one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def annotated_lines(path: Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, the object, None) for each non-blank line, or (line number, None, the error)."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line), None
        except json.JSONDecodeError as e:
            yield n, None, f"line {n}: not JSON ({e})"
