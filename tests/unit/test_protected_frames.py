"""A protected frame (data_access/publication/store._protected) and its figures back as the
publication's scalars: the one encoding of "<5" and "–" in frames, read in one place."""

from __future__ import annotations

import pandas as pd

from data_access.publication.rounding import HIDDEN_TEXT, WITHHELD, WITHHELD_TEXT
from data_access.publication.store import _protected, figure_in


def test_a_protected_frame_gives_back_each_figure_as_published():
    published = [0, 5, None, WITHHELD, 35]
    frame = _protected(pd.DataFrame({"requests": published}), "requests")
    assert list(frame["requests_shown"]) == ["", "", HIDDEN_TEXT, WITHHELD_TEXT, ""]
    assert frame["requests"].isna().tolist() == [False, False, True, True, False]
    assert [figure_in(row, "requests") for _, row in frame.iterrows()] == published
