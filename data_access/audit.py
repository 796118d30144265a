"""The audit log: every look at person data and every write, with who did it.

Rows are written with `record` on the connection of the write they describe, so a contact, an
import or an undo and its audit row commit or roll back together; looks and exports use `write`
(their own short transaction). Every row is chained to the one before it by a keyed hash
(data_access/audit_chain.py), and `verify` walks the chain. The table is append-only (triggers
in data_access/schema.py; on PostgreSQL with an owner role the app's role cannot change it at
all); `prune` is the one controlled way to delete rows: the oldest ones, never fewer days than
MINIMUM_RETENTION_DAYS, and its own row records what it removed so the chain still verifies.

    .venv/bin/python -m data_access.audit verify [--url URL] [--head ID:HASH]
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
from sqlalchemy import Connection, Engine, delete, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from data_access import audit_chain, audit_verify, schema
from data_access.access import Page, User, cli_user
from data_access.audit_verify import VerifyResult
from data_access.filters import Filters
from data_access.settings import AUDIT_RETENTION_DAYS, DATABASE_OWNER_URL

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
    # a login that did not prove who it was: a failed callback at the provider (the reason in
    # detail), a tampered or invalid login cookie
    "login_failed",
    "login_refused",  # a proven login no longer valid (its token expired, it was logged out)
    "search",  # a search for persons or in the log, with its terms (detail; pseudonym named)
]
AUDIT_ACTIONS: tuple[AuditAction, ...] = get_args(AuditAction)
A = schema.audit_log.c
# The columns a reader sees (the chain's own columns are for verify).
CONTENT_COLUMNS = ("id", *audit_chain.CONTENT)

# No retention below a year, whatever is configured or asked: Datatilsynet's guidance points to
# keeping such logs for at least six months, and a year covers a whole annual audit cycle and a
# right-of-access request about last year. The default (BROBYGGER_AUDIT_RETENTION_DAYS) is two.
MINIMUM_RETENTION_DAYS = 365


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


def rows_for(
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
) -> list[dict[str, object]]:
    """The rows `record` appends (content only): one per pseudonym shown or changed, so the
    extract for one person finds every look; one row when none is."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    at = at or now_utc()
    if at.tzinfo is not None:  # the log keeps naive UTC
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    base = {
        "at_utc": at,
        "subject": user.subject,
        "email": user.email,
        "role": user.role,
        "action": action,
        "page": page,
        "batch_id": int(batch_id) if batch_id is not None else None,
        "filters": filters_json(filters),
        "detail": detail,
        "client": client,
    }
    people = sorted({p for p in pseudonyms if p})
    return [{**base, "pseudonym": p} for p in people] or [{**base, "pseudonym": None}]


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
    """Append audit rows on `conn` (inside the caller's transaction), chained: one per
    pseudonym shown or changed, one row when none is. Call it at the end of a write: from
    here to the commit the chain's head is locked against other appends."""
    rows = rows_for(
        user,
        action,
        page=page,
        batch_id=batch_id,
        pseudonyms=pseudonyms,
        filters=filters,
        detail=detail,
        client=client,
        at=at,
    )
    return len(append(conn, rows))


def append(conn: Connection, rows: list[dict[str, object]]) -> list[int]:
    """Chain prepared rows (`rows_for`, `undo_rows`) onto the log; their ids."""
    return audit_chain.append(conn, rows)


def record_undo(conn: Connection, user: User, batch_id: int) -> None:
    """Audit the undo of a batch: a form entry is a contact undone, any other batch an undone
    import; the persons whose rows it held are named (call it before the rows go)."""
    append(conn, undo_rows(conn, user, batch_id))


