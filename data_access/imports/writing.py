"""Saving a checked file in one transaction: the batch, new persons and facts filled in,
contacts, courses (added or updated, see course_updates.py), and a record of every change.

One file is imported once. Within this process a second import of a file already under
way is told so at once; across processes PostgreSQL's advisory locks do the same, and on
SQLite the second import waits for the first to commit and then finds it done. The batch's
unique `import_key` is the last word either way. Imports are serialised (SQLite has one
writer anyway; PostgreSQL takes a lock), so two files that touch the same course cannot
both add it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from data_access import audit, schema
from data_access.access import User
from data_access.aggregates import refresh_batch
from data_access.db import refresh_statistics
from data_access.imports.changes import change
from data_access.imports.course_updates import save_courses
from data_access.imports.file_checks import PERSON_FACTS, Located
from data_access.imports.limits import Deadline
from data_access.imports.report import Kind, Problem, Refused
from data_access.organisation import Organisation

CHUNK = 500  # ids per IN (...) list
INSERT_CHUNK = 1000
IMPORTS_LOCK = 0x62726F62  # PostgreSQL advisory lock that serialises imports and undo

_claims: set[str] = set()
_claims_lock = threading.Lock()


@contextmanager
def claim(import_key: str) -> Iterator[None]:
    """Within this process: a file already being imported is refused at once."""
    with _claims_lock:
        if import_key in _claims:
            raise Refused(Problem("being_imported"))
        _claims.add(import_key)
    try:
        yield
    finally:
        with _claims_lock:
            _claims.discard(import_key)


def already_imported(engine: Engine, import_key: str) -> Problem | None:
    query = select(schema.import_batches.c.id, schema.import_batches.c.created_at).where(
        schema.import_batches.c.import_key == import_key
    )
    with engine.connect() as conn:
        found = conn.execute(query).first()
    if found is None:
        return None
    return Problem(
        "already_imported", value=f"{found.created_at:%Y-%m-%d %H:%M}", detail=str(found.id)
    )


@dataclass(frozen=True)
class BatchInfo:
    import_key: str
    file_name: str
    file_hash: str
    source: str  # "csv" or "xlsx"
    note: str  # the kind, and the sheets read
    made_by: User | None = None  # recorded on the batch and its contacts, and audited


@dataclass
class Saved:
    batch_id: int
    added: int = 0
    updated: int = 0
    skipped: int = 0
    new_persons: int = 0
    filled_persons: int = 0


def chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def lock_key(import_key: str) -> int:
    return int(import_key[:15], 16)  # fits PostgreSQL's bigint


def serialise(conn: Connection, deadline: Deadline, import_key: str | None = None) -> None:
    """Wait (at most until the deadline) for other imports and undos to finish."""
    wait_ms = max(1000, int((deadline.ends - time.monotonic()) * 1000))
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"SET LOCAL lock_timeout = {wait_ms}"))
        if import_key and not conn.scalar(
            select(func.pg_try_advisory_xact_lock(lock_key(import_key)))
        ):
            raise Refused(Problem("being_imported"))
        conn.execute(select(func.pg_advisory_xact_lock(IMPORTS_LOCK)))
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {wait_ms}")


def save(
    engine: Engine,
    org: Organisation,
    kind: Kind,
    rows: list[Located],
    info: BatchInfo,
    *,
    now: dt.datetime,
    deadline: Deadline,
    before_commit: Callable[[], None] | None = None,
) -> Saved:
    try:
        with engine.begin() as conn:
            try:
                serialise(conn, deadline, info.import_key)
                # The batch first: on SQLite this write takes the database's write lock, so
                # every read below sees what the transaction will change.
                batch = int(
                    conn.execute(
                        insert(schema.import_batches).values(
                            source=info.source,
                            file_name=info.file_name[:255],
                            file_hash=info.file_hash,
                            import_key=info.import_key,
                            row_count=0,
                            created_at=now.replace(microsecond=0),
                            note=info.note,
                            made_by=info.made_by.subject if info.made_by else None,
                        )
                    ).inserted_primary_key[0]
                )
                saved = _write(conn, org, kind, rows, batch, deadline, info.made_by)
                # The daily counts in the same transaction: the batch's days and those of
                # every course or person it changed.
                refresh_batch(conn, batch)
                refresh_statistics(conn)
                conn.execute(
                    update(schema.import_batches)
                    .where(schema.import_batches.c.id == batch)
                    .values(row_count=saved.added)
                )
                if info.made_by:  # in the same transaction as the write it records
                    audit.record(
                        conn,
                        info.made_by,
                        "import",
                        page="data",
                        batch_id=batch,
                        pseudonyms=[getattr(r.row, "pseudonym", None) for r in rows],
                        detail=f"{kind}: {saved.added} added, {saved.updated} updated "
                        f"from {info.file_name[:200]}",
                    )
                deadline.check()
                if before_commit:
                    before_commit()
            finally:
                if conn.dialect.name == "sqlite":
                    conn.exec_driver_sql("PRAGMA busy_timeout = 5000")
    except IntegrityError:
        earlier = already_imported(engine, info.import_key)
        if earlier:
            raise Refused(earlier) from None
        raise
    except OperationalError as exc:
        message = str(exc.orig).lower()
        if "locked" in message or "lock timeout" in message or "lock_timeout" in message:
            raise Refused(Problem("import_busy")) from None
        raise
    return saved


def _write(
    conn: Connection,
    org: Organisation,
    kind: Kind,
    rows: list[Located],
    batch: int,
    deadline: Deadline,
    made_by: User | None = None,
) -> Saved:
    saved = Saved(batch)
    changes: list[dict[str, object]] = []
    problems: list[Problem] = []
    person_ids, saved.new_persons, saved.filled_persons = _persons(
        conn, rows, batch, changes, problems
    )
    deadline.check()
    if kind == "contacts":
        saved.added, saved.skipped = _contacts(conn, rows, person_ids, batch, deadline, made_by)
    else:
        saved.added, saved.updated, saved.skipped = save_courses(
            conn, org, rows, person_ids, batch, changes, problems, deadline
        )
    if problems:
        raise Refused(*problems)  # the transaction is rolled back: nothing of the file stays
    for part in chunks(changes, INSERT_CHUNK):
        conn.execute(insert(schema.import_changes), part)
    return saved


def _persons(
    conn: Connection,
    rows: list[Located],
    batch: int,
    changes: list[dict[str, object]],
    problems: list[Problem],
) -> tuple[dict[str, int], int, int]:
    """Pseudonym -> person id for every row; new persons added; facts the database lacks
    filled in (and recorded); a fact the database has otherwise refused."""
    P = schema.persons
    facts: dict[str, dict[str, tuple[object, Located]]] = {}
    for located in rows:
        name = getattr(located.row, "pseudonym", None)
        if not name:
            continue
        known = facts.setdefault(name, {})
        for fact in PERSON_FACTS:
            value = getattr(located.row, fact, None)
            if value is not None:
                known.setdefault(fact, (value, located))
    names = list(facts)
    existing = {}
    for part in chunks(names):
        for found in conn.execute(
            select(P.c.id, P.c.pseudonym, *[P.c[f] for f in PERSON_FACTS]).where(
                P.c.pseudonym.in_(part)
            )
        ):
            existing[found.pseudonym] = found
    fills: dict[str, list[dict[str, object]]] = {}
    for name, known in facts.items():
        found = existing.get(name)
        if found is None:
            continue
        for fact, (value, located) in known.items():
            stored = getattr(found, fact)
            if stored is None:
                fills.setdefault(fact, []).append({"_id": found.id, "_v": value})
                changes.append(change(batch, "persons", found.id, fact, None, value))
            elif stored != value:
                problems.append(
                    located.problem(
                        "person_conflict_db", fact, value=str(value), detail=str(stored)
                    )
                )
    for fact, values in fills.items():
        conn.execute(
            update(P).where(P.c.id == bindparam("_id")).values({fact: bindparam("_v")}), values
        )
    new = [
        {
            "pseudonym": name,
            "batch_id": batch,
            **{fact: known.get(fact, (None,))[0] for fact in PERSON_FACTS},
        }
        for name, known in facts.items()
        if name not in existing
    ]
    for part in chunks(new, INSERT_CHUNK):
        conn.execute(insert(P), part)
    ids = {name: found.id for name, found in existing.items()}
    for part in chunks([n["pseudonym"] for n in new]):
        ids |= dict(
            conn.execute(select(P.c.pseudonym, P.c.id).where(P.c.pseudonym.in_(part))).all()
        )
    filled = len({c["row_id"] for c in changes})
    return ids, len(new), filled


def contact_keys(rows: list[Located]) -> list[str]:
    """A fingerprint per contact; identical rows in one file get an occurrence number, so two
    identical anonymous contacts both count, and importing the file again adds neither.
    (The same formula as before course updates existed, so older imports are recognised.)"""
    seen: dict[str, int] = {}
    keys = []
    for located in rows:
        content = "contacts|" + "|".join(
            f"{k}={v}" for k, v in sorted(located.row.model_dump().items())
        )
        seen[content] = seen.get(content, 0) + 1
        keys.append(hashlib.sha256(f"{content}#{seen[content]}".encode()).hexdigest())
    return keys


def _contacts(
    conn: Connection,
    rows: list[Located],
    person_ids: dict[str, int],
    batch: int,
    deadline: Deadline,
    made_by: User | None = None,
) -> tuple[int, int]:
    C = schema.outreach_contacts
    keys = contact_keys(rows)
    existing: set[str] = set()
    for part in chunks(keys):
        existing |= set(conn.scalars(select(C.c.source_key).where(C.c.source_key.in_(part))))
    values = [
        {
            "person_id": person_ids.get(located.row.pseudonym) if located.row.pseudonym else None,
            "site_id": located.row.site,
            "contact_at": located.row.time,
            "contact_type": located.row.contact_type,
            "outcome": located.row.outcome,
            "batch_id": batch,
            "source_key": key,
            "made_by": made_by.subject if made_by else None,
        }
        for located, key in zip(rows, keys, strict=True)
        if key not in existing
    ]
    for part in chunks(values, INSERT_CHUNK):
        conn.execute(insert(C), part)
        deadline.check()
    return len(values), len(rows) - len(values)
