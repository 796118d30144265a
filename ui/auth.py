"""Who is asking: the one seam between Streamlit's login (st.login, st.user, st.logout) and
the role rules in data_access/access.py. Pages, views and tests ask `current_user()` and the
helpers below; nothing else reads st.user.

- Login configured ([auth] in .streamlit/secrets.toml): the user is built from the verified ID
  token's claims that Streamlit keeps in its signed cookie; the role comes from the `roles`
  claim through the [access] mapping. Streamlit keeps the cookie for 30 days and never checks
  the token's `exp`: `gate` does, and logs an expired user out.
  A logout revokes the login in the database (data_access/sessions.py): a copy of the cookie
  taken before it is refused from then on, on its first run in any browser.
- No login configured: a local demo with a role picker, but only while the server listens on
  localhost and BROBYGGER_REQUIRE_LOGIN is off; otherwise the app refuses and says how to set
  up login. The demo opens as the least privileged role (udvalg); the picker or ?role= in a
  link chooses another, and the role stays in the session and in the URL.
Every refusal, every failed or refused login and every look at person data is written to the
audit log (data_access/audit.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import streamlit as st

from data_access import access, audit, cached, sessions
from data_access.access import Action, Page, Role, User
from data_access.filters import Filters
from gateway import browser_cookie, passes
from language import format as fmt
from ui.i18n import current_language, t, translate
from ui.login_config import (
    _no_secrets,
    demo_allowed,
    login_configured,
    login_required,
    request_is_local,
    role_map,
    server_address,
)
from ui.login_pages import (
    BLOCKED,
    config_error_page,
    login_page,
    login_page_with,
    no_role_page,
    only_page,
    refusal_page,
)

DEMO_ROLE_KEY = "role"  # the demo's canonical role; also ?role= in a demo link
DEMO_ROLE_WIDGET = "demo_role_switch"  # the picker's key is this plus the language
# The least privileged role: a demo link without ?role= never shows more than committee figures.
DEMO_DEFAULT_ROLE: Role = "udvalg"
_AUDITED = "_audit_once"
_LOGIN_SEEN = "_login_seen"
_LOGGED_OUT = "_logged_out"  # this session logged its user out (its cookies are the old ones)
# Streamlit's signed login cookie; a long one is split into _streamlit_user_1, _2, ...
LOGIN_COOKIE = "_streamlit_user"
_LOGIN_COOKIE_PART = re.compile(rf"^{LOGIN_COOKIE}(_\d+)?$")
# What a pseudonym looks like (BB-ABC123; an imported one may differ): a search term of this
# shape is named in the audit row's pseudonym column too.
PSEUDONYM = re.compile(r"^[A-Z0-9ÆØÅ][A-Z0-9ÆØÅ_-]{1,19}$")
# The user `gate` settled for the script run in this thread (each session runs in its own).
_run = threading.local()


# --- configuration ----------------------------------------------------------------------------


# --- the user ---------------------------------------------------------------------------------


def _claims() -> dict[str, Any] | None:
    if _no_secrets():
        return None  # no [auth], so no login: Streamlit has no claims to give
    info = st.user.to_dict()
    return dict(info) if info.get("is_logged_in") else None


def _demo_role() -> Role:
    role = st.session_state.get(DEMO_ROLE_KEY)
    if role not in access.ROLES:
        role = st.query_params.get(DEMO_ROLE_KEY)
        role = role if role in access.ROLES else DEMO_DEFAULT_ROLE
        st.session_state[DEMO_ROLE_KEY] = role
    return role


def _script_started() -> bool:
    """False while a widget callback runs, before the run's script (and so `gate`) starts."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx is None or ctx.has_script_started


def current_user() -> User | None:
    """The person asking, or None when nobody is logged in (or may be). Within a run of the
    app the answer is the one `gate` settled at its start (each run begins there). A callback
    runs before that: it gets the user from the claims again, and nobody for a login that has
    expired or been logged out meanwhile."""
    settled = getattr(_run, "user", None)
    if settled is not None and _script_started():
        return settled
    claims = _claims()
    if claims is not None:
        try:
            user = access.user_from_claims(claims, role_map())
        except access.AccessConfigError:
            user = access.user_from_claims(claims, access.RoleMap(values={}))  # no role
        return None if user.expired() or _revoked(user) else user
    if demo_allowed():
        return access.demo_user(_demo_role())
    return None


def _revoked(user: User) -> bool:
    return sessions.is_revoked(cached.engine(), user.subject, user.issued_at)


def _role() -> Role | None:
    user = current_user()
    return user.role if user else None


def committee_forced() -> bool:
    """Committee mode whatever the URL or the session says (the udvalg role; nobody known)."""
    return access.forced_committee(_role())


def _committee() -> bool:
    from ui.filters import committee_mode  # ui.filters asks committee_forced(): import late

    return committee_mode()


def may(action: Action) -> bool:
    """Whether the current user may do `action` now (committee mode taken into account)."""
    return access.may(_role(), action, committee=_committee())


def may_open(page: Page) -> bool:
    return access.may_open(_role(), page, committee=_committee())


