"""The meeting brief: a committee-safe A4 PDF for a period, from the overview page or the CLI.

    .venv/bin/python -m ui.brief --period 2025-Q4 [--kind public] [--dept stof] [--lang en]
        [--compare year|previous]
    .venv/bin/python -m ui.brief --from 2025-01-01 --to 2025-12-31 [--out brief.pdf]

Always the committee publication of one cell (data_access/publication): every figure, sentence,
chart point and map circle in it is a protected figure, the same as on the committee's pages.
One or two pages, with the organisation's name, the period and page numbers on each, and a
line on how to read rounded and hidden figures. The charts are the overview's own Altair
charts, rendered to PNG by vl-convert (no browser, no network); the map is a Vega-Lite map of
the municipality outline and the sites sized by their published contacts. The sentences are
written from the figures by rules, never from anyone's free text.

Changes are against the same cell a year earlier by default (2025-Q4 against 2024-Q4), or the
cell just before with compare="previous", the same rule and data path as the committee pages
(publish.overview): the compared figures are that cell's own protected figures. With no such
cell (outside the data, a period still running, the project period) the brief says why and
shows no change.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import vl_convert
from fpdf import FPDF
from sqlalchemy import Engine

from data_access import audit, clock
from data_access.access import cli_user
from data_access.db import create_engine_for, create_schema, resolve_url, secrets_file_url
from data_access.organisation import Organisation, load_organisation, outline_path
from data_access.overview import OverviewData, data_extent
from data_access.publication import publish, rules, store
from data_access.publication.cells import (
    ALL,
    Cell,
    SiteScope,
    compared_period,
    find_period,
    is_running,
)
from data_access.publication.count import Count
from data_access.settings import ORG_FILE
from language import format as fmt
from maps.route_exports import latin1 as _latin1
from ui.charts import trends, vega
from ui.charts.site_map import site_map as site_map_chart
from ui.committee_filters import period_label, scope_label
from ui.i18n import translate

COMPARES = ("year", "previous")  # as ui/comparison.COMPARES: a year earlier first


@dataclass(frozen=True)
class Brief:
    pdf: bytes
    sentences: list[str]
    figures: dict[str, str]


def _count(value: int | None, lang: str) -> str:
    return Count.of(value).text(lang)


def compared_text(kind: str, compare: str, lang: str) -> str:
    """What a period of this kind is compared with, as the sentences name it: "samme kvartal
    sidste år" / "the same quarter last year", "forrige måned" / "the previous month"."""
    return translate(f"brief.vs.{compare}.{kind}", lang)


def comparison_note(
    pub: store.Publication, cell: Cell, compare: str, lang: str, comparable: bool = True
) -> str:
    """The line saying which comparison the changes are against, or why there is none (the
    project period; a period still running has no whole year-earlier twin; else the compared
    cell lies outside the data, or before the project start: `comparable` False)."""
    if cell.period.kind == "project":
        return translate("brief.compare.project", lang)
    vs = compared_text(cell.period.kind, compare, lang)
    other = compared_period(list(pub.periods), cell.period, compare)
    if other is not None and comparable:
        return translate("brief.compare.against", lang, vs=vs, period=period_label(other, lang))
    if compare == "year" and is_running(cell.period):
        return translate("brief.compare.running", lang, vs=vs)
    return translate("brief.compare.outside", lang, vs=vs)


def _change(current: int | None, previous: int | None, lang: str, vs: str) -> str:
    delta = rules.change(current, previous)
    if delta is None:
        return translate("brief.change.hidden", lang)
    if delta == 0:
        return translate("brief.change.same", lang, vs=vs)
    word = "brief.change.up" if delta > 0 else "brief.change.down"
    return translate(word, lang, n=fmt.number(abs(delta), lang), vs=vs)


