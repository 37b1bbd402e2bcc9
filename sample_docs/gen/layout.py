"""Lays a form out on A4 pages the way a Word export looks: a title, ruled
tables (every cell boxed), paragraphs. Positions are in PDF points with the
origin at the page's top-left. The same layout is drawn as a PDF with a text
layer (pdfdraw.py) and as raster pages for scans and photos (imaging.py), so
a value's place is known in every rendering.

Blocks are those of generate.build_form: ("title", t) | ("text", t[, align])
| ("empty",) | ("table", ncols, rows) | ("para", E[, align]) | ("gap", pt)
| ("pagebreak",). Rows: ("section", t) | ("wide", E) | ("pair", E, E) |
("row", E) | ("header", [E...]) | ("years", label, [E...]) | ("cellpair", E).
"""

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

CJK_FONT = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
SYM_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_FILES = {"cjk": CJK_FONT, "sym": SYM_FONT}
PDF_NAMES = {"cjk": "DroidSansFallback", "sym": "DejaVuSans"}

PAGE_W, PAGE_H = 595.28, 841.89
MARGIN = 62.0  # left and right
MARGIN_Y = 48.0  # top and bottom
BODY = 10.5
LINE = BODY * 1.45
PAD_X, PAD_Y = 4.0, 4.0
MIN_ROW = 22.0
# The em box of a CJK glyph around its baseline, in ems: what a highlight of
# the value covers.
ASCENT, DESCENT = 0.88, 0.12

_registered = []


def register_fonts():
    if _registered:
        return
    for key, path in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(PDF_NAMES[key], path))
    _registered.append(True)


def _has_glyph(ch):
    register_fonts()
    face = pdfmetrics.getFont(PDF_NAMES["cjk"]).face
    return ord(ch) in face.charToGlyph


def runs_of(text):
    """Splits text into (font key, text) runs: CJK font where it has the glyph,
    DejaVu Sans for box glyphs and dashes (as Word falls back to another font)."""
    runs = []
    for ch in text:
        key = "cjk" if (ch == " " or _has_glyph(ch)) else "sym"
        if runs and runs[-1][0] == key:
            runs[-1] = (key, runs[-1][1] + ch)
        else:
            runs.append((key, ch))
    return runs


def width(text, size):
    register_fonts()
    return sum(pdfmetrics.stringWidth(t, PDF_NAMES[k], size) for k, t in runs_of(text))


def _wordish(ch):
    return ch.isascii() and (ch.isalnum() or ch in ".@:/-_,")


def wrap(text, size, avail, measure=None):
    """Breaks text into lines that fit `avail`: anywhere between CJK
    characters, never inside a run of ASCII letters and digits (a number, a
    code, an address) unless the run alone is wider than a line."""
    measure = measure or width
    lines = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if line and measure(line + ch, size) > avail:
                carry = ""
                if _wordish(ch):
                    while line and _wordish(line[-1]):
                        carry = line[-1] + carry
                        line = line[:-1]
                    if not line:
                        line, carry = carry, ""
                lines.append(line.rstrip())
                line = (carry + ch).lstrip()
            else:
                line += ch
        lines.append(line)
    return lines


class Text:
    """One line of text: left x, baseline y (top-left origin), size in points."""

    def __init__(self, x, baseline, size, text, entry=None):
        self.x, self.baseline, self.size, self.text, self.entry = x, baseline, size, text, entry

    def box(self):
        return [self.x, self.baseline - ASCENT * self.size,
                self.x + width(self.text, self.size), self.baseline + DESCENT * self.size]


class Page:
    def __init__(self):
        self.lines = []  # (x0, y0, x1, y1)
        self.texts = []


class Layout:
    def __init__(self):
        self.pages = [Page()]
        self.y = MARGIN_Y
        self.placed = []  # (entry, how) in document order, as build_form gives them

    @property
    def page(self):
        return self.pages[-1]

    def need(self, height):
        if self.y + height > PAGE_H - MARGIN_Y:
            self.pages.append(Page())
            self.y = MARGIN_Y

    def entry_boxes(self):
        """entry → (page number from 1, [line boxes]) for every value drawn."""
        out = {}
        for n, page in enumerate(self.pages, 1):
            for t in page.texts:
                if t.entry is not None:
                    prev = out.get(id(t.entry))
                    assert prev is None or prev[0] == n, "a value split over two pages"
                    out.setdefault(id(t.entry), (n, []))[1].append(t.box())
        return out


def _text_lines(layout, x0, x1, top, height, lines, size, align, entry, label_prefix=None):
    """Places lines vertically centred in [top, top+height]; a label prefix
    (for "label：value" cells) is drawn before the value on its first line."""
    block = len(lines) * size * 1.45
    y = top + (height - block) / 2.0
    for i, line in enumerate(lines):
        baseline = y + i * size * 1.45 + size * 1.45 / 2.0 + size * 0.36
        if align == "center":
            x = (x0 + x1 - width(line, size)) / 2.0
        elif align == "right":
            x = x1 - width(line, size)
        else:
            x = x0
        if label_prefix and i == 0:
            layout.page.texts.append(Text(x, baseline, size, label_prefix))
            x += width(label_prefix, size)
        if line:
            layout.page.texts.append(Text(x, baseline, size, line, entry))


def _cell_lines(text, w, size=BODY):
    return wrap(text, size, w - 2 * PAD_X)