def client_address() -> str | None:
    try:
        address = st.context.ip_address
    except Exception:  # AppTest and bare runs have no client
        return None
    return address if isinstance(address, str) else None


# --- the audit trail from the UI ----------------------------------------------------------------


def audit_now(action: audit.AuditAction, user: User | None = None, **fields: Any) -> None:
    """Write an audit row for the current user (or `user`) with the client's address."""
    user = user or current_user() or _anonymous()
    audit.write(cached.engine(), user, action, client=client_address(), **fields)


def audit_once(action: audit.AuditAction, key: tuple, **fields: Any) -> bool:
    """Audit once per session for `key` (a view is not recorded again on every rerun)."""
    done = st.session_state.setdefault(_AUDITED, set())
    entry = (action, *key)
    if entry in done:
        return False
    audit_now(action, **fields)
    done.add(entry)
    return True


def audit_view(
    page: Page,
    *,
    pseudonyms: Iterable[str] = (),
    filters: Filters | None = None,
    detail: str | None = None,
) -> None:
    """Record that person-level data was shown (once per session for the same content)."""
    people = tuple(sorted(set(pseudonyms)))
    audit_once(
        "view",
        (page, people, filters, detail),
        page=page,
        pseudonyms=people,
        filters=filters,
        detail=detail,
    )


def audit_search(page: Page, terms: Mapping[str, object], pseudonym: str | None = None) -> bool:
    """Record a search with its terms (once per session for the same terms): the terms as JSON
    in the row's detail, and the pseudonym searched for in its column as well, so the extract
    for that person shows that they were searched for. True when a row was written."""
    detail = json.dumps(dict(terms), ensure_ascii=False, sort_keys=True, default=str)
    people = [pseudonym] if pseudonym and PSEUDONYM.match(pseudonym) else []
    return audit_once("search", (page, detail), page=page, pseudonyms=people, detail=detail)


def audited_download(
    action: audit.AuditAction, build: Callable[[], bytes], **fields: Any
) -> Callable[[], bytes]:
    """A file's builder that writes the audit row when it runs (when the file is made).
    The user, engine and client are taken now, in case it runs outside the script."""
    user, engine, client = current_user() or _anonymous(), cached.engine(), client_address()

    def run() -> bytes:
        audit.write(engine, user, action, client=client, **fields)
        return build()

    return run


def _anonymous() -> User:
    return User(subject="anonymous", role=None, kind="oidc")


def _role_label(role: Role | None, lang: str | None = None) -> str:
    lang = lang or current_language()
    return translate(f"role.{role}", lang) if role else translate("role.none", lang)


def refuse_action(action: Action) -> None:
    """Say no to an action, and audit it (once per session and action)."""
    user = current_user()
    audit_once("denied", ("action", action), detail=f"action={action}")
    st.error(
        t("auth.denied.action", role=_role_label(user.role if user else None)),
        icon=BLOCKED,
    )


def require(action: Action) -> bool:
    """True when allowed; otherwise refuse (audited) and return False."""
    if may(action):
        return True
    refuse_action(action)
    return False


def open_page(page: Page, title: str) -> bool:
    """Whether the page may run for this user; a refusal is shown and audited."""
    if may_open(page):
        return True
    user = current_user()
    role = user.role if user else None
    audit_once("denied", ("page", page), page=page, detail=f"page={page}")
    if access.may_open(role, page):  # the role may, committee mode may not
        st.warning(t("auth.denied.committee", page=title), icon=":material/visibility_off:")
    else:
        st.error(t("auth.denied.page", page=title, role=_role_label(role)), icon=BLOCKED)
    return False


# --- the gate before any data -------------------------------------------------------------------


def logout(user: User, reason: str = "button") -> None:
    """End the login: audited, revoked in the database (so a copy of the cookie stops
    working too), then Streamlit's logout (the cookie here, and the provider's session)."""
    passes.let_through(session_id(), None)  # its files and uploads end with it
    audit_now("logout", user, detail=reason)
    if user.kind == "oidc":
        sessions.revoke(cached.engine(), user)
    st.session_state.pop(_AUDITED, None)
    st.session_state[_LOGGED_OUT] = True
    st.logout()


def logout_button(user: User) -> None:
    if st.button(t("auth.logout"), icon=":material/logout:", key="logout"):
        logout(user)
        st.stop()


def gate() -> User:
    """Let a user with a role through; everyone else gets the login page, the no-access page
    or the refusal, and the script stops before any data is read. The server's gates learn the
    outcome for this session (gateway/passes.py): uploads and files follow it."""
    _run.user = None
    user = None
    try:
        user = _gate()
    finally:
        # One record per run, after the gate has decided (nobody when it stopped the script):
        # clearing the pass first would refuse an upload that arrives while a rerun of a
        # legitimate session is still at its gate (a 403 seen in the browser tests).
        passes.let_through(session_id(), user)
    _run.user = user
    return user


def session_id() -> str | None:
    """This browser session's id (the one in its upload URLs); None outside a real session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else None


def browser_id() -> str | None:
    """The browser's own cookie (gateway/browser_cookie.py), as its websocket brought it."""
    try:
        cookies = dict(st.context.cookies)
    except Exception:  # AppTest and bare runs have no client
        return None
    return browser_cookie.from_cookies(cookies)


