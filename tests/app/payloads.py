"""Everything a page sends to the browser, decoded from what AppTest received: metrics,
texts, tables, every chart dataset and the map component's script and HTML. The committee
tests read counts here, not from what happens to be drawn."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

# Dataset fields that hold counts (the views' and the publication's own names).
COUNT_FIELDS = {
    "contacts",
    "persons",
    "anonymous",
    "count",
    "active",
    "requests",
    "starts",
    "ends",
    "within",
    "reached",
    "started",
    "engaged",
    "referred",
    "new",
}
SMALL = {1, 2, 3, 4}


@dataclass
class Payload:
    metrics: list[tuple[str, str, str]] = field(default_factory=list)  # label, value, delta
    texts: list[str] = field(default_factory=list)
    tables: list[pd.DataFrame] = field(default_factory=list)
    datasets: list[pd.DataFrame] = field(default_factory=list)
    specs: list[dict] = field(default_factory=list)
    maps: list[dict] = field(default_factory=list)

    def chart_counts(self) -> list[tuple[str, object]]:
        out = []
        for frame in self.datasets:
            for column in frame.columns:
                if column in COUNT_FIELDS or column.startswith("sum_"):
                    out += [(column, v) for v in frame[column].tolist()]
        for spec in self.specs:
            for values in _inline_values(spec):
                for row in values:
                    if isinstance(row, dict):
                        out += [(k, v) for k, v in row.items() if k in COUNT_FIELDS]
        return out


def _walk(node):
    children = getattr(node, "children", None)
    if not children:
        return
    for child in children.values():
        yield child
        yield from _walk(child)


def _inline_values(spec: object):
    if isinstance(spec, dict):
        if isinstance(spec.get("values"), list):
            yield spec["values"]
        for value in spec.values():
            yield from _inline_values(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _inline_values(item)


def _arrow(data: bytes) -> pd.DataFrame:
    with pa.ipc.open_stream(io.BytesIO(data)) as reader:
        return reader.read_pandas()


def open_chart_tables(at: AppTest) -> AppTest:
    """Every chart's "Vis som tabel" opened (ui/charts/render.py sends a table only while it
    is open), in one more run."""
    keys = [e.proto.id.split("-", 2)[-1] for e in at.expander if "-alt-" in e.proto.id]
    for key in keys:
        at.session_state[key] = True
    if keys:
        at.run()
    return at


# The pages whose charts are in dynamic tabs, and each one's key (pages/caseload.py).
TABS_KEY = {"pages/caseload.py": "caseload_tab"}


def every_tab(at: AppTest, page: str) -> Iterator[AppTest]:
    """The page with each of its dynamic tabs open in turn (only the open one is drawn, see
    pages/caseload.py); a page without tabs once, as it is."""
    key = TABS_KEY.get(page)
    if key is None:
        yield at
        return
    for label in [tab.label for tab in at.tabs]:
        at.session_state[key] = label
        at.run()
        yield at


def collect_every_tab(at: AppTest, page: str) -> Payload:
    """What the page sends with each of its tabs open, together, the charts' tables opened."""
    payload = Payload()
    for each in every_tab(at, page):
        part = collect(open_chart_tables(each))
        for name in vars(payload):
            getattr(payload, name).extend(getattr(part, name))
    return payload


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def read_plain(text: str) -> str:
    """Text escaped by ui/plain.plain as Markdown shows it: the backslashes before
    punctuation and the invisible word joiners gone."""
    return _ESCAPED.sub(r"\1", text).replace("\u2060", "")


def as_read(frame: pd.DataFrame) -> pd.DataFrame:
    """An HTML table's frame as the browser shows it: st.table's Markdown escapes resolved
    (ui/tables.html_table escapes every header and cell)."""

    def read(value: object) -> object:
        return read_plain(value) if isinstance(value, str) else value

    out = frame.map(read)
    out.columns = [read(c) for c in frame.columns]
    return out


def collect(at: AppTest) -> Payload:
    payload = Payload()
    for element in _walk(at._tree):
        kind = getattr(element, "type", "")
        proto = getattr(element, "proto", None)
        if kind == "metric":
            payload.metrics.append((element.label, element.value, proto.delta))
            payload.texts.append(proto.help)
        elif kind in ("markdown", "caption", "text", "info", "warning", "success", "error"):
            payload.texts.append(str(element.value))
        elif kind == "dataframe":
            payload.tables.append(element.value)
        elif kind == "table":  # small tables and the charts' text alternatives
            payload.tables.append(as_read(element.value))
        elif kind == "vega_lite_chart":
            spec = json.loads(proto.spec)
            payload.specs.append(spec)
            for dataset in proto.datasets:
                payload.datasets.append(_arrow(dataset.data.data))
            if proto.HasField("data") and proto.data.data:
                payload.datasets.append(_arrow(proto.data.data))
        elif kind == "component_instance":
            payload.maps.append(json.loads(proto.json_args))
    return payload


# Numbers in running text that are not counts: dates, times, years, percentages, ranges of
# days and hours, quarter and half-year names.
_NOT_A_COUNT = re.compile(
    r"\d{1,2}\\?\. \w+\.? \d{4}"  # 1. jan. 2025 (also Markdown-escaped: 1\\. jan.)
    r"|\d{1,2} \w{3} \d{4}"  # 1 Jan 2025
    r"|\d{1,2}[-.:]\d{2}([-.:]\d{2,4})?"  # 01-03-2025, 14:30
    r"|\d+(,\d+)? ?%"
    r"|\d+\s*[–-]\s*\d+"  # 0–7, 12-18
    r"|[KQH]\d \d{4}|\d\. (halvår|kvartal)"
    r"|\b\d{4}\b"
    r"|§ ?\d+"
    r"|\d+(,\d+)? (dage|dag|days|day|min|km|timer|hours)\b"  # durations and distances
    r"|(uge|wk|kl\.) \d+"
)


def text_counts(text: str) -> list[int]:
    """Whole numbers in a text that could be counts (not dates, times, shares or ranges)."""
    cleaned = re.sub(r"(?m)^\s*\d+\. ", " ", text)  # numbered list items
    cleaned = _NOT_A_COUNT.sub(" ", cleaned)
    return [int(n) for n in re.findall(r"(?<![\d.,<])\b\d+\b(?![.,]\d)", cleaned)]


def map_counts(args: dict) -> list[tuple[str, object]]:
    """Counts in the map component: popup rows for contacts and persons, heat weights."""
    html = args.get("script", "") + args.get("html", "")
    found = []
    # Popups are escaped HTML inside JS strings.
    for label, value in re.findall(
        r"<th[^>]*>((?:Kontakter|Personer|Contacts|Persons)[^<]*)</th><td>([^<]*)</td>", html
    ):
        found.append((label, unescape(value)))
    for weights in re.findall(r"L\.heatLayer\(\s*(\[\[.*?\]\])", html, re.S):
        for point in json.loads(weights):
            found.append(("heat", point[2]))
    return found


def small_count(value: object) -> bool:
    """A value that is a count of 1-4 as shown (text "3" or a number 3)."""
    if value is None or (isinstance(value, float) and value != value):
        return False
    if isinstance(value, str):
        text = value.strip().replace(".", "")
        return text.isdigit() and int(text) in SMALL
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(value).is_integer() and int(value) in SMALL
    try:
        return bool(pd.notna(value)) and int(value) in SMALL and float(value).is_integer()
    except (TypeError, ValueError):
        return False
