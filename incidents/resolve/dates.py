"""Dates: resolve date expressions against the publication date; find datelines and dates.

Three entry points:

* :func:`resolve_date` turns one expression ("on Monday", "10 JAN 90", "mid-March",
  "two days ago") into a :class:`ResolvedDate` (start, end, precision), anchored on the
  publication date.  ``dateparser`` does the reading (``RELATIVE_BASE`` = anchor,
  ``PREFER_DATES_FROM='past'``, its ``period`` gives the precision); the rules around it are
  ours:

  - a resolved date never starts after the anchor (an article cannot report what has not
    happened yet).  A month/day without a year is the occurrence nearest the anchor:
    "December 30" in a 5 January article is last year's, but "July 9" in a 27 June
    article is a coming event (up to 120 days ahead, 92 for a month name alone) and gives
    ``None`` (so does anything else after the anchor);
    a bare day of the month ("the 28th") after the anchor's day is last month's;
  - a span never ends after the anchor ("this week" ends on the publication date);
  - day -> start = end; week -> a Monday-to-Sunday calendar week, or part of one ("the
    weekend" is its Saturday and Sunday; "the past week" is the last seven days, the one
    week span that may cross a Monday); month -> 1st to last day; year -> 1 January to
    31 December;
  - a bare weekday ("Monday", "on Thursday") is the most recent such day on or before the
    anchor (wire copy uses the weekday for the publication day itself); "last Monday" is
    strictly before it;
  - "last night" is the day before the anchor; "tonight", "this morning" the anchor;
  - "last March" is the most recent March before the anchor's month, "this March" the
    most recent one on or before it;
  - "06/00/2016" (GTD's unknown day) is June 2016 at month precision;
  - without an anchor only expressions that name their year resolve;
  - times alone ("6 p.m."), durations ("three hours"), ages, decades ("the 1990s") and
    future expressions ("tomorrow", "next week") are not dates of an event: ``None``;
  - numeric dates are read month first (02/28/2016, as in GTD and US wire copy) when
    ambiguous; two-digit years take the century that puts them on or before the anchor
    (1989 for "89" in a 1990 article; without an anchor 69-99 -> 19xx, 00-68 -> 20xx).

* :func:`find_dateline` reads a news dateline at the start of an article (MUC-4
  "SAN SALVADOR, 3 FEB 90 (ACAN-EFE) -- [TEXT] ...", wire "WASHINGTON, June 24 (Reuters) -",
  "KABUL (Reuters) -", "MOSCOW — ", "NEW DELHI: ", local news "FRANKLIN (Feb. 4, 2014) –")
  with character offsets.

* :func:`find_date_expressions` is a regex finder of date expressions with offsets, a
  fallback for spaCy's DATE entities (weak on ALL-CAPS wire text).

Nothing here raises on arbitrary text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass

from dateparser.date import DateDataParser

from incidents.model import DateValue, Evidence, Precision

__all__ = [
    "Dateline",
    "ResolvedDate",
    "find_date_expressions",
    "find_dateline",
    "resolve_date",
]

log = logging.getLogger(__name__)

_MAX_EXPRESSION = 120
_MIN_YEAR = 1800
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A date or period: ``start <= end``, both inclusive, at ``precision``."""

    start: dt.date
    end: dt.date
    precision: Precision

    def to_value(self, evidence: tuple[Evidence, ...] = ()) -> DateValue:
        """The contract's date object (ISO strings) with its evidence spans."""
        return DateValue(self.start.isoformat(), self.end.isoformat(), self.precision, evidence)


# --- vocabulary -------------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMBER_WORD = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"a couple of|a few|several|\d{1,3})"
)
_UNIT = r"(?:days?|weeks?|months?|years?)"
_TIME_OF_DAY = r"(?:morning|afternoon|evening|night|nighttime|dawn|dusk|noon|midday|midnight)"

_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                         "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2019": "'"})

