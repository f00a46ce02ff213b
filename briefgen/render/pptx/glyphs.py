"""The deck's glyph check: every character a slide or its notes print must be one the deck's faces have."""

from __future__ import annotations

from briefgen.errors import FontError, Problems
from briefgen.fonts.measure import deck_metrics, require_glyphs
from briefgen.model import texts


def check_deck_glyphs(slides, fonts=None) -> None:
    """Raise FontError (Problems when several) for a slide whose text has a character no deck face has.

    A viewer draws such a character as an empty box, so it is refused at the slide's spec location.
    With ``fonts`` (the theme's Typefaces) naming an installed East Asian face (a template's),
    its Chinese characters are checked in that face too.
    """
    metrics = deck_metrics(False)
    per_slide = [(slide, list(texts(slide))) for slide in slides]
    if not (fonts is not None and fonts.deck_east_asian_file) and not metrics.missing(
            "".join(t for _, ts in per_slide for t in ts)):
        return                          # every character has a glyph: no text to look at alone
    problems: list[FontError] = []
    for slide, slide_texts in per_slide:
        for text in slide_texts:
            try:
                require_glyphs(text, metrics, slide.origin)
                _in_east_asian_face(text, fonts, slide.origin)
            except FontError as e:
                problems.append(e)
                break
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise Problems(problems)


def _in_east_asian_face(text: str, fonts, where) -> None:
    """Raise FontError when a Chinese character of ``text`` is missing from the installed EA face."""
    if fonts is None or not fonts.deck_east_asian_file:
        return
    from briefgen.theme.template_theme import face_chars

    have = face_chars(fonts.deck_east_asian_file, fonts.deck_east_asian_index)
    missing = [ch for ch in text if ord(ch) >= 0x2E80 and ord(ch) not in have]
    if missing:
        ch = missing[0]
        raise FontError(f"no glyph for '{ch}' (U+{ord(ch):04X}) in the East Asian font "
                        f"{fonts.deck_east_asian} ({fonts.deck_east_asian_file}), in text "
                        f"'{text[:25]}'; name another east_asian font in the theme file", origin=where)
