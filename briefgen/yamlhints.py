"""Plain-words help for broken YAML: the likely fix of a syntax error, and control characters."""

from __future__ import annotations

import re

# Characters no deck (XML) or PDF text can hold, and invisible direction overrides, as typed in
# the file (tab, line feed and carriage return are line structure there) or written as escapes.
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff"
                          "\u202a-\u202e\u2066-\u2069]")
VALUE_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
                            "\u202a-\u202e\u2066-\u2069]")


def control_message(char: str) -> str:
    """Return the message for a control character found in text."""
    return (f"a control character (U+{ord(char):04X}) that no deck or PDF can hold; delete it "
            "(text pasted from elsewhere can carry invisible ones)")


# Only a syntax error needs it: a pattern string, compiled (and kept by re) on first use.
_KEY_PREFIX = r"\s*(?:-\s+)*(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#]*?|\"[^\"]*\"|'[^']*'):(?:\s|$)"
_SPECIAL_START = {"{": "a mapping", "[": "a list", "*": "an alias", "&": "an anchor", "!": "a tag",
                  "@": "reserved", "`": "reserved", "%": "a directive", "|": "a block", ">": "a block"}
INDENT_HINT = ("check the indentation of this line against the line above: the keys of one mapping "
               "start in the same column, and so do the '- ' items of one list")


def syntax_hint(text: str, line: int, context: tuple[int, int] | None = None) -> str:
    """Return the likely fix of a YAML syntax error at 0-based ``line``, in plain words.

    The hint comes from the text around the error (indentation, tabs, colons, quotes, brackets),
    never from the parser's wording, which changes between releases."""
    lines = text.splitlines() or [""]
    if not 0 <= line < len(lines):
        line = len(lines) - 1
    here = lines[line]
    nearby = lines[max(0, line - 1): line + 1]
    if any("\t" in ln[: len(ln) - len(ln.lstrip())] for ln in nearby):
        return "indent with spaces, not tabs"
    if context is not None and context[0] < len(lines):
        ctx_line, ctx_col = context
        opened = lines[ctx_line][ctx_col: ctx_col + 1]
        if opened in ("'", '"'):
            if ctx_line != line:
                return f"close the quote ({opened}) opened on line {ctx_line + 1}"
            return ("check the backslash escapes in this quoted text (write \\\\ for a backslash), "
                    "or put it in single quotes")
        if opened in ("[", "{"):
            close = "]" if opened == "[" else "}"
            if ctx_line != line:
                return f"close the '{opened}' opened on line {ctx_line + 1} with '{close}' on that line"
            return (f"quote a value that contains ': ' or a comma inside {opened}…{close}: "
                    'write en: "Jiangyin, a city"')
    if len(here.split(": ", 1)[0]) > 1024 and ": " in here:
        return "a key may be at most 1024 characters long: shorten it"
    for ln in (here, *nearby[:-1]):
        stripped = ln.lstrip()
        if stripped.startswith("-") and len(stripped) > 1 and stripped[1] not in " -":
            return "put a space after the '-' that starts a list item"
    key = re.match(_KEY_PREFIX, here)
    if key:
        value = here[key.end():].lstrip()
        if value[:1] in _SPECIAL_START:
            meaning = _SPECIAL_START[value[0]]
            said = (f"is read as {meaning}" if meaning != "reserved"
                    else "cannot be written without quotes")
            return (f"a value that starts with '{value[0]}' {said}; put the whole value in quotes: "
                    f"{here[:key.end()].strip().lstrip('- ')} {quoted(value)}")
        if ": " in value or value.rstrip().endswith(":"):
            written = here[:key.end()].strip()
            name = written.lstrip("- ").rstrip(":")
            if written.startswith("-") and not re.fullmatch(r"[a-z_]+", name):   # text, not a key
                item = here.lstrip()[1:].strip()
                return f"quote a value that contains ': ': write - {quoted(item.split(' #')[0].rstrip(), 60)}"
            return (f"quote a value that contains ': ': write {written} "
                    f"{quoted(value.split(' #')[0].rstrip(), 60)}")
    return INDENT_HINT


def quoted(value: str, limit: int = 30) -> str:
    """Return ``value`` as a quoted YAML scalar, shortened with … past ``limit`` characters."""
    value = value if len(value) <= limit else value[: limit - 1] + "…"
    if '"' in value or "\\" in value:
        return "'" + value.replace("'", "''") + "'"
    return f'"{value}"'
