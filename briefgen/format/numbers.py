"""Figures, chart values, data-label formats and dates, formatted for one language (zh or en).

This is the one place the number style is written down (the README describes it for spec
authors, tests/format/test_numbers.py holds it):

Chinese keeps the source's own forms: its digits (5.0 stays 5.0, no thousands separators), its
magnitude in the unit and never split from the number (3.88万亩, 65.06万标箱, 超5000亿元),
written-out numbers as written (两万多次, 四分之三, 千亿元), qualifiers where Chinese puts them
(超5000亿元, 2000余万元, 20家以上, 预计39%, 可降低5%); a lone numeral whose unit the source does not
write is printed in digits (2条, not 双条).

English converts magnitudes: a million or more in million/billion/trillion, below that full
digits with commas (650,600 TEU, 95,000), the scale word in full in text, KPIs and chart labels
alike ("RMB 500 billion", never "bn" or "k"); the currency before the number ("RMB 500 billion",
"US$100 million"); "over", "nearly", "about", "an estimated", "potentially" before it and "or
more" after it ("20 or more", never "≥ 20"); growth as "up 5.0%" / "down 5%". A unit converted
inexactly (亩 → ha) shows three significant figures after "about", with the source's figure as
the detail: "about 2,590 ha (38,800 mu)". A number never shows more decimals than the source's
value has. The units, magnitudes and qualifiers known are in briefgen/format/units.py;
anything else is a DatasetError.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from briefgen.format.dates import format_date, format_period, year_of, years_of  # noqa: F401  (API)
from briefgen.errors import DatasetError
from briefgen.format.i18n import check_lang
from briefgen.data.numwords import as_fraction, fraction_en, fraction_zh, read_chinese
from briefgen.format.units import (
    DISPLAY_UNITS, EN_UNITS, QUALIFIERS, SCALES, SHARE, SHORT_SCALES,
    chart_scale, display_name, parse_qualifier, parse_unit,
)
from briefgen.frozen import frozen

KINDS = ("", "stock", "growth", "share", "target", "count", "event", "duration")
_GROWTH = {"zh": ("增长", "下降"), "en": ("up", "down")}
_NUMERALS = "一二两双三四五六七八九十"
_POTENTIAL = {"zh": ("可提高", "可降低"), "en": ("potentially up", "potentially down")}


@frozen
class FigureParts:
    """A formatted figure, split so a renderer can set the number large.

    Keep together on one line: ``number`` with ``suffix``, and the currency that ends an
    English ``prefix`` ("RMB 500 billion"). A line may break only after leading qualifier
    words ("over" | "RMB 500 billion", "up" | "14.13%"). Never break a Chinese figure.
    """

    prefix: str
    number: str
    suffix: str
    sep: str
    detail: str = ""

    @property
    def text(self) -> str:
        """The whole figure as it reads in a sentence."""
        return self.sep.join(part for part in (self.prefix, self.number, self.suffix) if part)


def format_figure(value, unit: str, lang: str, *, qualifier: str = "", value_max=None,
                  as_written: str = "", kind: str = "", unit_written: bool = True) -> FigureParts:
    """Return a dataset fact formatted in ``lang`` (see the module docstring and units.py).

    ``unit_written=False`` says the source writes no unit after the number (双铁时代, 三大载体):
    a single written-out numeral is then printed in digits (2条, not 双条).
    """
    check_lang(lang)
    if kind not in KINDS:
        raise DatasetError(f"kind: expected one of {', '.join(KINDS[1:])} but received {kind!r}")
    quals = parse_qualifier(qualifier)
    values = [_decimal(value, "value")]
    if value_max is not None:
        values.append(_decimal(value_max, "value_max"))
        if values[1] < values[0]:
            raise DatasetError(f"value_max: expected at least {value} but received {value_max}")
    growth = ""
    if kind == "growth":
        if "可" in quals:       # a potential change: 可降低5% / potentially down 5%
            quals = tuple(q for q in quals if q != "可")
            growth = _POTENTIAL[lang][values[0] < 0]
        else:
            growth = _GROWTH[lang][values[0] < 0]
        values = [abs(v) for v in values]
    if unit == SHARE:
        return _share(value, lang, quals, as_written, growth)
    if not unit_written and len(as_written) == 1 and as_written in _NUMERALS:
        as_written = ""                         # 双 + 条 is no Chinese: print 2条
    if lang == "zh":
        return _zh(values, unit, quals, as_written, growth)
    return _en(values, unit, quals, growth)


def _zh(values: list[Decimal], unit: str, quals, as_written: str, growth: str) -> FigureParts:
    """Return a figure in Chinese, as the source writes it."""
    power, base, _ = parse_unit(unit)
    mag = unit[: len(unit) - len(base)]
    if as_written:
        covers = bool(mag) and as_written.endswith(mag)
        _check_written(as_written, values, power if covers else 0)
        number, mag = as_written, ("" if covers else mag)
    else:
        number = "至".join(f"{v:f}" for v in values)
    before, at_number, after = ("".join(q for q in quals if QUALIFIERS[q][0] == where)
                                for where in ("before", "number", "after"))
    last = values[-1]
    if at_number and mag and not (last == last.to_integral_value() and last % 10 == 0):
        suffix = mag + at_number + base + after      # 2万多次: 多 follows the magnitude
    else:
        suffix = at_number + mag + base + after      # 2000余万元, 1300多个
    return FigureParts(growth + before, number, suffix, "")


def _check_written(as_written: str, values: list[Decimal], power: int) -> None:
    """Raise DatasetError unless the source's words state the same number(s) as the value."""
    written = [read_chinese(part) for part in as_written.split("至")]
    stated = [Fraction(v) * 10**power for v in values]
    if written != stated:
        shown = "至".join(f"{float(w):g}" for w in written)
        raise DatasetError(f"as_written: {as_written!r} states {shown} but the value states "
                           + "至".join(f"{float(s):g}" for s in stated))


