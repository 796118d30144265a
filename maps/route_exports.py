"""Taking the route along: a GPX file for a phone, a directions link for a map app, and a
printable A4 route sheet (PDF) with a sketch of the route and the itinerary."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import gpxpy.gpx
from fpdf import FPDF

from data_access import clock
from data_access.organisation import DEFAULT_KIND_COLOURS
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
    _sketch(pdf, start, end, stops, colours, x=pdf.l_margin, y=top, w=180, h=95)
    pdf.set_y(top + 99)
    widths = [10, 58, 18, 18, 18, 38, 20]
    pdf.set_font("Helvetica", "B", 9)
    pdf.set_fill_color(230, 240, 241)
    for width, header in zip(widths, headers, strict=True):
        pdf.cell(width, 7, latin1(header), border=1, fill=True)
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for row in rows:
        values = [
            row.number,
            row.name,
            row.arrive,
            row.depart,
            row.travel,
            row.opening_hours,
            row.chance,
        ]
        for width, value in zip(widths, values, strict=True):
            text = latin1(value)
            while pdf.get_string_width(text) > width - 2 and len(text) > 3:
                text = text[:-2] + "."
            pdf.cell(width, 7, text, border=1)
        pdf.ln()
    pdf.ln(3)
    for note in notes:
        pdf.multi_cell(0, 5, latin1(note), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-20)
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(0, 5, latin1(footer))
    return bytes(pdf.output())


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
    """The route drawn to scale (north up) in a box: no map tiles needed, so it prints offline."""
    points = [start, *stops, end]
    mid_lat = math.radians(sum(p.lat for p in points) / len(points))
    xs = [p.lon * math.cos(mid_lat) for p in points]
    ys = [p.lat for p in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-4)
    pad = 8
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
    pdf.set_font("Helvetica", "B", 8)
    round_trip = (start.lat, start.lon) == (end.lat, end.lon)
    for i, point in enumerate(points):
        if round_trip and i == len(points) - 1:
            break  # the end is the start: one marker
        cx, cy = at(i)
        is_end = i in (0, len(points) - 1)
        pdf.set_fill_color(*_rgb(colours["treatment" if is_end else point.kind]))
        pdf.ellipse(cx - 3, cy - 3, 6, 6, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(cx - 3, cy - 2.5)
        pdf.cell(6, 5, latin1(point.label), align="C")
        pdf.set_text_color(60, 60, 60)
        pdf.set_font("Helvetica", "", 7)
        pdf.set_xy(cx + 3.5, cy - 2.5)
        pdf.cell(40, 5, latin1(point.name[:34]))
        pdf.set_font("Helvetica", "B", 8)
    pdf.set_text_color(0, 0, 0)
    # A north arrow and a scale bar keep the sketch honest.
    pdf.set_font("Helvetica", "", 7)
    pdf.set_xy(x + w - 12, y + 2)
    pdf.cell(10, 4, "N ^", align="C")
    km_per_unit = 111.2  # km per degree of latitude
    bar_km = _nice_km(span * km_per_unit / 4)
    bar_mm = bar_km / km_per_unit * scale
    pdf.line(x + 4, y + h - 3, x + 4 + bar_mm, y + h - 3)
    pdf.set_xy(x + 4 + bar_mm + 1, y + h - 5)
    pdf.cell(20, 4, f"{bar_km:g} km")


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _nice_km(value: float) -> float:
    for step in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50):
        if step >= value:
            return step
    return 100.0


def stamp(now: dt.datetime | None = None) -> str:
    return (now or clock.local_now()).strftime("%d-%m-%Y %H:%M")
