"""Rendering for the data page: the contact form, imports, exports and the import history."""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd
import streamlit as st

from data_access import audit, batches, cached, exports, imports
from data_access.access import User
from data_access.contact_log import ContactEntry, EntryError, last_site, log_contact
from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.schema import CONTACT_OUTCOMES, CONTACT_TYPES
from ui import auth
from ui import format as fmt
from ui.downloads import download_buttons
from ui.i18n import t, translate
from ui.plain import plain

LAST_LOGGED = "_last_logged_batch"
ANONYMOUS, NEW = "__anonymous__", "__new__"


def contact_form(org: Organisation, lang: str, user: User) -> None:
    engine = cached.engine()
    sites = [s.id for s in org.outreach_sites]
    recent = last_site(engine)
    if recent in sites:  # the last site used comes first: one tap on the next round
        sites.remove(recent)
        sites.insert(0, recent)
    names = {s.id: s.name for s in org.sites}
    now = dt.datetime.now()
    with st.form("log_contact", clear_on_submit=False, enter_to_submit=False):
        site = st.selectbox(t("log.site"), sites, format_func=names.get, key="log_site")
        c1, c2 = st.columns(2)
        day = c1.date_input(
            t("log.date"),
            value=now.date(),
            key="log_date",
            format="DD-MM-YYYY" if lang == "da" else "YYYY-MM-DD",
        )
        moment = c2.time_input(
            t("log.time"),
            value=now.time().replace(second=0, microsecond=0),
            step=300,
            key="log_time",
        )
        person = st.selectbox(
            t("log.person"),
            [ANONYMOUS, NEW, *cached.pseudonyms()],
            key="log_person",
            format_func=lambda p: {
                ANONYMOUS: t("log.person.anonymous"),
                NEW: t("log.person.new"),
            }.get(p, p),
        )
        contact_type = st.radio(
            t("log.type"),
            CONTACT_TYPES,
            horizontal=True,
            key="log_type",
            format_func=lambda c: translate(f"type.{c}", lang),
        )
        outcome = st.radio(
            t("log.outcome"),
            [o for o in CONTACT_OUTCOMES if o != "referred"],
            horizontal=True,
            key="log_outcome",
            format_func=lambda o: translate(f"outcome.{o}", lang),
        )
        referral = st.selectbox(
            t("log.referral"),
            [None, *[d.id for d in org.departments]],
            key="log_referral",
            format_func=lambda d: (
                t("log.referral.none") if d is None else org.department(d).label(lang)
            ),
        )
        submitted = st.form_submit_button(
            t("log.save"), type="primary", icon=":material/save:", width="stretch"
        )
    if submitted:
        entry = ContactEntry(
            site_id=site,
            at=dt.datetime.combine(day, moment),
            person="anonymous" if person == ANONYMOUS else "new" if person == NEW else "existing",
            pseudonym=None if person in (ANONYMOUS, NEW) else person,
            contact_type=contact_type,
            outcome=outcome,
            referral_department=referral,
        )
        try:
            if not auth.require("log_contact"):
                return
            logged = log_contact(engine, org, entry, made_by=user)
        except EntryError as refused:
            st.error(t(f"log.error.{refused.code}"), icon=":material/error:")
        else:
            cached.after_write()
            st.session_state[LAST_LOGGED] = logged.batch_id
            st.success(
                t(
                    "log.saved",
                    site=plain(names[site]),
                    time=f"{fmt.date(day, lang)} {moment:%H:%M}",
                ),
                icon=":material/check_circle:",
            )
            if logged.pseudonym and person == NEW:
                st.info(t("log.saved.new_person", pseudonym=plain(logged.pseudonym)))
            if logged.request_id:
                st.info(t("log.saved.referral"))
            if logged.site_was_closed:
                st.warning(t("log.closed_note"), icon=":material/schedule:")
    undo_clicked = st.session_state.get(LAST_LOGGED) and st.button(
        t("log.undo"), icon=":material/undo:", key="log_undo"
    )
    if undo_clicked and _undo(user, st.session_state.pop(LAST_LOGGED)) is not None:
        st.success(t("log.undone"))
    own_entries_section(user, lang)


def _undo(user: User, batch_id: int) -> int | None:
    """Undo through the role rules (batches.undo checks them again on the server side);
    the number of rows removed, or None when refused."""
    try:
        removed = batches.undo(cached.engine(), user, batch_id)
    except batches.NotYours:
        auth.refuse_action("undo_import")
        return None
    except LookupError:
        st.warning(t("undo.missing"))
        return None
    except imports.UndoRefused as refused:  # a later batch stands in the way: nothing changed
        st.error(
            t(f"undo.{refused.code}", batches=", ".join(f"#{b}" for b in refused.batches)),
            icon=":material/block:",
        )
        return None
    cached.after_write()
    return removed


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
                contacts=preview.contacts,
                courses=preview.courses,
                persons=preview.persons,
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


