"""Outlets and datelines.

A dateline opens the first paragraph of most Indonesian reports and names the place and the
outlet: "Jakarta, CNBC Indonesia - ", "TRIBUNNEWS.COM, SURABAYA - ", "Jakarta (ANTARA) - ",
"KOMPAS.com - ", "JAKARTA - ". ``match_dateline`` recognises these forms; outlet names come from
``data/outlets.toml`` or, failing that, from a domain-like token ("TRIBUNJATIM.COM").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from warta.resources import load_toml

__all__ = ["Dateline", "match_dateline", "dateline_end", "outlet_for_domain", "outlet_for_form", "display_place"]

_DASH = r"\s*(?:- -|-{1,2}|–|—|:)\s+"
_SEP = r"\s*(?:,|\|)\s*"
_DOMAIN = r"[A-Za-z0-9][A-Za-z0-9-]*\.(?:co\.id|com|co|id|net|org|tv|news)"
# A place: one to four capitalised words ("Jakarta", "Kuala Lumpur", "NEW YORK", "Tel Aviv").
_PLACE = r"[A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]+){0,3}"
# A generic outlet name when not in the data file: capitalised words ending in a media word
# ("Kabar News", "Radar TV"); anything else after "Place, " is too often just a sentence.
_MEDIA_WORDS = r"(?:News|TV|Post|Pos|Times|Online|Media|Daily|Radio|Channel|Network|Indonesia|Today|Tribune|Herald)"
_NAME = rf"(?:[A-Z][A-Za-z0-9.]+ ){{0,2}}{_MEDIA_WORDS}"
# In "Place (Outlet) -" the brackets already say it: any one to three capitalised words.
_PAREN_NAME = r"[A-Z][A-Za-z0-9.]+(?: [A-Z][A-Za-z0-9.]+){0,2}"


@dataclass(frozen=True, slots=True)
class Dateline:
    prefix: str  # the exact text removed from the start of the paragraph
    place: str | None
    outlet: str | None
    known: bool  # outlet found in the data file
    weak: bool = False  # only a capitalised word and a dash: trust it on a page's first paragraph only


@cache
def _outlets() -> tuple[dict[str, str], dict[str, str]]:
    forms: dict[str, str] = {}
    domains: dict[str, str] = {}
    for entry in load_toml("outlets.toml")["outlet"]:
        for form in [entry["name"], *entry.get("forms", [])]:
            forms[form.casefold()] = entry["name"]
        for domain in entry.get("domains", []):
            domains[domain.casefold()] = entry["name"]
    return forms, domains


@cache
def _patterns() -> list[re.Pattern[str]]:
    forms, _ = _outlets()
    known = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    outlet = rf"(?P<outlet>{known}|{_DOMAIN})"
    flags = re.IGNORECASE
    return [
        # Jakarta (ANTARA) -   /   Samarinda, Kalimantan Timur (ANTARA News) -
        re.compile(rf"^(?P<place>{_PLACE})(?:,\s*{_PLACE})?\s*\((?P<outlet>(?i:{known}|{_DOMAIN})|{_PAREN_NAME})\){_DASH}"),
        # Jakarta, CNBC Indonesia -   /   JAKARTA, KOMPAS.com -
        re.compile(rf"^(?P<place>{_PLACE}){_SEP}(?i:{outlet}){_DASH}"),
        # TRIBUNNEWS.COM, SURABAYA -   /   Liputan6.com, Jakarta -   /   SURYA.co.id | SURABAYA -
        re.compile(rf"^(?i:{outlet}){_SEP}(?P<place>{_PLACE}){_DASH}"),
        # KONTAN.CO.ID - JAKARTA.
        re.compile(rf"^(?i:{outlet})\s*(?:-{{1,2}}|–|—)\s*(?P<place>[A-Z]{{3,}}(?: [A-Z]{{3,}}){{0,2}})\.\s+"),
        # KOMPAS.com -
        re.compile(rf"^(?i:{outlet}){_DASH}", flags),
        # Jakarta, Some Outlet -  (outlet not in the data file)
        re.compile(rf"^(?P<place>{_PLACE}),\s*(?P<outlet>{_NAME}){_DASH}"),
        # JAKARTA -   (place only, in capitals)
        re.compile(r"^(?P<place>[A-Z]{3,}(?:[ -][A-Z]{3,}){0,2})\s*(?:-{1,2}|–|—)\s+"),
        # Jakarta -   (place only, one or two capitalised words, then a capitalised sentence)
        re.compile(r"^(?P<place>[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)\s+(?:-{1,2}|–|—)\s+(?=[A-Z\"“])"),
    ]


def display_place(place: str) -> str:
    """'SURABAYA' -> 'Surabaya'; mixed case is kept as printed."""
    return place.title() if place.isupper() else place


def outlet_for_form(form: str) -> str | None:
    return _outlets()[0].get(form.casefold())


def outlet_for_domain(url_or_domain: str) -> str | None:
    try:
        host = urlsplit(url_or_domain).hostname if "/" in url_or_domain else url_or_domain
    except ValueError:  # "http://[broken" (a crawl's bad URI): no host to name an outlet by
        return None
    host = (host or "").casefold()
    domains = _outlets()[1]
    while host:
        if host in domains:
            return domains[host]
        host = host.partition(".")[2]
    return None


def match_dateline(line: str) -> Dateline | None:
    """The dateline at the start of ``line``, or None."""
    head = line[:120]
    patterns = _patterns()
    for number, pattern in enumerate(patterns):
        found = pattern.match(head)
        if not found:
            continue
        groups = found.groupdict()
        place = groups.get("place")
        outlet_text = groups.get("outlet")
        outlet = _known_outlet(outlet_text) if outlet_text else None
        if outlet_text and outlet is None and "." in outlet_text:
            outlet = outlet_for_domain(outlet_text) or _domain_display(outlet_text)
        elif outlet_text and outlet is None:
            outlet = outlet_text
        if place and outlet_for_form(place):  # "KOMPAS.com, JAKARTA" matched the other way round
            place, outlet = None, outlet_for_form(place)
        return Dateline(prefix=found.group(0), place=display_place(place) if place else None,
                        outlet=outlet, known=bool(outlet_text and outlet_for_form(outlet_text)),
                        weak=number == len(patterns) - 1)
    return None


_BYLINE_WORDS = 12  # words of a byline before the dateline it runs into ("Laporan Wartawan X.com, Nama")


def dateline_end(text: str) -> int:
    """Where the dateline that opens an article's text ends ("Jakarta, CNN Indonesia -- ", "Bandung
    (ANTARA News) - "), also after a byline on the same line ("Laporan Reporter Tribunnews.com, Reza
    Deni TRIBUNNEWS.COM, JAKARTA - "); -1 if the text opens with none. Its place and outlet are
    the page's metadata, not what the story names: no speaker, no actor."""
    line = text[:text.find("\n")] if "\n" in text[:400] else text[:400]
    found = match_dateline(line)
    if found is not None and not found.weak:
        return len(found.prefix)
    for k, word in enumerate(re.finditer(r"\S+", line)):
        if k >= _BYLINE_WORDS:
            break
        if k and word.group()[:1].isupper():
            found = match_dateline(line[word.start():])
            if found is not None and found.outlet is not None and not found.weak:
                return word.start() + len(found.prefix)
    return -1


def _known_outlet(text: str) -> str | None:
    """The data file's outlet for a dateline's outlet text, also when it starts with a known form
    ("ANTARA Bews" -> ANTARA)."""
    found = outlet_for_form(text)
    if found is None and " " in text:
        found = outlet_for_form(text.split(" ", 1)[0])
    return found


def _domain_display(token: str) -> str:
    """'TRIBUNJATIM.COM' -> 'Tribunjatim.com'; 'Suara.com' stays."""
    if token.isupper():
        name, _, tld = token.partition(".")
        return f"{name.capitalize()}.{tld.lower()}"
    return token
