"""Place resolution: place mentions in an article -> GeoNames places (:class:`incidents.model.Place`).

Input is what the extraction stage found: spaCy ``GPE``/``LOC``/``FAC`` entities and other
capitalised candidates, as :class:`PlaceMention` (or ``(text, start, end, label)`` tuples),
plus optionally the article text and a country hint.  Output is one :class:`ResolvedMention`
per mention that names a known place, keeping the mention's offsets, so the caller can decide
which places belong to which incident.

How a mention is resolved:

1. *Reading the mention.*  "Kunduz province", "the city of Lima", "Dashti Archi district",
   "northern Borno" are split into a name and a hint (an administrative unit, or a city).
   "Rocky Mount, N.C." and "Kunduz province, Afghanistan" carry a *qualifier*: the place
   must lie in North Carolina, in Afghanistan.  The qualifier itself is returned with
   ``qualifier=True``.
2. *Context.*  Countries and provinces that the article names (or that the caller hints,
   e.g. from a "LIMA, 10 JAN 90" dateline), demonyms ("Afghan", "Peruvian"), and the places
   that resolve unambiguously, constrain the rest.
3. *Ranking.*  Each candidate is scored: population (log), capital or seat, a kind that
   matches the hint, the context country / admin1, nearness to the other places named, and
   how well the name matched (its GeoNames name, an alternate name, a derived variant).
4. *Acceptance.*  A mention that is also a common English word ("Mobile", "Police") or a
   first name ("Florence") resolves only when NER called it a place AND the context or a
   large population supports it; a capitalised candidate that NER did not call a place needs
   a large population or the context country.  Anything else is left unresolved: an empty
   field is better than a wrong one.

A dateline ("LIMA, 10 JAN 90 (EFE) --") names where the report was filed: a notable place,
ranked with the article's context at half weight.  Word lists (place-type words, common
words, first names, US state abbreviations) are in ``incidents/data/place_words.tsv``.
Coordinates of admin units and countries are their seat's (see ``gazetteer``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

from incidents.model import Evidence, Place
from incidents.resolve.gazetteer import (
    MATCH_ALT,
    MATCH_NAME,
    MATCH_VARIANT,
    Candidate,
    Gazetteer,
    distance_km,
    name_key,
    normalize,
)

__all__ = [
    "PlaceMention",
    "ResolvedMention",
    "best_place",
    "distance_km",
    "resolve_places",
    "to_place",
]

NER_LABELS = frozenset({"GPE", "LOC", "FAC"})
PRECISION_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A stretch of the article that may name a place: ``text == article[start:end]``.

    ``label`` is spaCy's entity label (``GPE``, ``LOC``, ``FAC``), or anything else (e.g.
    ``"CAND"``) for a capitalised candidate that NER did not call a place.
    """

    text: str
    start: int
    end: int
    label: str = "GPE"


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    """One mention and the place it names."""

    mention: PlaceMention
    place: Place
    score: float  # the winning candidate's score (higher is surer)
    confidence: float  # 0..1: the winner's share against the other candidates
    candidates: int  # how many gazetteer entries the name could mean
    qualifier: bool = False  # "N.C." in "Rocky Mount, N.C.": it only locates another mention
    kind_hint: str | None = None  # "admin" or "city" when the text said "province", "city of" ...

    @property
    def precision(self) -> str:
        return self.place.precision


# ---------------------------------------------------------------------------------------------
# Small tables
# ---------------------------------------------------------------------------------------------


def _load_words() -> dict[str, dict[str, str]]:
    """``incidents/data/place_words.tsv``: kind -> {word: value}."""
    tables: dict[str, dict[str, str]] = defaultdict(dict)
    raw = (resources.files("incidents") / "data" / "place_words.tsv").read_text(encoding="utf-8")
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            kind, word, *value = line.split("\t")
            tables[kind][word] = value[0] if value else word
    return tables


_WORDS = _load_words()
# AP-style and postal abbreviations of US states ("Rocky Mount, N.C.", "Mobile, AL").
US_STATE_ABBREVIATIONS = _WORDS["us_state"]
US_POSTAL = frozenset(_WORDS["us_postal"])
# Words that name a kind of place when they follow or precede a name.
ADMIN_WORDS = frozenset(_WORDS["admin_word"])
CITY_WORDS = frozenset(_WORDS["city_word"])
# Words after a name that say "around this place" without changing which place it is.
AREA_WORDS = frozenset(_WORDS["area_word"])
_GENERIC = frozenset(_WORDS["generic"])  # "North": never a qualifier on its own
# Common English words that are also places: they resolve only with NER's support plus
# context or a large population.  Words capitalised in the text but written in lower case
# elsewhere in the same article are treated the same way.
COMMON_WORDS = frozenset(_WORDS["common_word"])
# First names that are also towns: only a problem when NER did not call them a place.
FIRST_NAMES = frozenset(_WORDS["first_name"])
NEVER = frozenset(_WORDS["never"])  # pronoun-like words and agencies, never a place
_ABBREVIATION_KEYS = {name_key(k): v for k, v in US_STATE_ABBREVIATIONS.items()}

