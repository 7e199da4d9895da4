"""Casualty numbers: the number phrase of a mention ("at least 21", "dozens of") -> a Quantity.

``parse_quantity`` reads the words *before* the noun of a casualty mention and returns the
figure a careful coder would record, with its bounds and a qualifier
(:class:`incidents.model.Qualifier`).  Number words are read with ``text2num``; vague
quantities come from a small lexicon of our own.  Input may be in any case.  Nothing here
raises on arbitrary text: what cannot be read is ``None``.

Conventions (every figure keeps ``min <= value <= max`` where those are not ``None``):

* exact ("21", "twenty-one", "1,200", "one", "a", "both", "no") -> value = min = max = N.
* lower bounds ("at least N", "more than N", "over N", "N or more", "N-plus", "upwards of
  N") -> value = min = N, max = None, ``at_least``.  Strict phrases ("more than 20") keep
  min = N, not N + 1: GTD and ACLED coders record the stated number, and "more than 20"
  implies "at least 20", so the bound stays true while ``value`` matches what coders record.
* upper bounds ("up to N", "nearly N", "almost N", "as many as N", "fewer than N",
  "no more than N") -> value = max = N, min = None, ``at_most`` (same reasoning for the
  strict "fewer than").
* approximations ("about", "around", "some", "approximately", "roughly", "an estimated",
  "N or so") -> value = N, min = max = None, ``about``, ``approximate=True``.
* ranges ("20 to 30", "20-30", "between 20 and 30", "two or three") -> min, max and
  value = min (ACLED codes the lower bound), ``range``.
* vague quantities: the lower bound of what the word can mean, as ACLED does ("tens" 10,
  "dozens" 12, "hundreds" 100, ...), flagged ``approximate=True`` with ``at_least``;
  "a dozen" is 12 ``about``.  "several" is 3 (it means more than two), "a few", "a couple",
  "a handful", "a number of" and "multiple" are 2; "many" and "numerous", like "several",
  3; "an unknown number of" 1 (someone was).  "countless" gives ``None``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from text_to_num import alpha2digit, text2num

from incidents.model import Qualifier

__all__ = ["Quantity", "parse_number_word", "parse_quantity"]

log = logging.getLogger(__name__)

# Longer inputs are not a number phrase; also bounds the work on arbitrary text.
_MAX_PHRASE = 80
# Larger figures are not casualty counts (and int() of huge digit strings is slow).
_MAX_VALUE = 10**10


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as the text gives it: best value, bounds and how it was qualified."""

    value: int | None
    min: int | None
    max: int | None
    qualifier: Qualifier
    approximate: bool = False


def _exact(n: int) -> Quantity:
    return Quantity(n, n, n, Qualifier.EXACT)


# --- vocabulary -------------------------------------------------------------------------

_SMALL_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "a single": 1, "a lone": 1,
    "both": 2, "a pair of": 2, "pair of": 2, "twin": 2,
    "no": 0, "none": 0, "nobody": 0, "no one": 0, "zero": 0, "not a single": 0,
    "not one": 0, "neither": 0,
}

# word -> (value/min, qualifier); all approximate.  The lower bound of the word's meaning.
_VAGUE: dict[str, tuple[int, Qualifier]] = {
    "a dozen": (12, Qualifier.ABOUT),
    "dozen": (12, Qualifier.ABOUT),
    "half a dozen": (6, Qualifier.ABOUT),
    "a half dozen": (6, Qualifier.ABOUT),
    "half-a-dozen": (6, Qualifier.ABOUT),
    "a couple": (2, Qualifier.ABOUT),
    "a couple of": (2, Qualifier.ABOUT),
    "couple of": (2, Qualifier.ABOUT),
    "tens": (10, Qualifier.AT_LEAST),
    "dozens": (12, Qualifier.AT_LEAST),
    "scores": (20, Qualifier.AT_LEAST),
    "hundreds": (100, Qualifier.AT_LEAST),
    "thousands": (1000, Qualifier.AT_LEAST),
    "tens of thousands": (10_000, Qualifier.AT_LEAST),
    "hundreds of thousands": (100_000, Qualifier.AT_LEAST),
    "millions": (1_000_000, Qualifier.AT_LEAST),
    "several": (3, Qualifier.AT_LEAST),
    "several dozen": (24, Qualifier.AT_LEAST),
    "several hundred": (200, Qualifier.AT_LEAST),
    "several thousand": (2000, Qualifier.AT_LEAST),
    "a few": (2, Qualifier.AT_LEAST),
    "a few dozen": (24, Qualifier.AT_LEAST),
    "a few hundred": (200, Qualifier.AT_LEAST),
    "a few thousand": (2000, Qualifier.AT_LEAST),
    "few": (2, Qualifier.AT_LEAST),
    "a handful": (2, Qualifier.AT_LEAST),
    "a handful of": (2, Qualifier.AT_LEAST),
    "a number of": (2, Qualifier.AT_LEAST),
    "multiple": (2, Qualifier.AT_LEAST),
    "many": (3, Qualifier.AT_LEAST),
    "numerous": (3, Qualifier.AT_LEAST),
    # "an unknown number of soldiers died": someone did
    "an unknown number of": (1, Qualifier.AT_LEAST),
    "unknown number of": (1, Qualifier.AT_LEAST),
    "an unspecified number of": (1, Qualifier.AT_LEAST),
    "unspecified number of": (1, Qualifier.AT_LEAST),
    "an undetermined number of": (1, Qualifier.AT_LEAST),
    "an undisclosed number of": (1, Qualifier.AT_LEAST),
}

