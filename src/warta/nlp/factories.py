"""``typed``: a spaCy component factory's annotations as objects rather than strings.

warta's modules postpone the evaluation of annotations (``from __future__ import annotations``),
so a factory's ``nlp: Language`` is the string ``"Language"``. spaCy validates a factory's
arguments against its signature through confection; confection 0.1 (what spaCy 3.8.7's
dependencies allow, see pyproject.toml) cannot resolve such a string and refuses to build the
component. Resolving the hints once, where the factory is defined, serves every version.
"""

from __future__ import annotations

import typing
from collections.abc import Callable

__all__ = ["typed"]

F = typing.TypeVar("F", bound=Callable[..., object])


def typed(factory: F) -> F:
    """The factory itself, its ``__annotations__`` evaluated in its own module."""
    factory.__annotations__ = typing.get_type_hints(factory)
    return factory
