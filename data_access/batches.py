"""Batches as people act on them: who made each, what undoing one would remove (shown before
the confirmation), the contacts a worker logged themselves, and undo under the role rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Engine, func, or_, select

from data_access import imports, schema
from data_access.access import User

B = schema.import_batches.c
C = schema.outreach_contacts.c
T = schema.treatment_courses.c
P = schema.persons.c
X = schema.import_changes.c


class NotYours(PermissionError):
    """An undo of a batch the user may not undo (someone else's entry, or an import)."""


@dataclass(frozen=True)
class UndoPreview:
    batch_id: int
    source: str
    file_name: str | None
    created_at: dt.datetime
    made_by: str | None
    contacts: int
    courses: int
    persons: int  # persons added by the batch that nothing else refers to
    restored: int = 0  # rows the batch updated (a later export of a course): set back


def preview_undo(engine: Engine, batch_id: int) -> UndoPreview | None:
    """What `imports.undo_batch` would remove, counted the same way; None: no such batch."""
    with engine.connect() as conn:
        batch = conn.execute(select(schema.import_batches).where(B.id == batch_id)).first()
        if batch is None:
            return None
        contacts = conn.scalar(select(func.count()).where(C.batch_id == batch_id))
        courses = conn.scalar(select(func.count()).where(T.batch_id == batch_id))
        persons = _persons_only_in(conn, batch_id)
        changed = select(X.table_name, X.row_id).where(X.batch_id == batch_id).distinct().subquery()
        restored = conn.scalar(select(func.count()).select_from(changed))
    return UndoPreview(
        batch_id=batch_id,
        source=batch.source,
        file_name=batch.file_name,
        created_at=batch.created_at,
        made_by=batch.made_by,
        contacts=int(contacts or 0),
        courses=int(courses or 0),
        persons=int(persons or 0),
        restored=int(restored or 0),
    )


def _other_batches(column: ColumnElement, batch_id: int) -> ColumnElement:
    """Rows of any other batch, or of none: two ranges and NULL, each an index search."""
    return or_(column < batch_id, column > batch_id, column.is_(None))


def _persons_only_in(conn: Connection, batch_id: int) -> int:
    """The batch's persons that no contact or course of another batch refers to (undo
    removes them), counted the cheaper of two equal ways: per person of the batch, a search
    of the person-leading indexes (a form contact: one person); or the batch's persons less
    those the other batches' rows refer to (the demo or a first full import: a million persons
    and next to nothing else, where a search per person took 2 s at benchmark scale 1000)."""
    in_batch = int(conn.scalar(select(func.count()).where(P.batch_id == batch_id)) or 0)
    if in_batch == 0:
        return 0
    elsewhere = (
        select(C.person_id.label("person_id"))
        .where(_other_batches(C.batch_id, batch_id), C.person_id.is_not(None))
        .union(select(T.person_id).where(_other_batches(T.batch_id, batch_id)))
    )
    outside = sum(
        int(conn.scalar(select(func.count()).where(_other_batches(column, batch_id))) or 0)
        for column in (C.batch_id, T.batch_id)
    )
    if outside < in_batch:
        referred = select(func.count()).where(
            P.batch_id == batch_id, P.id.in_(select(elsewhere.subquery().c.person_id))
        )
        return in_batch - int(conn.scalar(referred) or 0)
    other_contact = select(C.id).where(C.person_id == P.id, C.batch_id.is_distinct_from(batch_id))
    other_course = select(T.id).where(T.person_id == P.id, T.batch_id.is_distinct_from(batch_id))
    query = select(func.count()).where(
        P.batch_id == batch_id, ~other_contact.exists(), ~other_course.exists()
    )
    return int(conn.scalar(query) or 0)


def own_entries(engine: Engine, user: User, limit: int = 10) -> pd.DataFrame:
    """The user's latest contacts from the form (site and time; no pseudonyms): the entries
    they may undo themselves."""
    query = (
        select(
            B.id.label("batch_id"),
            schema.sites.c.name.label("site"),
            C.contact_at,
            C.contact_type,
            C.outcome,
        )
        .select_from(
            schema.import_batches.join(schema.outreach_contacts, C.batch_id == B.id).join(
                schema.sites, schema.sites.c.id == C.site_id
            )
        )
        .where(B.source == "form", B.made_by == user.subject)
        .order_by(B.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=["batch_id", "site", "contact_at", "contact_type", "outcome"])


def undo(engine: Engine, user: User, batch_id: int) -> int:
    """Undo a batch if the role allows it: an admin any batch, staff their own form entries.

    The check is here, on the server side of every undo, not only in which buttons are shown.
    """
    with engine.connect() as conn:
        batch = conn.execute(select(B.source, B.made_by).where(B.id == batch_id)).first()
    if batch is None:
        raise LookupError(f"batch {batch_id} does not exist")
    own_entry = batch.source == "form" and batch.made_by == user.subject
    if not (user.may("undo_import") or (own_entry and user.may("undo_own_contact"))):
        raise NotYours(f"batch {batch_id}")
    return imports.undo_batch(engine, batch_id, made_by=user)


def history(engine: Engine, limit: int = 50) -> pd.DataFrame:
    """The latest batches with who made them (the e-mail from their audit row when known) and
    how many rows each changed besides those it added."""
    made = (
        select(schema.audit_log.c.batch_id, func.max(schema.audit_log.c.email).label("email"))
        .where(schema.audit_log.c.action.in_(("import", "contact_logged")))
        .group_by(schema.audit_log.c.batch_id)
        .subquery()
    )
    changed_rows = select(X.batch_id, X.table_name, X.row_id).distinct().subquery()
    changed = (
        select(changed_rows.c.batch_id, func.count().label("changed"))
        .group_by(changed_rows.c.batch_id)
        .subquery()
    )
    query = (
        select(
            B.id,
            B.source,
            B.file_name,
            B.row_count,
            func.coalesce(changed.c.changed, 0).label("changed"),
            B.created_at,
            B.note,
            func.coalesce(made.c.email, B.made_by).label("made_by"),
        )
        .select_from(
            schema.import_batches.outerjoin(made, made.c.batch_id == B.id).outerjoin(
                changed, changed.c.batch_id == B.id
            )
        )
        .order_by(B.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "source",
            "file_name",
            "row_count",
            "changed",
            "created_at",
            "note",
            "made_by",
        ],
    )
