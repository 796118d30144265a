"""Committee mode in Chromium: on every page, no count of 1-4 is visible in the figures, nor
sent in any chart dataset or table over the websocket."""

from __future__ import annotations

import pytest

from tests.browser.conftest import settled_texts, wait_for_app
from ui.i18n import TEXTS

SMALL = {"1", "2", "3", "4"}
BANNER = TEXTS["committee.banner"]["da"]
METRIC = '[data-testid="stMetricValue"]'


@pytest.mark.parametrize("path", ["", "outreach", "caseload"])
def test_no_count_of_one_to_four_is_visible(page, path):
    page.goto(f"{page.app_url}/{path}?role=admin&committee=1&period=month")
    wait_for_app(page)
    page.get_by_text(BANNER).wait_for()
    values = settled_texts(page, METRIC)  # the final run's metrics, all drawn
    deltas = page.locator('[data-testid="stMetricDelta"]').all_inner_texts()
    assert values
    shown = {v.strip() for v in values} | {d.strip().lstrip("+-−") for d in deltas}
    assert not shown & SMALL, shown
    # The data page, with its pseudonyms, is not offered.
    assert page.locator('[data-testid="stSidebarNav"]').get_by_text("Data").count() == 0


def test_switching_committee_mode_on_in_the_sidebar(page):
    page.goto(f"{page.app_url}/caseload?role=admin&period=month")
    before = settled_texts(page, METRIC)
    page.locator('[data-testid="stSidebar"]').get_by_text("Udvalgsvisning", exact=True).click()
    page.get_by_text(BANNER).wait_for()
    page.wait_for_url("**committee=1**")
    after = settled_texts(page, METRIC)
    assert not {v.strip() for v in after} & SMALL
    assert before != after or not {v.strip() for v in before} & SMALL


def _tables_sent(frames: list[bytes]) -> list[list[dict]]:
    """The rows of every chart dataset and table the server sent over the websocket (Streamlit's
    ForwardMsg protobufs, the Arrow tables inside): what the browser holds, drawn or not."""
    import pyarrow as pa
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    tables = []
    for frame in frames:
        if not isinstance(frame, bytes):
            continue
        message = ForwardMsg.FromString(frame)
        if message.WhichOneof("type") != "delta":
            continue
        if message.delta.WhichOneof("type") != "new_element":
            continue
        element = message.delta.new_element
        kind = element.WhichOneof("type")
        blobs = []
        if kind == "vega_lite_chart":
            chart = element.vega_lite_chart
            blobs = [d.data.data for d in chart.datasets] + [chart.data.data]
        elif kind == "dataframe":
            blobs = [element.dataframe.arrow_data.data]
        for blob in blobs:
            if blob:
                tables.append(pa.ipc.open_stream(blob).read_all().to_pylist())
    return tables


@pytest.mark.parametrize("path", ["", "outreach", "caseload"])
@pytest.mark.parametrize("period", ["month", "quarter", ""])
def test_no_count_of_one_to_four_is_sent(page, path, period):
    """Every count column the server sends in committee mode (a column with its `_shown`
    mark beside it, in every chart's dataset and every table) holds 0, a multiple of 5 or
    nothing: what the browser receives, not only what is drawn."""
    frames: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(f)))
    query = f"role=admin&committee=1{f'&period={period}' if period else ''}"
    page.goto(f"{page.app_url}/{path}?{query}")
    wait_for_app(page)
    page.get_by_text(BANNER).wait_for()
    counts = 0
    for rows in _tables_sent(frames):
        for row in rows:
            for column, value in row.items():
                if f"{column}_shown" not in row or value is None:
                    continue
                counts += 1
                assert float(value) == 0 or float(value) % 5 == 0, (path, column, value)
    assert counts > 0  # count columns were sent and checked
