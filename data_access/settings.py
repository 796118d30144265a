"""The app's settings: one registry, each with its default and a help text.

Settings come from environment variables so that `make run`, the tests and a production
deployment can point the same code at different files and databases. A test checks that every
setting here is documented in the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.name) or self.default


ORG_FILE = Setting(
    "BROBYGGER_ORG_FILE",
    str(PROJECT_ROOT / "organisations" / "helsingor.toml"),
    "Path of the organisation file (TOML) with sites, departments and targets.",
)
DATABASE_URL = Setting(
    "BROBYGGER_DATABASE_URL",
    "",
    "SQLAlchemy URL of the database. Overrides [connections.sql] url in "
    ".streamlit/secrets.toml; when both are empty, data/brobygger.db (SQLite) is used.",
)
DATABASE_OWNER_URL = Setting(
    "BROBYGGER_DATABASE_OWNER_URL",
    "",
    "PostgreSQL only: the URL of the role that owns the schema. When set, the server migrates "
    "with it at start and grants the app's role (the user in BROBYGGER_DATABASE_URL) only what "
    "it needs: SELECT and INSERT on the audit log, no UPDATE, DELETE or TRUNCATE "
    "(data_access/roles.py). `python -m data_access.audit prune` uses it too. Empty: one role "
    "does everything, as before.",
)

MAP_ASSETS = Setting(
    "BROBYGGER_MAP_ASSETS",
    "local",
    "Where the map's Leaflet scripts come from: 'local' (served by the app from static/, works "
    "offline and behind CDN-blocking networks) or 'cdn' (folium's public CDNs).",
)
MAP_TILES = Setting(
    "BROBYGGER_MAP_TILES",
    "osm",
    "Background map tiles: 'osm' (OpenStreetMap), 'none', or a URL template with {z}/{x}/{y} "
    "(for example the municipality's own tile server).",
)

OSRM_URL = Setting(
    "BROBYGGER_OSRM_URL",
    "",
    "Base URL of an OSRM-compatible routing server for the route planner's travel times "
    "(for example http://localhost:5000). Empty: travel times are estimated from distance.",
)

COMMITTEE_DEFAULT = Setting(
    "BROBYGGER_COMMITTEE_DEFAULT",
    "0",
    "1: committee mode is on when a page opens (counts of 1-4 shown as <5, no pseudonyms); "
    "users can still switch it off unless the link says otherwise.",
)

BENCH_POSTGRES_URL = Setting(
    "BROBYGGER_BENCH_POSTGRES_URL",
    "",
    "For `make bench` only: a PostgreSQL database (SQLAlchemy URL) the benchmark may fill with "
    "demo data, one schema per scale. Empty: the benchmark starts a PostgreSQL server of its own "
    "from the machine's binaries (data kept in data/bench-postgres), or measures SQLite only "
    "when there are none.",
)
DST_API_URL = Setting(
    "BROBYGGER_DST_API_URL",
    "https://api.statbank.dk/v1",
    "Statistics Denmark's statbank API, for the national comparison (page Landstal, "
    "python -m data_access.dst fetch). Point it elsewhere for a mirror or a test stand-in.",
)
DST_DIR = Setting(
    "BROBYGGER_DST_DIR",
    str(PROJECT_ROOT / "data" / "dst"),
    "Folder for Statistics Denmark files saved by hand from statistikbanken.dk (CSV or "
    "JSON-stat, the table's id in the file name, e.g. SMDBV002.csv); new files are loaded "
    "when the page Landstal opens.",
)
DST_TIMEOUT = Setting(
    "BROBYGGER_DST_TIMEOUT",
    "30",
    "Seconds to wait for Statistics Denmark's API before giving up (and saying so).",
)

REQUIRE_LOGIN = Setting(
    "BROBYGGER_REQUIRE_LOGIN",
    "0",
    "1: show no data without a real login through the identity provider ([auth] in "
    ".streamlit/secrets.toml); without it the app refuses and says how to configure login. "
    "On in every deployment. 0 (the default) allows the local demo with its role picker, but "
    "only while the server listens on localhost.",
)

AUDIT_RETENTION_DAYS = Setting(
    "BROBYGGER_AUDIT_RETENTION_DAYS",
    "730",
    "How long audit rows are kept, in days (default 2 years, at least 365); `python -m "
    "data_access.audit prune` deletes older ones and records what it removed.",
)

AUDIT_CHAIN_KEY = Setting(
    "BROBYGGER_AUDIT_CHAIN_KEY",
    "",
    "The secret key (at least 32 characters) the audit log's hash chain is made with; kept "
    "outside the database, so the database's credentials alone cannot forge a row that "
    "verifies. Several, comma-separated and the newest first, to rotate. Empty: `[audit] "
    "chain_key` in .streamlit/secrets.toml, else a random key kept in the database "
    "(docs/audit.md says what that protects less).",
)

IMPORT_EARLIEST_DATE = Setting(
    "BROBYGGER_IMPORT_EARLIEST_DATE",
    "1990-01-01",
    "Imports refuse contact times, requests, starts and ends before this date (YYYY-MM-DD) "
    "as implausible, naming the row and column.",
)
IMPORT_TIME_LIMIT = Setting(
    "BROBYGGER_IMPORT_TIME_LIMIT",
    "300",
    "Seconds one import may take (reading, checking and saving); a longer one is stopped "
    "and nothing of it is saved.",
)

TODAY = Setting(
    "BROBYGGER_TODAY",
    "",
    "Pin the date the app treats as today (YYYY-MM-DD), for tests and demonstrations; empty: "
    "the real date in Europe/Copenhagen. Presets, waiting days, deadlines and alerts count "
    "from it.",
)

SETTINGS: tuple[Setting, ...] = (
    ORG_FILE,
    DATABASE_URL,
    DATABASE_OWNER_URL,
    MAP_ASSETS,
    MAP_TILES,
    OSRM_URL,
    COMMITTEE_DEFAULT,
    DST_API_URL,
    DST_DIR,
    DST_TIMEOUT,
    REQUIRE_LOGIN,
    AUDIT_RETENTION_DAYS,
    AUDIT_CHAIN_KEY,
    IMPORT_EARLIEST_DATE,
    IMPORT_TIME_LIMIT,
    BENCH_POSTGRES_URL,
    TODAY,
)

DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "brobygger.db"
