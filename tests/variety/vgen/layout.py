"""A small page-layout engine: paragraphs, ruled tables (nested ones too), free text.

The same block model is written to DOCX by docx_out.py; here it is laid out on
pages and drawn with reportlab, and every run that carries a tag (a field key)
records where it was drawn: page and bbox in PDF points, origin top-left.
"""
import os
import re
import unicodedata

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

A4 = (595.28, 841.89)

# TrueType-outline CJK fonts reportlab can embed (Noto CJK is CFF: PIL only).
FONT_FILES = {
    'zenhei': ('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 0, 'WenQuanYi Zen Hei'),
    'microhei': ('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 0, 'WenQuanYi Micro Hei'),
    'ukai': ('/usr/share/fonts/truetype/arphic/ukai.ttc', 0, 'AR PL UKai CN'),
    'uming': ('/usr/share/fonts/truetype/arphic/uming.ttc', 0, 'AR PL UMing CN'),
    'droid': ('/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', 0, 'Droid Sans Fallback'),
}
SYMBOL_FONT = ('dejavu', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')
# Fonts PIL draws with (photos of things, screenshots); Noto works there.
PIL_FONTS = {
    'notosans': ('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 2),
    'notosansbold': ('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', 2),
    'notoserif': ('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 2),
    'notoserifbold': ('/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', 2),
    'zenhei': ('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 0),
    'ukai': ('/usr/share/fonts/truetype/arphic/ukai.ttc', 0),
    'uming': ('/usr/share/fonts/truetype/arphic/uming.ttc', 0),
    'droid': ('/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', 0),
    'dejavu': ('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 0),
    'dejavubold': ('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', 0),
}


def available_fonts():
    """The typefaces forms are set in; all must be there, or the same seed would give other files."""
    missing = [p for p, _, _ in FONT_FILES.values() if not os.path.exists(p)]
    missing += [p for p, _ in PIL_FONTS.values() if not os.path.exists(p)]
    if missing:
        raise RuntimeError('fonts missing (install tests/variety/packages.txt): ' + ', '.join(sorted(set(missing))))
    return list(FONT_FILES)


_registered = {}


def register(key):
    if key in _registered:
        return _registered[key]
    if key == SYMBOL_FONT[0]:
        f = TTFont('dejavu', SYMBOL_FONT[1])
    else:
        path, idx, _ = FONT_FILES[key]
        f = TTFont(key, path, subfontIndex=idx)
    pdfmetrics.registerFont(f)
    cmap = set(f.face.charToGlyph.keys())
    _registered[key] = cmap
    return cmap


class Fonts:
    """A main font with fallbacks for characters it lacks (☑ ☐ ✓ are in DejaVu only)."""

    def __init__(self, main, title=None):
        self.main = main
        self.title = title or main
        self.chain = []
        for k in (main, SYMBOL_FONT[0], 'droid', 'zenhei'):
            if k not in self.chain and (k == SYMBOL_FONT[0] or k in available_fonts()):
                self.chain.append(k)
        for k in self.chain + [self.title]:
            register(k)
        self._w = {}

    def segments(self, text, first=None):
        order = [first or self.main] + [k for k in self.chain if k != (first or self.main)]
        out = []
        for ch in text:
            font = order[0]
            for k in order:
                if ord(ch) in register(k) or ch == ' ':
                    font = k
                    break
            if out and out[-1][1] == font:
                out[-1][0] += ch
            else:
                out.append([ch, font])
        return [(s, f) for s, f in out]

    def width(self, text, size, first=None):
        key = (text, size, first)
        if key not in self._w:
            self._w[key] = sum(pdfmetrics.stringWidth(s, f, size) for s, f in self.segments(text, first))
        return self._w[key]


# --------------------------------------------------------------------------
# the block model

class Run:
    def __init__(self, text, tag=None, bold=False, size=None, underline=False, color=(0, 0, 0), title=False):
        self.text, self.tag, self.bold, self.size = text, tag, bold, size
        self.underline, self.color, self.title = underline, color, title


class P:
    def __init__(self, runs, align='left', size=None, lead=1.45, before=0, after=0, bold=False, indent=0,
                 title=False):
        if isinstance(runs, str):
            runs = [Run(runs)]
        elif isinstance(runs, Run):
            runs = [runs]
        self.runs, self.align, self.size, self.lead = runs, align, size, lead
        self.before, self.after, self.bold, self.indent, self.title = before, after, bold, indent, title

    def text(self):
        return ''.join(r.text for r in self.runs)


class C:
    def __init__(self, content, span=1, align=None, valign='middle', fill=None, pad=None):
        if isinstance(content, (str, Run)):
            content = [P(content)]
        elif isinstance(content, (P, T)):
            content = [content]
        self.content, self.span, self.align, self.valign, self.fill, self.pad = content, span, align, valign, fill, pad


class T:
    def __init__(self, rows, widths, border=0.6, min_row=18, pad=4, align=None):
        self.rows, self.widths, self.border, self.min_row, self.pad = rows, widths, border, min_row, pad
        self.align = align   # default alignment of cells' paragraphs


class PageBreak:
    pass


class Gap:
    def __init__(self, h):
        self.h = h


class Seal:
    """Where a unit puts its round seal (盖章): drawn only on scans and photos."""

    def __init__(self, text, dx=0.6, diameter=120, sub=''):
        self.text, self.dx, self.diameter, self.sub = text, dx, diameter, sub


class Sign:
    """Where someone signs by hand: drawn only on scans and photos."""

    def __init__(self, dx=0.5):
        self.dx = dx


# --------------------------------------------------------------------------
# layout

_CLOSING = set('，。、；：？！）」』》〉】,.;:?!)%')
_LATIN = re.compile(r'[A-Za-z0-9@._\-:/%#&=+~?]+|\s+|.', re.S)


def _atoms(text):
    for m in _LATIN.finditer(text):
        yield m.group(0)


class Line:
    def __init__(self):
        self.items = []  # (x, text, size, run)
        self.width = 0.0
        self.size = 0.0


def wrap(p, width, fonts, base):
    """Lines of a paragraph within width; a line's items hold x from the line start."""
    lines = [Line()]
    first_indent = p.indent * (p.size or base)
    for run in p.runs:
        size = run.size or p.size or base
        ff = fonts.title if (run.title or p.title) else None
        for part_i, part in enumerate(run.text.split('\n')):
            if part_i:
                lines.append(Line())
            for atom in _atoms(part):
                w = fonts.width(atom, size, ff)
                line = lines[-1]
                avail = width - (first_indent if len(lines) == 1 else 0)
                if line.width + w > avail + 0.01 and line.items and not (atom in _CLOSING):
                    if atom.isspace():
                        continue
                    lines.append(Line())
                    line = lines[-1]
                if w > avail and len(atom) > 1:  # a long word: break it by characters
                    for ch in atom:
                        cw = fonts.width(ch, size, ff)
                        if line.width + cw > avail + 0.01 and line.items:
                            lines.append(Line())
                            line = lines[-1]
                        line.items.append([line.width, ch, size, run, ff])
                        line.width += cw
                        line.size = max(line.size, size)
                    continue
                if atom.isspace() and not line.items:
                    continue
                line.items.append([line.width, atom, size, run, ff])
                line.width += w
                line.size = max(line.size, size)
    for ln in lines:
        if not ln.size:
            ln.size = p.size or base
    return lines


class Page:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.ops = []
        self.seals = []    # (cx, cy, diameter, text, sub)
        self.signs = []    # (x, y, w, h)


class Doc:
    """Pages of drawing operations plus the tagged places."""

    def __init__(self, size, margins, fonts, base=10.5):
        self.size, self.margins, self.fonts, self.base = size, margins, fonts, base
        self.pages = []
        self.tags = {}    # tag -> list of (page_index, [x0, y0, x1, y1])
        self.new_page()

    # -- pages
    def new_page(self, size=None):
        w, h = size or self.size
        self.pages.append(Page(w, h))
        self.y = self.margins[1]
        return self.pages[-1]

    @property
    def page(self):
        return self.pages[-1]

    def bottom(self):
        return self.page.h - self.margins[3]

    def left(self):
        return self.margins[0]

    def content_width(self):
        return self.page.w - self.margins[0] - self.margins[2]

    def _tag(self, tag, page_i, box):
        lst = self.tags.setdefault(tag, [])
        # a value drawn on several lines of one cell is one place
        if lst and lst[-1][0] == page_i and lst[-1][2] == self._cell_id:
            b = lst[-1][1]
            lst[-1] = (page_i, [min(b[0], box[0]), min(b[1], box[1]), max(b[2], box[2]), max(b[3], box[3])],
                       self._cell_id)
        else:
            lst.append((page_i, list(box), self._cell_id))

    _cell_id = 0

    # -- paragraphs
    def para_height(self, p, width):
        lines = wrap(p, width, self.fonts, self.base)
        return p.before + sum(ln.size * p.lead for ln in lines) + p.after

    def draw_para(self, p, x, y, width, align=None):
        lines = wrap(p, width, self.fonts, self.base)
        y += p.before
        align = p.align if p.align != 'left' or align is None else align
        page_i = len(self.pages) - 1
        for li, ln in enumerate(lines):
            lh = ln.size * p.lead
            indent = p.indent * (p.size or self.base) if li == 0 else 0
            if align == 'center':
                x0 = x + (width - ln.width) / 2
            elif align == 'right':
                x0 = x + width - ln.width
            elif align == 'justify' and li < len(lines) - 1 and len(ln.items) > 1:
                x0 = x + indent
            else:
                x0 = x + indent
            extra = 0.0
            if align == 'justify' and li < len(lines) - 1 and len(ln.items) > 1:
                extra = max(0.0, (width - indent - ln.width) / (len(ln.items) - 1))
            base_y = y + (lh - ln.size) / 2 + ln.size * 0.86
            for k, (ix, text, size, run, ff) in enumerate(ln.items):
                tx = x0 + ix + extra * k
                self.page.ops.append(('text', tx, base_y, text, size, run.color, run.bold or p.bold, ff))
                w = self.fonts.width(text, size, ff)
                if run.underline:
                    self.page.ops.append(('line', tx, base_y + 2, tx + w, base_y + 2, 0.5, (0, 0, 0)))
                if run.tag and not text.isspace():
                    for tg in (run.tag if isinstance(run.tag, (list, tuple)) else [run.tag]):
                        self._tag(tg, page_i, [tx, base_y - size * 0.88, tx + w, base_y + size * 0.14])
            y += lh
        return y + p.after

    # -- tables
    def _col_x(self, t, x, width):
        xs = [x]
        for w in t.widths:
            xs.append(xs[-1] + w * width)
        xs[-1] = x + width
        return xs

    def _cell_height(self, cell, t, cw):
        pad = t.pad if cell.pad is None else cell.pad
        h = 0.0
        for b in cell.content:
            if isinstance(b, P):
                h += self.para_height(b, cw - 2 * pad)
            elif isinstance(b, T):
                h += self.table_height(b, cw - 2 * pad)
            elif isinstance(b, Gap):
                h += b.h
        return h + 2 * pad

    def row_height(self, t, row, xs):
        h = t.min_row
        ci = 0
        for cell in row:
            cw = xs[ci + cell.span] - xs[ci]
            h = max(h, self._cell_height(cell, t, cw))
            ci += cell.span
        return h

    def table_height(self, t, width):
        xs = self._col_x(t, 0, width)
        return sum(self.row_height(t, r, xs) for r in t.rows)

    def draw_row(self, t, row, xs, y, h):
        ci = 0
        for cell in row:
            x0, x1 = xs[ci], xs[ci + cell.span]
            pad = t.pad if cell.pad is None else cell.pad
            if cell.fill:
                self.page.ops.append(('rect', x0, y, x1 - x0, h, 0, cell.fill))
            if t.border:
                self.page.ops.append(('rect', x0, y, x1 - x0, h, t.border, None))
            ch = self._cell_height(cell, t, x1 - x0) - 2 * pad
            if cell.valign == 'top':
                cy = y + pad
            else:
                cy = y + pad + max(0.0, (h - 2 * pad - ch) / 2)
            Doc._cell_id += 1
            for b in cell.content:
                if isinstance(b, P):
                    cy = self.draw_para(b, x0 + pad, cy, x1 - x0 - 2 * pad, align=cell.align or t.align)
                elif isinstance(b, T):
                    cy = self.draw_table_block(b, x0 + pad, cy, x1 - x0 - 2 * pad)
                elif isinstance(b, Gap):
                    cy += b.h
            Doc._cell_id += 1
            ci += cell.span

    def draw_table_block(self, t, x, y, width):
        xs = self._col_x(t, x, width)
        for row in t.rows:
            h = self.row_height(t, row, xs)
            self.draw_row(t, row, xs, y, h)
            y += h
        return y

    # -- the flow
    def flow(self, blocks):
        for b in blocks:
            if isinstance(b, PageBreak):
                self.new_page()
            elif isinstance(b, Gap):
                self.y += b.h
            elif isinstance(b, P):
                w = self.content_width()
                h = self.para_height(b, w)
                if self.y + h > self.bottom():
                    self.new_page()
                Doc._cell_id += 1
                self.y = self.draw_para(b, self.left(), self.y, w)
            elif isinstance(b, T):
                w = self.content_width()
                xs = self._col_x(b, self.left(), w)
                for row in b.rows:
                    h = self.row_height(b, row, xs)
                    if self.y + h > self.bottom():
                        self.new_page()
                    self.draw_row(b, row, xs, self.y, h)
                    self.y += h
            elif isinstance(b, Seal):
                d = b.diameter
                cx = self.left() + self.content_width() * b.dx
                self.page.seals.append((cx, self.y - d * 0.35, d, b.text, b.sub))
            elif isinstance(b, Sign):
                x = self.left() + self.content_width() * b.dx
                self.page.signs.append((x, self.y - 30, 90, 26))
        if len(self.pages) > 1 and not self.page.ops and not self.page.seals:
            self.pages.pop()      # a page break at the very end opens no page
        return self

    # -- free placement (certificates, covers)
    def text_at(self, x, y, text, size, bold=False, color=(0, 0, 0), title=False, tag=None, align='left'):
        ff = self.fonts.title if title else None
        w = self.fonts.width(text, size, ff)
        if align == 'center':
            x -= w / 2
        elif align == 'right':
            x -= w
        base_y = y + size * 0.86
        self.page.ops.append(('text', x, base_y, text, size, color, bold, ff))
        if tag:
            Doc._cell_id += 1
            self._tag(tag, len(self.pages) - 1, [x, y - size * 0.02, x + w, y + size])
        return w

    def box(self, x, y, w, p):
        """A paragraph placed at (x, y) within width w; returns the y below it."""
        Doc._cell_id += 1
        return self.draw_para(p, x, y, w)

    def line(self, x0, y0, x1, y1, w=0.6, color=(0, 0, 0)):
        self.page.ops.append(('line', x0, y0, x1, y1, w, color))

    def rect(self, x, y, w, h, lw=0.6, fill=None):
        self.page.ops.append(('rect', x, y, w, h, lw, fill))

    def footer(self, style):
        n = len(self.pages)
        for i, pg in enumerate(self.pages):
            if style == 'none':
                continue
            text = {'dash': f'— {i + 1} —', 'cn': f'第 {i + 1} 页 共 {n} 页', 'plain': f'{i + 1}'}[style]
            w = self.fonts.width(text, 9)
            pg.ops.append(('text', (pg.w - w) / 2, pg.h - self.margins[3] / 2, text, 9, (0, 0, 0), False, None))

    def positions(self):
        """tag -> [(page 1-based, bbox)]"""
        return {t: [(p + 1, [round(v, 2) for v in b]) for p, b, _ in lst] for t, lst in self.tags.items()}


def render_pdf(doc, path, title='', author='', subject='', creator='Microsoft® Word 2016', producer=None):
    c = rl_canvas.Canvas(path, pagesize=doc.pages[0].w and (doc.pages[0].w, doc.pages[0].h), invariant=1,
                         pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setCreator(creator)
    if producer:
        c.setProducer(producer)
    fonts = doc.fonts
    for pg in doc.pages:
        c.setPageSize((pg.w, pg.h))
        for op in pg.ops:
            kind = op[0]
            if kind == 'text':
                _, x, base_y, text, size, color, bold, ff = op
                c.setFillColorRGB(*color)
                t = c.beginText()
                t.setTextOrigin(x, pg.h - base_y)
                # the render mode is graphics state: set it for every string
                t.setTextRenderMode(2 if bold else 0)
                if bold:
                    c.setStrokeColorRGB(*color)
                    c.setLineWidth(size * 0.035)
                for s, f in fonts.segments(text, ff):
                    t.setFont(f, size)
                    t.textOut(s)
                c.drawText(t)
                if bold:
                    c.setLineWidth(1)
            elif kind == 'line':
                _, x0, y0, x1, y1, w, color = op
                c.setStrokeColorRGB(*color)
                c.setLineWidth(w)
                c.line(x0, pg.h - y0, x1, pg.h - y1)
            elif kind == 'rect':
                _, x, y, w, h, lw, fill = op
                if fill is not None:
                    c.setFillColorRGB(*fill)
                    c.rect(x, pg.h - y - h, w, h, stroke=0, fill=1)
                else:
                    c.setStrokeColorRGB(0, 0, 0)
                    c.setLineWidth(lw)
                    c.rect(x, pg.h - y - h, w, h, stroke=1, fill=0)
            elif kind == 'image':
                _, img_path, x, y, w, h = op
                c.drawImage(img_path, x, pg.h - y - h, w, h)
            elif kind == 'circle':
                _, cx, cy, r, lw, color = op
                c.setStrokeColorRGB(*color)
                c.setLineWidth(lw)
                c.circle(cx, pg.h - cy, r, stroke=1, fill=0)
        c.showPage()
    c.save()


def nfkc(s):
    return unicodedata.normalize('NFKC', s)
