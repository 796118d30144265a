import datetime as dt

import pytest
from sqlalchemy import insert, inspect, text
from sqlalchemy.exc import IntegrityError

from data_access import schema
from data_access.db import create_engine_for, create_schema, sync_organisation


def test_every_table_exists(empty_engine):
    names = set(inspect(empty_engine).get_table_names())
    assert {
        "sites",
        "departments",
        "persons",
        "outreach_contacts",
        "treatment_courses",
        "staffing",
        "import_batches",
    } <= names


def test_persons_are_pseudonymous_only():
    columns = {c.name for c in schema.persons.columns}
    assert columns == {"id", "pseudonym", "birth_year", "sex", "main_substance", "batch_id"}


def test_sqlite_runs_with_foreign_keys_and_wal(empty_engine):
    with empty_engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_contact_at_an_unknown_site_is_refused(empty_engine):
    with pytest.raises(IntegrityError), empty_engine.begin() as conn:
        conn.execute(
            insert(schema.outreach_contacts).values(
                site_id="no-such-site",
                contact_at=dt.datetime(2024, 5, 1, 12),
                contact_type="brief",
                outcome="none",
            )
        )


def _course(**overrides):
    values = dict(
        person_id=1,
        department_id="stof",
        address_site_id="rusmiddelcenter",
        requested_on=dt.date(2024, 3, 1),
        started_on=dt.date(2024, 3, 5),
        ended_on=None,
        end_reason=None,
        modality="individual",
        referral_source="self",
    )
    return {**values, **overrides}


@pytest.mark.parametrize(
    "bad",
    [
        {"started_on": dt.date(2024, 2, 28)},  # start before request
        {"ended_on": dt.date(2024, 3, 3), "end_reason": "completed"},  # end before start
        {"ended_on": dt.date(2024, 4, 1)},  # an end needs a reason
        {"modality": "online"},
        {"referral_source": "newspaper"},
    ],
)
def test_impossible_courses_are_refused(empty_engine, bad):
    with empty_engine.begin() as conn:
        conn.execute(insert(schema.persons).values(id=1, pseudonym="BB-TEST01"))
        conn.execute(insert(schema.treatment_courses).values(_course()))
    with pytest.raises(IntegrityError), empty_engine.begin() as conn:
        conn.execute(insert(schema.treatment_courses).values(_course(**bad)))


def test_sync_updates_sites_and_never_deletes(tmp_path, helsingor):
    engine = create_engine_for(f"sqlite:///{tmp_path / 'sync.db'}")
    create_schema(engine)
    sync_organisation(engine, helsingor)
    renamed = helsingor.model_copy(
        update={
            "sites": [
                s.model_copy(update={"name": "Ny station"}) if s.id == "helsingor-station" else s
                for s in helsingor.sites[1:]
            ]
            + [helsingor.sites[0].model_copy(update={"name": "Ny station"})]
        }
    )
    sync_organisation(engine, renamed)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT id, name FROM sites")).all())
    assert rows["helsingor-station"] == "Ny station"
    assert len(rows) == len(helsingor.sites)
