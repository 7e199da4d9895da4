"""Merging in the database: automatic assignment, reconciled figures, manual merge/split.

Hand-built extractions (independent of extraction quality), SQLite and PostgreSQL.
"""

from __future__ import annotations

import pytest
from pg import casualty, extraction, incident, place

from incidents.errors import StoreError
from incidents.model import Outcome, Precision, Status
from incidents.store import open_store

FIRST = "Gunmen killed 3 people at a bar in Springfield on Friday night, police said."
SECOND = "The death toll of Friday's bar shooting in Springfield rose to 5, officials said."
THIRD = "Unconfirmed reports say up to 9 died in the Springfield shooting in March 2015."
ELSEWHERE = "A man was shot dead in Peoria on Friday, police said."


def springfield(article: str, text: str, part: str, killed: int, **kwargs: object) -> object:
    status = kwargs.pop("status", Status.REPORTED)
    date = kwargs.pop("date", "2015-03-13")
    precision = kwargs.pop("precision", Precision.DAY)
    published = kwargs.pop("published", "2015-03-14")
    return extraction(
        article,
        text,
        (
            incident(
                article,
                text,
                date=date,  # type: ignore[arg-type]
                date_text="Friday" if "Friday" in text else "March 2015",
                precision=precision,  # type: ignore[arg-type]
                places=(place(text, "Springfield", "Illinois", lat=39.80, lon=-89.64),),
                casualties=(casualty(text, part, killed, status=status),),  # type: ignore[arg-type]
            ),
        ),
        published=published,  # type: ignore[arg-type]
        title=f"{article} report",
        url=f"https://news{article[-1]}.example.com/{article}",
    )


def peoria() -> object:
    return extraction(
        "peoria",
        ELSEWHERE,
        (
            incident(
                "peoria",
                ELSEWHERE,
                date="2015-03-13",
                date_text="Friday",
                places=(place(ELSEWHERE, "Peoria", "Illinois", lat=40.69, lon=-89.59),),
                casualties=(casualty(ELSEWHERE, "shot dead", 1),),
            ),
        ),
        published="2015-03-14",
    )


def three_reports() -> list[object]:
    return [
        springfield("art1", FIRST, "killed 3 people", 3),
        springfield("art2", SECOND, "rose to 5", 5, published="2015-03-15"),
        springfield(
            "art3",
            THIRD,
            "up to 9 died",
            9,
            status=Status.HEDGED,
            date="2015-03",
            precision=Precision.MONTH,
            published="2015-03-20",
        ),
    ]


def test_merge_store_joins_reports_of_one_event(db_url: str) -> None:
    with open_store(db_url) as store:
        result = store.save([*three_reports(), peoria()])
        records = store.list_incidents()
        merged = store.get("art1/1")
    assert result.new == 4 and len(result.canonical_new) == 2
    assert sorted(r.n_sources for r in records) == [1, 3]
    assert [m.incident_key for m in merged.members] == ["art1/1", "art2/1", "art3/1"]
    killed = merged.figure("killed")
    assert killed is not None
    assert (killed.low, killed.best, killed.high) == (3, 5, 5)  # the hedged 9 is not used
    assert merged.killed == 5
    assert merged.date_text == "2015-03-13" and merged.precision == "day"
    assert [d.action for d in merged.decisions] == ["new", "join", "join"]
    joined = merged.decisions[1]
    assert joined.score is not None and joined.score >= 0.5
    assert joined.reasons[0] == "matches art1/1"
    assert "same day 2015-03-13" in joined.reasons
    month = merged.decisions[2]
    assert "compatible dates: 2015-03 / 2015-03-13" in month.reasons
    # every source keeps its own figure, status and evidence
    figures = [(m.figures[0].value, m.figures[0].status) for m in merged.members]
    assert figures == [(3, "reported"), (5, "reported"), (9, "hedged")]
    assert merged.members[1].figures[0].evidence[0].sentence == SECOND


