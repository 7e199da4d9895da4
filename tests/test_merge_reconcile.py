"""Reconciling the figures of several reports: low / best / high, UCDP style."""

from __future__ import annotations

import datetime as dt

from incidents.merge.reconcile import SourceFigure, reconcile


def figure(
    value: int | None,
    status: str = "reported",
    published: str | None = "2024-06-24",
    qualifier: str = "exact",
    minimum: int | None = None,
    maximum: int | None = None,
    order: int = 0,
    outcome: str = "killed",
    group: str = "total",
) -> SourceFigure:
    return SourceFigure(
        outcome=outcome,
        group=group,
        value=value,
        min=minimum if minimum is not None else value,
        max=maximum,
        qualifier=qualifier,
        status=status,
        published=dt.date.fromisoformat(published) if published else None,
        order=order,
        article=f"art{order}",
    )


def test_merge_reconcile_best_is_the_most_recent_well_sourced_figure() -> None:
    [result] = reconcile(
        [
            figure(15, published="2024-06-23", order=1),
            figure(21, status="attributed", published="2024-06-25", order=2),
            figure(19, published="2024-06-24", order=3),
        ]
    )
    assert (result.low, result.best, result.high) == (15, 21, 21)
    assert result.n_figures == 3
    assert result.reasons == ("best 21 from art2 (2024-06-25, attributed, exact)",)


def test_merge_reconcile_high_never_comes_from_hedged_or_speculative_sources() -> None:
    [result] = reconcile(
        [
            figure(10, order=1),
            figure(50, status="hedged", published="2024-06-30", order=2),
            figure(80, status="speculative", published="2024-06-30", order=3),
            figure(0, status="negated", published="2024-06-30", order=4),
        ]
    )
    assert (result.low, result.best, result.high) == (10, 10, 10)
    assert "3 figure(s) not used: hedged, negated, speculative" in result.reasons


def test_merge_reconcile_claims_raise_high_but_not_best() -> None:
    [result] = reconcile([figure(7, order=1), figure(30, status="claimed", order=2)])
    assert (result.low, result.best, result.high) == (7, 7, 30)


def test_merge_reconcile_uses_bounds_of_ranges() -> None:
    [result] = reconcile(
        [
            figure(12, qualifier="range", minimum=10, maximum=15, order=1),
            figure(11, qualifier="at_least", published="2024-06-20", order=2),
        ]
    )
    assert (result.low, result.best, result.high) == (10, 12, 15)


def test_merge_reconcile_exact_beats_approximate_from_the_same_day() -> None:
    [result] = reconcile(
        [figure(20, qualifier="about", order=1), figure(18, qualifier="exact", order=2)]
    )
    assert result.best == 18


def test_merge_reconcile_without_credible_figures_invents_nothing() -> None:
    [result] = reconcile([figure(40, status="hedged"), figure(90, status="speculative")])
    assert (result.low, result.best, result.high) == (None, None, None)
    assert result.best_ref is None


def test_merge_reconcile_groups_outcomes_separately() -> None:
    results = reconcile(
        [
            figure(21, order=1),
            figure(5, group="perpetrators", order=2),
            figure(40, outcome="injured", order=3),
        ]
    )
    assert [(r.outcome, r.group, r.best) for r in results] == [
        ("injured", "total", 40),
        ("killed", "perpetrators", 5),
        ("killed", "total", 21),
    ]


def test_merge_reconcile_undated_reports_rank_before_dated_ones() -> None:
    [result] = reconcile(
        [figure(9, published=None, order=5), figure(12, published="2024-01-01", order=1)]
    )
    assert result.best == 12


def test_merge_canonical_perpetrator_is_a_named_credible_actor() -> None:
    from incidents.merge.canonical import MemberFacts, summarise

    def member(*perpetrators: tuple[str, str, str]) -> MemberFacts:
        return MemberFacts(
            main=True, confidence=0.9, published=None, summary="", perpetrators=perpetrators
        )

    assert summarise([member(("Gunmen", "individual", "reported"))]).perpetrator is None
    speculated = member(("Islamic State", "organization", "speculative"))
    assert summarise([speculated]).perpetrator is None
    claimed = member(("Islamic State", "organization", "claimed"))
    other = member(("Al-Shabaab", "organization", "attributed"))
    assert summarise([claimed, claimed, other, speculated]).perpetrator == "Islamic State"
