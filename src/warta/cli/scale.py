"""``warta batch`` and ``warta load``: they call ``warta.scale.batch`` and ``warta.scale.load_parts`` and
only draw progress and summaries on stderr; warta's errors propagate to ``warta.cli.main``, which
maps them to exit codes."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from warta.cli.common import DbOption, Profile, ProfileOption, QuietOption, app, err, needs
from warta.store import DEFAULT_DB

__all__ = ["batch_command", "load_command"]

InputsArg = Annotated[list[str], typer.Argument(help="Files, folders or glob patterns (text, HTML, JSONL, WARC).")]
OutOption = Annotated[str, typer.Option("--out", "-o", help="Output folder: Parquet parts, skipped inputs and "
                                        "done markers. Run again with the same folder to resume.")]
OutArg = Annotated[str, typer.Argument(metavar="DIR", help="Output folder written by 'warta batch'.")]
WorkersOption = Annotated[int | None, typer.Option("--workers", "-w", min=1, help="Worker processes of the local "
                                                   "cluster (default: one per core).")]
SchedulerOption = Annotated[str | None, typer.Option("--scheduler", metavar="ADDRESS", help="Use a running Dask "
                                                     "scheduler (tcp://host:8786) instead of a local cluster; its "
                                                     "workers must see the inputs and --out under the same paths.")]


def _progress(quiet: bool, unit: str) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn(f"{unit} · {{task.fields[pages]}} pages · {{task.fields[rate]:.1f}} pages/s"),
                    TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal, transient=True)


@app.command("batch")
def batch_command(
    inputs: InputsArg,
    out: OutOption,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    profile: ProfileOption = Profile.default,
    quiet: QuietOption = False,
) -> None:
    """Clean and analyse pages on many cores or machines (Dask) into Parquet under --out, for 'warta load'.
    Resumable: finished shards are not redone. Exits with status 1 when a shard failed (run again to retry)."""
    for module in ("dask", "distributed", "pyarrow"):
        needs("scale", module)
    from warta.scale.batch import BatchSummary, ShardResult, batch

    with _progress(quiet, "shards") as progress:
        task = progress.add_task("analysing", total=None, pages=0, rate=0.0)

        def on_start(summary: BatchSummary) -> None:
            progress.update(task, total=summary.shards - summary.finished_before)

        def on_shard(result: ShardResult, summary: BatchSummary) -> None:
            progress.update(task, advance=1, pages=summary.pages, rate=summary.pages_per_second)
            if result.failed:
                progress.console.print(f"[red]shard {result.shard} failed[/]: {escape(result.failed)}")

        summary = batch(inputs, out, workers=workers, scheduler=scheduler, profile=profile.value,
                        on_start=on_start, on_shard=on_shard)
    if not quiet:
        before = f" ({summary.finished_before} done before)" if summary.finished_before else ""
        err.print(f"[bold]{len(summary.computed)}[/] of {summary.shards} shards analysed{before}: "
                  f"{summary.pages} pages → {summary.articles} articles, {summary.skipped} skipped, "
                  f"{summary.pages_per_second:.1f} pages/s → {escape(out)}")
        for note in summary.notes:
            err.print(f"[yellow]note[/]: {escape(note)}")
        if summary.failed:
            err.print(f"[red]{len(summary.failed)} shards failed[/] (reasons in {escape(out)}/errors/); "
                      "run the same command again to retry them")
        else:
            err.print(f"next: [cyan]warta load {escape(out)} --db FILE[/]")
    if summary.failed:
        raise typer.Exit(1)


@app.command("load")
def load_command(
    out: OutArg,
    db: DbOption = DEFAULT_DB,
    quiet: QuietOption = False,
) -> None:
    """Store what 'warta batch' wrote, linking duplicates, stories, related articles and events across the
    store. Safe to run again: stored articles are left unchanged."""
    needs("scale", "pyarrow")
    from warta.scale.loading import LoadSummary, load_parts

    with _progress(quiet, "shards") as progress:
        task = progress.add_task("loading", total=None, pages=0, rate=0.0)
        started = time.monotonic()

        def on_shard(_shard: object, summary: LoadSummary) -> None:
            rate = summary.seen / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1, pages=summary.seen, rate=rate)

        summary = load_parts(out, db, on_start=lambda n: progress.update(task, total=n), on_shard=on_shard)
    if not quiet:
        outlets = ", ".join(f"{name} {n}" for name, n in summary.outlets.most_common(5))
        err.print(f"[bold]{summary.stored}[/] stored, {summary.unchanged} unchanged, {summary.skipped} skipped "
                  f"from {summary.shards} shards → {escape(db)}" + (f"  ({escape(outlets)})" if outlets else ""))
        if summary.unfinished:
            err.print(f"[yellow]{len(summary.unfinished)} shards are not finished[/] and were not loaded; "
                      f"run 'warta batch' again with --out {escape(out)}, then load again")
        elif summary.stored:
            err.print(f"next: [cyan]warta search QUERY --db {escape(db)}[/], [cyan]warta stats --db {escape(db)}[/]")
