"""The ``warta`` command line. Every command calls ``warta.api`` or the store; errors are mapped
to exit codes in one place (``main``)."""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from warta import api
from warta.article import Article, RawPage, Skipped
from warta.errors import InputError, NotFound, StoreError, WartaError
from warta.ingest.readers import count_files
from warta.store import DEFAULT_DB, Store
from warta.store.store import HIGHLIGHT

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
PublishedOption = Annotated[str | None, typer.Option("--published", metavar="YYYY-MM-DD",
                                                     help="Publication date to use as the reference date.")]


def _report_skip(skipped: Skipped) -> None:
    err.print(f"[yellow]skipped[/] {escape(str(skipped))}")


def _progress(quiet: bool) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("files · {task.fields[pages]} pages · {task.fields[rate]:.0f} pages/s"),
                    TimeElapsedColumn(),
                    console=err, disable=quiet or not err.is_terminal, transient=True)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOption = DEFAULT_DB,
    no_clean: NoCleanOption = False,
    published: PublishedOption = None,
    force: Annotated[bool, typer.Option("--force", help="Re-analyse pages already stored.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when any input is skipped.")] = False,
    profile: ProfileOption = Profile.default,
    quiet: QuietOption = False,
) -> None:
    """Read, clean, analyse and store pages. Safe to run again: stored pages are left unchanged."""
    with _progress(quiet) as progress:
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

        summary = api.ingest(paths, db, clean=not no_clean, published=published, force=force,
                             profile=profile.value, on_item=on_item, on_skip=_report_skip)
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
    for item in api.analyze_items(paths, clean=not no_clean, published=published, db=db, profile=profile.value):
        if isinstance(item, Skipped):
            _report_skip(item)
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


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; FTS5 syntax works: \"exact phrase\", OR, NOT, pre*.")],
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet.")] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="YYYY-MM-DD", help="Published on or after.")] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="YYYY-MM-DD", help="Published on or before.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most hits to show.")] = 20,
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Full-text search over titles and bodies, best hits first, with highlighted snippets."""
    with Store(db, create=False) as store:
        hits = store.search(query, outlet=outlet, since=since, until=until, limit=limit)
    if format is Format.json:
        for hit in hits:
            snippet = hit.snippet.replace(HIGHLIGHT[0], "").replace(HIGHLIGHT[1], "")
            sys.stdout.write(json.dumps(_hit_json(hit, snippet), ensure_ascii=False) + "\n")
        return
    if not hits:
        err.print(f"no article matches {query!r}; try fewer words, or 'warta stats --db {db}' to see what is stored")
        return
    for rank, hit in enumerate(hits, start=1):
        snippet = escape(hit.snippet).replace(HIGHLIGHT[0], "[bold yellow]").replace(HIGHLIGHT[1], "[/]")
        out.print(f"[bold]{rank}. {escape(hit.title or '(untitled)')}[/]  [dim]{escape(hit.outlet or '?')} · "
                  f"{hit.published or 'undated'} · {hit.id}[/]")
        out.print(f"   {snippet.replace(chr(10), ' ')}")
    err.print(f"[dim]{len(hits)} hits; 'warta show ID --db {escape(db)}' prints one article[/]")


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option("--speaker", "-s", help="A person or organisation by any of its "
                                                "names (\"Trump\", \"Korut\"), or a speaker as written.")] = None,
    query: Annotated[str | None, typer.Option("--search", help="Words the quote contains.")] = None,
    article: Annotated[str | None, typer.Option("--article", metavar="ID", help="Only this article.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most quotes to show.")] = 50,
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Statements and who made them, newest article first, each with the article it comes from."""
    with Store(db, create=False) as store:
        hits = store.quotes(speaker=speaker, query=query, article=article, limit=limit)
    if format is Format.json:
        for hit in hits:
            sys.stdout.write(json.dumps(hit.to_json(), ensure_ascii=False) + "\n")
        return
    if not hits:
        who = f" by {speaker!r}" if speaker else ""
        err.print(f"no quotes{who} found; 'warta stats --db {db}' lists the speakers quoted most")
        return
    for hit in hits:
        _print_quote(hit.quote)
        out.print(f"     [dim]{escape(hit.title or '(untitled)')} · {escape(hit.outlet or '?')} · "
                  f"{hit.published or 'undated'} · {hit.article_id}[/]")
    err.print(f"[dim]{len(hits)} quotes[/]")


