"""Download buttons for tables: CSV that Danish Excel opens correctly, and real .xlsx.

Both go through exports.neutralise_formulas: no cell of a download runs as a formula.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from data_access.exports import neutralise_formulas
from ui import excel
from ui import format as fmt
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


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """UTF-8 with BOM; Danish files use ';' and decimal commas, as Danish Excel expects."""
    frame = neutralise_formulas(_dates_as_shown(frame, lang))
    if lang == "da":
        return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    return frame.to_csv(index=False).encode("utf-8-sig")


def _dates_as_shown(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Date and time columns written as the screen shows them (01-03-2025 14:30 in Danish),
    not as ISO text."""
    out = frame.copy()
    day = "%d-%m-%Y" if lang == "da" else "%Y-%m-%d"
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column].dtype):
            values = out[column]
            with_time = (values.dropna().dt.strftime("%H:%M") != "00:00").any()
            out[column] = values.dt.strftime(f"{day} %H:%M" if with_time else day)
    return out


def xlsx_bytes(
    frame: pd.DataFrame, sheet: str, progress: Callable[[float], None] | None = None
) -> bytes:
    """Typed cells with Danish number formats, a bold, filtered, frozen header (ui/excel.py)."""
    return excel.xlsx(neutralise_formulas(frame), sheet, progress=progress)


def download_buttons(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    lang: str,
    key: str,
    on_download: Callable[[str], None] | None = None,
    *,
    rows: int | None = None,
    identity: tuple = (),
) -> None:
    """CSV and Excel buttons; `frame` may be a function that builds the table. The file is
    built when the buttons are drawn (a download built on click gets a new address on every
    rerun, and a click holding the old one fails). `on_download(format)` runs when one is
    clicked (the audit row of an export of person rows).

    A function whose table has more than AT_ONCE_ROWS rows (`rows`, counted by the caller in
    the database) gets a button that makes the files first, with progress; they are kept while
    `identity` (what they show: filters, data version, language) stays the same."""
    if callable(frame) and rows is not None and rows > AT_ONCE_ROWS:
        _made_when_asked(frame, name, lang, key, on_download, rows, identity)
        return
    if callable(frame):
        frame = frame()
    _file_pair(name, key, _cached_csv(frame, lang), _cached_xlsx(frame, name), lang, on_download)


def _file_pair(
    name: str,
    key: str,
    csv: bytes,
    xlsx: bytes | None,
    lang: str,
    on_download: Callable[[str], None] | None,
) -> None:
    """The CSV and Excel buttons side by side (Excel: None when the table is longer than a
    sheet, and the place says so)."""
    left, right = st.columns(2, width=360)
    file_button(
        left,
        t("download.csv"),
        csv,
        f"{name}.csv",
        "text/csv",
        key=f"{key}-csv",
        icon=":material/download:",
        on_download=(lambda: on_download("csv")) if on_download else None,
    )
    if xlsx is None:
        right.caption(t("download.excel_too_long", n=fmt.number(EXCEL_MAX_ROWS, lang)))
        return
    file_button(
        right,
        t("download.xlsx"),
        xlsx,
        f"{name}.xlsx",
        XLSX_MIME,
        key=f"{key}-xlsx",
        icon=":material/table:",
        on_download=(lambda: on_download("xlsx")) if on_download else None,
    )


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_button(
    where,
    label: str,
    data: bytes,
    file_name: str,
    mime: str,
    *,
    key: str,
    icon: str,
    on_download: Callable[[], None] | None = None,
) -> None:
    """A download button with the file's bytes in it, never a deferred callable.

    Streamlit gives a deferred download a new random id on every run and drops the old one, so
    a click that still holds the previous run's id (any rerun between drawing and clicking)
    fails with "Deferred file ... not found" and nothing downloads. Bytes are stored under a
    hash of their content: a rerun that makes the same file keeps the same address, and the
    file stays while the page shows its button. `on_download` runs on the click's rerun.
    """
    where.download_button(
        label,
        data=data,
        file_name=file_name,
        mime=mime,
        icon=icon,
        key=key,
        on_click=on_download if on_download else "ignore",
    )


def _made_when_asked(
    build: Callable[[], pd.DataFrame],
    name: str,
    lang: str,
    key: str,
    on_download: Callable[[str], None] | None,
    rows: int,
    identity: tuple,
) -> None:
    """A big table's files: one button makes both (progress shown), then the two download
    buttons hold their bytes as for a small table."""
    slot = f"_files-{key}"
    made = _kept(slot, (identity, lang))
    if made is None:
        offer = st.empty()  # the offer goes once the files are made, in the same run
        with offer.container():
            st.caption(t("download.large", n=fmt.number(rows, lang)))
            asked = st.button(t("download.make"), key=f"{key}-make", icon=":material/build:")
        if not asked:
            return
        made = _keep(slot, (identity, lang), _make_files(build, name, lang))
        offer.empty()
    csv, xlsx = made
    _file_pair(name, key, csv, xlsx, lang, on_download)


def _make_files(
    build: Callable[[], pd.DataFrame], name: str, lang: str
) -> tuple[bytes, bytes | None]:
    """(CSV, Excel or None when the table is longer than a sheet), with a progress bar."""
    bar = st.progress(0.0, text=t("download.reading"))
    frame = build()
    bar.progress(0.15, text=t("download.making_csv"))
    csv = csv_bytes(frame, lang)
    xlsx = None
    if len(frame) <= EXCEL_MAX_ROWS:
        text = t("download.making_xlsx")
        bar.progress(0.25, text=text)
        xlsx = xlsx_bytes(frame, name, lambda done: bar.progress(0.25 + 0.75 * done, text=text))
    bar.empty()
    return csv, xlsx


# The caches below are keyed by the frame's digest: Streamlit's own hashing of a frame
# argument, on every rerun, cost more than the rest of drawing the buttons.
def _cached_csv(frame: pd.DataFrame, lang: str) -> bytes:
    return _csv_for(frame_digest(frame), lang, frame)


def _cached_xlsx(frame: pd.DataFrame, name: str) -> bytes:
    return _xlsx_for(frame_digest(frame), name, frame)


@st.cache_data(ttl="10m", max_entries=200, show_spinner=False)
def _csv_for(digest: str, lang: str, _frame: pd.DataFrame) -> bytes:
    return csv_bytes(_frame, lang)


@st.cache_data(ttl="10m", max_entries=200, show_spinner=False)
def _xlsx_for(digest: str, name: str, _frame: pd.DataFrame) -> bytes:
    return xlsx_bytes(_frame, name)


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
