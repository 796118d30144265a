import datetime as dt

import pytest

from data_access.filters import Filters, bucket_end, bucket_starts
from ui.filters import latest_full_month, latest_full_quarter, preset_period

D = dt.date


def test_previous_period_has_the_same_length():
    march = Filters(D(2024, 3, 1), D(2024, 3, 31))
    assert march.previous() == Filters(D(2024, 1, 30), D(2024, 2, 29))
    year = Filters(D(2025, 1, 1), D(2025, 12, 31), departments=("stof",))
    # Same length, not the same calendar year: 2024 is a leap year.
    assert year.previous() == Filters(D(2024, 1, 2), D(2024, 12, 31), departments=("stof",))


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends before it starts"):
        Filters(D(2024, 3, 2), D(2024, 3, 1))


def test_grain_is_weeks_for_short_periods():
    assert Filters(D(2024, 1, 1), D(2024, 3, 31)).grain == "week"
    assert Filters(D(2024, 1, 1), D(2024, 4, 1)).grain == "week"  # 92 days
    assert Filters(D(2024, 1, 1), D(2024, 4, 2)).grain == "month"


def test_buckets():
    assert bucket_starts(D(2024, 1, 15), D(2024, 3, 1), "month") == [
        D(2024, 1, 1),
        D(2024, 2, 1),
        D(2024, 3, 1),
    ]
    assert bucket_starts(D(2024, 2, 28), D(2024, 3, 5), "week") == [D(2024, 2, 26), D(2024, 3, 4)]
    assert bucket_end(D(2024, 2, 1), "month") == D(2024, 2, 29)
    assert bucket_end(D(2024, 2, 26), "week") == D(2024, 3, 3)


@pytest.mark.parametrize(
    ("as_of", "quarter", "month"),
    [
        (D(2025, 12, 31), (D(2025, 10, 1), D(2025, 12, 31)), (D(2025, 12, 1), D(2025, 12, 31))),
        (D(2025, 12, 30), (D(2025, 7, 1), D(2025, 9, 30)), (D(2025, 11, 1), D(2025, 11, 30))),
        (D(2024, 3, 1), (D(2023, 10, 1), D(2023, 12, 31)), (D(2024, 2, 1), D(2024, 2, 29))),
    ],
)
def test_latest_full_quarter_and_month(as_of, quarter, month):
    assert latest_full_quarter(as_of) == quarter
    assert latest_full_month(as_of) == month


def test_presets(helsingor):
    as_of = D(2025, 6, 15)
    assert preset_period("project", helsingor, as_of) == (D(2024, 1, 1), D(2025, 12, 31))
    assert preset_period("year", helsingor, as_of) == (D(2025, 1, 1), as_of)
    assert preset_period("last12", helsingor, as_of) == (D(2024, 6, 16), as_of)


def test_overlaps():
    period = Filters(D(2024, 3, 1), D(2024, 3, 31))
    assert period.overlaps(D(2024, 3, 31), D(2025, 1, 1))
    assert period.overlaps(D(2023, 1, 1), D(2024, 3, 1))
    assert not period.overlaps(D(2024, 4, 1), D(2025, 1, 1))
    assert not period.overlaps(D(2023, 1, 1), D(2024, 2, 29))
