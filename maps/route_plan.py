"""Plan an outreach round: which sites to visit, in which order, within opening hours.

A pure function: plain data in, a `Plan` out. Times are minutes from the start of the round.

The problem is an orienteering problem with time windows: from the start point to the end
point within the round, visit a subset of sites (each open in some windows, each needing a
dwell time) so that the most valuable set is visited; must-visit sites count before any value.
It is solved exactly by dynamic programming over subsets (Held-Karp): for every set of visited
sites and every last site, the earliest time one can leave it. Arriving earlier is never worse
(one can wait for a site to open), so that earliest time is all one needs to keep. Layers of
equal set size are processed together with numpy. Exact up to MAX_EXACT_STOPS candidates;
beyond that the most valuable MAX_EXACT_STOPS are planned and the rest reported as not
considered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

MAX_EXACT_STOPS = 15
DropReason = Literal["closed", "too_far", "no_time", "not_considered"]


@dataclass(frozen=True)
class Stop:
    id: str
    value: float  # how worthwhile a visit is (expected contacts); higher is better
    dwell: float  # minutes on site
    windows: tuple[tuple[float, float], ...]  # open intervals, minutes from the round's start
    must: bool = False


@dataclass(frozen=True)
class Visit:
    stop_id: str
    arrive: float
    start: float  # after any wait for the site to open
    depart: float
    travel: float  # minutes from the previous point


@dataclass(frozen=True)
class Plan:
    visits: tuple[Visit, ...]
    dropped: tuple[tuple[str, DropReason], ...]
    finish: float  # arrival at the end point
    travel_total: float
    value: float
    missing_must: tuple[str, ...]  # must-visits that could not be fitted

    @property
    def order(self) -> list[str]:
        return [v.stop_id for v in self.visits]


def _service(arrive: np.ndarray, opens: np.ndarray, closes: np.ndarray, dwell: np.ndarray):
    """Earliest departure after arriving at `arrive` (last axis = stops), or inf if no window
    fits the dwell time. opens/closes: (stops, windows), padded with inf."""
    start = np.maximum(arrive[..., None], opens)
    end = start + dwell[:, None]
    ok = end <= closes
    return np.where(ok, end, np.inf).min(axis=-1), np.where(ok, start, np.inf).min(axis=-1)


def _windows(stops: Sequence[Stop]) -> tuple[np.ndarray, np.ndarray]:
    width = max((len(s.windows) for s in stops), default=1) or 1
    opens = np.full((len(stops), width), np.inf)
    closes = np.full((len(stops), width), -np.inf)
    for i, stop in enumerate(stops):
        for k, (o, c) in enumerate(sorted(stop.windows)):
            opens[i, k], closes[i, k] = o, c
    return opens, closes


def solve(stops: Sequence[Stop], travel: np.ndarray, end_time: float) -> Plan:
    """Plan the round.

    travel: minutes between points, shape (n + 2, n + 2); index 0 is the start point,
    1..n the stops in order, n + 1 the end point. The round starts at minute 0 and must reach
    the end point by `end_time`.
    """
    travel = np.asarray(travel, dtype=float)
    considered = sorted(range(len(stops)), key=lambda i: (not stops[i].must, -stops[i].value))
    considered = sorted(considered[:MAX_EXACT_STOPS])
    left_out = [(stops[i].id, "not_considered") for i in range(len(stops)) if i not in considered]
    index = [0, *[i + 1 for i in considered], len(stops) + 1]
    sub = [stops[i] for i in considered]
    plan = _solve_exact(sub, travel[np.ix_(index, index)], end_time)
    return Plan(
        visits=plan.visits,
        dropped=plan.dropped + tuple(left_out),
        finish=plan.finish,
        travel_total=plan.travel_total,
        value=plan.value,
        missing_must=plan.missing_must
        + tuple(stops[i].id for i in range(len(stops)) if i not in considered and stops[i].must),
    )


def _solve_exact(stops: Sequence[Stop], travel: np.ndarray, end_time: float) -> Plan:
    n = len(stops)
    end = n + 1
    if n == 0:
        return _build(stops, travel, [], end_time)
    opens, closes = _windows(stops)
    dwell = np.array([s.dwell for s in stops], dtype=float)
    between = travel[1 : n + 1, 1 : n + 1]
    bits = 1 << np.arange(n)
    size = 1 << n
    earliest = np.full((size, n), np.inf)  # earliest departure from last, having visited mask
    parent = np.full((size, n), -1, dtype=np.int16)
    first_departure, _ = _service(travel[0, 1 : n + 1], opens, closes, dwell)
    earliest[bits, np.arange(n)] = first_departure

    masks = np.arange(size)
    popcount = np.zeros(size, dtype=np.int8)
    for bit in bits:
        popcount += (masks & bit) > 0
    for layer in range(1, n):
        layer_masks = masks[popcount == layer]
        layer_masks = layer_masks[np.isfinite(earliest[layer_masks]).any(axis=1)]
        if layer_masks.size == 0:
            break
        candidates = earliest[layer_masks][:, :, None] + between[None, :, :]  # mask, last, next
        best_last = candidates.argmin(axis=1)
        arrive = np.take_along_axis(candidates, best_last[:, None, :], axis=1)[:, 0, :]
        depart, _ = _service(arrive, opens, closes, dwell)
        open_next = ((layer_masks[:, None] & bits[None, :]) == 0) & np.isfinite(depart)
        rows, nexts = np.nonzero(open_next)
        # Each (new mask, next) pair arises from exactly one (mask, next): no collisions.
        new_masks = layer_masks[rows] | bits[nexts]
        earliest[new_masks, nexts] = depart[rows, nexts]
        parent[new_masks, nexts] = best_last[rows, nexts]

    to_end = earliest + travel[1 : n + 1, end][None, :]
    finish = to_end.min(axis=1)
    last = to_end.argmin(axis=1)
    finish[0] = travel[0, end]
    feasible = finish <= end_time + 1e-9
    values = np.array([s.value for s in stops])
    must = np.array([s.must for s in stops], dtype=float)
    member = ((masks[:, None] & bits[None, :]) > 0).astype(float)
    must_count = member @ must
    value = member @ values
    # Lexicographic: most must-visits, then most value, then earliest return.
    score = np.where(feasible, must_count * 1e6 + np.round(value * 1e3), -np.inf)
    best_score = score.max()
    if not np.isfinite(best_score):
        return _build(stops, travel, [], end_time, impossible=True)
    ties = np.nonzero(score == best_score)[0]
    best = int(ties[np.argmin(finish[ties])])
    order = []
    mask, node = best, int(last[best]) if best else -1
    while mask:
        order.append(node)
        previous = int(parent[mask, node])
        mask ^= 1 << node
        node = previous
    return _build(stops, travel, order[::-1], end_time)


def _build(
    stops: Sequence[Stop],
    travel: np.ndarray,
    order: list[int],
    end_time: float,
    impossible: bool = False,
) -> Plan:
    """Walk the chosen order to get the times, and say why every other stop was left out."""
    n = len(stops)
    opens, closes = _windows(stops) if stops else (np.zeros((0, 1)), np.zeros((0, 1)))
    dwell = np.array([s.dwell for s in stops], dtype=float)
    visits = []
    now, position, total = 0.0, 0, 0.0
    for i in order:
        leg = float(travel[position, i + 1])
        arrive = now + leg
        depart, start = _service(
            np.array([arrive]), opens[i : i + 1], closes[i : i + 1], dwell[i : i + 1]
        )
        visits.append(Visit(stops[i].id, arrive, float(start[0]), float(depart[0]), leg))
        now, position, total = float(depart[0]), i + 1, total + leg
    leg_home = float(travel[position, n + 1])
    dropped = []
    for i, stop in enumerate(stops):
        if i in order:
            continue
        alone, _ = _service(
            np.array([travel[0, i + 1]]), opens[i : i + 1], closes[i : i + 1], dwell[i : i + 1]
        )
        if not np.isfinite(alone[0]):
            dropped.append((stop.id, "closed"))
        elif alone[0] + travel[i + 1, n + 1] > end_time:
            dropped.append((stop.id, "too_far"))
        else:
            dropped.append((stop.id, "no_time"))
    chosen = set(order)
    return Plan(
        visits=tuple(visits),
        dropped=tuple(dropped),
        finish=now + leg_home if not impossible else float("inf"),
        travel_total=total + leg_home,
        value=float(sum(stops[i].value for i in order)),
        missing_must=tuple(s.id for i, s in enumerate(stops) if s.must and i not in chosen),
    )
