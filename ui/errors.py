"""What a person sees when the app itself fails: a message in their language with a reference
number, never a stack trace. The trace goes to the server's log under the same reference, so
whoever runs the server can find it from the number the user reports.

Two doors lead here: `boundary()` around each run of app.py (a page, the filters, the gate) and
`on_script_error` for what fails outside it (a widget's callback), registered with the server
in gateway/__init__.py. .streamlit/config.toml sets client.showErrorDetails = "none" as well, so
that a failure in Streamlit's own code shows no details either.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.logger import get_logger

from ui.i18n import current_language, translate

log = get_logger("brobygger.errors")  # Streamlit's format and level: it reaches the server log


def new_reference() -> str:
    """Eight characters a person can read out on the phone: 'F3A09C2B'."""
    return secrets.token_hex(4).upper()


def report(exc: BaseException) -> str:
    """Log `exc` with a new reference, show the reference to the user; the reference."""
    reference = new_reference()
    log.error("unexpected error, reference %s", reference, exc_info=exc)
    try:
        lang = current_language()
    except Exception:  # no session state to read the language from
        lang = "da"
    try:
        st.error(translate("error.unexpected", lang, reference=reference), icon=":material/error:")
    except Exception:  # nowhere to show it (outside a run): the log has it
        log.warning("the error message for reference %s could not be shown", reference)
    return reference


@contextmanager
def boundary() -> Iterator[None]:
    """Run a block; an exception in it becomes the message with a reference. Streamlit's own
    control flow (st.stop, st.rerun, a page switch) is not an Exception and passes through."""
    try:
        yield
    except Exception as exc:
        report(exc)


def on_script_error(exc: Exception) -> bool:
    """st.App's handler for a failure outside `boundary` (True: nothing more is shown)."""
    report(exc)
    return True
