"""The one-page PDF handout's geometry and type scale: page size, margins, grid, sizes and floors.

Every number the one-pager uses lives here; ``render/pdf/`` only arranges them. Each text
role has a design size and a floor: when content is too long, the fitter walks ``LEVELS``
steps from the design sizes down to the floors (gaps shrink with them), so the typographic
hierarchy holds at every step. Colours come from the theme's palette; the mixes below say how
much of a palette colour to lay over another (for text on the header band, panel fills).
"""

from __future__ import annotations

from dataclasses import field

from briefgen.frozen import frozen

MM = 72 / 25.4                         # points per millimetre
A4 = (595.2756, 841.8898)              # 210 × 297 mm in points


@frozen
class Size:
    """A text role's design size and the smallest size the fitter may shrink it to (pt)."""

    design: float
    floor: float

    def at(self, level: int) -> float:
        """Return the size at fitting ``level`` (0 = design size, LEVELS = floor)."""
        return round(self.design - (self.design - self.floor) * level / LEVELS, 2)


LEVELS = 8                             # shrink steps between design sizes and floors


@frozen
class TypeScale:
    """Sizes of every text role on the page.

    The floors are the print minimums on A4: body and narrative 9 pt, KPI labels and list
    items 8 pt, dates and captions 7.5 pt, source notes, note marks and footer 7 pt. The
    title has one size (design = floor), so every handout of a theme carries the same one.
    """

    wordmark: Size = Size(10.0, 9.0)
    entity: Size = Size(10.0, 9.0)
    title: Size = Size(22.0, 22.0)
    subtitle: Size = Size(11.0, 10.0)
    header_meta: Size = Size(8.5, 7.5)
    kpi_number: Size = Size(28.0, 20.0)
    kpi_affix: Size = Size(10.5, 9.0)
    kpi_label: Size = Size(9.0, 8.0)
    kpi_period: Size = Size(8.0, 7.5)
    heading: Size = Size(11.0, 9.5)
    notes_heading: Size = Size(9.0, 8.0)
    lead: Size = Size(10.5, 9.0)
    item: Size = Size(9.5, 8.5)        # list items, timeline events, contact lines
    event_date: Size = Size(8.5, 7.5)
    note: Size = Size(7.8, 7.0)        # the sources block
    mark: Size = Size(7.0, 7.0)        # note marks: never smaller, at any text size
    footer: Size = Size(7.8, 7.0)


@frozen
class Spacing:
    """Vertical gaps (pt) at design size; they shrink by up to ``shrink`` at the floor."""

    header_pad_top: float = 24.0
    header_pad_bottom: float = 20.0
    header_line: float = 4.0           # between the header's lines
    after_header: float = 18.0
    after_kpis: float = 18.0
    between_blocks: float = 16.0       # between blocks in a column
    spread: float = 2.5                # spare height may widen gaps between blocks this many times
    after_heading: float = 6.0
    paragraph: float = 5.0
    event: float = 6.5                 # between timeline events
    event_spread: float = 2.0          # spare height may widen them by this many times
    note: float = 3.0                  # between source entries
    before_notes: float = 14.0
    before_footer: float = 9.0
    shrink: float = 0.45

    def at(self, name: str, level: int) -> float:
        """Return gap ``name`` at fitting ``level``."""
        return getattr(self, name) * (1 - self.shrink * level / LEVELS)


@frozen
class Grid:
    """The column grid: 12 columns between the side margins."""

    columns: int = 12
    gutter: float = 14.0
    margin_x: float = 14 * MM
    margin_bottom: float = 12 * MM     # the header band bleeds off the top instead
    main_span: int = 7                 # charts and narrative
    side_span: int = 5                 # timeline, lists, contact (a tinted panel)
    note_columns: int = 2
    kpi_per_row: int = 6               # most KPI cells in a row
    kpi_label_lines: int = 3           # a KPI label taller than this asks for wider cells


@frozen
class Leading:
    """Line pitch as a multiple of the font size, per language (Chinese needs more air)."""

    zh: float = 1.62
    en: float = 1.36
    tight: float = 1.18                # headings, the title, KPI numbers

    def body(self, lang: str) -> float:
        """Return the body line pitch factor for ``lang``."""
        return self.zh if lang == "zh" else self.en


@frozen
class Charts:
    """Chart box heights (pt), footnote and source line included: charts get what the column leaves."""

    min_height: float = 125.0
    max_height: float = 300.0


@frozen
class Marks:
    """Small drawn details (pt) and colour mixes (0 = first colour, 1 = second)."""

    rule: float = 0.5                  # hairlines
    header_rule: float = 3.0           # accent rule under the header band
    heading_bar: float = 1.6           # accent bar over a heading's hairline
    heading_bar_len: float = 22.0
    kpi_rule: float = 2.0              # top rule of each KPI cell
    kpi_pad: float = 9.0               # inner padding of a KPI cell
    lead_bar: float = 2.5              # the narrative's left bar
    lead_indent: float = 10.0
    panel_pad: float = 12.0            # inner padding of the side panel
    dot: float = 2.4                   # timeline dot radius
    rail: float = 0.8                  # timeline rail
    event_indent: float = 12.0
    note_indent: float = 9.0           # hanging indent of a numbered note
    bullet_indent: float = 9.0
    bullet: float = 0.32               # square list marker, in em of the item text
    middle: float = 0.36               # middle of a capital or an ideograph above the baseline (em)
    title_measure: float = 0.88        # share of the content width the title may fill
    wordmark_gap: float = 0.7          # each side of the wordmark's divider, in em
    header_gap: float = 20.0           # between the entity name and the as-of date
    footer_gap: float = 24.0           # between the footer text and the wordmark
    sup_scale: float = 0.62            # superscript size / text size (never under type.mark)
    sup_rise: float = 0.40             # superscript rise / text size
    sup_gap: float = 0.07              # gap before a superscript / the preceding text's size
    header_soft: float = 0.72          # white over primary: secondary header text
    header_faint: float = 0.55         # white over primary: header meta line


@frozen
class PageStyle:
    """Everything that sizes and places the one-pager."""

    size: tuple[float, float] = A4
    type: TypeScale = field(default_factory=TypeScale)
    space: Spacing = field(default_factory=Spacing)
    grid: Grid = field(default_factory=Grid)
    leading: Leading = field(default_factory=Leading)
    charts: Charts = field(default_factory=Charts)
    marks: Marks = field(default_factory=Marks)

    @property
    def content_width(self) -> float:
        """The width between the side margins (pt)."""
        return self.size[0] - 2 * self.grid.margin_x

    def span(self, columns: int) -> float:
        """Return the width (pt) of ``columns`` grid columns and the gutters between them."""
        g = self.grid
        col = (self.content_width - (g.columns - 1) * g.gutter) / g.columns
        return columns * col + (columns - 1) * g.gutter


PAGE = PageStyle()
