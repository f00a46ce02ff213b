"""Tests for briefgen.yamlhints: each YAML syntax error names the likely fix, at its location."""

from __future__ import annotations

import pytest

from briefgen import yamlload
from briefgen.errors import SpecError
from briefgen.yamlhints import INDENT_HINT, syntax_hint

QUOTE_COLON = "quote a value that contains ': ': write en: \"Jiangyin: China's leading county\""

CASES = {
    "colon in a value": ("title:\n  en: Jiangyin: China's leading county\n", 2, 15, QUOTE_COLON),
    "colon in an item": ("items:\n  - Jiangyin: the county: top\n", 2, 25,
                         "quote a value that contains ': ': write - \"Jiangyin: the county: top\""),
    "colon in an item's text": ("items:\n  - text: Jiangyin: the county\n", 2, 19,
                                "quote a value that contains ': ': write - text: \"Jiangyin: the county\""),
    "key indented too little": ("deck:\n  - type: kpis\n   title: x\n", 3, 4, INDENT_HINT),
    "key indented too far": ("deck:\n  - type: kpis\n      title: x\n", 3, 12, INDENT_HINT),
    "key under a value": ("title: abc\n  entity: park\n", 2, 9, INDENT_HINT),
    "unclosed list": ("deck:\n  - facts: [a, b\n  - type: x\n", 3, 9,
                      "close the '[' opened on line 2 with ']' on that line"),
    "comma in a flow mapping": ("title: {zh: 江阴, en: Jiangyin: a, city}\n", 1, 29,
                                "quote a value that contains ': ' or a comma inside {…}: "
                                "write en: \"Jiangyin, a city\""),
    "value starting with a brace": ("text: {park.x}是园区\n", 1, 15,
                                    "a value that starts with '{' is read as a mapping; put the whole "
                                    "value in quotes: text: \"{park.x}是园区\""),
    "value starting with @": ("text: @home\n", 1, 7, "a value that starts with '@' cannot be written "
                              "without quotes; put the whole value in quotes: text: \"@home\""),
    "tab": ("deck:\n\t- type: x\n", 2, 1, "indent with spaces, not tabs"),
    "unclosed quote": ('title: "abc\nentity: park\n', 3, 1, 'close the quote (") opened on line 1'),
    "bad escape": ('a: "x\\qy"\n', 1, 6, "check the backslash escapes in this quoted text "
                   "(write \\\\ for a backslash), or put it in single quotes"),
    "key too long": ("a: 1\n" + "k" * 2000 + ": 1\n", 2, 2001, "a key may be at most 1024 characters long: shorten it"),
    "dash without space": ("deck:\n  -type: x\n  - type: y\n", 3, 3,
                           "put a space after the '-' that starts a list item"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_syntax_error_gets_location_and_hint(name):
    text, line, col, hint = CASES[name]
    with pytest.raises(SpecError) as e:
        yamlload.parse(text, "s.yaml")
    message = str(e.value)
    assert message.startswith(f"s.yaml:{line}:{col}: YAML syntax error: ")
    assert message.endswith(f"; {hint}")


def test_hint_for_a_line_past_the_end_uses_the_last_line():
    assert syntax_hint("a: b\nc: d: e\n", 99) == "quote a value that contains ': ': write c: \"d: e\""
    assert syntax_hint("", 0) == INDENT_HINT
