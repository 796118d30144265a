"""Logins that end or fail, in AppTest with login configured: a logout revokes the login on the
server, so the same cookie in another browser (a copy) shows the login page from its first run
on, and even a button pressed in a session that was open before does nothing; a login cookie
the server did not accept is a failed login; an expired one a refused login. Each is audited."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from data_access import sessions
from data_access.backup import backup_sqlite
from data_access.db import create_engine_for
from tests.app.conftest import page_tables
from tests.app.test_access_app import AUTH, audit_rows, logged_in
from ui import auth

LEDER = {"sub": "sub-lene", "email": "lene@kommune.dk", "roles": ["leder"], "iat": 1_767_000_000}
WORKER = {
    "sub": "sub-mads",
    "email": "mads@kommune.dk",
    "roles": ["medarbejder"],
    "iat": 1_767_000_100,
}


@pytest.fixture
def db_url(tmp_path, demo_db_url, monkeypatch) -> str:
    """A private copy of the demo database: these tests write audit rows and revocations."""
    target = tmp_path / "logins.db"
    backup_sqlite(demo_db_url, target)
    url = f"sqlite:///{target}"
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", url)
    return url


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def revoked(url: str, claims: dict) -> bool:
    engine = create_engine_for(url)
    try:
        return sessions.is_revoked(engine, claims["sub"], claims["iat"])
    finally:
        engine.dispose()


def test_a_logout_revokes_the_login_so_a_copy_of_the_cookie_is_refused(db_url):
    mine = logged_in(LEDER)
    copy = logged_in(LEDER)  # the same cookie in another browser, taken before the logout
    assert titles(mine) == titles(copy) == ["Overblik"]
    assert not revoked(db_url, LEDER)
    mine.sidebar.button(key="logout").click().run()
    assert mine.user == {"is_logged_in": False}
    assert revoked(db_url, LEDER)
    # The copy in a new browser session: the login page on its very first run, nothing else.
    later = logged_in(LEDER)
    assert titles(later) == ["Log ind"]
    assert "afsluttet" in later.warning[0].value
    assert not later.metric and not page_tables(later)
    assert not [b for b in later.button if b.key == "logout"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        later.switch_page("pages/worklists.py")
    (refused,) = audit_rows(db_url, action="login_refused")
    assert (refused["subject"], refused["email"], refused["role"]) == (
        "sub-lene",
        "lene@kommune.dk",
        "leder",
    )
    assert refused["detail"] == f"logged out; iat={LEDER['iat']}"
    later.run()  # a rerun is not another attempt
    assert len(audit_rows(db_url, action="login_refused")) == 1
    # The session that was open before the logout is refused on its next run too.
    copy.run()
    assert titles(copy) == ["Log ind"]
    assert len(audit_rows(db_url, action="login_refused")) == 2
    assert len(audit_rows(db_url, action="login")) == 1  # refusals are not logins
    # Logging in again is a new ID token (a new `iat`): that login works.
    again = logged_in({**LEDER, "iat": LEDER["iat"] + 60})
    assert titles(again) == ["Overblik"]


def test_a_button_pressed_in_a_session_whose_login_was_revoked_does_nothing(db_url):
    at = logged_in(WORKER)
    at.switch_page("pages/data.py").run()
    assert [tab.label for tab in at.tabs] == ["Registrér kontakt"]
    at.selectbox(key="log_person").select("__new__")
    # Meanwhile the worker logs out in another tab: this login is revoked.
    engine = create_engine_for(db_url)
    sessions.revoke(engine, auth.access.user_from_claims(WORKER, auth.access.RoleMap()))
    engine.dispose()
    at.form_submit_button[0].click().run()  # the save runs in a callback, before the gate
    assert not at.exception
    assert titles(at) == ["Log ind"]
    assert audit_rows(db_url, action="contact_logged") == []
    assert [r["detail"] for r in audit_rows(db_url, action="login_refused")] == [
        f"logged out; iat={WORKER['iat']}"
    ]


def test_a_login_cookie_the_server_did_not_accept_is_a_failed_login(db_url, monkeypatch):
    cookies = {"_streamlit_user": "eyJzdWIiOiAiYWRtaW4ifQ.forged", "_streamlit_xsrf": "x"}
    monkeypatch.setattr(auth, "request_cookies", lambda: cookies)
    at = logged_in(None)  # Streamlit found no login in the cookie it was sent
    assert titles(at) == ["Log ind"]
    assert "kunne ikke bekræftes" in at.warning[0].value
    (failed,) = audit_rows(db_url, action="login_failed")
    fingerprint = auth.login_cookie_fingerprint(cookies)
    assert failed["subject"] == "anonymous" and failed["role"] is None
    assert failed["detail"] == f"login cookie not accepted; sha256:{fingerprint}"
    assert "forged" not in str(failed)  # a digest, never the cookie itself
    at.run()  # once per session and cookie
    assert len(audit_rows(db_url, action="login_failed")) == 1
    cookies["_streamlit_user"] = "another.forgery"
    logged_in(None)
    assert len(audit_rows(db_url, action="login_failed")) == 2
    # No login cookie at all (only the tokens' or none): the plain login page, no row.
    for other in ({"_streamlit_user_tokens": "t"}, {}):
        monkeypatch.setattr(auth, "request_cookies", lambda other=other: other)
        plain = logged_in(None)
        assert titles(plain) == ["Log ind"] and not plain.warning
    assert len(audit_rows(db_url, action="login_failed")) == 2


def test_an_expired_login_is_a_refused_login(db_url):
    at = app_test(default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "sub": "sub-l", "roles": ["leder"], "iat": 7, "exp": 8}
    at.run()
    assert not at.exception and at.user == {"is_logged_in": False}
    (refused,) = audit_rows(db_url, action="login_refused")
    assert (refused["subject"], refused["detail"]) == ("sub-l", "expired; iat=7")
    assert [r["detail"] for r in audit_rows(db_url, action="logout")] == ["expired"]
    assert audit_rows(db_url, action="login") == []


def test_the_login_cookie_digest_covers_every_part_and_nothing_else():
    one = {"_streamlit_user": "a", "_streamlit_user_1": "b", "_streamlit_user_tokens": "t"}
    assert auth.login_cookie_fingerprint(one) != auth.login_cookie_fingerprint(
        {**one, "_streamlit_user_1": "c"}
    )
    assert auth.login_cookie_fingerprint(one) == auth.login_cookie_fingerprint(
        {**one, "_streamlit_user_tokens": "other", "other": "x"}
    )
    assert auth.login_cookie_fingerprint({"_streamlit_user_1": "b"}) is None
    assert len(auth.login_cookie_fingerprint(one) or "") == 16
