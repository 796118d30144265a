"""The law behind each department's treatment guarantee, shown where the guarantee is (the
overview's guarantee card, the caseload page), from the organisation file."""

from __future__ import annotations

import streamlit as st

from data_access.organisation import Department
from ui.i18n import translate
from ui.plain import plain


def law_lines(departments: list[Department], lang: str) -> list[str]:
    """One line per department with a configured law: "Stof (14 dage): Serviceloven § 101, …"."""
    return [
        translate(
            "today.law.line",
            lang,
            dept=plain(d.label(lang)),
            days=d.guarantee_days,
            law=plain(d.law_label(lang)),
        )
        for d in departments
        if d.law
    ]


def law_caption(departments: list[Department], lang: str) -> None:
    lines = law_lines(departments, lang)
    if lines:
        st.caption(translate("today.law.title", lang) + "  \n" + "  \n".join(lines))
