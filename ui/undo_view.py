"""Undoing a saved contact or an import: what would go, asked first, then removed (each part
audited by data_access/batches.py)."""

from __future__ import annotations

import streamlit as st

from data_access import batches, cached, imports
from data_access.access import User
from language import format as fmt
from ui import auth
from ui.i18n import t
from ui.plain import plain


def _try_undo(user: User, batch_id: int) -> int | tuple[str, str]:
    """Undo through the role rules (batches.undo checks them again on the server side): the
    number of rows removed, or why not, for _show_undo_result (no drawing here: this also
    runs in a callback)."""
    try:
        removed = batches.undo(cached.engine(), user, batch_id)
    except batches.NotYours:
        return ("not_yours", "")
    except LookupError:
        return ("missing", "")
    except imports.UndoRefused as refused:  # a later batch stands in the way: nothing changed
        return (refused.code, ", ".join(f"#{b}" for b in refused.batches))
    cached.after_write()
    return removed


def _show_undo_result(result: int | tuple[str, str]) -> int | None:
    if isinstance(result, int):
        return result
    code, detail = result
    if code == "not_yours":
        auth.refuse_action("undo_import")
    elif code == "missing":
        st.warning(t("undo.missing"))
    else:
        st.error(t(f"undo.{code}", batches=detail), icon=":material/block:")
    return None


def _undo(user: User, batch_id: int) -> int | None:
    """Undo now and say why not when refused; the number of rows removed, or None."""
    return _show_undo_result(_try_undo(user, batch_id))


def confirm_undo(batch_id: int, key: str) -> bool:
    """Show what undoing the batch removes and ask for a confirmation; True when confirmed
    and the button pressed."""
    preview = batches.preview_undo(cached.engine(), batch_id)
    if preview is None:
        st.warning(t("undo.missing"))
        return False
    st.info(
        fmt.markdown_text(
            t(
                "undo.preview",
                id=preview.batch_id,
                source=plain(preview.file_name or preview.source),
                when=f"{preview.created_at:%d-%m-%Y %H:%M}",
                contacts=t("count.contacts", n=preview.contacts),
                courses=t("count.courses", n=preview.courses),
                persons=t("count.persons", n=preview.persons),
            )
        ),
        icon=":material/warning:",
    )
    if preview.restored:
        st.caption(t("undo.preview.restored", n=preview.restored))
    sure = st.checkbox(t("undo.confirm", id=batch_id), key=f"{key}-confirm-{batch_id}")
    pressed = st.button(
        t("history.undo"), icon=":material/undo:", key=f"{key}-undo", disabled=not sure
    )
    return bool(pressed and sure)
