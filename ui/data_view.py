"""Rendering for the data page: the contact form, imports, exports and the import history."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import uuid

import pandas as pd
import streamlit as st

from data_access import batches, cached, clock, exports, imports
from data_access.access import User
from data_access.contact_log import ContactEntry, EntryError, last_site, log_contact
from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.schema import CONTACT_OUTCOMES, CONTACT_TYPES
from language import format as fmt
from ui import auth, tables
from ui.downloads import PersonRows, download_buttons, file_button
from ui.i18n import TEXTS, current_language, t, translate
from ui.plain import plain

LAST_LOGGED = "_last_logged_batch"  # the last saved entry, while it can still be undone
FORM_TOKEN = "_log_form_token"  # names this showing of the form: one submission, one save
SHOWN_TIME = "_log_shown_time"  # the date and time the form offered ("now" when shown)
OUTCOME = "_log_outcome"  # what the last save or undo did, shown once above the form
ANONYMOUS, NEW = "__anonymous__", "__new__"
FORM_KEYS = ("log_date", "log_time", "log_person", "log_type", "log_outcome", "log_referral")


def contact_form(org: Organisation, lang: str, user: User) -> None:
    """The phone form. Saving runs in the submit button's callback, before the page is drawn,
    with the token of the form the tap came from: a double tap (or a rerun that repeats the
    tap) finds that submission saved and saves nothing more; the form is then drawn anew."""
    engine = cached.engine()
    sites = [s.id for s in org.outreach_sites]
    recent = last_site(engine)
    if recent in sites:  # the last site used comes first: one tap on the next round
        sites.remove(recent)
        sites.insert(0, recent)
    names = {s.id: s.name for s in org.sites}
    # The list of persons met most recently is a look at who they are: named in the audit row
    # (once per session for the same list).
    people = cached.pseudonyms()
    auth.audit_view("data", pseudonyms=people, detail="contact form: persons met recently")
    _show_outcome(lang)
    token = st.session_state.setdefault(FORM_TOKEN, uuid.uuid4().hex)
    _offer_now(org)
    # The form's key carries the token, so its submit button is a new widget after each save:
    # a second tap on the old one is a tap on a button that is gone.
    with st.form(f"log_contact-{token}", clear_on_submit=False, enter_to_submit=False):
        st.selectbox(t("log.site"), sites, format_func=names.get, key="log_site")
        c1, c2 = st.columns(2)
        c1.date_input(t("log.date"), key="log_date", format=fmt.DATE_INPUT_FORMAT[lang])
        c2.time_input(t("log.time"), step=300, key="log_time")
        st.caption(t("log.time.now_note", zone=org.timezone))
        st.selectbox(
            t("log.person"),
            [ANONYMOUS, NEW, *people],
            key="log_person",
            # The list holds the persons met most recently; any other pseudonym can be typed.
            accept_new_options=True,
            help=t("log.person.recent"),
            format_func=lambda p: {
                ANONYMOUS: translate("log.person.anonymous", lang),
                NEW: translate("log.person.new", lang),
            }.get(p, p),
        )
        st.radio(
            t("log.type"),
            CONTACT_TYPES,
            horizontal=True,
            key="log_type",
            format_func=lambda c: translate(f"type.{c}", lang),
        )
        st.radio(
            t("log.outcome"),
            [o for o in CONTACT_OUTCOMES if o != "referred"],
            horizontal=True,
            key="log_outcome",
            format_func=lambda o: translate(f"outcome.{o}", lang),
        )
        st.selectbox(
            t("log.referral"),
            [None, *[d.id for d in org.departments]],
            key="log_referral",
            format_func=lambda d: (
                translate("log.referral.none", lang) if d is None else org.department(d).label(lang)
            ),
        )
        st.form_submit_button(
            t("log.save"),
            type="primary",
            icon=":material/save:",
            width="stretch",
            on_click=_save_submission,
            args=(org, user, token, names),
        )
    last = st.session_state.get(LAST_LOGGED)
    if last and batches.preview_undo(engine, last["batch"]) is None:
        st.session_state.pop(LAST_LOGGED)  # undone elsewhere: nothing left to undo here
    elif last:
        st.button(
            t("log.undo"),
            icon=":material/undo:",
            key="log_undo",
            on_click=_undo_last,
            args=(user,),
        )
        st.caption(t("log.undo.what", what=plain(last["what"])))
    own_entries_section(user, lang)


def _offer_now(org: Organisation) -> None:
    """Show the present local time in the form until the worker changes it; an unchanged time
    means "now" and is taken when the contact is saved, not when the form was drawn."""
    now = clock.local_now(org.timezone)
    offered = (now.date(), now.time().replace(second=0))
    shown = st.session_state.get(SHOWN_TIME)
    untouched = shown is None or (
        st.session_state.get("log_date"),
        st.session_state.get("log_time"),
    ) in (shown, (None, None))
    if untouched:
        st.session_state["log_date"], st.session_state["log_time"] = offered
        st.session_state[SHOWN_TIME] = offered


def _entered_time(org: Organisation) -> dt.datetime:
    day, moment = st.session_state.get("log_date"), st.session_state.get("log_time")
    if (day, moment) == st.session_state.get(SHOWN_TIME) or day is None or moment is None:
        return clock.local_now(org.timezone)  # unchanged: the moment of saving
    return dt.datetime.combine(day, moment)


def _save_submission(org: Organisation, user: User, token: str, names: dict[str, str]) -> None:
    """The submit button's callback (runs before the page): save once per form token."""
    state = st.session_state
    lang = current_language()
    person = state.get("log_person", ANONYMOUS)
    at = _entered_time(org)
    entry = ContactEntry(
        site_id=state.get("log_site"),
        at=at,
        person="anonymous" if person == ANONYMOUS else "new" if person == NEW else "existing",
        pseudonym=None if person in (ANONYMOUS, NEW) else person,
        contact_type=state.get("log_type") or CONTACT_TYPES[0],
        outcome=state.get("log_outcome") or CONTACT_OUTCOMES[0],
        referral_department=state.get("log_referral"),
    )
    if not auth.may("log_contact"):
        state[OUTCOME] = {"kind": "refused"}
        return
    if entry.pseudonym and entry.pseudonym not in cached.pseudonyms():
        # A pseudonym typed, not picked: saving looks it up among all persons (an unknown one
        # is refused), so it is a search, recorded with its term whatever the answer.
        auth.audit_search("data", {"contact_form_person": entry.pseudonym}, entry.pseudonym)
    try:
        logged = log_contact(cached.engine(), org, entry, made_by=user, submission=token)
    except EntryError as refused:
        state[OUTCOME] = {"kind": "error", "code": refused.code}  # the form keeps its values
        return
    if not logged.repeated:
        cached.after_write()
    when = f"{fmt.date(entry.at.date(), lang)} {entry.at:%H:%M}"
    what = t("log.what", site=names.get(entry.site_id, entry.site_id), time=when)
    state[LAST_LOGGED] = {"batch": logged.batch_id, "what": what}
    state[OUTCOME] = {
        "kind": "saved",
        "site": names.get(entry.site_id, entry.site_id),
        "time": when,
        "pseudonym": logged.pseudonym if person == NEW else None,
        "referral": bool(logged.request_id),
        "closed": logged.site_was_closed,
    }
    # A fresh form: a new token (a new submit button) and every field back to its default.
    state[FORM_TOKEN] = uuid.uuid4().hex
    for key in (*FORM_KEYS, SHOWN_TIME):
        state.pop(key, None)


