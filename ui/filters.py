"""The shared sidebar: language and filters, all kept in the URL so a view can be shared."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data_access.filters import Filters
from data_access.organisation import SITE_KINDS, Organisation
from data_access.settings import COMMITTEE_DEFAULT
from language import format as fmt
from ui import auth, committee_filters, comparison
from ui.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_KEY,
    LANGUAGES,
    TEXTS,
    current_language,
    t,
    translate,
)
from ui.plain import plain

# Widget keys double as URL query parameter names.
PERIOD_KEY = "period"
DATES_KEY = "dates"
DEPARTMENTS_KEY = "dept"
KINDS_KEY = "kind"
SITES_KEY = "site"
FILTERS_STATE = "_filters"
CELL_STATE = "_cell"  # the publication cell, in committee mode
AS_OF_STATE = "_as_of"  # the last day with data, which the presets count back from
COMMITTEE_KEY = "committee"
COMMITTEE_WIDGET = "committee_switch"

PAGE_URL_KEYS = ("list",)  # URL parameters pages own (ui/worklists_view)
PRESETS = ("project", "year", "quarter", "month", "last12", "custom")
# Dates a link may name (?from=&to=): the comparisons count back a year or a period from them,
# and the calendar ends at 9999.
URL_EARLIEST, URL_LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


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
    start, _ = preset_period(preset, org, as_of)
    if preset == "year":
        return translate("filters.period.year", lang, year=start.year)
    if preset == "quarter":
        return translate("filters.period.quarter", lang, label=fmt.quarter_label(start, lang))
    if preset == "month":
        return translate("filters.period.month", lang, label=fmt.month_label(start, lang))
    return translate(f"filters.period.{preset}", lang)


LANGUAGE_WIDGET = "language_switch"
URL_LOADED = "_url_loaded"
URL_WARNINGS = "_url_warnings"


def load_url_state(org: Organisation) -> None:
    """On a session's first run, copy the filters from the URL into the widgets' state.

    The URL holds stable ids (?period=year&dept=stof&lang=en), never translated labels, so a
    link works in either language. Unknown values are dropped with a message, not an error.
    """
    if st.session_state.get(URL_LOADED):
        return
    st.session_state[URL_LOADED] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    ignored: list[str] = []

    def known(name: str, allowed: list[str] | tuple[str, ...]) -> list[str]:
        values = params.get(name, [])
        ignored.extend(f"{name}={v}" for v in values if v not in allowed)
        return [v for v in values if v in allowed]

    if lang := known(LANGUAGE_KEY, LANGUAGES):
        st.session_state[LANGUAGE_KEY] = lang[-1]
    if committee := known(COMMITTEE_KEY, ("0", "1")):
        st.session_state[COMMITTEE_KEY] = committee[-1] == "1"
    # A fixed period (?period=2025-Q1): the committee's cell; for managers, those dates.
    cell_ids = [v for v in params.get(PERIOD_KEY, []) if committee_filters.looks_like_cell(v)]
    if cell_ids:
        params[PERIOD_KEY] = [v for v in params[PERIOD_KEY] if v not in cell_ids]
        dates = committee_filters.cell_range(org, cell_ids[-1])
        if dates is None:  # shaped like a period, but no calendar has it (9999-Q4, 2025-13)
            ignored.append(f"{PERIOD_KEY}={cell_ids[-1]}")
        else:
            st.session_state[committee_filters.URL_PERIOD] = cell_ids[-1]
            st.session_state[PERIOD_KEY] = "custom"
            st.session_state[DATES_KEY] = dates
    if period := known(PERIOD_KEY, PRESETS):
        st.session_state[PERIOD_KEY] = period[-1]
    if PERIOD_KEY in params and "from" in params and "to" in params:
        try:
            start = dt.date.fromisoformat(params["from"][-1])
            end = dt.date.fromisoformat(params["to"][-1])
            if end < start or not (start >= URL_EARLIEST and end <= URL_LATEST):
                raise ValueError
            st.session_state[DATES_KEY] = (start, end)
        except ValueError:
            ignored.append(f"from={params['from'][-1]}&to={params['to'][-1]}")
    if departments := known(DEPARTMENTS_KEY, [d.id for d in org.departments]):
        st.session_state[DEPARTMENTS_KEY] = departments
    if kinds := known(KINDS_KEY, SITE_KINDS):
        st.session_state[KINDS_KEY] = kinds
    if sites := known(SITES_KEY, [s.id for s in org.outreach_sites]):
        st.session_state[SITES_KEY] = sites
    comparison.load_url(params, ignored)
    st.session_state[URL_WARNINGS] = ignored


def default_preset(org: Organisation, as_of: dt.date) -> str:
    """The period a page opens with: the project period while it runs, the last 12 months
    once it is over (a manager opening the app today sees today's data, not the grant's)."""
    return PRESETS[0] if as_of <= org.outreach.end else "last12"


def write_url_state(preset: str, filters: Filters, default: str = PRESETS[0]) -> None:
    """Mirror the current choices into the URL (defaults left out, so links stay short)."""
    wanted: dict[str, str | list[str]] = {}
    if committee_mode() != committee_default():
        wanted[COMMITTEE_KEY] = "1" if committee_mode() else "0"
    if current_language() != DEFAULT_LANGUAGE:
        wanted[LANGUAGE_KEY] = current_language()
    wanted.update(auth.url_state())
    # A page's own parameters (the worklist in view, the comparison) stay as they are.
    wanted.update({k: st.query_params[k] for k in PAGE_URL_KEYS if k in st.query_params})
    wanted.update(comparison.url_values())
    if preset != default:
        wanted[PERIOD_KEY] = preset
    if preset == "custom":
        wanted["from"] = filters.start.isoformat()
        wanted["to"] = filters.end.isoformat()
    for key, values in (
        (DEPARTMENTS_KEY, filters.departments),
        (KINDS_KEY, filters.site_kinds),
        (SITES_KEY, filters.sites),
    ):
        if values:
            wanted[key] = list(values)
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    normalised = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normalised:
        st.query_params.from_dict(wanted)


def _widget_key(key: str, default: object) -> str:
    """A per-language widget key, seeded from the canonical value in session state.

    Option labels are translated; a widget that keeps its key across a language switch keeps
    showing the old label in the browser, so each language gets its own widget. The canonical
    value (session_state[key], also what the URL fills) carries the choice across.
    """
    widget_key = f"{key}.{current_language()}"
    if widget_key not in st.session_state:
        st.session_state[widget_key] = st.session_state.get(key, default)
    return widget_key


def _remember(key: str, value: object) -> object:
    st.session_state[key] = value
    return value


def _language_changed() -> None:
    # A callback runs before the script, so the navigation above the switch is translated too.
    st.session_state[LANGUAGE_KEY] = st.session_state[LANGUAGE_WIDGET]


def language_switch() -> str:
    """The language control. The canonical choice lives in session_state["lang"] (filled from
    the URL, changed by the callback); the widget is seeded from it whenever Streamlit has no
    state for it, so the choice survives every kind of run."""
    if st.session_state.get(LANGUAGE_WIDGET) not in LANGUAGES:
        st.session_state[LANGUAGE_WIDGET] = current_language()
    st.sidebar.segmented_control(
        t("language.label"),
        LANGUAGES,
        format_func=lambda code: TEXTS[f"language.{code}"][code],
        key=LANGUAGE_WIDGET,
        required=True,
        on_change=_language_changed,
    )
    return current_language()


def committee_default() -> bool:
    return COMMITTEE_DEFAULT.value() == "1"


def committee_mode() -> bool:
    """Whether counts must be committee-safe on this run (see data_access/publication/).
    Always for the udvalg role (or nobody known), whatever the URL or the session says."""
    if auth.committee_forced():
        return True
    return bool(st.session_state.get(COMMITTEE_KEY, committee_default()))


def _committee_changed() -> None:
    st.session_state[COMMITTEE_KEY] = st.session_state[COMMITTEE_WIDGET]


def committee_switch() -> bool:
    """The committee-mode toggle; like the language, a canonical value plus a seeded widget.
    A role that may not leave committee mode gets no switch."""
    if auth.committee_forced():
        return True
    if COMMITTEE_WIDGET not in st.session_state:
        st.session_state[COMMITTEE_WIDGET] = committee_mode()
    st.sidebar.toggle(
        t("committee.label"),
        key=COMMITTEE_WIDGET,
        help=t("committee.help"),
        on_change=_committee_changed,
    )
    return committee_mode()


def sidebar_filters(org: Organisation, as_of: dt.date, first: dt.date | None = None) -> Filters:
    """Render the shared filters in the sidebar and return them (also kept in session state).
    In committee mode only the fixed publication cells can be chosen (ui/committee_filters)."""
    st.session_state[AS_OF_STATE] = as_of
    if committee_mode():
        return _committee_filters(org, as_of, first or as_of)
    st.session_state[CELL_STATE] = None
    lang = current_language()
    sidebar = st.sidebar
    sidebar.header(t("filters.header"))
    for ignored in st.session_state.get(URL_WARNINGS, []):
        sidebar.warning(t("filters.url_ignored", value=plain(ignored)), icon=":material/link_off:")
    preset = _remember(
        PERIOD_KEY,
        sidebar.selectbox(
            t("filters.period"),
            PRESETS,
            format_func=lambda p: _preset_label(p, org, as_of, lang),
            key=_widget_key(PERIOD_KEY, default_preset(org, as_of)),
        ),
    )
    start, end = preset_period(preset, org, as_of)
    picked = comparison.pick(
        org,
        preset,
        first or org.outreach.start,
        as_of,
        lambda cell: committee_filters.period_label(cell, lang),
    )
    if picked:
        start, end = picked
    if preset == "custom":
        chosen = _remember(
            DATES_KEY,
            sidebar.date_input(
                t("filters.dates"),
                format=fmt.DATE_INPUT_FORMAT[lang],
                key=_widget_key(DATES_KEY, (org.outreach.start, org.outreach.end)),
            ),
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
        days=(end - start).days + 1,
    )
    sidebar.caption(fmt.markdown_text(caption))
    comparison.compare_control(start, end, lang)
    departments = _remember(
        DEPARTMENTS_KEY,
        sidebar.multiselect(
            t("filters.departments"),
            [d.id for d in org.departments],
            format_func=lambda d: org.department(d).label(lang),
            placeholder=t("filters.departments.all"),
            key=_widget_key(DEPARTMENTS_KEY, []),
        ),
    )
    kinds = _remember(
        KINDS_KEY,
        sidebar.multiselect(
            t("filters.kinds"),
            [k for k in SITE_KINDS if any(s.kind == k for s in org.outreach_sites)],
            format_func=lambda k: translate(f"kind.{k}", lang),
            placeholder=t("filters.kinds.all"),
            key=_widget_key(KINDS_KEY, []),
        ),
    )
    site_choices = [s.id for s in org.outreach_sites if not kinds or s.kind in kinds]
    sites_key = _widget_key(SITES_KEY, [])
    # A site hidden by the kind filter cannot stay selected.
    st.session_state[sites_key] = [s for s in st.session_state[sites_key] if s in site_choices]
    site_names = {s.id: s.name for s in org.sites}
    sites = _remember(
        SITES_KEY,
        sidebar.multiselect(
            t("filters.sites"),
            site_choices,
            format_func=lambda s: site_names.get(s, s),
            placeholder=t("filters.sites.all"),
            key=sites_key,
        ),
    )
    sidebar.caption(t("filters.as_of", date=fmt.date(as_of, lang)))
    filters = Filters(
        start=start,
        end=end,
        departments=tuple(departments),
        sites=tuple(sites),
        site_kinds=tuple(kinds),
        previous_range=comparison.previous_range(start, end),
    )
    write_url_state(preset, filters, default_preset(org, as_of))
    st.session_state[FILTERS_STATE] = filters
    return filters


def _committee_filters(org: Organisation, as_of: dt.date, first: dt.date) -> Filters:
    for ignored in st.session_state.get(URL_WARNINGS, []):
        st.sidebar.warning(t("filters.url_ignored", value=ignored), icon=":material/link_off:")
    cell, filters = committee_filters.committee_sidebar(
        org, as_of, first, st.session_state.get(PERIOD_KEY)
    )
    wanted: dict[str, str | list[str]] = dict(committee_filters.url_values(cell))
    wanted.update(comparison.compare_url())
    if committee_mode() != committee_default():
        wanted[COMMITTEE_KEY] = "1"
    if current_language() != DEFAULT_LANGUAGE:
        wanted[LANGUAGE_KEY] = current_language()
    wanted.update(auth.url_state())  # the demo's role, in committee mode too
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}:
        st.query_params.from_dict(wanted)
    st.session_state[FILTERS_STATE] = filters
    st.session_state[CELL_STATE] = cell
    return filters


def current_filters() -> Filters:
    """The filters the sidebar rendered in this run (app.py renders them before the page)."""
    return st.session_state[FILTERS_STATE]


def current_cell():
    """The publication cell the committee sidebar chose in this run (committee mode only)."""
    return st.session_state.get(CELL_STATE)


def current_as_of() -> dt.date:
    return st.session_state[AS_OF_STATE]
