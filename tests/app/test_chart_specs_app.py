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

import json

import pytest

from tests.app.conftest import every_tab, open_page
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
    at = open_page(page, role="admin", **params)
    specs = [spec for each in every_tab(at, page) for spec in vega_specs(each)]
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


def _datasets(element) -> dict[str, list[dict]]:
    """The named datasets a chart sends beside its spec (Arrow tables), as rows."""
    import pyarrow as pa

    out = {}
    for named in element.proto.datasets:
        table = pa.ipc.open_stream(named.data.data).read_all()
        out[named.name] = table.to_pylist()
    return out


def _stacked_bars(spec: dict, data: str | None = None):
    """Every stacked bar mark of a spec (bars coloured by series, not set side by side) with
    the name of the dataset it draws from."""
    data = (spec.get("data") or {}).get("name", data)
    mark = spec.get("mark")
    encoding = spec.get("encoding") or {}
    bar = (mark.get("type") if isinstance(mark, dict) else mark) == "bar"
    side_by_side = "xOffset" in encoding or "yOffset" in encoding
    if bar and "color" in encoding and not side_by_side:
        yield spec, data
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            yield from _stacked_bars(child, data)


def test_no_stacked_bar_is_drawn_from_a_hidden_figure(app):
    """Committee mode: a "<5" or "–" row in a stacked bar's data leaves the stack without a
    base, and Vega draws none of the bars above it (months of 35 contacts were drawn empty
    beside a withheld count). Stacks are drawn from shown numbers only; the hidden ones are
    marked by their own text layer."""
    from tests.app.test_colours_app import _walk as walk_elements

    masked = stacks = 0
    for page in PAGES:
        opened = open_page(page, role="admin", committee="1")
        elements = [e for at in every_tab(opened, page) for e in walk_elements(at._tree)]
        for element in elements:
            if element.type != "vega_lite_chart":
                continue
            spec, datasets = json.loads(element.proto.spec), _datasets(element)
            for layer, name in _stacked_bars(spec):
                stacks += 1
                rows = datasets.get(name, [])
                for channel in (layer.get("encoding") or {}).values():
                    if not isinstance(channel, dict) or channel.get("type") != "quantitative":
                        continue
                    field = channel.get("field")
                    assert all(row.get(field) is not None for row in rows if field in row), (
                        page,
                        field,
                    )
            masked += sum(
                1
                for rows in datasets.values()
                for row in rows
                if any(k.endswith("_shown") and v for k, v in row.items())
            )
    # The demo's committee pages have stacks and hidden figures: the rule is exercised.
    assert stacks > 0 and masked > 0


@pytest.fixture(scope="module")
def vega_lite_schema():
    """Vega-Lite's JSON schema, as bundled with Altair (the version the specs name)."""
    from importlib import resources

    from jsonschema import Draft7Validator

    text = resources.files("altair.vegalite.v6.schema").joinpath("vega-lite-schema.json")
    return Draft7Validator(json.loads(text.read_text("utf-8")))


@pytest.mark.parametrize(("page", "committee", "lang"), CASES)
def test_every_spec_is_valid_vega_lite(app, vega_lite_schema, page, committee, lang):
    """The builders write Vega-Lite by hand (ui/charts/): every spec a page sends must be
    valid against the schema, or the browser may draw nothing at all."""
    for spec in _page_specs(page, committee, lang):
        errors = [e.message for e in vega_lite_schema.iter_errors(spec)]
        assert errors == [], (errors[:3], json.dumps(spec)[:300])
