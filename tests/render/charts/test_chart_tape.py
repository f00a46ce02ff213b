"""Tests for briefgen.render.charts.tape: a replayed tape makes the page byte for byte; a bad one touches nothing."""

from __future__ import annotations

import io
import json

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from briefgen.render.charts import tape


def _canvas() -> Canvas:
    c = Canvas(io.BytesIO(), pagesize=(200, 200), invariant=1)
    c.setFont("Helvetica", 9)
    return c


def _pdf(c: Canvas) -> bytes:
    c.showPage()
    c.save()
    return c._filename.getvalue()


def _draw(c) -> None:
    """Draw as reportlab's renderer does: state, a path, colours with alpha, text, a read."""
    c.saveState()
    c.transform(1.5, 0, 0, 0.5, 10.25, 20)
    c.setFillColor(Color(0.1, 0.2, 0.3, 0.5))
    c.setStrokeColor(Color(1, 0, 0, 1))
    c.setLineWidth(0.75)
    c.setDash((2, 1), 0)
    p = c.beginPath()
    p.moveTo(0, 0)
    p.lineTo(50, 10.5)
    p.curveTo(60, 20, 70, 30, 80, 5)
    p.close()
    c.drawPath(p, fill=1, stroke=1, fillMode=None)
    c.setFont(c._fontname, 12)
    c.drawString(5, 100, "图表 2024")
    c._fillMode = 1
    c.restoreState()


def test_a_replayed_tape_makes_the_same_pdf_as_drawing_live():
    live = _canvas()
    _draw(live)
    recorded = _canvas()
    data = tape.record(recorded, _draw)
    assert data is not None
    replayed = _canvas()
    assert tape.replay(data, replayed) is True
    assert _pdf(replayed) == _pdf(recorded) == _pdf(live)


def test_a_tape_notes_what_the_drawing_read_and_refuses_a_canvas_in_another_state():
    data = tape.record(_canvas(), _draw)
    assert json.loads(data)["read"] == {"_fontname": "Helvetica"}
    other = _canvas()
    other.setFont("Times-Roman", 9)
    untouched = _canvas()
    untouched.setFont("Times-Roman", 9)
    assert tape.replay(data, other) is False
    assert _pdf(other) == _pdf(untouched)


def test_an_unreadable_or_foreign_tape_touches_nothing():
    good = json.loads(tape.record(_canvas(), _draw))
    bad = [b"", b"{", b'{"format": 99, "read": {}, "calls": []}',
           json.dumps({**good, "calls": good["calls"] + [["c", "noSuchMethod", [], {}]]}).encode(),
           json.dumps({**good, "calls": good["calls"] + [["p", 0, "lineTo", [1, 2], {}]]}).encode(),
           json.dumps({**good, "calls": good["calls"] + [["c", "setFillColor", [{"$x": 1}], {}]]}).encode()]
    for data in bad:
        c, fresh = _canvas(), _canvas()
        assert tape.replay(data, c) is False, data[:40]
        assert _pdf(c) == _pdf(fresh)


def test_a_drawing_with_a_call_a_tape_cannot_hold_still_draws_but_keeps_no_tape():
    def draw(c):
        c.setFillColor(Color(0, 0, 1))
        c.setTitle(object())            # not plain data: cannot be written down

    seen = []
    c = _canvas()
    c.setTitle = seen.append
    assert tape.record(c, draw) is None
    assert len(seen) == 1


def test_a_tape_can_only_draw_never_save_name_or_redirect_the_canvas():
    """A cache entry that asks for more than drawing (a save, a new file name, document
    metadata, a new page) is refused before any call, and a drawing that makes such a call
    keeps no tape."""
    good = json.loads(tape.record(_canvas(), _draw))
    for extra in (["c", "save", [], {}], ["c", "showPage", [], {}], ["c", "setAuthor", ["x"], {}],
                  ["s", "_filename", "/tmp/briefgen-planted.pdf"], ["c", "drawImage", ["/etc/passwd", 0, 0], {}]):
        data = json.dumps({**good, "calls": good["calls"] + [extra]}).encode()
        c, fresh = _canvas(), _canvas()
        assert tape.replay(data, c) is False, extra
        assert _pdf(c) == _pdf(fresh)

    def draws_then_names(c):
        _draw(c)
        c.setAuthor("someone")

    assert tape.record(_canvas(), draws_then_names) is None