_KIND_AFTER = re.compile(r"^\s*(?:-\s*)?([A-Za-z-]+)\b")
_KIND_BEFORE = re.compile(
    r"\b(city|town|village|township|capital|province|state|district|region|county|department|"
    r"governorate|municipality|prefecture|oblast|republic|settlement|kibbutz)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_QUALIFIER_AFTER = re.compile(
    r"^,\s*((?:[A-Z][\w'.-]*\.?)(?:[ \t]+[A-Z][\w'.-]*\.?){0,3})(?=\s*(?:$|[,.;:)\]\n—–-]|\s[a-z(]))"
)
_QUALIFIER_PARENS = re.compile(r"^\s*\(([A-Za-z][\w .'-]{1,40})\)")  # "Managua (Nicaragua)"
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:,|--|—|–|-\s|\()")
_DIRECTION = re.compile(
    r"^(?:(?:north|south|east|west|central|upper|lower|greater|inner|outer|rural|northern|southern|eastern|"
    r"western|north-?eastern|north-?western|south-?eastern|south-?western|northeast|northwest|southeast|"
    r"southwest)\s+)+",
    re.IGNORECASE,
)
_HONORIFICS = (
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Cpl|Pvt|Sen|Rep|Gov|Rev|Prof|President|Minister|"
    r"Judge|Justice|Mayor|Officer|Detective|Deputy|Pastor|Father|Sheikh|Mullah|Imam|King|Queen|Prince|"
    r"Princess|Lady|Lord|Sir|Chief|Commander|Sheriff|Trooper|Agent)\.?\s+$"
)
_HONORIFIC_BEFORE = re.compile(_HONORIFICS)
_HONORIFIC_BEFORE_CAPS = re.compile(_HONORIFICS.upper().replace("\\B", "\\b").replace("\\S", "\\s"))
_FUNCTION_WORDS = "|".join(
    w.capitalize()
    for w in sorted(ADMIN_WORDS | CITY_WORDS | AREA_WORDS | _GENERIC | set(_WORDS["not_name_part"]))
)
_FRAGMENT_BEFORE = re.compile(rf"(?<![.!?] )(?<![.!?])\b(?!(?:{_FUNCTION_WORDS}) $)[A-Z][a-z]+ $")
_FRAGMENT_AFTER = re.compile(rf"^ (?!(?:{_FUNCTION_WORDS})\b)[A-Z][a-z]+")
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|at|outside|around|from|into|to|towards?|across|between|and|of|province|district|"
    r"village|town|city|area|county|state|region)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_FACILITY = re.compile(
    r"\s+(?:international\s+)?(?:airport|air\s*base|airbase|airfield|prison|jail|market|bazaar|mosque|church|"
    r"cathedral|synagogue|temple|hospital|university|stadium|checkpoint|camp|base|station|hotel|"
    r"school|port|harbou?r|border\s+crossing|barracks|police\s+station)$",
    re.IGNORECASE,
)

# Scoring weights (tuned on the development data; see scripts/measure_places.py).
W_HINT = 4.0
W_CONTEXT_COUNTRY = 3.0
W_CONTEXT_ANY = 1.5
W_CONTEXT_ADMIN1 = 2.5
W_QUALIFIER = 12.0
W_NEAR = 2.0
W_CAPITAL = 1.5
W_SEAT = 0.5
W_COUNTRY_NAME = 3.0
P_ALT = 2.0
P_VARIANT = 2.0
P_NO_POINT = 1.0
W_CHAIN = 2.0
P_ADMIN_SHADOWED = 2.5
P_ADMIN2 = 1.0
P_HINT_COUNTRY = 3.0


# ---------------------------------------------------------------------------------------------
# Reading mentions
# ---------------------------------------------------------------------------------------------


