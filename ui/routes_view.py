"""Rendering for the route planner: inputs, suggestions, the plan, the map and the exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd
import streamlit as st

from data_access import cached, clock
from data_access.organisation import Organisation, Site
from data_access.settings import MAP_ASSETS, MAP_TILES, OSRM_URL
from language import format as fmt
from maps.assets import assets_from_settings
from maps.route_exports import (
    GOOGLE_WAYPOINT_LIMIT,
    SheetRow,
    directions_link,
    gpx,
    route_sheet_pdf,
    stamp,
)
from maps.route_map import MapPoint, build_route_map
from maps.route_plan import Plan, solve
from maps.route_suggest import DWELL_BY_KIND, Candidate, Suggestion, suggest, to_stops
from maps.travel import MODES, TravelMatrix, travel_matrix
from ui.downloads import file_button
from ui.i18n import t, translate
from ui.opening_hours import describe as describe_hours
from ui.plain import plain

WEEKDAYS = {
    "da": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


@dataclass(frozen=True)
class RoundInput:
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    mode: str
    start_site: Site
    end_site: Site


def base_site(org: Organisation) -> Site:
    """The team's base: the first treatment address (where routes start by default)."""
    return next((s for s in org.sites if s.kind == "treatment"), org.sites[0])


def inputs(org: Organisation, lang: str) -> RoundInput | None:
    c1, c2, c3, c4 = st.columns([1.2, 1, 1, 1.6])
    date = c1.date_input(
        t("routes.date"),
        value=clock.today(),
        key="route_date",
        format=fmt.DATE_INPUT_FORMAT[lang],
    )
    start_time = c2.time_input(
        t("routes.start_time"), value=dt.time(13, 0), step=900, key="route_start"
    )
    end_time = c3.time_input(t("routes.end_time"), value=dt.time(17, 0), step=900, key="route_end")
    mode = (
        c4.segmented_control(
            t("routes.mode"),
            list(MODES),
            default="walk",
            key="route_mode",
            format_func=lambda m: translate(f"mode.{m}", lang),
        )
        or "walk"
    )
    names = {s.id: s.name for s in org.sites}
    ids = [s.id for s in org.sites]
    base = ids.index(base_site(org).id)
    c5, c6 = st.columns(2)
    start_id = c5.selectbox(
        t("routes.start"), ids, index=base, format_func=names.get, key="route_from"
    )
    end_id = c6.selectbox(t("routes.end"), ids, index=base, format_func=names.get, key="route_to")
    start = dt.datetime.combine(date, start_time)
    end = dt.datetime.combine(date, end_time)
    if end <= start:
        st.error(t("routes.bad_times"), icon=":material/schedule:")
        return None
    return RoundInput(date, start, end, mode, org.site(start_id), org.site(end_id))


def suggestions_for(org: Organisation, round_in: RoundInput, profile) -> list[Suggestion]:
    candidates = [
        Candidate(s.id, s.name, s.kind, s.lat, s.lon, s.opening_hours)
        for s in org.outreach_sites
        if s.id not in (round_in.start_site.id, round_in.end_site.id)
    ]
    return suggest(
        candidates, profile.counts, profile.weeks, profile.last_visit, round_in.start, round_in.end
    )


def _why(s: Suggestion, lang: str) -> str:
    parts = [
        t("routes.why.expected", n=fmt.number(s.expected_contacts, lang, 1))
        if s.expected_contacts > 0
        else t("routes.why.none"),
        t("routes.why.days", n=s.days_since_visit)
        if s.days_since_visit is not None
        else t("routes.why.never"),
    ]
    return " · ".join(parts)


