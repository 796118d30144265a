"""A published count as one type, and a protected table with the only things a view may do
with its counts.

A committee figure is a number (0 or a multiple of 5), hidden ("<5": 1-4, or a count whose
exact value would give one away) or withheld ("–": not even 0 can be told from 1-4). The
publication hands them on as scalars (an int, None, WITHHELD) and as protected frames (a
nullable integer column with a `<column>_shown` text column: data_access/publication/store.py);
`Count` reads either, and every reading of a protected figure in the app goes through it, so
there is one decoding, one text and one rule for what may be computed:

- `text`: the number in the page's language, or "<5" / "–";
- `total`: a sum only of shown numbers, and only when every part is shown (a total beside a
  hidden part would give the part away by subtraction);
- `share`, `change`: data_access/publication/rules.py's rules (a share only on a base of at
  least MIN_SHARE_BASE, a change only between two shown numbers).

`too_sparse` decides when a monthly series is shown by quarter instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from data_access.publication import rules
from data_access.publication.cells import ALL
from data_access.publication.rounding import HIDDEN_TEXT, WITHHELD, WITHHELD_TEXT
from language import format as fmt

SMALL_MIN, SMALL_MAX = 1, 4
SPARSE_SHARE = 0.25  # a monthly series with more small cells than this is shown by quarter


@dataclass(frozen=True, slots=True)
class Count:
    number: int | None  # the figure when it is shown
    mark: str = ""  # "" when shown, else HIDDEN_TEXT or WITHHELD_TEXT

    @classmethod
    def of(cls, scalar: object) -> Count:
        """The publication's scalar: an int, None (or NA: "<5") or WITHHELD ("–")."""
        if scalar is None or pd.isna(scalar):  # type: ignore[arg-type]
            return HIDDEN
        value = int(scalar)  # type: ignore[call-overload]
        return WITHHELD_COUNT if value == WITHHELD else cls(value)

    @classmethod
    def marked(cls, value: object, mark: str) -> Count:
        """A protected frame's cell: its value and its `_shown` mark ("<5", "–" or "")."""
        if mark == HIDDEN_TEXT:
            return HIDDEN
        if mark == WITHHELD_TEXT:
            return WITHHELD_COUNT
        return cls.of(value)

    @classmethod
    def in_row(cls, row: pd.Series, column: str) -> Count:
        """A figure of a protected frame's row; a plain frame's figure is its number."""
        return cls.marked(row[column], row.get(f"{column}_shown", "") or "")

    @property
    def shown(self) -> bool:
        return not self.mark and self.number is not None

    @property
    def scalar(self) -> int | None:
        """Back to the publication's scalar: the number, None for "<5", WITHHELD for "–"."""
        if self.mark == WITHHELD_TEXT:
            return WITHHELD
        return self.number if self.shown else None

    def text(self, lang: str) -> str:
        return self.mark if self.mark else fmt.number(self.number, lang)


HIDDEN = Count(None, HIDDEN_TEXT)
WITHHELD_COUNT = Count(None, WITHHELD_TEXT)


def total(counts: Iterable[Count]) -> Count:
    """The sum of shown counts, withheld when any part is not shown (a total of one part is
    that part, as published)."""
    parts = list(counts)
    if len(parts) == 1:
        return parts[0]
    if not all(c.shown for c in parts):
        return WITHHELD_COUNT
    return Count(sum(c.number for c in parts))  # type: ignore[misc]


def share(numerator: Count, base: Count, protected: bool, *, part: bool = True) -> float | None:
    return rules.share(numerator.scalar, base.scalar, protected, part=part)


def change(current: Count, previous: Count) -> int | None:
    return rules.change(current.scalar, previous.scalar)


@dataclass(frozen=True)
class ProtectedTable:
    """A frame of counts as the views may use it: read a figure, its text, a total."""

    frame: pd.DataFrame

    def protected(self, column: str) -> bool:
        return f"{column}_shown" in self.frame

    def counts(self, column: str) -> list[Count]:
        if not self.protected(column):
            return [Count.of(value) for value in self.frame[column]]
        marks = self.frame[f"{column}_shown"].tolist()
        values = self.frame[column].tolist()
        return [Count.marked(v, mark) for v, mark in zip(values, marks, strict=True)]

    def texts(self, column: str, lang: str) -> list[str]:
        """Each row's figure as shown: the number, "<5" or "–"."""
        return [c.text(lang) for c in self.counts(column)]

    def total(self, column: str) -> Count:
        return (
            total(self.counts(column))
            if self.protected(column)
            else Count(int(pd.to_numeric(self.frame[column]).fillna(0).sum()))
        )


def departments_together(frame: pd.DataFrame, column: str, by: Sequence[str]) -> pd.DataFrame:
    """The departments together, per `by`: a protected frame's published "all" rows (the sum
    of rounded departments is not the rounded total, and a hidden department would show
    through it), a plain frame's sum. The one place a view gets a figure for every department
    at once."""
    if ProtectedTable(frame).protected(column):
        return frame[frame["department"] == ALL].reset_index(drop=True)
    return frame.groupby(list(by), as_index=False, sort=False)[column].sum()


def is_small(value: float | None) -> bool:
    return value is not None and SMALL_MIN <= value <= SMALL_MAX


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
