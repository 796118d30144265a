"""Small SQL building blocks that differ between SQLite and PostgreSQL.

DuckDB (the benchmark's peer engine, bench/duckdb_peer.py) speaks PostgreSQL's SQL through
duckdb_engine except for to_char, which it spells strftime: `_as_text` is where that differs.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, cast, func
from sqlalchemy.sql.elements import ColumnElement

from data_access.filters import Grain


def bucket_start(column: ColumnElement, grain: Grain, dialect: str) -> ColumnElement:
    """First day of the week (Monday) or month of a date or datetime column, as 'YYYY-MM-DD'."""
    if dialect == "sqlite":
        if grain == "month":
            return func.strftime("%Y-%m-01", column)
        if grain == "quarter":
            month = cast(func.strftime("%m", column), Integer)
            back = func.printf("-%d months", (month - 1) % 3)
            return func.date(column, "start of month", back)
        return func.date(column, "weekday 0", "-6 days")
    return _as_text(func.date_trunc(grain, column), dialect)


def _as_text(day: ColumnElement, dialect: str) -> ColumnElement:
    """A date or datetime as 'YYYY-MM-DD' text (PostgreSQL, DuckDB)."""
    if dialect == "duckdb":
        return func.strftime(day, "%Y-%m-%d")
    return func.to_char(day, "YYYY-MM-DD")


def days_between(later: ColumnElement, earlier: ColumnElement, dialect: str) -> ColumnElement:
    """Whole days from `earlier` to `later` (both dates)."""
    if dialect == "sqlite":
        return cast(func.julianday(later) - func.julianday(earlier), Integer)
    return cast(later, Date) - cast(earlier, Date)


def end_of_day(day: dt.date) -> dt.datetime:
    """Exclusive upper bound for datetimes on or before `day`."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


def as_date(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def weekday_of(column: ColumnElement, dialect: str) -> ColumnElement:
    """Day of the week, Monday = 0 ... Sunday = 6."""
    if dialect == "sqlite":
        return (cast(func.strftime("%w", column), Integer) + 6) % 7
    return cast(func.extract("isodow", column), Integer) - 1


def hour_of(column: ColumnElement, dialect: str) -> ColumnElement:
    if dialect == "sqlite":
        return cast(func.strftime("%H", column), Integer)
    return cast(func.extract("hour", column), Integer)


def date_of(column: ColumnElement, dialect: str) -> ColumnElement:
    """The date part of a datetime column, as a date (stored as 'YYYY-MM-DD' text in SQLite)."""
    if dialect == "sqlite":
        return func.date(column, type_=Date)
    return cast(column, Date)


def year_of(column: ColumnElement, dialect: str) -> ColumnElement:
    if dialect == "sqlite":
        return cast(func.strftime("%Y", column), Integer)
    return cast(func.extract("year", column), Integer)


def day_of(column: ColumnElement, dialect: str) -> ColumnElement:
    """The date part of a datetime column, as 'YYYY-MM-DD'."""
    if dialect == "sqlite":
        return func.date(column)
    return _as_text(column, dialect)