def _en(values: list[Decimal], unit: str, quals, growth: str) -> FigureParts:
    """Return a figure in English, magnitudes converted and units in English."""
    power, _, u = parse_unit(unit)
    eu = EN_UNITS[u.en]
    words = [QUALIFIERS[q][1:] for q in quals]
    before_words = [w for w, where in words if w and where == "before"]
    after_words = [w for w, where in words if w and where == "after"]
    amounts = [v.scaleb(power) for v in values]
    detail = ""
    if u.approx:
        texts, scale = _scaled(amounts)
        detail = "(" + " ".join(filter(None, ("–".join(texts), scale, u.approx))) + ")"
        amounts = [_round_sig(a * u.factor.numerator / u.factor.denominator) for a in amounts]
        if not before_words:
            before_words.append("about")
    texts, scale = _scaled(amounts)
    number = "–".join(texts)
    one = len(amounts) == 1 and amounts[0] == 1 and not scale and eu.one
    after = eu.one if one else eu.after
    prefix = [growth, *before_words]
    if eu.before.endswith(" "):
        prefix.append(eu.before.strip())
    else:
        number = eu.before + number
    if not after.startswith(" "):
        number, after = number + after, ""
    suffix = [scale, after.strip(), *after_words]
    return FigureParts(" ".join(filter(None, prefix)), number, " ".join(filter(None, suffix)),
                       " ", detail)


def _share(value, lang: str, quals, as_written: str, growth: str) -> FigureParts:
    """Return a fraction written in words: 四分之三 / three quarters."""
    fraction = as_fraction(value, as_written)
    if lang == "zh":
        before, at_number, after = ("".join(q for q in quals if QUALIFIERS[q][0] == where)
                                    for where in ("before", "number", "after"))
        return FigureParts(growth + before, as_written or fraction_zh(fraction),
                           at_number + after, "")
    words = [QUALIFIERS[q][1:] for q in quals]
    prefix = [growth, *(w for w, where in words if where == "before")]
    suffix = [w for w, where in words if where == "after"]
    return FigureParts(" ".join(filter(None, prefix)), fraction_en(fraction),
                       " ".join(filter(None, suffix)), " ")


