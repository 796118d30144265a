"""Taking the route along: a GPX file for a phone, a directions link for a map app, and a
printable A4 route sheet (PDF) with a sketch of the route and the itinerary."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import gpxpy.gpx
from fpdf import FPDF, FontFace

from data_access import clock
from data_access.organisation import DEFAULT_KIND_COLOURS
from maps.label_layout import Box, label_candidates, marker_candidates, place
from maps.route_map import MapPoint

GOOGLE_WAYPOINT_LIMIT = 9  # Google Maps URLs take at most 9 waypoints between start and end
TRAVEL_MODES = {"walk": "walking", "bike": "bicycling", "car": "driving"}


@dataclass(frozen=True)
class SheetRow:
    number: str
    name: str
    arrive: str
    depart: str
    travel: str
    opening_hours: str
    chance: str


def gpx(start: MapPoint, end: MapPoint, stops: Sequence[MapPoint], name: str) -> str:
    """Waypoints for start, stops and end, and a route through them in order."""
    document = gpxpy.gpx.GPX()
    document.name = name
    route = gpxpy.gpx.GPXRoute(name=name)
    for point, label in [(start, start.label), *[(s, s.label) for s in stops], (end, end.label)]:
        title = f"{label}. {point.name}" if label.isdigit() else f"{label}: {point.name}"
        document.waypoints.append(
            gpxpy.gpx.GPXWaypoint(point.lat, point.lon, name=title, description=point.detail)
        )
        route.points.append(gpxpy.gpx.GPXRoutePoint(point.lat, point.lon, name=title))
    document.routes.append(route)
    return document.to_xml()


def directions_link(start: MapPoint, end: MapPoint, stops: Sequence[MapPoint], mode: str) -> str:
    """A Google Maps directions URL (opens the app on phones). Only the first nine stops fit."""
    params = {
        "api": "1",
        "origin": f"{start.lat:.6f},{start.lon:.6f}",
        "destination": f"{end.lat:.6f},{end.lon:.6f}",
        "travelmode": TRAVEL_MODES.get(mode, "walking"),
    }
    if stops:
        params["waypoints"] = "|".join(
            f"{s.lat:.6f},{s.lon:.6f}" for s in stops[:GOOGLE_WAYPOINT_LIMIT]
        )
    return "https://www.google.com/maps/dir/?" + urlencode(params, safe=",|")


def latin1(text: str) -> str:
    """The PDF's built-in fonts cover Latin-1 (æ, ø, å); other characters get a stand-in."""
    replacements = {"–": "-", "—": "-", "…": "...", "≈": "~", "→": "->", "’": "'", "·": "-"}
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


