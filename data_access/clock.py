"""Local time: the organisation's zone (Europe/Copenhagen unless its file says otherwise).

Times a worker reads or enters (contacts, batches, stamps on files) are local wall-clock
times, stored naive; the audit log alone is kept in UTC. Nothing here reads the server's own
zone: a server in UTC must still show 18:06 at 18:06 in Copenhagen.

What "today" is: the date in that zone, or the date BROBYGGER_TODAY pins. Everything that
counts from today (period presets, waiting days, deadlines, alerts, the demo's end date) asks
here, so tests and demonstrations can pin the date.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from data_access.settings import TODAY

DEFAULT_ZONE = "Europe/Copenhagen"


def zone(name: str | None = None) -> ZoneInfo:
    return ZoneInfo(name or DEFAULT_ZONE)


def local_now(zone_name: str | None = None) -> dt.datetime:
    """The wall-clock time in the organisation's zone, naive, to the second."""
    return dt.datetime.now(zone(zone_name)).replace(tzinfo=None, microsecond=0)


def local_today(zone_name: str | None = None) -> dt.date:
    return local_now(zone_name).date()


def from_utc(moment: dt.datetime, zone_name: str | None = None) -> dt.datetime:
    """A naive UTC time (the audit log's) as naive local time."""
    aware = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment
    return aware.astimezone(zone(zone_name)).replace(tzinfo=None)


def series_from_utc(utc, zone_name: str | None = None):
    """A column of naive UTC times (the audit log's, the alerts') as naive local times; a
    missing time stays missing."""
    import pandas as pd

    stamps = pd.to_datetime(pd.Series(utc))
    return stamps.dt.tz_localize("UTC").dt.tz_convert(zone(zone_name)).dt.tz_localize(None)


# Data whose last recorded day lies this close to today is current: a weekend or a holiday
# without records is not the end of the data, so presets count back from today itself.
CURRENT_DATA_DAYS = 14


def today() -> dt.date:
    """Today in Copenhagen, or the pinned date (raises ValueError naming the setting)."""
    pinned = TODAY.value().strip()
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise ValueError(f"{TODAY.name}={pinned!r} is not a date (YYYY-MM-DD)") from None
    return local_today()


def as_of(extent: tuple[dt.date, dt.date] | None, fallback: dt.date) -> dt.date:
    """The day relative periods count back from: today when the data is current, else the
    last day with data (an archive or a stalled import is shown up to where it ends), never
    beyond today; `fallback` when there is no data at all."""
    now = today()
    if extent is None:
        return min(fallback, now)
    last = min(extent[1], now)
    return now if (now - last).days <= CURRENT_DATA_DAYS else last
