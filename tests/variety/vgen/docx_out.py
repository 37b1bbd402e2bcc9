"""The block model written as a DOCX with python-docx (real tables, nested ones as nested w:tbl)."""
import datetime
import io
import zipfile

from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Mm, RGBColor

from .layout import P, T, PageBreak, Gap, Seal, Sign

ALIGN = {'left': WD_ALIGN_PARAGRAPH.LEFT, 'center': WD_ALIGN_PARAGRAPH.CENTER, 'right': WD_ALIGN_PARAGRAPH.RIGHT,
         'justify': WD_ALIGN_PARAGRAPH.JUSTIFY}


def _east_asia(run_or_style_font_element, name):
    rpr = run_or_style_font_element.get_or_add_rPr()
    fonts = rpr.find(qn('w:rFonts'))
    if fonts is None:
        fonts = OxmlElement('w:rFonts')
        rpr.insert(0, fonts)
    fonts.set(qn('w:eastAsia'), name)
    fonts.set(qn('w:ascii'), name)
    fonts.set(qn('w:hAnsi'), name)


class DocxWriter:
    def __init__(self, font, title_font=None, base=10.5, margins_mm=(28, 25, 26, 25), author='', when=None):
        self.doc = Document()
        self.font, self.title_font, self.base = font, title_font or font, base
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin, sec.top_margin, sec.right_margin, sec.bottom_margin = [Mm(m) for m in margins_mm]
        self.content_mm = 210 - margins_mm[0] - margins_mm[2]
        normal = self.doc.styles['Normal']
        normal.font.size = Pt(base)
        _east_asia(normal.element, font)
        when = when or datetime.datetime(2024, 6, 20, 9, 0, 0)
        cp = self.doc.core_properties
        cp.author = author
        cp.last_modified_by = author
        cp.created = when
        cp.modified = when
        cp.revision = 3
        cp.title = ''
        cp.comments = ''
        cp.keywords = ''
        cp.subject = ''

    def para(self, container, p, first=None, align=None):
        para = first if first is not None else container.add_paragraph()
        al = p.align if p.align != 'left' or align is None else align
        para.alignment = ALIGN.get(al, WD_ALIGN_PARAGRAPH.LEFT)
        pf = para.paragraph_format
        pf.space_before = Pt(p.before)
        pf.space_after = Pt(p.after)
        pf.line_spacing = max(1.0, p.lead - 0.2)
        if p.indent:
            pf.first_line_indent = Pt((p.size or self.base) * p.indent)
        for r in p.runs:
            run = para.add_run(r.text)
            run.font.size = Pt(r.size or p.size or self.base)
            if r.bold or p.bold:
                run.bold = True
            if r.underline:
                run.underline = True
            if r.color != (0, 0, 0):
                run.font.color.rgb = RGBColor(*[int(c * 255) for c in r.color])
            name = self.title_font if (r.title or p.title) else self.font
            _east_asia(run._element, name)
        return para

    def table(self, container, t, width_mm):
        ncols = len(t.widths)
        tbl = container.add_table(rows=len(t.rows), cols=ncols)
        tbl.style = self.doc.styles['Table Grid']
        tbl.autofit = False
        widths = [Mm(width_mm * w) for w in t.widths]
        # Word and LibreOffice lay a table out by its grid: say the columns' widths there too
        for gc, w in zip(tbl._tbl.tblGrid.findall(qn('w:gridCol')), widths):
            gc.set(qn('w:w'), str(int(w.twips)))
        tblpr = tbl._tbl.tblPr
        tblw = tblpr.find(qn('w:tblW'))
        if tblw is None:
            tblw = OxmlElement('w:tblW')
            tblpr.append(tblw)
        tblw.set(qn('w:w'), str(int(sum(w.twips for w in widths))))
        tblw.set(qn('w:type'), 'dxa')
        lay = OxmlElement('w:tblLayout')
        lay.set(qn('w:type'), 'fixed')
        tblpr.append(lay)
        for ri, row in enumerate(t.rows):
            tr = tbl.rows[ri]
            tr.height = Pt(t.min_row)
            tr.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            for ci in range(ncols):
                tr.cells[ci].width = widths[ci]
            ci = 0
            for cell in row:
                tc = tbl.cell(ri, ci)
                if cell.span > 1:
                    tc = tc.merge(tbl.cell(ri, ci + cell.span - 1))
                tc.vertical_alignment = WD_ALIGN_VERTICAL.TOP if cell.valign == 'top' else WD_ALIGN_VERTICAL.CENTER
                if cell.fill:
                    shd = OxmlElement('w:shd')
                    shd.set(qn('w:val'), 'clear')
                    shd.set(qn('w:color'), 'auto')
                    shd.set(qn('w:fill'), '%02X%02X%02X' % tuple(int(c * 255) for c in cell.fill))
                    tc._tc.get_or_add_tcPr().append(shd)
                cw = sum(t.widths[ci:ci + cell.span]) * width_mm
                first = tc.paragraphs[0]
                used_first = False
                for b in cell.content:
                    if isinstance(b, P):
                        self.para(tc, b, first=None if used_first else first, align=cell.align or t.align)
                        used_first = True
                    elif isinstance(b, T):
                        if not used_first:
                            # a cell that opens with a nested table keeps no empty paragraph above it
                            first._p.getparent().remove(first._p)
                            used_first = True
                        self.table(tc, b, cw - 4)
                    elif isinstance(b, Gap):
                        g = tc.add_paragraph() if used_first else first
                        g.paragraph_format.space_after = Pt(b.h)
                        used_first = True
                ci += cell.span
        return tbl

    def blocks(self, blocks):
        prev_table = False
        for b in blocks:
            if isinstance(b, PageBreak):
                self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                prev_table = False
            elif isinstance(b, Gap):
                g = self.doc.add_paragraph()
                g.paragraph_format.space_after = Pt(b.h)
                prev_table = False
            elif isinstance(b, P):
                self.para(self.doc, b)
                prev_table = False
            elif isinstance(b, T):
                if prev_table:
                    # Word joins adjacent tables; a hair-thin paragraph keeps them apart as in templates
                    sep = self.doc.add_paragraph()
                    sep.paragraph_format.space_after = Pt(0)
                    sep.paragraph_format.line_spacing = Pt(2)
                self.table(self.doc, b, self.content_mm)
                prev_table = True
            elif isinstance(b, (Seal, Sign)):
                continue
        return self

    def save_bytes(self, when):
        buf = io.BytesIO()
        self.doc.save(buf)
        return fixed_zip(buf.getvalue(), when)


def fixed_zip(data, when):
    """The same archive with every entry dated `when`: the bytes depend on the content only."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()
