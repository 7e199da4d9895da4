"""``incidents eval statements``: the annotation reader and the document builder on tiny
made-up files in the real formats, the scorer's rules on hand-built system output, the
whole command on synthetic documents (real extraction), the project's annotation file,
and (marked ``shared``) that its hashes still match the texts in ../shared/data."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from incidents.cli import cli
from incidents.errors import EvaluationError
from incidents.evaluate import statements as st
from incidents.ingest.text import normalize

# --- synthetic data in the real formats ----------------------------------------------------

GVA_TEXT = ("Two men were shot dead in Springfield on Monday, police said.\r\n\r\n"
            "No one has been arrested.  The gunman apparently fled in a red car.")
RAND_ROWS = [
    "A grenade was thrown at a police post in Srinagar.  No one was hurt.",
    "A bomb exploded outside a bank in Athens.  May 98 claimed responsibility for the attack.",
]
GTD_TEXT = ("01/05/2016: Assailants attacked a police post in Kunduz, Afghanistan. No group claimed "
            "responsibility for the incident; however, sources attributed the attack to the Taliban.")
WIKI_SENTENCES = ["Bomb kills three in Kabul", "Officials said the bomb was hidden in a cart.",
                  "Everything indicates that the attackers planned it for weeks."]


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    (root / "gva").mkdir(parents=True)
    (root / "gva" / "gva_2013_2015.jsonl").write_text(json.dumps({
        "doc_id": "g1", "title": "Two shot", "dct": "2015-03-02", "text": GVA_TEXT,
        "gold": {"num_killed": 2, "num_injured": 0},
    }) + "\n", encoding="utf-8")
    (root / "rand").mkdir()
    with (root / "rand" / "rand_1998_2006.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Date", "City", "Country", "Perpetrator", "Weapon", "Injuries", "Fatalities",
                         "Description"])
        for description in RAND_ROWS:
            writer.writerow(["2001-05-04", "Athens", "Greece", "May 98", "Explosives", "0", "0", description])
    (root / "gtd").mkdir()
    with (root / "gtd" / "gtd_2016.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["eventid", "iyear", "imonth", "iday", "summary", "attacktype1_txt", "nkill",
                         "nwound", "city", "gname", "weaptype1_txt", "targtype1_txt"])
        writer.writerow(["201601050001", "2016", "1", "5", GTD_TEXT, "Armed Assault", "0", "0",
                         "Kunduz", "Taliban", "Firearms", "Police"])
    (root / "wikievents").mkdir()
    (root / "wikievents" / "dev.jsonl").write_text(json.dumps({
        "doc_id": "w1", "text": "".join(WIKI_SENTENCES),
        "sentences": [[[], s] for s in WIKI_SENTENCES],
    }) + "\n", encoding="utf-8")
    return root


def _label(id: str, dataset: str, doc: str, text: str, sentence: str, status: str,
           *statements: dict[str, Any]) -> dict[str, Any]:
    start = text.index(sentence)
    out = []
    for s in statements:
        item = dict(s)
        for name in ("speaker_span", "cue_span", "content_span"):
            if isinstance(item.get(name), str):
                at = text.index(item[name], start)
                item[name] = [at, at + len(item[name])]
        out.append(item)
    return {"id": id, "dataset": dataset, "doc": doc, "start": start, "end": start + len(sentence),
            "sha1": st.sentence_hash(sentence), "status": status, "statements": out}


def _labels() -> list[dict[str, Any]]:
    gva = normalize(GVA_TEXT)
    wiki = "\n".join(WIKI_SENTENCES)
    return [
        _label("gva-1", "gva", "g1", gva, "Two men were shot dead in Springfield on Monday, police said.",
               "attributed", {"speaker": "police", "speaker_span": "police", "cue": "said",
                              "cue_span": "said", "content_span": "Two men were shot dead in Springfield on Monday"}),
        _label("gva-2", "gva", "g1", gva, "No one has been arrested.", "negated"),
        _label("gva-3", "gva", "g1", gva, "The gunman apparently fled in a red car.", "hedged"),
        _label("rand-1", "rand", "rand-2", RAND_ROWS[1], "May 98 claimed responsibility for the attack.",
               "claimed", {"speaker": "May 98", "speaker_span": "May 98", "cue": "claimed",
                           "content_span": "responsibility for the attack"}),
        _label("gtd-1", "gtd", "gtd-201601050001", GTD_TEXT, "No group claimed responsibility for the incident;",
               "negated"),
        _label("gtd-2", "gtd", "gtd-201601050001", GTD_TEXT,
               "however, sources attributed the attack to the Taliban.", "hedged",
               {"speaker": "sources", "speaker_span": "sources", "cue": "attributed",
                "content_span": "the attack to the Taliban"}),
        _label("wiki-1", "wikievents", "w1", wiki, WIKI_SENTENCES[1], "attributed",
               {"speaker": "officials", "cue": "said", "content_span": "the bomb was hidden in a cart"}),
        _label("wiki-2", "wikievents", "w1", wiki, WIKI_SENTENCES[2], "speculative",
               {"speaker": "author", "cue": "Everything indicates",
                "content_span": "the attackers planned it for weeks"}),
    ]


def _write(path: Path, labels: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(label) + "\n" for label in labels), encoding="utf-8")
    return path


# --- reading annotations and documents ------------------------------------------------------

def test_load_annotations_reads_labels(tmp_path: Path) -> None:
    labels = st.load_annotations(_write(tmp_path / "a.jsonl", _labels()))
    assert [label.id for label in labels][:2] == ["gva-1", "gva-2"]
    first = labels[0]
    assert first.status == "attributed" and first.speaker == "police"
    assert first.statements[0].quote == "indirect" and first.statements[0].cue == "said"
    assert labels[1].statements == () and labels[1].speaker is None


@pytest.mark.parametrize("change, message", [
    ({"status": "rumoured"}, "unknown status"),
    ({"dataset": "acled"}, "unknown dataset"),
    ({"start": 50, "end": 10}, "bad sentence offsets"),
    ({"sha1": "XYZ"}, "sha1"),
    ({"statements": [{"speaker": "police", "cue": "said", "content_span": [0, 9999]}]}, "not inside"),
    ({"statements": [{"speaker": "police", "cue": "said", "content_span": [0, 5], "quote": "loud"}]}, "quote"),
    ({"statements": [{"speaker": "author", "speaker_span": [0, 2], "cue": "x", "content_span": [0, 5]}]},
     "author has no speaker span"),
    ({"statements": [{"cue": "said", "content_span": [0, 5]}]}, "lacks speaker"),
])
def test_load_annotations_rejects_bad_labels(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    label = _labels()[0] | change
    with pytest.raises(EvaluationError, match=message):
        st.load_annotations(_write(tmp_path / "a.jsonl", [label]))


def test_load_annotations_rejects_duplicates_overlaps_and_bad_lines(tmp_path: Path) -> None:
    first = _labels()[0]
    with pytest.raises(EvaluationError, match="duplicate id"):
        st.load_annotations(_write(tmp_path / "a.jsonl", [first, first | {"start": 70, "end": 80}]))
    with pytest.raises(EvaluationError, match="overlaps"):
        st.load_annotations(_write(tmp_path / "b.jsonl", [first, first | {"id": "x", "start": 5, "end": 9}]))
    (tmp_path / "c.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="not JSON"):
        st.load_annotations(tmp_path / "c.jsonl")
    with pytest.raises(EvaluationError, match="cannot read"):
        st.load_annotations(tmp_path / "missing.jsonl")


def test_read_documents_builds_the_eval_articles(data: Path) -> None:
    wanted = {"gva": {"g1"}, "rand": {"rand-2"}, "gtd": {"gtd-201601050001"}, "wikievents": {"w1", "w9"},
              "seed": {st.SEED_ID}}
    articles = st.read_documents(data, wanted)
    assert set(articles) == {("gva", "g1"), ("rand", "rand-2"), ("gtd", "gtd-201601050001"),
                             ("wikievents", "w1"), ("seed", st.SEED_ID)}  # w9 does not exist
    gva = articles[("gva", "g1")]
    assert gva.text == normalize(GVA_TEXT) and "\r" not in gva.text and gva.published == "2015-03-02"
    assert articles[("rand", "rand-2")].text == RAND_ROWS[1]  # the second data row
    assert articles[("gtd", "gtd-201601050001")].published == "2016-01-05"
    assert articles[("wikievents", "w1")].text == "\n".join(WIKI_SENTENCES)
    assert articles[("seed", st.SEED_ID)].published == st.SEED_PUBLISHED
    with pytest.raises(EvaluationError, match="no such data folder"):
        st.read_documents(data / "nope", wanted)
    with pytest.raises(EvaluationError, match="holds no gva/ folder"):
        st.read_documents(data / "gva", wanted)


def test_drift_finds_moved_sentences_and_missing_documents(data: Path) -> None:
    labels = [st.parse_label(label, label["id"]) for label in _labels()]
    wanted: dict[str, set[str]] = {}
    for label in labels:
        wanted.setdefault(label.dataset, set()).add(label.doc)
    articles = st.read_documents(data, wanted)
    assert st.drift(labels, articles) == []
    moved = st.parse_label(_labels()[0] | {"start": 1, "end": 30}, "moved")
    gone = st.parse_label(_labels()[0] | {"doc": "g2"}, "gone")
    problems = st.drift([moved, gone], articles)
    assert "no longer matches its hash" in problems[0]
    assert "not found" in problems[1]


# --- the system's reading of a sentence -------------------------------------------------------

def _ev(start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": ""}


def test_system_view_prefers_the_most_overlapping_statement() -> None:
    doc = {"incidents": [], "statements": [
        {"speaker": "police", "status": "attributed", "cue": "said", "evidence": [_ev(0, 5), _ev(90, 95)]},
        {"speaker": "author", "status": "speculative", "cue": "clearly", "evidence": [_ev(10, 40)]},
        {"speaker": "mayor", "status": "negated", "cue": "denied", "evidence": [_ev(200, 220)]},
    ]}
    view = st.system_view(doc, (0, 50))
    assert view["status"] == "speculative" and view["source"] == "statement"
    assert [s["speaker"] for s in view["statements"]] == ["police", "author"]


def test_system_view_falls_back_to_fields_then_triggers_then_reported() -> None:
    incident = {
        "status": "hedged", "evidence": [_ev(0, 6)],
        "casualties": [{"status": "attributed", "evidence": [_ev(10, 20)]},
                       {"status": "negated", "evidence": [_ev(30, 40)]},
                       {"status": "reported", "evidence": [_ev(60, 70)]}],
        "perpetrators": [{"status": "negated", "evidence": [_ev(45, 50)]}],
        "targets": [], "victims": [{"status": "hedged", "evidence": [_ev(100, 110)]}],
    }
    doc = {"incidents": [incident], "statements": []}
    assert st.system_view(doc, (8, 55))["status"] == "negated"  # commonest marked status
    assert st.system_view(doc, (8, 42))["status"] == "negated"  # a tie goes to the weaker
    assert st.system_view(doc, (55, 80)) == {"status": "reported", "source": "fields", "statements": []}
    assert st.system_view(doc, (0, 7))["status"] == "hedged"  # the incident's own status
    assert st.system_view(doc, (0, 7))["source"] == "incident"
    assert st.system_view(doc, (300, 310))["source"] == "default"
    assert st.system_view(None, (0, 7))["source"] == "failed"


@pytest.mark.parametrize("gold, pred, same", [
    ("Sergei Lavrov", "Lavrov", True),
    ("police", "The police", True),
    ("police", "Rocky Mount police", True),
    ("media reports", "All media reports", True),
    ("author", "the author", True),
    ("Park", "Parker", False),
    ("police", "prosecutors", False),
    ("police", None, False),
    ("", "police", False),
])
def test_same_speaker(gold: str, pred: str | None, same: bool) -> None:
    assert st.same_speaker(gold, pred) is same


# --- the figures ------------------------------------------------------------------------------

def test_score_counts_status_speaker_detection_and_confusion(tmp_path: Path) -> None:
    labels = st.load_annotations(_write(tmp_path / "a.jsonl", _labels()))
    by_id = {label.id: label for label in labels}

    def stmt(speaker: str, status: str, span: tuple[int, int]) -> dict[str, Any]:
        return {"speaker": speaker, "status": status, "cue": None, "quote": None,
                "evidence": [list(span)], "overlap": 1}

    g1 = by_id["gva-1"]
    content = g1.statements[0].content
    views = [
        {"status": "attributed", "source": "statement", "statements": [stmt("Police", "attributed", content)]},
        {"status": "reported", "source": "default", "statements": []},
        {"status": "hedged", "source": "incident", "statements": []},
        {"status": "attributed", "source": "statement",  # right place, wrong speaker and status
         "statements": [stmt("bank", "attributed", by_id["rand-1"].statements[0].content)]},
        {"status": "negated", "source": "fields", "statements": []},
        {"status": "hedged", "source": "statement",  # a statement away from the content span
         "statements": [stmt("sources", "hedged", (by_id["gtd-2"].start, by_id["gtd-2"].start + 3))]},
        {"status": "reported", "source": "default", "statements": []},
        {"status": "speculative", "source": "statement",
         "statements": [stmt("author", "speculative", by_id["wiki-2"].statements[0].content)]},
    ]
    figures, marks, confusion = st.score(labels, views)
    by_name = {f.name: f for f in figures}
    status = by_name["status"]
    assert (status.correct, status.n) == (5, 8)
    assert status.baselines == {"always reported": 0.0, "most frequent (attributed)": 0.25}
    speaker = by_name["speaker"]
    assert (speaker.correct, speaker.n) == (3, 5)  # police, sources, author right; May 98, officials not
    prf = by_name["statement_f1"].prf
    assert prf is not None
    assert (prf.r_num, prf.r_den) == (3, 5) and (prf.p_num, prf.p_den) == (3, 4)
    assert by_name["status_gtd"].n == 2 and "status_seed" not in by_name
    assert confusion["negated"]["reported"] == 1 and confusion["claimed"]["attributed"] == 1
    assert sum(sum(row.values()) for row in confusion.values()) == 8
    assert marks[0] == {"status": True, "speaker": True, "status_gva": True, "status_marked": True,
                        "statements_found": 1, "statements_gold": 1, "statements_right": 1,
                        "statements_pred": 1}
    with pytest.raises(ValueError):
        st.score(labels, views[:-1])


# --- the whole command --------------------------------------------------------------------------

def test_evaluate_statements_end_to_end(data: Path, tmp_path: Path) -> None:
    annotations = _write(tmp_path / "a.jsonl", _labels())
    report = st.evaluate_statements(data, annotations=annotations)
    assert report.n_sentences == 8 and report.n_documents == 4 and report.failures == []
    status = report.figure("status")
    assert status.n == 8
    assert status.correct == sum(r["marks"]["status"] for r in report.records)
    assert report.figure("speaker").n == 5
    assert sum(sum(row.values()) for row in report.confusion.values()) == 8
    first = report.records[0]
    assert first["text"] == "Two men were shot dead in Springfield on Monday, police said."
    assert first["pred"]["status"] in st.STATUSES
    out = report.to_dict()
    assert out["n_sentences"] == 8 and out["dataset"] == "statements"
    json.dumps(out)
    text = st.render(report)
    assert "status confusion" in text and "4 documents" in text
    limited = st.evaluate_statements(data, annotations=annotations, limit=1)
    assert limited.n_documents == 1 and limited.n_sentences == 3


def test_evaluate_statements_stops_on_drift(data: Path, tmp_path: Path) -> None:
    labels = _labels()
    labels[0]["sha1"] = "00000000"
    with pytest.raises(EvaluationError, match="do not match the data"):
        st.evaluate_statements(data, annotations=_write(tmp_path / "a.jsonl", labels))


def test_cli_statements_needs_the_data_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "statements", "--data", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "no such data folder" in result.output
    assert "Traceback" not in result.output


# --- the project's annotation file -----------------------------------------------------------------

STATEMENT_KEYS = {"speaker", "speaker_span", "role", "cue", "cue_span", "content_span", "quote"}
LABEL_KEYS = {"id", "dataset", "doc", "start", "end", "sha1", "status", "statements", "note"}


def test_project_annotations_are_well_formed() -> None:
    labels = st.load_annotations()  # raises on any malformed label
    assert st.label_problems(labels) == []
    assert len(labels) >= 300
    counts = {source: sum(label.dataset == source for label in labels) for source in st.SOURCES}
    assert counts["gva"] >= 80 and counts["rand"] >= 60 and counts["gtd"] >= 60
    assert counts["wikievents"] >= 60 and counts["seed"] >= 20
    assert {label.status for label in labels} == set(st.STATUSES)
    assert sum(bool(label.statements) for label in labels) >= 150
    for line in st.ANNOTATIONS.read_text(encoding="utf-8").splitlines():
        value = json.loads(line)
        assert set(value) <= LABEL_KEYS, value["id"]  # offsets and labels only, never text
        for statement in value["statements"]:
            assert set(statement) <= STATEMENT_KEYS, value["id"]
            assert all(len(statement.get(k) or "") <= 100 for k in ("speaker", "role", "cue")), value["id"]
        assert len(value.get("note", "")) <= 200


@pytest.mark.shared
def test_project_annotations_match_the_shared_data(shared_data: Path) -> None:
    labels = st.load_annotations()
    wanted: dict[str, set[str]] = {}
    for label in labels:
        wanted.setdefault(label.dataset, set()).add(label.doc)
    articles = st.read_documents(shared_data, wanted)
    assert st.drift(labels, articles) == []
