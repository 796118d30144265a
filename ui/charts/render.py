"""The one place a chart reaches the page: a `Panel` names what it shows and how to build its
spec; `render` draws its title, the chart (its spec built once per figures, language and data
version, and sent as Arrow), its selections, the committee note under protected figures, and
its text alternative: an accessible name and description on the chart, and "Vis som tabel"
with the figures it shows (ui/charts/alternative.py), so no chart can be drawn without one.
Builders stay pure (ui/charts/*.py: a frame and options in, a Vega-Lite dict out)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from data_access import cached
from data_access.publication.rounding import WITHHELD_TEXT
from ui.charts import vega
from ui.charts.alternative import chart_table, mark_count
from ui.charts.marks import is_protected
from ui.frame_digest import frame_digest
from ui.i18n import t
from ui.tables import html_table


@dataclass(frozen=True)
class Panel:
    """One chart on a page.

    `key` must fix everything the chart shows (the database, filters, focus and options; the
    language and the data version are added by `render`); `build` makes its spec from them.
    `counts` are the (frame, column) pairs it draws counts from, for the committee note.
    `selections` are the names of its selection parameters, read back under `widget_key`.
    `label` names the chart for a screen reader when the view drew its title itself."""

    name: str
    title: str | None
    key: tuple
    build: Callable[[], vega.Spec]
    counts: Sequence[tuple[pd.DataFrame, str]] = field(default_factory=tuple)
    widget_key: str | None = None
    selections: Sequence[str] = ()
    label: str | None = None


def render(panel: Panel, lang: str) -> None:
    if panel.title:
        st.markdown(f"**{panel.title}**")
    name = panel.title or panel.label or panel.name
    digest = cached.cache_key(panel.name, *panel.key, cached.version())
    spec, marks = _cached_spec(digest, lang, name, panel.build)
    if panel.selections:
        st.vega_lite_chart(
            spec,
            width="stretch",
            key=panel.widget_key,
            on_select="rerun",
            selection_mode=list(panel.selections),
        )
    else:
        st.vega_lite_chart(spec, width="stretch")
    committee_note(panel.counts)
    if marks:
        shown_as_table(name, lambda: _cached_table(digest, lang, panel.build), panel.name, lang)


@st.cache_data(ttl="10m", max_entries=1000, show_spinner=False)
def _cached_spec(
    digest: str, lang: str, name: str, _build: Callable[[], vega.Spec]
) -> tuple[dict, int]:
    """The spec as the browser gets it, named and described for a screen reader, and how many
    rows its table has."""
    spec = vega.finished(_build(), lang)
    marks = mark_count(spec)
    spec["description"] = t("chart.alt.description", name=name, n=marks)
    return with_arrow_datasets(spec), marks


@st.cache_data(ttl="10m", max_entries=200, show_spinner=False)
def _cached_table(digest: str, lang: str, _build: Callable[[], vega.Spec]) -> pd.DataFrame:
    """The chart's table (ui/charts/alternative.py), read from its spec when it is opened."""
    return chart_table(vega.finished(_build(), lang), lang)


def shown_as_table(name: str, table: Callable[[], pd.DataFrame], panel: str, lang: str) -> None:
    """ "Vis som tabel": the chart's figures as an HTML table a screen reader can walk, made
    only while it is open (a page of ten charts makes and sends no table until one is asked
    for)."""
    key = f"alt-{panel}-{name}"
    box = st.expander(t("chart.table.show"), icon=":material/table:", key=key, on_change="rerun")
    if box.open:
        with box:
            html_table(table(), lang, alt=t("chart.table.alt", name=name))


def with_arrow_datasets(spec: dict) -> dict:
    """The spec with its inline datasets (lists of rows) as the Arrow bytes Streamlit sends
    them to the browser as. st.vega_lite_chart converts each dataset on every call unless it
    is bytes already (streamlit/elements/vega_charts.py, _marshall_chart_data), and a cached
    spec is read back on every rerun: converted once here, by the same function, the browser
    gets the same bytes and a rerun does none of that work."""
    from streamlit import dataframe_util

    datasets = spec.get("datasets")
    if isinstance(datasets, dict):
        spec["datasets"] = {
            name: (
                dataframe_util.convert_anything_to_arrow_bytes(rows)
                if isinstance(rows, list) and all(isinstance(row, dict) for row in rows)
                else rows
            )
            for name, rows in datasets.items()
        }
    return spec


def frame_key(frame: pd.DataFrame) -> str:
    """A frame's whole content as part of a chart's key (columns, types and every value), for
    a chart drawn from the frame alone: the key can never be right for other figures."""
    return frame_digest(frame)


def committee_note(counts: Sequence[tuple[pd.DataFrame, str]]) -> None:
    """Under a chart of protected figures: they are rounded, what "<5" marks mean and, when
    a figure is withheld, what "–" means."""
    if any(is_protected(f, c) for f, c in counts):
        st.caption(t("committee.chart_note"))
        if any(is_protected(f, c) and (f[f"{c}_shown"] == WITHHELD_TEXT).any() for f, c in counts):
            st.caption(t("committee.chart_note.withheld"))


def nothing_safe_to_show(frame: pd.DataFrame, column: str) -> bool:
    """True (and says so) when a protected chart would have no bar or point to draw."""
    if frame.empty or not (pd.to_numeric(frame[column]).fillna(0) > 0).any():
        st.caption(t("committee.too_few"))
        return True
    return False
