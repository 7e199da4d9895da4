"""MUC-4: FBIS terrorism reports (1989-90) against their answer-key templates.

Texts come from ``grit_proc_output/doc_<split>`` (original upper case, dateline apart),
gold templates from ``gtt_processed/<split>.json`` (GTT's processed keys), and, when the
raw MUC-4 keys are present under ``raw/TASK/CORPORA``, each gold template's STAGE OF
EXECUTION and each perpetrator organisation's CONFIDENCE.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from incidents.errors import EvaluationError
from incidents.evaluate.datasets.base import Dataset, Example, decode, read_jsonl, require
from incidents.evaluate.mappings import MUC_CONFIDENCE, MUC_STAGE
from incidents.evaluate.metrics import Figure, most_frequent, ratio
from incidents.evaluate.names import normalize_filler, unique
from incidents.evaluate.templates import (
    ALL_ROLES,
    TYPE,
    Template,
    gold_template,
    predicted_templates,
    score_corpus,
)
from incidents.model import Article

NAME = "muc4"
MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1)}
_DATELINE_DATE = re.compile(r"\b(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) (\d{2})\b")


def dateline_date(dateline: str) -> str | None:
    """``"SAN SALVADOR, 3 FEB 90 (ACAN-EFE)"`` -> ``"1990-02-03"``; ``NO DATE`` -> None."""
    match = _DATELINE_DATE.search(dateline.upper())
    if not match:
        return None
    day, month, year = int(match.group(1)), MONTHS[match.group(2)], int(match.group(3))
    year += 1900 if year >= 50 else 2000
    try:
        from datetime import date

        return date(year, month, day).isoformat()
    except ValueError:
        return None


def article_text(dateline: str, text: str) -> str:
    """The wire copy as the extractor should see it: ``"CITY, DD MON YY (SOURCE) -- ..."``."""
    dateline = dateline.strip()
    if not dateline or text.lstrip().startswith(dateline):
        return text
    return f"{dateline} -- {text}"


def _locate(path: Path) -> tuple[Path, Path, Path | None]:
    """(gold templates file, texts file, raw keys folder or None) for a folder or file."""
    if not path.exists():
        raise EvaluationError(f"{NAME}: no such file or folder: {path}")
    if path.is_dir():
        root, split = path, "dev"
        gold = root / "gtt_processed" / f"{split}.json"
    else:
        gold, split = path, path.stem
        root = path.parent.parent
    texts = root / "grit_proc_output" / f"doc_{split}"
    for needed in (gold, texts):
        if not needed.is_file():
            raise EvaluationError(
                f"{NAME}: {needed} not found; --data must be the muc4 folder (holding "
                "gtt_processed/ and grit_proc_output/) or its gtt_processed/<split>.json"
            )
    raw = root / "raw" / "TASK" / "CORPORA"
    return gold, texts, raw if raw.is_dir() else None


# --- raw MUC-4 keys -----------------------------------------------------------------------

_SLOT = re.compile(r"^(\d+)\.\s+(.+?)\s{2,}(.*)$")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def parse_key_file(text: str) -> dict[str, list[dict[str, list[str]]]]:
    """Raw MUC-4 key templates by message id: each template maps slot number (as text)
    to its value lines.  Templates whose INCIDENT: TYPE is ``*`` (irrelevant message) are
    left out, so what remains lines up with GTT's templates."""
    templates: dict[str, list[dict[str, list[str]]]] = {}
    current: dict[str, list[str]] = {}
    last_slot = ""

    def flush() -> None:
        relevant = current.get("4") and current["4"][0].strip() not in ("*", "")
        if current.get("0") and relevant:
            templates.setdefault(current["0"][0].strip(), []).append(dict(current))

    for line in text.splitlines():
        if line.startswith(";"):
            continue
        if not line.strip():
            flush()
            current, last_slot = {}, ""
            continue
        match = _SLOT.match(line)
        if match:
            if match.group(1) == "0" and current:
                flush()
                current = {}
            last_slot = match.group(1)
            current[last_slot] = [match.group(3).strip()]
        elif last_slot:
            current[last_slot].append(line.strip())
    flush()
    return templates


def _labels(value: str) -> list[str]:
    return [v.strip().lstrip("?").strip() for v in value.split("/") if v.strip()]


def key_stage(template: Mapping[str, list[str]]) -> list[str]:
    """Our stages that agree with the template's STAGE OF EXECUTION (slot 5)."""
    value = " ".join(template.get("5", []))
    return unique(MUC_STAGE[v] for v in _labels(value) if v in MUC_STAGE)


