"""Ingest: files, directories, standard input, HTML, feeds and JSONL -> articles.

:func:`read_inputs` is the entry point: it yields one :class:`~incidents.model.Article`
per article found, or a :class:`~incidents.model.Failure` for an input (or a line, or a
feed item) that cannot be read, in input order.  It never raises for bad input: the stream
goes on, and the caller decides the exit status.

Ids: a ``.txt`` or HTML file is its stem; a JSONL line without an ``id`` is
``<stem>/<line number>``; a feed item is derived from its link (see
:func:`incidents.ingest.feeds.entry_id`); standard input is ``stdin``.  When two inputs
have the same stem, the later one uses its path (relative to the directory it was found
under, without the extension), so ids are unique and deterministic for the same inputs.
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, BinaryIO, TextIO

from incidents.errors import InputError
from incidents.ingest.feeds import looks_like_feed, parse_feed
from incidents.ingest.html import extract_html, html_to_text
from incidents.ingest.jsonl import check_fields, parse_jsonl
from incidents.ingest.sources import STDIN, Source, decode, iter_sources, read_bytes
from incidents.ingest.text import make_article, normalize
from incidents.model import Article, Failure

__all__ = [
    "extract_html",
    "html_to_text",
    "make_article",
    "normalize",
    "parse_feed",
    "parse_jsonl",
    "read_inputs",
]

log = logging.getLogger(__name__)

_SAMPLE = 1 << 20  # bytes read to judge a JSONL file's encoding


def read_inputs(
    inputs: Sequence[str],
    fields: Mapping[str, str] | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article | Failure]:
    """Read every input, yielding articles (or failures) in input order.

    Args:
        inputs: paths of ``.txt``, ``.html``/``.htm``, RSS/Atom (``.xml``, ``.rss``,
            ``.atom``) or ``.jsonl`` files, directories of these (walked recursively in
            sorted order; hidden and unknown files skipped), or ``-`` for standard input
            (one plain-text article, id ``stdin``).
        fields: JSONL key renames, article field -> key in the line, e.g.
            ``{"text": "body", "published": "dct"}``.
        stdin: the stream ``-`` reads; ``sys.stdin`` by default.

    Yields:
        :class:`Article` (``source`` = the path) or :class:`Failure` (with a message that
        names the input).

    Raises:
        InputError: ``fields`` names an unknown field (raised by the call itself, before
            anything is read).
    """
    check_fields(fields)
    return _read_all(inputs, fields, stdin)


def _read_all(inputs: Sequence[str], fields: Mapping[str, str] | None,
              stdin: TextIO | BinaryIO | None) -> Iterator[Article | Failure]:
    bases: set[str] = set()
    for source in iter_sources(inputs):
        base = _unique(source.name, source.alt_name, bases)
        try:
            for item in _read_source(source, base, fields, stdin):
                if isinstance(item, Article) and not item.text:  # nothing left once normalised
                    what = "is empty" if item.id == base else f"item {item.id} has no text"
                    item = Failure(id=item.id, error=f"{_where(source)} {what}",
                                   source=source.path)
                yield item
        except InputError as exc:
            yield Failure(id=base, error=str(exc), source=source.path)
        except Exception as exc:
            log.debug("reading %s failed", source.path, exc_info=True)
            yield Failure(id=base, error=f"{_where(source)}: cannot be read "
                          f"({type(exc).__name__}: {exc})", source=source.path)


def _unique(name: str, alt_name: str, taken: set[str]) -> str:
    """``name`` unless an earlier input took it, then ``alt_name``, then ``alt_name-2``..."""
    candidate = name if name not in taken else alt_name
    n = 2
    while candidate in taken:
        candidate = f"{alt_name}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _where(source: Source) -> str:
    return "standard input" if source.path == STDIN else source.path


def _read_source(source: Source, base: str, fields: Mapping[str, str] | None,
                 stdin: IO[str] | IO[bytes] | None) -> Iterator[Article | Failure]:
    if source.format == "jsonl" and source.path != STDIN:
        yield from parse_jsonl(_jsonl_lines(source), base, source.path, fields)
        return
    where = _where(source)
    raw = read_bytes(source, stdin)
    if isinstance(raw, str):
        if not raw.strip():
            raise InputError(f"{where} is empty")
        text = raw
    else:
        text = decode(raw, where, markup=source.format in ("html", "feed", "auto"))
    fmt = source.format
    if fmt in ("html", "auto") and looks_like_feed(text):
        fmt = "feed"
    elif fmt == "auto":
        fmt = "html" if _looks_like_html(text) else "text"
    if fmt == "feed":
        yield from parse_feed(text, base, source.path)
    elif fmt == "html":
        page = extract_html(text, where=where)
        yield make_article(id=base, text=page.text, title=page.title, published=page.published,
                           url=page.url, author=page.author, source=source.path,
                           meta={"extractor": page.extractor})
    else:
        yield make_article(id=base, text=text, source=source.path)


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _jsonl_lines(source: Source) -> Iterator[bytes | str]:
    """The lines of a JSONL file, streamed; the encoding is judged on its first megabyte.

    Raises:
        InputError: the file cannot be read, is empty, binary, or of unknown encoding.
    """
    try:
        handle = open(source.path, "rb")  # noqa: SIM115 - closed by _stream
    except OSError as exc:
        raise InputError(f"{source.path}: cannot read: {exc.strerror}") from None
    try:
        sample = handle.read(_SAMPLE)
        complete = len(sample) < _SAMPLE
        if complete or sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            whole = sample + handle.read()
            handle.close()
            return iter(decode(whole, source.path).split("\n"))
        decode(sample[: sample.rfind(b"\n") + 1] or sample, source.path)  # binary? encoding?
        try:
            codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        except UnicodeDecodeError:
            handle.close()
            log.info("%s is not UTF-8; decoding it whole", source.path)
            return iter(decode(Path(source.path).read_bytes(), source.path).split("\n"))
        handle.seek(0)
        return _stream(handle)
    except BaseException:
        handle.close()
        raise


def _stream(handle: BinaryIO) -> Iterator[bytes]:
    with handle:
        yield from handle
