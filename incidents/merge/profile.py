"""What merging needs to know about one article's incident, in a small JSON-able record.

A :class:`MergeProfile` is built once from an :class:`~incidents.model.Incident` and its
:class:`~incidents.model.Article` (at ingest), stored with the incident row, and compared
with other profiles by :mod:`incidents.merge.similarity`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from incidents.model import Article, Incident

#: An incident with no date of its own happened at most this long before its article.
PUBLICATION_LOOKBACK_DAYS = 30
#: Reports of one day-precision event disagree by a day (late night, time zones).
DAY_SLACK_DAYS = 1
#: A main incident's context: the proper nouns of this much of its article (the lead).
CONTEXT_CHARS = 3000


@dataclass(frozen=True, slots=True)
class PlaceKey:
    name: str | None
    admin1: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    precision: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "admin1": self.admin1,
            "country_code": self.country_code,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class MergeProfile:
    """The merge-relevant facts of one incident as one article reports it."""

    article: str
    main: bool
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str | None
    published: dt.date | None
    places: tuple[PlaceKey, ...]
    types: frozenset[str]
    stage: str
    names: frozenset[str]
    tokens: frozenset[str]
    context: frozenset[str] = frozenset()

    @property
    def terms(self) -> frozenset[str]:
        """The words text similarity compares: summary and evidence words, and context."""
        return self.tokens | self.context

    @property
    def dated(self) -> bool:
        return self.date_start is not None and self.date_end is not None

    def window(self) -> tuple[dt.date, dt.date] | None:
        """The days the incident may have happened on (for blocking), if anything is known."""
        if self.date_start is not None and self.date_end is not None:
            slack = dt.timedelta(days=DAY_SLACK_DAYS if self.precision == "day" else 0)
            return self.date_start - slack, self.date_end + slack
        if self.published is not None:
            lookback = dt.timedelta(days=PUBLICATION_LOOKBACK_DAYS)
            return self.published - lookback, self.published
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "main": self.main,
            "date_start": _iso(self.date_start),
            "date_end": _iso(self.date_end),
            "precision": self.precision,
            "published": _iso(self.published),
            "places": [p.to_dict() for p in self.places],
            "types": sorted(self.types),
            "stage": self.stage,
            "names": sorted(self.names),
            "tokens": sorted(self.tokens),
            "context": sorted(self.context),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MergeProfile:
        return cls(
            article=data["article"],
            main=bool(data.get("main", True)),
            date_start=parse_date(data.get("date_start")),
            date_end=parse_date(data.get("date_end")),
            precision=data.get("precision"),
            published=parse_date(data.get("published")),
            places=tuple(PlaceKey(**p) for p in data.get("places", [])),
            types=frozenset(data.get("types", [])),
            stage=data.get("stage", "accomplished"),
            names=frozenset(data.get("names", [])),
            tokens=frozenset(data.get("tokens", [])),
            context=frozenset(data.get("context", [])),
        )


def build_profile(incident: Incident, article: Article) -> MergeProfile:
    """The merge profile of ``incident``, reported by ``article``."""
    start = end = None
    precision = None
    if incident.date is not None:
        precision = str(incident.date.precision)
        start, end = date_range(incident.date.start, incident.date.end, precision)
    texts = [incident.summary]
    texts += [e.text for e in incident.evidence]
    context: set[str] = set()
    if incident.main:
        # The article is about its main incident: its lead's proper nouns (victims' names,
        # streets, neighbourhoods) say which event it is, better than the extraction alone.
        context = capitalised_words(article.text[:CONTEXT_CHARS])
        if article.title:
            texts.append(article.title)
            context |= capitalised_words(article.title)
    mentions = [p.text for p in incident.perpetrators] + [v.text for v in incident.victims]
    names = {n for mention in mentions for n in proper_names(mention)}
    return MergeProfile(
        article=article.id,
        main=incident.main,
        date_start=start,
        date_end=end,
        precision=precision,
        published=parse_date(article.published),
        places=tuple(
            PlaceKey(
                name=normalise_name(p.name),
                admin1=normalise_name(p.admin1),
                country_code=(p.country_code or None) and p.country_code.upper(),
                lat=p.lat,
                lon=p.lon,
                precision=p.precision,
            )
            for p in incident.locations
        ),
        types=frozenset(incident.types.gtd),
        stage=str(incident.stage),
        names=frozenset(names),
        tokens=frozenset(tokens(" ".join(texts))),
        context=frozenset(context),
    )


def parse_date(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) -> date; anything else -> None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date_range(
    start: str | None, end: str | None, precision: str | None
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a date of this precision covers.

    ``2024-06`` or ``2024-06-01`` at month precision covers 2024-06-01 .. 2024-06-30; a year
    covers the whole year. Day and week dates keep their own start and end.
    """
    first = _lenient(start, last=False)
    last = _lenient(end or start, last=True)
    if first is None or last is None:
        return None, None
    if precision == "month":
        first = first.replace(day=1)
        last = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    elif precision == "year":
        first = first.replace(month=1, day=1)
        last = last.replace(month=12, day=31)
    if last < first:
        first, last = last, first
    return first, last


