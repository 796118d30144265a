"""The fixed publication cells: which periods, scopes and departments are offered."""

from __future__ import annotations

import datetime as dt

from data_access.filters import Filters
from data_access.publication.cells import (
    ALL,
    Cell,
    SiteScope,
    department_scopes,
    find_period,
    latest,
    months_in,
    period_cells,
    previous_period,
    scope_for,
    site_scopes,
)
from data_access.publication.cubes import period_sums
from ui.committee_filters import cell_range, looks_like_cell


def test_the_calendar_of_periods(helsingor):
    cells = period_cells(helsingor, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    kinds = [c.kind for c in cells]
    assert kinds.count("month") == 24
    assert kinds.count("quarter") == 8
    assert kinds.count("half") == 4
    assert kinds.count("year") == 2
    assert kinds.count("project") == 1
    assert find_period(cells, "2025-Q1").end == dt.date(2025, 3, 31)
    assert find_period(cells, "2024-H2").start == dt.date(2024, 7, 1)
    assert find_period(cells, "2024-02").end == dt.date(2024, 2, 29)
    assert find_period(cells, "project").start == helsingor.outreach.start
    assert find_period(cells, "2023") is None and find_period(cells, "junk") is None


def test_a_running_period_ends_on_the_last_day_with_data(helsingor):
    cells = period_cells(helsingor, dt.date(2025, 11, 3), dt.date(2026, 2, 10))
    assert find_period(cells, "2026-02").end == dt.date(2026, 2, 10)
    assert find_period(cells, "2026-Q1").end == dt.date(2026, 2, 10)
    assert find_period(cells, "2026").end == dt.date(2026, 2, 10)
    # "latest" for a committee: the latest finished month or quarter.
    assert latest(cells, "month").id == "2026-01"
    assert latest(cells, "quarter").id == "2025-Q4"
    assert latest(cells, "year", complete_only=False).id == "2026"


def test_previous_periods_and_months_inside(helsingor):
    cells = period_cells(helsingor, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    q1 = find_period(cells, "2025-Q1")
    assert previous_period(cells, q1).id == "2024-Q4"
    assert previous_period(cells, find_period(cells, "2024-01")) is None
    assert previous_period(cells, find_period(cells, "project")) is None
    assert [m.id for m in months_in(cells, q1)] == ["2025-01", "2025-02", "2025-03"]


def test_every_period_is_tiled_by_the_smaller_ones(helsingor, tmp_path):
    cells = period_cells(helsingor, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    tiled = {parent.id: [c.id for c in children] for parent, children, _ in period_sums(cells)}
    assert tiled["2024-Q1"] == ["2024-01", "2024-02", "2024-03"]
    assert tiled["2024-H2"] == ["2024-Q3", "2024-Q4"]
    assert tiled["2025"] == ["2025-H1", "2025-H2"]
    assert tiled["project"] == ["2024", "2025"]


def test_a_project_off_the_calendar_is_tiled_by_months_with_an_implied_rest():
    from data_access.organisation import load_organisation
    from tests.conftest import OTHER_ORG_FILE

    other = load_organisation(OTHER_ORG_FILE)  # project 2025-03-01 .. 2026-02-28
    cells = period_cells(other, dt.date(2025, 1, 1), dt.date(2026, 6, 30))
    (project,) = [(c, kids, rest) for c, kids, rest in period_sums(cells) if c.kind == "project"]
    assert project[1][0].id == "2025-03"
    assert len(project[1]) == 12


def test_scopes_and_departments(helsingor):
    scopes = site_scopes(helsingor)
    assert scopes[0] == SiteScope("all")
    assert {s.level for s in scopes} == {"all", "kind", "site"}
    assert all(s.value != "rusmiddelcenter" for s in scopes)  # treatment addresses are not sites
    assert department_scopes(helsingor) == [ALL, "stof", "alkohol", "unge"]


def test_unions_are_not_cells(helsingor):
    day = dt.date(2025, 1, 1)
    assert scope_for(helsingor, Filters(day, day)) == SiteScope("all")
    assert scope_for(helsingor, Filters(day, day, sites=("kronborg",))) == SiteScope(
        "site", "kronborg"
    )
    assert scope_for(helsingor, Filters(day, day, sites=("kronborg", "helsingor-station"))) is None
    assert (
        scope_for(helsingor, Filters(day, day, sites=("kronborg",), site_kinds=("public",))) is None
    )


def test_a_cell_names_its_filters(helsingor):
    cells = period_cells(helsingor, dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    cell = Cell(find_period(cells, "2025-Q2"), SiteScope("kind", "public"), "stof")
    f = cell.filters()
    assert (f.start, f.end) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    assert f.site_kinds == ("public",) and f.departments == ("stof",) and not f.sites


def test_period_ids_in_links(helsingor):
    assert looks_like_cell("2025-Q1") and looks_like_cell("2025-03") and looks_like_cell("2025")
    assert not looks_like_cell("custom") and not looks_like_cell("2025-Q5")
    assert cell_range(helsingor, "2025-Q4") == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert cell_range(helsingor, "2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert cell_range(helsingor, "2025-H2") == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    assert cell_range(helsingor, "2025-13") is None


def test_filters_name_a_cell_one_way_for_the_publication_and_the_brief(helsingor):
    """cell_of is the one mapping from filters to a cell: a cell's own filters name it back,
    a free range or a union names none, and a scope or department not offered names none."""
    from data_access.publication.cells import cell_of
    from ui.committee_filters import cell_for

    first, as_of = dt.date(2024, 1, 1), dt.date(2025, 12, 31)
    periods = period_cells(helsingor, first, as_of)
    scopes, departments = site_scopes(helsingor), department_scopes(helsingor)
    quarter = find_period(periods, "2025-Q2")
    for scope in scopes:
        for department in departments:
            cell = Cell(quarter, scope, department)
            assert cell_of(cell.filters(), periods, scopes, departments) == cell
            assert cell_for(helsingor, cell.filters(), first, as_of) == cell
    day = dt.date(2025, 4, 1)
    assert cell_of(Filters(day, dt.date(2025, 4, 9)), periods) is None  # a free range
    two = Filters(quarter.start, quarter.end, departments=("stof", "unge"))
    assert cell_of(two, periods) is None and cell_for(helsingor, two, first, as_of) is None
    odd = Filters(quarter.start, quarter.end, departments=("nowhere",))
    assert cell_of(odd, periods) is not None and cell_of(odd, periods, None, departments) is None
