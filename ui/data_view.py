"""Rendering for the data page: the contact form, imports, exports and the import history."""

from __future__ import annotations

import datetime as dt

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
                fmt.markdown_text(
                    t("log.saved", site=names[site], time=f"{fmt.date(day, lang)} {moment:%H:%M}")
                ),
                icon=":material/check_circle:",
            )
            if logged.pseudonym and person == NEW:
                st.info(t("log.saved.new_person", pseudonym=logged.pseudonym))
            if logged.request_id:
                st.info(t("log.saved.referral"))
            if logged.site_was_closed:
                st.warning(t("log.closed_note"), icon=":material/schedule:")
    undo = st.session_state.get(LAST_LOGGED) and st.button(
        t("log.undo"), icon=":material/undo:", key="log_undo"
    )
    if undo and _undo(user, st.session_state.pop(LAST_LOGGED)) is not None:
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
                source=preview.file_name or preview.source,
                when=f"{preview.created_at:%d-%m-%Y %H:%M}",
                contacts=preview.contacts,
                courses=preview.courses,
                persons=preview.persons,
            )
        ),
        icon=":material/warning:",
    )
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
        st.table(pd.DataFrame(COLUMN_DOCS[kind], columns=[t("import.col.column"), ""]))
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
        return
    if not st.button(t("import.run"), type="primary", icon=":material/upload:", key="import_run"):
        return
    if not auth.require("import"):
        return
    with st.spinner(t("import.working")):
        result = imports.import_file(
            cached.engine(), org, kind, upload.getvalue(), upload.name, made_by=user
        )
    show_result(result)
    if result.ok:
        cached.after_write()


def show_result(result: imports.ImportResult) -> None:
    if result.ok:
        st.success(
            t(
                "import.done",
                added=result.added,
                file=result.file_name,
                skipped=result.skipped_duplicates,
                persons=result.new_persons,
            ),
            icon=":material/check_circle:",
        )
        if result.ignored_columns:
            st.caption(t("import.ignored", columns=", ".join(result.ignored_columns)))
        return
    st.error(t("import.refused", n=len(result.problems)), icon=":material/block:")
    st.dataframe(
        pd.DataFrame(
            {
                t("import.col.row"): [p.row for p in result.problems],
                t("import.col.column"): [p.column or "" for p in result.problems],
                t("import.col.value"): [p.value or "" for p in result.problems],
                t("import.col.problem"): [
                    t(f"import.{p.code}", value=p.value or "") for p in result.problems
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )


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
        frame.rename(columns={"made_by": t("history.made_by")}),
        hide_index=True,
        width="stretch",
    )
    if not auth.may("undo_import"):
        return
    choice = st.selectbox(
        t("history.undo"), frame["id"].tolist(), key="history_batch", format_func=lambda i: f"#{i}"
    )
    if confirm_undo(int(choice), "history"):
        removed = _undo(user, int(choice))
        if removed is not None:
            st.success(t("history.undone", id=choice, n=removed))
