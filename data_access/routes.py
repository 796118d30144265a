"""History the route planner needs: when people are met at each site, and the last visits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access.conditions import C
from data_access.schema import contact_hour_counts, sites
from data_access.sql import end_of_day, weekday_of


@dataclass(frozen=True)
class ContactProfile:
    counts: pd.DataFrame  # site_id, weekday (0 = Monday), hour, contacts
    weeks: float  # weeks of history the counts cover
    last_visit: dict[str, dt.datetime]

    @classmethod
    def none(cls) -> ContactProfile:
        """No history at all: committee mode plans by opening hours and distance only (the
        history would show single visits and contacts)."""
        return cls(pd.DataFrame(columns=["site_id", "weekday", "hour", "contacts"]), 0.0, {})


def contact_profile(engine: Engine, until: dt.date) -> ContactProfile:
    """Contacts per site, weekday and hour over all history up to `until`."""
    h = contact_hour_counts.c
    weekday = weekday_of(h.day, engine.dialect.name).label("weekday")
    # The daily counts: the history's size no longer matters, only its days and sites.
    grid = (
        select(h.site_id, weekday, h.hour, func.sum(h.contacts))
        .where(h.day <= until)
        .group_by(h.site_id, weekday, h.hour)
    )
    before = C.contact_at < end_of_day(until)
    # First and last contact as two subqueries: each one index seek.
    span = select(
        select(func.min(C.contact_at)).where(before).scalar_subquery(),
        select(func.max(C.contact_at)).where(before).scalar_subquery(),
    )
    # One index seek per site for its last visit.
    latest = select(func.max(C.contact_at)).where(C.site_id == sites.c.id, before).scalar_subquery()
    last = select(sites.c.id, latest)
    with engine.connect() as conn:
        counts = pd.DataFrame(
            [(s, int(w), int(hr), int(n)) for s, w, hr, n in conn.execute(grid)],
            columns=["site_id", "weekday", "hour", "contacts"],
        )
        first, latest_visit = conn.execute(span).one()
        last_visit = {
            s: pd.Timestamp(v).to_pydatetime() for s, v in conn.execute(last) if v is not None
        }
    weeks = 0.0
    if first is not None:
        weeks = max(1.0, (pd.Timestamp(latest_visit) - pd.Timestamp(first)).days / 7)
    return ContactProfile(counts=counts, weeks=weeks, last_visit=last_visit)
