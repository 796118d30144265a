"""The disclosure audit: no hidden count may be pinned down, or narrowed below what its label
says, by what else is shown.

A family of figures is a set of counts linked by exact sums, "parent = sum of children": a
quarter and its months, a site kind and its sites, a total and its split, a funnel stage and
the persons who went on plus those who did not. Every figure is either published (rounded by
data_access/publication/rounding.py, or hidden as "<5") or unpublished but implied (the
persons who did not go on, the breaches behind a share); a reader knows each published
figure only within its rounding bounds, and an unpublished one only as ">= 0".

The audit does what a careful attacker would: interval constraint propagation over every sum
in the family, over and over, until nothing tightens. A hidden or implied count of 1-4 is
*narrowed* when its interval says more than its "<5" label: it no longer holds all of 1, 2, 3
and 4 (a "<5" total split into two "<5" parts leaves each part 1-3). The worst case, for any
hidden, withheld or implied count, is *pinned*: the interval shrinks to one value (for
example four hidden sites under a kind shown as 5 beside one site shown as 5: 5..9 minus 5
leaves 4 for four sites, so each is 1). Then the audit changes what narrowed it: a figure of
the sum is shown rounded the other
way (its other multiple of 5, which moves its bounds by 5), or, where no rounding can help
(four hidden sites under a hidden kind: each must be 1), the pinned figure is *withheld*:
shown as "–", so nobody can tell even whether it is 0. The audit runs again until nothing is
narrowed. Sums and differences of shown figures stay multiples of 5 throughout.

Pure Python on plain lists: tested on crafted tables and against brute force in
tests/unit/test_publication_audit.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from data_access.publication.rounding import (
    BASE,
    SMALL_MAX,
    WITHHELD,
    bounds,
    round_down_up,
    rounded,
)

INF = float("inf")
MAX_ROUNDS = 500
MAX_PROPAGATION_ROUNDS = 2000
# How far (in sums) the audit looks for a small figure to withhold before it withholds one of
# 5 or more: a small one a sum further away loosens the chain as well, at a fraction of the cost.
SMALL_RINGS = 2


@dataclass
class Family:
    """Figures (by id) with their true counts, and the sums that link them."""

    values: list[int] = field(default_factory=list)
    published: list[bool] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    sums: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)

    def add(self, figure: str, value: int, published: bool = True) -> int:
        if figure in self.index:
            i = self.index[figure]
            if self.values[i] != value:
                raise ValueError(f"{figure} added twice with different values")
            self.published[i] = self.published[i] or published
            return i
        self.index[figure] = len(self.values)
        self.values.append(int(value))
        self.published.append(published)
        self.ids.append(figure)
        return self.index[figure]

    def add_sum(self, parent: str, children: Sequence[str]) -> None:
        """parent = sum of children (all added before)."""
        p = self.index[parent]
        kids = tuple(self.index[c] for c in children)
        if sum(self.values[c] for c in kids) != self.values[p]:
            raise ValueError(f"{parent} is not the sum of its children")
        if kids:
            self.sums.append((p, kids))


def propagate(
    lo: list[float], hi: list[float], sums: Sequence[tuple[int, tuple[int, ...]]]
) -> None:
    """Tighten the bounds in place until no sum tightens them further (sound: the true
    values always stay inside). All sums at once per round, in numpy: a cube has thousands."""
    if not sums:
        return
    parents = np.array([p for p, _ in sums], dtype=np.int64)
    sizes = np.array([len(kids) for _, kids in sums], dtype=np.int64)
    kids = np.fromiter((c for _, ks in sums for c in ks), dtype=np.int64, count=int(sizes.sum()))
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    owner = np.repeat(np.arange(len(sums)), sizes)  # the sum each child entry belongs to
    low = np.asarray(lo, dtype=float)
    high = np.asarray(hi, dtype=float)
    for _ in range(MAX_PROPAGATION_ROUNDS):
        before_lo, before_hi = low.copy(), high.copy()
        k_lo, k_hi = low[kids], high[kids]
        open_hi = np.isinf(k_hi)
        finite_hi = np.where(open_hi, 0.0, k_hi)
        sum_lo = np.add.reduceat(k_lo, starts)
        sum_hi_finite = np.add.reduceat(finite_hi, starts)
        open_count = np.add.reduceat(open_hi.astype(np.int64), starts)
        sum_hi = np.where(open_count > 0, np.inf, sum_hi_finite)
        np.maximum.at(low, parents, sum_lo)
        np.minimum.at(high, parents, sum_hi)
        p_lo, p_hi = low[parents][owner], high[parents][owner]
        others_open = open_count[owner] - open_hi
        others_hi = np.where(others_open > 0, np.inf, sum_hi_finite[owner] - finite_hi)
        others_lo = sum_lo[owner] - k_lo
        with np.errstate(invalid="ignore"):
            new_lo = np.where(np.isinf(others_hi), -np.inf, p_lo - others_hi)
        np.maximum.at(low, kids, new_lo)
        np.minimum.at(high, kids, p_hi - others_lo)
        if np.array_equal(before_lo, low) and np.array_equal(before_hi, high):
            break
    lo[:] = low.tolist()
    hi[:] = high.tolist()


def intervals(family: Family, shown: Sequence[int | None]) -> tuple[list[float], list[float]]:
    """What a reader can infer of every figure from the shown ones and the sums."""
    lo: list[float] = []
    hi: list[float] = []
    for value, published in zip(shown, family.published, strict=True):
        low, high = bounds(value, published=published)
        lo.append(low)
        hi.append(high)
    propagate(lo, hi, family.sums)
    return lo, hi


def narrowed(
    family: Family, lo: Sequence[float], hi: Sequence[float], hidden: Sequence[bool]
) -> list[int]:
    """Figures whose true count is 1-4 and of which what is shown tells more than the audit
    allows: a figure shown "<5" (`hidden`) whose interval no longer holds all of 1-4 (its
    label's protection interval), or a withheld or implied one pinned to one value.

    Why not four values for "–" and implied figures too: tried on the demo data, that withheld
    a month's total starts (6) or requests (11) under some keys, and a "–" says "unknown"
    anyway; under the exact attack (exact.py) some are narrowed, none pinned (docs/privacy.md)."""
    return [
        i
        for i, value in enumerate(family.values)
        if 1 <= value <= SMALL_MAX
        and ((lo[i] > 1 or hi[i] < SMALL_MAX) if hidden[i] else lo[i] == hi[i])
    ]


def pinned(family: Family, lo: Sequence[float], hi: Sequence[float]) -> list[int]:
    """Figures whose true count is 1-4 and follows exactly from what is shown."""
    return [
        i
        for i, value in enumerate(family.values)
        if 1 <= value <= SMALL_MAX and lo[i] == hi[i] == value
    ]


def protect(
    family: Family, key: bytes, fixed: dict[str, int | None] | None = None
) -> dict[str, int | None]:
    """The shown value of every published figure, audited so that no hidden or implied count
    of 1-4 can be derived exactly from them: a multiple of 5, 0, None ("<5") or WITHHELD.

    Remedies, in order: round a figure the other way (each figure at most once), else withhold
    the pinned figure itself (or, for an implied one, a published neighbour in the sum that
    pins it). Unpublished figures are left out of the result.

    `fixed` gives figures already published elsewhere (their shown value); they are never
    moved or withheld here, so a figure stays the same in every view."""
    fixed = fixed or {}
    published = list(family.published)
    shown: list[int | None] = [
        fixed[figure] if figure in fixed else rounded(v, key, figure) if pub else None
        for v, pub, figure in zip(family.values, published, family.ids, strict=True)
    ]
    sums_of: dict[int, list[int]] = {}
    for k, (p, kids) in enumerate(family.sums):
        for i in (p, *kids):
            sums_of.setdefault(i, []).append(k)
    frozen = {family.index[f] for f in fixed}
    flipped: set[int] = set(frozen)  # each figure is rounded the other way at most once
    view = Family(family.values, published, family.ids, family.index, family.sums)
    for _ in range(MAX_ROUNDS):
        lo, hi = intervals(view, shown)
        hidden = [p and v is None for p, v in zip(published, shown, strict=True)]
        exposed = narrowed(view, lo, hi, hidden)
        if not exposed:
            break
        # All narrowed figures at once: a full propagation per figure would be slow on a cube
        # with thousands of sums.
        flips: dict[int, int] = {}
        stuck: list[int] = []
        for target in exposed:
            move = _widening(view, shown, lo, hi, target, sums_of.get(target, []), flipped)
            if move is not None:
                flips.setdefault(move[0], move[1])
            else:
                stuck.append(target)
        withhold = _cover(view, lo, hi, stuck, sums_of, frozen)
        for figure, direction in flips.items():
            if figure not in withhold:
                low, high = round_down_up(family.values[figure])
                shown[figure] = high if direction > 0 else low
                flipped.add(figure)
        for figure in withhold:
            published[figure] = False
            shown[figure] = None
    else:  # pragma: no cover - every round withholds or flips something, so this settles
        raise RuntimeError("the disclosure audit did not settle")
    return {
        figure: (shown[i] if published[i] else WITHHELD)
        for i, figure in enumerate(family.ids)
        if family.published[i]
    }


def _cover(
    family: Family,
    lo: Sequence[float],
    hi: Sequence[float],
    targets: Sequence[int],
    sums_of: dict[int, list[int]],
    keep: set[int],
) -> set[int]:
    """Small figures to withhold so that each narrowed target loses what narrows it, as few
    as may be: a greedy set cover (as in secondary-suppression heuristics), where a figure
    covers the targets of whose binding sums it is a binding part (or that it is). A "<5"
    total 3 over "<5" parts 1 and 2 narrows all three (each part is at most 3, the total at
    least 2): one "–" anywhere in the sum frees the other two, where withholding each
    narrowed figure cost three. A target with no small figure near it falls back on
    `_neighbour`.

    Tried as costs on the demo data: one per figure withholds the fewest (starts 341 against
    376 withholding each narrowed "<5" itself, contacts 172 against 310, waiting 92 against
    212); the count plus one, as in tau-ARGUS, withholds more figures of smaller counts
    (contacts 181, requests 784 against 644)."""
    options: dict[int, set[int]] = {}
    chosen: set[int] = set()
    for t in targets:
        helpful = {t}
        for k in sums_of.get(t, []):
            p, kids = family.sums[k]
            if t == p:
                if sum(hi[c] for c in kids) < SMALL_MAX:
                    helpful |= {c for c in kids if hi[c] < INF}
                if sum(lo[c] for c in kids) > 1:
                    helpful |= {c for c in kids if lo[c] > 0}
                continue
            others = [c for c in kids if c != t]
            if hi[p] - sum(lo[c] for c in others) < SMALL_MAX:
                helpful |= {p} | {c for c in others if lo[c] > 0}
            if lo[p] - sum(hi[c] for c in others) > 1:
                helpful |= {p} | {c for c in others if hi[c] < INF}
        small = {
            c
            for c in helpful
            if family.published[c] and c not in keep and family.values[c] <= SMALL_MAX
        }
        if small:
            options[t] = small
        else:
            chosen.add(_neighbour(family, t, sums_of, keep))
    open_targets = set(options)
    while open_targets:
        score: dict[int, int] = {}
        for t in open_targets:
            for c in options[t]:
                score[c] = score.get(c, 0) + 1
        best = max(score, key=lambda c: (score[c], -c))
        chosen.add(best)
        open_targets = {t for t in open_targets if best not in options[t]}
    return chosen


def _neighbour(family: Family, target: int, sums_of: dict[int, list[int]], keep: set[int]) -> int:
    """A published figure to withhold for an implied (or fixed, or already withheld) figure
    that is still narrowed: the smallest in its own sums, other than the fixed ones (the cost
    of withholding a figure is its count, as in tau-ARGUS's secondary suppression: a "–" where
    a 3 was loses little, a month of 30 drawn as nothing reads as if the work stopped). When
    every figure of its sums is unpublished already, the chain runs through them from further
    out (a withheld site total still follows from its kind and the other sites), so look one
    sum further, and so on. When the nearest published figures are all 5 or more, look up to
    SMALL_RINGS sums further for a small one first (it loosens the chain as well).

    Over 8 keys on the demo data (requests, starts, ends, active, waiting), the smallest
    rather than the largest withholds 2.6 % more figures but none of 5 or more (56 before,
    14 of them 20 or more) and 18 % less in total; with protection intervals (narrowed, not
    only pinned) the further look keeps it at none of 5 or more (3 without it)."""
    seen = {target}
    ring = {target}
    nearest: int | None = None  # the smallest of the nearest published figures, if large
    further = 0  # rings looked at beyond it
    while ring and further <= SMALL_RINGS:
        ring = {i for j in ring for k in sums_of.get(j, []) for i in _members(family, k)} - seen
        candidates = [i for i in ring if family.published[i] and i not in keep]
        if candidates:
            smallest = min(candidates, key=lambda i: (family.values[i], i))
            if family.values[smallest] <= SMALL_MAX:
                return smallest
            nearest = smallest if nearest is None else nearest
        further += nearest is not None
        seen |= ring
    if nearest is not None:
        return nearest
    # A count of 1-4 is only ever pinned with some published figure in the chain.
    raise RuntimeError(f"cannot protect {family.ids[target]}")  # pragma: no cover


def _members(family: Family, k: int) -> tuple[int, ...]:
    parent, kids = family.sums[k]
    return (parent, *kids)


def _widening(
    family: Family,
    shown: list[int | None],
    lo: list[float],
    hi: list[float],
    target: int,
    sums: Sequence[int],
    flipped: set[int],
) -> tuple[int, int] | None:
    """A published figure to round the other way, and which way, to loosen a sum that pins
    `target`: (figure, +1 or -1), or None if no such move is left."""
    best: tuple[float, int, int] | None = None  # (preference, figure to move, direction)

    def consider(preference: float, figure: int, direction: int) -> None:
        nonlocal best
        movable = figure not in flipped and _movable(family, shown, figure, direction)
        if movable and (best is None or preference < best[0]):
            best = (preference, figure, direction)

    for k in sums:
        p, kids = family.sums[k]
        if target not in kids:
            continue  # a parent pinned by its children: no rounding the other way helps
        others_lo = sum(lo[c] for c in kids if c != target)
        others_hi = sum(hi[c] for c in kids if c != target)
        if hi[p] - others_lo < SMALL_MAX:  # this sum caps target below 4
            consider(0.0, p, +1)
            for c in kids:
                if c != target:
                    consider(0.5, c, -1)
        if lo[p] - others_hi > 1:  # ... or lifts it above 1
            consider(0.0, p, -1)
            for c in kids:
                if c != target:
                    consider(0.5, c, +1)
    return None if best is None else (best[1], best[2])


def _movable(family: Family, shown: Sequence[int | None], i: int, direction: int) -> bool:
    """Whether figure i is published and may be shown rounded the other way, in `direction`
    (up when it was rounded down, down when it was rounded up and stays at least 5)."""
    if not family.published[i] or family.values[i] <= SMALL_MAX or shown[i] is None:
        return False
    low, high = round_down_up(family.values[i])
    if direction > 0:
        return shown[i] == low < high
    return shown[i] == high > low >= BASE
