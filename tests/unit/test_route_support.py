"""Travel times (estimate and an OSRM-compatible server), suggestions, exports and the route map."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import gpxpy
import pandas as pd
import pytest
from pypdf import PdfReader

from maps.assets import MapAssets
from maps.route_exports import SheetRow, directions_link, gpx, route_sheet_pdf
from maps.route_map import MapPoint, build_route_map
from maps.route_suggest import Candidate, open_windows, suggest
from maps.travel import MODES, estimate, haversine_km, travel_matrix

STATION = (56.03361, 12.61444)
KRONBORG = (56.0388, 12.6195)


def test_haversine_and_the_estimate():
    assert haversine_km((55.0, 12.0), (56.0, 12.0)) == pytest.approx(111.2, abs=0.1)
    matrix = estimate([STATION, KRONBORG], "walk")
    straight = haversine_km(STATION, KRONBORG)
    assert matrix.km[0, 1] == pytest.approx(straight * MODES["walk"].detour)
    assert matrix.minutes[0, 1] == pytest.approx(matrix.km[0, 1] / 4.5 * 60)
    car = estimate([STATION, KRONBORG], "car")
    assert car.minutes[0, 1] == pytest.approx(car.km[0, 1] / 30 * 60 + 4)
    assert matrix.minutes[0, 0] == 0 and matrix.source == "estimate"


class _FakeOsrm(BaseHTTPRequestHandler):
    """A stand-in OSRM `table` service on loopback: a real OSRM needs map data we cannot
    download here, so this speaks the same protocol with made-up durations."""

    mode = "ok"
    seen: ClassVar[list[str]] = []

    def do_GET(self):
        type(self).seen.append(self.path)
        if self.mode == "error":
            body, status = {"code": "InvalidQuery", "message": "bad coordinates"}, 400
        elif self.mode == "garbage":
            body, status = {"code": "Ok", "durations": [[0]]}, 200
        else:
            count = len(self.path.split("/")[4].split("?")[0].split(";"))
            durations = [[0 if i == j else 600.0 for j in range(count)] for i in range(count)]
            distances = [[0 if i == j else 2500.0 for j in range(count)] for i in range(count)]
            body, status = {"code": "Ok", "durations": durations, "distances": distances}, 200
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args):
        pass


@pytest.fixture
def osrm_server():
    server = HTTPServer(("127.0.0.1", 0), _FakeOsrm)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_routing_server_is_used_when_it_answers(osrm_server):
    _FakeOsrm.mode = "ok"
    url = f"http://127.0.0.1:{osrm_server.server_port}"
    matrix = travel_matrix([STATION, KRONBORG, STATION], "bike", url)
    assert matrix.source == "osrm"
    assert matrix.minutes[0, 1] == 10 and matrix.km[0, 1] == 2.5
    assert "/table/v1/bike/12.614440,56.033610;12.619500,56.038800;" in _FakeOsrm.seen[-1]


@pytest.mark.parametrize("mode", ["error", "garbage"])
def test_a_failing_routing_server_falls_back_and_says_why(osrm_server, mode):
    _FakeOsrm.mode = mode
    matrix = travel_matrix(
        [STATION, KRONBORG], "walk", f"http://127.0.0.1:{osrm_server.server_port}"
    )
    assert matrix.source == "estimate"
    assert matrix.note
    expected = estimate([STATION, KRONBORG], "walk").minutes[0, 1]
    assert matrix.minutes[0, 1] == pytest.approx(expected)


def test_an_absent_routing_server_falls_back():
    matrix = travel_matrix([STATION, KRONBORG], "walk", "http://127.0.0.1:9")  # nothing listens
    assert matrix.source == "estimate" and matrix.note


def test_opening_windows_and_danish_holidays():
    start, end = dt.datetime(2025, 12, 23, 13), dt.datetime(2025, 12, 23, 17)
    assert open_windows("Mo-Fr 09:00-15:00", start, end) == ((0.0, 120.0),)
    assert open_windows("24/7", start, end) == ((0.0, 240.0),)
    christmas = dt.datetime(2025, 12, 25, 13), dt.datetime(2025, 12, 25, 17)
    assert open_windows("Mo-Fr 09:00-15:00; PH off", *christmas) == ()
    assert open_windows("Mo-Fr 09:00-15:00", *christmas) == ((0.0, 120.0),)  # hours say nothing


def test_suggestions_rank_by_meeting_chance_then_recency():
    candidates = [Candidate(i, i.title(), "public", 56.0, 12.6, "24/7") for i in ("a", "b", "c")]
    counts = pd.DataFrame(
        [("a", 1, 14, 10), ("a", 1, 15, 10), ("b", 1, 14, 5), ("a", 2, 14, 99)],
        columns=["site_id", "weekday", "hour", "contacts"],
    )
    last = {"a": dt.datetime(2025, 12, 1), "b": dt.datetime(2025, 11, 1)}
    start = dt.datetime(2025, 12, 2, 14)  # a Tuesday (weekday 1)
    ranked = suggest(candidates, counts, 10.0, last, start, start + dt.timedelta(hours=2))
    by_id = {s.candidate.id: s for s in ranked}
    assert by_id["a"].expected_contacts == pytest.approx(2.0)  # 20 contacts / 10 weeks
    assert by_id["b"].expected_contacts == pytest.approx(0.5)
    assert by_id["c"].days_since_visit is None  # never visited: full recency bonus
    assert by_id["a"].value == pytest.approx(1.0 + 0.5 * 1 / 30, abs=1e-3)
    assert by_id["b"].value == pytest.approx(0.25 + 0.5, abs=1e-3)
    assert [s.candidate.id for s in ranked] == ["a", "b", "c"]
    chance = by_id["a"].chance_of_meeting(0, 30, start)  # 1 contact/hour at 14, half an hour
    assert chance == pytest.approx(1 - math.exp(-0.5))


START = MapPoint("Base", 56.031, 12.605, "treatment", "S", "13:00")
END = MapPoint("Base", 56.031, 12.605, "treatment", "E", "16:00")
STOPS = [
    MapPoint("Helsingør Station", *STATION, "public", "1", "13:10–13:30"),
    MapPoint("<b>Kronborg</b>", *KRONBORG, "public", "2", "13:40–14:00"),
]


def test_gpx_parses_back_with_the_stops_in_order():
    parsed = gpxpy.parse(gpx(START, END, STOPS, "Rute 2. dec."))
    names = [w.name for w in parsed.waypoints]
    assert names == ["S: Base", "1. Helsingør Station", "2. <b>Kronborg</b>", "E: Base"]
    route = parsed.routes[0].points
    assert [(p.latitude, p.longitude) for p in route[1:3]] == [STATION, KRONBORG]


def test_the_route_sheet_pdf_opens_and_has_the_stops():
    rows = [
        SheetRow("1", "Helsingør Station", "13:10", "13:30", "10 min", "24/7", "35 %"),
        SheetRow("2", "Det grønne område ved Kronborg", "13:40", "14:00", "8 min", "24/7", "20 %"),
    ]
    data = route_sheet_pdf(
        title="Ruteplan tirsdag 2. dec. 2025",
        subtitle_lines=["13:00–16:00 · Gående"],
        headers=["#", "Sted", "Ankomst", "Afgang", "Rejsetid", "Åbent", "Chance"],
        rows=rows,
        start=START,
        end=END,
        stops=STOPS,
        notes=["Ikke med: Stubben (lukket)"],
        footer="Brobygger",
    )
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4
    text = reader.pages[0].extract_text()
    for expected in ("Ruteplan tirsdag", "Helsingør Station", "13:40", "Åbent", "Stubben"):
        assert expected in text


def test_directions_link():
    link = directions_link(START, END, STOPS, "bike")
    assert link.startswith("https://www.google.com/maps/dir/?api=1")
    assert "travelmode=bicycling" in link
    assert "waypoints=56.033610,12.614440|56.038800,12.619500" in link


def test_the_route_map_numbers_the_stops_and_escapes_names():
    rendered = build_route_map(START, END, STOPS, assets=MapAssets(tiles_url=None))
    # The marker HTML sits JSON-encoded inside the script; decode the escapes to read it.
    html = rendered.get_root().render().replace("\\u003c", "<").replace("\\u003e", ">")
    html = html.replace("\\u0027", "'").replace("\\u0026", "&")
    assert html.count("class='route-stop'") == 2
    assert html.count("class='route-end'") == 1  # a round trip: start and end are one marker
    assert "<b>Kronborg</b>" not in html and "&lt;b&gt;Kronborg&lt;/b&gt;" in html
    assert "cdn.jsdelivr" not in html
