"""The audit log: every look at person data and every write, with who did it.

Rows are written with `record` on the connection of the write they describe, so a contact, an
import or an undo and its audit row commit or roll back together; looks and exports use `write`
(their own short transaction). The table is append-only (triggers in data_access/schema.py);
`prune` is the one controlled way to delete rows, older than the retention, and it audits
itself.

    .venv/bin/python -m data_access.audit prune [--days N] [--url URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select

from data_access import schema
from data_access.access import Page, User, cli_user
from data_access.filters import Filters
from data_access.settings import AUDIT_RETENTION_DAYS

AuditAction = Literal[
    "login",
    "logout",
    "denied",  # a page, action or the whole app refused
    "view",  # person-level data shown (object: page, pseudonyms)
    "export",  # person rows or the audit log downloaded
    "import",
    "undo_import",
    "contact_logged",
    "contact_undone",
    "brief",
    "audit_extract",  # the right-of-access extract for one pseudonym
    "prune",  # old audit rows removed by the retention command
    "login_failed",  # a login that did not prove who it was (a tampered or invalid cookie)
    "login_refused",  # a proven login no longer valid (its token expired, it was logged out)
    "search",  # a search for persons or in the log, with its terms (detail; pseudonym named)
]
AUDIT_ACTIONS: tuple[AuditAction, ...] = get_args(AuditAction)
A = schema.audit_log.c


def now_utc() -> dt.datetime:
    """Naive UTC: the audit log's clock (both databases compare it as stored)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def filters_json(f: Filters | None, **extra: object) -> str | None:
    if f is None and not extra:
        return None
    values: dict[str, object] = {}
    if f is not None:
        values = {
            "from": f.start.isoformat(),
            "to": f.end.isoformat(),
            "departments": list(f.departments),
            "sites": list(f.sites),
            "kinds": list(f.site_kinds),
        }
    values.update(extra)
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def record(
    conn: Connection,
    user: User,
    action: AuditAction,
    *,
    page: Page | str | None = None,
    batch_id: int | None = None,
    pseudonyms: Iterable[str | None] = (),
    filters: Filters | None = None,
    detail: str | None = None,
    client: str | None = None,
    at: dt.datetime | None = None,
) -> int:
    """Append audit rows on `conn` (inside the caller's transaction): one per pseudonym shown
    or changed, so the extract for one person finds every look; one row when none is."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    base = {
        "at_utc": at or now_utc(),
        "subject": user.subject,
        "email": user.email,
        "role": user.role,
        "action": action,
        "page": page,
        "batch_id": batch_id,
        "filters": filters_json(filters),
        "detail": detail,
        "client": client,
    }
    people = sorted({p for p in pseudonyms if p})
    rows = [{**base, "pseudonym": p} for p in people] or [{**base, "pseudonym": None}]
    for start in range(0, len(rows), 1000):
        conn.execute(insert(schema.audit_log), rows[start : start + 1000])
    return len(rows)


def record_undo(conn: Connection, user: User, batch_id: int) -> None:
    """Audit the undo of a batch before its rows go: a form entry is a contact undone, any
    other batch an undone import; the persons whose rows it held are named."""
    batches, contacts, courses, persons = (
        schema.import_batches.c,
        schema.outreach_contacts.c,
        schema.treatment_courses.c,
        schema.persons.c,
    )
    batch = conn.execute(
        select(batches.source, batches.file_name, batches.row_count).where(batches.id == batch_id)
    ).first()
    in_contacts = select(contacts.person_id).where(
        contacts.batch_id == batch_id, contacts.person_id.is_not(None)
    )
    in_courses = select(courses.person_id).where(courses.batch_id == batch_id)
    people = conn.scalars(
        select(persons.pseudonym).where(
            persons.id.in_(in_contacts.union(in_courses)) | (persons.batch_id == batch_id)
        )
    ).all()
    source = batch.source if batch else None
    record(
        conn,
        user,
        "contact_undone" if source == "form" else "undo_import",
        page="data",
        batch_id=batch_id,
        pseudonyms=people,
        detail=f"{source}: {batch.row_count} rows {batch.file_name or ''}".strip()
        if batch
        else "no such batch",
    )


def write(engine: Engine, user: User, action: AuditAction, **fields: object) -> int:
    """`record` in a transaction of its own (looks, exports, logins: nothing else is written)."""
    with engine.begin() as conn:
        return record(conn, user, action, **fields)  # type: ignore[arg-type]


def has_login(engine: Engine, user: User) -> bool:
    """Whether this login (subject and the token's issue time) is already in the log, so a
    second tab or a reconnect is not counted as another login."""
    query = select(func.count()).where(
        A.action == "login", A.subject == user.subject, A.detail == _login_detail(user)
    )
    with engine.connect() as conn:
        return bool(conn.scalar(query))


def _login_detail(user: User) -> str:
    return f"iat={user.issued_at}" if user.issued_at is not None else "iat=unknown"


def record_login(engine: Engine, user: User, client: str | None = None) -> bool:
    """Audit a login once per ID token; True when a row was written."""
    if has_login(engine, user):
        return False
    write(engine, user, "login", detail=_login_detail(user), client=client)
    return True


@dataclass(frozen=True)
class LogQuery:
    """The audit page's filters (all optional)."""

    start: dt.date | None = None
    end: dt.date | None = None
    actions: tuple[str, ...] = ()
    who: str | None = None  # part of a subject or an e-mail address
    pseudonym: str | None = None
    limit: int = 5000


def read(engine: Engine, q: LogQuery) -> pd.DataFrame:
    """Audit rows, newest first (the dates are UTC days)."""
    query = select(schema.audit_log).order_by(A.at_utc.desc(), A.id.desc()).limit(q.limit)
    if q.start:
        query = query.where(A.at_utc >= dt.datetime.combine(q.start, dt.time()))
    if q.end:
        query = query.where(A.at_utc < dt.datetime.combine(q.end + dt.timedelta(days=1), dt.time()))
    if q.actions:
        query = query.where(A.action.in_(q.actions))
    if q.who:
        pattern = f"%{q.who.lower()}%"
        query = query.where(func.lower(A.subject).like(pattern) | func.lower(A.email).like(pattern))
    if q.pseudonym:
        query = query.where(A.pseudonym == q.pseudonym.strip().upper())
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=[c.name for c in schema.audit_log.columns])


