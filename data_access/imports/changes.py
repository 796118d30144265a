"""The record of what an import changed in rows it did not add: one row per column, the old
and the new value as text, so undo can put the old one back."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer

from data_access import schema

TABLES = {"persons": schema.persons, "treatment_courses": schema.treatment_courses}


def as_text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def from_text(table: str, column: str, value: str | None) -> object:
    """A recorded value back in its column's type."""
    if value is None:
        return None
    kind = TABLES[table].c[column].type
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    if isinstance(kind, Integer):
        return int(value)
    return value


def change(batch: int, table: str, row_id: int, column: str, old: object, new: object) -> dict:
    return {
        "batch_id": batch,
        "table_name": table,
        "row_id": int(row_id),
        "column_name": column,
        "old_value": as_text(old),
        "new_value": as_text(new),
    }