def figures(data: OverviewData, org: Organisation, lang: str) -> dict[str, str]:
    """The headline figures as shown (committee-safe), keyed by their label."""
    share = data.guarantee.share  # by the publication rules
    out = {translate("kpi.persons", lang): _count(data.outreach.persons, lang)}
    if data.filters.whole_project:  # the target is the whole project's, not a site's
        label = translate("brief.reached_total", lang, target=org.outreach.target_persons)
        out[label] = _count(data.reached_since_start, lang)
    out |= {
        translate("kpi.contacts", lang): _count(data.outreach.contacts, lang),
        translate("kpi.referrals", lang): _count(data.referrals.requests, lang),
        translate("brief.started", lang): _count(data.referrals.started, lang),
        translate("kpi.guarantee", lang): fmt.percent(share, lang) if share is not None else "–",
    }
    for dept in org.departments:
        if dept.id in data.caseload:
            out[translate("kpi.caseload", lang, dept=dept.label(lang))] = _count(
                data.caseload[dept.id], lang
            )
    return out


def sentences(
    data: OverviewData,
    org: Organisation,
    lang: str,
    comparable: bool,
    vs: str | None = None,
    note: str | None = None,
) -> list[str]:
    """What changed, written from the protected figures by rules; `vs` names what the changes
    are against (default "the previous period"), `note` (first) says which or why none."""
    vs = vs or translate("brief.vs.previous.period", lang)
    target = org.outreach.target_persons
    share = rules.share(data.reached_since_start, target, data.protected, part=False)
    persons = _count(data.outreach.persons, lang)
    out = [note] if note else []
    out += [
        translate(
            "brief.s.persons",
            lang,
            n=persons,
            change=_change(data.outreach.persons, data.outreach_previous.persons, lang, vs),
        )
        if comparable
        else translate("brief.s.persons.alone", lang, n=persons),
        translate(
            "brief.s.target",
            lang,
            n=_count(data.reached_since_start, lang),
            target=target,
            share=fmt.percent(share, lang) if share is not None else "–",
        )
        if data.filters.whole_project
        else translate("brief.s.target.part", lang, target=target),
        translate(
            "brief.s.referrals",
            lang,
            n=_count(data.referrals.requests, lang),
            started=_count(data.referrals.started, lang),
        ),
    ]
    g, gp = data.guarantee.share, data.guarantee_previous.share
    if g is not None:
        trend = ""
        if comparable and gp is not None:
            points = round((g - gp) * 100)
            trend = (
                translate("brief.s.guarantee.same", lang, vs=vs)
                if points == 0
                else translate(
                    "brief.s.guarantee.up" if points > 0 else "brief.s.guarantee.down",
                    lang,
                    n=abs(points),
                    vs=vs,
                )
            )
        out.append(
            translate("brief.s.guarantee", lang, share=fmt.percent(g, lang), trend=trend).strip()
            + ("" if trend else ".")
        )
    shown = [d for d in org.departments if d.id in data.caseload]
    numbers = {d.id: data.caseload[d.id] for d in shown if rules.is_number(data.caseload[d.id])}
    if shown:
        busiest = max(shown, key=lambda d: numbers.get(d.id, -1))
        out.append(
            translate(
                "brief.s.caseload",
                lang,
                parts=", ".join(
                    f"{d.label(lang).lower()} {_count(data.caseload[d.id], lang)}" for d in shown
                ),
                busiest=busiest.label(lang).lower(),
            )
        )
    return [s.strip() for s in out]


def _png(chart: vega.Spec, lang: str) -> bytes:
    spec = vega.finished(chart, lang)
    # A fixed size on paper: no card to fit, no hint for a browser's renderer.
    spec.pop("autosize")
    spec.pop("usermeta")
    spec.setdefault("width", 460)
    if spec.get("height") in (None, "container"):
        spec["height"] = 220
    return vl_convert.vegalite_to_png(json.dumps(spec), scale=2)


