"""The server's gates, piece by piece (gateway/): grants, the file gate's decision, the upload
gate's decision, closed paths, the browser cookie and failed logins. tests/server/ runs them
in a real server; tests/browser/ with Chromium."""

from __future__ import annotations

import time

import pytest
from starlette.datastructures import MutableHeaders

from bench.streamlit_session import run_scenario
from data_access.access import demo_user
from gateway import (
    browser_cookie,
    closed_paths,
    file_gate,
    grants,
    login_failures,
    passes,
    upload_gate,
)

BROWSER, OTHER = "a" * 43, "b" * 43
LEDER, ADMIN = demo_user("leder"), demo_user("admin")


@pytest.fixture(autouse=True)
def _clean():
    grants.clear()
    passes.let_through("s1", LEDER)
    passes.let_through("s2", ADMIN)
    yield
    grants.clear()
    passes.forget("s1")
    passes.forget("s2")


def test_a_grant_is_for_its_browser_only():
    assert grants.grant(
        b"file", browser=BROWSER, session_id="s1", subject=LEDER.subject, once=False
    )
    key = grants.digest(b"file")
    assert grants.take(key, OTHER) is None
    assert grants.take(key, None) is None
    assert grants.take(key, BROWSER) is not None
    assert grants.take(key, BROWSER) is not None  # an aggregate file: again


def test_no_browser_no_grant():
    assert not grants.grant(b"f", browser=None, session_id="s1", subject=LEDER.subject, once=True)
    assert grants.take(grants.digest(b"f"), None) is None


def test_a_person_file_is_fetched_once_and_probes_use_nothing():
    audited: list[str | None] = []
    grants.grant(
        b"rows",
        browser=BROWSER,
        session_id="s1",
        subject=LEDER.subject,
        once=True,
        on_fetch=audited.append,
    )
    assert file_gate.decide_for(b"rows", BROWSER, probe=True, client="1.2.3.4") == 204
    assert file_gate.decide_for(b"rows", OTHER, probe=False, client="1.2.3.4") == 404
    assert audited == []
    assert file_gate.decide_for(b"rows", BROWSER, probe=False, client="1.2.3.4") == 200
    assert audited == ["1.2.3.4"]
    assert file_gate.decide_for(b"rows", BROWSER, probe=False, client="1.2.3.4") == 404
    assert file_gate.decide_for(b"rows", BROWSER, probe=True, client="1.2.3.4") == 404


def test_no_audit_row_no_file():
    def failing(_client):
        raise RuntimeError("database gone")

    grants.grant(
        b"rows",
        browser=BROWSER,
        session_id="s1",
        subject=LEDER.subject,
        once=True,
        on_fetch=failing,
    )
    assert file_gate.decide_for(b"rows", BROWSER, probe=False, client=None) == 503


def test_a_logout_voids_the_sessions_grants():
    grants.grant(b"f", browser=BROWSER, session_id="s1", subject=LEDER.subject, once=False)
    passes.let_through("s1", None)  # the gate let nobody through: a logout, a refusal
    assert grants.take(grants.digest(b"f"), BROWSER) is None
    passes.let_through("s1", ADMIN)  # someone else in that session now
    assert grants.take(grants.digest(b"f"), BROWSER) is None


def test_grants_expire(monkeypatch):
    grants.grant(
        b"f", browser=BROWSER, session_id="s1", subject=LEDER.subject, once=True, seconds=1
    )
    now = time.monotonic()
    monkeypatch.setattr(grants.time, "monotonic", lambda: now + 2)
    assert grants.take(grants.digest(b"f"), BROWSER) is None


def test_probe_is_a_head_or_a_fetch():
    def scope(method="GET", **headers):
        return {
            "method": method,
            "headers": [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()],
        }

    assert file_gate.is_probe(scope("HEAD"))
    assert file_gate.is_probe(scope(sec_fetch_mode="cors", sec_fetch_dest="empty"))
    assert not file_gate.is_probe(scope(sec_fetch_mode="navigate", sec_fetch_dest="document"))
    assert not file_gate.is_probe(scope())  # no Sec-Fetch headers: a download


def test_paths_under_a_base():
    assert file_gate.media_file_id("/media/abc.csv", "") == "abc.csv"
    assert file_gate.media_file_id("/app/media/abc.csv", "app") == "abc.csv"
    assert file_gate.media_file_id("/static/media/x.woff2", "") is None
    assert upload_gate.upload_session("/_stcore/upload_file/s1/f1", "") == "s1"
    assert upload_gate.upload_session("/_stcore/upload_file/", "") == ""
    assert closed_paths.is_closed("/_stcore/metrics", "")
    assert closed_paths.is_closed("/app/_stcore/agent/mcp", "app")
    assert not closed_paths.is_closed("/_stcore/health", "")
    assert not closed_paths.is_closed("/_stcore/metricsx", "")


