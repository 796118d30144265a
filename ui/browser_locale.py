"""Streamlit's own calendar in the page's language, whatever the browser's language is.

Streamlit 1.67's `st.date_input` has no locale option (only `format`, the order of the typed
field), and no `[client]` setting or `<html lang>` reaches it: its calendar (React Aria) takes
the locale the app frame passes down, which is `window.navigator.language`, read again on
every render of the frame (frontend `App.render` → the library context's `locale`). So a
browser in English (Chromium's default here is en-US) showed an English calendar starting on
Sunday on a Danish page.

The seam is that value itself: a few lines of JavaScript (`st.html` runs them in the page, no
component, no fork) make `navigator.language` answer with the page's language, and the
frame's next render passes it to every calendar (when the value changes, the script asks for
that render: the run's last elements may have been drawn before it ran): Danish month and
day names and Monday first in Danish; English in English (en-GB: Monday first, as weeks are
counted in Denmark).
`navigator.languages` (Streamlit's number formats in tables) is left as the browser has it.
`tests/browser/test_date_picker_browser.py` opens the calendar in a Chromium started with
`--lang=en-US` and fails if a Streamlit upgrade stops reading the value this way.
"""

from __future__ import annotations

import json

import streamlit as st

LOCALES = {"da": "da-DK", "en": "en-GB"}
MARKER_CLASS = "brobygger-locale"  # app.py's CSS hides the (empty) element holding the script

_SCRIPT = """<span class="{marker}" hidden></span><script>
(() => {{
  const before = window.navigator.language;
  window.brobyggerLocale = {locale};
  // The page's language for a screen reader (WCAG 3.1.1), when it is switched without a new
  // page (gateway/page_shell.py serves each page with the language of its URL).
  document.documentElement.lang = {lang};
  if (!window.brobyggerLocaleSet) {{
    // An own property shadows Navigator.prototype's getter; it reads the choice on each call,
    // so switching language needs no second definition.
    Object.defineProperty(window.navigator, "language", {{
      configurable: true,
      get: () => window.brobyggerLocale,
    }});
    window.brobyggerLocaleSet = true;
  }}
  if (before !== window.brobyggerLocale) {{
    // The frame may have drawn the run's last elements already: have it render once more
    // (Streamlit's theme hook answers "afterprint" by refreshing its list of themes, which
    // renders the frame again and so hands the new language down).
    window.requestAnimationFrame(() => window.dispatchEvent(new Event("afterprint")));
  }}
}})();
</script>"""


def script(lang: str) -> str:
    return _SCRIPT.format(
        marker=MARKER_CLASS,
        locale=json.dumps(LOCALES.get(lang, "da-DK")),
        lang=json.dumps(lang if lang in LOCALES else "da"),
    )


def follow_page_language(lang: str) -> None:
    """Early in every run, before any date input: the frame renders again as the run's later
    elements arrive, and from then on passes this language to the calendars."""
    st.html(script(lang), unsafe_allow_javascript=True)