# Framing words that say nothing about which day it was; stripped repeatedly.
_FRAMES = re.compile(
    r"^(?:on|in|at|during|since|by|from|until|of|as of|dated|"
    r"(?:the )?(?:early |late )?(?:morning|afternoon|evening|night|hours|weekend|day) of|"
    r"late on|early on|late in|early in|late|early|the middle of|the end of|the beginning of|"
    r"the start of|the first half of|the second half of|the first week of|the last week of|"
    r"the week of|mid|earlier|before dawn on|shortly after midnight on|just after midnight on|"
    r"overnight|over|within|the)\b[\s,-]*"
)
_TIME_PART = re.compile(
    r"\b(?:at |around |about |shortly (?:before|after) |just (?:before|after) )?"
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?=\W|$)"
    r"|\b(?:at |around )?\d{1,2}:\d{2}\b"
    r"|\b(?:local time|gmt|utc)\b"
    r"|\b(?:in the |at |around )?" + _TIME_OF_DAY + r"s?\b"
)
_FUTURE = re.compile(
    r"\b(?:tomorrow|next|coming|upcoming|later|hence|from now|ahead|forthcoming)\b"
    r"|^in (?:" + _NUMBER_WORD + r") " + _UNIT
)
_DURATION = re.compile(
    r"\b(?:" + _NUMBER_WORD + r"|\d+)[\s-]+(?:seconds?|minutes?|hours?|nights?|days?|weeks?|"
    r"months?|years?|decades?|fortnights?)\b"
)
_AGE = re.compile(r"\byears?[\s-]+old\b|\baged?\b|\byr?s?\.? old\b")
_DECADE = re.compile(r"\b\d{2,4}'?s\b|\bcentury\b|\bdecades?\b")
_EXPLICIT_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_LOOKS_LIKE_DATE = re.compile(
    r"\b" + _MONTH + r"\b|\b" + _WEEKDAY + r"\b"
    r"|\b(?:yesterday|today|tonight|ago|weekend)\b"
    r"|\b(?:last|this|past|previous|earlier this) (?:week|month|year)\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:1[89]|20)\d{2}\b|\b\d{1,2}(?:st|nd|rd|th)\b"
)
_BARE_NUMBER = re.compile(r"^\d+$")
_ORDINAL_DAY = re.compile(r"^(?:the )?(\d{1,2})(?:st|nd|rd|th)(?: of (?:the|this) month)?$")
_WEEKDAY_ONLY = re.compile(r"^(?:(last|this|past|previous) )?(" + _WEEKDAY + r")$")
_WEEKEND = re.compile(r"^(?:(last|this|past|previous|the past|the) )?weekend$")
_PAST_WEEK = re.compile(r"^(?:the )?(?:past|last) (?:seven|7) days$|^(?:the )?past week$")
_QUALIFIED_MONTH = re.compile(r"^(last|this|past|previous) (" + _MONTH + r")\.?$")
_LAST_DATE = re.compile(r"^(?:last|past) (?=\d{1,2} " + _MONTH + r"\b|" + _MONTH + r"\.? \d)")
_UNKNOWN_DAY = re.compile(r"^(\d{1,2})/0{1,2}/(\d{4})$")  # GTD: day 00 = day unknown
_SHORT_YEAR_DMY = re.compile(r"\b(\d{1,2})\s+(" + _MONTH + r")\.?,?\s+'?(\d{2})$")
_SHORT_YEAR_MDY = re.compile(r"\b(" + _MONTH + r")\.?\s+(\d{1,2}),?\s+'?(\d{2})$")
_SHORT_YEAR_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2})$")

_FIXED = {
    "last night": -1, "yesterday": -1, "yesterday night": -1, "the day before yesterday": -2,
    "day before yesterday": -2, "today": 0, "tonight": 0, "this morning": 0,
    "this afternoon": 0, "this evening": 0, "earlier today": 0, "early today": 0,
    "late today": 0,
}
# A day (month) without a year up to this far after the anchor is a coming event (None);
# further ahead it is last year's.  Chosen on the MUC-4 DEV texts: scheduled elections,
# visits and deadlines are mentioned up to ~110 days ahead, past events ("the offensive
# launched in September") from ~100 days on; months are vaguer, hence the shorter window.
_FUTURE_WINDOW = {Precision.DAY: 120, Precision.MONTH: 92}
_PERIODS = {"day": Precision.DAY, "week": Precision.WEEK, "month": Precision.MONTH,
            "year": Precision.YEAR}
