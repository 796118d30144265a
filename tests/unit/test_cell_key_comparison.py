"""The cell-key comparison (bench/cell_key.py) that docs/privacy.md quotes: its perturbation
is the method's, and its counts are what they say."""

from __future__ import annotations

from bench.cell_key import D, compare, perturbed
from data_access.publication.audit import Family

KEY = b"k"


def test_the_perturbation_is_fixed_per_cell_bounded_and_keeps_zero():
    assert perturbed(0, KEY, "a") == 0
    for n in range(1, 60):
        values = {perturbed(n, KEY, f"cell{n}") for _ in range(3)}
        assert len(values) == 1  # the same cell, the same value
        (value,) = values
        assert value >= 0 and abs(value - n) <= D
    spread = {perturbed(20, KEY, f"c{i}") - 20 for i in range(400)}
    assert spread == set(range(-D, D + 1))  # every perturbation occurs, none beyond D


def test_the_comparison_counts_sums_that_do_not_add_up():
    family = Family()
    family.add("a", 12)
    family.add("b", 3)
    family.add("t", 15)
    family.add_sum("t", ["a", "b"])
    found = compare(family, [10, None, 15], KEY)
    assert found["figures >= 5"] == 2
    assert found["rounding: mean |error|"] == 1.0  # |10 - 12| and |15 - 15|
    assert found["rounding: sums shown, off"] == (0, 0)  # "<5" leaves the sum unshown
    assert found["true 1-4"] == 1
    shown_sums, off = found["cell key: sums shown, off"]
    assert shown_sums == 1 and off in (0, 1)
