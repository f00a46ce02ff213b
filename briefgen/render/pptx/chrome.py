"""The frame every slide shares: render context, backgrounds, the title area, wordmark and footer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from briefgen.errors import FitError, Origin
from briefgen.frozen import frozen
from briefgen.model import Briefing, Chart
from briefgen.render.pptx import shapes
from briefgen.render.pptx.text import (
    EMU_PER_PT, Para, Span, TextWriter, balanced_width, emu, fit, paras, text_width,
)
from briefgen.theme import deck as D

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_C_SLD, _SP_TREE, _BG, _BG_PR = (_P + t for t in ("cSld", "spTree", "bg", "bgPr"))
_A_SOLID, _A_SRGB, _A_EFFECTS = (_A + t for t in ("solidFill", "srgbClr", "effectLst"))
_SOURCE_SEP = {"zh": "；", "en": "; "}
_DATE_SEP = {"zh": "，", "en": ", "}


@dataclass
class Ctx:
    """What every slide drawer needs: the briefing, theme, text writer and collected warnings."""

    briefing: Briefing
    theme: object
    writer: TextWriter
    warnings: list[str] = field(default_factory=list)
    sections: int = 0           # section dividers drawn so far
    min_pages: int = 1          # the slide being planned spans at least this many slides
    hint: dict = field(default_factory=dict)    # the merged plan of every language, this slide
    choice: dict = field(default_factory=dict)  # what this language chose for this slide
    made: list = field(default_factory=list)    # the choices of every slide planned so far

    @property
    def lang(self) -> str:
        """The briefing's language, "zh" or "en"."""
        return self.briefing.lang

    @property
    def pal(self):
        """The theme's palette."""
        return self.theme.palette

    def frame(self, kind: str):
        """Return slide type ``kind``'s Frame on the theme's template (None without one)."""
        from briefgen.render.pptx.frames import frames_for

        return frames_for(self.theme).get(kind)

    def text(self, key: str, **kw) -> str:
        """Return the interface string ``key`` the resolver put in the briefing, fields filled."""
        return self.briefing.labels.get(key, **kw)

    def warn(self, origin: Origin | None, message: str) -> None:
        """Record a warning that names where in the spec it comes from."""
        self.warnings.append(f"{origin or self.briefing.spec_path or 'briefing'}: {message}")

    def fit_error(self, what: str, text: str, overflow: float, size: float, width: float,
                  line: float, origin: Origin | None, remedies: tuple[str, ...],
                  across: bool = False) -> FitError:
        """Return a FitError a writer can act on: the language, the element and its text's start,
        the overflow in characters or lines at ``size`` in a ``width`` box, and the remedies.

        ``across`` means the overflow is a line too wide (a word or number that cannot break).
        """
        char = size if self.lang == "zh" else size * 0.5
        start = text.strip().replace("\n", " ")
        start = start if len(start) <= 24 else start[:22] + "…"
        if across:
            amount = f"about {max(1, round(overflow / char))} characters too wide"
        else:
            lines = max(1, -(-overflow // (size * line)))
            chars = max(1, round(lines * width / char))
            amount = (f"about {chars} characters ({lines:.0f} line{'s' if lines > 1 else ''}) "
                      "too long")
        fixes = "; ".join(remedies)
        return FitError(f"[{self.lang}] {what} (“{start}”) is {amount} at the {size:g} pt floor: "
                        f"{fixes}", origin)


SHORTEN = ("shorten this text",)


def fit_or_explain(ctx: "Ctx", texts, w: float, h: float, sizes: D.Range, *, origin, what: str,
                   remedies: tuple[str, ...] = SHORTEN, bold: bool = False,
                   line: float = D.BODY_LINE, space: float = 0.0):
    """Return the Fit of ``texts`` in a w × h box, or raise the FitError ``Ctx.fit_error`` words
    (language, element, overflow in characters and lines, remedies)."""
    got = fit(texts, w, h, sizes, bold=bold, line=line, space=space)
    if got.fits:
        return got
    text = max(texts, key=len) if texts else ""
    raise ctx.fit_error(what, text, got.overflow, sizes.min, w, line, origin, remedies)


@frozen
class Page:
    """One slide to draw: its title, whether it is a full-bleed cover, and how to draw the rest."""

    title: str
    draw: Callable[[Ctx, object], None]
    cover: bool = False
    first: bool = True          # False on a continuation slide
    source: str | None = None   # the footer's source line when not the slide's own


def slide_items(slide) -> list[str]:
    """Return the texts a slide shows as items (list items, column items, card labels)."""
    from briefgen.model import Bullets, Compare, KpiCards
    out = []
    for block in slide.blocks:
        if isinstance(block, Bullets):
            out += [b.text for b in block.items]
        elif isinstance(block, Compare):
            out += [b.text for col in (block.left, block.right) for b in col.items]
        elif isinstance(block, KpiCards):
            out += [f.fact_id for f in block.items]
    return out


def repeats(ctx: Ctx, briefing: Briefing) -> None:
    """Warn when a slide's items are mostly what an earlier slide already showed, or when a
    comparison column only spells out its own heading (一湾一谷 under “一湾一谷一区一港”)."""
    from briefgen.model import Compare
    seen: list[tuple[object, set[str]]] = []
    for slide in briefing.slides:
        items = set(slide_items(slide))
        for block in slide.blocks:
            if isinstance(block, Compare):
                for col in (block.left, block.right):
                    texts = [b.text for b in col.items]
                    if len(texts) > 1 and all(t in col.heading for t in texts):
                        ctx.warn(slide.origin, f"comparison column {col.heading}: its items only "
                                               "split its heading; give each item what it means")
        for earlier, shown in seen:
            common = items & shown
            if len(items) >= 3 and len(common) * 2 >= len(items):
                ctx.warn(slide.origin, f"slide “{slide.title}” repeats {len(common)} of its "
                                       f"{len(items)} items from slide “{earlier.title}”; "
                                       "show something new or leave one of them out")
                break
        if items:
            seen.append((slide, items))


def continued(ctx: Ctx, title: str, n: int = 0, total: int = 0) -> str:
    """Return ``title`` marked as a continuation: part ``n`` of ``total`` when given."""
    if n and total:
        return title + ctx.text("continued_part", n=n, total=total)
    return title + ctx.text("continued")


def pages(ctx: Ctx, title: str, draws: list) -> list[Page]:
    """Return one Page per drawer, every one after the first titled as that part of the whole.

    Each title is unique (screen readers list slides by title): "大事记（续 2/3）".
    """
    return [Page(title if i == 0 else continued(ctx, title, i + 1, len(draws)), draw,
                 first=i == 0) for i, draw in enumerate(draws)]


def block_of(ctx: Ctx, slide, kind, need: str = ""):
    """Return the slide's first ``kind`` block (with a non-empty ``need`` field), else warn."""
    block = next((b for b in slide.blocks if isinstance(b, kind)), None)
    if block is not None and (not need or getattr(block, need)):
        return block
    with_need = f" with {need}" if need else ""
    ctx.warn(slide.origin, f"{slide.kind} slide: expected a {kind.__name__} block{with_need}; "
                           "the slide shows its title only")
    return None


def blank(ctx: Ctx, slide) -> list[Page]:
    """Return a single page holding only the slide's title (what a slide without content gets)."""
    return pages(ctx, slide.title, [lambda c, s: None])


def set_background(slide, color: str) -> None:
    """Fill the whole slide's background with ``color``: on a slide without one, the ``p:bg``
    python-pptx's ``background.fill.solid()`` and ``fore_color`` write, made directly."""
    c_sld = shapes.child_of(slide._element, _C_SLD)
    if c_sld is not None and len(c_sld) and c_sld[0].tag == _SP_TREE:     # no p:bg yet
        bg_pr = etree.SubElement(etree.Element(_BG), _BG_PR)
        etree.SubElement(etree.SubElement(bg_pr, _A_SOLID), _A_SRGB).set("val", color)
        etree.SubElement(bg_pr, _A_EFFECTS)
        c_sld.insert(0, bg_pr.getparent())
        return
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = shapes._rgb(color)


def place_title(ctx: Ctx, slide, x: float, y: float, w: float, items: list[Para], h: float) -> None:
    """Put ``items`` into the slide's title placeholder at (x, y, w, h): readers find it there.

    A title that wraps gets a box just wide enough for even lines (no lone last word).
    """
    span = items[0].spans[0]
    w = balanced_width(span.text, w, span.size, span.bold)
    title = shapes.title_element(slide)
    shapes.set_box(title, emu(x), emu(y), emu(w), emu(h))
    ctx.writer.fill_body(title.get_or_add_txBody(), items, width=emu(w) / EMU_PER_PT)


def content_title(ctx: Ctx, slide, title: str, subtitle: str, origin: Origin | None) -> None:
    """Draw the kicker rule, the title and an optional subtitle of a content slide."""
    pal = ctx.pal
    shapes.rect(slide, D.MARGIN_X, D.KICKER_Y, D.KICKER_W, D.KICKER_H, pal.accent, name="Kicker")
    fitted = fit([title], D.CONTENT_W, D.TITLE.max * D.TITLE_LINE, D.TITLE_ONE_LINE, bold=True,
                 line=D.TITLE_LINE)             # one line, a little smaller, reads best
    if not fitted.fits:
        fitted = fit_or_explain(ctx, [title], D.CONTENT_W, D.TITLE_H, D.TITLE, origin=origin,
                                what="the slide title", bold=True, line=D.TITLE_LINE,
                                remedies=("shorten the title", "move detail to the subtitle"))
    height = fitted.height
    place_title(ctx, slide, D.MARGIN_X, D.TITLE_Y, D.CONTENT_W,
                paras([title], fitted.size, pal.primary, bold=True, line=D.TITLE_LINE), height)
    if subtitle:
        y = D.TITLE_Y + height + D.SUBTITLE_GAP
        room = D.BODY_Y - y - D.SUBTITLE_GAP
        sub = fit_or_explain(ctx, [subtitle], D.CONTENT_W, room, D.SUBTITLE, origin=origin,
                             what="the slide subtitle", line=D.BODY_LINE)
        ctx.writer.box(slide, D.MARGIN_X, y, D.CONTENT_W, sub.height,
                       paras([subtitle], sub.size, pal.muted, line=D.BODY_LINE), name="Subtitle")


def source_line(ctx: Ctx, slide_model) -> str:
    """Return the footer's source line: the chart's own, else the slide's source titles."""
    for block in slide_model.blocks:
        if isinstance(block, Chart) and block.source_line:
            return block.source_line
    seen: list[str] = []
    for note in slide_model.sources:
        title = f"《{note.source_title}》" if ctx.lang == "zh" else note.source_title
        entry = f"{title}{_DATE_SEP[ctx.lang]}{note.date}" if note.date else title
        if entry not in seen:
            seen.append(entry)
    if not seen:
        return ""
    return ctx.text("source_line", text=_SOURCE_SEP[ctx.lang].join(seen))


def footer(ctx: Ctx, slide, source: str, page: int, origin: Origin | None) -> None:
    """Draw the footer: hairline, wordmark, source line, data as-of date and page number."""
    pal, w = ctx.pal, ctx.writer
    right = D.SLIDE_W - D.MARGIN_X
    shapes.rule(slide, D.MARGIN_X, D.FOOTER_RULE_Y, right, D.FOOTER_RULE_Y, pal.rule, 0.75,
                name="Footer rule")
    mark = ctx.theme.wordmark.get(ctx.lang, "")
    x = D.MARGIN_X
    if mark:
        mark_w = text_width(mark, D.WORDMARK_SIZE, bold=True) * (1 + D.WIDTH_MARGIN) + 2
        w.box(slide, x, D.FOOTER_Y, mark_w, D.FOOTER_H,
              paras([mark], D.WORDMARK_SIZE, pal.primary, bold=True, line=D.FOOTER_LINE),
              name="Wordmark")
        x += mark_w + D.WORDMARK_GAP
    as_of = ctx.text("as_of", date=ctx.briefing.as_of)
    w.box(slide, right - D.FOOTER_RIGHT_W, D.FOOTER_Y, D.FOOTER_RIGHT_W, D.FOOTER_H,
          [Para((Span(as_of + "   ", D.FOOTER.max, pal.muted),
                 Span(str(page), D.PAGE_NUMBER_SIZE, pal.primary, bold=True)),
                D.PAGE_NUMBER_SIZE * D.FOOTER_LINE, "r")], name="Footer date and page")
    if source:
        width = right - D.FOOTER_RIGHT_W - D.WORDMARK_GAP - x
        fitted = fit_or_explain(ctx, [source], width, D.FOOTER_H, D.FOOTER, origin=origin,
                                what="the footer's source line", line=D.FOOTER_LINE,
                                remedies=("cite fewer sources on this slide",
                                          "split the slide so each cites fewer"))
        w.box(slide, x, D.FOOTER_Y, width, D.FOOTER_H,
              paras([source], fitted.size, pal.muted, line=D.FOOTER_LINE), name="Source")


def cover_frame(ctx: Ctx, slide, color: str) -> None:
    """Paint a full-bleed cover in ``color`` with the decorative discs and the wordmark."""
    pal = ctx.pal
    set_background(slide, color)
    for i, (cx, cy, r, alpha) in enumerate(D.COVER_DISCS):
        shapes.disc(slide, cx, cy, r, pal.secondary, alpha=alpha, name=f"Decoration {i + 1}")
    dx, dy, dr = D.COVER_DOT
    shapes.disc(slide, dx, dy, dr, pal.accent, name="Decoration dot")
    mark = ctx.theme.wordmark.get(ctx.lang, "")
    if mark:
        ctx.writer.box(slide, D.COVER_TEXT_X, D.COVER_WORDMARK_Y, D.COVER_TEXT_W,
                       D.COVER_WORDMARK_SIZE * 1.5,
                       [Para((Span(mark, D.COVER_WORDMARK_SIZE, pal.paper, True,
                                   D.COVER_WORDMARK_SPACING),), D.COVER_WORDMARK_SIZE * 1.5)],
                       name="Wordmark")

