"""Consistent random rounding to base 5: the first step of protecting a committee figure.

- 0 stays 0 ("nobody" identifies no one);
- 1-4 is hidden ("<5");
- 5 and more is rounded to a multiple of 5, down or up. The direction is random but fixed per
  figure: a keyed hash of the figure's identity (its measure and cell) gives a number u in
  [0, 1), and n is rounded up when (n mod 5) / 5 > u. So the rounding is unbiased on average,
  and the same figure shows the same value in every view, every time (averaging repeated looks
  gains nothing). The key is a per-installation secret (data_access/publication/secret.py):
  without it nobody can tell which way a figure went.

Because every shown count is a multiple of 5, every sum or difference of shown counts is a
multiple of 5 too: no difference between two views can ever come out as exactly 1, 2, 3 or 4.
What rounding alone does not rule out, bounds that pin a hidden cell, is caught by the audit
(data_access/publication/audit.py).
"""

from __future__ import annotations

import hashlib
import hmac

BASE = 5
SMALL_MAX = BASE - 1
WITHHELD = -1  # a figure not shown at all ("–"): the reader cannot even tell 0 from 1-4
# How a hidden (None) and a withheld (WITHHELD) figure are written, everywhere: screens, files,
# the brief, the digest. The one definition.
HIDDEN_TEXT, WITHHELD_TEXT = "<5", "–"


def unit(key: bytes, figure: str) -> float:
    """A number in [0, 1) fixed by the secret key and the figure's identity."""
    digest = hmac.new(key, figure.encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def round_down_up(value: int) -> tuple[int, int]:
    """The two multiples of 5 a count of 5 or more may be shown as (never below 5)."""
    low = value - value % BASE
    return low, low if value % BASE == 0 else low + BASE


def rounded(value: int, key: bytes, figure: str) -> int | None:
    """The protected value of a count: 0, None (hidden, shown "<5") or a multiple of 5."""
    if value < 0:
        raise ValueError(f"a count cannot be negative: {figure}={value}")
    if value == 0:
        return 0
    if value <= SMALL_MAX:
        return None
    low, high = round_down_up(value)
    if low == high:
        return low
    return high if (value % BASE) / BASE > unit(key, figure) else low


def bounds(shown: int | None, *, published: bool = True) -> tuple[int, float]:
    """What a reader can infer of the true count from what is shown: (lowest, highest).

    An unpublished figure can be anything from 0 up; "<5" is 1-4; 0 is 0; a shown 5k came from
    5k-4 ... 5k+4, but never from 1-4 (those are shown "<5")."""
    if not published or shown == WITHHELD:
        return 0, float("inf")
    if shown is None:
        return 1, SMALL_MAX
    if shown == 0:
        return 0, 0
    return max(BASE, shown - SMALL_MAX), shown + SMALL_MAX
