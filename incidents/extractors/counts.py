"""Reconcile an incident's casualty mentions into figures per outcome and group.

Rules (one per analyst habit):
- one coordinated phrase ("One civilian and six assailants were killed") adds up its
  parts: civilians 1 -> total 1, perpetrators 6 apart;
- "seven people, including four assailants" -> total 3, perpetrators 4 (the contract's
  total never counts perpetrators);
- a breakdown ("Among those killed were 16 policemen and five civilians") never adds to a
  total that is stated;
- across sentences the largest well-sourced total wins (repeats and partial counts do not
  add up); a stated toll ("the death toll rose to 30") is taken as is;
- people told as more than those counted before ("a policeman was also killed") add to
  the total;
- a number beats a quantifier word ("two policemen" over "several policemen");
- a negated figure ("no one was hurt") is kept only when no positive figure exists.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from incidents.extractors.mentions import CasualtyMention, Span_
from incidents.extractors.status import weaker
from incidents.model import Status

_QUALIFIER_RANK = {"exact": 0, "about": 1, "range": 2, "at_most": 3, "at_least": 4}
_USABLE = (Status.REPORTED, Status.ATTRIBUTED, Status.CLAIMED, Status.HEDGED)


@dataclass(slots=True)
class Figure:
    outcome: str
    group: str
    value: int
    min: int | None
    max: int | None
    qualifier: str
    status: Status
    spans: list[Span_]
    more: bool = False  # people besides those counted before ("were also killed")
    vague: bool = False
    sents: frozenset[int] = frozenset()  # the sentences it is told in  # a quantifier word ("several", "dozens of"), not a number


_VAGUE = {"several", "many", "numerous", "dozens", "scores", "hundreds", "thousands", "few"}


def _vague(m: CasualtyMention) -> bool:
    return bool(_VAGUE & set(m.text.lower().split()))


def reconcile(mentions: list[CasualtyMention]) -> list[Figure]:
    """Figures for one incident: a total and the groups, per outcome.

    "Shot" and "stabbed" count people hit, killed or not: when the text gives no explicit
    injured figure, the injured are those hit minus those killed ("four people were shot,
    one fatally" -> 1 killed, 3 injured; "he was shot ... he died" -> 1 killed, 0 injured).
    """
    by_outcome: dict[str, list[CasualtyMention]] = defaultdict(list)
    for mention in mentions:
        by_outcome[mention.outcome].append(mention)
    injured = by_outcome.get("injured", [])
    hits = [m for m in injured if m.hit]
    explicit = [m for m in injured if not m.hit]
    if hits and explicit:
        by_outcome["injured"] = explicit  # explicit figures win ...
    out: list[Figure] = []
    for outcome, items in by_outcome.items():
        others = frozenset(m.sent for m in mentions if m.outcome != outcome)
        out.extend(_reconcile_outcome(outcome, items, others))
    if hits and not explicit:
        _subtract_killed(out)
    elif hits and explicit:
        # ... unless they cover only part of those hit ("five people were shot ... the other
        # three received non-life-threatening injuries"): then hit - killed
        hit_figures = _reconcile_outcome("injured", hits)
        hit_total = next((f for f in hit_figures if f.group == "total"), None)
        _raise_injured_to(out, hit_total)
    return out


def _raise_injured_to(figures: list[Figure], hit: Figure | None) -> None:
    if hit is None:
        return
    killed = next((f for f in figures if f.outcome == "killed" and f.group == "total"), None)
    injured = next((f for f in figures if f.outcome == "injured" and f.group == "total"), None)
    floor = hit.value - (killed.value if killed else 0)
    if injured is not None and floor > injured.value:
        injured.value = floor
        injured.min = floor if injured.min is not None else None
        injured.max = floor if injured.max is not None else None
        injured.spans = list(injured.spans) + list(hit.spans)


def _subtract_killed(figures: list[Figure]) -> None:
    for group in {f.group for f in figures}:
        killed = next((f for f in figures if f.outcome == "killed" and f.group == group), None)
        injured = next((f for f in figures if f.outcome == "injured" and f.group == group), None)
        if killed is None or injured is None:
            continue
        injured.value = max(injured.value - killed.value, 0)
        injured.min = injured.value if injured.min is not None else None
        injured.max = injured.value if injured.max is not None else None
        if injured.value == 0:
            figures.remove(injured)


def _reconcile_outcome(outcome: str, mentions: list[CasualtyMention], others: frozenset[int] = frozenset()) -> list[Figure]:
    usable = [m for m in mentions if m.status in _USABLE and m.value is not None]
    negated = [m for m in mentions if m.status == Status.NEGATED or m.value == 0]
    clauses: dict[int, list[CasualtyMention]] = defaultdict(list)
    for mention in usable:
        if mention.value:
            clauses[mention.clause].append(mention)
    totals: list[Figure] = []
    groups: dict[str, list[Figure]] = defaultdict(list)
    for items in clauses.values():
        total, perps, parts = _clause_figures(outcome, items)
        if total is not None:
            totals.append(total)
        if perps is not None:
            groups["perpetrators"].append(perps)
        for part in parts:
            groups[part.group].append(part)
    figures: list[Figure] = []
    base = [f for f in totals if not f.more]
    best_total = _best(base or totals)
    if best_total is not None and base and not best_total.sents & others:
        # ("two men were killed ... one man and two women were also wounded": "also" sets the
        # wounded beside the dead, it does not add to the wounded told with them)
        best_total = _plus_more(best_total, [f for f in totals if f.more])
    if best_total is None:
        # no phrase counted the people as a whole: add the largest subgroups of one clause
        best_total = _total_from_groups(outcome, groups)
    if best_total is not None:
        figures.append(best_total)
    elif negated and not groups:
        m = negated[0]
        figures.append(Figure(outcome, "total", 0, 0, 0, "exact", Status.NEGATED, m.spans))
    for items in groups.values():
        best = _best(items)
        if best is not None:
            figures.append(best)
    return figures


# "also killed" adds to a count told just before it; further on, a long story is more often
# telling its dead again than adding to them
_MORE_WITHIN = 300  # characters


def _plus_more(total: Figure, more: list[Figure]) -> Figure:
    """'Gunmen killed a councillor. A policeman and one other person were also killed.' -> 3."""
    start = min(s.start for s in total.spans) if total.spans else 0
    usable = [
        f for f in more
        if f.status in (Status.REPORTED, Status.ATTRIBUTED, Status.CLAIMED) and not f.vague
        and f.spans and 0 < min(s.start for s in f.spans) - start <= _MORE_WITHIN
    ]
    if not usable:
        return total
    value = total.value + sum(f.value for f in usable)
    lo = (total.min or 0) + sum(f.min or 0 for f in usable) if total.min is not None else None
    hi = total.max + sum(f.max for f in usable) if total.max is not None and all(f.max is not None for f in usable) else None
    spans = list(total.spans) + [s for f in usable for s in f.spans]
    return Figure(total.outcome, total.group, value, lo, hi, total.qualifier, total.status, spans, vague=total.vague, sents=total.sents)


def _clause_figures(outcome: str, items: list[CasualtyMention]) -> tuple[Figure | None, Figure | None, list[Figure]]:
    """One coordinated phrase -> (total, perpetrators, subgroup figures)."""
    heads = [m for m in items if m.role in ("item", "total")]
    included = [m for m in items if m.role == "included"]
    breakdown = [m for m in items if m.role == "breakdown"]
    parts: list[Figure] = [_figure(m) for m in breakdown + included if m.group not in ("total", "perpetrators")]
    victims = [m for m in heads if m.group != "perpetrators"]
    perps = [m for m in heads if m.group == "perpetrators"] + [m for m in included + breakdown if m.group == "perpetrators"]
    total: Figure | None = None
    if victims:
        total = _sum(outcome, "total", victims)
        included_perps = [m for m in included if m.group == "perpetrators"]
        if included_perps and total is not None:
            removed = sum(m.value or 0 for m in included_perps)
            total.value = max(total.value - removed, 0)
            total.min = total.value if total.min is not None else None
            total.max = total.value if total.max is not None else None
        for m in victims:
            if m.group != "total" and len(victims) > 1 or m.group != "total":
                parts.append(_figure(m))
    perp_figure = _sum(outcome, "perpetrators", perps) if perps else None
    if breakdown and not victims:
        total = None  # a breakdown alone is reported through its groups
    return total, perp_figure, parts


def _sum(outcome: str, group: str, items: list[CasualtyMention]) -> Figure | None:
    if not items:
        return None
    value = sum(m.value or 0 for m in items)
    qualifiers = {m.qualifier for m in items}
    qualifier = max(qualifiers, key=lambda q: _QUALIFIER_RANK.get(q, 0))
    lo = sum((m.min if m.min is not None else m.value or 0) for m in items)
    hi_parts = [m.max for m in items]
    hi = sum(h for h in hi_parts if h is not None) if all(h is not None for h in hi_parts) else None
    status = Status.REPORTED
    for m in items:
        status = weaker(status, m.status)
    spans = [s for m in items for s in m.spans]
    return Figure(
        outcome, group, value, lo, hi, qualifier, status, spans,
        more=all(m.more for m in items), vague=any(_vague(m) for m in items), sents=frozenset(m.sent for m in items),
    )


def _figure(m: CasualtyMention) -> Figure:
    return Figure(m.outcome, m.group, m.value or 0, m.min, m.max, m.qualifier, m.status, list(m.spans), vague=_vague(m), sents=frozenset({m.sent}))


def _best(figures: list[Figure]) -> Figure | None:
    """The largest figure from the best-sourced status present."""
    if not figures:
        return None
    # the article's or a named source's count before a perpetrator's claim, before a hedge
    solid = [f for f in figures if f.status in (Status.REPORTED, Status.ATTRIBUTED)]
    claimed = [f for f in figures if f.status == Status.CLAIMED]
    pool = solid or claimed or figures
    pool = [f for f in pool if not f.vague] or pool  # a number beats "several"
    return max(pool, key=lambda f: (f.value, -_QUALIFIER_RANK.get(f.qualifier, 0)))


def _total_from_groups(outcome: str, groups: dict[str, list[Figure]]) -> Figure | None:
    victims = {g: items for g, items in groups.items() if g != "perpetrators"}
    if not victims:
        return None
    best = {g: _best(items) for g, items in victims.items()}
    chosen = [f for f in best.values() if f is not None]
    if not chosen:
        return None
    value = sum(f.value for f in chosen)
    qualifier = max((f.qualifier for f in chosen), key=lambda q: _QUALIFIER_RANK.get(q, 0))
    status = Status.REPORTED
    for f in chosen:
        status = weaker(status, f.status)
    spans = [s for f in chosen for s in f.spans]
    return Figure(outcome, "total", value, value, value if qualifier == "exact" else None, qualifier, status, spans)
