"""The publication on the demo data: every offered cell of every page publishes only protected
counts (0, a multiple of 5, "<5", "–"), each figure is the same wherever it appears, and no
hidden count can be recovered by combining views (checked by brute force, independently of the
audit's own propagation)."""

from __future__ import annotations

import dataclasses
import itertools
import random

import pandas as pd
import pytest

from data_access.db import create_engine_for
from data_access.overview import data_extent
from data_access.publication import counts, cubes, publish, store
from data_access.publication.cells import ALL, Cell, SiteScope
from data_access.publication.cubes import TOTAL, figure_id, period_key
from data_access.publication.rounding import WITHHELD, bounds

# Integer fields of the data classes that are not counts (configuration, days).
NOT_COUNTS = {"target", "grant_dkk", "p90_days", "median_days", "median_days_to_start"}


@pytest.fixture(scope="module")
def engine(demo_db_url):
    return create_engine_for(demo_db_url)


@pytest.fixture(scope="module")
def pub(engine, helsingor):
    first, last = data_extent(engine)
    return store.build(engine, helsingor, first, last)


def _protected(value) -> bool:
    if value is None or value == WITHHELD:
        return True
    return isinstance(value, int) and value >= 0 and value % 5 == 0


def counts_in(obj, path: str = "") -> list[tuple[str, object]]:
    """Every count a publication carries: integer fields, dict values, and the count columns
    of its frames (those with a `<name>_shown` column beside them)."""
    found: list[tuple[str, object]] = []
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if f.name not in NOT_COUNTS:
                found += counts_in(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, dict):
        for key, value in obj.items():
            found += counts_in(value, f"{path}[{key}]")
    elif isinstance(obj, pd.DataFrame):
        for column in obj.columns:
            if f"{column}_shown" in obj.columns:
                for value, mark in zip(obj[column], obj[f"{column}_shown"], strict=True):
                    found.append((f"{path}.{column}", None if mark else int(value)))
    elif isinstance(obj, bool):
        pass
    elif isinstance(obj, int):
        found.append((path, obj))
    return found


def test_every_cube_figure_is_protected(pub):
    for cube in pub.cubes.values():
        bad = {k: v for k, v in cube.shown.items() if not _protected(v)}
        assert not bad, (cube.measure, list(bad.items())[:5])
    # The demo data is sparse: plenty is hidden, and the rest is rounded, not suppressed.
    contacts = pub.cubes["contacts"].shown.values()
    assert sum(v is None for v in contacts) > 50
    assert sum(isinstance(v, int) and v >= 5 for v in contacts) > 200


def _cells(pub, scopes, departments):
    return [
        Cell(period, scope, dept)
        for period in pub.periods
        for scope in scopes
        for dept in departments
    ]


@pytest.mark.slow
def test_every_outreach_and_overview_cell_publishes_only_protected_counts(pub, engine, helsingor):
    """Every cell, not a sample: every period (month, quarter, half-year, year, project) at
    every site scope, on the outreach page, and with every department on the overview (3,712
    overview cells on the demo data; about two minutes)."""
    swept = 0
    for period in pub.periods:
        for scope in pub.scopes:
            cell = Cell(period, scope, ALL)
            for name, value in counts_in(
                publish.outreach(pub, engine, helsingor, cell), "outreach"
            ):
                assert _protected(value), (cell.id, name, value)
            for dept in pub.departments:
                cell = Cell(period, scope, dept)
                for name, value in counts_in(
                    publish.overview(pub, engine, helsingor, cell), "overview"
                ):
                    assert _protected(value), (cell.id, name, value)
                swept += 1
    assert swept == len(pub.periods) * len(pub.scopes) * len(pub.departments)


def test_every_caseload_cell_publishes_only_protected_counts(pub, engine, helsingor):
    for cell in _cells(pub, [SiteScope("all")], pub.departments):
        for name, value in counts_in(publish.caseload(pub, engine, helsingor, cell), "caseload"):
            assert _protected(value), (cell.id, name, value)