def _open_text(s: Suggestion, round_in: RoundInput) -> str:
    if not s.windows:
        return t("routes.open.no")
    total = (round_in.end - round_in.start).total_seconds() / 60
    if len(s.windows) == 1 and s.windows[0][0] <= 0 and s.windows[0][1] >= total:
        return t("routes.open.yes")
    hours = ", ".join(
        f"{(round_in.start + dt.timedelta(minutes=a)):%H:%M}–"
        f"{(round_in.start + dt.timedelta(minutes=b)):%H:%M}"
        for a, b in s.windows
    )
    return t("routes.open.partly", hours=hours)


def suggestion_editor(
    suggestions: list[Suggestion], round_in: RoundInput, lang: str, history: bool = True
) -> pd.DataFrame:
    """The ranked suggestions as an editable table (dwell time, must visit, skip)."""
    weekday = WEEKDAYS[lang][round_in.start.weekday()]
    hours = f"{round_in.start:%H:%M}–{round_in.end:%H:%M}"
    st.markdown(f"**{t('routes.suggestions')}**")
    st.caption(t("routes.suggestions.caption", weekday=weekday, hours=hours))
    table = pd.DataFrame(
        {
            "id": [s.candidate.id for s in suggestions],
            t("routes.col.site"): [s.candidate.name for s in suggestions],
            t("routes.col.kind"): [
                translate(f"kind.{s.candidate.kind}", lang) for s in suggestions
            ],
            t("routes.col.score"): [s.value for s in suggestions],
            t("routes.col.why"): [_why(s, lang) if history else "–" for s in suggestions],
            t("routes.col.open"): [_open_text(s, round_in) for s in suggestions],
            t("routes.col.dwell"): [DWELL_BY_KIND.get(s.candidate.kind, 20) for s in suggestions],
            t("routes.must"): [False] * len(suggestions),
            t("routes.skip"): [False] * len(suggestions),
        }
    )
    editable = {t("routes.col.dwell"), t("routes.must"), t("routes.skip")}
    edited = st.data_editor(
        table,
        hide_index=True,
        width="stretch",
        disabled=[c for c in table.columns if c not in editable],
        column_config={
            "id": None,
            # Without history every site scores the same: no column that says nothing.
            t("routes.col.score"): st.column_config.ProgressColumn(
                format="%.2f", min_value=0.0, max_value=1.5
            )
            if history
            else None,
            t("routes.col.why"): None if not history else st.column_config.TextColumn(),
            t("routes.col.dwell"): st.column_config.NumberColumn(
                min_value=5, max_value=180, step=5
            ),
        },
        key=f"route_editor-{round_in.start:%Y%m%d%H%M}-{round_in.end:%H%M}",
    )
    return edited


def plan_round(
    suggestions: list[Suggestion], edited: pd.DataFrame, round_in: RoundInput
) -> tuple[Plan, TravelMatrix, list[Suggestion], set[str]]:
    by_id = {s.candidate.id: s for s in suggestions}
    rows = edited.set_index("id")
    skipped = {i for i in rows.index if bool(rows.loc[i, t("routes.skip")])}
    must = {i for i in rows.index if bool(rows.loc[i, t("routes.must")])} - skipped
    chosen = [by_id[i] for i in rows.index if i not in skipped and i in by_id]
    dwell = {i: float(rows.loc[i, t("routes.col.dwell")] or 20) for i in rows.index}
    stops = to_stops(chosen, dwell, must)
    points = [(round_in.start_site.lat, round_in.start_site.lon)]
    points += [(s.candidate.lat, s.candidate.lon) for s in chosen]
    points += [(round_in.end_site.lat, round_in.end_site.lon)]
    matrix = travel_matrix(points, round_in.mode, OSRM_URL.value() or None)
    horizon = (round_in.end - round_in.start).total_seconds() / 60
    return solve(stops, matrix.minutes, horizon), matrix, chosen, skipped


def _clock(round_in: RoundInput, minutes: float) -> str:
    return f"{round_in.start + dt.timedelta(minutes=round(minutes)):%H:%M}"


