"""The national comparison against hand-computed values: our persons in drug treatment per year,
the per-1,000 arithmetic, DST's region, group and country figures with ".." members, and the
committee rules on our own counts."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access import dk_areas
from data_access.db import new_batch
from data_access.dst import store
from data_access.dst_metadata import TableInfo
from data_access.dst_read import Figure, TableFigures
from data_access.national import (
    AreaFigure,
    area_figure,
    complete_years,
    national_comparison,
    own_counts,
    per_thousand,
    publish_count,
    share,
    spread,
)
from data_access.organisation import NationalComparison
from data_access.records import insert_activity

D = dt.date
STOF = NationalComparison(departments=["stof", "unge"], exclude_main_substances=["alcohol"])
REGION = "084"


def _course(cid, person, dept, requested, started=None, ended=None):
    return {
        "id": cid,
        "person_id": person,
        "department_id": dept,
        "address_site_id": "ungeindsats" if dept == "unge" else "rusmiddelcenter",
        "requested_on": requested,
        "started_on": started,
        "ended_on": ended,
        "end_reason": "completed" if ended else None,
        "modality": "individual",
        "referral_source": "self",
    }


@pytest.fixture
def engine(any_engine):
    substances = {3: "alcohol", 5: None, 6: "cocaine"}
    persons = [
        {
            "id": i,
            "pseudonym": f"BB-N{i}",
            "birth_year": 1990,
            "main_substance": substances.get(i, "cannabis"),
        }
        for i in range(1, 10)
    ]
    courses = [
        _course(1, 1, "stof", D(2023, 11, 1), D(2023, 11, 10)),  # open all through
        _course(2, 2, "stof", D(2024, 3, 1), D(2024, 3, 20), D(2024, 9, 1)),  # 19 days: breach
        _course(3, 3, "unge", D(2024, 2, 1), D(2024, 2, 5)),  # alcohol: not drug treatment
        _course(4, 4, "unge", D(2024, 4, 1), D(2024, 4, 10)),  # 9 days
        _course(5, 5, "stof", D(2024, 12, 20), D(2024, 12, 31)),  # no substance recorded
        _course(6, 6, "alkohol", D(2024, 5, 1), D(2024, 5, 3)),  # not a drug department
        _course(7, 7, "stof", D(2023, 1, 1), D(2023, 1, 5), D(2023, 12, 31)),  # ended in 2023
        _course(8, 8, "stof", D(2024, 12, 15), D(2025, 1, 2)),  # starts in 2025, 18 days
        _course(9, 9, "stof", D(2024, 6, 1)),  # a request, never started
        _course(10, 1, "stof", D(2024, 5, 1), D(2024, 5, 2), D(2024, 6, 1)),  # person 1 again
    ]
    with any_engine.begin() as conn:
        insert_activity(conn, new_batch(conn, "test"), persons=persons, courses=courses)
    return any_engine


def test_our_persons_requests_starts_ends_and_breaches(engine):
    counts = own_counts(engine, STOF, [2023, 2024, 2025])
    y2024 = counts[2024]
    assert y2024.persons == 4  # persons 1, 2, 4, 5 (1 once, although two courses)
    assert (y2024.requests, y2024.starts, y2024.ends, y2024.exceeded) == (6, 4, 2, 1)
    assert counts[2025].persons == 4  # 1, 4, 5 still open, 8 started
    assert (counts[2025].starts, counts[2025].exceeded) == (1, 1)
    assert counts[2023].persons == 2  # persons 1 and 7


def test_only_whole_years_inside_our_data_count():
    assert complete_years((D(2023, 1, 26), D(2025, 12, 31))) == [2024, 2025]
    assert complete_years((D(2024, 1, 1), D(2024, 12, 31))) == [2024]
    assert complete_years((D(2024, 1, 1), D(2024, 12, 30))) == []
    assert complete_years(None) == []


def test_per_thousand_and_shares():
    assert per_thousand(190, 63_000) == pytest.approx(3.015873, rel=1e-6)
    assert per_thousand(0, 63_000) == 0
    assert per_thousand(None, 63_000) is None  # DST's "..": no rate, never 0
    assert per_thousand(190, None) is None
    assert per_thousand(190, 0) is None
    assert share(6, 100) == 0.06
    assert share(None, 100) is None and share(1, 0) is None


def test_a_region_uses_dst_s_row_unless_a_member_is_missing():
    members = ["101", "147", "151"]
    figures = {
        ("persons", REGION, 2024): 600.0,
        ("population", REGION, 2024): 150_000.0,
        ("persons", "101", 2024): 400.0,
        ("population", "101", 2024): 100_000.0,
        ("persons", "147", 2024): 150.0,
        ("population", "147", 2024): 30_000.0,
        ("persons", "151", 2024): 55.0,
        ("population", "151", 2024): 20_000.0,
    }
    whole = area_figure(figures, "persons", REGION, 2024, members)
    assert (whole.count, whole.population, whole.per_1000) == (600, 150_000, 4.0)
    figures[("persons", "151", 2024)] = None  # ".." for one member
    partial = area_figure(figures, "persons", REGION, 2024, members)
    assert (partial.count, partial.population) == (550, 130_000)  # both without 151
    assert partial.per_1000 == pytest.approx(550 / 130)
    assert (partial.members, partial.with_figures) == (3, 2)
    del figures[("persons", REGION, 2024)]  # no row for the area at all: the sum
    assert area_figure(figures, "persons", REGION, 2024, members).count == 550
    only_row = {("persons", REGION, 2024): 600.0, ("population", REGION, 2024): 150_000.0}
    assert area_figure(only_row, "persons", REGION, 2024, members).per_1000 == 4.0
    nothing = area_figure({}, "persons", REGION, 2024, members)
    assert (nothing.per_1000, nothing.held) == (None, False)


def test_the_spread_and_our_place():
    figures = {}
    for code, persons in (("217", 190.0), ("219", 300.0), ("101", 40.0), ("147", None)):
        figures[("persons", code, 2024)] = persons
        figures[("population", code, 2024)] = 50_000.0
    found = spread(figures, 2024, "217")
    assert (found.lowest, found.highest, found.rank, found.municipalities) == (0.8, 6.0, 2, 3)
    assert spread(figures, 2024, "147").rank is None  # "..": no place
    assert spread({}, 2024, "217") is None


def test_committee_rules_guard_our_counts():
    key = b"test"
    assert publish_count(3, key, "persons|2024").value is None
    assert publish_count(3, key, "persons|2024").text == "<5"
    assert publish_count(3, None, "persons|2024").value == 3  # managers: the count itself
    assert publish_count(0, key, "persons|2024").value == 0  # nobody identifies no one
    assert publish_count(5, key, "persons|2024").value == 5
    # Larger counts are rounded to a multiple of 5, the same way every time.
    shown = {publish_count(63, key, "persons|2024").value for _ in range(3)}
    assert len(shown) == 1 and shown <= {60, 65}


def _store(engine, table, rows):
    info = TableInfo(table, f"SYNTETISK {table}", "", "2025-01-01", (), {"id": table})
    figures = tuple(Figure(m, a, dk_areas.AREA_NAMES[a], y, v, m) for m, a, y, v in rows)
    with engine.begin() as conn:
        store(conn, TableFigures(table, info.text, info.updated, figures, info), "file", "test.csv")


def _dst(engine):
    _store(
        engine,
        "SMDBV002",
        [
            ("persons", "217", 2024, 190.0),
            ("persons", "217", 2023, None),
            ("persons", REGION, 2024, 6800.0),
            ("persons", "000", 2024, 20400.0),
            ("persons", "219", 2024, 250.0),  # Hillerød: a provincial municipality too
        ],
    )
    _store(
        engine,
        "FOLK1A",
        [
            ("population", "217", 2024, 63_000.0),
            ("population", "217", 2023, 62_800.0),
            ("population", REGION, 2024, 1_900_000.0),
            ("population", "000", 2024, 5_960_000.0),
            ("population", "219", 2024, 52_000.0),
        ],
    )
    _store(
        engine,
        "SMDBV004",
        [
            ("guarantee_starts", "217", 2024, 100.0),
            ("guarantee_exceeded", "217", 2024, 7.0),
            ("guarantee_starts", "000", 2024, 9000.0),
            ("guarantee_exceeded", "000", 2024, 900.0),
        ],
    )


def test_the_comparison_end_to_end(engine, helsingor):
    _dst(engine)
    data = national_comparison(engine, helsingor, committee=False)
    assert [y.year for y in data.years] == [2023, 2024]
    y = data.years[-1]
    assert y.own_persons.value == 4
    assert y.own_per_1000 == pytest.approx(4 / 63)
    assert y.municipality.per_1000 == pytest.approx(190 / 63)
    assert y.region.per_1000 == pytest.approx(6800 / 1900)
    assert y.country.per_1000 == pytest.approx(20400 / 5960)
    assert y.similar.per_1000 == pytest.approx(250 / 52)  # only Hillerød has figures
    assert (y.similar.with_figures, y.similar.members) == (1, 15)  # the group without us
    assert y.dst_guarantee["municipality"].share == 0.07
    assert y.dst_guarantee["country"].share == 0.1
    assert y.own_guarantee.share == 0.25  # 1 of 4 starts
    checks = {c.measure: c for c in y.checks}
    assert (checks["persons"].ours.value, checks["persons"].dst, checks["persons"].difference) == (
        4,
        190,
        -186,
    )
    assert checks["requests"].dst_held is False and checks["requests"].difference is None
    assert data.years[0].municipality.held and data.years[0].municipality.count is None
    assert [s.table_id for s in data.sources] == ["FOLK1A", "SMDBV002", "SMDBV004"]
    assert data.latest_with_rates().year == 2024


def checks_text(year, measure: str) -> str:
    """6 requests, as published: a multiple of 5 (5 or 10)."""
    text_ = next(c.ours.text for c in year.checks if c.measure == measure)
    assert text_ in ("5", "10")
    return text_


def test_in_committee_mode_small_counts_give_no_rate_or_share(engine, helsingor):
    _dst(engine)
    y = national_comparison(engine, helsingor, committee=True).years[-1]
    assert (y.own_persons.value, y.own_persons.text) == (None, "<5")
    assert y.own_per_1000 is None  # never computed from a hidden count
    assert y.own_guarantee.share is None  # 1 breach of 4 starts
    assert {c.measure: c.ours.text for c in y.checks} == {
        "persons": "<5",
        "requests": checks_text(y, "requests"),
        "starts": "<5",
        "ends": "<5",
    }
    assert y.municipality.per_1000 == pytest.approx(190 / 63)  # DST's own figures are public


def test_a_share_is_hidden_when_its_complement_is_small(engine, helsingor):
    from data_access.national import OwnYear, _own_guarantee

    assert _own_guarantee(OwnYear(50, 60, 12, 40, 10), None, 2024).share == 10 / 12


def test_landstal_counts_are_audited_with_their_family(demo_db_url, helsingor, tmp_path):
    """Committee mode: our requests, starts (and within the guarantee) and ends on Landstal
    are the committee publication's own figures for the national departments, audited with
    them: a part of stof + unge (the persons whose main substance is excluded are the rest),
    never a count rounded by a key of its own; breaches are the difference of the published
    starts and starts within, never a count of their own."""
    from data_access.backup import backup_sqlite
    from data_access.db import create_engine_for
    from data_access.national import national_comparison
    from data_access.overview import data_extent
    from data_access.publication import store as publication
    from data_access.publication.cubes import figure_id

    copy = backup_sqlite(demo_db_url, tmp_path / "demo.db")
    engine = create_engine_for(f"sqlite:///{copy}")
    _dst(engine)  # Statistics Denmark's figures: the years the page shows
    for year in (2024, 2025):
        _store(engine, "SMDBV001", [("starts", "217", year, 100.0)])
    extent = data_extent(engine)
    pub = publication.build(engine, helsingor, extent[0], extent[1])
    data = national_comparison(engine, helsingor, committee=True, pub=pub)
    seen = 0
    for year in data.years:
        rows = {row.measure: row.ours for row in year.checks}
        if rows.get("starts") is None or rows["starts"].text == "–":
            continue
        seen += 1
        family = pub.cubes["starts"].family
        for measure in ("requests", "starts", "ends"):
            assert rows[measure].value == publication.national_figure(pub, measure, year.year)
        pkey = f"{year.year}-01-01..{year.year}-12-31"
        union = family.values[family.index[figure_id("starts", pkey, "national:union")]]
        own = family.values[family.index[figure_id("starts", pkey, "national")]]
        parts = [
            family.values[family.index[figure_id("starts", pkey, d)]] for d in ("stof", "unge")
        ]
        assert own <= union == sum(parts)
        share = year.own_guarantee
        within = publication.national_figure(pub, "starts", year.year, "g:within")
        assert (share.exceeded, share.starts) in {
            (rows["starts"].value - within, rows["starts"].value),
            (None, None),
        }
    assert seen >= 2


def test_no_figures_held_means_no_years(engine, helsingor):
    data = national_comparison(engine, helsingor, committee=False)
    assert not data.has_figures and data.sources == ()


def test_the_organisation_file_names_real_departments(tmp_path):
    from data_access.organisation import OrganisationFileError, load_organisation
    from tests.conftest import HELSINGOR_FILE

    text = HELSINGOR_FILE.read_text(encoding="utf-8").replace(
        'departments = ["stof", "unge"]', 'departments = ["stof", "rusmidler"]'
    )
    broken = tmp_path / "org.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(OrganisationFileError, match="rusmidler"):
        load_organisation(broken)


def test_without_a_national_section_only_dst_is_shown(engine, helsingor):
    _dst(engine)
    org = helsingor.model_copy(update={"national": None})
    data = national_comparison(engine, org, committee=False)
    assert not data.own_configured
    assert all(y.own_persons is None and y.own_per_1000 is None for y in data.years)
    assert isinstance(data.years[-1].municipality, AreaFigure)


def test_a_municipality_dst_does_not_know_is_said_so(engine, helsingor):
    from data_access.dst_metadata import DstProblem

    org = helsingor.model_copy(update={"municipality_code": "0999"})
    with pytest.raises(DstProblem) as problem:
        national_comparison(engine, org, committee=False)
    assert (problem.value.code, problem.value.params["municipality"]) == (
        "unknown_municipality",
        "0999",
    )
