"""The page Landstal's pieces: our municipality beside the country. Numbers arrive computed
(and our own counts committee-safe) from data_access.national; these functions only word and
draw them, and run the fetch and load actions."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from data_access import cached, dk_areas, dst
from data_access.dst_metadata import FETCH_ORDER, DstProblem
from data_access.dst_problems import problem_text
from data_access.national import AreaFigure, NationalData, NationalYear, Published
from data_access.settings import DST_API_URL, DST_DIR
from language import format as fmt
from ui import tables
from ui.charts import national as builders
from ui.charts.band import mark_buckets
from ui.charts.render import Panel, frame_key, render
from ui.i18n import t, translate

MESSAGES = "_national_messages"
UPLOAD_KEY = "dst_upload"
SERIES = ("ours", "municipality", "region", "similar", "country")
CHART_HEIGHT = 400  # the legend, one series a line so a phone shows whole names, takes a third


def _rate(value: float | None, lang: str) -> str:
    return t("national.no_value") if value is None else fmt.number(value, lang, 1)


def _area_rate(figure: AreaFigure, lang: str) -> str:
    """DST's figure per 1,000: ".." where DST has the count as missing."""
    if figure.per_1000 is None and figure.held and figure.count is None:
        return ".."
    return _rate(figure.per_1000, lang)


def _count(value: float | None, held: bool, lang: str) -> str:
    """A DST count: ".." where DST has the figure as missing, "–" where there is none."""
    if value is None:
        return ".." if held else t("national.no_value")
    return fmt.number(value, lang)


def _own(published: Published | None, lang: str) -> str:
    if published is None:
        return t("national.no_value")
    return published.text if published.value is None else fmt.number(published.value, lang)


def _labels(data: NationalData, lang: str) -> dict[str, str]:
    return {
        "ours": t("national.kpi.ours"),
        "municipality": t("national.kpi.dst", name=data.municipality_name),
        "region": dk_areas.REGIONS[data.region],
        "similar": t("national.kpi.similar", group=_group_name(data, lang).lower()),
        "country": t("national.kpi.country"),
    }


def _group_name(data: NationalData, lang: str) -> str:
    if not data.group:
        return ""
    return fmt.by_language(lang, *dk_areas.GROUPS[data.group])


def how_to_get() -> None:
    st.info(
        t(
            "national.empty",
            command=".venv/bin/python -m data_access.dst fetch",
            load=".venv/bin/python -m data_access.dst load FIL.csv",
            tables=", ".join(FETCH_ORDER),
            folder=DST_DIR.value(),
        ),
        icon=":material/cloud_download:",
    )


def _area_help(figure: AreaFigure, name: str, lang: str) -> str:
    text = t(
        "national.kpi.dst.help",
        name=name,
        count=_count(figure.count, figure.held, lang),
        population=_count(figure.population, figure.population is not None, lang),
    )
    if figure.with_figures < figure.members:
        text += " " + t(
            "national.kpi.partial", with_figures=figure.with_figures, members=figure.members
        )
    return text


def headline(data: NationalData, lang: str) -> None:
    """The newest year's per-1,000 figures as cards, and where we lie among the municipalities."""
    year = data.latest_with_rates()
    if year is None:
        return
    st.subheader(t("national.latest", year=year.year))
    labels = _labels(data, lang)
    if year.own_persons is None or year.own_per_1000 is None:
        hidden = year.own_persons is not None and year.own_persons.value is None
        own_help = (
            t("national.kpi.ours.hidden") if hidden else t("national.kpi.ours.none", year=year.year)
        )
    else:
        own_help = t(
            "national.kpi.ours.help",
            persons=year.own_persons.value,
            year=year.year,
            population=fmt.number(year.population or 0, lang),
        )
    group = _group_name(data, lang)
    members = len(dk_areas.members(data.group)) - 1 if data.group else 0
    cards = [
        ("ours", year.own_per_1000, own_help),
        (
            "municipality",
            year.municipality.per_1000,
            _area_help(year.municipality, data.municipality_name, lang),
        ),
        ("region", year.region.per_1000, _area_help(year.region, labels["region"], lang)),
        (
            "similar",
            year.similar.per_1000,
            t(
                "national.kpi.similar.help",
                group=group,
                name=data.municipality_name,
                members=members,
            )
            + " "
            + _area_help(year.similar, labels["similar"], lang),
        ),
        ("country", year.country.per_1000, _area_help(year.country, labels["country"], lang)),
    ]
    with st.container(horizontal=True):
        for key, value, help_text in cards:
            st.metric(labels[key], _rate(value, lang), help=help_text, border=True)
    if year.spread:
        text = t(
            "national.spread",
            year=year.year,
            lowest=fmt.number(year.spread.lowest, lang, 1),
            highest=fmt.number(year.spread.highest, lang, 1),
            municipalities=year.spread.municipalities,
        )
        if year.spread.rank:
            text += " " + t(
                "national.spread.rank", name=data.municipality_name, rank=year.spread.rank
            )
        st.caption(text)


