"""The audit log's hash chain: every row is chained to the one before it, so a row changed,
removed or slipped in afterwards shows, whoever did it and with whatever credentials.

Each row carries `prev_hash` (the hash of the row before it in id order; 64 zeros for the
first row ever), `row_hash` = HMAC-SHA256(key, canonical form of the row: its id, every content
column, the key's id and `prev_hash`) and `key_id` (which key made it). The one-row table
`audit_chain_head` names the newest row and its hash: it moves forward in the same transaction
as every append, so rows removed from the end are missed too.

Keys. A configured key (BROBYGGER_AUDIT_CHAIN_KEY, or `[audit] chain_key` in
.streamlit/secrets.toml) lives outside the database: someone with only the database's
credentials cannot compute a valid hash, so they can neither rewrite rows nor add forged ones
that pass. Without one, a random key kept in the database (app_secrets) is used: verify still
finds every change made by someone who does not think of re-hashing (a changed, removed or
inserted row), but whoever can read that key and write the table can rewrite the chain from
any point; only a head hash kept elsewhere (printed by verify) shows that. Several configured
keys (comma-separated, the newest first) let an installation rotate; the chain may move from
the database's key to a configured one and from an older configured key to a newer one, never
back.

Appends are serialised by locking the head row inside the writing transaction (PostgreSQL:
SELECT ... FOR UPDATE; SQLite: a no-op UPDATE, which takes the database's write lock before the
head is read), so two writers never chain to the same row; the lock is held from the append to
the commit, which is the end of every write that records.
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import json
import secrets
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, String, insert, select, text, type_coerce

from data_access import schema
from data_access.settings import AUDIT_CHAIN_KEY, PROJECT_ROOT

A = schema.audit_log.c
H = schema.audit_chain_head.c
GENESIS = "0" * 64
FORMAT = "brobygger-audit-1"  # part of every hashed form: a new form gets a new name
DB_KEY_NAME = "audit_chain_key"
MIN_KEY_LENGTH = 32
CONTENT = (
    "at_utc",
    "subject",
    "email",
    "role",
    "action",
    "page",
    "batch_id",
    "pseudonym",
    "filters",
    "detail",
    "client",
)
CHUNK = 1000  # rows per INSERT statement
READ_CHUNK = 5000  # rows per SELECT while verifying


# ---- keys --------------------------------------------------------------------------------------


class ChainKeyError(RuntimeError):
    """This process lacks the key the chain is being written with: nothing was appended."""


@dataclass(frozen=True)
class Key:
    secret: bytes
    rank: int  # 0 the newest configured key; higher is older; the database's key is the oldest
    source: str  # "configured" or "database"

    @property
    def id(self) -> str:
        return key_id(self.secret)


def key_id(secret: bytes) -> str:
    """A short public name of a key (it reveals nothing of the key)."""
    return hmac.digest(secret, b"brobygger audit chain key id", "sha256").hex()[:16]


def _split(value: object) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        return [str(part).strip() for part in value if str(part).strip()]
    return []


# Streamlit's secrets, when the app runs: data_access/cached.py (the one module that touches
# Streamlit) sets this to read `[audit] chain_key` from them, honouring --secrets.files.
secret_source: Callable[[], object] | None = None


def _secret_value() -> object:
    """`[audit] chain_key` from the app's secrets, else from .streamlit/secrets.toml (the
    commands)."""
    if secret_source is not None:
        value = secret_source()
        if value:
            return value
    path = PROJECT_ROOT / ".streamlit" / "secrets.toml"
    try:
        return _file_secret(path, path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None


@functools.lru_cache(maxsize=4)
def _file_secret(path: Path, _mtime: int) -> object:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("audit", {}).get("chain_key")


def configured_keys() -> list[bytes]:
    """The configured keys, newest first (the environment wins over the secrets file)."""
    values = _split(AUDIT_CHAIN_KEY.value()) or _split(_secret_value())
    for value in values:
        if len(value) < MIN_KEY_LENGTH:
            raise ValueError(
                f"{AUDIT_CHAIN_KEY.name} (or [audit] chain_key): a key must have at least "
                f"{MIN_KEY_LENGTH} characters, e.g. python -c 'import secrets; "
                "print(secrets.token_urlsafe(32))'"
            )
    return [value.encode() for value in values]


def _database_key(conn: Connection, *, create: bool) -> bytes | None:
    query = select(schema.app_secrets.c.value).where(schema.app_secrets.c.name == DB_KEY_NAME)
    value = conn.scalar(query)
    if value is None and create:
        value = secrets.token_hex(32)
        conn.execute(insert(schema.app_secrets).values(name=DB_KEY_NAME, value=value))
    return bytes.fromhex(value) if value else None


def writing_key(conn: Connection) -> Key:
    """The key new rows are hashed with: the newest configured key, else the database's own
    (made on first use, under the head lock, so two writers never make two)."""
    configured = configured_keys()
    if configured:
        return Key(configured[0], 0, "configured")
    secret = _database_key(conn, create=True)
    assert secret is not None
    return Key(secret, 0, "database")


def keyring(conn: Connection) -> dict[str, Key]:
    """Every key verify knows, by id, with its rank."""
    configured = configured_keys()
    keys = {key_id(s): Key(s, rank, "configured") for rank, s in enumerate(configured)}
    own = _database_key(conn, create=False)
    if own is not None:
        keys.setdefault(key_id(own), Key(own, len(configured), "database"))
    return keys


# ---- the hashed form ---------------------------------------------------------------------------


# A row as verify reads it: a tuple in this order (the first 14 are what the hash covers).
ORDER = ("id", *CONTENT, "key_id", "prev_hash", "row_hash")
ID, AT, ACTION, DETAIL, KEY_ID, PREV, HASH = (
    ORDER.index(name)
    for name in ("id", "at_utc", "action", "detail", "key_id", "prev_hash", "row_hash")
)
_ENCODER = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"))


def _text_time(value: object) -> object:
    if isinstance(value, str):  # SQLite's stored text, read raw
        if len(value) == 26 and value[10] == " " and value[19] == ".":
            return value  # already the form below (SQLAlchemy stores exactly that)
        try:
            return _text_time(dt.datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="microseconds")
    return value


def _canonical(values: Sequence[Any]) -> bytes:
    row = [FORMAT, *values[:HASH]]
    row[1 + AT] = _text_time(row[1 + AT])
    return _ENCODER.encode(row).encode("ascii")


def canonical(row: dict[str, Any]) -> bytes:
    """The bytes a row's hash covers: the format's name, the id, the content in a fixed order
    (times as naive UTC with microseconds, so SQLite and PostgreSQL give the same text), the
    key's id and the previous row's hash; JSON, ASCII only, no spaces."""
    return _canonical([row[name] for name in ORDER[:HASH]])


def row_hash(secret: bytes, row: dict[str, Any]) -> str:
    return hmac.digest(secret, canonical(row), "sha256").hex()


def tuple_hash(secret: bytes, values: Sequence[Any]) -> str:
    return hmac.digest(secret, _canonical(values), "sha256").hex()


# ---- appending ---------------------------------------------------------------------------------


def lock_head(conn: Connection) -> tuple[int, str]:
    """The newest row's id and hash, with the head locked until the transaction ends."""
    if conn.dialect.name == "postgresql":
        query = text("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
        head = conn.execute(query).first()
    else:  # SQLite: a write first, so the write lock is held before the head is read
        head = conn.execute(
            text(
                "UPDATE audit_chain_head SET last_id = last_id WHERE id = 1 "
                "RETURNING last_id, last_hash"
            )
        ).first()
    if head is None:  # a database whose head was never made (or was removed): start it anew
        ensure_head(conn)
        return lock_head(conn)
    return int(head[0]), str(head[1])


def ensure_head(conn: Connection) -> None:
    """Make the head row when there is none, naming the newest row (create_schema calls it)."""
    if conn.scalar(select(H.id).where(H.id == 1)) is not None:
        return
    last = conn.execute(select(A.id, A.row_hash).order_by(A.id.desc()).limit(1)).first()
    values = {"id": 1, "last_id": 0, "last_hash": GENESIS}
    if last is not None:
        values = {"id": 1, "last_id": int(last[0]), "last_hash": last[1] or GENESIS}
    conn.execute(insert(schema.audit_chain_head).values(values))


def ensure(conn: Connection) -> None:
    """The head row and the database's own key, made where missing (create_schema, under the
    migration lock), so the first append writes nothing else (app_secrets bumps the data
    version)."""
    configured_keys()  # a configured key too short stops the start, not every later write
    ensure_head(conn)
    _database_key(conn, create=True)


def _new_ids(conn: Connection, n: int, after: int) -> list[int]:
    """`n` ids above every id ever used: PostgreSQL's sequence (never reused); on SQLite above
    the AUTOINCREMENT high-water mark, the newest row and the head."""
    if conn.dialect.name == "postgresql":
        ids = conn.scalars(
            text(
                "SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) "
                "FROM generate_series(1, :n)"
            ),
            {"n": n},
        ).all()
        return sorted(int(i) for i in ids)
    top = conn.execute(
        text(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0), "
            "coalesce((SELECT max(id) FROM audit_log), 0), :after)"
        ),
        {"after": after},
    ).scalar()
    return list(range(int(top) + 1, int(top) + 1 + n))


