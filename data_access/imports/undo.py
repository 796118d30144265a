"""Undoing a batch (an import, a logged contact): remove what it added, put back what it
changed, keep the persons later batches still use.

Undo either does all of that or nothing: what stands in the way (a later import changed a
course this batch added, or changed again what this batch changed) is found before anything
is touched, and named, so the person knows which batch to undo first.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, or_, select, update

from data_access import audit, schema
from data_access.access import User
from data_access.aggregates import kept_current
from data_access.imports.changes import TABLES, from_text
from data_access.imports.limits import Deadline
from data_access.imports.writing import chunks, serialise

B, X = schema.import_batches, schema.import_changes
P, C, T = schema.persons, schema.outreach_contacts, schema.treatment_courses


class UndoRefused(Exception):
    """`code` is worded by the UI ("undo.<code>"); `batches` are the ones to undo first."""

    def __init__(self, code: str, batches: list[int] | None = None) -> None:
        super().__init__(code, batches)
        self.code = code
        self.batches = sorted(set(batches or []))


@dataclass(frozen=True)
class _Plan:
    courses: list[int]
    persons: list[int]
    changes: list  # this batch's change records


def _later_changes(conn: Connection, batch_id: int, table: str, ids: list[int]) -> set[int]:
    """Batches after this one that changed any of these rows."""
    found: set[int] = set()
    for part in chunks(ids):
        found |= set(
            conn.scalars(
                select(X.c.batch_id)
                .where(X.c.batch_id > batch_id, X.c.table_name == table, X.c.row_id.in_(part))
                .distinct()
            )
        )
    return found


def _plan(conn: Connection, batch_id: int) -> _Plan:
    courses = list(conn.scalars(select(T.c.id).where(T.c.batch_id == batch_id)))
    persons = list(conn.scalars(select(P.c.id).where(P.c.batch_id == batch_id)))
    own = list(conn.execute(select(X).where(X.c.batch_id == batch_id).order_by(X.c.id.desc())))
    blocking = _later_changes(conn, batch_id, "treatment_courses", courses)
    for record in own:
        # A later batch changed the same column again: its change must be undone first.
        blocking |= set(
            conn.scalars(
                select(X.c.batch_id).where(
                    X.c.batch_id > batch_id,
                    X.c.table_name == record.table_name,
                    X.c.row_id == record.row_id,
                    X.c.column_name == record.column_name,
                )
            )
        )
    if blocking:
        raise UndoRefused("later_changes", sorted(blocking))
    for record in own:
        table = TABLES[record.table_name]
        current = conn.scalar(
            select(table.c[record.column_name]).where(table.c.id == record.row_id)
        )
        wanted = from_text(record.table_name, record.column_name, record.new_value)
        if current != wanted:
            raise UndoRefused("changed_since")
    return _Plan(courses, persons, own)


def _users(conn: Connection, person_ids: list[int], batch_id: int) -> dict[int, int | None]:
    """Persons of this batch that rows of other batches still use -> the earliest such batch
    (None when the rows belong to none)."""
    used: dict[int, set[int | None]] = {}
    for part in chunks(person_ids):
        for table in (C, T):
            rows = conn.execute(
                select(table.c.person_id, table.c.batch_id)
                .where(
                    table.c.person_id.in_(part),
                    or_(table.c.batch_id.is_(None), table.c.batch_id != batch_id),
                )
                .distinct()
            )
            for person_id, batch in rows:
                used.setdefault(person_id, set()).add(batch)
    return {p: min((b for b in bs if b is not None), default=None) for p, bs in used.items()}


def undo_batch(engine: Engine, batch_id: int, *, made_by: User | None = None) -> int:
    """Undo one batch; returns the rows removed or restored. Raises UndoRefused (nothing
    changed) when another batch stands in the way. `made_by` (who undoes it) is audited in the
    same transaction."""
    with engine.begin() as conn:
        serialise(conn, Deadline(30))
        # A write first: on SQLite it takes the write lock before anything is checked.
        if not conn.execute(update(B).where(B.c.id == batch_id).values(id=batch_id)).rowcount:
            raise UndoRefused("unknown_batch")
        # Who undid it and whom it concerned, read before the rows go; appended to the audit
        # chain at the end, so its head is locked only for the commit.
        trail = audit.undo_rows(conn, made_by, batch_id) if made_by else []
        with kept_current(conn, batch_id):  # the daily counts, in the same transaction
            done = _undo(conn, batch_id)
        audit.append(conn, trail)
    return done


def _undo(conn: Connection, batch_id: int) -> int:
    """Everything undo_batch does inside its transaction; returns the rows removed or restored."""
    plan = _plan(conn, batch_id)
    users = _users(conn, plan.persons, batch_id)
    dropped = [p for p in plan.persons if p not in users]
    blocking = _later_changes(conn, batch_id, "persons", dropped)
    if blocking:  # a later batch filled in facts of a person that would go
        raise UndoRefused("later_changes", sorted(blocking))
    done = 0
    restored: dict[tuple[str, int], dict[str, object]] = {}
    for record in plan.changes:  # newest first, so the oldest value wins
        restored.setdefault((record.table_name, record.row_id), {})[record.column_name] = from_text(
            record.table_name, record.column_name, record.old_value
        )
    for (name, row_id), values in restored.items():
        # All columns of a row at once: an end and its reason go back together.
        table = TABLES[name]
        conn.execute(update(table).where(table.c.id == row_id).values(values))
    done += len(restored)
    done += conn.execute(delete(C).where(C.c.batch_id == batch_id)).rowcount
    done += conn.execute(delete(T).where(T.c.batch_id == batch_id)).rowcount
    for person_id, first in users.items():
        # Still used by a later batch: the person stays and now belongs to that batch.
        conn.execute(update(P).where(P.c.id == person_id).values(batch_id=first))
    for part in chunks(dropped):
        done += conn.execute(delete(P).where(P.c.id.in_(part))).rowcount
    conn.execute(delete(X).where(X.c.batch_id == batch_id))
    conn.execute(delete(B).where(B.c.id == batch_id))
    return done


def batches(engine: Engine, limit: int = 50) -> pd.DataFrame:
    """The newest batches, with how many rows each changed besides those it added."""
    changed_rows = select(X.c.batch_id, X.c.table_name, X.c.row_id).distinct().subquery()
    changed = (
        select(changed_rows.c.batch_id, func.count().label("changed"))
        .group_by(changed_rows.c.batch_id)
        .subquery()
    )
    query = (
        select(B, func.coalesce(changed.c.changed, 0).label("changed"))
        .outerjoin(changed, changed.c.batch_id == B.c.id)
        .order_by(B.c.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).mappings().all())


def changed_pseudonyms(engine: Engine, batch_id: int) -> list[str]:
    """The persons whose rows one batch changed (the list of its changes names rows, not
    persons: showing it is a look at their data, audited with these)."""
    mine = X.c.batch_id == batch_id  # changes are kept for persons and courses (TABLES)

    def rows_of(table: str):
        return select(X.c.row_id).where(mine, X.c.table_name == table)

    people = (
        select(X.c.row_id.label("person_id"))
        .where(mine, X.c.table_name == "persons")
        .union(select(T.c.person_id).where(T.c.id.in_(rows_of("treatment_courses"))))
    )
    query = select(P.c.pseudonym).where(P.c.id.in_(people)).order_by(P.c.pseudonym)
    with engine.connect() as conn:
        return list(conn.scalars(query))


def changes(engine: Engine, batch_id: int) -> pd.DataFrame:
    """What one batch changed: table, row, column, old and new value."""
    query = (
        select(X.c.table_name, X.c.row_id, X.c.column_name, X.c.old_value, X.c.new_value)
        .where(X.c.batch_id == batch_id)
        .order_by(X.c.id)
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).mappings().all())
