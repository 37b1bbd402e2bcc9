"""The three renderings of a form (text PDF, scanned PDF, phone photo), the
certificates as scans, photos or image PDFs, and a classroom photo. Each
returns the file's bytes and where every value is: {id(entry): (page,
[x0, y0, x1, y1])} with the origin at the top-left, in PDF points for PDF
pages and in displayed pixels for photos."""

import random

from PIL import Image, ImageDraw, ImageFilter

from gen import geometry as G
from gen import imaging as I
from gen import layout as L
from gen import licences as Lc
from gen import pdfdraw

STAMP_PREFIX = "申报单位（盖章）"


def _places(boxes, transform=None, factor=1.0):
    out = {}
    for key, (page, bs) in boxes.items():
        b = G.union(bs)
        if transform is not None:
            b = transform(page, b)
        out[key] = (page, G.rounded(G.scale_box(b, factor), 1))
    return out


def _stamp_point(lay):
    """Page (from 1) and point (pt) where the unit's seal goes: over the
    stamp line and the date below it, as a clerk presses it."""
    for n, page in enumerate(lay.pages, 1):
        for t in page.texts:
            if t.text.startswith(STAMP_PREFIX):
                x0, y0, x1, y1 = t.box()
                return n, (x0 + 24, y1 + 20)
    raise ValueError("no stamp line")


def text_pdf(blocks, title, label_share=None):
    lay = L.lay_out(blocks, label_share)
    data = pdfdraw.form_pdf(lay, title)
    return data, _places(lay.entry_boxes()), lay


def scanned_pdf(blocks, title, dpi, angles, seed, seal_text, label_share=None, quality=68):
    """Printed, stamped, scanned: one JPEG per page in an image-only PDF."""
    lay = L.lay_out(blocks, label_share)
    pages, boxes = I.render_layout(lay, dpi)
    rng = random.Random(seed)
    s = dpi / 72.0
    seal_page, (sx, sy) = _stamp_point(lay)
    seal = I.seal_image(42 / 25.4 * dpi, seal_text, rng)  # a 42 mm seal
    jpegs, rotations = [], []
    for n, (im, angle) in enumerate(zip(pages, angles), 1):
        seals = [(seal, (sx * s, sy * s))] if n == seal_page else []
        data, rot = I.scan(im, rng, angle, dpi, seals=seals, quality=quality)
        jpegs.append(data)
        rotations.append(rot)
    pdf = pdfdraw.image_pdf(jpegs, dpi, title)
    return pdf, _places(boxes, lambda page, b: rotations[page - 1].box(b), 72.0 / dpi), lay


def photo_jpeg(blocks, seed, dpi, canvas, quad, exif_rotated=False, label_share=None, quality=80):
    """A phone photo of a one-page form (stamped first). Boxes are in the
    photo's pixels as displayed."""
    lay = L.lay_out(blocks, label_share)
    assert len(lay.pages) == 1, "a photographed form is one page here"
    pages, boxes = I.render_layout(lay, dpi)
    rng = random.Random(seed)
    s = dpi / 72.0
    _, (sx, sy) = _stamp_point(lay)
    page = pages[0]
    I.stamp(page, I.seal_image(42 / 25.4 * dpi, _seal_text_of(blocks), rng), (sx * s, sy * s))
    out, persp = I.photo(page, rng, canvas, quad)
    data = I.exif_rotated(out, quality) if exif_rotated else I.jpeg(out, quality)
    return data, _places(boxes, lambda page, b: persp.box(b)), lay


def _seal_text_of(blocks):
    for block in blocks:
        if block[0] == "table":
            for row in block[2]:
                if row[0] in ("wide", "row") and row[1].key == "unit_name":
                    return row[1].value
    raise ValueError("no unit name")


def licence_jpeg(lic, seed, angle):
    data, boxes = Lc.scan(lic, seed, angle)
    return data, {k: (1, G.rounded(b, 1)) for k, b in boxes.items()}


def licence_pdf(lic, seed, angle):
    """A certificate scanned to an image PDF at 150 dpi: boxes in points."""
    data, boxes = Lc.scan(lic, seed, angle)
    pdf = pdfdraw.image_pdf([data], 150, lic.title)
    return pdf, {k: (1, G.rounded(G.scale_box(b, 72.0 / 150), 1)) for k, b in boxes.items()}


def licence_photo(lic, seed, quad, canvas=(1600, 1200)):
    data, boxes = Lc.photo(lic, seed, quad, canvas)
    return data, {k: (1, G.rounded(b, 1)) for k, b in boxes.items()}


def classroom_photo(seed, size=(1600, 1200)):
    """A classroom with a door sign and a blackboard and nothing naming a
    unit: evidence of facilities that belongs to nobody by itself."""
    rng = random.Random(seed)
    w, h = size
    im = Image.new("RGB", size, (232, 228, 214))
    d = ImageDraw.Draw(im)
    d.rectangle([0, int(h * 0.72), w, h], fill=(176, 150, 118))  # floor
    d.rectangle([260, 120, 1180, 470], fill=(38, 70, 52), outline=(120, 90, 60), width=14)  # blackboard
    I.draw_runs(d, 330, 320, 76, "专业技术人员继续教育", fill=(235, 235, 225))
    d.rectangle([1300, 150, 1520, 860], fill=(150, 108, 70))  # door
    d.rectangle([1318, 200, 1502, 300], fill=(250, 250, 250), outline=(60, 60, 60), width=3)
    I.draw_runs(d, 1330, 240, 34, "301", fill=(20, 20, 20))
    I.draw_runs(d, 1326, 288, 34, "多媒体教室", fill=(20, 20, 20))
    for row in range(4):  # desks in rows, smaller towards the back
        y = 600 + row * 130
        depth = 0.7 + row * 0.12
        for col in range(4):
            x = 120 + col * 300 - row * 20
            d.rectangle([x, y, x + 230 * depth, y + 40 * depth], fill=(196, 160, 110), outline=(120, 90, 60))
            d.rectangle([x + 20, y + 40 * depth, x + 30, y + 110 * depth], fill=(90, 90, 90))
    for i in range(3):  # windows on the left wall
        d.rectangle([20, 120 + i * 160, 200, 250 + i * 160], fill=(205, 225, 240), outline=(150, 150, 150), width=6)
    out = I.multiply(im, I._gradient(size, rng, 170, 255))
    out = I.multiply(out, I.noise_layer(size, rng, speck_rate=0, grain=10))
    return I.jpeg(out.filter(ImageFilter.GaussianBlur(0.8)), 78)
