"""Opening hours in words: OpenStreetMap `opening_hours` syntax as a reader writes it.

`Mo-Fr 10:00-14:00` becomes "man.–fre. 10.00–14.00" in Danish and "Mon–Fri 10:00–14:00" in
English. The common part of the syntax is read: rules separated by `;` (and `,` before a new
selector), years, months and month days, weekday ranges and lists, public and school holidays
(PH, SH), one or more time spans (also past midnight, with an open end or at sunrise/sunset),
`24/7`, `off`/`closed`/`unknown` and comments. Anything else (week numbers, the n-th weekday
of a month, fallback rules, ...) is shown exactly as written: never a half-translated text,
never an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from opening_hours import validate

from language import format as fmt
from language import translate

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<comment>"[^"]*")
    | (?P<always>24/7)
    | (?P<time>\d{1,2}:\d{2})
    | (?P<year>\d{4})(?!:)
    | (?P<number>\d{1,2})(?![\d:])
    | (?P<word>[A-Za-z]+)
    | (?P<sign>[-,+:])
    )""",
    re.VERBOSE,
)
_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HOLIDAYS = ("PH", "SH")
_SOLAR = ("sunrise", "sunset", "dawn", "dusk")
_STATES = {"off": "closed", "closed": "closed", "unknown": "unknown", "open": None}


class _Unsupported(Exception):
    """A part of the syntax this reader does not put into words."""


def describe(value: str, lang: str) -> str:
    """`value` (OSM opening_hours) in words in `lang`; unreadable values come back as-is."""
    text = " ".join(str(value).split())
    if not text or not validate(text):
        return text
    try:
        rules = [rule for part in text.split(";") if (rule := part.strip())]
        described = [_Rule(_tokens(rule), lang).describe() for rule in rules]
    except _Unsupported:
        return text
    return "; ".join(d for group in described for d in group) or text


