"""JSON Lines: one article per line (``incidents/v1`` input contract).

A line is an object with ``text`` (or ``html``, which goes through the HTML path) and
optional ``id``, ``title``, ``url``, ``published`` (ISO date; a datetime keeps its date
part), ``author`` and ``country`` (the country the article is about, a hint for its
places); other keys are kept in ``Article.meta``.  ``fields`` renames: with
``{"text": "body", "published": "dct"}`` the article's text is read from ``body`` and its
date from ``dct``.  A bad line yields a :class:`Failure` that names the file and line; the
file goes on.  The file is read line by line, so its size is not bounded by memory.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from incidents.errors import InputError
from incidents.ingest.html import extract_html
from incidents.ingest.text import make_article, normalize
from incidents.model import Article, Failure

log = logging.getLogger(__name__)

#: The article fields a line can carry; ``fields`` maps them to the line's own keys.
FIELDS = ("id", "text", "html", "title", "url", "published", "author", "country")


def check_fields(fields: Mapping[str, str] | None) -> dict[str, str]:
    """The key of every article field in a line, given the user's renames.

    Raises:
        InputError: ``fields`` names an unknown article field.
    """
    mapping = {name: name for name in FIELDS}
    for name, key in (fields or {}).items():
        if name not in mapping:
            raise InputError(f"unknown JSONL field {name!r} (known: {', '.join(FIELDS)})")
        mapping[name] = key
    return mapping


def parse_jsonl(lines: Iterable[str | bytes], base: str, source: str,
                fields: Mapping[str, str] | None = None) -> Iterator[Article | Failure]:
    """One article per non-blank line.

    Args:
        lines: the file's lines (``str``, or ``bytes`` in UTF-8).
        base: the file's id base; a line without an id gets ``<base>/<line number>``.
        source: the path, for messages and ``Article.source``.
        fields: renames, article field -> the line's key (see :func:`check_fields`).
    """
    mapping = check_fields(fields)
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield Failure(id=f"{base}/{number}",
                              error=f"{source}, line {number}: not UTF-8 (byte {exc.start})",
                              source=source)
                continue
        if not raw.strip():
            continue
        yield parse_line(raw, number, base, source, mapping)


def parse_line(line: str, number: int, base: str, source: str,
               mapping: Mapping[str, str]) -> Article | Failure:
    """One JSONL line to an article, or a Failure naming the file and line."""
    where = f"{source}, line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(id=f"{base}/{number}", error=f"{where}: invalid JSON ({exc.msg}, "
                       f"column {exc.colno})", source=source)
    if not isinstance(record, dict):
        return Failure(id=f"{base}/{number}", error=f"{where}: expected a JSON object, "
                       f"found {type(record).__name__}", source=source)
    id = _scalar(record.get(mapping["id"])) or f"{base}/{number}"
    try:
        return _article(record, id, where, source, mapping)
    except InputError as exc:
        return Failure(id=id, error=str(exc), source=source)


def _article(record: dict[str, Any], id: str, where: str, source: str,
             mapping: Mapping[str, str]) -> Article:
    text = record.get(mapping["text"])
    html = record.get(mapping["html"])
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: field {mapping[name]!r} must be a string, "
                             f"not {type(value).__name__}")
    title = _scalar(record.get(mapping["title"]))
    url = _scalar(record.get(mapping["url"]))
    author = _scalar(record.get(mapping["author"]))
    published = iso_date(record.get(mapping["published"]), where, mapping["published"])
    known = set(mapping.values())
    meta = {k: v for k, v in record.items() if k not in known}
    country = _scalar(record.get(mapping["country"]))
    if country:  # the country the article is about: a hint for places (``--field country=COUNTRY``)
        meta["country"] = country
    if text is None or not normalize(text):
        if html is None or not html.strip():
            raise InputError(f"{where}: no text (expected a non-empty {mapping['text']!r} or "
                             f"{mapping['html']!r} field)")
        page = extract_html(html, url=url, where=where)
        text = page.text
        title = title or page.title
        published = published or page.published
        url = url or page.url
        author = author or page.author
    return make_article(id=id, text=text, title=title, published=published, url=url,
                        author=author, source=source, meta=meta)


def iso_date(value: Any, where: str, key: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``) from an ISO date or datetime string; ``None`` for
    null or empty.

    Raises:
        InputError: the value is not an ISO date or datetime.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        raw = value.strip()
        try:
            return dt.datetime.fromisoformat(raw).date().isoformat()
        except ValueError:
            pass
    raise InputError(f"{where}: {key!r} must be an ISO date such as 2024-06-23, "
                     f"not {value!r}")


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (str, int, float)):
        text = str(value).strip()
        return text or None
    return None
