"""What every ``warta`` command shares: the app, the consoles, option types and small helpers."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from warta.article import Skipped
from warta.errors import InputError, NotFound, StoreError, WartaError

app = typer.Typer(
    name="warta", no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
    help="Read Indonesian news the way an analyst does: raw scraped pages in, clean searchable articles out.",
)
out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_CODES = {StoreError: 3, NotFound: 4, InputError: 5}


class Profile(StrEnum):
    default = "default"
    fast = "fast"


class Format(StrEnum):
    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"


DbOption = Annotated[str, typer.Option("--db", help="SQLite store file.", envvar="WARTA_DB")]
PathsArg = Annotated[list[str], typer.Argument(help="Files or folders (text, HTML, JSONL, WARC); '-' reads stdin.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")]
ProfileOption = Annotated[Profile, typer.Option("--profile", help="'default' is the most accurate; "
                                                "'fast' skips costly analysis for crawl-scale runs.")]
NoCleanOption = Annotated[bool, typer.Option("--no-clean", help="Input is already clean article text: "
                                             "the body is exactly the input.")]
IdArg = Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix of it.")]
FormatOption = Annotated[Format, typer.Option("--format", help="'text' for people, 'json' for scripts.")]


def _day(value: str | None) -> str | None:
    """A day given on the command line, checked as the HTTP API checks it: a calendar day, YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a day; write YYYY-MM-DD, e.g. 2025-11-05") from None


PublishedOption = Annotated[str | None, typer.Option("--published", metavar="YYYY-MM-DD", callback=_day,
                                                     help="Publication date to use as the reference date.")]


SinceOption = Annotated[str | None, typer.Option("--since", metavar="YYYY-MM-DD", callback=_day,
                                                 help="Published (or dated) on or after this day.")]
UntilOption = Annotated[str | None, typer.Option("--until", metavar="YYYY-MM-DD", callback=_day,
                                                 help="Published (or dated) on or before this day.")]


def needs(extra: str, module: str) -> None:
    """Stop with one line when an optional part of warta is not installed (``warta[serve]``, ``warta[scale]``)."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise WartaError(f"this command needs warta's {extra!r} extra ({module} is not installed): "
                         f"pip install 'warta[{extra}]'")


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 event', '2 events', '1 copy', '3 copies'."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def report_skip(skipped: Skipped) -> None:
    err.print(f"[yellow]skipped[/] {escape(str(skipped))}")


def files_progress(quiet: bool) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("files · {task.fields[pages]} pages · {task.fields[rate]:.0f} pages/s"),
                    TimeElapsedColumn(),
                    console=err, disable=quiet or not err.is_terminal, transient=True)

