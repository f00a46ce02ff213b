"""What a theme is: palette, typefaces, brand marks and template; the values live in theme files.

Sizes and margins for the deck live in ``theme.deck`` and for the page in ``theme.page``;
this module holds what both share. The built-in themes city and park are YAML files in
``theme/builtin/``; a spec may name its own theme file instead (``theme.load``). Renderers take a Theme and never hard-code a colour,
a font name or a size.
"""

from __future__ import annotations

from dataclasses import field

from briefgen.frozen import frozen


@frozen
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


@frozen
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
    deck_east_asian_file: str = ""  # the installed file of the deck's East Asian face, checked
    deck_east_asian_index: int = 0  # for glyphs ("" when it is not installed here)
    pdf_regular: str = ""           # path to a font file; "" = the packaged Noto Sans CJK SC
    pdf_bold: str = ""              # path; "" = the packaged font at weight 700
    pdf_face_name: str = "Noto Sans CJK SC"   # which face of a collection to use


@frozen
class LogoPlace:
    """Where a theme's logo sits, in points: on a paper-coloured plate so it reads on any band."""

    deck_h: float = 40.0            # cover and closing slide: height, widest, from the top right
    deck_max_w: float = 150.0
    deck_top: float = 40.0
    deck_right: float = 48.0
    deck_pad: float = 6.0           # plate around the logo
    page_h: float = 26.0            # handout header: height, widest (right-aligned under the date)
    page_max_w: float = 90.0
    page_pad: float = 3.0
    page_gap: float = 6.0           # below the header's first line


@frozen
class Theme:
    name: str
    palette: Palette
    fonts: Typefaces = field(default_factory=Typefaces)
    wordmark: dict = field(default_factory=dict)   # {"zh": ..., "en": ...} short brand text
    logo: str = ""                  # absolute path of the checked logo picture, or ""
    folder: str = ""                # the folder of the theme's file (pictures may come from it)
    template: str = ""              # absolute path of a PowerPoint template (.pptx/.potx), or ""
    logo_place: LogoPlace = field(default_factory=LogoPlace)
    # the organisation's contact details, used where a spec gives none: "address" ({"zh", "en"}),
    # "phone", "email", "web"; fill in only what the organisation confirms
    contact: dict = field(default_factory=dict)
    # the template's layout per slide type from its mapping file: (type, master, layout), from 0
    layouts: tuple[tuple[str, int, int], ...] = ()
    warnings: tuple[str, ...] = ()  # what a build should say about the theme (its template's fonts)
    # (path, size, mtime) of the files the theme draws from (template, its mapping, logo), so a
    # theme whose files changed is not equal to the one read before (a watch loop re-renders)
    stamps: tuple[tuple[str, int, int], ...] = ()


BUILTIN = ("city", "park")         # briefgen/theme/builtin/<name>.yaml


def get_theme(name: str, spec_dir: str | None = None) -> Theme:
    """Return the built-in theme ``name``, or the theme file ``name`` beside the spec."""
    from briefgen.theme.load import theme_for

    return theme_for(name, spec_dir)


def __getattr__(name: str) -> Theme:
    """Return CITY or PARK, the built-in themes, read from their files on first use."""
    if name in ("CITY", "PARK"):
        return get_theme(name.lower())
    raise AttributeError(name)
