"""``incidents eval statements``: statements, speakers and epistemic status, scored on the
project's own annotated sentences (``eval/statements/``; guideline in
``eval/statements/guideline.md``).

The annotation file holds no article text: each line names a sentence by dataset, document
id and character offsets into the article text as the evaluation builds it, with a short
hash of the sentence to catch drift, and its labels: the status of the sentence's main fact
and the statements it holds (speaker, cue, content span, direct or indirect quote).

At evaluation time the documents are rebuilt from ``../shared/data`` exactly as the dataset
readers of ``incidents eval`` build them (and normalised as ingest does), extracted once
each, and every sentence is scored against the system's output:

- the *system status* of a sentence is, in order: the status of the system statement whose
  evidence overlaps the sentence most; else the commonest non-``reported`` status of the
  incident fields (perpetrators, casualties, targets, victims) whose evidence overlaps the
  sentence, ties to the weaker status; else the status of the incident whose trigger
  evidence overlaps the sentence (weakest if several); else ``reported``;
- a speaker is right when a system statement overlapping the sentence names the same
  speaker (see :func:`same_speaker`);
- a statement is detected when a system statement's evidence overlaps its content span.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidents.errors import EvaluationError
from incidents.evaluate.metrics import PRF, Figure
from incidents.evaluate.names import normalize_name
from incidents.evaluate.report import Report, render_text
from incidents.evaluate.scoring import Field, constant, key, modal, score_fields
from incidents.ingest.text import make_article
from incidents.model import Article, Extraction, Failure

NAME = "statements"
TITLE = "statements, speakers and epistemic status on annotated sentences"

#: The contract's statuses, strongest claim to truth first (a tie goes to the later one).
STATUSES = ("reported", "attributed", "claimed", "hedged", "speculative", "negated")
QUOTES = ("direct", "indirect")
#: Where the sentences come from; ``seed`` is the bundled seed-case article.
SOURCES = ("gva", "rand", "gtd", "wikievents", "seed")

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "eval" / "statements" / "annotations.jsonl"
SEED_ID = "dagestan-2024-06-23"
SEED_PUBLISHED = "2024-06-27"
SEED_FILES = (REPO / "examples" / f"{SEED_ID}.txt",)
#: Fallback for the seed article, relative to the data folder (``../shared/data``).
SEED_CASE = Path("..") / "cases" / SEED_ID / "article.txt"
WIKIEVENTS_FILE = "dev.jsonl"

_STRENGTH = {status: rank for rank, status in enumerate(STATUSES)}
_FIELD_KINDS = ("perpetrators", "casualties", "targets", "victims")

Span = tuple[int, int]


# --- the annotations ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class StatementLabel:
    """One annotated statement: who (``speaker``, as written, or ``author``), the reporting
    words (``cue``), what (``content`` span) and whether it is quoted."""

    speaker: str
    cue: str
    content: Span
    quote: str = "indirect"
    speaker_span: Span | None = None
    cue_span: Span | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"speaker": self.speaker, "speaker_span": _list(self.speaker_span),
                               "role": self.role, "cue": self.cue, "cue_span": _list(self.cue_span),
                               "content_span": list(self.content), "quote": self.quote}
        return out


@dataclass(frozen=True, slots=True)
class SentenceLabel:
    """One annotated sentence: where it is (offsets into the article text), its hash, the
    status of its main fact and its statements (the main one first)."""

    id: str
    dataset: str
    doc: str
    start: int
    end: int
    sha1: str
    status: str
    statements: tuple[StatementLabel, ...] = ()
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.dataset, self.doc)

    @property
    def speaker(self) -> str | None:
        return self.statements[0].speaker if self.statements else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "dataset": self.dataset, "doc": self.doc,
                               "start": self.start, "end": self.end, "sha1": self.sha1,
                               "status": self.status,
                               "statements": [s.to_dict() for s in self.statements]}
        if self.note:
            out["note"] = self.note
        return out


def _list(span: Span | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def sentence_hash(text: str) -> str:
    """The first 8 hex digits of the SHA-1 of a sentence's text (UTF-8)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _span(value: Any, where: str, name: str, required: bool = False) -> Span | None:
    if value is None and not required:
        return None
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise EvaluationError(f"{where}: {name} must be [start, end] (two integers)")
    return (value[0], value[1])


