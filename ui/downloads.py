"""Download buttons for tables: CSV that Danish Excel opens correctly, and real .xlsx.

Both go through exports.neutralise_formulas: no cell of a download runs as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd
import streamlit as st

from data_access.exports import neutralise_formulas
from ui.i18n import t


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """UTF-8 with BOM; Danish files use ';' and decimal commas, as Danish Excel expects."""
    frame = neutralise_formulas(frame)
    if lang == "da":
        return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise_formulas(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def download_buttons(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    lang: str,
    key: str,
    on_download: Callable[[str], None] | None = None,
) -> None:
    """CSV and Excel buttons; `frame` may be a function that builds the table when clicked.
    `on_download(format)` runs when one is clicked, before the file is built (the audit row of
    an export of person rows)."""
    make = frame if callable(frame) else lambda: frame

    def made(fmt: str, build: Callable[[], bytes]) -> Callable[[], bytes]:
        def run() -> bytes:
            if on_download:
                on_download(fmt)
            return build()

        return run

    left, right = st.columns(2, width=360)
    left.download_button(
        t("download.csv"),
        data=made("csv", lambda: csv_bytes(make(), lang)),  # built only when clicked
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}-csv",
        on_click="ignore",
    )
    right.download_button(
        t("download.xlsx"),
        data=made("xlsx", lambda: xlsx_bytes(make(), name)),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        key=f"{key}-xlsx",
        on_click="ignore",
    )
