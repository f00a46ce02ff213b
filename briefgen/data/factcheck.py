"""Checking the dataset against its source documents: quotes, numbers, years and list items.

The rules, in the order they are applied to a fact:

1. The quote is found in its source with all whitespace removed from both, inside one run of
   text (never across HTML markup such as ``<span>``).
2. The number is in the quote. Without ``as_written`` the value is looked for exactly as the YAML
   writes it (``5.0`` must be written ``5.0`` in the source, not ``5``) and must be followed by the
   unit, allowing 余 or 多 in between (``2000余万元``, ``1300多个``); with ``value_max`` the unit
   follows the upper bound (``3至4倍``). With ``as_written`` (``两万``, ``四分之三``, ``千亿``, ``5+1``)
   that text is in the quote and means the value: value × the unit's magnitude (万, 亿), to the
   precision the value is written with (``0.1667`` for 六分之一).
3. The qualifier is in the quote (超 may be written 破, as in 破5000亿元).
4. Unless ``inferred`` says how the period was worked out, each year of the period is written in
   the sentence holding the quote or in the sentence before it.
5. The rules in ``briefgen.data.factrules``: stored qualifiers, the unit after a written-out
   number, target vs result, inferred years against the source's date, whole list items.
"""

from __future__ import annotations

from dataclasses import replace

import re
from pathlib import Path

from briefgen.format import units
from briefgen.data import factrules
from briefgen.data.dataset import Dataset, Fact
from briefgen.errors import DatasetError

_TAG = re.compile(r"<(?:!--.*?--|/?[A-Za-z!][^<>]*)>")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SENTENCE_END = "。！？"
_QUALIFIER_FORMS = {"超": ("超", "破"), "突破": ("突破", "破"), "逾": ("逾", "超过")}
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10 ** 4, "亿": 10 ** 8}


class SourceText:
    """One source document, flattened for whitespace-insensitive matching outside markup."""

    def __init__(self, raw: str):
        flat = re.sub(r"\s+", "", raw)
        self.segments: list[tuple[int, str]] = []   # (offset in plain, text between markup)
        plain: list[str] = []
        offset = 0
        for seg in _TAG.split(flat):
            self.segments.append((offset, seg))
            plain.append(seg)
            offset += len(seg)
        self.plain = "".join(plain)

    def find(self, quote: str) -> int:
        """Return where ``quote`` starts in the markup-free text, or -1 if no run of text has it."""
        q = squash(quote)
        for offset, seg in self.segments:
            at = seg.find(q)
            if at >= 0:
                return offset + at
        return -1

    def longest_start(self, quote: str) -> int:
        """Return how many leading characters of ``quote`` are found in one run of text."""
        q = squash(quote)
        lo, hi = 0, len(q)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if any(q[:mid] in seg for _, seg in self.segments):
                lo = mid
            else:
                hi = mid - 1
        return lo

    def context(self, at: int, length: int) -> str:
        """Return the sentence holding text[at:at+length] together with the sentence before it."""
        before, own, _ = self.sentences(at, length)
        return before + own

    def sentences(self, at: int, length: int) -> tuple[str, str, str]:
        """Return (the sentence before, the sentence holding text[at:at+length], the one after)."""
        text = self.plain

        def end_after(i: int) -> int:
            ends = [j for j in (text.find(c, i) for c in _SENTENCE_END) if j >= 0]
            return min(ends) + 1 if ends else len(text)

        start = max(text.rfind(c, 0, at) for c in _SENTENCE_END) + 1
        prev = max(text.rfind(c, 0, max(start - 1, 0)) for c in _SENTENCE_END) + 1 if start > 0 else 0
        stop = end_after(at + length)
        return text[prev:start], text[start:stop], text[stop:end_after(stop)]


def squash(text: str) -> str:
    """Return ``text`` with all whitespace removed."""
    return re.sub(r"\s+", "", text)


def cn_number(text: str) -> float:
    """Return the number a written-out form means: 两万 → 20000, 四分之三 → 0.75, 千亿 → 1e11, 5+1 → 6.

    Raises ValueError for text that is not a number.
    """
    if "分之" in text:
        den, num = text.split("分之", 1)
        return cn_number(num) / cn_number(den)
    if re.fullmatch(r"\d+(?:\.\d+)?(?:\+\d+(?:\.\d+)?)*", text):
        return sum(float(p) for p in text.split("+"))
    total, section, digit = 0.0, 0.0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        elif ch in _BIG:
            section += digit or 0
            total += (section or 1) * _BIG[ch]
            section, digit = 0.0, None
        else:
            raise ValueError(f"'{text}' is not a number written in words")
    if not text:
        raise ValueError("empty text is not a number")
    return total + section + (digit or 0)


def magnitude(unit: str) -> int:
    """Return what one of ``unit`` is worth in plain units: 万元 → 10000, 亿吨 → 10**8, 个 → 1."""
    if unit in ("", units.SHARE):
        return 1
    return 10 ** units.parse_unit(unit)[0]


def check_folder(data_dir: Path, sources_dir: Path) -> tuple[Dataset, list]:
    """Return the dataset and every problem: reading it, and checking whatever read against the sources.

    A fact whose value disagrees with its series is still checked, so a value off by a digit is
    reported at the fact's own line (its quote has the right number) as well as at the series point.
    """
    from briefgen.data.dataset import read_dataset

    dataset, problems = read_dataset(data_dir)
    if sources_dir is not None:
        problems = problems + check(dataset, sources_dir)
    key = (lambda p: (p.origin.path, p.origin.line, p.origin.col) if p.origin else ("", 0, 0))
    return dataset, sorted(problems, key=key)


