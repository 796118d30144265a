"""Which sites are worth a visit on a given round, and why: the planner's input.

A site's value for a round combines how likely people are to be met there on that weekday
during the round's hours (the history's average contacts per week, relative to the best site
that round: 0..1) and a bonus for sites not visited for a while (up to RECENCY_BONUS after
RECENCY_DAYS days; a site never visited gets the full bonus). The chance of meeting someone during a
visit assumes people turn up at the historical hourly rate (a Poisson process):
1 - exp(-rate x dwell).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from opening_hours import OpeningHours

from maps.route_plan import Stop

DWELL_BY_KIND = {"public": 20, "partner": 30, "municipal": 25, "treatment": 15}
RECENCY_DAYS = 30
RECENCY_BONUS = 0.5


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    kind: str
    lat: float
    lon: float
    opening_hours: str


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    expected_contacts: float  # during the round's hours, on average
    hourly_rate: dict[int, float]  # contacts per hour by hour of day, that weekday
    days_since_visit: int | None
    value: float
    windows: tuple[tuple[float, float], ...]  # open, in minutes from the round's start

    def chance_of_meeting(self, at_minute: float, dwell: float, round_start: dt.datetime) -> float:
        hour = (round_start + dt.timedelta(minutes=at_minute)).hour
        rate = self.hourly_rate.get(hour, 0.0)
        return 1 - math.exp(-rate * dwell / 60)


def open_windows(
    opening_hours: str, start: dt.datetime, end: dt.datetime
) -> tuple[tuple[float, float], ...]:
    """Open intervals between start and end, in minutes from start. Danish public holidays
    count as closed where the hours say so ("PH off")."""
    hours = OpeningHours(opening_hours, country="DK")
    windows = []
    for begin, finish, state, _comment in hours.intervals(start, end):
        if str(state).lower() == "open":
            a = max(begin, start)
            b = min(finish or end, end)
            if b > a:
                windows.append(((a - start).total_seconds() / 60, (b - start).total_seconds() / 60))
    return tuple(windows)


def suggest(
    candidates: Sequence[Candidate],
    counts: pd.DataFrame,
    weeks: float,
    last_visit: dict[str, dt.datetime],
    start: dt.datetime,
    end: dt.datetime,
) -> list[Suggestion]:
    """Every candidate with its value for the round, most valuable first."""
    weekday = start.weekday()
    hours = set()
    moment = start.replace(minute=0, second=0, microsecond=0)
    while moment < end:
        hours.add(moment.hour)
        moment += dt.timedelta(hours=1)
    that_day = counts[counts["weekday"] == weekday] if len(counts) else counts
    rows_out = []
    for c in candidates:
        rows = that_day[that_day["site_id"] == c.id] if len(that_day) else that_day
        rate = (
            {int(h): n / weeks for h, n in zip(rows["hour"], rows["contacts"], strict=True)}
            if weeks
            else {}
        )
        expected = sum(rate.get(h, 0.0) for h in hours)
        last = last_visit.get(c.id)
        days = max(0, (start.date() - last.date()).days) if last else None
        rows_out.append((c, expected, rate, days))
    best = max((expected for _, expected, _, _ in rows_out), default=0.0) or 1.0
    out = []
    for c, expected, rate, days in rows_out:
        share = RECENCY_DAYS if days is None else min(days, RECENCY_DAYS)
        recency = RECENCY_BONUS * share / RECENCY_DAYS
        out.append(
            Suggestion(
                candidate=c,
                expected_contacts=expected,
                hourly_rate=rate,
                days_since_visit=days,
                value=round(expected / best + recency, 3),
                windows=open_windows(c.opening_hours, start, end),
            )
        )
    return sorted(out, key=lambda s: (-s.value, s.candidate.name))


def to_stops(
    suggestions: Sequence[Suggestion],
    dwell: dict[str, float],
    must: set[str],
) -> list[Stop]:
    return [
        Stop(
            id=s.candidate.id,
            value=s.value,
            dwell=dwell.get(s.candidate.id, DWELL_BY_KIND.get(s.candidate.kind, 20)),
            windows=s.windows,
            must=s.candidate.id in must,
        )
        for s in suggestions
    ]
