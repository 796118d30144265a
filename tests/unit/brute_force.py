"""Brute force for the disclosure tests: every table a reader could believe, given what is
shown, on families small enough to enumerate."""

from __future__ import annotations

import itertools

from data_access.publication.audit import Family
from data_access.publication.rounding import bounds


def feasible_values(family: Family, shown: list[int | None], top: int) -> dict[int, set[int]]:
    """Every assignment of counts 0..top to the figures that are no sum, with the sums worked
    out from them, consistent with what is shown: the values each figure takes in them."""
    leaves = [i for i in range(len(family.values)) if not any(i == p for p, _ in family.sums)]
    options = []
    for i in leaves:
        low, high = bounds(shown[i], published=family.published[i])
        options.append(range(int(low), int(min(high, top)) + 1))
    seen: dict[int, set[int]] = {i: set() for i in range(len(family.values))}
    for combo in itertools.product(*options):
        value = dict(zip(leaves, combo, strict=True))
        pending = list(family.sums)
        consistent = True
        while pending and consistent:  # children before parents
            ready = [(p, kids) for p, kids in pending if all(k in value for k in kids)]
            for p, kids in ready:
                total = sum(value[k] for k in kids)
                consistent = consistent and value.setdefault(p, total) == total
            pending = [s for s in pending if s not in ready]
        if consistent and all(
            bounds(shown[i], published=family.published[i])[0]
            <= v
            <= bounds(shown[i], published=family.published[i])[1]
            for i, v in value.items()
        ):
            for i, v in value.items():
                seen[i].add(v)
    return seen
