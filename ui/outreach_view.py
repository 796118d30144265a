"""Rendering for the outreach page: the map, its site focus, charts, funnel, progress, table."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from data_access import cached
from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.outreach import Funnel, OutreachData, Reach
from data_access.publication import rules
from data_access.publication.count import Count, ProtectedTable
from data_access.settings import MAP_ASSETS, MAP_TILES
from language import format as fmt
from maps.assets import assets_from_settings
from maps.outreach_map import KIND_STYLES, SiteOnMap, build_outreach_map
from ui import tables
from ui.charts import outreach as builders
from ui.charts.band import mark_buckets
from ui.charts.marks import shown_text
from ui.charts.render import Panel, committee_note, frame_key, nothing_safe_to_show, render
from ui.charts.vega import Spec
from ui.downloads import download_buttons
from ui.filters import committee_mode
from ui.i18n import t, translate
from ui.opening_hours import describe as describe_hours

FOCUS_KEY = "site_focus"
MAP_KEY = "outreach_map"
MAP_HEIGHT = 520
PROGRESS_COLORS = ["#1f6f78", "#9aa0a6", "#e07a5f"]  # reached, target line, pace
MAP_TEXT_KEYS = (
    "kind",
    "address",
    "opening_hours",
    "contacts",
    "persons",
    "last_visit",
    "days_since",
    "days",
    "never",
    "approximate",
    "legend_title",
    "legend_size",
    "legend_dashed",
    "heat",
    "outline",
    "base_map",
)


def kind_labels(lang: str) -> dict[str, str]:
    return {kind: translate(f"kind.{kind}", lang) for kind in KIND_STYLES}


def _number(value: object) -> int | None:
    """A count from a (possibly protected) column: None where "<5" or "–"."""
    return None if pd.isna(value) else int(value)


def visible_sites(org: Organisation, data: OutreachData, lang: str) -> list[SiteOnMap]:
    """Organisation sites passing the site filters (treatment addresses always), with activity.
    In committee mode the counts are the publication's (rounded, "<5", "–")."""
    f = data.filters
    activity = data.sites.set_index("site_id")
    shown = []
    for site in org.sites:
        if site.kind != "treatment" and (
            (f.sites and site.id not in f.sites) or (f.site_kinds and site.kind not in f.site_kinds)
        ):
            continue
        row = activity.loc[site.id] if site.id in activity.index else None
        last = row["last_visit"] if row is not None and not pd.isna(row["last_visit"]) else None
        texts = {
            column: shown_text(activity.loc[[site.id]], column, lang)[0] if row is not None else "0"
            for column in ("contacts", "persons")
        }
        shown.append(
            SiteOnMap(
                id=site.id,
                name=site.name,
                kind=site.kind,
                address=site.address,
                lat=site.lat,
                lon=site.lon,
                precision=site.precision,
                opening_hours=describe_hours(site.opening_hours, lang),
                contacts=_number(row["contacts"]) if row is not None else 0,
                persons=_number(row["persons"]) if row is not None else 0,
                last_visit=last.to_pydatetime() if last is not None else None,
                days_since=int(row["days_since"]) if last is not None else None,
                contacts_text=texts["contacts"],
                persons_text=texts["persons"],
            )
        )
    return shown


def site_for_click(
    sites: list[SiteOnMap], tooltip: str | None, lat: float | None, lng: float | None
) -> str | None:
    """The site a map click landed on: by its tooltip (the site's name), the nearest one if two
    sites share a name. The click position alone is not enough: it is where the mouse was, which
    can be anywhere inside the circle."""
    named = [s for s in sites if tooltip and s.name == tooltip.strip()]
    if not named:
        return None
    if len(named) == 1 or lat is None or lng is None:
        return named[0].id
    return min(named, key=lambda s: (s.lat - lat) ** 2 + (s.lon - lng) ** 2).id


def _on_map_click(sites: list[SiteOnMap]) -> None:
    state = st.session_state.get(MAP_KEY) or {}
    clicked = state.get("last_object_clicked") or {}
    site_id = site_for_click(
        sites, state.get("last_object_clicked_tooltip"), clicked.get("lat"), clicked.get("lng")
    )
    if site_id:
        st.session_state[FOCUS_KEY] = site_id


def clear_focus() -> None:
    st.session_state[FOCUS_KEY] = None