def _undo_last(user: User) -> None:
    """The undo button's callback: the button is gone from the page this click draws."""
    last = st.session_state.pop(LAST_LOGGED, None)
    if last is None:
        return
    result = _try_undo(user, last["batch"])
    st.session_state[OUTCOME] = {"kind": "undone", "what": last["what"], "result": result}


def _show_outcome(lang: str) -> None:
    """What the last tap did: a toast (seen on a phone without scrolling) and a line above the
    form that stays until the next tap."""
    outcome = st.session_state.pop(OUTCOME, None)
    if outcome is None:
        return
    kind = outcome["kind"]
    if kind == "refused":
        auth.refuse_action("log_contact")
    elif kind == "error":
        st.error(t(f"log.error.{outcome['code']}"), icon=":material/error:")
    elif kind == "saved":
        message = t("log.saved", site=plain(outcome["site"]), time=outcome["time"])
        st.toast(message, icon=":material/check_circle:")
        st.success(message, icon=":material/check_circle:")
        if outcome["pseudonym"]:
            st.info(t("log.saved.new_person", pseudonym=plain(outcome["pseudonym"])))
        if outcome["referral"]:
            st.info(t("log.saved.referral"))
        if outcome["closed"]:
            st.warning(t("log.closed_note"), icon=":material/schedule:")
    elif kind == "undone":
        _show_undo_result(outcome["result"])
        if isinstance(outcome["result"], int):
            message = t("log.undone.what", what=plain(outcome["what"]))
            st.toast(message, icon=":material/undo:")
            st.success(message, icon=":material/undo:")