def extract(engine: Engine, pseudonym: str) -> pd.DataFrame:
    """When and why one person's data was looked at or changed: date (UTC), action and page,
    without the staff behind it (the right of access as the CJEU read it in C-579/21)."""
    query = (
        select(A.at_utc, A.action, A.page)
        .where(A.pseudonym == pseudonym.strip().upper())
        .order_by(A.at_utc, A.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=["at_utc", "action", "page"])


def retention_days() -> int:
    value = AUDIT_RETENTION_DAYS.value()
    try:
        days = int(value)
    except ValueError:
        raise ValueError(f"{AUDIT_RETENTION_DAYS.name}={value!r} is not a number of days") from None
    if days < 1:
        raise ValueError(f"{AUDIT_RETENTION_DAYS.name} must be at least 1 day")
    return days


def prune(engine: Engine, user: User, days: int, now: dt.datetime | None = None) -> int:
    """Delete audit rows older than `days` and audit that it was done, in one transaction.

    The delete passes the triggers only through a permit row (the cutoff) that exists inside
    this transaction alone: no other connection ever sees it, and it is gone at commit.
    """
    if days < 1:
        raise ValueError("the retention must be at least 1 day")
    now = now or now_utc()
    cutoff = now - dt.timedelta(days=days)
    permits = schema.audit_prune_permits
    with engine.begin() as conn:
        permit = conn.execute(insert(permits).values(cutoff_utc=cutoff)).inserted_primary_key[0]
        removed = conn.execute(delete(schema.audit_log).where(A.at_utc < cutoff)).rowcount
        conn.execute(delete(permits).where(permits.c.id == permit))
        record(
            conn,
            user,
            "prune",
            detail=json.dumps({"removed": removed, "before_utc": cutoff.isoformat(), "days": days}),
            at=now,
        )
    return int(removed)


def main(argv: list[str] | None = None) -> int:
    from data_access.db import create_engine_for, create_schema, resolve_url, secrets_file_url

    parser = argparse.ArgumentParser(description="The Brobygger audit log.")
    commands = parser.add_subparsers(dest="command", required=True)
    pruning = commands.add_parser("prune", help="delete rows older than the retention")
    pruning.add_argument("--days", type=int, help=f"default: {AUDIT_RETENTION_DAYS.name}")
    pruning.add_argument("--url", help="database URL (default: the app's configured database)")
    args = parser.parse_args(argv)
    try:
        days = args.days if args.days is not None else retention_days()
        engine = create_engine_for(args.url or resolve_url(secrets_file_url()))
        create_schema(engine)
        removed = prune(engine, cli_user(), days)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"Audit rows older than {days} days removed: {removed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
