"""The overview's charts as panels: the two trends (the same builders draw the brief's)."""

from __future__ import annotations

from data_access.organisation import Organisation
from data_access.overview import OverviewData
from ui.charts import trends
from ui.charts.band import with_project
from ui.charts.render import Panel, frame_key
from ui.i18n import translate


def trend_panels(data: OverviewData, org: Organisation, lang: str) -> list[Panel]:
    f = data.filters
    grain = translate(f"chart.grain.{f.grain}", lang)
    span = (f.grain, f.start, f.end, f.committee)
    return [
        Panel(
            "outreach-trend",
            translate("chart.outreach.title", lang, grain=grain),
            (frame_key(data.outreach_trend), *span, org.outreach),
            lambda: with_project(
                trends.outreach_trend(data, lang), org.outreach, f.start, f.end, lang
            ),
            counts=[(data.outreach_trend, "contacts")],
        ),
        Panel(
            "caseload-trend",
            translate("chart.caseload.title", lang, grain=grain),
            (frame_key(data.caseload_trend), *span, org),
            lambda: with_project(
                trends.caseload_trend(data, org, lang), org.outreach, f.start, f.end, lang
            ),
            counts=[(data.caseload_trend, "active")],
        ),
    ]
