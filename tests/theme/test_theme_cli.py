"""A spec naming a theme file: `briefgen validate` reports the theme file's problems where they are."""

from __future__ import annotations

from click.testing import CliRunner

from briefgen.cli import main
from paths import DATA, ROOT


def test_validate_locates_a_problem_in_the_theme_file(tmp_path):
    text = (ROOT / "specs" / "park.yaml").read_text(encoding="utf-8")
    (tmp_path / "park.yaml").write_text(text.replace("\ntheme: park\n", "\ntheme: brand/ours.yaml\n"),
                                        encoding="utf-8")
    (tmp_path / "brand").mkdir()
    theme = tmp_path / "brand" / "ours.yaml"
    theme.write_text("name: ours\nextends: park\ncolours:\n  primary: 12345G\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "park.yaml"), "--data", str(DATA)])
    assert result.exit_code == 1
    assert (f"{theme}:4:12: colours.primary: expected a colour as six hex digits such as 0B4F6C "
            "but received '12345G'") in result.output
    theme.write_text("name: ours\nextends: park\ncolours:\n  primary: 12345F\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "park.yaml"), "--data", str(DATA)])
    assert result.exit_code == 0, result.output
