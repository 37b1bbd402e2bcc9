"""DOCX to PDF with LibreOffice, made reproducible, and where its values landed (pdftotext -bbox)."""
import hashlib
import html
import os
import re
import shutil
import subprocess

from .layout import P, T, C


def soffice():
    return shutil.which('soffice') or shutil.which('libreoffice')


def convert(docx_paths, outdir, profile_dir):
    """All the DOCX files to PDF in one LibreOffice run (its start-up is the slow part)."""
    exe = soffice()
    if not exe:
        raise RuntimeError('LibreOffice (soffice) is needed for pdf-office renderings: apt-get install '
                           'libreoffice-writer-nogui')
    os.makedirs(outdir, exist_ok=True)
    env = dict(os.environ, HOME=profile_dir, SAL_USE_VCLPLUGIN='svp')
    cmd = [exe, '--headless', '--norestore', '--nolockcheck', f'-env:UserInstallation=file://{profile_dir}',
           '--convert-to', 'pdf', '--outdir', outdir] + list(docx_paths)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, timeout=600)
    out = {}
    for p in docx_paths:
        q = os.path.join(outdir, os.path.splitext(os.path.basename(p))[0] + '.pdf')
        if not os.path.exists(q):
            raise RuntimeError(f'LibreOffice did not convert {p}')
        out[p] = q
    return out


def reproducible(pdf, salt):
    """The same PDF with its dates and /ID fixed (same lengths, so the xref offsets stay right)."""
    fixed = b"D:20240620093000+08'00'"

    def date(m):
        inner = m.group(2)
        rep = fixed if len(inner) == len(fixed) else (b'D:20240620093000' + inner[16:])[:len(inner)]
        return m.group(1) + rep + b')'
    pdf = re.sub(rb'(/(?:CreationDate|ModDate)\s*\()([^)]*)\)', date, pdf)
    h = hashlib.md5(salt.encode()).hexdigest().upper().encode()

    def fill(s):
        return (h * (len(s) // len(h) + 1))[:len(s)]

    def ident(m):
        return m.group(0).replace(m.group(1), fill(m.group(1))).replace(m.group(2), fill(m.group(2)))
    pdf = re.sub(rb'/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]', ident, pdf)
    # LibreOffice's checksum covers the dates it wrote
    pdf = re.sub(rb'/DocChecksum\s*/([0-9A-Fa-f]+)', lambda m: m.group(0).replace(m.group(1), fill(m.group(1))), pdf)
    pdf = re.sub(rb'(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(</xmp:)',
                 lambda m: m.group(1) + b'2024-06-20T09:30:00+08:00'.ljust(len(m.group(2)))[:len(m.group(2))]
                 + m.group(3), pdf)
    return pdf


# --------------------------------------------------------------------------

def tagged_stream(blocks):
    """The block model's text in reading order: [(text, tag, cell id)]."""
    out = []
    cid = [0]

    def walk(b):
        if isinstance(b, P):
            cid[0] += 1
            for r in b.runs:
                out.append((r.text, r.tag, cid[0]))
        elif isinstance(b, T):
            for row in b.rows:
                for cell in row:
                    cid[0] += 1
                    for x in cell.content:
                        walk(x)
        elif isinstance(b, C):
            for x in b.content:
                walk(x)
    for b in blocks:
        walk(b)
    return out


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def pdf_chars(pdf_path):
    """Every character pdftotext finds, with its page and an estimated box."""
    xml = subprocess.run(['pdftotext', '-bbox-layout', pdf_path, '-'], check=True, capture_output=True).stdout
    xml = xml.decode('utf-8', 'replace')
    chars = []
    for pi, chunk in enumerate(xml.split('<page ')[1:]):
        for m in _WORD.finditer(chunk):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            text = html.unescape(m.group(5))
            n = len(text)
            for k, ch in enumerate(text):
                if ch.isspace():
                    continue
                chars.append((ch, pi + 1, [x0 + (x1 - x0) * k / n, y0, x0 + (x1 - x0) * (k + 1) / n, y1]))
    return chars


def _squash(s):
    return ''.join(ch for ch in s if not ch.isspace())


def locate(pdf_path, blocks):
    """tag -> [(page, bbox)] for the tagged runs of blocks, found in the PDF's text in reading order."""
    chars = pdf_chars(pdf_path)
    text = ''.join(c[0] for c in chars)
    stream = tagged_stream(blocks)
    found = {}
    cursor = 0
    before = ''
    last = {}
    for txt, tag, cell in stream:
        needle = _squash(txt)
        if tag and needle:
            ctx = before[-6:]
            at = text.find(ctx + needle, cursor) if ctx else -1
            if at >= 0:
                at += len(ctx)
            else:
                at = text.find(needle, cursor)
                if at < 0:
                    at = text.find(needle)
            if at < 0:
                # a tick the PDF spells otherwise: look for the words after it
                core = re.sub(r'^[^\w\u4e00-\u9fff]+', '', needle)
                at = text.find(core, cursor) if core else -1
                needle = core
            if at >= 0:
                span = chars[at:at + len(needle)]
                cursor = at + len(needle)
                for page in sorted({c[1] for c in span}):
                    bs = [c[2] for c in span if c[1] == page]
                    box = [min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs)]
                    lst = found.setdefault(tag, [])
                    if last.get(tag) == (cell, page) and lst:
                        pb = lst[-1][1]
                        lst[-1] = (page, [min(pb[0], box[0]), min(pb[1], box[1]), max(pb[2], box[2]),
                                          max(pb[3], box[3])])
                    else:
                        lst.append((page, box))
                    last[tag] = (cell, page)
        before += needle
    return {t: [(p, [round(v, 2) for v in b]) for p, b in lst] for t, lst in found.items()}
