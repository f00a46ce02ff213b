"""The fact-check rules beyond quote and number: qualifiers, targets, inferred years, list items.

Each rule returns messages without a location; ``factcheck.check`` adds the fact's or list's.

- A qualifier the quote writes at the number (超7500亿元, 2000余万元, 20家以上, 预计…) must be stored.
- A written-out number (两, 三, 千亿) must be followed by the unit in the quote, unless the fact
  says ``unit_written: false`` (the unit is supplied, as 条 for 双铁时代).
- ``kind: target`` exactly when the quote's sentence states an intent or a deadline (将, 确保, 力争,
  争创, 目标, 到2030年) or the period lies after the source's date; a stored result (stock, count …)
  must not quote one.
- An inferred period whose explanation names the source's word (“去年”, “今年”, “目前”, “年内” …)
  must agree with the source's date: 去年 in a source of 2025 is 2024; and that word must be
  near the quote.
- A stated year must not come from the sentence before when the quote's own sentence has a year.
- A list's items are whole pieces of its quote (split at 、，；, line breaks and quotes), or a run
  of them written together or joined by 和/及/与 (一湾一谷一区一港, 汽车零部件和港口物流), never a
  part of a piece (新材料 in 冶金新材料).
"""

from __future__ import annotations

import re

from briefgen.data.records import Fact, FactList
from briefgen.format import units

#: Forms of a qualifier a quote writes just before the number, and the stored qualifiers each needs.
_BEFORE = (("超过", ("超过", "超", "逾")), ("突破", ("突破", "超")), ("超", ("超", "超过", "逾")),
           ("破", ("超", "突破", "破")), ("逾", ("逾", "超")), ("近", ("近",)), ("约", ("约",)))
_INTENT = re.compile(r"将|确保|力争|争创|目标|到\d{4}年")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_SEPARATORS = re.compile(r"[、，,。；;：:“”‘’「」（）()\n]|[一二三四五六七八九十]要")
_JOINERS = ("和", "及", "与", "")
#: The source's word for a time, and the years it lies before the source's date.
_RULES = (("去年", -1), ("过去一年", -1), ("今年", 0), ("目前", 0), ("年内", 0), ("如今", 0),
          ("截至目前", 0))


def missing_qualifiers(fact: Fact, quote: str) -> list[str]:
    """Return a message for each qualifier the quote writes at the number but the fact lacks."""
    number = fact.as_written or fact.value_text.lstrip("-")
    if fact.value is None or not number or number not in quote:
        return []
    stored = set(units.parse_qualifier(fact.qualifier))
    problems = []
    at = quote.find(number)
    before = quote[:at]
    for form, needs in _BEFORE:
        if before.endswith(form):
            if not stored & set(needs):
                problems.append(f"qualifier: the quote writes '{form}' before {number} "
                                f"but the fact has no qualifier '{needs[0]}'")
            break
    after = quote[at + len(number):]
    if fact.value_max_text:
        after = after[after.find(fact.value_max_text) + len(fact.value_max_text):]
    for q in ("多", "余"):
        if after.startswith(q) and q not in stored:
            problems.append(f"qualifier: the quote writes '{q}' after {number} but the fact has no qualifier '{q}'")
    unit = fact.unit if fact.unit != units.SHARE else ""
    if unit and after.lstrip("多余").startswith(unit + "以上") and "以上" not in stored:
        problems.append(f"qualifier: the quote writes '以上' after {number}{unit} "
                        "but the fact has no qualifier '以上'")
    if "预计" in quote and "预计" not in stored:
        problems.append("qualifier: the quote says '预计' (an estimate) but the fact has no qualifier '预计'")
    return problems


def written_unit(fact: Fact, quote: str) -> list[str]:
    """Return a message unless a written-out number is followed by the fact's unit in the quote."""
    if not fact.as_written or fact.unit in ("", units.SHARE) or not fact.unit_written:
        return []
    power, base, _ = units.parse_unit(fact.unit)
    mag = fact.unit[: len(fact.unit) - len(base)]
    rest = base if mag and fact.as_written.endswith(mag) else fact.unit
    for m in re.finditer(re.escape(fact.as_written), quote):
        tail = quote[m.end():]
        if re.match(rf"(?:多|余)?{re.escape(rest)}", tail) or (not rest and not tail[:1].isalnum()):
            return []
    m = re.search(re.escape(fact.as_written) + "(.{0,3})", quote)
    return [f"unit: the quote does not write '{rest}' after {fact.as_written} (it has "
            f"'{m.group(1) if m else ''}'); if the source writes no unit here, add unit_written: false"]


