"""Truecasing of ALL-CAPS and all-lower-case text, offset-preserving.

MUC-4 wire copy is upper case ("GUERRILLAS KILLED A PEASANT IN THE CITY OF FLORES"), and
spaCy's tagger and NER are weak on it.  :func:`truecase` restores the usual casing of each
word and changes letter case only, character by character, so the result has exactly the
length of the input and every offset into it is an offset into the original.

How a word's casing is chosen:

1. a lexicon (``incidents/data/truecase.tsv.gz``, built by ``scripts/build_truecase.py``
   from spaCy's ``en_lexeme_prob`` table and GeoNames place names) gives the usual casing
   of known words (``Salvador``, ``FMLN``, ``McDonald``, ``U.S``) and multi-word place
   names (``El Salvador``); words joined by hyphens or apostrophes are cased part by part
   (``Soviet-made``, ``O'Brien``, ``country's``);
2. a word the lexicon does not know is taken for a name (``Villamariona``), or for an
   acronym when it is short and has no vowel (``URNG``);
3. context: the first word of a sentence or paragraph is capitalised; a MUC or wire
   dateline (``SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --``) gets a title-case place and an
   acronym source; a lone word in parentheses is an acronym and the words it abbreviates
   are capitalised (``Ulster Defense Association (UDA)``); a title before a name
   (``General Villamariona``), a name head after a name (``Navarro County``,
   ``Rocky Mount Police Department``) and a particle opening a name (``La Esperanza``)
   are capitalised.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import re
from dataclasses import dataclass
from importlib import resources

from incidents.errors import ResourceError

TABLE = "truecase.tsv.gz"

def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: A word: letters and digits, with single inner apostrophes, hyphens or ampersands
#: ("AK-47", "O'BRIEN", "COUNTRY'S", "AT&T"), or a dotted abbreviation ("U.S", "A.M").
_WORD = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_](?![^\W_])|[^\W_]+(?:['\u2019&-][^\W_]+)*")
#: Where a paragraph starts: the start of the text or a blank line (and any indentation).
_PARAGRAPH = re.compile(r"(?:\A|\n[ \t]*\n)(?:[ \t]*\n)*")
_PARENTHESISED = re.compile(r"\(([^\W\d_]{2,8})\)|\[([^\W\d_]{2,8})\]")
_JOINERS = re.compile(r"['\u2019.&-]")
_VOWELS = "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüý"
#: No vowel at all, or three consonants in a row: not a pronounceable word.
_CONSONANTS = re.compile(rf"^[^{_VOWELS}]+$|[^{_VOWELS}]{{3}}")
#: Suffixes after an apostrophe that stay lower case (COUNTRY'S, DON'T, WE'LL).
_CLITICS = frozenset({"s", "t", "d", "ll", "re", "ve", "m"})
#: Words before a period that do not end a sentence.
_ABBREVIATIONS = _wordset("""
    mr mrs ms dr gen col lt capt sgt maj cmdr adm gov sen rep rev st mt ft no nos vs jan feb
    mar apr jun jul aug sep sept oct nov dec corp inc co ltd jr sr prof dept approx est fig
    sec art op cpl pvt gens sens reps""")
#: MUC-4 source tags in brackets ("[TEXT]", "[REPORT]").
_MUC_TAGS = _wordset("""
    text report excerpt excerpts commentary editorial interview article communique speech
    message letter statement announcement passage passages words quotes""")
#: Particles that open a name (La Esperanza) but stay lower case inside one (Luis de la Reina).
_PARTICLES = _wordset("de del la las los el y da do dos das di du des von van der le les")
#: Titles capitalised before a name (General Villamariona, Prime Minister Bhutto).
_TITLES = _wordset("""
    president vice prime minister general gen colonel col lieutenant lt captain capt major
    maj sergeant sgt corporal cpl private pvt admiral adm commander cmdr governor gov senator
    sen representative rep congressman congresswoman mayor judge justice chief sheriff deputy
    officer detective inspector superintendent commissioner trooper constable agent ambassador
    secretary chairman king queen prince princess emperor sheikh imam mullah ayatollah pope
    cardinal archbishop bishop reverend rev father monsignor dr doctor professor prof mr mrs ms
    miss sir lord lady saint st mount mt fort ft lake cape port""")
#: Heads of names, capitalised after a name (Navarro County, Word Tabernacle Church).
#: Administrative units that news writes in lower case after a name (Kandahar province,
#: Dailekh district) are not heads.
_HEADS = _wordset("""
    street st avenue ave road rd boulevard blvd drive lane highway freeway parkway square
    bridge river lake mountain mountains hill hills island islands valley county department
    park church cathedral mosque temple synagogue hospital university college school academy
    institute center centre museum library airport station stadium hotel prison jail hall
    palace tower embassy ministry council committee commission agency bureau office army
    front movement party brigade brigades battalion regiment division corps guard force
    forces command union association organization organisation federation alliance league
    society foundation company corporation bank court tribunal parliament assembly senate
    congress news times post press journal herald tribune""")
#: Words capitalised after a name only when a head follows (Dayton Police Department,
#: but Dayton police said).
_WEAK_HEADS = _wordset("police fire sheriff sheriff's highway public national")
#: Closed-class words: after "US" one of these means the pronoun (TOLD US THAT).
_FUNCTION = _wordset("""
    a an the this that these those it its he him his she her they them their we our you
    your i me my to of in on at by for with from into onto about as than then so and or but
    nor if when while what who whom which how why where all both each some any no not is are
    was were be been being have has had do does did will would shall should can could may
    might must up down out off over back again now here there too very also just only even
    more most please let through across against among around before after during without
    within because since until under like via toward towards upon behind beyond near except
    despite unless whether once every either neither yet still""")
_MERIDIEMS = _wordset("am pm")
_TIME_ZONES = _wordset("est edt cst cdt mst mdt pst pdt gmt utc bst cet")
#: Words that may sit inside a name that an acronym abbreviates.
_NAME_FUNCTION = _wordset("""
    of for the and de del la las los el y to on in at al du des da do dos das di e against""")
#: A dateline at the start of a paragraph: a place, optionally a region, a date and/or a
#: source in parentheses, then a dash ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --",
#: "LAS VEGAS, NV (KTNV) --").
_DATELINE = re.compile(
    r"""^[ \t]*(?P<place>[^\W\d_]+(?:[ .'-]{1,2}[^\W\d_]+){0,4})\.?
        (?:,[ ](?P<region>[^\W\d_]+(?:[ .'-]{1,2}[^\W\d_]+){0,3})\.?)?
        (?:,?[ ](?P<date>\d{1,2}[ ][^\W\d_]{3,9}\.?[ ]\d{2,4}
                        |[^\W\d_]{3,9}\.?[ ]\d{1,2}(?:,[ ]\d{4})?))?
        (?:[ ]\((?P<source>[^)\n]{1,80})\))?
        [ ]*(?:--|\u2014|\u2013|-)[ ]""",
    re.MULTILINE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The truecasing table: word casings and multi-word place names."""

    words: dict[str, str]  # lower case -> usual casing, where that is not lower case
    known: frozenset[str]  # lower-case words whose usual casing is lower case
    phrases: dict[str, str]  # "el salvador" -> "El Salvador"
    phrase_starts: dict[str, int]  # first word of a phrase -> longest phrase, in words
    phrase_pairs: frozenset[str]  # the first two words of every phrase


@functools.cache
def lexicon() -> Lexicon:
    """The packaged truecasing table, loaded once per process.

    Raises:
        ResourceError: the table is missing or unreadable.
    """
    try:
        raw = resources.files("incidents").joinpath("data", TABLE).read_bytes()
        text = gzip.decompress(raw).decode("utf-8")
        return parse_table(text)
    except (OSError, EOFError, UnicodeDecodeError, ValueError) as exc:
        raise ResourceError(
            f"truecasing table incidents/data/{TABLE} is missing or damaged ({exc}); "
            "reinstall incidents or rebuild it with scripts/build_truecase.py"
        ) from None


def parse_table(text: str) -> Lexicon:
    """Parse the table format written by ``scripts/build_truecase.py``: ``#`` comment
    lines, then sections ``@cased``, ``@known`` and ``@phrases`` of one entry per line.

    Raises:
        ValueError: a section is missing.
    """
    sections: dict[str, str] = {}
    for block in ("\n" + text).split("\n@")[1:]:
        name, _, body = block.partition("\n")
        sections[name.strip()] = body.strip("\n")
    missing = {"cased", "known", "phrases"} - set(sections)
    if missing:
        raise ValueError(f"no {', '.join(sorted(missing))} section")
    cased = sections["cased"]
    words = dict(zip(cased.lower().split("\n"), cased.split("\n"), strict=True))
    phrases: dict[str, str] = {}
    starts: dict[str, int] = {}
    pairs: set[str] = set()
    for line in sections["phrases"].split("\n"):
        key = line.lower()
        phrases[key] = line
        parts = key.split(" ")
        starts[parts[0]] = max(starts.get(parts[0], 0), len(parts))
        pairs.add(" ".join(parts[:2]))
    return Lexicon(words, frozenset(sections["known"].split("\n")), phrases, starts,
                   frozenset(pairs))


def shape_casing(key: str) -> str:
    """The casing of a word the lexicon does not know, from its shape: a short word that
    cannot be pronounced (no vowel, or three consonants in a row) is an acronym (URNG,
    FMLN); anything else is taken for a name (Villamariona)."""
    if len(key) <= 5 and key.isalpha() and _CONSONANTS.search(key):
        return key.upper()
    return _title(key)


# ---------------------------------------------------------------------------------------


def needs_truecasing(text: str) -> bool:
    """Whether ``text``'s letter case carries no information: mostly upper case (at least
    85 % of its cased letters: wire copy) or all lower case (at most 1 % upper case).
    Texts with fewer than 8 cased letters are left alone."""
    return _mode(text) is not None


def _mode(text: str) -> str | None:
    """``"upper"``, ``"lower"`` or None (the casing is informative)."""
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    cased = upper + lower
    if cased < 8:
        return None
    if upper >= 0.85 * cased:
        return "upper"
    if upper <= 0.01 * cased:
        return "lower"
    return None


def truecase(text: str) -> str:
    """``text`` with the usual letter case of each word restored.

    Only letter case changes, character by character (a character whose other case would
    have another length is left as it is), so ``len(truecase(t)) == len(t)`` and offsets
    carry over.  Text whose casing is informative (see :func:`needs_truecasing`) comes back
    unchanged; within all-caps text, a word that has lower-case letters is kept as written,
    and within lower-case text a word with capitals.

    Raises:
        ResourceError: the lexicon is missing or damaged.
    """
    mode = _mode(text)
    if mode is None:
        return text
    return _Truecaser(text, mode == "upper", lexicon()).run()


class _Truecaser:
    """One pass over one text: decide each word's casing, revise it in context, splice."""

    def __init__(self, text: str, upper_mode: bool, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.upper_mode = upper_mode
        matches = list(_WORD.finditer(text))
        self.offsets = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.tokens = tokens = [m.group() for m in matches]
        self.lowered = self.keys = [t.lower() for t in tokens]
        if "\u2019" in text:
            self.keys = [k.replace("\u2019", "'") for k in self.keys]
        #: whether each word is written in the text's uninformative case (all caps in
        #: upper-case text): only those are recased
        if upper_mode:
            self.plain = [t.upper() == t for t in tokens]
        else:
            self.plain = [t.lower() == t for t in tokens]
        #: the chosen casing of each word; None: keep it as written
        self.forms: list[str | None] = [None] * len(tokens)
        self.starts = self._sentence_starts()

    def run(self) -> str:
        self._datelines()
        self._words()
        self._us()
        self._times()
        self._acronyms_in_parentheses()
        self._titles_before_names()
        self._heads_after_names()
        self._particles()
        return self._splice()

    # -- words on their own -----------------------------------------------------------

    def _words(self) -> None:
        self._muc_tags()
        words, known = self.lex.words, self.lex.known
        phrase_starts, phrase_pairs = self.lex.phrase_starts, self.lex.phrase_pairs
        forms, keys, plain, text = self.forms, self.keys, self.plain, self.text
        count = len(keys)
        i = 0
        while i < count:
            if forms[i] is not None or not plain[i]:
                i += 1
                continue
            key = keys[i]
            if key in phrase_starts and i + 1 < count and \
                    f"{key} {keys[i + 1]}" in phrase_pairs:
                n = self._phrase(i)
                if n:
                    i += n
                    continue
            form = words.get(key)
            if form is None:
                form = key if key in known else self._unknown(i, key)
            if len(key) == 1 and text[self.ends[i]:self.ends[i] + 1] == ".":
                form = key.upper()  # an initial: A. K. Ambedkar
            forms[i] = form
            i += 1

    def _muc_tags(self) -> None:
        """``[TEXT]``, ``[REPORT]``: MUC source tags are upper case."""
        text = self.text
        for i, key in enumerate(self.keys):
            if key in _MUC_TAGS:
                start, end = self.offsets[i], self.ends[i]
                if text[start - 1:start] == "[" and text[end:end + 1] == "]":
                    self.forms[i] = key.upper()

    def _uninformative(self, i: int) -> bool:
        return self.plain[i]

    def _unknown(self, i: int, key: str) -> str:
        """A word the lexicon does not have: by its parts, or by its shape."""
        if _JOINERS.search(key):
            return self._compound(key)
        if any(c.isdigit() for c in key):
            return self.tokens[i]  # M16, B52, 3D: as written
        return shape_casing(key)

    def _compound(self, key: str) -> str:
        pieces = _JOINERS.split(key)
        joiners = _JOINERS.findall(key)
        if "." in joiners or ("&" in joiners and all(len(p) <= 3 for p in pieces)):
            return key.upper()  # F.M.L.N, AT&T: acronyms
        out: list[str] = []
        for n, piece in enumerate(pieces):
            before = joiners[n - 1] if n else ""
            after = joiners[n] if n < len(joiners) else ""
            if len(piece) <= 3 and piece.isalpha() and (
                    (after == "-" and pieces[n + 1][:1].isdigit())
                    or (before == "-" and pieces[n - 1][-1:].isdigit())):
                out.append(piece.upper())  # M-16, AK-47, 9-MM: a model or unit
            elif before == "'" and piece in _CLITICS:
                out.append(piece)  # country's, don't
            elif after == "'" and pieces[n + 1] == "t" and piece.endswith("n"):
                out.append(piece)  # don't, can't
            elif after == "'" and len(piece) == 1:
                following = self._part(pieces[n + 1])
                out.append(piece.upper() if following[:1].isupper() else piece)  # O'Brien
            else:
                out.append(self._part(piece))
        rebuilt = [out[0]]
        for joiner, piece in zip(joiners, out[1:], strict=True):
            rebuilt += [joiner, piece]
        return "".join(rebuilt)

    def _part(self, key: str) -> str:
        form = self.lex.words.get(key)
        if form is not None:
            return form
        if key in self.lex.known or not key or any(c.isdigit() for c in key):
            return key
        return shape_casing(key)

    def _phrase(self, i: int) -> int:
        """Apply the longest place-name phrase starting at word ``i``; its length or 0."""
        longest = self.lex.phrase_starts[self.keys[i]]
        n = 1
        while n < longest and i + n < len(self.keys) and self._joined(i + n):
            n += 1
        for size in range(n, 1, -1):
            form = self.lex.phrases.get(" ".join(self.keys[i:i + size]))
            if form is not None:
                for j, word in enumerate(form.split(" ")):
                    if self._uninformative(i + j):
                        self.forms[i + j] = word
                return size
        return 0

    def _datelines(self) -> None:
        """Datelines: the place in title case, the source's acronyms upper case."""
        for paragraph in _PARAGRAPH.finditer(self.text):
            match = _DATELINE.match(self.text, paragraph.end())
            if match is None:
                continue
            if not (match.group("date") or match.group("source")):
                # WASHBURN -- THE ...; ATASCOCITA, TEXAS -- A ...: without a date or a
                # source, a short place and a long dash
                dash = match.group().rstrip()
                if not dash.endswith(("--", "\u2014", "\u2013")):
                    continue
                region = match.group("region") or ""
                if match.group("place").count(" ") > 2 or region.count(" ") > 1:
                    continue
            for group in ("place", "region"):
                if match.group(group):
                    self._title_place(match.start(group), match.end(group), group == "region")
            if match.group("date"):
                for i in self._words_in(match.start("date"), match.end("date")):
                    if not any(c.isdigit() for c in self.keys[i]):
                        self.forms[i] = _title(self.keys[i])  # JAN -> Jan
            if match.group("source"):
                self._source(self._words_in(match.start("source"), match.end("source")))
            following = bisect.bisect_left(self.offsets, match.end())
            if following < len(self.starts):
                self.starts[following] = True  # the story starts after the dash

    def _source(self, words: range) -> None:
        """A dateline's source: one word is an agency (ACAN-EFE, TASS); several name a
        medium (Inravision Television Cadena 1, Radio Programas del Peru)."""
        if len(words) == 1:
            i = words[0]
            self.forms[i] = self.keys[i].upper() if self.keys[i].isascii() else self.tokens[i]
            return
        for n, i in enumerate(words):
            key = self.keys[i]
            if key in _PARTICLES and n:
                self.forms[i] = key
            elif _JOINERS.search(key):
                self.forms[i] = self._compound(key)
            else:
                self.forms[i] = self.lex.words.get(key) or shape_casing(key)

    def _title_place(self, start: int, end: int, region: bool) -> None:
        for n, i in enumerate(self._words_in(start, end)):
            key = self.keys[i]
            form = self.lex.words.get(key, key)
            if region and len(key) == 2 and key not in _PARTICLES:
                form = key.upper()  # a state code: LAS VEGAS, NV
            elif "." in key:
                form = self._compound(key)  # W.VA
            elif form == key and (n == 0 or key not in _PARTICLES):
                form = _title(key)
            self.forms[i] = form

    def _words_in(self, start: int, end: int) -> range:
        """Indexes of the words that lie within ``[start, end)``."""
        first = bisect.bisect_left(self.offsets, start)
        last = first
        while last < len(self.ends) and self.ends[last] <= end:
            last += 1
        return range(first, last)

    # -- context ----------------------------------------------------------------------

    def _gap(self, i: int) -> str:
        """The text between word ``i - 1`` and word ``i``."""
        return self.text[self.ends[i - 1]:self.offsets[i]] if i else ""

    def _joined(self, i: int) -> bool:
        """Whether word ``i`` follows word ``i - 1`` in the same phrase (only spaces, or
        a single line break, between them)."""
        if i == 0 or self.starts[i]:
            return False
        gap = self._gap(i)
        return gap == " " or (gap.isspace() and gap.count("\n") <= 1)

    def _named(self, i: int) -> bool:
        """Whether word ``i`` is cased as a name (not merely as a sentence start)."""
        form = self.forms[i]
        if form is None:
            return self.tokens[i][:1].isupper()
        return form[:1].isupper()

    def _acronym(self, i: int) -> bool:
        form = self.forms[i] or self.tokens[i]
        return len(form) > 1 and form.isupper()

    def _lower(self, i: int) -> bool:
        form = self.forms[i]
        return form is not None and form[:1].islower()

    def _acronyms_in_parentheses(self) -> None:
        """``(UDA)``: a lone unknown word in parentheses is an acronym, and the words before
        it that it abbreviates are a name (Ulster Defense Association)."""
        for match in _PARENTHESISED.finditer(self.text):
            i = bisect.bisect_left(self.offsets, match.start() + 1)
            key = self.keys[i]
            if not (i and key.isalpha() and self._uninformative(i)):
                continue
            if key in self.lex.known:
                continue
            if self.forms[i] == _title(key) or self.forms[i] is None:
                self.forms[i] = key.upper()
            if self._gap(i) in (" (", " ["):
                self._expand_acronym(i, key)

    def _expand_acronym(self, i: int, acronym: str) -> None:
        letters = set(acronym)
        content: list[int] = []
        j = i - 1
        head = self.keys[j] in _HEADS  # Justice and Development Party (AKP): any initials
        while j >= 0 and len(content) < len(acronym):
            key = self.keys[j]
            if key not in _NAME_FUNCTION:
                if content and key[:1] not in letters and not head:
                    break
                content.append(j)
            if not self._joined(j):
                break
            j -= 1
        if len(content) < 2:
            return
        for j in content:
            if self._lower(j):
                self.forms[j] = _title(self.forms[j] or self.keys[j])

    def _titles_before_names(self) -> None:
        for i in range(len(self.keys) - 2, -1, -1):
            if self.keys[i] in _TITLES and self._lower(i) and self._joined(i + 1) \
                    and self._named(i + 1):
                self.forms[i] = _title(self.forms[i] or self.keys[i])

    def _heads_after_names(self) -> None:
        keys = self.keys
        for i in range(1, len(keys)):
            if not (self._head(i) or (keys[i] in _WEAK_HEADS and self._head(i + 1)
                                      and self._joined(i + 1))):
                continue
            if self._lower(i) and self._joined(i) and self._named(i - 1) \
                    and not self._acronym(i - 1):
                self.forms[i] = _title(self.forms[i] or keys[i])

    def _head(self, i: int) -> bool:
        """Whether word ``i`` is the head of a name (County, Church, Sheriff's...)."""
        if i >= len(self.keys):
            return False
        key = self.keys[i]
        return key in _HEADS or (key.endswith("'s") and key[:-2] in _HEADS)

    def _times(self) -> None:
        """``5:04 PM EDT``: a meridiem and a time zone after a time stay upper case."""
        keys = self.keys
        for i in range(1, len(keys)):
            if keys[i] in _MERIDIEMS and keys[i - 1].isdigit() and self._joined(i):
                self.forms[i] = keys[i].upper()
                if i + 1 < len(keys) and keys[i + 1] in _TIME_ZONES and self._joined(i + 1):
                    self.forms[i + 1] = keys[i + 1].upper()

    def _us(self) -> None:
        """US the country, not us the pronoun: after "the", or before a word that is not
        a function word (US FORCES, but TOLD US THAT)."""
        keys = self.keys
        for i, key in enumerate(keys):
            if key != "us" or self.forms[i] != "us":
                continue
            after = keys[i + 1] if i + 1 < len(keys) and self._joined(i + 1) else ""
            before = keys[i - 1] if i and self._joined(i) else ""
            if before in ("the", "a", "pro", "anti") or (after and after not in _FUNCTION
                                                           and after.isalpha()):
                self.forms[i] = "US"

    def _particles(self) -> None:
        for i in range(len(self.keys) - 1):
            if self.keys[i] not in _PARTICLES or not self._lower(i):
                continue
            if not (self._joined(i + 1) and self._named(i + 1)):
                continue
            inside_name = self._joined(i) and (self._named(i - 1) or
                                               self.keys[i - 1] in _PARTICLES)
            if not inside_name:
                self.forms[i] = _title(self.keys[i])

    # -- sentence starts --------------------------------------------------------------

    def _sentence_starts(self) -> list[bool]:
        text, keys = self.text, self.keys
        starts = [False] * len(keys)
        previous_end = 0
        previous_key = ""
        sentence_first = True
        for i, (start, end) in enumerate(zip(self.offsets, self.ends, strict=True)):
            gap = text[previous_end:start]
            first = i == 0 or (gap != " " and _starts_sentence(gap, previous_key, sentence_first))
            starts[i] = first
            sentence_first = first
            previous_end = end
            previous_key = keys[i]
        return starts

    # -- output -----------------------------------------------------------------------

    def _splice(self) -> str:
        text, tokens, starts = self.text, self.tokens, self.starts
        offsets, ends = self.offsets, self.ends
        # Start from the text in lower case (most words end up so) and patch the rest.
        base = text
        if self.upper_mode:
            # str.lower() lowers a final capital sigma in context; per character it does not
            base = text.lower() if "\u03a3" not in text else "".join(map(str.lower, text))
            if len(base) != len(text):
                base = text
        lowered = self.lowered if base is not text else tokens
        out: list[str] = []
        position = 0
        for i, form in enumerate(self.forms):
            token = tokens[i]
            if form is None:
                form = token
            elif starts[i] and form[:1].islower():
                form = _title(form)
            if form == lowered[i]:
                continue
            out.append(base[position:offsets[i]])
            # every form is the token's own lower case recased: ASCII ones can go in as
            # they are; others go character by character
            out.append(form if len(form) == len(token) and token.isascii() and form.isascii()
                       else _apply(token, form))
            position = ends[i]
        out.append(base[position:])
        return "".join(out)


def _starts_sentence(gap: str, previous_key: str, previous_first: bool) -> bool:
    """Whether the text between two words ends a sentence or a paragraph."""
    if not gap or gap == " ":
        return False
    if "\n" in gap:
        tail = gap.rsplit("\n", 1)[1]
        if gap.count("\n") >= 2 or tail[:1] in (" ", "\t"):
            return True  # a blank line, or an indented line: a new paragraph
    stripped = gap.strip()
    if not stripped:
        return False
    if "!" in stripped or "?" in stripped:
        return True
    if "." in stripped:
        if stripped[0] != ".":
            return True  # ")." or '."': the period does not belong to an abbreviation
        return not ((len(previous_key) == 1 and previous_key.isalpha()) or "." in previous_key
                    or previous_key in _ABBREVIATIONS)
    if stripped[0] == "]" and previous_key in _MUC_TAGS:
        return True  # [TEXT] THE ...
    if stripped[0] == ":":
        return previous_first or stripped[-1] in "\"\u201c"  # NOTE: THE ...; SAID: "WE ...
    return False


def _title(key: str) -> str:
    """``key`` with its first letter upper case (where that keeps the length)."""
    first = key[:1].upper()
    return first + key[1:] if len(first) == 1 else key


def _apply(token: str, form: str) -> str:
    """``token`` with the letter case of ``form``, character by character; a character
    whose case change would change the length stays as written."""
    if len(form) != len(token):
        return token
    if token.isascii() and form.isascii() and form.lower() == token.lower():
        return form
    chars = []
    for original, wanted in zip(token, form, strict=True):
        if original == wanted or len(wanted) != 1 or wanted not in (original.upper(), original.lower()):
            # ("ϴ" lowers to "θ", which uppers to "Θ": not a case of "ϴ")
            chars.append(original)
        else:
            chars.append(wanted)
    return "".join(chars)