def _series(year: NationalYear, key: str) -> float | None:
    return year.own_per_1000 if key == "ours" else getattr(year, key).per_1000


def trend(data: NationalData, lang: str) -> None:
    labels = _labels(data, lang)
    rows = [
        {"year": y.year, "series": labels[key], "rate": value}
        for y in data.years
        for key in SERIES
        if (value := _series(y, key)) is not None
    ]
    if not rows:
        return
    frame = pd.DataFrame(rows)
    order = [labels[key] for key in SERIES]
    # The project period's years shaded, as on the other timelines (ui/charts/band.py).
    years = frame.assign(first_day=pd.to_datetime(frame["year"].astype(str) + "-01-01"))
    band = mark_buckets(years, cached.organisation().outreach, "first_day", lang)
    key = (frame_key(frame), frame_key(band), tuple(order))
    build = partial(builders.rates, frame, band, order, labels["ours"], lang)
    with st.container(border=True):
        render(Panel("national-rates", t("national.chart.title"), key, build), lang)


def year_table(data: NationalData, lang: str) -> None:
    labels = _labels(data, lang)
    rows = [
        {
            t("national.col.year"): str(y.year),
            t("national.col.ours_count"): _own(y.own_persons, lang),
            t("national.col.population"): _count(y.population, y.population is not None, lang),
            t("national.col.ours_rate"): _rate(y.own_per_1000, lang),
            t("national.col.dst_count"): _count(y.municipality.count, y.municipality.held, lang),
            t("national.col.dst_rate"): _area_rate(y.municipality, lang),
            labels["region"]: _area_rate(y.region, lang),
            labels["similar"]: _area_rate(y.similar, lang),
            labels["country"]: _area_rate(y.country, lang),
        }
        for y in reversed(data.years)
    ]
    with st.container(border=True):
        st.markdown(f"**{t('national.table.title')}**")
        tables.show(pd.DataFrame(rows), lang)
        st.caption(t("national.missing_note"))


def checks(data: NationalData, lang: str) -> None:
    """Our count against DST's for the same municipality and year (a consistency check)."""
    rows = []
    for y in reversed(data.years):
        for row in y.checks:
            if row.ours is None:
                continue  # a year outside our data: nothing to check
            difference = row.difference
            rows.append(
                {
                    t("national.col.year"): str(y.year),
                    t("national.col.measure"): t(f"national.measure.{row.measure}"),
                    t("national.col.ours"): _own(row.ours, lang),
                    t("national.col.dst"): _count(row.dst, row.dst_held, lang),
                    t("national.col.difference"): t("national.no_value")
                    if difference is None
                    else fmt.signed(difference, lang),
                }
            )
    if not rows:
        return
    with st.container(border=True):
        st.markdown(f"**{t('national.checks.title')}**")
        st.caption(t("national.checks.intro"))
        tables.show(pd.DataFrame(rows), lang)


def _share(value: float | None, lang: str) -> str:
    return t("national.no_value") if value is None else fmt.percent(value, lang, 1)