@dataclass
class _Query:
    """What one mention asks the gazetteer, and what the words around it say."""

    index: int
    mention: PlaceMention
    names: list[str]  # names to try, best first
    kind_hint: str | None = None  # "admin" | "city"
    hint_word: str | None = None  # "province", "county" ...
    # where it must lie, (cc, admin1 code or None), and the readings of the qualifier
    # ("Georgia": GE or US.GA) before one is chosen
    qualifier: tuple[str, str | None] | None = None
    qualifier_options: list[tuple[str, str | None]] = field(default_factory=list)
    qualifier_of: int | None = None  # this mention qualifies mention #
    role: tuple[str, str | None] | None = None  # as a qualifier, the unit it stands for
    chained: bool = False  # ", Baghlan, Afghanistan": the middle of a chain, likely a province
    locative: bool = False  # "in X", "near X": the words before it expect a place
    dateline: bool = False  # "LIMA, 10 JAN 90 (EFE) --": where the report was filed
    person_like: bool = False  # "Mr. Lincoln", "Florence Nightingale"
    fragment: bool = False  # NER took part of a longer name: "Rish [Khor]"
    common: bool = False  # an English word or a first name
    candidates: tuple[Candidate, ...] = ()
    matched: str | None = None  # the name that found the candidates


def _as_mention(m: PlaceMention | tuple[str, int, int, str] | tuple[str, int, int]) -> PlaceMention:
    if isinstance(m, PlaceMention):
        return m
    if len(m) == 3:
        return PlaceMention(m[0], m[1], m[2])
    return PlaceMention(m[0], m[1], m[2], m[3])


def _clean(text: str) -> str:
    """Strip a leading article, a trailing possessive and punctuation."""
    text = text.strip(" \t\n\"'“”‘’()[],;:-–—")
    if text.lower().startswith("the "):
        text = text[4:]
    return re.sub(r"['’]s$", "", text)


def _read_mention(q: _Query, text: str | None, gaz: Gazetteer) -> None:
    """The names to try, the kind of place the words ask for, and what the text around says."""
    m = q.mention
    body = _clean(m.text)
    # "Kunduz province, Afghanistan" inside one mention: the part after the comma qualifies.
    if "," in body:
        head, _, tail = body.partition(",")
        options = _read_qualifiers(tail.strip(), gaz)
        if options:
            q.qualifier_options = options
            body = head.strip()
    words = body.split()
    if len(words) >= 2 and words[-1].lower() in AREA_WORDS:  # "Kabul area"
        q.names = [body, " ".join(words[:-1])]
    elif len(words) >= 2 and words[-1].lower() in ADMIN_WORDS | CITY_WORDS:  # "Kunduz Province"
        _set_hint(q, words[-1])
        q.names = [body, " ".join(words[:-1])]
    elif match := re.match(
        r"^(city|town|village|province|state|district|region|county)\s+of\s+", body, re.IGNORECASE
    ):
        _set_hint(q, match.group(1))  # "city of Lima"
        q.names = [body[match.end() :]]
    else:
        q.names = [body]
    stripped = _DIRECTION.sub("", q.names[-1])
    if stripped and stripped != q.names[-1]:
        q.names.append(stripped)  # "northern Borno" -> "Borno", after "North Kivu" itself
    if m.label == "FAC":
        fac = _FACILITY.sub("", body)
        if fac != body:
            q.names.append(fac)  # "Kabul airport" -> "Kabul"
        if " in " in body:  # "the Imam Ali Islamic Center in Fawkner"
            q.names.append(body.rsplit(" in ", 1)[1])
    if text is not None:
        _read_surroundings(q, text, gaz)


def _set_hint(q: _Query, word: str) -> None:
    q.hint_word = word.lower()
    q.kind_hint = "city" if q.hint_word in CITY_WORDS else "admin"


