"""Full-bleed cover slides: the title slide, section dividers and the closing slide.

Each cover stacks its pieces (accent rule, title, subtitle, contact lines) from a preferred
top; when long text would push the stack past its floor line, the whole stack moves up,
and if it cannot, the build fails naming the slide. Everything is fitted before drawing.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from briefgen.frozen import frozen
from briefgen.model import Contact
from briefgen.render.pptx import shapes
from briefgen.render.pptx.chrome import Ctx, Page, cover_frame, fit_or_explain, place_title
from briefgen.render.pptx.logo import cover_logo
from briefgen.render.pptx.text import emu, overflow_error, paras
from briefgen.theme import deck as D


@frozen
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


def _title(ctx: Ctx, text: str, sizes: D.Range, origin, gap: float) -> Piece:
    got = fit_or_explain(ctx, [text], D.COVER_TEXT_W, D.COVER_TITLE_H, sizes, origin=origin,
                         what="the cover title", bold=True, line=D.COVER_TITLE_LINE,
                         remedies=("shorten the title", "move detail to the subtitle"))

    def draw(c: Ctx, s, y: float) -> None:
        place_title(c, s, D.COVER_TEXT_X, y, D.COVER_TEXT_W,
                    paras([text], got.size, c.pal.paper, bold=True, line=D.COVER_TITLE_LINE),
                    got.height)

    return Piece(gap, got.height, draw)


def _text(ctx: Ctx, texts: list[str], sizes: D.Range, box: tuple[float, float], gap: float, *,
          what: str, name: str, origin, colour: str = "tint", bold_first: bool = False,
          remedies: tuple[str, ...] = ("shorten this text",)) -> list[Piece]:
    """Return a text piece (none when ``texts`` is empty) fitted in a (width, height) box."""
    if not texts:
        return []
    got = fit_or_explain(ctx, texts, box[0], box[1], sizes, origin=origin, what=what,
                         line=D.BODY_LINE, remedies=remedies)

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
    pieces = [_rule(0.0), _title(ctx, slide.title, D.COVER_TITLE, origin, D.COVER_GAP),
              *_text(ctx, [slide.subtitle] if slide.subtitle else [], D.COVER_SUB,
                     (D.COVER_TEXT_W, D.COVER_SUB_H), D.COVER_GAP, what="the cover subtitle",
                     name="Subtitle", origin=origin)]
    footer = _text(ctx, [meta] if meta else [], D.COVER_META, (D.COVER_TEXT_W, D.COVER_META.max * 3),
                   D.COVER_META_GAP, what="the issuer line", name="Issuer", origin=origin)
    return _page(slide, pieces, D.COVER_TITLE_Y - D.COVER_GAP - D.COVER_RULE_H, D.COVER_BOTTOM,
                 footer)


def section_slide(ctx: Ctx, slide) -> list[Page]:
    """Return a section divider: a large section number in the accent, title and subtitle."""
    ctx.sections += 1
    number = f"{ctx.sections:02d}"
    size = D.SECTION_NUMBER
    numbered = sum(1 for s in ctx.briefing.slides if s.kind == "section") >= 2

    def draw_number(c: Ctx, s, y: float) -> None:
        c.writer.box(s, D.COVER_TEXT_X, y, D.COVER_TEXT_W, size * D.COVER_TITLE_LINE,
                     paras([number], size, c.pal.accent, bold=True, line=D.COVER_TITLE_LINE),
                     name="Section number")

    head = Piece(0.0, size * D.COVER_TITLE_LINE, draw_number) if numbered else _rule(0.0)
    pieces = [head,
              _title(ctx, slide.title, D.SECTION_TITLE, slide.origin, D.COVER_GAP),
              *_text(ctx, [slide.subtitle] if slide.subtitle else [], D.COVER_SUB,
                     (D.COVER_TEXT_W, D.COVER_SUB_H), D.COVER_GAP, what="the section subtitle",
                     name="Subtitle", origin=slide.origin)]
    top = D.SECTION_NUMBER_Y if numbered else D.COVER_TITLE_Y - D.COVER_GAP - D.COVER_RULE_H
    return _page(slide, pieces, top, D.COVER_BOTTOM)


def contact_lines(contact: Contact | None) -> list[str]:
    """Return the contact block's lines: the heading, the spec's lines, then each detail labelled."""
    if contact is None:
        return []
    labels = dict(contact.labels)
    details = [(k, getattr(contact, k)) for k in ("address", "phone", "email", "web")]
    sep = "：" if any("\u4e00" <= ch <= "\u9fff" for ch in labels.get("address", "")) else ": "
    return ([contact.heading] if contact.heading else []) + list(contact.lines) + \
        [f"{labels.get(k, k)}{sep}{v}" for k, v in details if v]


def clear_width(x: float, top: float, bottom: float) -> float:
    """Return how wide text starting at ``x`` may run between ``top`` and ``bottom`` and stay
    ``COVER_CLEARANCE`` clear of the decorative discs."""
    right = D.SLIDE_W
    for cx, cy, r, _ in D.COVER_DISCS:
        dy = abs(cy - min(max(cy, top), bottom))
        if dy < r:
            right = min(right, cx - (r * r - dy * dy) ** 0.5)
    return right - D.COVER_CLEARANCE - x


def _qr(contact: Contact) -> Piece | None:
    """Return the QR card of the web address (drawn at the right, not stacked), or None."""
    if not contact or not contact.web:
        return None
    from briefgen.render.qr import qr_png

    png = qr_png(contact.web)

    def draw(c: Ctx, s, y: float) -> None:
        x, side = D.QR_CARD_X, D.QR_CARD
        shapes.rect(s, x, y, side, side, c.pal.paper, name="QR card")
        pad = D.QR_PAD
        pic = s.shapes.add_picture(io.BytesIO(png), emu(x + pad), emu(y + pad),
                                   emu(side - 2 * pad), emu(side - 2 * pad))
        pic.name = "QR code"
        shapes.set_alt_text(pic, f"QR: {contact.web}")

    return Piece(0.0, D.QR_CARD, draw)


def closing_slide(ctx: Ctx, slide) -> list[Page]:
    """Return the closing slide: the call to action, an accent rule, the contact lines and
    details (address, phone, e-mail, web), and a QR code of the web address.

    The contact text keeps clear of the decorative discs; the QR card sits at the right.
    """
    contact = next((b for b in slide.blocks if isinstance(b, Contact)), None)
    origin = (contact.origin if contact else None) or slide.origin
    texts = contact_lines(contact)
    width = min(D.CLOSING_CONTACT_W, clear_width(D.COVER_TEXT_X, D.COVER_TITLE_Y, D.COVER_BOTTOM))
    pieces = [_title(ctx, slide.title, D.COVER_TITLE, origin, 0.0),
              *_text(ctx, [slide.subtitle] if slide.subtitle else [], D.COVER_SUB,
                     (D.COVER_TEXT_W, D.COVER_SUB_H), D.COVER_GAP, what="the closing subtitle",
                     name="Subtitle", origin=origin),
              _rule(2 * D.COVER_GAP),
              *_text(ctx, texts, D.CLOSING_CONTACT, (width, D.CLOSING_CONTACT_H),
                     D.COVER_GAP, what="the contact block", name="Contact", origin=origin,
                     colour="paper", bold_first=True,
                     remedies=("give fewer contact lines", "shorten the address"))]
    top = D.COVER_TITLE_Y if len(texts) <= 3 else D.COVER_TOP + D.COVER_GAP
    page = _page(slide, pieces, top, D.COVER_BOTTOM)[0]
    qr = _qr(contact)
    if qr is None:
        return [page]

    def draw(c: Ctx, s) -> None:
        page.draw(c, s)
        qr.draw(c, s, D.COVER_BOTTOM - D.QR_CARD)

    return [Page(slide.title, draw, cover=True)]