def itinerary(
    plan: Plan, chosen: list[Suggestion], round_in: RoundInput, lang: str, history: bool = True
) -> list[SheetRow]:
    by_id = {s.candidate.id: s for s in chosen}
    rows = []
    for number, visit in enumerate(plan.visits, start=1):
        s = by_id[visit.stop_id]
        chance = s.chance_of_meeting(visit.start, visit.depart - visit.start, round_in.start)
        rows.append(
            SheetRow(
                number=str(number),
                name=s.candidate.name,
                arrive=_clock(round_in, visit.arrive),
                depart=_clock(round_in, visit.depart),
                travel=t("routes.minutes", n=round(visit.travel)),
                opening_hours=describe_hours(s.candidate.opening_hours, lang),
                chance=fmt.percent(chance, lang) if history else "–",
            )
        )
    return rows


def map_points(
    plan: Plan, chosen: list[Suggestion], round_in: RoundInput, rows: list[SheetRow]
) -> tuple[MapPoint, MapPoint, list[MapPoint]]:
    by_id = {s.candidate.id: s for s in chosen}
    start = MapPoint(
        round_in.start_site.name,
        round_in.start_site.lat,
        round_in.start_site.lon,
        "treatment",
        t("routes.start_label"),
        f"{round_in.start:%H:%M}",
    )
    end = MapPoint(
        round_in.end_site.name,
        round_in.end_site.lat,
        round_in.end_site.lon,
        "treatment",
        t("routes.end_label"),
        _clock(round_in, plan.finish),
    )
    stops = [
        MapPoint(
            by_id[v.stop_id].candidate.name,
            by_id[v.stop_id].candidate.lat,
            by_id[v.stop_id].candidate.lon,
            by_id[v.stop_id].candidate.kind,
            row.number,
            f"{row.arrive}–{row.depart}",
        )
        for v, row in zip(plan.visits, rows, strict=True)
    ]
    return start, end, stops


def plan_distance_km(plan: Plan, matrix: TravelMatrix, chosen: list[Suggestion]) -> float:
    """Kilometres along the planned order; the matrix rows are start, `chosen`, end."""
    index = {s.candidate.id: i + 1 for i, s in enumerate(chosen)}
    path = [0, *[index[v.stop_id] for v in plan.visits], len(chosen) + 1]
    return float(sum(matrix.km[a, b] for a, b in pairwise(path)))


def summary(plan: Plan, km: float, round_in: RoundInput, lang: str) -> None:
    c = st.columns(4)
    c[0].metric(t("routes.kpi.stops"), len(plan.visits), border=True)
    c[1].metric(t("routes.kpi.back"), _clock(round_in, plan.finish), border=True)
    c[2].metric(
        t("routes.kpi.travel"), t("routes.minutes", n=round(plan.travel_total)), border=True
    )
    c[3].metric(t("routes.kpi.distance"), f"{fmt.number(km, lang, 1)} km", border=True)


def route_map(start: MapPoint, end: MapPoint, stops: list[MapPoint], outline: dict | None) -> None:
    fmap = build_route_map(
        start,
        end,
        stops,
        assets=assets_from_settings(MAP_ASSETS.value(), MAP_TILES.value()),
        outline=outline,
        outline_attribution=t("map.outline_attribution") if outline else None,
        kind_colors=cached.organisation().kind_colors(),
    )
    # Imported here, in a session: Streamlit registers a component only when it is declared
    # inside a script run, and the server imports this module at start (ui/startup.py).
    from streamlit_folium import st_folium

    st_folium(fmap, key="route_map", height=460, use_container_width=True, returned_objects=[])


def dropped_list(plan: Plan, skipped: set[str], names: dict[str, str]) -> None:
    reasons = [(names[i], t(f"drop.{r}")) for i, r in plan.dropped]
    reasons += [(names[i], t("drop.skipped")) for i in sorted(skipped)]
    if not reasons:
        return
    st.markdown(f"**{t('routes.dropped')}**")
    st.markdown("\n".join(f"- {plain(name)}: {why}" for name, why in reasons))


