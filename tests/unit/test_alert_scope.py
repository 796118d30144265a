"""The alerts page follows the sidebar's department and site filters (issue 29: the
department filter silently did not apply): data_access/alerts/store.in_scope."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data_access.alerts.store import in_scope
from data_access.filters import Filters

FRAME = pd.DataFrame(
    {
        "rule": ["breach", "deadline", "site", "quiet", "pace"],
        "department": ["stof", "alkohol", None, None, None],
        "site": [None, None, "kronborg", "stubben", None],
    }
)
PERIOD = {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)}


def _rules(f: Filters, org) -> list[str]:
    return in_scope(FRAME, f, org)["rule"].tolist()


def test_without_filters_every_alert(helsingor):
    assert _rules(Filters(**PERIOD), helsingor) == FRAME["rule"].tolist()


def test_a_department_keeps_its_own_alerts_and_those_about_no_department(helsingor):
    assert _rules(Filters(**PERIOD, departments=("stof",)), helsingor) == [
        "breach",
        "site",
        "quiet",
        "pace",
    ]


def test_sites_and_site_kinds_keep_their_sites_and_the_alerts_about_no_site(helsingor):
    assert _rules(Filters(**PERIOD, sites=("kronborg",)), helsingor) == [
        "breach",
        "deadline",
        "site",
        "pace",
    ]
    kinds = {s.id: s.kind for s in helsingor.sites}
    kept = _rules(Filters(**PERIOD, site_kinds=(kinds["stubben"],)), helsingor)
    assert "quiet" in kept and ("site" in kept) == (kinds["kronborg"] == kinds["stubben"])
