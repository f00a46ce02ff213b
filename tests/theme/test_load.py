"""Theme files: the built-in themes' values, a theme file beside a spec, and located problems."""

from __future__ import annotations

import pytest

from briefgen.errors import BriefgenError
from briefgen.theme import CITY, PARK, get_theme
from briefgen.theme.load import BUILTIN_DIR, load_theme, theme_for

OURS = """\
name: ours
extends: park
colours:
  primary: 7a1f5c
  accent: 2E8B57
wordmark: {zh: 我们, en: OURS}
"""


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_themes_are_read_from_their_files():
    assert sorted(p.name for p in BUILTIN_DIR.glob("*.yaml")) == ["city.yaml", "park.yaml"]
    assert CITY.palette.primary == "1D3557" and CITY.wordmark["zh"] == "江阴"
    assert PARK.palette.series[:2] == ("0B4F6C", "F28C28")
    assert PARK.fonts.deck_east_asian == "Microsoft YaHei"
    assert dict(PARK.fonts.deck_east_asian_attrs)["charset"] == "-122"
    assert get_theme("park") is PARK


def test_a_theme_file_beside_the_spec_extends_a_builtin(tmp_path):
    write(tmp_path, "ours.yaml", OURS)
    theme = theme_for("ours.yaml", str(tmp_path))
    assert theme.name == "ours"
    assert (theme.palette.primary, theme.palette.accent) == ("7A1F5C", "2E8B57")
    assert theme.palette.ink == PARK.palette.ink
    assert theme.wordmark == {"zh": "我们", "en": "OURS"}
    assert theme.folder == str(tmp_path.resolve())


def test_every_problem_in_a_theme_file_is_located(tmp_path):
    path = write(tmp_path, "bad.yaml", "name: bad\nextends: prk\ncolours:\n  primary: blue\n"
                                       "  acent: 112233\nlogo: ../x.png\n")
    with pytest.raises(BriefgenError) as err:
        load_theme(path)
    lines = str(err.value).splitlines()
    assert lines[0] == f"{path}:2:10: extends: expected one of city, park but received 'prk'; " \
                       "did you mean 'park'?"
    assert lines[1] == f"{path}:4:12: colours.primary: expected a colour as six hex digits such as " \
                       "0B4F6C but received 'blue'"
    assert lines[2].startswith(f"{path}:5:3: colours: unknown key 'acent'; did you mean 'accent'?")
    assert lines[3] == f"{path}:6:7: logo: '../x.png' leads outside the theme's folder; copy the file into it"


def test_a_theme_without_a_base_needs_every_colour(tmp_path):
    path = write(tmp_path, "t.yaml", "name: t\ncolours: {primary: 112233}\nfonts: {}\nwordmark: {zh: 甲}\n")
    with pytest.raises(BriefgenError) as err:
        load_theme(path)
    assert str(err.value) == (f"{path}:2:1: colours: missing secondary, accent, ink, muted, paper, "
                              "tint, rule, series")


def test_a_theme_file_may_not_lead_outside_the_spec_folder(tmp_path):
    (tmp_path / "spec").mkdir()
    write(tmp_path, "ours.yaml", OURS)
    with pytest.raises(BriefgenError, match="^theme: '../ours.yaml' leads outside the spec's folder"):
        theme_for("../ours.yaml", str(tmp_path / "spec"))
    (tmp_path / "spec" / "link.yaml").symlink_to(tmp_path / "ours.yaml")
    with pytest.raises(BriefgenError, match=r"through a symbolic link"):
        theme_for("link.yaml", str(tmp_path / "spec"))


def test_an_unknown_theme_name_says_what_is_accepted(tmp_path):
    with pytest.raises(BriefgenError) as err:
        theme_for("harbour", str(tmp_path))
    assert str(err.value) == ("theme: expected one of city, park or a theme file (.yaml) beside "
                              "the spec but received 'harbour'")
    with pytest.raises(BriefgenError, match="no theme file at 'none.yaml' beside the spec"):
        theme_for("none.yaml", str(tmp_path))


def test_a_logo_and_template_must_be_files_of_their_kind(tmp_path):
    write(tmp_path, "logo.gif", "x")
    path = write(tmp_path, "t.yaml", "name: t\nextends: city\nlogo: logo.gif\ntemplate: nope.pptx\n")
    with pytest.raises(BriefgenError) as err:
        load_theme(path)
    assert str(err.value).splitlines() == [
        f"{path}:3:7: logo: 'logo.gif' is not a PNG or JPEG picture",
        f"{path}:4:11: template: 'nope.pptx' is not a file in the theme's folder; check the name"]


def test_a_logo_that_does_not_decode_is_refused_where_it_is_named(tmp_path):
    write(tmp_path, "logo.png", "not a picture")
    path = write(tmp_path, "t.yaml", "name: t\nextends: city\nlogo: logo.png\n")
    with pytest.raises(BriefgenError) as err:
        load_theme(path)
    message = str(err.value)
    assert message.startswith(f"{path}:3:7: logo: 'logo.png' ") and "PNG" in message
