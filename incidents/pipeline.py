"""The extraction pipeline: Article -> language analysis -> extraction -> Extraction.

``extract()`` is the one-article entry point of the public API; ``extract_articles()`` runs
a stream of articles (in input order) through one process or a pool of worker processes,
each of which loads the spaCy model once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

from incidents.errors import IncidentsError
from incidents.model import Article, Extraction, Failure

log = logging.getLogger(__name__)


def extract(
    text: str,
    published: str | None = None,
    title: str | None = None,
    id: str = "article",
    url: str | None = None,
    country: str | None = None,
) -> Extraction:
    """Extract the incidents and statements of one article.

    Args:
        text: the article's plain text; every evidence offset indexes it after
            normalisation (see ``Extraction.article.text``).
        published: ISO publication date; anchors relative dates ("on Monday").
        title: the headline, if known.
        id: the article id used in incident ids (``<id>/1``).
        url: the source address, if known.
        country: the country the article is known to be about (a name, demonym or ISO
            code), e.g. from a feed's metadata: places elsewhere then need more evidence.
            JSONL input gives it as a ``country`` field (kept in ``Article.meta``).

    Returns:
        An :class:`~incidents.model.Extraction`; ``.to_dict()`` is the incidents/v1 object.

    Raises:
        InputError: ``text`` is not a string.
        ExtractionError: the pipeline failed on this article.
    """
    from incidents.ingest.text import make_article

    meta = {"country": country} if country else None
    article = make_article(id=id, text=text, title=title, published=published, url=url, meta=meta)
    return extract_article(article)


def extract_article(article: Article) -> Extraction:
    """Run language analysis and extraction on one ingested article."""
    from incidents.extractors.document import extract_document
    from incidents.nlp.pipeline import analyse

    doc = analyse(article.text)
    return extract_document(article, doc)


def extract_articles(
    items: Iterable[Article | Failure], workers: int = 1, batch_size: int = 16
) -> Iterator[Extraction | Failure]:
    """Extract every article of a stream, yielding results in input order.

    Failures already raised by ingest pass through unchanged; an article that breaks the
    pipeline becomes a :class:`Failure` and the stream goes on.
    """
    if workers <= 1:
        yield from _extract_batched(items, batch_size)
        return
    from incidents.batch import extract_parallel

    yield from extract_parallel(items, workers=workers, batch_size=batch_size)


def _extract_batched(items: Iterable[Article | Failure], batch_size: int) -> Iterator[Extraction | Failure]:
    """Parse articles in batches with ``nlp.pipe`` (faster than one by one), then extract
    each; an article whose parse or extraction fails becomes a Failure on its own."""
    batch: list[Article | Failure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _extract_batch(batch)
            batch = []
    if batch:
        yield from _extract_batch(batch)


def _extract_batch(batch: list[Article | Failure]) -> Iterator[Extraction | Failure]:
    from incidents.extractors.document import extract_document
    from incidents.nlp.pipeline import analyse_many

    articles = [item for item in batch if isinstance(item, Article)]
    try:
        docs = dict(zip((id(a) for a in articles), analyse_many([a.text for a in articles], batch_size=len(articles) or 1), strict=True))
    except Exception:
        log.debug("batch parse failed; parsing one by one", exc_info=True)
        for item in batch:
            yield _safe_extract(item)
        return
    for item in batch:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield extract_document(item, docs[id(item)])
        except Exception:  # noqa: BLE001
            yield _safe_extract(item)


def _safe_extract(item: Article | Failure) -> Extraction | Failure:
    if isinstance(item, Failure):
        return item
    try:
        return extract_article(item)
    except IncidentsError as exc:
        return Failure(id=item.id, error=str(exc), source=item.source)
    except Exception as exc:
        log.debug("extraction failed for %s", item.id, exc_info=True)
        message = re.sub(r"\s+", " ", f"{type(exc).__name__}: {exc}")[:300]
        return Failure(id=item.id, error=f"extraction failed: {message}", source=item.source)
