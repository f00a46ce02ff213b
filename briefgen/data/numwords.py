"""Numbers in words: reading Chinese numerals (两万, 千亿, 四分之三) and writing fractions."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from briefgen.errors import DatasetError

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_ZH = "零一二三四五六七八九"

_EN_NUMERATORS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                  "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                  "seventeen", "eighteen", "nineteen")
_EN_ORDINALS = {2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth", 7: "seventh",
                8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth",
                15: "fifteenth", 20: "twentieth"}


def read_chinese(text: str) -> Fraction:
    """Return the value of a number written in Chinese or mixed digits: 两万, 千亿, 5000亿, 四分之三, 5+1."""
    if not text:
        raise DatasetError("as_written: expected a number in words but received ''")
    if "+" in text:                         # “5+1”主导产业
        return sum((read_chinese(part) for part in text.split("+")), Fraction(0))
    if "分之" in text:
        denominator, _, numerator = text.partition("分之")
        return read_chinese(numerator) / read_chinese(denominator)
    total, section, number = Fraction(0), Fraction(0), Fraction(0)
    i = 0
    try:
        while i < len(text):
            ch = text[i]
            if ch.isascii() and (ch.isdigit() or ch == "."):
                j = i
                while j < len(text) and text[j].isascii() and (text[j].isdigit() or text[j] in ".,"):
                    j += 1
                number = Fraction(Decimal(text[i:j].replace(",", "")))
                i = j
                continue
            if ch in _DIGITS:
                number = Fraction(_DIGITS[ch])
            elif ch in _SMALL:
                section += (number or 1) * _SMALL[ch]
                number = Fraction(0)
            elif ch in _BIG:
                part = section + number
                big = _BIG[ch]
                if not part and total:
                    total *= big            # 万亿: the 亿 scales what came before
                elif total and total < big:
                    total = (total + part) * big
                else:
                    total += (part or 1) * big
                section, number = Fraction(0), Fraction(0)
            else:
                raise ValueError(ch)
            i += 1
    except (ValueError, InvalidOperation):
        raise DatasetError(
            f"as_written: expected a number in words or digits (两万, 千亿, 四分之三, 5000亿)"
            f" but received {text!r}; the qualifier and unit belong in their own fields"
        ) from None
    return total + section + number


def chinese_int(n: int) -> str:
    """Return a whole number from 0 to 99 in Chinese numerals: 3 → 三, 10 → 十, 26 → 二十六."""
    if not 0 <= n < 100:
        raise DatasetError(f"fraction: expected a part from 0 to 99 but received {n}")
    tens, ones = divmod(n, 10)
    if not tens:
        return _ZH[ones]
    return ("" if tens == 1 else _ZH[tens]) + "十" + (_ZH[ones] if ones else "")


def as_fraction(value: float, as_written: str = "") -> Fraction:
    """Return the simple fraction a share stands for, from its words or else its value."""
    if as_written:
        fraction = read_chinese(as_written)
        if abs(float(fraction) - float(value)) > 5e-4:
            raise DatasetError(
                f"as_written: {as_written!r} is {float(fraction):.4g} but value is {value}"
            )
        return fraction
    for d in sorted(_EN_ORDINALS):          # the simplest fraction English has words for
        fraction = Fraction(round(float(value) * d), d)
        if 0 < fraction <= 1 and abs(float(fraction) - float(value)) <= 5e-4:
            return fraction
    raise DatasetError(f"share: expected a simple fraction such as 0.75 or 1/6 but received {value};"
                       " store other shares as a percent (unit %)")


def fraction_zh(fraction: Fraction) -> str:
    """Return a fraction in Chinese words: 3/4 → 四分之三."""
    return f"{chinese_int(fraction.denominator)}分之{chinese_int(fraction.numerator)}"


def fraction_en(fraction: Fraction) -> str:
    """Return a fraction in English words: 3/4 → three quarters, 1/6 → one sixth, 1/2 → half."""
    n, d = fraction.numerator, fraction.denominator
    if d not in _EN_ORDINALS or n >= len(_EN_NUMERATORS):
        raise DatasetError(f"share: no English words for the fraction {n}/{d}; store it as a percent")
    if d == 1:
        return "all" if n == 1 else _EN_NUMERATORS[n] + " times"
    if (n, d) == (1, 2):
        return "half"
    ordinal = _EN_ORDINALS[d]
    if n > 1:
        ordinal = "halves" if d == 2 else ordinal + "s"
    return f"{_EN_NUMERATORS[n]} {ordinal}"