def _statement(value: Any, where: str) -> StatementLabel:
    if not isinstance(value, dict):
        raise EvaluationError(f"{where}: a statement must be a JSON object")
    for name in ("speaker", "cue", "content_span"):
        if name not in value:
            raise EvaluationError(f"{where}: a statement lacks {name}")
    speaker, cue = value["speaker"], value["cue"]
    if not isinstance(speaker, str) or not speaker.strip():
        raise EvaluationError(f"{where}: speaker must be a non-empty string")
    if not isinstance(cue, str) or not cue.strip():
        raise EvaluationError(f"{where}: cue must be a non-empty string")
    quote = value.get("quote", "indirect")
    if quote not in QUOTES:
        raise EvaluationError(f"{where}: quote must be one of {', '.join(QUOTES)}, not {quote!r}")
    role = value.get("role")
    if role is not None and not isinstance(role, str):
        raise EvaluationError(f"{where}: role must be a string or null")
    content = _span(value["content_span"], where, "content_span", required=True)
    assert content is not None
    return StatementLabel(
        speaker=speaker.strip(), cue=cue.strip(), content=content, quote=quote,
        speaker_span=_span(value.get("speaker_span"), where, "speaker_span"),
        cue_span=_span(value.get("cue_span"), where, "cue_span"), role=role or None,
    )


def parse_label(value: Mapping[str, Any], where: str) -> SentenceLabel:
    """One annotation line as a :class:`SentenceLabel`; raises EvaluationError when a key
    is missing or has the wrong type (see :func:`label_problems` for the finer checks)."""
    for name in ("id", "dataset", "doc", "start", "end", "sha1", "status"):
        if name not in value:
            raise EvaluationError(f"{where}: lacks {name}")
    sent = _span([value["start"], value["end"]], where, "start/end", required=True)
    assert sent is not None
    statements = value.get("statements") or []
    if not isinstance(statements, list):
        raise EvaluationError(f"{where}: statements must be a list")
    for name in ("id", "dataset", "doc", "sha1", "status"):
        if not isinstance(value[name], str):
            raise EvaluationError(f"{where}: {name} must be a string")
    return SentenceLabel(
        id=value["id"], dataset=value["dataset"], doc=value["doc"], start=sent[0], end=sent[1],
        sha1=value["sha1"], status=value["status"],
        statements=tuple(_statement(s, f"{where} statement {i + 1}") for i, s in enumerate(statements)),
        note=str(value.get("note") or ""),
    )


def load_annotations(path: Path | str | None = None) -> list[SentenceLabel]:
    """The annotated sentences of ``path`` (default: the project's set), in file order.

    Raises:
        EvaluationError: a missing file, a line that is not JSON, or a malformed label.
    """
    path = Path(path) if path is not None else ANNOTATIONS
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"{NAME}: cannot read the annotations {path}: {exc.strerror or exc}") from exc
    labels = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{where} is not JSON: {exc.msg}") from exc
        if not isinstance(value, dict):
            raise EvaluationError(f"{where} is not a JSON object")
        labels.append(parse_label(value, where))
    problems = label_problems(labels)
    if problems:
        raise EvaluationError(f"{path}: {len(problems)} bad label(s): " + "; ".join(problems[:5]))
    return labels


def label_problems(labels: Sequence[SentenceLabel]) -> list[str]:
    """What is wrong with the labels, without the texts: unknown values, offsets out of
    order, spans outside their sentence, duplicate ids or overlapping sentences."""
    problems: list[str] = []
    seen: set[str] = set()
    by_doc: dict[tuple[str, str], list[SentenceLabel]] = {}
    for label in labels:
        where = label.id
        if label.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(label.id)
        if label.dataset not in SOURCES:
            problems.append(f"{where}: unknown dataset {label.dataset!r}")
        if not label.doc:
            problems.append(f"{where}: empty doc id")
        if label.status not in STATUSES:
            problems.append(f"{where}: unknown status {label.status!r}")
        if not (0 <= label.start < label.end):
            problems.append(f"{where}: bad sentence offsets {label.start}-{label.end}")
        if len(label.sha1) != 8 or any(c not in "0123456789abcdef" for c in label.sha1):
            problems.append(f"{where}: sha1 must be 8 lower-case hex digits")
        for i, st in enumerate(label.statements, start=1):
            spans = {"content_span": st.content, "speaker_span": st.speaker_span, "cue_span": st.cue_span}
            for name, span in spans.items():
                if span is None:
                    continue
                if not (label.start <= span[0] < span[1] <= label.end):
                    problems.append(f"{where} statement {i}: {name} {span[0]}-{span[1]} is not inside "
                                    f"the sentence {label.start}-{label.end}")
            if st.speaker.lower() == "author" and st.speaker_span is not None:
                problems.append(f"{where} statement {i}: the author has no speaker span")
        by_doc.setdefault(label.key, []).append(label)
    for doc_labels in by_doc.values():
        ordered = sorted(doc_labels, key=lambda lab: lab.start)
        for a, b in itertools.pairwise(ordered):
            if b.start < a.end:
                problems.append(f"{b.id}: overlaps {a.id}")
    return problems


