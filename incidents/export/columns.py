"""Small helpers shared by the CSV and GeoJSON exports: figures, members' fields, codes."""

from __future__ import annotations

from collections import Counter

from incidents.store.records import CanonicalRecord

FINE_PLACES = frozenset({"site", "city"})


def best(record: CanonicalRecord, outcome: str, group: str = "total") -> int | None:
    figure = record.figure(outcome, group)
    return figure.best if figure else None


def total_with_perpetrators(record: CanonicalRecord, outcome: str) -> int | None:
    """Victims plus perpetrators (GTD ``nkill``/``nwound``, ACLED ``fatalities``)."""
    victims = best(record, outcome)
    perpetrators = best(record, outcome, "perpetrators")
    if victims is None and perpetrators is None:
        return None
    return (victims or 0) + (perpetrators or 0)


def most_common_category(record: CanonicalRecord, *kinds: str) -> tuple[str | None, str | None]:
    """The most frequent category among the members' fields of ``kinds``, with a mention."""
    counts: Counter[str] = Counter()
    mention: dict[str, str] = {}
    for member in record.members:
        for item in member.fields:
            if item.kind in kinds and item.category:
                counts[item.category] += 1
                mention.setdefault(item.category, item.text)
    if not counts:
        return None, None
    category = counts.most_common(1)[0][0]
    return category, mention[category]


def sources(record: CanonicalRecord) -> list[str]:
    """Distinct sources (publisher site or input file), in the order of the members."""
    seen: dict[str, None] = {}
    for member in record.members:
        name = member.source or member.url or member.article_key
        seen.setdefault(name, None)
    return list(seen)


def citations(record: CanonicalRecord, limit: int = 3) -> list[str]:
    """Up to ``limit`` citations: "title. url (published)" of the members' articles."""
    out = []
    for member in record.members[:limit]:
        parts = [p for p in (member.title, member.url or member.article_key) if p]
        text = ". ".join(parts)
        if member.published:
            text += f" ({member.published})"
        out.append(text)
    return out


def claimed(record: CanonicalRecord) -> int:
    """GTD ``claimed``: 1 if a member reports a claim, 0 if a claim is denied, -9 unknown."""
    statuses = {f.status for m in record.members for f in m.fields if f.kind == "perpetrator"}
    if "claimed" in statuses:
        return 1
    if "negated" in statuses:
        return 0
    return -9


def blank(value: object) -> object:
    return "" if value is None else value
