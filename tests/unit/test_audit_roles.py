"""PostgreSQL with two roles, as the recipe and `make cluster` set them up: the owner migrates
and prunes; the app's role reads and writes the data but can only read and append to the audit
log, by no route UPDATE, DELETE, TRUNCATE, ALTER, DROP or DISABLE TRIGGER it; and the app works
as that role (a contact logged, an import, an undo, readiness)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from data_access import audit, batches, health, imports, roles
from data_access.access import User, cli_user
from data_access.contact_log import ContactEntry, log_contact
from data_access.db import (
    create_engine_for,
    create_schema,
    main,
    prepare_database,
    sync_organisation,
)

OWNER, APP = "bb_owner_test", "bb_app_test"
DATABASE = "brobygger_roles"
ADMIN = User(subject="sub-admin", role="admin", email="admin@kommune.dk")
WORKER = User(subject="sub-worker", role="medarbejder", email="worker@kommune.dk")


@dataclass
class Split:
    superuser: str  # a superuser's URL for the roles' database
    owner: str
    app: str
    app_engine: Engine


def _url(base: str, user: str, database: str = DATABASE) -> str:
    return make_url(base).set(username=user, database=database).render_as_string(False)


@pytest.fixture(scope="module")
def split_roles(postgres_url: str, helsingor) -> Iterator[Split]:
    """A database of its own, owned by the owner role; the schema migrated by the owner and
    the app's role granted, as gateway/startup.py does with BROBYGGER_DATABASE_OWNER_URL."""
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for role in (OWNER, APP):
            if conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}) is None:
                conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {DATABASE} OWNER {OWNER}"))
    admin.dispose()
    owner, app = _url(postgres_url, OWNER), _url(postgres_url, APP)
    prepare_database(app, owner)
    app_engine = create_engine_for(app)
    sync_organisation(app_engine, helsingor)
    try:
        yield Split(_url(postgres_url, make_url(postgres_url).username), owner, app, app_engine)
    finally:
        app_engine.dispose()


APP_MAY_NOT = [
    "UPDATE audit_log SET subject = 'someone else'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
    "DROP TRIGGER audit_log_no_change ON audit_log",
    "ALTER TABLE audit_log DROP COLUMN row_hash",
    "ALTER TABLE audit_log OWNER TO bb_app_test",
    "DROP TABLE audit_log",
    "DROP TABLE audit_log CASCADE",
    "CREATE TRIGGER sneak BEFORE INSERT ON audit_log FOR EACH ROW "
    "EXECUTE FUNCTION audit_log_append_only()",
    "SET session_replication_role = replica",
    "INSERT INTO audit_prune_permits (cutoff_utc) VALUES ('9999-01-01')",
    "DELETE FROM audit_chain_head",
    "TRUNCATE audit_chain_head",
    "UPDATE audit_chain_head SET last_id = 0",
    "DELETE FROM app_secrets",
    "UPDATE app_secrets SET value = 'x'",
    "UPDATE alembic_version SET version_num = '0001'",
    "ALTER TABLE persons ADD COLUMN cpr TEXT",
]


@pytest.mark.parametrize("statement", APP_MAY_NOT)
def test_the_app_role_cannot_change_the_log(split_roles, statement):
    audit.write(split_roles.app_engine, ADMIN, "login")
    with pytest.raises(DBAPIError), split_roles.app_engine.begin() as conn:
        conn.execute(text(statement))
    result = audit.verify(split_roles.app_engine)
    assert result.intact, result.line()


def test_the_app_role_appends_and_reads(split_roles):
    engine = split_roles.app_engine
    audit.write(engine, ADMIN, "view", page="data", pseudonyms=["BB-ROLE01"])
    assert list(audit.extract(engine, "BB-ROLE01")["action"]) == ["view"]
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT current_user")) == APP
        rights = dict(
            conn.execute(
                text(
                    "SELECT privilege_type, count(*) FROM information_schema.table_privileges "
                    "WHERE grantee = :r AND table_name = 'audit_log' GROUP BY privilege_type"
                ),
                {"r": APP},
            ).all()
        )
    assert set(rights) == {"SELECT", "INSERT"}
    with engine.begin() as conn:  # not its to give: PostgreSQL warns and grants nothing
        conn.execute(text(f"GRANT DELETE, UPDATE, TRUNCATE ON audit_log TO {APP}"))
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))


def test_the_app_works_as_its_role(split_roles, helsingor):
    engine = split_roles.app_engine
    create_schema(engine)  # what each session's start does: a no-op at head, allowed
    assert health.check(split_roles.app).ready
    entry = ContactEntry(
        site_id=helsingor.outreach_sites[0].id,
        at=dt.datetime(2025, 3, 1, 14, 30),
        person="new",
        contact_type="conversation",
        outcome="plan",
    )
    logged = log_contact(engine, helsingor, entry, made_by=WORKER)
    assert batches.undo(engine, WORKER, logged.batch_id) == 2
    csv = (
        "pseudonym;sted;tidspunkt;kontakttype;udfald\r\n"
        "BB-ROLE02;Helsingør Station;01-03-2025 14:30;samtale;plan\r\n"
    ).encode()
    result = imports.import_file(engine, helsingor, "contacts", csv, "roles.csv", made_by=ADMIN)
    assert result.ok and result.batch_id > logged.batch_id
    assert batches.undo(engine, ADMIN, result.batch_id) == 2
    actions = list(audit.read(engine, audit.LogQuery())["action"])
    assert {"contact_logged", "contact_undone", "import", "undo_import"} <= set(actions)
    assert audit.verify(engine).intact