# --- the documents --------------------------------------------------------------------------

def _normalised(article: Article) -> Article:
    """The article as ingest would build it (normalised text); ids and metadata kept."""
    return make_article(id=article.id, text=article.text, title=article.title,
                        published=article.published, url=article.url, source=article.source)


def _from_reader(name: str, folder: Path, wanted: set[str]) -> dict[str, Article]:
    from incidents.evaluate.datasets import get_dataset

    found: dict[str, Article] = {}
    for example in get_dataset(name).read(folder):
        if example.article.id in wanted:
            found[example.article.id] = _normalised(example.article)
            if len(found) == len(wanted):
                break
    return found


def wikievents_text(record: Mapping[str, Any]) -> str:
    """A WikiEvents document's text: its sentences, one per line (the dataset's own
    ``text`` field runs the sentences together with no space between them)."""
    sentences = record.get("sentences") or []
    parts = [s[1] for s in sentences if isinstance(s, (list, tuple)) and len(s) > 1 and isinstance(s[1], str)]
    return "\n".join(parts) if parts else str(record.get("text") or "")


def _wikievents(folder: Path, wanted: set[str]) -> dict[str, Article]:
    from incidents.evaluate.datasets.base import find_file, read_jsonl

    path = find_file("wikievents", folder, [WIKIEVENTS_FILE], "*.jsonl")
    found: dict[str, Article] = {}
    for _, record in read_jsonl(path, "wikievents"):
        doc_id = str(record.get("doc_id"))
        if doc_id in wanted:
            found[doc_id] = make_article(id=doc_id, text=wikievents_text(record), source=str(path))
    return found


def _seed(data: Path) -> dict[str, Article]:
    for path in (*SEED_FILES, data / SEED_CASE):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            return {SEED_ID: make_article(id=SEED_ID, text=text, published=SEED_PUBLISHED, source=str(path))}
    return {}


def read_documents(data: Path | str, wanted: Mapping[str, Iterable[str]]) -> dict[tuple[str, str], Article]:
    """The articles the annotations need, ``{(dataset, doc id): Article}``.

    ``data`` is the folder holding ``gva/``, ``rand/``, ``gtd/`` and ``wikievents/``
    (``../shared/data``).  GVA, RAND and GTD articles are built by the readers of
    ``incidents eval`` (ids ``<doc_id>``, ``rand-<row>``, ``gtd-<eventid>``); WikiEvents
    articles are the dev documents' sentences one per line; the seed case is the bundled
    example, published 2024-06-27.  Every text is normalised as ingest does.  A document
    that cannot be found is left out (the caller reports it).
    """
    data = Path(data)
    if not data.is_dir():
        raise EvaluationError(f"{NAME}: no such data folder: {data} (give ../shared/data)")
    out: dict[tuple[str, str], Article] = {}
    for dataset, ids in wanted.items():
        ids = set(ids)
        if not ids:
            continue
        if dataset in ("gva", "rand", "gtd", "wikievents") and not (data / dataset).exists():
            raise EvaluationError(f"{NAME}: {data} holds no {dataset}/ folder; give the shared "
                                  f"data folder (../shared/data), not a dataset's own folder")
        if dataset == "seed":
            found = _seed(data)
        elif dataset == "wikievents":
            found = _wikievents(data / "wikievents", ids)
        elif dataset in ("gva", "rand", "gtd"):
            found = _from_reader(dataset, data / dataset, ids)
        else:
            raise EvaluationError(f"{NAME}: unknown dataset {dataset!r}")
        out.update(((dataset, doc), article) for doc, article in found.items() if doc in ids)
    return out


