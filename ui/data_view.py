"""Rendering for the data page: the contact form, imports, exports and the import history."""

from __future__ import annotations

import functools
import logging
import re

import pandas as pd
import streamlit as st

from data_access import batches, cached, exports, imports
from data_access.access import User
from data_access.filters import Filters
from data_access.imports.report import problem_text
from data_access.organisation import Organisation
from language import format as fmt
from ui import auth, tables
from ui.downloads import PersonRows, download_buttons, file_button
from ui.i18n import TEXTS, current_language, t, translate
from ui.plain import plain
from ui.undo_view import _undo, confirm_undo

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
        tables.html_table(docs, lang)
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
            problem_text(problem, current_language(), plain)
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
        t("import.col.problem"): [problem_text(p, current_language()) for p in problems],
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
    if undone := st.session_state.pop(UNDONE, None):  # said after the rerun that removed it
        st.success(undone, icon=":material/undo:")
    frame = batches.history(cached.engine())
    if frame.empty:
        st.info(t("history.none"))
        return
    tables.show(history_table(frame, lang), lang)
    if not auth.may("undo_import"):
        return
    choice = _newest_first_picker(frame["id"].tolist())
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
            # Drawn again without the removed batch (the table above still lists it), the
            # picker on the newest one left; the result is said at the top of the history.
            st.session_state[UNDONE] = t("history.undone", id=choice, n=removed)
            st.rerun()


UNDONE, NEWEST = "_history_undone", "_history_newest"


def _newest_first_picker(ids: list[int]) -> int:
    """The batch to undo, the newest chosen whenever a batch has been added or removed since
    the picker was last drawn: a choice kept from before an import offered an older batch
    for an undo that cannot be taken back."""
    if st.session_state.get(NEWEST) != ids[0]:
        st.session_state.pop("history_batch", None)
        st.session_state[NEWEST] = ids[0]
    return st.selectbox(
        t("history.undo"), ids, index=0, key="history_batch", format_func=lambda i: f"#{i}"
    )


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
