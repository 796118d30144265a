"""The pages the login gate shows instead of the app (log in, no role, refused, configuration
error): each under every known URL, so a deep link lands on it rather than on 'page not
found'."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

import streamlit as st

from data_access.access import User
from language import format as fmt
from ui import navigation
from ui.i18n import t
from ui.login_config import (
    listens_beyond_localhost,
    login_providers,
    login_required,
    server_address,
)

BLOCKED = ":material/block:"


def only_page(render: Callable[[], None]) -> NoReturn:
    """Show one page and stop, under every known URL (a deep link lands here, not on a
    'page not found' dialog), with no navigation."""
    from ui.filters import language_switch

    pages = [
        st.Page(render, title="Brobygger", url_path=path, default=path == navigation.HOME_PATH)
        for path in (navigation.HOME_PATH, *navigation.PAGE_PATHS.values())
    ]

    language_switch()
    st.navigation(pages, position="hidden").run()
    st.stop()


def login_page(notice: str | None = None) -> None:
    st.title(t("auth.login.title"))
    if notice:
        st.warning(t(notice), icon=":material/lock_clock:")
    st.write(t("auth.login.body"))
    for provider in login_providers():
        label = t("auth.login.button") + (f" ({provider})" if provider else "")
        if st.button(label, type="primary", icon=":material/login:", key=f"login-{provider}"):
            st.login(provider) if provider else st.login()


def login_page_with(notice: str) -> Callable[[], None]:
    def render() -> None:
        login_page(notice)

    return render


def no_role_page(user: User, logout_button: Callable[[User], None]) -> Callable[[], None]:
    def render() -> None:
        st.title(t("auth.no_role.title"))
        st.error(fmt.markdown_text(t("auth.no_role.body", who=user.label)), icon=BLOCKED)
        logout_button(user)

    return render


def refusal_page() -> None:
    st.title(t("auth.refused.title"))
    if login_required():
        st.error(t("auth.refused.require_login"), icon=BLOCKED)
    elif not listens_beyond_localhost():  # on localhost, but reached through a proxy
        st.error(t("auth.refused.proxied"), icon=BLOCKED)
    else:
        st.error(t("auth.refused.public", address=server_address() or "0.0.0.0"), icon=BLOCKED)
    st.markdown(t("auth.refused.how"))


def config_error_page(error: str) -> Callable[[], None]:
    def render() -> None:
        st.title(t("auth.refused.title"))
        st.error(t("auth.config_error", error=error), icon=BLOCKED)

    return render