# Expressions from dateparser are computed from noon of the anchor day, so "3 hours ago"
# stays on the publication day.
_BASE_HOUR = 12
# Without an anchor only explicit years resolve; this base is never visible in a result.
_NO_ANCHOR_BASE = dt.datetime(2100, 1, 1, _BASE_HOUR)


# --- span arithmetic --------------------------------------------------------------------

def _month_span(day: dt.date) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def _span(day: dt.date, precision: Precision) -> tuple[dt.date, dt.date]:
    if precision is Precision.WEEK:
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    if precision is Precision.MONTH:
        return _month_span(day)
    if precision is Precision.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def _clip(start: dt.date, end: dt.date, precision: Precision,
          anchor: dt.date | None) -> ResolvedDate | None:
    if start.year < _MIN_YEAR:
        return None
    if anchor is not None:
        if start > anchor:
            return None
        end = min(end, anchor)
    return ResolvedDate(start, end, precision)


def _shift_back(day: dt.date, years: int = 0, months: int = 0) -> dt.date | None:
    month_index = day.year * 12 + day.month - 1 - months - years * 12
    year, month = divmod(month_index, 12)
    month += 1
    if year < dt.MINYEAR:
        return None
    last = calendar.monthrange(year, month)[1]
    if day.day > last:
        return None  # 29 February, 31st of a short month: no such day
    return dt.date(year, month, day.day)


# --- normalisation ----------------------------------------------------------------------

def _normalise(expression: str) -> str:
    text = expression.translate(_DASHES).lower()
    text = re.sub(r"[\"()\[\]]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    text = re.sub(r"^mid-?", "mid ", text)
    text = re.sub(r"(?<=[a-z])'s\b", "", text)  # "Sunday's attack"; not "the 1980's"
    text = re.sub(r"\bthis past\b", "past", text)
    return text


def _strip_frames(text: str) -> str:
    for _ in range(8):
        stripped = _FRAMES.sub("", text, count=1).strip(" ,")
        if stripped == text:
            break
        text = stripped
    return text


def _century(two_digits: int, anchor: dt.date | None) -> int:
    if anchor is None:
        return (1900 if two_digits >= 69 else 2000) + two_digits
    year = (anchor.year // 100) * 100 + two_digits
    return year - 100 if year > anchor.year else year


def _expand_short_year(text: str, anchor: dt.date | None) -> str:
    if match := _SHORT_YEAR_DMY.search(text):
        year = _century(int(match.group(3)), anchor)
        return text[: match.start()] + f"{match.group(1)} {match.group(2)} {year}"
    if match := _SHORT_YEAR_MDY.search(text):
        year = _century(int(match.group(3)), anchor)
        return text[: match.start()] + f"{match.group(1)} {match.group(2)}, {year}"
    if match := _SHORT_YEAR_NUMERIC.match(text):
        year = _century(int(match.group(3)), anchor)
        return f"{match.group(1)}/{match.group(2)}/{year}"
    return text


# --- dateparser -------------------------------------------------------------------------

@functools.lru_cache(maxsize=256)
def _parser(base: dt.datetime) -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "DATE_ORDER": "MDY",
            # no 'timestamp' (a count like 1700000000) and no 'no-spaces-time' ("2330")
            "PARSERS": ["relative-time", "custom-formats", "absolute-time"],
        },
    )


def _dateparser(text: str, base: dt.datetime) -> tuple[dt.date, Precision] | None:
    try:
        data = _parser(base).get_date_data(text)
    except Exception as error:  # noqa: BLE001 - third-party parser, arbitrary input
        log.debug("dateparser failed on %r: %s", text, error)
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), _PERIODS.get(str(data.period), Precision.DAY)


# --- rules ------------------------------------------------------------------------------

