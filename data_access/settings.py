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
    "demo data, one schema per scale. Empty: the benchmark measures SQLite only.",
)

SETTINGS: tuple[Setting, ...] = (
    ORG_FILE,
    DATABASE_URL,
    MAP_ASSETS,
    MAP_TILES,
    OSRM_URL,
    COMMITTEE_DEFAULT,
    BENCH_POSTGRES_URL,
)

DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "brobygger.db"
