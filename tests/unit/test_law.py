"""The law per department (issue 15), from the organisation file; guarantee days stay theirs."""

import pytest

from data_access.organisation import OrganisationFileError, load_organisation
from tests.conftest import HELSINGOR_FILE
from ui.law import law_lines


def test_each_department_names_its_law(helsingor):
    law = {d.id: d.law_label("da") for d in helsingor.departments}
    assert law["stof"] == "Serviceloven § 101, Sundhedsloven § 142"
    assert law["alkohol"] == "Sundhedsloven § 141"
    assert law["unge"].startswith("Barnets Lov § 33 (under 18 år)")
    assert helsingor.department("unge").law_label("en").startswith("Barnets Lov § 33 (under 18)")
    lines = law_lines(helsingor.departments, "en")
    assert lines[0].startswith("Drugs (14 days): Serviceloven § 101")


def test_the_law_and_the_days_are_configuration(tmp_path):
    text = HELSINGOR_FILE.read_text(encoding="utf-8")
    text = text.replace(
        'law = ["Sundhedsloven § 141"]\nguarantee_days = 14',
        'law = ["Lov X § 1"]\nguarantee_days = 10',
    )
    path = tmp_path / "org.toml"
    path.write_text(text, encoding="utf-8")
    org = load_organisation(path)
    assert org.department("alkohol").law_label("da") == "Lov X § 1"
    assert org.department("alkohol").guarantee_days == 10
    assert "Alkohol (10 dage): Lov X § 1" in law_lines(org.departments, "da")[1]


def test_a_misspelt_law_key_is_named(tmp_path):
    text = HELSINGOR_FILE.read_text(encoding="utf-8").replace(
        'applies_to = "under 18 år"', 'apply = "under 18 år"'
    )
    path = tmp_path / "org.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        OrganisationFileError, match=r"departments\[2\] \(id=unge\)\.law\[0\]\.apply"
    ):
        load_organisation(path)


def test_alert_thresholds_are_validated(tmp_path):
    text = HELSINGOR_FILE.read_text(encoding="utf-8").replace("quiet_days = 90 ", "quiet_days = 0 ")
    path = tmp_path / "org.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OrganisationFileError, match=r"alerts\.quiet_days"):
        load_organisation(path)