def _weekday(qualifier: str | None, name: str, anchor: dt.date) -> ResolvedDate:
    back = (anchor.weekday() - _WEEKDAYS.index(name)) % 7
    if back == 0 and qualifier in {"last", "past", "previous"}:
        back = 7
    day = anchor - dt.timedelta(days=back)
    return ResolvedDate(day, day, Precision.DAY)


def _weekend(qualifier: str | None, anchor: dt.date) -> ResolvedDate | None:
    if qualifier == "this" and anchor.weekday() < 5:
        return None  # "this weekend" on a weekday is the coming one
    if qualifier in {"last", "past", "previous", "the past"}:
        monday = anchor - dt.timedelta(days=anchor.weekday())
        saturday = monday - dt.timedelta(days=2)
    else:
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
    return ResolvedDate(saturday, min(saturday + dt.timedelta(days=1), anchor), Precision.WEEK)


def _ordinal_day(day_number: int, anchor: dt.date) -> ResolvedDate | None:
    for months_back in (0, 1, 2):
        month_index = anchor.year * 12 + anchor.month - 1 - months_back
        year, month = divmod(month_index, 12)
        if year < dt.MINYEAR:
            return None
        if day_number <= calendar.monthrange(year, month + 1)[1]:
            day = dt.date(year, month + 1, day_number)
            if day <= anchor:
                return ResolvedDate(day, day, Precision.DAY)
    return None


def _qualified_month(qualifier: str, name: str, anchor: dt.date) -> ResolvedDate | None:
    """'last March': the most recent March before the anchor's month; 'this March': on or
    before it."""
    month = _MONTH_NUMBERS[name[:3]]
    year = anchor.year if month <= anchor.month else anchor.year - 1
    if month == anchor.month and qualifier != "this":
        year -= 1
    if year < _MIN_YEAR:
        return None
    start, end = _month_span(dt.date(year, month, 1))
    return ResolvedDate(start, min(end, anchor), Precision.MONTH)


def _unknown_day(month: int, year: int, anchor: dt.date | None) -> ResolvedDate | None:
    if not 1 <= month <= 12:
        return None
    start, end = _month_span(dt.date(year, month, 1))
    return _clip(start, end, Precision.MONTH, anchor)


def _rejected(text: str) -> bool:
    if not text or _BARE_NUMBER.match(text) and not re.fullmatch(r"(?:1[89]|20)\d{2}", text):
        return True
    if _FUTURE.search(text) or _AGE.search(text) or _DECADE.search(text):
        return True
    if _DURATION.search(text) and not re.search(r"\bago\b", text):
        return True
    return not _LOOKS_LIKE_DATE.search(text)


def _anchored_rules(text: str, anchor: dt.date) -> ResolvedDate | None:
    """Expressions we resolve ourselves (dateparser reads them differently)."""
    if text in _FIXED:
        day = anchor + dt.timedelta(days=_FIXED[text])
        return ResolvedDate(day, day, Precision.DAY)
    if match := _WEEKDAY_ONLY.match(text):
        return _weekday(match.group(1), match.group(2), anchor)
    if match := _WEEKEND.match(text):
        return _weekend(match.group(1), anchor)
    if _PAST_WEEK.match(text):
        return ResolvedDate(anchor - dt.timedelta(days=6), anchor, Precision.WEEK)
    if match := _ORDINAL_DAY.match(text):
        return _ordinal_day(int(match.group(1)), anchor)
    if match := _QUALIFIED_MONTH.match(text):
        return _qualified_month(match.group(1), match.group(2), anchor)
    return None


def resolve_date(expression: str, anchor: dt.date | None) -> ResolvedDate | None:
    """Resolve a date expression against the publication date.

    Args:
        expression: a date expression in any case ("On the evening of June 23", "MONDAY",
            "10 JAN 90", "02/28/2016", "last week", "mid-March", "in 2021").
        anchor: the publication date that relative expressions count from; ``None`` when
            unknown (then only expressions naming their year resolve).

    Returns:
        A :class:`ResolvedDate` whose start is never after ``anchor`` and whose end is
        clipped to it, or ``None`` when the expression is not the date of an event (see the
        module docstring).  Never raises.
    """
    if not isinstance(expression, str) or len(expression) > _MAX_EXPRESSION:
        return None
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    try:
        return _resolve(expression, anchor)
    except (ValueError, OverflowError, ArithmeticError) as error:
        log.debug("could not resolve %r against %s: %s", expression, anchor, error)
        return None


