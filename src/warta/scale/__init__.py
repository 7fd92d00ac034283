"""Scale-out batch mode: clean and analyse a crawl on Dask workers into Parquet, then load it.

    >>> from warta.scale import batch, load_parts
    >>> summary = batch(["crawl/"], "out/", workers=8)     # resumable: run again to finish or retry
    >>> load_parts("out/", "news.db")                            # cross-article linking, safe to run again

Modules, in the order data moves: ``shards`` (plan the inputs into shards, read a shard, the
output folder's layout), ``batch`` (one task per shard on a Dask cluster), ``parts`` (the Parquet
part and errors file a shard writes), ``loading`` (parts into the store: ``load_parts``), ``cli`` (``warta batch``,
``warta load``).
"""

from warta.scale.batch import BatchSummary, ShardResult, batch
from warta.scale.loading import LoadSummary, load_parts

__all__ = ["batch", "load_parts", "BatchSummary", "LoadSummary", "ShardResult"]
