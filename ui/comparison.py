"""What a manager's period is compared with, and which month, quarter or year it is.

For calendar periods (a month, a quarter, a year, or the year so far) people compare with the
same period a year earlier (Power BI's "same period last year"); "the previous period" (the
same number of days just before) is a choice, kept in the URL (?compare=previous). A month,
quarter or year can be picked directly, not only the latest (?which=2025-Q3).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.publication.cells import PeriodCell, latest, period_cells
from ui.i18n import t, translate

COMPARE_KEY = "compare"  # also the URL parameter
WHICH_KEY = "which"  # also the URL parameter
COMPARES = ("year", "previous")
CALENDAR_PRESETS = ("year", "quarter", "month")


def year_earlier(day: dt.date) -> dt.date:
    """The same day a year earlier (29 February: the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def same_period_last_year(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period a year earlier; a whole month stays a whole month (February 2025 against
    February 2024, the 29th included)."""
    first, last = year_earlier(start), year_earlier(end)
    next_day = end + dt.timedelta(days=1)
    if next_day.day == 1:  # `end` is a month's last day: so is the year-earlier end
        last = (year_earlier(next_day.replace(day=1))) - dt.timedelta(days=1)
    return first, last


def is_calendar_period(start: dt.date, end: dt.date) -> bool:
    """A whole month, quarter or year, or a year, quarter or month so far (from its first day)."""
    if start.day != 1:
        return False
    if start.month == 1 and end.year == start.year:
        return True  # a year, or the year so far
    if end.year != start.year:
        return False
    quarter_start = (start.month - 1) % 3 == 0 and end.month <= start.month + 2
    return end.month == start.month or quarter_start


def compared_with(f: Filters) -> str | None:
    """What the filters' period is compared with: "year" (the same period a year earlier),
    "previous" (the period before), or None (a committee cell with nothing to compare with:
    its range is dt.date.min, see data_access/publication/store.NO_PREVIOUS)."""
    if f.previous_range is not None and f.previous_range[0] == dt.date.min:
        return None
    if not f.committee:  # a manager's calendar period carries its year-earlier range
        return "year" if f.previous_range is not None else "previous"
    previous = f.previous()
    same = (previous.start, previous.end) == same_period_last_year(f.start, f.end)
    return "year" if same else "previous"


def compare_mode() -> str:
    value = st.session_state.get(COMPARE_KEY, COMPARES[0])
    return value if value in COMPARES else COMPARES[0]


def previous_range(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    """The range compared with: a year earlier for calendar periods (unless the previous
    period is chosen), else None (the same length just before; data_access.filters)."""
    if compare_mode() == "year" and is_calendar_period(start, end):
        return same_period_last_year(start, end)
    return None


def _compare_changed() -> None:
    st.session_state[COMPARE_KEY] = st.session_state["compare_widget"]


def compare_control(start: dt.date, end: dt.date, lang: str, offered: bool | None = None) -> None:
    """The choice of comparison, for calendar periods only (others compare with the period
    just before, as there is no natural year-earlier one); `offered` overrides the test (a
    committee's month, quarter, half or year cell has one, the project period none)."""
    if not (is_calendar_period(start, end) if offered is None else offered):
        return
    st.session_state["compare_widget"] = compare_mode()
    st.sidebar.radio(
        t("today.compare.label"),
        COMPARES,
        format_func=lambda c: translate(f"today.compare.{c}", lang),
        key="compare_widget",
        on_change=_compare_changed,
        horizontal=True,
    )


def choices(org: Organisation, preset: str, first: dt.date, as_of: dt.date) -> list[PeriodCell]:
    """The months, quarters or years that can be picked, newest first."""
    return sorted(
        (c for c in period_cells(org, first, as_of) if c.kind == preset),
        key=lambda c: c.start,
        reverse=True,
    )


def _which_changed(widget: str) -> None:
    st.session_state[WHICH_KEY] = st.session_state[widget]


def pick(
    org: Organisation, preset: str, first: dt.date, as_of: dt.date, label
) -> tuple[dt.date, dt.date] | None:
    """For the month, quarter and year presets: a second box to pick which one (the latest
    complete by default, as the preset says); its dates, or None for other presets."""
    if preset not in CALENDAR_PRESETS:
        return None
    cells = choices(org, preset, first, as_of)
    if not cells:
        return None
    by_id = {c.id: c for c in cells}
    default = latest(cells, preset, complete_only=preset != "year").id  # type: ignore[arg-type]
    wanted = st.session_state.get(WHICH_KEY)
    widget = f"which.{preset}"
    current = wanted if wanted in by_id else default
    st.session_state[widget] = current
    chosen = st.sidebar.selectbox(
        t(f"today.which.{preset}"),
        list(by_id),
        format_func=lambda i: label(by_id[i]),
        key=widget,
        on_change=_which_changed,
        args=(widget,),
    )
    if chosen == default:
        st.session_state.pop(WHICH_KEY, None)  # the latest: the URL stays short
    else:
        st.session_state[WHICH_KEY] = chosen
    cell = by_id[chosen]
    return cell.start, cell.end


def compare_url() -> dict[str, str]:
    """The comparison for the URL (the default, a year earlier, left out)."""
    return {COMPARE_KEY: compare_mode()} if compare_mode() != COMPARES[0] else {}


def url_values() -> dict[str, str]:
    """The comparison and the picked period for the URL (defaults left out)."""
    values = compare_url()
    if st.session_state.get(WHICH_KEY):
        values[WHICH_KEY] = st.session_state[WHICH_KEY]
    return values


def load_url(params: dict[str, list[str]], ignored: list[str]) -> None:
    """On a session's first run: the comparison and the picked period from the URL."""
    for value in params.get(COMPARE_KEY, []):
        if value in COMPARES:
            st.session_state[COMPARE_KEY] = value
        else:
            ignored.append(f"{COMPARE_KEY}={value}")
    for value in params.get(WHICH_KEY, []):
        st.session_state[WHICH_KEY] = value
