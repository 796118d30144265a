"""The sidebar in committee mode: only the fixed publication cells (data_access/publication).

A period from a fixed calendar (a month, a quarter, a half-year, a calendar year, the project
period), one site or one site kind or all sites, one department or all: nothing else can be
chosen, so no two views can be subtracted into a small group. The choice lives in the URL as
stable ids (?committee=1&period=2025-Q1&kind=public&dept=stof).
"""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.publication.cells import (
    ALL,
    PERIOD_KINDS,
    Cell,
    PeriodCell,
    SiteScope,
    cell_of,
    department_scopes,
    find_period,
    is_running,
    latest,
    period_cells,
    site_scopes,
)
from language import format as fmt
from ui import comparison
from ui.i18n import current_language, t, translate

C_PERIOD = "c_period"  # canonical choices, like the manager filters' (see ui/filters.py)
C_SCOPE = "c_scope"
C_DEPT = "c_dept"
URL_PERIOD = "_url_cell_period"  # a period id from the URL (?period=2025-Q1)
CELL_ID = re.compile(r"^\d{4}(-\d{2}|-Q[1-4]|-H[12])?$")
PRESET_KINDS = {"month": "month", "quarter": "quarter", "year": "year", "project": "project"}


def looks_like_cell(value: str) -> bool:
    return bool(CELL_ID.match(value))


def cell_range(org: Organisation, period_id: str) -> tuple[dt.date, dt.date] | None:
    """The dates of a period id, without knowing the data (managers' links: ?period=2025-Q1)."""
    if period_id == "project":
        return org.outreach.start, org.outreach.end
    if not looks_like_cell(period_id):
        return None
    year = int(period_id[:4])
    rest = period_id[5:]
    if not rest:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if rest.startswith("Q"):
        first, months = 3 * (int(rest[1]) - 1) + 1, 3
    elif rest.startswith("H"):
        first, months = 6 * (int(rest[1]) - 1) + 1, 6
    else:
        first, months = int(rest), 1
        if not 1 <= first <= 12:
            return None
    index = year * 12 + first - 1 + months
    try:
        return dt.date(year, first, 1), dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(
            days=1
        )
    except ValueError:  # a year the calendar has no room for (?period=9999-Q4, 0000-01)
        return None


def period_label(cell: PeriodCell, lang: str) -> str:
    """The period's name; one still running says up to which day it has data (a committee
    member must not take eleven months for a year)."""
    name = _period_name(cell, lang)
    if cell.kind != "project" and is_running(cell):
        return translate("committee.period.running", lang, name=name, date=fmt.date(cell.end, lang))
    return name


def offered(
    cells: list[PeriodCell], org: Organisation, linked: str | None = None
) -> list[PeriodCell]:
    """The periods a committee can choose: from the project's start (before it there are
    treatment courses but no outreach, and a year of zeros reads as a finding), and the one
    a link names (the year-earlier comparisons still reach back before the project: a
    baseline)."""
    return [c for c in cells if c.end >= org.outreach.start or c.id == linked]


def _period_name(cell: PeriodCell, lang: str) -> str:
    if cell.kind == "month":
        return fmt.month_label(cell.start, lang)
    if cell.kind == "quarter":
        return fmt.quarter_label(cell.start, lang)
    if cell.kind == "half":
        n = 1 if cell.start.month == 1 else 2
        return translate("committee.period.half", lang, n=n, year=cell.start.year)
    if cell.kind == "year":
        return str(cell.start.year)
    return translate("committee.period.project", lang, start=cell.start.year, end=cell.end.year)


def scope_label(org: Organisation, scope: SiteScope, lang: str) -> str:
    if scope.level == "all":
        return translate("filters.sites.all", lang)
    if scope.level == "kind":
        return translate("committee.scope.kind", lang, kind=translate(f"kind.{scope.value}", lang))
    return "\u2003" + org.site(scope.value).name  # an em space: sites sit under their kind


def _initial_period(cells: list[PeriodCell], manager_preset: str | None) -> str:
    """The period to open with: from the URL's id, else the manager preset's cell."""
    wanted = st.session_state.pop(URL_PERIOD, None)
    if wanted and find_period(cells, wanted):
        return wanted
    kind = PRESET_KINDS.get(manager_preset or "project", "project")
    try:
        return latest(cells, kind, complete_only=kind in ("month", "quarter")).id
    except ValueError:
        return cells[-1].id


def _initial_scope(scopes: list[SiteScope]) -> str:
    sites = st.session_state.get("site") or []
    kinds = st.session_state.get("kind") or []
    if len(sites) == 1 and not kinds and SiteScope("site", sites[0]) in scopes:
        return SiteScope("site", sites[0]).id
    if len(kinds) == 1 and not sites and SiteScope("kind", kinds[0]) in scopes:
        return SiteScope("kind", kinds[0]).id
    return ALL


def _asked_for_a_union() -> bool:
    """Whether the filters carried in (the URL) name more than one site, kind or department."""
    sites = st.session_state.get("site") or []
    kinds = st.session_state.get("kind") or []
    depts = st.session_state.get("dept") or []
    return len(sites) + len(kinds) > 1 or len(depts) > 1


def _initial_department(departments: list[str]) -> str:
    chosen = st.session_state.get("dept") or []
    return chosen[0] if len(chosen) == 1 and chosen[0] in departments else ALL