def _tokens(rule: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    while position < len(rule):
        match = _TOKEN.match(rule, position)
        if match is None or match.end() == position:
            raise _Unsupported(rule[position:])
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
        while position < len(rule) and rule[position].isspace():
            position += 1
    return tokens


class _Rule:
    """One rule (or several joined by `,`), read left to right: the wide selectors (years,
    months), the weekdays, the times, a state and a comment."""

    def __init__(self, tokens: list[tuple[str, str]], lang: str) -> None:
        self.tokens = tokens
        self.at = 0
        self.lang = lang

    def word(self, key: str, **values: object) -> str:
        return translate(f"hours.{key}", self.lang, **values)

    def peek(self, offset: int = 0) -> tuple[str, str]:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token[0] == "end":
            raise _Unsupported("unexpected end")
        self.at += 1
        return token

    def is_word(self, names: tuple[str, ...], offset: int = 0) -> bool:
        kind, text = self.peek(offset)
        return kind == "word" and _canonical(text, names) is not None

    def describe(self) -> list[str]:
        parts = [self.one_rule()]
        # "Mo-Fr 10:00-12:00, Sa 10:00-12:00": a comma before a new selector starts a rule.
        while self.peek() == ("sign", ","):
            self.take()
            parts.append(self.one_rule())
        if self.peek()[0] != "end":
            raise _Unsupported(self.peek()[1])
        return parts

    def one_rule(self) -> str:
        words: list[str] = []
        if self.peek()[0] == "always":
            self.take()
            always = True
        else:
            always = False
            words += self.selector(self.year)
            words += self.selector(self.month)
            words += self.selector(self.weekday)
        times = self.times()
        state = self.state()
        comment = self.peek()[1] if self.peek()[0] == "comment" else None
        if comment is not None:
            self.take()
        if state == "closed" or state == "unknown":
            words += [", ".join(times)] if times else []
            words.append(self.word(state))
        elif always and not times:
            words.append(self.word("always"))
        elif times:
            if not words:
                words.append(self.word("daily"))
            words.append(", ".join(times))
        elif words:
            words.append(self.word("all_day"))
        elif comment is None:
            raise _Unsupported("empty rule")
        if comment is not None:
            words.append(comment)
        if not words:
            raise _Unsupported("empty rule")
        return " ".join(words)

    def selector(self, item: Callable[[], str | None]) -> list[str]:
        """A comma list of one kind of selector (`Mo-We,Fr`); nothing if it is not there."""
        first = item()
        if first is None:
            return []
        items = [first]
        while self.peek() == ("sign", ","):
            mark = self.at
            self.take()
            following = item()
            if following is None:
                self.at = mark  # the comma belongs to the rule, not to this list
                break
            items.append(following)
        return [", ".join(items)]

    def year(self) -> str | None:
        if self.peek()[0] != "year":
            return None
        first = self.take()[1]
        if self.peek() == ("sign", "-") and self.peek(1)[0] == "year":
            self.take()
            return f"{first}–{self.take()[1]}"
        return first

    def month(self) -> str | None:
        if not self.is_word(_MONTHS):
            return None
        name, day = self.month_day()
        start = f"{day} {name}" if day else name
        if self.peek() != ("sign", "-"):
            return start
        self.take()
        if day and self.peek()[0] == "number":  # "Dec 24-26": 24.–26. dec.
            return f"{day}–{self.day_number(self.take()[1])} {name}"
        if not self.is_word(_MONTHS):
            raise _Unsupported("month range")
        end_name, end_day = self.month_day()
        return f"{start}–{end_day} {end_name}" if end_day else f"{start}–{end_name}"

    def month_day(self) -> tuple[str, str]:
        """A month and, if given, a day of it ("Dec 24")."""
        name = self.word(f"month.{_canonical(self.take()[1], _MONTHS)}")
        if self.peek()[0] != "number":
            return name, ""
        return name, self.day_number(self.take()[1])

    def day_number(self, text: str) -> str:
        day = int(text)
        if not 1 <= day <= 31:
            raise _Unsupported(text)
        return translate("format.day_of_month", self.lang, day=day)

    def weekday(self) -> str | None:
        if self.is_word(_HOLIDAYS):
            return self.word(_canonical(self.take()[1], _HOLIDAYS) or "")
        if not self.is_word(_DAYS):
            return None
        start = self.word(f"day.{_canonical(self.take()[1], _DAYS)}")
        if self.peek() == ("sign", "-") and self.is_word(_DAYS, 1):
            self.take()
            return f"{start}–{self.word(f'day.{_canonical(self.take()[1], _DAYS)}')}"
        return start

    def times(self) -> list[str]:
        spans: list[str] = []
        while self.peek()[0] == "time" or self.is_word(_SOLAR):
            spans.append(self.span())
            if self.peek() == ("sign", ",") and (
                self.peek(1)[0] == "time" or self.is_word(_SOLAR, 1)
            ):
                self.take()
            else:
                break
        return spans

    def span(self) -> str:
        start = self.time_point()
        if self.peek() == ("sign", "+"):
            self.take()
            return self.word("from", time=start)
        if self.peek() != ("sign", "-"):
            raise _Unsupported("a time without an end")
        self.take()
        text = f"{start}–{self.time_point(end=True)}"
        if self.peek() == ("sign", "+"):
            self.take()
            return self.word("open_end", span=text)
        return text

    def time_point(self, end: bool = False) -> str:
        kind, text = self.take()
        if kind == "word" and (solar := _canonical(text, _SOLAR)):
            return self.word(solar)
        if kind != "time":
            raise _Unsupported(text)
        hours, minutes = (int(part) for part in text.split(":"))
        if minutes > 59 or hours > (48 if end else 24):
            raise _Unsupported(text)
        if hours > 24:
            hours -= 24  # 26:00 is 02:00 the next day; 24:00 (midnight at the end) stays
        return fmt.time_of_day(hours, minutes, self.lang)

    def state(self) -> str | None:
        kind, text = self.peek()
        if kind == "word" and text.lower() in _STATES:
            self.take()
            return _STATES[text.lower()]
        return None


def _canonical(text: str, names: tuple[str, ...]) -> str | None:
    """The spelling in `names` of `text`, any case (`mo`, `MO` and `Mo` are Monday)."""
    return next((name for name in names if name.lower() == text.lower()), None)
