"""A published count as one type (data_access/publication/count.py): every encoding the
publication hands on (the scalar, the protected frame) reads back to the same Count, with one
text and one rule for totals, shares and changes."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from data_access.publication.count import (
    HIDDEN,
    WITHHELD_COUNT,
    Count,
    ProtectedTable,
    change,
    departments_together,
    share,
    too_sparse,
    total,
)
from data_access.publication.rounding import WITHHELD
from data_access.publication.store import _protected, figure_in

SCALARS = st.one_of(st.none(), st.just(WITHHELD), st.integers(0, 400).map(lambda n: 5 * n))


def test_each_scalar_reads_as_its_count_and_text():
    assert Count.of(None) == HIDDEN and Count.of(pd.NA) == HIDDEN
    assert Count.of(WITHHELD) == WITHHELD_COUNT
    assert Count.of(15) == Count(15) and Count.of(15).shown
    assert [Count.of(v).text("da") for v in (None, WITHHELD, 0, 1235)] == ["<5", "–", "0", "1.235"]
    assert Count.of(1235).text("en") == "1,235"


@given(st.lists(SCALARS, max_size=12))
def test_a_protected_frame_gives_back_the_publications_scalars(values):
    frame = _protected(pd.DataFrame({"n": pd.Series(values, dtype=object)}), "n")
    table = ProtectedTable(frame)
    assert [c.scalar for c in table.counts("n")] == values
    assert [figure_in(row, "n") for _, row in frame.iterrows()] == values
    assert table.texts("n", "da") == [Count.of(v).text("da") for v in values]


@given(st.lists(SCALARS, min_size=1, max_size=8))
def test_a_total_is_never_beside_a_hidden_part(values):
    counts = [Count.of(v) for v in values]
    result = total(counts)
    if len(counts) == 1:
        assert result == counts[0]  # one part: the part as published, nothing to subtract
    elif all(c.shown for c in counts):
        assert result == Count(sum(values))
    else:
        assert result == WITHHELD_COUNT  # else total minus the shown parts gives the hidden one


def test_shares_and_changes_follow_the_publication_rules():
    assert share(Count(10), Count(15), protected=True) is None  # a base under 20
    assert share(Count(10), Count(20), protected=True) == 0.5
    assert share(HIDDEN, Count(40), protected=True) is None
    assert share(Count(45), Count(40), protected=True) == 1.0  # rounding: capped at 100 %
    assert change(Count(20), Count(15)) == 5
    assert change(Count(20), HIDDEN) is None and change(WITHHELD_COUNT, Count(5)) is None


def test_a_plain_frame_is_its_numbers():
    table = ProtectedTable(pd.DataFrame({"n": [3, 1234]}))
    assert not table.protected("n")
    assert table.texts("n", "da") == ["3", "1.234"]
    assert table.total("n") == Count(1237)


def test_sparse_monthly_series_are_shown_by_quarter():
    assert too_sparse([0, 3, 12, 2, 9, 1])
    assert not too_sparse([10, 12, 3, 9, 15])
    assert too_sparse([10, None, None, 15])  # "<5" and "–" are missing in a protected frame


def test_departments_together_are_the_published_total_or_the_sum():
    """A committee frame's "all" rows, never a sum of its (rounded, hidden) departments; a
    plain frame's sum."""
    published = _protected(
        pd.DataFrame(
            {
                "department": ["stof", "alkohol", "all", "stof", "all"],
                "source": ["a", "a", "a", "b", "b"],
                "n": pd.Series([None, 10, 15, 5, 5], dtype=object),
            }
        ),
        "n",
    )
    together = departments_together(published, "n", ["source"])
    assert together["source"].tolist() == ["a", "b"]
    assert ProtectedTable(together).counts("n") == [Count(15), Count(5)]
    plain = pd.DataFrame({"department": ["stof", "alkohol"], "source": ["a", "a"], "n": [3, 4]})
    assert departments_together(plain, "n", ["source"]).to_dict("list") == {
        "source": ["a"],
        "n": [7],
    }
