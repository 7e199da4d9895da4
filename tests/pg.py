"""Database test support (a pytest plugin): a throwaway PostgreSQL server, a ``db_url``
fixture that runs a test against SQLite and PostgreSQL, and builders of hand-made
extractions.

* ``postgres_server`` (session): Debian's PostgreSQL 15 (``/usr/lib/postgresql/15/bin``, or
  ``$INCIDENTS_PG_BIN``) started with ``initdb``/``pg_ctl`` in a temporary directory on a
  free port, as the ``postgres`` user when the tests run as root (``initdb`` refuses root);
  stopped and deleted at the end of the session. Tests that need it are skipped, with the
  reason, only when the binaries or psycopg are missing.
* ``db_url``: parametrised ``sqlite`` / ``postgres`` (the latter marked ``postgres``); each
  test gets a fresh SQLite file or a fresh PostgreSQL database.

Wire it in ``tests/conftest.py`` with ``pytest_plugins = ["pg"]``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from incidents.model import (
    Article,
    Casualty,
    DateValue,
    Entity,
    EventTypes,
    Evidence,
    Extraction,
    Incident,
    Outcome,
    Perpetrator,
    Place,
    Precision,
    Qualifier,
    Stage,
    Status,
)

PG_BIN = Path(os.environ.get("INCIDENTS_PG_BIN", "/usr/lib/postgresql/15/bin"))


@dataclass
class PostgresServer:
    host: str
    port: int
    user: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _run(command: list[str], check: bool = True) -> None:
    subprocess.run(_as_postgres(command), check=check, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        pytest.skip(f"PostgreSQL binaries not found in {PG_BIN} (apt-get install postgresql-15)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: pip install 'incidents[postgres]'")
    root = Path(tempfile.mkdtemp(prefix="incidents-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data = root / "data"
    port = _free_port()
    try:
        _run(
            [str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]
            + ["-E", "UTF8", "--locale=C", "--no-sync"]
        )
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        _run(
            [str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log")]
            + ["-w", "-t", "60", "start"]
        )
    except subprocess.CalledProcessError as exc:
        log = (root / "log").read_text() if (root / "log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {exc.stderr}\n{log}")
    try:
        yield PostgresServer(host="127.0.0.1", port=port, user="postgres")
    finally:
        _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], check=False)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new database on the test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'incidents.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:16]}"
    server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.url(name)
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- builders of hand-made extractions ---------------------------------------------------


def span(text: str, part: str) -> tuple[Evidence, ...]:
    """Evidence for the first occurrence of ``part`` in ``text``."""
    start = text.index(part)
    return (Evidence(start, start + len(part), part),)


def place(
    text: str,
    name: str,
    admin1: str | None = None,
    country: str | None = "United States",
    code: str | None = "US",
    lat: float | None = None,
    lon: float | None = None,
    precision: str = "city",
) -> Place:
    return Place(
        name=name,
        country=country,
        country_code=code,
        admin1=admin1,
        lat=lat,
        lon=lon,
        geonames_id=None,
        precision=precision,
        evidence=span(text, name),
    )


def casualty(
    text: str,
    part: str,
    value: int,
    outcome: Outcome = Outcome.KILLED,
    group: str = "total",
    qualifier: Qualifier = Qualifier.EXACT,
    status: Status = Status.REPORTED,
    maximum: int | None = None,
) -> Casualty:
    return Casualty(
        outcome=outcome,
        group=group,
        value=value,
        min=value,
        max=maximum,
        qualifier=qualifier,
        status=status,
        evidence=span(text, part),
    )


def incident(
    article_id: str,
    text: str,
    n: int = 1,
    main: bool = True,
    summary: str | None = None,
    date: str | None = None,
    date_text: str | None = None,
    precision: Precision = Precision.DAY,
    places: tuple[Place, ...] = (),
    gtd: tuple[str, ...] = ("Armed Assault",),
    casualties: tuple[Casualty, ...] = (),
    perpetrators: tuple[Perpetrator, ...] = (),
    victims: tuple[Entity, ...] = (),
    stage: Stage = Stage.ACCOMPLISHED,
    acled: tuple[str, str] | None = None,
) -> Incident:
    date_value = None
    if date is not None:
        date_value = DateValue(date, date, precision, span(text, date_text or text[:5]))
    return Incident(
        id=f"{article_id}/{n}",
        main=main,
        summary=summary or text.split(".")[0],
        status=Status.REPORTED,
        stage=stage,
        confidence=0.8,
        date=date_value,
        locations=places,
        types=EventTypes(
            gtd=gtd,
            acled_event_type=acled[0] if acled else None,
            acled_sub_event_type=acled[1] if acled else None,
        ),
        perpetrators=perpetrators,
        victims=victims,
        casualties=casualties,
        evidence=span(text, text.split(".")[0]),
    )


def extraction(
    article_id: str,
    text: str,
    incidents: tuple[Incident, ...] = (),
    published: str | None = None,
    version: str = "0.1.0",
    title: str | None = None,
    url: str | None = None,
) -> Extraction:
    article = Article(id=article_id, text=text, title=title, url=url, published=published)
    return Extraction(
        article=article, incidents=incidents, statements=(), extractor_version=version
    )
