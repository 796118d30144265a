"""Every chart has a text alternative (issues 26 and 28): the renderer names and describes it
for a screen reader (the spec's description, which Vega puts on the chart's SVG as its
aria-label) and offers "Vis som tabel" with the figures it shows. Checked on every page with
charts, as a manager and in committee mode, in both languages."""

from __future__ import annotations

import pytest

from tests.app.conftest import every_tab, open_page
from tests.app.payloads import collect, open_chart_tables

PAGES = ("pages/overview.py", "pages/caseload.py", "pages/outreach.py")
SHOW = {"da": "Vis som tabel", "en": "Show as table"}
PANEL_IDS = {"active", "flow", "waiting", "share", "reasons", "per-fte", "sources", "ages"}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("lang", "params"), [("da", {}), ("en", {}), ("da", {"committee": "1"})], ids=str
)
def test_every_chart_is_named_described_and_has_its_table(
    page, lang, params, demo_db_url, monkeypatch
):
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", demo_db_url)
    for at in every_tab(open_page(page, role="leder", lang=lang, **params), page):
        specs = collect(at).specs
        assert specs, page
        for spec in specs:
            description = spec.get("description", "")
            name = description.split(":", 1)[0]
            assert name and name not in PANEL_IDS, description
            assert SHOW[lang] in description, description
        boxes = [e for e in at.expander if "-alt-" in e.proto.id]
        assert [e.label for e in boxes] == [SHOW[lang]] * len(specs)
        before = len(collect(at).tables)
        open_chart_tables(at)
        assert not at.exception
        tables = collect(at).tables[before:] if before else collect(at).tables
        chart_tables = [t for e in at.expander if "-alt-" in e.proto.id for t in e.table]
        assert len(chart_tables) == len(specs)
        for table in chart_tables:
            frame = table.value
            assert len(frame) and len(frame.columns), "an empty table"
            cells = {str(v) for column in frame.columns for v in frame[column]}
            assert not cells & {"None", "nan", "NaT", "<NA>"}, cells
        assert tables
