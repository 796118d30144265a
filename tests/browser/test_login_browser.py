"""A real OpenID Connect login in Chromium against a local identity provider.

The provider is oidc-provider-mock, started by the tests on 127.0.0.1 (no internet); the app
runs under `streamlit run` with an [auth] secrets file pointing at it, exactly as it would at
Microsoft Entra ID. One user per role logs in through the redirect, sees what the role allows,
is refused the rest, logs out; the audit log must hold a row for each of those steps. A second
provider issues ID tokens that expire at once: the app must log that user out. A login cookie
copied to another browser stops working at logout, and a tampered one never works; both are
refused on their first page load and audited.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import subprocess
import sys
import time
import urllib.request
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError
from sqlalchemy import select

from bench.browser import free_port, serve_app
from data_access import schema
from data_access.backup import backup_sqlite
from data_access.db import create_engine_for
from data_access.settings import PROJECT_ROOT
from tests.browser.conftest import TABLE, screenshot, wait_for_app
from ui.auth import LOGIN_COOKIE, login_cookie_fingerprint
from ui.i18n import TEXTS

USERS = {
    "udvalg": {"email": "ulla@kommune.dk", "name": "Ulla Udvalg", "roles": ["udvalg"]},
    "medarbejder": {"email": "mads@kommune.dk", "name": "Mads Gade", "roles": ["medarbejder"]},
    "leder": {"email": "lene@kommune.dk", "name": "Lene Leder", "roles": ["leder"]},
    "admin": {"email": "anna@kommune.dk", "name": "Anna Admin", "roles": ["admin"]},
    "gaest": {"email": "gert@kommune.dk", "name": "Gert Gæst", "roles": ["Guest"]},
    "kopi": {"email": "kim@kommune.dk", "name": "Kim Kopi", "roles": ["leder"]},
}
NAV = {
    "udvalg": ["Overblik", "Opsøgende indsats", "Behandling", "Ruteplan", "Landstal"],
    "medarbejder": ["Opsøgende indsats", "Ruteplan", "Data"],
    "leder": [
        "Overblik",
        "Opsøgende indsats",
        "Behandling",
        "Arbejdslister",
        "Varsler",
        "Ruteplan",
        "Landstal",
        "Data",
    ],
    "admin": [
        "Overblik",
        "Opsøgende indsats",
        "Behandling",
        "Arbejdslister",
        "Varsler",
        "Ruteplan",
        "Landstal",
        "Data",
        "Revisionslog",
    ],
}
REFUSED = {
    "udvalg": ["data", "audit"],
    "medarbejder": ["overview", "caseload", "audit"],
    "leder": ["audit"],
    "admin": [],
}


@contextmanager
def identity_provider(users: dict[str, dict], token_seconds: int) -> Iterator[str]:
    """oidc-provider-mock on a loopback port, one predefined user per subject (its own
    process: see tests/browser/oidc_provider.py)."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.browser.oidc_provider",
            f"--port={port}",
            f"--users={json.dumps(users)}",
            f"--token-seconds={token_seconds}",
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a Python start and imports, on a busy machine
        while True:
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the identity provider did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def app_with_login(provider: str, db_url: str, folder: Path) -> Iterator[str]:
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "test-cookie-secret-{port}-long-enough"
client_id = "brobygger-test"
client_secret = "test-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""",
        encoding="utf-8",
    )
    env = {
        "BROBYGGER_DATABASE_URL": db_url,
        "BROBYGGER_MAP_TILES": "none",
        "BROBYGGER_REQUIRE_LOGIN": "1",
    }
    with serve_app(env, folder / "streamlit.log", f"--secrets.files={secrets}", port=port) as url:
        yield url


@pytest.fixture(scope="module")
def login_db(tmp_path_factory, demo_db_url) -> str:
    target = tmp_path_factory.mktemp("login") / "login.db"
    backup_sqlite(demo_db_url, target)  # the WAL too, unlike a file copy
    return f"sqlite:///{target}"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    with identity_provider({f"sub-{k}": v for k, v in USERS.items()}, token_seconds=3600) as url:
        yield url


