"""The database commands end to end: ingest (idempotent, resumable after kill -9),
list, show, merge, split, export, and clean errors for bad input.

Ingest runs the real pipeline; its assertions never depend on what the extractor finds.
Listing and showing use hand-built extractions, so their output is exact.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from pg import casualty, extraction, incident, place
from sqlalchemy import create_engine, text

from incidents.cli import cli
from incidents.cli.store_cmd import COMMANDS, merge_eval
from incidents.store import open_store
from incidents.store.engine import resolve_url

for _command in [*COMMANDS, merge_eval]:
    cli.add_command(_command)

CITIES = ["Springfield", "Riverton", "Lakeside", "Fairview", "Georgetown", "Salem", "Madison"]


def write_articles(folder: Path, count: int) -> list[str]:
    """``count`` short, distinct news texts, one file each; returns their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for n in range(count):
        city = CITIES[n % len(CITIES)]
        body = (
            f"{n + 2} people were shot and {n % 4} were killed in {city} on Saturday night, "
            f"police said. Officers found shell casings on Elm Street number {n}. "
            f"No arrests have been made in case {n}."
        )
        name = f"article-{n:03d}"
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
        ids.append(name)
    return ids


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def seed(db_url: str) -> None:
    texts = {
        "alpha": "Gunmen killed 3 people in Springfield on 13 March 2015, police said.",
        "beta": "The toll of the Springfield shooting on 13 March 2015 rose to 5, police said.",
        "gamma": "A bomb wounded 8 people in Riverton on 2 April 2015.",
    }
    items = []
    for key, body in texts.items():
        city = "Springfield" if "Springfield" in body else "Riverton"
        date = "2015-03-13" if city == "Springfield" else "2015-04-02"
        outcome_part = {"alpha": "killed 3 people", "beta": "rose to 5", "gamma": "wounded 8"}
        value = {"alpha": 3, "beta": 5, "gamma": 8}[key]
        from incidents.model import Outcome

        items.append(
            extraction(
                key,
                body,
                (
                    incident(
                        key,
                        body,
                        date=date,
                        date_text="2015",
                        places=(
                            place(
                                body,
                                city,
                                "Illinois",
                                lat=39.8,
                                lon=-89.6 if city == "Springfield" else -88.0,
                            ),
                        ),
                        gtd=("Armed Assault",) if city == "Springfield" else ("Bombing/Explosion",),
                        casualties=(
                            casualty(
                                body,
                                outcome_part[key],
                                value,
                                outcome=Outcome.INJURED if key == "gamma" else Outcome.KILLED,
                            ),
                        ),
                    ),
                ),
                published=date,
                title=f"{key.title()} report",
            )
        )
    with open_store(db_url) as store:
        store.save(items)


def test_store_cli_ingest_is_idempotent(tmp_path: Path, db_url: str) -> None:
    write_articles(tmp_path / "in", 3)
    first = invoke("ingest", str(tmp_path / "in"), "--db", db_url)
    with open_store(db_url) as store:
        canonical = store.counts()["canonical"]
    again = invoke("ingest", str(tmp_path / "in"), "--db", db_url)
    assert first.exit_code == 0, first.output
    assert first.stdout == (
        f"articles: 3 new, 0 skipped, 0 failed; incidents: {canonical} new, 0 updated\n"
    )
    assert again.exit_code == 0
    assert again.stdout == "articles: 0 new, 3 skipped, 0 failed; incidents: 0 new, 0 updated\n"


