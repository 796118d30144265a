"""The audit trail is complete (issue 24): every pseudonym a page sends to the browser is named
in an audit row of that session for that page, on every page for every role, and a search is
recorded with its terms.

The sweep reads what a page sends, not what it means to show: every element's message as
AppTest received it (dataframes as their Arrow bytes, select options, Markdown, captions,
alerts, labels), searched for every pseudonym in the database. A page that shows a pseudonym it
did not audit fails it, whatever element it came in."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, insert, select
from streamlit.testing.v1 import AppTest

from bench.app_test import app_test
from data_access import access, schema
from data_access.alerts import store
from data_access.backup import backup_sqlite
from data_access.db import create_engine_for
from tests.app.conftest import page_tables
from tests.app.payloads import _walk

A = schema.audit_log.c


@pytest.fixture
def db_url(tmp_path, today_db_url, later_today, monkeypatch) -> str:
    """A private copy of the demo that reaches today (worklists and alerts with persons)."""
    target = tmp_path / "trail.db"
    backup_sqlite(today_db_url, target)
    url = f"sqlite:///{target}"
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", url)
    return url


@pytest.fixture
def resolved_alert(db_url, helsingor, later_today) -> str:
    """An alert about a person that is resolved, so only the alerts page's history shows them;
    their pseudonym."""
    engine = create_engine_for(db_url)
    store.refresh(engine, helsingor, later_today)  # what the app finds on its first run
    open_people = set(store.read(engine, open_only=True)["pseudonym"].dropna())
    persons = schema.persons.c
    with engine.begin() as conn:
        person_id, pseudonym = next(
            row
            for row in conn.execute(select(persons.id, persons.pseudonym).order_by(persons.id))
            if row.pseudonym not in open_people
        )
        raised = dt.datetime(2026, 6, 1, 8)
        conn.execute(
            insert(schema.alerts).values(
                rule="quiet",
                object_key=f"person:{person_id}",
                open_key=None,
                person_id=person_id,
                detail=json.dumps({"days": 95, "last_contact": "2026-02-25"}),
                raised_at=raised,
                last_seen_at=raised,
                resolved_at=raised + dt.timedelta(days=3),
            )
        )
    engine.dispose()
    return pseudonym


def _query(url: str, query) -> list:
    engine = create_engine_for(url)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    engine.dispose()
    return rows


def _pseudonyms(url: str) -> list[str]:
    return [r[0] for r in _query(url, select(schema.persons.c.pseudonym))]


def _last_id(url: str) -> int:
    return _query(url, select(func.coalesce(func.max(A.id), 0)))[0][0]


def _audited(url: str, since: int, subject: str, page: str) -> set[str]:
    query = select(A.pseudonym).where(
        A.id > since, A.subject == subject, A.page == page, A.pseudonym.is_not(None)
    )
    return {r[0] for r in _query(url, query)}


def sent(at: AppTest) -> bytes:
    """Every element's message as the browser would get it, Markdown escapes dropped."""
    parts = [
        node.proto.SerializeToString()
        for node in _walk(at._tree)
        if getattr(node, "proto", None) is not None
    ]
    return b"\n".join(parts).replace(b"\\", b"")


def shown(at: AppTest, pseudonyms: list[str]) -> set[str]:
    data = sent(at)
    return {p for p in pseudonyms if p.encode() in data}


def test_every_pseudonym_a_page_shows_is_audited_for_every_role(db_url, resolved_alert):
    everyone = _pseudonyms(db_url)
    seen: dict[tuple[str, str], set[str]] = {}
    for role in access.ROLES:
        start = _last_id(db_url)
        at = app_test(default_timeout=120)
        at.query_params["role"] = role
        at.run()
        assert not at.exception
        for page in access.PAGES:
            at.switch_page(f"pages/{page}.py").run()
            assert not at.exception, (role, page, [e.value for e in at.exception])
            on_page = shown(at, everyone)
            missing = on_page - _audited(db_url, start, f"demo-{role}", page)
            assert not missing, f"{role} on {page}: {len(missing)} shown, not audited"
            seen[(role, page)] = on_page
            if on_page:  # a rerun shows the same: no second look recorded
                rows = _last_id(db_url)
                at.run()
                assert shown(at, everyone) == on_page
                assert _audited(db_url, rows, f"demo-{role}", page) == set(), (role, page)
    # The sweep saw the pages that do show persons (else it checked nothing there).
    for role, page in (
        ("medarbejder", "data"),  # the contact form's list
        ("leder", "worklists"),
        ("leder", "alerts"),
        ("admin", "data"),
        ("admin", "audit"),  # the log names the persons looked at above
    ):
        assert seen[(role, page)], (role, page)
    assert resolved_alert in seen[("leder", "alerts")]  # in the history only
    assert not any(seen[("udvalg", page)] for page in access.PAGES)
    committee_pages = ("overview", "outreach", "caseload", "routes", "national")
    assert not any(seen[(role, page)] for role in access.ROLES for page in committee_pages)


