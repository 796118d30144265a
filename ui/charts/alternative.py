"""A chart's text alternative, read from its finished spec: the table a screen reader (and
anyone) can use instead of the picture, and a one-line description.

The table is made of what each drawn mark's tooltip says (the fields a mouse user reads on
hover, under the same titles), from the rows the spec sends to the browser. So it holds
exactly the figures the chart shows, in committee mode as published ("<5", "–"), and never
more: it is read from the spec the browser already receives. A new chart gets its table by
having tooltips, which every builder gives its marks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from language import format as fmt
from ui.charts.vega import Spec

# Marks that draw figures; text and rule marks annotate them ("<5" marks, guarantee lines).
DRAWN = {"bar", "line", "area", "point", "circle", "square", "rect", "arc", "tick", "trail"}
MISSING = "–"


def _views(spec: Spec, data: str | None = None) -> Iterator[tuple[Spec, str | None]]:
    """Every leaf view with the name of the dataset it draws from (inherited from its parent
    when it names none)."""
    own = spec.get("data")
    if isinstance(own, dict) and "name" in own:
        data = own["name"]
    children = [
        *spec.get("layer", []),
        *spec.get("vconcat", []),
        *spec.get("hconcat", []),
        *spec.get("concat", []),
    ]
    if "spec" in spec:
        children.append(spec["spec"])
    if not children:
        yield spec, data
    for child in children:
        yield from _views(child, data)


def _mark(view: Spec) -> str | None:
    mark = view.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


def _tooltip(view: Spec) -> list[Spec]:
    """A view's titled tooltip fields (an untitled one, the project band's, is not a figure)."""
    tooltip = view.get("encoding", {}).get("tooltip")
    fields = tooltip if isinstance(tooltip, list) else [tooltip] if tooltip else []
    fields = [f for f in fields if isinstance(f, dict) and f.get("field")]
    return fields if fields and all(f.get("title") for f in fields) else []


def _cell(value: Any, field: Spec, lang: str) -> str:
    """One tooltip value as the tooltip writes it, in the page's language."""
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return MISSING
    kind, pattern = field.get("type"), field.get("format")
    if kind == "temporal":
        moment = pd.Timestamp(value)
        return moment.strftime(pattern) if pattern else fmt.date(moment.date(), lang)
    if kind == "quantitative" and isinstance(value, int | float):
        if pattern and pattern.endswith("%"):
            return fmt.percent(float(value), lang, int(pattern.strip(".%") or 0))
        if pattern and pattern.endswith("f"):
            return fmt.number(float(value), lang, int(pattern.strip(".,f") or 0))
        return fmt.number(float(value), lang, 0 if float(value).is_integer() else 1)
    return str(value)


def _aggregated(frame: pd.DataFrame, fields: list[Spec]) -> pd.DataFrame:
    """Rows summed as the tooltip's own aggregate asks Vega to (a histogram's bar)."""
    summed = [f["field"] for f in fields if f.get("aggregate") == "sum"]
    if not summed:
        return frame
    keys = [f["field"] for f in fields if f["field"] not in summed]
    return frame.groupby(keys, as_index=False, sort=False, dropna=False)[summed].sum()


def _sources(spec: Spec) -> Iterator[tuple[list[dict], list[Spec]]]:
    """(rows, tooltip fields) of every drawn view. Views drawing the same rows (a line and its
    points) count once; views that each draw a filtered part of the same rows (the reached
    line and the target line) together draw all of them, so their rows are taken whole,
    once."""
    datasets = spec.get("datasets", {})
    seen = set()
    for view, data in _views(spec):
        fields = _tooltip(view)
        if _mark(view) not in DRAWN or not fields or data not in datasets:
            continue
        if any("aggregate" in step for step in view.get("transform", [])):
            continue  # a summary of rows, not a mark per row
        names = tuple(f["field"] for f in fields)
        if (data, names) not in seen:
            seen.add((data, names))
            yield datasets[data], fields


def mark_count(spec: Spec) -> int:
    """How many rows the chart's table has, without making it (for its description)."""
    count = 0
    for rows, fields in _sources(spec):
        if any(f.get("aggregate") == "sum" for f in fields):
            keys = [f["field"] for f in fields if f.get("aggregate") != "sum"]
            count += len({tuple(row.get(k) for k in keys) for row in rows})
        else:
            count += len(rows)
    return count


def chart_table(spec: Spec, lang: str) -> pd.DataFrame:
    """The chart's figures as a table of text: one row per drawn mark, one column per tooltip
    field, headed by its title."""
    parts = []
    for rows, fields in _sources(spec):
        names = [f["field"] for f in fields]
        frame = _aggregated(pd.DataFrame(rows).reindex(columns=list(dict.fromkeys(names))), fields)
        titles = _unique([str(f["title"]) for f in fields])
        parts.append(
            pd.DataFrame(
                {
                    title: [_cell(v, f, lang) for v in frame[f["field"]].tolist()]
                    for title, f in zip(titles, fields, strict=True)
                }
            )
        )
    if not parts:
        return pd.DataFrame()
    return pd.concat(parts, ignore_index=True).fillna(MISSING)


def _unique(titles: list[str]) -> list[str]:
    """Titles as column names: a repeated title gets a number."""
    out: list[str] = []
    for title in titles:
        name, n = title, 2
        while name in out:
            name, n = f"{title} ({n})", n + 1
        out.append(name)
    return out
