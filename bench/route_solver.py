"""Route planning time for 12 and 15 stops (budgets 200 ms and 2 s), worst case: every site
open all round and a long round, so every subset of sites is reachable."""

from __future__ import annotations

import random
import statistics
import time

import numpy as np

from maps.route_plan import Stop, solve
from maps.travel import estimate

BUDGET_MS = {12: 200, 15: 2000}


def instance(n: int, seed: int) -> tuple[list[Stop], np.ndarray]:
    rng = random.Random(seed)
    points = [
        (56.03 + rng.uniform(-0.03, 0.03), 12.60 + rng.uniform(-0.05, 0.05)) for _ in range(n + 2)
    ]
    stops = [
        Stop(f"s{i}", rng.uniform(0.1, 1.5), rng.choice([15, 20, 30]), ((0.0, 600.0),))
        for i in range(n)
    ]
    return stops, estimate(points, "walk").minutes


def plan_ms(n: int, repeats: int = 5) -> float:
    times = []
    for seed in range(repeats):
        stops, minutes = instance(n, seed)
        started = time.perf_counter()
        solve(stops, minutes, 600.0)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