_INSERT = "INSERT INTO audit_log ({columns}) VALUES ({marks})"


def append(conn: Connection, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Chain `rows` (content columns only) onto the log inside the caller's transaction;
    returns their ids. The hashes are computed here for the whole batch, then the rows go in
    with the driver's executemany, so a bulk append stays one lock, one id request and one
    INSERT per thousand rows."""
    if not rows:
        return []
    last_id, prev = lock_head(conn)
    key = writing_key(conn)
    kid = key.id
    if key.source == "database" and last_id:
        newest = conn.scalar(select(A.key_id).where(A.id == last_id))
        if newest is not None and newest != kid:
            # Rows hashed with the database's key after a configured one would break the
            # chain for good: a server without the key does not write.
            raise ChainKeyError(
                f"the audit log's newest row (id {last_id}) is hashed with a configured key "
                f"({newest}) this process does not have: set {AUDIT_CHAIN_KEY.name} or "
                "[audit] chain_key as on the other servers"
            )
    ids = _new_ids(conn, len(rows), last_id)
    sqlite = conn.dialect.name == "sqlite"
    chained = []
    for new_id, row in zip(ids, rows, strict=True):
        values = [new_id, *(row[name] for name in CONTENT), kid, prev]
        at = values[AT]
        if at.tzinfo is not None:
            values[AT] = at = at.astimezone(dt.UTC).replace(tzinfo=None)
        if sqlite:  # stored as SQLAlchemy stores a DateTime: the canonical text itself
            values[AT] = _text_time(at)
        prev = tuple_hash(key.secret, values)
        chained.append((*values, prev))
    marks = ", ".join(["?" if sqlite else "%s"] * len(ORDER))
    statement = _INSERT.format(columns=", ".join(ORDER), marks=marks)
    for start in range(0, len(chained), CHUNK):
        conn.exec_driver_sql(statement, chained[start : start + CHUNK])
    conn.execute(
        schema.audit_chain_head.update().where(H.id == 1).values(last_id=ids[-1], last_hash=prev)
    )
    return ids


def chain_existing(conn: Connection) -> int:
    """Chain rows written before the chain existed (the migration that adds it): in id order
    from the start, each with the writing key; then make the head. Returns the rows chained."""
    key = writing_key(conn)
    kid = key.id
    prev = GENESIS
    done = 0
    last_id = 0
    for chunk in _chunks(conn, after=0):
        updates = []
        for row in chunk:
            values = [*row[:KEY_ID], kid, prev]
            updates.append(
                {"rid": row[ID], "k": kid, "p": prev, "h": tuple_hash(key.secret, values)}
            )
            prev, last_id = updates[-1]["h"], row[ID]
        conn.execute(
            text("UPDATE audit_log SET key_id = :k, prev_hash = :p, row_hash = :h WHERE id = :rid"),
            updates,
        )
        done += len(updates)
    conn.execute(insert(schema.audit_chain_head).values(id=1, last_id=last_id, last_hash=prev))
    return done


# ---- verifying ---------------------------------------------------------------------------------


# ---- reading the log in order ---------------------------------------------------------------
def _columns(conn: Connection) -> list:
    columns = [A[name] for name in ORDER]
    if conn.dialect.name == "sqlite":  # raw text, so a malformed time cannot stop the walk
        columns[AT] = type_coerce(A.at_utc, String).label("at_utc")
    return columns


def _chunks(conn: Connection, after: int) -> Iterator[list[tuple]]:
    """The rows after id `after`, in id order, as tuples in ORDER, a chunk at a time."""
    columns = _columns(conn)
    while True:
        query = select(*columns).where(A.id > after).order_by(A.id).limit(READ_CHUNK)
        chunk = [tuple(r) for r in conn.execute(query)]
        if not chunk:
            return
        yield chunk
        after = chunk[-1][ID]
