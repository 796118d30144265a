"""User text is shown as text (ui.plain) and downloads carry no live formulas (OWASP)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from ui.downloads import csv_bytes, xlsx_bytes
from ui.plain import plain

MARKUP = [
    "http://127.0.0.1/x www.example.dk a@b.dk :streamlit:",
    "![x](http://127.0.0.1/pixel.png)",
    "[klik](javascript:alert(1))",
    "**fed**",
    ":red[rød] :material/home: :tada:",
    "$x^2$",
    "<img src=x onerror=alert(1)>",
    "# overskrift\n- liste",
    "1. jan. 2025",
    "`kode`",
]


@pytest.mark.parametrize("text", MARKUP)
def test_plain_escapes_every_markup_character(text):
    escaped = plain(text)
    assert "\n" not in escaped
    unescaped = escaped.replace("\\", "").replace("\u2060", "")
    assert unescaped == " ".join(text.split())
    for i, char in enumerate(escaped):
        if char in "![]()*:$<>`#-.":
            assert escaped[i - 1] == "\\", (text, escaped)


def test_plain_keeps_letters_and_digits():
    assert plain("Helsingør Rusmiddelcenter 17A") == "Helsingør Rusmiddelcenter 17A"


FRAME = pd.DataFrame(
    {
        "site": [
            '=HYPERLINK("http://x","k")',
            "+45 1234",
            "-x",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "Stubben",
        ],
        "count": [1, -2, 3, 4, 5, 6, 7],
        "when": pd.to_datetime(["2025-03-01"] * 7),
    }
)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_csv_cells_that_would_be_formulas_start_with_a_quote(lang):
    text = csv_bytes(FRAME, lang).decode("utf-8-sig")
    sep = ";" if lang == "da" else ","
    cells = [line.split(sep)[0].strip('"') for line in text.splitlines()[1:] if line.strip()]
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), cells
    assert "'=HYPERLINK" in text and "Stubben" in text
    assert f"{sep}-2{sep}" in text  # numbers stay numbers


def test_xlsx_cells_are_text_not_formulas():
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(FRAME, "steder"))).active
    column = [c for c in sheet["A"][1:]]
    assert all(c.data_type == "s" for c in column)
    assert all(not str(c.value).startswith(("=", "+", "-", "@", "\t", "\r")) for c in column)
    assert [c.value for c in sheet["B"][1:]] == [1, -2, 3, 4, 5, 6, 7]
