"""The result of one evaluation run: figures, timing, per-document records; rendered as
a readable table or as JSON (the CI gate reads the JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from incidents.evaluate.metrics import Figure

REPORT_SCHEMA = "incidents-eval/v1"


@dataclass
class Report:
    """Everything one ``incidents eval`` run measured.

    ``records`` holds one dict per document: ``id``, ``gold``, ``pred`` (the dataset's
    predicted fields), ``marks`` (what was right) and ``error`` for failed articles.
    """

    dataset: str
    title: str
    data: str
    selection: dict[str, Any]
    figures: list[Figure]
    records: list[dict[str, Any]] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0
    workers: int = 1
    extractor_version: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def n_documents(self) -> int:
        return len(self.records)

    @property
    def failures(self) -> list[dict[str, Any]]:
        return [{"id": r["id"], "error": r["error"]} for r in self.records if r.get("error")]

    @property
    def words_per_second(self) -> float | None:
        return self.words / self.seconds if self.seconds > 0 else None

    def figure(self, name: str) -> Figure:
        for figure in self.figures:
            if figure.name == name:
                return figure
        raise KeyError(name)

    def to_dict(self, documents: bool = True) -> dict[str, Any]:
        wps = self.words_per_second
        out: dict[str, Any] = {
            "schema": REPORT_SCHEMA,
            "dataset": self.dataset,
            "title": self.title,
            "data": self.data,
            "selection": self.selection,
            "n_documents": self.n_documents,
            "n_failures": len(self.failures),
            "failures": self.failures,
            "words": self.words,
            "seconds": round(self.seconds, 2),
            "words_per_second": None if wps is None else round(wps),
            "workers": self.workers,
            "extractor_version": self.extractor_version,
            "notes": self.notes,
            "figures": {f.name: f.to_dict() for f in self.figures},
        }
        if documents:
            out["documents"] = self.records
        return out


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _figure_lines(figure: Figure, width: int) -> list[str]:
    baselines = "; ".join(f"{name} {percent(v)}" for name, v in figure.baselines.items())
    mark = "*" if figure.headline else " "
    lines = [
        f"{mark} {figure.name:<{width}} {percent(figure.value):>7} {figure.n:>7}  "
        f"{figure.label}" + (f"  [baselines: {baselines}]" if baselines else "")
    ]
    if figure.prf is not None:
        prf = figure.prf
        lines.append(
            f"  {'':<{width}} {'':>7} {'':>7}  P {percent(prf.precision)} "
            f"({prf.p_num}/{prf.p_den})  R {percent(prf.recall)} ({prf.r_num}/{prf.r_den})"
        )
    return lines


def render_text(report: Report) -> str:
    """The human-readable report: header, timing, one line per figure."""
    sel = report.selection
    limit = "all" if sel.get("limit") is None else sel["limit"]
    wps = report.words_per_second
    lines = [
        f"incidents eval {report.dataset}: {report.title}",
        (f"data: {report.data}  (offset {sel.get('offset', 0)}, every {sel.get('every', 1)}, "
         f"limit {limit})"),
        f"{report.n_documents} documents, {len(report.failures)} failed; "
        f"{report.words:,} words in {report.seconds:.1f} s"
        + (f" ({wps:,.0f} words/s)" if wps else "")
        + f" with {report.workers} worker(s); extractor {report.extractor_version or '?'}",
    ]
    lines.extend(f"note: {note}" for note in report.notes)
    width = max((len(f.name) for f in report.figures), default=10)
    lines.append("")
    lines.append(f"  {'figure':<{width}} {'value':>7} {'n':>7}  what  (* = headline, gated)")
    for figure in report.figures:
        lines.extend(_figure_lines(figure, width))
    for failure in report.failures[:5]:
        lines.append(f"failed: {failure['id']}: {failure['error']}")
    if len(report.failures) > 5:
        lines.append(f"... and {len(report.failures) - 5} more failures")
    return "\n".join(lines)