# Qualifying words before the number, longest first within each group.
_PREFIXES: list[tuple[str, Qualifier]] = [
    (p, Qualifier.AT_LEAST)
    for p in (
        "at least", "at the least", "a minimum of", "at minimum", "more than", "over",
        "no fewer than", "no less than", "not less than", "not fewer than", "upwards of",
        "upward of", "in excess of", "well over", "just over", "more then", "above",
    )
] + [
    (p, Qualifier.AT_MOST)
    for p in (
        "up to", "nearly", "almost", "as many as", "as much as", "close to", "fewer than",
        "less than", "no more than", "not more than", "a maximum of", "at most", "under",
        "just under", "just short of", "at the most",
    )
] + [
    (p, Qualifier.ABOUT)
    for p in (
        "about", "around", "some", "approximately", "approx", "roughly", "an estimated",
        "estimated", "est", "an approximate", "approximate", "circa", "ca", "perhaps",
        "possibly", "reportedly", "an estimate of",
    )
]
_PREFIXES.sort(key=lambda item: -len(item[0]))

# Words that change nothing when they open the phrase.
_NOISE = ("a total of", "total of", "in total", "only", "just", "all", "all of the",
          "the", "another", "an additional", "additional", "of the", "of")
# "some of the 30 passengers": an unknown part of a number, not the number
_PARTITIVE = re.compile(r"^(?:some|many|most|several|few|a few|part|any|none)\s+of\b")

_SUFFIXES: list[tuple[str, Qualifier]] = [
    ("or more", Qualifier.AT_LEAST), ("or so", Qualifier.ABOUT), ("plus", Qualifier.AT_LEAST),
    ("+", Qualifier.AT_LEAST), ("odd", Qualifier.AT_LEAST), ("or fewer", Qualifier.AT_MOST),
    ("or less", Qualifier.AT_MOST), ("at least", Qualifier.AT_LEAST),
]

_SCALES = {"thousand": 1000, "k": 1000, "million": 1_000_000, "m": 1_000_000,
           "mn": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000}

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_DECIMAL_SCALE = re.compile(r"(\d+(?:\.\d+)?)\s*-?\s*(thousand|million|billion|k|m|mn|bn)")
_WORDS = re.compile(r"[a-z]+(?:[ -][a-z]+)*")
_RANGE_SPLIT = re.compile(r"\s*-\s*|\s+(?:to|and|or|through)\s+")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2014": "-", "\u2212": "-", "\u00a0": " "})


# --- single numbers ---------------------------------------------------------------------

def _words_to_int(words: str) -> int | None:
    """Read number words ("twenty-one", "a hundred and five") with text2num."""
    if not _WORDS.fullmatch(words):
        return None
    words = re.sub(r"^an? (?=(?:hundred|thousand|million|billion)\b)", "one ", words)
    try:
        return int(text2num(words, "en"))
    except (ValueError, IndexError, KeyError, TypeError, AttributeError):
        pass
    # alpha2digit handles some spellings text2num rejects; keep it only if nothing else is left.
    try:
        converted = alpha2digit(words, "en", threshold=0)
    except (ValueError, IndexError, KeyError, TypeError, AttributeError):  # pragma: no cover
        return None
    converted = converted.strip()
    return int(converted) if converted.isdigit() and len(converted) <= 11 else None


def _number(phrase: str) -> int | None:
    """One number, no qualifier: digits, digits with a scale word, or number words."""
    phrase = phrase.strip()
    if not phrase:
        return None
    if phrase in _SMALL_WORDS:
        return _SMALL_WORDS[phrase]
    value: int | None = None
    if _DIGITS.fullmatch(phrase):
        digits = phrase.replace(",", "")
        value = int(digits) if len(digits) <= 11 else None
    elif match := _DECIMAL_SCALE.fullmatch(phrase):
        number, scale = match.groups()
        if len(number) <= 12:
            value = round(float(number) * _SCALES[scale])
    elif match := re.fullmatch(r"(.+?)\s+dozen", phrase):
        count = _number(match.group(1))
        value = None if count is None else count * 12
    else:
        value = _words_to_int(phrase)
    if value is None or value > _MAX_VALUE:
        return None
    return value


