"""The commands that read the store: search, quotes, timeline, story, related, entity, show, explain, stats."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.markup import escape

from warta.article import Article, clip, headline
from warta.cli.common import DbOption, Format, FormatOption, IdArg, SinceOption, UntilOption, app, err, out, plural
from warta.store import DEFAULT_DB, HIGHLIGHT, Store, views


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; FTS5 syntax works: \"exact phrase\", OR, NOT, pre*.")],
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most hits to show.")] = 20,
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Full-text search over titles and bodies, best hits first, with highlighted snippets."""
    with Store(db, create=False) as store:
        total, hits = store.find(query, outlet=outlet, since=since, until=until, limit=limit)
        titles = store.headlines([h.id for h in hits if not h.title])
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
        title = hit.title or titles.get(hit.id, hit.id)
        out.print(f"[bold]{rank}. {escape(title)}[/]  [dim]{escape(hit.outlet or '?')} · "
                  f"{hit.published or 'undated'} · {hit.id}[/]")
        out.print(f"   {snippet.replace(chr(10), ' ')}")
    err.print(f"[dim]{_shown(len(hits), total, 'hit')}; 'warta show ID --db {escape(db)}' prints one article[/]")


def _shown(shown: int, total: int, word: str, many: str | None = None) -> str:
    """'3 hits', or '20 of 57 hits (--limit for more)'."""
    if total <= shown:
        return plural(shown, word, many)
    return f"{shown} of {plural(total, word, many)} (--limit for more)"


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
        total = store.count_quotes(speaker=speaker, query=query, article=article) if len(hits) >= limit else len(hits)
        titles = store.headlines([h.article_id for h in hits if not h.title])
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
        out.print(f"     [dim]{escape(hit.title or titles.get(hit.article_id, hit.article_id))} · "
                  f"{escape(hit.outlet or '?')} · {hit.published or 'undated'} · {hit.article_id}[/]")
    err.print(f"[dim]{_shown(len(hits), total, 'quote')}[/]")


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


NameArg = Annotated[str, typer.Argument(metavar="NAME", help="A person, organisation or place by any of its names.")]


def _event_line(event: dict) -> str:
    who = ", ".join(event.get("actors") or []) or "?"
    whom = ", ".join(event.get("targets") or [])
    extra = [f"at {event['place']}" if event.get("place") else "", f"×{event['count']}" if event.get("count") else "",
             f"per {event['source']}" if event.get("source") else ""]
    line = f"[bold]{event['type']}[/] [dim]{event['modality']}[/] {escape(who)}"
    return line + (f" → {escape(whom)}" if whom else "") + "".join(f" [dim]{escape(x)}[/]" for x in extra if x)


def _print_entries(entries: list[dict]) -> None:
    for entry in entries:
        via = f" [dim](as {escape('; '.join(entry['via']))})[/]" if entry.get("via") else ""
        out.print(f"  [bold]{entry['date'] or 'undated':<12}[/] {_event_line(entry['event'])}{via}")
        out.print(f"     [dim]“{escape(clip(entry['event'].get('text', ''), 160))}”[/]")
        for article_id in entry["articles"]:
            out.print(f"     [dim]· {escape(entry['titles'].get(article_id) or article_id)} {article_id}[/]")
        if entry.get("copies"):
            out.print(f"     [dim]  and {plural(len(entry['copies']), 'copy', 'copies')} of those pages[/]")


def _fill_titles(store: Store, entries: list[dict]) -> None:
    """Stand-in titles (``article.headline``) for the untitled articles of timeline entries, in place."""
    found = store.headlines([i for e in entries for i, t in e["titles"].items() if not t])
    for e in entries:
        e["titles"] = {i: t or found.get(i) for i, t in e["titles"].items()}


