"""Raster renderings with Pillow: a form layout drawn at a given dpi, then
made to look scanned (paper tone, specks, a red seal over text, a slight
skew, scanner blur, JPEG) or photographed (perspective, a desk around it,
uneven light, blur, JPEG, optionally stored rotated with an EXIF Orientation).

Every effect draws its randomness from a random.Random the caller seeds, and
Pillow's encoders are deterministic, so the bytes repeat from run to run.
Each function that moves pixels also says where a box drawn before it ends
up after it (geometry.py)."""

import io
import math

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from gen import geometry as G
from gen import layout as L

INK = (25, 25, 28)
SEAL_RED = (214, 38, 45)
_fonts = {}


def font(key, px):
    px = max(6, int(round(px)))
    k = (key, px)
    if k not in _fonts:
        _fonts[k] = ImageFont.truetype(L.FONT_FILES[key], px)
    return _fonts[k]


def draw_runs(draw, x, baseline, size_px, text, fill=INK, scale_pt=None):
    """Draws text in its font runs, advancing by the layout's metrics (in
    points × scale_pt) when given so raster and PDF lines match."""
    for key, run in L.runs_of(text):
        draw.text((x, baseline), run, font=font(key, size_px), anchor="ls", fill=fill)
        if scale_pt:
            x += L.width(run, size_px / scale_pt) * scale_pt
        else:
            x += font(key, size_px).getlength(run)
    return x


def text_length(text, size_px):
    return sum(font(key, size_px).getlength(run) for key, run in L.runs_of(text))


def render_layout(lay, dpi):
    """Pages of the layout as RGB images at dpi, and entry id → (page, [boxes
    in pixels])."""
    s = dpi / 72.0
    size = (int(round(L.PAGE_W * s)), int(round(L.PAGE_H * s)))
    lw = max(1, int(round(0.6 * s)))
    pages = []
    for page in lay.pages:
        im = Image.new("RGB", size, (255, 255, 255))
        d = ImageDraw.Draw(im)
        for x0, y0, x1, y1 in page.lines:
            d.line([(x0 * s, y0 * s), (x1 * s, y1 * s)], fill=(40, 40, 40), width=lw)
        for t in page.texts:
            draw_runs(d, t.x * s, t.baseline * s, t.size * s, t.text, scale_pt=s)
        pages.append(im)
    boxes = {k: (n, [G.scale_box(b, s) for b in bs]) for k, (n, bs) in lay.entry_boxes().items()}
    return pages, boxes


# ---------------------------------------------------------------------------
# Effects.

def noise_layer(size, rng, speck_rate=3, grain=10):
    """An L image to multiply with: mostly 255 - a little grain, a few dark
    specks. speck_rate is out of 1024."""
    w, h = size
    raw = rng.randbytes(w * h)
    lut = []
    for v in range(256):
        if v < speck_rate // 4:
            lut.append(120)
        else:
            lut.append(255 - (v * 7919 % (grain + 1)))
    return Image.frombytes("L", size, raw).point(lut)


def multiply(im, layer_l):
    return ImageChops.multiply(im, Image.merge("RGB", [layer_l] * 3))