def key_confidence(template: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Normalised organisation mention -> our statuses agreeing with its ORGANIZATION
    CONFIDENCE (slot 11): ``REPORTED AS FACT / CLAIMED OR ADMITTED: "URNG"``."""
    result: dict[str, list[str]] = {}
    for line in template.get("11", []):
        if ":" not in line:
            continue
        labels, _, mentions = line.partition(":")
        statuses = unique(s for label in _labels(labels) for s in MUC_CONFIDENCE.get(label, ()))
        for mention in _QUOTED.findall(mentions):
            norm = normalize_filler(mention.replace('\\"', '"'))
            if norm and statuses:
                result[norm] = unique([*result.get(norm, []), *statuses])
    return result


def read_raw_keys(raw: Path | None) -> dict[str, list[dict[str, list[str]]]]:
    keys: dict[str, list[dict[str, list[str]]]] = {}
    if raw is None:
        return keys
    for path in sorted(raw.glob("*/key-*")):
        if path.is_file():
            keys.update(parse_key_file(decode(path, NAME)))
    return keys


# --- reading ----------------------------------------------------------------------------

def read(path: Path) -> Iterator[Example]:
    """Yield one example per document of the gold file, in file order."""
    gold_file, text_file, raw = _locate(path)
    texts: dict[str, dict[str, Any]] = {}
    for number, record in read_jsonl(text_file, NAME):
        require(NAME, text_file, number, record, ("docid", "text"))
        texts[str(record["docid"])] = record
    raw_keys = read_raw_keys(raw)
    for number, record in read_jsonl(gold_file, NAME):
        require(NAME, gold_file, number, record, ("docid", "templates"))
        docid = str(record["docid"])
        if docid not in texts:
            raise EvaluationError(f"{NAME}: {gold_file} line {number}: no text for {docid} in {text_file}")
        source = texts[docid]
        dateline = str(source.get("dateline") or "")
        article = Article(
            id=docid,
            text=article_text(dateline, str(source["text"])),
            published=dateline_date(dateline),
            source=str(text_file),
            meta={"dateline": dateline},
        )
        yield Example(article, {"templates": gold_templates(record["templates"], raw_keys.get(docid))})


def _type_set(value: str) -> set[str]:
    return {v.lower() for v in _labels(value)}


def gold_templates(raw_templates: Sequence[Mapping[str, Any]],
                   keys: Sequence[Mapping[str, list[str]]] | None) -> list[dict[str, Any]]:
    """GTT templates as JSON, with stage and confidence from the raw keys when the raw
    templates line up (same number, same types); identical templates are kept once."""
    aligned = keys is not None and len(keys) == len(raw_templates) and all(
        _type_set(str(t.get(TYPE, ""))) == _type_set(" ".join(k.get("4", [])))
        for t, k in zip(raw_templates, keys)
    )
    result: list[dict[str, Any]] = []
    for index, raw in enumerate(raw_templates):
        key = keys[index] if aligned and keys is not None else None
        template = gold_template(
            raw,
            stage=key_stage(key) if key else (),
            confidence=key_confidence(key) if key else None,
        ).to_dict()
        if template not in result:
            result.append(template)
    return result


# --- predicting and scoring ---------------------------------------------------------------

def predict(doc: Mapping[str, Any] | None) -> dict[str, Any]:
    return {"templates": [t.to_dict() for t in predicted_templates(doc)]}


ROLE_LABELS = {TYPE: "incident type", "PerpInd": "PerpInd", "PerpOrg": "PerpOrg",
               "Target": "Target", "Victim": "Victim", "Weapon": "Weapon"}


def score(golds: Sequence[Mapping[str, Any]],
          preds: Sequence[Mapping[str, Any]]) -> tuple[list[Figure], list[dict[str, Any]]]:
    gold = [[Template.from_dict(t) for t in g["templates"]] for g in golds]
    pred = [[Template.from_dict(t) for t in p["templates"]] for p in preds]
    total, per_doc = score_corpus(gold, pred)

    types = [min(t.types()) for doc in gold for t in doc if t.types()]
    top_type = most_frequent(types) or "attack"
    empty_total, _ = score_corpus(gold, [[] for _ in gold])
    one_total, _ = score_corpus(
        gold, [[Template(top_type, {}, predicted=True)] for _ in gold]
    )
    empty_name, one_name = "empty", f"one {top_type} template, no fillers"

    def prf_figure(name: str, label: str, role: str | None) -> Figure:
        def pick(doc_score: Any) -> Any:
            return doc_score.micro if role is None else doc_score.roles[role]

        prf = pick(total)
        return Figure(
            name=name, label=label, value=prf.f1, n=prf.r_den, kind="f1", prf=prf,
            baselines={empty_name: pick(empty_total).f1, one_name: pick(one_total).f1},
        )

    figures = [prf_figure("micro_f1", "role-filler micro F1 (all roles + type)", None)]
    figures += [prf_figure(f"{role}_f1", f"{ROLE_LABELS[role]} F1", role) for role in ALL_ROLES]
    figures += _status_figures(total.stage, total.status)
    marks = [
        {
            "alignment": [list(pair) for pair in d.alignment],
            "micro": d.micro.to_dict(),
        }
        for d in per_doc
    ]
    return figures, marks


def _status_figures(stage: list[tuple[tuple[str, ...], str]],
                    status: list[tuple[tuple[str, ...], str | None]]) -> list[Figure]:
    """Stage of execution on aligned templates; PerpOrg status on matched fillers."""
    stage_ok = sum(pred in allowed for allowed, pred in stage)
    status_ok = sum(pred in allowed for allowed, pred in status)
    return [
        Figure(
            name="stage_accuracy", label="stage of execution (aligned templates)",
            value=ratio(stage_ok, len(stage)), n=len(stage), correct=stage_ok,
            baselines={"always accomplished": ratio(
                sum("accomplished" in a for a, _ in stage), len(stage))},
            headline=False,
            note="needs the raw MUC-4 keys",
        ),
        Figure(
            name="perp_org_status_accuracy",
            label="PerpOrg status vs ORGANIZATION CONFIDENCE (matched fillers)",
            value=ratio(status_ok, len(status)), n=len(status), correct=status_ok,
            baselines={"always reported": ratio(
                sum("reported" in a for a, _ in status), len(status))},
            headline=False,
            note="needs the raw MUC-4 keys",
        ),
    ]


DATASET = Dataset(
    name=NAME,
    title="MUC-4 terrorism templates (TST1+TST2 dev)",
    expects="the muc4 folder (gtt_processed/, grit_proc_output/, raw/) or gtt_processed/<split>.json",
    read=read,
    predict=predict,
    score=score,
)