def _lenient(value: str | None, last: bool) -> dt.date | None:
    if not value:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(value))
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2) or (12 if last else 1))
    if not 1 <= month <= 12:
        return None
    if match.group(3):
        day = int(match.group(3))
    else:
        day = calendar.monthrange(year, month)[1] if last else 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def normalise_name(name: str | None) -> str | None:
    """Lower case, no diacritics, hyphens and punctuation as spaces: "Al-Bāb" -> "al bab"."""
    if not name:
        return None
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w]+", " ", text).strip()
    text = re.sub(r"^(?:(?:the|city of|town of) )+", "", text)
    return text or None


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’]*")

_STOPWORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own said same says she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves according told one two three four five six seven eight nine ten
    another around near later last since still who's it's he's she's that's there's"""
STOPWORDS = frozenset(_STOPWORDS.split())

#: Capitalised words that are not names of people or groups.
_GENERIC = """unknown unidentified police officers officer gunmen gunman attackers attacker
    suspects suspect militants militant insurgents rebels security forces army soldiers
    government authorities mr mrs ms dr st saint monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october
    november december"""
GENERIC_CAPITALISED = frozenset(_GENERIC.split())


def tokens(text: str) -> list[str]:
    """Content words of ``text``: lower case, no stop words, at least three characters."""
    words = (w.lower().replace("’", "'") for w in _WORD.findall(text))
    return [w.removesuffix("'s") for w in words if len(w) >= 3 and w not in STOPWORDS]


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_CAPITALISED = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def capitalised_words(text: str) -> set[str]:
    """Capitalised words that do not start a sentence, lower-cased: likely proper nouns.

    All-caps words (headlines, acronyms), stop words and generic words ("Police", "Monday")
    are left out.
    """
    found = set()
    for sentence in _SENTENCE.split(text):
        for word in _CAPITALISED.findall(sentence)[1:]:
            if len(word) > 2 and word[0].isupper() and not word.isupper():
                lower = word.lower().replace("’", "'").removesuffix("'s")
                if lower not in STOPWORDS and lower not in GENERIC_CAPITALISED:
                    found.add(lower)
    return found


def proper_names(text: str) -> list[str]:
    """Proper names in an actor mention: runs of capitalised words ("Islamic State").

    Generic mentions ("Unknown gunmen", "police") give nothing.
    """
    names = []
    run: list[str] = []
    for word in [*_WORD.findall(text), ""]:
        if word[:1].isupper() and word.lower() not in GENERIC_CAPITALISED:
            run.append(word.lower())
            continue
        if run:
            names.append(" ".join(run))
            run = []
    return names
