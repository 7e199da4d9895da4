"""String normalisation and name matching for scoring: role fillers, places, groups.

The rules are deliberately simple and documented in ``docs/evaluation.md``; a change
here changes every figure, so it needs a changelog line.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = str.maketrans("", "", string.punctuation + "\u2018\u2019\u201c\u201d\u2013\u2014")


def fold_accents(text: str) -> str:
    """``"Bogotá"`` -> ``"Bogota"``."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def normalize_filler(text: str) -> str:
    """MUC-4 role-filler normalisation, as in GTT's ``eval.py``: lower-case, drop
    punctuation, drop the articles a/an/the, squeeze white space."""
    text = fold_accents(text).lower().translate(_PUNCT)
    return " ".join(_ARTICLES.sub(" ", text).split())


def normalize_name(text: str) -> str:
    """Place and group names: like :func:`normalize_filler`, but hyphens and other
    punctuation become spaces (``"Tehrik-i-Taliban"`` -> ``"tehrik i taliban"``)."""
    text = fold_accents(text).lower()
    text = re.sub(r"['\u2018\u2019`]", "", text)  # "He'rat" = "Herat"
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(_ARTICLES.sub(" ", text).split())


# --- places ----------------------------------------------------------------------------

#: Administrative words stripped from the end of a place name before comparing
#: ("Noble County" ~ "Noble", "Baghlani Jadid district" ~ "Baghlani Jadid").
PLACE_SUFFIXES = ("county", "parish", "borough", "district", "province", "city", "municipality")

#: Gold values that mean "no city recorded": those rows are left out of city figures.
UNKNOWN_PLACES = frozenset({"", "unknown", "unk", "n a", "na", "none"})


def place_key(name: str | None) -> str:
    """The comparable form of a place name (normalised, administrative suffix removed)."""
    if not name:
        return ""
    key = normalize_name(name)
    key = _PLACE_ABBREVIATIONS.sub(lambda m: _PLACE_WORDS[m.group(1)] + " ", key)
    for suffix in PLACE_SUFFIXES:
        if key.endswith(" " + suffix):
            key = key[: -len(suffix) - 1].strip()
            break
    return key


#: Abbreviations at the start of place names ("St. Louis" ~ "Saint Louis", "Ft. Worth").
_PLACE_WORDS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}
_PLACE_ABBREVIATIONS = re.compile(r"^(st|ste|ft|mt|pt) ")
#: GVA's "City (Neighbourhood)": either name locates the incident.
_PARENTHESISED = re.compile(r"^\s*(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")


def gold_place_keys(gold: str | None) -> set[str]:
    """The comparable names of a gold place: "Pittsburgh (Mount Oliver)" gives both
    names; "Antrim (county)" is one name, the county."""
    if not gold:
        return set()
    match = _PARENTHESISED.match(gold)
    if match and normalize_name(match.group("inner")) not in PLACE_SUFFIXES:
        keys = {place_key(match.group("outer")), place_key(match.group("inner"))}
    else:
        keys = {place_key(gold)}
    return {k for k in keys if k}


def is_known_place(name: str | None) -> bool:
    return normalize_name(name or "") not in UNKNOWN_PLACES


def place_matches(gold: str | None, pred: Mapping[str, Any] | str | None) -> bool:
    """Whether a predicted location names the gold city (or county).

    ``pred`` is a contract location object (``name``, optional ``admin2``) or a bare
    name.  The gold name matches the location's name, or, when the gold name is a county
    or district, the location's ``admin2``.
    """
    gold_keys = gold_place_keys(gold)
    if not gold_keys or pred is None:
        return False
    if isinstance(pred, str):
        return place_key(pred) in gold_keys
    if place_key(pred.get("name")) in gold_keys:
        return True
    if any(place_key(m) in gold_keys for m in pred.get("mentions") or ()):
        return True  # the gold city as the article spells it
    admin2 = pred.get("admin2")
    return bool(admin2) and place_key(admin2) in gold_keys


# --- perpetrator groups ------------------------------------------------------------------

#: Words too generic to identify a group on their own: a containment match needs at
#: least one word outside this list on the contained side.
GENERIC_GROUP_WORDS = frozenset(
    ["group", "groups", "organization", "organisation", "movement", "front", "army", "party", "force", "forces", "militants", "militant", "rebels", "rebel", "insurgents", "insurgent", "gunmen", "assailants", "attackers", "terrorists", "terrorist", "extremists", "extremist", "fighters", "members", "cell", "unit", "brigade", "brigades", "of", "and", "in", "for", "state", "islamic", "national", "liberation", "people", "peoples", "popular", "revolutionary", "democratic", "united", "council"]
)

