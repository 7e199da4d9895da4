"""Article + Doc -> Extraction (placeholder until the extractors land)."""

from __future__ import annotations

from spacy.tokens import Doc

from incidents import __version__
from incidents.model import Article, Extraction


def extract_document(article: Article, doc: Doc) -> Extraction:
    return Extraction(article=article, incidents=(), statements=(), extractor_version=__version__)
