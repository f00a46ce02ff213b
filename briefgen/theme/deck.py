"""The deck's geometry and type scale: every size, margin, spacing and floor the slides use.

All lengths are in points (1/72 in; the renderer converts to EMU at the last moment).
The slide is 16:9, 13.333 × 7.5 in. Colours come from the theme's palette; this module
says only which palette role a part of a slide takes where that is a layout decision.
"""

from __future__ import annotations

from briefgen.frozen import frozen


@frozen
class Range:
    """A font size that may shrink from ``max`` down to its floor ``min`` (points)."""

    max: float
    min: float


# --- the page and its grid -------------------------------------------------------------
SLIDE_W = 960.0                 # 13.333 in
SLIDE_H = 540.0                 # 7.5 in
MARGIN_X = 60.0                 # left and right margin
COLUMNS = 12
GUTTER = 24.0
CONTENT_W = SLIDE_W - 2 * MARGIN_X
COLUMN_W = (CONTENT_W - (COLUMNS - 1) * GUTTER) / COLUMNS


def grid_x(col: int, span: int) -> tuple[float, float]:
    """Return (x, width) of ``span`` grid columns starting at column ``col`` (0-based)."""
    x = MARGIN_X + col * (COLUMN_W + GUTTER)
    return x, span * COLUMN_W + (span - 1) * GUTTER


# --- title area of content slides --------------------------------------------------------
KICKER_Y = 36.0                 # the short accent rule above the title
KICKER_W = 40.0
KICKER_H = 4.0
TITLE_Y = 48.0
TITLE_H = 70.0                  # two lines at the largest size
TITLE = Range(30, 22)
TITLE_ONE_LINE = Range(30, 24)  # a title shrinks this far to stay on one line, then wraps
TITLE_LINE = 1.15               # line pitch as a multiple of the size
SUBTITLE = Range(16, 14)
SUBTITLE_GAP = 4.0

# --- body area ---------------------------------------------------------------------------
BODY_Y = 136.0
BODY_BOTTOM = 474.0
BODY_H = BODY_BOTTOM - BODY_Y

# --- footer ------------------------------------------------------------------------------
FOOTER_RULE_Y = 490.0
FOOTER_Y = 498.0
FOOTER_H = 26.0                 # two lines at the footer size
FOOTER = Range(10, 8)           # source line, as-of, page number
FOOTER_LINE = 1.2
WORDMARK_SIZE = 12.0
WORDMARK_GAP = 16.0             # between the wordmark and the source line
FOOTER_RIGHT_W = 200.0          # "data as of … · 3"
PAGE_NUMBER_SIZE = 12.0

# --- body text ---------------------------------------------------------------------------
BODY = Range(22, 14)            # body text never goes below 14 pt
BODY_LINE = 1.4
PARA_SPACE = 10.0               # space between paragraphs
BULLET_INDENT = 26.0            # hanging indent of a bullet marker
SUB_BULLET_INDENT = 26.0        # extra indent per list level
BULLET_CHAR = "■"
BULLET_SCALE = 55               # marker size, percent of the text size
HEADING = Range(22, 16)         # a block heading above a list
HEADING_GAP = 12.0
WIDTH_MARGIN = 0.06             # viewers substitute fonts: keep this much of a line free
LIST_COLUMNS_MAX = 3            # headed lists of one bullets slide drawn side by side
CAPTION = Range(12, 10)         # chart footnotes, picture captions
CAPTION_LINE = 1.3

# --- cover slides: title, section divider, closing ----------------------------------------
COVER_TEXT_X = 72.0
COVER_TEXT_W = 600.0
COVER_TITLE = Range(48, 30)
COVER_TITLE_LINE = 1.15
COVER_TITLE_Y = 200.0
COVER_TITLE_H = 150.0
COVER_SUB = Range(24, 16)
COVER_SUB_H = 70.0
COVER_RULE_W = 64.0
COVER_RULE_H = 6.0
COVER_GAP = 18.0
COVER_META = Range(14, 12)      # issuer and date on the title slide
COVER_META_GAP = 40.0           # between the subtitle and the issuer line
COVER_TOP = 96.0                # no cover text above this (the wordmark's place)
COVER_BOTTOM = 480.0            # nor below this
COVER_WORDMARK_Y = 48.0
COVER_WORDMARK_SIZE = 16.0
COVER_WORDMARK_SPACING = 2.0    # letter spacing, points
# decorative discs bleeding off the right edge: (centre x, centre y, radius, alpha %)
COVER_DISCS = ((860.0, 560.0, 330.0, 22), (930.0, 90.0, 170.0, 14))
COVER_DOT = (700.0, 150.0, 12.0)  # a small accent dot: centre x, centre y, radius
SECTION_NUMBER = 110.0
SECTION_NUMBER_Y = 110.0
SECTION_TITLE = Range(44, 30)
SECTION_TITLE_Y = 260.0
CLOSING_CONTACT = Range(20, 14)
CLOSING_CONTACT_H = 190.0
CLOSING_CONTACT_W = 720.0
COVER_CLEARANCE = 24.0          # cover text keeps this far from the decorative discs
QR_CARD = 150.0                 # the white card holding the QR code of the web address
QR_CARD_X = 760.0
QR_PAD = 8.0