def test_a_figure_is_the_same_in_every_view(pub, engine, helsingor):
    """Contacts of a quarter at a kind: the outreach page's series point, the overview's card
    and the quarter's own site table agree."""
    quarter = next(p for p in pub.periods if p.id == "2025-Q2")
    year = next(p for p in pub.periods if p.id == "2025")
    kind = SiteScope("kind", "public")
    card = publish.overview(pub, engine, helsingor, Cell(quarter, kind, ALL)).outreach.contacts
    series = publish.outreach(pub, engine, helsingor, Cell(year, kind, ALL), coarse=True).by_kind
    point = series.loc[series["bucket"] == quarter.start]
    assert card == (None if point["contacts_shown"].iloc[0] else int(point["contacts"].iloc[0]))
    stock = publish.caseload(pub, engine, helsingor, Cell(quarter, SiteScope("all"), "stof"))
    march = next(p for p in pub.periods if p.id == "2025-06")
    month = publish.caseload(pub, engine, helsingor, Cell(march, SiteScope("all"), "stof"))
    # Active courses on 30 June: the quarter's end and the month's end are one figure.
    assert stock.current["stof"].active_at_end == month.current["stof"].active_at_end


# ---- the attack: combine views, independently of the audit --------------------------------
def _truth(long: pd.DataFrame, period, members, category: str = TOTAL) -> int:
    rows = long[
        (long["day"] >= period.start)
        & (long["day"] <= period.end)
        & long["member"].isin(members)
        & (long["category"] == category)
    ]
    return int(rows["n"].sum())


def _pinned_by_brute_force(parent: tuple, children: list[tuple], top: int = 30) -> list[int]:
    """(shown, truth) of a parent and its children, parent = sum of children: the hidden
    children (true 1-4) whose value is the only one consistent with everything shown."""
    options = []
    for shown, _ in children:
        low, high = bounds(shown)
        options.append(range(int(low), int(min(high, top)) + 1))
    p_low, p_high = bounds(parent[0])
    seen: list[set[int]] = [set() for _ in children]
    for combo in itertools.product(*options):
        if p_low <= sum(combo) <= p_high:
            for i, v in enumerate(combo):
                seen[i].add(v)
    return [i for i, (_, truth) in enumerate(children) if 1 <= truth <= 4 and seen[i] == {truth}]


def test_no_hidden_site_follows_from_its_kind_and_the_other_sites(pub, engine, helsingor):
    long = cubes._long(counts.contact_counts(engine), counts.contact_categories)
    cube = pub.cubes["contacts"]
    kinds = {}
    for site in helsingor.outreach_sites:
        kinds.setdefault(site.kind, []).append(site.id)
    checked = hidden = 0
    for period in pub.periods:
        key = period_key(period)
        for kind, members in kinds.items():
            parent = (cube.get(key, f"kind:{kind}"), _truth(long, period, members))
            children = [(cube.get(key, f"site:{m}"), _truth(long, period, [m])) for m in members]
            if parent[0] == WITHHELD or any(c[0] == WITHHELD for c in children):
                continue  # withheld: nothing to pin with
            assert not _pinned_by_brute_force(parent, children), (period.id, kind)
            checked += 1
            hidden += sum(1 for c in children if c[0] is None)
    assert checked > 100 and hidden > 50  # the test saw plenty of hidden sites


def test_no_hidden_month_follows_from_its_quarter_and_the_other_months(pub, engine, helsingor):
    long = cubes._long(counts.contact_counts(engine), counts.contact_categories)
    cube = pub.cubes["contacts"]
    members = [s.id for s in helsingor.sites]
    scopes = {s.id: [s.value] if s.level == "site" else None for s in pub.scopes}
    kinds = {}
    for site in helsingor.sites:
        kinds.setdefault(site.kind, []).append(site.id)
    quarters = [p for p in pub.periods if p.kind == "quarter"]
    hidden = 0
    for quarter in quarters:
        months = [p for p in pub.periods if p.kind == "month" and quarter.contains(p)]
        for scope, sites in scopes.items():
            if sites is None:
                sites = members if scope == ALL else kinds[scope.removeprefix("kind:")]
            parent = (cube.get(period_key(quarter), scope), _truth(long, quarter, sites))
            children = [(cube.get(period_key(m), scope), _truth(long, m, sites)) for m in months]
            if parent[0] == WITHHELD or any(c[0] == WITHHELD for c in children):
                continue
            assert not _pinned_by_brute_force(parent, children), (quarter.id, scope)
            hidden += sum(1 for c in children if c[0] is None)
    assert hidden > 20


