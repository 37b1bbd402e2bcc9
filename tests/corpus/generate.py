#!/usr/bin/python3
"""Generates the hostile-input corpus (tests/corpus/files/) and its manifest
(tests/corpus/manifest.json), which tests/e2e/watch_corpus_test.cc drops into
a watched inbox.

    /usr/bin/python3 tests/corpus/generate.py

Standard library only; the output is byte-identical from run to run (fixed
seeds, fixed ZIP entry times). Files are stored under safe names; the
manifest says under which name each is dropped (spaces, a newline, shell
metacharacters) and what must become of it:

  outcome    "done" (read), "rejected", "duplicate" (same bytes as another),
             "ignored" (a temporary name: never taken), or "done|rejected"
             where either is fine as long as dossier survives and says so
  code       the rejection's stable code (dossier/common/rejection.h), if rejected
  members    for archives: the outcome of each file inside, by name
"""

import io
import json
import random
import struct
import sys
import zipfile
import zlib
from hashlib import md5
from pathlib import Path

sys.dont_write_bytecode = True

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
DATE = (2024, 6, 1, 0, 0, 0)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    """entries: [(name, bytes or str)] → a ZIP with fixed times."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = compression
            z.writestr(info, data.encode() if isinstance(data, str) else data)
    return out.getvalue()


def paragraph(text):
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def document_xml(body, doctype=""):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
            f'<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>')


def form_docx(unit, code="12370100MB1C872684", teachers="12"):
    rows = [("单位名称", unit), ("统一社会信用代码", code), ("专职教师人数", teachers)]
    table = "<w:tbl>" + "".join(
        f"<w:tr><w:tc>{paragraph(k)}</w:tc><w:tc>{paragraph(v)}</w:tc></w:tr>" for k, v in rows
    ) + "</w:tbl>"
    return docx(paragraph("山东省专业技术人员继续教育基地申报表") + table)


def docx(body, doctype="", extra=(), compression=zipfile.ZIP_DEFLATED):
    return zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                      ("word/document.xml", document_xml(body, doctype)), *extra], compression)


def zip_bomb_docx(inflated=1 << 30):
    """word/document.xml inflates to `inflated` bytes (1 GiB): about 1 MB on disk."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS)):
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        info = zipfile.ZipInfo("word/document.xml", DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        head = document_xml("<w:p><w:r><w:t>").split("<w:t>")[0].encode() + b"<w:t>"
        with z.open(info, "w", force_zip64=True) as f:
            f.write(head)
            chunk = b"A" * (1 << 20)
            written = len(head)
            while written + len(chunk) <= inflated:
                f.write(chunk)
                written += len(chunk)
            f.write(b"A" * (inflated - written))
    return out.getvalue()


def billion_laughs_xlsx():
    laughs = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                        for i in range(1, 10))
              + "]>")
    workbook = ('<?xml version="1.0"?>' + laughs +
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="&lol9;" sheetId="1" r:id="rId1"/></sheets></workbook>')
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    wb_rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
               'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
               'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
               'Target="worksheets/sheet1.xml"/></Relationships>')
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x'
             '</t></is></c></row></sheetData></worksheet>')
    return zip_bytes([("[Content_Types].xml", types), ("_rels/.rels", rels),
                      ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", wb_rels),
                      ("xl/worksheets/sheet1.xml", sheet)])


def good_xlsx():
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="xml" ContentType="application/xml"/>'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    workbook = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships"><sheets><sheet name="汇总表" sheetId="1" '
                'r:id="rId1"/></sheets></workbook>')
    wb_rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
               'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
               'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
               'Target="worksheets/sheet1.xml"/></Relationships>')
    cells = [["序号", "单位名称", "统一社会信用代码"], ["1", "测试职业学院", "12370100MB1C872684"]]
    rows = "".join(
        f'<row r="{r + 1}">' + "".join(
            f'<c r="{"ABC"[c]}{r + 1}" t="inlineStr"><is><t>{v}</t></is></c>'
            for c, v in enumerate(row)) + "</row>" for r, row in enumerate(cells))
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')
    return zip_bytes([("[Content_Types].xml", types), ("_rels/.rels", rels),
                      ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", wb_rels),
                      ("xl/worksheets/sheet1.xml", sheet)])


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(width=60000, height=60000):
    """A PNG whose header claims 60000×60000 pixels (3.6 G of them); a few rows of data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * ((width + 1) * 64), 9)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", rows) + \
        png_chunk(b"IEND", b"")


def minimal_pdf(objects_text, encrypt=None):
    """objects_text: {number: bytes}; returns a PDF with a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects_text):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects_text[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects_text) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    trailer = f"<< /Size {size} /Root 1 0 R".encode()
    if encrypt:
        trailer += encrypt
    out += b"trailer\n" + trailer + b" >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    return bytes(out)


def pdf_objects(content):
    stream = content
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream +
           b"\nendstream",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }


