"""Build a spec's files in one process: resolve, plan each deck once, render in memory, write all or nothing.

``Session`` keeps what a rebuild can reuse (the loaded dataset, reloaded when its files
change; the imported renderers; the converted fonts and fitted text memoised by them), so
a watch loop rebuilds a spec in a fraction of a cold run. ``validate`` is a build that
renders every language and format in memory and writes nothing, so "ok" means the build
succeeds. Problems found while laying out, fitting or checking glyphs name their language.
"""

from __future__ import annotations

import copy
import io
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from briefgen.errors import BriefgenError, Problems
from briefgen.frozen import frozen
from briefgen.model import Briefing
from briefgen.output import write_all
from briefgen.text import breakcache
from briefgen.theme import Theme
from briefgen.theme.load import spec_theme

FORMATS = ("pptx", "pdf")
LANG_NAMES = {"zh": "Chinese", "en": "English"}


@dataclass
class Built:
    """What a build wrote (or a check rendered), and the renderers' warnings."""

    spec: Path
    outputs: list[Path] = field(default_factory=list)       # files written (none for a check)
    checked: list[tuple[str, str]] = field(default_factory=list)   # (lang, format) rendered
    warnings: list[str] = field(default_factory=list)
    briefings: list[Briefing] = field(default_factory=list)
    spec_slides: int = 0                # slides the spec lists
    deck_slides: int | None = None      # slides in the deck, continuations included (None: no deck)

    def as_json(self) -> dict[str, Any]:
        """Return this result as plain data for ``--json``."""
        return {"spec": str(self.spec), "ok": True,
                "checked": [{"lang": lang, "format": fmt} for lang, fmt in self.checked],
                "wrote": [str(p) for p in self.outputs], "warnings": list(self.warnings),
                "problems": [], "spec_slides": self.spec_slides, "deck_slides": self.deck_slides}


@frozen
class Prepared:
    """A spec resolved: its briefings in the requested languages, and in its other languages."""

    spec: Any
    briefings: list[Briefing]           # the requested languages, in order
    others: list[Briefing]              # the spec's other languages that resolved (deck parity)
    theme: Theme
    primary: str                        # the spec's first language (unsuffixed file names)


def output_path(out_dir: Path, stem: str, lang: str, primary: str, fmt: str) -> Path:
    """Return where a build writes: <stem>.<fmt> in the primary language, <stem>.<lang>.<fmt> else.

    A stem that already ends in a language (``delegation.en``) is taken as the name plus a
    language: every file then names its language (``delegation.en.pptx``, ``delegation.zh.pptx``),
    so a file's last dotted part before the extension is always its language when it has one."""
    base, dot, tail = stem.rpartition(".")
    if dot and base and tail in ("zh", "en"):
        return out_dir / f"{base}.{lang}.{fmt}"
    return out_dir / (f"{stem}.{fmt}" if lang == primary else f"{stem}.{lang}.{fmt}")


def in_language(error: BriefgenError, lang: str) -> list[BriefgenError]:
    """Return the problems of ``error``, each saying which language it was found in."""
    name = LANG_NAMES.get(lang, lang)
    out = []
    for p in error.problems if isinstance(error, Problems) else [error]:
        if name not in p.message:
            p = copy.copy(p)
            p.message = f"{name}: {p.message}"
            p.args = (p.message,)
        out.append(p)
    return out