@pytest.fixture(scope="module")
def login_app(provider, login_db, tmp_path_factory) -> Iterator[str]:
    with app_with_login(provider, login_db, tmp_path_factory.mktemp("login-app")) as url:
        yield url


@contextmanager
def browser_page(browser, app_url: str, width: int = 1440):
    context = browser.new_context(viewport={"width": width, "height": 1000}, locale="da-DK")
    external: list[str] = []

    def only_this_machine(route) -> None:
        url = route.request.url
        if urlparse(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
            return
        # The mock provider's own page asks a CDN for its style sheet: refused, not counted.
        if not (route.request.headers.get("referer") or "").startswith(app_url):
            route.abort()
            return
        external.append(url)
        route.abort()

    context.route("**/*", only_this_machine)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert external == [], f"the app tried to reach the internet: {external}"
    assert errors == []


def audit_rows(db_url: str, **where) -> list[dict]:
    engine = create_engine_for(db_url)
    query = select(schema.audit_log).order_by(schema.audit_log.c.id)
    for name, value in where.items():
        query = query.where(schema.audit_log.c[name] == value)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    engine.dispose()
    return rows


def log_in(page, app_url: str, provider: str, sub: str, start: str = "") -> None:
    page.goto(f"{app_url}/{start}")
    wait_for_app(page)
    page.get_by_role("heading", name="Log ind").wait_for()
    page.get_by_role("button", name="Log ind med kommunens konto").click()
    page.wait_for_url(f"{provider}/oauth2/authorize**", timeout=20_000)
    page.locator(f'button[name="sub"][value="{sub}"]').click()
    page.wait_for_url(f"{app_url}/**", timeout=20_000)
    wait_for_app(page)


def log_out(page, app_url: str, provider: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Log ud").click()
    # The provider's end-session page (Entra ID shows one too), then back to the app.
    page.wait_for_url(f"{provider}/oauth2/end_session**", timeout=20_000)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{app_url}/**", timeout=20_000)
    wait_for_app(page)
    page.get_by_role("heading", name="Log ind").wait_for()


def nav_entries(page) -> list[str]:
    # Each link reads "<icon ligature>\n\n<title>": the title is the last line.
    links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    # The alerts page carries a badge with its count of open alerts ("Varsler 3"; the badge
    # may read as a line of its own).
    lines = [[ln.strip() for ln in text.strip().splitlines() if ln.strip()] for text in links]
    titles = [[ln for ln in parts if not ln.isdigit()][-1] for parts in lines if parts]
    return [re.sub(r" \d+$", "", title) for title in titles]


def open_path(page, app_url: str, path: str) -> str:
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    return page.locator('[data-testid="stMain"]').inner_text()


PATHS = {"overview": "overview", "caseload": "caseload", "data": "data", "audit": "audit"}


@pytest.mark.parametrize("role", list(NAV))
def test_each_role_logs_in_sees_its_pages_is_refused_the_rest_and_logs_out(
    role, browser, login_app, provider, login_db
):
    sub = f"sub-{role}"
    with browser_page(browser, login_app) as page:
        log_in(page, login_app, provider, sub, start="data")  # a deep link first: login only
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert USERS[role]["email"] in sidebar
        assert nav_entries(page) == NAV[role]
        screenshot(page, f"login-{role}-1440")
        for refused in REFUSED[role]:
            main = open_path(page, login_app, PATHS[refused])
            assert "giver ikke adgang" in main, (role, refused)
        if role == "udvalg":
            open_path(page, login_app, "caseload?committee=0&period=month")
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.get_by_text(TEXTS["committee.banner"]["da"]).wait_for()
            assert sidebar.get_by_text("Udvalgsvisning", exact=True).count() == 0  # no switch
            shown = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
            assert not {v.strip() for v in shown} & {"1", "2", "3", "4"}
        if role == "medarbejder":
            open_path(page, login_app, "data")
            tabs = page.get_by_role("tab").all_inner_texts()
            assert [t.strip() for t in tabs] == ["Registrér kontakt"]
            page.get_by_role("button", name="Gem kontakt").click()
            page.get_by_test_id("stAlertContentSuccess").get_by_text("Kontakten er gemt").wait_for(
                timeout=15_000
            )
        if role == "leder":
            open_path(page, login_app, "data")
            page.get_by_role("tab", name="Eksportér").click()
            with page.expect_download() as download:
                page.get_by_role("button", name="CSV").first.click()
            assert download.value.suggested_filename.startswith("brobygger-kontakter-")
        if role == "admin":
            main = open_path(page, login_app, "audit")
            assert "Revisionslog" in main
            page.locator(TABLE).first.wait_for()
        page.set_viewport_size({"width": 390, "height": 844})
        open_path(page, login_app, "")
        screenshot(page, f"login-{role}-390")
        page.set_viewport_size({"width": 1440, "height": 1000})
        log_out(page, login_app, provider)
        assert page.locator('[data-testid="stMetricValue"]').count() == 0

    mine = audit_rows(login_db, subject=sub)
    actions = [r["action"] for r in mine]
    assert actions.count("login") == 1, actions  # several page loads, one login
    assert actions[-1] == "logout" and mine[-1]["detail"] == "button"
    assert {r["email"] for r in mine} == {USERS[role]["email"]}
    assert {r["role"] for r in mine} == {role}
    refused_pages = {r["page"] for r in mine if r["action"] == "denied"}
    assert refused_pages == set(REFUSED[role])
    if role == "medarbejder":
        assert "view" in actions and "contact_logged" in actions
    if role == "leder":
        exported = [r for r in mine if r["action"] == "export"]
        assert exported and all(r["page"] == "data" for r in exported)
        assert any(r["pseudonym"] for r in exported)  # each person in the file is named
    if role == "admin":
        assert any(r["action"] == "view" and r["page"] == "audit" for r in mine)


def test_a_user_without_a_role_sees_nothing_and_it_is_audited(browser, login_app, provider):
    with browser_page(browser, login_app) as page:
        log_in(page, login_app, provider, "sub-gaest")
        page.get_by_role("heading", name="Ingen adgang").wait_for()
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "gert@kommune.dk" in main
        assert page.locator('[data-testid="stMetricValue"]').count() == 0
        assert nav_entries(page) == []
        assert "Ingen adgang" in open_path(page, login_app, "data")
        screenshot(page, "login-no-role")


def test_the_gaest_refusal_is_in_the_log(login_db):
    rows = audit_rows(login_db, subject="sub-gaest")
    assert {r["action"] for r in rows} == {"login", "denied"}
    assert next(r for r in rows if r["action"] == "denied")["role"] is None


def test_an_expired_id_token_logs_the_user_out(browser, login_db, tmp_path):
    users = {"sub-kort": {"email": "kort@kommune.dk", "roles": ["leder"]}}
    with (
        identity_provider(users, token_seconds=2) as short,
        app_with_login(short, login_db, tmp_path) as app_url,
        browser_page(browser, app_url) as page,
    ):
        page.goto(f"{app_url}/")
        wait_for_app(page)
        page.get_by_role("button", name="Log ind med kommunens konto").click()
        page.wait_for_url(f"{short}/oauth2/authorize**", timeout=20_000)
        page.locator('button[name="sub"][value="sub-kort"]').click()
        # Past `exp` (Streamlit's cookie would live 30 days) the app sends the user through
        # the provider's logout. If the first page came before `exp`, the next load does it.
        for _ in range(20):
            if "/oauth2/end_session" in page.url:
                break
            page.wait_for_timeout(1_000)
            if page.url.startswith(app_url) and "oauth2callback" not in page.url:
                with contextlib.suppress(PlaywrightError):  # the logout redirect won the race
                    page.reload()
        page.wait_for_url(f"{short}/oauth2/end_session**", timeout=20_000)
        page.get_by_role("button", name="End session").click()
        page.wait_for_url(f"{app_url}/**", timeout=20_000)
        wait_for_app(page)
        page.get_by_role("heading", name="Log ind").wait_for()
    rows = audit_rows(login_db, subject="sub-kort")
    assert [r["action"] for r in rows][-1] == "logout"
    assert rows[-1]["detail"] == "expired"


def _login_cookies(page) -> list[dict]:
    return [c for c in page.context.cookies() if c["name"].startswith(LOGIN_COOKIE)]


def test_a_copied_login_cookie_stops_working_at_logout(browser, login_app, provider, login_db):
    """Streamlit's cookie stays valid for 30 days after st.logout in any browser that copied
    it; the app revokes the login on logout, so the copy gets the login page from then on."""
    with browser_page(browser, login_app) as mine, browser_page(browser, login_app) as copy:
        log_in(mine, login_app, provider, "sub-kopi")
        assert "Overblik" in mine.locator('[data-testid="stMain"]').inner_text()
        stolen = _login_cookies(mine)
        assert any(c["name"] == LOGIN_COOKIE for c in stolen)
        copy.context.add_cookies(stolen)
        # The copy works while the login lasts: it is the same login, in another browser.
        assert "Arbejdslister" in open_path(copy, login_app, "worklists")
        log_out(mine, login_app, provider)
        main = open_path(copy, login_app, "worklists")  # the copy's first load afterwards
        copy.get_by_role("heading", name="Log ind").wait_for()
        assert "Dette login er afsluttet" in main
        assert copy.locator(TABLE).count() == 0
        assert nav_entries(copy) == []
        screenshot(copy, "login-revoked")
    rows = audit_rows(login_db, subject="sub-kopi")
    actions = [r["action"] for r in rows]
    assert actions.count("login") == 1, actions
    assert "logout" in actions and actions[-1] == "login_refused", actions
    assert rows[-1]["detail"].startswith("logged out; iat=")
    views = [r for r in rows if r["action"] == "view" and r["page"] == "worklists"]
    assert views and all(r["id"] < rows[-1]["id"] for r in views)  # nothing shown after


def _with_role(signed: str, old: str, new: str) -> str:
    """The cookie with its payload's role changed and its signature kept: an escalation that
    the signature must catch. (Streamlit signs with itsdangerous: ".<zlib, base64>.<time>.<sig>"
    for a compressed payload.)"""
    empty, payload, stamp, signature = signed.split(".")
    assert empty == ""  # compressed
    claims = zlib.decompress(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    before, after = (f'\\"{role}\\"'.encode() for role in (old, new))  # JSON in a JSON string
    assert before in claims
    changed = zlib.compress(claims.replace(before, after))
    forged = base64.urlsafe_b64encode(changed).decode().rstrip("=")
    return f".{forged}.{stamp}.{signature}"


def test_a_tampered_login_cookie_is_a_failed_login(browser, login_app, provider, login_db):
    with browser_page(browser, login_app) as real, browser_page(browser, login_app) as forged:
        log_in(real, login_app, provider, "sub-leder")
        cookie = next(c for c in _login_cookies(real) if c["name"] == LOGIN_COOKIE)
        value = _with_role(cookie["value"], "leder", "admin")
        forged.context.add_cookies([{**cookie, "value": value}])
        main = open_path(forged, login_app, "audit")
        forged.get_by_role("heading", name="Log ind").wait_for()
        assert "Login kunne ikke bekræftes" in main
        assert "Revisionslog" not in main and nav_entries(forged) == []
    fingerprint = login_cookie_fingerprint({LOGIN_COOKIE: value})
    failed = [r for r in audit_rows(login_db, action="login_failed") if fingerprint in r["detail"]]
    assert len(failed) == 1  # one page load, one row
    assert failed[0]["subject"] == "anonymous" and failed[0]["role"] is None
    assert value not in str(failed[0])
