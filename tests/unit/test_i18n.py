"""The text catalogues (language/locale/<lang>/LC_MESSAGES/brobygger.po): every message in
every language with the same placeholders and the same plural shape, no message the code asks
for missing, none left unused, and every message that counts something with its plural forms."""

import re
import string

import pytest

from data_access.settings import PROJECT_ROOT
from language import LANGUAGES, TEXTS, keys, messages, po_path, text, translate

SOURCES = [
    p
    for folder in ("pages", "ui", "maps", "data_access", "language")
    for p in (PROJECT_ROOT / folder).rglob("*.py")
]
SOURCES.append(PROJECT_ROOT / "app.py")

# A count followed by one of these words is a count of something: its message needs plural
# forms ("1 dag", "2 dage"). Words that are the same in both numbers in Danish (forløb, tal)
# are caught by the English text.
PLURAL_NOUNS = {
    "da": {"dage", "rækker", "kontakter", "personer", "starter", "anmodninger", "kommuner"},
    "en": {"days", "rows", "contacts", "persons", "starts", "requests", "courses", "figures"}
    | {"municipalities", "stops", "breaks", "things", "visits", "sites"},
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_every_language_with_the_same_shape():
    by_lang = {lang: messages(lang) for lang in LANGUAGES}
    assert len(by_lang["da"]) > 800
    for lang in LANGUAGES:
        assert set(by_lang[lang]) == keys(), lang
    for key in keys():
        da, en = by_lang["da"][key], by_lang["en"][key]
        assert da.count == en.count, key
        assert len(da.forms) == len(en.forms), key
        for form in (*da.forms, *en.forms):
            assert form.strip(), key
        # The same placeholders in both languages (a singular may leave out the count)
        assert _fields(da.forms[-1]) == _fields(en.forms[-1]), key
        if da.count:
            assert da.count in _fields(da.forms[-1]), key


def test_a_counting_message_takes_the_form_of_its_count():
    assert translate("unit.days", "da", n=1) == "1 dag"
    assert translate("unit.days", "da", n=2) == "2 dage"
    assert translate("unit.days", "en", n=1) == "1 day"
    assert translate("unit.days", "en", n=0) == "0 days"
    assert translate("unit.days", "da", n=1234) == "1.234 dage"
    assert translate("unit.days", "en", n=1234) == "1,234 days"
    assert translate("unit.days", "da", n=1.5) == "1,5 dage"
    assert translate("unit.days", "da", n="0–7") == "0–7 dage"  # a range: the general form
    assert translate("audit.rows", "en", n=1) == "1 row"
    assert translate("export.contacts", "da", n=1) == "Opsøgende kontakter (1 række)"
    assert translate("routes.why.days", "en", n=1) == "1 day since the last visit"
    import numpy as np

    assert translate("unit.days", "da", n=np.int64(1)) == "1 dag"  # counts out of pandas


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_message_counts_without_plural_forms(lang):
    """A message with "{n} days" in it must be a counting one, or "1 days" is waiting."""
    missing = [
        key
        for key, message in messages(lang).items()
        if message.count is None
        and any(
            noun in PLURAL_NOUNS[lang]
            for _, noun in re.findall(r"\{(\w+)\}\s+(\w+)", text(key, lang))
        )
    ]
    assert missing == []


def _literals() -> tuple[set[str], set[str]]:
    """Every key-like string in the code, and every prefix of a key built at run time
    (f"alerts.reason.{rule}", "hours.month." + name)."""
    whole: set[str] = set()
    prefixes: set[str] = set()
    for path in SOURCES:
        source = path.read_text()
        whole |= set(re.findall(r"""["']([a-z][a-z0-9_]*(?:\.[a-z0-9_\-]+)+)["']""", source))
        prefixes |= set(re.findall(r"""f?["']([a-z][a-z0-9_]*(?:\.[a-z0-9_\-]*)*)\{""", source))
        prefixes |= set(re.findall(r"""["']([a-z][a-z0-9_]*(?:\.[a-z0-9_\-]+)*\.)["']""", source))
    return whole, {p for p in prefixes if p}


def test_every_message_the_code_asks_for_exists():
    used = set()
    for path in SOURCES:
        used |= set(
            re.findall(r"""\b(?:t|translate)\(\s*["']([a-z0-9_.\-]+)["']""", path.read_text())
        )
    assert len(used) > 300, "the scan found too few keys: the pattern is broken"
    assert sorted(used - keys()) == []


def test_no_message_is_left_unused():
    whole, prefixes = _literals()
    unused = sorted(
        key for key in keys() if key not in whole and not any(key.startswith(p) for p in prefixes)
    )
    assert unused == []


def test_the_catalogues_are_gettext_files_with_a_plural_rule():
    for lang in LANGUAGES:
        header = po_path(lang).read_text(encoding="utf-8")[:1000]
        assert f'"Language: {lang}\\n"' in header
        assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in header


def test_danish_is_danish():
    assert TEXTS["nav.overview"]["da"] == "Overblik"
    assert TEXTS["kpi.guarantee"]["da"] == "Garanti overholdt"