def _try_undo(user: User, batch_id: int) -> int | tuple[str, str]:
    """Undo through the role rules (batches.undo checks them again on the server side): the
    number of rows removed, or why not, for _show_undo_result (no drawing here: this also
    runs in a callback)."""
    try:
        removed = batches.undo(cached.engine(), user, batch_id)
    except batches.NotYours:
        return ("not_yours", "")
    except LookupError:
        return ("missing", "")
    except imports.UndoRefused as refused:  # a later batch stands in the way: nothing changed
        return (refused.code, ", ".join(f"#{b}" for b in refused.batches))
    cached.after_write()
    return removed


def _show_undo_result(result: int | tuple[str, str]) -> int | None:
    if isinstance(result, int):
        return result
    code, detail = result
    if code == "not_yours":
        auth.refuse_action("undo_import")
    elif code == "missing":
        st.warning(t("undo.missing"))
    else:
        st.error(t(f"undo.{code}", batches=detail), icon=":material/block:")
    return None


def _undo(user: User, batch_id: int) -> int | None:
    """Undo now and say why not when refused; the number of rows removed, or None."""
    return _show_undo_result(_try_undo(user, batch_id))


def own_entries_section(user: User, lang: str) -> None:
    """The user's own latest entries, each of which they may undo (site and time only)."""
    if not auth.may("undo_own_contact"):
        return
    frame = batches.own_entries(cached.engine(), user)
    with st.expander(t("own.title"), icon=":material/history:"):
        if frame.empty:
            st.caption(t("own.none"))
            return
        labels = {
            int(row.batch_id): f"{row.site}, {fmt.date(row.contact_at.date(), lang)} "
            f"{row.contact_at:%H:%M} ({translate(f'type.{row.contact_type}', lang)})"
            for row in frame.itertuples()
        }
        choice = st.selectbox(t("own.choice"), list(labels), format_func=labels.get, key="own_pick")
        if confirm_undo(int(choice), "own") and _undo(user, int(choice)) is not None:
            st.success(t("own.undone"))


