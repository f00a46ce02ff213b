"""The two themes, city and park: palette, typefaces and the brand marks, in one place.

Sizes and margins for the deck live in ``theme.deck`` and for the page in ``theme.page``;
this module holds what both share. Renderers take a Theme and never hard-code a colour,
a font name or a size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen.errors import BriefgenError


@dataclass(frozen=True)
class Palette:
    """Hex colours (RRGGBB, no '#')."""

    primary: str            # title bands, big numbers
    secondary: str          # second series, rules
    accent: str             # highlights, the highlighted chart point
    ink: str                # body text
    muted: str              # captions, footers, source lines
    paper: str              # slide / page background
    tint: str               # light panel fill (cards)
    rule: str               # hairlines
    series: tuple[str, ...]  # chart series colours, in order


@dataclass(frozen=True)
class Typefaces:
    """Font names written into the deck, and font files embedded in the PDF.

    The deck names faces its viewers have (PowerPoint substitutes nothing it cannot find
    well for Chinese). The PDF embeds real files: by default Noto Sans CJK SC from the
    manimgx-fonts-cjk package; a theme may name its own files (TrueType or CFF OpenType,
    a .ttc with ``pdf_face_index``).
    """

    deck_latin: str = "Arial"
    deck_east_asian: str = "Microsoft YaHei"
    # what a viewer without YaHei substitutes by: GB2312 charset (134, written signed),
    # a proportional sans (pitchFamily 34) and YaHei's PANOSE
    deck_east_asian_attrs: tuple[tuple[str, str], ...] = (
        ("panose", "020B0503020204020204"), ("pitchFamily", "34"), ("charset", "-122"))
    pdf_regular: str = ""           # path to a font file; "" = the packaged Noto Sans CJK SC
    pdf_bold: str = ""              # path; "" = the packaged font at weight 700
    pdf_face_name: str = "Noto Sans CJK SC"   # which face of a collection to use


@dataclass(frozen=True)
class Theme:
    name: str
    palette: Palette
    fonts: Typefaces = field(default_factory=Typefaces)
    wordmark: dict = field(default_factory=dict)   # {"zh": ..., "en": ...} short brand text
    logo: str = ""                  # optional path under assets/ for a logo image
    # the organisation's contact details, used where a spec gives none: "address" ({"zh", "en"}),
    # "phone", "email", "web"; fill in only what the organisation confirms
    contact: dict = field(default_factory=dict)


CITY = Theme(
    name="city",
    palette=Palette(
        primary="1D3557", secondary="457B9D", accent="C8102E", ink="1F2933",
        muted="6B7280", paper="FFFFFF", tint="F1F4F8", rule="D5DCE4",
        series=("1D3557", "C8102E", "457B9D", "E0A100", "8AA1B9"),
    ),
    wordmark={"zh": "江阴", "en": "JIANGYIN"},
)

PARK = Theme(
    name="park",
    palette=Palette(
        primary="0B4F6C", secondary="1B998B", accent="F28C28", ink="1C2B33",
        muted="66737D", paper="FFFFFF", tint="EEF5F7", rule="CFDDE2",
        series=("0B4F6C", "F28C28", "1B998B", "8FB8C9", "C65D1E"),
    ),
    wordmark={"zh": "澄靖园区", "en": "JIANGYIN–JINGJIANG"},
)

THEMES = {t.name: t for t in (CITY, PARK)}


def get_theme(name: str) -> Theme:
    """Return the theme called ``name``."""
    try:
        return THEMES[name]
    except KeyError:
        raise BriefgenError(
            f"theme: expected one of {', '.join(sorted(THEMES))} but received {name!r}"
        ) from None
