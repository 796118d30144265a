"""Does a text hold something shaped like a CPR number?

A CPR number is ddmmyy plus four digits; the first of the four gives the century. People
and spreadsheets write it in many ways: `010190-1234`, `010190 1234`, `01.01.90-1234`,
`010190_1234`, full-width digits, or `101901234` after Excel dropped the leading zero. So the
text is normalised first (NFKC, any script's digits to ASCII, invisible characters removed),
then digit groups joined by separators (space, dot, dash, underscore, slash) are put together
and every run of 10 digits, or 9 with a leading zero restored, whose date part is a real
past date is taken for a CPR number.

Ordinary values must pass: a time (`14:30`) is removed first, and a run whose digit groups
would split the date part from the serial in an impossible place (a date and an hour,
`01-03-2025 14`) is not a CPR number. The modulus-11 check is not used: numbers without it
have been issued since 2007.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

SEPARATORS = frozenset(" ._-/")
# Times and dates with a four-digit year are never part of a CPR number; they go first, so a
# date and a time side by side (`01-03-2025 14.30`) do not make ten digits.
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?")
_DATE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2})(?!\d)"
)


def normalise(text: str) -> str:
    """NFKC, every decimal digit as ASCII, dashes and spaces of every kind as '-' and ' ',
    and format characters (zero-width spaces, soft hyphens) removed."""
    out = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        if char.isdecimal() and not char.isascii():
            out.append(str(unicodedata.decimal(char)))
        elif category == "Pd":
            out.append("-")
        elif char.isspace():
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def _groups(text: str) -> list[list[str]]:
    """Runs of digit groups, each run's groups joined by separators only."""
    runs: list[list[str]] = []
    current: list[str] = []
    digits = ""
    for char in text + "\x00":
        if "0" <= char <= "9":
            digits += char
            continue
        if digits:
            current.append(digits)
            digits = ""
        if char in SEPARATORS:
            continue
        if current:
            runs.append(current)
            current = []
    return runs


def _plausible_split(groups: list[str], offset: int) -> bool:
    """The digit group covering the date part's end (after ddmmyy) must either end there or
    run to the end of the number: `01-03-2025 14` splits inside the year and is a date."""
    position = offset
    for group in groups:
        start, end = position, position + len(group)
        if start < 6 < end and end != 10:
            return False
        position = end
    return True


def _is_cpr(digits: str) -> bool:
    day, month, year, seventh = int(digits[:2]), int(digits[2:4]), int(digits[4:6]), digits[6]
    if seventh in "0123":
        century = 1900
    elif seventh in "49":
        century = 2000 if year <= 36 else 1900
    else:
        century = 2000 if year <= 57 else 1800
    try:
        born = dt.date(century + year, month, day)
    except ValueError:
        return False
    return born <= dt.date.today()


_NOT_DIGIT = re.compile(r"\D")


def contains_cpr(text: str) -> bool:
    # Most cells have fewer than nine digits of any script (names, dates, years): no CPR.
    if len(text) < 9 or len(_NOT_DIGIT.sub("", text)) < 9:
        return False
    cleaned = _DATE.sub(" ", _TIME.sub(" ", normalise(text)))
    for run in _groups(cleaned):
        for first in range(len(run)):
            total = 0
            for last in range(first, len(run)):
                total += len(run[last])
                if total > 10:
                    break
                if total not in (9, 10):
                    continue
                part = run[first : last + 1]
                digits = "".join(part)
                offset = 10 - total  # a dropped leading zero shifts every group by one
                if _plausible_split(part, offset) and _is_cpr(digits.rjust(10, "0")):
                    return True
    return False
