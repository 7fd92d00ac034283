"""The demo corpus (samples/, issue 26): ingested as `make demo` ingests it, it shows the cross-article
picture: a story told by several outlets, a republished copy found as a duplicate, an event reported by
several articles merged into one entry, and no source disagreeing with itself."""

from __future__ import annotations

from pathlib import Path

import pytest

import warta.api
from warta.store import Store, views

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    warta.api.ingest([str(SAMPLES)], str(path))
    with Store(path) as s:
        yield s


def test_the_largest_story_is_told_by_several_outlets_with_a_copy_and_a_merged_event(store: Store) -> None:
    (top,) = views.list_stories(store, order="size", limit=1)["items"]
    story = views.story(store, top["id"])
    originals = [a for a in story["articles"] if not a["duplicate_of"]]
    copies = [a for a in story["articles"] if a["duplicate_of"]]
    assert len(originals) >= 4 and len({a["outlet"] for a in originals}) >= 3
    assert copies and all(c["duplicate_of"] in {a["id"] for a in originals} for c in copies)
    merged = [e for e in story["events"] if len(e["articles"]) >= 2]
    assert merged, "one event reported by two articles is one entry"
    assert all(len(set(e["articles"])) == len(e["articles"]) for e in story["events"])
    assert store.stats()["duplicates"] >= 1


def test_no_story_shows_an_article_disagreeing_with_itself(store: Store) -> None:
    for item in views.list_stories(store, limit=100)["items"]:
        for d in views.story(store, item["id"])["disagreements"]:
            articles = {source.rsplit("(", 1)[-1].rstrip(")") for sources in d["values"].values() for source in sources}
            assert len(articles) >= 2, d


def test_the_demo_story_files_say_where_they_come_from() -> None:
    readme = (SAMPLES.parent / "docs" / "demo-story.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in readme and "build_demo_story.py" in readme
    assert Path(SAMPLES / "story" / "indosum_story.jsonl").stat().st_size > 1000