#: Alternative names of groups that are common in the evaluation data.  Keys and values
#: are normalised with :func:`normalize_name`; each line is one group.
GROUP_ALIASES: tuple[tuple[str, ...], ...] = (
    ("islamic state of iraq and levant", "isil", "isis", "islamic state", "daesh", "daish",
     "islamic state of iraq and syria", "islamic state of iraq and sham"),
    ("khorasan chapter of islamic state", "islamic state khorasan", "islamic state khorasan province",
     "iskp", "isis k", "daesh", "isis", "islamic state"),
    ("tehrik i taliban pakistan", "ttp", "pakistani taliban", "pakistan taliban"),
    ("tanzim qa idat al jihad fi bilad al rafidayn", "al qaida in iraq", "al qaeda in iraq", "aqi",
     "al qaeda in mesopotamia", "al qaida in mesopotamia"),
    ("al qaida", "al qaeda", "alqaeda", "alqaida", "al qa ida"),
    ("al shabaab", "al shabab", "shabaab", "shabab", "harakat al shabaab al mujahideen"),
    ("hezbollah", "hizballah", "hizbollah", "hizbullah"),
    ("hamas", "islamic resistance movement"),
    ("liberation tigers of tamil eelam", "ltte", "tamil tigers"),
    ("boko haram", "jamaatu ahlis sunna lidawati wal jihad", "jama atu ahlis sunna lidda awati wal jihad"),
    ("revolutionary armed forces of colombia", "farc"),
    ("national liberation army of colombia", "eln", "national liberation army"),
    ("basque fatherland and freedom", "eta"),
    ("kurdistan workers party", "pkk"),
    ("shining path", "sendero luminoso"),
    ("farabundo marti national liberation front", "fmln"),
)

_ALIAS_INDEX: dict[str, int] = {}
for _i, _names in enumerate(GROUP_ALIASES):
    for _name in _names:
        _ALIAS_INDEX.setdefault(_name, _i)

_PAREN = re.compile(r"\(([^)]*)\)")

#: Gold group names that mean "no known perpetrator".
UNKNOWN_GROUPS = frozenset({"unknown", "", "unk", "none"})


def is_unknown_group(name: str | None) -> bool:
    return normalize_name(name or "") in UNKNOWN_GROUPS


def group_variants(name: str) -> set[str]:
    """Normalised forms of a group name: the whole name, the name without its
    parenthesis, the parenthesised part (often an acronym), and listed aliases."""
    variants = {normalize_name(name), normalize_name(_PAREN.sub(" ", name))}
    variants.update(normalize_name(m) for m in _PAREN.findall(name))
    aliases = {
        alias
        for variant in variants
        if variant in _ALIAS_INDEX
        for alias in GROUP_ALIASES[_ALIAS_INDEX[variant]]
    }
    return {v for v in variants | aliases if v}


def _contains(outer: str, inner: str) -> bool:
    """Token-boundary containment, where the inner name must carry a specific word."""
    inner_words = inner.split()
    if not any(w not in GENERIC_GROUP_WORDS for w in inner_words):
        return False
    return f" {inner} " in f" {outer} "


def group_matches(gold: str | None, pred: str | None) -> bool:
    """Whether a predicted perpetrator name names the gold group.

    Gold "Unknown" matches a missing prediction (``None``) and nothing else.  Otherwise
    two names match when any of their variants are equal or one contains the other at
    word boundaries (``"Taliban"`` ~ ``"Tehrik-i-Taliban Pakistan (TTP)"``), provided the
    contained name has a non-generic word (``"militants"`` matches nothing).
    """
    if is_unknown_group(gold):
        return pred is None or is_unknown_group(pred)
    if pred is None or gold is None:
        return False
    gold_vs = group_variants(gold)
    pred_vs = group_variants(pred)
    if gold_vs & pred_vs:
        return True
    return any(_contains(g, p) or _contains(p, g) for g in gold_vs for p in pred_vs)


def unique(values: Iterable[str]) -> list[str]:
    """Values in first-seen order without repeats."""
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)
