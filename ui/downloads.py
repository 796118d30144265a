"""Download buttons for tables: CSV that Danish Excel opens correctly, and real .xlsx."""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui.i18n import t


def csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    """UTF-8 with BOM; Danish files use ';' and decimal commas, as Danish Excel expects."""
    if lang == "da":
        return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def download_buttons(
    frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, lang: str, key: str
) -> None:
    """CSV and Excel buttons; `frame` may be a function that builds the table when clicked."""
    make = frame if callable(frame) else lambda: frame
    left, right = st.columns(2, width=360)
    left.download_button(
        t("download.csv"),
        data=lambda: csv_bytes(make(), lang),  # built only when clicked
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}-csv",
        on_click="ignore",
    )
    right.download_button(
        t("download.xlsx"),
        data=lambda: xlsx_bytes(make(), name),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        key=f"{key}-xlsx",
        on_click="ignore",
    )
