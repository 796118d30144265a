"""ui/altair_speed.py changes how Altair builds a chart, never what it builds: every chart the
overview, outreach and caseload pages draw (staff and committee mode, Danish and English) is
built again with Altair as it ships and with the speed-ups, and the specs are the same. View
names (a hash Altair gives a view that carries a selection) are compared by where they are
used: the speed-ups hash a DataFrame's values instead of its printed text."""

from __future__ import annotations

import json
import re

import pytest

from tests.app.conftest import open_page
from ui import altair_speed, charts

PAGES = ["pages/overview.py", "pages/outreach.py", "pages/caseload.py"]
VIEW_NAME = re.compile(r"view_[0-9a-f]{16}")


@pytest.fixture
def builds(monkeypatch) -> list:
    """Every chart builder a page hands to the spec cache, with its language."""
    recorded: list = []

    def recording(digest, lang, _build):
        recorded.append((_build, lang))
        return charts.vega_spec(_build(), lang)

    monkeypatch.setattr(charts, "_cached_spec", recording)
    return recorded


def _normalised(spec: dict) -> str:
    text = json.dumps(spec, sort_keys=True, default=str)
    names: dict[str, str] = {}
    return VIEW_NAME.sub(lambda m: names.setdefault(m.group(0), f"view#{len(names)}"), text)


def _spec(build, lang: str, fast: bool) -> str:
    if fast:
        altair_speed.install()
    else:
        altair_speed.uninstall()
    try:
        return _normalised(charts.vega_spec(build(), lang))
    finally:
        altair_speed.install()


@pytest.mark.parametrize("committee", [False, True], ids=["staff", "committee"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_speed_ups_give_the_same_specs(app, builds, committee, lang):
    params = {"lang": lang, **({"committee": "1"} if committee else {})}
    for page in PAGES:
        open_page(page, role="admin", **params)
    assert len(builds) >= 4  # else the pages drew fewer charts than this test is about
    for build, chart_lang in builds:
        plain, fast = _spec(build, chart_lang, False), _spec(build, chart_lang, True)
        assert fast == plain, f"{build.__qualname__} differs"
        assert _spec(build, chart_lang, False) == plain  # and uninstalling restores Altair


def test_the_speed_ups_are_on_for_the_app():
    import altair.utils.schemapi as schemapi

    assert altair_speed.installed()
    assert schemapi.DEBUG_MODE is False


def test_layers_of_charts_shared_between_compositions_stay_independent():
    """A chart used in two compositions is not changed by either (the shallow copies)."""
    import warnings

    import altair as alt
    import pandas as pd

    warnings.filterwarnings("ignore", message="Automatically deduplicated selection")

    frame = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    pick = alt.selection_point(name="pick", fields=["x"])
    base = alt.Chart(frame).mark_point().encode(x="x:Q", y="y:Q").add_params(pick)
    before = base.to_dict()
    first = alt.layer(base, alt.Chart(frame).mark_rule().encode(x="x:Q"))
    second = alt.vconcat(first, base)
    assert base.to_dict() == before
    altair_speed.uninstall()
    try:
        plain_first = _normalised(
            alt.layer(base, alt.Chart(frame).mark_rule().encode(x="x:Q")).to_dict()
        )
        plain_second = _normalised(alt.vconcat(first, base).to_dict())
    finally:
        altair_speed.install()
    assert _normalised(first.to_dict()) == plain_first
    assert _normalised(second.to_dict()) == plain_second
