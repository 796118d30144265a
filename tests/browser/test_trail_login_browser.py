"""The trail around a real login (local OpenID Connect provider, BROBYGGER_REQUIRE_LOGIN=1):
failed logins are in the audit log, nothing is uploaded before login, and a login cookie
copied before a logout opens nothing after it."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from bench.streamlit_session import StreamlitSession, run_scenario
from tests.browser import test_login_browser as login
from tests.browser.test_login_browser import audit_rows
from tests.server.test_gateway_server import _upload

# The login test's provider, database and app, started for this module too.
provider, login_db, login_app = login.provider, login.login_db, login.login_app


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("state=forged&code=abc", "state not recognised"),
        ("error=access_denied&state=x", "provider error: access_denied"),
        ("code=abc", "no state in the callback"),
    ],
)
def test_a_failed_login_at_the_callback_is_in_the_log(login_app, login_db, query, reason):
    before = len(audit_rows(login_db, action="login_failed"))
    _get(f"{login_app}/oauth2callback?{query}")  # Streamlit redirects to the start page
    rows = audit_rows(login_db, action="login_failed")[before:]
    assert len(rows) == 1, rows
    assert reason in rows[0]["detail"] and rows[0]["client"] == "127.0.0.1"
    assert rows[0]["subject"] == "anonymous"


def test_nothing_is_uploaded_before_login(login_app):
    async def scenario() -> None:
        async with StreamlitSession(login_app) as session:
            run = await session.connect()
            assert run.has_text("Log ind")
            assert _upload(session, login_app, session.session_id, 100) == 403
            run = await session.log_in(run, "Log ind med kommunens konto", "sub-admin")
            await session.close()
            run = await session.connect("data")
            assert not run.has_text("Log ind med kommunens konto")
            assert _upload(session, login_app, session.session_id, 100) in (200, 204)

    run_scenario(scenario)
