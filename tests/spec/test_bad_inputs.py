"""Spec-level bad inputs through the CLI: each refused at its location by validate and build alike."""

from __future__ import annotations

import pytest

from cli_helpers import write
from conftest import refused

SPEC = """\
title: {zh: 测试, en: Test}
entity: park
lang: [zh, en]
AS_OF
deck:
  - type: title
  - type: bullets
    title: {zh: 要点, en: Points}
    items: [ITEM]
onepager:
  - type: narrative
    text: {zh: 园区, en: The park}
"""

CONTROL = ("a control character (U+{}) that no deck or PDF can hold; delete it "
           "(text pasted from elsewhere can carry invisible ones)")


def spec(as_of: str = "", item: str = "园区") -> str:
    return SPEC.replace("AS_OF", f"as_of: {as_of}" if as_of else "").replace("ITEM", item)


@pytest.mark.parametrize("text, lines", [
    (spec(item='"园区\\x01"'), [f"specs/s.yaml:9:13: {CONTROL.format('0001')}"]),
    (spec(item='"园区\\0"'), [f"specs/s.yaml:9:13: {CONTROL.format('0000')}"]),
    (spec(item='"\\u202e园区"'), [f"specs/s.yaml:9:13: {CONTROL.format('202E')}"]),
    (spec(item="园\x07区").replace("The park", "The\x00park"),
     [f"specs/s.yaml:9:14: {CONTROL.format('0007')}", f"specs/s.yaml:12:27: {CONTROL.format('0000')}"]),
])
def test_control_characters_are_located(project, text, lines):
    refused(write(project / "specs" / "s.yaml", text), lines, project)


@pytest.mark.parametrize("as_of, message", [
    ("2024-02-30", "as_of: 2024-02-30 is not a real date: February 2024 has 29 days"),
    ("2023-02-29", "as_of: 2023-02-29 is not a real date: February 2023 has 28 days"),
    ("2024-13-45", "as_of: 2024-13-45 is not a real date: there is no month 13; "
                   "write YYYY-MM with a month from 01 to 12"),
    ("2024-00", "as_of: 2024-00 is not a real date: there is no month 0; "
                "write YYYY-MM with a month from 01 to 12"),
    ("0000", "as_of: 0000 is not a plausible date: expected a year from 1900 to 2100"),
    ("2101-01", "as_of: 2101-01 is not a plausible date: expected a year from 1900 to 2100"),
    ("24-01", "as_of: expected a date YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-01) but received '24-01'"),
    ("٢٠٢٤-٠١", "as_of: expected a date YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-01) but received "
               "'٢٠٢٤-٠١': '٢' (U+0662, arabic-indic digit two) is not one of the digits 0-9; "
               "write dates and numbers with 0-9"),
    ("２０２４", "as_of: expected a date YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-01) but received "
              "'２０２４': '２' (U+FF12, fullwidth digit two) is not one of the digits 0-9; "
              "write dates and numbers with 0-9"),
])
def test_bad_as_of_dates_are_located(project, as_of, message):
    refused(write(project / "specs" / "s.yaml", spec(as_of)), [f"specs/s.yaml:4:8: {message}"], project)


@pytest.mark.parametrize("digits", ["٢٠٢٤", "۲۰۲۴", "２０２４", "२०२४"])
def test_any_scripts_digits_in_running_text_are_typed_figures(project, digits):
    text = spec(item=f"园区{digits}年")
    refused(write(project / "specs" / "s.yaml", text),
            [f"specs/s.yaml:9:13: deck[1].items[0]: a figure typed as text ('{digits[0]}…' in the zh text); "
             "figures must come from the dataset: write {fact.id} in its place, or {=S1线} for a name "
             "with digits"], project)


def test_a_highlighted_category_needs_ascii_digits(project):
    text = spec().replace("  - type: title\n", "  - type: chart\n"
                          "    chart: {series: city.series.gdp_milestones, highlight: \"２０２４\"}\n")
    refused(write(project / "specs" / "s.yaml", text),
            ["specs/s.yaml:7:60: deck[0].chart.highlight: expected a category such as 2024 but received "
             "'２０２４': '２' (U+FF12, fullwidth digit two) is not one of the digits 0-9; "
             "write dates and numbers with 0-9"], project)


def test_merge_keys_are_refused(project):
    text = spec().replace("title: {zh: 测试, en: Test}", "base: &b {zh: 测试, en: Test}\ntitle: {<<: *b}")
    refused(write(project / "specs" / "s.yaml", text),
            ["specs/s.yaml:2:9: merge keys ('<<') are not supported; write the keys out"], project)


def test_a_yaml_syntax_error_is_located_with_its_fix(project):
    text = spec().replace("title: {zh: 要点, en: Points}", "title:\n      en: Points: the park")
    result_lines = None
    spec_path = write(project / "specs" / "s.yaml", text)
    from cli_helpers import run
    for command in ("validate", "build"):
        result = run(command, spec_path)
        assert result.exit_code == 1
        first = result.stderr.splitlines()[0]
        assert first.startswith("specs/s.yaml:9:17: YAML syntax error: ")
        assert first.endswith("; quote a value that contains ': ': write en: \"Points: the park\"")
        result_lines = result_lines or first
    assert not (project / "out").exists()


@pytest.mark.parametrize("item, message", [
    ("\"园区成立于{park.history.founded。\"", "an unclosed placeholder '{park.history.founded。' in the zh "
                                          "text; close it with '}' (e.g. {park.history.founded})"),
    ("{zh: \"成立于{park.history.founded}，{park.history.years\", en: x}",
     "an unclosed placeholder '{park.history.years' in the zh text; close it with '}' "
     "(e.g. {park.history.founded})"),
    ("\"founded park.history.founded}\"", "a '}' without its '{' ('founded park.history.founded}'); "
                                         "write a placeholder as {fact.id}"),
    ("\"园区{park.history.founded}}成立\"", "a '}' without its '{' in the zh text "
                                         "('园区{park.history.founded}}'); write a placeholder as {fact.id}"),
])
def test_unclosed_placeholders_are_refused(project, item, message):
    refused(write(project / "specs" / "s.yaml", spec(item=item)),
            [f"specs/s.yaml:9:13: deck[1].items[0]: {message}"], project)


def test_a_long_unknown_key_is_shortened(project):
    text = spec().replace("entity: park\n", "entity: park\n" + "k" * 200 + ": 1\n")
    refused(write(project / "specs" / "s.yaml", text),
            ["specs/s.yaml:3:1: unknown key '" + "k" * 37 + "...'; expected one of title, subtitle, "
             "entity, audience, lang, theme, issuer, as_of, contact, deck, onepager"], project)


def test_an_unquoted_comma_in_a_flow_mapping_says_to_quote(project):
    text = spec().replace("title: {zh: 要点, en: Points}", "title: {zh: 要点, en: Points, the park}")
    refused(write(project / "specs" / "s.yaml", text),
            ["specs/s.yaml:8:33: deck[1].title: expected a language key (zh, en) but received 'the park'; "
             'text that contains a comma inside {…} must be quoted, e.g. en: "Jiangyin, a city"'], project)