def _resolve(expression: str, anchor: dt.date | None) -> ResolvedDate | None:
    text = _normalise(expression)
    text = re.sub(r"\bearly (?=(?:this|today)\b)", "earlier ", text)
    text = text.removeprefix("earlier ")
    if text not in _FIXED:
        text = _strip_frames(text)
        text = _TIME_PART.sub(" ", text) if text not in _FIXED else text
        text = re.sub(r"\s+", " ", text).strip(" ,.;:")
        text = _strip_frames(text)
    if text == "last":  # "last evening", once the time of day is gone
        text = "yesterday"
    if text not in _FIXED and _rejected(text):
        return None
    if anchor is not None and (rule := _anchored_rules(text, anchor)) is not None:
        return rule
    if anchor is not None and (
        text in _FIXED or _WEEKDAY_ONLY.match(text) or _ORDINAL_DAY.match(text)
        or _QUALIFIED_MONTH.match(text)
    ):
        return None  # an anchored rule applied and found nothing
    if match := _UNKNOWN_DAY.match(text):
        return _unknown_day(int(match.group(1)), int(match.group(2)), anchor)
    force_past = False
    if match := _LAST_DATE.match(text):  # "last 10 August": the one before the anchor
        text, force_past = text[match.end():], True
    text = _expand_short_year(text, anchor)
    explicit_year = bool(_EXPLICIT_YEAR.search(text))
    if anchor is None:
        if not explicit_year:
            return None
        base = _NO_ANCHOR_BASE
    else:
        base = dt.datetime(anchor.year, anchor.month, anchor.day, _BASE_HOUR)
    parsed = _dateparser(text, base)
    if parsed is None:
        return None
    day, precision = parsed
    if anchor is not None and not explicit_year and precision in (
        Precision.DAY, Precision.MONTH
    ) and re.search(r"\b" + _MONTH + r"\b", text):
        nearest = _nearest_year(day, precision, anchor, force_past)
        if nearest is None:
            return None
        day = nearest
    start, end = _span(day, precision)
    return _clip(start, end, precision, anchor)


def _nearest_year(
    day: dt.date, precision: Precision, anchor: dt.date, force_past: bool = False
) -> dt.date | None:
    """A month (and day) without a year: the occurrence nearest the anchor, if not after it.

    dateparser's 'past' preference moves any later date back a year; but "the NATO summit
    on July 9" in a June article is a coming event, not last July.  Only a date further
    ahead than ``_FUTURE_WINDOW`` is read as last year's ("December 30" in a 5 January
    article).
    """
    same_year = _shift_back(day, years=day.year - anchor.year)
    if same_year is None:
        return None  # 29 February in another year
    first = same_year.replace(day=1) if precision is Precision.MONTH else same_year
    if first <= anchor:
        return same_year
    if not force_past and (first - anchor).days <= _FUTURE_WINDOW[precision]:
        return None
    return _shift_back(same_year, years=1)