def check(dataset: Dataset, sources_dir: Path) -> list[DatasetError]:
    """Return every disagreement between the dataset and the source files in ``sources_dir``."""
    problems: list[DatasetError] = []
    texts: dict[str, SourceText] = {}
    for s in dataset.sources.values():
        path = Path(sources_dir) / s.file
        try:
            texts[s.id] = SourceText(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as e:
            why = "not found" if isinstance(e, FileNotFoundError) else f"unreadable ({e})"
            problems.append(DatasetError(f"source {s.id}: file: {path} {why}", s.origin))
    for fact in dataset.facts.values():
        if fact.source in texts:
            src = dataset.sources[fact.source]
            problems.extend(DatasetError(f"fact {fact.id}: {m}", fact.origin)
                            for m in check_fact(fact, texts[fact.source], src.file, int(src.date[:4])))
    for lst in dataset.lists.values():
        if lst.source in texts:
            problems.extend(DatasetError(f"list {lst.id}: {m}", lst.origin)
                            for m in check_list(lst, texts[lst.source], dataset.sources[lst.source].file))
    return problems


def check_list(lst, text: SourceText, file: str) -> list[str]:
    """Return what is wrong with one list: its quote in the source, every item a whole piece of it."""
    missing = [f"items[{i}]: '{it.zh}' is not in {file}" for i, it in enumerate(lst.items)
               if text.find(it.zh) < 0]
    if missing:
        return missing
    if text.find(lst.quote) < 0:
        return [f"quote: not found in {file} (whitespace ignored)"]
    return factrules.list_items(lst)


def check_fact(fact: Fact, text: SourceText, file: str, source_year: int = 0) -> list[str]:
    """Return what is wrong with one fact against its source text (messages without location)."""
    if _TAG.search(squash(fact.quote)):
        return ["quote: contains HTML markup; quote the text between the tags"]
    at = text.find(fact.quote)
    if at < 0 and squash(fact.quote) in text.plain:
        return [f"quote: spans HTML markup in {file}; quote only the text between two tags"]
    if at < 0:
        q = squash(fact.quote)
        n = text.longest_start(q)
        return [f"quote: not found in {file} (whitespace ignored); the first {n} of {len(q)} "
                f"characters match, then the quote has '{q[n:n + 8]}'"]
    quote = squash(fact.quote)
    problems = _check_value(fact, quote) if fact.kind != "event" else []
    for q in units.parse_qualifier(fact.qualifier):
        if not any(f in quote for f in _QUALIFIER_FORMS.get(q, (q,))):
            problems.append(f"qualifier: '{q}' is not in the quote")
    if fact.kind != "event" and not problems:
        problems += factrules.missing_qualifiers(fact, quote) + factrules.written_unit(fact, quote)
    before, own, after = text.sentences(at, len(quote))
    if source_year:
        problems += factrules.kind_markers(fact, quote, own, source_year)
    if fact.period and not fact.inferred:
        years = sorted({p[:4] for p in fact.period.split("/")})
        missing = [y for y in years if y not in before + own]
        if missing:
            problems.append(f"period: {', '.join(missing)} is not written in the quote's sentence or "
                            f"the one before; add 'inferred' saying how the period was worked out")
        else:
            problems += factrules.year_from_before(fact, own, before)
    elif fact.inferred and source_year:
        problems += factrules.inferred_rule(fact, before + own + after, source_year)
    return problems


_DECREASE = ("降低", "下降", "减少", "下滑", "回落")


def _check_value(fact: Fact, quote: str) -> list[str]:
    """Return problems with the number and unit of a non-event fact against its quote."""
    if fact.value is None:
        return []
    if fact.as_written:
        if fact.as_written not in quote:
            return [f"as_written: '{fact.as_written}' is not in the quote"]
        try:
            meant = cn_number(fact.as_written)
        except ValueError as e:
            return [f"as_written: {e}"]
        decimals = len(fact.value_text.partition(".")[2])
        scale = magnitude(fact.unit)
        if abs(meant - fact.value * scale) > 0.5 * 10 ** -decimals * scale + 1e-9 * abs(meant):
            return [f"value: '{fact.as_written}' means {meant / scale:g} {fact.unit} "
                    f"but the value is {fact.value_text}"]
        return []
    found = _NUMBER.findall(quote)
    problems = []
    if fact.kind == "growth" and fact.value < 0:   # a cut: the source writes 降低5%, not -5%
        if not any(word in quote for word in _DECREASE):
            return [f"value: a negative growth needs a word of decrease ({'、'.join(_DECREASE)}) "
                    "in the quote"]
        fact = replace(fact, value=-fact.value, value_text=fact.value_text.lstrip("-"))
    for key, value, written in (("value", fact.value, fact.value_text),
                                ("value_max", fact.value_max, fact.value_max_text)):
        if value is None or written in found:
            continue
        same = [n for n in found if float(n) == value]
        if same:
            problems.append(f"{key}: the quote writes {same[0]}; write {key}: {same[0]} as the source does")
        else:
            shown = ", ".join(found) or "none"
            problems.append(f"{key}: {written} is not in the quote (its numbers: {shown})")
    if problems or fact.unit == "share":
        return problems
    last = fact.value_max_text or fact.value_text
    if not re.search(rf"(?<![\d.]){re.escape(last)}(?:余|多)?{re.escape(fact.unit)}", quote):
        follows = re.search(rf"(?<![\d.]){re.escape(last)}(.{{0,3}})", quote)
        after = follows.group(1) if follows else ""
        problems.append(f"unit: the quote does not write '{fact.unit}' after {last} (it has '{after}')")
    return problems