def _speaker_label(quote: dict) -> str:
    speaker = quote.get("speaker") or {}
    name = speaker.get("name") or speaker.get("text") or "(unknown speaker)"
    if speaker.get("text") and speaker.get("name") and speaker["text"] != speaker["name"]:
        name += f" (\"{speaker['text']}\")"
    return name


def _print_quote(quote: dict) -> None:
    mark = {"direct": "“{}”", "partial": "“{}”"}.get(quote["kind"], "{}")
    via = ", ".join(v.get("name") or v.get("text") or "" for v in quote.get("via") or [])
    out.print(f"  [bold cyan]{escape(_speaker_label(quote))}[/] [dim]{quote['kind']}"
              f"{', ' + escape(quote['cue']) if quote.get('cue') else ''}{', via ' + escape(via) if via else ''}[/]")
    out.print(f"     {escape(mark.format(quote['text']))}")


def _hit_json(hit: object, snippet: str) -> dict[str, object]:
    fields = ("id", "title", "outlet", "published", "source", "score")
    return {name: getattr(hit, name) for name in fields} | {"snippet": snippet}


@app.command()
def show(
    article_id: IdArg,
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Print one stored article: metadata, clean body with its entities highlighted, the entities,
    quotes with their speakers, and time expressions with their values."""
    article = _stored(db, article_id)
    if format is Format.json:
        out.print_json(json.dumps(article.to_json(), ensure_ascii=False))
        return
    _print_article_head(article)
    out.print()
    out.print(_highlighted(article))
    if article.entities:
        out.print()
        out.print("[bold]entities[/]")
        groups: dict[str, list[dict]] = {}
        for e in article.entities:
            groups.setdefault(e["id"], []).append(e)
        for entity_id, mentions in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            forms = sorted({m["text"] for m in mentions} - {mentions[0]["name"]})
            roles = sorted({m["role"] for m in mentions if m.get("role")})
            extra = (f"  also: {', '.join(forms)}" if forms else "") + (f"  role: {'; '.join(roles)}" if roles else "")
            out.print(f"  [{_ENTITY_STYLE.get(mentions[0]['type'], 'bold')}]{escape(mentions[0]['name'])}[/] "
                      f"[dim]{mentions[0]['type']} {escape(entity_id)} ×{len(mentions)}{escape(extra)}[/]")


    if article.quotes:
        out.print()
        out.print("[bold]quotes[/]")
        for quote in article.quotes:
            _print_quote(quote)
    if article.times:
        out.print()
        out.print("[bold]times[/]")
        for t in article.times:
            mod = f" {t['mod']}" if t.get("mod") else ""
            out.print(f"  {escape(t['text'])} [dim]→[/] [bold]{escape(t['value'])}[/] [dim]{t['type']}{mod}[/]")


_ENTITY_STYLE = {"PER": "bold cyan", "ORG": "bold magenta", "LOC": "bold green"}


def _highlighted(article: Article) -> str:
    """The body as rich markup with entity mentions coloured by type (text escaped)."""
    parts, pos = [], 0
    for e in sorted(article.entities, key=lambda e: e["start"]):
        if e["start"] < pos:
            continue
        parts.append(escape(article.body[pos:e["start"]]))
        style = _ENTITY_STYLE.get(e["type"], "bold")
        parts.append(f"[{style}]{escape(article.body[e['start']:e['end']])}[/]")
        pos = e["end"]
    parts.append(escape(article.body[pos:]))
    return "".join(parts)


def _stored(db: str, article_id: str) -> Article:
    with Store(db, create=False) as store:
        return store.get(article_id)


def _print_article_head(article: Article) -> None:
    out.print(f"[bold]{escape(article.title or '(untitled)')}[/]")
    date = article.published or "undated"
    if article.published and article.published_estimated:
        date += " (estimated)"
    rows = [("id", article.id), ("source", article.source), ("outlet", article.outlet), ("dateline", article.dateline),
            ("published", date), ("author", article.author), ("language", article.language),
            ("description", article.description)]
    for name, value in rows:
        if value:
            out.print(f"[dim]{name:>11}[/]  {escape(str(value))}")


@app.command()
def explain(
    article_id: IdArg,
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Show what cleaning removed from a page and why, and where each metadata value came from."""
    article = _stored(db, article_id)
    if format is Format.json:
        out.print_json(json.dumps(article.explain_json(), ensure_ascii=False))
        return
    _print_article_head(article)
    out.print("\n[bold]where the metadata came from[/]")
    for name, why in sorted(article.provenance.items()):
        out.print(f"[dim]{name:>11}[/]  {escape(why)}")
    out.print(f"\n[bold]{len(article.removed)} lines removed[/]")
    for line in article.removed:
        text = line.text if len(line.text) <= 90 else line.text[:87] + "…"
        out.print(f"[dim]{line.line_no:>4}[/] [red]{escape(text)}[/]\n      [dim]← {escape(line.reason)} "
                  f"\\[{escape(line.rule)}][/]")


@app.command()
def stats(
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Summarise the store: articles per outlet and language, dates, removed lines, skipped inputs."""
    with Store(db, create=False) as store:
        figures = store.stats()
    if format is Format.json:
        out.print_json(json.dumps(figures, ensure_ascii=False))
        return
    first, last, estimated, undated = figures["published"]
    out.print(f"[bold]{figures['articles']}[/] articles in {escape(db)}; published {first or '?'} … {last or '?'} "
              f"({estimated or 0} estimated, {undated or 0} undated)")
    _table("outlets", figures["outlets"])
    _table("languages", figures["languages"])
    _table("removed lines by rule", figures["removed_by_rule"])
    if figures["top_entities"]:
        out.print(f"\n[bold]entities[/] {figures['entities']} distinct; most often named:")
        for name, kind, entity_id, articles, mentions in figures["top_entities"]:
            out.print(f"  {escape(name)} [dim]{kind} {escape(entity_id)}: {articles} articles, {mentions} mentions[/]")
    if figures["quotes"] or figures["times"]:
        out.print(f"\n[bold]quotes[/] {figures['quotes']}; [bold]time expressions[/] {figures['times']}")
        for name, n in figures["top_speakers"]:
            out.print(f"  {n:>5}  {escape(name)}")
    if figures["recurring_lines"]:
        out.print("\n[bold]lines recurring across pages (learned furniture)[/]")
        for outlet, n, sample in figures["recurring_lines"]:
            out.print(f"  {n:>5}  {escape(outlet)}: {escape(sample[:80])}")
    out.print(f"\n[bold]{figures['skipped']}[/] skipped inputs")
    for source, line, reason, times in figures["skipped_reasons"]:
        where = f"{source}:{line}" if line else source
        out.print(f"  {escape(where)}: {escape(reason)}" + (f" (×{times})" if times > 1 else ""))


def _table(title: str, rows: list[tuple[str, int]]) -> None:
    out.print(f"\n[bold]{title}[/]")
    for name, n in rows[:15]:
        out.print(f"  {n:>6}  {escape(str(name))}")


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
    except Exception as error:  # click's usage errors
        import click

        if isinstance(error, click.ClickException):
            error.show()
            sys.exit(error.exit_code)
        raise
    if isinstance(code, int) and code:
        sys.exit(code)
