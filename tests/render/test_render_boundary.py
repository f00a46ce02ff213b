"""Renderers draw the model: nothing under briefgen/render/ imports the translation table, YAML or the spec."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from paths import ROOT

RENDER = ROOT / "briefgen" / "render"
FORBIDDEN = ("briefgen.format.i18n", "briefgen.spec", "briefgen.data", "briefgen.resolve",
             "briefgen.yamlload", "yaml")


def imported(path: Path) -> set[str]:
    """Return every module a file imports (``from a import b`` counts as a and a.b)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_scan_sees_an_import_of_the_table(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("def f():\n    from briefgen.format import i18n\n", encoding="utf-8")
    assert "briefgen.format.i18n" in imported(sample)


@pytest.mark.parametrize("path", sorted(RENDER.rglob("*.py")), ids=lambda p: str(p.relative_to(RENDER)))
def test_no_renderer_imports_translation_yaml_or_the_spec(path):
    bad = sorted(m for m in imported(path) if any(m == f or m.startswith(f + ".") for f in FORBIDDEN))
    assert bad == [], f"{path.relative_to(ROOT)} imports {', '.join(bad)}"


def test_every_word_a_renderer_asks_for_is_in_the_model():
    """ctx.text("key") and briefing.labels.get("key") name model.Labels fields, which the resolver fills."""
    import re
    from dataclasses import fields

    from briefgen.format.labels import labels
    from briefgen.model import Labels

    asked = {m for path in RENDER.rglob("*.py")
             for m in re.findall(r"""(?:\b(?:ctx|c)\.text|\.labels\.get)\(\s*["']([a-z_]+)["']""",
                                 path.read_text(encoding="utf-8"))}
    assert {"as_of", "sources", "continued"} <= asked
    assert asked <= {f.name for f in fields(Labels)}
    for lang in ("zh", "en"):
        assert all(getattr(labels(lang), f.name) for f in fields(Labels)), lang
    with pytest.raises(KeyError, match="add it to model.Labels"):
        labels("en").get("no_such_word")


@pytest.mark.parametrize("folder, other", [("pptx", "onepager"), ("pdf", "slides")])
def test_each_renderer_reads_only_its_part_of_the_briefing(folder, other):
    """A warm build reuses a deck when only the one-pager changed, and the reverse."""
    import re

    readers = [str(p.relative_to(ROOT)) for p in (RENDER / folder).rglob("*.py")
               if re.search(rf"\.{other}\b", p.read_text(encoding="utf-8"))]
    assert readers == []
