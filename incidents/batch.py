"""Parallel extraction over a pool of worker processes, results in input order.

Each worker loads the spaCy model once (``incidents.nlp.pipeline.get_nlp`` is cached per
process).  Articles travel to the workers in chunks; ``imap`` keeps the input order, so the
output order never depends on which worker finishes first.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator

from incidents.model import Article, Extraction, Failure


def _init_worker() -> None:
    # Keep each worker on one thread: the pool is the parallelism.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from incidents.nlp.pipeline import get_nlp

    get_nlp()


def _work(item: Article | Failure) -> Extraction | Failure:
    from incidents.pipeline import _safe_extract

    return _safe_extract(item)


def extract_parallel(items: Iterable[Article | Failure], workers: int, batch_size: int = 16) -> Iterator[Extraction | Failure]:
    """Extract ``items`` with ``workers`` processes, yielding results in input order."""
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    context = mp.get_context(method)
    with context.Pool(processes=workers, initializer=_init_worker) as pool:
        yield from pool.imap(_work, items, chunksize=max(1, batch_size // workers))
