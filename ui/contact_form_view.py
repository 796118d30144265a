"""The data page's contact form: log a contact on the go (last site first, new pseudonyms made
for you, an optional referral that creates a treatment request) and undo one's own entries."""

from __future__ import annotations

import datetime as dt
import uuid

import streamlit as st

from data_access import batches, cached, clock
from data_access.access import User
from data_access.contact_log import ContactEntry, EntryError, last_site, log_contact
from data_access.organisation import Organisation
from data_access.schema import CONTACT_OUTCOMES, CONTACT_TYPES
from language import format as fmt
from ui import auth
from ui.i18n import current_language, t, translate
from ui.plain import plain
from ui.undo_view import _show_undo_result, _try_undo, _undo, confirm_undo

ANONYMOUS, NEW = "__anonymous__", "__new__"
LAST_LOGGED = "_last_logged_batch"  # the last saved entry, while it can still be undone


FORM_TOKEN = "_log_form_token"  # names this showing of the form: one submission, one save


SHOWN_TIME = "_log_shown_time"  # the date and time the form offered ("now" when shown)


OUTCOME = "_log_outcome"  # what the last save or undo did, shown once above the form


FORM_KEYS = ("log_date", "log_time", "log_person", "log_type", "log_outcome", "log_referral")


def contact_form(org: Organisation, lang: str, user: User) -> None:
    """The phone form. Saving runs in the submit button's callback, before the page is drawn,
    with the token of the form the tap came from: a double tap (or a rerun that repeats the
    tap) finds that submission saved and saves nothing more; the form is then drawn anew."""
    engine = cached.engine()
    sites = [s.id for s in org.outreach_sites]
    recent = last_site(engine)
    if recent in sites:  # the last site used comes first: one tap on the next round
        sites.remove(recent)
        sites.insert(0, recent)
    names = {s.id: s.name for s in org.sites}
    # The list of persons met most recently is a look at who they are: named in the audit row
    # (once per session for the same list).
    people = cached.pseudonyms()
    auth.audit_view("data", pseudonyms=people, detail="contact form: persons met recently")
    _show_outcome(lang)
    token = st.session_state.setdefault(FORM_TOKEN, uuid.uuid4().hex)
    _offer_now(org)
    # The form's key carries the token, so its submit button is a new widget after each save:
    # a second tap on the old one is a tap on a button that is gone.
    with st.form(f"log_contact-{token}", clear_on_submit=False, enter_to_submit=False):
        st.selectbox(t("log.site"), sites, format_func=names.get, key="log_site")
        c1, c2 = st.columns(2)
        c1.date_input(t("log.date"), key="log_date", format=fmt.DATE_INPUT_FORMAT[lang])
        c2.time_input(t("log.time"), step=300, key="log_time")
        st.caption(t("log.time.now_note", zone=org.timezone))
        st.selectbox(
            t("log.person"),
            [ANONYMOUS, NEW, *people],
            key="log_person",
            # The list holds the persons met most recently; any other pseudonym can be typed.
            accept_new_options=True,
            help=t("log.person.recent"),
            format_func=lambda p: {
                ANONYMOUS: translate("log.person.anonymous", lang),
                NEW: translate("log.person.new", lang),
            }.get(p, p),
        )
        st.radio(
            t("log.type"),
            CONTACT_TYPES,
            horizontal=True,
            key="log_type",
            format_func=lambda c: translate(f"type.{c}", lang),
        )
        st.radio(
            t("log.outcome"),
            [o for o in CONTACT_OUTCOMES if o != "referred"],
            horizontal=True,
            key="log_outcome",
            format_func=lambda o: translate(f"outcome.{o}", lang),
        )
        st.selectbox(
            t("log.referral"),
            [None, *[d.id for d in org.departments]],
            key="log_referral",
            format_func=lambda d: (
                translate("log.referral.none", lang) if d is None else org.department(d).label(lang)
            ),
        )
        st.form_submit_button(
            t("log.save"),
            type="primary",
            icon=":material/save:",
            width="stretch",
            on_click=_save_submission,
            args=(org, user, token, names),
        )
    last = st.session_state.get(LAST_LOGGED)
    if last and batches.preview_undo(engine, last["batch"]) is None:
        st.session_state.pop(LAST_LOGGED)  # undone elsewhere: nothing left to undo here
    elif last:
        st.button(
            t("log.undo"),
            icon=":material/undo:",
            key="log_undo",
            on_click=_undo_last,
            args=(user,),
        )
        st.caption(t("log.undo.what", what=plain(last["what"])))
    own_entries_section(user, lang)


def _offer_now(org: Organisation) -> None:
    """Show the present local time in the form until the worker changes it; an unchanged time
    means "now" and is taken when the contact is saved, not when the form was drawn."""
    now = clock.local_now(org.timezone)
    offered = (now.date(), now.time().replace(second=0))
    shown = st.session_state.get(SHOWN_TIME)
    untouched = shown is None or (
        st.session_state.get("log_date"),
        st.session_state.get("log_time"),
    ) in (shown, (None, None))
    if untouched:
        st.session_state["log_date"], st.session_state["log_time"] = offered
        st.session_state[SHOWN_TIME] = offered


