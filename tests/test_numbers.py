"""incidents.resolve.numbers: number phrases of casualty mentions -> Quantity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidents.model import Qualifier
from incidents.resolve.numbers import Quantity, parse_number_word, parse_quantity

EXACT, AT_LEAST, AT_MOST, ABOUT, RANGE = (
    Qualifier.EXACT, Qualifier.AT_LEAST, Qualifier.AT_MOST, Qualifier.ABOUT, Qualifier.RANGE,
)


def q(value, low, high, qualifier, approximate=False):
    return Quantity(value, low, high, qualifier, approximate)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # exact numbers, digits and words, any case
        ("21", q(21, 21, 21, EXACT)),
        ("twenty-one", q(21, 21, 21, EXACT)),
        ("Twenty one", q(21, 21, 21, EXACT)),
        ("TWENTY-ONE", q(21, 21, 21, EXACT)),
        ("seventeen", q(17, 17, 17, EXACT)),
        ("one hundred and five", q(105, 105, 105, EXACT)),
        ("a hundred", q(100, 100, 100, EXACT)),
        ("fifteen hundred", q(1500, 1500, 1500, EXACT)),
        ("1,200", q(1200, 1200, 1200, EXACT)),
        ("1.2 million", q(1_200_000, 1_200_000, 1_200_000, EXACT)),
        ("3 million", q(3_000_000, 3_000_000, 3_000_000, EXACT)),
        ("a", q(1, 1, 1, EXACT)),
        ("an", q(1, 1, 1, EXACT)),
        ("one", q(1, 1, 1, EXACT)),
        ("a single", q(1, 1, 1, EXACT)),
        ("two", q(2, 2, 2, EXACT)),
        ("both", q(2, 2, 2, EXACT)),
        ("no", q(0, 0, 0, EXACT)),
        ("none", q(0, 0, 0, EXACT)),
        ("nobody", q(0, 0, 0, EXACT)),
        ("no one", q(0, 0, 0, EXACT)),
        ("the two", q(2, 2, 2, EXACT)),
        ("all five", q(5, 5, 5, EXACT)),
        ("another 16", q(16, 16, 16, EXACT)),
        ("a total of 40", q(40, 40, 40, EXACT)),
        ("one of", q(1, 1, 1, EXACT)),  # "one of the victims"
        ("two of the", q(2, 2, 2, EXACT)),
        ("two dozen", q(24, 24, 24, EXACT)),
        # lower bounds: value = min = the stated number
        ("at least 21", q(21, 21, None, AT_LEAST)),
        ("AT LEAST TWENTY-ONE", q(21, 21, None, AT_LEAST)),
        ("more than 20", q(20, 20, None, AT_LEAST)),
        ("over 30", q(30, 30, None, AT_LEAST)),
        ("no fewer than 8", q(8, 8, None, AT_LEAST)),
        ("upwards of 100", q(100, 100, None, AT_LEAST)),
        ("20 or more", q(20, 20, None, AT_LEAST)),
        ("20-plus", q(20, 20, None, AT_LEAST)),
        ("20+", q(20, 20, None, AT_LEAST)),
        ("30-odd", q(30, 30, None, AT_LEAST)),
        ("at least one", q(1, 1, None, AT_LEAST)),
        ("at least 1.2 million", q(1_200_000, 1_200_000, None, AT_LEAST)),
        ("more than two dozen", q(24, 24, None, AT_LEAST)),
        # upper bounds: value = max
        ("up to 12", q(12, None, 12, AT_MOST)),
        ("nearly 40", q(40, None, 40, AT_MOST)),
        ("almost forty", q(40, None, 40, AT_MOST)),
        ("as many as 30", q(30, None, 30, AT_MOST)),
        ("fewer than 10", q(10, None, 10, AT_MOST)),
        ("no more than 5", q(5, None, 5, AT_MOST)),
        # approximations
        ("about 30", q(30, None, None, ABOUT, True)),
        ("around 30", q(30, None, None, ABOUT, True)),
        ("some 30", q(30, None, None, ABOUT, True)),
        ("approximately 30", q(30, None, None, ABOUT, True)),
        ("approx. 30", q(30, None, None, ABOUT, True)),
        ("roughly thirty", q(30, None, None, ABOUT, True)),
        ("an estimated 30", q(30, None, None, ABOUT, True)),
        ("AN ESTIMATED 30", q(30, None, None, ABOUT, True)),
        ("30 or so", q(30, None, None, ABOUT, True)),
        # ranges: value = min, as ACLED codes the lower bound
        ("20 to 30", q(20, 20, 30, RANGE)),
        ("20-30", q(20, 20, 30, RANGE)),
        ("20 \u2013 30", q(20, 20, 30, RANGE)),
        ("between 20 and 30", q(20, 20, 30, RANGE)),
        ("from 20 to 30", q(20, 20, 30, RANGE)),
        ("twenty to thirty", q(20, 20, 30, RANGE)),
        ("twenty-one to thirty", q(21, 21, 30, RANGE)),
        ("two or three", q(2, 2, 3, RANGE)),
        ("between 30 and 20", q(20, 20, 30, RANGE)),
        ("between 5 and 5", q(5, 5, 5, EXACT)),
        # vague quantities (lexicon): lower bound of the meaning, approximate
        ("a dozen", q(12, None, None, ABOUT, True)),
        ("half a dozen", q(6, None, None, ABOUT, True)),
        ("dozens of", q(12, 12, None, AT_LEAST, True)),
        ("DOZENS OF", q(12, 12, None, AT_LEAST, True)),
        ("dozens", q(12, 12, None, AT_LEAST, True)),
        ("scores of", q(20, 20, None, AT_LEAST, True)),
        ("tens of", q(10, 10, None, AT_LEAST, True)),
        ("hundreds of", q(100, 100, None, AT_LEAST, True)),
        ("thousands", q(1000, 1000, None, AT_LEAST, True)),
        ("tens of thousands of", q(10_000, 10_000, None, AT_LEAST, True)),
        ("hundreds of thousands", q(100_000, 100_000, None, AT_LEAST, True)),
        ("several", q(3, 3, None, AT_LEAST, True)),
        ("several hundred", q(200, 200, None, AT_LEAST, True)),
        ("a few", q(2, 2, None, AT_LEAST, True)),
        ("a couple of", q(2, None, None, ABOUT, True)),
        ("a number of", q(2, 2, None, AT_LEAST, True)),
        ("many", q(3, 3, None, AT_LEAST, True)),
        ("an unknown number of", q(1, 1, None, AT_LEAST, True)),
        ("a handful of", q(2, 2, None, AT_LEAST, True)),
        ("multiple", q(2, 2, None, AT_LEAST, True)),
        # qualifiers combine with vague quantities
        ("at least a dozen", q(12, 12, None, AT_LEAST, True)),
        ("about a dozen", q(12, None, None, ABOUT, True)),
        ("nearly a hundred", q(100, None, 100, AT_MOST)),
        ("a dozen or so", q(12, None, None, ABOUT, True)),
    ],
)
def test_numbers_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "some", "at least", "people", "the attackers", "x",
     "-5", "first", "twenty first", "2024-06-23", "a lot", "more", "some of the 30", "most of the"],
)
def test_numbers_parse_quantity_none(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("token", "expected"),
    [("seven", 7), ("7", 7), ("SEVENTEEN", 17), ("1,200", 1200), ("both", 2),
     ("twenty-one", 21), ("zero", 0), ("one", 1), ("dozen", 12), ("Eleven", 11),
     ("dozens", None), ("several", None), ("xyz", None), ("", None), ("1,2", None)],
)
def test_numbers_parse_number_word(token, expected):
    assert parse_number_word(token) == expected


PHRASES = ["at least 21", "twenty-one", "more than twenty", "dozens of", "between 20 and 30",
           "an estimated 30", "up to twelve", "a dozen", "several", "both", "two or three"]


@given(st.sampled_from(PHRASES), st.lists(st.booleans(), min_size=40, max_size=40))
def test_numbers_case_insensitive(phrase, flips):
    mixed = "".join(c.upper() if flip else c for c, flip in zip(phrase, flips + [False] * 40))
    assert parse_quantity(mixed) == parse_quantity(phrase) is not None


@given(st.integers(min_value=0, max_value=10**9))
def test_numbers_digits_round_trip(n):
    assert parse_quantity(str(n)) == q(n, n, n, EXACT)
    assert parse_quantity(f"{n:,}") == q(n, n, n, EXACT)
    assert parse_quantity(f"at least {n:,}") == q(n, n, None, AT_LEAST)
    assert parse_quantity(f"up to {n}") == q(n, None, n, AT_MOST)


@given(st.integers(0, 10**6), st.integers(0, 10**6),
       st.sampled_from(["{a} to {b}", "{a}-{b}", "between {a} and {b}", "from {a} to {b}"]))
def test_numbers_ranges_are_ordered(a, b, template):
    result = parse_quantity(template.format(a=a, b=b))
    assert result is not None
    assert (result.min, result.max) == (min(a, b), max(a, b))
    assert result.value == min(a, b)


def _consistent(result: Quantity) -> None:
    if result.min is not None and result.value is not None:
        assert result.min <= result.value
    if result.max is not None and result.value is not None:
        assert result.value <= result.max
    if result.qualifier is EXACT:
        assert result.value == result.min == result.max
    elif result.qualifier is AT_LEAST:
        assert result.max is None and result.min is not None
    elif result.qualifier is AT_MOST:
        assert result.min is None and result.max is not None
    elif result.qualifier is RANGE:
        assert result.min is not None and result.max is not None and result.min < result.max
        assert result.value == result.min


@settings(max_examples=300)
@given(st.text(max_size=100))
def test_numbers_never_raise_on_any_text(text):
    result = parse_quantity(text)
    assert result is None or isinstance(result, Quantity)
    if result is not None:
        _consistent(result)
    word = parse_number_word(text)
    assert word is None or (isinstance(word, int) and word >= 0)


WORDS = st.sampled_from(
    ["at", "least", "more", "than", "about", "some", "twenty", "one", "two", "hundred", "and",
     "between", "to", "or", "a", "dozen", "dozens", "of", "several", "up", "nearly", "21",
     "1,200", "-", "million", "1.5", "plus", "odd", "few", "no", "the", "all", "thousands"])


@settings(max_examples=300)
@given(st.lists(WORDS, max_size=6))
def test_numbers_word_salad_is_consistent(words):
    result = parse_quantity(" ".join(words))
    if result is not None:
        _consistent(result)
