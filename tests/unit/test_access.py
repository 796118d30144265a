"""The role rules as a table (role x page x action), and claims -> role -> user."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access import access
from data_access.access import ACTIONS, PAGES, ROLES, AccessConfigError, RoleMap

# The table, written out by hand: what each role may open and do.
OPENS = {
    "udvalg": {"overview", "outreach", "caseload", "routes", "national"},
    "medarbejder": {"outreach", "routes", "data"},
    "leder": {
        "overview",
        "outreach",
        "caseload",
        "routes",
        "national",
        "data",
        "worklists",
        "alerts",
    },
    "admin": set(PAGES),
}
DOES = {
    "udvalg": {"brief", "export_figures"},
    "medarbejder": {"leave_committee_mode", "export_figures", "log_contact", "undo_own_contact"},
    "leder": {
        "brief",
        "leave_committee_mode",
        "export_figures",
        "log_contact",
        "undo_own_contact",
        "view_persons",
        "export_person_rows",
        "view_import_history",
        "export_worklist",
    },
    "admin": set(ACTIONS),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_who_may_open_which_page(role, page):
    assert access.may_open(role, page) == (page in OPENS[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_who_may_do_what(role, action):
    assert access.may(role, action) == (action in DOES[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_is_never_allowed_where_its_page_is_not(role, action):
    page, _, _ = access.ACTION_RULES[action]
    if page is not None and not access.may_open(role, page):
        assert not access.may(role, action)


@pytest.mark.parametrize("role", ROLES)
def test_committee_mode_takes_every_page_and_action_with_pseudonyms(role):
    for page in ("data", "audit", "worklists", "alerts"):
        assert not access.may_open(role, page, committee=True)
    for action in ("view_persons", "export_person_rows", "import", "undo_import", "log_contact"):
        assert not access.may(role, action, committee=True)
    # The committee-safe pages stay as the role has them.
    for page in ("overview", "outreach", "caseload", "routes"):
        assert access.may_open(role, page, committee=True) == (page in OPENS[role])


def test_nobody_known_may_nothing_and_sees_committee_figures():
    assert not any(access.may_open(None, p) for p in PAGES)
    assert not any(access.may(None, a) for a in ACTIONS)
    assert access.forced_committee(None)
    assert access.forced_committee("udvalg")
    assert not any(access.forced_committee(r) for r in ("medarbejder", "leder", "admin"))
    assert not access.may_open("admin", "no-such-page")  # type: ignore[arg-type]


def test_each_role_lands_on_a_page_it_may_open():
    assert access.landing_page("medarbejder") == "outreach"
    assert access.landing_page("udvalg") == "overview"
    assert access.landing_page(None) is None


def test_roles_from_the_claim_with_the_default_mapping():
    roles = RoleMap()
    assert roles.role({"roles": ["leder"]}) == "leder"
    assert roles.role({"roles": ["udvalg", "admin"]}) == "admin"  # the most rights win
    assert roles.role({"roles": "medarbejder"}) == "medarbejder"  # a single string
    assert roles.role({"roles": "udvalg leder"}) == "leder"  # space-separated
    assert roles.role({"roles": ["Guest"]}) is None
    assert roles.role({"groups": ["admin"]}) is None  # another claim does not count
    assert roles.role({}) is None
    assert roles.role({"roles": {"admin": True}}) is None  # not a list of values


def test_the_mapping_comes_from_configuration():
    roles = access.role_map(
        {
            "roles_claim": "app_roles",
            "roles": {"Brobygger.Udvalg": "udvalg", "Brobygger.Admin": "admin"},
        }
    )
    assert roles.role({"app_roles": ["Brobygger.Udvalg"]}) == "udvalg"
    assert roles.role({"app_roles": ["admin"]}) is None  # only the configured values count
    assert roles.role({"roles": ["Brobygger.Admin"]}) is None
    assert access.role_map(None) == RoleMap()
    assert access.role_map({"roles_claim": "x"}).claim == "x"


@pytest.mark.parametrize(
    "config, message",
    [
        ({"roles": {"Brobygger.Chef": "boss"}}, "unknown roles"),
        ({"roles": []}, "must map"),
        ({"roles_claim": ""}, "roles_claim"),
    ],
)
def test_a_wrong_mapping_is_refused_with_a_message(config, message):
    with pytest.raises(AccessConfigError, match=message):
        access.role_map(config)


def test_a_user_from_entra_id_claims():
    claims = {
        "is_logged_in": True,
        "sub": "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
        "oid": "00000000-0000-0000-66f3-3332eca7ea81",
        "preferred_username": "ane@helsingor.dk",
        "name": "Ane Andersen",
        "roles": ["leder"],
        "exp": 1_900_000_000,
        "iat": 1_899_996_400,
    }
    user = access.user_from_claims(claims, RoleMap())
    assert user.subject == claims["sub"]
    assert user.email == "ane@helsingor.dk"  # the sign-in name when there is no email claim
    assert user.role == "leder" and user.kind == "oidc"
    assert user.label == "ane@helsingor.dk"
    assert user.may("export_person_rows") and not user.may("import")
    assert not user.expired(dt.datetime.fromtimestamp(1_899_999_999, dt.UTC))
    assert user.expired(dt.datetime.fromtimestamp(1_900_000_000, dt.UTC))


def test_a_user_without_exp_is_not_expired_and_without_role_may_nothing():
    user = access.user_from_claims({"sub": "x", "roles": []}, RoleMap())
    assert not user.expired()
    assert user.role is None and not user.may_open("outreach")


def test_the_demo_and_command_line_users():
    demo = access.demo_user("udvalg")
    assert demo.kind == "demo" and demo.role == "udvalg" and demo.subject == "demo-udvalg"
    cli = access.cli_user()
    assert cli.kind == "cli" and cli.role == "admin" and cli.subject.startswith("cli:")


def test_the_demo_is_only_for_a_browser_on_this_machine():
    from ui.login_config import listens_beyond_localhost, local_request

    assert local_request({}) and local_request({"Host": "localhost:8501"})
    assert local_request({"host": "127.0.0.1:8612"}) and local_request({"Host": "[::1]:8501"})
    assert not local_request({"Host": "brobygger.kommune.dk"})
    assert not local_request({"Host": "10.0.0.5:8501"})
    assert not local_request({"Host": "localhost:8501", "X-Forwarded-For": "203.0.113.9"})
    assert not local_request({"Host": "localhost", "Forwarded": "for=203.0.113.9"})
    assert not listens_beyond_localhost("localhost")
    assert not listens_beyond_localhost("127.0.0.1") and not listens_beyond_localhost("::1")
    assert listens_beyond_localhost("") and listens_beyond_localhost("0.0.0.0")
    assert listens_beyond_localhost("192.168.1.20") and listens_beyond_localhost("app.local")
