"""Tests, by pixels, that LibreOffice draws the decks' Chinese in Simplified Chinese glyph forms.

Debian's fonts-noto-cjk is one collection whose JP, KR, SC, TC and HK faces share one CFF
table named ``NotoSansCJKjp-…``, so ``pdffonts`` names every face "jp" whatever glyphs it
drew. What decides the forms is the run's language: LibreOffice hands ``lang="zh-CN"`` to
HarfBuzz, whose ``locl`` feature picks the Simplified forms; a run without it takes
LibreOffice's default Asian language (Japanese in a Japanese locale). So the decks are
rendered in a LibreOffice started with a Japanese locale, the hardest case, and every
hanzi whose SC and JP forms differ is compared with both forms drawn by PIL. Measured
here: the park deck 231 SC, 0 JP (city 209 SC, 0 JP); its slides tagged ja-JP, or untagged, 47 JP on the
first three slides (229 JP, 2 SC over the untagged deck, whose charts keep their tags).
"""

from __future__ import annotations

import collections
import functools
import os
import shutil
import subprocess
import zipfile

import numpy as np
import pdfplumber
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from repo_outputs import deck

DPI = 300
SIDE = 48                     # compared at SIDE × SIDE pixels
DISTINCT = 0.08               # mean difference at which SC and JP forms count as different


def _face(family: str, style: str) -> tuple[str, int] | None:
    """Return (file, index) of ``family`` in ``style`` as fontconfig finds it, or None."""
    if not shutil.which("fc-match"):
        return None
    out = subprocess.run(["fc-match", "-f", "%{family}|%{file}|%{index}", f"{family}:style={style}"],
                         capture_output=True, text=True).stdout
    names, path, index = (out.split("|") + ["", "", ""])[:3]
    return (path, int(index)) if family in names.split(",") and index.isdigit() else None


FACES = {(form, bold): _face(f"Noto Sans CJK {form}", "Bold" if bold else "Regular")
         for form in ("SC", "JP") for bold in (False, True)}
needs_libreoffice = pytest.mark.skipif(
    not shutil.which("soffice") or None in FACES.values(),
    reason="needs LibreOffice (soffice) and fontconfig's Noto Sans CJK SC and JP faces "
           "(Debian: fonts-noto-cjk) to render the deck and draw the reference forms")


def _shape(ink: np.ndarray) -> np.ndarray:
    """Return the ink's bounding box, centred in a square, scaled to SIDE², lightly blurred."""
    ys, xs = np.nonzero(ink)
    if not len(ys):
        return np.zeros((SIDE, SIDE))
    box = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    h, w = box.shape
    m = max(h, w)
    square = np.zeros((m, m), bool)
    square[(m - h) // 2:(m - h) // 2 + h, (m - w) // 2:(m - w) // 2 + w] = box
    img = Image.fromarray((square * 255).astype("uint8")).resize((SIDE, SIDE), Image.LANCZOS)
    return np.asarray(img.filter(ImageFilter.GaussianBlur(1))) / 255.0


@functools.lru_cache(maxsize=None)
def reference(ch: str, form: str, bold: bool) -> np.ndarray:
    """Return the shape of ``ch`` drawn by PIL from the Noto Sans CJK ``form`` face."""
    path, index = FACES[(form, bold)]
    font = ImageFont.truetype(path, 160, index=index)
    img = Image.new("L", (320, 320), 255)
    ImageDraw.Draw(img).text((80, 80), ch, font=font, fill=0)
    return _shape(np.asarray(img) < 128)


def _difference(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a - b).mean())


@functools.lru_cache(maxsize=None)
def distinct(ch: str) -> bool:
    """Return whether ``ch``'s SC and JP forms differ enough to tell apart."""
    return _difference(reference(ch, "SC", False), reference(ch, "JP", False)) > DISTINCT