@app.command()
def timeline(
    name: NameArg,
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Events involving a person, organisation or place (any alias), merged across articles, oldest
    first, each with the articles that report it; planned and possible events at their expected date."""
    with Store(db, create=False) as store:
        entries = views.timeline(store, name)
        _fill_titles(store, entries)
    if format is Format.json:
        keep = ("date", "event", "articles", "via", "copies", "event_id")
        sys.stdout.write(json.dumps([{k: e[k] for k in keep if k in e} for e in entries], ensure_ascii=False) + "\n")
        return
    if not entries:
        err.print(f"no dated events involve {name!r} yet")
        return
    out.print(f"[bold]timeline of {escape(name)}[/] [dim]{plural(len(entries), 'event')}[/]")
    _print_entries(entries)


@app.command()
def stories(
    order: Annotated[str, typer.Option("--order", help="'size': the largest first; 'recent': the newest first.")
                     ] = "size",
    min_articles: Annotated[int, typer.Option("--min", help="Only stories of at least this many articles.")] = 2,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most stories to show.")] = 10,
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Developing stories: articles about one thing across outlets and days, with their outlets,
    dates and copies; 'warta story ID' shows one."""
    if order not in views.STORY_ORDERS:
        raise typer.BadParameter(f"{order!r}: write 'size' or 'recent'", param_hint="'--order'")
    with Store(db, create=False) as store:
        found = views.list_stories(store, order=order, min_articles=max(min_articles, 1), limit=limit)
    if format is Format.json:
        for s in found["items"]:
            sys.stdout.write(json.dumps(s, ensure_ascii=False) + "\n")
        return
    if not found["items"]:
        err.print(f"no story of {plural(min_articles, 'article')} or more; '--min 1' lists every story")
        return
    for s in found["items"]:
        copies = f", {plural(s['copies'], 'copy', 'copies')}" if s["copies"] else ""
        out.print(f"[bold]{escape(s['title'] or s['id'])}[/]")
        out.print(f"   [dim]{s['id']} · {plural(s['articles'], 'article')}{copies} from "
                  f"{escape(', '.join(s['outlets']) or '?')} · {s['first_published'] or '?'} … "
                  f"{s['last_published'] or '?'}[/]")
    err.print(f"[dim]{_shown(len(found['items']), found['total'], 'story', 'stories')}; "
              f"'warta story ID --db {escape(db)}' shows one[/]")


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="Story id (from 'warta show' or export).")],
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """One developing story: its articles oldest first, its merged events, and the facts its sources
    state differently (counts, dates, places), each with who says what."""
    with Store(db, create=False) as store:
        found = views.story(store, story_id)
        titles = store.headlines([a["id"] for a in found["articles"]])
        _fill_titles(store, found["events"])
    if format is Format.json:
        out.print_json(json.dumps(found, ensure_ascii=False))
        return
    first = found["articles"][0]["id"] if found["articles"] else None
    title = found["title"] or titles.get(first or "") or "(a story without articles)"
    outlets = {a["outlet"] for a in found["articles"] if a["outlet"]}
    out.print(f"[bold]{escape(title)}[/] [dim]{found['id']} · {plural(len(found['articles']), 'article')} from "
              f"{plural(len(outlets), 'outlet')} · "
              f"{found['first_published'] or '?'} … {found['last_published'] or '?'}[/]")
    for a in found["articles"]:
        copy = f" [dim](copy of {a['duplicate_of']})[/]" if a["duplicate_of"] else ""
        out.print(f"  {a['published'] or 'undated'}  {escape(a['outlet'] or '?')}: "
                  f"{escape(titles.get(a['id'], a['id']))} [dim]{a['id']}[/]{copy}")
    if found["events"]:
        out.print("\n[bold]events[/]")
        _print_entries(found["events"])
    if found["disagreements"]:
        out.print("\n[bold]sources disagree[/]")
        for d in found["disagreements"]:
            out.print(f"  {d['event']} {escape(', '.join(d['actors']))}: {d['fact']}")
            for value, sources in d["values"].items():
                out.print(f"     {escape(value)}: {escape('; '.join(sources))}")