def test_pruning_is_the_owners(split_roles, capsys):
    engine = split_roles.app_engine
    audit.write(engine, ADMIN, "view")
    later = audit.now_utc() + dt.timedelta(days=2000)  # every row past the retention
    with pytest.raises(audit.PruneRefused, match="owner"):
        audit.prune(engine, cli_user(), days=730, now=later)
    assert audit.main(["prune", "--url", split_roles.app]) == 2
    assert "owner" in capsys.readouterr().err
    assert audit.main(["prune", "--url", split_roles.owner]) == 0
    assert "removed: 0" in capsys.readouterr().out
    owner = create_engine_for(split_roles.owner)
    try:
        assert audit.prune(owner, cli_user(), days=730, now=later) > 0
    finally:
        owner.dispose()
    result = audit.verify(engine)
    assert result.intact and result.rows == 1, result.line()  # the prune's own row


def test_grant_is_idempotent_and_says_what_it_gave(split_roles, capsys):
    for _ in range(2):
        assert main(["grant", "--owner-url", split_roles.owner, "--app-role", APP]) == 0
    said = capsys.readouterr().out
    assert "audit_log: SELECT, INSERT" in said and "audit_prune_permits: nothing" in said
    assert audit.verify(split_roles.app_engine).intact


def test_grant_refuses_a_role_that_grants_would_not_bind(split_roles, capsys):
    assert main(["grant", "--owner-url", split_roles.owner, "--app-role", OWNER]) == 2
    assert "is the owner itself" in capsys.readouterr().err
    owner = create_engine_for(split_roles.owner)
    superuser = create_engine_for(split_roles.superuser)
    try:
        with pytest.raises(roles.RoleError, match="superuser"), owner.begin() as conn:
            roles.grant_app_role(conn, make_url(split_roles.superuser).username)
        with superuser.begin() as conn:
            conn.execute(text(f"ALTER TABLE app_secrets OWNER TO {APP}"))
        try:
            with pytest.raises(roles.RoleError, match="owns app_secrets"), owner.begin() as conn:
                roles.grant_app_role(conn, APP)
        finally:
            with superuser.begin() as conn:
                assert roles.hand_over(conn, OWNER) == ["app_secrets"]
    finally:
        owner.dispose()
        superuser.dispose()


def test_the_owner_as_a_superuser_makes_the_app_role(split_roles, capsys):
    """`grant` makes a missing role (when the owner may), so the recipe is one command."""
    superuser = create_engine(split_roles.superuser, isolation_level="AUTOCOMMIT")
    with superuser.connect() as conn:
        conn.execute(text("DROP ROLE IF EXISTS bb_new_app_test"))
    try:
        argv = ["grant", "--owner-url", split_roles.superuser, "--app-role", "bb_new_app_test"]
        assert main(argv) == 0
        assert "bb_new_app_test (role made)" in capsys.readouterr().out
        other = create_engine_for(_url(split_roles.superuser, "bb_new_app_test"))
        try:
            audit.write(other, ADMIN, "login")
            with pytest.raises(DBAPIError), other.begin() as conn:
                conn.execute(text("DELETE FROM audit_log"))
        finally:
            other.dispose()
    finally:
        with superuser.connect() as conn:
            conn.execute(text("DROP OWNED BY bb_new_app_test"))
            conn.execute(text("DROP ROLE bb_new_app_test"))
        superuser.dispose()


def test_the_local_cluster_runs_the_replicas_as_the_app_role(postgres_url):
    """`make cluster`: its own server with both roles; what the replicas get is the app's
    role, which cannot change the log; the owner's URL is kept for migrations and prune."""
    from deploy.cluster import APP_ROLE, OWNER_ROLE, Cluster

    folder = Path(tempfile.mkdtemp(prefix="brobygger-roles-cluster-"))
    folder.chmod(0o755)  # the server may run as another user (PostgreSQL refuses root)
    cluster = Cluster(folder, replicas=0, demo=False)
    try:
        app_url = cluster._start_database()
        assert make_url(app_url).username == APP_ROLE
        assert make_url(cluster.owner_url).username == OWNER_ROLE
        prepare_database(app_url, cluster.owner_url)  # what each replica does at start
        app = create_engine_for(app_url)
        try:
            audit.write(app, ADMIN, "login")
            for statement in (
                "DELETE FROM audit_log",
                "TRUNCATE audit_log",
                "DROP TABLE audit_log",
            ):
                with pytest.raises(DBAPIError), app.begin() as conn:
                    conn.execute(text(statement))
            assert audit.verify(app).intact
        finally:
            app.dispose()
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
