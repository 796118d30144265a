"""Travel times between points: from an OSRM-compatible routing server when one is configured
and answers, otherwise estimated from great-circle distance.

The estimate: distance along the earth's surface (haversine) times a detour factor, because
streets are not straight lines, at a typical speed for the mode (documented in MODES). A car
also pays a fixed overhead per leg for parking and walking to the door.
"""

from __future__ import annotations

import json
import math
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

Mode = Literal["walk", "bike", "car"]


@dataclass(frozen=True)
class ModeProfile:
    speed_kmh: float
    detour: float  # street distance / straight-line distance
    overhead_min: float  # per leg (parking, locking the bike)
    osrm_profile: str


MODES: dict[str, ModeProfile] = {
    "walk": ModeProfile(speed_kmh=4.5, detour=1.3, overhead_min=0.0, osrm_profile="foot"),
    "bike": ModeProfile(speed_kmh=14.0, detour=1.25, overhead_min=1.0, osrm_profile="bike"),
    "car": ModeProfile(speed_kmh=30.0, detour=1.35, overhead_min=4.0, osrm_profile="driving"),
}
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class TravelMatrix:
    minutes: np.ndarray
    km: np.ndarray
    source: Literal["osrm", "estimate"]
    note: str = ""  # why the estimate was used, when a server was configured


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def estimate(points: Sequence[tuple[float, float]], mode: Mode) -> TravelMatrix:
    profile = MODES[mode]
    n = len(points)
    km = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if i != j:
                km[i, j] = haversine_km(points[i], points[j]) * profile.detour
    minutes = km / profile.speed_kmh * 60 + np.where(km > 0, profile.overhead_min, 0.0)
    return TravelMatrix(minutes=minutes, km=km, source="estimate")


class RoutingError(RuntimeError):
    """The routing server could not be used (not reachable, an error, or a bad answer)."""


def osrm(
    points: Sequence[tuple[float, float]], mode: Mode, base_url: str, timeout: float = 3.0
) -> TravelMatrix:
    """Durations and distances from an OSRM `table` service."""
    coordinates = ";".join(f"{lon:.6f},{lat:.6f}" for lat, lon in points)
    url = (
        f"{base_url.rstrip('/')}/table/v1/{MODES[mode].osrm_profile}/{coordinates}"
        "?annotations=duration,distance"
    )
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            answer = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        # OSRM explains errors in a JSON body (e.g. 400 InvalidQuery); read it, then close.
        with exc:
            try:
                answer = json.loads(exc.read().decode("utf-8"))
            except ValueError:
                raise RoutingError(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise RoutingError(str(exc)) from exc
    if answer.get("code") != "Ok":
        raise RoutingError(f"server answered {answer.get('code')}: {answer.get('message', '')}")
    try:
        seconds = np.array(answer["durations"], dtype=float)
        meters = np.array(answer["distances"], dtype=float)
    except (KeyError, TypeError, ValueError) as exc:
        raise RoutingError(f"unexpected answer: {exc}") from exc
    n = len(points)
    if seconds.shape != (n, n) or meters.shape != (n, n) or np.isnan(seconds).any():
        raise RoutingError("the answer does not cover every pair of points")
    return TravelMatrix(minutes=seconds / 60, km=meters / 1000, source="osrm")


def travel_matrix(
    points: Sequence[tuple[float, float]], mode: Mode, osrm_url: str | None
) -> TravelMatrix:
    """The routing server's times when configured and answering; otherwise the estimate, with a
    note saying why."""
    if not osrm_url:
        return estimate(points, mode)
    try:
        return osrm(points, mode, osrm_url)
    except RoutingError as exc:
        fallback = estimate(points, mode)
        return TravelMatrix(fallback.minutes, fallback.km, "estimate", note=str(exc))
