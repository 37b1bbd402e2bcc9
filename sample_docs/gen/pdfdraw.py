"""PDF output with reportlab: born-digital forms with a real text layer (the
fonts embedded as subsets, as Word's "Save as PDF" does) and image-only PDFs
wrapping scanned pages. invariant=1 fixes the dates and the document ID, so
the bytes are the same on every run."""

import io

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from gen import layout as L

LINE_WIDTH = 0.5


def _canvas(buf, size, title):
    c = canvas.Canvas(buf, pagesize=size, invariant=1, pageCompression=1)
    c.setAuthor("申报单位")
    c.setTitle(title)
    c.setCreator("Microsoft® Word 2016")
    c.setSubject("")
    return c


def form_pdf(lay, title):
    """The layout as a text PDF. Returns its bytes."""
    L.register_fonts()
    buf = io.BytesIO()
    c = _canvas(buf, (L.PAGE_W, L.PAGE_H), title)
    for page in lay.pages:
        c.setLineWidth(LINE_WIDTH)
        for x0, y0, x1, y1 in page.lines:
            c.line(x0, L.PAGE_H - y0, x1, L.PAGE_H - y1)
        for t in page.texts:
            x = t.x
            for key, run in L.runs_of(t.text):
                c.setFont(L.PDF_NAMES[key], t.size)
                c.drawString(x, L.PAGE_H - t.baseline, run)
                x += L.width(run, t.size)
        c.showPage()
    c.save()
    return buf.getvalue()


def image_pdf(jpegs, dpi, title):
    """Image-only PDF: each JPEG (bytes) is one page whose size in points is
    its pixel size at `dpi`; the JPEG data is embedded as is (DCTDecode)."""
    buf = io.BytesIO()
    c = None
    for data in jpegs:
        img = ImageReader(io.BytesIO(data))
        w, h = img.getSize()
        size = (w * 72.0 / dpi, h * 72.0 / dpi)
        if c is None:
            c = _canvas(buf, size, title)
            c.setCreator("Scanner")
        c.setPageSize(size)
        c.drawImage(ImageReader(io.BytesIO(data)), 0, 0, width=size[0], height=size[1])
        c.showPage()
    c.save()
    return buf.getvalue()
