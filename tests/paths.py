"""Where the tests find the project, its golden files and the shared source documents."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
DATA = ROOT / "assets" / "data"
SOURCES = ROOT.parent / "shared" / "sources"
