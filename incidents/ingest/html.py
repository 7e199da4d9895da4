"""HTML pages to plain text and metadata.

trafilatura finds the main text (favouring precision over boilerplate) and the page's
title, date, author and address.  When it finds no text, :func:`html_to_text` renders the
whole body as plain text with lxml instead, so that a page is never lost for being unusual.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from incidents.errors import InputError
from incidents.ingest.text import normalize

log = logging.getLogger(__name__)

#: Elements whose content is never text.
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "math",
                   "iframe", "object", "embed", "canvas", "select", "button"})
#: Elements that start a new line.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_SPACE_RUN = re.compile(r"\s+")
_BREAK = "\x00"  # block boundary marker while rendering (NUL never survives decoding)


@dataclass(frozen=True, slots=True)
class HtmlDocument:
    """What a page yields: its main text and what its metadata says."""

    text: str
    title: str | None = None
    published: str | None = None  # ISO date
    author: str | None = None
    url: str | None = None
    hostname: str | None = None
    sitename: str | None = None
    extractor: str = "trafilatura"  # or "lxml" when the fallback rendered the body


def extract_html(html: str, url: str | None = None, where: str = "HTML") -> HtmlDocument:
    """The main text and metadata of an HTML page.

    Args:
        html: the page's markup (decoded).
        url: the page's address, when known (helps trafilatura's metadata).
        where: names the input in error messages.

    Raises:
        InputError: neither trafilatura nor the plain rendering finds any text.
    """
    found = _trafilatura(html, url, where)
    text = found.get("text") or ""
    extractor = "trafilatura"
    if not normalize(text):
        text = html_to_text(html)
        extractor = "lxml"
    if not normalize(text):
        raise InputError(f"{where}: no text found in the HTML")
    return HtmlDocument(
        text=text,
        title=found.get("title") or _html_title(html),
        published=found.get("date"),
        author=found.get("author"),
        url=found.get("url") or url,
        hostname=found.get("hostname"),
        sitename=found.get("sitename"),
        extractor=extractor,
    )


def _trafilatura(html: str, url: str | None, where: str) -> dict[str, Any]:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # noqa: BLE001 - a page trafilatura chokes on gets the fallback
        log.info("%s: trafilatura failed (%s: %s); rendering the body instead",
                 where, type(exc).__name__, exc)
        return {}
    if document is None:
        return {}
    if isinstance(document, dict):
        return document
    return {key: getattr(document, key, None)
            for key in ("text", "title", "date", "author", "url", "hostname", "sitename")}


def html_to_text(html: str) -> str:
    """A plain-text rendering of an HTML page or fragment: every text node of the body,
    block elements on their own lines, scripts and styles dropped.  Never raises; returns
    ``""`` for markup with no text."""
    root = _parse(html)
    if root is None:
        return ""
    from lxml import etree

    parts: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        name = tag.rsplit("}", 1)[-1].lower()
        if event in ("comment", "pi"):  # only the tail is text
            if element.tail:
                parts.append(element.tail)
        elif event == "start":
            if name in _SKIP:  # its end event still comes, with the tail
                walker.skip_subtree()
                continue
            if name in _BLOCK or name == "br":
                parts.append(_BREAK)
            if element.text:
                parts.append(element.text)
        else:
            if name in _BLOCK:
                parts.append(_BREAK)
            if element.tail:
                parts.append(element.tail)
    return _join(parts)


def _parse(html: str) -> Any:
    import lxml.html
    from lxml import etree

    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        try:  # e.g. an XML declaration with an encoding in a str
            return lxml.html.document_fromstring(html.encode("utf-8"))
        except (etree.ParserError, ValueError):
            return None


def _join(parts: list[str]) -> str:
    text = _SPACE_RUN.sub(" ", "".join(parts).replace(_BREAK, f" {_BREAK} "))
    lines = (line.strip() for line in text.split(_BREAK))
    return "\n".join(line for line in lines if line)


def _html_title(html: str) -> str | None:
    root = _parse(html)
    if root is None:
        return None
    title = root.findtext(".//title")
    return " ".join(title.split()) or None if title else None
