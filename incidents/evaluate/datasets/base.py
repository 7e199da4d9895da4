"""What every dataset reader shares: the Example and Dataset records, file lookup,
CSV/JSONL reading with clear errors, and deterministic selection."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from incidents.errors import EvaluationError
from incidents.evaluate.metrics import Figure
from incidents.model import Article


@dataclass(frozen=True, slots=True)
class Example:
    """One evaluation document: the article the extractor reads and its gold labels
    (a JSON-serialisable dict in the dataset's own terms)."""

    article: Article
    gold: dict[str, Any]


Scorer = Callable[
    [Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]],
    tuple[list[Figure], list[dict[str, Any]]],
]


@dataclass(frozen=True, slots=True)
class Dataset:
    """A dataset the ``incidents eval`` command knows.

    ``read(path)`` yields examples in file order; ``predict(doc)`` reduces one
    incidents/v1 article object (or ``None`` for a failed article) to the dataset's
    predicted fields; ``score(golds, preds)`` returns the figures and per-document marks.
    """

    name: str
    title: str
    expects: str  # what --data should point at, for help and error messages
    read: Callable[[Path], Iterator[Example]]
    predict: Callable[[Mapping[str, Any] | None], dict[str, Any]]
    score: Scorer


def find_file(name: str, path: Path, candidates: Sequence[str], pattern: str) -> Path:
    """The data file: ``path`` itself, or inside the folder ``path`` the first existing
    name of ``candidates``, else the single file matching ``pattern``."""
    if not path.exists():
        raise EvaluationError(f"{name}: no such file or folder: {path}")
    if path.is_file():
        return path
    for candidate in candidates:
        if (path / candidate).is_file():
            return path / candidate
    matches = sorted(p for p in path.glob(pattern) if p.is_file())
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise EvaluationError(
            f"{name}: {path} holds no {' or '.join(candidates) or pattern}; "
            f"give the dataset folder or the file itself"
        )
    raise EvaluationError(
        f"{name}: {path} holds several files matching {pattern} "
        f"({', '.join(p.name for p in matches)}); give the file itself"
    )


def decode(path: Path, name: str) -> str:
    """A text file's content: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EvaluationError(f"{name}: cannot read {path}: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_csv(path: Path, name: str, required: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """``(row number, row)`` for each CSV data row (the first is 1); checks the header
    has the ``required`` columns."""
    reader = csv.DictReader(io.StringIO(decode(path, name), newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise EvaluationError(
            f"{name}: {path} is not the expected CSV: missing column(s) {', '.join(missing)}"
            f" (found: {', '.join(header[:12]) or 'no header'})"
        )
    reader.fieldnames = header
    try:
        for number, row in enumerate(reader, start=1):
            yield number, {k: (v or "").strip() for k, v in row.items() if k is not None}
    except csv.Error as exc:
        raise EvaluationError(f"{name}: {path} line {reader.line_num}: {exc}") from exc


def read_jsonl(path: Path, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line of a JSON Lines file."""
    for number, line in enumerate(decode(path, name).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{name}: {path} line {number} is not JSON: {exc.msg}") from exc
        if not isinstance(value, dict):
            raise EvaluationError(f"{name}: {path} line {number} is not a JSON object")
        yield number, value


def require(name: str, path: Path, number: int, row: Mapping[str, Any], keys: Iterable[str]) -> None:
    missing = [k for k in keys if k not in row]
    if missing:
        raise EvaluationError(f"{name}: {path} line {number} lacks {', '.join(missing)}")


def parse_int(value: Any, default: int | None = None) -> int | None:
    """``"12"``, ``12``, ``"12.0"`` -> 12; blank -> ``default``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def iso_date(year: Any, month: Any, day: Any) -> str | None:
    """An ISO date, or ``None`` when a part is missing, zero or invalid."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


_MDY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})")


def date_from_mdy(text: str) -> str | None:
    """``"02/28/2016: ..."`` -> ``"2016-02-28"``."""
    match = _MDY.match(text or "")
    return iso_date(match.group(3), match.group(1), match.group(2)) if match else None


def select(items: Iterable[Example], offset: int = 0, limit: int | None = None,
           every: int = 1) -> Iterator[Example]:
    """Deterministic selection: skip ``offset`` examples, then take every ``every``-th
    one, at most ``limit`` of them."""
    if offset < 0 or every < 1 or (limit is not None and limit < 0):
        raise EvaluationError("selection: offset must be >= 0, every >= 1 and limit >= 0")
    stop = None if limit is None else offset + limit * every
    return itertools.islice(items, offset, stop, every)