def confirm_undo(batch_id: int, key: str) -> bool:
    """Show what undoing the batch removes and ask for a confirmation; True when confirmed
    and the button pressed."""
    preview = batches.preview_undo(cached.engine(), batch_id)
    if preview is None:
        st.warning(t("undo.missing"))
        return False
    st.info(
        fmt.markdown_text(
            t(
                "undo.preview",
                id=preview.batch_id,
                source=plain(preview.file_name or preview.source),
                when=f"{preview.created_at:%d-%m-%Y %H:%M}",
                contacts=t("count.contacts", n=preview.contacts),
                courses=t("count.courses", n=preview.courses),
                persons=t("count.persons", n=preview.persons),
            )
        ),
        icon=":material/warning:",
    )
    if preview.restored:
        st.caption(t("undo.preview.restored", n=preview.restored))
    sure = st.checkbox(t("undo.confirm", id=batch_id), key=f"{key}-confirm-{batch_id}")
    pressed = st.button(
        t("history.undo"), icon=":material/undo:", key=f"{key}-undo", disabled=not sure
    )
    return bool(pressed and sure)


# The columns a file may have (Danish headers, as the case systems export them) and what each
# holds, explained in the page's language (language/locale: "import.doc.<kind>.<n>").
COLUMN_DOCS = {
    "contacts": ["pseudonym", "sted", "tidspunkt", "kontakttype", "udfald"],
    "courses": [
        "forløbs-id",
        "pseudonym",
        "afdeling",
        "anmodningsdato",
        "startdato",
        "slutdato",
        "afslutningsårsag",
        "behandlingsform",
        "henviser",
        "fødselsår, køn, hovedstof",
    ],
}


def import_section(org: Organisation, lang: str, user: User) -> None:
    kind = (
        st.segmented_control(
            t("import.kind"),
            ["contacts", "courses"],
            default="contacts",
            format_func=lambda k: translate(f"import.kind.{k}", lang),
            key="import_kind",
            required=True,
        )
        or "contacts"
    )
    with st.expander(t("import.columns"), icon=":material/help:"):
        st.caption(t("import.columns.caption"))
        docs = pd.DataFrame(
            [(c, t(f"import.doc.{kind}.{i}")) for i, c in enumerate(COLUMN_DOCS[kind])],
            columns=[t("import.col.column"), t("import.col.example")],
        )
        st.table(docs, hide_index=True)  # static texts from this module
        file_button(
            st,
            t("import.template"),
            imports.template(kind, lang),
            f"brobygger-skabelon-{kind}.csv",
            "text/csv",
            icon=":material/download:",
            key=f"template-{kind}",
        )
    upload = st.file_uploader(t("import.file"), type=["csv", "xlsx"], key=f"upload-{kind}")
    if upload is None:
        st.session_state.pop(LAST_IMPORT, None)
        return
    choices = st.session_state.get(f"{SHEET_CHOICES}-{upload.file_id}")
    sheets = None
    if choices:
        sheets = st.multiselect(
            t("import.sheets"),
            choices,
            key=f"sheets-{upload.file_id}",
            default=None,
            placeholder=t("import.sheets.placeholder"),
        )
    clicked = st.button(
        t("import.run"),
        type="primary",
        icon=":material/upload:",
        key="import_run",
        disabled=bool(choices) and not sheets,
    )
    if clicked and auth.require("import"):
        with st.spinner(t("import.working")):
            result = _run_import(org, kind, upload, sheets, user)
        if result is None:
            return
        st.session_state[LAST_IMPORT] = (upload.file_id, result)
        if result.ok:
            cached.after_write()
        if result.sheet_choices:
            st.session_state[f"{SHEET_CHOICES}-{upload.file_id}"] = result.sheet_choices
            st.rerun()  # show the sheet choice above the button
    last = st.session_state.get(LAST_IMPORT)
    if last and last[0] == upload.file_id:
        show_result(last[1])


LAST_IMPORT = "_last_import"
SHEET_CHOICES = "_sheet_choices"
log = logging.getLogger(__name__)


def _run_import(org: Organisation, kind: str, upload, sheets: list[str] | None, user: User):
    """The import, with a plain Danish message if the system itself fails (the database is
    unreachable, the disk is full): the file's own problems come back in the result."""
    try:
        return imports.import_file(
            cached.engine(),
            org,
            kind,
            upload.getvalue(),
            upload.name,
            sheets=sheets or None,
            made_by=user,
        )
    except Exception:
        log.exception("import failed")
        st.error(t("import.unexpected_error"), icon=":material/error:")
        return None


