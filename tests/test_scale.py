"""warta batch / warta load (warta.scale): shards read what ingest reads; a batch over a local Dask
cluster then a load gives the store a plain ingest gives; reruns resume; a poisoned shard fails alone."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
import typer
from distributed import WorkerPlugin
from typer.testing import CliRunner

from warta.api import ingest
from warta.cli.scale import batch_command, load_command
from warta.ingest import iter_pages
from warta.scale import batch, load_parts
from warta.scale.shards import ShardFiles, plan, read_shard
from warta.store import Store

from .conftest import FIXTURES, SAMPLES

COMPARED = ("id", "source", "outlet", "title", "published", "body", "entities", "quotes", "times", "events",
            "story", "related", "duplicate_of")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One local cluster shared by the tests that do not test cluster start-up, so the language
    model is loaded once per worker for all of them."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def _pages(tmp_path: Path) -> list[str]:
    """Three shards of sample pages (two folders, one file) and the sample WARC crawl. The second
    folder holds a re-published copy of a page in the first (another comment count), so duplicate
    detection across shards is exercised."""
    first, second = tmp_path / "pages_a", tmp_path / "pages_b"
    first.mkdir()
    second.mkdir()
    for name in ("000_09b007a026472c31.txt", "antara_surabaya.txt", "detik_news.txt"):
        shutil.copy(SAMPLES / name, first / name)
    for name in ("kompas_regional.txt", "tempo_nasional.txt"):
        shutil.copy(SAMPLES / name, second / name)
    copy = (SAMPLES / "detik_news.txt").read_text(encoding="utf-8").replace("0 komentar", "12 komentar", 1)
    (second / "zz_detik_copy.txt").write_text(copy, encoding="utf-8")
    single = tmp_path / "tribunnews_subheading.txt"
    shutil.copy(SAMPLES / "tribunnews_subheading.txt", single)
    return [str(first), str(second), str(single), str(SAMPLES / "crawl-sample.warc.gz")]


def _exported(db: str) -> list[dict]:
    with Store(db, create=False) as store:
        return [{k: a.to_json()[k] for k in COMPARED} for a in store.iter_articles()]


def _skips(db: str) -> list[tuple]:
    with Store(db, create=False) as store:
        return sorted(store.conn.execute("SELECT source, line, reason FROM skipped").fetchall())


def test_shards_read_exactly_what_ingest_reads(tmp_path: Path) -> None:
    inputs = [str(FIXTURES / "sample.jsonl"), str(FIXTURES / "bad" / "malformed.jsonl"),
              str(SAMPLES / "crawl-sample.warc.gz"), str(FIXTURES / "sample.warc"), str(SAMPLES / "*.txt"),
              str(tmp_path / "missing.txt")]
    expected = [str(item) if not hasattr(item, "content") else (item.source, item.id, item.content)
                for item in iter_pages([*inputs[:4], *sorted(map(str, SAMPLES.glob("*.txt"))), inputs[5]])]
    for size in (1, 2, 3, 1000):
        shards = plan(inputs, size)
        got = [str(item) if not hasattr(item, "content") else (item.source, item.id, item.content)
               for shard in shards for item in read_shard(shard)]
        assert got == expected, size
        assert [s.id for s in plan(inputs, size)] == [s.id for s in shards]  # stable
        assert len({s.id for s in shards}) == len(shards)
    split = plan([str(FIXTURES / "sample.jsonl")], 2)
    assert [(s.kind, s.start, s.stop) for s in split] == [("jsonl", 1, 3), ("jsonl", 3, 5), ("jsonl", 5, None)]
    # 21 pages in groups of up to 5 around the WARC (4, the WARC, 5, 5, 5, 1), then the demo story:
    # its JSONL of 6 articles in two shards and the republished page
    assert len(plan([str(SAMPLES)], 5)) == 6 + 2 + 1


def test_batch_then_load_gives_what_ingest_gives(tmp_path: Path) -> None:
    """A batch over a local cluster of 2 workers, loaded into a store, is the store a plain ingest of
    the same inputs makes: same articles in the same order, with the same bodies, entities,
    quotes, times, events, stories, related articles and duplicates, and the same skipped inputs.

    Cleaning in a batch sees only its shard's line statistics, ingest sees the whole store's; the
    inputs are pages of different outlets (and one copy of a page), where no line recurs on 3
    pages of one outlet, so both see the same furniture and make the same bodies."""
    inputs = _pages(tmp_path)
    out = tmp_path / "out"
    summary = batch(inputs, str(out), workers=2)
    assert summary.shards == 4 and len(summary.computed) == 4 and not summary.failed
    assert summary.notes == []  # local workers run without the profiler
    assert summary.articles == 10 and summary.skipped == 2 and summary.pages == 12

    part = ShardFiles(out, plan(inputs)[0].id).part
    import pyarrow.parquet as pq

    columns = pq.read_schema(part).names
    assert {"id", "body", "entities", "quotes", "times", "events", "removed", "line_keys", "signature"} <= set(columns)
    markers = [json.loads(ShardFiles(out, s.id).done.read_text()) for s in plan(inputs)]
    assert len({m["worker"] for m in markers}) == 2  # two worker processes shared the shards
    assert all(100 < m["rss_mb"] < 4000 for m in markers)  # each one's memory after its shard

    loaded = load_parts(str(out), str(tmp_path / "batch.db"))
    assert (loaded.stored, loaded.unchanged, loaded.skipped, loaded.unfinished) == (10, 0, 2, [])
    ingested = ingest(inputs, str(tmp_path / "ingest.db"))
    assert ingested.stored == 10

    from_batch, from_ingest = _exported(str(tmp_path / "batch.db")), _exported(str(tmp_path / "ingest.db"))
    assert [a["id"] for a in from_batch] == [a["id"] for a in from_ingest]
    for mine, theirs in zip(from_batch, from_ingest, strict=True):
        assert mine == theirs, mine["id"]
    assert sum(a["duplicate_of"] is not None for a in from_batch) == 1
    assert any(a["events"] for a in from_batch) and any(a["quotes"] for a in from_batch)
    assert _skips(str(tmp_path / "batch.db")) == _skips(str(tmp_path / "ingest.db"))

    again = load_parts(str(out), str(tmp_path / "batch.db"))  # safe to run again
    assert (again.stored, again.unchanged) == (0, 10)
    assert _exported(str(tmp_path / "batch.db")) == from_batch


def test_rerun_recomputes_only_unfinished_shards(tmp_path: Path, scheduler: str) -> None:
    inputs = _pages(tmp_path)
    out = tmp_path / "out"
    first = batch(inputs, str(out), scheduler=scheduler, profile="fast")
    assert len(first.computed) == 4 and first.finished_before == 0
    # this cluster's two workers were started with Dask's defaults, profiler on: the run says so
    assert len(first.notes) == 1 and first.notes[0].startswith("2 of the cluster's workers run Dask's profiler")

    shards = plan(inputs)
    parts = {s.id: ShardFiles(out, s.id).part.stat().st_mtime_ns for s in shards}
    interrupted = shards[1].id
    ShardFiles(out, interrupted).done.unlink()  # as if the run had stopped before this shard finished

    second = batch(inputs, str(out), scheduler=scheduler, profile="fast")
    assert second.computed == [interrupted] and second.finished_before == 3
    assert second.pages == 3 and second.articles == 3
    after = {s.id: ShardFiles(out, s.id).part.stat().st_mtime_ns for s in shards}
    assert [i for i in parts if after[i] != parts[i]] == [interrupted]

    third = batch(inputs, str(out), scheduler=scheduler, profile="fast")
    assert third.computed == [] and third.finished_before == 4
    with pytest.raises(Exception, match="profile"):
        batch(inputs, str(out), scheduler=scheduler, profile="default")


def test_poisoned_shard_fails_alone(tmp_path: Path, scheduler: str) -> None:
    poisoned = tmp_path / "poisoned"
    poisoned.mkdir()
    shutil.copy(FIXTURES / "bad" / "malformed.jsonl", poisoned / "feed.jsonl")
    shutil.copy(FIXTURES / "bad" / "binary.bin", poisoned / "page.bin")
    good = tmp_path / "good.txt"
    shutil.copy(SAMPLES / "kompas_regional.txt", good)
    crashing = tmp_path / "crash.txt"
    shutil.copy(SAMPLES / "tempo_nasional.txt", crashing)
    inputs = [str(poisoned), str(good), str(crashing)]
    out = tmp_path / "out"
    jsonl_shard, binary_shard, good_shard, crash_shard = (s.id for s in plan(inputs))
    # the crashing shard's task cannot create its part's folder: an exception that kills the task
    blocker = ShardFiles(out, crash_shard).part.parent
    blocker.parent.mkdir(parents=True)
    blocker.write_text("not a folder")

    summary = batch(inputs, str(out), scheduler=scheduler, profile="fast")
    assert list(summary.failed) == [crash_shard] and "shard failed" in summary.failed[crash_shard]
    assert sorted(summary.computed) == sorted([binary_shard, jsonl_shard, good_shard])
    assert summary.articles == 4 and summary.skipped == 3  # 3 good JSONL records and the page; 3 bad inputs
    errors = [json.loads(line) for s in (jsonl_shard, binary_shard)
              for line in ShardFiles(out, s).errors.read_text().splitlines()]
    assert sorted((Path(e["source"]).name, e["line"]) for e in errors) == [
        ("feed.jsonl", 3), ("feed.jsonl", 4), ("page.bin", None)]
    failure = json.loads(ShardFiles(out, crash_shard).errors.read_text())
    assert failure["shard_failure"] and failure["source"] == str(crashing)
    assert ShardFiles(out, crash_shard).finished() is None

    app = typer.Typer()
    app.command("batch")(batch_command)
    app.command("load")(load_command)
    db = str(tmp_path / "news.db")
    done = CliRunner().invoke(app, ["load", str(out), "--db", db])
    assert done.exit_code == 0, done.output
    assert "4 stored" in done.output and "1 shards are not finished" in done.output
    assert len(_skips(db)) == 3

    blocker.unlink()  # the cause is gone: a rerun retries the failed shard only
    done = CliRunner().invoke(app, ["batch", *inputs, "--out", str(out), "--scheduler", scheduler,
                                    "--profile", "fast"])
    assert done.exit_code == 0, done.output
    assert "1 of 4 shards analysed (3 done before)" in done.output
    assert ShardFiles(out, crash_shard).errors.read_text() == ""
    done = CliRunner().invoke(app, ["load", str(out), "--db", db])
    assert "1 stored, 4 unchanged" in done.output


class _CrashWorker(WorkerPlugin):
    """A Dask worker plugin that kills its worker process (``os._exit``: no exception, no cleanup,
    as a segfault or the OOM killer would) when the task of one shard starts executing, ``times``
    times in all (counted in a file, since each crash takes the plugin's memory with it)."""

    def __init__(self, shard: str, counter: str, times: int):
        self.shard, self.counter, self.times = shard, counter, times

    def transition(self, key, start, finish, **kwargs) -> None:  # noqa: ANN001
        import os

        if finish != "executing" or not str(key).startswith(f"warta-shard-{self.shard}-"):
            return
        path = Path(self.counter)
        crashes = len(path.read_text()) if path.exists() else 0
        if crashes < self.times:
            path.write_text("x" * (crashes + 1))
            os._exit(1)


@pytest.mark.parametrize("times", [1, 9], ids=["crash once", "crash every time"])
def test_worker_crash_reruns_only_its_shard(tmp_path: Path, times: int) -> None:
    """A worker process that dies in the middle of a shard: Dask runs the shard again on a new
    worker; the other shards run once. A shard whose worker dies on every try fails alone and the
    next run retries it, and only it."""
    import cloudpickle
    from distributed import Client, LocalCluster

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    inputs = _pages(tmp_path)
    out = tmp_path / "out"
    shards = [s.id for s in plan(inputs)]
    target, counter = shards[1], tmp_path / "crashes"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.register_plugin(_CrashWorker(target, str(counter), times), name="crash")
        summary = batch(inputs, str(out), scheduler=cluster.scheduler_address, profile="fast")
    crashes = len(counter.read_text())
    allowed = dask.config.get("distributed.scheduler.allowed-failures")
    runs = {s: json.loads(ShardFiles(out, s).done.read_text()) for s in shards if ShardFiles(out, s).finished()}
    if times == 1:
        assert crashes == 1 and not summary.failed and sorted(summary.computed) == sorted(shards)
        assert set(runs) == set(shards)
    else:
        assert crashes == allowed + 1  # the first try and every retry Dask allows
        assert list(summary.failed) == [target] and "KilledWorker" in summary.failed[target]
        assert set(runs) == set(shards) - {target}
        parts = {s: ShardFiles(out, s).part.stat().st_mtime_ns for s in runs}
        again = batch(inputs, str(out), workers=1, profile="fast")  # the crash's cause is gone
        assert again.computed == [target] and not again.failed
        assert {s: ShardFiles(out, s).part.stat().st_mtime_ns for s in runs} == parts
    loaded = load_parts(str(out), str(tmp_path / "news.db"))
    assert loaded.unfinished == [] and loaded.stored == 10


def test_local_workers_run_without_the_dask_profiler() -> None:
    """The local cluster's workers do not sample call stacks (the profiler's history grew a worker's
    memory with every shard, bench/batch.py), while the rest of Dask's configuration is kept."""
    from warta.scale.batch import _client

    with _client(2, None, 2) as client:
        seen = client.run(lambda: (dask.config.get("distributed.worker.profile.enabled"),
                                   dask.config.get("distributed.scheduler.allowed-failures")))
    assert len(seen) == 2
    assert set(seen.values()) == {(False, dask.config.get("distributed.scheduler.allowed-failures"))}
    assert dask.config.get("distributed.worker.profile.enabled")  # this process's config is as it was


def test_commands_have_help_text() -> None:
    import typer.main

    app = typer.Typer()
    app.command("batch")(batch_command)
    app.command("load")(load_command)
    group = typer.main.get_command(app)
    assert set(group.commands) == {"batch", "load"}  # type: ignore[attr-defined]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help and len(command.help) > 20, f"{name} has no help text"
        for param in command.params:
            assert getattr(param, "help", None), f"{name} {param.name} has no help"
