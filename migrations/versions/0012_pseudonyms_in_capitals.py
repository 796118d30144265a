"""Pseudonyms in capitals: "bb-abc12" and "BB-ABC12" are one person (issue 29).

Imports and the contact form now write a pseudonym in capitals (data_access/imports/rows.py,
data_access/contact_log.py); this brings the persons already stored into that form. A person
whose capitalised pseudonym another person already has is left as it is (merging two persons
is a decision for a person, not a migration) and named in the log.

Revision ID: 0012
Revises: 0011
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

persons = sa.table("persons", sa.column("id", sa.Integer), sa.column("pseudonym", sa.String))


def upgrade() -> None:
    conn = op.get_bind()
    taken = {p for (p,) in conn.execute(sa.select(persons.c.pseudonym))}
    lower = conn.execute(sa.select(persons.c.id, persons.c.pseudonym)).all()
    for person_id, pseudonym in lower:
        capital = pseudonym.upper()
        if capital == pseudonym:
            continue
        if capital in taken:
            logging.getLogger("alembic").warning(
                "persons %s and %s differ only in case; left as they are", pseudonym, capital
            )
            continue
        conn.execute(sa.update(persons).where(persons.c.id == person_id).values(pseudonym=capital))
        taken.discard(pseudonym)
        taken.add(capital)


def downgrade() -> None:
    pass  # the lower-case forms are not kept; capitals are valid pseudonyms for older code
