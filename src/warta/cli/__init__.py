"""The ``warta`` command line. Every command calls ``warta.api``, ``warta.scale`` or the store;
errors are mapped to exit codes in one place (``main``).

The commands live in submodules that register on one typer app (``warta.cli.common.app``), in the
order ``warta --help`` lists them. Commands that analyse text import spaCy when they run, so that
reading the store (search, show, stats) starts quickly.
"""

from __future__ import annotations

import sys

import typer
from rich.markup import escape

from warta.cli import pages, query, scale, serve  # noqa: F401  (each registers its commands)
from warta.cli.common import EXIT_CODES, app, err
from warta.errors import WartaError

__all__ = ["app", "main"]


def main() -> None:
    """Console entry point: run the app, turning warta's errors into one line and an exit code."""
    try:
        code = app(standalone_mode=False)
    except WartaError as error:
        err.print(f"[red]warta:[/] {escape(str(error))}")
        sys.exit(next((code for cls, code in EXIT_CODES.items() if isinstance(error, cls)), 1))
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except Exception as error:  # click's usage errors (typer ships its own copy of click)
        if _is_a(error, "NoArgsIsHelpError"):
            error.show()  # type: ignore[attr-defined]  # the help text
            sys.exit(0)
        if _is_a(error, "ClickException"):
            sys.exit(_usage_error(error))
        raise
    if isinstance(code, int) and code:
        sys.exit(code)


def _is_a(error: BaseException, name: str) -> bool:
    return any(cls.__name__ == name for cls in type(error).__mro__)


def _usage_error(error: Exception) -> int:
    """A usage error in two lines, what was wrong and what to type, and its exit status (2)."""
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "warta"
    message = error.format_message()  # type: ignore[attr-defined]
    err.print(f"[red]{escape(command)}:[/] {escape(message)}")
    if ctx is not None:
        usage = " ".join(ctx.get_usage().replace("{", "").replace("}", "").split())
        err.print(f"{escape(usage)}  [dim]('{escape(command)} --help' for more)[/]")
    return int(getattr(error, "exit_code", 2))
