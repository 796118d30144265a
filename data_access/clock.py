"""What "today" is: the date in Europe/Copenhagen, or the date BROBYGGER_TODAY pins.

Everything that counts from today (period presets, waiting days, deadlines, alerts, the demo's
end date) asks here, so tests and demonstrations can pin the date and get the same answers on
any day.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from data_access.settings import TODAY

LOCAL_ZONE = ZoneInfo("Europe/Copenhagen")
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
    return dt.datetime.now(LOCAL_ZONE).date()


def as_of(extent: tuple[dt.date, dt.date] | None, fallback: dt.date) -> dt.date:
    """The day relative periods count back from: today when the data is current, else the
    last day with data (an archive or a stalled import is shown up to where it ends), never
    beyond today; `fallback` when there is no data at all."""
    now = today()
    if extent is None:
        return min(fallback, now)
    last = min(extent[1], now)
    return now if (now - last).days <= CURRENT_DATA_DAYS else last