@app.command()
def related(
    article_id: IdArg,
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Articles related to one article (the people, organisations and places they share), most similar first."""
    with Store(db, create=False) as store:
        found = views.related(store, article_id)
        titles = store.headlines([row["id"] for row in found if not row["title"]])
    if format is Format.json:
        for row in found:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    for row in found:
        out.print(f"  {row['score']:.2f}  {row['published'] or 'undated'}  {escape(row['outlet'] or '?')}: "
                  f"{escape(row['title'] or titles.get(row['id'], row['id']))} [dim]{row['id']} {row['story']}[/]")
    if not found:
        err.print("no related articles stored")


@app.command()
def entity(
    name: NameArg,
    format: FormatOption = Format.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Profile of a person, organisation or place: names used, roles, mentions over time, statements,
    events, and who or what is named with it most often."""
    with Store(db, create=False) as store:
        profile = views.entity_profile(store, name)
    if format is Format.json:
        out.print_json(json.dumps(profile, ensure_ascii=False))
        return
    out.print(f"[bold]{escape(profile['name'])}[/] [dim]{profile['type']} {profile['id']} · "
              f"{profile['articles']} articles, {profile['mentions']} mentions[/]")
    out.print(f"  [dim]written as[/] {escape(', '.join(f'{t} ×{n}' for t, n in profile['aliases']))}")
    if profile["roles"]:
        out.print(f"  [dim]roles[/] {escape('; '.join(r for r, _ in profile['roles']))}")
    if profile["speaks_for"]:
        out.print(f"  [dim]speaks for[/] {escape('; '.join(profile['speaks_for'].values()))}")
    if profile["mentions_by_month"]:
        top = max(n for _, n in profile["mentions_by_month"])
        out.print("\n[bold]mentions by month[/]")
        for month, n in profile["mentions_by_month"]:
            out.print(f"  {month}  {'█' * max(1, round(30 * n / top))} {n}")
    if profile["co_occurring"]:
        out.print("\n[bold]named with[/]")
        for other in profile["co_occurring"]:
            out.print(f"  {escape(other['name'])} [dim]{other['type']} · {other['articles']} articles[/]")
    if profile["quotes"]:
        out.print("\n[bold]statements[/]")
        for q in profile["quotes"][:10]:
            _print_quote(q)
    if profile["events"]:
        out.print("\n[bold]timeline[/]")
        _print_entries(profile["events"])


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
    if article.events:
        out.print()
        out.print("[bold]events[/]")
        for event in article.events:
            when = event.get("time") or "undated"
            out.print(f"  [bold]{escape(when):<12}[/] {_event_line(event)}")
    if article.story or article.related or article.duplicate_of:
        out.print()
        if article.duplicate_of:
            out.print(f"[bold]copy of[/] {article.duplicate_of}")
        out.print(f"[bold]story[/] {article.story}  [dim]('warta story ID' for the whole thread)[/]")
        if article.related:
            out.print(f"[bold]related[/] {', '.join(article.related[:5])}  [dim]('warta related ID')[/]")
    if article.times:
        out.print()
        out.print("[bold]times[/]")
        for t in article.times:
            mod = f" {t['mod']}" if t.get("mod") else ""
            out.print(f"  {escape(t['text'])} [dim]→[/] [bold]{escape(t['value'])}[/] [dim]{t['type']}{mod}[/]")


_ENTITY_STYLE = {"PER": "bold cyan", "ORG": "bold magenta", "LOC": "bold green", "MISC": "bold yellow"}


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
    untitled = "" if article.title else " [dim](untitled)[/]"
    out.print(f"[bold]{escape(headline(article.title, article.body))}[/]{untitled}")
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
        text = clip(line.text, 90)
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
    out.print(f"\n[bold]events[/] {figures['events']} ({plural(figures['event_reports'], 'report')}); "
              f"[bold]stories[/] {figures['stories']}; [bold]copies of other pages[/] {figures['duplicates']}")
    if figures["quotes"] or figures["times"]:
        out.print(f"\n[bold]quotes[/] {figures['quotes']}; [bold]time expressions[/] {figures['times']}")
        for name, n in figures["top_speakers"]:
            out.print(f"  {n:>5}  {escape(name)}")
    if figures["recurring_lines"]:
        out.print("\n[bold]lines recurring across pages (learned furniture)[/]")
        for outlet, n, sample in figures["recurring_lines"]:
            out.print(f"  {n:>5}  {escape(outlet)}: {escape(clip(sample, 80))}")
    out.print(f"\n[bold]{figures['skipped']}[/] skipped inputs")
    for source, line, reason, times in figures["skipped_reasons"]:
        where = f"{source}:{line}" if line else source
        out.print(f"  {escape(where)}: {escape(reason)}" + (f" (×{times})" if times > 1 else ""))


_TABLE_ROWS = 15


def _table(title: str, rows: list[tuple[str, int]]) -> None:
    out.print(f"\n[bold]{title}[/]")
    for name, n in rows[:_TABLE_ROWS]:
        out.print(f"  {n:>6}  {escape(str(name))}")
    if len(rows) > _TABLE_ROWS:
        rest = rows[_TABLE_ROWS:]
        out.print(f"  [dim]and {len(rest)} more ({sum(n for _, n in rest)} in all; "
                  "'--format json' lists them all)[/]")

