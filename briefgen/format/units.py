"""The unit and qualifier tables: the single place to add a unit the dataset may use.

A dataset unit is written as the source writes it: an optional magnitude (千, 万, 亿, in any
combination such as 千亿) followed by a base unit from ``UNITS`` ("3.88万亩" is value 3.88,
unit "万亩": magnitude 万, base 亩). Each base unit names the English unit it is shown in
(``EN_UNITS``) and how many of those one source unit makes. To add a unit, add one row to
``UNITS`` (and, for a new kind of quantity, one row to ``EN_UNITS``).

Chart scales (see ``chart_scale``): a source magnitude maps to one English scale so that axis
numbers stay readable: money 万 → million, 亿 → billion; other units 万 → full digits
(650,600 TEU, as the text writes it), 亿 → million; 千亿 → billion; 万亿 → trillion. Chart
labels write the scale word in full ("RMB 10 billion"), as text and KPIs do. "share" (a fraction written in words, value 0.75)
is not a unit here: briefgen.format.numbers handles it.
"""

from __future__ import annotations

import re
from fractions import Fraction

from briefgen.errors import DatasetError
from briefgen.frozen import frozen

#: Magnitude characters that may lead a unit, as powers of ten.
MAGNITUDES: dict[str, int] = {"千": 3, "万": 4, "亿": 8}

#: English scale words by power of ten, largest first.
SCALES: tuple[tuple[int, str], ...] = ((12, "trillion"), (9, "billion"), (6, "million"), (3, "thousand"))

#: Scale words as chart data labels write them: in full, as in text ("RMB 500 billion").
SHORT_SCALES: dict[str, str] = {"thousand": " thousand", "million": " million", "billion": " billion",
                                "trillion": " trillion"}


@frozen
class EnUnit:
    """An English unit: what it measures, its size in that measure's base, and how it is written.

    A leading or trailing space in ``before``/``after`` means the unit stands apart from the
    number ("RMB 500", "5,000 Nm³"); without one it is glued to it ("US$100", "3.3%").
    """

    dim: str                    # what it measures; units convert only within one dimension
    base: Fraction = Fraction(1)    # size in the dimension's base unit (area: m²)
    before: str = ""            # written before the number: "RMB " or "US$"
    after: str = ""             # written after the number: " tonnes", "%"
    one: str = ""               # ``after`` for exactly one: " year"
    label: str = ""             # after the number in chart data labels: " TEU", "%", "×"
    money: bool = False         # money takes million/billion scales in charts


#: English units, keyed by their name as a chart display unit at scale one.
EN_UNITS: dict[str, EnUnit] = {
    "RMB": EnUnit("cny", before="RMB ", money=True),
    "US$": EnUnit("usd", before="US$", money=True),
    "TEU": EnUnit("teu", after=" TEU", label=" TEU"),
    "tonnes": EnUnit("mass", after=" tonnes", one=" tonne", label=" tonnes"),
    "m²": EnUnit("area", after=" m²", label=" m²"),
    "ha": EnUnit("area", Fraction(10_000), after=" ha", label=" ha"),
    "km²": EnUnit("area", Fraction(1_000_000), after=" km²", label=" km²"),
    "km": EnUnit("length", after=" km", label=" km"),
    "Nm³": EnUnit("gas", after=" Nm³", label=" Nm³"),
    "people": EnUnit("people", after=" people", one=" person"),
    "": EnUnit("count"),
    "%": EnUnit("percent", after="%", label="%"),
    "times": EnUnit("ratio", after=" times", label="×"),
    "years": EnUnit("years", after=" years", one=" year"),
    "months": EnUnit("months", after=" months", one=" month"),
}


@frozen
class Unit:
    """A base unit as the sources write it, and the English unit it is shown in."""

    en: str                         # key into EN_UNITS
    factor: Fraction = Fraction(1)  # English units in one source unit
    approx: str = ""                # English name of the source unit when ``factor`` is not exact


_COUNTERS = "家个项所件名次张座艘台套条批类"

#: Base units (without magnitude) as the sources write them. The single place to add a unit.
UNITS: dict[str, Unit] = {
    "元": Unit("RMB"),
    "美元": Unit("US$"),
    "标箱": Unit("TEU"),
    "标准箱": Unit("TEU"),
    "吨": Unit("tonnes"),
    "平方米": Unit("m²"),
    "平方公里": Unit("km²"),
    "平方千米": Unit("km²"),
    "公顷": Unit("ha"),
    "亩": Unit("ha", Fraction(1, 15), approx="mu"),   # 1 mu = 1/15 ha exactly; shown to 3 s.f.
    "公里": Unit("km"),
    "标方": Unit("Nm³"),                               # standard cubic metres (of gas)
    "人": Unit("people"),
    "%": Unit("%"),
    "倍": Unit("times"),
    "年": Unit("years"),
    "个月": Unit("months"),
    "": Unit(""),                                      # a bare number or magnitude (5000亿)
    **{counter: Unit("") for counter in _COUNTERS},    # counters: the label carries the noun
}

