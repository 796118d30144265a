"""History the route planner needs: when people are met at each site, and the last visits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access.conditions import C
from data_access.sql import end_of_day, hour_of, weekday_of


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
    dialect = engine.dialect.name
    weekday = weekday_of(C.contact_at, dialect).label("weekday")
    hour = hour_of(C.contact_at, dialect).label("hour")
    before = C.contact_at < end_of_day(until)
    grid = (
        select(C.site_id, weekday, hour, func.count())
        .where(before)
        .group_by(C.site_id, weekday, hour)
    )
    span = select(func.min(C.contact_at), func.max(C.contact_at)).where(before)
    last = select(C.site_id, func.max(C.contact_at)).where(before).group_by(C.site_id)
    with engine.connect() as conn:
        counts = pd.DataFrame(
            [(s, int(w), int(h), int(n)) for s, w, h, n in conn.execute(grid)],
            columns=["site_id", "weekday", "hour", "contacts"],
        )
        first, latest = conn.execute(span).one()
        last_visit = {s: pd.Timestamp(v).to_pydatetime() for s, v in conn.execute(last)}
    weeks = 0.0
    if first is not None:
        weeks = max(1.0, (pd.Timestamp(latest) - pd.Timestamp(first)).days / 7)
    return ContactProfile(counts=counts, weeks=weeks, last_visit=last_visit)
