"""Local time: the organisation's zone (Europe/Copenhagen unless its file says otherwise).

Times a worker reads or enters (contacts, batches, stamps on files) are local wall-clock
times, stored naive; the audit log alone is kept in UTC. Nothing here reads the server's own
zone: a server in UTC must still show 18:06 at 18:06 in Copenhagen.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

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
