"""The exact attack: what a reader with an integer-programming solver can derive of each small
count from everything published in its family.

The interval propagation in audit.py is fast but weaker than an attacker who solves the whole
system at once (as the τ-ARGUS audit does): it looks at one sum at a time. Here every published
figure is a variable within its label's bounds (a shown 5k: 5k-4 ... 5k+4, never below 5; "<5":
1-4; 0: 0; "–" and unpublished: 0 and up), every sum of the family is an equation, and for each
figure whose true count is 1-4 we ask the solver (HiGHS) for the smallest and the largest value
it can take, over whole numbers. That is its *feasible range*: the most any combination of the
published figures can tell about it.

- **pinned**: the range is one value (the count is disclosed exactly);
- **narrowed**: the range holds fewer than four values, so it is narrower than what "<5" says
  (1-4): the protection interval is broken.

Cost: two linear programs per small figure would be thousands on a large family, so the
figures are first settled in batches. One program pushes all unsettled figures down at once (its
objective is their sum), another pushes them up; a figure that reaches 1 (or 0) in an integral
solution has a real table behind that value, so its low end is proven, and so on. What is left
is solved one by one, as a mixed-integer program when the linear optimum is fractional.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from data_access.publication.audit import Family
from data_access.publication.cubes import TOTAL
from data_access.publication.rounding import (
    HIDDEN_TEXT,
    SMALL_MAX,
    WITHHELD,
    WITHHELD_TEXT,
    bounds,
)

HIDDEN, WITHHELD_LABEL, IMPLIED = HIDDEN_TEXT, WITHHELD_TEXT, "implied"
PROTECTED_WIDTH = SMALL_MAX - 1  # "<5" leaves four values open: 1, 2, 3, 4
TOLERANCE = 1e-6
MAX_BATCH_ROUNDS = 40
# "0 and up" as a finite bound, so that pushing many figures up at once stays a bounded
# program; far above any count a municipality has, so it constrains nothing.
UNBOUNDED = 1e7


@dataclass(frozen=True)
class Range:
    """What an attacker can derive of one small figure."""

    figure: str
    true: int
    label: str  # "<5", "–" or "implied" (never shown, only implied by the sums)
    low: int
    high: int

    @property
    def pinned(self) -> bool:
        return self.low == self.high

    @property
    def narrowed(self) -> bool:
        return self.high - self.low < PROTECTED_WIDTH


def label_of(shown: int | None, published: bool) -> str | None:
    """The label of a figure that may hide a small count, or None for a shown number."""
    if not published:
        return IMPLIED
    if shown is None:
        return HIDDEN
    if shown == WITHHELD:
        return WITHHELD_LABEL
    return None


class _Model:
    """The family as one linear system in HiGHS, kept between solves (warm starts)."""

    def __init__(self, family: Family, shown: Sequence[int | None]) -> None:
        import highspy

        self.highspy = highspy
        n = len(family.values)
        self.n = n
        lower = np.zeros(n)
        upper = np.full(n, UNBOUNDED)
        for i, (value, published) in enumerate(zip(shown, family.published, strict=True)):
            low, high = bounds(value, published=published)
            lower[i] = low
            upper[i] = high if math.isfinite(high) else UNBOUNDED
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.addVars(n, lower, upper)
        for parent, kids in family.sums:
            index = np.array([parent, *kids], dtype=np.int32)
            coefficients = np.array([1.0] + [-1.0] * len(kids))
            h.addRow(0.0, 0.0, len(index), index, coefficients)
        self.h = h
        self.columns = np.arange(n, dtype=np.int32)

    def _cost(self, figures: Sequence[int]) -> np.ndarray:
        cost = np.zeros(self.n)
        cost[list(figures)] = 1.0
        return cost

    def optimum(self, figures: Sequence[int], maximise: bool) -> np.ndarray:
        """The values of a vertex optimising the sum of `figures`."""
        self.h.changeColsCost(self.n, self.columns, self._cost(figures))
        sense = self.highspy.ObjSense
        self.h.changeObjectiveSense(sense.kMaximize if maximise else sense.kMinimize)
        self.h.run()
        if self.h.getModelStatus() != self.highspy.HighsModelStatus.kOptimal:
            status = self.h.modelStatusToString(self.h.getModelStatus())
            raise RuntimeError(f"the attack did not solve: {status}")
        return np.asarray(self.h.getSolution().col_value)

    def integer_extreme(self, i: int, maximise: bool) -> int:
        """The exact integer minimum or maximum of figure i (a MIP on a copy)."""
        highspy = self.highspy
        lp = self.h.getLp()
        mip = highspy.Highs()
        mip.setOptionValue("output_flag", False)
        mip.passModel(lp)
        mip.changeColsIntegrality(
            self.n, self.columns, np.full(self.n, highspy.HighsVarType.kInteger)
        )
        mip.changeColsCost(self.n, self.columns, self._cost([i]))
        mip.changeObjectiveSense(
            highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
        )
        mip.run()
        return round(mip.getInfo().objective_function_value)


def _integral(solution: np.ndarray) -> bool:
    return bool(np.all(np.abs(solution - np.round(solution)) < TOLERANCE))


def _batches(
    model: _Model,
    still_open: Callable[[bool], list[int]],
    seen: Callable[[list[int], np.ndarray, bool], bool],
) -> None:
    """Push all figures still open down at once, then up, and again while that settles any.
    `still_open(maximise)` names them; `seen(figures, solution, maximise)` is given each
    integral solution (a real table of whole numbers behind its values) and says whether it
    settled something."""
    for _ in range(MAX_BATCH_ROUNDS):
        progress = False
        for maximise in (False, True):
            figures = still_open(maximise)
            if not figures:
                continue
            solution = model.optimum(figures, maximise)
            if _integral(solution):
                progress |= seen(figures, solution, maximise)
        if not progress:
            break


def ranges(
    family: Family, shown: Sequence[int | None], only: Iterable[int] | None = None
) -> list[Range]:
    """The exact feasible range of every figure whose true count is 1-4 (or of `only`)."""
    targets = [
        i
        for i in (range(len(family.values)) if only is None else only)
        if 1 <= family.values[i] <= SMALL_MAX
    ]
    if not targets:
        return []
    model = _Model(family, shown)
    # What a target must reach for its range to be as wide as "<5": down to 1 (or 0 when its
    # label allows it) and up to 4; the true value itself is always reachable.
    floor_of = {i: 1 if label_of(shown[i], family.published[i]) == HIDDEN else 0 for i in targets}
    low = {i: family.values[i] for i in targets}
    high = {i: family.values[i] for i in targets}
    settled_low = {i for i in targets if low[i] <= floor_of[i]}
    settled_high = {i for i in targets if high[i] >= SMALL_MAX}

    def still_open(maximise: bool) -> list[int]:
        return [i for i in targets if i not in (settled_high if maximise else settled_low)]

    def seen(figures: list[int], solution: np.ndarray, maximise: bool) -> bool:
        progress = False
        for i in figures:
            value = round(solution[i])
            if maximise and value > high[i]:
                high[i] = value
                progress = True
                if value >= SMALL_MAX:
                    settled_high.add(i)
            elif not maximise and value < low[i]:
                low[i] = value
                progress = True
                if value <= floor_of[i]:
                    settled_low.add(i)
        return progress

    _batches(model, still_open, seen)
    # The rest one by one: the linear optimum bounds the integer one; a fractional optimum
    # is settled by a mixed-integer program.
    for i in targets:
        if i not in settled_low:
            low[i] = _extreme(model, i, maximise=False)
        if i not in settled_high:
            high[i] = _extreme(model, i, maximise=True)
    return [
        Range(
            family.ids[i],
            family.values[i],
            label_of(shown[i], family.published[i]) or "",
            int(low[i]),
            int(high[i]),
        )
        for i in targets
    ]


def _extreme(model: _Model, i: int, maximise: bool) -> float:
    solution = model.optimum([i], maximise)
    if _integral(solution):
        return float(round(solution[i]))
    return float(model.integer_extreme(i, maximise))


def without_site_splits(family: Family, shown: Sequence[int | None]) -> tuple[Family, list]:
    """The family without the unpublished interior of a site's splits (site x weekday, site x
    time of day, ...), and the shown values in its order: the same attack, ~4x smaller.

    Nothing is lost for the figures kept. In each month and site kind, a site's split is the
    inside of a two-way table whose margins are the sites' totals and the kind's categories:
    any margins with the same sum have a table of whole numbers >= 0 inside (a transportation
    problem is always feasible), so the inside adds no constraint on them; longer periods are
    sums of months, so their insides are sums of the months' ones. What is dropped are figures
    never published; an attacker learns of them at most what the kind's figures say."""

    def interior(figure: str) -> bool:
        _, _, scope, category = figure.split("|")
        return scope.startswith("site:") and category != TOTAL

    drop = {i for i, f in enumerate(family.ids) if not family.published[i] and interior(f)}
    if not drop:
        return family, list(shown)
    kept = Family()
    kept_shown = []
    for i, figure in enumerate(family.ids):
        if i not in drop:
            kept.add(figure, family.values[i], family.published[i])
            kept_shown.append(shown[i])
    for parent, kids in family.sums:
        if parent in drop or any(k in drop for k in kids):
            continue
        kept.add_sum(family.ids[parent], [family.ids[k] for k in kids])
    return kept, kept_shown


