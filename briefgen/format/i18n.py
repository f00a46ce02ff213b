"""The fixed interface strings both renderers need, in Chinese (zh) and English (en).

Add a string by adding one row to ``STRINGS``: key → (zh, en). Placeholders use
``str.format`` names ({n}, {date}) and must be the same in both languages. An unknown key,
an unknown language or a missing placeholder is a programming error: KeyError.
"""

from __future__ import annotations

import string

LANGS = ("zh", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # citations
    "source": ("来源", "Source"),
    "sources": ("资料来源", "Sources"),
    "source_line": ("来源：{text}", "Source: {text}"),
    "sources_in_notes": ("来源：详见演讲者备注", "Sources: listed in the speaker notes"),
    "sources_line": ("资料来源：{text}", "Sources: {text}"),
    "note": ("注", "Note"),
    "note_line": ("注：{text}", "Note: {text}"),
    "original_quote": ("原文：“{quote}”", "Original (Chinese): “{quote}”"),
    "derived": ("推算", "derived"),
    "derived_note": ("{items}为推算值：由来源所载数字计算得出，非来源原文",
                     "{items}: not stated in the sources but worked out from figures they give"),
    "as_of": ("数据截至{date}", "Data as of {date}"),
    "unit_line": ("单位：{unit}", "Unit: {unit}"),
    # pages and slides
    "continued": ("（续）", " (continued)"),     # a suffix: title + t(lang, "continued")
    "title_continued": ("{title}（续）", "{title} (continued)"),
    "continued_part": ("（续 {n}/{total}）", " (continued, {n} of {total})"),   # a suffix too
    "page": ("第{n}页", "Page {n}"),
    "page_of": ("第{n}页，共{total}页", "Page {n} of {total}"),
    "agenda": ("目录", "Agenda"),
    "contents": ("目录", "Contents"),
    "key_figures": ("主要数据", "Key figures"),
    "milestones": ("大事记", "Milestones"),
    "notes": ("演讲备注", "Speaker notes"),
    "talking_points": ("要点", "Talking points"),
    "glossary": ("术语", "Terms explained"),
    "contact": ("联系我们", "Contact"),
    "contact_address": ("地址", "Address"),
    "contact_phone": ("电话", "Phone"),
    "contact_email": ("邮箱", "E-mail"),
    "contact_web": ("网址", "Web"),
    "thank_you": ("谢谢", "Thank you"),
    "questions": ("欢迎提问", "Questions welcome"),
    "prepared_by": ("编制：{issuer}", "Prepared by: {issuer}"),
    "chart_alt": ("图表：{title}", "Chart: {title}"),
    "image_alt": ("图片：{title}", "Image: {title}"),
    "not_available": ("暂无数据", "No data"),
    "not_stated": ("— 来源未注明", "— not stated in the source"),
    # tables and charts
    "col_indicator": ("指标", "Indicator"),
    "col_value": ("数值", "Value"),
    "col_period": ("时间", "Period"),
    "chart_column": ("柱状图", "Column chart"),
    "chart_bar": ("条形图", "Bar chart"),
    "chart_line": ("折线图", "Line chart"),
    "chart_share": ("占比图", "Share chart"),
    "chart_milestones": ("里程碑图", "Milestone chart"),
    "chart_target": ("目标对比图", "Target chart"),
    # punctuation
    "colon": ("：", ": "),
    "list_sep": ("、", ", "),
    "list_and": ("和", " and "),
    "quote_open": ("“", "“"),
    "quote_close": ("”", "”"),
    "quote_marks": ("“”", "“”"),
    "inner_quote_marks": ("‘’", "‘’"),
    "paren_open": ("（", " ("),
    "paren_close": ("）", ")"),
    "range_dash": ("—", "–"),
}


def check_lang(lang: str) -> None:
    """Raise KeyError unless ``lang`` is one of LANGS."""
    if lang not in LANGS:
        raise KeyError(f"language: expected one of {', '.join(LANGS)} but received {lang!r}")


def t(lang: str, key: str, **kw) -> str:
    """Return the interface string ``key`` in ``lang``, with placeholders filled from ``kw``."""
    check_lang(lang)
    if key not in STRINGS:
        raise KeyError(f"i18n key: expected one of {', '.join(STRINGS)} but received {key!r}")
    text = STRINGS[key][LANGS.index(lang)]
    missing = [name for _, name, _, _ in string.Formatter().parse(text) if name and name not in kw]
    if missing:
        raise KeyError(f"i18n key {key!r}: missing placeholder(s) {', '.join(missing)}")
    return text.format(**kw) if kw or "{" in text else text


def join_list(items, lang: str) -> str:
    """Return items as one phrase: 甲、乙、丙 / A, B and C (no serial comma)."""
    check_lang(lang)
    items = [str(item) for item in items]
    if lang == "zh" or len(items) < 2:
        return t(lang, "list_sep").join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def quote(text: str, lang: str) -> str:
    """Return text in double quotes; quotes inside become single quotes (“…‘…’…”)."""
    check_lang(lang)
    outer, inner = STRINGS["quote_marks"][LANGS.index(lang)], STRINGS["inner_quote_marks"][0]
    text = text.replace(outer[0], inner[0]).replace(outer[1], inner[1])
    return f"{outer[0]}{text}{outer[1]}"