def test_the_check_finds_a_pseudonym_wherever_it_is_sent(db_url):
    """The sweep's eyes: the contact form's options, a worklist's table, Markdown (escaped)."""
    everyone = _pseudonyms(db_url)
    at = app_test(default_timeout=120)
    at.query_params["role"] = "leder"
    at.run()
    at.switch_page("pages/data.py").run()
    offered = set(at.selectbox(key="log_person").options[2:])
    assert offered and offered <= shown(at, everyone)
    at.switch_page("pages/worklists.py").run()
    table = set(page_tables(at)[0]["Pseudonym"])
    assert table and table <= shown(at, everyone)
    at.switch_page("pages/alerts.py").run()
    markdown = " ".join(m.value for m in at.markdown)
    in_text = {p for p in everyone if p.replace("-", "\\-") in markdown}
    assert in_text and in_text <= shown(at, everyone)


def test_a_search_of_the_audit_log_is_recorded_with_its_terms(db_url):
    at = app_test(default_timeout=120)
    at.query_params["role"] = "admin"
    at.run()
    at.switch_page("pages/audit.py").run()
    assert not at.exception
    assert _query(db_url, select(A.id).where(A.action == "search")) == []  # opening: a view
    person = _pseudonyms(db_url)[0]
    at.text_input(key="audit_who").input("lene@").run()
    at.text_input(key="audit_pseudonym").input(person.lower()).run()
    at.multiselect(key="audit_actions").select("view").run()
    assert not at.exception
    rows = _query(
        db_url,
        select(A.subject, A.page, A.pseudonym, A.detail).where(A.action == "search").order_by(A.id),
    )
    assert [(r.subject, r.page) for r in rows] == [("demo-admin", "audit")] * 3
    terms = [json.loads(r.detail) for r in rows]
    assert terms[0]["who"] == "lene@" and terms[0]["pseudonym"] == ""
    assert terms[-1] | {"from": None, "to": None} == {
        "who": "lene@",
        "pseudonym": person,
        "actions": ["view"],
        "from": None,
        "to": None,
    }
    assert [r.pseudonym for r in rows] == [None, person, person]  # named for the extract
    at.run()  # the same search again is not recorded again
    assert len(_query(db_url, select(A.id).where(A.action == "search"))) == 3
    # The person's extract says they were searched for (not by whom).
    at.text_input(key="audit_extract_pseudonym").input(person)
    at.form_submit_button[0].click().run()
    purposes = set(page_tables(at)[-1]["Formål"])
    assert "Søgning efter personen (Revisionslog)" in purposes
    assert "demo-admin" not in page_tables(at)[-1].to_string()


def _type_into(at: AppTest, key: str, text: str) -> None:
    """Type a new option into a selectbox that accepts one, as the browser sends it (AppTest
    sets only listed options): the widget's value on the next run is the text."""
    box = at.selectbox(key=key)
    tree = at._tree
    real = tree.get_widget_states

    def typed():
        states = real()
        for widget in states.widgets:
            if widget.id == box.id:
                widget.string_value = text
        return states

    tree.get_widget_states = typed


def test_a_pseudonym_typed_into_the_contact_form_is_a_search(db_url):
    at = app_test(default_timeout=120)
    at.query_params["role"] = "medarbejder"
    at.run()
    at.switch_page("pages/data.py").run()
    offered = at.selectbox(key="log_person").options[2:]
    unknown = "BB-ZZZ999"
    assert unknown not in offered and unknown not in _pseudonyms(db_url)
    _type_into(at, "log_person", unknown)
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert "BB-ZZZ999" not in _pseudonyms(db_url)  # refused: no such person
    (search,) = _query(
        db_url, select(A.subject, A.page, A.pseudonym, A.detail).where(A.action == "search")
    )
    assert (search.subject, search.page, search.pseudonym) == ("demo-medarbejder", "data", unknown)
    assert json.loads(search.detail) == {"contact_form_person": unknown}
    # Picking one from the list is no search: the list's look is audited already.
    at.selectbox(key="log_person").set_value(offered[0])
    at.form_submit_button[0].click().run()
    assert len(_query(db_url, select(A.id).where(A.action == "search"))) == 1


def test_the_changes_of_an_import_are_audited_with_the_persons_changed(db_url):
    """The list of an import's changes names rows by id, not persons: the look is audited with
    the persons whose rows they are (the sweep cannot see them by pseudonym)."""
    engine = create_engine_for(db_url)
    persons, batches = schema.persons.c, schema.import_batches.c
    with engine.begin() as conn:
        batch = conn.scalar(select(func.max(batches.id)))
        person_id, pseudonym = conn.execute(
            select(persons.id, persons.pseudonym).order_by(persons.id).limit(1)
        ).one()
        conn.execute(
            insert(schema.import_changes).values(
                batch_id=batch,
                table_name="persons",
                row_id=person_id,
                column_name="birth_year",
                old_value=None,
                new_value="1990",
            )
        )
    engine.dispose()
    at = app_test(default_timeout=120)
    at.query_params["role"] = "admin"
    at.run()
    at.switch_page("pages/data.py").run()
    at.selectbox(key="history_batch").set_value(batch).run()
    assert not at.exception
    assert f"Vis ændringer i bunke {batch}" in [e.label for e in at.expander]
    rows = _query(
        db_url,
        select(A.pseudonym).where(A.action == "view", A.detail == f"changes of batch #{batch}"),
    )
    assert [r.pseudonym for r in rows] == [pseudonym]
