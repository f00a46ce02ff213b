"""Tests of line breaking and box fitting for mixed Chinese/English text."""

from __future__ import annotations

import pytest

from briefgen.errors import FitError, Origin
from briefgen.fonts.measure import deck_metrics, pdf_metrics
from briefgen.text.fit import CLOSING, OPENING, Fit, break_lines, fit_text, split_to_fit
from briefgen.text.phrases import breaks

PORT = "2024年，江阴港完成货物吞吐量约3.8亿吨，集装箱吞吐量65.06万标箱、同比增长14.13%"
ZH = ("江阴位于长江下游南岸，是全国县域经济的标杆，连续多年位居全国百强县前列。"
      "江阴—靖江工业园区由两地跨江联动开发，园区以船舶制造、装备制造和新材料为主导产业，"
      "形成了“一区多园”的发展格局（详见附表）。") * 2
EN = ("Jiangyin is a county-level city on the south bank of the Yangtze, consistently "
      "ranked among China's top counties, with a GDP of over RMB 500 billion in 2023 and "
      "a port handling some 380 million tonnes of cargo a year.")


@pytest.fixture(scope="module")
def m():
    return deck_metrics(False)


def measure_at(metrics, size):
    return lambda s: metrics.width(s, size)


def first_atom(line):
    """Return the start of ``line`` that no break may split (a word, or a character and
    the closing marks glued to it)."""
    i = 1
    if line[0].isascii():
        while i < len(line) and line[i].isascii() and line[i] != " ":
            i += 1
    while i < len(line) and line[i] in CLOSING:
        i += 1
    return line[:i]


