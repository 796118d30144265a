"""Logins ended by a logout, so a copy of the login cookie stops working.

Streamlit keeps the verified ID token's claims in a signed cookie (`_streamlit_user`) for 30
days, and `st.logout` only deletes it in the browser that logs out: a copy taken before (another
browser, a stolen cookie) still opened the app until the token's `exp`. A logout therefore
records the login it ends, its subject and the ID token's `iat` (access.User.issued_at), in
`login_revocations`, and the gate (ui/auth.py) refuses a login found there, on every run. The
table is append-only (triggers in data_access/schema.py): the app adds rows and never takes one
back.

A token without `iat` cannot be told apart from the user's next login, so it cannot be revoked
on its own; OpenID Connect requires the claim (Entra ID always sends it).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine, Select, insert, select

from data_access import schema
from data_access.access import User

R = schema.login_revocations.c


def _now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def lookup(subject: str, issued_at: int) -> Select:
    """The one query behind `is_revoked`: an index seek on (subject, issued_at)."""
    return select(R.id).where(R.subject == subject, R.issued_at == issued_at).limit(1)


def _revoked(conn: Connection, subject: str, issued_at: int) -> bool:
    return conn.execute(lookup(subject, issued_at)).first() is not None


def is_revoked(bind: Engine | Connection, subject: str, issued_at: int | None) -> bool:
    """Whether the login `subject` got with the ID token issued at `issued_at` has been logged
    out (one indexed lookup: cheap enough for every run of the app)."""
    if issued_at is None:
        return False
    if isinstance(bind, Connection):
        return _revoked(bind, subject, int(issued_at))
    with bind.connect() as conn:
        return _revoked(conn, subject, int(issued_at))


def revoke(engine: Engine, user: User, at: dt.datetime | None = None) -> bool:
    """Record that `user`'s login has ended. True when a row was added; False when it was
    revoked already (a second tab logging out) or cannot be revoked (no `iat`)."""
    if user.issued_at is None:
        return False
    with engine.begin() as conn:
        if _revoked(conn, user.subject, user.issued_at):
            return False
        conn.execute(
            insert(schema.login_revocations).values(
                subject=user.subject,
                issued_at=user.issued_at,
                expires_at=user.expires_at,
                revoked_at=at or _now_utc(),
            )
        )
    return True
