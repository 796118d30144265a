"""The outreach page in AppTest: several filter combinations, the empty state, site focus."""

from __future__ import annotations

import pytest

from bench.app_test import app_test
from tests.app.conftest import page_tables

PAGE = "pages/outreach.py"


def _open(app, **params):
    """A fresh session (a new AppTest) opened on the outreach page with these URL parameters."""
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _captions(at) -> str:
    return " | ".join(c.value for c in at.caption)


def _site_table(at):
    return page_tables(at)[0]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"period": "quarter"},
        {"kind": "partner"},
        {"dept": "unge", "period": "year"},
        {"site": ["helsingor-station", "stubben"]},
    ],
)
def test_the_page_runs_for_filter_combinations(app, params):
    at = _open(app, **params)
    assert at.title[0].value == "Opsøgende indsats"
    # The progress towards the target and the grant per person are the whole project's: they
    # step aside when sites are chosen.
    whole = not ({"kind", "site"} & set(params))
    assert len(at.get("vega_lite_chart")) == (4 if whole else 3)
    assert ("Tilskud pr. nået person" in [m.label for m in at.metric]) == whole
    assert len(_site_table(at)) >= 1


def test_site_filters_change_the_table(app):
    everything = _site_table(_open(app))
    partners = _site_table(_open(app, kind="partner"))
    assert set(partners["Type"]) == {"Civilsamfundspartner"}
    assert len(partners) < len(everything)


def test_the_table_matches_the_database(app, demo_db_url):
    from sqlalchemy import text

    from data_access.db import create_engine_for

    table = _site_table(_open(app)).set_index("Sted")
    with create_engine_for(demo_db_url).connect() as conn:
        contacts, persons = conn.execute(
            text(
                "SELECT count(*), count(DISTINCT person_id) FROM outreach_contacts "
                "WHERE site_id = 'helsingor-station'"
            )
        ).one()
    # Written as the page writes numbers: 1.234 in Danish.
    assert table.loc["Helsingør Station", "Kontakter"] == f"{contacts:,}".replace(",", ".")
    assert table.loc["Helsingør Station", "Personer"] == f"{persons:,}".replace(",", ".")


def test_focusing_a_site_focuses_the_charts(app):
    at = _open(app)
    before = _captions(at)
    at.selectbox(key="site_focus").select("stubben").run()
    assert not at.exception
    assert "Kirkens Korshærs varmestue og herberg Stubben" in at.info[0].value
    assert _captions(at) != before  # funnel and progress now count Stubben only
    at.button(key="clear_focus").click().run()
    assert not at.exception
    assert at.selectbox(key="site_focus").value is None
    assert _captions(at) == before


def test_an_empty_period_explains_itself(app):
    at = _open(app, period="custom", **{"from": "2030-01-01", "to": "2030-03-31"})
    assert "Ingen opsøgende kontakter" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_english(app):
    at = _open(app, lang="en")
    assert at.title[0].value == "Outreach"
    assert "Grant per person reached" in [m.label for m in at.metric]
    assert "Site" in _site_table(at).columns


def test_downloads_are_offered(app):
    at = _open(app)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Hent CSV", "Hent Excel"]


def test_csv_and_excel_bytes():
    import io

    import pandas as pd

    from ui.downloads import csv_bytes, xlsx_bytes

    frame = pd.DataFrame({"Sted": ["Æblehaven"], "Andel": [0.5]})
    danish = csv_bytes(frame, "da")
    assert danish.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    assert danish.decode("utf-8-sig").splitlines() == ["Sted;Andel", "Æblehaven;0,5"]
    back = pd.read_excel(io.BytesIO(xlsx_bytes(frame, "steder")))
    assert back.to_dict("list") == {"Sted": ["Æblehaven"], "Andel": [0.5]}


def _grant_metric(at):
    return [m for m in at.metric if m.label == "Tilskud pr. nået person"]


def test_the_projects_target_and_grant_step_aside_for_a_part_of_it(app):
    """With one site in focus the page measured that site's persons against the whole
    project's target ("nås 2. jan. 2029") and divided the whole grant by them (issue 29):
    the target and the grant are the project's, so a part is not measured by them."""
    whole = _open(app)
    assert _grant_metric(whole) and "personer" in _captions(whole)
    assert not any("gælder hele projektet" in i.value for i in whole.info)
    whole.selectbox(key="site_focus").select("vor-frue-kloster").run()
    for at in (whole, _open(app, site="vor-frue-kloster"), _open(app, kind="partner")):
        assert not at.exception
        assert not _grant_metric(at)
        assert any("gælder hele projektet" in i.value for i in at.info)
        assert "nås" not in _captions(at) and "nåede" not in _captions(at)


def test_the_overviews_target_card_steps_aside_for_a_part_of_the_project(app):
    at = app_test(default_timeout=60)
    at.query_params["role"] = "admin"
    at.query_params["site"] = "vor-frue-kloster"
    at.run()
    assert not at.exception
    assert any("gælder hele projektet" in c.value for c in at.caption)
    assert not at.get("progress")
    whole = app_test(default_timeout=60)
    whole.query_params["role"] = "admin"
    whole.run()
    assert whole.get("progress") and not any(
        "gælder hele projektet" in c.value for c in whole.caption
    )
