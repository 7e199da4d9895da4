"""Page furniture: lines of a saved page that are not the story are ignored, not deleted."""

from __future__ import annotations

import incidents
from incidents.extractors.furniture import furniture_spans, inside

PAGE = (
    "Gunman kills two at a bar in Reno\n"
    "You must enter the characters with black color that stand out from the other characters\n"
    "Most Popular: Man killed in crash on I-80 | Weather | Sports | Traffic\n"
    "A gunman killed two people at a bar in Reno on Saturday night, police said.\n"
    "No comments:\n"
    "Post a Comment\n"
)


def test_furniture_lines_are_found() -> None:
    spans = furniture_spans(PAGE)
    texts = [PAGE[s:e] for s, e in spans]
    assert texts == [
        "You must enter the characters with black color that stand out from the other characters",
        "Most Popular: Man killed in crash on I-80 | Weather | Sports | Traffic",
        "No comments:",
        "Post a Comment",
    ]
    story = PAGE.index("A gunman")
    assert not inside(spans, story) and inside(spans, PAGE.index("Man killed in crash"))


def test_furniture_events_do_not_become_incidents() -> None:
    result = incidents.extract(PAGE, published="2020-05-10")
    assert len(result.incidents) == 1
    killed = result.incidents[0].total(incidents.model.Outcome.KILLED)
    assert killed is not None and killed.value == 2
    assert result.article.text == PAGE.strip()
