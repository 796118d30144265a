"""The server's paths under its base URL (server.baseUrlPath), read when a request comes."""

from __future__ import annotations


def base_path() -> str:
    from streamlit import config

    return str(config.get_option("server.baseUrlPath") or "").strip("/")


def under_base(path: str) -> str:
    """ "/<base>/<path>" (or "/<path>" without a base)."""
    base = base_path()
    return f"/{base}/{path.lstrip('/')}" if base else f"/{path.lstrip('/')}"
