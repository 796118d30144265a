"""Every user-facing text, in Danish (the default) and English: gettext catalogues.

The words live in language/locale/<lang>/LC_MESSAGES/brobygger.po, one file per language,
edited with any PO editor (Poedit, Weblate) or by hand. A message id is a key such as
"overview.subtitle"; its text may hold placeholders ("{period}") filled by `translate`.

A message that counts something has plural forms (msgid_plural, msgstr[0] and msgstr[1],
chosen by the catalogue's Plural-Forms rule: "1 dag", "2 dage"). Its count is the placeholder
named in an extracted comment, "#. count: days" ("n" when none is named); the caller passes it
as a number, and it is written the language's way ("1.234").

Loaded with Babel (the PO parser) into the standard library's gettext; no Streamlit here, so
data_access (alerts, the digest, Statistics Denmark's messages, the brief) words what it says
without the UI. ui/i18n.py adds the user's current language.
"""

from __future__ import annotations

import gettext
import io
import numbers
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"
DOMAIN = "brobygger"
LOCALE_DIR = Path(__file__).parent / "locale"
COUNT_COMMENT = "count:"
PLURAL_SUFFIX = "#plural"  # the msgid_plural of a key: ids are keys, not English text


@dataclass(frozen=True)
class Message:
    """One message of one language as the catalogue holds it."""

    key: str
    forms: tuple[str, ...]  # one text, or the plural forms in the catalogue's order
    count: str | None  # the placeholder that chooses the plural form; None: no plural


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _catalogue(lang: str):
    with po_path(lang).open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


@cache
def messages(lang: str) -> dict[str, Message]:
    """Every message of `lang` by key."""
    out: dict[str, Message] = {}
    for message in _catalogue(lang):
        if not message.id:
            continue  # the header
        if message.pluralizable:
            key = message.id[0]
            named = [c for c in message.auto_comments if c.startswith(COUNT_COMMENT)]
            count = named[0].removeprefix(COUNT_COMMENT).strip() if named else "n"
            out[key] = Message(key, tuple(message.string), count)
        else:
            out[message.id] = Message(message.id, (message.string,), None)
    return out


@cache
def _translations(lang: str) -> gettext.GNUTranslations:
    """The catalogue as the standard library's gettext reads it (for the plural rule)."""
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(lang))
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def keys() -> set[str]:
    return set(messages(DEFAULT_LANGUAGE))


def text(key: str, lang: str) -> str:
    """The message's text as written (its "other" form for a plural one), unfilled."""
    return messages(lang)[key].forms[-1]


def translate(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with `values` filled in; for a counting message, the
    plural form that its count takes, the count written as a number of that language."""
    message = messages(lang)[key]
    template = message.forms[0]
    if message.count is not None:
        n = values.get(message.count)
        if isinstance(n, numbers.Real) and not isinstance(n, bool):  # numpy's numbers too
            template = _translations(lang).ngettext(key, key + PLURAL_SUFFIX, _whole(n))
            from language.format import number  # here: format imports translate from us

            values[message.count] = number(n, lang, 0 if float(n).is_integer() else 1)
        else:
            template = message.forms[-1]  # a count given as text: the general form
    return template.format(**values) if values else template


def _whole(n: float) -> int:
    # gettext's rules take whole numbers; 1.5 days is plural in Danish and English alike.
    return int(n) if float(n).is_integer() else 2


def _texts() -> dict[str, dict[str, str]]:
    return {key: {lang: text(key, lang) for lang in LANGUAGES} for key in keys()}


# TEXTS[key][lang]: a message as written (a counting one's general form); `key in TEXTS`.
TEXTS: dict[str, dict[str, str]] = _texts()
