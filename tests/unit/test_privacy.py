"""Small-number protection: nothing hidden can be recovered from what is shown."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text

from data_access import privacy
from data_access.db import create_engine_for


def test_counts_of_one_to_four_are_hidden_and_zero_is_shown():
    assert [privacy.count_text(n, True) for n in (0, 1, 4, 5, 12)] == ["0", "<5", "<5", "5", "12"]
    assert privacy.count_text(3, False) == "3"
    assert privacy.count_text(1234, True, "1.234") == "1.234"


def test_a_difference_that_reveals_a_hidden_count_is_hidden():
    assert privacy.safe_delta(12, 3, True) is None  # 12 - delta would give the 3
    assert privacy.safe_delta(3, 12, True) is None
    assert privacy.safe_delta(12, 7, True) == 5
    assert privacy.safe_delta(12, 9, True) is None  # three persons more: a small group itself
    assert privacy.safe_delta(12, 12, True) == 0
    assert privacy.safe_delta(3, 12, False) == -9


def test_a_single_hidden_cell_in_a_row_gets_a_companion():
    hidden, row_hidden, _ = privacy.suppression_mask(np.array([[3, 10, 12]]), col_totals=False)
    assert hidden.tolist() == [[True, True, False]]  # 10 hidden with the 3
    assert not row_hidden[0]


def test_a_small_total_is_hidden_itself():
    _, row_hidden, col_hidden = privacy.suppression_mask(np.array([[1, 2], [0, 9]]))
    assert row_hidden.tolist() == [True, False]
    assert col_hidden.tolist() == [True, False]


CRAFTED = [
    [[2, 8, 9], [7, 6, 11], [5, 9, 10]],
    [[1, 0, 0], [0, 0, 0], [20, 30, 40]],
    [[4, 4, 4], [10, 10, 10]],
    [[12, 3], [15, 20], [0, 1]],
    [[0, 0, 2]],
]


@pytest.mark.parametrize("table", CRAFTED)
def test_no_hidden_cell_can_be_recovered_from_crafted_tables(table):
    cells = np.array(table, dtype=float)
    hidden, row_hidden, col_hidden = privacy.suppression_mask(cells)
    assert privacy.recoverable_cells(cells, hidden, row_hidden, col_hidden) == []
    assert not ((cells >= 1) & (cells <= 4) & ~hidden).any()  # every small cell is hidden


def test_no_hidden_cell_can_be_recovered_from_random_tables():
    rng = random.Random(4)
    for _ in range(300):
        rows, cols = rng.randint(1, 5), rng.randint(1, 6)
        cells = np.array(
            [
                [rng.choice([0, 0, 1, 2, 3, 4, 5, 8, 13, 30]) for _ in range(cols)]
                for _ in range(rows)
            ],
            dtype=float,
        )
        hidden, row_hidden, col_hidden = privacy.suppression_mask(cells)
        assert privacy.recoverable_cells(cells, hidden, row_hidden, col_hidden) == [], cells


def test_the_checker_finds_an_unprotected_cell():
    cells = np.array([[3, 10, 12]], dtype=float)
    only_primary = np.array([[True, False, False]])
    found = privacy.recoverable_cells(cells, only_primary, np.array([False]), np.zeros(0, bool))
    assert found == [(0, 0)]  # 25 - 10 - 12: the checker would catch a missing companion


def test_no_hidden_cell_can_be_recovered_from_the_demo_data(demo_db_url):
    engine = create_engine_for(demo_db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT site_id, strftime('%Y-%m', contact_at), count(DISTINCT person_id) "
                "FROM outreach_contacts WHERE person_id IS NOT NULL GROUP BY 1, 2"
            )
        ).all()
    frame = pd.DataFrame(rows, columns=["site", "month", "persons"]).pivot_table(
        index="site", columns="month", values="persons", fill_value=0
    )
    cells = frame.to_numpy(dtype=float)
    assert ((cells >= 1) & (cells <= 4)).sum() > 20  # the demo is full of small cells
    hidden, row_hidden, col_hidden = privacy.suppression_mask(cells)
    assert privacy.recoverable_cells(cells, hidden, row_hidden, col_hidden) == []
    assert not ((cells >= 1) & (cells <= 4) & ~hidden).any()


def test_suppress_table_with_a_total_column():
    frame = pd.DataFrame(
        {
            "dept": ["stof", "unge"],
            "0-7": [3, 9],
            "8-14": [10, 6],
            "15+": [12, 0],
            "total": [25, 15],
        }
    )
    shown = privacy.suppress_table(frame, ["0-7", "8-14", "15+"], total_column="total")
    assert shown.iloc[0].tolist() == ["stof", "<5", "<5", "12", "25"]
    assert shown.iloc[1].tolist() == ["unge", "9", "6", "0", "15"]


def test_sparse_monthly_series_and_quarters():
    assert privacy.too_sparse([0, 3, 12, 2, 9, 1])
    assert not privacy.too_sparse([10, 12, 3, 9, 15])
    assert privacy.protect_series([0, 3, 12]) == [0, None, 12]
    assert privacy.quarter_of(dt.date(2025, 8, 17)) == dt.date(2025, 7, 1)
