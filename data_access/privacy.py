"""Small-number protection for committee-safe output: the one place that decides what is shown.

Rules (../shared/domain/README.md): counts of 1-4 are shown as "<5" (primary suppression), and
a total or a difference that would reveal a hidden count is hidden too (secondary suppression).
Zero is shown: "nobody" identifies no one. Monthly series too sparse to show safely are shown
by quarter instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from data_access.publication.rounding import HIDDEN_TEXT

HIDDEN = HIDDEN_TEXT  # data_access/publication/rounding.py
SMALL_MIN, SMALL_MAX = 1, 4
SPARSE_SHARE = 0.25  # a monthly series with more small cells than this is shown by quarter


def is_small(value: float | None) -> bool:
    return value is not None and SMALL_MIN <= value <= SMALL_MAX


def count_text(value: int, committee: bool, formatted: str | None = None) -> str:
    """A count as shown: "<5" for 1-4 in committee mode, otherwise the (formatted) number."""
    if committee and is_small(value):
        return HIDDEN
    return formatted if formatted is not None else str(value)


def safe_delta(current: int, previous: int, committee: bool) -> int | None:
    """A difference between two counts, or None when it would reveal a hidden count. A
    difference of 1-4 is itself a small group (the persons who came or went): hidden too."""
    if committee and (is_small(current) or is_small(previous) or is_small(abs(current - previous))):
        return None
    return current - previous


def suppression_mask(
    cells: np.ndarray, row_totals: bool = True, col_totals: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which cells, row totals and column totals must be hidden.

    Primary: every cell and total of 1-4. Secondary: a row (column) whose total is shown may
    not have exactly one hidden cell, or that cell is its total minus the others; the smallest
    other non-hidden cell is hidden with it (or, if there is none, the total). Repeated until
    nothing changes, since hiding in a row can expose a column.
    Returns (cell mask, row-total mask, column-total mask); True = hidden.
    """
    cells = np.asarray(cells, dtype=float)
    hidden = (cells >= SMALL_MIN) & (cells <= SMALL_MAX)
    row_sum, col_sum = cells.sum(axis=1), cells.sum(axis=0)
    row_hidden = (row_sum >= SMALL_MIN) & (row_sum <= SMALL_MAX) if row_totals else None
    col_hidden = (col_sum >= SMALL_MIN) & (col_sum <= SMALL_MAX) if col_totals else None

    def protect(line: np.ndarray, values: np.ndarray, total_hidden: bool) -> bool:
        """Make one line safe; return True if something new was hidden."""
        if total_hidden or line.sum() != 1:
            return False
        candidates = [i for i in range(len(values)) if not line[i]]
        if not candidates:
            return False
        # Hide the smallest other cell; prefer non-zero ones (a hidden zero is a poor cover,
        # but still a cover: the reader cannot tell it is zero).
        nonzero = [i for i in candidates if values[i] > 0]
        pick = min(nonzero or candidates, key=lambda i: values[i])
        line[pick] = True
        return True

    empty = np.zeros(0, dtype=bool)
    while True:
        changed = True
        while changed:
            changed = False
            if row_totals:
                for r in range(cells.shape[0]):
                    changed |= protect(hidden[r], cells[r], bool(row_hidden[r]))
            if col_totals:
                for c in range(cells.shape[1]):
                    column = hidden[:, c].copy()
                    if protect(column, cells[:, c], bool(col_hidden[c])):
                        hidden[:, c] = column
                        changed = True
        # Lines with two hidden cells can still give one away in combination (rows and
        # columns together): audit with linear algebra and hide one more cell until none can.
        exposed = recoverable_cells(
            cells, hidden, row_hidden if row_totals else empty, col_hidden if col_totals else empty
        )
        if not exposed:
            break
        r, c = exposed[0]
        visible = [(r, j) for j in range(cells.shape[1]) if not hidden[r, j]]
        visible += [(i, c) for i in range(cells.shape[0]) if not hidden[i, c]]
        if visible:
            nonzero = [p for p in visible if cells[p] > 0]
            hidden[min(nonzero or visible, key=lambda p: cells[p])] = True
        else:  # nothing left to hide beside it: hide the totals that pin it down
            if row_totals:
                row_hidden[r] = True
            if col_totals:
                col_hidden[c] = True
    return hidden, row_hidden if row_totals else empty, col_hidden if col_totals else empty


def suppress_table(
    frame: pd.DataFrame, count_columns: Sequence[str], *, total_column: str | None = None
) -> pd.DataFrame:
    """A table for committee eyes: counts of 1-4, and the cells that would reveal them, as "<5".
    Count columns come back as text (a column mixing numbers and "<5" is text anyway).

    `count_columns` hold counts of the same unit (their row sums are meaningful). If
    `total_column` is given it holds each row's total and takes part in the protection.
    A bottom "total" row, if any, must be added after suppression with `safe_totals`.
    """
    values = frame[list(count_columns)].to_numpy(dtype=float)
    hidden, row_hidden, _ = suppression_mask(
        values, row_totals=total_column is not None, col_totals=False
    )
    out = frame.copy().astype(object)
    for j, column in enumerate(count_columns):
        out[column] = [HIDDEN if hidden[i, j] else str(int(values[i, j])) for i in range(len(out))]
    if total_column is not None:
        out[total_column] = [
            HIDDEN if row_hidden[i] else str(int(frame[total_column].iloc[i]))
            for i in range(len(out))
        ]
    return out


def protect_series(values: Sequence[int]) -> list[int | None]:
    """A count series for a chart: small values become None (the chart leaves a gap and the
    tooltip says "<5")."""
    return [None if is_small(v) else int(v) for v in values]


def too_sparse(values: Sequence[int | None]) -> bool:
    """More than a quarter of the non-zero cells are 1-4 (or, for protected committee figures,
    shown as "<5" or "–": missing): show quarters instead of months."""
    missing = [v is None or bool(pd.isna(v)) for v in values]
    nonzero = [m or bool(v) for v, m in zip(values, missing, strict=True)]
    small = [m or is_small(v) for v, m in zip(values, missing, strict=True)]
    count = sum(nonzero)
    return bool(count) and sum(s and n for s, n in zip(small, nonzero, strict=True)) / count > (
        SPARSE_SHARE
    )


def quarter_of(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def recoverable_cells(
    cells: np.ndarray, hidden: np.ndarray, row_hidden: np.ndarray, col_hidden: np.ndarray
) -> list[tuple[int, int]]:
    """Hidden cells whose value follows from the shown margins (linear algebra): used by the
    tests to prove the protection, and usable on any table before it is shown."""
    positions = [tuple(p) for p in np.argwhere(hidden)]
    if not positions:
        return []
    index = {p: k for k, p in enumerate(positions)}
    equations = []
    for r in range(cells.shape[0]):
        if len(row_hidden) and not row_hidden[r]:
            equations.append([1.0 if p[0] == r else 0.0 for p in positions])
    for c in range(cells.shape[1]):
        if len(col_hidden) and not col_hidden[c]:
            equations.append([1.0 if p[1] == c else 0.0 for p in positions])
    if not equations:
        return []
    a = np.array(equations)
    rank = np.linalg.matrix_rank(a)
    exposed = []
    for p, k in index.items():
        unit = np.zeros(len(positions))
        unit[k] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            exposed.append(p)
    return exposed
