"""Per-document values the extractors share, computed once per Doc.

``doc.text`` is rebuilt from the tokens on every access and, for truecased wire copy,
differs from the article in letter case; ``doc.ents`` builds new Span objects each time.
Extractors read both through these accessors: every text that reaches the output is a
slice of the *article* text, so evidence always matches what the user gave us.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_TEXT = "incidents.source_text"
_ENTS = "incidents.ents"


def set_source_text(doc: Doc, text: str) -> None:
    """Record the article text the Doc was parsed from (same length, maybe other casing)."""
    if len(text) != len(doc.text):
        raise ValueError("the article text and the parsed text differ in length")
    doc.user_data[_TEXT] = text


def source_text(doc: Doc) -> str:
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT] = text
    return str(text)


def source(doc: Doc, start: int, end: int) -> str:
    """The article text between two character offsets."""
    return source_text(doc)[start:end]


def span_text(span: Span) -> str:
    return source(span.doc, span.start_char, span.end_char)


def entities(doc: Doc) -> list[Span]:
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = list(doc.ents)
        doc.user_data[_ENTS] = ents
    return list(ents)
