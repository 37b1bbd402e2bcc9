"""Paper in the physical world: rasterized pages with seals and signatures, scanned or photographed.

Every transform also maps points, so that positions drawn in PDF points stay
known in the scan's points or the photo's displayed pixels.
"""
import io
import math
import os
import subprocess
import tempfile

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

from .layout import PIL_FONTS

Image.MAX_IMAGE_PIXELS = 200_000_000


def pil_font(key, size):
    path, idx = PIL_FONTS[key]
    return ImageFont.truetype(path, int(size), index=idx)


def rasterize(pdf_path, dpi, first=None, last=None):
    """The PDF's pages as RGB images at dpi (pdftoppm)."""
    with tempfile.TemporaryDirectory() as td:
        cmd = ['pdftoppm', '-r', str(dpi)]
        if first:
            cmd += ['-f', str(first)]
        if last:
            cmd += ['-l', str(last)]
        subprocess.run(cmd + [pdf_path, os.path.join(td, 'p')], check=True)
        names = sorted(os.listdir(td), key=lambda n: int(n.split('-')[-1].split('.')[0]))
        out = []
        for n in names:
            with Image.open(os.path.join(td, n)) as im:
                out.append(im.convert('RGB'))
        return out


# --------------------------------------------------------------------------
# marks people put on paper

