"""Tests for briefgen.render.pptx.glyphs: a character no deck face has is refused where the spec wrote it."""

from __future__ import annotations

from click.testing import CliRunner

from briefgen.cli import main
from paths import DATA, ROOT


def _spec(tmp_path, title: str):
    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8")
    old = "title: {zh: 园区概览, en: The park at a glance}"
    assert old in text
    path = tmp_path / "glyphs.yaml"
    path.write_text(text.replace(old, title), encoding="utf-8")
    line = text.splitlines().index(next(ln for ln in text.splitlines() if old in ln)) + 1
    return path, line


def test_an_emoji_on_a_slide_fails_validate_and_build_at_the_slide(tmp_path):
    spec, line = _spec(tmp_path, "title: {zh: 园区概览🚀, en: The park at a glance}")
    want = (f"{spec}:{line - 1}:5: Chinese: no glyph for '🚀' (U+1F680) in deck Arial + Microsoft YaHei "
            "(estimated), in text '园区概览🚀'")
    for args in (["validate", str(spec)], ["build", str(spec), "-o", str(tmp_path / "out")]):
        result = CliRunner().invoke(main, [*args, "--data", str(DATA)])
        assert result.exit_code == 1, result.output
        assert want in result.stderr.splitlines()
        assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_every_slide_with_a_character_no_face_has_is_named_and_the_others_pass():
    from dataclasses import replace

    import pytest

    from briefgen.errors import FontError, Problems
    from briefgen.render.pptx.glyphs import check_deck_glyphs
    from model_samples import slides

    ok = slides("zh")
    check_deck_glyphs(ok)                                   # nothing missing: no error
    bad = [replace(s, title=s.title + "🚀") if i in (1, 3) else s for i, s in enumerate(ok)]
    with pytest.raises(Problems) as caught:
        check_deck_glyphs(bad)
    errors = caught.value.problems
    assert [e.origin for e in errors] == [bad[1].origin, bad[3].origin]
    assert all(isinstance(e, FontError) and "'🚀' (U+1F680)" in str(e) for e in errors)
    with pytest.raises(FontError, match="U\\+1F680"):
        check_deck_glyphs(bad[:2])
