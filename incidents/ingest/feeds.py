"""RSS and Atom feeds: one article per item (feedparser).

An item's text is its longest ``content`` (else its ``summary``), HTML stripped; its link
is the article's url and its publication date (the publisher's local date) the
``published`` date.  Item ids are derived from the link (stable across downloads of the
same feed), else from the item's guid, else ``<feed>/<n>``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import logging
import re
from collections.abc import Iterator
from typing import Any

from incidents.ingest.html import html_to_text
from incidents.ingest.text import make_article, normalize
from incidents.model import Article, Failure

log = logging.getLogger(__name__)

_FEED_START = re.compile(
    r"""\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?[^>]*\?>\s*)*
        <(?:rss|feed|(?:[\w.-]+:)?RDF)\b""",
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)
_SLUG_JUNK = re.compile(r"[^A-Za-z0-9._~-]+")
_MAX_SLUG = 100


def looks_like_feed(text: str) -> bool:
    """Whether ``text`` starts like an RSS, RSS-RDF or Atom document."""
    return bool(_FEED_START.match(text[:8192].lstrip("\ufeff")))


def parse_feed(text: str, base: str, source: str) -> Iterator[Article | Failure]:
    """One article per feed item, in feed order.

    Args:
        text: the feed document (decoded).
        base: the feed's id base (its file stem); items without a link or guid get
            ``<base>/<n>``, n counting from 1.
        source: the path the feed came from.

    Yields:
        An :class:`Article` per item with text; a :class:`Failure` per item without, or
        one Failure for a document that is not a readable feed.
    """
    import feedparser

    parsed = feedparser.parse(text)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield Failure(id=base, error=f"{source}: not a readable RSS/Atom feed ({reason})",
                          source=source)
        elif not parsed.get("version"):
            yield Failure(id=base, error=f"{source}: not an RSS or Atom feed", source=source)
        else:
            log.info("%s: feed has no items", source)
        return
    if parsed.get("bozo"):
        log.warning("%s: feed is malformed (%s); reading the %d items found",
                    source, parsed.get("bozo_exception"), len(entries))
    feed_title = _plain(parsed.get("feed", {}).get("title_detail")) or None
    for n, entry in enumerate(entries, start=1):
        yield _entry_article(entry, n, base, source, feed_title)


def _entry_article(entry: Any, n: int, base: str, source: str,
                   feed_title: str | None) -> Article | Failure:
    id = entry_id(entry, base, n)
    text = _entry_text(entry)
    if not normalize(text):
        return Failure(id=id, error=f"{source}: feed item {n} has no content or summary",
                       source=source)
    meta = {"feed": feed_title} if feed_title else {}
    return make_article(
        id=id,
        text=text,
        title=_plain(entry.get("title_detail")) or entry.get("title"),
        published=_entry_date(entry),
        url=_web_link(entry),
        author=entry.get("author"),
        source=source,
        meta=meta,
    )


def entry_id(entry: Any, base: str, n: int) -> str:
    """A stable id for a feed item: a slug of its link, else ``<base>/<slug of guid>``,
    else ``<base>/<n>``."""
    link = _web_link(entry)
    if link:
        slug = slugify(re.sub(r"^[a-z][a-z0-9+.-]*://(www\.)?", "", link, flags=re.IGNORECASE))
        if slug:
            return slug
    guid = entry.get("id")
    if guid:
        slug = slugify(str(guid))
        if slug:
            return f"{base}/{slug}"
    return f"{base}/{n}"


def _web_link(entry: Any) -> str | None:
    """The item's link if it is a web address (feedparser copies a ``tag:`` guid there)."""
    link = str(entry.get("link") or "").strip()
    return link if re.match(r"(?i)https?://", link) else None


def slugify(value: str) -> str:
    """``value`` with runs of characters outside ``[A-Za-z0-9._~-]`` made single dashes;
    long values are cut and given a short hash so that they stay unique."""
    slug = _SLUG_JUNK.sub("-", value).strip("-.")
    if len(slug) > _MAX_SLUG:
        digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug[:_MAX_SLUG - 11].rstrip('-.')}-{digest}"
    return slug


def _entry_text(entry: Any) -> str:
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value") or ""))
        return _plain(best)
    return _plain(entry.get("summary_detail")) or _strip_markup(entry.get("summary") or "")


def _plain(detail: Any) -> str:
    """The text of a feedparser text construct (``{"type", "value"}``), HTML stripped."""
    if not detail:
        return ""
    value = detail.get("value") or ""
    kind = (detail.get("type") or "").lower()
    if "html" in kind:
        return _strip_markup(value)
    return str(value)


def _strip_markup(value: str) -> str:
    return html_to_text(value) if "<" in value or "&" in value else value


def _entry_date(entry: Any) -> str | None:
    """The item's publication date as the publisher wrote it (its local date), ISO."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            local = _parse_date(str(raw))
            if local:
                return local
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return dt.date(*parsed[:3]).isoformat()
    return None


def _parse_date(raw: str) -> str | None:
    raw = raw.strip()
    try:
        return dt.datetime.fromisoformat(raw).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
