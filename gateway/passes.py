"""Which browser sessions have passed the gate, and as whom: the one fact the HTTP side needs
from the script.

Streamlit's HTTP endpoints (uploads, files) answer before and beside the script, and know a
request only by its URL and cookies. The gate (ui/auth.py) records here, on every run, the user
it let through for its session, or that it let nobody through (a login page, a refusal, a
logout). The upload gate asks whether the session named in an upload's URL has passed the gate
as a user who may upload; the file gate asks whether the session that asked for a file still
stands. In-process, like Streamlit's sessions themselves: a browser's requests reach the
replica that holds its session (sticky sessions, README "Several replicas").
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from data_access.access import User

# At most this many sessions remembered; the oldest go first (a session that ended long ago).
MAX_SESSIONS = 20_000


@dataclass(frozen=True)
class Pass:
    user: User


_lock = threading.Lock()
_passes: dict[str, Pass | None] = {}


def let_through(session_id: str | None, user: User | None) -> None:
    """Record who the gate let through for `session_id` (None: nobody, now)."""
    if not session_id:
        return
    with _lock:
        _passes.pop(session_id, None)  # re-inserted last: the dict keeps insertion order
        _passes[session_id] = Pass(user) if user is not None else None
        while len(_passes) > MAX_SESSIONS:
            del _passes[next(iter(_passes))]


def user_of(session_id: str | None) -> User | None:
    """The user the gate last let through for this session, or None."""
    if not session_id:
        return None
    with _lock:
        granted = _passes.get(session_id)
    return granted.user if granted else None


def standing(session_id: str | None) -> User | None:
    """`user_of`, but only while that login still holds now: not logged out anywhere (a copy
    of the login cookie may keep an open session that has not run since the logout), not past
    its token's expiry. A request to the server checks this; the gate does at every run."""
    user = user_of(session_id)
    if user is None or user.kind != "oidc":
        return user
    if user.expired():
        return None
    from data_access import sessions
    from gateway.database import engine

    return None if sessions.is_revoked(engine(), user.subject, user.issued_at) else user


def forget(session_id: str) -> None:
    with _lock:
        _passes.pop(session_id, None)