def test_uploads_need_a_session_at_the_gate_that_may_upload():
    passes.let_through("s3", demo_user("udvalg"))
    assert upload_gate.decide("unknown", "PUT", "10") == 403
    assert upload_gate.decide("s3", "PUT", "10") == 403  # the committee uploads nothing
    assert upload_gate.decide("s1", "PUT", "10") == 403  # a leder neither
    assert upload_gate.decide("s2", "PUT", "10") == 200
    assert upload_gate.decide("s2", "PUT", None) == 411
    assert upload_gate.decide("s2", "PUT", str(11 * 1024 * 1024)) == 413
    assert upload_gate.decide("s2", "DELETE", None) == 200
    passes.forget("s3")


def test_the_browser_cookie_is_checked_for_shape():
    assert browser_cookie.from_cookies({browser_cookie.COOKIE: BROWSER}) == BROWSER
    assert browser_cookie.from_cookies({browser_cookie.COOKIE: "short"}) is None
    assert browser_cookie.from_cookies({browser_cookie.COOKIE: "a" * 42 + ";"}) is None
    assert browser_cookie.from_cookies({}) is None


def _call(middleware, path: str, content_type: str, cookie: str = "") -> list[tuple[bytes, bytes]]:
    sent: list = []

    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", content_type.encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    headers = [(b"cookie", cookie.encode())] if cookie else []
    scope = {"type": "http", "path": path, "method": "GET", "headers": headers, "scheme": "http"}
    run_scenario(lambda: middleware(app)(scope, receive, send))  # Playwright may hold a loop
    return sent[0]["headers"]


def test_the_cookie_is_set_on_the_page_once():
    set_cookie = [
        v for k, v in _call(browser_cookie.BrowserCookie, "/", "text/html") if k == b"set-cookie"
    ]
    assert len(set_cookie) == 1
    assert b"HttpOnly" in set_cookie[0] and b"SameSite=Lax" in set_cookie[0]
    assert not [
        k
        for k, _ in _call(browser_cookie.BrowserCookie, "/x.js", "text/javascript")
        if k == b"set-cookie"
    ]
    held = f"{browser_cookie.COOKIE}={BROWSER}"
    assert not [
        k
        for k, _ in _call(browser_cookie.BrowserCookie, "/", "text/html", held)
        if k == b"set-cookie"
    ]


def test_a_callback_without_a_login_cookie_is_a_failed_login():
    def headers(*cookies: str) -> MutableHeaders:
        scope = {"type": "http", "headers": [(b"set-cookie", c.encode()) for c in cookies]}
        return MutableHeaders(scope=scope)

    assert login_failures.sets_login_cookie(headers('_streamlit_user="abc|123"; Path=/; HttpOnly'))
    assert not login_failures.sets_login_cookie(
        headers('_streamlit_user=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/')
    )
    assert not login_failures.sets_login_cookie(headers("other=1"))
    assert login_failures.reason("error=access_denied&state=x") == "provider error: access_denied"
    assert login_failures.reason("code=1") == "no state in the callback"
    assert "state not recognised" in login_failures.reason("state=forged&code=1")


def test_a_logout_anywhere_ends_the_files_and_uploads_of_every_session_of_that_login(
    empty_engine, monkeypatch
):
    """A copy of the login cookie may hold an open session that has not run since the logout:
    its grants and uploads end with the logout all the same (gateway/passes.standing)."""
    import datetime as dt

    from data_access import access, sessions
    from gateway import database

    monkeypatch.setenv("BROBYGGER_DATABASE_URL", str(empty_engine.url))
    database.engine.cache_clear()
    expires = int((dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).timestamp())
    admin = access.User(
        subject="sub-a", role="admin", kind="oidc", issued_at=100, expires_at=expires
    )
    passes.let_through("copy", admin)
    grants.grant(b"f", browser=BROWSER, session_id="copy", subject="sub-a", once=False)
    assert upload_gate.decide("copy", "PUT", "10") == 200
    assert grants.take(grants.digest(b"f"), BROWSER) is not None
    sessions.revoke(empty_engine, admin)  # logged out in another browser
    assert upload_gate.decide("copy", "PUT", "10") == 403
    assert grants.take(grants.digest(b"f"), BROWSER) is None
    expired = access.User(subject="sub-b", role="admin", kind="oidc", issued_at=1, expires_at=2)
    passes.let_through("old", expired)
    assert upload_gate.decide("old", "PUT", "10") == 403
    passes.forget("copy")
    passes.forget("old")
    database.engine.cache_clear()


def test_a_rerun_at_the_gate_keeps_the_sessions_upload_pass(monkeypatch):
    """While a rerun of an admin's session is still at the gate, an upload from that session
    is let through (it was refused with 403 in a window of every rerun); a run the gate stops
    ends the pass."""
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException

    from ui import auth

    monkeypatch.setattr(auth, "session_id", lambda: "s2")
    during: list[int] = []

    def deciding() -> object:
        during.append(upload_gate.decide("s2", "PUT", "1000"))
        return ADMIN

    monkeypatch.setattr(auth, "_gate", deciding)
    assert auth.gate() == ADMIN
    assert during == [200]

    def stopped() -> object:
        raise StopException()

    monkeypatch.setattr(auth, "_gate", stopped)
    with pytest.raises(StopException):
        auth.gate()
    assert upload_gate.decide("s2", "PUT", "1000") == 403
