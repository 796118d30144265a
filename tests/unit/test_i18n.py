"""The text catalogue: every key in every language, the same placeholders, no unknown keys."""

import re
import string

from data_access.settings import PROJECT_ROOT
from ui.i18n import LANGUAGES, TEXTS

SOURCES = [p for folder in ("pages", "ui", "maps") for p in (PROJECT_ROOT / folder).rglob("*.py")]
SOURCES.append(PROJECT_ROOT / "app.py")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_every_language():
    missing = [
        (key, lang) for key, texts in TEXTS.items() for lang in LANGUAGES if not texts.get(lang)
    ]
    assert missing == []
    extra = [
        (key, set(texts) - set(LANGUAGES))
        for key, texts in TEXTS.items()
        if set(texts) - set(LANGUAGES)
    ]
    assert extra == []


def test_placeholders_match_between_languages():
    for key, texts in TEXTS.items():
        assert len({frozenset(_fields(texts[lang])) for lang in LANGUAGES}) == 1, key


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in SOURCES:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.]+)["']""", path.read_text()))
    assert used, "the scan found no keys: the pattern is broken"
    assert sorted(used - set(TEXTS)) == []


def test_danish_is_danish():
    assert TEXTS["nav.overview"]["da"] == "Overblik"
    assert TEXTS["kpi.guarantee"]["da"] == "Garanti overholdt"
