"""Typed errors.  The library raises these; only ``cli.py`` turns them into exit codes.

    IncidentsError
    ├── InputError        an input that cannot be read or parsed (names the file/line)
    ├── ExtractionError   an article that broke the extraction pipeline
    ├── ResourceError     a model, gazetteer or package data file is missing or damaged
    ├── StoreError        the database refused a read or a write
    └── EvaluationError   a dataset for ``incidents eval`` is missing or malformed
"""

from __future__ import annotations


class IncidentsError(Exception):
    """Base class of every error the package raises on purpose."""


class InputError(IncidentsError):
    """An input file, line or stream cannot be read as an article."""


class ExtractionError(IncidentsError):
    """The extraction pipeline failed on one article."""


class ResourceError(IncidentsError):
    """A model or data resource the pipeline needs is missing or unreadable."""


class StoreError(IncidentsError):
    """A database operation failed."""


class EvaluationError(IncidentsError):
    """An evaluation dataset is missing or does not have the expected shape."""
