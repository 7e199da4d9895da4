"""Blocking and similarity: when two reports can, and cannot, be the same incident."""

from __future__ import annotations

import datetime as dt

import pytest
from pg import incident, place

from incidents.merge.blocking import candidate_pairs, overlaps, union
from incidents.merge.profile import (
    MergeProfile,
    build_profile,
    date_range,
    normalise_name,
    proper_names,
)
from incidents.merge.similarity import (
    NEAR_PLACE,
    PLACE_CONFLICT,
    THRESHOLD,
    compare,
    compare_places,
    haversine_km,
)
from incidents.model import Article, Entity, Perpetrator, Precision, Status

TEXT = (
    "Gunmen from the Red Brigade killed John Smith in Springfield on 12 March 2015 "
    "near Lincoln Park; in March 2015 police found the car. Hostages taken in Decatur."
)


def profile(
    article: str = "a",
    date: str | None = "2015-03-12",
    precision: Precision = Precision.DAY,
    city: str = "Springfield",
    admin1: str | None = "Illinois",
    coords: tuple[float, float] | None = (39.80, -89.64),
    code: str = "US",
    gtd: tuple[str, ...] = ("Armed Assault",),
    published: str | None = "2015-03-13",
    perpetrator: str | None = None,
    victim: str | None = None,
    summary: str | None = None,
) -> MergeProfile:
    lat, lon = coords if coords else (None, None)
    spot = place(TEXT, city, admin1, code=code, lat=lat, lon=lon)
    perps = ()
    if perpetrator:
        perps = (Perpetrator(perpetrator, "organization", Status.CLAIMED, ()),)
    victims = ()
    if victim:
        victims = (Entity(victim, "Private Citizens & Property", 1, ()),)
    built = incident(
        article,
        TEXT,
        date=date,
        date_text="12 March 2015",
        precision=precision,
        places=(spot,),
        gtd=gtd,
        perpetrators=perps,
        victims=victims,
        summary=summary,
    )
    return build_profile(built, Article(id=article, text=TEXT, published=published))


def test_merge_same_day_same_city_is_the_same_incident() -> None:
    result = compare(profile("a"), profile("b"))
    assert result.same and result.veto is None
    assert result.score >= THRESHOLD
    assert "same day 2015-03-12" in result.reasons
    assert "0 km apart (springfield / springfield)" in result.reasons


def test_merge_month_precision_is_compatible_with_a_day_in_that_month() -> None:
    month = profile("b", date="2015-03", precision=Precision.MONTH)
    result = compare(profile("a"), month)
    assert result.veto is None
    assert "compatible dates: 2015-03-12 / 2015-03" in result.reasons
    assert compare(profile("a", date="2015-04-02"), month).veto == (
        "dates differ: 2015-04-02 vs 2015-03"
    )


def test_merge_days_apart_veto_but_the_next_day_does_not() -> None:
    assert compare(profile("a"), profile("b", date="2015-03-15")).veto == (
        "dates differ: 2015-03-12 vs 2015-03-15"
    )
    next_day = compare(profile("a"), profile("b", date="2015-03-13"))
    assert next_day.veto is None and next_day.same


def test_merge_distance_between_resolved_places() -> None:
    far = profile("b", city="Decatur", coords=(39.84, -88.95))  # ~59 km east
    part = compare_places(profile("a").places, far.places)
    assert (part.score, part.reason, part.veto) == (
        PLACE_CONFLICT,
        "59 km apart (springfield / decatur)",
        None,
    )
    near = profile("b", city="Lincoln Park", coords=(39.9, -89.5))
    assert compare_places(profile("a").places, near.places).score == NEAR_PLACE
    assert haversine_km(39.80, -89.64, 39.84, -88.95) == pytest.approx(59, abs=1)


def test_merge_unresolved_places_compare_names_and_admin1() -> None:
    a = profile("a", coords=None).places
    assert compare_places(a, profile("b", coords=None).places).reason == "same place: springfield"
    other_state = compare_places(a, profile("b", admin1="Missouri", coords=None).places)
    assert (other_state.score, other_state.reason) == (
        PLACE_CONFLICT,
        "different admin1: illinois vs missouri",
    )
    other_country = compare_places(a, profile("b", code="CA", coords=None).places)
    assert other_country.reason == "different countries: US vs CA"


def test_merge_place_conflicts_count_against_but_text_can_outweigh_them() -> None:
    """Place resolution errs (a hospital named after a town, a wrong namesake), so a
    conflict is a penalty: reports sharing the same words still match."""
    same = compare(profile("a"), profile("b"))
    moved = compare(profile("a"), profile("b", admin1="Missouri", coords=None))
    assert moved.veto is None
    assert moved.score == pytest.approx(same.score - NEAR_PLACE + PLACE_CONFLICT)


