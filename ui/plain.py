"""User-controlled text shown as text: never as Markdown, HTML, an image, a link or a
Streamlit directive.

Streamlit renders Markdown in st.markdown, st.caption, st.info/success/warning/error, widget
labels, metric labels, tabs and st.table cells. A file name, a column header, a cell value,
a URL parameter or a name from the organisation file that goes into any of them passes
through `plain()` first, which escapes every character Markdown or Streamlit could read as
markup (CommonMark lets any ASCII punctuation be escaped with a backslash). Dataframes,
select options and charts show text literally and need nothing.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character: emphasis, links and images, HTML, lists and headings,
# tables, code, LaTeX ($), Streamlit's :directives[...] and :emoji: shortcodes.
_MARKUP = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


# Some of Streamlit's Markdown works on the text after escapes are resolved: bare URLs and
# e-mail addresses become links (GFM autolinks), `:streamlit:` becomes a logo. An invisible
# word joiner breaks those patterns; the text reads the same.
_JOINER = "\u2060"
_AFTER_JOIN = re.compile(r"(?::(?=[A-Za-z/])|(?i:\bwww)(?=\.)|@)")


def plain(value: object) -> str:
    """`value` as text that Streamlit shows exactly as written, on one line."""
    text = " ".join(str(value).split())  # no line breaks: they could open a block
    text = _AFTER_JOIN.sub(lambda m: m.group(0) + _JOINER, text)
    return "".join(f"\\{char}" if char in _MARKUP else char for char in text)
