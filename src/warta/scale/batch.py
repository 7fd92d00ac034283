"""``warta batch``: clean and analyse a crawl on Dask workers into a folder of Parquet parts.

Steps, in order (``batch``):
  1. plan the shards (``warta.scale.shards.plan``) and record them in the output folder;
  2. leave out the shards a done marker says are complete (a rerun resumes);
  3. run each remaining shard as one task (``run_shard``) on a local cluster of worker processes,
     or on the cluster whose scheduler address is given, no more at once than the cluster has
     threads; results arrive as shards finish;
  4. a task that dies (an exception, or its worker crashing more often than Dask retries) is a
     shard failure: recorded in the shard's errors file and in the summary, with no done marker,
     so the next run retries it; the other shards go on. A worker that crashes once costs only the
     shard it was running, which Dask runs again on another worker (tests/test_scale.py kills one).

One shard (``run_shard``) is read, cleaned (``warta.pipeline.analyze_page``) and analysed
(``warta.annotate``, ``BATCH_SIZE`` articles at a time), and each batch is appended to the
shard's Parquet part, so a worker holds one batch of articles, whatever the corpus size. Bad
records are skipped with their reasons as ``warta ingest`` skips them.

Line statistics: the cleaning of a page sees how often its lines occur in the pages of the same
outlet read before it *in the same shard* (``warta ingest`` sees the whole store). A line that
recurs only across shards is not learned as furniture here; ``warta load`` adds every article's
lines to the store's statistics, so later ingests into that store see them all.

Cross-article linking (duplicates, stories, related articles, merged events, people named by one
word) needs every earlier article, so it is not done here: ``warta load`` does it, one article at
a time, as it stores them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from warta.annotate import Annotator
from warta.article import Skipped
from warta.errors import WartaError
from warta.model import PROFILES
from warta.pipeline import PendingLines, analysis_failed
from warta.run import Repeated, analysed
from warta.scale.parts import PartWriter, write_skip
from warta.scale.shards import SHARD_SIZE, Shard, ShardFiles, plan, read_shard, write_atomic, write_manifest

__all__ = ["batch", "run_shard", "BatchSummary", "ShardResult"]


@dataclass(slots=True)
class ShardResult:
    """What one shard task did: its counts, or why it failed."""

    shard: str
    profile: str = "default"
    pages: int = 0  # items read: pages and skipped inputs
    articles: int = 0
    skipped: int = 0
    repeated: int = 0  # pages whose id an earlier page of the shard had
    seconds: float = 0.0
    failed: str | None = None
    worker: int | None = None  # the process id of the worker that ran it
    rss_mb: int | None = None  # that worker's resident memory after the shard (its memory over a run)


@dataclass(slots=True)
class BatchSummary:
    out: str
    shards: int = 0  # planned
    finished_before: int = 0  # complete from an earlier run, not recomputed
    computed: list[str] = field(default_factory=list)  # shard ids run to completion now
    failed: dict[str, str] = field(default_factory=dict)  # shard id -> reason
    pages: int = 0  # in the shards computed now
    articles: int = 0
    skipped: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # what the user should know about the run

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: ShardResult) -> None:
        if result.failed is not None:
            self.failed[result.shard] = result.failed
            return
        self.computed.append(result.shard)
        self.pages += result.pages
        self.articles += result.articles
        self.skipped += result.skipped


OnShard = Callable[[ShardResult, BatchSummary], None]


def batch(inputs: list[str], out: str, *, workers: int | None = None, scheduler: str | None = None,
          profile: str = "default", shard_size: int = SHARD_SIZE,
          on_start: Callable[[BatchSummary], None] | None = None, on_shard: OnShard | None = None) -> BatchSummary:
    """Clean and analyse ``inputs`` into Parquet parts under ``out``; resumable (see the module docstring).

    ``workers``: processes of the local cluster (default: one per core, at most one per shard);
    ``scheduler``: the address of a running Dask scheduler to use instead (its workers must see
    the inputs and ``out`` under the same paths). ``on_start`` is called once the shards are known,
    ``on_shard`` as each one finishes or fails.
    """
    if profile not in PROFILES:
        raise WartaError(f"unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}")
    if workers is not None and scheduler:
        raise WartaError("give either a number of local workers or a scheduler address, not both")
    started = time.monotonic()
    root = Path(os.path.abspath(out))
    shards = plan(inputs, shard_size)
    root.mkdir(parents=True, exist_ok=True)
    write_manifest(root, shards)
    summary = BatchSummary(out=out, shards=len(shards))
    todo = _unfinished(root, shards, profile)
    summary.finished_before = len(shards) - len(todo)
    if on_start:
        on_start(summary)
    if todo:
        with _client(workers, scheduler, len(todo)) as client:
            summary.notes += _check_workers(client)
            for result in _run(client, todo, root, profile):
                summary.add(result)
                summary.seconds = time.monotonic() - started
                if on_shard:
                    on_shard(result, summary)
    summary.seconds = time.monotonic() - started
    return summary


def _unfinished(root: Path, shards: list[Shard], profile: str) -> list[Shard]:
    """The shards with no done marker; refuses to mix profiles in one output folder."""
    todo = []
    for shard in shards:
        done = ShardFiles(root, shard.id).finished()
        if done is None:
            todo.append(shard)
        elif done.get("profile", profile) != profile:
            raise WartaError(f"{root} holds shards analysed with the {done['profile']!r} profile; "
                             f"give --profile {done['profile']}, or another output folder")
    return todo


@contextmanager
def _client(workers: int | None, scheduler: str | None, shards: int) -> Iterator[Any]:
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    n = max(1, min(workers or os.cpu_count() or 1, shards))
    # Dask's statistical profiler samples each task's call stack every 10 ms and keeps an hour of
    # them; with spaCy's deep stacks a worker grew ~4 MB per 1,000 articles with it and stayed
    # flat without it (worker RSS after each shard, bench/batch.py). Nothing here shows the
    # dashboard's profile, so local workers run without it (docs/CAPACITY.md: remote workers).
    with dask.config.set({"distributed.worker.profile.enabled": False}), \
            LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _profiler_enabled() -> bool:
    import dask

    return bool(dask.config.get("distributed.worker.profile.enabled", True))


def _check_workers(client: Any) -> list[str]:
    """Notes on workers set up in a way that costs the batch: a remote cluster's workers that run
    Dask's profiler (local ones never do, see ``_client``)."""
    try:
        profiling = sum(client.run(_profiler_enabled).values())
    except Exception:  # noqa: BLE001  (a worker that cannot answer is not this check's business)
        return []
    if not profiling:
        return []
    return [f"{profiling} of the cluster's workers run Dask's profiler, whose history grows a worker's memory "
            "with every shard (~4 MB per 1,000 articles); start them with "
            "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False"]


