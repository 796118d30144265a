"""Comparisons people expect (issue 15): calendar periods against the same period a year
earlier, everything else against the period of the same length just before."""

import datetime as dt

import pytest

from data_access.filters import Filters
from ui.comparison import is_calendar_period, same_period_last_year

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 1, 1), D(2025, 12, 31), (D(2024, 1, 1), D(2024, 12, 31))),
        (D(2026, 1, 1), D(2026, 12, 1), (D(2025, 1, 1), D(2025, 12, 1))),  # the year so far
        (D(2025, 7, 1), D(2025, 9, 30), (D(2024, 7, 1), D(2024, 9, 30))),
        (D(2025, 2, 1), D(2025, 2, 28), (D(2024, 2, 1), D(2024, 2, 29))),  # a whole February
        (D(2024, 2, 1), D(2024, 2, 29), (D(2023, 2, 1), D(2023, 2, 28))),
    ],
)
def test_the_same_period_a_year_earlier(start, end, expected):
    assert is_calendar_period(start, end)
    assert same_period_last_year(start, end) == expected


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2024, 1, 1), D(2025, 12, 31)),  # the project period: two years
        (D(2024, 12, 2), D(2025, 12, 1)),  # the last 12 months
        (D(2025, 3, 5), D(2025, 4, 20)),  # a free range
        (D(2025, 2, 1), D(2025, 4, 30)),  # three months, but not a quarter
    ],
)
def test_other_periods_are_not_calendar_periods(start, end):
    assert not is_calendar_period(start, end)


def test_filters_compare_with_the_range_given():
    f = Filters(D(2025, 7, 1), D(2025, 9, 30), previous_range=(D(2024, 7, 1), D(2024, 9, 30)))
    assert (f.previous().start, f.previous().end) == (D(2024, 7, 1), D(2024, 9, 30))
    plain = Filters(D(2025, 7, 1), D(2025, 9, 30))
    # The same number of days (92) just before.
    assert (plain.previous().start, plain.previous().end) == (D(2025, 3, 31), D(2025, 6, 30))
