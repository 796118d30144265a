"""The project period is marked on every timeline chart (issue 15): on a period that spans the
project's end, every chart with dates, weeks, months, quarters or years along x (overview,
caseload with its flow chart, outreach with its progress chart, Landstal) carries the project
band, the same shading and label everywhere."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import every_tab
from tests.app.payloads import collect
from tests.app.test_national_app import _open as open_national
from tests.app.test_national_app import demo_copy  # noqa: F401 (fixture)
from tests.app.test_today_app import db_url, run_as  # noqa: F401 (the today database)
from tests.synthetic_statbank import (
    Statbank,
    data_file,
)
from ui.charts.band import BAND_COLOR

SPANNING = {"period": "custom", "from": "2025-07-01", "to": "2026-06-30"}
BUCKET_FIELDS = {"period", "year"}  # ordinal axes of week, month, quarter or year labels


def _all(spec, key: str):
    """Every dict held under `key` anywhere in a Vega-Lite spec (layers, facets, concats)."""
    if isinstance(spec, dict):
        if isinstance(spec.get(key), dict):
            yield spec[key]
        for value in spec.values():
            yield from _all(value, key)
    elif isinstance(spec, list):
        for item in spec:
            yield from _all(item, key)


def _encodings(spec):
    return _all(spec, "encoding")


def _marks(spec):
    return _all(spec, "mark")


def is_timeline(spec: dict) -> bool:
    for encoding in _encodings(spec):
        x = encoding.get("x") or {}
        if x.get("type") == "temporal" and x.get("field") != "band_start":
            return True
        if x.get("type") == "ordinal" and x.get("field") in BUCKET_FIELDS:
            return True
    return False


def has_band(spec: dict) -> bool:
    return any(m.get("type") == "rect" and m.get("color") == BAND_COLOR for m in _marks(spec))


def is_flow(spec: dict) -> bool:
    """The caseload flow chart: one row per department (a vertical concatenation)."""
    return "vconcat" in spec


def timelines(at: AppTest) -> list[dict]:
    return [spec for spec in collect(at).specs if is_timeline(spec)]


def _titles(spec: dict) -> str:
    return str(spec.get("usermeta") or spec.get("title") or spec)[:120]


def test_every_timeline_on_the_manager_pages_marks_the_project(db_url):  # noqa: F811
    counted = {}
    for page in ("pages/overview.py", "pages/caseload.py", "pages/outreach.py"):
        at = run_as("admin", page, **SPANNING)
        found = [spec for each in every_tab(at, page) for spec in timelines(each)]
        counted[page] = len(found)
        missing = [_titles(s) for s in found if not has_band(s)]
        assert not missing, (page, missing)
    # The charts the issue names are among them: overview (outreach, caseload), caseload
    # (active, flow, guarantee share, per FTE), outreach (by kind, progress).
    assert counted == {"pages/overview.py": 2, "pages/caseload.py": 4, "pages/outreach.py": 2}


def test_the_flow_and_progress_charts_mark_the_project(db_url):  # noqa: F811
    caseload = run_as("admin", "pages/caseload.py", **SPANNING)
    flow = [s for s in timelines(caseload) if is_flow(s)]  # on the first tab
    assert len(flow) == 1 and has_band(flow[0])
    outreach = run_as("admin", "pages/outreach.py", **SPANNING)
    progress = [
        s
        for s in timelines(outreach)
        if any((e.get("x") or {}).get("field") == "day" for e in _encodings(s))
    ]
    assert len(progress) == 1 and has_band(progress[0])


def test_a_period_after_the_project_has_no_band(db_url):  # noqa: F811
    at = run_as("admin", "pages/caseload.py", period="year")  # 2026, after the project
    found = timelines(at)
    assert found
    # The temporal charts have no band; the flow chart's band layers filter every bucket out.
    assert not any(has_band(s) for s in found if not is_flow(s))


def test_committee_mode_marks_the_project_too(db_url):  # noqa: F811
    for page in ("pages/overview.py", "pages/caseload.py", "pages/outreach.py"):
        at = run_as("admin", page, committee="1", period="2025")
        found = timelines(at)
        assert found, page
        assert all(has_band(s) for s in found), page


def test_the_national_trend_marks_the_project_years(monkeypatch, demo_copy, tmp_path):  # noqa: F811
    folder = tmp_path / "dst"
    folder.mkdir()
    statbank = Statbank()
    for table in ("SMDBV002", "FOLK1A"):
        (folder / f"{table}.csv").write_bytes(data_file(statbank, table, "CSV"))
    at = open_national(monkeypatch, demo_copy, tmp_path)
    found = timelines(at)
    assert len(found) == 1 and has_band(found[0])
