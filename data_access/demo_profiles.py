"""What the demo data looks like: when and where people are met (hours and popularity by site
kind and site, the seasons), and each department's caseload profile (requests, waiting, ages,
substances, referral sources, end reasons). data_access/demo.py draws the data from these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from data_access.organisation import Site

# Hour-of-day weights by site kind (index = hour). Public places peak in the afternoon/evening.
_PUBLIC_HOURS = [0] * 10 + [2, 3, 4, 5, 7, 9, 10, 10, 9, 8, 6, 4, 2, 0]


_DAYTIME_HOURS = [0] * 9 + [3, 6, 8, 8, 7, 6, 4, 2, 0, 0, 0, 0, 0, 0, 0]


_EVENING_HOURS = [0] * 20 + [6, 5, 3, 0]


HOUR_WEIGHTS_BY_KIND = {
    "public": _PUBLIC_HOURS,
    "partner": _DAYTIME_HOURS,
    "municipal": _DAYTIME_HOURS,
    "treatment": _DAYTIME_HOURS,
}


# Demo knowledge of particular Helsingør places; other organisations use the kind defaults.
HOUR_WEIGHTS_BY_SITE = {
    "kronborg": [0] * 10 + [4, 6, 8, 8, 8, 7, 6, 4, 2, 1, 0, 0, 0, 0],
    "vor-frue-kloster": [0] * 10 + [5, 7, 8, 8, 7, 6, 5, 3, 1, 0, 0, 0, 0, 0],
    "vinternatherberget": _EVENING_HOURS,
}


POPULARITY_BY_KIND = {"public": 3.0, "partner": 2.0, "municipal": 1.5, "treatment": 0.0}


POPULARITY_BY_SITE = {"helsingor-station": 6.0, "vinternatherberget": 1.0}


# New persons a day after the project period, as a share of the project's pace.
ORDINARY_PACE = 0.6


def season_weight(site: Site, day: dt.date) -> float:
    """Campsites are lived in from May to September; few stay there in winter."""
    if "camping" in site.id or "camping" in site.name.lower():
        return 1.0 if 5 <= day.month <= 9 else 0.08
    return 1.0


@dataclass(frozen=True)
class DepartmentProfile:
    requests_per_year: float
    median_days: float
    breach_share: float
    group_share: float
    male_share: float
    age_range: tuple[int, int]
    substances: dict[str, float]


PROFILES = {
    "stof": DepartmentProfile(
        135,
        210,
        0.12,
        0.35,
        0.75,
        (18, 60),
        {
            "cannabis": 53,
            "opioids": 12,
            "cocaine": 18,
            "amphetamine": 10,
            "benzodiazepines": 4,
            "other": 3,
        },
    ),
    "alkohol": DepartmentProfile(110, 160, 0.08, 0.40, 0.65, (25, 78), {"alcohol": 100}),
    "unge": DepartmentProfile(
        36,
        130,
        0.18,
        0.10,
        0.65,
        (15, 24),
        {"cannabis": 75, "cocaine": 10, "alcohol": 8, "other": 7},
    ),
}


DEFAULT_PROFILE = DepartmentProfile(50, 160, 0.12, 0.30, 0.65, (18, 65), {"other": 100})


OUTREACH_SUBSTANCES = {
    "opioids": 35,
    "cocaine": 20,
    "alcohol": 20,
    "cannabis": 15,
    "amphetamine": 10,
}


REFERRAL_SOURCES = {
    "self": 45,
    "gp": 20,
    "social_services": 17,
    "hospital": 8,
    "relatives": 6,
    "other": 4,
}


END_REASONS = {"completed": 45, "reduced": 30, "transferred": 15, "other": 10}


CONTACT_TYPE_WEIGHTS = {"conversation": 50, "brief": 35, "accompaniment": 8, "phone": 7}
