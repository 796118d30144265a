"""The e-mail digest of alerts, for a scheduled run (cron, a Windows scheduled task):

    .venv/bin/python -m data_access.alerts --send   # each recipient list of the organisation
    .venv/bin/python -m data_access.alerts          # print what would be sent, send nothing

Each recipient list ([[alerts.recipients]] in the organisation file) gets one message in its
language with the open alerts and a link to the app. Committee-safe by construction: no
pseudonyms or person details at all, and every count of alerts or persons goes through the
committee rounding (data_access/publication/rounding.py: 1-4 as "<5", others to base 5 with
the installation's key, see `_shown`); a site is named with its kind's limit, never the days
since its last visit (that dates one contact). A message is marked sent (table
alert_deliveries) only once the SMTP server has accepted it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, insert, select

from data_access import clock, schema
from data_access.alerts import mail, store
from data_access.alerts.rules import PRIORITY
from data_access.organisation import Organisation, Recipients, load_organisation
from data_access.publication import rounding
from data_access.publication.secret import rounding_key
from data_access.settings import ORG_FILE
from language import format as fmt
from language import translate


@dataclass(frozen=True)
class Digest:
    recipients: Recipients
    subject: str
    text: str
    alert_ids: tuple[int, ...]


def _shown(value: int, key: bytes, figure: str) -> str:
    """A count by the committee rounding, keyed by the figure *and its value*. A digest is read
    day after day while its counts move by one: keyed by the figure alone, its rounding would
    flip at one fixed point (say from 5 to 10 between 6 and 7) and a daily reader would see
    where. Keyed by the value too, the same count still shows the same way every day (nothing
    to average), but which way 6, 7 or 8 goes is drawn anew for each: the flips tell nothing."""
    protected = rounding.rounded(value, key, f"{figure}|n={value}")
    return "<5" if protected is None else str(protected)


def _delivered(engine: Engine, recipients: str) -> set[int]:
    d = schema.alert_deliveries.c
    with engine.connect() as conn:
        return set(conn.scalars(select(d.alert_id).where(d.recipients == recipients)))


def compose(
    engine: Engine,
    org: Organisation,
    recipients: Recipients,
    alerts: pd.DataFrame,
    today: dt.date,
    key: bytes,
) -> Digest | None:
    """The digest for one list from the open alerts (None when there are none)."""
    if alerts.empty:
        return None
    lang = recipients.lang
    seen = _delivered(engine, recipients.name)
    new_ids = {int(i) for i in alerts["id"] if int(i) not in seen}
    lines = [
        translate("digest.intro", lang, org=org.name, date=fmt.date(today, lang)),
        "",
    ]
    labels = {d.id: d.label(lang) for d in org.departments}
    names = {s.id: s.name for s in org.sites}
    for rule in PRIORITY:
        part = alerts[alerts["rule"] == rule]
        if part.empty:
            continue
        figure = f"alerts|{rule}"
        new = sum(1 for i in part["id"] if int(i) in new_ids)
        if rule == "site":  # sites are listed by name below: their count is no secret
            total_text, new_text = str(len(part)), str(new)
        else:
            total_text = _shown(len(part), key, figure)
            new_text = total_text if new == len(part) else _shown(new, key, figure + "|new")
        lines.append(
            translate(
                "digest.rule",
                lang,
                rule=translate(f"alerts.rule.{rule}", lang),
                n=total_text,
                new=new_text,
            )
        )
        if rule in ("breach", "deadline", "referral"):
            for dept, n in sorted(Counter(part["department"].dropna()).items()):
                lines.append(
                    "    "
                    + translate(
                        "digest.department",
                        lang,
                        dept=labels.get(dept, dept),
                        n=_shown(n, key, f"{figure}|{dept}"),
                    )
                )
        elif rule == "site":
            # The limit, not the days since the last visit: those date a single contact.
            for _, row in part.sort_values("site").iterrows():
                limit = row["values"].get("limit")
                lines.append(
                    "    "
                    + translate(
                        "digest.site", lang, site=names.get(row["site"], row["site"]), limit=limit
                    )
                )
        elif rule == "pace":
            values = part.iloc[0]["values"]
            lines.append(
                "    "
                + translate(
                    "digest.pace",
                    lang,
                    reached=_shown(int(values["reached"]), key, f"{figure}|reached"),
                    expected=values["expected"],
                    target=values["target"],
                )
            )
    url = org.alerts.app_url.rstrip("/") + "/alerts"
    lines += ["", translate("digest.link", lang, url=url), "", translate("digest.footer", lang)]
    subject = translate("digest.subject", lang, org=org.name, date=fmt.date(today, lang))
    ids = tuple(sorted(int(i) for i in alerts["id"]))
    return Digest(recipients, subject, "\n".join(lines) + "\n", ids)


def message(org: Organisation, digest: Digest) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = digest.subject
    msg["From"] = org.alerts.sender
    msg["To"] = ", ".join(digest.recipients.emails)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=org.alerts.sender.split("@")[-1])
    msg.set_content(digest.text)
    return msg


def mark_sent(engine: Engine, digest: Digest, now: dt.datetime | None = None) -> None:
    """Record the alerts as delivered to the list (only those not recorded before)."""
    now = now or store.now_utc()
    known = _delivered(engine, digest.recipients.name)
    rows = [
        {"alert_id": i, "recipients": digest.recipients.name, "sent_at": now}
        for i in digest.alert_ids
        if i not in known
    ]
    if rows:
        with engine.begin() as conn:
            conn.execute(insert(schema.alert_deliveries), rows)


def run(
    engine: Engine,
    org: Organisation,
    today: dt.date,
    *,
    send: bool,
    smtp: mail.SmtpSettings | None,
    only: str | None = None,
    out=None,
    err=None,
) -> int:
    """Refresh the alerts and send (or print) each list's digest; 0 when all went well."""
    out, err = out or sys.stdout, err or sys.stderr
    store.refresh(engine, org, today)
    alerts = store.read(engine, open_only=True)
    key = rounding_key(engine)
    lists = [r for r in org.alerts.recipients if only is None or r.name == only]
    if not lists:
        print(translate("digest.no_lists", "en"), file=err)
        return 2
    failed = 0
    for recipients in lists:
        digest = compose(engine, org, recipients, alerts, today, key)
        if digest is None:
            print(f"{recipients.name}: no open alerts, nothing sent", file=out)
            continue
        if not send:
            print(f"--- {recipients.name} ({', '.join(recipients.emails)})", file=out)
            print(f"Subject: {digest.subject}\n\n{digest.text}", file=out)
            continue
        assert smtp is not None
        try:
            mail.send(smtp, message(org, digest))
        except mail.MailError as exc:
            print(f"{recipients.name}: not sent, nothing marked sent: {exc}", file=err)
            failed += 1
            continue
        mark_sent(engine, digest)
        print(
            f"{recipients.name}: sent to {', '.join(recipients.emails)} "
            f"({len(digest.alert_ids)} open alerts)",
            file=out,
        )
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    from data_access.db import create_engine_for, create_schema, resolve_url, secrets_file_url

    parser = argparse.ArgumentParser(description="Brobygger's e-mail digest of alerts.")
    parser.add_argument("--send", action="store_true", help="send (default: print only)")
    parser.add_argument("--list", dest="only", help="only this recipient list (its name)")
    parser.add_argument("--org", default=ORG_FILE.value(), help="organisation file (TOML)")
    parser.add_argument("--url", help="database URL (default: the app's configured database)")
    parser.add_argument(
        "--secrets", type=Path, default=mail.SECRETS_FILE, help="secrets file with [smtp]"
    )
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, help="the day to check, YYYY-MM-DD (default today)"
    )
    args = parser.parse_args(argv)
    try:
        org = load_organisation(args.org)
        smtp = mail.settings_from_file(args.secrets) if args.send else None
        engine = create_engine_for(args.url or resolve_url(secrets_file_url()))
        create_schema(engine)
        return run(
            engine, org, args.today or clock.today(), send=args.send, smtp=smtp, only=args.only
        )
    except (ValueError, mail.MailError) as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
