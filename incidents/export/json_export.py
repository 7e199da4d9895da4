"""``--format json``: one JSON document with every canonical incident and its sources.

    {"schema": "incidents-db/v1", "attribution": "...", "count": N,
     "incidents": [CanonicalRecord.to_dict(), ...]}

Written incrementally, so a large database never sits in memory as one object.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from incidents.export.attribution import attribution
from incidents.store.records import CanonicalRecord

SCHEMA = "incidents-db/v1"


def write(records: Iterable[CanonicalRecord], stream: TextIO) -> int:
    head = json.dumps({"schema": SCHEMA, "attribution": attribution()}, ensure_ascii=False)
    stream.write(head[:-1] + ', "incidents": [')
    count = 0
    for record in records:
        stream.write(",\n" if count else "\n")
        stream.write(json.dumps(record.to_dict(), ensure_ascii=False))
        count += 1
    stream.write(f'\n], "count": {count}}}\n')
    return count
