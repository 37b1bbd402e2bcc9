"""Legal-entity certificate look-alikes (营业执照, 事业单位法人证书, 社会团体法人
登记证书, 民办非企业单位登记证书), drawn with Pillow at 1600×1130 pixels, with
the place of every value read from them. Fictional, and visibly so: no
emblem, no real registration numbers."""

import random

from PIL import Image, ImageDraw

from gen import geometry as G
from gen import imaging as I
from gen import layout as L

SIZE = (1600, 1130)
FS = 34  # field font size, px
PITCH = 60
BORDER = (150, 92, 48)

KINDS = {
    # kind: (title, title size, validity label, authority label)
    "biz": ("营业执照", 88, "营业期限", "登记机关"),
    "inst": ("事业单位法人证书", 76, "有效期", "登记管理机关"),
    "soc": ("社会团体法人登记证书", 68, "有效期限", "发证机关"),
    "mfb": ("民办非企业单位登记证书", 66, "有效期限", "登记管理机关"),
}


class Licence:
    def __init__(self, kind, name, code, legal_rep, address, scope, validity, extra, authority, issued):
        self.kind, self.name, self.code, self.legal_rep = kind, name, code, legal_rep
        self.address, self.scope, self.validity = address, scope, validity
        self.extra = extra  # [(label, value)] printed but not read
        self.authority, self.issued = authority, issued

    @property
    def title(self):
        return KINDS[self.kind][0]

    def values(self):
        return {"name": self.name, "credit_code": self.code, "legal_rep": self.legal_rep,
                "address": self.address, "scope": self.scope, "validity": self.validity}


def _spaced_label(draw, x, baseline, label, width_px, size=FS):
    """Labels on certificates are spread to a common width (名　　称)."""
    f = I.font("cjk", size)
    if len(label) == 1:
        draw.text((x, baseline), label, font=f, anchor="ls", fill=I.INK)
        return
    total = sum(f.getlength(c) for c in label)
    gap = max(0.0, (width_px - total) / (len(label) - 1))
    for c in label:
        draw.text((x, baseline), c, font=f, anchor="ls", fill=I.INK)
        x += f.getlength(c) + gap


def _wrap(text, size, avail):
    return L.wrap(text, size, avail, measure=lambda t, sz: I.text_length(t, sz))


def _value(draw, x, baseline, text, max_x, size=FS, pitch=PITCH):
    """Draws a (possibly wrapped) value; returns (its box, next baseline)."""
    boxes = []
    for line in _wrap(text, size, max_x - x):
        I.draw_runs(draw, x, baseline, size, line)
        boxes.append([x, baseline - 0.88 * size, x + I.text_length(line, size), baseline + 0.12 * size])
        baseline += pitch
    return G.union(boxes), baseline


def _qr(draw, x, y, size, rng):
    n = 25
    m = size / n
    for j in range(n):
        for i in range(n):
            finder = (i < 7 and j < 7) or (i >= n - 7 and j < 7) or (i < 7 and j >= n - 7)
            if finder:
                ring = max(abs(i - (3 if i < 7 else n - 4)), abs(j - (3 if j < 7 else n - 4)))
                on = ring != 2
            else:
                on = rng.random() < 0.5
            if on:
                draw.rectangle([x + i * m, y + j * m, x + (i + 1) * m - 1, y + (j + 1) * m - 1], fill=I.INK)


