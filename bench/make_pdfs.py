#!/usr/bin/python3
"""Generates the benchmark inputs of bench/run (fictional, deterministic).

    /usr/bin/python3 bench/make_pdfs.py OUTDIR [--text-pages 60] [--scan-pages 12]

Writes into OUTDIR:
  text.pdf       a born-digital PDF (reportlab, embedded TrueType CJK font):
                 application forms as ruled tables and pages of prose
  scan.pdf       an image-only PDF at 300 dpi: dense Chinese text, ruled form
                 tables on every other page, a red seal on every page, a skew
                 of up to 1.5 degrees, noise and JPEG compression
  scan_truth/NN.txt  the text drawn on each scan page, line by line, for
                 the character-accuracy comparison
"""

import argparse
import io
import math
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_FILE = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
FONT = "Droid"

# A pool of common characters for prose; the rest of the text is form labels.
PROSE = ("继续教育基地建设坚持以人为本服务发展的原则围绕全省重点产业和专业技术人才队伍需求"
         "统筹推进培训资源整合提升培训质量加强师资队伍建设完善管理制度规范教学组织实施"
         "学员考核管理教学科研管理培训登记管理培训经费管理后勤保障管理培训效果评估跟踪反馈"
         "单位依法登记具有独立法人资格经营范围包括培训或继续教育具备稳定的专兼职师资队伍"
         "有专门的继续教育管理机构和人员制度健全经费有保障教室设备图书资料满足需要网络平台"
         "年度培训专业技术人才人数不少于两千人次各市推荐数量原则上不超过两个省直部门不超过一个")

LABELS = [
    ("单位名称", "{city}市{n}职业技术学院"), ("统一社会信用代码", "12370000MB{d:07d}X"),
    ("单位性质", "高等院校"), ("法定代表人", "王{n}明"), ("通讯地址", "山东省{city}市历下区经十路{d}号"),
    ("邮政编码", "250{d3:03d}"), ("联系人", "李{n}华"), ("联系电话", "0531-8{d:07d}"),
    ("手机", "138{d:08d}"), ("电子邮箱", "office{d}@example.edu.cn"), ("推荐单位", "{city}市人力资源和社会保障局"),
    ("申报领域", "新一代信息技术"), ("专职教师人数", "{d2}"), ("兼职教师人数", "{d3}"),
    ("年度继续教育经费(万元)", "{d2}.5"), ("固定教室数量(间)", "{d2}"), ("填表日期", "2024年6月{d2}日"),
]
CITIES = ["济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁"]


def draw_text(c, x, y, text, size, centred=False):
    """Draws text with the CJK font and ASCII runs in Helvetica (the CJK
    font has no Latin glyphs)."""
    runs = re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text)
    widths = [pdfmetrics.stringWidth(r, "Helvetica" if r[0] < "\x7f" else FONT, size)
              for r in runs]
    if centred:
        x -= sum(widths) / 2
    for run, w in zip(runs, widths):
        c.setFont("Helvetica" if run[0] < "\x7f" else FONT, size)
        c.drawString(x, y, run)
        x += w


def prose_line(rng, n):
    return "".join(rng.choice(PROSE) for _ in range(n))


def form_rows(rng, page):
    city = CITIES[page % len(CITIES)]
    n = "一二三四五六七八九"[page % 9]
    d = rng.randrange(1000000, 9999999)
    rows = []
    for label, pattern in LABELS:
        rows.append((label, pattern.format(city=city, n=n, d=d, d2=rng.randrange(10, 99),
                                           d3=rng.randrange(100, 999))))
    return rows


def draw_form_page(c, rng, page, width, height, lines_out):
    """A two-column ruled table of labels and values, and a title."""
    title = "山东省专业技术人员继续教育基地申报表"
    draw_text(c, width / 2, height - 60, title, 16, centred=True)
    lines_out.append(title)
    x0, x1, x2 = 60, 220, width - 60
    y = height - 100
    row_h = 26
    rows = form_rows(rng, page)
    c.setLineWidth(0.8)
    top = y
    for label, value in rows:
        draw_text(c, x0 + 6, y - 17, label, 11)
        draw_text(c, x1 + 6, y - 17, value, 11)
        lines_out.append(label + " " + value)
        c.line(x0, y, x2, y)
        y -= row_h
    c.line(x0, y, x2, y)
    for x in (x0, x1, x2):
        c.line(x, top, x, y)
    # A paragraph under the table.
    y -= 30
    while y > 70:
        text = prose_line(rng, 40)
        draw_text(c, x0, y, text, 10.5)
        lines_out.append(text)
        y -= 18


