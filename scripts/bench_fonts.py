"""Time font preparation cold, warm and with one new character; optionally check the deck measure.

Usage:
    python scripts/bench_fonts.py               # timings in fresh processes
    python scripts/bench_fonts.py --check-deck  # deck_metrics against LibreOffice's rendering

Each case runs in a new Python process (so imports and in-process caches start empty): "cold"
with an empty ``BRIEFGEN_CACHE_DIR`` (the first run on a machine: the faces' advances are read
with fontTools and the glyphs converted), "warm" with the cache the cold run left, and "new
char" with that cache and text that adds characters no run has used. The text is every
character of the project's specs and dataset, about what a build of both specs uses.
``--check-deck`` needs LibreOffice and pdfplumber: it writes a deck whose runs name Arial +
Microsoft YaHei as the renderer does, converts it with ``soffice`` (which substitutes
Liberation Sans and Noto Sans CJK), measures each line in the PDF and compares with
``deck_metrics``.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CHILD = r"""
import json, resource, sys, time
T = time.perf_counter
t0 = T()
from briefgen.fonts.measure import deck_metrics, pdf_font
out = {"import": T() - t0}
chars = sys.stdin.read()
t = T(); deck_metrics(False).width(chars, 10); deck_metrics(True).width(chars, 10)
out["deck_metrics 400+700"] = T() - t
for w in (400, 700):
    t = T(); pdf_font(w, chars); out[f"pdf_font {w}"] = T() - t
out["total"] = T() - t0
out["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["fontTools.ttLib imported"] = "fontTools.ttLib" in sys.modules
print(json.dumps(out))
"""


def run_child(chars: str, cache: str) -> dict:
    env = dict(os.environ, BRIEFGEN_CACHE_DIR=cache, PYTHONPATH=ROOT)
    res = subprocess.run([sys.executable, "-c", CHILD], env=env, input=chars,
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def project_chars() -> str:
    """Return every character of the specs and the dataset, once each."""
    text = set()
    for pattern in ("specs/*.yaml", "assets/data/**/*.yaml"):
        for path in glob.glob(os.path.join(ROOT, pattern), recursive=True):
            with open(path, encoding="utf-8") as f:
                text.update(f.read())
    return "".join(sorted(text - {"\n"}))


def timings() -> None:
    chars = project_chars()
    fresh = "".join(chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in chars)[::997]
    with tempfile.TemporaryDirectory() as cache:
        runs = {"cold": run_child(chars, cache), "warm": run_child(chars, cache),
                "new char": run_child(chars + fresh[:1], cache)}
        size = sum(os.path.getsize(os.path.join(d, f))
                   for d, _, files in os.walk(cache) for f in files)
    print(f"{len(chars)} distinct characters; font cache {size / 1e6:.2f} MB after the runs")
    print(f"{'step':24}" + "".join(f"{k:>10}" for k in runs))
    for key in runs["cold"]:
        cells = "".join(f"{v[key]:10.3f}" if isinstance(v[key], float) else f"{str(v[key]):>10}"
                        for v in runs.values())
        print(f"{key:24}{cells}")


SAMPLES = [
    "2024年，江阴港完成货物吞吐量约3.8亿吨，集装箱吞吐量65.06万标箱、同比增长14.13%",
    "Jiangyin is a county-level city on the south bank of the Yangtze",
    "JIANGYIN–JINGJIANG INDUSTRIAL PARK: RMB 500 billion",
    "江阴—靖江工业园区“一区多园”……（详见附表）",
    "Jiāngyīn · Jìngjiāng, 2003–2024",
    "0123456789 5,000 14.13% (est.) [a] {b} / @ & *",
    "园区以船舶制造、装备制造和新材料为主导产业。",
    "Over RMB 500 billion GDP in 2023, up 5.1% year on year",
    "江阴ABC", "江阴 ABC", "江阴，ABC", "江（ABC）阴", "江“ABC”阴", "江5阴", "江%阴", "江·阴",
    "2024年3月5日", "江éā阴", "江αβ阴", "江①阴",
]


def check_deck(size: float = 20.0) -> None:
    import pdfplumber
    from lxml import etree
    from pptx import Presentation
    from pptx.util import Emu, Pt

    sys.path.insert(0, ROOT)
    from briefgen.fonts.measure import deck_metrics

    ns = "http://schemas.openxmlformats.org/drawingml/2006/main"
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    rows = [(s, b) for b in (False, True) for s in SAMPLES]
    for i, (text, bold) in enumerate(rows):
        box = slide.shapes.add_textbox(Emu(100000), Pt(10 + 26 * i), prs.slide_width, Pt(24))
        tf = box.text_frame
        tf.word_wrap = False
        run = tf.paragraphs[0].add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        rpr = run._r.get_or_add_rPr()
        rpr.set("lang", "zh-CN")
        for tag, face in (("latin", "Arial"), ("ea", "Microsoft YaHei")):
            el = etree.SubElement(rpr, f"{{{ns}}}{tag}")
            el.set("typeface", face)
    prs.slide_height = Pt(30 + 26 * len(rows))
    with tempfile.TemporaryDirectory() as tmp:
        pptx = os.path.join(tmp, "check.pptx")
        prs.save(pptx)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, pptx],
                       check=True, capture_output=True)
        with pdfplumber.open(os.path.join(tmp, "check.pdf")) as pdf:
            chars = pdf.pages[0].chars
    lines: dict[int, list] = {}
    for c in chars:
        lines.setdefault(round(c["top"] / 26), []).append(c)
    measured = [max(c["x1"] for c in cs) - min(c["x0"] for c in cs)
                for _, cs in sorted(lines.items())]
    fonts = sorted({c["fontname"].split("+")[-1] for c in chars})
    print(f"LibreOffice used: {', '.join(fonts)}")
    print(f"{'estimate':>9} {'real':>8} {'ratio':>6}  text")
    worst = 9.0
    for (text, bold), real in zip(rows, measured):
        est = deck_metrics(bold).width(text, size)
        # the PDF line ends at the last glyph's ink box: compare advance-based both ways
        worst = min(worst, est / real)
        print(f"{est:9.1f} {real:8.1f} {est / real:6.3f}  {'B ' if bold else ''}{text}")
    print(f"lowest estimate/real: {worst:.3f}")


if __name__ == "__main__":
    if "--check-deck" in sys.argv:
        check_deck()
    else:
        timings()