def drift(labels: Sequence[SentenceLabel], articles: Mapping[tuple[str, str], Article]) -> list[str]:
    """The labels whose sentence no longer hashes to the stored value (or whose document
    is missing): the data or the article building changed under the offsets."""
    problems = []
    for label in labels:
        article = articles.get(label.key)
        if article is None:
            problems.append(f"{label.id}: document {label.dataset}/{label.doc} not found")
            continue
        if label.end > len(article.text):
            problems.append(f"{label.id}: offsets {label.start}-{label.end} beyond the text ({len(article.text)})")
            continue
        if sentence_hash(article.text[label.start:label.end]) != label.sha1:
            problems.append(f"{label.id}: the text at {label.start}-{label.end} no longer matches its hash")
    return problems


# --- what the system says about a sentence --------------------------------------------------

def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _spans(evidence: Iterable[Mapping[str, Any]] | None) -> list[Span]:
    return [(int(e["start"]), int(e["end"])) for e in evidence or () if "start" in e and "end" in e]


def _weakest(statuses: Iterable[str]) -> str | None:
    found = [s for s in statuses if s in _STRENGTH]
    return max(found, key=lambda s: _STRENGTH[s]) if found else None


def system_view(doc: Mapping[str, Any] | None, sentence: Span) -> dict[str, Any]:
    """The system's reading of one sentence, from an incidents/v1 article object:
    ``status`` (see the module docstring for the rule), ``source`` (which rule decided),
    and the overlapping ``statements`` (speaker, status, cue, content evidence)."""
    if doc is None:
        return {"status": "reported", "source": "failed", "statements": []}
    statements = []
    for st in doc.get("statements") or []:
        spans = _spans(st.get("evidence"))
        touch = sum(_overlap(s, sentence) for s in spans)
        if touch:
            statements.append({"speaker": st.get("speaker"), "status": st.get("status"),
                               "cue": st.get("cue"), "quote": st.get("quote"),
                               "evidence": [list(s) for s in spans], "overlap": touch})
    if statements:
        best = max(statements, key=lambda s: s["overlap"])  # first on ties
        return {"status": best["status"], "source": "statement", "statements": statements}
    field_statuses = []
    trigger_statuses = []
    for incident in doc.get("incidents") or []:
        for kind in _FIELD_KINDS:
            for item in incident.get(kind) or []:
                status = item.get("status")
                if status and any(_overlap(s, sentence) for s in _spans(item.get("evidence"))):
                    field_statuses.append(status)
        if any(_overlap(s, sentence) for s in _spans(incident.get("evidence"))):
            trigger_statuses.append(incident.get("status") or "reported")
    marked = Counter(s for s in field_statuses if s != "reported" and s in _STRENGTH)
    if marked:
        top = max(marked.values())
        status = _weakest(s for s, n in marked.items() if n == top)
        return {"status": status, "source": "fields", "statements": []}
    if field_statuses:
        return {"status": "reported", "source": "fields", "statements": []}
    if trigger_statuses:
        return {"status": _weakest(trigger_statuses) or "reported", "source": "incident", "statements": []}
    return {"status": "reported", "source": "default", "statements": []}


def speaker_key(name: str | None) -> str:
    """A speaker name for comparison: lower case, no punctuation, no articles; a leading
    quantifier ("all media reports") dropped; ``the author`` -> ``author``."""
    key_ = normalize_name(name or "")
    words = key_.split()
    while words and words[0] in ("all", "some", "several", "both", "many", "other"):
        words = words[1:]
    return " ".join(words)


def same_speaker(gold: str | None, pred: str | None) -> bool:
    """Normalised names equal, or one's words a contiguous run of the other's
    ("Lavrov" ~ "Sergei Lavrov", "police" ~ "Rocky Mount police")."""
    g, p = speaker_key(gold), speaker_key(pred)
    if not g or not p:
        return False
    return f" {g} " in f" {p} " or f" {p} " in f" {g} "


# --- scoring --------------------------------------------------------------------------------

