"""The shared sidebar: language and filters, all kept in the URL so a view can be shared."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data_access.filters import Filters
from data_access.organisation import SITE_KINDS, Organisation
from ui import format as fmt
from ui.i18n import LANGUAGE_KEY, LANGUAGES, current_language, t

# Widget keys double as URL query parameter names (bind="query-params").
PERIOD_KEY = "period"
DATES_KEY = "dates"
DEPARTMENTS_KEY = "dept"
KINDS_KEY = "kind"
SITES_KEY = "site"
FILTERS_STATE = "_filters"

PRESETS = ("project", "year", "quarter", "month", "last12", "custom")


def preset_period(preset: str, org: Organisation, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The dates of a period preset. Relative presets count back from `as_of`, the last day
    with data, so a dashboard opened after the data ends still shows the latest figures."""
    if preset == "year":
        return dt.date(as_of.year, 1, 1), as_of
    if preset == "quarter":
        return latest_full_quarter(as_of)
    if preset == "month":
        return latest_full_month(as_of)
    if preset == "last12":
        return _add_months(as_of, -12) + dt.timedelta(days=1), as_of
    return org.outreach.start, org.outreach.end


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    first = dt.date(year, month + 1, 1)
    last_day = ((first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)).day
    return first.replace(day=min(day.day, last_day))


def latest_full_month(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The latest calendar month that ends on or before `as_of`."""
    next_day = as_of + dt.timedelta(days=1)
    end = as_of if next_day.day == 1 else as_of.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def latest_full_quarter(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The latest calendar quarter that ends on or before `as_of`."""
    quarter_start = dt.date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    quarter_end = _add_months(quarter_start, 3) - dt.timedelta(days=1)
    if as_of < quarter_end:
        quarter_end = quarter_start - dt.timedelta(days=1)
        quarter_start = _add_months(quarter_start, -3)
    return quarter_start, quarter_end


def _preset_label(preset: str, org: Organisation, as_of: dt.date, lang: str) -> str:
    start, end = preset_period(preset, org, as_of)
    if preset == "year":
        return t("filters.period.year", year=start.year)
    if preset == "quarter":
        return t("filters.period.quarter", label=f"K{(start.month - 1) // 3 + 1} {start.year}"
                 if lang == "da" else f"Q{(start.month - 1) // 3 + 1} {start.year}")
    if preset == "month":
        return t("filters.period.month", label=fmt.month_label(start, lang))
    return t(f"filters.period.{preset}")


def language_switch() -> str:
    st.sidebar.segmented_control(
        t("language.label"),
        LANGUAGES,
        default="da",
        format_func=lambda code: t(f"language.{code}"),
        key=LANGUAGE_KEY,
        bind="query-params",
        required=True,
    )
    return current_language()


def sidebar_filters(org: Organisation, as_of: dt.date) -> Filters:
    """Render the shared filters in the sidebar and return them (also kept in session state)."""
    lang = current_language()
    sidebar = st.sidebar
    sidebar.header(t("filters.header"))
    preset = sidebar.selectbox(
        t("filters.period"),
        PRESETS,
        format_func=lambda p: _preset_label(p, org, as_of, lang),
        key=PERIOD_KEY,
        bind="query-params",
    )
    start, end = preset_period(preset, org, as_of)
    if preset == "custom":
        chosen = sidebar.date_input(
            t("filters.dates"),
            value=(org.outreach.start, org.outreach.end),
            format="DD-MM-YYYY" if lang == "da" else "YYYY-MM-DD",
            key=DATES_KEY,
            bind="query-params",
        )
        if isinstance(chosen, tuple) and len(chosen) == 2:
            start, end = chosen
        else:
            sidebar.caption(t("filters.dates.incomplete"))
            start, end = org.outreach.start, org.outreach.end
    caption = t(
        "filters.period_caption",
        start=fmt.date(start, lang),
        end=fmt.date(end, lang),
        days=fmt.number((end - start).days + 1, lang),
    )
    sidebar.caption(fmt.markdown_text(caption))
    departments = sidebar.multiselect(
        t("filters.departments"),
        [d.id for d in org.departments],
        format_func=lambda d: org.department(d).label(lang),
        placeholder=t("filters.departments.all"),
        key=DEPARTMENTS_KEY,
        bind="query-params",
    )
    kinds = sidebar.multiselect(
        t("filters.kinds"),
        [k for k in SITE_KINDS if any(s.kind == k for s in org.outreach_sites)],
        format_func=lambda k: t(f"kind.{k}"),
        placeholder=t("filters.kinds.all"),
        key=KINDS_KEY,
        bind="query-params",
    )
    site_choices = [s.id for s in org.outreach_sites if not kinds or s.kind in kinds]
    site_names = {s.id: s.name for s in org.sites}
    sites = sidebar.multiselect(
        t("filters.sites"),
        site_choices,
        format_func=lambda s: site_names.get(s, s),
        placeholder=t("filters.sites.all"),
        key=SITES_KEY,
        bind="query-params",
    )
    sidebar.caption(t("filters.as_of", date=fmt.date(as_of, lang)))
    filters = Filters(
        start=start,
        end=end,
        departments=tuple(departments),
        sites=tuple(s for s in sites if s in site_choices),
        site_kinds=tuple(kinds),
    )
    st.session_state[FILTERS_STATE] = filters
    return filters


def current_filters() -> Filters:
    """The filters the sidebar rendered in this run (app.py renders them before the page)."""
    return st.session_state[FILTERS_STATE]
