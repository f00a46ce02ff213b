"""Build a spec's files: resolve every language, render in memory, then replace files atomically.

Nothing is written until every requested language and format has rendered, so a failed
build leaves the previous good output untouched.
"""

from __future__ import annotations

import io
import multiprocessing
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
    """Return where a build writes: <stem>.<fmt> in the primary language, <stem>.<lang>.<fmt> else.

    A stem that already ends in a language (``delegation.en``) is taken as the name plus a
    language: every file then names its language (``delegation.en.pptx``, ``delegation.zh.pptx``),
    so a file's last dotted part before the extension is always its language when it has one."""
    base, dot, tail = stem.rpartition(".")
    if dot and base and tail in ("zh", "en"):
        return out_dir / f"{base}.{lang}.{fmt}"
    return out_dir / (f"{stem}.{fmt}" if lang == primary else f"{stem}.{lang}.{fmt}")


def _renderer(fmt: str) -> Callable[[Briefing, Theme, io.BytesIO], list[str]]:
    """Return the render function for a format (imported only when that format is built)."""
    if fmt == "pptx":
        from briefgen.render.pptx import render_pptx
        return render_pptx
    from briefgen.render.pdf import render_pdf
    return render_pdf


def _render_away(job: tuple[Briefing, str, dict], theme: Theme) -> tuple[bytes, list[str]]:
    """Return one file rendered in the worker, which alone uses the early chart helper."""
    from briefgen.render.charts import helper as chart_helper

    chart_helper.hand_over()
    return _render(job, theme)


def _render(job: tuple[Briefing, str, dict], theme: Theme) -> tuple[bytes, list[str]]:
    """Return one rendered file's bytes and its warnings."""
    briefing, fmt, options = job
    buf = io.BytesIO()
    warnings = _renderer(fmt)(briefing, theme, buf, **options)
    return buf.getvalue(), warnings


def deck_pages(briefings: Sequence[Briefing], theme: Theme) -> list[int]:
    """Return, per slide of the spec, the most slides any language needs for it."""
    from briefgen.render.pptx import plan_pages

    counts = [plan_pages(b, theme) for b in briefings]
    return [max(c) for c in zip(*counts)]


def render_all(jobs: list[tuple[Briefing, str]], theme: Theme,
               deck_options: Callable[[], dict]) -> list[tuple[bytes, list[str]]]:
    """Return every (briefing, format) job rendered, on two cores when the machine has them.

    A worker forked after resolution (so it starts with the model in memory) renders the
    one-pagers while this process plans the decks (``deck_options``: the same slides in every
    language) and renders them. The files are byte-identical to a serial build; set
    BRIEFGEN_JOBS=1 to render everything in this process.
    """
    plans: dict = {}

    def options(fmt: str) -> dict:
        if fmt == "pptx" and not plans:
            plans.update(deck_options())
        return plans if fmt == "pptx" else {}

    def run(job: tuple[Briefing, str]) -> tuple[bytes, list[str]]:
        return _render((job[0], job[1], options(job[1])), theme)

    cores = int(os.environ.get("BRIEFGEN_JOBS") or os.cpu_count() or 1)
    if cores < 2 or len(jobs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [run(job) for job in jobs]
    away = [j for j in jobs if j[1] == "pdf"]
    here = [j for j in jobs if j[1] != "pdf"]
    if not away or not here:                   # one format only: share its files
        away, here = jobs[: len(jobs) // 2], jobs[len(jobs) // 2:]
    from concurrent.futures import ProcessPoolExecutor

    from briefgen.render.charts import helper as chart_helper

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(_render_away, (b, fmt, options(fmt)), theme) for b, fmt in away]
        chart_helper.give_up()
        done = {id(j): run(j) for j in here}
        done.update({id(j): f.result() for j, f in zip(away, futures)})
    return [done[id(j)] for j in jobs]


def prepare(spec_path: Path, langs: Sequence[str] | None = None, data_dir: Path | None = None):
    """Return (spec, briefings, theme) for a spec, or raise Problems listing every problem.

    Briefings are resolved in ``langs`` and in every language of the spec (a deck's slides are
    planned across all of them), requested languages first.
    """
    from briefgen.data.dataset import find_data_dir
    from briefgen.data.dataset import load_dataset
    from briefgen.resolve import resolve, spec_langs
    from briefgen.spec import load_spec

    data_dir = Path(data_dir) if data_dir else find_data_dir(spec_path.resolve().parent, Path.cwd())
    dataset = load_dataset(data_dir)
    spec = load_spec(spec_path, dataset)
    root = Path(os.path.abspath(data_dir)).parent.parent     # links in the path are kept
    chosen = list(dict.fromkeys([*(langs or ()), *spec_langs(spec)])) if langs else spec_langs(spec)
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
    spec_path, out_dir = Path(spec_path), Path(out_dir)
    if "pdf" in formats:        # a cold build loads matplotlib while the spec resolves
        from briefgen.render.charts import helper as chart_helper

        chart_helper.start_early()
        try:
            return _build(spec_path, out_dir, formats, langs, data_dir)
        finally:
            chart_helper.stop()
    return _build(spec_path, out_dir, formats, langs, data_dir)


def _build(spec_path: Path, out_dir: Path, formats: Sequence[str], langs: Sequence[str] | None,
           data_dir: Path | None) -> Built:
    """Return what building the spec wrote (see build)."""
    from briefgen.resolve import spec_langs

    spec, every, theme = prepare(spec_path, langs, data_dir)
    primary = spec_langs(spec)[0]
    briefings = [b for b in every if langs is None or b.lang in langs]
    built = Built(briefings=briefings)
    order = [(b, fmt) for fmt in sorted(formats, key=FORMATS.index, reverse=True) for b in briefings]
    results = render_all(order, theme, lambda: {"min_pages": deck_pages(every, theme)})
    rendered: list[tuple[Path, bytes]] = []
    for (briefing, fmt), (data, warnings) in zip(order, results):
        built.warnings += warnings
        rendered.append((output_path(out_dir, spec_path.stem, briefing.lang, primary, fmt), data))
    rendered.sort(key=lambda item: (item[0].name.count("."), item[0].suffix == ".pdf"))
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