def _table(layout, ncols, rows, widths):
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    assert abs(xs[-1] - (PAGE_W - MARGIN)) < 0.5, xs

    def span_w(c0, c1):
        return xs[c1] - xs[c0]

    def draw_box(x0, y0, x1, y1):
        layout.page.lines.extend([(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)])

    for row in rows:
        kind = row[0]
        # cells: (col0, col1, text, align, entry, prefix)
        if kind == "section":
            cells = [[(0, ncols, row[1], "left", None, None)]]
        elif kind == "wide":
            e = row[1]
            cells = [[(0, 1, e.label, "center", None, None), (1, ncols, e.text(), "left", e, None)]]
            layout.placed.append((e, "right"))
        elif kind == "row":
            e = row[1]
            cells = [[(0, 1, e.label, "center", None, None), (1, 2, e.text(), "left", e, None)]]
            layout.placed.append((e, "right"))
        elif kind == "pair":
            cells = [[]]
            for i, e in enumerate(row[1:]):
                cells[0] += [(2 * i, 2 * i + 1, e.label, "center", None, None),
                             (2 * i + 1, 2 * i + 2, e.text(), "left", e, None)]
                layout.placed.append((e, "right"))
        elif kind == "cellpair":
            e = row[1]
            cells = [[(0, ncols, e.text(), "left", e, e.label + "：")]]
            layout.placed.append((e, "same"))
        elif kind == "header":
            cells = [[(i, i + 1, e.label, "center", None, None) for i, e in enumerate(row[1])],
                     [(i, i + 1, e.text(), "center", e, None) for i, e in enumerate(row[1])]]
            layout.placed.extend((e, "below") for e in row[1])
        elif kind == "years":
            cells = [[(i + 1, i + 2, e.label, "center", None, None) for i, e in enumerate(row[2])],
                     [(i + 1, i + 2, e.text(), "center", e, None) for i, e in enumerate(row[2])]]
            layout.placed.extend((e, "below") for e in row[2])
        else:
            raise ValueError(kind)

        heights = []
        for sub in cells:
            h = MIN_ROW
            for c0, c1, text, _, _, prefix in sub:
                lines = _cell_lines((prefix or "") + text, span_w(c0, c1))
                h = max(h, len(lines) * LINE + 2 * PAD_Y)
            heights.append(h)
        total = sum(heights)
        if kind == "years":
            label_lines = _cell_lines(row[1], span_w(0, 1))
            total = max(total, len(label_lines) * LINE + 2 * PAD_Y)
            heights[-1] = total - heights[0]
        layout.need(total)
        top = layout.y
        if kind == "years":
            draw_box(xs[0], top, xs[1], top + total)
            _text_lines(layout, xs[0] + PAD_X, xs[1] - PAD_X, top, total, label_lines, BODY, "center", None)
        for sub, h in zip(cells, heights):
            for c0, c1, text, align, entry, prefix in sub:
                x0, x1 = xs[c0], xs[c1]
                draw_box(x0, top, x1, top + h)
                if prefix:
                    # "label：value" in one cell: the value follows the label.
                    lines = _cell_lines(prefix + text, span_w(c0, c1))
                    assert lines[0].startswith(prefix), lines
                    lines[0] = lines[0][len(prefix):]
                else:
                    lines = _cell_lines(text, span_w(c0, c1))
                _text_lines(layout, x0 + PAD_X, x1 - PAD_X, top, h, lines, BODY, align, entry, prefix)
            top += h
        layout.y = top


def column_widths(ncols, label_share=None):
    inner = PAGE_W - 2 * MARGIN
    if ncols == 2:
        share = label_share or 0.34
        return [inner * share, inner * (1 - share)]
    if ncols == 4:
        share = label_share if label_share is not None else 0.19
        lw = inner * share
        vw = inner / 2 - lw
        return [lw, vw, lw, vw]
    return [inner / ncols] * ncols


def lay_out(blocks, label_share=None, header_equal=False):
    layout = Layout()
    for block in blocks:
        kind = block[0]
        if kind == "title":
            size = 16.0
            layout.need(size * 2.2)
            layout.page.texts.append(Text((PAGE_W - width(block[1], size)) / 2, layout.y + size * 1.1,
                                          size, block[1]))
            layout.y += size * 2.2
        elif kind in ("text", "para"):
            align = block[2] if len(block) > 2 else "left"
            if kind == "text":
                prefix, value, entry = None, block[1], None
            else:
                entry = block[1]
                prefix, value, entry = entry.label + "：", entry.text(), entry
                layout.placed.append((entry, "same"))
            full = (prefix or "") + value
            lines = wrap(full, BODY, PAGE_W - 2 * MARGIN)
            if prefix:
                assert lines[0].startswith(prefix)
                lines[0] = lines[0][len(prefix):]
            h = len(lines) * LINE + 4
            layout.need(h)
            x0, x1 = MARGIN, PAGE_W - MARGIN
            if align == "right" and prefix:
                # the label and value end at the right margin together
                x0 = x1 - width(full, BODY)
                align = "left"
            _text_lines(layout, x0, x1, layout.y, h, lines, BODY, align, entry, prefix)
            layout.y += h
        elif kind == "empty":
            layout.y += LINE
        elif kind == "gap":
            layout.y += block[1]
        elif kind == "pagebreak":
            layout.pages.append(Page())
            layout.y = MARGIN_Y
        elif kind == "table":
            ncols = block[1]
            widths = column_widths(ncols, label_share)
            if header_equal and ncols == 4:
                widths = column_widths(ncols, 0.25)
            _table(layout, ncols, block[2], widths)
        else:
            raise ValueError(kind)
    return layout