def test_merge_store_keeps_distinct_events_apart(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save([springfield("art1", FIRST, "killed 3 people", 3), peoria()])
        records = store.list_incidents()
        peoria_record = store.get("peoria/1")
    assert len(records) == 2
    new = peoria_record.decisions[0]
    assert new.action == "new" and new.reasons == ("no match among 1 candidate(s)",)


def test_merge_store_incremental_across_batches(db_url: str) -> None:
    first, second, third = three_reports()
    with open_store(db_url) as store:
        store.save([first])
        update = store.save([second, third])
        record = store.get("1")
    assert update.canonical_new == set() and update.canonical_updated == {1}
    assert record.n_sources == 3 and record.killed == 5


def test_merge_store_manual_merge_and_split_keep_history(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save([springfield("art1", FIRST, "killed 3 people", 3), peoria()])
        spring, peo = (store.get(k).id for k in ("art1/1", "peoria/1"))
        assert store.merge(str(spring), [str(peo)], note="same gunman") == spring
        merged = store.get(str(spring))
        assert merged.n_sources == 2 and merged.killed is not None
        redirected = store.get(str(peo))
        assert redirected.id == spring and redirected.redirected_from == peo
        assert len(store.list_incidents()) == 1
        with pytest.raises(StoreError, match=f"incident {peo} was merged into {spring}"):
            store.merge(str(peo), [str(spring)])
        with pytest.raises(StoreError, match="cannot merge an incident with itself"):
            store.merge(str(spring), [str(spring)])
        created = store.split(str(spring), ["peoria/1"], note="different town after all")
        assert len(created) == 1
        assert store.get("peoria/1").id == created[0]
        assert store.get(str(spring)).n_sources == 1
        with pytest.raises(StoreError, match="has a single source: nothing to split"):
            store.split(str(spring))
        history = store.history()
        decisions = store.get(str(spring)).decisions
    assert [h["action"] for h in history] == ["merge", "split"]
    assert history[0]["details"]["merged"] == peo
    assert history[0]["details"]["other_members"] == ["peoria/1"]
    assert history[1]["details"]["members_before"] == ["art1/1", "peoria/1"]
    assert [(d.method, d.action) for d in decisions] == [
        ("auto", "new"),
        ("manual", "merge"),
        ("manual", "split"),
    ]
    assert decisions[1].reasons == ("same gunman",)


def test_merge_store_split_every_member_and_unknown_members(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save(three_reports())
        with pytest.raises(StoreError, match="has no member nowhere/1"):
            store.split("1", ["nowhere/1"])
        with pytest.raises(StoreError, match="cannot split every member off"):
            store.split("1", ["art1/1", "art2/1", "art3/1"])
        created = store.split("1")
        records = store.list_incidents()
    assert len(created) == 2 and len(records) == 3
    assert all(r.n_sources == 1 for r in records)


def test_merge_store_reextraction_keeps_membership_and_refreshes(db_url: str) -> None:
    with open_store(db_url) as store:
        first, second, _ = three_reports()
        store.save([first, second])
        newer = springfield("art2", SECOND, "rose to 5", 6)
        newer = type(newer)(newer.article, newer.incidents, (), "9.0.0")  # type: ignore[attr-defined]
        result = store.save([newer])
        record = store.get("1")
    assert result.updated == 1 and result.canonical_updated == {1}
    assert record.n_sources == 2 and record.killed == 6


def test_merge_store_reextraction_that_drops_an_incident(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save([peoria()])
        empty = extraction("peoria", ELSEWHERE, (), published="2015-03-14", version="9.0.0")
        store.save([empty])
        counts = store.counts()
        with pytest.raises(StoreError, match="no incident"):
            store.get("peoria/1")
    assert counts["incidents"] == 0 and counts["canonical"] == 0


def test_merge_store_reconciles_injuries_and_perpetrator_deaths(db_url: str) -> None:
    text = "Militants killed 4 soldiers and wounded 7 in Kandahar; 2 attackers died."
    record = extraction(
        "kandahar",
        text,
        (
            incident(
                "kandahar",
                text,
                date="2016-01-02",
                date_text="Kandahar",
                places=(place(text, "Kandahar", "Kandahar", "Afghanistan", "AF", 31.6, 65.7),),
                casualties=(
                    casualty(text, "killed 4 soldiers", 4),
                    casualty(text, "wounded 7", 7, outcome=Outcome.INJURED),
                    casualty(text, "2 attackers died", 2, group="perpetrators"),
                ),
            ),
        ),
        published="2016-01-03",
    )
    with open_store(db_url) as store:
        store.save([record])
        canonical = store.get("kandahar/1")
    assert (canonical.killed, canonical.injured) == (4, 7)
    assert canonical.figure("killed", "perpetrators").best == 2  # type: ignore[union-attr]


def _term_counts(store: object) -> dict[str, int]:
    from incidents.store.tables import TermCount

    with store.transaction() as session:  # type: ignore[attr-defined]
        return {t.term: t.incidents for t in session.query(TermCount)}


def test_merge_store_counts_words_for_idf_and_undoes_replaced_profiles(db_url: str) -> None:
    first, second, _ = three_reports()
    with open_store(db_url) as store:
        store.save([first, second])
        counts = _term_counts(store)
        assert counts[""] == 2  # two incidents
        assert counts["springfield"] == 2 and counts["bar"] == 2
        assert counts["toll"] == 1
        replaced = extraction("art1", FIRST, (), published="2015-03-14", version="9.0.0")
        store.save([replaced])  # art1 re-extracted: its incident is gone
        after = _term_counts(store)
    assert after[""] == 1
    assert after["toll"] == 1 and after["springfield"] == 1 and after["bar"] == 1
    assert after.get("gunmen", 0) == 0


def test_merge_text_similarity_weights_rare_words() -> None:
    from incidents.merge.similarity import compare_text, idf

    a = frozenset({"shooting", "police", "markeyo", "carr"})
    b = frozenset({"shooting", "police", "rogers", "park"})
    c = frozenset({"vigil", "markeyo", "carr", "mcdonald"})
    common = {"shooting": 900, "police": 950}

    def weight(term: str) -> float:
        return idf(common.get(term, 2), 1000)

    assert compare_text(a, b).score == compare_text(a, c).score  # two words each in common
    assert compare_text(a, c, weight).score > 2 * compare_text(a, b, weight).score
    assert idf(0, 0) > idf(5, 10) > idf(10, 10) > 0
