"""Outlets a group runs itself (``incidents/data/group_outlets.tsv``): when an article's
dateline names one ("CLANDESTINE, NO DATE (RADIO VENCEREMOS) --"), what it tells as fact of
the group's own acts is the group's claim.  Accusations it relays ("the armed forces said the
FMLN is responsible") keep their status.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from importlib import resources

from incidents.extractors.mentions import ArgMention
from incidents.model import Evidence, Status


def _key(name: str) -> str:
    words = re.sub(r"[\s\-]+", " ", name.lower()).strip()
    return re.sub(r"^the ", "", words)


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    raw = (resources.files("incidents") / "data" / "group_outlets.tsv").read_text(encoding="utf-8")
    out: dict[str, frozenset[str]] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith(("#", "outlet\t")):
            continue
        outlet, group, names = line.split("\t")
        out[_key(outlet)] = frozenset(_key(n) for n in [group, *names.split("|")])
    return out


def group_names(source: str | None) -> frozenset[str]:
    """The names of the group that runs the outlet ``source`` (empty if none does)."""
    return _table().get(_key(source), frozenset()) if source else frozenset()


def claimed_through_outlet(roles: list[ArgMention], source: Evidence | None) -> list[ArgMention]:
    """The group's perpetrator mentions told as fact by its own outlet, as its claims; the
    outlet's name in the dateline joins their evidence."""
    names = group_names(source.text if source else None)
    if not names or source is None:
        return roles
    out = []
    for arg in roles:
        if arg.role == "perpetrator" and arg.status == Status.REPORTED and _key(arg.text) in names:
            arg = dataclasses.replace(arg, status=Status.CLAIMED, extra={**arg.extra, "outlet": (source.start, source.end)})
        out.append(arg)
    return out
