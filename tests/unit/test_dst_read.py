"""Reading Statistics Denmark's formats: the API's CSV (texts, codes, "code text", Danish and
English), JSON-stat 1 and 2, and files saved by hand from statistikbanken.dk; ".." kept as
missing, missing years, and codes that changed in the table's metadata.

The files come from the synthetic stand-in (tests/synthetic_statbank.py) or are written here;
none holds Statistics Denmark's figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data_access.dst_metadata import DstProblem, TableInfo, resolve_layout, spec_for
from data_access.dst_read import parse_number, read
from tests.synthetic_statbank import HELSINGOR, Statbank, data_file, synthetic_value

FIXTURES = Path(__file__).parent.parent / "fixtures" / "dst"


@pytest.fixture
def statbank() -> Statbank:
    return Statbank()


def _info(statbank: Statbank, table_id: str, lang: str = "da") -> TableInfo:
    return TableInfo.from_json(statbank.tableinfo(table_id, lang))


def _by_key(figures) -> dict:
    return {(f.measure, f.area_code, f.year): f.value for f in figures.figures}


def _expected_persons(area: str, year: int) -> int | None:
    return synthetic_value(
        "SMDBV002",
        {"KOMK": area, "BNØGLE": "PERS", "Tid": str(year)},
        {
            "area": "KOMK",
            "measure": "BNØGLE",
        },
    )


@pytest.mark.parametrize(
    ("fmt", "options", "with_info"),
    [
        ("CSV", {}, True),  # texts, Danish
        ("CSV", {}, False),  # texts, read from the file alone
        ("CSV", {"valuePresentation": "Code"}, True),
        ("CSV", {"valuePresentation": "CodeAndValue", "lang": "en"}, False),
        ("BULK", {}, True),
        ("JSONSTAT", {}, True),
        ("JSONSTAT", {}, False),
    ],
)
def test_every_format_gives_the_same_figures(statbank, fmt, options, with_info):
    data = data_file(statbank, "SMDBV002", fmt, **options)
    figures = read(data, "SMDBV002.csv", _info(statbank, "SMDBV002") if with_info else None)
    values = _by_key(figures)
    assert figures.table_id == "SMDBV002"
    assert "SYNTETISKE TESTDATA" in figures.title or not with_info
    for area in ("000", "084", HELSINGOR, "607"):
        for year in (2015, 2021, 2024):
            assert values[("persons", area, year)] == _expected_persons(area, year)
    assert {m for m, _, _ in values} == {"persons", "contact_courses", "treatment_courses"}
    assert {y for _, _, y in values} == set(range(2015, 2025))


def test_dots_are_missing_never_zero(statbank):
    for fmt in ("CSV", "JSONSTAT"):
        data = data_file(statbank, "SMDBV002", fmt)
        if fmt == "CSV":
            assert "Helsingør;Personer i behandling;2016;..".encode() in data
        values = _by_key(read(data, "SMDBV002", _info(statbank, "SMDBV002")))
        assert values[("persons", HELSINGOR, 2016)] is None  # not approved that year
        assert values[("persons", "411", 2020)] is None  # Christiansø: always ".."
        assert 0.0 not in {values[("persons", c, 2016)] for c in (HELSINGOR, "411")}


def test_numbers_as_dst_writes_them():
    assert parse_number("1234", "2", "INDHOLD") == 1234
    assert parse_number("5.825.337", "2", "INDHOLD") == 5_825_337  # thousands, by hand
    assert parse_number("12,5", "2", "INDHOLD") == 12.5  # Danish decimal comma
    assert parse_number("12.5", "2", "INDHOLD") == 12.5  # English decimal point
    assert parse_number(" 1 234 ", "2", "INDHOLD") == 1234
    for missing in ("..", "", " .. "):
        assert parse_number(missing, "2", "INDHOLD") is None
    with pytest.raises(DstProblem) as bad:
        parse_number("ca. 12", "7", "INDHOLD")
    assert (bad.value.code, bad.value.params["row"], bad.value.params["column"]) == (
        "bad_number",
        "7",
        "INDHOLD",
    )
    with pytest.raises(DstProblem, match="negative_value"):
        parse_number("-3", "7", "INDHOLD")


def test_a_bad_cell_names_its_row_and_column(statbank):
    data = data_file(statbank, "SMDBV002", "CSV").decode("utf-8-sig").splitlines()
    data[5] = data[5].rsplit(";", 1)[0] + ";mange"
    with pytest.raises(DstProblem) as bad:
        read("\n".join(data).encode(), "SMDBV002.csv", _info(statbank, "SMDBV002"))
    assert bad.value.code == "bad_number"
    assert bad.value.params == {"row": "6", "column": "INDHOLD", "value": "mange"}


def test_missing_years_and_rows_are_simply_absent(statbank):
    lines = data_file(statbank, "SMDBV002", "CSV").decode("utf-8-sig").splitlines()
    kept = [lines[0]] + [
        line
        for line in lines[1:]
        if ";2017;" not in line and not line.startswith("Helsingør;Personer i behandling;2019")
    ]
    values = _by_key(read("\n".join(kept).encode(), "SMDBV002.csv"))
    assert not any(year == 2017 for _, _, year in values)
    assert ("persons", HELSINGOR, 2019) not in values  # absent: not a "..", not a zero
    assert values[("persons", HELSINGOR, 2020)] == _expected_persons(HELSINGOR, 2020)


def test_a_changed_variable_or_value_code_is_read_from_the_metadata(statbank):
    statbank.rename_variable("SMDBV002", "KOMK", "OMRÅDE")
    statbank.rename_value("SMDBV002", "BNØGLE", "PERS", "P3")
    info = _info(statbank, "SMDBV002")
    layout = resolve_layout(info, spec_for("SMDBV002"))
    assert (layout.area.id, layout.measure_codes["persons"]) == ("OMRÅDE", "P3")
    for presentation in ("Code", "Default"):
        data = data_file(statbank, "SMDBV002", "CSV", valuePresentation=presentation)
        assert data.decode("utf-8-sig").startswith("OMRÅDE;BNØGLE;TID;INDHOLD")
        values = _by_key(read(data, "SMDBV002.csv", info))
        assert values[("persons", HELSINGOR, 2024)] == _expected_persons(HELSINGOR, 2024)


def test_a_file_with_old_codes_is_refused_against_new_metadata(statbank):
    old_file = data_file(statbank, "SMDBV002", "CSV", valuePresentation="Code")
    statbank.rename_variable("SMDBV002", "KOMK", "OMRÅDE")
    with pytest.raises(DstProblem) as changed:
        read(old_file, "SMDBV002.csv", _info(statbank, "SMDBV002"))
    assert changed.value.code == "unknown_column"
    assert changed.value.params["column"] == "KOMK"
    assert "OMRÅDE" in changed.value.params["known"]


def test_an_old_value_code_is_refused_with_its_row(statbank):
    old_file = data_file(statbank, "SMDBV002", "CSV", valuePresentation="Code")
    statbank.rename_value("SMDBV002", "BNØGLE", "PERS", "P3")
    with pytest.raises(DstProblem) as changed:
        read(old_file, "SMDBV002.csv", _info(statbank, "SMDBV002"))
    assert changed.value.code == "unknown_value"
    assert changed.value.params["value"] == "PERS"
    assert changed.value.params["column"] == "BNØGLE"


def test_a_key_figure_whose_text_changed_beyond_recognition_says_what_is_missing(statbank):
    for variable in statbank.tables["SMDBV002"]["variables"]:
        for value in variable["values"]:
            if value["id"] == "PERS":
                value["text"] = "Borgere i forløb"
    with pytest.raises(DstProblem) as missing:
        resolve_layout(_info(statbank, "SMDBV002"), spec_for("SMDBV002"))
    assert missing.value.code == "measure_not_found"
    assert missing.value.params["measure"] == "persons"
    assert "Borgere i forløb" in missing.value.params["offered"]


def test_population_is_the_first_quarter_and_the_totals(statbank):
    info = _info(statbank, "FOLK1A")
    body = {
        "table": "FOLK1A",
        "format": "CSV",
        "variables": [
            {"code": "OMRÅDE", "values": ["000", HELSINGOR]},
            {"code": "KØN", "values": ["*"]},  # men, women and the total in the file
            {"code": "Tid", "values": ["2023K1", "2023K2", "2024K1"]},
        ],
    }
    data, _ = statbank.data(body)
    figures = read(data, "FOLK1A.csv", info)
    values = _by_key(figures)
    assert set(values) == {
        ("population", area, year) for area in ("000", HELSINGOR) for year in (2023, 2024)
    }
    expected = synthetic_value(
        "FOLK1A", {"OMRÅDE": HELSINGOR, "Tid": "2024K1"}, {"area": "OMRÅDE", "measure": ""}
    )
    assert values[("population", HELSINGOR, 2024)] == expected


def test_jsonstat_version_2_and_sparse_values():
    dataset = {
        "version": "2.0",
        "class": "dataset",
        "label": "SYNTETISKE TESTDATA: stofmisbrugsbehandling",
        "id": ["OMRÅDE", "BNØGLE", "Tid"],
        "size": [2, 1, 2],
        "role": {"time": ["Tid"]},
        "dimension": {
            "OMRÅDE": {"category": {"index": ["000", "217"], "label": {"000": "Hele landet"}}},
            "BNØGLE": {
                "category": {"index": {"PERS": 0}, "label": {"PERS": "Personer i behandling"}}
            },
            "Tid": {"category": {"index": ["2023", "2024"]}},
        },
        "value": {"0": 20000, "1": 20400, "3": 190},  # 217/2023 left out: missing
        "status": {"3": ".."},  # and a status that marks a figure confidential
    }
    values = _by_key(read(json.dumps(dataset).encode(), "smdbv002.json"))
    assert values == {
        ("persons", "000", 2023): 20000,
        ("persons", "000", 2024): 20400,
        ("persons", "217", 2023): None,
        ("persons", "217", 2024): None,
    }


def test_a_file_saved_by_hand_from_statistikbanken():
    """The table layout (years across, labels once, Windows-1252, a title and a footnote)."""
    path = FIXTURES / "synthetic_SMDBV002_statistikbanken.csv"
    figures = read(path.read_bytes(), path.name)
    values = _by_key(figures)
    assert figures.table_id == "SMDBV002"
    assert figures.title.startswith("SYNTETISKE TESTDATA")
    assert values[("persons", "000", 2024)] == 20400
    assert values[("persons", "084", 2023)] == 6700
    assert values[("persons", "217", 2023)] == 193  # the label is carried down from above
    assert values[("persons", "217", 2024)] is None  # ".."
    assert values[("contact_courses", "607", 2023)] is None  # a blank cell
    assert values[("persons", "607", 2024)] == 391
    assert len(values) == 4 * 2 * 3


def test_a_file_saved_by_hand_is_checked_against_the_metadata(statbank):
    path = FIXTURES / "synthetic_SMDBV002_statistikbanken.csv"
    values = _by_key(read(path.read_bytes(), path.name, _info(statbank, "SMDBV002")))
    assert values[("persons", "217", 2022)] == 188
    statbank.rename_value("SMDBV002", "KOMK", "217", "0217")
    for variable in statbank.tables["SMDBV002"]["variables"]:
        for value in variable["values"]:
            if value["id"] == "0217":
                value["text"] = "Helsingør Kommune"
    with pytest.raises(DstProblem) as changed:
        read(path.read_bytes(), path.name, _info(statbank, "SMDBV002"))
    assert changed.value.code == "unknown_column"


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "SMDBV002.csv", "empty_file"),
        (b"OMRADE;TID;INDHOLD\nHele landet;2023;1\n", "tal.csv", "which_table"),
        (b"OMRADE;TID;INDHOLD\nHele landet;2023;1\n", "SMDBV003.csv", "unknown_table"),
        (b"a;b\n1;2\n", "SMDBV002.csv", "unknown_layout"),
        (b'{"dataset": {"dimension": 3}}', "SMDBV002.json", "bad_jsonstat"),
        (b"{not json", "SMDBV002.json", "bad_jsonstat"),
        (
            b'{"dataset": {"dimension": {"id": ["Tid"], "size": [3], '
            b'"Tid": {"category": {"index": ["2023"]}}}, "value": [1, 2, 3]}}',
            "SMDBV002.json",
            "bad_jsonstat",
        ),
        (
            b"OMR\xc3\x85DE;BN\xc3\x98GLE;TID;INDHOLD\nHele landet;Personer i behandling;2023;1\n"
            b"Hele landet;Personer i behandling;2023;2\n",
            "SMDBV002.csv",
            "duplicate_figure",
        ),
    ],
)
def test_files_that_cannot_be_read_say_why(data, name, code):
    with pytest.raises(DstProblem) as problem:
        read(data, name)
    assert problem.value.code == code


def test_metadata_for_another_table_is_refused(statbank):
    data = data_file(statbank, "SMDBV002", "CSV")
    with pytest.raises(DstProblem, match="wrong_tableinfo"):
        read(data, "SMDBV002.csv", _info(statbank, "SMDBV004"), table_id="SMDBV002")


def test_a_cube_promising_too_many_cells_is_refused():
    codes = [str(i) for i in range(1500)]
    cube = {
        "class": "dataset",
        "id": ["OMRÅDE", "Tid"],
        "size": [1500, 1500],
        "value": [],
        "dimension": {
            "OMRÅDE": {"category": {"index": codes}},
            "Tid": {"category": {"index": codes}},
        },
    }
    with pytest.raises(DstProblem, match="too_many_figures"):
        read(json.dumps(cube).encode(), "SMDBV002.json")