def focus_control(org: Organisation, sites: list[SiteOnMap]) -> str | None:
    """The site the charts focus on (None: all), chosen here or by clicking the map."""
    choices = [s.id for s in sites if s.kind != "treatment"]
    if st.session_state.get(FOCUS_KEY) not in choices:
        st.session_state[FOCUS_KEY] = None
    names = {s.id: s.name for s in org.sites}
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    focus = left.selectbox(
        t("outreach.focus"),
        choices,
        format_func=lambda s: names.get(s, s),
        index=None,
        placeholder=t("outreach.focus.all"),
        help=t("outreach.focus.help"),
        key=FOCUS_KEY,
    )
    right.button(
        t("outreach.focus.clear"),
        on_click=clear_focus,
        disabled=focus is None,
        icon=":material/filter_alt_off:",
        key="clear_focus",
    )
    return focus


def site_map(sites: list[SiteOnMap], outline: dict | None, focus: str | None, lang: str) -> None:
    texts = {key: t(f"map.{key}") for key in MAP_TEXT_KEYS}
    fmap = build_outreach_map(
        sites,
        texts=texts,
        kind_labels=kind_labels(lang),
        assets=assets_from_settings(MAP_ASSETS.value(), MAP_TILES.value()),
        outline=outline,
        outline_attribution=t("map.outline_attribution") if outline else None,
        selected=focus,
        committee=committee_mode(),
        kind_colors=cached.organisation().kind_colors(),
    )
    # Only clicks come back to Python: panning and zooming never rerun the app. Not the click
    # count: the frontend starts it at 0 where streamlit-folium's default says None, so the
    # map's first move (fitting its bounds) sent a "change" and every new map ran the whole
    # page a second time. A second click on the same site after "show all" still counts:
    # the map drawn without a focus is a new map, whose last click starts empty.
    # Imported here, in a session: Streamlit registers a component only when it is declared
    # inside a script run, and the server imports this module at start (ui/startup.py).
    from streamlit_folium import st_folium

    st_folium(
        fmap,
        key=MAP_KEY,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[
            "last_object_clicked",
            "last_object_clicked_tooltip",
        ],
        on_change=lambda: _on_map_click(sites),
    )


# ---- charts ---------------------------------------------------------------------------
def _show(name: str, key: tuple, build: Callable[[], Spec], lang: str, *, label: str) -> None:
    """Draw a chart whose spec is cached per `key` (everything it shows: ui/charts/render);
    `label` names it for a screen reader (the title the view drew above it)."""
    render(Panel(name, None, key, build, label=label), lang)


def contacts_by_kind_chart(data: OutreachData, lang: str) -> None:
    grain = data.filters.grain
    title = t("outreach.by_kind.title", grain=t(f"chart.grain.{grain}"))
    st.markdown(f"**{title}**")
    labels = kind_labels(lang)
    frame = data.by_kind.copy()  # never change the cached data
    if data.protected and nothing_safe_to_show(frame, "contacts"):
        return
    frame["kind_label"] = frame["kind"].map(labels)
    frame["period"] = frame["bucket"].map(lambda b: fmt.bucket_label(b, grain, lang))
    frame["label"] = shown_text(frame, "contacts", lang)
    org = cached.organisation()
    band = mark_buckets(frame[["bucket", "period"]], org.outreach, "bucket", lang)
    present = [k for k in KIND_STYLES if k in set(frame["kind"])]
    colours = org.kind_colors()
    kinds = [(labels[k], colours[k]) for k in present]
    build = partial(builders.by_kind, frame, band, kinds, lang)
    _show(
        "by-kind", (cached.database_url(), data.filters, data.protected), build, lang, label=title
    )
    committee_note([(frame, "contacts")])


def weekday_hour_chart(data: OutreachData, lang: str) -> None:
    if data.protected:
        committee_time_charts(data, lang)
        return
    title = t("outreach.grid.title")
    st.markdown(f"**{title}**")
    st.caption(t("outreach.grid.caption"))
    days = t("outreach.weekdays").split(",")
    frame = data.weekday_hour.copy()
    frame["day"] = frame["weekday"].map(lambda w: days[w])

    build = partial(builders.weekday_hour, frame, days, lang)
    _show("weekday-hour", (cached.database_url(), data.filters), build, lang, label=title)