#: The unit of a fraction written in words (四分之三 → value 0.75).
SHARE = "share"

#: Qualifiers: zh → (where Chinese puts it, English words, where English puts them).
#: Chinese places: "before" the number, "number" right after it (多/余), "after" the unit (以上).
QUALIFIERS: dict[str, tuple[str, str, str]] = {
    "超": ("before", "over", "before"),
    "超过": ("before", "over", "before"),
    "逾": ("before", "over", "before"),
    "突破": ("before", "over", "before"),
    "破": ("before", "over", "before"),
    "多": ("number", "over", "before"),
    "余": ("number", "over", "before"),
    "近": ("before", "nearly", "before"),
    "约": ("before", "about", "before"),
    "以上": ("after", "or more", "after"),
    "达": ("before", "", "before"),
    "累计": ("before", "", "before"),
    "预计": ("before", "an estimated", "before"),
    "可": ("before", "potentially", "before"),       # a potential (可降低5%), never an achievement
}


def parse_unit(unit: str) -> tuple[int, str, Unit]:
    """Return (power of ten, base unit, Unit) of a dataset unit such as "万标箱" or "千亿元"."""
    rest, power = unit, 0
    while rest not in UNITS and rest[:1] in MAGNITUDES:
        power += MAGNITUDES[rest[0]]
        rest = rest[1:]
    if rest not in UNITS:
        known = ", ".join(repr(u) for u in UNITS if u)
        raise DatasetError(
            f"unit: expected one of {known} (optionally led by 千, 万 or 亿) but received {unit!r};"
            " add it to UNITS in briefgen/format/units.py"
        )
    return power, rest, UNITS[rest]


def parse_qualifier(qualifier: str) -> tuple[str, ...]:
    """Return the known qualifiers in a dataset qualifier ("超", or several: "达 以上")."""
    parts = tuple(qualifier.replace("+", " ").replace(",", " ").split())
    for part in parts:
        if part not in QUALIFIERS:
            raise DatasetError(
                f"qualifier: expected one of {', '.join(QUALIFIERS)} or none but received {part!r};"
                " add it to QUALIFIERS in briefgen/format/units.py"
            )
    return parts


def chart_scale(power: int, unit: Unit) -> tuple[int, str]:
    """Return the (power of ten, scale word) a chart shows values of this magnitude in."""
    if power == 0:
        return 0, ""
    if power == 3:
        return 3, "thousand"
    if EN_UNITS[unit.en].money:
        table = {4: (6, "million"), 8: (9, "billion")}
    else:
        table = {4: (0, ""), 8: (6, "million")}
    if power in table:
        return table[power]
    return next((p, w) for p, w in SCALES if p <= power)


def display_name(en: str, scale: str) -> str:
    """Return the name of an English chart display unit: "RMB billion", "thousand TEU"."""
    if not scale:
        return en
    if EN_UNITS[en].money:
        return f"{en} {scale}"
    return f"{scale} {en}".strip()


#: Every English display unit: name → (English unit key, power of ten of its scale).
DISPLAY_UNITS: dict[str, tuple[str, int]] = {
    display_name(en, word): (en, power)
    for en in EN_UNITS
    for power, word in ((0, ""), *SCALES)
}


_BASES = sorted((u for u in UNITS if u), key=len, reverse=True)
# A pattern string: only a spec's {=name} needs it, compiled (and kept by re) on first use.
_FIGURE = (rf"\d+(?:\.\d+)?(?:多|余)?[{''.join(MAGNITUDES)}]*(?:{'|'.join(map(re.escape, _BASES))})"
           rf"|\d+(?:\.\d+)?[{''.join(MAGNITUDES)}]+")


def figure_in(text: str) -> str:
    """Return the first number-with-unit in ``text`` ("5所", "3.88万亩", "20%"), or "" when none.

    Digits alone or followed by anything but a unit are names, not figures: "211" (the
    university programme), "S1线", "5+1", "幸福2.0", "350钢管".
    """
    found = re.search(_FIGURE, text)
    return found.group(0) if found else ""
