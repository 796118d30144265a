"""How this installation logs users in, read from its secrets and server address: the login
providers, the role map, and whether a demo role may be chosen (only without login, and only
from this machine when the server listens beyond it)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from data_access import access
from data_access.settings import REQUIRE_LOGIN


def _no_secrets() -> bool:
    """No secrets file and none loaded: Streamlit would retry (and fail) parsing on every
    access, and st.user reads the secrets too, so say so at once."""
    loaded = getattr(st.secrets, "_secrets", None)  # AppTest's at.secrets land here too
    files = st.get_option("secrets.files") or []
    return loaded is None and not any(Path(f).exists() for f in files)


def _secret_section(name: str) -> Mapping[str, Any] | None:
    if _no_secrets():
        return None
    try:
        section = st.secrets.get(name)
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return None
    return section if isinstance(section, Mapping) else None


_PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


def login_providers() -> list[str | None]:
    """The configured identity providers: None for the flat [auth] one, else their names."""
    section = _secret_section("auth")
    if not section or not {"redirect_uri", "cookie_secret"} <= section.keys():
        return []
    providers: list[str | None] = []
    if all(section.get(k) for k in _PROVIDER_KEYS):
        providers.append(None)
    providers += [
        name
        for name, value in section.items()
        if isinstance(value, Mapping) and all(value.get(k) for k in _PROVIDER_KEYS)
    ]
    return providers


def login_configured() -> bool:
    return bool(login_providers())


def role_map() -> access.RoleMap:
    return access.role_map(_secret_section("access"))


def server_address() -> str:
    return str(st.get_option("server.address") or "")


def listens_beyond_localhost(address: str | None = None) -> bool:
    """Streamlit with no server.address listens on every interface."""
    address = server_address() if address is None else address
    if address in ("localhost", ""):
        return address == ""
    try:
        return not ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return True  # a host name other than localhost


def login_required() -> bool:
    return REQUIRE_LOGIN.value() == "1"


_PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host")


_LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")


def local_request(headers: Mapping[str, str]) -> bool:
    """Whether a browser reached the server directly on this machine (no proxy headers, a
    loopback Host): a reverse proxy in front of a localhost server would publish the demo."""
    lowered = {k.lower(): v for k, v in headers.items()}
    if any(h in lowered for h in _PROXY_HEADERS):
        return False
    host = lowered.get("host", "")
    name = host.rsplit(":", 1)[0] if host.startswith("[") or host.count(":") == 1 else host
    return not name or name in _LOCAL_HOSTS


def request_is_local() -> bool:
    try:
        headers = dict(st.context.headers)
    except Exception:  # no client (bare runs)
        return True
    return local_request(headers)


def demo_allowed() -> bool:
    return (
        not login_configured()
        and not login_required()
        and not listens_beyond_localhost()
        and request_is_local()
    )