def show_result(result: imports.ImportResult) -> None:
    if result.ok:
        st.success(
            t(
                "import.done",
                added=t("count.rows_added", n=result.added),
                updated=result.updated,
                file=plain(result.file_name),
                skipped=result.skipped_duplicates,
                persons=t("count.new_persons", n=result.new_persons),
            ),
            icon=":material/check_circle:",
        )
        for notice in result.notices:
            st.info(
                t(
                    f"import.notice.{notice.code}",
                    count=notice.count,
                    rows=", ".join(str(r) for r in notice.rows)
                    + (" …" if notice.count > len(notice.rows) else ""),
                    detail=plain(notice.detail or ""),
                ),
                icon=":material/info:",
            )
        if result.sheets:
            st.caption(t("import.sheets_read", sheets=plain(", ".join(result.sheets))))
        if result.ignored_columns:
            st.caption(t("import.ignored", columns=plain(", ".join(result.ignored_columns))))
        return
    st.error(t("import.refused", n=result.problem_count), icon=":material/block:")
    whole = [p for p in result.problems if p.row is None and p.column is None]
    located = [p for p in result.problems if p.row is not None or p.column is not None]
    for problem in whole:  # about the file as a whole: a sentence reads better than a table
        st.warning(
            t(
                f"import.{problem.code}",
                value=plain(problem.value or ""),
                detail=plain(problem.detail or ""),
            )
            + (f" ({plain(problem.sheet)})" if problem.sheet else ""),
            icon=":material/info:",
        )
    if result.problem_count > len(result.problems):
        st.caption(t("import.refused.more", shown=len(result.problems), n=result.problem_count))
    if located:
        tables.show(
            problem_table(located),
            current_language(),
            column_config={
                t("import.col.row"): st.column_config.TextColumn(width="small"),
                t("import.col.problem"): st.column_config.TextColumn(width="large"),
            },
        )


def problem_table(problems: list[imports.Problem]) -> pd.DataFrame:
    """The report as a table of plain text (a dataframe shows no Markdown)."""
    columns = {
        t("import.col.row"): ["" if p.row is None else str(p.row) for p in problems],
        t("import.col.column"): [p.column or "" for p in problems],
        t("import.col.problem"): [
            t(f"import.{p.code}", value=p.value or "", detail=p.detail or "") for p in problems
        ],
        t("import.col.value"): [p.value or "" for p in problems],
    }
    if any(p.sheet for p in problems):
        columns = {t("import.col.sheet"): [p.sheet or "" for p in problems], **columns}
    return pd.DataFrame(columns)


def export_section(filters: Filters, lang: str, user: User) -> None:
    if not auth.require("export_person_rows"):
        return
    engine = cached.engine()
    st.caption(
        fmt.markdown_text(t("export.caption", period=fmt.period(filters.start, filters.end, lang)))
    )
    stamp = f"{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"
    # Counted here; a big table's files are made only when asked for (ui/downloads.py): at
    # national scale the rows of a period are hundreds of thousands, and every rerun of the
    # page (a logged contact) would make them again.
    # What the files show: a logged contact or an import makes them anew.
    identity = (cached.database_url(), filters, cached.version())
    contacts = functools.cache(lambda: exports.contacts(engine, filters))
    rows = exports.contacts_count(engine, filters)
    st.markdown(f"**{t('export.contacts', n=rows)}**")
    download_buttons(
        contacts,
        f"brobygger-kontakter-{stamp}",
        lang,
        key="export-contacts",
        person_rows=PersonRows("export_person_rows", "data", "contacts", filters),
        rows=rows,
        identity=identity,
    )
    courses = functools.cache(lambda: exports.courses(engine, filters))
    rows = exports.courses_count(engine, filters)
    st.markdown(f"**{t('export.courses', n=rows)}**")
    download_buttons(
        courses,
        f"brobygger-forloeb-{stamp}",
        lang,
        key="export-courses",
        person_rows=PersonRows("export_person_rows", "data", "courses", filters),
        rows=rows,
        identity=identity,
    )