def check_lines(text, lines, width, measure):
    """Assert the lines are within width, rejoin to the text, and obey kinsoku."""
    for line in lines:
        assert measure(line) <= width, (line, measure(line), width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    for line in lines[1:]:
        assert not line or line[0] not in CLOSING, line
    for line in lines[:-1]:
        assert not line or line[-1] not in OPENING, line


@pytest.mark.parametrize("width", [60, 97, 150, 233, 400])
@pytest.mark.parametrize("text", [ZH, EN, PORT, PORT + "。" + EN])
def test_lines_fit_width_and_keep_rules(m, text, width):
    measure = measure_at(m, 12)
    lines = break_lines(text, width, measure)
    check_lines(text, lines, width, measure)
    assert len(lines) >= m.width(text, 12) // width


def test_long_chinese_fills_lines(m):
    measure = measure_at(m, 10)
    lines = break_lines(ZH, 200, measure)
    # greedy: every line but the last is full to within one character (plus a kinsoku mark)
    for line in lines[:-1]:
        assert measure(line) > 200 - 2 * 10, line


def test_latin_words_and_numbers_stay_whole(m):
    measure = measure_at(m, 10)
    for width in range(40, 260, 7):
        lines = break_lines(PORT, width, measure)
        for token in ("2024", "3.8", "65.06", "14.13%"):
            assert any(token in line for line in lines), (width, lines)
        lines = break_lines("总投资 RMB 500 billion 以上", width, measure)
        words = {w for line in lines for w in line.split(" ")}
        assert {"RMB", "500", "billion"} <= {w.strip("总投资以上") for w in words} | words


def test_rmb_500_billion_breaks_only_at_spaces_and_leaves_no_lone_last_word(m):
    measure = measure_at(m, 10)
    text = "over RMB 500 billion"
    width = measure("over RMB 500 bil")
    lines = break_lines(text, width, measure)
    assert lines == ["over RMB", "500 billion"]


def test_years_range_and_thousands_stay_whole(m):
    measure = measure_at(m, 10)
    text = "规划期2003–2024年，投资5,000亿元"
    assert measure("2003–2024") < 55
    for width in range(55, 200, 3):
        lines = break_lines(text, width, measure)
        joined = "|".join(lines)
        assert "2003–2024" in joined and "5,000" in joined, lines


def test_kinsoku_at_line_boundary(m):
    measure = measure_at(m, 10)
    text = "江阴港口，吞吐量大。"
    # room for exactly four ideographs: the comma must not start line 2
    lines = break_lines(text, 40.5, measure)
    assert lines[0] == "江阴港" and lines[1].startswith("口，")
    text = "发展格局（详见附表）"
    lines = break_lines(text, 50.5, measure)
    assert not lines[0].endswith("（") and lines[1].startswith("（")


def test_space_at_break_is_dropped_and_not_counted(m):
    measure = measure_at(m, 10)
    lines = break_lines("aaaa bbbb", measure("aaaa"), measure)
    assert lines == ["aaaa", "bbbb"]


def test_unbreakable_number_is_cut_between_digits_as_last_resort(m):
    measure = measure_at(m, 10)
    number = "1234567890" * 4
    lines = break_lines("编号" + number + "号", 100, measure)
    assert "".join(lines) == "编号" + number + "号"
    assert all(measure(line) <= 100 for line in lines)
    assert len(lines) >= measure(number) // 100 + 1


def test_hard_breaks_and_empty_lines(m):
    measure = measure_at(m, 10)
    assert break_lines("", 100, measure) == [""]
    assert break_lines("甲\n\n乙", 100, measure) == ["甲", "", "乙"]


def test_seams_of_a_non_additive_measure_are_counted(m):
    """The deck's Asian/Western gap makes a line wider than its parts; no line overflows."""
    text = "2024年3月5日，江阴港吞吐量约3.8亿吨，RMB 500亿元，增长14.13%，共65.06万标箱。" * 3
    measure = measure_at(m, 10)
    assert measure("年3") > measure("年") + measure("3")
    assert measure("14.13%，") < 60           # the widest atom: no last-resort splits
    for width in range(60, 400, 9):
        lines = break_lines(text, width, measure)
        check_lines(text, lines, width, measure)
        _, kept = breaks(text)
        at = 0
        for k, (a, b) in enumerate(zip(lines, lines[1:])):
            at = text.index(b, at + len(a))
            if k == len(lines) - 2 or at + len(first_atom(b)) in kept:  # a runt's
                continue                # neighbour may move down; a number moves whole
            joined = a + " " + first_atom(b)       # greedy: the next atom did not fit
            joined = joined if joined in text else a + first_atom(b)
            assert measure(joined) > width, (width, a, b)


def test_fit_shrinks_then_reports_overflow(m):
    paras = [ZH, EN]
    big = fit_text(paras, 400, 1000, max_size=28, min_size=10, measure_for=m)
    assert big.fits and big.size == 28 and big.overflow == 0
    fit = fit_text(paras, 400, 250, max_size=28, min_size=10, measure_for=m)
    assert fit.fits and 10 <= fit.size < 28 and fit.height <= 250
    larger = fit_text(paras, 400, 250, max_size=fit.size + 0.5, min_size=fit.size + 0.5,
                      measure_for=m)
    assert not larger.fits                      # the size found is the largest that fits
    for para, lines in zip(paras, fit.lines):
        check_lines(para, lines, 400 * 0.94, measure_at(m, fit.size))
    assert fit.height == pytest.approx(sum(map(len, fit.lines)) * fit.size * 1.2)
    tight = fit_text(paras, 400, 60, max_size=28, min_size=10, measure_for=m)
    assert isinstance(tight, Fit) and not tight.fits and tight.size == 10
    assert tight.overflow == pytest.approx(tight.height - 60) and tight.overflow > 0


def test_fit_accepts_a_measure_factory_and_para_space(m):
    by_metrics = fit_text([PORT, EN], 300, 200, max_size=20, min_size=8, measure_for=m,
                          para_space=6)
    by_factory = fit_text([PORT, EN], 300, 200, max_size=20, min_size=8,
                          measure_for=lambda size: measure_at(m, size), para_space=6)
    assert by_metrics == by_factory
    n = sum(map(len, by_metrics.lines))
    assert by_metrics.height == pytest.approx(n * by_metrics.size * 1.2 + 6)


def test_split_to_fit_makes_balanced_chunks(m):
    bullets = [f"第{i}项：" + PORT for i in range(12)]
    chunks = split_to_fit(bullets, 500, 200, max_size=24, min_size=12, measure_for=m)
    assert [b for c in chunks for b in c] == bullets and len(chunks) > 1
    sizes = [fit_text(c, 500, 200, max_size=24, min_size=12, measure_for=m) for c in chunks]
    assert all(f.fits for f in sizes)
    # fewest chunks: joining any two neighbours no longer fits at the minimum size
    for a, b in zip(chunks, chunks[1:]):
        assert not fit_text(a + b, 500, 200, max_size=12, min_size=12, measure_for=m).fits


def test_split_to_fit_raises_located_fit_error_for_a_huge_paragraph(m):
    where = Origin("specs/park.yaml", 12, 5)
    with pytest.raises(FitError) as info:
        split_to_fit(["短", ZH * 5], 300, 100, max_size=20, min_size=12, measure_for=m,
                     origin=where)
    assert str(info.value).startswith("specs/park.yaml:12:5: a paragraph needs")
    assert "江阴位于长江" in str(info.value)


def test_pdf_metrics_work_as_measure(m):
    p = pdf_metrics(700)
    fit = fit_text([PORT], 200, 100, max_size=18, min_size=8, measure_for=p)
    check_lines(PORT, fit.lines[0], 200 * 0.94, measure_at(p, fit.size))


def test_an_apostrophe_inside_a_word_is_no_break(m):
    measure = measure_at(m, 10)
    for text in ("Wuhan University’s Yangtze River Delta centre", "China's top counties"):
        for width in range(int(measure("University’s")) + 1, 200, 5):
            words = {w for line in break_lines(text, width, measure) for w in line.split()}
            assert words <= set(text.split()), (width, words)


@pytest.mark.parametrize("word", ["opening-up", "high-tech", "cross-river", "(2021–2025)"])
def test_no_break_after_a_hyphen_or_inside_a_date_range(m, word):
    measure = measure_at(m, 10)
    text = f"Jiangyin's {word} policy of the plan period {word} again"
    for width in range(int(max(measure(w) for w in text.split())) + 1, 260, 3):
        lines = break_lines(text, width, measure)
        assert sum(line.count(word) for line in lines) == 2, (width, lines)
