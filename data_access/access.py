"""Who may see and do what: roles, the pages and actions each may use, and the mapping from
the ID token's claims to a role. Pure rules, testable without Streamlit; ui/auth.py is the one
place that asks them on behalf of the person in front of the app.

The roles follow need-to-know (GDPR art. 5(1)(c), 25, 32; Sundhedsloven § 42 a):
- udvalg (committee member): committee-safe figures only, always; the brief; no person data;
- medarbejder (outreach worker): the outreach page and route planner, logging contacts and
  undoing their own; no import, no export of person rows;
- leder (manager): every page and figure, person-level worklists and exports;
- admin: what a leder may, plus imports, undo of imports and the audit log.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

Role = Literal["udvalg", "medarbejder", "leder", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
# A person holding several roles gets the one with most rights.
PRECEDENCE: tuple[Role, ...] = ("admin", "leder", "medarbejder", "udvalg")

Page = Literal[
    "overview",
    "outreach",
    "caseload",
    "routes",
    "national",
    "data",
    "audit",
    "worklists",  # who waits, who started late, who went quiet (issue 15)
    "alerts",  # open alerts and their history (issue 15)
]
PAGES: tuple[Page, ...] = get_args(Page)

Action = Literal[
    "brief",  # the committee meeting brief (PDF)
    "leave_committee_mode",  # switch committee mode off and see exact counts
    "export_figures",  # CSV/Excel of aggregate tables (committee-safe in committee mode)
    "log_contact",
    "undo_own_contact",
    "view_persons",  # person-level lists: pseudonyms with their data (worklists, issue 15)
    "export_person_rows",
    "view_import_history",
    "import",
    "undo_import",
    "read_audit",
    "export_audit",
    "audit_extract",
    "prune_audit",
    "fetch_national",  # fetch or load Statistics Denmark's figures
    "export_worklist",  # CSV/Excel of a worklist (pseudonyms)
]
ACTIONS: tuple[Action, ...] = get_args(Action)

_EVERYONE = frozenset(ROLES)
_STAFF = frozenset({"medarbejder", "leder", "admin"})
_MANAGERS = frozenset({"leder", "admin"})
_ADMIN = frozenset({"admin"})

PAGE_ROLES: Mapping[Page, frozenset[Role]] = {
    "overview": frozenset({"udvalg", "leder", "admin"}),
    "outreach": _EVERYONE,
    "caseload": frozenset({"udvalg", "leder", "admin"}),
    "routes": _EVERYONE,
    "national": frozenset({"udvalg", "leder", "admin"}),
    "data": _STAFF,
    "audit": _ADMIN,
    "worklists": _MANAGERS,
    "alerts": _MANAGERS,
}

# Each action: the page it lives on (None: wherever its figures are), who may use it, and
# whether it shows or carries pseudonyms (then never in committee mode, whoever asks).
ACTION_RULES: Mapping[Action, tuple[Page | None, frozenset[Role], bool]] = {
    "brief": ("overview", frozenset({"udvalg", "leder", "admin"}), False),
    "leave_committee_mode": (None, _STAFF, False),
    "export_figures": (None, _EVERYONE, False),
    "log_contact": ("data", _STAFF, True),
    "undo_own_contact": ("data", _STAFF, True),
    "view_persons": (None, _MANAGERS, True),
    "export_person_rows": ("data", _MANAGERS, True),
    "view_import_history": ("data", _MANAGERS, True),
    "import": ("data", _ADMIN, True),
    "undo_import": ("data", _ADMIN, True),
    "read_audit": ("audit", _ADMIN, True),
    "export_audit": ("audit", _ADMIN, True),
    "audit_extract": ("audit", _ADMIN, True),
    "prune_audit": ("audit", _ADMIN, False),
    "fetch_national": ("national", _ADMIN, False),
    "export_worklist": ("worklists", _MANAGERS, True),
}

# Pages that show pseudonyms: never in committee mode.
PERSON_LEVEL_PAGES: frozenset[Page] = frozenset({"data", "audit", "worklists", "alerts"})


def may_open(role: Role | None, page: Page, *, committee: bool = False) -> bool:
    """Whether `role` may open `page` (in committee mode, no page with pseudonyms)."""
    if role is None or page not in PAGE_ROLES:
        return False
    if committee and page in PERSON_LEVEL_PAGES:
        return False
    return role in PAGE_ROLES[page]


def may(role: Role | None, action: Action, *, committee: bool = False) -> bool:
    """Whether `role` may do `action`: the role must hold it and may open its page."""
    if role is None or action not in ACTION_RULES:
        return False
    page, roles, person_level = ACTION_RULES[action]
    if committee and person_level:
        return False
    if page is not None and not may_open(role, page, committee=committee):
        return False
    return role in roles


# The actions that take a file from the browser (the import, DST's files saved by hand): only a
# session whose user holds one may upload at all (gateway/upload_gate.py).
UPLOAD_ACTIONS: tuple[Action, ...] = ("import", "fetch_national")


def may_upload(role: Role | None) -> bool:
    """Whether `role` may send the server a file."""
    return any(may(role, action) for action in UPLOAD_ACTIONS)


def forced_committee(role: Role | None) -> bool:
    """Whether committee mode is on whatever the URL or the session says (unknown: yes)."""
    return not may(role, "leave_committee_mode")


def landing_page(role: Role | None) -> Page | None:
    """The first page the role may open (the app's home for that role)."""
    return next((p for p in PAGES if may_open(role, p)), None)


# --- claims -> role -------------------------------------------------------------------------


class AccessConfigError(ValueError):
    """The [access] section of the secrets is wrong; the message says where."""


@dataclass(frozen=True)
class RoleMap:
    """Which claim carries the roles and which claim value means which role.

    Entra ID puts the app roles assigned to a user in the ID token's `roles` claim (group
    claims overflow Streamlit's login cookie for users in many groups, so roles it is).
    """

    claim: str = "roles"
    values: Mapping[str, Role] = field(default_factory=lambda: {r: r for r in ROLES})

    def role(self, claims: Mapping[str, object]) -> Role | None:
        found = {self.values[v] for v in _claim_values(claims.get(self.claim)) if v in self.values}
        return next((r for r in PRECEDENCE if r in found), None)


def _claim_values(raw: object) -> list[str]:
    # A list in Entra ID; some providers send one role, or several separated by spaces.
    if isinstance(raw, str):
        return raw.split()
    if isinstance(raw, Iterable) and not isinstance(raw, Mapping | bytes):
        return [str(v) for v in raw]
    return []


def role_map(config: Mapping[str, object] | None) -> RoleMap:
    """The mapping from the secrets' [access] section:

        [access]
        roles_claim = "roles"            # optional, the default
        [access.roles]                   # claim value = role
        "Brobygger.Udvalg" = "udvalg"

    Without [access.roles], a claim value equal to a role's name means that role.
    """
    if not config:
        return RoleMap()
    claim = config.get("roles_claim", "roles")
    if not isinstance(claim, str) or not claim:
        raise AccessConfigError('[access] roles_claim must be a claim name, e.g. "roles"')
    values = config.get("roles")
    if values is None:
        return RoleMap(claim=claim)
    if not isinstance(values, Mapping) or not values:
        raise AccessConfigError("[access.roles] must map claim values to roles")
    unknown = {str(k): v for k, v in values.items() if v not in ROLES}
    if unknown:
        raise AccessConfigError(
            f"[access.roles] maps {unknown} to unknown roles; known roles: {', '.join(ROLES)}"
        )
    return RoleMap(claim=claim, values={str(k): v for k, v in values.items()})


# --- the person asking ----------------------------------------------------------------------

UserKind = Literal["oidc", "demo", "cli"]


@dataclass(frozen=True)
class User:
    """Who is asking. `subject` is the identity provider's stable id (the `sub` claim)."""

    subject: str
    role: Role | None
    email: str | None = None
    name: str | None = None
    kind: UserKind = "oidc"
    expires_at: int | None = None  # the ID token's `exp` (seconds since the epoch)
    issued_at: int | None = None  # its `iat`: tells one login from the next

    def may(self, action: Action, *, committee: bool = False) -> bool:
        return may(self.role, action, committee=committee)

    def may_open(self, page: Page, *, committee: bool = False) -> bool:
        return may_open(self.role, page, committee=committee)

    @property
    def label(self) -> str:
        return self.email or self.name or self.subject

    def expired(self, now: dt.datetime | None = None) -> bool:
        """Streamlit keeps its login cookie for 30 days and never looks at `exp`: we do."""
        if self.expires_at is None:
            return False
        now = now or dt.datetime.now(dt.UTC)
        return now.timestamp() >= self.expires_at


def _text(claims: Mapping[str, object], *names: str) -> str | None:
    for name in names:
        value = claims.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def _epoch(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def user_from_claims(claims: Mapping[str, object], roles: RoleMap) -> User:
    """The user behind a verified ID token's claims (what Streamlit puts in st.user)."""
    subject = _text(claims, "sub", "oid") or _text(claims, "email") or "unknown"
    return User(
        subject=subject,
        role=roles.role(claims),
        # Entra ID: `email` is optional; `preferred_username` is the sign-in name (UPN).
        email=_text(claims, "email", "preferred_username", "upn"),
        name=_text(claims, "name"),
        kind="oidc",
        expires_at=_epoch(claims.get("exp")),
        issued_at=_epoch(claims.get("iat")),
    )


def demo_user(role: Role) -> User:
    """The local demo's stand-in for a person in `role` (no login configured)."""
    return User(subject=f"demo-{role}", role=role, name=f"Demo ({role})", kind="demo")


def cli_user() -> User:
    """Whoever runs a command on the server: they can read the database file anyway, so they
    act as admin, and the audit log says which operating-system account it was."""
    try:
        account = getpass.getuser()
    except OSError:  # no login name (some containers)
        account = "unknown"
    return User(subject=f"cli:{account}", role="admin", name=account, kind="cli")
