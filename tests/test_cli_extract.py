"""`incidents extract` end to end with CliRunner: formats, order, workers, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from incidents import __version__
from incidents.cli import cli
from incidents.schema import validation_errors

STORY_A = "Gunmen killed three police officers at a checkpoint in Kandahar on Monday, officials said."
STORY_B = "A bomb exploded outside a bank in Athens on Sunday. No one was injured in the blast."


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORY_A, encoding="utf-8")
    (folder / "b.html").write_text(f"<html><head><title>Athens blast</title></head><body><article><p>{STORY_B}</p></article></body></html>", encoding="utf-8")
    (folder / "c.jsonl").write_text(
        json.dumps({"id": "c1", "body": STORY_A, "dct": "2016-03-01"}) + "\n" + json.dumps({"id": "c2", "body": STORY_B, "dct": "2016-03-02"}) + "\n",
        encoding="utf-8",
    )
    return folder


def test_cli_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_cli_extract_jsonl_order_and_contract(inputs: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(inputs), "--field", "text=body,published=dct"])
    assert result.exit_code == 0, result.output
    records = _lines(result.stdout)
    assert [r["id"] for r in records] == ["a", "b", "c1", "c2"]
    for record in records:
        assert validation_errors(record) == []
    assert records[2]["article"]["published"] == "2016-03-01"
    kandahar = records[0]["incidents"][0]
    killed = next(c for c in kandahar["casualties"] if c["outcome"] == "killed")
    assert (killed["value"], killed["status"]) == (3, "attributed")


def test_cli_extract_workers_give_the_same_output(inputs: Path) -> None:
    one = CliRunner().invoke(cli, ["extract", str(inputs), "--field", "text=body,published=dct"])
    two = CliRunner().invoke(cli, ["extract", str(inputs), "--field", "text=body,published=dct", "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert _lines(one.stdout) == _lines(two.stdout)


def test_cli_extract_table_and_json_formats(inputs: Path, tmp_path: Path) -> None:
    table = CliRunner().invoke(cli, ["extract", str(inputs / "a.txt"), "--format", "table"])
    assert table.exit_code == 0
    assert "Kandah" in table.output and "killed 3" in table.output and "Armed Assault" in table.output
    out = tmp_path / "out.json"
    as_json = CliRunner().invoke(cli, ["extract", str(inputs / "a.txt"), str(inputs / "b.html"), "--format", "json", "-o", str(out)])
    assert as_json.exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in data] == ["a", "b"]
    assert data[1]["article"]["title"] == "Athens blast"


def test_cli_extract_stdin() -> None:
    result = CliRunner().invoke(cli, ["extract", "-"], input=STORY_A)
    assert result.exit_code == 0
    (record,) = _lines(result.stdout)
    assert record["id"] == "stdin" and record["incidents"]


def test_cli_extract_bad_inputs_fail_per_article_and_go_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY_A, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "broken.html").write_text("<html><body><p>Gunmen attacked a police post in Kabul on", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"id": "ok", "text": "' + STORY_B + '"}\n{not json\n{"id": "notext"}\n', encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Des hommes armés ont tué trois gendarmes à Niamey, a déclaré la police. Café über".encode("cp1252"))
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    records = {r["id"]: r for r in _lines(result.stdout)}
    assert "error" in records["binary"] and "binary" in records["binary"]["error"]
    assert "error" in records["empty"] and "empty" in records["empty"]["error"]
    assert "incidents" in records["good"] and "incidents" in records["broken"]
    assert "incidents" in records["ok"]
    assert any("error" in r and "line 2" in r["error"] for r in records.values())
    assert "armés" in records["latin"]["text"]
    assert "Traceback" not in result.output


def test_cli_extract_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "no such file" in result.output.lower()
    assert "Traceback" not in result.output


def test_cli_extract_bad_field_option() -> None:
    result = CliRunner().invoke(cli, ["extract", "-", "--field", "textbody"], input="x")
    assert result.exit_code == 2
    assert "NAME=KEY" in result.output
