"""The exact attack (data_access/publication/exact.py) against brute force: on small tables,
the feasible range it finds for every small count is exactly the set of values that some table
consistent with the published figures gives it; and it finds what interval propagation misses
(two-way tables, where a difference of two sums pins a cell that no single sum does)."""

from __future__ import annotations

import itertools
import random

import pytest

from data_access.publication.audit import Family, intervals
from data_access.publication.exact import HIDDEN, IMPLIED, exposed, ranges
from data_access.publication.rounding import rounded
from tests.unit.brute_force import feasible_values


def _table(cells: list[list[int]], hide: set[str] = frozenset()) -> Family:
    """A two-way table: interior cells, row and column totals and the grand total."""
    family = Family()
    rows, cols = len(cells), len(cells[0])
    for r, c in itertools.product(range(rows), range(cols)):
        family.add(f"x{r}{c}", cells[r][c], published=f"x{r}{c}" not in hide)
    for r in range(rows):
        family.add(f"r{r}", sum(cells[r]), published=f"r{r}" not in hide)
        family.add_sum(f"r{r}", [f"x{r}{c}" for c in range(cols)])
    for c in range(cols):
        family.add(f"c{c}", sum(row[c] for row in cells), published=f"c{c}" not in hide)
        family.add_sum(f"c{c}", [f"x{r}{c}" for r in range(rows)])
    family.add("g", sum(map(sum, cells)))
    family.add_sum("g", [f"r{r}" for r in range(rows)])
    family.add_sum("g", [f"c{c}" for c in range(cols)])
    return family


def _shown(family: Family, key: bytes) -> list[int | None]:
    return [
        rounded(v, key, f) if pub else None
        for v, pub, f in zip(family.values, family.published, family.ids, strict=True)
    ]


def _random_table(rng: random.Random) -> tuple[list[list[int]], set[str]]:
    rows, cols = rng.choice([(2, 2), (2, 3)])
    cells = [[rng.choice([0, 1, 1, 2, 3, 4, 5, 6]) for _ in range(cols)] for _ in range(rows)]
    hide = {f"r{rng.randrange(rows)}"} if rng.random() < 0.3 else set()
    return cells, hide


def test_the_ranges_are_exactly_what_brute_force_finds():
    rng = random.Random(5)
    checked = 0
    for _ in range(40):
        cells, hide = _random_table(rng)
        family = _table(cells, hide)
        key = rng.randbytes(8)
        shown = _shown(family, key)
        seen = feasible_values(family, shown, top=14)
        for found in ranges(family, shown):
            i = family.index[found.figure]
            assert (found.low, found.high) == (min(seen[i]), max(seen[i])), (cells, found)
            checked += 1
    assert checked > 100


def test_it_sees_more_than_interval_propagation():
    """Search random two-way tables and keys for a small count that the exact attack narrows
    further than propagation (one sum at a time) does: the reason the audit needs it. The
    solver's range always lies within propagation's."""
    rng = random.Random(3)
    tighter = 0
    for _ in range(200):
        family = _table(*_random_table(rng))
        shown = _shown(family, rng.randbytes(8))
        lo, hi = intervals(family, shown)
        for found in ranges(family, shown):
            i = family.index[found.figure]
            assert lo[i] <= found.low <= found.high <= hi[i]
            tighter += (lo[i], hi[i]) != (found.low, found.high)
    assert tighter > 0


def test_labels_and_what_counts_as_narrowed():
    # A total of 3 shown "<5" split into two parts shown "<5": each part is at least 1, so
    # the other is at most 3; the parts keep three values (1-3), narrower than "<5" says.
    family = Family()
    family.add("a", 1)
    family.add("b", 2)
    family.add("t", 3)
    family.add_sum("t", ["a", "b"])
    shown = _shown(family, b"k")
    found = {r.figure: r for r in ranges(family, shown)}
    assert found["a"].label == HIDDEN and (found["a"].low, found["a"].high) == (1, 3)
    assert found["t"].low == 2 and found["t"].narrowed and not found["t"].pinned
    assert {r.figure for r in exposed(family, shown)} == {"a", "b", "t"}
    # An implied part: the same total with one part never shown keeps four values (0-3).
    family = Family()
    family.add("a", 1)
    family.add("b", 2, published=False)
    family.add("t", 3)
    family.add_sum("t", ["a", "b"])
    shown = _shown(family, b"k")
    found = {r.figure: r for r in ranges(family, shown)}
    assert found["b"].label == IMPLIED and (found["b"].low, found["b"].high) == (0, 3)
    assert not exposed(family, shown)


def test_the_information_loss_counts_what_is_withheld(demo_db_url, helsingor):
    from data_access.db import create_engine_for
    from data_access.overview import data_extent
    from data_access.publication import store
    from data_access.publication.exact import information_loss

    engine = create_engine_for(demo_db_url)
    pub = store.build(engine, helsingor, *data_extent(engine))
    loss = information_loss(pub.cubes)
    assert set(loss) == set(pub.cubes)
    for measure, figures in loss.items():
        cube = pub.cubes[measure]
        assert figures["withheld"] == sum(v == -1 for v in cube.shown.values())
        assert figures["hidden"] == sum(v is None for v in cube.shown.values())
        assert figures["largest_withheld"] < 20
    assert sum(f["withheld"] for f in loss.values()) > 0


