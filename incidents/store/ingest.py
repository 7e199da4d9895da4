"""Ingest: articles -> extraction -> the database, in batches, idempotently.

Articles whose text is already stored (same SHA-256) by the current extractor version are
skipped before extraction, so re-running an ingest, or resuming one that was killed, only
extracts what is missing. Results are written in batches, one transaction each: a kill
loses at most the batch in flight, which the next run extracts again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from incidents import __version__
from incidents.model import Article, Extraction, Failure
from incidents.store.repository import BatchResult, Store
from incidents.store.save import content_hash, is_newer

LOOKUP_CHUNK = 64


@dataclass
class IngestSummary:
    """Counts of one ingest run."""

    articles_new: int = 0
    articles_updated: int = 0
    skipped_at_save: int = 0  # stored meanwhile (by another run)
    skipped_before: int = 0  # already stored: not even extracted (counted by the reader)
    articles_failed: int = 0
    incidents_new: int = 0
    incidents_updated: int = 0
    failures: list[Failure] = field(default_factory=list)
    _canonical_new: set[int] = field(default_factory=set, repr=False)
    _canonical_updated: set[int] = field(default_factory=set, repr=False)

    @property
    def articles_skipped(self) -> int:
        return self.skipped_before + self.skipped_at_save

    @property
    def processed(self) -> int:
        return (
            self.articles_new + self.articles_updated + self.articles_skipped + self.articles_failed
        )

    def add(self, batch: BatchResult) -> None:
        self.articles_new += batch.new
        self.articles_updated += batch.updated
        self.skipped_at_save += batch.skipped
        self.articles_failed += batch.failed
        self.failures += batch.failures
        self._canonical_new |= batch.canonical_new
        self._canonical_updated |= batch.canonical_updated
        self.incidents_new = len(self._canonical_new)
        self.incidents_updated = len(self._canonical_updated - self._canonical_new)

    def line(self) -> str:
        updated = f", {self.articles_updated} re-extracted" if self.articles_updated else ""
        return (
            f"articles: {self.articles_new} new{updated}, {self.articles_skipped} skipped, "
            f"{self.articles_failed} failed; incidents: {self.incidents_new} new, "
            f"{self.incidents_updated} updated"
        )


Progress = Callable[[IngestSummary], None]


def ingest_items(
    store: Store,
    items: Iterable[Article | Failure],
    workers: int = 1,
    batch_size: int = 128,
    progress: Progress | None = None,
    merge: bool = True,
) -> IngestSummary:
    """Extract and store every article of ``items``; returns the run's counts.

    Raises:
        StoreError: the database became unreachable (what was committed stays).
    """
    from incidents.pipeline import extract_articles

    summary = IngestSummary()
    pending = _unstored(store, items, summary, progress)
    batch: list[Extraction | Failure] = []
    for result in extract_articles(pending, workers=workers):
        batch.append(result)
        if len(batch) >= batch_size:
            _flush(store, batch, summary, progress, merge)
    _flush(store, batch, summary, progress, merge)
    return summary


def _flush(
    store: Store,
    batch: list[Extraction | Failure],
    summary: IngestSummary,
    progress: Progress | None,
    merge: bool,
) -> None:
    if not batch:
        return
    summary.add(store.save(batch, merge=merge))
    batch.clear()
    if progress is not None:
        progress(summary)


def _unstored(
    store: Store,
    items: Iterable[Article | Failure],
    summary: IngestSummary,
    progress: Progress | None,
) -> Iterator[Article | Failure]:
    """The items that need extraction; counts the others as skipped."""
    seen: set[str] = set()
    iterator = iter(items)
    while chunk := list(islice(iterator, LOOKUP_CHUNK)):
        hashes = {id(i): content_hash(i.text) for i in chunk if isinstance(i, Article)}
        stored = store.stored_versions(hashes.values())
        skipped = 0
        for item in chunk:
            if isinstance(item, Failure):
                yield item
                continue
            digest = hashes[id(item)]
            known = stored.get(digest)
            if digest in seen or (known is not None and not is_newer(__version__, known)):
                skipped += 1
                continue
            seen.add(digest)
            yield item
        if skipped:
            summary.skipped_before += skipped
            if progress is not None:
                progress(summary)