def _seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _kind_changed(cells: list[PeriodCell], widget: str) -> None:
    kind = st.session_state[widget]
    st.session_state[C_PERIOD] = latest(cells, kind, complete_only=kind in ("month", "quarter")).id


def _period_changed(widget: str) -> None:
    st.session_state[C_PERIOD] = st.session_state[widget]


def committee_sidebar(
    org: Organisation, as_of: dt.date, first: dt.date, manager_preset: str | None
) -> tuple[Cell, Filters]:
    """Render the committee filters and return the chosen cell and its filters."""
    lang = current_language()
    sidebar = st.sidebar
    # A period named by a link (or chosen by one earlier in the session) stays offered.
    linked = st.session_state.get(URL_PERIOD) or st.session_state.get(C_PERIOD)
    cells = offered(period_cells(org, first, as_of), org, linked)
    scopes = site_scopes(org)
    departments = department_scopes(org)
    by_id = {c.id: c for c in cells}
    _seed(C_PERIOD, _initial_period(cells, manager_preset))
    if st.session_state[C_PERIOD] not in by_id:
        st.session_state[C_PERIOD] = _initial_period(cells, None)
    first_visit = C_SCOPE not in st.session_state
    _seed(C_SCOPE, _initial_scope(scopes))
    _seed(C_DEPT, _initial_department(departments))
    if first_visit and _asked_for_a_union():
        # A manager's link with several sites or departments: say what is shown instead,
        # rather than silently showing something else.
        shown = ", ".join(
            [
                scope_label(org, _scope(scopes, st.session_state[C_SCOPE]), lang).strip(),
                t("filters.departments.all")
                if st.session_state[C_DEPT] == ALL
                else org.department(st.session_state[C_DEPT]).label(lang),
            ]
        )
        sidebar.warning(t("committee.url_union", value=shown))

    sidebar.header(t("filters.header"))
    sidebar.caption(t("committee.filters.caption"))
    current = by_id[st.session_state[C_PERIOD]]
    kinds = [k for k in PERIOD_KINDS if any(c.kind == k for c in cells)]
    kind_widget = f"c_kind.{lang}"
    st.session_state[kind_widget] = current.kind
    sidebar.selectbox(
        t("committee.period.kind"),
        kinds,
        format_func=lambda k: translate(f"committee.kind.{k}", lang),
        key=kind_widget,
        on_change=_kind_changed,
        args=(cells, kind_widget),
    )
    of_kind = sorted((c for c in cells if c.kind == current.kind), key=lambda c: c.start)[::-1]
    period_widget = f"c_period.{lang}.{current.kind}"
    st.session_state[period_widget] = current.id
    chosen = sidebar.selectbox(
        t("filters.period"),
        [c.id for c in of_kind],
        format_func=lambda i: period_label(by_id[i], lang),
        key=period_widget,
        on_change=_period_changed,
        args=(period_widget,),
    )
    st.session_state[C_PERIOD] = chosen
    period = by_id[chosen]
    sidebar.caption(
        fmt.markdown_text(
            t(
                "filters.period_caption",
                start=fmt.date(period.start, lang),
                end=fmt.date(period.end, lang),
                days=period.days,
            )
        )
    )
    # Compared with the same cell a year earlier, or the previous one (?compare=previous).
    comparison.compare_control(period.start, period.end, lang, period.kind != "project")
    scope_ids = [s.id for s in scopes]
    scope_widget = f"c_scope.{lang}"
    if st.session_state.get(scope_widget) not in scope_ids:
        st.session_state[scope_widget] = st.session_state[C_SCOPE]
    scope_id = sidebar.selectbox(
        t("filters.sites"),
        scope_ids,
        format_func=lambda i: scope_label(org, _scope(scopes, i), lang),
        key=scope_widget,
    )
    st.session_state[C_SCOPE] = scope_id
    dept_widget = f"c_dept.{lang}"
    if st.session_state.get(dept_widget) not in departments:
        st.session_state[dept_widget] = st.session_state[C_DEPT]
    dept = sidebar.selectbox(
        t("committee.department"),
        departments,
        format_func=lambda d: (
            translate("filters.departments.all", lang)
            if d == ALL
            else org.department(d).label(lang)
        ),
        key=dept_widget,
    )
    st.session_state[C_DEPT] = dept
    sidebar.caption(t("filters.as_of", date=fmt.date(as_of, lang)))
    cell = Cell(period, _scope(scopes, scope_id), dept)
    return cell, cell.filters()


def _scope(scopes: list[SiteScope], scope_id: str) -> SiteScope:
    return next(s for s in scopes if s.id == scope_id)


def cell_for(org: Organisation, f: Filters, first: dt.date, as_of: dt.date) -> Cell | None:
    """The publication cell that a manager's filters happen to name (the brief is made for
    one), or None for a free range or a union of sites or departments."""
    return cell_of(f, period_cells(org, first, as_of))


def url_values(cell: Cell) -> dict[str, str]:
    """The committee choice as URL parameters (defaults left out)."""
    wanted = {"period": cell.period.id}
    if cell.sites.level != "all":
        wanted[cell.sites.level] = cell.sites.value
    if cell.department != ALL:
        wanted["dept"] = cell.department
    return wanted
