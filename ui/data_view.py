"""Rendering for the data page: the contact form, imports, exports and the import history."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from data_access import cached, exports, imports
from data_access.contact_log import ContactEntry, EntryError, last_site, log_contact
from data_access.filters import Filters
from data_access.organisation import Organisation
from data_access.schema import CONTACT_OUTCOMES, CONTACT_TYPES
from ui import format as fmt
from ui.downloads import download_buttons
from ui.i18n import t, translate

LAST_LOGGED = "_last_logged_batch"
ANONYMOUS, NEW = "__anonymous__", "__new__"


def contact_form(org: Organisation, lang: str) -> None:
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
            # The list holds the persons met most recently; any other pseudonym can be typed.
            accept_new_options=True,
            help=t("log.person.recent"),
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
            logged = log_contact(engine, org, entry)
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
    if undo:
        imports.undo_batch(engine, st.session_state.pop(LAST_LOGGED))
        cached.after_write()
        st.success(t("log.undone"))


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


def import_section(org: Organisation, lang: str) -> None:
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
    with st.spinner(t("import.working")):
        result = imports.import_file(cached.engine(), org, kind, upload.getvalue(), upload.name)
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


def export_section(filters: Filters, lang: str) -> None:
    engine = cached.engine()
    st.caption(
        fmt.markdown_text(t("export.caption", period=fmt.period(filters.start, filters.end, lang)))
    )
    stamp = f"{filters.start:%Y%m%d}-{filters.end:%Y%m%d}"
    # Counted here, built only when a download is clicked: at national scale the rows of a
    # period are hundreds of thousands, and every rerun of the page (a logged contact) would
    # build them again.
    n = fmt.number(exports.contacts_count(engine, filters), lang)
    st.markdown(f"**{t('export.contacts', n=n)}**")
    download_buttons(
        lambda: exports.contacts(engine, filters),
        f"brobygger-kontakter-{stamp}",
        lang,
        key="export-contacts",
    )
    st.markdown(
        f"**{t('export.courses', n=fmt.number(exports.courses_count(engine, filters), lang))}**"
    )
    download_buttons(
        lambda: exports.courses(engine, filters),
        f"brobygger-forloeb-{stamp}",
        lang,
        key="export-courses",
    )


def history_section() -> None:
    engine = cached.engine()
    st.caption(t("history.caption"))
    frame = imports.batches(engine)
    if frame.empty:
        st.info(t("history.none"))
        return
    st.dataframe(
        frame[["id", "source", "file_name", "row_count", "created_at", "note"]],
        hide_index=True,
        width="stretch",
    )
    choice = st.selectbox(
        t("history.undo"), frame["id"].tolist(), key="history_batch", format_func=lambda i: f"#{i}"
    )
    if st.button(t("history.undo"), icon=":material/undo:", key="history_undo"):
        removed = imports.undo_batch(engine, int(choice))
        cached.after_write()
        st.success(t("history.undone", id=choice, n=removed))