def committee_time_charts(data: OutreachData, lang: str) -> None:
    """Committee mode: contacts by weekday and by time of day (the 7 x 24 grid would be a sheet
    of "<5"). Not published for a single site."""
    title = t("outreach.when.title")
    st.markdown(f"**{title}**")
    st.caption(t("outreach.when.caption"))
    days = t("outreach.weekdays").split(",")
    parts = {p: t(f"outreach.daypart.{p}") for p in ("night", "morning", "afternoon", "evening")}
    weekday = data.by_weekday.copy()
    weekday["category"] = weekday["weekday"].map(lambda w: days[w])
    daypart = data.by_daypart.copy()
    daypart["category"] = daypart["part"].map(parts)
    if (weekday["contacts_shown"] == "–").all():
        st.caption(t("committee.split_not_published"))
        return
    for frame, order, title in (
        (weekday, days, t("outreach.grid.weekday")),
        (daypart, list(parts.values()), t("outreach.when.daypart")),
    ):
        frame["label"] = shown_text(frame, "contacts", lang)

        build = partial(builders.by_category, frame, order, title, lang)
        _show("when", (cached.database_url(), data.filters, title), build, lang, label=title)
    committee_note([(weekday, "contacts")])


def funnel_frame(funnel: Funnel, lang: str) -> pd.DataFrame:
    """The funnel's stages with persons and conversions, as shown (committee figures come
    protected; the conversions follow the publication rules: Funnel.stages)."""
    rows = []
    for i, (stage, count, share) in enumerate(funnel.stages()):
        shown = Count.of(count).text(lang)
        conversion = fmt.percent(share, lang) if share is not None else ""
        rows.append(
            {
                "step": t(f"funnel.{stage}"),
                "order": i,
                "persons": count if count is not None and count >= 0 else None,
                "shown": shown,
                "conversion": conversion,
                "label": shown + (f"  ({conversion})" if conversion else ""),
            }
        )
    return pd.DataFrame(rows)


def funnel_chart(data: OutreachData, lang: str) -> None:
    title = t("outreach.funnel.title")
    st.markdown(f"**{title}**", help=t("outreach.funnel.help"))
    frame = funnel_frame(data.funnel, lang)
    protected = data.funnel.protected

    build = partial(builders.funnel, frame, protected, lang)
    _show("funnel", (frame_key(frame), protected), build, lang, label=title)
    # The same numbers as text: for screen readers, print, and a quick read.
    st.caption(" → ".join(f"{row.step}: {row.shown}" for row in frame.itertuples()))
    if data.funnel.median_days_to_start is not None:
        st.caption(t("funnel.median", days=round(data.funnel.median_days_to_start)))
    elif data.funnel.protected:
        st.caption(t("committee.median_hidden", n=rules.MIN_MEDIAN_BASE))
    else:
        st.caption(t("funnel.no_starts"))