def draw(lic, seed):
    """Returns (RGB image, {field: box in pixels}, seal mask and centre)."""
    rng = random.Random(seed)
    im = Image.new("RGB", SIZE, (255, 255, 255))
    d = ImageDraw.Draw(im)
    w, h = SIZE
    d.rectangle([26, 26, w - 27, h - 27], outline=BORDER, width=6)
    d.rectangle([40, 40, w - 41, h - 41], outline=BORDER, width=2)
    title, tsize, validity_label, authority_label = KINDS[lic.kind]
    tf = I.font("cjk", tsize)
    pitch = tsize * (1.55 if len(title) <= 4 else 1.05)
    x = w / 2 - pitch * (len(title) - 1) / 2
    for ch in title:
        d.text((x, 215), ch, font=tf, anchor="ms", fill=I.INK)
        x += pitch
    boxes = {}
    if lic.kind == "biz":
        d.text((110, 110), "统一社会信用代码", font=I.font("cjk", 24), anchor="ls", fill=I.INK)
        boxes["credit_code"], _ = _value(d, 110, 156, lic.code, 800, size=30)
        d.text((w / 2, 285), "（副　本）", font=I.font("cjk", 34), anchor="ms", fill=I.INK)
        _qr(d, 1330, 80, 175, rng)
        left = [("名称", "name", lic.name), ("类型", None, dict(lic.extra)["类型"]),
                ("法定代表人", "legal_rep", lic.legal_rep), ("经营范围", "scope", lic.scope)]
        right = [(k, None, v) for k, v in lic.extra if k != "类型"]
        right.insert(2, (validity_label, "validity", lic.validity))
        right.append(("住所", "address", lic.address))
        y = 390
        for label, key, value in left:
            _spaced_label(d, 110, y, label, 150)
            box, y = _value(d, 300, y, value, 800)
            if key:
                boxes[key] = box
            y += 8
        y = 390
        for label, key, value in right:
            _spaced_label(d, 850, y, label, 136)
            box, y = _value(d, 1010, y, value, 1490)
            if key:
                boxes[key] = box
            y += 8
        auth_y = 990
    else:
        d.text((w / 2 - 250, 300), "统一社会信用代码", font=I.font("cjk", 32), anchor="ls", fill=I.INK)
        boxes["credit_code"], _ = _value(d, w / 2 + 30, 300, lic.code, 1500, size=32)
        rows = [("名称", "name", lic.name)]
        if lic.kind == "inst":
            rows += [("宗旨和业务范围", "scope", lic.scope), ("住所", "address", lic.address),
                     ("法定代表人", "legal_rep", lic.legal_rep)]
        else:
            rows += [("住所", "address", lic.address), ("法定代表人", "legal_rep", lic.legal_rep),
                     ("业务范围", "scope", lic.scope)]
        rows += [(k, None, v) for k, v in lic.extra]
        rows.append((validity_label, "validity", lic.validity))
        y = 380
        for label, key, value in rows:
            _spaced_label(d, 140, y, label, 240)
            box, y = _value(d, 420, y, value, 1460, pitch=56)
            if key:
                boxes[key] = box
            y += 6
        auth_y = max(y + 40, 1000)
        assert auth_y < h - 60, (lic.name, auth_y)
    ax = min(1060, w - 90 - I.text_length(authority_label + "：" + lic.authority, 28))
    I.draw_runs(d, ax, auth_y, 28, authority_label + "：" + lic.authority)
    I.draw_runs(d, ax + 60, auth_y + 46, 28, lic.issued)
    d.text((110, h - 70), "本证书为样例数据生成，仅供测试。", font=I.font("cjk", 20), anchor="ls", fill=(90, 90, 90))
    seal = I.seal_image(230, lic.authority, rng)
    return im, boxes, (seal, (ax + 260, auth_y - 10))


def scan(lic, seed, angle, quality=75):
    """The certificate flat on a scanner. Returns (JPEG bytes, boxes)."""
    im, boxes, seal = draw(lic, seed)
    rng = random.Random(seed + 1)
    data, rot = I.scan(im, rng, angle, 150, seals=[seal], quality=quality, paper=(253, 249, 238), specks=4,
                       grain=8)
    return data, {k: rot.box(b) for k, b in boxes.items()}


def photo(lic, seed, quad, canvas=(1600, 1200), quality=80):
    """The certificate photographed on a desk. Returns (JPEG bytes, boxes)."""
    im, boxes, (mask, centre) = draw(lic, seed)
    I.stamp(im, mask, centre)
    rng = random.Random(seed + 1)
    out, persp = I.photo(im, rng, canvas, quad, light=(170, 255), blur=0.8)
    return I.jpeg(out, quality), {k: persp.box(b) for k, b in boxes.items()}