def route_sheet_pdf(
    *,
    title: str,
    subtitle_lines: Sequence[str],
    headers: Sequence[str],
    rows: Sequence[SheetRow],
    start: MapPoint,
    end: MapPoint,
    stops: Sequence[MapPoint],
    notes: Sequence[str],
    footer: str,
    kind_colors: Mapping[str, str] | None = None,
) -> bytes:
    """The printable route sheet; stops are drawn in their site kind's colour."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_title(latin1(title))
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for line in subtitle_lines:
        pdf.cell(0, 5, latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    top = pdf.get_y()
    colours = {**DEFAULT_KIND_COLOURS, **(kind_colors or {})}
    _sketch(pdf, start, end, stops, colours, x=pdf.l_margin, y=top, w=SHEET_WIDTH_MM, h=95)
    pdf.set_y(top + 99)
    _itinerary(pdf, headers, rows)
    pdf.ln(3)
    for note in notes:
        pdf.multi_cell(0, 5, latin1(note), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-20)
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(0, 5, latin1(footer))
    return bytes(pdf.output())


SHEET_WIDTH_MM = 180  # the sketch and the table, inside A4's margins
TABLE_FONT_SIZE = 9
CELL_PADDING = 1.0  # mm inside every table cell


def _itinerary(pdf: FPDF, headers: Sequence[str], rows: Sequence[SheetRow]) -> None:
    """The itinerary table across the page width: columns as wide as their text needs, and a
    header or value too long for its column wrapped onto more lines inside its cell."""
    table = [[latin1(h) for h in headers]] + [
        [
            latin1(value)
            for value in (r.number, r.name, r.arrive, r.depart, r.travel, r.opening_hours, r.chance)
        ]
        for r in rows
    ]
    pdf.set_font("Helvetica", "B", TABLE_FONT_SIZE)
    header_widths = [_text_widths(pdf, text) for text in table[0]]
    pdf.set_font("Helvetica", "", TABLE_FONT_SIZE)
    value_widths = [[_text_widths(pdf, text) for text in row] for row in table[1:]]
    widths = column_widths(
        [[header, *(row[i] for row in value_widths)] for i, header in enumerate(header_widths)],
        SHEET_WIDTH_MM,
        2 * (CELL_PADDING + pdf.c_margin) + 0.5,
    )
    pdf.set_fill_color(255, 255, 255)  # the sketch's last marker colour must not fill the rows
    with pdf.table(
        col_widths=widths,
        width=SHEET_WIDTH_MM,
        align="LEFT",
        line_height=4.2,
        padding=CELL_PADDING,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 240, 241)),
        text_align="LEFT",
        v_align="TOP",
    ) as drawn:
        for row in table:
            cells = drawn.row()
            for text in row:
                cells.cell(text)


def _text_widths(pdf: FPDF, text: str) -> tuple[float, float]:
    """A cell text's width on one line, and its longest word's (the narrowest it can wrap to)."""
    words = text.split() or [""]
    return pdf.get_string_width(text), max(pdf.get_string_width(w) for w in words)


def column_widths(
    columns: Sequence[Sequence[tuple[float, float]]], total: float, padding: float
) -> list[float]:
    """Widths summing to `total` for columns whose cells are (one-line width, longest word),
    the header first. Every column is at least as wide as its longest word; the room left goes
    first to values that would wrap, then to headers that would (a header wraps before a
    value does), then to all alike."""
    least = [max(word for _, word in cells) + padding for cells in columns]
    values = [max([full for full, _ in cells[1:]] + [0.0]) + padding for cells in columns]
    headers = [cells[0][0] + padding for cells in columns]
    widths = list(least)
    if sum(widths) >= total:  # not even the longest words fit: shrink alike (words break)
        return [w * total / sum(widths) for w in widths]
    for target in (values, headers):
        want = [max(t - w, 0.0) for t, w in zip(target, widths, strict=True)]
        room = total - sum(widths)
        if sum(want) == 0:
            continue
        share = min(1.0, room / sum(want))
        widths = [w + share * d for w, d in zip(widths, want, strict=True)]
        if share < 1.0:
            return widths
    spare = (total - sum(widths)) / len(widths)
    return [w + spare for w in widths]


def _sketch(
    pdf: FPDF,
    start: MapPoint,
    end: MapPoint,
    stops: Sequence[MapPoint],
    colours: Mapping[str, str],
    *,
    x: float,
    y: float,
    w: float,
    h: float,
) -> None:
    """The route drawn to scale (north up) in a box: no map tiles needed, so it prints offline.
    Stops close together keep apart: a marker that would cover another is set beside it with a
    line to its place, and every name goes where it covers no marker and no other name."""
    points = [start, *stops, end]
    mid_lat = math.radians(sum(p.lat for p in points) / len(points))
    xs = [p.lon * math.cos(mid_lat) for p in points]
    ys = [p.lat for p in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-4)
    pad = 11  # room for a marker and its name at the edge, clear of the scale bar
    scale = min((w - 2 * pad) / span, (h - 2 * pad) / span)

    def at(i: int) -> tuple[float, float]:
        return (x + pad + (xs[i] - min(xs)) * scale, y + h - pad - (ys[i] - min(ys)) * scale)

    pdf.set_draw_color(180, 180, 180)
    pdf.rect(x, y, w, h)
    pdf.set_draw_color(31, 111, 120)
    pdf.set_line_width(0.8)
    for i in range(len(points) - 1):
        pdf.line(*at(i), *at(i + 1))
    pdf.set_line_width(0.2)

    round_trip = (start.lat, start.lon) == (end.lat, end.lon)
    shown = range(len(points) - 1 if round_trip else len(points))  # a round trip: one base
    bounds = Box(x + 1, y + 1, w - 2, h - 2)
    km_per_unit = 111.2  # km per degree of latitude
    bar_km = _nice_km(span * km_per_unit / 4)
    bar_mm = bar_km / km_per_unit * scale
    # The north arrow (top right) and the scale bar (bottom left) are kept clear.
    taken = [Box(x + w - 13, y + 1, 12, 6), Box(x + 2, y + h - 6, bar_mm + 24, 5)]
    markers = {}
    for i in shown:
        markers[i], _ = place(marker_candidates(*at(i), MARKER_MM), taken, bounds)
        taken.append(markers[i])
    pdf.set_font("Helvetica", "", 7)
    labels = {}
    for i in shown:
        text = latin1(points[i].name[:34])
        box_w, box_h = pdf.get_string_width(text) + 1.2, 3.6
        labels[i], choice = place(label_candidates(markers[i], box_w, box_h), taken, bounds)
        taken.append(labels[i])
        if choice >= 8:  # not right beside its marker: a hairline shows whose name it is
            pdf.set_draw_color(150, 150, 150)
            pdf.line(*markers[i].centre, *labels[i].centre)

    def colour(i: int) -> tuple[int, int, int]:
        return _rgb(colours["treatment" if i in (0, len(points) - 1) else points[i].kind])

    for i in shown:  # first every moved marker's dot and line, so no marker lies under one
        if markers[i].centre != at(i):
            pdf.set_draw_color(*colour(i))
            pdf.set_fill_color(*colour(i))
            pdf.line(*at(i), *markers[i].centre)
            pdf.ellipse(at(i)[0] - 0.7, at(i)[1] - 0.7, 1.4, 1.4, style="F")
    for i in shown:
        pdf.set_fill_color(*colour(i))
        pdf.ellipse(markers[i].x, markers[i].y, MARKER_MM, MARKER_MM, style="F")
        pdf.set_font("Helvetica", "B", 8)
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(markers[i].x, markers[i].y + 0.5)
        pdf.cell(MARKER_MM, 5, latin1(points[i].label), align="C")
        pdf.set_text_color(60, 60, 60)
        pdf.set_font("Helvetica", "", 7)
        pdf.set_xy(labels[i].x, labels[i].y)
        pdf.cell(labels[i].w, labels[i].h, latin1(points[i].name[:34]), align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    # A north arrow and a scale bar keep the sketch honest.
    pdf.set_font("Helvetica", "", 7)
    pdf.set_xy(x + w - 12, y + 2)
    pdf.cell(10, 4, "N ^", align="C")
    pdf.line(x + 4, y + h - 3, x + 4 + bar_mm, y + h - 3)
    pdf.set_xy(x + 4 + bar_mm + 1, y + h - 5)
    pdf.cell(20, 4, f"{bar_km:g} km")


MARKER_MM = 6.0


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _nice_km(value: float) -> float:
    for step in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50):
        if step >= value:
            return step
    return 100.0


def stamp(now: dt.datetime | None = None) -> str:
    return (now or clock.local_now()).strftime("%d-%m-%Y %H:%M")