COLUMN_DOCS = {
    "contacts": [
        ("pseudonym", "BB-ABC123 (tom = anonym)"),
        ("sted", "id eller navn"),
        ("tidspunkt", "01-03-2025 14:30"),
        ("kontakttype", "samtale / kort kontakt / ledsagelse / telefon"),
        ("udfald", "ingen / plan / henvist / afvist"),
    ],
    "courses": [
        (
            "forløbs-id",
            "F-1001 (valgfri: kildesystemets nøgle; ellers genkendes et forløb på "
            "pseudonym, afdeling og anmodningsdato)",
        ),
        ("pseudonym", "BB-ABC123"),
        ("afdeling", "stof / alkohol / unge (id eller navn)"),
        ("anmodningsdato", "01-03-2025"),
        ("startdato", "10-03-2025 (kan være tom)"),
        ("slutdato", "kan være tom"),
        ("afslutningsårsag", "gennemført / reduceret / udeblevet / videresendt / trukket / andet"),
        ("behandlingsform", "individuel / gruppe"),
        (
            "henviser",
            "egen henvendelse / opsøgende / egen læge / hospital / kommune / pårørende / andet",
        ),
        ("fødselsår, køn, hovedstof", "valgfri"),
    ],
}


def import_section(org: Organisation, lang: str, user: User) -> None:
    kind = (
        st.segmented_control(
            t("import.kind"),
            ["contacts", "courses"],
            default="contacts",
            format_func=lambda k: t(f"import.kind.{k}"),
            key="import_kind",
            required=True,
        )
        or "contacts"
    )
    with st.expander(t("import.columns"), icon=":material/help:"):
        st.caption(t("import.columns.caption"))
        docs = pd.DataFrame(
            COLUMN_DOCS[kind], columns=[t("import.col.column"), t("import.col.example")]
        )
        st.table(docs, hide_index=True)  # static texts from this module
        st.download_button(
            t("import.template"),
            data=imports.template(kind, lang),
            file_name=f"brobygger-skabelon-{kind}.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
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
                added=result.added,
                updated=result.updated,
                file=plain(result.file_name),
                skipped=result.skipped_duplicates,
                persons=result.new_persons,
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
        st.dataframe(
            problem_table(located),
            hide_index=True,
            width="stretch",
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


def _export_audit(user: User, what: str, frame: pd.DataFrame, filters: Filters):
    """The audit row of a download of person rows, written when the button is clicked (the
    file is built then too); captured here because the download runs outside the script."""
    engine, client = cached.engine(), auth.client_address()
    people = [p for p in frame["pseudonym"].dropna().unique()] if "pseudonym" in frame else []

    def write(file_format: str) -> None:
        audit.write(
            engine,
            user,
            "export",
            page="data",
            pseudonyms=people,
            filters=filters,
            detail=f"{what}: {len(frame)} rows, {file_format}",
            client=client,
        )

    return write


def export_section(filters: Filters, lang: str, user: User) -> None:
    if not auth.require("export_person_rows"):
        return
    engine = cached.engine()
    st.caption(
        fmt.markdown_text(t("export.caption", period=fmt.period(filters.start, filters.end, lang)))
    )
    stamp = f"{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"
    contacts = exports.contacts(engine, filters)
    st.markdown(f"**{t('export.contacts', n=fmt.number(len(contacts), lang))}**")
    download_buttons(
        contacts,
        f"brobygger-kontakter-{stamp}",
        lang,
        key="export-contacts",
        on_download=_export_audit(user, "contacts", contacts, filters),
    )
    courses = exports.courses(engine, filters)
    st.markdown(f"**{t('export.courses', n=fmt.number(len(courses), lang))}**")
    download_buttons(
        courses,
        f"brobygger-forloeb-{stamp}",
        lang,
        key="export-courses",
        on_download=_export_audit(user, "courses", courses, filters),
    )


def history_section(user: User) -> None:
    if not auth.require("view_import_history"):
        return
    st.caption(t("history.caption"))
    frame = batches.history(cached.engine())
    if frame.empty:
        st.info(t("history.none"))
        return
    st.dataframe(
        frame.rename(columns={"made_by": t("history.made_by"), "changed": t("history.changed")}),
        hide_index=True,
        width="stretch",
    )
    if not auth.may("undo_import"):
        return
    choice = st.selectbox(
        t("history.undo"), frame["id"].tolist(), key="history_batch", format_func=lambda i: f"#{i}"
    )
    changes = imports.changes(cached.engine(), int(choice))
    if not changes.empty:
        with st.expander(t("history.changes", id=choice)):
            st.dataframe(
                changes.rename(
                    columns={
                        "table_name": t("history.col.table"),
                        "row_id": t("history.col.row"),
                        "column_name": t("history.col.column"),
                        "old_value": t("history.col.old"),
                        "new_value": t("history.col.new"),
                    }
                ),
                hide_index=True,
                width="stretch",
            )
    if confirm_undo(int(choice), "history"):
        removed = _undo(user, int(choice))
        if removed is not None:
            st.success(t("history.undone", id=choice, n=removed))