def forms(pdf, pages=None) -> tuple[collections.Counter, list]:
    """Return how many telling hanzi of ``pdf`` look SC and JP, and the JP ones (page, char).

    Each character is cut from a rendering at DPI by pdfplumber's box for it (LibreOffice's
    boxes sit about 0.15 em above the ink, so the cut reaches 0.2 em lower), its ink taken
    as whatever differs from the cut's border colour, so white text on a band counts too.
    """
    counts, japanese = collections.Counter(), []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            if pages and number not in pages:
                continue
            chars = [c for c in page.chars
                     if "\u4e00" <= c["text"] <= "\u9fff" and c["size"] >= 9 and distinct(c["text"])]
            if not chars:
                continue
            img = page.to_image(resolution=DPI).original.convert("L")
            s = DPI / 72
            for c in chars:
                cut = np.asarray(img.crop((round(c["x0"] * s), round(c["top"] * s), round(c["x1"] * s),
                                           round((c["bottom"] + 0.2 * c["size"]) * s)))).astype(int)
                border = np.concatenate([cut[0], cut[-1], cut[:, 0], cut[:, -1]])
                shape = _shape(np.abs(cut - np.median(border)) > 60)
                bold = "Bold" in c["fontname"]
                sc = _difference(shape, reference(c["text"], "SC", bold))
                jp = _difference(shape, reference(c["text"], "JP", bold))
                counts["SC" if sc < jp else "JP"] += 1
                if jp <= sc:
                    japanese.append((number, c["text"]))
    return counts, japanese


def _retagged(src, dst, tag: bytes) -> None:
    """Write ``src`` with every slide's ``lang="zh-CN"`` replaced by ``tag``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename.startswith("ppt/slides/slide"):
                blob = blob.replace(b' lang="zh-CN"', tag)
            zout.writestr(info, blob)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Return the PDFs a Japanese-locale LibreOffice makes of the park deck, of a copy whose
    Chinese runs are tagged ja-JP, of a copy whose runs carry no language, and of the city deck."""
    tmp = tmp_path_factory.mktemp("hanzi")
    shutil.copy(deck("park", "zh"), tmp / "park.pptx")
    shutil.copy(deck("city", "zh"), tmp / "city.pptx")
    _retagged(tmp / "park.pptx", tmp / "tagged-ja.pptx", b' lang="ja-JP"')
    _retagged(tmp / "park.pptx", tmp / "untagged.pptx", b"")
    names = ("park", "tagged-ja", "untagged", "city")
    env = {**os.environ, "LANG": "ja_JP.UTF-8", "LC_ALL": "ja_JP.UTF-8"}
    for _ in range(2):      # a first start in a fresh profile sometimes exits without output
        subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp),
                        *(str(tmp / f"{n}.pptx") for n in names)], capture_output=True, timeout=240, env=env)
        if all((tmp / f"{n}.pdf").exists() for n in names):
            break
    return tuple(tmp / f"{n}.pdf" for n in names)


@needs_libreoffice
def test_the_references_tell_sc_from_jp_forms():
    assert all(distinct(ch) for ch in "直今令写门")
    assert not distinct("过")                      # one glyph in both faces


@needs_libreoffice
@pytest.mark.parametrize("deck_pdf", [0, 3], ids=["park", "city"])
def test_libreoffice_draws_every_hanzi_of_the_deck_in_simplified_forms(rendered, deck_pdf):
    counts, japanese = forms(rendered[deck_pdf])
    assert counts["SC"] >= 150 and japanese == []


@needs_libreoffice
@pytest.mark.parametrize("copy", [1, 2], ids=["tagged ja-JP", "untagged"])
def test_the_same_deck_shows_japanese_forms_where_its_runs_do_not_say_zh_cn(rendered, copy):
    """The check can fail, and this LibreOffice does default to Japanese: the tag is what counts."""
    counts, _ = forms(rendered[copy], pages={1, 2, 3})
    assert counts["JP"] >= 20 and counts["JP"] > 5 * counts["SC"]