def seal_image(rng, diameter, text, sub='', color=None):
    """A round official seal: ring, star, the unit's name along the top arc (RGBA)."""
    d = int(diameter)
    color = color or (rng.randint(185, 225), rng.randint(10, 45), rng.randint(25, 55))
    im = Image.new('L', (d, d), 0)
    dr = ImageDraw.Draw(im)
    ring = max(3, int(d * rng.uniform(0.028, 0.04)))
    dr.ellipse([ring // 2, ring // 2, d - ring // 2 - 1, d - ring // 2 - 1], outline=255, width=ring)
    cx = cy = d / 2
    # five-pointed star
    rs, ri = d * 0.16, d * 0.065
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        r = rs if k % 2 == 0 else ri
        pts.append((cx + r * math.cos(ang), cy + r * math.sin(ang)))
    dr.polygon(pts, fill=255)
    # the name along the arc, from lower left over the top to lower right
    n = len(text)
    span = min(250.0, max(150.0, n * 19.0))
    fsize = d * (0.13 if n <= 12 else 0.11 if n <= 16 else 0.095)
    font = pil_font(rng.choice(['notosansbold', 'notoserifbold', 'zenhei']), fsize)
    radius = d / 2 - ring - fsize * 0.62
    for i, ch in enumerate(text):
        ang = math.radians(-90 - span / 2 + span * (i + 0.5) / n)
        gx = cx + radius * math.cos(ang)
        gy = cy + radius * math.sin(ang)
        g = Image.new('L', (int(fsize * 1.4), int(fsize * 1.4)), 0)
        ImageDraw.Draw(g).text((fsize * 0.7, fsize * 0.7), ch, font=font, fill=255, anchor='mm')
        g = g.rotate(-(math.degrees(ang) + 90), resample=Image.BICUBIC)
        im.paste(255, (int(gx - g.width / 2), int(gy - g.height / 2)), g)
    if sub:
        f2 = pil_font('notosansbold', d * 0.085)
        dr.text((cx, cy + d * 0.28), sub, font=f2, fill=255, anchor='mm')
    # uneven ink
    noise = Image.effect_noise((max(8, d // 6), max(8, d // 6)), 60).resize((d, d), Image.BILINEAR)
    cut = rng.randint(70, 110)
    noise = noise.point(lambda v: 255 if v > cut else int(v * 1.6))
    alpha = ImageChops.multiply(im, noise).filter(ImageFilter.GaussianBlur(d / 500 + 0.4))
    strength = rng.uniform(0.75, 0.95)
    alpha = alpha.point(lambda v: int(v * strength))
    out = Image.new('RGBA', (d, d), color + (0,))
    out.putalpha(alpha)
    return out.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC)


def stamp(page, seal, cx, cy):
    """Ink over paper: the seal multiplies what is under it (text stays dark)."""
    layer = Image.new('RGB', page.size, (255, 255, 255))
    x, y = int(cx - seal.width / 2), int(cy - seal.height / 2)
    layer.paste(seal.convert('RGB'), (x, y), seal.split()[3])
    return ImageChops.multiply(page, layer)


def signature(rng, page, rect):
    x, y, w, h = rect
    dr = ImageDraw.Draw(page)
    col = rng.choice([(20, 30, 90), (15, 15, 20), (30, 40, 120)])
    width = max(2, int(h * 0.07))
    px, py = x, y + h * 0.6
    for _ in range(rng.randint(2, 4)):
        pts = []
        x0, y0 = px, py
        x3, y3 = px + w * rng.uniform(0.2, 0.4), y + h * rng.uniform(0.2, 0.9)
        x1, y1 = x0 + w * rng.uniform(-0.05, 0.2), y - h * rng.uniform(0.0, 0.4)
        x2, y2 = x3 - w * rng.uniform(0, 0.2), y + h * rng.uniform(0.8, 1.3)
        for k in range(25):
            t = k / 24
            bx = (1 - t) ** 3 * x0 + 3 * (1 - t) ** 2 * t * x1 + 3 * (1 - t) * t * t * x2 + t ** 3 * x3
            by = (1 - t) ** 3 * y0 + 3 * (1 - t) ** 2 * t * y1 + 3 * (1 - t) * t * t * y2 + t ** 3 * y3
            pts.append((bx, by))
        dr.line(pts, fill=col, width=width, joint='curve')
        px, py = x3, y3
    return page


def mark_page(rng, img, page, scale, seals=True):
    """Seals and signatures where the layout put their spots (page: layout.Page, scale px/pt)."""
    if seals:
        for (cx, cy, d, text, sub) in page.seals:
            if not text:
                continue
            s = seal_image(rng, d * scale, text, sub)
            img = stamp(img, s, (cx + rng.uniform(-12, 12)) * scale, (cy + rng.uniform(-10, 10)) * scale)
        for (x, y, w, h) in page.signs:
            img = signature(rng, img, (x * scale, y * scale, w * scale, h * scale))
    return img


# --------------------------------------------------------------------------
# point maps

class Affine:
    def __init__(self, fn):
        self.fn = fn

    def box(self, b):
        pts = [self.fn(b[0], b[1]), self.fn(b[2], b[1]), self.fn(b[0], b[3]), self.fn(b[2], b[3])]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return [round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)]


def rotate_about_center(img, deg, fill):
    """PIL's rotate (counter-clockwise on screen) and the map of points it applies."""
    w, h = img.size
    out = img.rotate(deg, resample=Image.BICUBIC, expand=False, fillcolor=fill)
    th = math.radians(deg)
    cx, cy = w / 2, h / 2

    def fn(x, y):
        dx, dy = x - cx, y - cy
        return cx + dx * math.cos(th) + dy * math.sin(th), cy - dx * math.sin(th) + dy * math.cos(th)
    return out, fn


# --------------------------------------------------------------------------
# scans

def paper_tone(rng):
    base = rng.randint(236, 252)
    return (base, base - rng.randint(0, 3), base - rng.randint(0, 12))


def scan(rng, img, dpi, gray=None, paper=None):
    """A flatbed scan of a printed page: skew, paper tone, specks, blur. Returns (image, point map)."""
    w, h = img.size
    paper = paper or paper_tone(rng)
    tone = Image.new('RGB', img.size, paper)
    img = ImageChops.multiply(img, tone)
    # a little darker toward one edge, as the lid never closes quite flat
    if rng.random() < 0.6:
        depth = rng.uniform(0.03, 0.1)
        g = Image.linear_gradient('L').rotate(rng.choice([0, 90, 180, 270])).resize((w, h))
        g = g.point(lambda v: 255 - int(v * depth))
        img = ImageChops.multiply(img, Image.merge('RGB', [g, g, g]))
    deg = rng.uniform(-2.0, 2.0)
    img, fn = rotate_about_center(img, deg, paper)
    dr = ImageDraw.Draw(img)
    for _ in range(rng.randint(150, 900)):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([0.6, 0.8, 1, 1, 1.5, 2]) * dpi / 200
        c = rng.randint(40, 160)
        dr.ellipse([x - r, y - r, x + r, y + r], fill=(c, c, c))
    if rng.random() < 0.25:   # a dirty line along the scanner's glass
        x = rng.randrange(w)
        c = rng.randint(150, 210)
        dr.line([(x, 0), (x + rng.randint(-3, 3), h)], fill=(c, c, c), width=1)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9) * dpi / 200))
    if gray if gray is not None else rng.random() < 0.3:
        img = img.convert('L').convert('RGB')
    return img, Affine(fn)


