"""PostgreSQL roles: an owner that owns the schema and migrates, and the app's role, which may
read and write the data but only read and append to the audit log.

Only a table's owner (or a superuser) may ALTER, DROP, DISABLE TRIGGER on it, and only a role
granted UPDATE, DELETE or TRUNCATE may do those. So with the schema owned by another role and
these grants, the app's credentials cannot rewrite the log by any route (the triggers and the
hash chain stay as a second and third line). The recipe, once, as a superuser or the database's
administrator (docs/audit.md):

    CREATE ROLE brobygger_owner LOGIN PASSWORD '...';
    CREATE ROLE brobygger_app LOGIN PASSWORD '...';
    CREATE DATABASE brobygger OWNER brobygger_owner;

then, as the owner (idempotent; the server does the same at every start when
BROBYGGER_DATABASE_OWNER_URL is set, so a new table gets its grants after an upgrade):

    python -m data_access.db grant --app-role brobygger_app \\
        --owner-url postgresql+psycopg://brobygger_owner@host/brobygger
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from data_access import schema

DEFAULT_APP_ROLE = "brobygger_app"
DEFAULT_OWNER_ROLE = "brobygger_owner"
DATA = ("SELECT", "INSERT", "UPDATE", "DELETE")
# Tables whose rights differ from DATA. audit_prune_permits: nothing (pruning is the owner's).
PRIVILEGES: dict[str, tuple[str, ...]] = {
    "audit_log": ("SELECT", "INSERT"),
    "audit_chain_head": ("SELECT", "INSERT", "UPDATE"),  # moved forward only (a trigger)
    "audit_prune_permits": (),
    "alembic_version": ("SELECT",),  # the readiness check reads it; migrating is the owner's
    # The keys are made once and never changed by the app (replacing the audit chain's key
    # would leave its rows unverifiable).
    "app_secrets": ("SELECT", "INSERT"),
    # Append-only by design too (logins ended by a logout, issue 24's other half): a table not
    # in this schema is skipped.
    "login_revocations": ("SELECT", "INSERT"),
}


class RoleError(RuntimeError):
    """A setup in which the app's role could still change the log: nothing was granted."""


@dataclass(frozen=True)
class Granted:
    role: str
    schema: str
    tables: dict[str, tuple[str, ...]]
    created: bool


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def our_tables() -> list[str]:
    return [*(t.name for t in schema.metadata.sorted_tables), "alembic_version"]


def grant_app_role(
    conn: Connection, role: str, *, password: str | None = None, create: bool = True
) -> Granted:
    """Give `role` exactly what the app needs on the tables of this schema, as the connection's
    user (the owner); idempotent: every right is revoked and granted anew in one transaction.
    Makes the role (LOGIN) when it is missing and `create` is set. Refuses a role that is a
    superuser, owns a table, or is (a member of) the owner: grants would not bind it."""
    if conn.dialect.name != "postgresql":
        raise RoleError("roles are a PostgreSQL matter (SQLite has no users)")
    owner = conn.scalar(text("SELECT current_user"))
    if role == owner:
        raise RoleError(f"the app's role {role!r} is the owner itself: give the app its own role")
    found = conn.execute(
        text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :r"), {"r": role}
    ).first()
    created = False
    if found is None:
        if not create:
            raise RoleError(f"there is no role {role!r}")
        statement = f"CREATE ROLE {_quote(conn, role)} LOGIN"
        if password:
            statement += f" PASSWORD {_literal(password)}"
        conn.exec_driver_sql(statement)
        created = True
    elif found.rolsuper or found.rolbypassrls:
        raise RoleError(f"the app's role {role!r} is a superuser: no grant binds it")
    elif password:
        conn.exec_driver_sql(f"ALTER ROLE {_quote(conn, role)} PASSWORD {_literal(password)}")
    if conn.scalar(text("SELECT pg_has_role(:r, current_user, 'MEMBER')"), {"r": role}):
        raise RoleError(f"the app's role {role!r} is a member of the owner {owner!r}")
    namespace = conn.scalar(text("SELECT current_schema()"))
    owners = dict(
        conn.execute(
            text(
                "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = :s AND c.relkind IN ('r', 'p') AND c.relname = ANY(:names)"
            ),
            {"s": namespace, "names": our_tables()},
        ).all()
    )
    if not owners:
        raise RoleError(f"no Brobygger tables in schema {namespace!r}: migrate first")
    if role in owners.values():
        mine = sorted(t for t, o in owners.items() if o == role)
        raise RoleError(
            f"the app's role {role!r} owns {', '.join(mine)}: hand them to the owner first "
            f"(as a superuser: REASSIGN OWNED BY {role} TO {owner})"
        )
    is_super = conn.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
    others = sorted(t for t, o in owners.items() if o != owner)
    if others and not is_super:
        raise RoleError(
            f"{', '.join(others)} not owned by {owner!r}: run this as the schema's owner"
        )
    who = _quote(conn, role)
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {_quote(conn, namespace)} TO {who}")
    granted: dict[str, tuple[str, ...]] = {}
    for table in owners:
        name = f"{_quote(conn, namespace)}.{_quote(conn, table)}"
        conn.exec_driver_sql(f"REVOKE ALL ON {name} FROM {who}")
        rights = PRIVILEGES.get(table, DATA)
        if rights:
            conn.exec_driver_sql(f"GRANT {', '.join(rights)} ON {name} TO {who}")
        granted[table] = rights
    sequences = conn.scalars(
        text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_depend d ON d.objid = c.oid AND d.deptype IN ('a', 'i') "
            "JOIN pg_class t ON t.oid = d.refobjid "
            "WHERE c.relkind = 'S' AND n.nspname = :s AND t.relname = ANY(:names)"
        ),
        {"s": namespace, "names": list(owners)},
    ).all()
    for sequence in sequences:  # nextval for the tables it may insert into
        name = f"{_quote(conn, namespace)}.{_quote(conn, sequence)}"
        conn.exec_driver_sql(f"REVOKE ALL ON SEQUENCE {name} FROM {who}")
        conn.exec_driver_sql(f"GRANT USAGE, SELECT ON SEQUENCE {name} TO {who}")
    return Granted(role, namespace, granted, created)


def hand_over(conn: Connection, owner: str) -> list[str]:
    """Make `owner` own this schema's Brobygger tables and trigger functions (a superuser's
    connection): for a database made by one role, before it is split into two. Returns what
    changed hands."""
    namespace = conn.scalar(text("SELECT current_schema()"))
    moved = []
    tables = conn.scalars(
        text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :s AND c.relkind IN ('r', 'p') AND c.relname = ANY(:names) "
            "AND pg_get_userbyid(c.relowner) <> :o"
        ),
        {"s": namespace, "names": our_tables(), "o": owner},
    ).all()
    for table in tables:
        conn.exec_driver_sql(f"ALTER TABLE {_quote(conn, table)} OWNER TO {_quote(conn, owner)}")
        moved.append(table)
    functions = conn.scalars(
        text(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = :s AND p.prorettype = 'trigger'::regtype "
            "AND pg_get_userbyid(p.proowner) <> :o"
        ),
        {"s": namespace, "o": owner},
    ).all()
    for function in functions:
        conn.exec_driver_sql(
            f"ALTER FUNCTION {_quote(conn, function)}() OWNER TO {_quote(conn, owner)}"
        )
        moved.append(f"{function}()")
    return moved
