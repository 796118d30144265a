"""Schema migrations: an older database is upgraded on start and keeps its data."""

from __future__ import annotations

import datetime as dt

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from data_access.db import (
    MIGRATIONS,
    _alembic_config,
    create_engine_for,
    create_schema,
    schema_revision,
)
from data_access.schema import metadata

# The newest revision, from the scripts themselves (one head: the chain has no branches).
(HEAD,) = ScriptDirectory(str(MIGRATIONS)).get_heads()


def _old_database(tmp_path, *, versioned: bool):
    """A database at the first schema revision (before source keys), holding one contact."""
    engine = create_engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        conn.execute(
            text(
                "INSERT INTO sites (id, name, kind, address, lat, lon, precision, opening_hours) "
                "VALUES ('st', 'Station', 'public', 'x', 56, 12, 'exact', '24/7')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO outreach_contacts (site_id, contact_at, contact_type, outcome) "
                "VALUES ('st', :at, 'brief', 'none')"
            ),
            {"at": dt.datetime(2024, 5, 1, 14)},
        )
        if not versioned:  # made with create_all before migrations existed
            conn.execute(text("DROP TABLE alembic_version"))
    return engine


def _columns(engine, table):
    return {c["name"] for c in inspect(engine).get_columns(table)}


def test_an_older_database_is_upgraded_and_keeps_its_data(tmp_path):
    engine = _old_database(tmp_path, versioned=True)
    assert "source_key" not in _columns(engine, "outreach_contacts")
    create_schema(engine)
    assert schema_revision(engine) == HEAD
    assert "source_key" in _columns(engine, "outreach_contacts")
    assert "source_key" in _columns(engine, "treatment_courses")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outreach_contacts")).scalar() == 1


def test_a_database_from_before_migrations_is_recognised(tmp_path):
    engine = _old_database(tmp_path, versioned=False)
    create_schema(engine)
    assert schema_revision(engine) == HEAD
    with engine.connect() as conn:
        assert conn.execute(text("SELECT site_id FROM outreach_contacts")).scalar() == "st"


def test_migrations_build_exactly_the_schema_in_the_code(tmp_path):
    engine = create_engine_for(f"sqlite:///{tmp_path / 'fresh.db'}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_a_new_database_is_stamped_with_the_newest_revision(tmp_path):
    engine = create_engine_for(f"sqlite:///{tmp_path / 'new.db'}")
    create_schema(engine)
    assert schema_revision(engine) == HEAD
    create_schema(engine)  # running again on start changes nothing
    assert schema_revision(engine) == HEAD


def test_stored_pseudonyms_are_brought_into_capitals(tmp_path):
    """Migration 0012: a lower-case pseudonym becomes its capitals, unless another person
    already has them (left as it is: merging two persons is not a migration's call)."""
    engine = create_engine_for(f"sqlite:///{tmp_path / 'cases.db'}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0011")
        for pseudonym in ("bb-one1", "BB-TWO2", "bb-two2", "bb-æøå3"):
            conn.execute(text("INSERT INTO persons (pseudonym) VALUES (:p)"), {"p": pseudonym})
    create_schema(engine)
    with engine.connect() as conn:
        stored = set(conn.execute(text("SELECT pseudonym FROM persons")).scalars())
    assert stored == {"BB-ONE1", "BB-TWO2", "bb-two2", "BB-ÆØÅ3"}
