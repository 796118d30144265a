"""The server side's own engine, for what it writes outside any script run (a failed login's
audit row): Streamlit's cached connection (data_access/cached.py) belongs to script runs."""

from __future__ import annotations

import functools

from sqlalchemy import Engine


@functools.cache
def engine() -> Engine:
    from data_access import cached
    from data_access.db import create_engine_for

    return create_engine_for(cached.database_url())
