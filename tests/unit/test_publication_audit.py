"""The rounding and the disclosure audit on crafted tables, nested hierarchies and random ones,
checked against brute force: after protection no hidden count of 1-4 follows exactly."""

from __future__ import annotations

import itertools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_access.publication.audit import Family, intervals, narrowed, pinned, protect
from data_access.publication.rounding import WITHHELD, bounds, rounded, unit
from tests.unit.brute_force import feasible_values

KEY = b"test-key"


def test_zero_stays_small_counts_hide_and_the_rest_are_multiples_of_five():
    assert rounded(0, KEY, "x") == 0
    assert [rounded(n, KEY, "x") for n in (1, 2, 3, 4)] == [None] * 4
    for n in range(5, 400):
        shown = rounded(n, KEY, f"fig-{n}")
        assert shown % 5 == 0 and shown >= 5 and abs(shown - n) < 5


def test_the_same_figure_always_rounds_the_same_way_and_keys_differ():
    assert {rounded(63, KEY, "persons|2025|all") for _ in range(5)} == {
        rounded(63, KEY, "persons|2025|all")
    }
    ups = [rounded(63, k.to_bytes(4, "big"), "f") for k in range(400)]
    # 63 is rounded up (to 65) with probability 3/5: unbiased on average.
    assert 0.5 < ups.count(65) / len(ups) < 0.7
    assert set(ups) == {60, 65}


def test_unit_is_spread_over_zero_one():
    values = [unit(KEY, str(i)) for i in range(2000)]
    assert 0 <= min(values) < 0.01 and 0.99 < max(values) < 1


def test_bounds_are_what_a_reader_infers():
    assert bounds(0) == (0, 0)
    assert bounds(None) == (1, 4)
    assert bounds(5) == (5, 9)
    assert bounds(20) == (16, 24)
    assert bounds(None, published=False) == (0, float("inf"))


def _family(parent: int, children: list[int], prefix: str = "") -> Family:
    family = Family()
    for i, value in enumerate(children):
        family.add(f"{prefix}c{i}", value)
    family.add(f"{prefix}p", parent)
    family.add_sum(f"{prefix}p", [f"{prefix}c{i}" for i in range(len(children))])
    return family


def test_four_hidden_sites_under_a_kind_are_pinned_without_the_audit():
    # A kind of 9 contacts shown as 5 (5..9), one site of 5 shown as 5: the other four sites,
    # each "<5" (at least 1), must be exactly 1.
    family = _family(9, [5, 1, 1, 1, 1])
    shown = [5, None, None, None, None, 5]
    lo, hi = intervals(family, shown)
    assert pinned(family, lo, hi) == [1, 2, 3, 4]
    protected = protect(family, KEY)
    after = [protected[f] for f in family.ids]
    assert not pinned(family, *intervals(family, after))
    assert protected["p"] in (5, 10)


def test_a_split_of_single_contacts_is_not_pinned_by_its_total():
    # 24 contacts in 24 different weekday-hour cells: a total shown as 20 (16..24) would make
    # every cell exactly 1.
    family = _family(24, [1] * 24)
    protected = protect(family, KEY)
    assert not pinned(family, *intervals(family, [protected[f] for f in family.ids]))


def test_an_implied_remainder_is_protected_like_a_hidden_cell():
    # 16 starts, 13 within the guarantee: breaches (3) are not published but implied.
    family = Family()
    family.add("within", 13)
    family.add("breaches", 3, published=False)
    family.add("starts", 16)
    family.add_sum("starts", ["within", "breaches"])
    protected = protect(family, KEY)
    assert "breaches" not in protected
    lo, hi = intervals(family, [protected.get(f) for f in family.ids])
    assert lo[1] < hi[1]