class Session:
    """A builder that stays warm between builds (the watch loop's engine).

    ``data_dir`` fixes the dataset folder; by default each spec's project supplies it.
    """

    def __init__(self, data_dir: Path | None = None):
        self.data_dir = Path(data_dir) if data_dir else None
        self._datasets: dict[Path, tuple[tuple, Any]] = {}
        self._files: dict[tuple, tuple[tuple, bytes, list[str]]] = {}   # last render per file

    def dataset(self, data_dir: Path):
        """Return the dataset in ``data_dir``, loaded again only when one of its files changed."""
        from briefgen.data.dataset import load_dataset

        key = Path(data_dir).resolve()
        stamp = _stamp(key)
        held = self._datasets.get(key)
        if held is None or held[0] != stamp:
            self._datasets[key] = (stamp, load_dataset(data_dir))
        return self._datasets[key][1]

    def prepare(self, spec_path: Path, langs: Sequence[str] | None = None) -> Prepared:
        """Return the spec resolved in ``langs`` (default: all its languages), or raise Problems.

        The spec's other languages are resolved too when they can be, so that every
        language's deck has the same slides; their problems are not this build's.
        """
        from briefgen.data.dataset import find_data_dir
        from briefgen.resolve import resolve, spec_langs
        from briefgen.spec import load_spec

        spec_path = Path(spec_path)
        data_dir = self.data_dir or find_data_dir(spec_path.resolve().parent, Path.cwd())
        dataset = self.dataset(data_dir)
        spec = load_spec(spec_path, dataset)
        root = Path(os.path.abspath(data_dir)).parent.parent     # links in the path are kept
        every = spec_langs(spec)
        wanted = list(dict.fromkeys(langs)) if langs else every
        briefings, others, problems = [], [], []
        for lang in list(dict.fromkeys([*wanted, *every])):
            try:
                b = resolve(spec, dataset, lang, str(spec_path), root)
            except Problems as e:
                if lang in wanted:
                    problems += [p for p in e.problems if str(p) not in {str(q) for q in problems}]
                continue
            (briefings if lang in wanted else others).append(b)
        if problems:
            raise Problems(problems)
        return Prepared(spec, briefings, others, spec_theme(spec, spec_path), every[0])

    def render(self, spec_path: Path, out_dir: Path = Path("output"), formats: Sequence[str] = FORMATS,
               langs: Sequence[str] | None = None) -> tuple[Built, list[tuple[Path, bytes]]]:
        """Return the result and every file's (path, bytes), rendered in memory, or raise Problems.

        Every requested language and format is rendered even after one fails, so that all
        problems are reported together, each labelled with its language.
        """
        try:
            return self._render(Path(spec_path), Path(out_dir), formats, langs)
        finally:
            breakcache.save()           # what this build learnt about breaking its texts

    def _render(self, spec_path: Path, out_dir: Path, formats: Sequence[str],
                langs: Sequence[str] | None) -> tuple[Built, list[tuple[Path, bytes]]]:
        """Return what ``render`` returns (see there)."""
        prep = self.prepare(spec_path, langs)
        built = Built(spec_path, briefings=prep.briefings, spec_slides=len(prep.spec["deck"]))
        surfaces = {"warning:deck" if f == "pptx" else "warning:onepager" for f in formats}
        built.warnings += list(dict.fromkeys(v for b in prep.briefings for k, v in b.meta if k in surfaces))
        problems: list[BriefgenError] = []
        plans = _plan_decks(prep) if "pptx" in formats else {}
        files: list[tuple[Path, bytes]] = []
        for b in prep.briefings:
            for fmt in sorted(formats, key=FORMATS.index):
                try:
                    data, warnings = self._render_one(spec_path, b, fmt, prep.theme, plans.get(b.lang))
                except BriefgenError as e:
                    problems += in_language(e, b.lang)
                    continue
                built.warnings += [w for w in warnings if w not in built.warnings]
                built.checked.append((b.lang, fmt))
                files.append((output_path(out_dir, spec_path.stem, b.lang, prep.primary, fmt), data))
        if problems:
            raise problems[0] if len(problems) == 1 else Problems(problems)
        if plans:
            built.deck_slides = sum(c or 0 for c in plans[prep.briefings[0].lang].counts)
        files.sort(key=lambda item: (item[0].name.count("."), item[0].suffix == ".pdf"))
        return built, files

    def _render_one(self, spec_path: Path, b: Briefing, fmt: str, theme: Theme,
                    plan: Any) -> tuple[bytes, list[str]]:
        """Return one file's bytes and warnings, reusing the last render of it when nothing it
        depends on changed (its part of the model, theme, deck plan and pictures): in a
        watch loop, an edit to one language's deck re-renders only that language's deck.

        The deck renderer never reads the one-pager and the PDF renderer never reads the
        slides (tests/render/test_render_boundary.py holds them to it), so each file's key
        leaves the other part out."""
        slot = (str(spec_path.resolve()), b.lang, fmt)
        part = replace(b, onepager=None) if fmt == "pptx" else replace(b, slides=())
        layout = (plan.counts, plan.made, plan.hints) if plan else ()    # what every language chose
        key = (part, theme, fmt, layout, _pictures(b))
        held = self._files.get(slot)
        if held is not None and held[0] == key:
            return held[1], list(held[2])
        buf = io.BytesIO()
        options = {"plan": plan} if fmt == "pptx" else {}
        warnings = _renderer(fmt)(b, theme, buf, **options)
        self._files[slot] = (key, buf.getvalue(), list(warnings))
        return buf.getvalue(), warnings

    def build(self, spec_path: str | Path, out_dir: str | Path = "output",
              formats: Sequence[str] = FORMATS, langs: Sequence[str] | None = None) -> Built:
        """Build a spec's deck and one-pager in ``langs``; write every file, or none (see briefgen.output)."""
        built, files = self.render(Path(spec_path), Path(out_dir), formats, langs)
        write_all(Path(out_dir), files)
        built.outputs = [path for path, _ in files]
        return built

    def validate(self, spec_path: str | Path, formats: Sequence[str] = FORMATS) -> Built:
        """Check a spec exactly as a build in every one of its languages would, writing nothing."""
        built, _ = self.render(Path(spec_path), Path("output"), formats, None)
        return built


