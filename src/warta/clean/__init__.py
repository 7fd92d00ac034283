"""Cleaning: from a scraped page's text to the article a reader saw.

Steps, in order (``clean_text``):
  1. split into lines; blank lines go;
  2. find the dateline ("Jakarta, CNBC Indonesia - ") among the first lines: it opens the body;
     the lines before it are the header (headline -> title, standfirst -> description, date line,
     byline);
  3. classify each body line: furniture patterns (``data/furniture.toml``), lines that recur
     across many pages of the same outlet (corpus statistics from the store), structure
     (fragments, headline lists, everything after an end-of-article marker);
  4. decide title-like lines by context: a subheading between paragraphs stays, a run of
     headlines is a related-articles list and goes;
  5. every removed line keeps its rule and reason for ``warta explain``.
"""

from warta.clean.model import CleanResult
from warta.clean.page import LineCounts, clean_text, line_key

__all__ = ["CleanResult", "LineCounts", "clean_text", "line_key"]