PAGE_TEXT = b"BT /F1 14 Tf 72 770 Td (Application form, continuing education base) Tj ET\n" * 20


def truncated_pdf():
    whole = minimal_pdf(pdf_objects(PAGE_TEXT))
    return whole[: len(whole) * 55 // 100]


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(user=b"secret", owner=b"owner-secret"):
    """Standard security handler, 40-bit RC4 (V 1, R 2), with a user password."""
    file_id = md5(b"dossier hostile corpus").digest()
    o_key = md5((owner + PAD)[:32]).digest()[:5]
    o_value = rc4(o_key, (user + PAD)[:32])
    permissions = -4
    key = md5((user + PAD)[:32] + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
    u_value = rc4(key, PAD)
    objects = pdf_objects(PAGE_TEXT)
    object_key = md5(key + struct.pack("<I", 4)[:3] + b"\0\0").digest()[:10]
    secret = rc4(object_key, PAGE_TEXT)
    objects[4] = b"<< /Length " + str(len(secret)).encode() + b" >>\nstream\n" + secret + \
        b"\nendstream"
    objects[6] = (b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <" +
                  u_value.hex().encode() + b"> /P " + str(permissions).encode() + b" >>")
    encrypt = (b" /Encrypt 6 0 R /ID [<" + file_id.hex().encode() + b"> <" +
               file_id.hex().encode() + b">]")
    return minimal_pdf(objects, encrypt)


def jpeg_bytes():
    """A baseline JPEG built by hand would be long; a real encoder is not in
    the standard library, so the JPEG is a fixed, small grayscale image made
    by Pillow when available and otherwise left as it is on disk."""
    try:
        from PIL import Image, ImageDraw
    except ImportError:
        return None
    image = Image.new("L", (480, 320), 255)
    draw = ImageDraw.Draw(image)
    for y in range(20, 300, 24):
        draw.line((20, y, 460, y), fill=0, width=2)
        draw.text((30, y + 4), "Continuing education base application", fill=0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, optimize=False, progressive=False)
    return out.getvalue()


def legacy_doc(stream="WordDocument"):
    """An OLE2 compound file whose directory names one stream: WordDocument (a
    Word 97-2003 file), Workbook (Excel 97-2003) or EncryptedPackage (what Word
    and Excel write for a password-protected DOCX/XLSX)."""
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHH", header, 24, 0x3E, 3, 0xFFFE)
    struct.pack_into("<H", header, 30, 9)  # 512-byte sectors
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # directory at sector 1
    struct.pack_into("<I", header, 76, 0)  # FAT at sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * 512)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)
    directory = bytearray(512)
    for index, name in enumerate(("Root Entry", stream)):
        entry = 128 * index
        encoded = name.encode("utf-16-le") + b"\0\0"
        directory[entry:entry + len(encoded)] = encoded
        struct.pack_into("<H", directory, entry + 64, len(encoded))
        directory[entry + 66] = 5 if index == 0 else 2
    return bytes(header + fat + directory)


def deep_docx(depth=5000):
    """Stored, not deflated: the nesting itself must be refused, not the ratio."""
    return docx("<w:p>" + "<w:r>" * depth + "</w:r>" * depth + "</w:p>",
                compression=zipfile.ZIP_STORED)


def main():
    rng = random.Random(20241128)
    FILES.mkdir(parents=True, exist_ok=True)
    for old in FILES.iterdir():
        old.unlink()
    manifest = []

    def add(stored, data, drop_as, outcome, code=None, members=None, why=""):
        if data is not None:
            (FILES / stored).write_bytes(data)
        entry = {"file": stored, "drop_as": drop_as, "outcome": outcome, "why": why}
        if code:
            entry["code"] = code
        if members:
            entry["members"] = members
        manifest.append(entry)

    good = form_docx("测试职业学院")
    add("good.docx", good, "good.docx", "done", why="an ordinary form, read")
    add("good.docx", None, "copy of good.docx", "duplicate",
        why="the same bytes under another name: a second arrival, not read again")
    add("good.xlsx", good_xlsx(), "汇总表.xlsx", "done", why="an ordinary summary sheet")
    add("zip_bomb.docx", zip_bomb_docx(), "zip bomb.docx", "rejected", "zip_bomb",
        why="document.xml inflates to 1 GiB")
    add("xxe.docx", docx(paragraph("&xxe;"),
                         '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
        "xxe.docx", "rejected", "unsafe_xml", why="an external entity pointing at /etc/passwd")
    add("billion_laughs.xlsx", billion_laughs_xlsx(), "billion laughs.xlsx", "rejected",
        "unsafe_xml", why="nested entities expanding to 10^9 'lol's")
    add("zip_slip.zip", zip_bytes([("good.docx", form_docx("滑动学院")),
                                   ("../../../../tmp/dossier-zip-slip.txt", "escaped")]),
        "zip slip.zip", "rejected", "unsafe_archive",
        why="an archive entry named ../../../../tmp/...")
    add("zip_slip_absolute.docx",
        docx(paragraph("x"), extra=[("/etc/dossier-zip-slip.xml", "<x/>")]),
        "absolute entry.docx", "rejected", "unsafe_archive",
        why="a package part named /etc/...")
    add("huge_dimensions.png", huge_png(), "scan 60000x60000.png", "rejected", "image_too_large",
        why="a PNG header claiming 60000×60000 pixels")
    add("truncated.pdf", truncated_pdf(), "truncated.pdf", "done|rejected",
        why="a PDF cut at 55%: read what is there, or reject it; never crash")
    jpeg = jpeg_bytes()
    if jpeg is None:
        jpeg = (FILES / "truncated.jpeg").read_bytes() if (FILES / "truncated.jpeg").exists() \
            else b"\xff\xd8\xff\xe0"
    else:
        jpeg = jpeg[: len(jpeg) // 2]
    add("truncated.jpeg", jpeg, "photo.jpg", "done|rejected",
        why="a JPEG cut in half")
    add("encrypted.pdf", encrypted_pdf(), "encrypted.pdf", "rejected", "encrypted_pdf",
        why="a PDF that needs a password to open")
    add("random.pdf", bytes(rng.getrandbits(8) for _ in range(8192)).replace(b"%PDF", b"%pdf"),
        "random.pdf", "rejected", "unknown_type", why="random bytes named .pdf")
    add("empty.docx", b"", "empty.docx", "rejected", "empty", why="0 bytes")
    add("spaces.docx", form_docx("空格学院"), "name with  spaces .docx", "done",
        why="spaces in the name")
    add("newline.docx", form_docx("换行学院"), "new\nline.docx", "done",
        why="a newline in the name")
    add("shell.docx", form_docx("外壳学院"),
        "$(touch pwned) `touch pwned2`; rm -rf x | & > < * ? ' \".docx", "done",
        why="shell metacharacters in the name")
    add("temporary.docx", form_docx("临时学院"), "~$temporary.docx", "ignored",
        why="Office's owner file: never taken")
    add("deep.docx", deep_docx(), "deep.docx", "rejected", "damaged",
        why="XML nested 5000 deep")
    add("legacy.doc", legacy_doc(), "legacy.doc", "rejected", "legacy_office",
        why="a Word 97-2003 file")
    add("legacy.xls", legacy_doc("Workbook"), "汇总表.xls", "rejected", "legacy_office",
        why="an Excel 97-2003 file")
    add("encrypted.docx", legacy_doc("EncryptedPackage"), "申报表（加密）.docx", "rejected",
        "encrypted_office", why="a password-protected DOCX: an OLE2 container, not a ZIP")
    add("rtl_name.docx", form_docx("右向学院"), "某某研究院\u202egpj.exe.docx", "done",
        why="a right-to-left override in the name: taken, and shown escaped")
    add("escape_name.docx", form_docx("转义学院"), "\x1b[2J\x1b[1;1Hform.docx", "done",
        why="terminal escape sequences in the name: taken, never sent raw to a terminal")
    add("document2.docx",
        zip_bytes([("[Content_Types].xml", CONTENT_TYPES.replace("/word/document.xml",
                                                                 "/word/document2.xml")),
                   ("_rels/.rels", ROOT_RELS.replace("word/document.xml", "word/document2.xml")),
                   ("word/document2.xml",
                    document_xml(paragraph("山东省专业技术人员继续教育基地申报表")))]),
        "web.docx", "done", why="Word for the web's main part, word/document2.xml")
    add("amplifying.zip", zip_bytes([(f"page{i}.pdf", b"\0" * (1 << 20)) for i in range(240)]),
        "amplifying.zip", "rejected", "archive_too_large",
        why="240 entries of exactly 1 MiB from a few hundred KiB")
    add("twins.zip", zip_bytes([("申报表.docx", form_docx("甲学院")),
                                ("申报表.DOCX", form_docx("乙学院"))]),
        "twins.zip", "rejected", "archive_duplicate_names",
        why="two entries whose names differ only in case")
    add("nested.zip", zip_bytes([("inside/form.docx", form_docx("嵌套学院")),
                                 ("inner.zip", zip_bytes([("x.docx", form_docx("内层学院"))])),
                                 ("__MACOSX/inside/._form.docx", "resource fork")]),
        "bundle.zip", "done",
        members={"inside/form.docx": "done", "inner.zip": "rejected"},
        why="an archive: its form is read, the archive inside it is not expanded")
    add("many_entries.zip", zip_bytes([(f"f{i}.txt", "") for i in range(10001)],
                                      zipfile.ZIP_STORED),
        "many entries.zip", "rejected", "archive_too_large", why="10001 entries")

    (HERE / "manifest.json").write_text(
        json.dumps({"files": manifest}, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {len(list(FILES.iterdir()))} files and manifest.json to {HERE}")


if __name__ == "__main__":
    main()
