"""The incident database: schema, idempotent saves, re-extraction, failures, queries.

Every test runs against SQLite and PostgreSQL (``db_url`` from ``tests/pg.py``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from pg import casualty, extraction, incident, place
from sqlalchemy import create_engine, text

from incidents.errors import StoreError
from incidents.model import Failure, Outcome, Precision, Qualifier, Status
from incidents.store import Filters, open_store
from incidents.store.engine import resolve_url

ALEPPO = "A car bomb killed 12 people in Aleppo on 3 May 2016, state media reported."
HOMS = "Two people were injured in Homs in May 2016 when a shell hit a market."
MOSUL = "Gunmen shot dead 4 policemen at a checkpoint in Mosul on 9 May 2016."


def aleppo(version: str = "0.1.0", killed: int = 12) -> object:
    return extraction(
        "aleppo",
        ALEPPO,
        (
            incident(
                "aleppo",
                ALEPPO,
                date="2016-05-03",
                date_text="3 May 2016",
                places=(place(ALEPPO, "Aleppo", "Aleppo", "Syria", "SY", 36.2, 37.16),),
                gtd=("Bombing/Explosion",),
                casualties=(casualty(ALEPPO, "killed 12 people", killed),),
            ),
        ),
        published="2016-05-04",
        version=version,
    )


def homs() -> object:
    return extraction(
        "homs",
        HOMS,
        (
            incident(
                "homs",
                HOMS,
                date="2016-05",
                date_text="May 2016",
                precision=Precision.MONTH,
                places=(place(HOMS, "Homs", "Homs", "Syria", "SY", 34.73, 36.72),),
                gtd=("Bombing/Explosion",),
                casualties=(casualty(HOMS, "Two people were injured", 2, outcome=Outcome.INJURED),),
            ),
        ),
        published="2016-05-20",
    )


def mosul() -> object:
    return extraction(
        "mosul",
        MOSUL,
        (
            incident(
                "mosul",
                MOSUL,
                date="2016-05-09",
                date_text="9 May 2016",
                places=(place(MOSUL, "Mosul", "Nineveh", "Iraq", "IQ", 36.34, 43.13),),
                casualties=(casualty(MOSUL, "shot dead 4 policemen", 4, group="police"),),
            ),
        ),
        published="2016-05-09",
    )


def test_store_creates_schema_matching_the_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from incidents.store.tables import Base

    with open_store(db_url) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert differences == []
    assert revision == "0001"


def test_store_save_is_idempotent(db_url: str) -> None:
    with open_store(db_url) as store:
        first = store.save([aleppo(), homs()])
        again = store.save([aleppo(), homs()])
        counts = store.counts()
    assert (first.new, first.skipped) == (2, 0)
    assert (again.new, again.skipped) == (0, 2)
    assert len(first.canonical_new) == 2 and not again.canonical_new
    assert counts["articles"] == 2 and counts["incidents"] == 2 and counts["canonical"] == 2


def test_store_keeps_the_contract_record(db_url: str) -> None:
    from incidents.store.tables import ExtractionRow

    record = aleppo()
    with open_store(db_url) as store:
        store.save([record])
        with store.transaction() as session:
            stored = session.query(ExtractionRow).one()
            assert stored.record == record.to_dict()  # type: ignore[attr-defined]
            assert stored.extractor_version == "0.1.0"


def test_store_reextraction_with_newer_version_updates_in_place(db_url: str) -> None:
    from incidents.store.tables import IncidentRow

    with open_store(db_url) as store:
        store.save([aleppo("0.1.0", killed=12)])
        with store.transaction() as session:
            before = session.query(IncidentRow).one().id
        older = store.save([aleppo("0.0.9", killed=99)])
        newer = store.save([aleppo("0.2.0", killed=14)])
        with store.transaction() as session:
            row = session.query(IncidentRow).one()
            after, killed = row.id, row.killed
        record = store.get("1")
        history = store.history()
    assert older.skipped == 1 and newer.updated == 1
    assert after == before and killed == 14
    assert record.killed == 14 and record.n_sources == 1
    assert [h["action"] for h in history] == ["reextract"]
    assert history[0]["details"]["from_version"] == "0.1.0"
    assert history[0]["details"]["to_version"] == "0.2.0"
    assert history[0]["details"]["previous"]["incidents"][0]["casualties"][0]["value"] == 12


def test_store_records_failures_and_resolves_them(db_url: str) -> None:
    with open_store(db_url) as store:
        result = store.save([Failure(id="aleppo", error="could not read", source=None)])
        assert result.failed == 1
        assert [f["id"] for f in store.failures()] == ["aleppo"]
        store.save([Failure(id="aleppo", error="could not read again", source=None)])
        assert store.failures()[0]["attempts"] == 2
        store.save([aleppo()])
        assert store.failures() == []


def test_store_list_filters(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save([aleppo(), homs(), mosul()])

        def ids(**kwargs: object) -> list[str]:
            return [r.city or "" for r in store.list_incidents(Filters(**kwargs))]  # type: ignore[arg-type]

        assert ids() == ["Homs", "Aleppo", "Mosul"]  # by date start: May 2016 covers 1 May
        assert ids(country="iraq") == ["Mosul"]
        assert ids(country="SY") == ["Homs", "Aleppo"]
        assert ids(since=dt.date(2016, 5, 5)) == ["Homs", "Mosul"]  # month overlaps
        assert ids(until=dt.date(2016, 5, 2)) == ["Homs"]
        assert ids(type="bomb") == ["Homs", "Aleppo"]
        assert ids(min_killed=5) == ["Aleppo"]
        assert ids(text="checkpoint") == ["Mosul"]
        assert ids(text="100%") == []
        assert ids(limit=1) == ["Homs"]


def test_store_get_by_id_and_by_incident_key(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save([aleppo(), homs()])
        by_key = store.get("homs/1")
        by_id = store.get(str(by_key.id))
        with pytest.raises(StoreError, match="no incident '99'"):
            store.get("99")
        with pytest.raises(StoreError, match="no incident 'nowhere/1'"):
            store.get("nowhere/1")
    assert by_id.to_dict() == by_key.to_dict()
    member = by_id.members[0]
    assert member.article_key == "homs"
    assert member.figures[0].evidence[0].sentence == HOMS
    assert by_id.figure("injured") is not None and by_id.figure("injured").best == 2  # type: ignore[union-attr]


def test_store_refuses_a_newer_schema(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save([aleppo()])
    engine = create_engine(resolve_url(db_url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="schema revision 9999, newer than this version"):
        open_store(db_url)
    engine = create_engine(resolve_url(db_url))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM articles")).scalar() == 1
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://localhost/x", "unsupported database 'mysql'"),
        ("://x", "not a database URL"),
        ("postgresql://u@h:notaport/d", "not a database URL"),
        ("sqlite+nodriver:///x.db", "no driver for sqlite\\+nodriver"),
        ("sqlite:////no/such/dir/x.db", "directory /no/such/dir does not exist"),
        ("http//bad url", "directory"),
    ],
)
def test_store_bad_urls_raise_store_errors(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_store_a_file_that_is_not_a_database(tmp_path: object) -> None:
    path = tmp_path / "notes.db"  # type: ignore[operator]
    path.write_text("these are not the tables you are looking for\n" * 100)
    with pytest.raises(StoreError, match="cannot open database|not a database"):
        open_store(str(path))


def test_store_unreachable_postgres_is_a_store_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot open database postgresql"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def test_store_path_and_default_urls(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]
    monkeypatch.delenv("INCIDENTS_DB", raising=False)
    assert str(resolve_url(None)) == "sqlite:///incidents.db"
    assert str(resolve_url("x.db")) == f"sqlite:///{tmp_path}/x.db"
    assert resolve_url("postgresql://u@h/d").drivername == "postgresql+psycopg"
    monkeypatch.setenv("INCIDENTS_DB", "sqlite:///env.db")
    assert str(resolve_url(None)) == "sqlite:///env.db"


def test_store_sqlite_file_is_a_real_sqlite_database(tmp_path: object) -> None:
    path = tmp_path / "x.db"  # type: ignore[operator]
    with open_store(str(path)) as store:
        store.save([aleppo()])
    connection = sqlite3.connect(path)
    assert connection.execute("select key, published from articles").fetchall() == [
        ("aleppo", "2016-05-04")
    ]
    connection.close()


def test_store_statuses_and_qualifiers_are_kept(db_url: str) -> None:
    hedged = casualty(
        ALEPPO, "killed 12 people", 30, qualifier=Qualifier.ABOUT, status=Status.HEDGED
    )
    record = extraction(
        "hedge",
        ALEPPO,
        (incident("hedge", ALEPPO, date="2016-05-03", casualties=(hedged,)),),
        published="2016-05-04",
    )
    with open_store(db_url) as store:
        store.save([record])
        figure = store.get("hedge/1").members[0].figures[0]
    assert (figure.value, figure.qualifier, figure.status) == (30, "about", "hedged")
