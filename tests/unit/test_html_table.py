"""HTML tables (ui/tables.html_table) show every header and cell as written: st.table reads
them as Markdown, so a "#" header, a site called "[x](http://evil)" or "**bold**" and a
number's "1.234" must reach the browser escaped and read the same."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from tests.app.payloads import read_plain
from ui.tables import as_text

HOSTILE = ["#", "[x](http://evil.example)", "**bold**", "<b>x</b>", "- list", ":red[x]", "$x$"]


def test_headers_and_cells_are_escaped_and_read_the_same():
    frame = pd.DataFrame({"#": [1, 2], "Sted": HOSTILE[1:3], "Kontakter": [1234, 5]})
    shown = as_text(frame, "da")
    assert [read_plain(c) for c in shown.columns] == ["#", "Sted", "Kontakter"]
    assert shown.columns[0] == "\\#"  # never an empty heading
    assert [read_plain(v) for v in shown["Sted"]] == HOSTILE[1:3]
    assert [read_plain(v) for v in shown["Kontakter"]] == ["1.234", "5"]
    for cell in [*shown.columns, *shown.to_numpy().ravel()]:
        for char in "#[]*<>:$-":
            assert f"\\{char}" in cell or char not in cell


@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
def test_any_text_is_escaped(texts):
    shown = as_text(pd.DataFrame({"t": texts}), "en")
    for original, cell in zip(texts, shown["t"], strict=True):
        assert read_plain(cell) == " ".join(original.split())
        for char in "#[]*<>`_|":
            assert char not in cell.replace(f"\\{char}", "")
