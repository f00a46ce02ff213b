"""What a printed figure is, said beside it: targets, past targets, inferred years, estimates, caveats.

Every surface takes its marks from here, so the deck and the handout, in both languages, say
the same thing about the same fact:

======================  ==============================  ==========================================
fact                    zh                              en
======================  ==============================  ==========================================
target with a deadline  2026年目标                       2026 target
target, no deadline     目标                             target
target before as_of     2024年目标（来源未载完成情况）     2024 target (outcome not reported in the sources)
inferred year           2024年（年份推算）                2024 (year inferred)
estimate (预计)          预计39%  (the figure itself)      an estimated 39%
potential (可)           可降低5%  (the figure itself)     potentially down 5%
======================  ==============================  ==========================================

An inferred year's plain-words explanation (the fact's ``inferred``) and a fact's ``caveat`` are
added to its source note (the handout's numbered notes, the deck's speaker notes).
"""

from __future__ import annotations

from typing import Any

from briefgen.format import numbers

#: The words of the marks: key -> (zh, en).
WORDS: dict[str, tuple[str, str]] = {
    "target": ("目标", "target"),
    "dated_target": ("{period}目标", "{period} target"),
    "past": ("来源未载完成情况", "outcome not reported in the sources"),
    "inferred": ("年份推算", "year inferred"),
    "inferred_date": ("日期推算", "date inferred"),
    "inferred_note": ("时间推算：{how}", "How the date was worked out: {how}"),
    "caveat_note": ("说明：{text}", "Note: {text}"),
    "derived_point": ("{x}：{how}", "{x}: {how}"),
    "derived_footnote": ("* 推算值，非来源原文：{items}", "* Worked out, not stated in the sources: {items}"),
    "past_footnote": ("{items}：来源未载完成情况", "{items}: outcome not reported in the sources"),
}


def word(key: str, lang: str, **kw: Any) -> str:
    """Return a mark's words in ``lang``."""
    text = WORDS[key][0 if lang == "zh" else 1]
    return text.format(**kw) if kw else text


def _bracket(parts: list[str], lang: str) -> str:
    """Return parts in brackets after a figure or period: （a；b） / (a; b)."""
    if not parts:
        return ""
    return f"（{'；'.join(parts)}）" if lang == "zh" else f" ({'; '.join(parts)})"


def is_past(fact: Any, as_of: str) -> bool:
    """Return whether ``fact`` is a target whose deadline lies before the briefing's as-of year."""
    if fact.kind != "target" or not fact.period or not as_of:
        return False
    return numbers.years_of(fact.period)[1] < int(as_of[:4])


def _inferred(fact: Any, lang: str) -> list[str]:
    """Return the inferred mark of a dated fact: 年份推算 for a year, 日期推算 for a month or day."""
    if not (fact.inferred and fact.period):
        return []
    return [word("inferred_date" if "-" in fact.period.split("/")[-1] else "inferred", lang)]


def _status(fact: Any, lang: str, as_of: str) -> tuple[str, list[str]]:
    """Return (the period or target words, the bracketed marks after them)."""
    when = numbers.format_date(fact.period, lang) if fact.period else ""
    extra = _inferred(fact, lang)
    if fact.kind != "target":
        return when, extra
    head = word("dated_target", lang, period=when) if when else word("target", lang)
    return head, extra + ([word("past", lang)] if is_past(fact, as_of) else [])


def period(fact: Any, lang: str, as_of: str) -> str:
    """Return a fact's period as printed, with its status: 2026年目标, 2024年（年份推算）, 目标."""
    head, extra = _status(fact, lang, as_of)
    return head + _bracket(extra, lang) if head else ""


def bracketed(fact: Any, lang: str, as_of: str) -> str:
    """Return the period and marks as one bracket after a figure: （2024年目标，来源未载完成情况）."""
    head, extra = _status(fact, lang, as_of)
    parts = [p for p in (head, *extra) if p]
    if not parts:
        return ""
    return f"（{'，'.join(parts)}）" if lang == "zh" else f" ({', '.join(parts)})"


def inline(fact: Any, text: str, lang: str, as_of: str) -> str:
    """Return a figure as it reads in running text: a target says so (达千亿元（2026年目标）)."""
    return text + bracketed(fact, lang, as_of) if fact.kind == "target" else text


def inline_period(fact: Any, lang: str) -> str:
    """Return the period for running text ({fact.period}): the date, marked when it was inferred."""
    when = numbers.format_date(fact.period, lang) if fact.period else ""
    return when + _bracket(_inferred(fact, lang), lang) if when else ""


def note_extras(fact: Any, lang: str) -> list[str]:
    """Return the sentences a fact adds to its source note: how its year was inferred, its caveat."""
    extras = []
    how = getattr(fact.inferred, lang, "") if fact.inferred else ""
    if how:
        extras.append(word("inferred_note", lang, how=how))
    text = getattr(fact.caveat, lang, "") if fact.caveat else ""
    if text:
        extras.append(word("caveat_note", lang, text=text))
    return extras


def category(label: str, fact: Any, lang: str, is_year: bool) -> str:
    """Return a chart category marked as a target: 2024年目标 / 2024 target, 人才总数（目标）."""
    if fact.kind != "target":
        return label
    if is_year:
        when = numbers.format_date(label, lang)
        return word("dated_target", lang, period=when)
    return label + _bracket([word("target", lang)], lang)