def _run(client: Any, shards: list[Shard], root: Path, profile: str) -> Iterator[ShardResult]:
    """Submit one task per shard; yield each result (or failure) as it arrives."""
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]  # keys unique to this run: a shared scheduler may still hold an earlier run's
    # No more shards in flight than the cluster has threads: a worker then holds the one shard it
    # runs, and when it dies (a crash, the OOM killer) Dask blames that shard only, not shards that
    # were only waiting in the worker's queue.
    # The number of threads is asked again after each shard, so a cluster that grows (dask-jobqueue,
    # Kubernetes autoscaling) gets more shards at once.
    todo = iter(shards)
    futures: dict[Any, Shard] = {}
    done = as_completed()

    def top_up() -> None:
        slots = max(1, sum(client.nthreads().values()))
        while len(futures) < slots:
            shard = next(todo, None)
            if shard is None:
                return
            future = client.submit(run_shard, shard, str(root), profile, key=f"warta-shard-{shard.id}-{run}")
            futures[future] = shard
            done.add(future)

    top_up()
    for future in done:
        shard = futures.pop(future)
        try:
            result = future.result()
        except Exception as err:  # noqa: BLE001  (any failure of one shard is that shard's result)
            result = _record_failure(root, shard, err)
        finally:
            future.release()
        top_up()  # the next shard starts before this result is handed on
        yield result


def _record_failure(root: Path, shard: Shard, err: BaseException) -> ShardResult:
    reason = f"shard failed ({type(err).__name__}: {err}); run 'warta batch' again to retry it"
    files = ShardFiles(root, shard.id)
    tmp = files.errors.with_name(f".{files.errors.name}.{uuid.uuid4().hex}.tmp")
    files.errors.parent.mkdir(parents=True, exist_ok=True)
    with tmp.open("w", encoding="utf-8") as fh:
        write_skip(fh, Skipped(shard.describe(), reason), shard=shard.id, shard_failure=True)
    os.replace(tmp, files.errors)
    return ShardResult(shard.id, failed=reason)


# -- one shard, on a worker -----------------------------------------------------------------------


def run_shard(shard: Shard, out: str, profile: str = "default") -> ShardResult:
    """Read, clean and analyse one shard; write its part and errors, then (last) its done marker."""
    started = time.monotonic()
    files = ShardFiles(Path(out), shard.id)
    result = ShardResult(shard.id, profile)
    tag = f"{os.getpid()}.{uuid.uuid4().hex}.tmp"  # a retried task never writes over a live one's files
    part_tmp = files.part.with_name(f".part.parquet.{tag}")
    errors_tmp = files.errors.with_name(f".{files.errors.name}.{tag}")
    errors_tmp.parent.mkdir(parents=True, exist_ok=True)
    try:
        with PartWriter(part_tmp) as writer, errors_tmp.open("w", encoding="utf-8") as errors:
            _analyse(shard, profile, writer, lambda item: write_skip(errors, item), result)
        os.replace(part_tmp, files.part)
        os.replace(errors_tmp, files.errors)
    finally:
        for tmp in (part_tmp, errors_tmp):
            tmp.unlink(missing_ok=True)
    result.seconds = round(time.monotonic() - started, 3)
    _trim_memory()
    result.worker, result.rss_mb = os.getpid(), _resident_mb()
    write_atomic(files.done, json.dumps(asdict(result)) + "\n")
    return result


def _resident_mb() -> int | None:
    """This process's resident memory in MB (psutil comes with dask.distributed)."""
    try:
        import psutil

        return psutil.Process().memory_info().rss // 2**20
    except (ImportError, OSError):
        return None


def _trim_memory() -> None:
    """Give freed heap memory back to the system after a shard (glibc only), so that a worker that
    runs shard after shard in a thread of its own does not keep every arena at its high-water mark."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def _analyse(shard: Shard, profile: str, writer: PartWriter, record: Callable[[Skipped], None],
             result: ShardResult) -> None:
    """The ingest loop (``warta.run``) for one shard, writing analysed batches instead of storing
    them; the shard's own pages are its line statistics (bounded by the shard size)."""
    counts = PendingLines()

    def seen(item: object) -> None:
        result.pages += 1

    with Annotator(profile) as annotator:
        for step in analysed(read_shard(shard), annotator, counts, on_item=seen):
            if isinstance(step, Skipped):
                record(step)
                result.skipped += 1
            elif isinstance(step, Repeated):
                result.repeated += 1
            else:
                done = []
                for article, error, sig in step:
                    if error is not None or sig is None:
                        counts.remove(article)
                        record(analysis_failed(article, error or "no signature"))
                        result.skipped += 1
                    else:
                        done.append((article, sig))
                writer.write(done)
                result.articles += len(done)