def _read_surroundings(q: _Query, text: str, gaz: Gazetteer) -> None:
    """What the words before and after a mention say about it."""
    m = q.mention
    after = text[m.end : m.end + 60]
    before = text[max(0, m.start - 60) : m.start]
    if q.kind_hint is None:
        word = _KIND_AFTER.match(after)
        if word and word.group(1).lower() in ADMIN_WORDS | CITY_WORDS and not after.startswith(","):
            _set_hint(q, word.group(1))  # "Kunduz province"
        elif match := _KIND_BEFORE.search(before):
            _set_hint(q, match.group(1))  # "the province of Kunduz"
    if not q.qualifier_options:
        qm = _QUALIFIER_AFTER.match(after) or _QUALIFIER_PARENS.match(after)
        if qm:
            q.qualifier_options = _read_qualifiers(qm.group(1), gaz)
    q.dateline = not text[: m.start].strip() and bool(_DATELINE_AFTER.match(after))
    q.person_like = bool(_HONORIFIC_BEFORE.search(before) or _HONORIFIC_BEFORE_CAPS.search(before))
    q.fragment = bool(_FRAGMENT_BEFORE.search(before) or _FRAGMENT_AFTER.match(after))
    q.locative = bool(_LOCATIVE_BEFORE.search(before))
    q.chained = bool(q.qualifier_options) and bool(re.search(r",\s*$", before))
    if m.label not in NER_LABELS:
        nxt = re.match(r"^\s+([A-Z][a-z]+)", after)
        if nxt and nxt.group(1).lower() not in ADMIN_WORDS | CITY_WORDS:
            q.person_like = True  # "Florence Nightingale"


def _read_qualifiers(text: str, gaz: Gazetteer) -> list[tuple[str, str | None]]:
    """What a qualifier can mean, likeliest first: ``"N.C."`` -> ``[("US", "NC")]``;
    ``"Georgia"`` -> ``[("GE", None), ("US", "GA")]``; ``"Kunduz province"`` -> ``[("AF", "24")]``."""
    text = text.strip().rstrip(",;:")
    if not text or normalize(text) in _GENERIC:
        return []
    abbrev = _ABBREVIATION_KEYS.get(name_key(text))
    if abbrev and "." in text:
        return [("US", abbrev)]
    if text in US_POSTAL:
        return [("US", text)]
    options: list[tuple[str, str | None]] = []
    country = gaz.country_by_name(text, demonyms=False)
    if country:
        options.append((country.code, None))
    words = text.split()
    names = [text]
    if len(words) >= 2 and words[-1].lower() in ADMIN_WORDS:  # "Kunduz province"
        names.append(" ".join(words[:-1]))
    for kind in ("admin1", "admin2"):  # "Kunduz province"; "JACKSONVILLE, ONSLOW COUNTY"
        for name in names:
            for c in gaz.lookup(name):
                option = (c.country_code, c.admin1_code)
                if (
                    c.kind == kind
                    and c.match != MATCH_VARIANT
                    and c.admin1_code
                    and option not in options
                ):
                    options.append(option)
    return options


def _choose_qualifier(q: _Query) -> None:
    """Keep the first reading of the qualifier that one of the mention's candidates satisfies."""
    if q.qualifier is None and q.qualifier_options:
        for option in q.qualifier_options:
            if any(_satisfies(c, option) for c in q.candidates):
                q.qualifier = option
                return
        q.qualifier_options = []  # "Kabul, Herat and Kandahar" is a list, not "Kabul in Herat"
        q.chained = False


def _split_qualified(q: _Query, gaz: Gazetteer) -> None:
    """ "Zaranj Nimroz" (one NER span) -> "Zaranj" located in Nimroz, when that is what it is."""
    words = q.names[0].split()
    for k in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        for qual in _read_qualifiers(tail, gaz):
            candidates = tuple(c for c in gaz.lookup(head) if _satisfies(c, qual))
            if candidates:
                q.candidates, q.matched, q.qualifier = candidates, head, qual
                return


def _not_a_place_name(text: str, gaz: Gazetteer) -> bool:
    """Demonyms ("Turk", "Afghans") and short abbreviations ("Sr.", "NE") that NER took for places."""
    stripped = text.strip()
    if stripped in US_STATE_ABBREVIATIONS or stripped in US_POSTAL:
        return False
    key = name_key(stripped)
    if len(key) <= 2:
        return gaz.country_by_name(stripped, demonyms=False) is None
    country = gaz.country_by_name(stripped)
    return country is not None and gaz.country_by_name(stripped, demonyms=False) is None


def _us_state(text: str, gaz: Gazetteer) -> Candidate | None:
    code = US_STATE_ABBREVIATIONS.get(text.strip()) or (text if text in US_POSTAL else None)
    return gaz.admin1("US", code) if code else None


def _is_common(q: _Query, text: str | None, mixed_case: bool) -> bool:
    key = normalize(q.matched or q.names[0])
    if key in COMMON_WORDS or (key in FIRST_NAMES and q.mention.label not in NER_LABELS):
        return True
    if text and mixed_case and len(key) > 2 and key.isascii():
        # written in lower case elsewhere in this article: "police said" makes "Police" a word
        return re.search(rf"\b{re.escape(key)}\b", text) is not None
    return False


