"""What may be computed from protected figures: shares, changes, amounts per person.

A protected figure is 0, a multiple of 5, None ("<5") or WITHHELD ("–"). Anything computed
from one that is not a number is not shown ("–"). A share needs a base of at least
MIN_SHARE_BASE and a numerator that is shown: with a small base a percentage *is* the count
(1 of 60 is "2 %"). These rules are used by the data classes' own properties, so a view that
asks for a share gets the safe one.
"""

from __future__ import annotations

from data_access.publication.rounding import WITHHELD

MIN_SHARE_BASE = 20
MIN_MEDIAN_BASE = 10  # medians and P90 of fewer starts describe persons, not a service


def is_number(value: int | None) -> bool:
    """Whether a (protected) count is shown as a number: not "<5", not "–"."""
    return value is not None and value != WITHHELD and value >= 0


def share(
    numerator: int | None, base: int | None, protected: bool, *, part: bool = True
) -> float | None:
    """numerator / base; in committee mode only from shown numbers on a base of at least
    MIN_SHARE_BASE. For a part of a whole (`part`), rounding can put the part above the whole:
    capped at 100 %."""
    if not protected:
        return numerator / base if numerator is not None and base else None
    if not (is_number(numerator) and is_number(base)) or base < MIN_SHARE_BASE:
        return None
    return min(1.0, numerator / base) if part else numerator / base


def change(current: int | None, previous: int | None) -> int | None:
    """A difference between two figures when both are shown (a multiple of 5 when protected)."""
    if not (is_number(current) and is_number(previous)):
        return None
    return current - previous


def per_person(amount: float, persons: int | None) -> float | None:
    """An amount per person, only for a shown count of persons (in committee mode at least 5:
    the grant per person of a site with 2 persons says it was 2)."""
    if not is_number(persons) or persons == 0:
        return None
    return amount / persons
