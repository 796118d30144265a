"""Weighted random choices for the demo generator: cumulative weights built once per table, so a
pick is one bisect (the generator makes millions of them at scale 1000)."""

from __future__ import annotations

import bisect
import itertools
import random

_CUMULATIVE: dict[int, tuple[object, list, list[float]]] = {}


def _cumulative(weights: dict | list) -> tuple[list, list[float]]:
    """Choices and cumulative weights of a constant weight table, computed once: at scale 1000
    the generator draws millions of times (the draws are the same as with `weights=`)."""
    entry = _CUMULATIVE.get(id(weights))
    if entry is None or entry[0] is not weights:
        items = list(weights) if isinstance(weights, dict) else list(range(len(weights)))
        values = list(weights.values()) if isinstance(weights, dict) else weights
        entry = (weights, items, list(itertools.accumulate(values)))
        _CUMULATIVE[id(weights)] = entry
    return entry[1], entry[2]


def _pick(rng: random.Random, weights: dict | list):
    """One weighted draw; the same draw as rng.choices(..., weights=...)[0], without its
    per-call set-up."""
    items, cumulative = _cumulative(weights)
    return items[
        bisect.bisect(cumulative, rng.random() * (cumulative[-1] + 0.0), 0, len(items) - 1)
    ]
