"""The disclosure audit: no hidden count may be pinned down by what else is shown.

A family of figures is a set of counts linked by exact sums, "parent = sum of children": a
quarter and its months, a site kind and its sites, a total and its split, a funnel stage and
the persons who went on plus those who did not. Every figure is either published (rounded by
data_access/publication/rounding.py, or hidden as "<5") or unpublished but implied (the
persons who did not go on, the breaches behind a share); a reader knows each published
figure only within its rounding bounds, and an unpublished one only as ">= 0".

The audit does what a careful attacker would: interval constraint propagation over every sum
in the family, over and over, until nothing tightens. A hidden or implied count is *pinned*
when its interval shrinks to one value of 1-4 (for example four hidden sites under a kind
shown as 5 beside one site shown as 5: 5..9 minus 5 leaves 4 for four sites, so each is 1).
Then the audit changes the rounding that pinned it: the parent of the tightest sum is shown
rounded the other way (or, if that is not enough, 5 further), which widens the interval by 5,
and the audit runs again. Sums and differences of shown figures stay multiples of 5 throughout.

Pure Python on plain lists: tested on crafted tables and against brute force in
tests/unit/test_publication_audit.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from data_access.publication.rounding import BASE, SMALL_MAX, bounds, round_down_up, rounded

INF = float("inf")
MAX_FLIPS = 10_000


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
    values always stay inside)."""
    by_figure: dict[int, list[int]] = {}
    for k, (p, kids) in enumerate(sums):
        for i in (p, *kids):
            by_figure.setdefault(i, []).append(k)
    queue = list(range(len(sums)))
    queued = set(queue)
    # Consistent bounds settle quickly; bounds made contradictory by a figure moved beyond its
    # rounding (see _moved) could otherwise chase each other for ever.
    budget = 200 * len(sums) + 1000
    while queue and budget:
        budget -= 1
        k = queue.pop()
        queued.discard(k)
        p, kids = sums[k]
        changed = _tighten(lo, hi, p, kids)
        for i in changed:
            for other in by_figure[i]:
                if other not in queued:
                    queued.add(other)
                    queue.append(other)


def _tighten(lo: list[float], hi: list[float], p: int, kids: tuple[int, ...]) -> list[int]:
    changed: list[int] = []
    sum_lo = sum(lo[c] for c in kids)
    finite_hi = [hi[c] for c in kids if hi[c] != INF]
    open_kids = len(kids) - len(finite_hi)
    sum_hi = INF if open_kids else sum(finite_hi)
    if sum_lo > lo[p]:
        lo[p] = sum_lo
        changed.append(p)
    if sum_hi < hi[p]:
        hi[p] = sum_hi
        changed.append(p)
    finite_sum = sum(finite_hi)
    for c in kids:
        # The others' highest and lowest possible sums, without c.
        others_open = open_kids - (1 if hi[c] == INF else 0)
        others_hi = INF if others_open else finite_sum - (hi[c] if hi[c] != INF else 0)
        others_lo = sum_lo - lo[c]
        new_lo = lo[p] - others_hi if others_hi != INF else -INF
        new_hi = hi[p] - others_lo
        if new_lo > lo[c]:
            lo[c] = new_lo
            changed.append(c)
        if new_hi < hi[c]:
            hi[c] = new_hi
            changed.append(c)
    return changed


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


def pinned(family: Family, lo: Sequence[float], hi: Sequence[float]) -> list[int]:
    """Figures whose true count is 1-4 and follows exactly from what is shown."""
    return [
        i
        for i, value in enumerate(family.values)
        if 1 <= value <= SMALL_MAX and lo[i] == hi[i] == value
    ]


def protect(family: Family, key: bytes) -> dict[str, int | None]:
    """The shown value of every published figure (None = "<5"), audited: no hidden or implied
    count of 1-4 can be derived exactly from them. Unpublished figures are left out."""
    shown: list[int | None] = [
        rounded(v, key, figure) if pub else None
        for v, pub, figure in zip(family.values, family.published, family.ids, strict=True)
    ]
    for _ in range(MAX_FLIPS):
        lo, hi = intervals(family, shown)
        exposed = pinned(family, lo, hi)
        if not exposed:
            break
        _widen(family, shown, lo, hi, exposed[0])
    else:  # pragma: no cover - the widening always terminates long before
        raise RuntimeError("the disclosure audit did not settle")
    return {figure: shown[i] for i, figure in enumerate(family.ids) if family.published[i]}


def _widen(
    family: Family, shown: list[int | None], lo: list[float], hi: list[float], target: int
) -> None:
    """Loosen the sum that pins `target` most tightly by moving one published figure by 5."""
    truth = family.values[target]
    best: tuple[float, int, int] | None = None  # (slack, figure to move, direction)
    for p, kids in family.sums:
        members = (p, *kids)
        if target not in members:
            continue
        if target in kids:
            others_lo = sum(lo[c] for c in kids if c != target)
            others_hi = sum(hi[c] for c in kids if c != target)
            slack_up = hi[p] - others_lo - truth  # 0: this sum pins target from above
            slack_down = truth - (lo[p] - others_hi)  # 0: ... from below
            if slack_up == 0 and _movable(family, shown, p, +1):
                best = _better(best, (slack_up, p, +1))
            if slack_down == 0 and _movable(family, shown, p, -1):
                best = _better(best, (slack_down, p, -1))
            for c in kids:
                if c != target and slack_up == 0 and _movable(family, shown, c, -1):
                    best = _better(best, (0.5, c, -1))
                if c != target and slack_down == 0 and _movable(family, shown, c, +1):
                    best = _better(best, (0.5, c, +1))
        else:  # target is the parent: its children pin it
            for c in kids:
                for direction in (+1, -1):
                    if _movable(family, shown, c, direction):
                        best = _better(best, (1.0, c, direction))
    if best is None:
        # No sum member can move: widen any published figure in a sum with the target.
        for p, kids in family.sums:
            if target in (p, *kids):
                for i in (p, *kids):
                    if i != target and family.published[i] and family.values[i] > SMALL_MAX:
                        best = (2.0, i, +1)
                        break
            if best:
                break
    if best is None:  # pragma: no cover - a pinned figure always has a published neighbour
        raise RuntimeError(f"cannot protect {family.ids[target]}")
    _, figure, direction = best
    shown[figure] = _moved(family.values[figure], shown[figure], direction)


def _better(
    best: tuple[float, int, int] | None, candidate: tuple[float, int, int]
) -> tuple[float, int, int]:
    return candidate if best is None or candidate[0] < best[0] else best


def _movable(family: Family, shown: Sequence[int | None], i: int, direction: int) -> bool:
    """Whether figure i is published with a count of 5 or more and can move that way."""
    if not family.published[i] or family.values[i] <= SMALL_MAX or shown[i] is None:
        return False
    return direction > 0 or shown[i] - BASE >= BASE  # type: ignore[operator]


def _moved(value: int, current: int | None, direction: int) -> int:
    """The other rounding of value if it lies that way, otherwise 5 further. (A figure moved 5
    further lies outside the bounds a reader assumes; that misleads, it never reveals.)"""
    low, high = round_down_up(value)
    assert current is not None
    if direction > 0:
        return high if current < high else current + BASE
    return low if current > low else max(BASE, current - BASE)