def guarantee(data: NationalData, lang: str) -> None:
    labels = _labels(data, lang)
    rows = [
        {
            t("national.col.year"): str(y.year),
            labels["ours"]: _share(y.own_guarantee.share if y.own_guarantee else None, lang),
            **{labels[key]: _share(y.dst_guarantee[key].share, lang) for key in SERIES[1:]},
        }
        for y in reversed(data.years)
    ]
    with st.container(border=True):
        st.markdown(f"**{t('national.guarantee.title')}**")
        st.caption(t("national.guarantee.intro"))
        tables.show(pd.DataFrame(rows), lang)


def source_line(data: NationalData, lang: str) -> None:
    items = []
    for record in data.sources:
        when = f"{fmt.date(record.downloaded_at.date(), lang)} {record.downloaded_at:%H:%M}"
        if record.source == "api":
            items.append(
                t("national.source.api", table=record.table_id, title=record.title, when=when)
            )
        else:
            items.append(
                t(
                    "national.source.file",
                    table=record.table_id,
                    title=record.title,
                    file=record.location,
                    when=when,
                )
            )
    licence = data.sources[0].licence if data.sources else "CC BY 4.0"
    st.caption(fmt.markdown_text(t("national.source", tables="; ".join(items), licence=licence)))


def folder_status(results: list[dst.FileResult], lang: str) -> None:
    """What loading the files placed in the DST folder gave."""
    loaded = [f"{r.file} ({r.table_id})" for r in results if r.figure_count]
    if loaded:
        st.success(t("national.folder.loaded", folder=DST_DIR.value(), files=", ".join(loaded)))
    for result in results:
        if result.problem:
            st.warning(
                t(
                    "national.file.problem",
                    file=result.file,
                    problem=problem_text(result.problem, lang),
                ),
                icon=":material/warning:",
            )


def _say(kind: str, text: str) -> None:
    st.session_state.setdefault(MESSAGES, []).append((kind, text))


def _fetch(lang: str) -> None:
    """Button callback: runs before the page, so the page shows the new figures at once (the
    comparison's cache key holds the data version, which the fetch bumps)."""
    try:
        results = dst.fetch(cached.engine())
    except DstProblem as problem:
        _say("error", problem_text(problem, lang))
        _say("info", translate("national.admin.kept", lang))
        return
    tables = ", ".join(f"{r.table_id} ({fmt.number(len(r.figures), lang)})" for r in results)
    _say("success", translate("national.admin.fetched", lang, tables=tables))


def _load_uploads(lang: str) -> None:
    """Uploader callback: load each chosen file; a bad file changes nothing."""
    done = st.session_state.setdefault(f"{UPLOAD_KEY}.done", set())
    for upload in st.session_state.get(UPLOAD_KEY) or []:
        if upload.file_id in done:
            continue  # loaded on an earlier change of the uploader
        done.add(upload.file_id)
        result = dst.load_bytes(cached.engine(), upload.name, upload.getvalue())
        if result.problem:
            text = problem_text(result.problem, lang)
            _say("error", translate("national.file.problem", lang, file=upload.name, problem=text))
        else:
            _say(
                "success",
                translate(
                    "national.admin.loaded",
                    lang,
                    file=upload.name,
                    count=result.figure_count,
                    table=result.table_id,
                ),
            )


def admin(lang: str) -> None:
    """Fetching from the API and loading saved files (a write: the page asks may_fetch)."""
    with st.container(border=True):
        st.markdown(f"**{t('national.admin.title')}**")
        for kind, text in st.session_state.pop(MESSAGES, []):
            getattr(st, kind)(text)
        st.caption(
            t("national.admin.intro", tables=", ".join(FETCH_ORDER), url=DST_API_URL.value())
        )
        st.button(
            t("national.admin.fetch"),
            icon=":material/cloud_download:",
            on_click=_fetch,
            args=(lang,),
            key="dst_fetch",
        )
        st.file_uploader(
            t("national.admin.upload"),
            type=["csv", "json", "txt"],
            accept_multiple_files=True,
            key=UPLOAD_KEY,
            on_change=_load_uploads,
            args=(lang,),
        )
