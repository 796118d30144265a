"""Roles in AppTest, through the current_user seam: the demo's role picker (no login
configured) and the claims Streamlit puts in st.user after a real login (at.user with an [auth]
secret). What each page shows and refuses, and the audit row each step leaves."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select
from streamlit import config
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from data_access import schema
from data_access.backup import backup_sqlite
from data_access.db import create_engine_for
from tests.app.conftest import every_tab, page_tables

PAGES = {
    "overview": ("pages/overview.py", "Overblik"),
    "outreach": ("pages/outreach.py", "Opsøgende indsats"),
    "caseload": ("pages/caseload.py", "Behandling"),
    "routes": ("pages/routes.py", "Ruteplan"),
    "data": ("pages/data.py", "Data"),
    "audit": ("pages/audit.py", "Revisionslog"),
    "worklists": ("pages/worklists.py", "Arbejdslister"),
    "alerts": ("pages/alerts.py", "Varsler"),
}
OPENS = {
    "udvalg": {"overview", "outreach", "caseload", "routes"},
    "medarbejder": {"outreach", "routes", "data"},
    "leder": {"overview", "outreach", "caseload", "routes", "data", "worklists", "alerts"},
    "admin": set(PAGES),
}
DATA_TABS = {
    "medarbejder": ["Registrér kontakt"],
    "leder": ["Registrér kontakt", "Eksportér", "Importhistorik"],
    "admin": ["Registrér kontakt", "Importér", "Eksportér", "Importhistorik"],
}
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-that-is-long-enough",
    "client_id": "brobygger",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.fixture
def db_url(tmp_path, demo_db_url, monkeypatch) -> str:
    """A private copy of the demo database: these tests write audit rows."""
    target = tmp_path / "access.db"
    backup_sqlite(demo_db_url, target)  # the WAL too, unlike a file copy
    url = f"sqlite:///{target}"
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", url)
    return url


def audit_rows(url: str, **where) -> list[dict]:
    engine = create_engine_for(url)
    query = select(schema.audit_log).order_by(schema.audit_log.c.id)
    for name, value in where.items():
        query = query.where(schema.audit_log.c[name] == value)
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    engine.dispose()
    return rows


def demo(role: str, **params) -> AppTest:
    at = app_test(default_timeout=60)
    at.query_params["role"] = role
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def logged_in(claims: dict | None, **params) -> AppTest:
    """The app with login configured; `claims` as Streamlit keeps them after a login."""
    at = app_test(default_timeout=60)
    at.secrets["auth"] = AUTH
    if claims is not None:
        at.user = {"is_logged_in": True, "exp": int(time.time()) + 3600, "iat": 1, **claims}
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for kind in (at.error, at.warning, at.info, at.success) for e in kind]
    return " ".join(str(p) for p in parts)


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(PAGES[page][0]).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("role", list(OPENS))
def test_each_role_opens_its_pages_and_is_refused_the_rest(role, db_url):
    at = demo(role)
    for page, (_, title) in PAGES.items():
        open_page(at, page)
        shown = [t.value for t in at.title]
        if page in OPENS[role]:
            assert shown == [title], (role, page, shown)
        else:
            assert shown == [], (role, page, shown)
            assert "giver ikke adgang" in texts(at)
    refused = {r["page"] for r in audit_rows(db_url, action="denied")}
    assert refused == set(PAGES) - OPENS[role]
    assert {r["role"] for r in audit_rows(db_url, action="denied")} <= {role}


def test_the_demo_is_clearly_marked_and_its_picker_changes_the_role(db_url):
    at = demo("admin")
    assert any("Lokal demo" in m.value for m in at.sidebar.markdown)
    at.radio(key="demo_role_switch.da").set_value("udvalg").run()
    assert not at.exception
    open_page(at, "data")
    assert "giver ikke adgang" in texts(at)
    assert audit_rows(db_url, action="denied")[-1]["subject"] == "demo-udvalg"


@pytest.mark.parametrize("params", [{"committee": "0"}, {"committee": "1"}, {}])
def test_a_committee_member_sees_committee_figures_whatever_the_url_says(params, db_url):
    at = demo("udvalg", period="month", **params)
    assert not [t for t in at.toggle if t.key == "committee_switch"]  # no switch to turn off
    assert any("Udvalgsvisning" in c.value for c in at.sidebar.caption)
    at.session_state["committee"] = False  # a session cannot turn it off either
    at.run()
    assert any("Udvalgsvisning" in c.value for c in at.sidebar.caption)
    open_page(at, "caseload")
    cells = " ".join(
        str(v)
        for each in every_tab(at, "pages/caseload.py")
        for f in page_tables(each)
        for v in f.to_numpy().ravel()
    )
    assert "<5" in cells
    open_page(at, "data")
    assert not at.tabs and "BB-" not in texts(at)


def test_a_manager_with_the_url_committee_off_sees_exact_counts(db_url):
    at = demo("leder", period="month", committee="0")
    assert [t for t in at.toggle if t.key == "committee_switch"]
    open_page(at, "caseload")
    cells = " ".join(
        str(v)
        for each in every_tab(at, "pages/caseload.py")
        for f in page_tables(each)
        for v in f.to_numpy().ravel()
    )
    assert "<5" not in cells


@pytest.mark.parametrize("role", ["medarbejder", "leder", "admin"])
def test_the_data_page_has_the_parts_the_role_may_use(role, db_url):
    at = open_page(demo(role), "data")
    assert [tab.label for tab in at.tabs] == DATA_TABS[role]
    views = audit_rows(db_url, action="view")
    assert {(v["page"], v["role"]) for v in views} == {("data", role)}
    # The page, and the contact form's list of persons met recently: each one named.
    offered = at.selectbox(key="log_person").options[2:]
    listed = [v["pseudonym"] for v in views if (v["detail"] or "").startswith("contact form")]
    assert offered and sorted(listed) == sorted(offered)
    at.run()  # a rerun is not another look
    assert len(audit_rows(db_url, action="view")) == len(views)


def test_a_worker_logs_a_contact_and_undoes_their_own_entry(db_url):
    at = open_page(demo("medarbejder"), "data")
    at.selectbox(key="log_person").select("__new__")
    at.form_submit_button[0].click().run()
    assert not at.exception and "Kontakten er gemt" in at.success[0].value
    (logged,) = audit_rows(db_url, action="contact_logged")
    assert logged["subject"] == "demo-medarbejder" and logged["pseudonym"].startswith("BB-")
    # Undo from "my latest entries": what goes is shown, and nothing happens unconfirmed.
    assert at.selectbox(key="own_pick").value == logged["batch_id"]
    batch = logged["batch_id"]
    assert "1 kontakt, 0 forløb og 1 person," in " ".join(i.value for i in at.info)
    assert at.button(key="own-undo").disabled
    at.checkbox(key=f"own-confirm-{batch}").check().run()
    at.button(key="own-undo").click().run()
    assert not at.exception
    (undone,) = audit_rows(db_url, action="contact_undone")
    assert undone["batch_id"] == batch and undone["pseudonym"] == logged["pseudonym"]


def test_an_admin_undoes_an_import_only_after_confirming(db_url):
    at = open_page(demo("admin"), "data")
    batch = int(at.selectbox(key="history_batch").value)
    assert at.button(key="history-undo").disabled
    assert f"bunke #{batch}" in " ".join(i.value for i in at.info)
    at.checkbox(key=f"history-confirm-{batch}").check().run()
    at.button(key="history-undo").click().run()
    assert not at.exception
    assert f"Bunke {batch} er fjernet" in at.success[0].value
    undone = audit_rows(db_url, action="undo_import")  # one row per person in the batch
    assert {(r["batch_id"], r["role"]) for r in undone} == {(batch, "admin")}
    assert len({r["pseudonym"] for r in undone}) == len(undone) > 1


def test_a_manager_sees_the_history_but_cannot_undo_or_import(db_url):
    at = open_page(demo("leder"), "data")
    assert [s for s in at.selectbox if s.key == "history_batch"] == []
    assert "Lavet af" in page_tables(at)[0].columns


def test_the_audit_page_reads_the_log_and_makes_the_extract(db_url):
    at = open_page(demo("medarbejder"), "data")
    at.selectbox(key="log_person").select("__new__")
    at.form_submit_button[0].click().run()
    pseudonym = audit_rows(db_url, action="contact_logged")[0]["pseudonym"]
    admin = open_page(demo("admin"), "audit")
    log = page_tables(admin)[0]
    assert "Kontakt registreret" in set(log["Handling"])
    assert "demo-medarbejder" in set(log["Bruger-id"])
    admin.text_input(key="audit_extract_pseudonym").input(pseudonym)
    admin.form_submit_button[0].click().run()
    assert not admin.exception
    extract = page_tables(admin)[-1]
    assert list(extract.columns) == ["Dato", "Formål"]  # no staff names
    assert "Registrering af kontakt med den opsøgende indsats" in set(extract["Formål"])
    assert "demo-medarbejder" not in extract.to_string()
    assert audit_rows(db_url, action="audit_extract")[0]["pseudonym"] == pseudonym
    assert {r["page"] for r in audit_rows(db_url, action="view")} == {"data", "audit"}


# --- with login configured --------------------------------------------------------------------


def test_without_a_login_nothing_is_shown_but_the_login(db_url):
    at = logged_in(None, role="admin")  # the demo's ?role= means nothing here
    assert [t.value for t in at.title] == ["Log ind"]
    assert [b.label for b in at.button] == ["Log ind med kommunens konto"]
    assert not at.metric and not page_tables(at)
    # No page file is even registered (the browser test opens /data before logging in).
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGES["data"][0])


@pytest.mark.parametrize("role", list(OPENS))
def test_a_logged_in_role_from_the_roles_claim(role, db_url):
    at = logged_in({"sub": f"sub-{role}", "email": f"{role}@kommune.dk", "roles": [role]})
    assert any(f"{role}@kommune.dk" in c.value for c in at.sidebar.caption)
    assert [b.label for b in at.sidebar.button] == ["Log ud"]
    for page, (_, title) in PAGES.items():
        open_page(at, page)
        assert ([t.value for t in at.title] == [title]) == (page in OPENS[role]), page
    (login,) = audit_rows(db_url, action="login")  # once, for all those reruns
    assert (login["subject"], login["email"], login["role"]) == (
        f"sub-{role}",
        f"{role}@kommune.dk",
        role,
    )


def test_the_role_mapping_comes_from_the_secrets(db_url):
    at = app_test(default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["access"] = {"roles": {"Brobygger.Leder": "leder"}}
    at.user = {"is_logged_in": True, "sub": "s1", "roles": ["Brobygger.Leder"]}
    at.run()
    assert [t.value for t in at.title] == ["Overblik"]
    at.user = {"is_logged_in": True, "sub": "s2", "roles": ["leder"]}  # unmapped value
    at.run()
    assert [t.value for t in at.title] == ["Ingen adgang"]


def test_a_user_without_a_known_role_gets_no_access_and_it_is_audited(db_url):
    at = logged_in({"sub": "sub-x", "email": "x@kommune.dk", "roles": ["Guest"]})
    assert [t.value for t in at.title] == ["Ingen adgang"]
    assert "x@kommune.dk" in at.error[0].value
    assert not at.metric and not page_tables(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGES["outreach"][0])
    (denied,) = audit_rows(db_url, action="denied")
    assert denied["subject"] == "sub-x" and denied["role"] is None


def test_a_committee_member_logged_in_cannot_leave_committee_mode(db_url):
    at = logged_in({"sub": "sub-u", "roles": ["udvalg"]}, committee="0", role="admin")
    assert any("Udvalgsvisning" in c.value for c in at.sidebar.caption)
    assert not [t for t in at.toggle if t.key == "committee_switch"]
    open_page(at, "data")
    assert "giver ikke adgang" in texts(at)


def test_an_expired_id_token_logs_the_user_out(db_url):
    at = app_test(default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "sub": "sub-l", "roles": ["leder"], "exp": time.time() - 1}
    at.run()
    assert not at.exception
    assert at.user == {"is_logged_in": False}  # st.logout was called
    assert not at.metric
    (logout,) = audit_rows(db_url, action="logout")
    assert (logout["subject"], logout["detail"]) == ("sub-l", "expired")


def test_logging_out_is_audited(db_url):
    at = logged_in({"sub": "sub-a", "roles": ["admin"]})
    at.sidebar.button(key="logout").click().run()
    assert at.user == {"is_logged_in": False}
    (logout,) = audit_rows(db_url, action="logout")
    assert (logout["subject"], logout["detail"]) == ("sub-a", "button")


def test_require_login_refuses_without_a_login_configured(db_url, monkeypatch):
    monkeypatch.setenv("BROBYGGER_REQUIRE_LOGIN", "1")
    at = demo("admin")
    assert [t.value for t in at.title] == ["Login er ikke sat op"]
    assert "BROBYGGER_REQUIRE_LOGIN" in at.error[0].value
    assert "oauth2callback" in at.markdown[-1].value and "login.microsoftonline.com" in (
        at.markdown[-1].value
    )
    assert not at.metric and not page_tables(at)
    assert audit_rows(db_url, action="denied")[0]["detail"] == "login required"
    # With login configured, the same setting lets a logged-in user in.
    at = logged_in({"sub": "s", "roles": ["leder"]})
    assert [t.value for t in at.title] == ["Overblik"]


@pytest.fixture
def public_address():
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", before)


def test_listening_beyond_localhost_without_login_refuses(db_url, public_address):
    at = demo("admin")
    assert [t.value for t in at.title] == ["Login er ikke sat op"]
    assert "0.0.0.0" in at.error[0].value
    assert not at.metric
    at = logged_in({"sub": "s", "roles": ["udvalg"]})
    assert [t.value for t in at.title] == ["Overblik"]
