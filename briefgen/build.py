"""Build a spec's files: resolve every language, render in memory, then replace files atomically.

Nothing is written until every requested language and format has rendered, so a failed
build leaves the previous good output untouched.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from briefgen.errors import BriefgenError, Problems
from briefgen.model import Briefing
from briefgen.theme import Theme, get_theme

FORMATS = ("pptx", "pdf")


@dataclass
class Built:
    """What a build wrote (or, for a check, would write), and the renderers' warnings."""

    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    briefings: list[Briefing] = field(default_factory=list)


def output_path(out_dir: Path, stem: str, lang: str, primary: str, fmt: str) -> Path:
    """Return where a build writes: <stem>.<fmt> in the primary language, <stem>.<lang>.<fmt> else."""
    return out_dir / (f"{stem}.{fmt}" if lang == primary else f"{stem}.{lang}.{fmt}")


def _renderer(fmt: str) -> Callable[[Briefing, Theme, io.BytesIO], list[str]]:
    """Return the render function for a format (imported only when that format is built)."""
    if fmt == "pptx":
        from briefgen.render.pptx import render_pptx
        return render_pptx
    from briefgen.render.pdf import render_pdf
    return render_pdf


def prepare(spec_path: Path, langs: Sequence[str] | None = None, data_dir: Path | None = None):
    """Return (spec, briefings, theme) for a spec, or raise Problems listing every problem."""
    from briefgen.dataset import find_data_dir, load_dataset
    from briefgen.resolve import resolve, spec_langs
    from briefgen.spec import load_spec

    data_dir = Path(data_dir) if data_dir else find_data_dir(spec_path.resolve().parent)
    dataset = load_dataset(data_dir)
    spec = load_spec(spec_path, dataset)
    root = data_dir.resolve().parent.parent
    chosen = list(langs) if langs else spec_langs(spec)
    briefings, problems = [], []
    for lang in chosen:
        try:
            briefings.append(resolve(spec, dataset, lang, str(spec_path), root))
        except Problems as e:
            problems += [p for p in e.problems if str(p) not in {str(q) for q in problems}]
    if problems:
        raise Problems(problems)
    return spec, briefings, get_theme(spec.get("theme") or spec["entity"])


def build(spec_path: str | Path, out_dir: str | Path = "output", formats: Sequence[str] = FORMATS,
          langs: Sequence[str] | None = None, data_dir: Path | None = None) -> Built:
    """Build a spec's deck and one-pager in its languages; write only when all succeeded."""
    from briefgen.resolve import spec_langs

    spec_path, out_dir = Path(spec_path), Path(out_dir)
    spec, briefings, theme = prepare(spec_path, langs, data_dir)
    primary = spec_langs(spec)[0]
    built = Built(briefings=briefings)
    rendered: list[tuple[Path, bytes]] = []
    for briefing in briefings:
        for fmt in formats:
            buf = io.BytesIO()
            built.warnings += _renderer(fmt)(briefing, theme, buf)
            path = output_path(out_dir, spec_path.stem, briefing.lang, primary, fmt)
            rendered.append((path, buf.getvalue()))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BriefgenError(f"cannot create the output folder: {e.strerror}", None) from None
    for path, data in rendered:
        write_atomic(path, data)
        built.outputs.append(path)
    return built


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise BriefgenError(f"cannot write {path}: {e.strerror}") from None