def jpeg_bytes(img, quality, exif=None, subsampling=None):
    buf = io.BytesIO()
    kw = dict(quality=quality, optimize=False)
    if exif is not None:
        kw['exif'] = exif
    if subsampling is not None:
        kw['subsampling'] = subsampling
    img.save(buf, 'JPEG', **kw)
    return buf.getvalue()


def image_pdf(pages, producer=None, creator=None):
    """An image-only PDF: pages = [(jpeg bytes, width px, height px, dpi)]."""
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.lib.utils import ImageReader
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, invariant=1)
    c.setCreator(creator or '')
    if producer:
        c.setProducer(producer)
    with tempfile.TemporaryDirectory() as td:
        for i, (jb, wpx, hpx, dpi) in enumerate(pages):
            wpt, hpt = wpx * 72.0 / dpi, hpx * 72.0 / dpi
            c.setPageSize((wpt, hpt))
            p = os.path.join(td, f'{i}.jpg')
            with open(p, 'wb') as fh:
                fh.write(jb)
            c.drawImage(ImageReader(p), 0, 0, wpt, hpt)
            c.showPage()
        c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------
# photos

def _solve(a, b):
    """Gaussian elimination for the 8x8 homography system."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                for k in range(col, n + 1):
                    m[r][k] -= f * m[col][k]
    return [m[i][n] / m[i][i] for i in range(n)]


def homography(src, dst):
    """Coefficients mapping src points to dst points (x' = (ax+by+c)/(gx+hy+1), ...)."""
    a, b = [], []
    for (x, y), (u, v) in zip(src, dst):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    return _solve(a, b)


def apply_h(hc, x, y):
    a, b, c, d, e, f, g, h = hc
    z = g * x + h * y + 1
    return (a * x + b * y + c) / z, (d * x + e * y + f) / z


def desk(rng, size):
    w, h = size
    kind = rng.choice(['wood', 'wood', 'grey', 'white', 'dark'])
    base = {'wood': (rng.randint(120, 170), rng.randint(80, 110), rng.randint(45, 70)),
            'grey': (rng.randint(120, 160),) * 3, 'white': (rng.randint(200, 225),) * 3,
            'dark': (rng.randint(40, 70), rng.randint(40, 60), rng.randint(40, 60))}[kind]
    img = Image.new('RGB', size, base)
    grain = Image.effect_noise((max(4, w // 60), h // 2), 40).resize(size, Image.BILINEAR)
    if rng.random() < 0.5:
        grain = grain.transpose(Image.ROTATE_90).resize(size)
    img = Image.blend(img, Image.merge('RGB', [grain] * 3), 0.12 if kind == 'wood' else 0.05)
    dr = ImageDraw.Draw(img)
    for _ in range(rng.randint(0, 3)):   # a pen, a phone, a cup
        what = rng.choice(['pen', 'block', 'cup'])
        x, y = rng.randrange(w), rng.randrange(h)
        col = tuple(rng.randint(10, 240) for _ in range(3))
        if what == 'pen':
            L = rng.randint(w // 8, w // 4)
            ang = rng.uniform(0, math.pi)
            dr.line([(x, y), (x + L * math.cos(ang), y + L * math.sin(ang))], fill=col, width=max(6, w // 120))
        elif what == 'block':
            dr.rectangle([x, y, x + rng.randint(w // 10, w // 4), y + rng.randint(h // 12, h // 5)], fill=col)
        else:
            r = rng.randint(w // 20, w // 9)
            dr.ellipse([x - r, y - r, x + r, y + r], fill=col, outline=(30, 30, 30), width=4)
    return img


def photograph(rng, page_img, out_size, coverage=None):
    """A phone photo of a page on a desk: perspective, shadow, uneven light, blur. Returns (image, map)."""
    W, H = out_size
    pw, ph = page_img.size
    cov = coverage or rng.uniform(0.72, 0.9)
    # the page's height fills cov of the frame; keep its aspect
    th = H * cov
    tw = th * pw / ph
    if tw > W * 0.94:
        tw = W * 0.94
        th = tw * ph / pw
    cx = W / 2 + rng.uniform(-0.04, 0.04) * W
    cy = H / 2 + rng.uniform(-0.03, 0.03) * H
    j = lambda s: rng.uniform(-s, s)
    k = 0.045
    dst = [(cx - tw / 2 + j(k * tw), cy - th / 2 + j(k * th)), (cx + tw / 2 + j(k * tw), cy - th / 2 + j(k * th)),
           (cx + tw / 2 + j(k * tw), cy + th / 2 + j(k * th)), (cx - tw / 2 + j(k * tw), cy + th / 2 + j(k * th))]
    # a page shot from below is wider at the bottom (keystone)
    ks = rng.uniform(-0.06, 0.06) * tw
    dst[0] = (dst[0][0] - ks, dst[0][1])
    dst[1] = (dst[1][0] + ks, dst[1][1])
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    fwd = homography(src, dst)
    inv = homography(dst, src)
    bg = desk(rng, (W, H))
    rgba = page_img.convert('RGBA')
    warped = rgba.transform((W, H), Image.PERSPECTIVE, inv, Image.BICUBIC, fillcolor=(0, 0, 0, 0))
    alpha = warped.split()[3]
    shadow = alpha.filter(ImageFilter.GaussianBlur(W / 150)).point(lambda v: int(v * 0.55))
    off = int(W / 200)
    bg.paste((20, 20, 20), (off, off), shadow)
    bg.paste(warped.convert('RGB'), (0, 0), alpha)
    # light: brighter toward one corner, a soft shadow across
    g = Image.radial_gradient('L').resize((W * 2, H * 2))
    ox, oy = rng.randint(0, W), rng.randint(0, H)
    depth = rng.uniform(0.25, 0.45)
    g = g.crop((ox, oy, ox + W, oy + H)).point(lambda v: 255 - int(v * depth))
    img = ImageChops.multiply(bg, Image.merge('RGB', [g] * 3))
    if rng.random() < 0.5:   # warm or cool light
        tint = (255, rng.randint(235, 250), rng.randint(205, 235)) if rng.random() < 0.6 else \
            (rng.randint(225, 245), rng.randint(235, 250), 255)
        img = ImageChops.multiply(img, Image.new('RGB', (W, H), tint))
    img = ImageOps.autocontrast(img, cutoff=0.5) if rng.random() < 0.5 else img
    noise = Image.effect_noise((W // 2, H // 2), rng.uniform(8, 20)).resize((W, H))
    img = Image.blend(img, Image.merge('RGB', [noise] * 3), rng.uniform(0.03, 0.07))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.6) * W / 2400))
    return img, Affine(lambda x, y: apply_h(fwd, x, y))


ORIENT_STORE = {1: None, 3: Image.ROTATE_180, 6: Image.ROTATE_90, 8: Image.ROTATE_270}


def exif_bytes(orientation, when, make=None, model=None):
    ex = Image.Exif()
    ex[0x0112] = orientation
    if make:
        ex[0x010F] = make
        ex[0x0110] = model
    ex[0x0132] = when.strftime('%Y:%m:%d %H:%M:%S')
    return ex


def stored_for_orientation(displayed, orientation):
    """The pixels a camera stores so that applying the EXIF orientation shows `displayed`."""
    t = ORIENT_STORE[orientation]
    return displayed if t is None else displayed.transpose(t)