def _gold(label: SentenceLabel) -> dict[str, Any]:
    return {"dataset": label.dataset, "status": label.status, "speaker": label.speaker,
            "statements": [s.to_dict() for s in label.statements]}


def _speaker_hit(gold: str | None, pred_statements: Sequence[Mapping[str, Any]]) -> Any:
    """The matching predicted speaker, or the first predicted one (or None) on a miss;
    the scorer compares it with the gold speaker."""
    names = [s.get("speaker") for s in pred_statements]
    for name in names:
        if same_speaker(gold, name):
            return name
    return names[0] if names else None


def _detection(labels: Sequence[SentenceLabel], views: Sequence[Mapping[str, Any]]) -> tuple[PRF, list[dict[str, Any]]]:
    """Statement detection on the annotated sentences: a gold statement is found when a
    system statement's evidence overlaps its content span; a system statement overlapping
    an annotated sentence is right when it overlaps a gold content span there."""
    r_num = r_den = p_num = p_den = 0
    marks = []
    for label, view in zip(labels, views, strict=True):
        preds = view["statements"]
        found = [any(_overlap(tuple(e), st.content) for p in preds for e in p["evidence"])
                 for st in label.statements]
        right = [any(_overlap(tuple(e), st.content) for st in label.statements for e in p["evidence"])
                 for p in preds]
        r_num += sum(found)
        r_den += len(found)
        p_num += sum(right)
        p_den += len(right)
        marks.append({"statements_found": sum(found), "statements_gold": len(found),
                      "statements_right": sum(right), "statements_pred": len(right)})
    return PRF(p_num, p_den, r_num, r_den), marks


def _status_of(dataset: str) -> Callable[[Mapping[str, Any]], Any]:
    """The gold status of the sentences of one dataset (None for the others)."""
    return lambda gold: gold["status"] if gold["dataset"] == dataset else None


def score(labels: Sequence[SentenceLabel], views: Sequence[Mapping[str, Any]]) -> tuple[list[Figure], list[dict[str, Any]], dict[str, dict[str, int]]]:
    """The figures, per-sentence marks and the status confusion matrix
    (``{gold: {predicted: count}}``) for aligned labels and system views."""
    if len(labels) != len(views):
        raise ValueError(f"{len(labels)} labels but {len(views)} system views")
    golds = [_gold(label) for label in labels]
    preds = [{"status": view["status"],
              "speaker": _speaker_hit(label.speaker, view["statements"]),
              "n_statements": len(view["statements"])} for label, view in zip(labels, views)]
    status_baselines = (constant("reported"), modal())
    fields = [
        Field("status", "status of the sentence's main fact", key("status"), key("status"),
              baselines=status_baselines),
        Field("speaker", "speaker of the main statement (sentences with one)", key("speaker"),
              key("speaker"), same_speaker, baselines=(modal(),)),
    ]
    for source in SOURCES:
        fields.append(Field(
            f"status_{source}", f"status, {source} sentences", _status_of(source), key("status"),
            baselines=status_baselines, headline=False))
    fields.append(Field(
        "status_marked", "status, sentences not plainly reported",
        lambda g: g["status"] if g["status"] != "reported" else None, key("status"),
        baselines=(modal(),), headline=False))
    figures, marks = score_fields(fields, golds, preds)
    figures = [f for f in figures if f.n]
    prf, detection_marks = _detection(labels, views)
    figures.append(Figure(
        name="statement_f1", label="statement detection (overlap with the content span)",
        value=prf.f1, n=prf.r_den, kind="f1", prf=prf, headline=False))
    for mark, extra in zip(marks, detection_marks, strict=True):
        mark.update(extra)
    confusion: dict[str, dict[str, int]] = {s: {t: 0 for t in STATUSES} for s in STATUSES}
    for label, view in zip(labels, views):
        if label.status in confusion and view["status"] in confusion[label.status]:
            confusion[label.status][view["status"]] += 1
    return figures, marks, confusion