def test_pinned_is_what_brute_force_pins():
    from data_access.publication.exact import pinned

    rng = random.Random(8)
    found = 0
    for n in range(120):
        # Every other table one row of the dangerous shape: a five beside small parts that
        # bring the total just under a multiple of five (four 1s under a 9 shown as 5).
        if n % 2:
            row = [rng.choice([5, 6]), *rng.choice([[1, 1, 1, 1], [1, 1, 2], [1, 3], [2, 2]])]
            cells, hide = [row], set()
        else:
            cells, hide = _random_table(rng)
        family = _table(cells, hide)
        shown = _shown(family, rng.randbytes(8))
        seen = feasible_values(family, shown, top=14)
        expected = {
            family.ids[i] for i, v in enumerate(family.values) if 1 <= v <= 4 and seen[i] == {v}
        }
        assert set(pinned(family, shown)) == expected, cells
        found += len(expected)
    assert found > 0


# The families the exact attack runs on in the test, under fixed random keys (a failure must be
# reproducible; python -m data_access.publication.exact tries the installation's own key).
# Contacts' 10,000 figures with their site splits take minutes, requests' about a minute:
# left to that command, which runs them all.
ATTACKED = ("starts", "ends", "active", "waiting")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("database", "seeds"), [("demo_db_url", (1, 2, 3)), ("today_db_url", (4,))]
)
def test_no_small_count_is_pinned_nor_a_hidden_one_narrowed_under_any_key(
    database, seeds, request, helsingor, monkeypatch
):
    """The audit's soundness must not rest on one installation's key: under several random
    keys, on the demo data to 2025-12-31 and to a later today, the exact attack pins no count
    of 1-4 in the families it runs on, and leaves every figure shown "<5" all of 1-4 (its
    protection interval)."""
    from data_access.db import create_engine_for
    from data_access.overview import data_extent
    from data_access.publication import store
    from data_access.publication.exact import pinned, ranges

    engine = create_engine_for(request.getfixturevalue(database))
    first, last = data_extent(engine)
    for seed in seeds:
        key = random.Random(seed).randbytes(32)
        monkeypatch.setattr(store, "rounding_key", lambda _engine, key=key: key)
        cubes = store.build(engine, helsingor, first, last).cubes
        for measure in ATTACKED:
            cube = cubes[measure]
            shown = cube.shown_list()
            assert pinned(cube.family, shown) == [], (measure, key.hex())
            hidden = [i for i, v in enumerate(shown) if v is None and cube.family.published[i]]
            narrowed = [r for r in ranges(cube.family, shown, only=hidden) if r.narrowed]
            assert narrowed == [], (measure, key.hex())


def _sites_family(rng: random.Random) -> Family:
    """Contacts in two months and their quarter, for a kind of three sites, split by two
    weekdays; a site's split is never published (as in data_access/publication/cubes.py)."""
    from data_access.publication.cubes import figure_id

    sites, days = ("site:a", "site:b", "site:c"), ("wd:0", "wd:1")
    leaf = {
        (m, s, d): rng.choice([0, 0, 1, 1, 2, 3, 4, 6])
        for m in ("m1", "m2")
        for s in sites
        for d in days
    }
    family = Family()

    def value(period: str, scope: str, category: str) -> int:
        months = ("m1", "m2") if period == "q" else (period,)
        scopes = sites if scope == "kind:k" else (scope,)
        cats = days if category == "total" else (category,)
        return sum(leaf[m, s, d] for m in months for s in scopes for d in cats)

    for period in ("m1", "m2", "q"):
        for scope in ("kind:k", *sites):
            for category in ("total", *days):
                published = category == "total" or scope == "kind:k"
                fid = figure_id("contacts", period, scope, category)
                family.add(fid, value(period, scope, category), published=published)
    for period in ("m1", "m2", "q"):
        for scope in ("kind:k", *sites):
            family.add_sum(
                figure_id("contacts", period, scope, "total"),
                [figure_id("contacts", period, scope, d) for d in days],
            )
        for category in ("total", *days):
            family.add_sum(
                figure_id("contacts", period, "kind:k", category),
                [figure_id("contacts", period, s, category) for s in sites],
            )
    for scope in ("kind:k", *sites):
        for category in ("total", *days):
            family.add_sum(
                figure_id("contacts", "q", scope, category),
                [figure_id("contacts", m, scope, category) for m in ("m1", "m2")],
            )
    return family


def test_leaving_out_the_site_splits_changes_no_range():
    """The attack on the family without the never-published inside of the sites' splits finds
    the same range for every figure kept as the attack on the whole family."""
    from data_access.publication.exact import without_site_splits

    rng = random.Random(12)
    compared = 0
    for _ in range(25):
        family = _sites_family(rng)
        shown = _shown(family, rng.randbytes(8))
        small, small_shown = without_site_splits(family, shown)
        assert len(small.values) < len(family.values)
        whole = {r.figure: (r.low, r.high) for r in ranges(family, shown)}
        for found in ranges(small, small_shown):
            assert (found.low, found.high) == whole[found.figure], found
            compared += 1
    assert compared > 50