def test_nested_periods_and_sites_together():
    # months -> quarter -> year and sites -> kind -> all, in one family.
    rng = random.Random(4)
    family = Family()
    sites = {"public": ["a", "b", "c"], "partner": ["d", "e"]}
    months = {f"m{m}": rng.choice([0, 0, 1, 1, 2, 3, 5, 7]) for m in range(12)}
    values = {(m, s): rng.choice([0, 0, 1, 1, 2, 4, 6]) for m in months for s in "abcde"}
    periods = {f"q{q}": [f"m{m}" for m in range(3 * q, 3 * q + 3)] for q in range(4)}
    periods["year"] = list(periods)

    def value(period: str, site: str) -> int:
        if period in periods:
            return sum(value(p, site) for p in periods[period])
        return values[(period, site)]

    scopes = {**{s: [s] for s in "abcde"}, **sites, "all": list("abcde")}
    for period in [*months, *periods]:
        for scope, members in scopes.items():
            family.add(f"{period}|{scope}", sum(value(period, s) for s in members))
    for period in [*months, *periods]:
        for kind, members in sites.items():
            family.add_sum(f"{period}|{kind}", [f"{period}|{s}" for s in members])
        family.add_sum(f"{period}|all", [f"{period}|{k}" for k in sites])
    for parent, children in periods.items():
        for scope in scopes:
            family.add_sum(f"{parent}|{scope}", [f"{c}|{scope}" for c in children])
    protected = protect(family, KEY)
    shown = [protected[f] for f in family.ids]
    assert not pinned(family, *intervals(family, shown))
    assert not _narrowed(family, shown)
    assert all(v in (None, WITHHELD) or v % 5 == 0 for v in shown)


def _narrowed(family: Family, shown: list[int | None]) -> list[int]:
    """The audit's own check: small counts whose interval says more than their label."""
    hidden = [p and v is None for p, v in zip(family.published, shown, strict=True)]
    return narrowed(family, *intervals(family, shown), hidden)


def _brute_force_narrowed(family: Family, shown: list[int | None], top: int = 12) -> set[int]:
    """Small counts of which every whole-number table consistent with what is shown tells
    more than the audit allows: "<5" without all of 1-4, "–" or implied to one value."""
    seen = feasible_values(family, shown, top)
    out = set()
    for i, truth in enumerate(family.values):
        if not 1 <= truth <= 4:
            continue
        labelled = family.published[i] and shown[i] is None
        if not {1, 2, 3, 4} <= seen[i] if labelled else len(seen[i]) == 1:
            out.add(i)
    return out


def _brute_force_pins(family: Family, shown: list[int | None], top: int = 12) -> set[int]:
    """A hidden or implied count of 1-4 is pinned if only one value is possible for it."""
    seen = feasible_values(family, shown, top)
    return {i for i, truth in enumerate(family.values) if 1 <= truth <= 4 and seen[i] == {truth}}


def _random_family(rng: random.Random) -> Family:
    """A total and its parts, sometimes with a split part (published or only implied), drawn
    from the dangerous shapes: a five beside small parts that bring the total to just under a
    multiple of five, where a total rounded down pins its small parts."""
    family = Family()
    small = rng.choice([[1, 1, 1, 1], [1, 1, 2], [1, 3], [4], [2, 2], [1, 1, 1], [1, 1, 1, 1, 5]])
    children = [rng.choice([5, 5, 10, 6]), *small, *[0] * rng.randint(0, 2)]
    rng.shuffle(children)
    for i, v in enumerate(children):
        family.add(f"c{i}", v)
    if children[0] >= 2 and rng.random() < 0.4:
        a = rng.randint(1, children[0] - 1)
        family.add("s0", a)
        family.add("s1", children[0] - a, published=rng.random() < 0.5)
        family.add_sum("c0", ["s0", "s1"])
    family.add("p", sum(children))
    family.add_sum("p", [f"c{i}" for i in range(len(children))])
    return family


def _plain(family: Family, key: bytes) -> list[int | None]:
    return [
        rounded(v, key, f) if pub else None
        for v, pub, f in zip(family.values, family.published, family.ids, strict=True)
    ]


