"""Gun Violence Archive: US local news pages against GVA incident records (2013-2015 dev).

Gold counts are per incident, not per page; ``answerable_*.jsonl`` flags the pages that
state their killed / injured count, and the counts are reported on those pages too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from incidents.errors import EvaluationError
from incidents.evaluate import predict as p
from incidents.evaluate.datasets.base import (
    Dataset,
    Example,
    decode,
    find_file,
    parse_int,
    read_jsonl,
    require,
)
from incidents.evaluate.metrics import within_km
from incidents.evaluate.names import is_known_place, place_matches
from incidents.evaluate.scoring import Field, constant, field_scorer, key, modal
from incidents.model import Article

NAME = "gva"
FILE = "gva_2013_2015.jsonl"


def _answerable_file(data_file: Path) -> Path:
    return data_file.with_name(data_file.name.replace("gva_", "answerable_", 1))


#: A predicted location counts when within this many km of GVA's incident point.
MAX_DISTANCE_KM = 25.0
POINTS_FILE = "all.lat_long.json"


def _points(folder: Path) -> dict[str, list[float]]:
    """GVA incident coordinates ``{incident_id: [lat, lon]}``, if the file is there."""
    path = folder / POINTS_FILE
    if not path.is_file():
        return {}
    try:
        points = json.loads(decode(path, NAME))
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{NAME}: {path} is not JSON: {exc.msg}") from exc
    return points if isinstance(points, dict) else {}


def read(path: Path) -> Iterator[Example]:
    data_file = find_file(NAME, path, [FILE], "gva_*.jsonl")
    points = _points(data_file.parent)
    answerable: dict[str, dict[str, Any]] = {}
    answerable_file = _answerable_file(data_file)
    if answerable_file != data_file and answerable_file.is_file():
        for _, record in read_jsonl(answerable_file, NAME):
            answerable[str(record.get("doc_id"))] = record
    for number, record in read_jsonl(data_file, NAME):
        require(NAME, data_file, number, record, ("doc_id", "text", "gold"))
        gold = record["gold"] or {}
        require(NAME, data_file, number, gold, ("num_killed", "num_injured"))
        doc_id = str(record["doc_id"])
        flags = answerable.get(doc_id, {})
        article = Article(
            id=doc_id,
            text=str(record.get("text") or ""),
            title=record.get("title") or None,
            url=record.get("uri") or None,
            published=record.get("dct") or None,
            source=str(data_file),
        )
        yield Example(article, {
            "killed": parse_int(gold.get("num_killed"), 0),
            "injured": parse_int(gold.get("num_injured"), 0),
            "city": gold.get("city_or_county") or None,
            "state": gold.get("state") or None,
            "point": points.get(str(record.get("incident_id"))),
            "killed_answerable": flags.get("killed_answerable"),
            "injured_answerable": flags.get("injured_answerable"),
        })


def predict(doc: Mapping[str, Any] | None) -> dict[str, Any]:
    incident = p.main_incident(doc)
    return {
        "killed": p.count(incident, "killed"),
        "injured": p.count(incident, "injured"),
        # GVA codes the city (or county: matched through admin2)
        "location": p.first_location(incident, precision=("city",)),
        "point": p.first_location(incident, with_coordinates=True),
    }


def _when(flag: str, name: str) -> Any:
    return lambda gold: gold.get(name) if gold.get(flag) else None


COUNT_BASELINES = (constant(0), modal())

FIELDS = (
    Field("killed_exact", "killed: exact", key("killed"), key("killed"), baselines=COUNT_BASELINES),
    Field("injured_exact", "injured: exact", key("injured"), key("injured"),
          baselines=COUNT_BASELINES),
    Field("killed_exact_answerable", "killed: exact, pages stating it",
          _when("killed_answerable", "killed"), key("killed"), baselines=COUNT_BASELINES),
    Field("injured_exact_answerable", "injured: exact, pages stating it",
          _when("injured_answerable", "injured"), key("injured"), baselines=COUNT_BASELINES),
    Field("city", "city or county",
          lambda g: g.get("city") if is_known_place(g.get("city")) else None,
          key("location"), place_matches, baselines=(modal(),)),
    Field("location_25km", f"location within {MAX_DISTANCE_KM:g} km of the incident",
          lambda g: g.get("point"), key("point"),
          lambda gold, pred: within_km(gold, pred, MAX_DISTANCE_KM), headline=False,
          note=f"GVA incident coordinates from {POINTS_FILE}"),
)


score = field_scorer(FIELDS)


DATASET = Dataset(
    name=NAME,
    title="Gun Violence Archive news pages (2013-2015 dev)",
    expects=f"the gva folder or {FILE} (answerable_*.jsonl beside it is optional)",
    read=read,
    predict=predict,
    score=score,
)
