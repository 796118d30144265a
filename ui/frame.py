"""Every page runs inside app.py's frame (navigation, language, filters).

Streamlit still has its legacy auto-discovery of a `pages/` folder: on a fresh server, before
app.py has called st.navigation once, a deep link such as /outreach runs pages/outreach.py on
its own. Pages call `ensure_frame` first; it sends such a run through app.py, which then opens
the page that was asked for, with its query parameters.
"""

from __future__ import annotations

import streamlit as st

IN_FRAME = "_in_frame"
DEEP_LINK = "_deep_link"


def mark_frame() -> None:
    """Called by app.py before it runs the page."""
    st.session_state[IN_FRAME] = True


def ensure_frame(page_file: str) -> None:
    if st.session_state.get(IN_FRAME):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    st.session_state[DEEP_LINK] = (page_file, params)
    st.switch_page("app.py")


def follow_deep_link() -> None:
    """Called by app.py after st.navigation: open the page a legacy run was asked for."""
    if DEEP_LINK in st.session_state:
        page_file, params = st.session_state.pop(DEEP_LINK)
        st.switch_page(page_file, query_params=params)


def deep_link_params() -> dict[str, str | list[str]] | None:
    """The query parameters of a deep link that is still to be followed, if any."""
    link = st.session_state.get(DEEP_LINK)
    return link[1] if link else None