def test_merge_incompatible_types_veto_and_unknown_is_compatible() -> None:
    kidnapping = profile("b", gtd=("Hostage Taking (Kidnapping)",))
    assert compare(profile("a", gtd=("Bombing/Explosion",)), kidnapping).veto.startswith(
        "types differ"
    )
    assert compare(profile("a"), profile("b", gtd=("Unknown",))).veto is None
    assert compare(profile("a"), profile("b", gtd=("Assassination",))).veto is None


def test_merge_never_joins_two_incidents_of_one_article() -> None:
    assert compare(profile("a"), profile("a")).veto == "same article"


def test_merge_shared_names_add_to_the_score() -> None:
    plain = compare(profile("a", coords=None), profile("b", coords=None, city="Lincoln Park"))
    named = compare(
        profile("a", coords=None, victim="John Smith", perpetrator="Red Brigade"),
        profile(
            "b", coords=None, city="Lincoln Park", victim="John Smith", perpetrator="Red Brigade"
        ),
    )
    assert "shared names: john smith, red brigade" in named.reasons
    assert named.score > plain.score


def test_merge_undated_reports_use_the_publication_date() -> None:
    undated = profile("b", date=None, published="2015-03-10")
    assert compare(profile("a"), undated).veto == (
        "dated 2015-03-12, after the other report's publication 2015-03-10"
    )
    a_day_early = profile("b", date=None, published="2015-03-11")  # time zones
    assert compare(profile("a"), a_day_early).veto is None
    later = profile("b", date=None, published="2015-03-14")
    result = compare(profile("a"), later)
    assert result.veto is None
    assert "dated 2015-03-12, the other report published 2015-03-14" in result.reasons


def test_merge_text_overlap_is_reported() -> None:
    from incidents.merge.profile import tokens
    from incidents.merge.similarity import compare_text

    a = frozenset(tokens("Gunmen killed John Smith near Lincoln Park"))
    b = frozenset(tokens("John Smith was shot dead near Lincoln Park by gunmen"))
    c = frozenset(tokens("A bomb exploded at the market"))
    overlap = compare_text(a, b)
    assert overlap.reason == "text similarity 0.77 (gunmen, john, lincoln, park, smith)"
    assert overlap.score > compare_text(a, c).score == 0
    assert compare_text(a, c).reason == "no words in common"


def test_merge_profile_round_trips_through_json() -> None:
    original = profile("a", victim="John Smith")
    assert MergeProfile.from_dict(original.to_dict()) == original


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2015-03-12", "2015-03-12", "day", ("2015-03-12", "2015-03-12")),
        ("2015-02", "2015-02", "month", ("2015-02-01", "2015-02-28")),
        ("2016-02-10", "2016-02-10", "month", ("2016-02-01", "2016-02-29")),
        ("2015", None, "year", ("2015-01-01", "2015-12-31")),
        ("2015-03-09", "2015-03-15", "week", ("2015-03-09", "2015-03-15")),
        ("garbage", None, "day", (None, None)),
    ],
)
def test_merge_date_range_respects_precision(
    start: str, end: str | None, precision: str, expected: tuple[str | None, str | None]
) -> None:
    first, last = date_range(start, end, precision)
    assert (first and first.isoformat(), last and last.isoformat()) == expected


def test_merge_names_and_proper_names() -> None:
    assert normalise_name("Al-Bāb") == "al bab"
    assert normalise_name("The City of Springfield") == "springfield"
    assert proper_names("Unknown gunmen") == []
    assert proper_names("the Islamic State group") == ["islamic state"]


def test_merge_blocking_windows() -> None:
    day = profile("a").window()
    assert day == (dt.date(2015, 3, 11), dt.date(2015, 3, 13))
    undated = profile("b", date=None, published="2015-04-30").window()
    assert undated == (dt.date(2015, 3, 31), dt.date(2015, 4, 30))
    assert not overlaps(day, undated)
    assert overlaps(day, profile("c", date="2015-03", precision=Precision.MONTH).window())
    assert not overlaps(day, None)
    assert union([day, None, undated]) == (dt.date(2015, 3, 11), dt.date(2015, 4, 30))
    profiles = [
        profile("a"),
        profile("b", date="2015-03-13"),
        profile("c", date="2015-06-01"),
        profile("d", date=None, published=None),
        profile("e", date=None, published=None, city="Decatur", coords=None),
    ]
    assert sorted(candidate_pairs(profiles)) == [(0, 1), (0, 3), (1, 3), (2, 3)]
