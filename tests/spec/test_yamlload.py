"""Tests for briefgen.yamlload: every broken or hostile input gives a located SpecError."""

from __future__ import annotations

import pytest

from briefgen import yamlload
from briefgen.errors import BriefgenError, SpecError


def err(text: str) -> str:
    with pytest.raises(BriefgenError) as e:
        yamlload.parse(text, "s.yaml")
    return str(e.value)


def test_nodes_carry_line_and_column():
    root = yamlload.parse("title: 园区\ndeck:\n  - type: kpis\n", "s.yaml")
    assert str(root.origin) == "s.yaml:1:1"
    deck = root.get("deck")
    assert str(deck.items[0].get("type").origin) == "s.yaml:3:11"
    assert yamlload.plain(root) == {"title": "园区", "deck": [{"type": "kpis"}]}


def test_dates_and_numbers_keep_their_meaning():
    data = yamlload.plain(yamlload.parse("d: 2003-08-29\nn: 1_000\nf: 1.50\nb: true\nz: ~\n"))
    assert data == {"d": "2003-08-29", "n": 1000, "f": 1.5, "b": True, "z": None}


@pytest.mark.parametrize("text, message", [
    ("", "s.yaml: the file is empty; expected a YAML mapping"),
    ("   \n# only a comment\n", "s.yaml: the file is empty; expected a YAML mapping"),
    ("a: 1\nb: 2\na: 3\n", "s.yaml:3:1: duplicate key 'a' (first defined at line 1)"),
    ("a: 1\n---\nb: 2\n", "s.yaml:2:1: expected one YAML document but found another ('---')"),
    ("a: !!python/object:os.system ls\n", "s.yaml:1:4: YAML tags are not supported (found '!!python/object:os.system')"),
    ("a: !custom x\n", "s.yaml:1:4: YAML tags are not supported (found '!custom')"),
    ("a: {<<: {b: 1}}\n", "s.yaml:1:5: merge keys ('<<') are not supported; write the keys out"),
    ("a: " + "x" * 30000 + "\n", "s.yaml:1:4: a value of 30,000 characters; the limit is 20,000"),
    ("[" * 5000 + "]" * 5000, "s.yaml:1:65: nesting is deeper than 64 levels"),
])
def test_broken_input_is_located(text, message):
    assert err(text) == message


def test_syntax_errors_keep_their_location_and_say_the_fix():
    """libyaml's own words vary by release: assert briefgen's location and hint, not its wording."""
    message = err("a: [1, 2\nb: 3\n")
    assert message.startswith("s.yaml:2:2: YAML syntax error: ")
    assert message.endswith("; close the '[' opened on line 1 with ']' on that line")


@pytest.mark.parametrize("text", ["title: \"a\\x01b\"\n", "title: \"a\\0\"\n", "title: \"\\u202e\"\n"])
def test_escaped_control_characters_are_located(text):
    code = {"x01": "0001", "\\0": "0000", "u202e": "202E"}
    expected = next(v for k, v in code.items() if k in text)
    assert err(text) == (f"s.yaml:1:8: a control character (U+{expected}) that no deck or PDF can hold; "
                         "delete it (text pasted from elsewhere can carry invisible ones)")


def test_typed_control_characters_are_each_located():
    assert err("title: a\x01b\nentity: \x7fpark\x00\n").splitlines() == [
        f"s.yaml:{line}:{col}: a control character (U+{code}) that no deck or PDF can hold; "
        "delete it (text pasted from elsewhere can carry invisible ones)"
        for line, col, code in ((1, 9, "0001"), (2, 9, "007F"), (2, 14, "0000"))]


def test_every_duplicate_key_is_reported():
    assert err("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n").splitlines() == [
        "s.yaml:2:1: duplicate key 'a' (first defined at line 1)",
        "s.yaml:5:3: duplicate key 'c' (first defined at line 4)",
    ]


def test_alias_bomb_is_refused_without_expanding():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    message = err("\n".join(lines) + "\n")
    assert message == "s.yaml:6:8: the document expands to more than 100,000 values (aliases repeat too much)"


def test_a_few_aliases_are_fine():
    data = yamlload.plain(yamlload.parse("a: &x {k: 1}\nb: *x\n"))
    assert data == {"a": {"k": 1}, "b": {"k": 1}}


def test_a_nul_in_a_text_file_is_located(tmp_path):
    path = tmp_path / "n.yaml"
    path.write_bytes("title: 江阴\x00\n".encode("utf-8"))
    with pytest.raises(BriefgenError) as e:
        yamlload.read(path)
    assert str(e.value) == (f"{path}:1:10: a control character (U+0000) that no deck or PDF can hold; "
                            "delete it (text pasted from elsewhere can carry invisible ones)")


def test_binary_and_foreign_encodings(tmp_path):
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(SpecError) as e:
        yamlload.read(binary)
    assert str(e.value) == f"{binary}: not a text file (it contains NUL bytes)"
    gbk = tmp_path / "g.yaml"
    gbk.write_bytes("title: ok\nentity: 江阴\n".encode("gbk"))
    with pytest.raises(SpecError) as e:
        yamlload.read(gbk)
    assert str(e.value) == f"{gbk}:2:9: not UTF-8 text (byte 0xbd cannot be decoded); save the file as UTF-8"


def test_bom_is_accepted(tmp_path):
    p = tmp_path / "bom.yaml"
    p.write_bytes("\ufefftitle: 江阴\n".encode("utf-8"))
    assert yamlload.plain(yamlload.read(p)) == {"title": "江阴"}


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(SpecError) as e:
        yamlload.read(tmp_path / "nope.yaml")
    assert str(e.value) == f"{tmp_path / 'nope.yaml'}: cannot read file: No such file or directory"
    with pytest.raises(SpecError) as e:
        yamlload.read(tmp_path)
    assert str(e.value) == f"{tmp_path}: is a directory, expected a YAML file"


def test_huge_file_is_refused_before_parsing():
    with pytest.raises(SpecError) as e:
        yamlload.decode("big.yaml", b"a: 1\n" * 500_000)
    assert str(e.value) == "big.yaml: file is 2,500,000 bytes; expected a text file under 2,000,000 bytes"