def test_no_hidden_weekday_follows_from_the_total(pub, engine, helsingor):
    long = cubes._long(counts.contact_counts(engine), counts.contact_categories)
    cube = pub.cubes["contacts"]
    members = [s.id for s in helsingor.sites]
    for period in (p for p in pub.periods if p.kind in ("month", "quarter")):
        key = period_key(period)
        parent = (cube.get(key, ALL), _truth(long, period, members))
        children = [
            (cube.get(key, ALL, c), _truth(long, period, members, c)) for c in counts.DAYPARTS
        ]
        if parent[0] == WITHHELD or any(c[0] == WITHHELD for c in children):
            continue
        assert not _pinned_by_brute_force(parent, children), period.id


def test_a_difference_of_two_views_is_never_a_count_of_one_to_four(pub, engine, helsingor):
    """The naive attack: subtract what two views show. Shown counts are multiples of 5, so no
    difference can be 1-4, for periods, scopes and departments alike."""
    cube = pub.cubes["contacts"]
    numbers = [v for v in cube.shown.values() if isinstance(v, int) and v >= 0]
    differences = {abs(a - b) for a, b in itertools.combinations(sorted(set(numbers)), 2)}
    assert not differences & {1, 2, 3, 4}
    for measure in ("requests", "starts", "ends", "active", "waiting"):
        values = {v for v in pub.cubes[measure].shown.values() if isinstance(v, int) and v >= 0}
        assert not {abs(a - b) for a, b in itertools.combinations(values, 2)} & {1, 2, 3, 4}


def test_no_site_says_that_all_its_contacts_were_anonymous(pub, engine, helsingor):
    """0 persons beside contacts says every contact was anonymous: the anonymous split of a
    site is not published, and beside "<5" contacts it is a small group's. So a site's
    persons read 0 only where its contacts read 0; otherwise "–"."""
    withheld = 0
    for period in pub.periods:
        sites = publish.outreach(pub, engine, helsingor, Cell(period, SiteScope("all"), ALL)).sites
        for row in sites.itertuples():
            if row.persons_shown == "" and row.persons == 0:
                assert row.contacts_shown == "" and row.contacts == 0, (period.id, row.site_id)
            withheld += row.persons_shown == "–"
    assert withheld > 0  # the demo has such sites: the rule is exercised


LARGE = 20  # a bar of 20 or more drawn as nothing reads as if the work stopped
MOST_WITHHELD_OF_FIVE_OR_MORE = 6


@pytest.mark.parametrize("seed", range(4))
def test_what_is_withheld_is_small(engine, helsingor, monkeypatch, seed):
    """Under any key, what the audit withholds ("–") to protect a small count is a small count
    itself, with a handful of exceptions of 5-19 where no small figure near the chain could
    loosen it (protection intervals cost that much); never one of 20 or more."""
    key = random.Random(seed).randbytes(32)
    monkeypatch.setattr(store, "rounding_key", lambda _engine: key)
    first, last = data_extent(engine)
    withheld, of_five_or_more = 0, []
    for measure, cube in store.build(engine, helsingor, first, last).cubes.items():
        family = cube.family
        for (period, scope, category), shown in cube.shown.items():
            if shown == WITHHELD:
                figure = figure_id(measure, period, scope, category)
                value = family.values[family.index[figure]]
                assert value < LARGE, (figure, key.hex())
                withheld += 1
                if value >= 5:
                    of_five_or_more.append(figure)
    assert withheld > 0
    assert len(of_five_or_more) <= MOST_WITHHELD_OF_FIVE_OR_MORE, of_five_or_more
