"""The trained role tagger (incidents/data/models/roles-muc4-v1): it is installed, loads
once, reads ALL-CAPS wire copy and tags the obvious role fillers, with offsets into the
article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy
import pytest

from incidents.extractors import learned
from incidents.extractors.context import set_source_text
from incidents.nlp.pipeline import analyse

WIRE = (
    "SAN SALVADOR, 12 JAN 90 (ACAN-EFE) -- [TEXT] URBAN GUERRILLAS TODAY KILLED MAYOR JOSE "
    "ANTONIO RIVERA WITH A CAR BOMB IN SAN MIGUEL.  THE FARABUNDO MARTI NATIONAL LIBERATION "
    "FRONT (FMLN) CLAIMED RESPONSIBILITY FOR THE ATTACK.  THE TERRORISTS ALSO DYNAMITED AN "
    "ELECTRIC POWER TOWER."
)


@pytest.fixture(scope="module")
def model() -> Any:
    nlp = learned.load_model()
    assert nlp is not None, "the role tagger's model is not installed"
    return nlp


@pytest.fixture(scope="module")
def wire_roles() -> list[Any]:
    doc = analyse(WIRE)
    set_source_text(doc, WIRE)
    return learned.find_learned_roles(doc)


def test_model_is_installed_and_loaded_once(model: Any) -> None:
    assert learned.model_path() is not None
    assert learned.load_model() is model
    assert set(model.pipeline[-1][1].labels) == {
        f"{bio}-{label}" for label in learned.LABELS for bio in "BI"
    } | {"O"}


def test_missing_model_gives_nothing(tmp_path: Path) -> None:
    assert learned.load_model(tmp_path / "no-such-model") is None


def _texts(roles: list[Any], role: str, kind: str | None = None) -> list[str]:
    return [r.text.lower() for r in roles if r.role == role and (kind is None or r.kind == kind)]


def test_tags_the_roles_of_an_all_caps_report(wire_roles: list[Any]) -> None:
    assert "urban guerrillas" in _texts(wire_roles, "perpetrator", "individual")
    orgs = _texts(wire_roles, "perpetrator", "organization")
    assert "fmln" in orgs or "farabundo marti national liberation front" in orgs
    assert "jose antonio rivera" in _texts(wire_roles, "victim")
    assert "car bomb" in _texts(wire_roles, "weapon")
    assert "electric power tower" in _texts(wire_roles, "target")
    # a role filler is a phrase, never the event word, a place or a date
    fillers = {r.text.lower() for r in wire_roles}
    assert not fillers & {"killed", "dynamited", "san salvador", "san miguel", "today"}


def test_mentions_point_into_the_article(wire_roles: list[Any]) -> None:
    doc = analyse(WIRE)
    assert wire_roles
    for role in wire_roles:
        assert WIRE[role.start : role.end] == role.text
        assert role.text == role.text.upper()  # the article's own casing, not the truecased Doc's
        token = doc[role.trigger]
        assert role.start <= token.idx < role.end
        assert role.sent == token.sent.start
        assert role.extra.get("learned")


def test_ordinary_news_is_left_to_the_rules(model: Any) -> None:
    text = "Gunmen killed the mayor of San Miguel with a car bomb on Friday, police said."
    doc = analyse(text)
    set_source_text(doc, text)
    assert not learned.applies(doc)
    assert learned.find_learned_roles(doc) == []
    # the tagger itself reads any analysed Doc
    spans = learned.tag(doc, model)
    assert all(0 <= s < e <= len(doc) and label in learned.LABELS for s, e, label in spans)


def test_decode_gives_well_formed_spans() -> None:
    labels = ("B-VICTIM", "I-VICTIM", "O", "B-WEAPON", "I-WEAPON")
    probs = numpy.array([
        [0.0, 0.0, 1.0, 0.0, 0.0],
        [0.1, 0.5, 0.4, 0.0, 0.0],  # I- without B-: read as the start of a span
        [0.0, 0.9, 0.1, 0.0, 0.0],
        [0.0, 0.0, 0.6, 0.4, 0.0],  # a weapon only when O is down-weighted
        [0.0, 0.0, 0.9, 0.05, 0.05],
    ])
    assert learned.decode(probs, labels, 1.0) == [(1, 3, "VICTIM")]
    assert learned.decode(probs, labels, 0.5) == [(1, 3, "VICTIM"), (3, 4, "WEAPON")]


def test_merge_replaces_the_rules_in_wire_copy_only() -> None:
    from incidents.extractors.mentions import ArgMention
    from incidents.model import Status

    def arg(role: str, **extra: Any) -> ArgMention:
        status = extra.pop("status", Status.REPORTED)
        return ArgMention(role=role, text="X", start=0, end=1, sent=0, trigger=0,
                          status=status, extra=extra)

    noisy_victim = arg("victim")
    implied_weapon = arg("weapon", implied=True)
    denied_claim = arg("perpetrator", status=Status.NEGATED, claim_denied=True)
    rules = [noisy_victim, implied_weapon, denied_claim]

    wire = analyse(WIRE)
    set_source_text(wire, WIRE)
    merged = learned.merge(wire, rules)
    assert noisy_victim not in merged
    assert implied_weapon in merged and denied_claim in merged
    assert {r.text for r in merged if r.extra.get("learned")} >= {"JOSE ANTONIO RIVERA"}

    news = "Gunmen killed the mayor of San Miguel with a car bomb on Friday, police said."
    doc = analyse(news)
    set_source_text(doc, news)
    assert learned.merge(doc, rules) == rules


def test_tidy_trims_line_breaks_and_trailing_function_words() -> None:
    doc = analyse("THE GROUP OF\nTERRORISTS ATTACKED THE BRIGADE.")
    of = next(t.i for t in doc if t.lower_ == "of")
    spans = learned.tidy(doc, [(0, of + 2, "PerpInd")])  # "THE GROUP OF" and the line break
    start, end, _ = spans[0]
    assert doc[start:end].text.upper() == "THE GROUP"  # the model reads the truecased copy
    assert not any(t.is_space for t in doc[start:end])