def progress_chart(reach: Reach, filters: Filters, lang: str) -> None:
    title = t("outreach.progress.title")
    st.markdown(f"**{title}**")
    if not filters.whole_project:  # the target is the whole project's: no part is measured by it
        st.info(
            t(
                "outreach.target.whole_project",
                target=reach.target,
                grant=fmt.number(reach.grant_dkk, lang),
            ),
            icon=":material/info:",
        )
        return
    actual = reach.series.rename(columns={"reached": "persons"}).assign(
        series=t("outreach.progress.reached")
    )
    if "reached_shown" in actual:
        actual = actual.rename(columns={"reached_shown": "persons_shown"})
    target_line = pd.DataFrame(
        {
            "day": [reach.project_start, reach.project_end],
            "persons": [0, reach.target],
            "series": t("outreach.progress.target_line"),
        }
    )
    frames = [actual, target_line]
    reached = reach.reached if rules.is_number(reach.reached) else None
    pace = reached is not None and reached < reach.target
    if pace and reach.target_date and reach.target_date > reach.as_of:
        frames.append(
            pd.DataFrame(
                {
                    "day": [reach.as_of, reach.target_date],
                    "persons": [reached, reach.target],
                    "series": t("outreach.progress.pace"),
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    frame["day"] = pd.to_datetime(frame["day"])
    if "persons_shown" in frame:
        frame["persons_shown"] = frame["persons_shown"].fillna("")
    frame["label"] = shown_text(frame, "persons", lang)
    order = [
        t("outreach.progress.reached"),
        t("outreach.progress.target_line"),
        t("outreach.progress.pace"),
    ][: len(frames)]

    project = cached.organisation().outreach  # its band is drawn behind the lines

    build = partial(builders.progress, frame, order, project, lang)
    _show("progress", (frame_key(frame), tuple(order), project), build, lang, label=title)
    if reach.protected:
        committee_note([(frame, "persons")])
    if reach.reached == 0:
        st.caption(t("outreach.progress.not_started"))
    elif reached is not None and reached >= reach.target and reach.target_date:
        key = "outreach.progress.reached_in" if reach.protected else "outreach.progress.reached_on"
        when = (
            fmt.month_label(reach.target_date, lang)
            if reach.protected
            else fmt.date(reach.target_date, lang)
        )
        st.caption(fmt.markdown_text(t(key, target=reach.target, date=when)))
    elif reach.target_date:
        st.caption(
            t(
                "outreach.progress.will_reach",
                target=reach.target,
                date=fmt.date(reach.target_date, lang),
            )
        )


def grant_metric(reach: Reach, filters: Filters, lang: str) -> None:
    if not filters.whole_project:  # said with the progress above
        return
    per_person = reach.grant_per_person
    st.metric(
        t("outreach.grant_per_person"),
        t("unit.dkk", amount=fmt.number(per_person, lang)) if per_person else t("kpi.no_value"),
        help=t(
            "outreach.grant_per_person.help",
            date=fmt.date(reach.as_of, lang),
            grant=fmt.number(reach.grant_dkk, lang),
        )
        + (
            "\n\n" + t("committee.per_person", base=rules.MIN_SHARE_BASE) if reach.protected else ""
        ),
    )


def site_table(org: Organisation, data: OutreachData) -> pd.DataFrame:
    names = {s.id: s.name for s in org.sites}
    kinds = {s.id: s.kind for s in org.sites}
    frame = data.sites.copy()
    frame = frame[frame["site_id"].map(kinds) != "treatment"]
    columns = {
        t("table.site"): frame["site_id"].map(lambda s: names.get(s, s)),
        t("table.kind"): frame["site_id"].map(lambda s: t(f"kind.{kinds.get(s, 'public')}")),
        t("table.contacts"): frame["contacts"],
        t("table.persons"): frame["persons"],
        t("table.anonymous"): frame["anonymous"],
    }
    if not data.protected:  # a last visit dates a contact: not for committees
        columns[t("table.last_visit")] = frame["last_visit"]
        columns[t("table.days_since")] = frame["days_since"]
    table = pd.DataFrame(columns)
    order = pd.to_numeric(frame["contacts"]).fillna(0).to_numpy()
    table = table.iloc[(-order).argsort(kind="stable")].reset_index(drop=True)
    if data.protected:  # counts as shown: numbers, "<5", "–"
        shown = frame.iloc[(-order).argsort(kind="stable")].reset_index(drop=True)
        for column, name in (
            ("contacts", t("table.contacts")),
            ("persons", t("table.persons")),
            ("anonymous", t("table.anonymous")),
        ):
            table[name] = ProtectedTable(shown).counts(column)
        if (shown["anonymous_shown"] == "–").all():
            table = table.drop(columns=[t("table.anonymous")])
    return table


def site_table_section(org: Organisation, data: OutreachData, lang: str) -> None:
    st.markdown(f"**{t('outreach.table.title')}**")
    table = site_table(org, data)
    last_visit = t("table.last_visit")
    has_gaps = table[last_visit].isna().any() if last_visit in table else False
    tables.show(
        table,
        lang,
        column_config={}  # a column with sites never visited is text with "–" (ui/tables.py)
        if has_gaps
        else {
            last_visit: st.column_config.DatetimeColumn(
                format=fmt.DATE_INPUT_FORMAT[lang] + " HH:mm"
            ),
        },
    )
    stamp = f"{data.filters.start:%Y%m%d}-{data.filters.end:%Y%m%d}"
    download_buttons(table, f"brobygger-steder-{stamp}", lang, key="sites")


def is_empty(data: OutreachData) -> bool:
    """No contacts in the period (a protected "<5" or "–" is not nothing)."""
    return ProtectedTable(data.sites).total("contacts") == Count(0)
