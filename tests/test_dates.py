"""incidents.resolve.dates: resolve_date, find_dateline, find_date_expressions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.model import DateValue, Evidence, Precision
from incidents.resolve.dates import (
    ResolvedDate,
    find_date_expressions,
    find_dateline,
    resolve_date,
)

DAY, WEEK, MONTH, YEAR = Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR
D = dt.date
# Thursday, the publication date of the seed case (shared/cases/dagestan-2024-06-23)
ANCHOR = D(2024, 6, 27)


def rd(start, end, precision):
    return ResolvedDate(start, end, precision)


def day(y, m, d):
    return rd(D(y, m, d), D(y, m, d), DAY)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("On the evening of June 23", day(2024, 6, 23)),
        ("on the morning of June 23", day(2024, 6, 23)),
        ("late on June 23", day(2024, 6, 23)),
        ("JUNE 23", day(2024, 6, 23)),
        ("Sunday, June 23", day(2024, 6, 23)),
        ("Monday, June 24, 2024", day(2024, 6, 24)),
        ("on 23 June", day(2024, 6, 23)),
        ("the 23rd of June", day(2024, 6, 23)),
        ("Jan. 5", day(2024, 1, 5)),
        ("July 13, 2008", day(2008, 7, 13)),
        ("On July 13, 2008", day(2008, 7, 13)),
        ("2024-06-23", day(2024, 6, 23)),
        ("02/28/2016", day(2016, 2, 28)),
        ("28/02/2016", day(2016, 2, 28)),
        ("06/05/2024", day(2024, 6, 5)),  # month first when ambiguous
        # weekdays: the most recent one on or before the anchor (a Thursday)
        ("Monday", day(2024, 6, 24)),
        ("on Monday", day(2024, 6, 24)),
        ("MONDAY", day(2024, 6, 24)),
        ("Sunday night", day(2024, 6, 23)),
        ("Sunday's", day(2024, 6, 23)),
        ("Sunday\u2019s", day(2024, 6, 23)),
        ("this past Sunday", day(2024, 6, 23)),
        ("at about 6 p.m. on Sunday", day(2024, 6, 23)),
        ("the early hours of Sunday", day(2024, 6, 23)),
        ("early Tuesday", day(2024, 6, 25)),
        ("late on Monday", day(2024, 6, 24)),
        ("Thursday", day(2024, 6, 27)),
        ("last Thursday", day(2024, 6, 20)),
        ("last Monday", day(2024, 6, 24)),
        ("Friday", day(2024, 6, 21)),
        # relative days
        ("yesterday", day(2024, 6, 26)),
        ("YESTERDAY MORNING", day(2024, 6, 26)),
        ("today", day(2024, 6, 27)),
        ("tonight", day(2024, 6, 27)),
        ("this morning", day(2024, 6, 27)),
        ("early this morning", day(2024, 6, 27)),
        ("earlier today", day(2024, 6, 27)),
        ("last night", day(2024, 6, 26)),
        ("late last night", day(2024, 6, 26)),
        ("the day before yesterday", day(2024, 6, 25)),
        ("two days ago", day(2024, 6, 25)),
        ("2 DAYS AGO", day(2024, 6, 25)),
        ("3 hours ago", day(2024, 6, 27)),
        ("the 23rd", day(2024, 6, 23)),
        ("the 28th", day(2024, 5, 28)),  # after the anchor's day: last month's
        # weeks: Monday-to-Sunday, clipped to the anchor
        ("last week", rd(D(2024, 6, 17), D(2024, 6, 23), WEEK)),
        ("this week", rd(D(2024, 6, 24), D(2024, 6, 27), WEEK)),
        ("earlier this week", rd(D(2024, 6, 24), D(2024, 6, 27), WEEK)),
        ("a week ago", rd(D(2024, 6, 17), D(2024, 6, 23), WEEK)),
        ("over the weekend", rd(D(2024, 6, 22), D(2024, 6, 23), WEEK)),
        ("last weekend", rd(D(2024, 6, 22), D(2024, 6, 23), WEEK)),
        ("the past week", rd(D(2024, 6, 21), D(2024, 6, 27), WEEK)),
        ("within the past week", rd(D(2024, 6, 21), D(2024, 6, 27), WEEK)),
        ("this past weekend", rd(D(2024, 6, 22), D(2024, 6, 23), WEEK)),
        # months
        ("In March", rd(D(2024, 3, 1), D(2024, 3, 31), MONTH)),
        ("mid-March", rd(D(2024, 3, 1), D(2024, 3, 31), MONTH)),
        ("the end of May", rd(D(2024, 5, 1), D(2024, 5, 31), MONTH)),
        ("early June", rd(D(2024, 6, 1), D(2024, 6, 27), MONTH)),
        ("In October 2023", rd(D(2023, 10, 1), D(2023, 10, 31), MONTH)),
        ("March 2016", rd(D(2016, 3, 1), D(2016, 3, 31), MONTH)),
        ("earlier this month", rd(D(2024, 6, 1), D(2024, 6, 27), MONTH)),
        ("last month", rd(D(2024, 5, 1), D(2024, 5, 31), MONTH)),
        ("last March", rd(D(2024, 3, 1), D(2024, 3, 31), MONTH)),
        ("last June", rd(D(2023, 6, 1), D(2023, 6, 30), MONTH)),
        ("06/00/2016", rd(D(2016, 6, 1), D(2016, 6, 30), MONTH)),  # GTD: day unknown
        # years
        ("in 2021", rd(D(2021, 1, 1), D(2021, 12, 31), YEAR)),
        ("IN 2021", rd(D(2021, 1, 1), D(2021, 12, 31), YEAR)),
        ("late 2023", rd(D(2023, 1, 1), D(2023, 12, 31), YEAR)),
        ("last year", rd(D(2023, 1, 1), D(2023, 12, 31), YEAR)),
        ("earlier this year", rd(D(2024, 1, 1), D(2024, 6, 27), YEAR)),
    ],
)
def test_dates_resolve(expression, expected):
    assert resolve_date(expression, ANCHOR) == expected


@pytest.mark.parametrize(
    ("expression", "anchor", "expected"),
    [
        ("December 30", D(2024, 1, 5), day(2023, 12, 30)),
        ("In December", D(2024, 1, 5), rd(D(2023, 12, 1), D(2023, 12, 31), MONTH)),
        ("In March", D(2024, 2, 10), None),  # a coming March, not last year's
        ("In March", D(2024, 9, 10), rd(D(2024, 3, 1), D(2024, 3, 31), MONTH)),
        ("In September", D(1989, 3, 19), rd(D(1988, 9, 1), D(1988, 9, 30), MONTH)),
        ("Sept. 3", D(2024, 2, 1), day(2023, 9, 3)),
        ("LAST 10 AUGUST", D(1989, 3, 8), day(1988, 8, 10)),
        ("10 JAN 90", D(1990, 1, 12), day(1990, 1, 10)),
        ("30 DEC 89", D(1990, 1, 12), day(1989, 12, 30)),
        ("3 FEB 90", D(1990, 2, 5), day(1990, 2, 3)),
        ("ON 7 JANUARY", D(1990, 1, 12), day(1990, 1, 7)),
        ("SATURDAY 11 NOVEMBER", D(1989, 11, 12), day(1989, 11, 11)),
        ("TODAY", D(1990, 1, 12), day(1990, 1, 12)),
        ("LAST NIGHT", D(1990, 1, 12), day(1990, 1, 11)),
        ("Sunday", D(2024, 6, 23), day(2024, 6, 23)),
        ("this weekend", D(2024, 6, 23), rd(D(2024, 6, 22), D(2024, 6, 23), WEEK)),
        ("last weekend", D(2024, 6, 23), rd(D(2024, 6, 15), D(2024, 6, 16), WEEK)),
        ("Feb 29", D(2024, 3, 1), day(2024, 2, 29)),
        ("the 31st", D(2024, 3, 5), day(2024, 1, 31)),  # February has none
        (dt.datetime(2024, 6, 23, 18, 0).strftime("%B %d"), dt.datetime(2024, 6, 27, 9, 30),
         day(2024, 6, 23)),  # a datetime anchor works like its date
    ],
)
def test_dates_resolve_with_other_anchors(expression, anchor, expected):
    assert resolve_date(expression, anchor) == expected


@pytest.mark.parametrize(
    "expression",
    [
        # not the date of an event
        "three hours", "two days", "for two weeks", "6 p.m.", "at 6:30 a.m.", "noon",
        "midnight", "45-year-old", "aged 45", "45 years old", "the 1990s", "the 1980'S",
        "23", "1200", "2330", "", "   ", "hello", "the attack", "police said",
        # after the anchor
        "tomorrow", "next week", "in two days", "this weekend", "July 9", "June 28",
        "2024-06-28", "In August", "next Monday", "later this month",
    ],
)
def test_dates_resolve_none(expression):
    assert resolve_date(expression, ANCHOR) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("10 JAN 90", day(1990, 1, 10)),
        ("9 NOV 89", day(1989, 11, 9)),
        ("5 May 05", day(2005, 5, 5)),
        ("June 23, 2024", day(2024, 6, 23)),
        ("02/28/2016", day(2016, 2, 28)),
        ("March 2016", rd(D(2016, 3, 1), D(2016, 3, 31), MONTH)),
        ("in 2021", rd(D(2021, 1, 1), D(2021, 12, 31), YEAR)),
        # without an anchor, relative expressions and missing years stay unknown
        ("June 23", None), ("Monday", None), ("yesterday", None), ("2 days ago", None),
        ("last week", None), ("the 23rd", None), ("In March", None),
    ],
)
def test_dates_resolve_without_anchor(expression, expected):
    assert resolve_date(expression, None) == expected


def test_dates_to_value_is_the_contract_date():
    evidence = (Evidence(0, 25, "On the evening of June 23"),)
    value = resolve_date("On the evening of June 23", ANCHOR).to_value(evidence)
    assert value == DateValue("2024-06-23", "2024-06-23", DAY, evidence)
    assert value.to_dict()["precision"] == "day"


# --- properties -------------------------------------------------------------------------

ANCHORS = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))


def _check(result: ResolvedDate | None, anchor: dt.date | None) -> None:
    if result is None:
        return
    assert result.start <= result.end
    if anchor is not None:
        assert result.end <= anchor
    if result.precision is DAY:
        assert result.start == result.end
    elif result.precision is WEEK:
        assert (result.end - result.start).days <= 6
    elif result.precision is MONTH:
        assert result.start.day == 1
        assert (result.start.year, result.start.month) == (result.end.year, result.end.month)
    else:
        assert result.precision is YEAR
        assert (result.start.month, result.start.day) == (1, 1)
        assert result.start.year == result.end.year


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.one_of(st.none(), ANCHORS))
def test_dates_resolve_never_raises(text, anchor):
    _check(resolve_date(text, anchor), anchor)


PIECES = st.sampled_from(
    ["on", "the", "last", "this", "next", "early", "late", "mid-", "evening", "of", "night",
     "Monday", "SUNDAY", "June", "JAN", "Sept.", "23", "5th", "2023", "90", "02/28/2016",
     "yesterday", "today", "ago", "two", "days", "week", "month", "year", "weekend", ",",
     "at", "6", "p.m.", "in", "earlier", "past", "06/00/2016", "31st", "Feb", "29"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=5), st.one_of(st.none(), ANCHORS))
def test_dates_resolve_date_like_salad(pieces, anchor):
    _check(resolve_date(" ".join(pieces), anchor), anchor)


FORMATS = ["%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%m/%d/%Y", "%Y-%m-%d", "%A, %B %d, %Y",
           "On %B %d, %Y", "%d %b %Y"]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2090, 12, 31)),
       st.integers(0, 4000), st.sampled_from(FORMATS), st.booleans())
def test_dates_explicit_dates_round_trip(date, days_later, fmt, upper):
    text = date.strftime(fmt)
    text = text.upper() if upper else text
    expected = rd(date, date, DAY)
    assert resolve_date(text, date + dt.timedelta(days=days_later)) == expected
    assert resolve_date(text, None) == expected


@settings(max_examples=100, deadline=None)
@given(ANCHORS, st.integers(1, 300))
def test_dates_days_ago(anchor, n):
    assert resolve_date(f"{n} days ago", anchor) == day(*(anchor - dt.timedelta(days=n)).timetuple()[:3])


@settings(max_examples=100, deadline=None)
@given(ANCHORS, st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday",
                                 "saturday", "sunday"]), st.sampled_from(["", "on ", "last "]))
def test_dates_weekday_is_within_the_week_before(anchor, weekday, prefix):
    result = resolve_date(f"{prefix}{weekday.upper()}", anchor)
    assert result is not None and result.precision is DAY
    back = (anchor - result.start).days
    assert (1 if prefix == "last " else 0) <= back <= (7 if prefix == "last " else 6)
    assert result.start.strftime("%A").lower() == weekday


@settings(max_examples=100, deadline=None)
@given(ANCHORS, st.integers(1, 12))
def test_dates_month_name_is_recent_or_coming(anchor, month):
    name = D(2000, month, 1).strftime("%B")
    result = resolve_date(f"in {name}", anchor)
    if result is None:  # a coming month (within three months of the anchor)
        ahead = (D(anchor.year, month, 1) - anchor).days
        assert 0 < ahead <= 92
    else:
        assert result.precision is MONTH and result.start.month == month
        assert 0 <= (anchor - result.start).days < 366


# --- datelines --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "place", "region", "date", "source", "body"),
    [
        ("   SAN SALVADOR, 3 FEB 90 (ACAN-EFE) -- [TEXT] THE ARMY REPORTED",
         "SAN SALVADOR", None, D(1990, 2, 3), "ACAN-EFE", "THE ARMY"),
        ("LIMA, 10 JAN 90 (EFE) -- [TEXT] A BOMB EXPLODED",
         "LIMA", None, D(1990, 1, 10), "EFE", "A BOMB"),
        ("BOGOTA, 9 NOV 89 (INRAVISION TELEVISION CADENA 1) -- [REPORT] [TEXT] THE POLICE",
         "BOGOTA", None, D(1989, 11, 9), "INRAVISION TELEVISION CADENA 1",
         "THE POLICE"),
        ("MANAGUA (NICARAGUA), 11 DEC 89 (RADIO SANDINO) -- [TEXT] HOW ABOUT",
         "MANAGUA", "NICARAGUA", D(1989, 12, 11), "RADIO SANDINO", "HOW ABOUT"),
        ("NO CITY (PERU), 16 SEP 89 -- [TEXT] AS A LATIN", None, "PERU", D(1989, 9, 16), None,
         "AS A LATIN"),
        ("CLANDESTINE, NO DATE (RADIO VENCEREMOS) -- [TEXT] THE FMLN", None, None, None,
         "RADIO VENCEREMOS", "THE FMLN"),
        ("PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- AUSTRALIAN", "PERTH", "AUSTRALIA",
         D(1989, 6, 11), "AFP", "AUSTRALIAN"),
        ("SAN SALVADOR, 17 NOV 89 (INTERPRESS AGENCY [IPS]) -- [TEXT] THE", "SAN SALVADOR",
         None, D(1989, 11, 17), "INTERPRESS AGENCY [IPS]", "THE"),
        ("BOGOTA, 27 APR 90 [INRAVISION TELEVISION CADENA 1) -- [TEXT] THE MEDIA", "BOGOTA",
         None, D(1990, 4, 27), "INRAVISION TELEVISION CADENA 1", "THE MEDIA"),
        ("PORT-AU-PRINCE (HAITI), 19 APR 90 (RADIO SOLEIL NETWORK) -- [TEXT] A", "PORT-AU-PRINCE",
         "HAITI", D(1990, 4, 19), "RADIO SOLEIL NETWORK", "A"),
        ("WASHINGTON, June 24 (Reuters) - The United States", "WASHINGTON", None,
         D(2024, 6, 24), "Reuters", "The United"),
        ("KABUL (Reuters) - Gunmen attacked", "KABUL", None, None, "Reuters", "Gunmen"),
        ("MOSCOW \u2014 Gunmen attacked", "MOSCOW", None, None, None, "Gunmen"),
        ("BEIRUT, Lebanon (AP) \u2014 An Israeli strike", "BEIRUT", "Lebanon", None, "AP", "An"),
        ("MAKHACHKALA, Russia, June 23 (Reuters) - Gunmen", "MAKHACHKALA", "Russia",
         D(2024, 6, 23), "Reuters", "Gunmen"),
        ("RIO DE JANEIRO, Jan. 5, 2024 (AFP) -- Police", "RIO DE JANEIRO", None, D(2024, 1, 5),
         "AFP", "Police"),
        ("(CNN) \u2014 Gunmen opened fire", None, None, None, "CNN", "Gunmen"),
        ("NEW DELHI: The central government", "NEW DELHI", None, None, None, "The central"),
        # after a caption or headline line, a stricter pattern
        ("Above (left to right) Ernest Jasper\n\nFRANKLIN (Feb. 4, 2014) \u2013 Johnson County",
         "FRANKLIN", None, D(2014, 2, 4), None, "Johnson"),
        ("No charges against boy\n\nPUYALLUP, Wash. \u2014 No criminal charges", "PUYALLUP",
         "Wash.", None, None, "No criminal"),
    ],
)
def test_dates_find_dateline(text, place, region, date, source, body):
    found = find_dateline(text, ANCHOR)
    assert found is not None
    for span, expected in ((found.place, place), (found.region, region),
                           (found.source, source)):
        if expected is None:
            assert span is None
        else:
            assert span is not None and span.text == expected
            assert text[span.start:span.end] == span.text
    assert (found.date.start if found.date else None) == date
    assert text[found.body_start:].startswith(body)
    assert text[found.start:found.end].strip() == text[found.start:found.end]
    assert found.start <= found.end <= found.body_start


def test_dates_dateline_date_span_and_precision():
    text = "LIMA, 10 JAN 90 (EFE) -- [TEXT] A BOMB EXPLODED"
    found = find_dateline(text)
    assert found.date_span == Evidence(6, 15, "10 JAN 90")
    assert found.date == day(1990, 1, 10)
    assert text[found.start:found.end] == "LIMA, 10 JAN 90 (EFE)"


def test_dates_dateline_without_year_needs_anchor():
    found = find_dateline("HUANCAYO, 12 NOV (EFE) -- [TEXT] X")
    assert found is not None and found.date_span.text == "12 NOV" and found.date is None
    assert find_dateline("HUANCAYO, 12 NOV (EFE) -- X", D(1989, 11, 14)).date == day(1989, 11, 12)


@pytest.mark.parametrize(
    "text",
    ["Gunmen attacked a church - police said", "THE ARMY SAID - THE REBELS", "",
     "Police said: the attack", "lucknow: the all-india committee", "STOCKTON-\n\nStockton",
     "Update 1:30 p.m.\n\nPrince William police announced an arrest today",
     "A headline\n\nTHE FMLN -- WHICH HAS", "A headline\n\nMOSCOW - Gunmen",
     "UPDATE: Catoosa County Sheriff", "BREAKING NEWS \u2014 Police say",
     "At least 21 people were killed on Sunday.", "The attack (on Sunday) - a police post",
     "police said -- the attackers", "2024-06-23 - report"],
)
def test_dates_find_dateline_none(text):
    assert find_dateline(text) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_dates_find_dateline_never_raises(text):
    found = find_dateline(text)
    if found is not None:
        assert 0 <= found.start <= found.end <= found.body_start <= len(text)
        for span in (found.place, found.region, found.source, found.date_span):
            assert span is None or text[span.start:span.end] == span.text


# --- finding expressions ----------------------------------------------------------------

DAGESTAN = (
    "Head of Dagestan Republic Sergei Melikov visits the damaged synagogue in Derbent on "
    "Monday, June 24, 2024.\n\nOn the evening of June 23, terrorist attacks were carried out "
    "in the Russian cities of Makhachkala and Derbent. In March, gunmen attacked a concert "
    "hall; in October 2023 a mob stormed the airport. Russian Foreign Minister Sergei Lavrov "
    "said on June 25 that the attacks were likely synchronized."
)


def test_dates_find_expressions_in_an_article():
    found = find_date_expressions(DAGESTAN)
    assert [text for _, _, text in found] == [
        "Monday, June 24, 2024", "June 23", "March", "October 2023", "June 25"]
    for start, end, text in found:
        assert DAGESTAN[start:end] == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SAN SALVADOR, 3 FEB 90 (ACAN-EFE)", ["3 FEB 90"]),
        ("HE ADDED THAT ON 3 FEBRUARY PRESIDENT CEREZO MET", ["3 FEBRUARY"]),
        ("ATTACKED THE FARM 2 DAYS AGO.", ["2 DAYS AGO"]),
        ("RAGED LAST NIGHT IN NORTHWESTERN SAN SALVADOR", ["LAST NIGHT"]),
        ("LEFTIST GUERRILLAS EARLY TUESDAY ATTACKED", ["EARLY TUESDAY"]),
        ("On Sunday, June 23, 2024, gunmen attacked", ["Sunday, June 23, 2024"]),
        ("02/28/2016: Assailants attacked", ["02/28/2016"]),
        ("On Jan. 5, 2024 and on Sept. 3", ["Jan. 5, 2024", "Sept. 3"]),
        ("in mid-March and early June", ["mid-March", "early June"]),
        ("last week and earlier this month", ["last week", "earlier this month"]),
        ("yesterday, today and tonight", ["yesterday", "today", "tonight"]),
        ("since 1998 and in 2021", ["1998", "2021"]),
        ("found on the 23rd.", ["the 23rd"]),
        ("Sunday's attack", ["Sunday"]),
        ("IN JANUARY 1990", ["JANUARY 1990"]),
        ("in May, since April", ["May", "April"]),
        ("since last June.", ["last June"]),
        # not dates
        ("They may march on the capital.", []),
        ("this may be the last", []),
        ("at 6 p.m. for three hours, 45-year-old", []),
        ("on the 15th floor", []),
        ("THE 19 APRIL MOVEMENT (M-19)", []),
        ("ON 9 OCTOBER AVENUE", []),
        ("IN THE EARLY 1980'S", []),
        ("killed 1200 people in 2330 attacks", []),
    ],
)
def test_dates_find_expressions(text, expected):
    assert [found for _, _, found in find_date_expressions(text)] == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_dates_find_expressions_never_raises(text):
    found = find_date_expressions(text)
    previous_end = 0
    for start, end, value in found:
        assert text[start:end] == value and value.strip() == value
        assert previous_end <= start < end
        previous_end = end
