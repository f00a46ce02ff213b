"""Dates and numbers as a spec writes them: real dates, in the digits 0-9 only."""

from __future__ import annotations

import calendar
import re
import unicodedata

from briefgen.spec.fields import Field, shown
from briefgen.yamlload import Scalar


def foreign_digit(value: str) -> str | None:
    """Return the first digit in ``value`` that is not one of 0-9 (e.g. '٢' or '２'), or None."""
    return next((c for c in value if c.isdigit() and not "0" <= c <= "9"), None)


def digit_problem(value: str) -> str | None:
    """Return why ``value`` cannot stand where a date or number is expected, or None."""
    c = foreign_digit(value)
    if c is None:
        return None
    name = unicodedata.name(c, "a digit").lower()
    return (f"'{c}' (U+{ord(c):04X}, {name}) is not one of the digits 0-9; "
            "write dates and numbers with 0-9")


class Date(Field):
    """A date written YYYY, YYYY-MM or YYYY-MM-DD with the digits 0-9, and a real one."""

    expected = "a date YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-01)"
    SHAPE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
    YEARS = (1900, 2100)

    def check(self, node, where, ctx):
        if not isinstance(node, Scalar) or isinstance(node.value, bool) \
                or not isinstance(node.value, (str, int)):
            return self.fail(node, where, ctx)
        text = node.text.strip()
        problem = digit_problem(text)
        if problem:
            return ctx.error(node.origin, where, f"expected {self.expected} but received "
                                                 f"{shown(node)}: {problem}")
        m = self.SHAPE.fullmatch(text)
        if not m:
            return self.fail(node, where, ctx)
        year, month, day = (int(g) if g else None for g in m.groups())
        if not self.YEARS[0] <= year <= self.YEARS[1]:
            return ctx.error(node.origin, where, f"{text} is not a plausible date: expected a year "
                                                 f"from {self.YEARS[0]} to {self.YEARS[1]}")
        if month is not None and not 1 <= month <= 12:
            return ctx.error(node.origin, where, f"{text} is not a real date: there is no month "
                                                 f"{month}; write YYYY-MM with a month from 01 to 12")
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                return ctx.error(node.origin, where, f"{text} is not a real date: "
                                                     f"{calendar.month_name[month]} {year} has {last} days")
        return text
