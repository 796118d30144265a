"""The triggers that keep the audit log, its chain head and the login revocations as the app may
leave them (append-only; the head only moves forward), per dialect. data_access/schema.py
attaches them to its tables; the migrations that made the tables create them too."""

from __future__ import annotations

APPEND_ONLY = "audit_log is append-only"


AUDIT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "sqlite": (
        f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""",
        f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        WHEN NOT EXISTS (SELECT 1 FROM audit_prune_permits p WHERE OLD.at_utc < p.cutoff_utc)
        BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""",
    ),
    "postgresql": (
        f"""CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF EXISTS (
                    SELECT 1 FROM audit_prune_permits p WHERE OLD.at_utc < p.cutoff_utc
                ) THEN
                    RETURN OLD;
                END IF;
            END IF;
            RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege';
        END $$""",
        """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
        """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
    ),
}


HEAD_FORWARD_ONLY = "the audit chain head only moves forward"


_HEAD_MOVES_ON = (
    "NEW.id = OLD.id AND (NEW.last_id > OLD.last_id OR "
    "(NEW.last_id = OLD.last_id AND NEW.last_hash = OLD.last_hash))"
)


CHAIN_HEAD_TRIGGERS: dict[str, tuple[str, ...]] = {
    "sqlite": (
        f"""CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head
        WHEN NOT ({_HEAD_MOVES_ON})
        BEGIN SELECT RAISE(ABORT, '{HEAD_FORWARD_ONLY}'); END""",
        f"""CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
        BEGIN SELECT RAISE(ABORT, '{HEAD_FORWARD_ONLY}'); END""",
    ),
    "postgresql": (
        f"""CREATE OR REPLACE FUNCTION audit_chain_head_guard() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                IF {_HEAD_MOVES_ON} THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION '{HEAD_FORWARD_ONLY}' USING ERRCODE = 'insufficient_privilege';
        END $$""",
        """CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE OR DELETE ON audit_chain_head
        FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard()""",
        """CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
        FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard()""",
    ),
}


REVOCATIONS_APPEND_ONLY = "login_revocations is append-only"


REVOCATION_TRIGGERS: dict[str, tuple[str, ...]] = {
    "sqlite": (
        f"""CREATE TRIGGER login_revocations_no_update BEFORE UPDATE ON login_revocations
        BEGIN SELECT RAISE(ABORT, '{REVOCATIONS_APPEND_ONLY}'); END""",
        f"""CREATE TRIGGER login_revocations_no_delete BEFORE DELETE ON login_revocations
        BEGIN SELECT RAISE(ABORT, '{REVOCATIONS_APPEND_ONLY}'); END""",
    ),
    "postgresql": (
        f"""CREATE OR REPLACE FUNCTION login_revocations_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{REVOCATIONS_APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege';
        END $$""",
        """CREATE TRIGGER login_revocations_no_change BEFORE UPDATE OR DELETE
        ON login_revocations FOR EACH ROW EXECUTE FUNCTION login_revocations_append_only()""",
        """CREATE TRIGGER login_revocations_no_truncate BEFORE TRUNCATE ON login_revocations
        FOR EACH STATEMENT EXECUTE FUNCTION login_revocations_append_only()""",
    ),
}
