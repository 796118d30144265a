"""The page Landstal in AppTest: without figures it says how to get them; the fetch button asks
the (synthetic, local) stand-in API and the figures appear; an unreachable API is said so and
changes nothing; files placed in the folder are loaded; committee mode hides our small counts.
"""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data_access.backup import backup_sqlite
from data_access.db import create_engine_for, create_schema, new_batch, sync_organisation
from data_access.dst import StatbankClient, fetch, load_bytes
from data_access.records import insert_activity
from language import translate
from tests.app.conftest import metrics, open_page, page_tables
from tests.app.payloads import collect, open_chart_tables
from tests.synthetic_statbank import Statbank, data_file

PAGE = "pages/national.py"
LABELS = [
    "Vores opgørelse",
    "DST: Helsingør",
    "Region Hovedstaden",
    "Andre provinsbykommuner",
    "Hele landet",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def demo_copy(tmp_path: Path, demo_db_url: str) -> str:
    """A copy of the demo database this test may write to (the session's stays read-only)."""
    target = tmp_path / "demo-copy.db"
    backup_sqlite(demo_db_url, target)
    return f"sqlite:///{target}"


def _open(monkeypatch, url: str, tmp_path: Path, api: str | None = None, **params) -> AppTest:
    monkeypatch.setenv("BROBYGGER_DATABASE_URL", url)
    monkeypatch.setenv("BROBYGGER_DST_DIR", str(tmp_path / "dst"))
    monkeypatch.setenv("BROBYGGER_DST_API_URL", api or f"http://127.0.0.1:{_free_port()}/v1")
    monkeypatch.setenv("BROBYGGER_DST_TIMEOUT", "5")
    return open_page(PAGE, **{"role": "admin", **params})


def _text(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("info", "caption", "markdown", "error", "success", "warning")
        for e in getattr(at, kind)
    ]
    return "\n".join(parts)


def test_without_figures_the_page_says_how_to_get_them(monkeypatch, demo_copy, tmp_path):
    at = _open(monkeypatch, demo_copy, tmp_path)
    text = _text(at)
    assert "Der er endnu ingen tal fra Danmarks Statistik" in text
    assert "python -m data_access.dst fetch" in text
    assert "SMDBV002" in text and str(tmp_path / "dst") in text
    assert "Det Nationale Alkoholbehandlingsregister (NAB) hos Sundhedsdatastyrelsen" in text
    assert not at.metric
    assert at.button(key="dst_fetch").label == "Hent fra Danmarks Statistik"


def test_the_fetch_button_brings_the_comparison(monkeypatch, demo_copy, tmp_path, statbank_api):
    url, statbank = statbank_api
    at = _open(monkeypatch, demo_copy, tmp_path, api=url)
    at.button(key="dst_fetch").click().run()
    assert not at.exception
    assert [m.label for m in at.metric] == LABELS
    shown = metrics(at)
    assert all("," in shown[label] for label in LABELS)  # e.g. "3,4" per 1,000, Danish
    assert any(s.value.startswith("Hentet: SMDBV002") for s in at.success)
    text = _text(at)
    assert "Kilde: Danmarks Statistik, statistikbanken.dk" in text
    assert "SYNTETISKE TESTDATA" in text and "CC BY 4.0" in text
    assert "hentet fra API'et" in text
    assert "lå som nr." in text  # our place among the municipalities
    years = page_tables(at)[0]
    assert list(years.columns[:4]) == ["År", "Vores antal", "Indbyggere 1. jan.", "Vores pr. 1.000"]
    row = years[years["År"] == "2024"].iloc[0]
    assert row["DST antal"] == "235" and row["Vores antal"].isdigit()
    assert years[years["År"] == "2016"].iloc[0]["DST antal"] == ".."  # not approved, not 0
    assert [path for _, path, _ in statbank.requests].count("/v1/data") == 4
    # The rates chart has its text alternative (ui/charts/render.py): a description naming it
    # and its figures as a table when "Vis som tabel" is opened.
    (spec,) = collect(at).specs
    assert spec["description"].startswith(translate("national.chart.title", "da") + ":")
    assert "Vis som tabel" in spec["description"]
    open_chart_tables(at)
    (table,) = [t for e in at.expander if "-alt-" in e.proto.id for t in e.table]
    assert not at.exception and len(table.value) > 0


def test_an_unreachable_api_is_said_so(monkeypatch, demo_copy, tmp_path):
    at = _open(monkeypatch, demo_copy, tmp_path)
    at.button(key="dst_fetch").click().run()
    assert not at.exception
    assert any("Danmarks Statistiks API kunne ikke nås" in e.value for e in at.error)
    assert any("Intet er ændret" in i.value for i in at.info)
    assert not at.metric  # still no figures


def test_files_placed_in_the_folder_are_loaded(monkeypatch, demo_copy, tmp_path):
    folder = tmp_path / "dst"
    folder.mkdir()
    statbank = Statbank()
    for table in ("SMDBV002", "FOLK1A"):
        (folder / f"{table}.csv").write_bytes(data_file(statbank, table, "CSV"))
    (folder / "SMDBV004.csv").write_bytes(b"not a table")
    at = _open(monkeypatch, demo_copy, tmp_path)
    assert any("Nye filer fra mappen" in s.value and "SMDBV002.csv" in s.value for s in at.success)
    assert any(w.value.startswith("SMDBV004.csv:") for w in at.warning)
    assert [m.label for m in at.metric] == LABELS
    assert "indlæst fra filen SMDBV002.csv" in _text(at)


def test_in_english(monkeypatch, demo_copy, tmp_path, statbank_api):
    url, _ = statbank_api
    fetch(create_engine_for(demo_copy), StatbankClient(url, 10))
    at = _open(monkeypatch, demo_copy, tmp_path, lang="en")
    assert at.metric[0].label == "Our count"
    assert at.title[0].value == "National figures"
    assert "Alcohol treatment is not in Statistics Denmark's statbank" in _text(at)


@pytest.fixture
def small_db(tmp_path, helsingor, statbank_api) -> str:
    """Three persons in drug treatment in 2024 (a whole year of data) and DST's figures."""
    url = f"sqlite:///{tmp_path / 'small.db'}"
    engine = create_engine_for(url)
    create_schema(engine)
    sync_organisation(engine, helsingor)
    persons = [
        {"id": i, "pseudonym": f"BB-S{i}", "birth_year": 1990, "main_substance": "cannabis"}
        for i in (1, 2, 3)
    ]
    courses = [
        {
            "id": i,
            "person_id": i,
            "department_id": "stof",
            "address_site_id": "rusmiddelcenter",
            "requested_on": dt.date(2024, 1, 1) if i == 1 else dt.date(2024, 3, i),
            "started_on": dt.date(2024, 1, 5) if i == 1 else dt.date(2024, 3, 10 + i),
            "ended_on": dt.date(2024, 12, 31) if i == 1 else None,
            "end_reason": "completed" if i == 1 else None,
            "modality": "individual",
            "referral_source": "self",
        }
        for i in (1, 2, 3)
    ]
    with engine.begin() as conn:
        insert_activity(conn, new_batch(conn, "test"), persons=persons, courses=courses)
    fetch(engine, StatbankClient(statbank_api[0], 10))
    return url


def test_committee_mode_hides_our_small_counts(monkeypatch, small_db, tmp_path):
    at = _open(monkeypatch, small_db, tmp_path)
    assert metrics(at)["Vores opgørelse"] != "–"  # 3 persons: shown to managers
    committee = _open(monkeypatch, small_db, tmp_path, committee="1")
    assert metrics(committee)["Vores opgørelse"] == "–"
    years = page_tables(committee)[0]
    assert years[years["År"] == "2024"].iloc[0]["Vores antal"] == "<5"
    assert years[years["År"] == "2024"].iloc[0]["Vores pr. 1.000"] == "–"
    for frame in page_tables(committee):
        for column in ("Vores", "Vores opgørelse"):
            if column in frame:
                assert set(frame[column]) <= {"<5", "–"}, frame
    assert not committee.button  # fetching is not for committee screens
    assert metrics(committee)["DST: Helsingør"] == metrics(at)["DST: Helsingør"]


def test_another_organisation_without_own_counts(monkeypatch, tmp_path, statbank_api):
    """Fredericia's file has no [national] section: DST's figures only, for its municipality,
    region and group; population missing says what to load."""
    from tests.conftest import OTHER_ORG_FILE

    monkeypatch.setenv("BROBYGGER_ORG_FILE", str(OTHER_ORG_FILE))
    url = f"sqlite:///{tmp_path / 'other.db'}"
    engine = create_engine_for(url)
    create_schema(engine)
    load_bytes(engine, "SMDBV002.csv", data_file(Statbank(), "SMDBV002", "CSV"))
    at = _open(monkeypatch, url, tmp_path)
    text = _text(at)
    assert "Organisationsfilen siger ikke, hvilke afdelinger" in text
    assert "Indbyggertallet (FOLK1A) mangler" in text
    years = page_tables(at)[0]
    assert "Region Syddanmark" in years.columns
    assert set(years["Vores antal"]) == {"–"}
    fetch(engine, StatbankClient(statbank_api[0], 10))
    at = _open(monkeypatch, url, tmp_path)
    assert [m.label for m in at.metric] == [
        "Vores opgørelse",
        "DST: Fredericia",
        "Region Syddanmark",
        "Andre provinsbykommuner",
        "Hele landet",
    ]
    assert metrics(at)["Vores opgørelse"] == "–"
