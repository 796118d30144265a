"""Who may fetch which file: the grants behind every download the app offers.

Streamlit serves a download button's file at /media/<id>, an address derived from the file's
content, to any request that names it: copied into another browser, or fetched by a script with
no cookie at all, it would hand out the same file. So the file gate (gateway/file_gate.py)
serves a file only against a grant made here by the export seam (ui/downloads.py) when it
offered the file, and only to the browser whose session asked:

- `browser` is that browser's own random cookie (gateway/browser_cookie.py), read by the script
  from the session's websocket handshake; a request without it, or with another, gets nothing;
- `session_id` must still have passed the gate (gateway/passes.py): after a logout, or once the
  session has gone, its grants are void;
- a file with person rows is granted `once`: the fetch consumes the grant and writes the export's
  audit row (`on_fetch`) before a byte leaves; the next click asks again. Aggregate files may be
  fetched again while their button is on the page.

Grants are keyed by the SHA-256 of the file's bytes, which the gate computes from the stored
file: the same bytes are the same file, whatever address Streamlit gave them.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from gateway import passes

PERSON_FILE_SECONDS = 5 * 60  # a click's fetch follows within a second; a slow phone, more
AGGREGATE_FILE_SECONDS = 30 * 60  # renewed on every run that shows the button
MAX_GRANTS = 50_000


@dataclass(frozen=True)
class Grant:
    browser: str
    session_id: str | None
    subject: str  # the user the grant was made for: still the session's user when fetched
    expires: float  # time.monotonic()
    once: bool
    on_fetch: Callable[[str | None], None] | None  # the audit row, given the client address


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_lock = threading.Lock()
_grants: dict[str, list[Grant]] = {}
_count = 0


def grant(
    data: bytes,
    *,
    browser: str | None,
    session_id: str | None,
    subject: str,
    once: bool,
    on_fetch: Callable[[str | None], None] | None = None,
    seconds: float | None = None,
) -> bool:
    """Let `browser` (the session `session_id`) fetch `data`. False when there is no browser
    to bind the grant to (no cookie: an AppTest run, or a client that refuses cookies)."""
    if not browser:
        return False
    seconds = seconds or (PERSON_FILE_SECONDS if once else AGGREGATE_FILE_SECONDS)
    made = Grant(browser, session_id, subject, time.monotonic() + seconds, once, on_fetch)
    key = digest(data)
    global _count
    with _lock:
        _drop_expired_if_full()
        held = _grants.setdefault(key, [])
        if not once:  # one standing grant per browser and file is enough: renew it
            held[:] = [g for g in held if g.once or g.browser != browser]
        held.append(made)
        _count = sum(len(v) for v in _grants.values())
    return True


def take(key: str, browser: str | None, *, consume: bool = True) -> Grant | None:
    """The grant that lets `browser` fetch the file with this digest now, or None; a grant
    for one fetch is used up (unless `consume` is False: a HEAD request or a probe)."""
    if not browser:
        return None
    now = time.monotonic()
    with _lock:
        candidates = [g for g in _grants.get(key, []) if g.browser == browser and g.expires >= now]
    for candidate in candidates:  # the login checked outside the lock: a database lookup
        user = passes.standing(candidate.session_id)
        if user is None or user.subject != candidate.subject:
            continue  # logged out (here or anywhere), gone, or someone else now
        if not (candidate.once and consume):
            return candidate
        with _lock:
            held = _grants.get(key, [])
            if candidate in held:  # not used up by a fetch at the same moment
                held.remove(candidate)
                if not held:
                    _grants.pop(key, None)
                return candidate
    return None


def _drop_expired_if_full() -> None:
    if _count < MAX_GRANTS:
        return
    now = time.monotonic()
    for key in list(_grants):
        kept = [g for g in _grants[key] if g.expires >= now]
        if kept:
            _grants[key] = kept
        else:
            del _grants[key]


def clear() -> None:
    """Forget every grant (tests)."""
    global _count
    with _lock:
        _grants.clear()
        _count = 0
