"""The data page in AppTest: the contact form with undo, and the import flow."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import text

from data_access import clock
from data_access.db import create_engine_for
from tests.app.conftest import page_tables
from ui.plain import plain

PAGE = "pages/data.py"


def _count(url: str, query: str) -> int:
    engine = create_engine_for(url)
    with engine.connect() as conn:
        value = int(conn.execute(text(query)).scalar())
    engine.dispose()
    return value


def test_logging_a_contact_and_undoing_it(data_page, writable_url):
    before = _count(writable_url, "SELECT count(*) FROM outreach_contacts")
    at = data_page
    at.selectbox(key="log_site").select("kronborg")
    at.selectbox(key="log_person").select("__new__")
    at.selectbox(key="log_referral").select("stof")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert "Kontakten er gemt (Det grønne område ved Kronborg" in at.success[0].value
    assert any("Ny person: **BB\\-" in i.value for i in at.info)  # escaped: shown as text
    assert any("behandlingsanmodning" in i.value for i in at.info)
    assert _count(writable_url, "SELECT count(*) FROM outreach_contacts") == before + 1
    assert (
        _count(
            writable_url,
            "SELECT count(*) FROM treatment_courses "
            "WHERE referral_source = 'outreach' AND started_on IS NULL "
            f"AND requested_on = '{clock.local_today().isoformat()}'",
        )
        >= 1
    )
    at.button(key="log_undo").click().run()
    assert not at.exception
    assert _count(writable_url, "SELECT count(*) FROM outreach_contacts") == before


def test_a_time_in_the_future_is_refused(data_page, writable_url):
    before = _count(writable_url, "SELECT count(*) FROM outreach_contacts")
    at = data_page
    at.date_input(key="log_date").set_value(dt.date.today() + dt.timedelta(days=2))
    at.form_submit_button[0].click().run()
    assert "fremtiden" in at.error[0].value
    assert _count(writable_url, "SELECT count(*) FROM outreach_contacts") == before


def test_importing_a_file_and_a_refused_one(data_page, writable_url):
    before = _count(writable_url, "SELECT count(*) FROM outreach_contacts")
    at = data_page
    good = (
        "pseudonym;sted;tidspunkt;kontakttype;udfald\r\n"
        "BB-IMP001;Helsingør Station;01-03-2025 14:30;samtale;plan\r\n"
    ).encode()
    at.file_uploader(key="upload-contacts").upload("kontakter.csv", good)
    at.run()
    at.button(key="import_run").click().run()
    assert not at.exception
    assert "kontakter\\.csv: 1 række tilføjet" in at.success[0].value
    assert _count(writable_url, "SELECT count(*) FROM outreach_contacts") == before + 1

    bad = (
        "pseudonym;sted;tidspunkt;kontakttype;udfald\r\n"
        "010190-1234;Helsingør Station;01-03-2025 14:30;samtale;plan\r\n"
    ).encode()
    at.file_uploader(key="upload-contacts").upload("cpr.csv", bad)
    at.run()
    at.button(key="import_run").click().run()
    assert "intet er gemt" in at.error[0].value
    report = next(t for t in page_tables(at) if "Problem" in t)
    assert "CPR" in report["Problem"].iloc[0]
    assert "010190" not in report.to_string()  # the number is not repeated on screen
    assert _count(writable_url, "SELECT count(*) FROM outreach_contacts") == before + 1


def test_the_form_lists_the_persons_met_most_recently(data_page, demo_db_url):
    """Not the whole registry (hundreds of thousands at national scale): the persons with
    outreach contacts, newest first, sorted; anyone else is typed (tests/browser)."""
    engine = create_engine_for(demo_db_url)
    with engine.connect() as conn:
        met = set(
            conn.execute(
                text(
                    "SELECT pseudonym FROM persons WHERE id IN "
                    "(SELECT person_id FROM outreach_contacts WHERE person_id IS NOT NULL)"
                )
            ).scalars()
        )
        registry = conn.execute(text("SELECT count(*) FROM persons")).scalar()
    engine.dispose()
    listed = data_page.selectbox(key="log_person").options[2:]
    assert listed == sorted(listed)
    assert set(listed) <= met and 0 < len(listed) <= 500 < registry


def test_markup_in_a_file_name_and_a_header_is_shown_as_text(data_page):
    at = data_page
    data = (
        "pseudonym;sted;tidspunkt;kontakttype;udfald;![x](http://127.0.0.1:9/pixel.png)\r\n"
        "BB-IMP002;Helsingør Station;01-03-2025 15:30;samtale;plan;\r\n"
    ).encode()
    name = "[klik](javascript:alert(1)) **fed**.csv"
    at.file_uploader(key="upload-contacts").upload(name, data)
    at.run()
    at.button(key="import_run").click().run()
    assert not at.exception
    success = at.success[0].value
    assert plain(name) in success and "\\[klik\\]\\(javascript\\:" in success
    ignored = next(c.value for c in at.caption if "ikke bruges" in c.value)
    assert plain("![x](http://127.0.0.1:9/pixel.png)") in ignored


def test_a_workbook_with_two_candidate_sheets_asks_which(data_page, writable_url):
    import io

    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Januar"
    second = book.create_sheet("Februar")
    for sheet, minute in ((first, 10), (second, 20)):
        sheet.append(["pseudonym", "sted", "tidspunkt", "kontakttype", "udfald"])
        sheet.append(["BB-WB1", "kronborg", f"01-03-2025 14:{minute}", "samtale", "plan"])
    buffer = io.BytesIO()
    book.save(buffer)
    before = _count(writable_url, "SELECT count(*) FROM outreach_contacts")
    at = data_page
    at.file_uploader(key="upload-contacts").upload("to ark.xlsx", buffer.getvalue())
    at.run()
    at.button(key="import_run").click().run()
    assert not at.exception
    assert any("Vælg herunder" in w.value for w in at.warning)
    chooser = next(m for m in at.multiselect if m.label == "Hvilke ark skal importeres?")
    chooser.select("Februar").run()
    at.button(key="import_run").click().run()
    assert not at.exception
    assert "1 række tilføjet" in at.success[0].value and "1 ny person." in at.success[0].value
    assert _count(writable_url, "SELECT count(*) FROM outreach_contacts") == before + 1


def test_an_undo_that_is_not_possible_says_why(data_page, writable_url):
    at = data_page
    header = "pseudonym;afdeling;anmodningsdato;startdato;behandlingsform;henviser\r\n"
    for name, start in (("a.csv", ""), ("b.csv", "05-03-2025")):
        data = (header + f"BB-UNDO1;stof;01-03-2025;{start};individuel;selv\r\n").encode()
        at.segmented_control(key="import_kind").set_value("courses").run()
        at.file_uploader(key="upload-courses").upload(name, data)
        at.run()
        at.button(key="import_run").click().run()
        assert at.success, at.error
    batches = _count(writable_url, "SELECT count(*) FROM import_batches")
    first = _count(writable_url, "SELECT min(id) FROM import_batches WHERE file_name = 'a.csv'")
    at.selectbox(key="history_batch").select(first).run()
    # Undo shows what it removes and asks first (the access issue's confirmation).
    at.checkbox(key=f"history-confirm-{first}").check().run()
    at.button(key="history-undo").click().run()
    assert not at.exception
    assert "Fortryd dem først" in at.error[0].value
    assert _count(writable_url, "SELECT count(*) FROM import_batches") == batches


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_file_wider_than_the_limit_is_refused_in_words(data_page, writable_url, suffix):
    """A refusal whose message names the far column is worded, never a crash (the page once
    supplied only `value` and `detail` to a text naming {column})."""
    before = _count(writable_url, "SELECT count(*) FROM outreach_contacts")
    header = ["pseudonym", "sted", "tidspunkt", "kontakttype", "udfald"]
    header += [f"ekstra{i}" for i in range(120)]
    row = ["BB-WIDE01", "Helsingør Station", "01-03-2025 14:30", "samtale", "plan"]
    row += ["x"] * 120
    if suffix == "csv":
        data = (";".join(header) + "\r\n" + ";".join(row) + "\r\n").encode()
    else:
        from openpyxl import Workbook

        book = Workbook()
        book.active.append(header)
        book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
    at = data_page
    at.file_uploader(key="upload-contacts").upload(f"bred.{suffix}", data)
    at.run()
    at.button(key="import_run").click().run()
    assert not at.exception
    shown = " ".join(
        [e.value for e in at.error]
        + [w.value for w in at.warning]
        + [" ".join(map(str, d.to_numpy().ravel())) for d in page_tables(at)]
    )
    assert "For mange kolonner" in shown and "100" in shown, shown[:500]
    assert _count(writable_url, "SELECT count(*) FROM outreach_contacts") == before


def test_undo_offers_the_newest_batch_and_the_history_drops_what_it_removed(
    data_page, writable_url
):
    """Right after an import the undo picker chose the batch before it (its choice kept from
    before the import), and after an undo the history still listed the removed batch with
    its button (issue 29)."""
    at = data_page
    header = "pseudonym;sted;tidspunkt;kontakttype;udfald\r\n"
    ids = []
    for name, minute in (("a.csv", 10), ("b.csv", 20)):
        data = (
            header + f"BB-NEW{minute};kronborg;01-03-2025 14:{minute};samtale;plan\r\n"
        ).encode()
        at.file_uploader(key="upload-contacts").upload(name, data)
        at.run()
        at.button(key="import_run").click().run()
        assert at.success, at.error
        ids.append(
            _count(writable_url, f"SELECT id FROM import_batches WHERE file_name = '{name}'")
        )
        assert at.selectbox(key="history_batch").value == ids[-1]  # the one just imported
    at.checkbox(key=f"history-confirm-{ids[-1]}").check().run()
    at.button(key="history-undo").click().run()
    assert not at.exception
    assert any(f"Bunke {ids[-1]} er fjernet" in s.value for s in at.success)
    listed = at.selectbox(key="history_batch").options
    assert f"#{ids[-1]}" not in listed and f"#{ids[0]}" == listed[0]
    history = next(d for d in page_tables(at) if "#" + str(ids[0]) in d.iloc[:, 0].tolist())
    assert f"#{ids[-1]}" not in history.iloc[:, 0].tolist()
