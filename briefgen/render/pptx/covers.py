"""Full-bleed cover slides: the title slide, section dividers and the closing slide.

Each cover stacks its pieces (accent rule, title, subtitle, contact lines) from a preferred
top; when long text would push the stack past its floor line, the whole stack moves up,
and if it cannot, the build fails naming the slide. Everything is fitted before drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from briefgen.model import Contact
from briefgen.render.pptx import shapes
from briefgen.render.pptx.chrome import Ctx, Page, cover_frame, place_title
from briefgen.render.pptx.logo import cover_logo
from briefgen.render.pptx.text import fit_or_fail, overflow_error, paras
from briefgen.theme import deck as D


@dataclass(frozen=True)
class Piece:
    """One piece of a cover: the space above it, its height, and how to draw it at a y."""

    gap: float
    height: float
    draw: Callable[[Ctx, object, float], None]


def stack(pieces: list[Piece], top: float, bottom: float, origin) -> list[float]:
    """Return each piece's y: from ``top``, moved up so the last ends by ``bottom``."""
    total = sum(p.gap + p.height for p in pieces)
    y = min(top, bottom - total)
    if y < D.COVER_TOP:
        raise overflow_error("the cover text", D.COVER_TOP - y, D.COVER_SUB.min, origin)
    ys = []
    for p in pieces:
        y += p.gap
        ys.append(y)
        y += p.height
    return ys


def _rule(gap: float) -> Piece:
    return Piece(gap, D.COVER_RULE_H, lambda c, s, y: shapes.rect(
        s, D.COVER_TEXT_X, y, D.COVER_RULE_W, D.COVER_RULE_H, c.pal.accent, name="Accent rule"))


def _title(text: str, sizes: D.Range, origin, gap: float) -> Piece:
    got = fit_or_fail([text], D.COVER_TEXT_W, D.COVER_TITLE_H, sizes, origin=origin,
                      what="the cover title", bold=True, line=D.COVER_TITLE_LINE)

    def draw(c: Ctx, s, y: float) -> None:
        place_title(c, s, D.COVER_TEXT_X, y, D.COVER_TEXT_W,
                    paras([text], got.size, c.pal.paper, bold=True, line=D.COVER_TITLE_LINE),
                    got.height)

    return Piece(gap, got.height, draw)


def _text(texts: list[str], sizes: D.Range, box: tuple[float, float], gap: float, *, what: str,
          name: str, origin, colour: str = "tint", bold_first: bool = False) -> list[Piece]:
    """Return a text piece (none when ``texts`` is empty) fitted in a (width, height) box."""
    if not texts:
        return []
    got = fit_or_fail(texts, box[0], box[1], sizes, origin=origin, what=what, line=D.BODY_LINE)

    def draw(c: Ctx, s, y: float) -> None:
        items = paras(texts, got.size, getattr(c.pal, colour), line=D.BODY_LINE)
        if bold_first:
            items[0] = paras(texts[:1], got.size, getattr(c.pal, colour), bold=True,
                             line=D.BODY_LINE)[0]
        c.writer.box(s, D.COVER_TEXT_X, y, box[0], got.height, items, name=name)

    return [Piece(gap, got.height, draw)]


def _page(slide, pieces: list[Piece], top: float, bottom: float,
          footer: list[Piece] = ()) -> list[Page]:
    """Return the cover page: ``pieces`` stacked from ``top``, ``footer`` resting on ``bottom``."""
    foot_ys = stack(list(footer), D.SLIDE_H, bottom, slide.origin) if footer else []
    if footer:
        bottom = foot_ys[0] - footer[0].gap
    ys = stack(pieces, top, bottom, slide.origin)

    def draw(c: Ctx, s) -> None:
        cover_frame(c, s, c.pal.primary)
        cover_logo(c, s, slide.kind)
        for piece, y in zip([*pieces, *footer], [*ys, *foot_ys]):
            piece.draw(c, s, y)

    return [Page(slide.title, draw, cover=True)]


def title_slide(ctx: Ctx, slide) -> list[Page]:
    """Return the title slide: accent rule, title, subtitle; the issuer and date at the foot."""
    b, origin = ctx.briefing, slide.origin
    meta = " · ".join(x for x in (b.issuer, b.as_of) if x)
    pieces = [_rule(0.0), _title(slide.title, D.COVER_TITLE, origin, D.COVER_GAP),
              *_text([slide.subtitle] if slide.subtitle else [], D.COVER_SUB,
                     (D.COVER_TEXT_W, D.COVER_SUB_H), D.COVER_GAP, what="the cover subtitle",
                     name="Subtitle", origin=origin)]
    footer = _text([meta] if meta else [], D.COVER_META, (D.COVER_TEXT_W, D.COVER_META.max * 3),
                   D.COVER_META_GAP, what="the issuer line", name="Issuer", origin=origin)
    return _page(slide, pieces, D.COVER_TITLE_Y - D.COVER_GAP - D.COVER_RULE_H, D.COVER_BOTTOM,
                 footer)


def section_slide(ctx: Ctx, slide) -> list[Page]:
    """Return a section divider: a large section number in the accent, title and subtitle."""
    ctx.sections += 1
    number = f"{ctx.sections:02d}"
    size = D.SECTION_NUMBER

    def draw_number(c: Ctx, s, y: float) -> None:
        c.writer.box(s, D.COVER_TEXT_X, y, D.COVER_TEXT_W, size * D.COVER_TITLE_LINE,
                     paras([number], size, c.pal.accent, bold=True, line=D.COVER_TITLE_LINE),
                     name="Section number")

    pieces = [Piece(0.0, size * D.COVER_TITLE_LINE, draw_number),
              _title(slide.title, D.SECTION_TITLE, slide.origin, D.COVER_GAP),
              *_text([slide.subtitle] if slide.subtitle else [], D.COVER_SUB,
                     (D.COVER_TEXT_W, D.COVER_SUB_H), D.COVER_GAP, what="the section subtitle",
                     name="Subtitle", origin=slide.origin)]
    return _page(slide, pieces, D.SECTION_NUMBER_Y, D.COVER_BOTTOM)


def closing_slide(ctx: Ctx, slide) -> list[Page]:
    """Return the closing slide: the call to action, an accent rule, then the contact lines."""
    contact = next((b for b in slide.blocks if isinstance(b, Contact)), None)
    origin = (contact.origin if contact else None) or slide.origin
    texts = ([contact.heading] if contact and contact.heading else []) + \
        (list(contact.lines) if contact else [])
    pieces = [_title(slide.title, D.COVER_TITLE, origin, 0.0),
              *_text([slide.subtitle] if slide.subtitle else [], D.COVER_SUB,
                     (D.COVER_TEXT_W, D.COVER_SUB_H), D.COVER_GAP, what="the closing subtitle",
                     name="Subtitle", origin=origin),
              _rule(2 * D.COVER_GAP),
              *_text(texts, D.CLOSING_CONTACT, (D.CLOSING_CONTACT_W, D.CLOSING_CONTACT_H),
                     D.COVER_GAP, what="the contact block", name="Contact", origin=origin,
                     colour="paper", bold_first=True)]
    return _page(slide, pieces, D.COVER_TITLE_Y, D.COVER_BOTTOM)