def _mixed_case(text: str) -> bool:
    letters = [c for c in text[:2000] if c.isalpha()]
    if not letters:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    return 0.01 < upper < 0.6


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text[:2000] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.6


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Anchor:
    """What one confidently resolved mention tells about the rest of the article."""

    index: int
    country: str
    weight: float
    admin1: tuple[str, str] | None
    point: tuple[float, float] | None


@dataclass
class _Context:
    countries: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1s: defaultdict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    anchors: list[_Anchor] = field(default_factory=list)
    hint: str | None = None
    weight: float = 1.0  # how much the context counts: half for a dateline

    def for_dateline(self) -> _Context:
        """A dateline names a notable place, whatever the story is about: context counts half."""
        return _Context(self.countries, self.admin1s, self.anchors, self.hint, 0.5)

    def add(self, anchor: _Anchor, sign: float = 1.0) -> None:
        self.countries[anchor.country] += sign * anchor.weight
        if anchor.admin1:
            self.admin1s[anchor.admin1] += sign
        if sign > 0:
            self.anchors.append(anchor)

    def without(self, index: int) -> _Context:
        """This context minus what mention ``index`` itself contributed."""
        own = [a for a in self.anchors if a.index == index]
        if not own:
            return self
        ctx = _Context(
            defaultdict(float, self.countries),
            defaultdict(float, self.admin1s),
            [a for a in self.anchors if a.index != index],
            self.hint,
        )
        for anchor in own:
            ctx.add(anchor, -1.0)
        return ctx

    @property
    def points(self) -> list[tuple[float, float]]:
        return [a.point for a in self.anchors if a.point is not None]


def _score(c: Candidate, q: _Query, ctx: _Context, shadowed: bool) -> float:
    pop = math.log10(c.population + 10)
    if c.kind in ("admin1", "admin2"):
        pop -= 0.5  # an admin unit's population is the sum of its places
    score = pop
    if c.match == MATCH_ALT:
        score -= P_ALT
    elif c.match == MATCH_VARIANT:
        score -= P_VARIANT
    if c.match == MATCH_NAME:  # "Parys" (an alternate of Paris) does not make it the capital
        if c.feature == "PPLC":
            score += W_CAPITAL
        elif c.feature == "PPLA":
            score += W_SEAT
    if q.kind_hint == "admin":
        if c.kind in ("admin1", "admin2"):
            score += W_HINT
            if q.hint_word and c.unit_type and q.hint_word.rstrip("s") in c.unit_type.lower():
                score += 1.0
        elif c.kind == "country":
            score -= W_HINT
    elif q.kind_hint == "city":
        score += W_HINT if c.kind == "city" else -W_HINT / 2
    elif q.chained and c.kind in ("admin1", "admin2"):
        score += W_CHAIN
    else:
        if c.kind == "country" and c.match != MATCH_VARIANT:
            score += W_COUNTRY_NAME
        if shadowed:
            score -= P_ADMIN_SHADOWED
        elif c.kind == "admin2":
            score -= P_ADMIN2
    if q.qualifier:
        score += W_QUALIFIER if _satisfies(c, q.qualifier) else -W_QUALIFIER
    if q.role:
        cc, a1 = q.role
        stands_for = c.kind == "admin1" and c.admin1_code == a1 if a1 else c.kind == "country"
        score += W_QUALIFIER if stands_for and c.country_code == cc else 0.0
    total = sum(v for v in ctx.countries.values() if v > 0)
    share = ctx.countries.get(c.country_code, 0)
    if share > 0 and total > 0:
        score += ctx.weight * (W_CONTEXT_ANY + W_CONTEXT_COUNTRY * share / total)
    if (
        c.admin1_code
        and ctx.admin1s.get((c.country_code, c.admin1_code), 0) > 0
        and c.kind != "admin1"
    ):
        score += ctx.weight * W_CONTEXT_ADMIN1
    if ctx.hint and c.country_code != ctx.hint:
        score -= P_HINT_COUNTRY
    if c.lat is None:
        score -= P_NO_POINT
    points = ctx.points
    if c.lat is not None and c.lon is not None and points and c.kind in ("city", "admin2"):
        near = min(distance_km(c.lat, c.lon, lat, lon) for lat, lon in points)
        if near < 50:
            score += ctx.weight * W_NEAR
        elif near < 150:
            score += ctx.weight * W_NEAR / 2
    return score


