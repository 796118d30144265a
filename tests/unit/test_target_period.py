"""The outreach target counts within the project period only (issue 15): after the project
has ended, persons first met later do not count towards it, for managers and in committee
mode."""

import datetime as dt

import pytest

from data_access import overview as q
from data_access.filters import Filters
from tests.unit import test_overview_queries as crafted

D = dt.date
APRIL = Filters(D(2024, 4, 1), D(2024, 4, 30))
# The crafted contacts (tests/unit/test_overview_queries.py): person 4 on 15 Jan, person 3 on
# 29 Feb and 1 Apr, person 1 on 1 and 15 Mar, person 2 on 31 Mar.
engine = crafted.engine


def test_the_target_range_stops_at_the_project_end():
    assert q.target_range(APRIL, D(2024, 1, 1), D(2024, 2, 29)) == (D(2024, 1, 1), D(2024, 2, 29))
    assert q.target_range(APRIL, D(2024, 1, 1), D(2025, 12, 31)) == (D(2024, 1, 1), D(2024, 4, 30))
    assert q.target_range(APRIL, D(2024, 1, 1), None) == (D(2024, 1, 1), D(2024, 4, 30))


@pytest.mark.parametrize(
    ("project_end", "expected"),
    [
        (D(2024, 2, 29), 2),  # persons 4 and 3: those met after the end do not count
        (D(2024, 3, 14), 3),  # and person 1 (1 March)
        (D(2024, 12, 31), 4),  # the project still runs: to the period's end
        (None, 4),
    ],
)
def test_persons_towards_the_target_are_those_met_in_the_project_period(
    engine, project_end, expected
):
    assert q.persons_reached_since(engine, D(2024, 1, 1), APRIL, project_end) == expected
    data = q.overview(engine, APRIL, D(2024, 1, 1), project_end)
    assert data.reached_since_start == expected