def parse_number_word(token: str) -> int | None:
    """A single number token -> int: "seven", "7", "SEVENTEEN", "1,200", "twenty-one", "both".

    Returns ``None`` for anything else (including vague words such as "dozens").
    """
    if not isinstance(token, str) or len(token) > 40:
        return None
    token = token.translate(_DASHES).strip().lower()
    if token in {"dozen", "a dozen"}:
        return 12
    return _number(token)


# --- phrases ----------------------------------------------------------------------------

def _normalise(text: str) -> str:
    text = text.translate(_DASHES).lower()
    text = re.sub(r"[\"'`()\[\]]", " ", text)
    text = re.sub(r"\b(approx|est|ca)\.", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    # "20-plus", "30-odd", "a dozen or so": make suffixes separable
    text = re.sub(r"(\d)-(plus|odd)\b", r"\1 \2", text)
    text = re.sub(r"(\d)\+", r"\1 +", text)
    return text


def _strip_prefix(text: str, options: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for word in options:
            if text.startswith(word + " "):
                text = text[len(word) + 1:]
                changed = True
    return text


def _range(text: str) -> Quantity | None:
    """'20 to 30', '20-30', 'between 20 and 30', 'two or three', 'from 20 to 30'."""
    marked = False
    for opener in ("between", "from"):
        if text.startswith(opener + " "):
            text, marked = text[len(opener) + 1:], True
    for match in _RANGE_SPLIT.finditer(text):
        if match.start() == 0 or match.end() == len(text):
            continue
        low, high = _number(text[: match.start()]), _number(text[match.end():])
        if low is None or high is None:
            continue
        if match.group().strip() == "and" and not marked:
            continue  # "one hundred and five" is a number, not a range
        low, high = min(low, high), max(low, high)
        if low == high:
            return _exact(low)
        return Quantity(low, low, high, Qualifier.RANGE)
    return None


def _core(text: str) -> Quantity | None:
    """The phrase after qualifying words have been removed."""
    if text in _VAGUE:
        value, qualifier = _VAGUE[text]
        low = value if qualifier is Qualifier.AT_LEAST else None
        return Quantity(value, low, None, qualifier, approximate=True)
    number = _number(text)
    if number is not None:
        return _exact(number)
    return _range(text)


def _apply(qualifier: Qualifier, base: Quantity) -> Quantity:
    """Combine a qualifying word with what follows it ("at least" + "a dozen")."""
    if base.qualifier is Qualifier.RANGE or base.value is None:
        return base
    n = base.value
    if qualifier is Qualifier.AT_LEAST:
        return Quantity(n, n, None, Qualifier.AT_LEAST, base.approximate)
    if qualifier is Qualifier.AT_MOST:
        return Quantity(n, None, n, Qualifier.AT_MOST, base.approximate)
    if qualifier is Qualifier.ABOUT:
        return Quantity(n, None, None, Qualifier.ABOUT, True)
    return base


def parse_quantity(text: str) -> Quantity | None:
    """Parse the number phrase of a casualty mention.

    Args:
        text: the words before the noun, e.g. "at least 21", "Twenty one", "dozens of",
            "between 20 and 30", "AN ESTIMATED 30".  Trailing "of" is allowed.

    Returns:
        A :class:`Quantity` (see the module docstring for the conventions), or ``None`` when
        the text is not a number phrase or carries no usable figure ("many").  Never raises.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > _MAX_PHRASE:
        return None
    try:
        return _parse(_normalise(text))
    except (ValueError, OverflowError, RecursionError) as error:  # pragma: no cover - defensive
        log.debug("could not read quantity %r: %s", text, error)
        return None


def _parse(text: str) -> Quantity | None:
    if _PARTITIVE.match(text) and text not in _VAGUE:
        return None
    text = re.sub(r"\s+of(?: the)?$", "", text) if text not in _VAGUE else text
    if text in _VAGUE or text in _SMALL_WORDS:
        return _core(text)
    text = _strip_prefix(text, _NOISE)
    qualifiers: list[Qualifier] = []
    for suffix, qualifier in _SUFFIXES:
        if text.endswith(" " + suffix):
            text, qualifiers = text[: -len(suffix) - 1].strip(), [qualifier]
            break
    for prefix, qualifier in _PREFIXES:
        if text.startswith(prefix + " "):
            text = _strip_prefix(text[len(prefix) + 1:], _NOISE)
            qualifiers.insert(0, qualifier)
            break
    text = re.sub(r"\s+of(?: the)?$", "", text) if text not in _VAGUE else text
    base = _core(text)
    if base is None:
        return None
    for qualifier in qualifiers:
        base = _apply(qualifier, base)
    return base
