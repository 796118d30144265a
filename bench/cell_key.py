"""The committee figures' method beside the cell-key method, on the same figures (issue 25).

Brobygger publishes a count as 0, "<5" or rounded to a multiple of 5, up or down by a keyed
coin (data_access/publication/rounding.py), and audits the family (audit.py). The cell-key
method (ABS TableBuilder, the ONS's `cell-key-perturbation`) instead adds a small perturbation
looked up from a cell key: the same cell always gets the same noise, but totals no longer add
up and a published 3 may be a true 3. This compares them on every committee figure of a
database: the mean absolute error of what is shown for counts of 5 or more, how often a total
disagrees with the sum of its shown parts, and how many true counts of 1-4 a cell-key table
would show as a number of 1-4 (what "<5" must then hide anyway).

The perturbation is the usual one: for a count n, values n-D ... n+D (never below 0, 0 stays 0)
with probabilities falling off like a normal of variance V around n, drawn by the cell key
(here the same keyed hash as the rounding's, which has the cell key's property: fixed per
cell, unknown without the key). D = 4 gives the same widest error as base-5 rounding.

    python -m bench.cell_key [--url URL]
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence

from data_access.publication.audit import Family
from data_access.publication.rounding import WITHHELD, unit

D, V = 4, 2.0  # the widest perturbation and its variance


def perturbed(value: int, key: bytes, figure: str) -> int:
    """The cell-key value of a count: 0 stays 0; else n + p, p in [-D, D], n + p >= 0."""
    if value == 0:
        return 0
    options = [j for j in range(max(0, value - D), value + D + 1)]
    weights = [math.exp(-((j - value) ** 2) / (2 * V)) for j in options]
    total = sum(weights)
    u = unit(key, f"cellkey|{figure}") * total
    for j, w in zip(options, weights, strict=True):
        u -= w
        if u < 0:
            return j
    return options[-1]


def compare(family: Family, shown: Sequence[int | None], key: bytes) -> dict[str, float]:
    published = [i for i, p in enumerate(family.published) if p]
    large = [i for i in published if family.values[i] >= 5]
    ours = [abs(shown[i] - family.values[i]) for i in large if shown[i] not in (None, WITHHELD)]
    noisy = {i: perturbed(family.values[i], key, family.ids[i]) for i in published}
    sums = [(p, kids) for p, kids in family.sums if all(family.published[k] for k in (p, *kids))]

    def disagree(value_of) -> tuple[int, int]:
        """Of the sums whose figures are all shown as numbers: how many, and how many off."""
        whole = [(p, kids) for p, kids in sums if all(value_of(k) is not None for k in (p, *kids))]
        return len(whole), sum(value_of(p) != sum(value_of(k) for k in kids) for p, kids in whole)

    small = [i for i in published if 1 <= family.values[i] <= 4]
    return {
        "figures >= 5": len(large),
        "rounding: mean |error|": sum(ours) / len(ours) if ours else 0.0,
        "rounding: withheld >= 5": sum(shown[i] == WITHHELD for i in large),
        "cell key: mean |error|": sum(abs(noisy[i] - family.values[i]) for i in large)
        / max(1, len(large)),
        "rounding: sums shown, off": disagree(
            lambda i: None if shown[i] in (None, WITHHELD) else shown[i]
        ),
        "cell key: sums shown, off": disagree(lambda i: noisy[i]),
        "true 1-4": len(small),
        "cell key: 1-4 shown exactly": sum(noisy[i] == family.values[i] for i in small),
    }


def main(argv: list[str] | None = None) -> int:
    from data_access import clock
    from data_access import overview as overview_queries
    from data_access.db import create_engine_for, resolve_url, secrets_file_url
    from data_access.organisation import load_organisation
    from data_access.publication import store
    from data_access.settings import ORG_FILE

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url")
    args = parser.parse_args(argv)
    engine = create_engine_for(args.url or resolve_url(secrets_file_url()))
    extent = overview_queries.data_extent(engine)
    org = load_organisation(ORG_FILE.value())
    pub = store.build(engine, org, extent[0], clock.as_of(extent, extent[1]))
    for measure, cube in pub.cubes.items():
        found = compare(cube.family, cube.shown_list(), pub.key)
        print(measure, {k: round(v, 2) if isinstance(v, float) else v for k, v in found.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
