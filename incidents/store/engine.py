"""Database URLs, engines and schema migrations.

``open_engine(url)`` accepts ``sqlite:///FILE``, a bare file path (SQLite), ``sqlite://``
(in memory) or ``postgresql://...`` (run through psycopg 3), creates the engine and brings
the schema to the newest Alembic revision (the equivalent of ``alembic upgrade head``).
A database whose schema is newer than this package knows is refused, never touched.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from incidents.errors import StoreError

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///incidents.db"
ENV_VAR = "INCIDENTS_DB"
MIGRATIONS = Path(__file__).with_name("migrations")


def resolve_url(url: str | None = None) -> URL:
    """The database URL to use: ``url``, else ``$INCIDENTS_DB``, else ``incidents.db`` here.

    Raises:
        StoreError: the URL cannot be parsed or names an unsupported database.
    """
    text = (url or os.environ.get(ENV_VAR) or DEFAULT_URL).strip()
    if "://" not in text:
        if not text:
            raise StoreError("empty database URL: use sqlite:///FILE or postgresql://...")
        text = "sqlite:///" + str(Path(text).expanduser().resolve())
    try:
        parsed = make_url(text)
    except (ArgumentError, ValueError):
        raise StoreError(
            f"not a database URL: {text!r}; use sqlite:///FILE, a file path, "
            "or postgresql://USER@HOST:PORT/DBNAME"
        ) from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername != "postgresql+psycopg":  # the only driver incidents ships with
            parsed = parsed.set(drivername="postgresql+psycopg")
        return parsed
    if backend == "sqlite":
        return parsed
    raise StoreError(
        f"unsupported database {backend!r} in {parsed.render_as_string(hide_password=True)}: "
        "incidents stores into SQLite (sqlite:///FILE) or PostgreSQL (postgresql://...)"
    )


def display_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def open_engine(url: str | None = None, migrate: bool = True, create: bool = True) -> Engine:
    """Create an engine for ``url`` and upgrade its schema to the newest revision.

    With ``create=False`` a SQLite file that does not exist yet is an error, not a new
    empty database (for commands that only read).

    Raises:
        StoreError: bad URL, missing driver, unreachable server, a file that is not a
            database, or a schema newer than this version of incidents.
    """
    parsed = resolve_url(url)
    if not create and parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        on_disk = database not in ("", ":memory:") and not database.startswith("file:")
        if on_disk and not Path(database).expanduser().exists():
            raise StoreError(
                f"no database at {database}: `incidents ingest` creates one, or give --db URL"
            )
    engine = _create(parsed)
    try:
        if migrate:
            upgrade(engine)
        else:
            with engine.connect():
                pass
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(
            f"cannot open database {display_url(parsed)}: {short_error(exc)}"
        ) from None
    return engine


def _create(url: URL) -> Engine:
    kwargs: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(
                    f"cannot create database {database}: directory {parent} does not exist"
                )
        if not database or database == ":memory:":
            kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"timeout": 60, "check_same_thread": False}
    else:
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": 10}
    try:
        engine = create_engine(url, **kwargs)
    except NoSuchModuleError:
        raise StoreError(f"no driver for {url.drivername}") from None
    except ImportError as exc:
        raise StoreError(
            f"the PostgreSQL driver is missing ({exc}): pip install 'incidents[postgres]'"
        ) from None
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL never loses a committed transaction when the process is killed;
    # only a power cut can roll back the last commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (``alembic upgrade head``).

    Raises:
        StoreError: the database carries a revision this package does not know (newer).
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    known = {rev.revision for rev in script.walk_revisions()}
    heads = set(script.get_heads())
    with engine.begin() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
        unknown = sorted(current - known)
        if unknown:
            raise StoreError(
                f"database {display_url(engine.url)} has schema revision {', '.join(unknown)}, "
                "newer than this version of incidents knows: upgrade incidents "
                "(pip install -U incidents) or use another database"
            )
        if current == heads:
            return
        log.info("upgrading database schema %s -> %s", sorted(current), sorted(heads))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def schema_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


def short_error(exc: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's boilerplate and SQL."""
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
