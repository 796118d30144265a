from pathlib import Path

import pytest

from data_access.organisation import OrganisationFileError, load_organisation
from tests.conftest import HELSINGOR_FILE, OTHER_ORG_FILE


def test_helsingor_is_the_default_organisation(helsingor):
    assert helsingor.municipality_code == "0217"
    assert helsingor.outreach.target_persons == 60
    assert helsingor.outreach.grant_dkk == 2_935_000
    assert str(helsingor.outreach.start) == "2024-01-01"
    assert str(helsingor.outreach.end) == "2025-12-31"
    assert [d.id for d in helsingor.departments] == ["stof", "alkohol", "unge"]
    assert {d.guarantee_days for d in helsingor.departments} == {14}
    # Two treatment addresses in all, as in Fredericia's model.
    assert len({d.address for d in helsingor.departments}) == 2


def test_helsingor_has_every_site_from_the_shared_list(helsingor):
    shared = Path(__file__).parents[3] / "shared" / "domain" / "sites.csv"
    if not shared.exists():
        pytest.skip("shared/ is not beside the checkout")
    import csv

    with shared.open(encoding="utf-8") as handle:
        rows = {row["site_id"]: row for row in csv.DictReader(handle)}
    ours = {s.id: s for s in helsingor.sites}
    for site_id, row in rows.items():
        site = ours[site_id]
        assert site.name == row["name"]
        assert site.kind == row["kind"]
        assert (site.lat, site.lon) == (float(row["lat"]), float(row["lon"]))
        assert site.precision == row["precision"]
        assert site.opening_hours == row["opening_hours_assumed"]


def test_a_second_organisation_loads_with_its_own_names():
    other = load_organisation(OTHER_ORG_FILE)
    assert [d.name for d in other.departments] == ["Voksne – stoffer", "Ungeenheden"]
    assert other.department("ung").guarantee_days == 10
    assert "helsingor-station" not in {s.id for s in other.sites}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "org.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = HELSINGOR_FILE.read_text(encoding="utf-8")
    assert old in text
    return _write(tmp_path, text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "expected_key", "expected_problem"),
    [
        (
            "lat = 56.0388",
            "lat = 156.0388",
            "sites[1] (id=kronborg).lat",
            "less than or equal to 90",
        ),
        (
            'opening_hours = "Mo-Fr 09:00-15:00"',
            'opening_hours = "weekdays nine to three"',
            "sites[5] (id=stubben).opening_hours",
            "opening_hours syntax",
        ),
        ("target_persons = 60", "target_persons = -1", "outreach.target_persons", "greater than 0"),
        ('kind = "partner"', 'kind = "church"', "sites[5] (id=stubben).kind", "'public'"),
        ("end = 2025-12-31", "end = 2023-12-31", "outreach", "end must be after start"),
        (
            'municipality_code = "0217"',
            'municipality_code = "Helsingør"',
            "municipality_code",
            "pattern",
        ),
        (
            'address = "ungeindsats"',
            'address = "kronborg"',
            "departments[2] (id=unge).address",
            "kind 'treatment'",
        ),
        (
            'guarantee_days = 14\n\n[[departments]]\nid = "alkohol"',
            'guarantee_days = 14\ncolour = "red"\n\n[[departments]]\nid = "alkohol"',
            "departments[0] (id=stof).colour",
            "Extra inputs are not permitted",
        ),
        ('id = "kronborg"', 'id = "helsingor-station"', "sites", "appears twice"),
    ],
)
def test_a_wrong_file_names_the_file_the_key_and_the_problem(
    tmp_path, old, new, expected_key, expected_problem
):
    path = _broken(tmp_path, old, new)
    with pytest.raises(OrganisationFileError) as caught:
        load_organisation(path)
    message = str(caught.value)
    assert str(path) in message
    assert expected_key in message
    assert expected_problem in message


def test_missing_key_is_named(tmp_path):
    path = _broken(tmp_path, "grant_dkk = 2_935_000\n", "")
    with pytest.raises(OrganisationFileError, match=r"outreach\.grant_dkk: Field required"):
        load_organisation(path)


def test_missing_file_and_broken_toml(tmp_path):
    with pytest.raises(OrganisationFileError, match="file not found"):
        load_organisation(tmp_path / "nope.toml")
    with pytest.raises(OrganisationFileError, match="not a valid TOML file"):
        load_organisation(_write(tmp_path, 'name = "unterminated'))
