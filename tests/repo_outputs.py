"""The repository's own decks and handouts, built once per test session for the tests that read them."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from paths import ROOT

SPECS = ("park", "city")
LANGS = ("zh", "en")


@lru_cache(maxsize=1)
def built() -> Path:
    """Return the folder holding ``park.pptx``, ``park.en.pdf``, … built from ``specs/``."""
    from briefgen.build import build

    out = Path(tempfile.mkdtemp(prefix="briefgen-repo-"))
    for name in SPECS:
        build(ROOT / "specs" / f"{name}.yaml", out)
    return out


def deck(spec: str, lang: str) -> Path:
    """Return the path of the built deck of ``spec`` in ``lang``."""
    return built() / (f"{spec}.pptx" if lang == "zh" else f"{spec}.{lang}.pptx")


def handout(spec: str, lang: str) -> Path:
    """Return the path of the built handout of ``spec`` in ``lang``."""
    return built() / (f"{spec}.pdf" if lang == "zh" else f"{spec}.{lang}.pdf")


ALL = [(s, lang) for s in SPECS for lang in LANGS]
