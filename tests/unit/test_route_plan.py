"""The route solver against brute force, time windows, and infeasible plans."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from maps.route_plan import MAX_EXACT_STOPS, Stop, solve


def _simulate(stops, travel, order, end_time):
    """Times for visiting `order` (indices), or None if a window or the end time is missed."""
    now, position = 0.0, 0
    for i in order:
        arrive = now + travel[position, i + 1]
        starts = [
            max(arrive, o) for o, c in stops[i].windows if max(arrive, o) + stops[i].dwell <= c
        ]
        if not starts:
            return None
        now, position = min(starts) + stops[i].dwell, i + 1
    finish = now + travel[position, len(stops) + 1]
    return finish if finish <= end_time + 1e-9 else None


def brute_force(stops, travel, end_time):
    """The best (must count, value, -finish) over every ordered subset."""
    best = None
    for size in range(len(stops) + 1):
        for order in itertools.permutations(range(len(stops)), size):
            finish = _simulate(stops, travel, order, end_time)
            if finish is None:
                continue
            key = (
                sum(stops[i].must for i in order),
                round(sum(stops[i].value for i in order), 3),
                -finish,
            )
            if best is None or key > best:
                best = key
    return best


def random_instance(rng: random.Random, n: int, horizon: float = 240):
    points = [(rng.uniform(0, 6), rng.uniform(0, 6)) for _ in range(n + 2)]
    travel = np.array([[np.hypot(a[0] - b[0], a[1] - b[1]) * 12 for b in points] for a in points])
    stops = []
    for i in range(n):
        windows = []
        if rng.random() < 0.7:
            windows.append((0.0, horizon))
        else:
            o = rng.uniform(0, horizon * 0.7)
            windows.append((o, o + rng.uniform(20, 120)))
            if rng.random() < 0.3:
                windows.append((o + 150, o + 200))
        stops.append(
            Stop(
                f"s{i}",
                value=round(rng.uniform(0.1, 3), 2),
                dwell=rng.choice([10, 15, 20]),
                windows=tuple(windows),
                must=rng.random() < 0.15,
            )
        )
    return stops, travel, horizon


@pytest.mark.parametrize("seed", range(40))
def test_optimal_against_brute_force(seed):
    rng = random.Random(seed)
    stops, travel, horizon = random_instance(
        rng, rng.randint(1, 6), horizon=rng.choice([90, 150, 240])
    )
    plan = solve(stops, travel, horizon)
    expected = brute_force(stops, travel, horizon)
    order = [int(v.stop_id[1:]) for v in plan.visits]
    finish = _simulate(stops, travel, order, horizon)
    assert finish is not None, "the plan breaks a window or the end time"
    got = (sum(stops[i].must for i in order), round(sum(stops[i].value for i in order), 3), -finish)
    assert got[:2] == expected[:2]
    assert got[2] == pytest.approx(expected[2])


def test_time_windows_are_respected():
    # The only way to see both: B opens late, so visit A first and wait for B.
    stops = [Stop("A", 1, 10, ((0, 60),)), Stop("B", 1, 10, ((90, 120),))]
    travel = np.full((4, 4), 5.0)
    np.fill_diagonal(travel, 0)
    plan = solve(stops, travel, 200)
    assert plan.order == ["A", "B"]
    b = plan.visits[1]
    assert b.arrive < 90 and b.start == 90 and b.depart == 100
    assert plan.finish == 105


def test_infeasible_stops_are_explained():
    stops = [
        Stop("closed", 5, 10, ()),  # not open at all during the round
        Stop("late", 5, 10, ((0, 30),)),  # open, but closes before anyone can get there
        Stop("far", 5, 10, ((0, 300),)),
        Stop("near", 1, 10, ((0, 300),)),
        Stop("also-near", 1, 10, ((0, 300),)),
    ]
    travel = np.full((7, 7), 10.0)
    np.fill_diagonal(travel, 0)
    travel[0, 2] = travel[2, 0] = 40  # "late" is 40 minutes away
    travel[:, 3] = travel[3, :] = 100  # "far" needs 100 minutes each way
    travel[3, 3] = 0
    plan = solve(stops, travel, 60)
    reasons = dict(plan.dropped)
    assert reasons["closed"] == "closed"
    assert reasons["late"] == "closed"
    assert reasons["far"] == "too_far"
    assert sorted(plan.order) == ["also-near", "near"]  # 10+10+10+10+10 = 50 <= 60 minutes


def test_must_visits_come_before_value():
    stops = [Stop("valuable", 10, 30, ((0, 100),)), Stop("must", 0.1, 30, ((0, 100),), must=True)]
    travel = np.full((4, 4), 10.0)
    np.fill_diagonal(travel, 0)
    plan = solve(stops, travel, 60)  # time for one stop only
    assert plan.order == ["must"]
    assert dict(plan.dropped)["valuable"] == "no_time"
    assert plan.missing_must == ()


def test_an_impossible_round():
    stops = [Stop("A", 1, 10, ((0, 100),), must=True)]
    travel = np.full((3, 3), 50.0)
    plan = solve(stops, travel, 30)  # cannot even get from start to end
    assert plan.visits == ()
    assert plan.missing_must == ("A",)
    assert plan.finish == float("inf")


def test_more_candidates_than_the_exact_limit():
    rng = random.Random(7)
    stops, travel, horizon = random_instance(rng, MAX_EXACT_STOPS + 3)
    plan = solve(stops, travel, horizon)
    reasons = dict(plan.dropped)
    assert sum(1 for r in reasons.values() if r == "not_considered") == 3
    assert len(plan.visits) + len(plan.dropped) == len(stops)