def _decimal(value, field: str = "value") -> Decimal:
    """Return a dataset number as a Decimal with the digits the source gives, no more."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise DatasetError(f"{field}: expected a number but received {value!r}")
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not d.is_finite():
        raise DatasetError(f"{field}: expected a finite number but received {value!r}")
    if d.as_tuple().exponent >= 0:
        d = d.normalize()       # 5000: trailing zeros of a whole number are not precision
    return d


def _digits(d: Decimal) -> str:
    """Return a Decimal in full digits with thousands separators and its own decimals."""
    return f"{d:,.{max(0, -d.as_tuple().exponent)}f}"


def _scaled(amounts: list[Decimal]) -> tuple[list[str], str]:
    """Return the amounts in full digits below a million, else in millions, billions, …."""
    top = max(abs(a) for a in amounts)
    for power, word in SCALES:
        if power >= 6 and top >= Decimal(10) ** power:
            return [_digits(a.scaleb(-power)) for a in amounts], word
    return [_digits(a) for a in amounts], ""


def _round_sig(d: Decimal, figures: int = 3) -> Decimal:
    """Return ``d`` rounded to a number of significant figures (exponent marks the precision)."""
    if not d:
        return d
    return d.quantize(Decimal(1).scaleb(d.adjusted() - figures + 1), ROUND_HALF_UP)


def chart_unit(unit: str, lang: str) -> str:
    """Return the display unit a chart series of this dataset unit is shown in."""
    check_lang(lang)
    if unit == SHARE:
        return "%"
    power, _, u = parse_unit(unit)
    if lang == "zh":
        return unit
    return display_name(u.en, chart_scale(power, u)[1])


def convert(value: float, unit: str, lang: str) -> tuple[float, str]:
    """Return (value, display unit) for a chart: zh unchanged, en in a readable English scale.

    Shares (unit "share", value 0.75) become percent numbers in both languages (75.0, "%").
    """
    target = chart_unit(unit, lang)
    if unit == SHARE:
        return float(_decimal(value) * 100), target
    if lang == "zh":
        return float(_decimal(value)), target
    return convert_to(value, unit, target), target


def _measure(unit: str) -> tuple[str, Fraction]:
    """Return (English unit key, how many of it one ``unit`` makes) of a zh or en unit."""
    if unit in DISPLAY_UNITS:
        en, power = DISPLAY_UNITS[unit]
        return en, Fraction(10) ** power
    power, _, u = parse_unit(unit)
    return u.en, Fraction(10) ** power * u.factor


def convert_to(value: float, unit: str, target: str) -> float:
    """Return ``value`` in ``unit`` (a dataset unit) expressed in ``target`` (zh or en unit).

    Example: convert_to(2000, "万元", "亿元") == 0.2; convert_to(3.8, "亿吨", "million tonnes") == 380.
    """
    src, src_size = _measure(unit)
    dst, dst_size = _measure(target)
    if EN_UNITS[src].dim != EN_UNITS[dst].dim:
        raise DatasetError(f"cannot convert {unit!r} to {target!r}: they measure different things")
    amount = Fraction(_decimal(value)) * src_size * EN_UNITS[src].base
    return float(amount / (dst_size * EN_UNITS[dst].base))


def _label_affixes(display_unit: str, lang: str) -> tuple[str, str]:
    """Return the text before and after the number in a chart data label."""
    check_lang(lang)
    if lang == "zh":
        if display_unit != "%":
            parse_unit(display_unit)
        return "", display_unit
    if display_unit not in DISPLAY_UNITS:
        known = ", ".join(repr(u) for u in DISPLAY_UNITS)
        raise DatasetError(f"display unit: expected one of {known} but received {display_unit!r}")
    en, power = DISPLAY_UNITS[display_unit]
    word = dict(SCALES).get(power, "")
    return EN_UNITS[en].before, SHORT_SCALES.get(word, "") + EN_UNITS[en].label


def _literal(text: str) -> str:
    """Return literal text for an Excel number format: quoted, with quotes escaped as \\"."""
    return '\\"'.join(f'"{part}"' if part else "" for part in text.split('"'))


def _grouped(display_unit: str, lang: str) -> bool:
    """Return whether data labels group thousands (English, except percentages)."""
    return lang == "en" and display_unit != "%"


def excel_number_format(display_unit: str, decimals: int, lang: str) -> str:
    """Return the Excel/PowerPoint number format of chart data labels in ``display_unit``.

    zh: '0"亿元"', '0.0"%"' (no grouping, like the Chinese text); en: '"RMB "#,##0" billion"',
    '#,##0" TEU"', '0.0"%"'. Percent values are percent numbers, not fractions.
    """
    before, after = _label_affixes(display_unit, lang)
    digits = "#,##0" if _grouped(display_unit, lang) else "0"
    if decimals:
        digits += "." + "0" * decimals
    return _literal(before) + digits + _literal(after)


def format_number(value, decimals: int, lang: str, display_unit: str = "") -> str:
    """Return a chart value as the matching excel_number_format shows it ("" for None)."""
    before, after = _label_affixes(display_unit, lang)
    if value is None:
        return ""
    d = _decimal(value).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    body = f"{abs(d):{',' if _grouped(display_unit, lang) else ''}.{decimals}f}"
    return ("-" if d < 0 else "") + before + body + after


def decimals_needed(values, most: int = 2) -> int:
    """Return how many decimals show every value (trailing zeros aside), at most ``most``."""
    places = [max(0, -_decimal(v).normalize().as_tuple().exponent) for v in values if v is not None]
    return min(max(places, default=0), most)
