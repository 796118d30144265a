"""The per-installation key that fixes which way each committee figure is rounded.

Made once, at random, the first time a committee figure is published, and kept in the
database (table app_secrets), so every replica and every later run round the same figure the
same way. Whoever knows the key can narrow a rounded figure down (they would know which way it
went), so it never leaves the database: not in exports, backups aside.
"""

from __future__ import annotations

import secrets

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from data_access.schema import app_secrets

NAME = "publication_rounding"


def rounding_key(engine: Engine) -> bytes:
    """The key, made on first use (two processes making it at once agree on the first)."""
    query = select(app_secrets.c.value).where(app_secrets.c.name == NAME)
    with engine.connect() as conn:
        value = conn.scalar(query)
    if value is None:
        try:
            with engine.begin() as conn:
                conn.execute(insert(app_secrets).values(name=NAME, value=secrets.token_hex(32)))
        except IntegrityError:
            pass  # another process made it first
        with engine.connect() as conn:
            value = conn.scalar(query)
    return bytes.fromhex(value)


def set_rounding_key(engine: Engine, key: bytes) -> None:
    """Fix the key (tests that pin rounded values; moving an installation)."""
    with engine.begin() as conn:
        conn.execute(app_secrets.delete().where(app_secrets.c.name == NAME))
        conn.execute(insert(app_secrets).values(name=NAME, value=key.hex()))
