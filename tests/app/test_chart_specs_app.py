"""Every chart spec the pages send to the browser, for the demo data, in both modes and both
languages (issue 16, items 7 and 13):

- no fixed pixel width anywhere: the chart is fitted to its card's width (autosize fit-x);
- legends wrap to the card and never cut a label (labelLimit 0), nor do axes;
- every count axis has whole ticks only (integer format, tickMinStep at least 1) and a domain
  from 0 to at least one step, so an all-zero series never gets "0,5" or "0,000000" ticks.
  The axes that are not counts are named here: a share (percent format) and the ratios
  (active courses per FTE, courses per 1,000 inhabitants).
"""

from __future__ import annotations

import pytest

from tests.app.conftest import open_page
from tests.app.test_colours_app import vega_specs

PAGES = ["pages/overview.py", "pages/outreach.py", "pages/caseload.py"]
RATIO_FIELDS = {"per_fte", "rate"}


def _walk(node: object, path: str = ""):
    """Every (path, key, value) in a nested spec."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{path}/{index}")


def _position_encodings(spec: dict):
    for path, key, value in _walk(spec):
        if path.endswith("/encoding") and key in ("x", "y") and isinstance(value, dict):
            yield f"{path}/{key}", value


def _is_count(encoding: dict) -> bool:
    if encoding.get("type") != "quantitative" or "bin" in encoding:
        return False
    field = str(encoding.get("field", ""))
    axis = encoding.get("axis") or {}
    share = "%" in str(axis.get("format", "")) or encoding.get("stack") == "normalize"
    return not share and field not in RATIO_FIELDS and not field.startswith("band_")


def _page_specs(page: str, committee: bool, lang: str) -> list[dict]:
    params = {"lang": lang, **({"committee": "1"} if committee else {})}
    specs = vega_specs(open_page(page, role="admin", **params))
    assert specs, f"no chart on {page}"
    return specs


CASES = [
    pytest.param(page, committee, lang, id=f"{page.split('/')[1][:-3]}-{mode}-{lang}")
    for page in PAGES
    for committee, mode, lang in (
        (False, "staff", "da"),
        (False, "staff", "en"),
        (True, "committee", "da"),
    )
]


@pytest.mark.parametrize(("page", "committee", "lang"), CASES)
def test_every_chart_fits_its_card_and_cuts_no_label(app, page, committee, lang):
    for spec in _page_specs(page, committee, lang):
        assert spec.get("autosize", {}).get("type") == "fit-x", spec.get("autosize")
        fixed = [(p, v) for p, k, v in _walk(spec) if k == "width" and isinstance(v, int | float)]
        assert fixed == [], f"a fixed pixel width: {fixed}"
        assert spec["config"]["legend"]["labelLimit"] == 0
        assert spec["config"]["axis"]["labelLimit"] == 0
        for path, key, channel in _walk(spec):
            legend = channel.get("legend") if isinstance(channel, dict) else None
            # A colour gradient (a quantitative legend) has no labels to cut or wrap.
            if key == "config" or not isinstance(legend, dict):
                continue
            if channel.get("type") != "quantitative":
                assert legend.get("labelLimit") == 0, f"{path}/{key}: {legend}"
                assert "containerSize()" in str(legend.get("columns")), f"{path}/{key}: {legend}"


@pytest.mark.parametrize(("page", "committee", "lang"), CASES)
def test_every_count_axis_has_whole_ticks_from_zero(app, page, committee, lang):
    counts = 0
    for spec in _page_specs(page, committee, lang):
        for path, encoding in _position_encodings(spec):
            if not _is_count(encoding):
                continue
            counts += 1
            axis = encoding.get("axis") or {}
            assert axis.get("format") == "d", f"{path}: {encoding}"
            assert axis.get("tickMinStep", 0) >= 1, f"{path}: {encoding}"
            step = axis["tickMinStep"]
            domain = (encoding.get("scale") or {}).get("domain") or {}
            if "values" in axis:  # a small range: its whole ticks listed, 0 to the domain's top
                assert axis["values"] == list(range(0, domain[1] + 1, step)), f"{path}"
                assert domain[0] == 0 and domain[1] >= step, f"{path}: {encoding}"
            else:  # Vega's own ticks: whole on a range of many steps, from 0
                assert domain.get("unionWith") == [0, step], f"{path}: {encoding}"
    assert counts >= 2, f"no count axis found on {page}"