def _plan_decks(prep: Prepared) -> dict[str, Any]:
    """Return each requested language's deck plan, widened to the most slides any language needs
    and held to the grids and sizes every language can keep (``merge_plans``)."""
    from briefgen.render.pptx import DeckPlan, merge_plans

    plans = {b.lang: DeckPlan(b, prep.theme) for b in [*prep.briefings, *prep.others]}
    merged = merge_plans([plan.made for plan in plans.values()])   # same slides, grids, sizes
    for b in prep.briefings:
        plans[b.lang].widen(merged)
    return plans


def _renderer(fmt: str) -> Callable[..., list[str]]:
    """Return the render function for a format (its library is imported only when it is built)."""
    if fmt == "pptx":
        from briefgen.render.pptx import render_pptx
        return render_pptx
    from briefgen.render.pdf import render_pdf
    return render_pdf


def _pictures(b: Briefing) -> tuple:
    """Return (path, size, mtime) of every picture a briefing draws, so an edited picture re-renders."""
    from briefgen.model import Image

    blocks = [blk for slide in b.slides for blk in slide.blocks]
    blocks += [section.block for section in b.onepager.sections]
    out = []
    for blk in blocks:
        if isinstance(blk, Image):
            try:
                st = os.stat(blk.path)
                out.append((blk.path, st.st_size, st.st_mtime_ns))
            except OSError:
                out.append((blk.path, None, None))
    return tuple(out)


def _stamp(folder: Path) -> tuple:
    """Return (name, size, mtime) of every file under ``folder``, to see when the dataset changed."""
    out = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            try:
                st = os.stat(os.path.join(root, name))
            except OSError:
                continue
            out.append((os.path.join(root, name), st.st_size, st.st_mtime_ns))
    return tuple(out)


def prepare(spec_path: Path, langs: Sequence[str] | None = None, data_dir: Path | None = None):
    """Return (spec, briefings, theme): the spec resolved in ``langs`` and then its other languages."""
    prep = Session(data_dir).prepare(Path(spec_path), langs)
    return prep.spec, [*prep.briefings, *prep.others], prep.theme


def build(spec_path: str | Path, out_dir: str | Path = "output", formats: Sequence[str] = FORMATS,
          langs: Sequence[str] | None = None, data_dir: Path | None = None) -> Built:
    """Build a spec once (see Session.build)."""
    return Session(data_dir).build(spec_path, out_dir, formats, langs)


def validate(spec_path: str | Path, data_dir: Path | None = None) -> Built:
    """Check a spec once (see Session.validate)."""
    return Session(data_dir).validate(spec_path)


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file through a temporary file and a rename (see briefgen.output.write_all)."""
    write_all(Path(path).parent, [(Path(path), data)])
