"""The local demo's role cannot change by itself (issue 24): without ?role= it is the least
privileged role, udvalg; a role chosen by a link survives the language switch and every page
change, in the session and in the URL, committee mode included.

The browser half of the reported bug: Streamlit's radio sends back the label it showed, so
after a switch to English the picker sent "Leder", which matched no English option; the
callback took it for a choice, the role fell back to the default (admin) on the next page.
`_switch_language_as_a_browser_does` sends that label the way Chromium did
(tests/browser/test_language_switch_browser.py drives the real thing)."""

from __future__ import annotations

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from tests.app.test_access_app import audit_rows, db_url  # noqa: F401 (fixture)
from ui.filters import LANGUAGE_WIDGET


def _open(**params: str) -> AppTest:
    at = app_test(default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def _picker(at: AppTest):
    (radio,) = [r for r in at.sidebar.radio if r.label in ("Rolle (demo)", "Role (demo)")]
    return radio


def _navigate(at: AppTest, page: str) -> AppTest:
    """A click in the sidebar's navigation: the browser drops the query string on the way."""
    for key in list(at.query_params):
        del at.query_params[key]
    at.switch_page(page).run()
    assert not at.exception
    return at


def _url(at: AppTest) -> dict[str, str]:
    return {k: v[0] if isinstance(v, list) else v for k, v in at.query_params.items()}


def _switch_language_as_a_browser_does(at: AppTest, lang: str) -> None:
    """Click the language, then send on the next run what the page showed in the role picker
    before (its widget and the label shown), as the browser kept it."""
    picker = _picker(at)
    shown = (picker.id, picker.options[picker.index])
    next(w for w in at.get("button_group") if w.key == LANGUAGE_WIDGET).set_value(lang).run()
    assert not at.exception
    tree = at._tree
    real = tree.get_widget_states

    def kept_by_the_browser():
        states = real()
        stale = [w for w in states.widgets if w.id == shown[0]]
        for widget in stale:
            widget.string_value = shown[1]
        if not stale:
            states.widgets.append(WidgetState(id=shown[0], string_value=shown[1]))
        return states

    tree.get_widget_states = kept_by_the_browser


def test_without_a_role_the_demo_is_a_committee_member(db_url):  # noqa: F811
    # The shared demo database may hold other tests' rows already: only this test's count.
    before = len(audit_rows(db_url, action="denied"))
    at = _open()
    assert at.session_state["role"] == "udvalg"
    assert _picker(at).value == "udvalg"
    assert any("Udvalgsvisning" in c.value for c in at.sidebar.caption)  # committee, forced
    assert _url(at)["role"] == "udvalg"  # the link says which role it shows
    at.switch_page("pages/data.py").run()
    assert "giver ikke adgang" in " ".join(e.value for e in at.error)
    denied = audit_rows(db_url, action="denied")[before:]
    assert denied and {r["subject"] for r in denied} == {"demo-udvalg"}


@pytest.mark.parametrize("wanted", ["superuser", "ADMIN", ""])
def test_an_unknown_role_in_a_link_is_the_least_privileged_one(wanted, db_url):  # noqa: F811
    at = _open(role=wanted)
    assert at.session_state["role"] == "udvalg"
    assert _url(at)["role"] == "udvalg"


@pytest.mark.parametrize("committee", ["0", "1"])
def test_the_role_survives_the_language_switch_and_a_page_change(committee, db_url):  # noqa: F811
    before = len(audit_rows(db_url))  # other tests' rows in the shared demo database
    at = _open(role="leder", committee=committee)
    assert _url(at)["role"] == "leder"
    _switch_language_as_a_browser_does(at, "en")
    _navigate(at, "pages/caseload.py")
    assert at.session_state["role"] == "leder"
    assert _picker(at).value == "leder"
    assert _url(at)["role"] == "leder" and _url(at)["lang"] == "en"
    _navigate(at, "pages/worklists.py")  # a leder's page (refused in committee mode)
    assert _url(at)["role"] == "leder"
    assert "Administrator" not in " ".join(c.value for c in at.sidebar.caption)
    assert {r["role"] for r in audit_rows(db_url)[before:]} <= {"leder"}


def test_the_picker_still_changes_the_role_in_either_language(db_url):  # noqa: F811
    at = _open(role="leder", lang="en")
    _picker(at).set_value("medarbejder").run()
    assert at.session_state["role"] == "medarbejder" and _url(at)["role"] == "medarbejder"
    _navigate(at, "pages/data.py")
    assert [tab.label for tab in at.tabs] == ["Log a contact"]
    assert _url(at)["role"] == "medarbejder"
