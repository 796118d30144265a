"""The digest's counts are read day after day while they move by one. Their rounding must be
the same for the same count every day, and must not flip at one fixed point that a daily
reader could locate (keyed by the figure alone, 6 -> 5 and 7 -> 10 would say where the
installation's secret number lies, and from then on every count exactly near it)."""

from __future__ import annotations

import itertools
import os

from data_access.alerts.digest import _shown


def _series(key: bytes, figure: str = "alerts|breach") -> list[str]:
    return [_shown(n, key, figure) for n in range(5, 40)]


def test_the_same_count_shows_the_same_way_every_time():
    key = os.urandom(32)
    assert _series(key) == _series(key)
    assert all(s == "<5" for s in (_shown(n, key, "alerts|breach") for n in range(1, 5)))


def test_the_rounding_does_not_flip_at_one_point_per_figure():
    """Rounding keyed by the figure alone is monotone in the count: once 7 shows as 10, 8 and
    9 do too. Keyed by the count as well, for most keys some count rounds up while a larger
    one in the same five rounds down."""
    non_monotone = 0
    for _ in range(200):
        key = os.urandom(32)
        values = [int(v) for v in _series(key)]
        non_monotone += any(b < a for a, b in itertools.pairwise(values))
    assert non_monotone > 150
    for key in (os.urandom(32) for _ in range(50)):
        for n, shown in zip(range(5, 40), _series(key), strict=True):
            assert int(shown) % 5 == 0 and abs(int(shown) - n) <= 4