# --- KPI cards ---------------------------------------------------------------------------
KPI_NUMBER = Range(72, 32)      # the figure itself
KPI_AFFIX = 0.4                 # prefix and suffix as a multiple of the number size
KPI_AFFIX_MIN = 14.0
KPI_AFFIX_GAP = " "             # between number and suffix when the figure has no separator
KPI_NUMBER_LINE = 1.1
KPI_LABEL = Range(18, 14)
KPI_LABEL_LINE = 1.3
KPI_PERIOD = 14.0
KPI_PAD = 16.0                  # inner padding of a card
KPI_RULE_H = 5.0                # the accent rule on top of a card
KPI_GAP = 10.0                  # between the number and the label
KPI_PERIOD_GAP = 8.0            # between the label and the period
KPI_ROW_GAP = 20.0
KPI_MAX_PER_ROW = 4
KPI_LABEL_LINES = 3             # a label wraps to this many lines before it may take more
KPI_LABEL_MAX_LINES = 5
KPI_COMMENT = Range(20, 14)     # a commentary panel under the cards
KPI_COMMENT_H = 140.0           # the most height it may take
KPI_COMMENT_GAP = 20.0          # between the cards and the panel

# --- zh/en parity ------------------------------------------------------------------------
PARITY_RATIO = 1.25             # a size in one language is at most this times the other's

# --- chart slides ------------------------------------------------------------------------
CHART_COMMENT_SPAN = 4          # grid columns for the commentary beside a chart
COMMENT = Range(22, 14)
COMMENT_PAD = 20.0
COMMENT_RULE_W = 4.0
FOOTNOTE_GAP = 8.0

# --- timeline ----------------------------------------------------------------------------
TIMELINE_AXIS_H = 3.0
TIMELINE_AXIS_AT = 0.3          # a one-sided timeline's axis, as a share of the body height
TIMELINE_DOT = 14.0             # diameter
TIMELINE_DOT_RING = 3.0         # paper-coloured ring around a dot
TIMELINE_STEM = 12.0            # from the axis to a text block
TIMELINE_DATE = Range(20, 14)
TIMELINE_DATE_2 = Range(14, 14)  # dates that need two lines ("8 February 2022 (date inferred)")
TIMELINE_TEXT = Range(18, 14)
TIMELINE_LINE = 1.3
TIMELINE_MIN_SLOT = 150.0       # narrower slots than this alternate above and below
TIMELINE_MAX_EVENTS = 10        # per slide; more continue on the next slide
TIMELINE_GROUP_H = 7.0          # the axis bar joining the events of one year
TIMELINE_TEXT_GAP = 4.0         # between a date and its text
TIMELINE_SIDE_PAD = 8.0         # horizontal breathing room inside a slot

# --- table -------------------------------------------------------------------------------
TABLE_HEADER = Range(16, 14)
TABLE_BODY = Range(20, 14)
TABLE_LINE = 1.3
TABLE_PAD_X = 12.0
TABLE_PAD_Y = 10.0
TABLE_RULE = 0.75               # hairline under each row, points
TABLE_HEADER_RULE = 2.0
TABLE_MIN_COL = 0.18            # no column narrower than this share of the width
TABLE_NOTE_GAP = 8.0            # between the table and the note explaining "—"

# --- two-column comparison ---------------------------------------------------------------
COMPARE_HEAD = Range(24, 16)
COMPARE_HEAD_ONE_LINE = Range(24, 20)   # headings shrink this far to stay on one line
COMPARE_RULE_H = 6.0
COMPARE_HEAD_GAP = 14.0
COMPARE_PANEL_PAD = 24.0

# --- quote -------------------------------------------------------------------------------
QUOTE_TEXT = Range(30, 18)
QUOTE_LINE = 1.45
QUOTE_MARK = 150.0
QUOTE_MARK_H = 110.0
QUOTE_MARK_DX = -6.0            # the mark's box, from the left margin and the quote's top
QUOTE_MARK_DY = -30.0
QUOTE_ATTRIBUTION = Range(16, 14)
QUOTE_INDENT = 96.0

# --- image -------------------------------------------------------------------------------
IMAGE_CAPTION_GAP = 10.0