def history_section(user: User, lang: str) -> None:
    if not auth.require("view_import_history"):
        return
    st.caption(t("history.caption"))
    frame = batches.history(cached.engine())
    if frame.empty:
        st.info(t("history.none"))
        return
    tables.show(history_table(frame, lang), lang)
    if not auth.may("undo_import"):
        return
    choice = st.selectbox(
        t("history.undo"), frame["id"].tolist(), key="history_batch", format_func=lambda i: f"#{i}"
    )
    changes = imports.changes(cached.engine(), int(choice))
    if not changes.empty:
        # The changed rows are persons' data (by row, not by name): audited with the persons.
        auth.audit_view(
            "data",
            pseudonyms=imports.changed_pseudonyms(cached.engine(), int(choice)),
            detail=f"changes of batch #{int(choice)}",
        )
        with st.expander(t("history.changes", id=choice)):
            tables.show(changes_table(changes, lang), lang)
    if confirm_undo(int(choice), "history"):
        removed = _undo(user, int(choice))
        if removed is not None:
            st.success(t("history.undone", id=choice, n=removed))


HISTORY_COLUMNS = {
    "id": "history.col.id",
    "source": "history.col.source",
    "file_name": "history.col.file",
    "row_count": "history.col.rows",
    "changed": "history.changed",
    "created_at": "history.col.created",
    "note": "history.col.note",
    "made_by": "history.made_by",
}
DEMO_NOTE = re.compile(r"^demo data, scale (?P<scale>[\d.]+), seed (?P<seed>\d+)$")


def history_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The import history in the page's language: its own column names, the source and the
    note in words, times as the page writes them (the database keeps ids and English)."""
    shown = frame.copy()
    shown["id"] = shown["id"].map(lambda i: f"#{i}")
    shown["source"] = shown["source"].map(lambda s: translate(f"history.source.{s}", lang))
    shown["created_at"] = pd.to_datetime(shown["created_at"]).map(
        lambda moment: fmt.day_stamp(moment, lang, with_time=True)
    )
    shown["note"] = shown["note"].map(lambda n: note_text(n, lang))
    return shown[list(HISTORY_COLUMNS)].rename(
        columns={k: translate(v, lang) for k, v in HISTORY_COLUMNS.items()}
    )


def note_text(note: str | None, lang: str) -> str | None:
    """A batch's note as words: the notes the app writes itself are translated; any other
    (a sheet name) is shown as it is."""
    if not note or note == "contact form":  # the source says it already
        return None
    if match := DEMO_NOTE.match(note):
        return translate("history.note.demo", lang, **match.groupdict())
    kind, _, sheets = note.partition(": ")
    if kind in ("contacts", "courses"):
        text = translate(f"import.kind.{kind}", lang)
        return f"{text}: {sheets}" if sheets else text
    return note


CHANGED_TABLES = ("persons", "treatment_courses", "outreach_contacts")


def changes_table(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    shown = changes.copy()
    shown["table_name"] = shown["table_name"].map(
        lambda n: translate(f"history.table.{n}", lang) if n in CHANGED_TABLES else n
    )
    shown["column_name"] = shown["column_name"].map(
        lambda c: translate(f"history.column.{c}", lang) if f"history.column.{c}" in TEXTS else c
    )
    return shown.rename(
        columns={
            "table_name": translate("history.col.table", lang),
            "row_id": translate("history.col.row", lang),
            "column_name": translate("history.col.column", lang),
            "old_value": translate("history.col.old", lang),
            "new_value": translate("history.col.new", lang),
        }
    )