def test_random_small_tables_hold_against_brute_force():
    """For random tables, find keys under which rounding alone pins a hidden count (so the
    test can fail), then check by brute force that the audited figures pin nothing."""
    rng = random.Random(11)
    dangerous = 0
    for _ in range(70):
        family = _random_family(rng)
        keys = [k.to_bytes(2, "big") for k in range(40)]
        risky = [k for k in keys if pinned(family, *intervals(family, _plain(family, k)))]
        for key in [*risky[:1], keys[rng.randrange(len(keys))]]:
            assert _brute_force_pins(family, _plain(family, key)) or key not in risky
            protected = protect(family, key)
            shown = [protected.get(f) for f in family.ids]
            assert not _brute_force_pins(family, shown)
            assert not _brute_force_narrowed(family, shown)
        dangerous += bool(risky)
    assert dangerous >= 10


MONTHS, SITES = ("m1", "m2", "m3"), ("a", "b", "c", "d", "e")
SPLITS = {"weekday": ("w0", "w1", "w2"), "part": ("p0", "p1")}


def _cube_family(leaf: dict[tuple[str, ...], int]) -> Family:
    """The committee cube's shape in small: months in a quarter, sites in a kind, each count
    split two ways; the splits are published for the kind only, so pins can run through
    unpublished figures. Mostly zeros and single contacts beside a five: about one family in
    ten has a hidden count that plain rounding pins."""
    family = Family()
    periods = {**{m: (m,) for m in MONTHS}, "q": MONTHS}
    scopes = {**{s: (s,) for s in SITES}, "k": SITES}
    categories = ["t", *(c for cs in SPLITS.values() for c in cs)]
    for period, months in periods.items():
        for scope, sites in scopes.items():
            for cat in categories:
                value = sum(
                    n
                    for (m, s, *cells), n in leaf.items()
                    if m in months and s in sites and (cat == "t" or cat in cells)
                )
                published = cat == "t" or scope == "k"
                family.add(f"{period}|{scope}|{cat}", value, published=published)
    for period in periods:
        for scope in scopes:
            for cats in SPLITS.values():
                family.add_sum(f"{period}|{scope}|t", [f"{period}|{scope}|{c}" for c in cats])
        for cat in categories:
            family.add_sum(f"{period}|k|{cat}", [f"{period}|{s}|{cat}" for s in SITES])
    for scope in scopes:
        for cat in categories:
            family.add_sum(f"q|{scope}|{cat}", [f"{m}|{scope}|{cat}" for m in MONTHS])
    return family


_LEAVES = list(itertools.product(MONTHS, SITES, *SPLITS.values()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(
        st.sampled_from([0] * 30 + [1, 1, 1, 5]),
        min_size=len(_LEAVES),
        max_size=len(_LEAVES),
    ),
    key=st.binary(min_size=1, max_size=8),
)
def test_sparse_cubes_settle_under_any_key_with_nothing_pinned(values, key):
    family = _cube_family(dict(zip(_LEAVES, values, strict=True)))
    protected = protect(family, key)
    shown = [protected.get(f) for f in family.ids]
    assert not pinned(family, *intervals(family, shown))
    assert not _narrowed(family, shown)
    assert all(v is None or v == -1 or v % 5 == 0 for v in shown)


def test_a_small_total_over_small_parts_loses_one_figure_not_all():
    # 3 = 1 + 2, all "<5": each part is at most 4 - 1 = 3 and the total at least 2, so all
    # three are narrowed. One "–" anywhere in the sum frees the other two: the audit withholds
    # one figure, not each narrowed one.
    family = _family(3, [1, 2])
    protected = protect(family, KEY)
    shown = [protected[f] for f in family.ids]
    assert _narrowed(family, [None, None, None])  # the danger is real
    assert sorted(v for v in shown if v is not None) == [WITHHELD]
    assert not _brute_force_narrowed(family, shown)