def undo_rows(conn: Connection, user: User, batch_id: int) -> list[dict[str, object]]:
    """The rows `record_undo` appends, read before the batch's rows go; undo appends them at
    its end, so the chain's head is locked only for the last moment of the undo."""
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
    return rows_for(
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
    columns = [A[name] for name in CONTENT_COLUMNS]
    query = select(*columns).order_by(A.at_utc.desc(), A.id.desc()).limit(q.limit)
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
    return pd.DataFrame(rows, columns=list(CONTENT_COLUMNS))


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


class PruneRefused(ValueError):
    """A prune that would remove too much, or evidence: nothing was removed."""


def check_days(days: int, name: str = "the retention") -> int:
    if days < MINIMUM_RETENTION_DAYS:
        raise PruneRefused(
            f"{name} is {days} days; audit rows are kept at least {MINIMUM_RETENTION_DAYS} days"
        )
    return days


def retention_days() -> int:
    value = AUDIT_RETENTION_DAYS.value()
    try:
        days = int(value)
    except ValueError:
        raise ValueError(f"{AUDIT_RETENTION_DAYS.name}={value!r} is not a number of days") from None
    return check_days(days, AUDIT_RETENTION_DAYS.name)


def verify(engine: Engine, after: VerifyResult | None = None) -> VerifyResult:
    """Walk the chain (data_access/audit_verify.verify): intact, or the first break."""
    return audit_verify.verify(engine, after=after)


def prune(engine: Engine, user: User, days: int, now: dt.datetime | None = None) -> int:
    """Delete the oldest audit rows, those older than `days` (at least MINIMUM_RETENTION_DAYS),
    and audit that it was done, in one transaction; returns the rows removed.

    Only a prefix of the chain goes: the rows before the first one that is `days` old or
    younger (a row written out of time order waits for the rows before it). The prune's own
    row records the ids removed, how many, the cutoff and the hash of the last row removed, so
    verify can check that the first row left continues from it. Refused, with nothing removed,
    while the rows it would remove hold a break in the chain (the evidence would go with them).
    The delete passes the triggers only through a permit row that exists inside this
    transaction alone; on PostgreSQL with an owner role only the owner may do it.
    """
    check_days(days)
    now = now or now_utc()
    cutoff = now - dt.timedelta(days=days)
    _may_prune(engine)
    found = verify(engine)
    permits = schema.audit_prune_permits
    with engine.begin() as conn:
        audit_chain.lock_head(conn)  # no append in between: the prefix and its end stay put
        keep = conn.scalar(select(A.id).where(A.at_utc >= cutoff).order_by(A.id).limit(1))
        prefix = A.id < keep if keep is not None else A.id.is_not(None)
        first, last, count = conn.execute(
            select(func.min(A.id), func.max(A.id), func.count()).where(prefix)
        ).one()
        if found.problem is not None and last is not None and found.problem.row_id <= last:
            raise PruneRefused(
                f"the chain is broken in the rows a prune would remove ({found.line()}); "
                "nothing was removed"
            )
        record_values: dict[str, object] = {"removed": 0, "before_utc": cutoff.isoformat()}
        if count:
            last_hash = conn.scalar(select(A.row_hash).where(A.id == last))
            permit = conn.execute(insert(permits).values(cutoff_utc=cutoff)).inserted_primary_key[0]
            removed = conn.execute(
                delete(schema.audit_log).where(prefix, A.at_utc < cutoff)
            ).rowcount
            conn.execute(delete(permits).where(permits.c.id == permit))
            if removed != count:  # pragma: no cover - the prefix is older than the cutoff
                raise RuntimeError(f"prune: {removed} rows removed, {count} expected")
            record_values = {
                "removed": int(count),
                "first_id": int(first),
                "last_id": int(last),
                "last_hash": last_hash,
                "before_utc": cutoff.isoformat(),
            }
        record(
            conn,
            user,
            "prune",
            detail=json.dumps({**record_values, "days": days}, sort_keys=True),
            at=now,
        )
    return int(count)


def _may_prune(engine: Engine) -> None:
    """On PostgreSQL, refuse at once (not only on the day there is something to remove) when
    this role may not delete audit rows: the app's role, where an owner role is set up."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        allowed = conn.scalar(
            text(
                "SELECT has_table_privilege('audit_log', 'DELETE') "
                "AND has_table_privilege('audit_prune_permits', 'INSERT')"
            )
        )
    if not allowed:
        raise PruneRefused(
            "this database role may not delete audit rows; run prune as the schema's owner "
            f"({DATABASE_OWNER_URL.name} or --url)"
        )


def main(argv: list[str] | None = None) -> int:
    from data_access.db import create_engine_for, create_schema, resolve_url, secrets_file_url

    parser = argparse.ArgumentParser(description="The Brobygger audit log.")
    commands = parser.add_subparsers(dest="command", required=True)
    pruning = commands.add_parser(
        "prune", help=f"delete rows older than the retention (at least {MINIMUM_RETENTION_DAYS})"
    )
    pruning.add_argument("--days", type=int, help=f"default: {AUDIT_RETENTION_DAYS.name}")
    pruning.add_argument(
        "--url",
        help=f"database URL (default: {DATABASE_OWNER_URL.name}, else the app's database)",
    )
    checking = commands.add_parser(
        "verify", help="check the hash chain: exit 0 intact, 1 broken (the line says where)"
    )
    checking.add_argument("--url", help="database URL (default: the app's configured database)")
    checking.add_argument(
        "--head",
        metavar="ID:HASH",
        help="a head printed by an earlier verify: that row must still be in the chain (or "
        "pruned), so rows removed from the end since then show",
    )
    args = parser.parse_args(argv)
    if args.command == "verify":
        try:
            anchor = _anchor(args.head) if args.head else None
            engine = create_engine_for(args.url or resolve_url(secrets_file_url()))
            try:
                result = audit_verify.verify(engine, anchor=anchor)
            finally:
                engine.dispose()
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        except DBAPIError as exc:
            print(f"cannot read the audit log: {exc.orig}", file=sys.stderr)
            return 2
        print(result.line())
        return 0 if result.intact else 1
    try:
        days = args.days if args.days is not None else retention_days()
        check_days(days, "--days" if args.days is not None else AUDIT_RETENTION_DAYS.name)
        url = args.url or DATABASE_OWNER_URL.value() or resolve_url(secrets_file_url())
        engine = create_engine_for(url)
        try:
            create_schema(engine)
            removed = prune(engine, cli_user(), days)
        finally:
            engine.dispose()
    except ValueError as exc:
        print(f"prune refused: {exc}", file=sys.stderr)
        return 2
    except DBAPIError as exc:
        print(
            f"prune failed: {exc.orig}; on PostgreSQL with an owner role run it with the "
            f"owner's URL ({DATABASE_OWNER_URL.name} or --url)",
            file=sys.stderr,
        )
        return 2
    print(f"Audit rows older than {days} days removed: {removed}")
    return 0


def _anchor(value: str) -> tuple[int, str]:
    row, _, digest = value.partition(":")
    if not row.isdigit() or len(digest) != 64:
        raise ValueError(f"--head {value!r}: expected ID:HASH as verify printed it")
    return int(row), digest.lower()


if __name__ == "__main__":
    sys.exit(main())