def _entered_time(org: Organisation) -> dt.datetime:
    day, moment = st.session_state.get("log_date"), st.session_state.get("log_time")
    if (day, moment) == st.session_state.get(SHOWN_TIME) or day is None or moment is None:
        return clock.local_now(org.timezone)  # unchanged: the moment of saving
    return dt.datetime.combine(day, moment)


def _save_submission(org: Organisation, user: User, token: str, names: dict[str, str]) -> None:
    """The submit button's callback (runs before the page): save once per form token."""
    state = st.session_state
    lang = current_language()
    person = state.get("log_person", ANONYMOUS)
    at = _entered_time(org)
    entry = ContactEntry(
        site_id=state.get("log_site"),
        at=at,
        person="anonymous" if person == ANONYMOUS else "new" if person == NEW else "existing",
        pseudonym=None if person in (ANONYMOUS, NEW) else str(person).strip().upper(),
        contact_type=state.get("log_type") or CONTACT_TYPES[0],
        outcome=state.get("log_outcome") or CONTACT_OUTCOMES[0],
        referral_department=state.get("log_referral"),
    )
    if not auth.may("log_contact"):
        state[OUTCOME] = {"kind": "refused"}
        return
    if entry.pseudonym and entry.pseudonym not in cached.pseudonyms():
        # A pseudonym typed, not picked: saving looks it up among all persons (an unknown one
        # is refused), so it is a search, recorded with its term whatever the answer.
        auth.audit_search("data", {"contact_form_person": entry.pseudonym}, entry.pseudonym)
    try:
        logged = log_contact(cached.engine(), org, entry, made_by=user, submission=token)
    except EntryError as refused:
        state[OUTCOME] = {"kind": "error", "code": refused.code}  # the form keeps its values
        return
    if not logged.repeated:
        cached.after_write()
    when = f"{fmt.date(entry.at.date(), lang)} {entry.at:%H:%M}"
    what = t("log.what", site=names.get(entry.site_id, entry.site_id), time=when)
    state[LAST_LOGGED] = {"batch": logged.batch_id, "what": what}
    state[OUTCOME] = {
        "kind": "saved",
        "site": names.get(entry.site_id, entry.site_id),
        "time": when,
        "pseudonym": logged.pseudonym if person == NEW else None,
        "referral": bool(logged.request_id),
        "closed": logged.site_was_closed,
    }
    # A fresh form: a new token (a new submit button) and every field back to its default.
    state[FORM_TOKEN] = uuid.uuid4().hex
    for key in (*FORM_KEYS, SHOWN_TIME):
        state.pop(key, None)


def _undo_last(user: User) -> None:
    """The undo button's callback: the button is gone from the page this click draws."""
    last = st.session_state.pop(LAST_LOGGED, None)
    if last is None:
        return
    result = _try_undo(user, last["batch"])
    st.session_state[OUTCOME] = {"kind": "undone", "what": last["what"], "result": result}


def _show_outcome(lang: str) -> None:
    """What the last tap did: a toast (seen on a phone without scrolling) and a line above the
    form that stays until the next tap."""
    outcome = st.session_state.pop(OUTCOME, None)
    if outcome is None:
        return
    kind = outcome["kind"]
    if kind == "refused":
        auth.refuse_action("log_contact")
    elif kind == "error":
        st.error(t(f"log.error.{outcome['code']}"), icon=":material/error:")
    elif kind == "saved":
        message = t("log.saved", site=plain(outcome["site"]), time=outcome["time"])
        st.toast(message, icon=":material/check_circle:")
        st.success(message, icon=":material/check_circle:")
        if outcome["pseudonym"]:
            st.info(t("log.saved.new_person", pseudonym=plain(outcome["pseudonym"])))
        if outcome["referral"]:
            st.info(t("log.saved.referral"))
        if outcome["closed"]:
            st.warning(t("log.closed_note"), icon=":material/schedule:")
    elif kind == "undone":
        _show_undo_result(outcome["result"])
        if isinstance(outcome["result"], int):
            message = t("log.undone.what", what=plain(outcome["what"]))
            st.toast(message, icon=":material/undo:")
            st.success(message, icon=":material/undo:")


def own_entries_section(user: User, lang: str) -> None:
    """The user's own latest entries, each of which they may undo (site and time only)."""
    if not auth.may("undo_own_contact"):
        return
    frame = batches.own_entries(cached.engine(), user)
    with st.expander(t("own.title"), icon=":material/history:"):
        if frame.empty:
            st.caption(t("own.none"))
            return
        labels = {
            int(row.batch_id): f"{row.site}, {fmt.date(row.contact_at.date(), lang)} "
            f"{row.contact_at:%H:%M} ({translate(f'type.{row.contact_type}', lang)})"
            for row in frame.itertuples()
        }
        choice = st.selectbox(t("own.choice"), list(labels), format_func=labels.get, key="own_pick")
        if confirm_undo(int(choice), "own") and _undo(user, int(choice)) is not None:
            st.success(t("own.undone"))