def travel_note(matrix: TravelMatrix, mode: str, lang: str) -> None:
    profile = MODES[mode]
    if matrix.source == "osrm":
        st.caption(t("routes.travel.osrm"))
        return
    if matrix.note:
        st.warning(t("routes.travel.fallback", reason=matrix.note), icon=":material/wifi_off:")
    st.caption(
        t(
            "routes.travel.estimate",
            detour=fmt.number(profile.detour, lang, 2),
            speed=fmt.number(profile.speed_kmh, lang, 0),
        )
    )


@st.cache_data(max_entries=20, show_spinner=False)
def _cached_sheet(key: str, _sheet: dict) -> bytes:
    return route_sheet_pdf(**_sheet)


def sheet_pdf(**sheet: object) -> bytes:
    """The route sheet, made once per content: the download holds its bytes, so it is drawn
    on every rerun of the planner, and laying out the PDF cost more than the rest of the page
    (its footer's stamp is to the minute, so a sheet is remade at most once a minute)."""
    return _cached_sheet(cached.cache_key(sheet), sheet)


def exports(
    rows: list[SheetRow],
    start: MapPoint,
    end: MapPoint,
    stops: list[MapPoint],
    round_in: RoundInput,
    notes: list[str],
    lang: str,
) -> None:
    weekday = WEEKDAYS[lang][round_in.date.weekday()]
    title = t("routes.sheet.title", date=f"{weekday} {fmt.date(round_in.date, lang)}")
    subtitle = [
        f"{round_in.start:%H:%M}–{round_in.end:%H:%M} · {translate(f'mode.{round_in.mode}', lang)}",
        f"{t('routes.start')}: {start.name} · {t('routes.end')}: {end.name}",
    ]
    headers = [
        t("routes.col.number"),
        t("routes.col.site"),
        t("routes.col.arrive"),
        t("routes.col.depart"),
        t("routes.col.travel"),
        t("routes.col.hours"),
        t("routes.col.chance"),
    ]
    c1, c2, c3 = st.columns(3)
    # Bytes, not deferred callables (see ui/downloads.file_button); both files are small.
    file_button(
        c1,
        t("routes.export.pdf"),
        sheet_pdf(
            title=title,
            subtitle_lines=subtitle,
            headers=headers,
            rows=rows,
            start=start,
            end=end,
            stops=stops,
            notes=notes,
            footer=t("routes.sheet.made", stamp=stamp()),
            kind_colors=cached.organisation().kind_colors(),
        ),
        f"rute-{round_in.start:%Y%m%d-%H%M}.pdf",
        "application/pdf",
        icon=":material/picture_as_pdf:",
        key="route_pdf",
    )
    file_button(
        c2,
        t("routes.export.gpx"),
        gpx(start, end, stops, title).encode("utf-8"),
        f"rute-{round_in.start:%Y%m%d-%H%M}.gpx",
        "application/gpx+xml",
        icon=":material/route:",
        key="route_gpx",
    )
    c3.link_button(
        t("routes.export.link"),
        directions_link(start, end, stops, round_in.mode),
        icon=":material/directions:",
    )
    if len(stops) > GOOGLE_WAYPOINT_LIMIT:
        st.caption(t("routes.export.link_limit", n=GOOGLE_WAYPOINT_LIMIT))


def itinerary_table(rows: list[SheetRow]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("routes.col.number"): [r.number for r in rows],
            t("routes.col.site"): [r.name for r in rows],
            t("routes.col.arrive"): [r.arrive for r in rows],
            t("routes.col.depart"): [r.depart for r in rows],
            t("routes.col.travel"): [r.travel for r in rows],
            t("routes.col.hours"): [r.opening_hours for r in rows],
            t("routes.col.chance"): [r.chance for r in rows],
        }
    )