# --- datelines --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline at the start of an article, with spans into the article text.

    ``place`` is the city as written ("SAN SALVADOR"), ``region`` the country or region
    beside it ("NICARAGUA" in "MANAGUA (NICARAGUA)", "Lebanon" in "BEIRUT, Lebanon");
    ``None`` for the placeholders "NO CITY" and "CLANDESTINE".  ``date`` is resolved when
    the dateline has one (``date_span``).  ``source`` is the agency or broadcaster.
    ``start``/``end`` cover the whole dateline and ``body_start`` is where the story begins,
    after the separator and any bracketed editorial tags ("[EXCERPT] [TEXT]").
    """

    place: Evidence | None
    region: Evidence | None
    date: ResolvedDate | None
    date_span: Evidence | None
    source: Evidence | None
    start: int
    end: int
    body_start: int


_DL_WORD = r"[A-Z][A-Za-z.'\u2019-]*"
_DL_PARTICLE = r"(?:de|del|da|do|dos|das|la|las|los|el|al|es|of|upon|on|sur|am|an|der)"
_DL_PLACE = _DL_WORD + r"(?:[ ](?:" + _DL_PARTICLE + r"[ ])?" + _DL_WORD + r"){0,4}"
_DL_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DL_DATE = (
    r"(?i:(?:" + _WEEKDAY + r",?\s+)?"
    r"(?:\d{1,2}\s+" + _DL_MONTH + r"(?:,?\s+\d{4}|\s+\d{2}(?!\d))?"
    r"|" + _DL_MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4}|\s+\d{2}(?!\d))?"
    r"|" + _WEEKDAY + r"|\d{4}-\d{2}-\d{2}|no date))"
)
_DL_NOT_REGION = r"(?!(?i:no date|" + _DL_MONTH + r"|" + _WEEKDAY + r")(?![a-z]))"
_DATELINE = re.compile(
    r"(?P<lead>\s*)"
    r"(?:"
    r"(?P<place>" + _DL_PLACE + r")"
    r"(?:\s*\((?P<region_p>[^()\n]{2,40})\)(?=\s*[,(]))?"
    r"(?:,\s*" + _DL_NOT_REGION + r"(?P<region_c>" + _DL_PLACE + r")"
    r"(?=\s*(?:,|\(|--|[-\u2013\u2014]\s)))?"
    r"(?:,\s*(?P<date>" + _DL_DATE + r"))?"
    r"|(?=\())"
    r"(?:\s*[(\[](?P<source>[^()\[\]\n]{1,60}(?:\[[^\]\n]{1,20}\])?)[)\]])?"
    r"\s*(?P<sep>--|[-\u2013\u2014](?=\s)|/[A-Z]+/\.?|:(?=\s))"
    r"[ \t]*"
)
# FBIS editorial tags before the story: [TEXT], [EXCERPT], [INTERVIEW WITH ... BY ...]
_EDITORIAL_TAGS = re.compile(r"(?:\s*\[[^\[\]]{1,300}\])+\s*")
_NO_PLACE = {"no city", "clandestine"}
# Page furniture that opens a line like a dateline ("UPDATE: ...", "BREAKING NEWS — ...")
_NOT_PLACES = frozenset({
    "update", "updated", "breaking", "breaking news", "exclusive", "watch", "video", "photos",
    "photo", "correction", "note", "editor's note", "advertisement", "close", "live", "opinion",
    "analysis", "warning", "alert", "news", "latest", "read more", "related", "share", "menu",
    "home", "sponsored", "comments", "developing", "developing story", "urgent",
})
_DATELINE_SEARCH = 1000


def _span_of(text: str, match: re.Match[str], group: str) -> Evidence | None:
    start, end = match.span(group)
    if start < 0 or start == end:
        return None
    value = text[start:end]
    stripped = value.rstrip(" ,")
    return Evidence(start, start + len(stripped), stripped)


def _plausible(match: re.Match[str], strict: bool) -> bool:
    """Reject sentence openings that merely look like a dateline.

    ``strict`` applies past the first line: an all-caps place and a date, a source or a
    long dash ("FRANKLIN (Feb. 4, 2014) –", "PUYALLUP, Wash. —").
    """
    place = match.group("place") or ""
    if place.lower() in _NOT_PLACES:
        return False
    sep = match.group("sep")
    caps = place.isupper() and len(place) >= 3
    if strict:
        return caps and (bool(match.group("date") or match.group("source"))
                         or sep in {"\u2013", "\u2014"})
    if match.group("date") or match.group("source"):
        return sep != ":" or caps
    # "MOSCOW — ...", "NEW DELHI: ...": no date and no source; an all-caps place only.
    return caps and sep != "-"


def _match_dateline(text: str) -> tuple[re.Match[str], int] | None:
    """The dateline at the start, else at the start of one of the first lines (a page
    saved as text often has a caption or a headline first)."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", text[:_DATELINE_SEARCH])]
    for position in starts:
        match = _DATELINE.match(text, position, min(len(text), position + 400))
        if match is not None and _plausible(match, strict=position > 0):
            return match, position
    return None


