"""Committee comparisons (issue 15): a publication cell is compared with the same cell one
year earlier by default (2025-Q1 with 2024-Q1), with the previous cell as a choice; the figures
compared with are that cell's own protected figures, and a cell whose year-earlier one lies
outside the data (or that is still running) is compared with nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.publication import publish, store
from data_access.publication.cells import (
    ALL,
    Cell,
    SiteScope,
    compared_period,
    find_period,
    is_running,
    period_cells,
    year_earlier_period,
)
from tests.unit import test_publication_sweep as sweep
from tests.unit.test_publication_sweep import _protected, counts_in

D = dt.date


@pytest.mark.parametrize(
    ("period_id", "expected"),
    [
        ("2025-03", "2024-03"),
        ("2025-02", "2024-02"),  # 28 days against 29: both whole Februaries
        ("2025-Q1", "2024-Q1"),
        ("2025-H2", "2024-H2"),
        ("2025", "2024"),
        ("2024-Q1", None),  # a year earlier is before the data
        ("2024-07", None),
        ("2024", None),
        ("project", None),  # the project period has no year-earlier one
    ],
)
def test_the_same_cell_a_year_earlier(helsingor, period_id, expected):
    cells = period_cells(helsingor, D(2024, 1, 1), D(2025, 12, 31))
    found = year_earlier_period(cells, find_period(cells, period_id))
    assert (found.id if found else None) == expected
    if found:
        assert found.kind == find_period(cells, period_id).kind
        assert compared_period(cells, find_period(cells, period_id)) == found


def test_the_previous_cell_is_the_choice(helsingor):
    cells = period_cells(helsingor, D(2024, 1, 1), D(2025, 12, 31))
    q1 = find_period(cells, "2025-Q1")
    assert compared_period(cells, q1, "previous").id == "2024-Q4"
    assert compared_period(cells, find_period(cells, "2025-03"), "previous").id == "2025-02"
    assert compared_period(cells, find_period(cells, "2024-Q1"), "previous") is None


def test_a_running_cell_has_no_year_earlier_one(helsingor):
    """The running quarter (1 Oct - 1 Dec 2026) is not the whole of Q4 2025, and a partial
    Q4 2025 is no publication cell: nothing to compare with rather than unlike periods."""
    cells = period_cells(helsingor, D(2024, 1, 1), D(2026, 12, 1))
    running = find_period(cells, "2026-Q4")
    assert is_running(running)
    assert year_earlier_period(cells, running) is None
    assert not is_running(find_period(cells, "2026-Q3"))
    assert year_earlier_period(cells, find_period(cells, "2026-Q3")).id == "2025-Q3"
    assert year_earlier_period(cells, find_period(cells, "2026-11")).id == "2025-11"


# The demo's engine and publication, as the sweep builds them (module-scoped fixtures).
engine, pub = sweep.engine, sweep.pub
ALL_SITES = SiteScope("all")


def _cell(pub, period_id: str, dept: str = ALL, sites: SiteScope = ALL_SITES) -> Cell:
    return Cell(find_period(list(pub.periods), period_id), sites, dept)


@pytest.mark.parametrize(
    ("period_id", "compare", "expected"),
    [
        ("2025-Q1", "year", "2024-Q1"),
        ("2025-03", "year", "2024-03"),
        ("2025", "year", "2024"),
        ("2025-Q1", "previous", "2024-Q4"),
        ("2025-03", "previous", "2025-02"),
    ],
)
def test_the_overview_compares_with_that_cells_published_figures(
    pub, engine, helsingor, period_id, compare, expected
):
    for sites, dept in ((SiteScope("all"), ALL), (SiteScope("kind", "public"), "stof")):
        data = publish.overview(
            pub, engine, helsingor, _cell(pub, period_id, dept, sites), compare=compare
        )
        other = publish.overview(pub, engine, helsingor, _cell(pub, expected, dept, sites))
        previous = data.filters.previous()
        assert (previous.start, previous.end) == (other.filters.start, other.filters.end)
        # The figures compared with are the other cell's own protected figures: the same
        # numbers a committee sees when it picks that cell.
        assert data.outreach_previous == other.outreach
        assert data.referrals_previous == other.referrals
        assert data.caseload_previous == other.caseload
        assert data.guarantee_previous == other.guarantee
        for name, value in counts_in(data, "overview"):
            assert _protected(value), (period_id, name, value)


def test_the_caseload_page_compares_with_the_year_earlier_cell(pub, engine, helsingor):
    data = publish.caseload(pub, engine, helsingor, _cell(pub, "2025-Q2", "stof"))
    other = publish.caseload(pub, engine, helsingor, _cell(pub, "2024-Q2", "stof"))
    assert data.previous == other.current
    chosen = publish.caseload(
        pub, engine, helsingor, _cell(pub, "2025-Q2", "stof"), compare="previous"
    )
    assert (
        chosen.previous
        == publish.caseload(pub, engine, helsingor, _cell(pub, "2025-Q1", "stof")).current
    )


def test_a_cell_without_a_year_earlier_one_is_compared_with_nothing(pub, engine, helsingor):
    """The data's first year (the caseload reaches back before the project) has no cell a
    year earlier."""
    first_year = min(p.start.year for p in pub.periods)
    quarter = f"{first_year}-Q4"
    assert find_period(list(pub.periods), f"{first_year - 1}-Q4") is None
    data = publish.overview(pub, engine, helsingor, _cell(pub, quarter))
    assert data.filters.previous_range == store.NO_PREVIOUS
    assert not data.filters.comparable_since(helsingor.outreach.start)
    # Nothing raw stands in for the missing cell: the comparison figures are all zero.
    assert data.outreach_previous.contacts == 0 and data.outreach_previous.persons == 0
    assert data.referrals_previous.requests == 0
    assert all(v == 0 for v in data.caseload_previous.values())
    assert publish.caseload(pub, engine, helsingor, _cell(pub, quarter)).previous == {}
