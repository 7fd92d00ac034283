"""Scale-out batch mode: clean and analyse a crawl on Dask workers into Parquet, then load it.

    >>> from warta.scale import batch, load
    >>> summary = batch(["crawl/"], "out/", workers=8)     # resumable: run again to finish or retry
    >>> load("out/", "news.db")                            # cross-article linking, safe to run again

Modules, in the order data moves: ``shards`` (plan the inputs into shards, read a shard, the
output folder's layout), ``batch`` (one task per shard on a Dask cluster), ``parts`` (the Parquet
part and errors file a shard writes), ``load`` (parts into the store), ``cli`` (``warta batch``,
``warta load``).
"""

from warta.scale.batch import BatchSummary, ShardResult, batch
from warta.scale.load import LoadSummary, load

__all__ = ["batch", "load", "BatchSummary", "LoadSummary", "ShardResult"]
