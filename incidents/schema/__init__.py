"""The published JSON Schema of the incidents/v1 output, and a validator for it."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def schema() -> dict[str, Any]:
    text = resources.files("incidents.schema").joinpath("incidents-v1.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Schema violations of one output object, plus any evidence span whose text does not
    match the article text at its offsets (empty when the record is valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]
    text = record.get("text")
    if isinstance(text, str):
        for path, span in _evidence_spans(record):
            if text[span["start"] : span["end"]] != span["text"]:
                errors.append(f"{path}: evidence {span['start']}:{span['end']} does not match the text")
    return errors


def _evidence_spans(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "evidence" and isinstance(value, list):
                found.extend((f"{path}/evidence/{i}", span) for i, span in enumerate(value) if isinstance(span, dict))
            else:
                found.extend(_evidence_spans(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_evidence_spans(value, f"{path}/{i}"))
    return found