def _date_in_parentheses(text: str, source: Evidence | None) -> bool:
    """'FRANKLIN (Feb. 4, 2014) –': the parenthesised part is the date, not a source."""
    return source is not None and re.fullmatch(_DL_DATE, source.text) is not None


def find_dateline(text: str, anchor: dt.date | None = None) -> Dateline | None:
    """Find the dateline of an article.

    Looked for at the very start, then (stricter: an all-caps place with a date, a source
    or a long dash) at the start of the lines in the first 1,000 characters.

    Args:
        text: the article text.
        anchor: the publication date, used to resolve a dateline date without a year
            ("June 24"); two-digit years ("3 FEB 90") resolve without it.

    Returns:
        A :class:`Dateline`, or ``None`` when the text does not open with one.  Never raises.
    """
    if not isinstance(text, str) or not text:
        return None
    try:
        found = _match_dateline(text)
    except RecursionError:  # pragma: no cover - defensive
        return None
    if found is None:
        return None
    match, _ = found
    place = _span_of(text, match, "place")
    if place is not None and place.text.lower() in _NO_PLACE:
        place = None
    region = _span_of(text, match, "region_p") or _span_of(text, match, "region_c")
    date_span = _span_of(text, match, "date")
    source = _span_of(text, match, "source")
    if date_span is None and _date_in_parentheses(text, source):
        date_span, source = source, None
    resolved = None
    if date_span is not None and date_span.text.upper() != "NO DATE":
        resolved = resolve_date(date_span.text, anchor)
    elif date_span is not None:
        date_span = None
    body_start = match.end()
    if tags := _EDITORIAL_TAGS.match(text, body_start):
        body_start = tags.end()
    groups = ("place", "region_p", "region_c", "date", "source")
    end = max(match.end(g) for g in groups if match.start(g) >= 0)
    if match.group("source"):
        end += 1  # the closing bracket
    return Dateline(
        place=place,
        region=region,
        date=resolved,
        date_span=date_span,
        source=source,
        start=match.end("lead"),
        end=end,
        body_start=body_start,
    )


# --- finding expressions ----------------------------------------------------------------

