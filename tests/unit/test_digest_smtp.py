"""The e-mail digest against a real SMTP server on this machine (aiosmtpd, started here): the
message arrives, in Danish or English, with the counts by the committee rules, no pseudonyms
and a link to the app; a failing server gives a clear message, a non-zero exit, and nothing is
marked sent."""

from __future__ import annotations

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlalchemy import func, select

from data_access import schema
from data_access.alerts import digest, mail, store
from data_access.backup import backup_sqlite
from data_access.db import create_engine_for
from data_access.publication.secret import set_rounding_key
from tests.conftest import LATER_TODAY

pytestmark = pytest.mark.processes  # starts servers or processes of its own


class Inbox:
    """An aiosmtpd handler that keeps what it receives, or refuses it with `reply`."""

    def __init__(self, reply: str | None = None) -> None:
        self.messages: list[tuple[str, list[str], email.message.EmailMessage]] = []
        self.reply = reply

    async def handle_DATA(self, server, session, envelope):
        if self.reply:
            return self.reply
        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    started = []

    def start(reply: str | None = None, **kwargs):
        inbox = Inbox(reply)
        controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), **kwargs)
        controller.start()
        started.append(controller)
        return inbox, mail.SmtpSettings("127.0.0.1", controller.port, starttls=False, timeout=10)

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def engine(tmp_path, today_db_url):
    """A copy of the demo made on LATER_TODAY (each test sends and marks on its own)."""
    target = tmp_path / "digest.db"
    backup_sqlite(today_db_url, target)  # the WAL too, unlike a file copy
    eng = create_engine_for(f"sqlite:///{target}")
    set_rounding_key(eng, b"k" * 32)
    return eng


def _deliveries(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(schema.alert_deliveries))


def _pseudonyms(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(select(schema.persons.c.pseudonym)))


def test_the_digest_arrives_committee_safe_with_a_link(engine, helsingor, smtp_server, capsys):
    inbox, settings = smtp_server()
    code = digest.run(engine, helsingor, LATER_TODAY, send=True, smtp=settings)
    assert code == 0, capsys.readouterr().err
    [(sender, recipients, message)] = inbox.messages
    assert sender == helsingor.alerts.sender
    assert recipients == ["leder@helsingor.dk"]
    assert message["Subject"] == "Brobygger: varsler for Helsingør Rusmiddelcenter, 1. dec. 2026"
    body = message.get_content()
    assert "Åbne varsler i Brobygger" in body
    assert "http://localhost:8501/alerts" in body
    assert "Sted uden besøg" in body and "Vor Frue Kloster" in body
    # A site is named with its limit, never the days since its last visit (one contact's date).
    assert "ikke besøgt i mere end" in body and "siden sidste besøg" not in body
    assert not any(p in body for p in _pseudonyms(engine))
    # Counts of persons' alerts by the committee rules: "<5" or a multiple of 5, never 1-4.
    for line in body.splitlines():
        if "åbne, heraf" in line and not line.startswith("- Sted"):
            counts = line.split(": ", 1)[1].replace("åbne, heraf", "").split()[:2]
            assert all(c == "<5" or int(c) % 5 == 0 for c in counts), line
    open_alerts = store.open_count(engine)
    assert _deliveries(engine) == open_alerts > 0
    # Sent again: the same alerts are no longer new, nothing is recorded twice.
    assert digest.run(engine, helsingor, LATER_TODAY, send=True, smtp=settings) == 0
    assert "heraf 0 nye" in inbox.messages[1][2].get_content()
    assert _deliveries(engine) == open_alerts


def test_an_english_list_gets_an_english_digest(engine, helsingor, smtp_server):
    english = helsingor.model_copy(
        update={
            "alerts": helsingor.alerts.model_copy(
                update={
                    "recipients": [
                        helsingor.alerts.recipients[0].model_copy(
                            update={"name": "board", "emails": ["board@example.dk"], "lang": "en"}
                        )
                    ]
                }
            )
        }
    )
    inbox, settings = smtp_server()
    assert digest.run(engine, english, LATER_TODAY, send=True, smtp=settings) == 0
    body = inbox.messages[0][2].get_content()
    assert "Open alerts in Brobygger" in body and "Site not visited" in body
    assert inbox.messages[0][2]["Subject"].startswith("Brobygger: alerts for")


def test_a_server_that_refuses_the_message_marks_nothing_sent(
    engine, helsingor, smtp_server, capsys
):
    _, settings = smtp_server(reply="554 Transaction failed: policy")
    code = digest.run(engine, helsingor, LATER_TODAY, send=True, smtp=settings)
    assert code == 1
    err = capsys.readouterr().err
    assert "not sent, nothing marked sent" in err and "554" in err
    assert _deliveries(engine) == 0


def test_no_server_at_all_is_a_clear_message_and_a_non_zero_exit(
    engine, helsingor, capsys, tmp_path
):
    port = _free_port()  # nothing listens there
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nstarttls = false\ntimeout = 5\n'
    )
    url = str(engine.url)
    code = digest.main(["--send", "--url", url, "--secrets", str(secrets), "--today", "2026-12-01"])
    assert code == 1
    err = capsys.readouterr().err
    assert f"could not send through the SMTP server 127.0.0.1:{port}" in err
    assert _deliveries(engine) == 0


def test_login_with_user_and_password_from_the_secrets(engine, helsingor, smtp_server, tmp_path):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"brobygger" and auth_data.password == b"hemmelig"
        return AuthResult(success=ok)

    inbox, settings = smtp_server(authenticator=authenticator, auth_require_tls=False)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {settings.port}\nstarttls = false\n'
        'user = "brobygger"\npassword = "hemmelig"\ntimeout = 5\n'
    )
    args = ["--send", "--url", str(engine.url), "--secrets", str(secrets), "--today", "2026-12-01"]
    assert digest.main(args) == 0
    assert len(inbox.messages) == 1
    secrets.write_text(secrets.read_text().replace("hemmelig", "forkert"))
    assert digest.main(args) == 1
    assert len(inbox.messages) == 1


def test_without_send_it_prints_and_marks_nothing(engine, capsys):
    args = ["--url", str(engine.url), "--today", "2026-12-01"]
    assert digest.main(args) == 0
    out = capsys.readouterr().out
    assert "Subject: Brobygger: varsler" in out
    assert _deliveries(engine) == 0


def test_missing_smtp_settings_are_named(tmp_path, capsys, engine):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[connections.sql]\nurl = 'sqlite://'\n")
    assert digest.main(["--send", "--url", str(engine.url), "--secrets", str(secrets)]) == 2
    assert "[smtp] host is missing" in capsys.readouterr().err


def test_the_scheduled_command_runs_as_a_module(engine, smtp_server, tmp_path):
    """`python -m data_access.alerts --send` as cron would run it, in its own process."""
    import os
    import subprocess
    import sys

    from data_access.settings import PROJECT_ROOT

    inbox, settings = smtp_server()
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {settings.port}\nstarttls = false\n')
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "data_access.alerts",
            "--send",
            "--url",
            str(engine.url),
            "--secrets",
            str(secrets),
            "--today",
            "2026-12-01",
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 0, result.stderr
    assert "ledelse: sent to leder@helsingor.dk" in result.stdout
    assert len(inbox.messages) == 1
    assert _deliveries(engine) > 0