def _gate() -> User:
    try:
        roles = role_map()
    except access.AccessConfigError as exc:
        only_page(config_error_page(str(exc)))
    claims = _claims()
    if claims is not None:
        user = access.user_from_claims(claims, roles)
        if user.expired():
            audit_now("login_refused", user, detail=f"expired; {_login_detail(user)}")
            logout(user, reason="expired")
            st.stop()
        if _revoked(user):  # logged out, here or in another browser: a copied cookie
            audit_once(
                "login_refused",
                ("revoked", user.subject, user.issued_at),
                user=user,
                detail=f"logged out; {_login_detail(user)}",
            )
            only_page(login_page_with("auth.login.ended"))
        # One login row per ID token, not per tab or rerun (record_login checks the log).
        if st.session_state.get(_LOGIN_SEEN) != (user.subject, user.issued_at):
            audit.record_login(cached.engine(), user, client_address())
            st.session_state[_LOGIN_SEEN] = (user.subject, user.issued_at)
        if user.role is None:
            audit_once("denied", ("no_role",), user=user, detail="no known role")
            only_page(no_role_page(user, logout_button))
        return user
    if login_configured():
        if _failed_login_cookie():
            only_page(login_page_with("auth.login.failed"))
        only_page(login_page)
    if demo_allowed():
        return access.demo_user(_demo_role())
    audit_once(
        "denied",
        ("no_login",),
        detail="login required"
        if login_required()
        else f"listening on {server_address()!r}, local request: {request_is_local()}",
    )
    only_page(refusal_page)


def _login_detail(user: User) -> str:
    return f"iat={user.issued_at if user.issued_at is not None else 'unknown'}"


def request_cookies() -> Mapping[str, str]:
    """The cookies the browser sent when this session connected (none in AppTest)."""
    try:
        return dict(st.context.cookies)
    except Exception:  # no client (bare runs)
        return {}


def login_cookie_fingerprint(cookies: Mapping[str, str]) -> str | None:
    """A short digest of Streamlit's login cookie (all its parts), or None without one: it
    tells one bad cookie from another in the audit log without writing the cookie itself."""
    parts = sorted((k, v) for k, v in cookies.items() if _LOGIN_COOKIE_PART.match(k))
    if not any(name == LOGIN_COOKIE for name, _ in parts):
        return None
    joined = "\n".join(f"{name}={value}" for name, value in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _failed_login_cookie() -> bool:
    """The browser sent a login cookie, but Streamlit found no login in it (a bad signature,
    another origin, a cookie secret since changed, a tampered value): a failed login, audited
    once per session and cookie. Not after this session logged its own user out (its cookies
    are still the ones it connected with)."""
    if st.session_state.get(_LOGGED_OUT):
        return False
    fingerprint = login_cookie_fingerprint(request_cookies())
    if fingerprint is None:
        return False
    audit_once(
        "login_failed",
        ("cookie", fingerprint),
        detail=f"login cookie not accepted; sha256:{fingerprint}",
    )
    return True


# --- the sidebar ------------------------------------------------------------------------------


def demo_role_widget() -> str:
    """The picker's key in this language. A radio's value is the label it showed: kept across
    a language switch, the Danish "Leder" matched no English option, the callback took it for
    a choice, and the demo fell back to its default role. Each language gets its own picker,
    seeded from the canonical role (as ui/filters.py does for the filters)."""
    return f"{DEMO_ROLE_WIDGET}.{current_language()}"


def _demo_role_changed(widget: str) -> None:
    chosen = st.session_state.get(widget)
    if chosen in access.ROLES:  # anything else is not a choice
        st.session_state[DEMO_ROLE_KEY] = chosen


def account_sidebar(user: User) -> None:
    """Who is signed in and the logout button; in the demo, the clearly marked role picker."""
    sidebar = st.sidebar
    if user.kind == "demo":
        # A marked box, not an alert or a selectbox: the page's own come first on the page.
        with sidebar.container(border=True):
            st.markdown(f":orange-background[:material/science: {t('auth.demo.banner')}]")
            widget = demo_role_widget()
            st.session_state[widget] = user.role  # the canonical role, whatever it showed before
            lang = current_language()
            st.radio(
                t("auth.demo.role"),
                access.ROLES,
                # The language bound now: a format_func may be called outside the run
                # (AppTest does), where the session's language cannot be read.
                format_func=lambda r: _role_label(r, lang),
                key=widget,
                on_change=_demo_role_changed,
                args=(widget,),
            )
        return
    with sidebar.container(border=True):
        st.caption(
            fmt.markdown_text(t("auth.signed_in", who=user.label, role=_role_label(user.role)))
        )
        logout_button(user)


def url_state() -> dict[str, str]:
    """What the demo keeps in the URL: the role, always (the default one too), so a link, a
    reload or a page change opens as that role and the address says which it is."""
    user = current_user()
    if user is None or user.kind != "demo" or user.role is None:
        return {}
    return {DEMO_ROLE_KEY: user.role}