def test_store_cli_ingest_reports_failures_and_exits_1(tmp_path: Path, db_url: str) -> None:
    write_articles(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_text("   \n", encoding="utf-8")
    result = invoke("ingest", str(tmp_path / "in"), "--db", db_url)
    assert result.exit_code == 1
    assert result.stdout.startswith("articles: 2 new, 0 skipped, 1 failed;")
    assert result.stderr.startswith("incidents: empty: ")
    assert "Traceback" not in result.output
    with open_store(db_url) as store:
        assert [f["id"] for f in store.failures()] == ["empty"]
        assert store.counts()["articles"] == 2


def test_store_cli_ingest_duplicate_texts_are_stored_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 1)
    (folder / "copy.txt").write_text((folder / "article-000.txt").read_text(), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = invoke("ingest", str(folder), "--db", db)
    assert result.stdout.startswith("articles: 1 new, 1 skipped, 0 failed;")


def test_store_cli_list_and_show(db_url: str) -> None:
    seed(db_url)
    listed = invoke("list", "--db", db_url)
    assert listed.exit_code == 0
    assert listed.stdout.splitlines() == [
        "ID  DATE        PLACE                      TYPE               KILLED   INJURED  SRC  SUMMARY",
        (
            "1   2015-03-13  Springfield, Illinois, US  Armed Assault      5 (3-5)  -        2    "
            "Gunmen killed 3 people in Springfield on 13 March 2015, pol…"
        ),
        (
            "2   2015-04-02  Riverton, Illinois, US     Bombing/Explosion  -        8        1    "
            "A bomb wounded 8 people in Riverton on 2 April 2015"
        ),
    ]
    only = invoke("list", "--db", db_url, "--min-killed", "4", "--json")
    assert [json.loads(line)["id"] for line in only.stdout.splitlines()] == [1]
    none = invoke("list", "--db", db_url, "--since", "2016")
    assert none.stdout.splitlines()[-1] == "(no incidents)"
    shown = invoke("show", "1", "--db", db_url)
    assert shown.exit_code == 0
    out = shown.stdout
    assert out.startswith("Incident 1  (2 source(s))\n  date:        2015-03-13 (day)\n")
    assert "    killed total: 3 / 5 / 5  from 2 figure(s); best 5 from beta" in out
    assert "  [1] alpha  2015-03-13  (incident alpha/1, main, reported, auto)\n" in out
    assert "  [2] beta  2015-03-13  (incident beta/1, main, reported, auto)\n" in out
    assert '        "Gunmen killed 3 people in Springfield on 13 March 2015, police said."' in out
    assert "auto join beta/1 score" in out
    as_json = json.loads(invoke("show", "beta/1", "--db", db_url, "--json").stdout)
    assert as_json["id"] == 1 and len(as_json["sources"]) == 2


def test_store_cli_merge_split_and_missing_ids(db_url: str) -> None:
    seed(db_url)
    merged = invoke("merge", "1", "2", "--db", db_url, "--note", "one spree")
    assert (merged.exit_code, merged.stdout) == (0, "merged 2 into incident 1\n")
    assert invoke("show", "2", "--db", db_url).stdout.startswith(
        "(incident 2 was merged into 1)\nIncident 1  (3 source(s))"
    )
    split = invoke("split", "1", "--member", "gamma/1", "--db", db_url)
    assert (split.exit_code, split.stdout) == (0, "split incident 1: new incident(s) 3\n")
    missing = invoke("show", "99", "--db", db_url)
    assert missing.exit_code == 1
    assert missing.stderr == (
        "Error: no incident '99' in the database: `incidents list` shows the incident ids\n"
    )
    bad_merge = invoke("merge", "1", "42", "--db", db_url)
    assert bad_merge.exit_code == 1 and "no incident '42'" in bad_merge.stderr
    bad_split = invoke("split", "3", "--db", db_url)
    assert bad_split.exit_code == 1 and "nothing to split" in bad_split.stderr


def test_store_cli_export_to_file(tmp_path: Path, db_url: str) -> None:
    seed(db_url)
    out = tmp_path / "incidents.geojson"
    result = invoke("export", "--format", "geojson", "-o", str(out), "--db", db_url)
    assert result.exit_code == 0 and result.stderr == f"exported 2 incident(s) to {out}\n"
    assert len(json.loads(out.read_text())["features"]) == 2
    gtd = invoke("export", "--format", "csv-gtd", "--db", db_url, "--type", "bomb")
    assert gtd.stdout.count("\n") == 2  # header + the Riverton bombing
    unwritable = invoke("export", "-o", str(tmp_path / "no" / "such" / "x.json"), "--db", db_url)
    assert unwritable.exit_code == 1 and "cannot write" in unwritable.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--db", "mysql://localhost/x"], "Error: unsupported database 'mysql'"),
        (
            ["list", "--db", "sqlite:////no/such/dir/x.db"],
            "Error: no database at /no/such/dir/x.db",
        ),
        (["ingest", "x.txt", "--db", "/no/such/dir/x.db"], "Error: cannot create database"),
        (["show", "1", "--db", "postgresql://u@h:notaport/d"], "Error: not a database URL"),
        (["list", "--since", "yesterday"], "Invalid value for '--since'"),
    ],
)
def test_store_cli_bad_input_is_a_clean_error(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_store_cli_newer_schema_is_refused(db_url: str) -> None:
    seed(db_url)
    engine = create_engine(resolve_url(db_url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    engine.dispose()
    result = invoke("list", "--db", db_url)
    assert result.exit_code == 1
    assert "schema revision ffff, newer than this version of incidents knows" in result.stderr


def test_store_cli_commands_have_help() -> None:
    for command in [*COMMANDS, merge_eval]:
        assert isinstance(command, click.Command) and command.help
        result = invoke(command.name or "", "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout


def _count_articles(db_url: str) -> int:
    with open_store(db_url) as store:
        return store.counts()["articles"]


def test_store_cli_ingest_resumes_after_kill_9(tmp_path: Path, db_url: str) -> None:
    total = 100  # enough that the kill lands mid-run on a fast machine too
    ids = write_articles(tmp_path / "in", total)
    command = [
        sys.executable,
        "-c",
        "from incidents.cli.store_cmd import ingest; ingest()",
        str(tmp_path / "in"),
        "--db",
        db_url,
        "--batch-size",
        "2",
        "--no-progress",
    ]
    _count_articles(db_url)  # create the schema first, so polling never races the migration
    log = (tmp_path / "stderr.log").open("wb")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        stored = _count_articles(db_url)
        if stored >= 4:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    log.close()
    assert process.returncode == -signal.SIGKILL, (tmp_path / "stderr.log").read_text()
    interrupted = _count_articles(db_url)
    assert 4 <= interrupted < total, "the kill must land mid-run"

    resumed = subprocess.run(command, check=False, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.startswith(
        f"articles: {total - interrupted} new, {interrupted} skipped, 0 failed;"
    )
    from incidents.store.tables import ArticleRow, CanonicalMember, ExtractionRow, IncidentRow

    with open_store(db_url) as store, store.transaction() as session:
        keys = sorted(
            session.scalars(ArticleRow.__table__.select().with_only_columns(ArticleRow.key))
        )
        records = [e.record for e in session.query(ExtractionRow)]
        incidents = session.query(IncidentRow).count()
        members = session.query(CanonicalMember).count()
    assert keys == ids  # nothing lost, nothing duplicated
    assert incidents == sum(len(r["incidents"]) for r in records)
    assert members == incidents  # every incident in exactly one canonical incident


def test_store_cli_a_database_that_is_not_ours_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # a damaged SQLite header
    result = invoke("list", "--db", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output