def _shadowed(c: Candidate, candidates: Sequence[Candidate]) -> bool:
    """An admin unit named like a city inside it ("Kunduz" province and city): the city comes first."""
    if c.kind not in ("admin1", "admin2"):
        return False
    return any(
        o.kind == "city"
        and o.country_code == c.country_code
        and o.admin1_code == c.admin1_code
        and o.match <= MATCH_ALT
        for o in candidates
    )


def _satisfies(c: Candidate, qualifier: tuple[str, str | None]) -> bool:
    cc, a1 = qualifier
    return c.country_code == cc and (a1 is None or c.admin1_code == a1) and c.kind != "country"


def _rank(q: _Query, ctx: _Context) -> list[tuple[float, Candidate]]:
    _choose_qualifier(q)
    if q.dateline:
        ctx = ctx.for_dateline()
    ranked = [(_score(c, q, ctx, _shadowed(c, q.candidates)), c) for c in q.candidates]
    ranked.sort(key=lambda sc: (-sc[0], -sc[1].population, sc[1].geonames_id))
    return ranked


def _foreign(c: Candidate, ctx: _Context) -> bool:
    """The article names countries (or the caller hinted one) and this candidate is in none of them."""
    countries = {cc for cc, w in ctx.countries.items() if w >= 1}
    if ctx.hint:
        countries.add(ctx.hint)
    return bool(countries) and c.country_code not in countries


def _other_region(c: Candidate, ctx: _Context) -> bool:
    """The article places itself in one province or state of this candidate's country
    ("Cincinnati police") and this candidate is elsewhere."""
    regions = {key for key, w in ctx.admin1s.items() if w >= 1 and key[0] == c.country_code}
    # one region only: a story that moves between provinces names its places more carefully
    return len(regions) == 1 and (c.country_code, c.admin1_code) not in regions


def ranked_candidates(ranked: list[tuple[float, Candidate]]) -> list[Candidate]:
    return [c for _, c in ranked]


def _confidence(ranked: list[tuple[float, Candidate]]) -> float:
    top = ranked[0][0]
    weights = [math.exp(min(0.0, s - top)) for s, _ in ranked[:20]]
    return weights[0] / sum(weights)


def _acceptable(
    q: _Query, score: float, c: Candidate, ranked: list[tuple[float, Candidate]], ctx: _Context
) -> bool:
    """Whether the best candidate is good enough to be reported (see the module docstring)."""
    ner = q.mention.label in NER_LABELS
    in_context = ctx.countries.get(c.country_code, 0) > 0 or (ctx.hint == c.country_code)
    qualified = bool(q.qualifier) and score > 0
    if q.qualifier and c.country_code != q.qualifier[0]:
        return False
    big = c.population >= 100_000 or c.kind == "country"
    if q.person_like and not qualified:
        return False
    if q.fragment and not qualified:  # part of a longer name: only what stands on its own
        return (
            c.kind == "country"
            or (in_context and c.kind != "city")
            or (c.population >= 100_000 and not _foreign(c, ctx))
        )
    if (
        _foreign(c, ctx)
        and c.kind not in ("country", "admin1")
        and c.population < 50_000
        and not qualified
    ):
        return False  # the article is about elsewhere: "Overtown" is in Miami, not Scotland
    if c.kind == "city" and c.population < 50_000 and not qualified and _other_region(c, ctx):
        return False  # "Northwest Fairmount" in a Cincinnati story is not Fairmount, Pennsylvania
    if q.common and not qualified:
        return (
            ner
            and (in_context or big)
            and (c.population >= 20_000 or c.kind != "city" or in_context)
        )
    if qualified:
        return True
    if q.mention.label == "FAC" and q.matched == q.names[0]:
        ner = False  # a facility's own name ("The Ramsey") is rarely a town's
    if not ner and not (q.locative or q.kind_hint):
        return (
            c.population >= 200_000
            or c.kind == "country"
            or (in_context and (c.population >= 5_000 or c.kind in ("admin1", "admin2")))
        )
    if in_context or c.kind in ("country", "admin1"):
        return True
    if q.kind_hint and (c.kind == "city") == (q.kind_hint == "city"):
        return True
    if len({(o.country_code, o.admin1_code) for o in ranked_candidates(ranked)}) == 1:
        return True  # every candidate is the same place (a town and its district)
    if c.match != MATCH_NAME:  # a foreign spelling of a small place, and nothing else to go on
        return c.population >= 20_000
    return c.population >= 1_000 or len(ranked) == 1


# ---------------------------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------------------------


