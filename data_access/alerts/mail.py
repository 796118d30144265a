"""Sending the digest over SMTP, with the server's settings from the secrets file:

    [smtp]
    host = "smtp.example.dk"
    port = 587
    starttls = true          # upgrade the connection before logging in (port 587)
    user = "brobygger"       # optional: no login without it
    password = "..."
    timeout = 30             # seconds

A failure (no server, refused login, a rejected recipient) is a MailError with a sentence that
names the server and what went wrong; the caller marks nothing sent then.
"""

from __future__ import annotations

import smtplib
import ssl
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from data_access.settings import PROJECT_ROOT

SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"


class MailError(RuntimeError):
    """The digest could not be sent; the message says why, in a sentence."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def smtp_settings(section: Mapping[str, object] | None) -> SmtpSettings:
    """The [smtp] section as settings; a missing host or a wrong type is a MailError."""
    if not section or not section.get("host"):
        raise MailError("[smtp] host is missing in the secrets file (see README: Alerts)")
    try:
        return SmtpSettings(
            host=str(section["host"]),
            port=int(section.get("port", 587)),  # type: ignore[arg-type]
            starttls=bool(section.get("starttls", True)),
            user=str(section["user"]) if section.get("user") else None,
            password=str(section["password"]) if section.get("password") else None,
            timeout=float(section.get("timeout", 30)),  # type: ignore[arg-type]
        )
    except (TypeError, ValueError) as exc:
        raise MailError(f"[smtp] in the secrets file is not valid: {exc}") from None


def settings_from_file(path: Path = SECRETS_FILE) -> SmtpSettings:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MailError(f"{path}: no secrets file, so no [smtp] settings") from None
    except tomllib.TOMLDecodeError as exc:
        raise MailError(f"{path}: not a valid TOML file: {exc}") from None
    return smtp_settings(raw.get("smtp"))


def send(settings: SmtpSettings, message: EmailMessage) -> None:
    """Hand the message to the SMTP server; MailError unless every recipient was accepted."""
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as server:
            server.ehlo()
            if settings.starttls:
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if settings.user:
                server.login(settings.user, settings.password or "")
            refused = server.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            f"the SMTP server {settings.address} refused the login for {settings.user}: "
            f"{exc.smtp_code} {_text(exc.smtp_error)}"
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(
            f"the SMTP server {settings.address} refused the recipients "
            f"{', '.join(sorted(exc.recipients))}"
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise MailError(
            f"the SMTP server {settings.address} answered {exc.smtp_code} {_text(exc.smtp_error)}"
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(
            f"could not send through the SMTP server {settings.address}: {exc}"
        ) from None
    if refused:
        raise MailError(
            f"the SMTP server {settings.address} refused the recipients {', '.join(refused)}"
        )


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
