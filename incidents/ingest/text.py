"""Text normalisation (placeholder; replaced by the ingest work)."""

from __future__ import annotations

from incidents.errors import InputError
from incidents.model import Article


def normalize(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\r\n", "\n")


def make_article(id: str, text: str, title: str | None = None, published: str | None = None,
                 url: str | None = None) -> Article:
    if not isinstance(text, str):
        raise InputError(f"{id}: text must be a string, not {type(text).__name__}")
    return Article(id=id, text=normalize(text), title=title, published=published, url=url)
