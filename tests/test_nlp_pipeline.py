"""The language-analysis pipeline: the real model with blank lines as sentence boundaries."""

from __future__ import annotations

import incidents
from incidents.nlp.pipeline import analyse, get_nlp


def test_pipeline_has_paragraph_breaks_before_the_parser() -> None:
    names = get_nlp().pipe_names
    assert names.index("paragraph_breaks") < names.index("parser")


def test_blank_line_ends_a_sentence() -> None:
    doc = analyse(
        "View Full Caption Getty Images/File Photo\n\n"
        "CHICAGO — A 30-year-old man was fatally shot and three others were injured."
    )
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "View Full Caption Getty Images/File Photo"
    assert starts[1].startswith("CHICAGO")


def test_single_line_break_is_left_to_the_parser() -> None:
    # hard-wrapped wire copy breaks lines inside sentences
    doc = analyse("Gunmen attacked a police station in the\ncapital on Monday, officials said.")
    assert len(list(doc.sents)) == 1


def test_headline_figures_are_not_merged_with_the_story() -> None:
    text = (
        "1 killed, 3 wounded in Mission shooting\n\n"
        "SAN FRANCISCO -- A 24-year-old man was killed and three other men were injured in an "
        "early morning shooting Friday outside a bar."
    )
    main = incidents.extract(text, published="2013-07-06").main
    assert main is not None
    figures = {(str(c.outcome), c.group, c.value) for c in main.casualties}
    assert ("killed", "total", 1) in figures and ("injured", "total", 3) in figures