_F_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)"
)
_F_SAFE_MONTH = (  # month names that are rarely anything else, allowed without a day
    r"(?:january|february|april|june|july|august|september|october|november|december)"
)
_F_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_F_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_F_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_F_MOD = r"(?:(?:early|late|mid|the end of|the beginning of|the middle of)[\s-]+)"
# "on the 15th floor": an ordinal followed by a word other than these is not a day
_F_NOUN_AFTER = r"(?!(?:at|in|when|and|as|after|before|but|while|of|" + _TIME_OF_DAY + r")\b)[a-z]"
# "the 19 April Movement", "9 October Avenue", "17 November Group": names, not dates
_F_NOT_NAME = (
    r"(?!\s+(?:movement|avenue|av|street|st|boulevard|square|plaza|road|bridge|stadium|group|"
    r"organization|organisation|front|brigade|command|commando|highway|park|district|"
    r"neighbou?rhood|hospital|school|university|revolutionary|cell|battalion)\b)"
)
_F_TAIL_YEAR = r"(?:,?\s+(?:" + _F_YEAR + r"|\d{2}(?![\d:])))?"
_F_ALTERNATIVES = (
    # numeric dates: 02/28/2016, 2016-02-28, 28.02.2016
    r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])",
    r"\d{4}-\d{2}-\d{2}(?!\d)",
    r"\d{1,2}\.\d{1,2}\.\d{4}(?!\d)",
    # [weekday,] day month [year]: 3 FEB 90, Sunday, 23 June 2024, the 23rd of June
    r"(?:" + _F_WEEKDAY + r",?\s+|last\s+)?(?:the\s+)?" + _F_DAY + r"\s+(?:of\s+)?" + _F_MONTH
    + _F_TAIL_YEAR + _F_NOT_NAME,
    # [weekday,] month day [, year]: June 23, Jan. 5, 2024, JUNE 11 89
    r"(?:" + _F_WEEKDAY + r",?\s+)?" + _F_MONTH + r"\s+" + _F_DAY + r"(?![\d:])" + _F_TAIL_YEAR
    + _F_NOT_NAME,
    # [modifier] month [of] year: March 2016, early October of 2023
    _F_MOD + r"?" + _F_MONTH + r"\s+(?:of\s+)?" + _F_YEAR,
    # modifier + month: mid-March, early May, last May
    r"(?:" + _F_MOD + r"|(?:last|past)\s+)" + _F_MONTH + r"(?!\w)",
    r"this\s+(?!may\b|march\b)" + _F_MONTH + r"(?!\w)",
    # any month name after a preposition: in March, since May
    r"(?<=\bin\s)" + _F_MONTH + r"(?!\w)",
    r"(?<=\bsince\s)" + _F_MONTH + r"(?!\w)",
    r"(?<=\buntil\s)" + _F_MONTH + r"(?!\w)",
    r"(?<=\bduring\s)" + _F_MONTH + r"(?!\w)",
    # unambiguous month names alone: JANUARY, in December
    r"(?<!\d\s)" + _F_SAFE_MONTH + r"(?!\w)" + _F_NOT_NAME,
    # relative
    r"(?:the\s+day\s+before\s+)?yesterday",
    r"(?:early\s+|earlier\s+)?today",
    r"tonight",
    r"(?:late\s+|early\s+)?last\s+night",
    r"this\s+(?:morning|afternoon|evening)",
    r"(?:earlier\s+)?this\s+(?:week|month|year)(?!\w)",
    r"(?:last|past|previous)\s+(?:week|weekend|month|year)(?!\w)",
    r"(?:the\s+)?weekend(?!\w)",
    _NUMBER_WORD + r"\s+" + _UNIT + r"\s+ago",
    r"(?:(?:last|this|past|previous|early|late)\s+)?" + _F_WEEKDAY
    + r"(?:\s+(?:morning|afternoon|evening|night))?",
    # years after a preposition or a modifier: in 2021, since 1998, early 2023
    r"(?<=\bin\s)" + _F_YEAR,
    r"(?<=\bsince\s)" + _F_YEAR,
    r"(?<=\bduring\s)" + _F_YEAR,
    r"(?<=\buntil\s)" + _F_YEAR,
    _F_MOD + _F_YEAR,
    # the 23rd, after "on"
    r"(?<=\bon\s)the\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)(?!\s+" + _F_NOUN_AFTER + ")",
)
_FINDER = re.compile(
    r"(?<![\w/.-])(?:" + "|".join(_F_ALTERNATIVES) + r")(?!\w)", re.IGNORECASE
)
_DECADE_AFTER = re.compile(r"'?s\b", re.IGNORECASE)


def find_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Find date expressions in a text, with character offsets.

    Finds month-name dates (incl. abbreviations and ALL CAPS: "3 FEB 90", "Jan. 5, 2024"),
    numeric dates, "March 2016", "mid-March", weekdays, "yesterday", "last night",
    "two days ago", "last week", "in 2021" (the year only) and "on the 23rd" (without
    "on").  Ambiguous month names ("may", "march", abbreviations) count only next to a day,
    a year or a modifier.  Precise rather than greedy: no times, durations or bare numbers.

    Returns:
        ``(start, end, text)`` triples in text order, not overlapping; ``text`` is
        ``text[start:end]``.
    """
    if not isinstance(text, str):
        return []
    found: list[tuple[int, int, str]] = []
    for match in _FINDER.finditer(text):
        value = match.group().rstrip(" ,")
        start = match.start()
        if not value.strip() or _DECADE_AFTER.match(text, start + len(value)) and value[-1].isdigit():
            continue  # "the 1980's": a decade, not a year
        found.append((start, start + len(value), value))
    return found
