"""QR codes for web addresses, the same in the deck and the handout (segno encodes them)."""

from __future__ import annotations

import io

import segno

QR_ERROR = "m"          # error correction: medium (15% of the modules may be lost)


def qr_code(text: str):
    """Return the segno QR code of ``text`` (micro codes left out: phones read them badly)."""
    return segno.make(text, error=QR_ERROR, micro=False, boost_error=False)


def qr_png(text: str, scale: int = 10, dark: str = "#000000") -> bytes:
    """Return ``text`` as a QR code PNG with a four-module quiet zone, ``scale`` pixels a module."""
    buf = io.BytesIO()
    qr_code(text).save(buf, kind="png", scale=scale, border=4, dark=dark, light="#FFFFFF")
    return buf.getvalue()


def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """Return the modules of ``text``'s QR code (True is dark), without the quiet zone."""
    return tuple(tuple(bool(m) for m in row) for row in qr_code(text).matrix)
