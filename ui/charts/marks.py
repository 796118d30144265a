"""What every chart of protected figures shares: a count as its shown text, the "<5" and "–"
marks where a hidden bar or point would be, and the rows a stack may be drawn from."""

from __future__ import annotations

import pandas as pd

from data_access.publication.count import ProtectedTable
from ui.charts import vega
from ui.charts.vega import Spec


def is_protected(frame: pd.DataFrame, column: str) -> bool:
    return ProtectedTable(frame).protected(column)


def shown_text(frame: pd.DataFrame, column: str, lang: str) -> list[str]:
    """Each row's count as text: the number, or "<5" / "–" for protected committee figures
    (their `<column>_shown` column, see data_access/publication/publish.py)."""
    return ProtectedTable(frame).texts(column, lang)


def hidden_marks(frame: pd.DataFrame, column: str, x: Spec, **encodings: Spec) -> Spec | None:
    """The "<5" (and "–") marks of a protected frame, at the foot of the chart where the hidden
    bars or points would be: a masked value is labelled, never a silent gap."""
    if not is_protected(frame, column):
        return None
    hidden = frame[frame[f"{column}_shown"] != ""]
    if hidden.empty:
        return None
    mark = {"type": "text", "baseline": "bottom", "dy": -2, "fontSize": 10, "color": vega.MUTED}
    text = vega.channel(f"{column}_shown:N")
    return vega.view(hidden, mark, {"x": x, "y": {"datum": 0}, "text": text, **encodings})


def drawn(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows of a (protected) frame whose count is shown as a number: what a stacked bar
    may be drawn from. A "<5" or "–" row left in a stack leaves the stack without a base, and
    Vega draws none of the bars above it: a month of 35 public contacts beside a withheld
    partner count was drawn as empty. Its mark comes from `hidden_marks` instead."""
    return frame[pd.to_numeric(frame[column], errors="coerce").notna()]
