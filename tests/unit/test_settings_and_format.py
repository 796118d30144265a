import datetime as dt

from data_access.settings import PROJECT_ROOT, SETTINGS
from language import format as fmt


def test_every_setting_is_documented_in_the_readme():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert [s.name for s in SETTINGS if s.name not in readme] == []


def test_danish_and_english_numbers_and_dates():
    assert fmt.number(2_935_000, "da") == "2.935.000"
    assert fmt.number(2_935_000, "en") == "2,935,000"
    assert fmt.percent(0.8766, "da", 1) == "87,7 %"
    assert fmt.percent(0.8766, "en") == "88%"
    assert fmt.signed(-3, "da", unit=" pct.-point") == "-3 pct.-point"
    assert fmt.date(dt.date(2024, 2, 29), "da") == "29. feb. 2024"
    assert fmt.date(dt.date(2024, 2, 29), "en") == "29 Feb 2024"
    assert fmt.markdown_text("1. jan. 2024 – 2. feb.") == "1\\. jan. 2024 – 2. feb."