def make_brief(
    pub: store.Publication,
    engine: Engine,
    org: Organisation,
    org_file: str | Path,
    cell: Cell,
    lang: str,
    made: dt.datetime | None = None,
    compare: str = "year",
) -> Brief:
    """The brief of one cell; its changes against the same cell a year earlier, or the one
    before (compare="previous"), as on the committee pages."""
    if compare not in COMPARES:
        raise ValueError(f"compare is one of {COMPARES}, not {compare!r}")
    made = made or clock.local_now(org.timezone)
    data = publish.overview(pub, engine, org, cell, compare=compare)
    # NO_PREVIOUS (no compared cell) is never comparable: no change is then written.
    comparable = data.filters.comparable_since(org.outreach.start)
    trend = data
    if store.needs_quarters("overview", data):
        trend = publish.overview(pub, engine, org, cell, coarse=True, compare=compare)
    figs = figures(data, org, lang)
    vs = None if cell.period.kind == "project" else compared_text(cell.period.kind, compare, lang)
    note = comparison_note(pub, cell, compare, lang, comparable)
    text = sentences(data, org, lang, comparable, vs=vs, note=note)
    outline_file = outline_path(org, org_file)
    outline = None
    if outline_file and outline_file.exists():
        outline = json.loads(outline_file.read_text("utf-8"))
    grain = translate(f"chart.grain.{trend.filters.grain}", lang)
    charts = [
        (
            translate("chart.outreach.title", lang, grain=grain),
            _png({**trends.outreach_trend(trend, lang), "width": 460, "height": 170}, lang),
        ),
        (
            translate("chart.caseload.title", lang, grain=grain),
            _png({**trends.caseload_trend(trend, org, lang), "width": 460, "height": 170}, lang),
        ),
    ]
    activity = publish.outreach(pub, engine, org, cell).sites
    site_map = _png(site_map_chart(org, activity, outline, lang), lang)
    scope = _scope_text(org, cell, lang)
    pdf = _pdf(org, cell, scope, lang, made, figs, text, charts, site_map)
    return Brief(pdf=pdf, sentences=text, figures=figs)


def _scope_text(org: Organisation, cell: Cell, lang: str) -> str:
    dept = (
        translate("filters.departments.all", lang)
        if cell.department == ALL
        else org.department(cell.department).label(lang)
    )
    return f"{scope_label(org, cell.sites, lang).strip()} · {dept}"


PAGE_MARK, PAGES_MARK = "@page@", "@pages@"  # fpdf fills in the page count at the end