def draw_prose_page(c, rng, width, height, lines_out):
    y = height - 60
    while y > 60:
        text = prose_line(rng, 42)
        draw_text(c, 60, y, text, 10.5)
        lines_out.append(text)
        y -= 17


def make_text_pdf(path, pages, seed=3):
    rng = random.Random(seed)
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    lines = []
    for p in range(pages):
        if p % 2 == 0:
            draw_form_page(c, rng, p, width, height, lines)
        else:
            draw_prose_page(c, rng, width, height, lines)
        c.showPage()
    c.save()
    return lines


def make_scan_source(path, pages, seed=7):
    """Dense pages: a ruled form table, then prose; returns each page's lines."""
    rng = random.Random(seed)
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    truth = []
    for p in range(pages):
        lines = []
        if p % 2 == 0:
            draw_form_page(c, rng, p, width, height, lines)
        else:
            draw_prose_page(c, rng, width, height, lines)
        c.showPage()
        truth.append(lines)
    c.save()
    return truth


def red_seal(size, rng):
    """A round red stamp like an official seal, RGBA."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    red = (220, 30, 40, 200)
    d.ellipse((6, 6, size - 6, size - 6), outline=red, width=14)
    font = ImageFont.truetype(FONT_FILE, size // 9)
    text = "继续教育培训专用章"
    r = size / 2 - 60
    for i, ch in enumerate(text):
        a = math.radians(200 + i * 140 / (len(text) - 1))
        x = size / 2 + r * math.cos(a)
        y = size / 2 + r * math.sin(a)
        d.text((x, y), ch, fill=red, font=font, anchor="mm")
    star = [(size / 2 + (size / 7 if k % 2 == 0 else size / 17) * math.cos(math.radians(-90 + k * 36)),
             size / 2 + (size / 7 if k % 2 == 0 else size / 17) * math.sin(math.radians(-90 + k * 36)))
            for k in range(10)]
    d.polygon(star, fill=red)
    return img


def make_scan_pdf(src_pdf, out_pdf, dpi, rng):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src_pdf), f"{tmp}/p"],
                       check=True)
        frames = []
        for png in sorted(Path(tmp).glob("p-*.png")):
            page = Image.open(png).convert("RGB")
            seal = red_seal(int(dpi * 1.6), rng)
            sx = page.width - seal.width - int(dpi * 0.9)
            sy = int(dpi * 1.2) + rng.randrange(0, int(dpi * 1.5))
            # Stamp ink darkens what is under it: black text stays black.
            layer = Image.new("RGB", page.size, "white")
            layer.paste(seal, (sx, sy), seal)
            page = ImageChops.multiply(page, layer)
            page = page.rotate(rng.uniform(-1.5, 1.5), resample=Image.BICUBIC, fillcolor="white")
            noise = Image.effect_noise(page.size, 18).convert("RGB")
            page = Image.blend(page, noise, 0.08)
            buf = io.BytesIO()
            page.save(buf, "JPEG", quality=80)
            frames.append(Image.open(io.BytesIO(buf.getvalue())))
        frames[0].save(out_pdf, "PDF", resolution=dpi, save_all=True, append_images=frames[1:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--text-pages", type=int, default=60)
    ap.add_argument("--scan-pages", type=int, default=12)
    args = ap.parse_args()
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    pdfmetrics.registerFont(TTFont(FONT, FONT_FILE))
    make_text_pdf(out / "text.pdf", args.text_pages)
    truth = make_scan_source(out / "scan_source.pdf", args.scan_pages)
    make_scan_pdf(out / "scan_source.pdf", out / "scan.pdf", 300, random.Random(11))
    tdir = out / "scan_truth"
    tdir.mkdir(exist_ok=True)
    for i, lines in enumerate(truth, 1):
        (tdir / f"{i:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
