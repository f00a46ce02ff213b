"""Dates and periods as the dataset writes them (ISO 8601), formatted for one language.

Accepted: "2024", "2025-02", "2003-08-29", and ranges of two of these joined by "/"
("2022/2024"). YAML may hand over a datetime.date or an int year: both are accepted too.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache

from briefgen.errors import DatasetError
from briefgen.format.i18n import check_lang

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ZH_UNITS = ("年", "月", "日")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _parse(iso) -> tuple[tuple[int, ...], ...]:
    """Return the (year[, month[, day]]) of each end of a date or range."""
    if isinstance(iso, (_dt.date, int)) and not isinstance(iso, bool):
        iso = iso.isoformat() if isinstance(iso, _dt.date) else str(iso)
    if not isinstance(iso, str):
        raise DatasetError(f"date: expected an ISO date such as 2003-08-29 but received {iso!r}")
    return _parse_text(iso)


@lru_cache(maxsize=1024)
def _parse_text(iso: str) -> tuple[tuple[int, ...], ...]:
    """Return what ``_parse`` returns for ISO text (a resolve parses the same few hundred dates
    again and again, about 500 times a build)."""
    ends = []
    for text in iso.strip().split("/"):
        match = _ISO.fullmatch(text.strip())
        if not match:
            raise DatasetError("date: expected YYYY, YYYY-MM or YYYY-MM-DD, or two of them joined"
                               f" by '/', but received {iso!r}")
        parts = tuple(int(g) for g in match.groups() if g)
        try:
            _dt.date(*parts, *(1,) * (3 - len(parts)))
        except ValueError:
            raise DatasetError(f"date: {iso!r} is not a real date") from None
        ends.append(parts)
    if len(ends) > 2:
        raise DatasetError(f"date: expected at most two dates joined by '/' but received {iso!r}")
    if len(ends) == 2 and ends[1][: len(ends[0])] < ends[0][: len(ends[1])]:
        raise DatasetError(f"date: the range {iso!r} ends before it starts")
    return tuple(ends)


def _zh(parts: tuple[int, ...], start: int = 0) -> str:
    """Return the components of a date from ``start`` on, each with its Chinese unit."""
    return "".join(f"{n}{_ZH_UNITS[i]}" for i, n in enumerate(parts) if i >= start)


def _en_tokens(parts: tuple[int, ...]) -> list[str]:
    """Return a date's English words in reading order: day, month, year."""
    year, *rest = parts
    tokens = [str(year)]
    if rest:
        tokens.insert(0, _MONTHS[rest[0] - 1])
    if len(rest) > 1:
        tokens.insert(0, str(rest[1]))
    return tokens


def _zh_range(a: tuple[int, ...], b: tuple[int, ...]) -> str:
    """Return a Chinese range, shared leading parts once: 2022—2024年, 2025年1—3月."""
    if len(a) != len(b):
        return f"{_zh(a)}—{_zh(b)}"
    k = next(i for i in range(len(a)) if a[i] != b[i])
    if k == len(a) - 1:
        return f"{_zh(a[:k])}{a[k]}—{b[k]}{_ZH_UNITS[k]}"
    return f"{_zh(a[:k])}{_zh(a, k)}—{_zh(b, k)}"


def _en_range(a: tuple[int, ...], b: tuple[int, ...]) -> str:
    """Return an English range, shared trailing parts once: 2022–2024, January–March 2025."""
    ta, tb = _en_tokens(a), _en_tokens(b)
    shared = 0
    if len(ta) == len(tb):
        while shared < len(ta) and ta[-1 - shared] == tb[-1 - shared]:
            shared += 1
    head = " ".join(ta[: len(ta) - shared])
    spaced = len(ta) - shared > 1 or len(tb) - shared > 1
    dash = " – " if spaced else "–"
    return f"{head}{dash}{' '.join(tb)}"


def format_date(iso, lang: str) -> str:
    """Return a date or range in ``lang``: 2003年8月29日 / 29 August 2003, 2022—2024年 / 2022–2024."""
    check_lang(lang)
    ends = _parse(iso)
    if len(ends) == 2 and ends[0] != ends[1]:
        return _zh_range(*ends) if lang == "zh" else _en_range(*ends)
    return _zh(ends[0]) if lang == "zh" else " ".join(_en_tokens(ends[0]))


#: A fact's period is formatted exactly like a date.
format_period = format_date


def years_of(iso) -> tuple[int, int]:
    """Return the first and last year of a date or range ("2022/2024" → (2022, 2024))."""
    ends = _parse(iso)
    return ends[0][0], ends[-1][0]


def year_of(iso) -> int:
    """Return the year of a date, or the first year of a range."""
    return years_of(iso)[0]