class _BriefPDF(FPDF):
    """A4 with the organisation, the period and "page n of m" on every page."""

    def __init__(self, header_text: str, footer_text: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.header_text = header_text
        self.footer_text = footer_text

    def header(self) -> None:
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, _latin1(self.header_text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        text = self.footer_text.replace(PAGE_MARK, str(self.page_no()))
        self.cell(0, 5, _latin1(text), align="C")


def _pdf(
    org: Organisation,
    cell: Cell,
    scope: str,
    lang: str,
    made: dt.datetime,
    figs: dict[str, str],
    text: list[str],
    charts: list[tuple[str, bytes]],
    site_map: bytes,
) -> bytes:
    dates = fmt.period(cell.period.start, cell.period.end, lang)
    period = f"{period_label(cell.period, lang)} ({dates})"
    pdf = _BriefPDF(
        f"{org.name} · {period}",
        translate("brief.page", lang, page=PAGE_MARK, pages=PAGES_MARK),
    )
    pdf.alias_nb_pages(PAGES_MARK)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(_latin1(translate("brief.title", lang, org=org.name)))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(
        0, 8, _latin1(translate("brief.title", lang, org=org.name)), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "", 10)
    for line in (
        translate("brief.period", lang, period=period),
        translate("brief.scope", lang, scope=scope),
        translate("brief.made", lang, date=fmt.date(made.date(), lang)),
    ):
        pdf.cell(0, 5, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(0, 4, _latin1(translate("brief.privacy", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, _latin1(translate("brief.headline", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for label, value in figs.items():
        pdf.cell(130, 6, _latin1(label), border="B")
        pdf.cell(0, 6, _latin1(value), border="B", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, _latin1(translate("brief.changes", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for sentence in text:
        pdf.multi_cell(0, 5, _latin1(f"- {sentence}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    # The site map fits beside the text on page 1 when there is room, else it goes after.
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, _latin1(translate("brief.map", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.image(io.BytesIO(site_map), w=105)
    pdf.set_font("Helvetica", "I", 7)
    pdf.multi_cell(
        0, 3.5, _latin1(translate("map.outline_attribution", lang)), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.add_page()
    for title, png in charts:
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 6, _latin1(title), new_x="LMARGIN", new_y="NEXT")
        pdf.image(io.BytesIO(png), w=175)
        pdf.ln(2)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(
        0, 4, _latin1(translate("committee.chart_note", lang)), new_x="LMARGIN", new_y="NEXT"
    )
    return bytes(pdf.output())


def cell_from_args(
    pub: store.Publication, args: argparse.Namespace
) -> tuple[Cell | None, str | None]:
    """The publication cell the command line names, or a message why there is none."""
    periods = list(pub.periods)
    if args.period:
        period = find_period(periods, args.period)
    elif args.start and args.end:
        period = next((p for p in periods if (p.start, p.end) == (args.start, args.end)), None)
    else:
        return None, "give --period, or --from and --to"
    if period is None:
        offered = ", ".join(p.id for p in periods if p.kind != "month")
        return None, (
            "not a publication period (a month, quarter, half-year, year or the project "
            f"period up to the last day with data); offered are e.g.: {offered}"
        )
    sites = SiteScope("all")
    if args.site:
        sites = SiteScope("site", args.site)
    elif args.kind:
        sites = SiteScope("kind", args.kind)
    if sites not in pub.scopes:
        return None, f"no such site or site kind: {args.site or args.kind}"
    dept = args.dept or ALL
    if dept not in pub.departments:
        return None, f"no such department: {dept}"
    return Cell(period, sites, dept), None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make the committee meeting brief (PDF).")
    parser.add_argument(
        "--period", help="a publication period: 2025-03, 2025-Q1, 2025-H1, 2025, project"
    )
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat)
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat)
    parser.add_argument("--site", help="one outreach site (id)")
    parser.add_argument("--kind", help="one site kind (public, partner, municipal)")
    parser.add_argument("--dept", help="one department (id)")
    parser.add_argument("--lang", choices=("da", "en"), default="da")
    parser.add_argument(
        "--compare",
        choices=COMPARES,
        default=COMPARES[0],
        help="changes against the same period a year earlier (default) or the previous one",
    )
    parser.add_argument("--org", default=ORG_FILE.value())
    parser.add_argument("--url", help="database URL (default: the app's configured database)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    org = load_organisation(args.org)
    engine = create_engine_for(args.url or resolve_url(secrets_file_url()))
    create_schema(engine)  # as the app does on start: the audit log may be new
    extent = data_extent(engine)
    if extent is None:
        print("the database has no data", file=sys.stderr)
        return 2
    as_of = clock.as_of(extent, extent[1])
    pub = store.build(engine, org, extent[0], as_of)
    cell, problem = cell_from_args(pub, args)
    if cell is None:
        print(problem, file=sys.stderr)
        return 2
    brief = make_brief(pub, engine, org, args.org, cell, args.lang, compare=args.compare)
    audit.write(engine, cli_user(), "brief", filters=cell.filters(), detail="cli")
    out = args.out or Path(f"brief-{cell.period.start:%Y%m%d}-{cell.period.end:%Y%m%d}.pdf")
    out.write_bytes(brief.pdf)
    print(f"Brief written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