def pinned(family: Family, shown: Sequence[int | None]) -> list[str]:
    """The small figures (true count 1-4) that follow exactly from what is shown: those no
    table consistent with it gives another value. Much cheaper than `ranges`: a figure is
    cleared as soon as any whole-number table moves it, and batches move most at once."""
    targets = [i for i, v in enumerate(family.values) if 1 <= v <= SMALL_MAX]
    if not targets:
        return []
    model = _Model(family, shown)
    moved: set[int] = set()

    def seen(figures: list[int], solution: np.ndarray, _maximise: bool) -> bool:
        before = len(moved)
        moved.update(i for i in figures if round(solution[i]) != family.values[i])
        return len(moved) > before

    _batches(model, lambda _maximise: [i for i in targets if i not in moved], seen)
    stuck = []
    for i in targets:
        if i in moved:
            continue
        low = _extreme(model, i, maximise=False)
        if low == family.values[i] and _extreme(model, i, maximise=True) == family.values[i]:
            stuck.append(family.ids[i])
    return stuck


def exposed(family: Family, shown: Sequence[int | None]) -> list[Range]:
    """The small figures an attacker can pin or narrow below "<5"."""
    return [r for r in ranges(family, shown) if r.pinned or r.narrowed]


def report(cubes: dict, measures: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
    """Per measure: how many small figures of each label the attack pins, narrows or leaves
    as wide as "<5" (keys like "<5 pinned", "implied narrowed", "– ok")."""
    out: dict[str, dict[str, int]] = {}
    for measure, cube in cubes.items():
        if measures and measure not in measures:
            continue
        counts: dict[str, int] = {}
        family, shown = without_site_splits(cube.family, cube.shown_list())
        for found in ranges(family, shown):
            verdict = "pinned" if found.pinned else "narrowed" if found.narrowed else "ok"
            counts[f"{found.label} {verdict}"] = counts.get(f"{found.label} {verdict}", 0) + 1
        out[measure] = dict(sorted(counts.items()))
    return out


def information_loss(cubes: dict) -> dict[str, dict[str, float]]:
    """Per measure: the published figures, how many are withheld ("–") and hidden ("<5"), and
    the largest true count withheld (a large one would be a bar drawn as nothing)."""
    out: dict[str, dict[str, float]] = {}
    for measure, cube in cubes.items():
        family = cube.family
        shown = cube.shown_list()
        published = [i for i, p in enumerate(family.published) if p]
        withheld = [i for i in published if shown[i] == WITHHELD]
        out[measure] = {
            "published": len(published),
            "withheld": len(withheld),
            "withheld_share": len(withheld) / len(published) if published else 0.0,
            "hidden": sum(1 for i in published if shown[i] is None),
            "largest_withheld": max((family.values[i] for i in withheld), default=0),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    """python -m data_access.publication.exact [--url URL] [--measure M ...]: the information
    lost per measure, then the attack on the database's committee figures, as counts per
    measure (slow on a large family)."""
    import argparse
    import time

    from data_access import clock
    from data_access import overview as overview_queries
    from data_access.db import create_engine_for, resolve_url, secrets_file_url
    from data_access.organisation import load_organisation
    from data_access.publication import store
    from data_access.settings import ORG_FILE

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--url")
    parser.add_argument("--org", default=ORG_FILE.value())
    parser.add_argument("--measure", action="append")
    args = parser.parse_args(argv)
    engine = create_engine_for(args.url or resolve_url(secrets_file_url()))
    extent = overview_queries.data_extent(engine)
    if not extent:
        print("No data.")
        return 0
    pub = store.build(
        engine, load_organisation(args.org), extent[0], clock.as_of(extent, extent[1])
    )
    for measure, loss in information_loss(pub.cubes).items():
        print(f"{measure}: {loss}")
    for measure in args.measure or list(pub.cubes):
        started = time.perf_counter()
        counts = report(pub.cubes, [measure]).get(measure, {})
        print(f"{measure}: {counts} ({time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
