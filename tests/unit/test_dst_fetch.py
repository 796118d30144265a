"""Fetching from the statbank API (the synthetic stand-in answers on this machine), storing the
figures with their source, and loading files placed by hand; the stand-in's own behaviour."""

from __future__ import annotations

import json
import socket
import urllib.request

import pytest
from sqlalchemy import func, select

from data_access import schema
from data_access.dst import StatbankClient, fetch, load_bytes, main, sources, sync_folder
from data_access.dst_metadata import FETCH_ORDER, DstProblem
from tests.synthetic_statbank import HELSINGOR, Statbank, data_file, serve, synthetic_value


def _post(url: str, body: dict) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        downloads = conn.scalar(select(func.count()).select_from(schema.dst_downloads))
        figures = conn.scalar(select(func.count()).select_from(schema.dst_figures))
    return downloads, figures


def _value(engine, table: str, measure: str, area: str, year: int):
    f = schema.dst_figures.c
    with engine.connect() as conn:
        return conn.execute(
            select(f.value).where(
                f.table_id == table, f.measure == measure, f.area_code == area, f.year == year
            )
        ).one()[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("fmt", ["JSONSTAT", "CSV"])
def test_a_fetch_asks_the_api_and_stores_every_table(any_engine, statbank_api, fmt):
    url, statbank = statbank_api
    results = fetch(any_engine, StatbankClient(url, 10), fmt)
    assert [r.table_id for r in results] == list(FETCH_ORDER)
    # Metadata first, then data; POSTed JSON bodies with the codes the metadata gave.
    calls = [(method, path, body.get("table")) for method, path, body in statbank.requests]
    assert calls[:4] == [("POST", "/v1/tableinfo", t) for t in FETCH_ORDER]
    assert calls[4:] == [("POST", "/v1/data", t) for t in FETCH_ORDER]
    persons_call = statbank.requests[4][2]
    assert persons_call["format"] == fmt
    assert {"code": "KOMK", "values": ["*"]} in persons_call["variables"]
    population_call = statbank.requests[7][2]
    assert {"code": "KØN", "values": ["TOT"]} in population_call["variables"]
    periods = next(v["values"] for v in population_call["variables"] if v["code"] == "Tid")
    assert periods[0] == "2015K1" and all(p.endswith("K1") for p in periods)

    expected = synthetic_value(
        "SMDBV002",
        {"KOMK": HELSINGOR, "BNØGLE": "PERS", "Tid": "2024"},
        {"area": "KOMK", "measure": "BNØGLE"},
    )
    assert _value(any_engine, "SMDBV002", "persons", HELSINGOR, 2024) == expected
    assert _value(any_engine, "SMDBV002", "persons", HELSINGOR, 2016) is None  # "..", not 0
    records = sources(any_engine)
    assert [r.table_id for r in records] == sorted(FETCH_ORDER)
    assert {(r.source, r.licence, r.location) for r in records} == {
        ("api", "CC BY 4.0", f"{url}/data")
    }
    assert all("SYNTETISKE TESTDATA" in r.title for r in records)
    assert all(r.attribution.startswith("Danmarks Statistik") for r in records)


def test_fetching_again_replaces_the_figures(empty_engine, statbank_api):
    url, _ = statbank_api
    fetch(empty_engine, StatbankClient(url, 10))
    first = _counts(empty_engine)
    fetch(empty_engine, StatbankClient(url, 10))
    downloads, figures = _counts(empty_engine)
    assert (downloads, figures) == (2 * first[0], first[1])
    assert len(sources(empty_engine)) == len(FETCH_ORDER)  # only the newest hold figures


def test_changed_codes_in_the_api_are_followed(empty_engine):
    statbank = Statbank()
    statbank.rename_variable("SMDBV002", "KOMK", "OMRÅDE")
    statbank.rename_value("SMDBV002", "BNØGLE", "PERS", "P3")
    with serve(statbank) as (url, _):
        fetch(empty_engine, StatbankClient(url, 10))
    body = statbank.requests[4][2]
    assert {"code": "OMRÅDE", "values": ["*"]} in body["variables"]
    assert any("P3" in v["values"] for v in body["variables"])
    assert _value(empty_engine, "SMDBV002", "persons", HELSINGOR, 2024) is not None


def test_an_unreachable_api_changes_nothing_and_says_so(empty_engine, statbank_api):
    url, _ = statbank_api
    fetch(empty_engine, StatbankClient(url, 10))
    before = _counts(empty_engine)
    dead = f"http://127.0.0.1:{_free_port()}/v1"
    with pytest.raises(DstProblem) as problem:
        fetch(empty_engine, StatbankClient(dead, 2))
    assert problem.value.code == "unreachable"
    assert problem.value.params["url"] == dead
    assert _counts(empty_engine) == before


def test_an_api_error_is_reported_with_dst_s_message(empty_engine):
    statbank = Statbank(fail_status=503)
    with serve(statbank) as (url, _), pytest.raises(DstProblem) as problem:
        fetch(empty_engine, StatbankClient(url, 5))
    assert (problem.value.code, problem.value.params["status"]) == ("api_error", "503")
    assert "Der opstod en fejl" in problem.value.params["message"]
    assert _counts(empty_engine) == (0, 0)


def test_one_bad_table_stores_nothing_at_all(empty_engine):
    statbank = Statbank()
    for variable in statbank.tables["FOLK1A"]["variables"]:
        if variable["id"] == "OMRÅDE":
            variable["id"], variable["values"] = "OMRÅDE", [{"id": "X", "text": "?"}]
    with serve(statbank) as (url, _), pytest.raises(DstProblem, match="no_area_variable"):
        fetch(empty_engine, StatbankClient(url, 5))
    assert _counts(empty_engine) == (0, 0)


def test_the_stand_in_answers_like_the_api(statbank_api):
    url, _ = statbank_api
    status, body = _post(f"{url}/data", {"table": "NOSUCH", "format": "CSV"})
    assert status == 400
    assert json.loads(body) == {
        "errorTypeCode": "EXTRACT-NOTFOUND",
        "message": "Tabel findes ikke: NOSUCH",
    }
    status, body = _post(f"{url}/data", {"table": "SMDBV002", "format": "CSV"})
    assert json.loads(body)["message"] == "Der skal vælges værdier for variabel: KOMK"
    status, body = _post(f"{url}/data", {"table": "SMDBV002", "format": "XYZ"})
    assert json.loads(body)["errorTypeCode"] == "REQUEST-MISSING"
    asked = {
        "table": "FOLK1A",
        "format": "CSV",
        "variables": [
            {"code": "OMRÅDE", "values": ["217"]},
            {"code": "Tid", "values": [">=2024K1<=2024K2", "(1)"]},
        ],
    }
    status, body = _post(f"{url}/data", asked)
    lines = body.decode("utf-8-sig").splitlines()
    assert status == 200
    assert lines[0] == "OMRÅDE;TID;INDHOLD"  # KØN, ALDER and CIVILSTAND eliminated
    assert [line.split(";")[1] for line in lines[1:]] == ["2024K1", "2024K2", "2025K3"]
    status, body = _post(f"{url}/data", {**asked, "format": "BULK"})
    assert status == 400 and "KØN" in json.loads(body)["message"]
    with urllib.request.urlopen(
        f"{url}/data/FOLK1A/CSV?OMR%C3%85DE=000&Tid=2020K1&lang=en", timeout=10
    ) as r:
        assert r.read().decode("utf-8-sig").splitlines()[1].startswith("All Denmark;2020K1;")
    status, body = _post(f"{url}/tableinfo", {"table": "smdbv002", "format": "JSON", "lang": "en"})
    info = json.loads(body)
    assert info["id"] == "SMDBV002" and info["description"].startswith("SYNTHETIC TEST DATA")
    assert info["variables"][1]["values"][2] == {"id": "PERS", "text": "Persons in treatment"}


def test_files_placed_in_the_folder_are_loaded_once(empty_engine, tmp_path):
    statbank = Statbank()
    (tmp_path / "SMDBV002.csv").write_bytes(data_file(statbank, "SMDBV002", "CSV"))
    (tmp_path / "smdbv004_hentet.json").write_bytes(data_file(statbank, "SMDBV004", "JSONSTAT"))
    (tmp_path / "noter.txt").write_text("ikke en tabel", encoding="utf-8")
    results = {r.file: r for r in sync_folder(empty_engine, tmp_path)}
    assert results["SMDBV002.csv"].table_id == "SMDBV002"
    assert results["smdbv004_hentet.json"].figure_count == 2100
    assert results["noter.txt"].problem.code == "which_table"
    after = _counts(empty_engine)
    again = sync_folder(empty_engine, tmp_path)
    assert [r.already_loaded for r in again if r.file != "noter.txt"] == [True, True]
    assert _counts(empty_engine) == after
    assert {r.source for r in sources(empty_engine)} == {"file"}


def test_a_sidecar_tableinfo_is_used_for_a_file_with_codes(empty_engine, tmp_path):
    statbank = Statbank()
    (tmp_path / "SMDBV002.csv").write_bytes(
        data_file(statbank, "SMDBV002", "CSV", valuePresentation="Code")
    )
    (tmp_path / "SMDBV002.tableinfo.json").write_text(
        json.dumps(statbank.tableinfo("SMDBV002", "da")), encoding="utf-8"
    )
    [result] = sync_folder(empty_engine, tmp_path)
    assert (result.table_id, result.figure_count) == ("SMDBV002", 3150)


def test_a_bad_file_changes_nothing(empty_engine):
    good = load_bytes(empty_engine, "SMDBV002.csv", data_file(Statbank(), "SMDBV002", "CSV"))
    before = _counts(empty_engine)
    broken = data_file(Statbank(), "SMDBV002", "CSV").replace(b";235\n", b";mange\n")
    bad = load_bytes(empty_engine, "SMDBV002.csv", broken)
    assert good.problem is None and bad.problem.code == "bad_number"
    assert _counts(empty_engine) == before


def test_the_command_line(tmp_path, statbank_api, capsys, monkeypatch):
    url, _ = statbank_api
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", db, "fetch", "--url", url, "--format", "csv"]) == 0
    assert "SMDBV002: 3150 tal" in capsys.readouterr().out
    assert main(["--db", db, "status"]) == 0
    assert "FOLK1A: 1155 tal, api" in capsys.readouterr().out
    dead = f"http://127.0.0.1:{_free_port()}/v1"
    assert main(["--db", db, "fetch", "--url", dead]) == 1
    assert "Danmarks Statistiks API kunne ikke nås" in capsys.readouterr().err
    saved = tmp_path / "SMDBV004.csv"
    saved.write_bytes(data_file(Statbank(), "SMDBV004", "CSV"))
    assert main(["--db", db, "load", str(saved)]) == 0
    assert "SMDBV004.csv: SMDBV004, 2100 tal" in capsys.readouterr().out
    monkeypatch.setenv("BROBYGGER_DST_DIR", str(tmp_path / "nothing"))
    assert main(["--db", db, "load"]) == 1
    assert "Ingen filer i" in capsys.readouterr().err
    saved.write_bytes(saved.read_bytes().replace(b";2024;", b";2024;x", 1))
    assert main(["--db", db, "load", str(saved)]) == 1
    assert "er ikke et tal" in capsys.readouterr().err
