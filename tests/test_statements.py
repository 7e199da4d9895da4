"""Statements and epistemic status, on real parses."""

from __future__ import annotations

import pytest

import incidents
from incidents.extractors.status import clause_status, weaker
from incidents.model import Status
from incidents.nlp.pipeline import analyse


def _statements(text: str) -> list[incidents.Statement]:
    return list(incidents.extract(text, published="2020-05-10").statements)


@pytest.mark.parametrize(
    ("sentence", "word", "status"),
    [
        ("Police said two people died in the attack.", "died", Status.ATTRIBUTED),
        ("Two people died in the attack.", "died", Status.REPORTED),
        ("Officials said the attack was likely carried out by rebels.", "carried", Status.HEDGED),
        ("The army denied that soldiers killed the villagers.", "killed", Status.NEGATED),
        ("Everything indicates that foreign agents were involved in the bombing.", "involved", Status.SPECULATIVE),
        ("Nobody was killed in the blast.", "killed", Status.REPORTED),
    ],
)
def test_status_of_a_clause(sentence: str, word: str, status: Status) -> None:
    doc = analyse(sentence)
    token = next(t for t in doc if t.text == word)
    assert clause_status(token) == status


def test_status_weaker_order() -> None:
    assert weaker(Status.REPORTED, Status.HEDGED) == Status.HEDGED
    assert weaker(Status.SPECULATIVE, Status.ATTRIBUTED) == Status.SPECULATIVE
    assert weaker(Status.CLAIMED, Status.ATTRIBUTED) == Status.CLAIMED


def test_statement_speaker_role_date_and_hedge() -> None:
    (statement,) = [s for s in _statements("Interior Minister John Smith said on Friday that the bombing was likely planned abroad.") if s.speaker != "author"]
    assert statement.speaker == "John Smith"
    assert statement.speaker_role == "Interior Minister"
    assert statement.date == "2020-05-08"
    assert statement.status == Status.HEDGED
    assert statement.text.startswith("the bombing was likely planned")
    assert statement.cue == "said"


def test_statement_according_to_and_pronoun_speaker() -> None:
    text = "According to the police, gunmen killed three guards at the bank. Colonel Maria Ortiz arrived later. She said the attackers fled north."
    found = {(s.speaker, str(s.status)) for s in _statements(text)}
    assert ("police", "attributed") in found
    assert ("Maria Ortiz", "attributed") in found


def test_statement_claim_of_responsibility_is_claimed_and_perpetrator() -> None:
    result = incidents.extract("A car bomb exploded near a market in Mogadishu on Monday. Al-Shabaab claimed responsibility for the attack.", published="2020-05-10")
    main = result.main
    assert main is not None
    perps = {(p.text, str(p.status), p.kind) for p in main.perpetrators}
    assert ("Al-Shabaab", "claimed", "organization") in perps


def test_author_speculation_is_a_statement_not_a_perpetrator() -> None:
    text = "Gunmen attacked a police post in Derbent on Sunday, killing two officers. It is logical to assume that foreign intelligence services organized the attack."
    result = incidents.extract(text, published="2020-05-10")
    speculative = [s for s in result.statements if s.status == Status.SPECULATIVE]
    assert speculative and speculative[0].speaker == "author"
    assert "foreign intelligence services" in speculative[0].text
    for inc in result.incidents:
        assert all("intelligence" not in p.text for p in inc.perpetrators)