def kind_markers(fact: Fact, quote: str, sentence: str, source_year: int) -> list[str]:
    """Return a message when the kind disagrees with the quote's intent or deadline words."""
    if fact.kind == "event":
        return []
    said = _INTENT.search(quote)
    future = bool(fact.period) and int(fact.period.split("/")[-1][:4]) > source_year
    if fact.kind != "target" and said:
        return [f"kind: the quote states an intent or deadline ('{said.group(0)}'), so the fact is "
                f"a target, but it is stored as {fact.kind}; write kind: target"]
    if fact.kind == "target" and not (_INTENT.search(sentence) or future):
        return ["kind: target, but the quote's sentence has no intent or deadline (将, 确保, 力争, "
                "争创, 目标, 到20xx年) and the period is not after the source's date; "
                "a result is a stock, count, growth or share"]
    return []


def rule_of(fact: Fact) -> tuple[str, int] | None:
    """Return (the source's word, its years before the source date) an inferred period names."""
    quoted = re.search(r"“([^”]+)”", fact.inferred.zh)
    if not quoted:
        return None
    word = quoted.group(1)
    if "去年" in word:
        return word, -1
    for name, offset in _RULES:
        if word == name or word.startswith(name):
            return word, offset
    return None


def inferred_rule(fact: Fact, near: str, source_year: int) -> list[str]:
    """Return messages when an inferred period contradicts the source word its explanation names."""
    rule = rule_of(fact)
    if rule is None or not fact.period:
        return []
    word, offset = rule
    problems = []
    base = re.sub(r"\d+月\d+日|\d+月", "", word).replace("年底", "")
    if base not in near:
        problems.append(f"inferred: the explanation cites “{word}” but the quote and the sentences "
                        "around it do not say it")
    want = source_year + offset
    got = int(fact.period.split("/")[-1][:4])
    if got != want:
        problems.append(f"period: {fact.period} contradicts its inferred rule: “{word}” in a source "
                        f"of {source_year} is {want}")
    return problems


def year_from_before(fact: Fact, own: str, before: str) -> list[str]:
    """Return a message when the stated year is only in the sentence before but the quote's own has another."""
    if not fact.period or fact.inferred:
        return []
    years = sorted({p[:4] for p in fact.period.split("/")})
    own_years = set(_YEAR.findall(own))
    taken = [y for y in years if y not in own and y in before]
    if taken and own_years - set(years):
        return [f"period: {', '.join(taken)} is taken from the sentence before, but the quote's own "
                f"sentence says {', '.join(sorted(own_years - set(years)))}"]
    return []


def list_items(lst: FactList) -> list[str]:
    """Return a message for each item that is not a whole piece (or run of pieces) of the list's quote."""
    pieces = [p.strip() for p in _SEPARATORS.split(lst.quote) if p.strip()]
    items = [it.zh for it in lst.items]
    problems = []
    for i, item in enumerate(items):
        if item in pieces:
            continue
        if any(item in p and _is_run(p, items) for p in pieces):
            continue
        whole = next((p for p in pieces if item in p), "")
        why = f"only part of '{whole}'" if whole else "not one of its pieces"
        problems.append(f"items[{i}]: '{item}' is {why} in the list's quote; an item is a whole "
                        "piece between 、，； or line breaks")
    return problems


def _is_run(piece: str, items: list[str]) -> bool:
    """Return whether ``piece`` is two or more ``items`` written together or joined by 和/及/与."""
    rest, used = piece, 0
    while rest:
        if used:
            rest = next((rest[len(j):] for j in _JOINERS if j and rest.startswith(j)
                         and any(rest[len(j):].startswith(it) for it in items)), rest)
        head = next((it for it in items if rest.startswith(it)), None)
        if head is None:
            return False
        rest, used = rest[len(head):], used + 1
    return used > 1
