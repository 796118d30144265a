"""The route sheet PDF read back with pypdfium2 (positions of text and of drawn cells): every
header inside its cell, no stop's marker or name covering another's even when stops lie a few
metres apart, and opening hours in words."""

from __future__ import annotations

import itertools

import pypdfium2
import pytest
from pypdfium2 import raw

from maps.label_layout import Box, label_candidates, marker_candidates, place
from maps.route_exports import SheetRow, column_widths, route_sheet_pdf
from maps.route_map import MapPoint
from ui.opening_hours import describe

BASE = MapPoint("Rusmiddelcenter Helsingør", 56.0310, 12.6050, "treatment", "S", "13:00")
END = MapPoint("Rusmiddelcenter Helsingør", 56.0310, 12.6050, "treatment", "E", "16:00")
# Stops 2 and 3 about 15 m apart (Vor Frue Kloster and St. Olai's courtyard), 4 beside them.
STOPS = [
    MapPoint("Helsingør Station", 56.03361, 12.61444, "public", "1", "13:10–13:30"),
    MapPoint("Vor Frue Kloster", 56.03660, 12.61500, "public", "2", "13:40–14:00"),
    MapPoint("Gården ved Sct. Olai Kirke", 56.03670, 12.61510, "public", "3", "14:05–14:20"),
    MapPoint("Værestedet Stubben", 56.03655, 12.61530, "partner", "4", "14:25–14:45"),
    MapPoint("Det grønne område ved Kronborg", 56.0388, 12.6195, "public", "5", "15:00–15:20"),
]
HEADERS = [
    "#",
    "Sted",
    "Ankomst",
    "Afgang",
    "Rejsetid",
    "Åbningstider",
    "Chance for at møde nogen",
]
HOURS = ["24/7", "Mo-Fr 10:00-14:00", "Mo-Fr 09:00-15:00; PH off", "Nov-Mar 20:00-08:00", "24/7"]


def _sheet(headers=HEADERS, stops=STOPS) -> bytes:
    rows = [
        SheetRow(stop.label, stop.name, "13:10", "13:30", "8 min", describe(hours, "da"), "35 %")
        for stop, hours in zip(stops, HOURS, strict=False)
    ]
    return route_sheet_pdf(
        title="Ruteplan tirsdag 2. dec. 2025",
        subtitle_lines=["13:00–16:00 · Gående"],
        headers=headers,
        rows=rows,
        start=BASE,
        end=END,
        stops=stops,
        notes=[],
        footer="Brobygger",
    )


def _texts(data: bytes) -> list[tuple[str, Box]]:
    """Every run of text on page 1 with its box (PDF points, y up turned to y down)."""
    document = pypdfium2.PdfDocument(data)
    page = document[0]
    height = page.get_height()
    textpage = page.get_textpage()
    runs = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top).strip()
        if text:
            runs.append((text, Box(left, height - top, right - left, top - bottom)))
    cells = [
        Box(left, height - top, right - left, top - bottom)
        for left, bottom, right, top in (
            o.get_bounds() for o in page.get_objects() if o.type == raw.FPDF_PAGEOBJ_PATH
        )
    ]
    document.close()
    return runs, cells  # type: ignore[return-value]


def _table_cells(cells: list[Box]) -> list[Box]:
    """The drawn rectangles of the table: those below the sketch's frame (the largest box)."""
    frame = max(cells, key=lambda c: c.w * c.h)
    return [c for c in cells if c.y >= frame.y + frame.h - 1 and c.h < 100]


@pytest.mark.parametrize(
    "headers",
    [
        HEADERS,
        ["#", "Site", "Arrive", "Leave", "Travel", "Opening hours", "Chance of meeting someone"],
    ],
)
def test_every_header_lies_inside_its_own_cell(headers):
    runs, cells = _texts(_sheet(headers))
    table = _table_cells(cells)
    first = next(box for text, box in runs if text.startswith(headers[1]))
    header_row = [c for c in table if c.y <= first.centre[1] <= c.y + c.h]
    assert len(header_row) == len(headers)
    for cell, header in zip(sorted(header_row, key=lambda c: c.x), headers, strict=True):
        inside = [(text, box) for text, box in runs if cell.grown(0.6).overlap(box) > 0]
        assert " ".join(text for text, _ in inside) == header, (header, inside)
        for text, box in inside:
            assert box.inside(cell.grown(0.6)), f"{text!r} runs out of its cell"


def test_values_wrap_inside_their_cells_too():
    long_name = MapPoint(
        "Det grønne område ved Kronborg og voldgraven mod Øresund",
        56.0388,
        12.6195,
        "public",
        "1",
        "",
    )
    runs, cells = _texts(_sheet(stops=[long_name]))
    table = _table_cells(cells)
    top, bottom = min(c.y for c in table), max(c.y + c.h for c in table)
    for text, box in runs:
        if top - 1 < box.y < bottom:  # in the table
            assert any(box.inside(c.grown(0.6)) for c in table), f"{text!r} outside every cell"


def test_stop_markers_and_names_never_cover_each_other_when_stops_are_close():
    runs, cells = _texts(_sheet())
    table_top = min(c.y for c in _table_cells(cells))
    names = {s.name for s in STOPS} | {BASE.name}
    marks = {s.label for s in STOPS} | {"S"}
    on_sketch = [(t, b) for t, b in runs if b.y < table_top and (t in names or t in marks)]
    assert sorted(t for t, _ in on_sketch) == sorted(names | marks)  # each once, none cut
    for (text_a, a), (text_b, b) in itertools.combinations(on_sketch, 2):
        assert a.overlap(b) == 0, f"{text_a!r} and {text_b!r} overlap on the sketch"


def test_opening_hours_on_the_sheet_are_in_words():
    text = " ".join(t for t, _ in _texts(_sheet())[0])
    assert "man.-fre. 10.00-14.00" in text  # the PDF's Latin-1 fonts write the dash as "-"
    assert "helligdage lukket" in text and "nov.-mar. 20.00-8.00" in text
    assert "Mo-Fr" not in text and "24/7" not in text


def test_column_widths_share_the_page_by_need():
    # (one-line width, longest word) per cell, header first.
    columns = [
        [(4, 4), (3, 3)],
        [(10, 10), (60, 25)],
        [(70, 20), (10, 10)],  # a long header over short values wraps first
    ]
    widths = column_widths(columns, 100, 2)
    assert sum(widths) == pytest.approx(100)
    assert widths[1] == pytest.approx(62)  # the value stands on one line
    assert 22 <= widths[2] < 72  # the header wraps, but no word is cut
    assert sum(column_widths(columns, 500, 2)) == pytest.approx(500)
    assert sum(column_widths(columns, 20, 2)) == pytest.approx(20)  # too narrow: all shrink


def test_placement_keeps_markers_and_labels_apart():
    bounds = Box(0, 0, 100, 60)
    taken: list[Box] = []
    for x, y in [(50, 30), (50.2, 30.1), (50.1, 29.9), (49.9, 30)]:  # four stops on one spot
        marker, _ = place(marker_candidates(x, y, 6), taken, bounds)
        taken.append(marker)
    for marker in list(taken):
        label, _ = place(label_candidates(marker, 25, 3.6), taken, bounds)
        taken.append(label)
    for a, b in itertools.combinations(taken, 2):
        assert a.overlap(b) == 0
    assert all(box.inside(bounds) for box in taken)
