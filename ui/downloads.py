"""The export seam: every file the app hands out leaves through here, and nowhere else.

- Tables become CSV that Danish Excel opens correctly and real .xlsx, both through
  exports.neutralise_formulas: no cell of a download runs as a formula.
- Every file is granted to the browser and session that were shown its button, and only to
  them (gateway/grants.py; the file gate refuses a fetch without a grant). A copied address
  gives nothing, and a session that has logged out gets nothing more.
- A file with person rows (`PersonRows`) is made only when its button is clicked, and only for
  a user whose role allows its action then (data_access/access.py); its grant is for one fetch,
  and that fetch writes the export's audit row naming every pseudonym in the file, before the
  file leaves (so the extract for one person shows each export of their rows).
- Streamlit's own "Download as CSV" in a table's toolbar is off everywhere
  (client.disableDataExport): a table shown is not a file handed out.
A test (tests/unit/test_architecture.py) keeps st.download_button out of every other module.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from data_access import audit, cached
from data_access.access import Action, Page, User
from data_access.exports import neutralise_formulas
from data_access.filters import Filters
from gateway import grants, passes
from language import format as fmt
from ui import auth, excel, tables
from ui.frame_digest import frame_digest
from ui.i18n import t

# A table of up to this many rows has its files made with the page (about 0.2 s for an Excel
# file of 2,000 rows here): the demo's whole period fits, and a file is there to click at once.
# A bigger one (a year of person rows in a national database: hundreds of thousands, minutes of
# work) is made only when asked for, with progress: the page is made again after every logged
# contact (a new data version), and it would make the files again each time.
AT_ONCE_ROWS = 2_000
# An Excel sheet holds 1,048,576 rows, the header included; a longer table is CSV only.
EXCEL_MAX_ROWS = 1_048_575


def csv_bytes(frame: pd.DataFrame, lang: str, declared: tables.Declared | None = None) -> bytes:
    """UTF-8 with BOM; Danish files use ';' and decimal commas, as Danish Excel expects."""
    frame = neutralise_formulas(_as_written(frame, lang, declared))
    return frame.to_csv(index=False, **fmt.CSV_DIALECT[lang]).encode("utf-8-sig")


def _as_written(frame: pd.DataFrame, lang: str, declared: tables.Declared | None) -> pd.DataFrame:
    """Dates, times, shares and committee counts written as the screen shows them (01-03-2025
    14:30 in Danish, not ISO text; "92 %"; "<5"); whole numbers without a decimal part."""
    out = frame.copy()
    for column, kind in tables.kinds(frame, declared).items():
        if kind in ("date", "datetime", "share", "count"):
            out[column] = [tables.shown_text(v, kind, lang) for v in out[column].astype(object)]
        elif kind == "integer" and pd.api.types.is_float_dtype(out[column].dtype):
            out[column] = out[column].astype("Int64")
    return out


def xlsx_bytes(
    frame: pd.DataFrame,
    sheet: str,
    declared: tables.Declared | None = None,
    progress: Callable[[float], None] | None = None,
) -> bytes:
    """Typed cells with a format per column, a bold, filtered, frozen header (ui/excel.py)."""
    return excel.xlsx(neutralise_formulas(frame), sheet, declared, progress=progress)


@dataclass(frozen=True)
class PersonRows:
    """What a file of person rows is: the action that allows it (data_access/access.py), the
    page it is offered on, and what its audit row says. Its pseudonyms are the values of
    `column` in the table, or `pseudonyms` when the table does not show them (an alert history
    made from the persons' alerts, one person's extract)."""

    action: Action
    page: Page
    what: str
    filters: Filters | None = None
    column: str = "pseudonym"
    pseudonyms: Sequence[str] | None = None

    def people(self, frame: pd.DataFrame) -> list[str]:
        if self.pseudonyms is not None:
            return sorted({p for p in self.pseudonyms if p})
        if self.column not in frame:
            return []
        return sorted({str(p) for p in frame[self.column].dropna()})


def download_buttons(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    lang: str,
    key: str,
    *,
    person_rows: PersonRows | None = None,
    rows: int | None = None,
    identity: tuple = (),
    declared: tables.Declared | None = None,
) -> None:
    """CSV and Excel buttons for a typed table (ui/tables.py: `declared` names the kinds its
    types do not tell, such as a share); `frame` may be a function that builds it.

    A table of aggregates has its files made when the buttons are drawn (a download built on
    click gets a new address on every rerun). A table of person rows (`person_rows`) is
    offered only to a role that may export it, and each file is made when its button is
    clicked, granted for one fetch and audited with its pseudonyms when fetched.

    A function whose table has more than AT_ONCE_ROWS rows (`rows`, counted by the caller in
    the database) gets a button that makes the files first, with progress; they are kept while
    `identity` (what they show: filters, data version, language) stays the same."""
    if person_rows is not None and not auth.require(person_rows.action):
        return
    if callable(frame) and rows is not None and rows > AT_ONCE_ROWS:
        made = _made_when_asked(frame, name, lang, key, rows, identity, person_rows, declared)
        if made is not None:
            csv, xlsx, count, people = made
            if person_rows is None:
                _file_pair(name, key, lang, csv, xlsx)
                return
            _person_file_pair(
                name,
                key,
                lang,
                person_rows,
                lambda: (csv, count, people),
                (lambda: (xlsx, count, people)) if xlsx is not None else None,
            )
        return
    if person_rows is not None:
        build = frame if callable(frame) else (lambda: frame)

        def contents(to_bytes: Callable[[pd.DataFrame], bytes]):
            def made() -> tuple[bytes, int, list[str]]:
                table = build()
                return to_bytes(table), len(table), person_rows.people(table)

            return made

        _person_file_pair(
            name,
            key,
            lang,
            person_rows,
            contents(lambda table: csv_bytes(table, lang, declared)),
            contents(lambda table: xlsx_bytes(table, name, declared)),
        )
        return
    if callable(frame):
        frame = frame()
    digest = frame_digest((frame, dict(declared or {})))
    _file_pair(
        name,
        key,
        lang,
        _csv_for(digest, lang, frame, declared),
        _xlsx_for(digest, name, frame, declared),
    )


# What a person-rows file is made of, when its button is clicked: (bytes, rows, pseudonyms).
Contents = Callable[[], tuple[bytes, int, list[str]]]
CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _two_places(lang: str, has_excel: bool):
    """Where the CSV and Excel buttons go (Excel: None when the table is longer than a sheet,
    and the place says so)."""
    left, right = st.columns(2, width=360)
    if not has_excel:
        right.caption(t("download.excel_too_long", n=fmt.number(EXCEL_MAX_ROWS, lang)))
        return left, None
    return left, right


def _file_pair(name: str, key: str, lang: str, csv: bytes, xlsx: bytes | None) -> None:
    """The CSV and Excel buttons of an aggregate table side by side."""
    left, right = _two_places(lang, xlsx is not None)
    file_button(
        left, t("download.csv"), csv, f"{name}.csv", CSV_MIME, key=f"{key}-csv", icon=CSV_ICON
    )
    if right is not None:
        file_button(
            right,
            t("download.xlsx"),
            xlsx,
            f"{name}.xlsx",
            XLSX_MIME,
            key=f"{key}-xlsx",
            icon=XLSX_ICON,
        )


def _person_file_pair(
    name: str,
    key: str,
    lang: str,
    spec: PersonRows,
    csv: Contents,
    xlsx: Contents | None,
) -> None:
    """The CSV and Excel buttons of a table of person rows, each made when clicked."""
    left, right = _two_places(lang, xlsx is not None)
    person_file_button(
        left,
        t("download.csv"),
        csv,
        f"{name}.csv",
        CSV_MIME,
        key=f"{key}-csv",
        icon=CSV_ICON,
        spec=spec,
        file_format="csv",
    )
    if right is not None:
        person_file_button(
            right,
            t("download.xlsx"),
            xlsx,
            f"{name}.xlsx",
            XLSX_MIME,
            key=f"{key}-xlsx",
            icon=XLSX_ICON,
            spec=spec,
            file_format="xlsx",
        )
    st.caption(t("download.person_logged"))


CSV_ICON, XLSX_ICON = ":material/download:", ":material/table:"


def file_button(
    where,
    label: str,
    data: bytes,
    file_name: str,
    mime: str,
    *,
    key: str,
    icon: str,
) -> None:
    """A download button for a file without person rows, with its bytes in it, granted to
    this browser for as long as the button is shown.

    Bytes, not a deferred callable: Streamlit gives a deferred download a new random id on
    every run and drops the old one, so a click that still holds the previous run's id (any
    rerun between drawing and clicking) fails. Bytes are stored under a hash of their content:
    a rerun that makes the same file keeps the same address, and the file stays while the page
    shows its button.
    """
    user = auth.current_user()
    if user is None:
        return
    grants.grant(
        data,
        browser=auth.browser_id(),
        session_id=auth.session_id(),
        subject=user.subject,
        once=False,
    )
    where.download_button(
        label, data=data, file_name=file_name, mime=mime, icon=icon, key=key, on_click="ignore"
    )


def person_file_button(
    where,
    label: str,
    contents: Contents,
    file_name: str,
    mime: str,
    *,
    key: str,
    icon: str,
    spec: PersonRows,
    file_format: str,
) -> None:
    """A download button whose file (person rows) is made when it is clicked. Streamlit runs
    the callable in a worker thread for the session that clicked, outside the script: the
    user, session, browser and database are taken now. The page does not rerun on the click
    (on_click="ignore"), so the button keeps its id and a second click works too."""
    user = auth.current_user()
    if user is None:
        return
    session, browser, engine = auth.session_id(), auth.browser_id(), cached.engine()
    where.download_button(
        label,
        data=lambda: make_person_file(contents, user, session, browser, engine, spec, file_format),
        file_name=file_name,
        mime=mime,
        icon=icon,
        key=key,
        on_click="ignore",
    )


class ExportRefused(PermissionError):
    """A person-rows file asked for by a session that no longer stands at the gate as the user
    it was offered to, or by a browser without its cookie: nothing is made."""


def make_person_file(
    contents: Contents,
    user: User,
    session: str | None,
    browser: str | None,
    engine,
    spec: PersonRows,
    file_format: str,
) -> bytes:
    """The file, made now and granted to `browser` for one fetch, whose audit row names its
    pseudonyms. Refused (nothing made) when the session has since logged out or changed user,
    when the role may no longer export it, or when there is no browser to bind it to."""
    current = passes.standing(session)
    if current is None or current.subject != user.subject or not current.may(spec.action):
        raise ExportRefused("the session no longer may export these rows")
    if not browser:
        raise ExportRefused("no browser cookie: the file could not be bound to its browser")
    data, count, people = contents()

    def write_audit_row(client: str | None) -> None:
        audit.write(
            engine,
            user,
            "export",
            page=spec.page,
            pseudonyms=people,
            filters=spec.filters,
            detail=f"{spec.what}: {count} rows, {file_format}",
            client=client,
        )

    grants.grant(
        data,
        browser=browser,
        session_id=session,
        subject=user.subject,
        once=True,
        on_fetch=write_audit_row,
    )
    return data


def _made_when_asked(
    build: Callable[[], pd.DataFrame],
    name: str,
    lang: str,
    key: str,
    rows: int,
    identity: tuple,
    person_rows: PersonRows | None,
    declared: tables.Declared | None,
) -> tuple[bytes, bytes | None, int, list[str]] | None:
    """A big table's files: one button makes both (progress shown); then (CSV, Excel or None,
    rows, pseudonyms), kept for `identity`; None until asked."""
    slot = f"_files-{key}"
    made = _kept(slot, (identity, lang))
    if made is None:
        offer = st.empty()  # the offer goes once the files are made, in the same run
        with offer.container():
            st.caption(t("download.large", n=rows))
            asked = st.button(t("download.make"), key=f"{key}-make", icon=":material/build:")
        if not asked:
            return None
        made = _keep(slot, (identity, lang), _make_files(build, name, lang, person_rows, declared))
        offer.empty()
    return made


def _make_files(
    build: Callable[[], pd.DataFrame],
    name: str,
    lang: str,
    person_rows: PersonRows | None,
    declared: tables.Declared | None,
) -> tuple[bytes, bytes | None, int, list[str]]:
    """(CSV, Excel or None when the table is longer than a sheet, rows, pseudonyms), with a
    progress bar."""
    bar = st.progress(0.0, text=t("download.reading"))
    frame = build()
    bar.progress(0.15, text=t("download.making_csv"))
    csv = csv_bytes(frame, lang, declared)
    xlsx = None
    if len(frame) <= EXCEL_MAX_ROWS:
        text = t("download.making_xlsx")
        bar.progress(0.25, text=text)
        xlsx = xlsx_bytes(
            frame, name, declared, lambda done: bar.progress(0.25 + 0.75 * done, text=text)
        )
    bar.empty()
    return csv, xlsx, len(frame), person_rows.people(frame) if person_rows else []


# The caches below are keyed by the frame's digest: Streamlit's own hashing of a frame
# argument, on every rerun, cost more than the rest of drawing the buttons.
@st.cache_data(ttl="10m", max_entries=200, show_spinner=False)
def _csv_for(
    digest: str, lang: str, _frame: pd.DataFrame, _declared: tables.Declared | None
) -> bytes:
    return csv_bytes(_frame, lang, _declared)


@st.cache_data(ttl="10m", max_entries=200, show_spinner=False)
def _xlsx_for(
    digest: str, name: str, _frame: pd.DataFrame, _declared: tables.Declared | None
) -> bytes:
    return xlsx_bytes(_frame, name, _declared)


def made_on_request(
    make_label: str,
    get_label: str,
    build: Callable[[], bytes],
    file_name: str,
    mime: str,
    *,
    key: str,
    identity: tuple,
    icon: str,
) -> None:
    """A file too costly to make on every run (the meeting brief): one button makes it, then
    a download button holds its bytes, for as long as `identity` (what the file shows) stays
    the same. Clicking the download any number of times needs no more work."""
    slot = f"_made-{key}"
    made = _kept(slot, identity)
    if made is None:
        if st.button(make_label, icon=icon, key=f"{key}-make"):
            with st.spinner(t("download.making")):
                made = _keep(slot, identity, build())
        if made is None:
            return
    file_button(st, get_label, made, file_name, mime, key=key, icon=":material/download:")


def _kept(slot: str, identity: object) -> Any:
    """What was made into session state `slot` for `identity`, or None (anything made for
    another identity is dropped: it shows something else now)."""
    made = st.session_state.get(slot)
    if made is not None and made[0] == identity:
        return made[1]
    st.session_state.pop(slot, None)
    return None


def _keep(slot: str, identity: object, made: Any) -> Any:
    st.session_state[slot] = (identity, made)
    return made
