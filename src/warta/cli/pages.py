"""``warta ingest``, ``analyze`` and ``export``: pages in, articles out."""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Annotated

import typer
from rich.markup import escape

from warta.article import RawPage, Skipped
from warta.cli.common import (
    DbOption,
    ExportFormat,
    NoCleanOption,
    PathsArg,
    Profile,
    ProfileOption,
    PublishedOption,
    QuietOption,
    app,
    err,
    files_progress,
    report_skip,
)
from warta.ingest.readers import count_files
from warta.store import DEFAULT_DB, Store


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOption = DEFAULT_DB,
    no_clean: NoCleanOption = False,
    published: PublishedOption = None,
    force: Annotated[bool, typer.Option("--force", help="Re-analyse pages already stored.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when any input is skipped.")] = False,
    profile: ProfileOption = Profile.default,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes for the language "
                                      "analysis; 0 = one per core. The store is the same for any N.")] = 1,
    quiet: QuietOption = False,
) -> None:
    """Read, clean, analyse and store pages. Safe to run again: stored pages are left unchanged."""
    with files_progress(quiet) as progress:
        task = progress.add_task("ingesting", total=count_files(paths) or None, pages=0, rate=0.0)
        last_source: list[str] = []
        started = time.monotonic()

        def on_item(item: RawPage | Skipped) -> None:
            pages = progress.tasks[0].fields["pages"] + 1
            progress.update(task, pages=pages, rate=pages / max(time.monotonic() - started, 1e-6))
            source = item.source.split("#", 1)[0]
            if not last_source or last_source[0] != source:
                last_source[:] = [source]
                progress.advance(task)

        from warta import api  # loads spaCy: only the commands that analyse pay for it

        summary = api.ingest(paths, db, clean=not no_clean, published=published, force=force,
                             profile=profile.value, jobs=jobs or os.cpu_count() or 1, on_item=on_item,
                             on_skip=report_skip)
    if not quiet:
        outlets = ", ".join(f"{name} {n}" for name, n in summary.outlets.most_common(5))
        err.print(f"[bold]{summary.stored}[/] stored, {summary.unchanged} unchanged, "
                  f"{len(summary.skipped)} skipped → {escape(db)}" + (f"  ({escape(outlets)})" if outlets else ""))
        if summary.stored:
            err.print(f"next: [cyan]warta search QUERY --db {escape(db)}[/], [cyan]warta stats --db {escape(db)}[/]")
    if strict and summary.skipped:
        raise typer.Exit(1)


@app.command()
def analyze(
    paths: PathsArg,
    no_clean: NoCleanOption = False,
    published: PublishedOption = None,
    db: Annotated[str | None, typer.Option("--db", help="Use this store's line statistics (nothing is written).")]
    = None,
    profile: ProfileOption = Profile.default,
) -> None:
    """Analyse pages without storing them: one article object per line (JSONL) on stdout."""
    from warta import api

    for item in api.analyze_items(paths, clean=not no_clean, published=published, db=db, profile=profile.value):
        if isinstance(item, Skipped):
            report_skip(item)
        else:
            sys.stdout.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.jsonl,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Print every stored article, one JSON object per line (CONTRACT.md)."""
    with Store(db, create=False) as store:
        for article in store.iter_articles():
            sys.stdout.write(json.dumps(article.to_json(), ensure_ascii=False) + "\n")