@dataclass
class StatementsReport(Report):
    """A :class:`Report` whose records are sentences (``n_documents`` counts the
    articles they come from), with the status confusion matrix."""

    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def n_documents(self) -> int:
        return len({(r["gold"]["dataset"], r["doc"]) for r in self.records})

    @property
    def n_sentences(self) -> int:
        return len(self.records)

    @property
    def failures(self) -> list[dict[str, Any]]:
        failed: dict[str, str] = {}
        for record in self.records:
            if record.get("error"):
                failed.setdefault(record["doc"], record["error"])
        return [{"id": doc, "error": error} for doc, error in failed.items()]

    def to_dict(self, documents: bool = True) -> dict[str, Any]:
        out = Report.to_dict(self, documents)
        out["n_sentences"] = self.n_sentences
        out["confusion"] = self.confusion
        return out


def render(report: Report) -> str:
    """The text report and, for a statements report, the status confusion matrix."""
    text = render_text(report)
    confusion = getattr(report, "confusion", None)
    if not confusion:
        return text
    short = {s: s[:6] for s in STATUSES}
    lines = ["", "status confusion (rows: annotated, columns: system)",
             f"  {'':<12}" + "".join(f"{short[s]:>8}" for s in STATUSES) + f"{'total':>8}"]
    for gold in STATUSES:
        row = confusion.get(gold, {})
        lines.append(f"  {gold:<12}" + "".join(f"{row.get(s, 0):>8}" for s in STATUSES)
                     + f"{sum(row.values()):>8}")
    return text + "\n" + "\n".join(lines)


def evaluate_statements(
    data: Path | str,
    annotations: Path | str | None = None,
    workers: int = 1,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> StatementsReport:
    """Score the extraction on the annotated sentences.

    Args:
        data: the shared data folder (holding ``gva/``, ``rand/``, ``gtd/``, ``wikievents/``).
        annotations: the annotation file (default: ``eval/statements/annotations.jsonl``).
        workers: extraction processes.
        limit: score only the sentences of the first ``limit`` documents.
        progress: called with 1 after each extracted document.

    Raises:
        EvaluationError: missing data or annotations, malformed labels, or sentences
            whose text no longer matches their hash.
    """
    from incidents.pipeline import extract_articles

    labels = load_annotations(annotations)
    order: list[tuple[str, str]] = list(dict.fromkeys(label.key for label in labels))
    if limit is not None:
        order = order[:limit]
        keep = set(order)
        labels = [label for label in labels if label.key in keep]
    wanted: dict[str, set[str]] = {}
    for dataset, doc in order:
        wanted.setdefault(dataset, set()).add(doc)
    articles = read_documents(data, wanted)
    problems = drift(labels, articles)
    if problems:
        raise EvaluationError(
            f"{NAME}: {len(problems)} annotated sentence(s) do not match the data: "
            + "; ".join(problems[:5]) + ("; ..." if len(problems) > 5 else "")
        )
    start = time.perf_counter()
    results: dict[tuple[str, str], Extraction | Failure] = {}
    version = ""
    for key_, result in zip(order, extract_articles((articles[k] for k in order), workers=workers), strict=True):
        results[key_] = result
        if isinstance(result, Extraction):
            version = version or result.extractor_version
        if progress is not None:
            progress(1)
    seconds = time.perf_counter() - start
    docs = {k: (r.to_dict() if isinstance(r, Extraction) else None) for k, r in results.items()}
    views = [system_view(docs[label.key], (label.start, label.end)) for label in labels]
    figures, marks, confusion = score(labels, views)
    records: list[dict[str, Any]] = []
    for label, view, mark in zip(labels, views, marks, strict=True):
        result = results[label.key]
        record: dict[str, Any] = {
            "id": label.id, "doc": label.doc,
            "text": articles[label.key].text[label.start:label.end],
            "gold": _gold(label), "pred": view, "marks": mark,
        }
        if isinstance(result, Failure):
            record["error"] = result.error
        records.append(record)
    counts = Counter(label.dataset for label in labels)
    notes = [f"{len(labels)} sentences from {len(order)} documents ("
             + ", ".join(f"{s} {counts[s]}" for s in SOURCES if counts[s]) + ")"]
    return StatementsReport(
        dataset=NAME, title=TITLE, data=str(data),
        selection={"offset": 0, "limit": limit, "every": 1},
        figures=figures, records=records,
        words=sum(len(articles[k].text.split()) for k in order),
        seconds=seconds, workers=workers, extractor_version=version, notes=notes,
        confusion=confusion,
    )