def seal_image(diameter, text, rng):
    """A round red seal (ring, star, the unit's name around the top) as an L
    mask of ink coverage."""
    d = int(diameter)
    mask = Image.new("L", (d, d), 0)
    draw = ImageDraw.Draw(mask)
    ring = max(3, d // 28)
    draw.ellipse([ring // 2, ring // 2, d - ring // 2 - 1, d - ring // 2 - 1], outline=255, width=ring)
    cx = cy = d / 2.0
    r_star = d * 0.17
    pts = []
    for i in range(10):
        r = r_star if i % 2 == 0 else r_star * 0.38
        a = math.radians(90 + 36 * i)
        pts.append((cx + r * math.cos(a), cy - r * math.sin(a)))
    draw.polygon(pts, fill=255)
    n = len(text)
    fs = d * 0.13
    r_text = d / 2.0 - ring * 1.6 - fs * 0.55
    span = min(250.0, 26.0 * n)
    for i, ch in enumerate(text):
        phi = 90 + span / 2 - span * (i + 0.5) / n
        glyph = Image.new("L", (int(fs * 1.6), int(fs * 1.6)), 0)
        ImageDraw.Draw(glyph).text((fs * 0.8, fs * 0.8), ch, font=font("cjk", fs), anchor="mm", fill=255)
        glyph = glyph.rotate(phi - 90, resample=Image.BICUBIC, expand=True)
        px = cx + r_text * math.cos(math.radians(phi)) - glyph.width / 2
        py = cy - r_text * math.sin(math.radians(phi)) - glyph.height / 2
        mask.paste(255, (int(px), int(py)), glyph)
    # Uneven ink: some of the seal prints faint.
    uneven = Image.frombytes("L", (d // 8 + 1, d // 8 + 1), rng.randbytes((d // 8 + 1) ** 2))
    uneven = uneven.point(lambda v: 150 + v * 105 // 255).resize((d, d), Image.BILINEAR)
    mask = ImageChops.multiply(mask, uneven).filter(ImageFilter.GaussianBlur(max(0.6, d / 400)))
    return mask


def stamp(im, mask, centre, opacity=0.85):
    """Presses the seal onto the page: red ink multiplies what is under it, so
    black text stays readable through it, as with real stamps."""
    x = int(centre[0] - mask.width / 2)
    y = int(centre[1] - mask.height / 2)
    region = im.crop((x, y, x + mask.width, y + mask.height))
    a = mask.point(lambda v: int(v * opacity))
    layer = Image.composite(Image.new("RGB", mask.size, SEAL_RED), Image.new("RGB", mask.size, (255, 255, 255)), a)
    im.paste(ImageChops.multiply(region, layer), (x, y))


def jpeg(im, quality, dpi=None, exif=None):
    buf = io.BytesIO()
    kw = {"quality": quality, "optimize": False, "progressive": False, "subsampling": 2}
    if dpi:
        kw["dpi"] = (dpi, dpi)
    if exif is not None:
        kw["exif"] = exif
    im.save(buf, "JPEG", **kw)
    return buf.getvalue()


def scan(im, rng, angle, dpi, seals=(), quality=70, paper=(252, 250, 244), specks=10, grain=14):
    """A page as a flatbed scan: seals pressed on the paper first, then paper
    tone, specks, the page skewed by `angle` degrees (counter-clockwise),
    scanner blur. Returns (JPEG bytes, Rotation to map boxes)."""
    im = im.copy()
    for mask, centre in seals:
        stamp(im, mask, centre)
    im = ImageChops.multiply(im, Image.new("RGB", im.size, paper))
    im = multiply(im, noise_layer(im.size, rng, speck_rate=specks, grain=grain))
    im = im.rotate(angle, resample=Image.BICUBIC, fillcolor=(247, 247, 245))
    im = im.filter(ImageFilter.GaussianBlur(0.45 if dpi <= 200 else 0.6))
    return jpeg(im, quality, dpi=dpi), G.Rotation(angle, im.width, im.height)


def _gradient(size, rng, low, high):
    """Smooth uneven lighting: a bilinear blow-up of a small random field with
    a strong linear trend, values low..high (out of 255)."""
    gw, gh = 8, 10
    ax, ay = rng.uniform(-1, 1), rng.uniform(-1, 1)
    small = Image.new("L", (gw, gh))
    px = small.load()
    for j in range(gh):
        for i in range(gw):
            t = 0.5 + 0.35 * (ax * (i / (gw - 1) - 0.5) + ay * (j / (gh - 1) - 0.5)) * 2
            t += rng.uniform(-0.08, 0.08)
            t = min(1.0, max(0.0, t))
            px[i, j] = int(low + (high - low) * t)
    return small.resize(size, Image.BICUBIC)


def photo(page, rng, canvas_size, quad, light=(185, 255), blur=0.8, quality=80):
    """A phone photo of a page lying on a desk. quad: where the page's four
    corners (TL, TR, BR, BL) land in the photo, in displayed pixels. Returns
    (displayed RGB image, Perspective from page pixels to photo pixels)."""
    w, h = page.size
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    inverse = G.homography(quad, src)  # photo pixel → page pixel
    desk = Image.merge("RGB", [_gradient(canvas_size, rng, 70, 120), _gradient(canvas_size, rng, 60, 100),
                               _gradient(canvas_size, rng, 45, 80)])
    warped = page.transform(canvas_size, Image.PERSPECTIVE, inverse, Image.BICUBIC, fillcolor=(255, 255, 255))
    mask = Image.new("L", page.size, 255).transform(canvas_size, Image.PERSPECTIVE, inverse, Image.BILINEAR,
                                                     fillcolor=0)
    out = Image.composite(warped, desk, mask)
    out = multiply(out, _gradient(canvas_size, rng, *light))
    out = multiply(out, noise_layer(canvas_size, rng, speck_rate=0, grain=12))
    out = out.filter(ImageFilter.GaussianBlur(blur))
    return out, G.Perspective(src, quad)


def exif_rotated(displayed, quality, orientation=6):
    """Stores the photo as a phone held sideways does: pixels rotated, and an
    EXIF Orientation saying how to show them. Only 6 (show rotated 90°
    clockwise) is needed here."""
    assert orientation == 6
    stored = displayed.transpose(Image.ROTATE_90)  # 90° counter-clockwise
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Sample"
    exif[0x0110] = "Phone"
    exif[0x0132] = "2024:06:24 10:12:31"
    return jpeg(stored, quality, exif=exif.tobytes())
