"""The meeting brief: a committee-safe A4 PDF for a period, from the overview page or the CLI.

    .venv/bin/python -m ui.brief --from 2025-01-01 --to 2025-12-31 [--lang en] [--out brief.pdf]

Always in committee mode (data_access/privacy.py). The charts are the overview's own Altair
charts, rendered to PNG by vl-convert (no browser, no network); the map is a Vega-Lite map of
the municipality outline and the sites sized by contacts. The sentences are written from the
numbers by rules, never from anyone's free text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert
from fpdf import FPDF
from sqlalchemy import Engine

from data_access import audit, privacy
from data_access.access import cli_user
from data_access.db import create_engine_for, create_schema, resolve_url, secrets_file_url
from data_access.filters import Filters
from data_access.organisation import Organisation, load_organisation, outline_path
from data_access.outreach import site_activity
from data_access.overview import OverviewData, overview
from data_access.settings import ORG_FILE
from maps.outreach_map import KIND_STYLES
from maps.route_exports import latin1 as _latin1
from ui import format as fmt
from ui.charts import caseload_trend_chart, localised, outreach_trend_chart
from ui.i18n import translate


@dataclass(frozen=True)
class Brief:
    pdf: bytes
    sentences: list[str]
    figures: dict[str, str]


def _count(value: int, lang: str) -> str:
    return privacy.count_text(value, True, fmt.number(value, lang))


def _change(current: int, previous: int, lang: str, comparable: bool) -> str:
    if not comparable:
        return ""
    delta = privacy.safe_delta(current, previous, True)
    if delta is None:
        return translate("brief.change.hidden", lang)
    if delta == 0:
        return translate("brief.change.same", lang)
    word = "brief.change.up" if delta > 0 else "brief.change.down"
    return translate(word, lang, n=fmt.number(abs(delta), lang))


def figures(data: OverviewData, org: Organisation, lang: str) -> dict[str, str]:
    """The headline figures as shown (committee-safe), keyed by their label."""
    g = data.guarantee
    share = g.share if g.share is not None and not privacy.is_small(g.starts) else None
    out = {
        translate("kpi.persons", lang): _count(data.outreach.persons, lang),
        translate("brief.reached_total", lang, target=org.outreach.target_persons): _count(
            data.reached_since_start, lang
        ),
        translate("kpi.contacts", lang): _count(data.outreach.contacts, lang),
        translate("kpi.referrals", lang): _count(data.referrals.requests, lang),
        translate("brief.started", lang): _count(data.referrals.started, lang),
        translate("kpi.guarantee", lang): fmt.percent(share, lang) if share is not None else "–",
    }
    for dept in org.departments:
        out[translate("kpi.caseload", lang, dept=dept.label(lang))] = _count(
            data.caseload.get(dept.id, 0), lang
        )
    return out


def sentences(data: OverviewData, org: Organisation, lang: str, comparable: bool) -> list[str]:
    """What changed, written from the numbers by rules."""
    out = [
        translate(
            "brief.s.persons",
            lang,
            n=_count(data.outreach.persons, lang),
            change=_change(data.outreach.persons, data.outreach_previous.persons, lang, comparable),
        ).strip(),
        translate(
            "brief.s.target",
            lang,
            n=_count(data.reached_since_start, lang),
            target=org.outreach.target_persons,
            share=fmt.percent(data.reached_since_start / org.outreach.target_persons, lang),
        ),
        translate(
            "brief.s.referrals",
            lang,
            n=_count(data.referrals.requests, lang),
            started=_count(data.referrals.started, lang),
        ),
    ]
    g, gp = data.guarantee, data.guarantee_previous
    if g.share is not None and not privacy.is_small(g.starts):
        trend = ""
        if comparable and gp.share is not None and not privacy.is_small(gp.starts):
            points = round((g.share - gp.share) * 100)
            trend = (
                translate("brief.s.guarantee.same", lang)
                if points == 0
                else translate(
                    "brief.s.guarantee.up" if points > 0 else "brief.s.guarantee.down",
                    lang,
                    n=abs(points),
                )
            )
        out.append(
            translate(
                "brief.s.guarantee", lang, share=fmt.percent(g.share, lang), trend=trend
            ).strip()
        )
    busiest = max(org.departments, key=lambda d: data.caseload.get(d.id, 0))
    out.append(
        translate(
            "brief.s.caseload",
            lang,
            parts=", ".join(
                f"{d.label(lang).lower()} {_count(data.caseload.get(d.id, 0), lang)}"
                for d in org.departments
            ),
            busiest=busiest.label(lang).lower(),
        )
    )
    return out


def site_map_chart(
    org: Organisation, activity: pd.DataFrame, outline: dict | None, lang: str
) -> alt.LayerChart:
    """The sites with activity on the municipality outline, sized by contacts (Vega-Lite)."""
    counts = activity.set_index("site_id")["contacts"].to_dict() if len(activity) else {}
    rows = [
        {
            "name": s.name,
            "lat": s.lat,
            "lon": s.lon,
            "kind": translate(f"kind.{s.kind}", lang),
            "contacts": int(counts.get(s.id, 0)),
            "color": KIND_STYLES[s.kind]["fill"],
        }
        for s in org.sites
    ]
    sites = pd.DataFrame(rows)
    layers = []
    if outline:
        layers.append(
            alt.Chart(alt.Data(values=outline["features"])).mark_geoshape(
                fill="#f4f6f6", stroke="#3d405b", strokeDash=[4, 3]
            )
        )
    layers.append(
        alt.Chart(sites)
        .mark_circle(opacity=0.8, stroke="white")
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size("contacts:Q", scale=alt.Scale(range=[30, 900]), legend=None),
            color=alt.Color(
                "kind:N",
                title=None,
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(
                    domain=[translate(f"kind.{k}", lang) for k in KIND_STYLES],
                    range=[
                        v["fill"] if k != "treatment" else v["color"]
                        for k, v in KIND_STYLES.items()
                    ],
                ),
            ),
        )
    )
    return alt.layer(*layers).project("mercator").properties(width=460, height=300)


def _png(chart: alt.TopLevelMixin, lang: str) -> bytes:
    spec = localised(chart, lang).to_dict(validate=False)
    spec.setdefault("width", 460)
    if spec.get("height") in (None, "container"):
        spec["height"] = 220
    return vl_convert.vegalite_to_png(json.dumps(spec), scale=2)


def make_brief(
    engine: Engine,
    org: Organisation,
    org_file: str | Path,
    f: Filters,
    lang: str,
    made: dt.datetime | None = None,
) -> Brief:
    made = made or dt.datetime.now()
    data = overview(engine, f, org.outreach.start)
    comparable = f.comparable_since(org.outreach.start)
    trend = data
    if privacy.too_sparse(data.outreach_trend["persons"].tolist()):
        trend = overview(
            engine,
            Filters(f.start, f.end, f.departments, f.sites, f.site_kinds, coarse=True),
            org.outreach.start,
        )
    figs = figures(data, org, lang)
    text = sentences(data, org, lang, comparable)
    outline_file = outline_path(org, org_file)
    outline = None
    if outline_file and outline_file.exists():
        outline = json.loads(outline_file.read_text("utf-8"))
    charts = [
        (
            translate(
                "chart.outreach.title",
                lang,
                grain=translate(f"chart.grain.{trend.filters.grain}", lang),
            ),
            _png(outreach_trend_chart(trend, lang, True).properties(width=460, height=200), lang),
        ),
        (
            translate(
                "chart.caseload.title",
                lang,
                grain=translate(f"chart.grain.{trend.filters.grain}", lang),
            ),
            _png(
                caseload_trend_chart(trend, org, lang, True).properties(width=460, height=200), lang
            ),
        ),
    ]
    site_map = _png(site_map_chart(org, site_activity(engine, f), outline, lang), lang)
    pdf = _pdf(org, f, lang, made, figs, text, charts, site_map)
    return Brief(pdf=pdf, sentences=text, figures=figs)


def _pdf(
    org: Organisation,
    f: Filters,
    lang: str,
    made: dt.datetime,
    figs: dict[str, str],
    text: list[str],
    charts: list[tuple[str, bytes]],
    site_map: bytes,
) -> bytes:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(_latin1(translate("brief.title", lang, org=org.name)))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(
        0, 8, _latin1(translate("brief.title", lang, org=org.name)), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "", 10)
    period = fmt.period(f.start, f.end, lang)
    pdf.cell(
        0, 5, _latin1(translate("brief.period", lang, period=period)), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.cell(
        0,
        5,
        _latin1(translate("brief.made", lang, date=fmt.date(made.date(), lang))),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(0, 4, _latin1(translate("brief.privacy", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, _latin1(translate("brief.headline", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for label, value in figs.items():
        pdf.cell(120, 6, _latin1(label), border="B")
        pdf.cell(0, 6, _latin1(value), border="B", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 7, _latin1(translate("brief.changes", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for sentence in text:
        pdf.multi_cell(0, 5, _latin1(f"- {sentence}"), new_x="LMARGIN", new_y="NEXT")
    for title, png in charts:
        if pdf.get_y() > 200:
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 6, _latin1(title), new_x="LMARGIN", new_y="NEXT")
        pdf.image(io.BytesIO(png), w=170)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, _latin1(translate("brief.map", lang)), new_x="LMARGIN", new_y="NEXT")
    pdf.image(io.BytesIO(site_map), w=170)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(
        0, 4, _latin1(translate("map.outline_attribution", lang)), new_x="LMARGIN", new_y="NEXT"
    )
    return bytes(pdf.output())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make the committee meeting brief (PDF).")
    parser.add_argument("--from", dest="start", required=True, type=dt.date.fromisoformat)
    parser.add_argument("--to", dest="end", required=True, type=dt.date.fromisoformat)
    parser.add_argument("--lang", choices=("da", "en"), default="da")
    parser.add_argument("--org", default=ORG_FILE.value())
    parser.add_argument("--url", help="database URL (default: the app's configured database)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if args.end < args.start:
        print("--to is before --from", file=sys.stderr)
        return 2
    org = load_organisation(args.org)
    engine = create_engine_for(args.url or resolve_url(secrets_file_url()))
    create_schema(engine)  # as the app does on start: the audit log may be new
    brief = make_brief(engine, org, args.org, Filters(args.start, args.end), args.lang)
    audit.write(engine, cli_user(), "brief", filters=Filters(args.start, args.end), detail="cli")
    out = args.out or Path(f"brief-{args.start:%Y%m%d}-{args.end:%Y%m%d}.pdf")
    out.write_bytes(brief.pdf)
    print(f"Brief written: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