def resolve_places(
    mentions: Sequence[PlaceMention | tuple[str, int, int, str] | tuple[str, int, int]],
    text: str | None = None,
    country_hint: str | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> list[ResolvedMention]:
    """Resolve place mentions of one article to GeoNames places.

    Args:
        mentions: spaCy ``GPE``/``LOC``/``FAC`` entities and other capitalised candidates,
            as :class:`PlaceMention` or ``(text, start, end, label)`` tuples; offsets index
            ``text``.  ``NORP`` mentions (demonyms) only add context.
        text: the article text, used for the words around a mention ("province",
            ", N.C.", "the city of"), demonyms and common-word checks.  Optional.
        country_hint: a country the article is known to be about (ISO code, name or
            demonym), e.g. from a dateline or a feed; places elsewhere need more evidence.
        gazetteer: defaults to :meth:`Gazetteer.default`.

    Returns:
        One :class:`ResolvedMention` per mention that names a known place, in input order.
        Mentions that are not places, or too uncertain, are left out.

    Raises:
        ResourceError: the gazetteer index cannot be built or opened.
    """
    gaz = gazetteer or Gazetteer.default()
    ctx = _Context()
    if country_hint:
        hinted = gaz.country_by_code(country_hint) if len(country_hint.strip()) in (2, 3) else None
        hinted = hinted or gaz.country_by_name(country_hint)
        if hinted:
            ctx.hint = hinted.code
            ctx.countries[hinted.code] += 3
    if text:
        for cc, n in _demonyms(text, gaz).items():
            ctx.countries[cc] += min(2.0, 0.5 * n)
    queries = _queries([_as_mention(m) for m in mentions], text, gaz, ctx)
    _look_up(queries, text, gaz)
    _mark_qualifiers(queries, text, gaz)
    # Pass 1: mentions that resolve clearly on their own give the context ...
    for q in queries:
        anchor = _anchor(q, ctx)
        if anchor is not None:
            ctx.add(anchor)
    # ... pass 2: every mention against the context the others give.
    out: list[ResolvedMention] = []
    for q in queries:
        if not q.candidates:
            continue
        local = ctx.without(q.index)
        if q.dateline:
            local = local.for_dateline()
        ranked = _rank(q, local)
        best_score, best = ranked[0]
        if not _acceptable(q, best_score, best, ranked, local):
            continue
        out.append(
            ResolvedMention(
                mention=q.mention,
                place=to_place(best, _evidence(q, text), gaz),
                score=round(best_score, 3),
                confidence=round(_confidence(ranked), 3),
                candidates=len(q.candidates),
                qualifier=q.qualifier_of is not None,
                kind_hint=q.kind_hint,
            )
        )
    return out


def _queries(
    items: list[PlaceMention], text: str | None, gaz: Gazetteer, ctx: _Context
) -> list[_Query]:
    """The mentions worth looking up, read (names to try, hints, qualifiers)."""
    queries: list[_Query] = []
    for i, m in enumerate(items):
        if text is not None and m.text != text[m.start : m.end]:
            if m.text.casefold() != text[m.start : m.end].casefold():
                raise ValueError(f"mention {m.text!r} does not match the text at {m.start}:{m.end}")
            m = PlaceMention(text[m.start : m.end], m.start, m.end, m.label)  # truecased copy
        if m.label == "NORP":
            country = gaz.country_by_name(m.text)
            if country:  # a demonym: context only (the text scan counts it when there is text)
                if not text:
                    ctx.countries[country.code] += 0.5
                continue
        if not m.text.strip() or any(ch.isdigit() for ch in m.text) or normalize(m.text) in NEVER:
            continue
        if _not_a_place_name(m.text, gaz):
            continue
        q = _Query(i, m, [])
        _read_mention(q, text, gaz)
        name = q.names[0]
        if (
            name[:1].isupper()
            or _mostly_upper(name)
            or (m.label in NER_LABELS and name[:1].isalpha())
        ):
            queries.append(q)
    return queries


def _look_up(queries: list[_Query], text: str | None, gaz: Gazetteer) -> None:
    """Fill each query's candidates: the first of its names the gazetteer knows."""
    mixed_case = text is not None and _mixed_case(text)
    for q in queries:
        state = _us_state(q.names[0], gaz)
        if (
            state is not None
            and text is not None
            and re.search(r"\w,\s*$", text[: q.mention.start])
        ):
            q.candidates, q.matched = (state,), q.names[0]  # "Rocky Mount, N.C.": the state
            continue
        for name in q.names:
            if len(name_key(name)) < 3:  # "No" from "No City"
                continue
            found = gaz.lookup(name)
            if found:
                q.candidates, q.matched = found, name
                break
        if not q.candidates:
            _split_qualified(q, gaz)
        q.common = _is_common(q, text, mixed_case)


def _anchor(q: _Query, ctx: _Context) -> _Anchor | None:
    """The context a mention gives when it resolves clearly on its own, else None."""
    if not q.candidates:
        return None
    ranked = _rank(q, ctx)
    best_score, best = ranked[0]
    second = ranked[1][0] if len(ranked) > 1 else -math.inf
    if not _acceptable(q, best_score, best, ranked, ctx.for_dateline() if q.dateline else ctx):
        return None
    if best_score - second < 2.0 and q.qualifier is None and not q.dateline:
        return None
    return _Anchor(
        index=q.index,
        country=best.country_code,
        weight=2.0 if best.kind == "country" or q.dateline else 1.0,
        admin1=(best.country_code, best.admin1_code)
        if best.admin1_code and best.kind != "country"
        else None,
        point=(best.lat, best.lon)
        if best.kind in ("city", "admin2") and best.lat is not None and best.lon is not None
        else None,
    )


def _mark_qualifiers(queries: list[_Query], text: str | None, gaz: Gazetteer) -> None:
    """A state or country right after a place ("Rocky Mount, N.C.") qualifies it."""
    if text is None:
        return
    for prev, q in itertools.pairwise(queries):
        between = text[prev.mention.end : q.mention.start]
        if re.fullmatch(
            r"\s*(?:province|district|state|county|region|city)?\s*,\s*", between, re.IGNORECASE
        ):
            for qual in _read_qualifiers(q.mention.text, gaz):
                if any(_satisfies(c, qual) for c in prev.candidates):
                    q.qualifier_of, q.role = prev.index, qual
                    if prev.qualifier is None:
                        prev.qualifier_options = [qual]
                    break


_DEMONYM_RE: dict[int, re.Pattern[str]] = {}


def _demonyms(text: str, gaz: Gazetteer) -> Counter[str]:
    """Countries whose demonyms the text uses ("Afghan forces", "Iraqis")."""
    pattern = _DEMONYM_RE.get(id(gaz))
    if pattern is None:
        words = sorted(gaz.demonym_words(), key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")s?\b")
        _DEMONYM_RE[id(gaz)] = pattern
    found: Counter[str] = Counter()
    for match in pattern.finditer(text):
        country = gaz.country_by_name(match.group(1))
        if country:
            found[country.code] += 1
    return found


def _evidence(q: _Query, text: str | None) -> Evidence:
    """The words that name the place: the matched name inside the mention, else the mention."""
    m = q.mention
    inner = m.text.find(q.matched) if q.matched else -1
    if inner >= 0 and q.matched:
        start, end = m.start + inner, m.start + inner + len(q.matched)
    else:
        start, end = m.start, m.end
    span = text[start:end] if text is not None else m.text[start - m.start : end - m.start]
    return Evidence(start, end, span)


def to_place(
    c: Candidate, evidence: Evidence | Iterable[Evidence], gaz: Gazetteer | None = None
) -> Place:
    """A contract :class:`Place` for a gazetteer candidate."""
    gaz = gaz or Gazetteer.default()
    country = gaz.country_by_code(c.country_code)
    spans = (evidence,) if isinstance(evidence, Evidence) else tuple(evidence)
    return Place(
        name=c.name,
        country=country.name if country else None,
        country_code=c.country_code,
        admin1=gaz.admin1_name(c.country_code, c.admin1_code) if c.kind != "country" else None,
        admin2=gaz.admin2_name(c.country_code, c.admin1_code, c.admin2_code)
        if c.kind in ("city", "admin2")
        else None,
        lat=c.lat,
        lon=c.lon,
        geonames_id=c.geonames_id,
        precision=c.kind,
        evidence=spans,
    )


def best_place(resolved: Sequence[ResolvedMention]) -> ResolvedMention | None:
    """The most specific place an article names (city before admin2, admin1, country); among
    equals, the one named most often, then the surest, then the first.

    Qualifiers ("N.C." after "Rocky Mount") are never chosen.
    """
    places = [r for r in resolved if not r.qualifier]
    if not places:
        return None
    mentions = Counter(r.place.geonames_id for r in places)
    return min(
        places,
        key=lambda r: (
            PRECISION_RANK.get(r.place.precision, 9),
            -mentions[r.place.geonames_id],
            -r.confidence,
            r.mention.start,
        ),
    )
