"""Every refusal an import can give is worded, in both languages: a message may name only the
parameters a problem carries (data_access/imports/report.MESSAGE_FIELDS), so a new message
with a new placeholder fails here, not on the data page (a file with more than 100 columns
once crashed it: the text named {column}, the page supplied only value and detail)."""

from __future__ import annotations

import re
import string

import pytest

from data_access.imports.report import MESSAGE_FIELDS, Problem, problem_text
from data_access.settings import PROJECT_ROOT
from language import LANGUAGES, messages


def _codes() -> set[str]:
    """Every problem code the import code can raise."""
    folder = PROJECT_ROOT / "data_access" / "imports"
    source = "\n".join(p.read_text("utf-8") for p in folder.rglob("*.py"))
    return set(re.findall(r"Problem\(\s*\"(\w+)\"", source))


def test_the_codes_are_found():
    assert {"too_many_columns", "missing_column", "cpr"} <= _codes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_problem_has_a_message_naming_only_what_a_problem_carries(lang):
    catalogue = messages(lang)
    for code in sorted(_codes()):
        key = f"import.{code}"
        assert key in catalogue, key
        for form in catalogue[key].forms:
            names = {name for _, name, _, _ in string.Formatter().parse(form) if name}
            assert names <= set(MESSAGE_FIELDS), (key, names - set(MESSAGE_FIELDS))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_too_wide_sheet_is_worded_with_its_far_corner(lang):
    problem = Problem("too_many_columns", sheet="Ark1", column="XFD1048576", detail="100")
    text = problem_text(problem, lang)
    assert "XFD1048576" in text and "100" in text
