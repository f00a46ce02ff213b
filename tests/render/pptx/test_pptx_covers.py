"""Tests of the covers: full bleed, title in the placeholder, stacks that move up for long text."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen.errors import FitError, Origin
from briefgen.model import Contact
from briefgen.render.pptx.covers import Piece, stack
from briefgen.theme import PARK
from briefgen.theme import deck as D
from model_samples import briefing
from test_render_pptx import open_deck, render_deck, shape_named, with_slides


def _noop(c, s, y):
    return None


def test_a_stack_starts_at_its_top_and_moves_up_to_end_by_its_bottom():
    pieces = [Piece(0, 50, _noop), Piece(10, 40, _noop)]
    assert stack(pieces, 200, 480, None) == [200, 260]
    assert stack(pieces, 420, 480, None) == [380, 440]
    with pytest.raises(FitError, match=r"^c.yaml:1:1: the cover text overflows its box by \d+ pt"):
        stack([Piece(0, 500, _noop)], 200, 480, Origin("c.yaml", 1, 1))


@pytest.mark.parametrize("kind", ["title", "section", "closing"])
def test_covers_are_full_bleed_with_the_title_in_the_title_placeholder(kind):
    model = briefing("zh")
    slide = next(s for s in model.slides if s.kind == kind)
    page = open_deck(render_deck(with_slides(model, slide))[0]).slides[0]
    assert str(page.background.fill.fore_color.rgb) == PARK.palette.primary
    assert page.shapes.title.text == slide.title
    assert not page.has_notes_slide
    assert shape_named(page, "Wordmark")[0].text_frame.text == PARK.wordmark["zh"]


def test_section_dividers_are_numbered_in_order():
    model = briefing("en")
    section = next(s for s in model.slides if s.kind == "section")
    prs = open_deck(render_deck(with_slides(model, section, section))[0])
    assert [shape_named(s, "Section number")[0].text_frame.text for s in prs.slides] == ["01", "02"]


def test_a_long_title_pushes_the_stack_up_and_never_onto_the_issuer_line():
    model = briefing("en")
    title = dataclasses.replace(model.slides[0], title="Jiangsu Jiangyin–Jingjiang Industrial "
                                "Park: an investor briefing for 2025 and beyond",
                                subtitle="China's first open industrial park built jointly "
                                "across a river and across administrative boundaries")
    page = open_deck(render_deck(with_slides(model, title))[0]).slides[0]
    sub, issuer = shape_named(page, "Subtitle")[0], shape_named(page, "Issuer")[0]
    assert page.shapes.title.top + page.shapes.title.height <= sub.top
    assert sub.top + sub.height + D.COVER_META_GAP * 12700 <= issuer.top + 1
    assert issuer.top + issuer.height <= D.COVER_BOTTOM * 12700 + 1


def test_closing_shows_the_contact_heading_in_bold_then_its_lines():
    model = briefing("en")
    closing = next(s for s in model.slides if s.kind == "closing")
    block = closing.blocks[0]
    assert isinstance(block, Contact)
    closing = dataclasses.replace(closing, blocks=(dataclasses.replace(block, heading="Contact us"),))
    box = shape_named(open_deck(render_deck(with_slides(model, closing))[0]).slides[0], "Contact")[0]
    lines = [p.replace("\x0b", "") for p in box.text_frame.text.split("\n")]   # breaks written in
    assert lines == ["Contact us", *block.lines]
    assert box.text_frame.paragraphs[0].runs[0].font.bold
    assert not box.text_frame.paragraphs[1].runs[0].font.bold


def _section(title: str):
    from briefgen.model import Slide
    return Slide("section", title, (), talking_points=("先讲产业。",))


def test_a_single_section_is_not_numbered_but_two_are():
    model = briefing("zh")
    one = open_deck(render_deck(with_slides(model, _section("产业")))[0])
    assert not shape_named(one.slides[0], "Section number")
    assert shape_named(one.slides[0], "Accent rule")
    two = open_deck(render_deck(with_slides(model, _section("产业"), _section("创新")))[0])
    numbers = [shape_named(s, "Section number")[0].text_frame.text for s in two.slides]
    assert numbers == ["01", "02"]


def test_section_and_closing_slides_carry_the_specs_notes():
    from briefgen.model import Slide
    model = briefing("zh")
    closing = Slide("closing", "谢谢", (Contact(("园区管委会",), "联系我们"),),
                    talking_points=("欢迎洽谈。",))
    prs = open_deck(render_deck(with_slides(model, _section("产业"), closing))[0])
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    assert "先讲产业。" in notes[0] and "欢迎洽谈。" in notes[1]


DETAILS = Contact(("江苏江阴—靖江工业园区管委会",), "联系我们", None, "江苏省靖江市示例路1号",
                  "+86 523 0000 0000", "invest@example.org", "https://example.org/invest",
                  (("address", "地址"), ("phone", "电话"), ("email", "邮箱"), ("web", "网址")))


def _closing(contact: Contact):
    from briefgen.model import Slide
    return Slide("closing", "欢迎投资江阴—靖江工业园区", (contact,))


def test_the_closing_slide_prints_every_contact_detail():
    prs = open_deck(render_deck(with_slides(briefing("zh"), _closing(DETAILS)))[0])
    text = shape_named(prs.slides[0], "Contact")[0].text_frame.text.replace("\n", "|")
    for line in ("联系我们", "江苏江阴—靖江工业园区管委会", "地址：江苏省靖江市示例路1号",
                 "电话：+86 523 0000 0000", "邮箱：invest@example.org", "网址：https://example.org/invest"):
        assert line in text.replace("|", "")


def _modules(png: bytes, size: int) -> tuple[tuple[bool, ...], ...]:
    """Return the QR modules read back from ``png`` (a 4-module quiet zone around ``size``²)."""
    from PIL import Image as PILImage
    import io as _io
    img = PILImage.open(_io.BytesIO(png)).convert("L")
    pitch = img.width / (size + 8)
    return tuple(tuple(img.getpixel((int((4 + c + 0.5) * pitch), int((4 + r + 0.5) * pitch))) < 128
                       for c in range(size)) for r in range(size))


def test_the_qr_code_on_the_closing_slide_encodes_the_web_address():
    from briefgen.render.qr import qr_matrix
    prs = open_deck(render_deck(with_slides(briefing("zh"), _closing(DETAILS)))[0])
    pic = shape_named(prs.slides[0], "QR code")[0]
    want = qr_matrix("https://example.org/invest")
    assert _modules(pic.image.blob, len(want)) == want
    assert _modules(pic.image.blob, len(want)) != qr_matrix("https://example.org/other")
    assert pic.width == pic.height


def test_no_web_address_no_qr_code():
    plain = dataclasses.replace(DETAILS, web="")
    prs = open_deck(render_deck(with_slides(briefing("zh"), _closing(plain)))[0])
    assert not shape_named(prs.slides[0], "QR code")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_contact_text_keeps_clear_of_the_decorative_discs(lang):
    long = dataclasses.replace(DETAILS, lines=("Administrative Committee, Jiangsu Jiangyin–Jingjiang "
                                               "Industrial Park",) * 2)
    prs = open_deck(render_deck(with_slides(briefing(lang), _closing(long)))[0])
    box = shape_named(prs.slides[0], "Contact")[0]
    left, top = box.left / 12700, box.top / 12700
    right, bottom = left + box.width / 12700, top + box.height / 12700
    for cx, cy, r, _ in D.COVER_DISCS:          # the box's nearest point to each disc is outside it
        nx, ny = min(max(cx, left), right), min(max(cy, top), bottom)
        assert ((nx - cx) ** 2 + (ny - cy) ** 2) ** 0.5 >= r + D.COVER_CLEARANCE - 0.5
    qr = shape_named(prs.slides[0], "QR card")[0]
    assert qr.left / 12700 >= right


CONTACT_SPEC = """\
title: {zh: 江阴, en: Jiangyin}
entity: city
lang: [zh, en]
contact:
  lines: [{zh: 江阴市人民政府, en: Jiangyin Municipal People's Government}]
  address: {zh: 江苏省江阴市示例路1号, en: "1 Example Road, Jiangyin"}
  phone: "+86 510 0000 0000"
  email: invest@example.org
  web: https://example.org/jiangyin
deck:
  - type: closing
    title: {zh: 欢迎来到江阴, en: Welcome to Jiangyin}
onepager:
  - type: kpis
    facts: [city.economy.gdp_5000, city.economy.county_lead_years, city.business.enterprises]
  - type: contact
"""


def test_a_spec_with_contact_details_builds_a_closing_slide_with_them_and_their_qr_code(tmp_path):
    from briefgen.build import build
    from briefgen.render.qr import qr_matrix
    from paths import ROOT
    (tmp_path / "assets").symlink_to(ROOT / "assets")
    spec = tmp_path / "contact.yaml"
    spec.write_text(CONTACT_SPEC, encoding="utf-8")
    build(spec, tmp_path / "out", ["pptx"])
    for name, address in (("contact.pptx", "地址：江苏省江阴市示例路1号"),
                          ("contact.en.pptx", "Address: 1 Example Road, Jiangyin")):
        page = open_deck((tmp_path / "out" / name).read_bytes()).slides[0]
        text = shape_named(page, "Contact")[0].text_frame.text.replace("\n", "")
        assert address in text and "invest@example.org" in text and "+86 510 0000 0000" in text
        png = shape_named(page, "QR code")[0].image.blob
        want = qr_matrix("https://example.org/jiangyin")
        assert _modules(png, len(want)) == want
