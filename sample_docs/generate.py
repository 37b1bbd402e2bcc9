#!/usr/bin/python3
"""Generates the sample inbox (sample_docs/inbox/) and its expected export
(sample_docs/expected.json).

Everything is fictional. Run with /usr/bin/python3 (python-docx, openpyxl):

    /usr/bin/python3 sample_docs/generate.py

The output is byte-identical from run to run: core properties are fixed and
every DOCX/XLSX is re-zipped with fixed entry times, order and compression.

Locators in expected.json are not predicted from python-docx's behaviour:
they are found by reading the saved word/document.xml back (the label's cell,
then the value cell to its right or below it, or the "label：value" cell or
paragraph), and the value cell's text is checked against what was written.
"""

import argparse
import datetime
import hashlib
import io
import json
import random
import re
import shutil
import sys
import zipfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the samples

import docx
import openpyxl
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree
from openpyxl.styles import Alignment, Font

from gen.model import (CITIES, E, FIELD_KEYS, FIXED_TIME, FORM_TITLE, RULE_ITEMS, SUMMARY_TITLE, W14_NS,
                       W_NS, Boxes, credit_code, is_valid_credit_code, sdt_ticked, to_fullwidth)
from gen.model import JINAN, QINGDAO, WEIJIAN
from gen import applicants as A
from gen import checks as C
from gen import national as N
from gen import render as R
from gen import mails as M

HERE = Path(__file__).resolve().parent
INBOX = HERE / "inbox"
EXPECTED = HERE / "expected.json"
ARRIVALS = HERE / "arrivals.json"


# ---------------------------------------------------------------------------
# DOCX building.

def new_document():
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    props = doc.core_properties
    props.author = "申报单位"
    props.last_modified_by = "申报单位"
    props.comments = ""
    props.title = ""
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED_TIME
    return doc


def add_title(doc, text):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(16)


def add_text(doc, text, align=None):
    p = doc.add_paragraph(text)
    if align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


_sdt_id = [1000]


def add_checkbox(paragraph, checked):
    _sdt_id[0] += 1
    glyph = "☒" if checked else "☐"
    xml = (
        f'<w:sdt xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"><w:sdtPr>'
        f'<w:id w:val="{_sdt_id[0]}"/>'
        f'<w14:checkbox><w14:checked w14:val="{1 if checked else 0}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox>'
        '</w:sdtPr><w:sdtContent><w:r><w:rPr>'
        '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" w:hint="eastAsia"/>'
        f'</w:rPr><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>')
    paragraph._p.append(parse_xml(xml))


def fill_cell(cell, raw):
    if isinstance(raw, Boxes):
        if raw.style == "sdt":
            cell.text = ""
            p = cell.paragraphs[0]
            for i, (checked, item) in enumerate(raw.marks):
                add_checkbox(p, checked)
                p.add_run(item + (raw.sep if i + 1 < len(raw.marks) else ""))
            return
        raw = raw.text()
    lines = raw.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def bold_cell(cell):
    for p in cell.paragraphs:
        for r in p.runs:
            r.bold = True


def add_form_table(doc, ncols, rows):
    """Rows: ("section", text) | ("wide", E) | ("pair", E, E) | ("row", E) |
    ("header", [E...]) | ("years", label, [E...]) | ("cellpair", E)."""
    nrows = sum(2 if r[0] in ("header", "years") else 1 for r in rows)
    table = doc.add_table(rows=nrows, cols=ncols)
    table.style = "Table Grid"
    r = 0
    for row in rows:
        kind = row[0]
        if kind == "section":
            cell = table.cell(r, 0).merge(table.cell(r, ncols - 1))
            fill_cell(cell, row[1])
            bold_cell(cell)
        elif kind == "cellpair":
            cell = table.cell(r, 0).merge(table.cell(r, ncols - 1))
            fill_cell(cell, row[1].label + "：" + row[1].text())
        elif kind == "row":
            fill_cell(table.cell(r, 0), row[1].label)
            fill_cell(table.cell(r, 1), row[1].raw)
        elif kind == "wide":
            fill_cell(table.cell(r, 0), row[1].label)
            fill_cell(table.cell(r, 1).merge(table.cell(r, ncols - 1)), row[1].raw)
        elif kind == "pair":
            for i, entry in enumerate(row[1:]):
                fill_cell(table.cell(r, 2 * i), entry.label)
                fill_cell(table.cell(r, 2 * i + 1), entry.raw)
        elif kind == "header":
            for i, entry in enumerate(row[1]):
                fill_cell(table.cell(r, i), entry.label)
                fill_cell(table.cell(r + 1, i), entry.raw)
            r += 1
        elif kind == "years":
            fill_cell(table.cell(r, 0).merge(table.cell(r + 1, 0)), row[1])
            for i, entry in enumerate(row[2]):
                fill_cell(table.cell(r, i + 1), entry.label)
                fill_cell(table.cell(r + 1, i + 1), entry.raw)
            r += 1
        else:
            raise ValueError(kind)
        r += 1
    return table


def build_form(blocks):
    """Blocks: ("title", t) | ("text", t[, align]) | ("empty",) | ("table", ncols, rows) |
    ("para", E). Returns (document, entries with their placement)."""
    doc = new_document()
    placed = []  # (entry, how): how is 'right', 'below' or 'same'
    for block in blocks:
        kind = block[0]
        if kind == "title":
            add_title(doc, block[1])
        elif kind == "text":
            add_text(doc, block[1], block[2] if len(block) > 2 else None)
        elif kind == "empty":
            doc.add_paragraph()
        elif kind == "para":
            doc.add_paragraph(block[1].label + "：" + block[1].text())
            placed.append((block[1], "same"))
        elif kind == "table":
            add_form_table(doc, block[1], block[2])
            for row in block[2]:
                if row[0] in ("wide", "row"):
                    placed.append((row[1], "right"))
                elif row[0] == "pair":
                    placed.extend((e, "right") for e in row[1:])
                elif row[0] == "header":
                    placed.extend((e, "below") for e in row[1])
                elif row[0] == "years":
                    placed.extend((e, "below") for e in row[2])
                elif row[0] == "cellpair":
                    placed.append((row[1], "same"))
        else:
            raise ValueError(kind)
    return doc, placed


# ---------------------------------------------------------------------------
# Reading a saved DOCX back: body paragraphs and top-level tables, numbered as
# the pipeline's DOCX reader numbers them.

def _w(tag):
    return "{%s}%s" % (W_NS, tag)


def _para_text(p):
    out = []
    for el in p.iter():
        if el.tag == _w("t"):
            out.append(el.text or "")
        elif el.tag == _w("tab"):
            out.append("\t")
        elif el.tag in (_w("br"), _w("cr")):
            out.append("\n")
    return "".join(out)


def read_back_docx(data):
    """Returns (paragraphs, cells): paragraphs as [(n, text)], cells as dicts
    with table, row (w:tr index), cell (w:tc index), grid column and text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(_w("body"))
    paragraphs, cells = [], []
    n_para = n_table = 0
    for child in body:
        if child.tag == _w("p"):
            n_para += 1
            paragraphs.append((n_para, _para_text(child)))
        elif child.tag == _w("tbl"):
            n_table += 1
            for r, tr in enumerate(child.findall(_w("tr")), 1):
                grid = 0
                for c, tc in enumerate(tr.findall(_w("tc")), 1):
                    span_el = tc.find("%s/%s" % (_w("tcPr"), _w("gridSpan")))
                    span = int(span_el.get(_w("val"))) if span_el is not None else 1
                    text = "\n".join(_para_text(p) for p in tc.findall(_w("p")))
                    cells.append({"table": n_table, "row": r, "cell": c, "grid": grid,
                                  "span": span, "text": text})
                    grid += span
    return paragraphs, cells


def cell_locator(cell):
    return "table %d row %d cell %d" % (cell["table"], cell["row"], cell["cell"])


def locate_entries(data, placed, name):
    paragraphs, cells = read_back_docx(data)
    for entry, how in placed:
        expected_text = entry.text()
        if how == "same":
            whole = entry.label + "：" + expected_text
            hits = ["paragraph %d" % n for n, t in paragraphs if t == whole]
            hits += [cell_locator(c) for c in cells if c["text"] == whole]
            assert len(hits) == 1, (name, entry.label, hits)
            entry.locator = hits[0]
            continue
        labels = [c for c in cells if c["text"] == entry.label]
        assert len(labels) == 1, (name, entry.label, len(labels))
        lab = labels[0]
        if how == "right":
            found = [c for c in cells if c["table"] == lab["table"] and c["row"] == lab["row"]
                     and c["cell"] == lab["cell"] + 1]
        else:
            found = [c for c in cells if c["table"] == lab["table"] and c["row"] == lab["row"] + 1
                     and c["grid"] == lab["grid"]]
        assert len(found) == 1, (name, entry.label, how)
        assert found[0]["text"] == expected_text, (name, entry.label, found[0]["text"], expected_text)
        entry.locator = cell_locator(found[0])


# ---------------------------------------------------------------------------
# Deterministic ZIP output.

SML_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def use_shared_strings(entries):
    """openpyxl writes every string as an inline string (t="inlineStr"); Excel
    writes a shared-string table. Converting some workbooks gives the XLSX
    reader both kinds to handle."""
    index = {}
    count = 0
    for name in sorted(n for n in entries if n.startswith("xl/worksheets/sheet")):
        root = etree.fromstring(entries[name])
        for c in root.iter("{%s}c" % SML_NS):
            if c.get("t") != "inlineStr":
                continue
            inline = c.find("{%s}is" % SML_NS)
            text = "".join(t.text or "" for t in inline.iter("{%s}t" % SML_NS))
            c.remove(inline)
            c.set("t", "s")
            etree.SubElement(c, "{%s}v" % SML_NS).text = str(index.setdefault(text, len(index)))
            count += 1
        entries[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    sst = etree.Element("{%s}sst" % SML_NS, nsmap={None: SML_NS}, count=str(count), uniqueCount=str(len(index)))
    for text in sorted(index, key=index.get):
        t = etree.SubElement(etree.SubElement(sst, "{%s}si" % SML_NS), "{%s}t" % SML_NS)
        t.text = text
        if text != text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    entries["xl/sharedStrings.xml"] = etree.tostring(sst, xml_declaration=True, encoding="UTF-8", standalone=True)
    types = entries["[Content_Types].xml"].decode("utf-8")
    types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    entries["[Content_Types].xml"] = types.encode("utf-8")
    rels = entries["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    entries["xl/_rels/workbook.xml.rels"] = rels.encode("utf-8")


def normalize_zip(data, shared_strings=False):
    """Re-zips an OOXML package with fixed entry times, order and compression,
    without python-docx's placeholder thumbnail, and with fixed core dates."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = {info.filename: z.read(info.filename) for info in z.infolist()}
    if shared_strings:
        use_shared_strings(entries)
    if "docProps/thumbnail.jpeg" in entries:
        del entries["docProps/thumbnail.jpeg"]
        rels = entries["_rels/.rels"].decode("utf-8")
        rels = re.sub(r'<Relationship [^>]*Target="docProps/thumbnail\.jpeg"[^>]*/>', "", rels)
        entries["_rels/.rels"] = rels.encode("utf-8")
    core = entries["docProps/core.xml"].decode("utf-8")
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", r"\g<1>%s\g<3>" % stamp, core)
    entries["docProps/core.xml"] = core.encode("utf-8")
    first = ["[Content_Types].xml", "_rels/.rels"]
    order = [n for n in first if n in entries] + sorted(n for n in entries if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zout.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


def save_docx(doc, rel):
    buf = io.BytesIO()
    doc.save(buf)
    return write_file(rel, normalize_zip(buf.getvalue()))


def save_xlsx(wb, rel, shared_strings=False):
    wb.properties.creator = "推荐单位"
    wb.properties.lastModifiedBy = "推荐单位"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    return write_file(rel, normalize_zip(buf.getvalue(), shared_strings))


FILES = {}  # rel path -> bytes


def write_file(rel, data):
    path = INBOX / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    FILES[rel] = data
    return data


def sha256(rel):
    return hashlib.sha256(FILES[rel]).hexdigest()


# ---------------------------------------------------------------------------
# The recommenders and applicants.


CODE1 = credit_code("12370100", "MB1C8726")  # 济南泉城信息工程学院 (事业单位)
CODE2 = credit_code("12370100", "49571832")  # 济南华岳工程技术研究院 (事业单位)
CODE3 = credit_code("51370100", "MJD06274")  # 济南市现代农业技术推广学会 (社会团体)
CODE4 = credit_code("52370211", "MJ0518K3")  # 青岛蓝海职业培训学校 (民办非企业单位)
CODE5 = credit_code("91370200", "MA3C7R2D")  # 青岛海澄重工股份有限公司 (企业)
CODE6 = credit_code("12370600", "MB0P4462")  # 烟台滨海卫生职业学院 (事业单位)


def spaced(code, groups):
    out, i = [], 0
    for g in groups:
        out.append(code[i:i + g])
        i += g
    return " ".join(out)


def form1():
    """济南泉城信息工程学院: layout A, Word checkbox content controls."""
    rules = Boxes("sdt", [(item != "跟踪反馈", item) for item in RULE_ITEMS])
    table = [
        ("section", "一、申报单位基本情况"),
        ("wide", E("单位名称", "济南泉城信息工程学院", "unit_name", "济南泉城信息工程学院")),
        ("pair", E("统一社会信用代码", CODE1, "credit_code", CODE1),
         E("单位性质", "高等院校", "unit_type", "高等院校")),
        ("pair", E("法定代表人", "刘建国", "legal_rep", "刘建国"), E("成立时间", "1985年9月")),
        ("wide", E("通讯地址", "山东省济南市历城区港沟街道科创路2699号", "address",
                   "山东省济南市历城区港沟街道科创路2699号")),
        ("pair", E("所在市", "济南市", "city", "济南"), E("邮政编码", "250104", "postcode", "250104")),
        ("pair", E("联系人", "李静", "contact_name", "李静"),
         E("联系电话", "(0531)51788246", "contact_phone", "0531-51788246")),
        ("pair", E("手机", "138 0531 2345", "contact_mobile", "13805312345"),
         E("电子邮箱", "JXJY@QCIT.EXAMPLE.CN", "email", "jxjy@qcit.example.cn")),
        ("pair", E("推荐单位", JINAN, "recommender", JINAN),
         E("申报领域", "新一代信息技术", "field_area", "新一代信息技术")),
        ("pair", E("传真", "0531-51788247"), E("职工总数", "860人")),
        ("section", "二、师资队伍与管理"),
        ("pair", E("专职教师人数", "12", "faculty_fulltime", 12),
         E("兼职教师人数", "8人", "faculty_parttime", 8)),
        ("pair", E("副高级以上职称人数", "9", "faculty_senior", 9),
         E("管理人员人数", "6", "mgmt_staff", 6)),
        ("wide", E("继续教育管理机构", "继续教育学院", "mgmt_dept", "继续教育学院")),
        ("wide", E("管理制度", rules, "mgmt_rules", sdt_ticked(rules.marks))),
        ("section", "三、培训条件"),
        ("pair", E("年度继续教育经费(万元)", "120万元", "annual_budget", 120),
         E("固定教室数量(间)", "24间", "classroom_count", 24)),
        ("pair", E("教学场地面积(平方米)", "1,200㎡", "classroom_area", 1200),
         E("专业图书资料(册)", "5.6万册", "library_volumes", 56000)),
        ("wide", E("实训场所或实训合作单位", "学院信息技术实训中心；济南高新区软件园实训基地（合作单位）",
                   "training_site", "学院信息技术实训中心；济南高新区软件园实训基地（合作单位）")),
        ("pair", E("网络培训平台名称", "泉城信息继续教育在线学习平台", "online_platform",
                   "泉城信息继续教育在线学习平台"),
         E("平台网址", "HTTPS://Edu.Example.CN/Train", "online_platform_url",
           "https://edu.example.cn/Train")),
        ("pair", E("平台同时在线人数", "10000人", "online_capacity", 10000),
         E("2023年培训项目数", "36个", "programs_2023", 36)),
        ("years", "近三年年培训专业技术人才人数",
         [E("2021年", "２８００", "trainees_2021", 2800), E("2022年", "3,150人", "trainees_2022", 3150),
          E("2023年", "0.36万人", "trainees_2023", 3600)]),
        ("wide", E("单位简介", "学院始建于1985年，现有教职工860人，在校生1.2万人，建有省级实训基地3个，"
                               "累计培训各类专业技术人员8万余人次。")),
        ("wide", E("填表日期", "2024年6月16日", "application_date", "2024-06-16")),
    ]
    return [("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 4, table), ("empty",),
            ("text", "填表说明：1. 本表一式三份，推荐单位、申报单位各留存一份；2. 表中数据统计截至2023年12月31日。")]


def form2():
    """济南华岳工程技术研究院: layout B (label | value), synonyms, trailing paragraphs."""
    rules = Boxes("inline", [("☑", "教学组织管理"), ("☑", "学员考核管理"), ("□", "教学科研管理"),
                             ("☑", "培训登记管理"), ("√", "培训经费管理"), ("□", "后勤保障管理"),
                             ("☑", "培训效果评估"), ("□", "跟踪反馈")], sep=" ")
    table = [
        ("section", "一、基本信息"),
        ("row", E("申报单位名称", "济南华岳工程技术研究院", "unit_name", "济南华岳工程技术研究院")),
        ("row", E("社会信用代码", spaced(CODE2.lower(), [8, 4, 4, 2]), "credit_code", CODE2)),
        ("row", E("单位类型", "科研院所", "unit_type", "科研院所")),
        ("row", E("法人代表", "陈志强", "legal_rep", "陈志强")),
        ("row", E("成立时间", "1993年10月")),
        ("row", E("单位地址", "济南市历下区经十路17123号", "address", "济南市历下区经十路17123号")),
        ("row", E("邮编", "250014", "postcode", "250014")),
        ("row", E("办公电话", "0531－86012345", "contact_phone", "0531-86012345")),
        ("row", E("传真", "0531－86012346")),
        ("row", E("手机号码", "15805319876", "contact_mobile", "15805319876")),
        ("row", E("邮箱", "HYPX@HUAYUE.EXAMPLE.CN", "email", "hypx@huayue.example.cn")),
        ("row", E("主管部门", JINAN, "recommender", JINAN)),
        ("row", E("培训领域", "新能源新材料", "field_area", "新能源新材料")),
        ("section", "二、师资与管理"),
        ("row", E("专职师资", "10人", "faculty_fulltime", 10)),
        ("row", E("兼职师资", "六人", "faculty_parttime", 6)),
        ("row", E("高级职称教师", "8", "faculty_senior", 8)),
        ("row", E("管理部门", "培训与合作处", "mgmt_dept", "培训与合作处")),
        ("row", E("专兼职管理人员", "4人", "mgmt_staff", 4)),
        ("row", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("section", "三、培训条件"),
        ("row", E("年度培训经费", "385000元", "annual_budget", 38.5)),
        ("row", E("教室数", "8", "classroom_count", 8)),
        ("row", E("培训场地面积", "800 m²", "classroom_area", 800)),
        ("row", E("图书资料", "1.2万册", "library_volumes", 12000)),
        ("row", E("实训基地", "研究院新材料中试基地", "training_site", "研究院新材料中试基地")),
        ("row", E("远程教育平台", "华岳工程技术继续教育云课堂", "online_platform", "华岳工程技术继续教育云课堂")),
        ("row", E("网址", "http://www.HuaYue-Px.Example.CN/elearning/", "online_platform_url",
                  "http://www.huayue-px.example.cn/elearning/")),
        ("row", E("并发能力", "２０００人", "online_capacity", 2000)),
        ("section", "四、近三年培训情况"),
        ("row", E("2021年培训人数", "二千五百", "trainees_2021", 2500)),
        ("row", E("2022年培训人数", "两千", "trainees_2022", 2000)),
        ("row", E("2023年培训人数", "3200人", "trainees_2023", 3200)),
        ("row", E("培训班次", "18", "programs_2023", 18)),
        ("row", E("单位简介", "研究院成立于1993年，现有科研人员320人，拥有省级工程技术研究中心2个，"
                              "2023年承担各类科研项目46项。")),
    ]
    return [("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 2, table), ("empty",),
            ("para", E("联系人", "王 芳", "contact_name", "王芳")),
            ("para", E("填表日期", "二〇二四年六月十六日", "application_date", "2024-06-16"))]


def form3():
    """济南市现代农业技术推广学会: layout C (header rows with values below)."""
    rules = Boxes("lines", [("■", "教学组织管理"), ("√", "学员考核管理"), ("☐", "教学科研管理"),
                            ("■", "培训登记管理"), ("■", "培训经费管理"), ("√", "后勤保障管理"),
                            ("■", "培训效果评估"), ("■", "跟踪反馈")])
    table = [
        ("wide", E("单位名称", "济南市现代农业技术推广学会", "unit_name", "济南市现代农业技术推广学会")),
        ("header", [E("统一社会信用代码", CODE3, "credit_code", CODE3),
                    E("单位性质", "专业协会（学会）", "unit_type", "专业协会(学会)"),
                    E("法定代表人", "张　伟", "legal_rep", "张伟"), E("成立时间", "2006年4月")]),
        ("wide", E("通讯地址", "济南市市中区舜耕路88号农业科技大厦5楼", "address",
                   "济南市市中区舜耕路88号农业科技大厦5楼")),
        ("pair", E("邮政编码", "250002", "postcode", "250002"), E("所在市", "济南", "city", "济南")),
        ("header", [E("联系人", "马超", "contact_name", "马超"),
                    E("联系电话", "0531-88602233", "contact_phone", "0531-88602233"),
                    E("手机", "139-6401-2345", "contact_mobile", "13964012345"),
                    E("电子邮箱", "nyxh_px@example.cn", "email", "nyxh_px@example.cn")]),
        ("pair", E("推荐单位", JINAN, "recommender", JINAN), E("重点领域", "乡村振兴", "field_area", "乡村振兴")),
        ("header", [E("专职教师人数", "7", "faculty_fulltime", 7), E("兼职教师人数", "9", "faculty_parttime", 9),
                    E("副高级以上职称人数", "6", "faculty_senior", 6), E("管理人员人数", "三人", "mgmt_staff", 3)]),
        ("wide", E("继续教育管理机构", "学会培训部", "mgmt_dept", "学会培训部")),
        ("wide", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("header", [E("年度继续教育经费（万元）", "48.5", "annual_budget", 48.5),
                    E("固定教室数量（间）", "6", "classroom_count", 6),
                    E("教学场地面积（平方米）", "1500平方米", "classroom_area", 1500),
                    E("专业图书资料（册）", "3200", "library_volumes", 3200)]),
        ("wide", E("实训场所或实训合作单位", "章丘区现代农业示范园（实训合作单位）", "training_site",
                   "章丘区现代农业示范园（实训合作单位）")),
        ("header", [E("网络培训平台名称", "齐鲁农技云课堂", "online_platform", "齐鲁农技云课堂"),
                    E("平台网址", "https://nyxh.example.cn/pxpt", "online_platform_url", "https://nyxh.example.cn/pxpt"),
                    E("平台同时在线人数", "三千", "online_capacity", 3000),
                    E("2023年培训项目数", "28", "programs_2023", 28)]),
        ("header", [E("2021年培训人数", "2,600 人", "trainees_2021", 2600),
                    E("2022年培训人数", "2850人次", "trainees_2022", 2850),
                    E("2023年培训人数", "3100", "trainees_2023", 3100), E("传真", "0531-88602234")]),
        ("wide", E("单位简介", "学会成立于2006年，现有会员单位150家、个人会员2300人，下设8个专业委员会。")),
        ("wide", E("填表日期", "2024.6.16", "application_date", "2024-06-16")),
    ]
    return [("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 4, table)]


def form4():
    """青岛蓝海职业培训学校: layout A, box glyphs, no online platform (declared none)."""
    rules = Boxes("inline", [("☑", "教学组织管理"), ("■", "学员考核管理"), ("□", "教学科研管理"),
                             ("☑", "培训登记管理"), ("■", "培训经费管理"), ("☐", "后勤保障管理"),
                             ("☑", "培训效果评估"), ("☑", "跟踪反馈")])
    unit_types = "□高等院校　□科研院所　■行业教育培训机构　□专业协会（学会）　□企业培训机构　□其他"
    table = [
        ("section", "一、申报单位基本情况"),
        ("wide", E("单位名称", "青岛蓝海职业培训学校", "unit_name", "青岛蓝海职业培训学校")),
        ("pair", E("统一社会信用代码", to_fullwidth(CODE4), "credit_code", CODE4),
         E("法定代表人", "孙海涛", "legal_rep", "孙海涛")),
        ("wide", E("单位性质", unit_types, "unit_type", "行业教育培训机构")),
        ("wide", E("通讯地址", "山东省青岛市黄岛区长江西路166号", "address", "山东省青岛市黄岛区长江西路166号")),
        ("pair", E("所在市", "青岛市", "city", "青岛"), E("邮政编码", "２６６５５５", "postcode", "266555")),
        ("pair", E("联系人", "孙明", "contact_name", "孙明"),
         E("联系电话", "0532 8576 1234", "contact_phone", "0532-85761234")),
        ("pair", E("手机", "13697681234", "contact_mobile", "13697681234"),
         E("电子邮箱", "LanHai_PX@Example.CN", "email", "lanhai_px@example.cn")),
        ("pair", E("推荐单位", QINGDAO, "recommender", QINGDAO),
         E("申报领域", "现代海洋", "field_area", "现代海洋")),
        ("pair", E("成立时间", "2009年3月"), E("传真", "0532-85761235")),
        ("section", "二、师资队伍与管理"),
        ("pair", E("专职教师人数", "8", "faculty_fulltime", 8), E("兼职教师人数", "１２", "faculty_parttime", 12)),
        ("pair", E("副高级以上职称人数", "5人", "faculty_senior", 5), E("管理人员人数", "5", "mgmt_staff", 5)),
        ("wide", E("继续教育管理机构", "培训教务部", "mgmt_dept", "培训教务部")),
        ("wide", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("section", "三、培训条件"),
        ("pair", E("年度继续教育经费(万元)", "65", "annual_budget", 65),
         E("固定教室数量(间)", "10", "classroom_count", 10)),
        ("pair", E("教学场地面积(平方米)", "960m2", "classroom_area", 960),
         E("专业图书资料(册)", "8,500册", "library_volumes", 8500)),
        ("wide", E("实训场所或实训合作单位", "青岛西海岸新区海洋装备实训基地（合作单位）", "training_site",
                   "青岛西海岸新区海洋装备实训基地（合作单位）")),
        ("pair", E("网络培训平台名称", "无", "online_platform", None), E("平台网址", "/", "online_platform_url", None)),
        ("pair", E("平台同时在线人数", "—", "online_capacity", None),
         E("2023年培训项目数", "24", "programs_2023", 24)),
        ("years", "近三年年培训专业技术人才人数",
         [E("2021年", "2100", "trainees_2021", 2100), E("2022年", "2400人", "trainees_2022", 2400),
          E("2023年", "２６５０人", "trainees_2023", 2650)]),
        ("wide", E("单位简介", "学校成立于2009年，占地面积1.5万平方米，开设海洋渔业、船舶驾驶等12个培训专业，"
                               "与8家涉海企业共建实训基地。")),
        ("wide", E("填表日期", "2024/06/16", "application_date", "2024-06-16")),
    ]
    return [("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 4, table)]


def form5():
    """青岛海澄重工股份有限公司: layout B, [x]/[ ] boxes, trailing paragraphs."""
    rules = Boxes("inline", [("[ ]" if item == "后勤保障管理" else "[x]", item) for item in RULE_ITEMS], sep="  ")
    table = [
        ("row", E("申报单位", "青岛海澄重工股份有限公司", "unit_name", "青岛海澄重工股份有限公司")),
        ("row", E("信用代码", CODE5.lower(), "credit_code", CODE5)),
        ("row", E("机构类型", "企业培训机构", "unit_type", "企业培训机构")),
        ("row", E("法定代表人", "周立新", "legal_rep", "周立新")),
        ("row", E("地址", "青岛市城阳区棘洪滩街道锦宏东路99号", "address", "青岛市城阳区棘洪滩街道锦宏东路99号")),
        ("row", E("所属地市", "青岛", "city", "青岛")),
        ("row", E("邮政编码", "266111", "postcode", "266111")),
        ("row", E("电话", "0532-86781234", "contact_phone", "0532-86781234")),
        ("row", E("移动电话", "186 6398 1234", "contact_mobile", "18663981234")),
        ("row", E("E-mail", "HR-Academy@HaiCheng.Example.CN", "email", "hr-academy@haicheng.example.cn")),
        ("row", E("推荐单位", QINGDAO, "recommender", QINGDAO)),
        ("row", E("所属行业", "高端装备", "field_area", "高端装备")),
        ("row", E("专职教师人数", "9", "faculty_fulltime", 9)),
        ("row", E("兼职教师人数", "7", "faculty_parttime", 7)),
        ("row", E("副高级以上职称人数", "6", "faculty_senior", 6)),
        ("row", E("继续教育管理机构", "海澄学院（企业大学）", "mgmt_dept", "海澄学院（企业大学）")),
        ("row", E("管理人员人数", "8", "mgmt_staff", 8)),
        ("row", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("row", E("年度继续教育经费（万元）", "1,500,000元", "annual_budget", 150)),
        ("row", E("固定教室数量（间）", "16", "classroom_count", 16)),
        ("row", E("教学场地面积（平方米）", "2,350.5平方米", "classroom_area", 2350.5)),
        ("row", E("专业图书资料（册）", "6000", "library_volumes", 6000)),
        ("row", E("实训场所或实训合作单位", "公司智能制造实训车间", "training_site", "公司智能制造实训车间")),
        ("row", E("网络培训平台名称", "海澄学院在线学习平台", "online_platform", "海澄学院在线学习平台")),
        ("row", E("平台网址", "HTTP://Academy.HaiCheng.Example.CN:8080/Login?Src=JXJY", "online_platform_url",
                  "http://academy.haicheng.example.cn:8080/Login?Src=JXJY")),
        ("row", E("平台同时在线人数", "1.5万", "online_capacity", 15000)),
        ("row", E("2021年培训人数", "1,850", "trainees_2021", 1850)),
        ("row", E("2022年培训人数", "2,300人", "trainees_2022", 2300)),
        ("row", E("2023年培训人数", "0.28万人", "trainees_2023", 2800)),
        ("row", E("2023年培训项目数", "42", "programs_2023", 42)),
        ("row", E("员工总数", "5600人")),
    ]
    return [("title", FORM_TITLE), ("table", 2, table), ("empty",),
            ("para", E("联系人", "赵 磊", "contact_name", "赵磊")),
            ("para", E("申报日期", "2024年6月17日", "application_date", "2024-06-17"))]


def form6():
    """烟台滨海卫生职业学院: layout C, no 所在市 row, a "label：value" cell."""
    rules = Boxes("inline", [("✓", "教学组织管理"), ("✓", "学员考核管理"), ("✓", "教学科研管理"),
                             ("✓", "培训登记管理"), ("✓", "培训经费管理"), ("□", "后勤保障管理"),
                             ("✓", "培训效果评估"), ("□", "跟踪反馈")])
    table = [
        ("section", "一、基本情况"),
        ("wide", E("机构名称", "烟台滨海卫生职业学院", "unit_name", "烟台滨海卫生职业学院")),
        ("header", [E("统一社会信用代码", CODE6, "credit_code", CODE6),
                    E("单位性质", "高等院校", "unit_type", "高等院校"),
                    E("法定代表人", "林晓红", "legal_rep", "林晓红"), E("成立时间", "1958年9月")]),
        ("wide", E("详细地址", "山东省烟台市莱山区观海路288号", "address", "山东省烟台市莱山区观海路288号")),
        ("pair", E("邮编", "264003", "postcode", "264003"), E("推荐部门", WEIJIAN, "recommender", WEIJIAN)),
        ("header", [E("联系人", "韩雪", "contact_name", "韩雪"),
                    E("联系电话", "0535-6912345", "contact_phone", "0535-6912345"),
                    E("手机号码", "13563851234", "contact_mobile", "13563851234"),
                    E("电子邮箱", "Han.Xue@BHWS.Example.CN", "email", "han.xue@bhws.example.cn")]),
        ("pair", E("申报领域", "医养健康", "field_area", "医养健康"), E("管理部门", "继续教育处", "mgmt_dept", "继续教育处")),
        ("section", "二、师资、管理与培训条件"),
        ("header", [E("专职教师人数", "15", "faculty_fulltime", 15), E("兼职教师人数", "10", "faculty_parttime", 10),
                    E("副高级以上职称人数", "11人", "faculty_senior", 11), E("管理人员人数", "7", "mgmt_staff", 7)]),
        ("wide", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("header", [E("年度继续教育经费（万元）", "210.5万元", "annual_budget", 210.5),
                    E("固定教室数量（间）", "十二", "classroom_count", 12),
                    E("教学场地面积（平方米）", "12000", "classroom_area", 12000),
                    E("专业图书资料（册）", "9.8万册", "library_volumes", 98000)]),
        ("cellpair", E("实训场所或实训合作单位", "学院附属医院临床技能实训中心；烟台市芝罘区社区卫生服务中心（合作单位）",
                       "training_site", "学院附属医院临床技能实训中心；烟台市芝罘区社区卫生服务中心（合作单位）")),
        ("header", [E("网络培训平台名称", "滨海卫生继续教育网络学院", "online_platform", "滨海卫生继续教育网络学院"),
                    E("平台网址", "https://jxjy.bhws.example.cn/", "online_platform_url", "https://jxjy.bhws.example.cn/"),
                    E("平台同时在线人数", "5000人", "online_capacity", 5000),
                    E("2023年培训项目数", "52", "programs_2023", 52)]),
        ("header", [E("2021年培训人数", "4,200", "trainees_2021", 4200),
                    E("2022年培训人数", "4500人次", "trainees_2022", 4500),
                    E("2023年培训人数", "0.5万人", "trainees_2023", 5000), E("备注", "含线上培训")]),
        ("wide", E("单位简介", "学院创建于1958年，开设护理、康复治疗等18个专业，附属医院开放床位1200张，年门诊量60万人次。")),
    ]
    return [("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 4, table), ("empty",),
            ("para", E("日期", "2024年06月18日", "application_date", "2024-06-18"))]


# ---------------------------------------------------------------------------
# Faculty lists.

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宁浩凯鹏辉晨博阳雪梅琳宇飞健俊"

FACULTY = {
    "it": (["教授", "副教授", "正高级工程师", "高级工程师"], ["讲师", "助教", "工程师"],
           ["软件工程", "计算机科学与技术", "网络工程", "数据科学与大数据技术", "人工智能", "信息安全"]),
    "materials": (["研究员", "副研究员", "正高级工程师", "高级工程师"], ["助理研究员", "工程师"],
                  ["材料科学与工程", "新能源科学与工程", "高分子材料", "电化学", "储能技术"]),
    "agri": (["农业技术推广研究员", "高级农艺师", "高级畜牧师", "副教授"], ["农艺师", "畜牧师", "助理农艺师"],
             ["作物栽培", "植物保护", "设施园艺", "畜牧兽医", "农业经济管理", "土壤肥料"]),
    "marine": (["高级讲师", "高级工程师", "副教授", "正高级工程师"], ["讲师", "工程师", "助理工程师"],
               ["海洋渔业", "船舶与海洋工程", "轮机工程", "海水养殖", "航海技术", "海洋资源开发技术"]),
    "industry": (["正高级工程师", "高级工程师", "高级经济师"], ["工程师", "助理工程师", "经济师"],
                 ["机械设计制造及其自动化", "焊接技术与工程", "电气工程及其自动化", "工业工程", "安全工程"]),
    "medical": (["主任医师", "副主任医师", "教授", "副教授", "主任护师", "副主任护师"],
                ["主治医师", "讲师", "主管护师", "住院医师"],
                ["临床医学", "护理学", "康复治疗学", "老年医学", "中医学", "医学影像技术", "预防医学"]),
}


def faculty_rows(seed, kind, fulltime, parttime, senior):
    rng = random.Random(seed)
    senior_titles, other_titles, majors = FACULTY[kind]
    total = fulltime + parttime
    is_senior = [True] * senior + [False] * (total - senior)
    rng.shuffle(is_senior)
    names, rows = set(), []
    for i in range(total):
        while True:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
            if name not in names:
                names.add(name)
                break
        title = rng.choice(senior_titles if is_senior[i] else other_titles)
        rows.append([i + 1, name, title, "专职" if i < fulltime else "兼职", rng.choice(majors)])
    return rows


FACULTY_HEADER = ["序号", "姓名", "职称", "专兼职", "专业"]


def faculty_xlsx(rel, unit, code, rows, sheet, with_unit_line):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = unit + "师资名单"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells("A1:E1")
    r = 2
    if with_unit_line:
        ws["A2"] = "单位名称：" + unit
        ws.merge_cells("A2:C2")
        ws["D2"] = "统一社会信用代码：" + code
        ws.merge_cells("D2:E2")
        r = 3
    for c, h in enumerate(FACULTY_HEADER, 1):
        ws.cell(row=r, column=c, value=h).font = Font(bold=True)
    for i, row in enumerate(rows, r + 1):
        for c, v in enumerate(row, 1):
            ws.cell(row=i, column=c, value=v)
    for col, width in zip("ABCDE", [6, 10, 18, 8, 24]):
        ws.column_dimensions[col].width = width
    save_xlsx(wb, rel)


def faculty_docx(rel, unit, rows):
    doc = new_document()
    add_title(doc, unit + "师资名单")
    add_text(doc, "（统计截至2024年5月31日）", "center")
    table = doc.add_table(rows=len(rows) + 1, cols=5)
    table.style = "Table Grid"
    for c, h in enumerate(FACULTY_HEADER):
        table.cell(0, c).text = h
        bold_cell(table.cell(0, c))
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            table.cell(r, c).text = str(v)
    save_docx(doc, rel)


# ---------------------------------------------------------------------------
# Summary sheets.

SUMMARY_HEADER = ["序号", "申报单位名称", "统一社会信用代码", "单位性质", "申报领域", "联系人", "联系电话", "备注"]


def summary_xlsx(rel, sheet, recommender, top_note, header_cells, rows, total_text):
    """header_cells: [(range, text or value, number_format)] for the header line;
    its first cell holds the recommender. Returns {'recommender': locator,
    'rows': [{column letter: locator}]}."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    r = 1
    if top_note:
        ws.cell(row=r, column=1, value=top_note)
        r += 1
    ws.cell(row=r, column=1, value=SUMMARY_TITLE)
    ws.cell(row=r, column=1).font = Font(bold=True, size=16)
    ws.cell(row=r, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
    r += 1
    header_row = r
    for cols, value, fmt in header_cells:
        first = cols.split(":")[0]
        cell = ws[first + str(r)]
        cell.value = value
        if fmt:
            cell.number_format = fmt
        if ":" in cols:
            ws.merge_cells("%s%d:%s%d" % (first, r, cols.split(":")[1], r))
    r += 1
    for c, h in enumerate(SUMMARY_HEADER, 1):
        ws.cell(row=r, column=c, value=h).font = Font(bold=True)
    r += 1
    locs = []
    for seq, row in enumerate(rows, 1):
        values = [seq] + row
        for c, v in enumerate(values, 1):
            if v != "":
                ws.cell(row=r, column=c, value=v)
        locs.append({letter: "%s!%s%d" % (sheet, letter, r) for letter in "ABCDEFGH"})
        r += 1
    r += 1  # a blank row before the total
    ws.cell(row=r, column=1, value="合计")
    ws.cell(row=r, column=2, value=total_text)
    for col, width in zip("ABCDEFGH", [6, 30, 22, 16, 14, 10, 16, 20]):
        ws.column_dimensions[col].width = width
    save_xlsx(wb, rel, shared_strings=True)
    # Read back: the cells hold what the locators say.
    wb2 = openpyxl.load_workbook(io.BytesIO(FILES[rel]))
    ws2 = wb2[sheet]
    assert recommender in ws2["A%d" % header_row].value
    for row, loc in zip(rows, locs):
        assert ws2[loc["B"].split("!")[1]].value == row[0]
    return {"recommender": "%s!A%d" % (sheet, header_row), "rows": locs}


# ---------------------------------------------------------------------------


def main():
    global INBOX, EXPECTED, ARRIVALS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE,
                        help="folder to write inbox/ and expected.json into (default: beside this script)")
    out = parser.parse_args().out
    INBOX = out / "inbox"
    EXPECTED = out / "expected.json"
    ARRIVALS = out / "arrivals.json"
    out.mkdir(parents=True, exist_ok=True)
    if INBOX.exists():
        shutil.rmtree(INBOX)
    INBOX.mkdir()
    FILES.clear()

    applicants = [
        # (form builder, form path, recommender, faculty (path, seed, kind, format, unit line))
        (form1, "济南市人力资源和社会保障局/济南泉城信息工程学院/申报表.docx", JINAN,
         ("济南市人力资源和社会保障局/济南泉城信息工程学院/师资名单.docx", 11, "it", "docx", False)),
        # Its faculty list sits in the 泉城 folder: only its content places it.
        (form2, "济南市人力资源和社会保障局/济南华岳工程技术研究院/申报表.docx", JINAN,
         ("济南市人力资源和社会保障局/济南泉城信息工程学院/师资名单.xlsx", 22, "materials", "xlsx", True)),
        (form3, "济南市人力资源和社会保障局/济南市现代农业技术推广学会/申报表.docx", JINAN,
         ("济南市人力资源和社会保障局/济南市现代农业技术推广学会/师资名单.xlsx", 33, "agri", "xlsx", True)),
        # The form sits loose in the recommender's folder under a misleading name.
        (form4, "青岛市人力资源和社会保障局/附件1.docx", QINGDAO,
         ("青岛市人力资源和社会保障局/青岛蓝海职业培训学校/师资名单.xlsx", 44, "marine", "xlsx", False)),
        (form5, "青岛市人力资源和社会保障局/青岛海澄重工股份有限公司/申报表.docx", QINGDAO,
         ("青岛市人力资源和社会保障局/青岛海澄重工股份有限公司/师资名单.xlsx", 55, "industry", "xlsx", False)),
        (form6, "山东省卫生健康委员会/烟台滨海卫生职业学院/申报表.docx", WEIJIAN,
         ("山东省卫生健康委员会/烟台滨海卫生职业学院/师资名单.xlsx", 66, "medical", "xlsx", True)),
    ]

    apps = []
    for builder, form_rel, recommender, faculty in applicants:
        blocks = builder()
        doc, placed = build_form(blocks)
        data = save_docx(doc, form_rel)
        locate_entries(data, placed, form_rel)
        entries = {e.key: e for e, _ in placed if e.key}
        assert set(entries) <= set(FIELD_KEYS), set(entries) - set(FIELD_KEYS)
        unit = entries["unit_name"].value
        code = entries["credit_code"].value
        assert is_valid_credit_code(code), code
        assert entries["recommender"].value == recommender
        f_rel, seed, kind, fmt, unit_line = faculty
        rows = faculty_rows(seed, kind, entries["faculty_fulltime"].value, entries["faculty_parttime"].value,
                            entries["faculty_senior"].value)
        if fmt == "docx":
            faculty_docx(f_rel, unit, rows)
        else:
            faculty_xlsx(f_rel, unit, code, rows, "师资名单" if unit_line else "Sheet1", unit_line)
        apps.append({"entries": entries, "form": form_rel, "faculty": f_rel, "recommender": recommender,
                     "summary": None, "summary_cells": {}})

    def summary_row(app, unit_type, phone_is_mobile=False, remark=""):
        e = app["entries"]
        phone = e["contact_mobile"].value if phone_is_mobile else e["contact_phone"].value
        return [e["unit_name"].value, e["credit_code"].value, unit_type, e["field_area"].value,
                e["contact_name"].value, phone, remark]

    summaries = [
        ("济南市人力资源和社会保障局/汇总表.xlsx", "汇总表", JINAN, None,
         [("A:D", "推荐单位（盖章）：" + JINAN, None), ("E", "填报人：周敏", None),
          ("F:G", "联系电话：0531-86951234", None), ("H", "日期：2024年6月20日", None)],
         [(apps[0], "高校", False, ""), (apps[1], "科研院所", False, ""),
          (apps[2], "专业协会(学会)", True, "联系电话为联系人手机")], "3家"),
        ("青岛市人力资源和社会保障局/青岛市申报汇总表.xlsx", "Sheet1", QINGDAO, None,
         [("A:D", "推荐单位（盖章）：" + QINGDAO, None), ("E", "填报人：刘洋", None),
          ("F", "联系电话：0532-85911234", None), ("G", "日期", None),
          ("H", datetime.datetime(2024, 6, 21), 'yyyy"年"m"月"d"日"')],
         [(apps[3], "行业教育培训机构", False, ""), (apps[4], "企业培训中心", False, "")], "2家"),
        ("山东省卫生健康委员会/附件2-汇总表.xlsx", "附件2", WEIJIAN, "附件2",
         [("A:D", "推荐单位(盖章)：" + WEIJIAN, None), ("E:F", "填报人：郑磊", None),
          ("G", "电话：0531-67876543", None), ("H", "日期：2024-06-21", None)],
         [(apps[5], "高等院校", False, "省直部门推荐")], "1家"),
    ]
    for rel, sheet, recommender, note, header, rows, total in summaries:
        locs = summary_xlsx(rel, sheet, recommender, note, header,
                            [summary_row(a, t, m, remark) for a, t, m, remark in rows], total)
        for (app, _, is_mobile, _), cells in zip(rows, locs["rows"]):
            app["summary"] = rel
            app["summary_cells"] = {
                "unit_name": cells["B"], "credit_code": cells["C"], "unit_type": cells["D"],
                "field_area": cells["E"], "contact_name": cells["F"],
                ("contact_mobile" if is_mobile else "contact_phone"): cells["G"],
                "recommender": locs["recommender"]}

    notes = ("材料报送说明\n"
             "1. 本批材料由各推荐单位于2024年6月下旬报送，共3个推荐单位。\n"
             "2. 青岛市的一份申报表文件名为“附件1”，请按内容核对申报单位。\n"
             "3. 纸质材料另行邮寄，联系电话0531-86951234。\n")
    write_file("说明.txt", notes.encode("utf-8"))

    # Everything above is the first sample set, byte for byte; what follows
    # adds PDFs, scans, photos and certificates (issue 3) and the review
    # situations (issue 4).
    recs = []
    for app in apps:
        e = app["entries"]
        cells = dict(app["summary_cells"])
        recs.append(new_record(
            e["unit_name"].value, e["credit_code"].value, "docx",
            forms=[{"file": app["form"], "entries": e, "method": "docx"}],
            summaries=[{"file": app["summary"], "cells": cells,
                        "values": {k: e[k].value for k in cells}}],
            others=[(app["faculty"], "faculty_list")]))
    add_new_samples(recs)
    recs = split_channels(recs)
    add_national_samples(recs)
    (out / N.CURRENT_BASES_FILE).write_text(N.current_bases_text(), encoding="utf-8")
    (out / N.SETTINGS_FILE).write_text(N.settings_text(), encoding="utf-8")
    write_expected(recs)
    mails = M.write_mail_samples(out, new_document, add_title, add_text, build_form, normalize_zip)
    print("sample_docs: wrote %d mails to mail/ and mail_expected.json" % mails)


def add_national_samples(recs):
    """The national track (gen/national.py, issue 16): the ministry's forms of
    two units in the department's folder. 泉城 applies to the province too:
    two applications of one unit, its national one with only its form."""
    quancheng = next(r for r in recs if r["unit"] == "济南泉城信息工程学院")
    national = []
    for unit, rel, blocks in [
            (N.T1, N.FOLDER + "/" + N.T1 + "/申报表.docx", N.form_t1()),
            (quancheng["unit"], N.FOLDER + "/济南泉城信息工程学院-国家级基地申报表.docx",
             N.form_quancheng(quancheng["id"]))]:
        doc, placed = build_form(blocks)
        locate_entries(save_docx(doc, rel), placed, rel)
        entries = {e.key: e for e, _ in placed if e.key}
        assert set(entries) <= set(FIELD_KEYS), set(entries) - set(FIELD_KEYS)
        rec = new_record(unit, entries["credit_code"].value + "@national", "docx",
                         forms=[{"file": rel, "entries": entries, "method": "docx"}])
        rec.update(track="national", channels=[])
        recs.append(rec)
        national.append(rec)
    t1 = national[0]
    e = t1["forms"][0]["entries"]
    rel = N.FOLDER + "/" + N.T1 + "/师资名单.xlsx"
    faculty_xlsx(rel, N.T1, N.CODE_T1, faculty_rows(121, "industry", e["faculty_fulltime"].value,
                                                    e["faculty_parttime"].value, e["faculty_senior"].value),
                 "师资名单", True)
    t1["others"].append((rel, "faculty_list"))
    lic, rel = N.licence_t1(), N.FOLDER + "/" + N.T1 + "/事业单位法人证书.jpg"
    data, places = R.licence_jpeg(lic, 320, 0.4)
    write_file(rel, data)
    t1["licence"], t1["licence_file"], t1["licence_places"] = lic, rel, places


def split_channels(recs):
    """One unit through two recommenders is two applications, one per
    channel (spec, "An application is one unit's submission through one
    recommender"): 淄博鲁中's form, evidence and 淄博's sheet are one; 科技厅's
    sheet naming it is the other, with no form."""
    out = []
    for rec in recs:
        channels = sorted({s["values"]["recommender"] for s in rec["summaries"]} |
                          {f["entries"]["recommender"].value for f in rec["forms"] if "recommender" in f["entries"]})
        if len(channels) < 2:
            out.append(rec)
            continue
        form_channel = rec["forms"][0]["entries"]["recommender"].value
        for channel in channels:
            part = dict(rec)
            part["channel_key"] = recommender_key(channel)
            part["id"] = rec["id"] + "@" + part["channel_key"]
            part["channels"] = channels
            part["summaries"] = [s for s in rec["summaries"] if s["values"]["recommender"] == channel]
            if channel != form_channel:
                part.update(forms=[], others=[], licence=None, licence_file=None, licence_places={},
                            rendering=None, findings=["two_recommenders", "missing_form"])
            out.append(part)
    return out


def recommender_key(name):
    """The pipeline's recommender key for the samples' recommenders: the city
    for a city's bureau, else the short name without the province."""
    for city in CITIES:
        if name.startswith(city):
            return "city:" + city
    short = {"山东省科学技术厅": "科技厅", "山东省教育厅": "教育厅", "山东省卫生健康委员会": "卫健委"}
    return short[name]


def new_record(unit, code, rendering, forms=(), summaries=(), others=(), findings=()):
    return {"unit": unit, "id": code, "rendering": rendering, "forms": list(forms), "summaries": list(summaries),
            "others": list(others), "licence": None, "licence_file": None, "licence_places": {},
            "findings": list(findings)}


def add_new_samples(recs):
    by_unit = {r["unit"]: r for r in recs}
    codes = {r["unit"]: r["id"] for r in recs}
    lics = A.licences(codes)

    def form_record(unit, rendering, rel, blocks, data, places, findings=()):
        write_file(rel, data)
        entries = {}
        for block in blocks:
            if block[0] == "table":
                for row in block[2]:
                    items = row[1] if row[0] == "header" else row[2] if row[0] == "years" else row[1:]
                    for e in items:
                        if isinstance(e, E) and e.key:
                            entries[e.key] = e
            elif block[0] == "para" and block[1].key:
                entries[block[1].key] = block[1]
        assert set(entries) <= set(FIELD_KEYS)
        method = "pdf-text" if rendering == "pdf-text" else "ocr"
        rec = new_record(unit, entries["credit_code"].value, rendering,
                         forms=[{"file": rel, "entries": entries, "method": method,
                                 "places": {k: places[id(e)] for k, e in entries.items() if id(e) in places}}],
                         findings=findings)
        recs.append(rec)
        by_unit[unit] = rec
        return rec

    # Forms in their three renderings.
    blocks = A.form_z1()
    data, places, _ = R.text_pdf(blocks, FORM_TITLE)
    form_record("淄博鲁中新材料研究院", "pdf-text", "淄博市人力资源和社会保障局/淄博鲁中新材料研究院/申报表.pdf",
                blocks, data, places, ["two_recommenders"])
    blocks = A.form_z2()
    data, places, _ = R.scanned_pdf(blocks, FORM_TITLE, 300, [1.2], 201, "淄博宏泰精密机械有限公司")
    form_record("淄博宏泰精密机械有限公司", "pdf-scan",
                "淄博市人力资源和社会保障局/淄博宏泰精密机械有限公司/申报表（扫描件）.pdf", blocks, data, places,
                ["faculty_count"])
    blocks = A.form_w1()
    data, places, _ = R.text_pdf(blocks, FORM_TITLE, label_share=0.22)
    form_record("潍坊智联数字技术培训有限公司", "pdf-text",
                "潍坊市人力资源和社会保障局/潍坊智联数字技术培训有限公司/申报表.pdf", blocks, data, places,
                ["license_disagreement"])
    blocks = A.form_e1_scan()
    data, places, _ = R.scanned_pdf(blocks, FORM_TITLE, 200, [-1.6, 0.8], 202, "山东海岱职业技术学院",
                                    label_share=0.3)
    # Corrected by a later DOCX (below): a revision, and the summary sheet
    # still names the first version's contact.
    e1 = form_record("山东海岱职业技术学院", "pdf-scan", "山东省教育厅/山东海岱职业技术学院/申报表.pdf",
                     blocks, data, places, ["form_revised", "disagreement"])
    blocks = A.form_e2()
    data, places, _ = R.text_pdf(blocks, FORM_TITLE, label_share=0.3)
    form_record("山东省现代职业教育研究会", "pdf-text", "山东省教育厅/山东省现代职业教育研究会/申报表.pdf",
                blocks, data, places, ["invalid_credit_code", "disagreement", "license_disagreement"])
    blocks = A.form_l1()
    data, places, _ = R.photo_jpeg(blocks, 203, 210, (1800, 2400),
                                   [(140, 112), (1700, 188), (1664, 2326), (68, 2273)], exif_rotated=True)
    form_record("山东鲁港海事培训有限公司", "photo",
                "山东鲁港集团有限公司/山东鲁港海事培训有限公司/IMG_20240626_101231.jpg", blocks, data, places,
                ["license_disagreement"])
    blocks = A.form_j4()
    data, places, _ = R.photo_jpeg(blocks, 204, 210, (1800, 2400),
                                   [(199, 176), (1635, 123), (1734, 2285), (111, 2326)])
    form_record("济南市技师学院", "photo", "济南市人力资源和社会保障局/济南市技师学院/申报表照片.jpg",
                blocks, data, places)

    # The same unit's form again, as a DOCX sent later with another contact.
    dup_rel = "山东省教育厅/海岱学院申报表.docx"
    doc, placed = build_form(A.form_e1_docx())
    locate_entries(save_docx(doc, dup_rel), placed, dup_rel)
    e1["forms"].append({"file": dup_rel, "entries": {e.key: e for e, _ in placed if e.key}, "method": "docx"})

    # Faculty lists: 宏泰's has 6 full-time teachers where its form says 9.
    for unit, rel, seed, kind, counts, unit_line in [
            ("淄博鲁中新材料研究院", "淄博市人力资源和社会保障局/淄博鲁中新材料研究院/师资名单.xlsx", 77, "materials",
             None, True),
            ("淄博宏泰精密机械有限公司", "淄博市人力资源和社会保障局/淄博宏泰精密机械有限公司/师资名单.xlsx", 88,
             "industry", (6, 5, 4), True),
            ("潍坊智联数字技术培训有限公司", "潍坊市人力资源和社会保障局/潍坊智联数字技术培训有限公司/师资名单.xlsx", 99,
             "it", None, False),
            ("山东海岱职业技术学院", "山东省教育厅/山东海岱职业技术学院/师资名单.xlsx", 111, "medical", None, True)]:
        rec = by_unit[unit]
        e = rec["forms"][0]["entries"]
        counts = counts or (e["faculty_fulltime"].value, e["faculty_parttime"].value, e["faculty_senior"].value)
        faculty_xlsx(rel, unit, rec["id"], faculty_rows(seed, kind, *counts),
                     "师资名单" if unit_line else "Sheet1", unit_line)
        rec["others"].append((rel, "faculty_list"))

    # The one that never arrived: only 潍坊's summary sheet names it.
    w2 = new_record("潍坊鸢都海洋科技研究院", A.CODE_W2, None, findings=["missing_form"])
    recs.append(w2)
    by_unit[w2["unit"]] = w2

    # Summary sheets of the new recommenders; 淄博鲁中 is on two of them.
    def row(unit, unit_type, code=None):
        if unit == w2["unit"]:
            return ([unit, code or A.CODE_W2, unit_type, "现代海洋", "潘志刚", "0536-8796021", "材料另行报送"],
                    {"unit_name": unit, "credit_code": A.CODE_W2, "unit_type": unit_type,
                     "field_area": "现代海洋", "contact_name": "潘志刚", "contact_phone": "0536-8796021"})
        e = by_unit[unit]["forms"][0]["entries"]
        values = {"unit_name": unit, "credit_code": code or e["credit_code"].value, "unit_type": unit_type,
                  "field_area": e["field_area"].value, "contact_name": e["contact_name"].value,
                  "contact_phone": e["contact_phone"].value}
        return ([values[k] for k in ["unit_name", "credit_code", "unit_type", "field_area", "contact_name",
                                     "contact_phone"]] + [""], values)

    new_summaries = [
        ("淄博市人力资源和社会保障局/淄博市推荐汇总表.xlsx", "汇总", A.ZIBO,
         [("A:D", "推荐单位（盖章）：" + A.ZIBO, None), ("E", "填报人：于洁", None),
          ("F:G", "联系电话：0533-2286110", None), ("H", "日期：2024年6月21日", None)],
         [row("淄博鲁中新材料研究院", "科研院所"), row("淄博宏泰精密机械有限公司", "企业培训机构")], "2家"),
        ("潍坊市人力资源和社会保障局/附件2 汇总表.xlsx", "Sheet1", A.WEIFANG,
         [("A:D", "推荐单位（盖章）：" + A.WEIFANG, None), ("E", "填报人：张卫东", None),
          ("F:G", "联系电话：0536-8196655", None), ("H", "日期：2024年6月22日", None)],
         [row("潍坊智联数字技术培训有限公司", "行业教育培训机构"), row("潍坊鸢都海洋科技研究院", "科研院所")], "2家"),
        # The right code of 山东省现代职业教育研究会, where its form has a typo.
        ("山东省教育厅/汇总表.xlsx", "汇总表", A.JIAOYU,
         [("A:D", "推荐单位（盖章）：" + A.JIAOYU, None), ("E", "填报人：田甜", None),
          ("F:G", "联系电话：0531-81916512", None), ("H", "日期：2024年6月23日", None)],
         [row("山东海岱职业技术学院", "高等院校"), row("山东省现代职业教育研究会", "专业协会(学会)", A.CODE_E2)],
         "2家"),
        ("山东省科学技术厅/推荐汇总表.xlsx", "Sheet1", A.KEJI,
         [("A:D", "推荐单位（盖章）：" + A.KEJI, None), ("E", "填报人：隋宁", None),
          ("F:G", "联系电话：0531-51751234", None), ("H", "日期：2024年6月25日", None)],
         [row("淄博鲁中新材料研究院", "科研院所")], "1家"),
        ("山东鲁港集团有限公司/汇总表.xlsx", "汇总表", A.LUGANG,
         [("A:D", "推荐单位（盖章）：" + A.LUGANG, None), ("E", "填报人：秦雪", None),
          ("F:G", "联系电话：0532-82988000", None), ("H", "日期：2024年6月27日", None)],
         [row("山东鲁港海事培训有限公司", "企业培训机构")], "1家"),
    ]
    for rel, sheet, recommender, header, rows, total in new_summaries:
        locs = summary_xlsx(rel, sheet, recommender, None, header, [r for r, _ in rows], total)
        for (_, values), cells in zip(rows, locs["rows"]):
            rec = by_unit[values["unit_name"]]
            keys = ["unit_name", "credit_code", "unit_type", "field_area", "contact_name", "contact_phone"]
            rec["summaries"].append({
                "file": rel, "cells": dict({k: cells[c] for k, c in zip(keys, "BCDEFG")},
                                           recommender=locs["recommender"]),
                "values": dict(values, recommender=recommender)})

    # Certificates: scans (JPEG), image PDFs, one photo; two loose and misnamed.
    for unit, rel, style, seed, arg in [
            ("济南泉城信息工程学院", "济南市人力资源和社会保障局/济南泉城信息工程学院/法人证书.jpg", "jpeg", 301, 0.5),
            ("济南华岳工程技术研究院", "济南市人力资源和社会保障局/济南华岳工程技术研究院/事业单位法人证书.pdf", "pdf",
             302, -0.7),
            ("济南市现代农业技术推广学会", "济南市人力资源和社会保障局/济南市现代农业技术推广学会/社会团体法人登记证书.jpg",
             "jpeg", 303, 0.9),
            ("青岛蓝海职业培训学校", "青岛市人力资源和社会保障局/青岛蓝海职业培训学校/登记证书.jpg", "jpeg", 304, -0.4),
            ("青岛海澄重工股份有限公司", "青岛市人力资源和社会保障局/IMG_2031.jpg", "photo", 305,
             [(130, 90), (1500, 150), (1460, 1130), (80, 1080)]),
            ("烟台滨海卫生职业学院", "山东省卫生健康委员会/烟台滨海卫生职业学院/事业单位法人证书.jpg", "jpeg", 306, 0.3),
            ("淄博鲁中新材料研究院", "淄博市人力资源和社会保障局/淄博鲁中新材料研究院/事业单位法人证书.jpg", "jpeg",
             307, -0.8),
            ("淄博宏泰精密机械有限公司", "淄博市人力资源和社会保障局/淄博宏泰精密机械有限公司/营业执照.pdf", "pdf", 308,
             0.6),
            ("潍坊智联数字技术培训有限公司", "潍坊市人力资源和社会保障局/潍坊智联数字技术培训有限公司/营业执照.jpg",
             "jpeg", 309, -0.5),
            ("山东海岱职业技术学院", "山东省教育厅/山东海岱职业技术学院/法人证书.pdf", "pdf", 310, 1.0),
            ("山东省现代职业教育研究会", "山东省教育厅/附件3.pdf", "pdf", 311, -0.6),
            ("山东鲁港海事培训有限公司", "山东鲁港集团有限公司/山东鲁港海事培训有限公司/营业执照.jpg", "jpeg", 312, 0.4),
            ("济南市技师学院", "济南市人力资源和社会保障局/济南市技师学院/事业单位法人证书.jpg", "jpeg", 313, -0.3)]:
        lic = lics[unit]
        if style == "jpeg":
            data, places = R.licence_jpeg(lic, seed, arg)
        elif style == "pdf":
            data, places = R.licence_pdf(lic, seed, arg)
        else:
            data, places = R.licence_photo(lic, seed, arg)
        write_file(rel, data)
        rec = by_unit[unit]
        rec["licence"], rec["licence_file"], rec["licence_places"] = lic, rel, places

    # A classroom photo naming no unit, among several applicants' folders.
    write_file("淄博市人力资源和社会保障局/教室照片.jpg", R.classroom_photo(401))


# When each file was taken (Q3): by package; 鲁港's comes after the deadline.
ARRIVAL_TIMES = [
    ("济南市人力资源和社会保障局/济南市技师学院/", "2024-06-24T09:05:00+08:00"),
    ("济南市人力资源和社会保障局/", "2024-06-20T16:42:00+08:00"),
    ("青岛市人力资源和社会保障局/", "2024-06-21T10:15:00+08:00"),
    ("山东省卫生健康委员会/", "2024-06-21T15:30:00+08:00"),
    ("说明.txt", "2024-06-22T08:30:00+08:00"),
    ("淄博市人力资源和社会保障局/", "2024-06-22T11:05:00+08:00"),
    ("潍坊市人力资源和社会保障局/", "2024-06-23T14:20:00+08:00"),
    ("山东省教育厅/海岱学院申报表.docx", "2024-06-25T17:45:00+08:00"),
    ("山东省教育厅/", "2024-06-24T10:00:00+08:00"),
    ("山东省科学技术厅/", "2024-06-26T09:30:00+08:00"),
    ("山东鲁港集团有限公司/", "2024-06-30T10:15:00+08:00"),
    (N.FOLDER + "/", N.ARRIVED),
]


def arrival_of(rel):
    for prefix, when in ARRIVAL_TIMES:
        if rel == prefix or (prefix.endswith("/") and rel.startswith(prefix)):
            return when
    raise KeyError(rel)


def source(file, method, locator=None, place=None):
    if method in ("docx", "xlsx"):
        return {"file": file, "sha256": sha256(file), "method": method, "locator": locator, "page": None}
    page, bbox = place
    return {"file": file, "sha256": sha256(file), "page": page, "bbox": bbox, "method": method}


def form_source(form, key, entry):
    if form["method"] == "docx":
        return source(form["file"], "docx", locator=entry.locator)
    return source(form["file"], form["method"], place=form["places"][key])


def form_value(form, key):
    """(value, source) of a field on one form; the city may come from the
    address. None when the form does not give it."""
    e = form["entries"]
    entry = e.get(key)
    if key == "city" and entry is None and "address" in e:
        city = [c for c in CITIES if c in e["address"].value]
        assert len(city) == 1
        return city[0], form_source(form, "address", e["address"])
    if entry is None or entry.value is None:
        return None
    return entry.value, form_source(form, key, entry)


def rendering_of(form, rec):
    """A form file's rendering: a DOCX is docx, else the application's."""
    return "docx" if form["method"] == "docx" else rec["rendering"]


def write_expected(recs):
    arrivals = {rel: arrival_of(rel) for rel in sorted(FILES)}
    ARRIVALS.write_text(json.dumps(arrivals, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    for rec in recs:
        fields, none = {}, set()
        # Of several versions of a form, the latest received by the deadline
        # gives the values (spec, "A corrected form").
        on_time = [f for f in rec["forms"] if datetime.datetime.fromisoformat(arrival_of(f["file"])) <= C.DEADLINE]
        versions = sorted(on_time or rec["forms"], key=lambda f: arrival_of(f["file"]))
        primary = versions[-1] if versions else None
        others = [f for f in rec["forms"] if f is not primary]
        if primary:
            none = {k for k, e in primary["entries"].items() if e.value is None}
        for key in FIELD_KEYS:
            found = form_value(primary, key) if primary else None
            if found is None:
                # No form: the summary sheet's values are the application's.
                if primary or not rec["summaries"] or key not in rec["summaries"][0]["values"]:
                    continue
                found = (rec["summaries"][0]["values"][key], None)
            value, first = found
            sources = [first] if first else []
            for form in others:
                other = form_value(form, key)
                if other and other[0] == value:
                    # Another version's source: counted under its own rendering.
                    sources.append(dict(other[1], rendering=rendering_of(form, rec)))
            for sheet in rec["summaries"]:
                if key in sheet["cells"] and sheet["values"].get(key) == value:
                    sources.append(source(sheet["file"], "xlsx", locator=sheet["cells"][key]))
            fields[key] = {"value": value, "sources": sources}
        rec["fields"] = fields
        rec["values"] = {k: f["value"] for k, f in fields.items()}
        rec["none"] = none
        rec["has_form"] = primary is not None
        rec["recommender"] = rec["values"].get("recommender")
        if "channels" not in rec:
            channels = {f["entries"]["recommender"].value for f in rec["forms"] if "recommender" in f["entries"]}
            channels |= {s["values"]["recommender"] for s in rec["summaries"]}
            rec["channels"] = sorted(channels)
        # Q3 judges the materials that give the values: that form, else the
        # summary sheet listing the unit.
        rec["received"] = arrival_of(primary["file"] if primary else rec["summaries"][0]["file"])
        docs = [(f["file"], "application_form") for f in rec["forms"]]
        docs += [(s["file"], "summary_sheet") for s in rec["summaries"]]
        docs += rec["others"]
        if rec["licence_file"]:
            docs.append((rec["licence_file"], "license"))
        rec["documents"] = sorted(({"file": f, "sha256": sha256(f), "kind": k} for f, k in docs),
                                  key=lambda d: d["file"])
        if rec["id"].split("@")[0] != rec["values"].get("credit_code"):
            raise AssertionError(rec["unit"])

    export_apps = []
    for rec in recs:
        lic = rec["licence"]
        licence_fields = {}
        if lic:
            method = "ocr"
            for key, value in lic.values().items():
                licence_fields[key] = {"value": value,
                                       "sources": [source(rec["licence_file"], method,
                                                          place=rec["licence_places"][key])]}
        app = {"id": rec["id"], "track": rec.get("track", "provincial"), "fields": rec["fields"],
               "documents": rec["documents"], "checks": C.outcomes(rec, recs)}
        if rec["forms"]:  # no key when no form arrived: the values-giving form's
            primary = max((f for f in rec["forms"]
                           if datetime.datetime.fromisoformat(arrival_of(f["file"])) <= C.DEADLINE),
                          key=lambda f: arrival_of(f["file"]), default=rec["forms"][0])
            app["rendering"] = rendering_of(primary, rec)
        app["findings_expected"] = sorted(rec["findings"])
        app["license_fields"] = licence_fields
        export_apps.append(app)
    check_scenarios({a["id"]: a for a in export_apps})
    export_apps.sort(key=lambda a: a["id"])
    unassigned = [{"file": "淄博市人力资源和社会保障局/教室照片.jpg",
                   "sha256": sha256("淄博市人力资源和社会保障局/教室照片.jpg"), "kind": "facilities"}]
    export = {"applications": export_apps, "unassigned": unassigned,
              "rejected": [{"file": "说明.txt", "sha256": sha256("说明.txt"), "reason": "unknown file type"}]}
    placed = {d["file"] for a in export_apps for d in a["documents"]} | {u["file"] for u in unassigned}
    placed |= {r["file"] for r in export["rejected"]}
    assert placed == set(FILES), set(FILES) ^ placed
    EXPECTED.write_text(json.dumps(export, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    total = sum(len(d) for d in FILES.values())
    print("sample_docs: wrote %d files (%d bytes) to inbox/, expected.json (%d applications, %d unassigned, "
          "%d rejected) and arrivals.json" % (len(FILES), total, len(export_apps), len(unassigned),
                                             len(export["rejected"])))


def check_scenarios(apps):
    """The situations the samples exist for, stated once more by hand so a
    change to the data or the rules cannot silently lose one."""
    def outcome(code, check):
        return next(c["outcome"] for c in apps[code]["checks"] if c["id"] == check)

    want = [
        (A.CODE_J4, "Q1", "not_met"), (A.CODE_J4, "Q4", "not_met"), (A.CODE_J4, "C5", "unknown"),
        (A.CODE_Z1 + "@city:淄博", "Q2", "not_met"), (A.CODE_Z1 + "@city:淄博", "Q1", "met"),
        (A.CODE_Z1 + "@city:淄博", "C3", "met"), (A.CODE_Z1 + "@科技厅", "Q2", "not_met"),
        (A.CODE_Z1 + "@科技厅", "Q1", "met"),
        (A.CODE_Z2, "C1", "not_met"), (A.CODE_Z2, "C6", "not_met"), (A.CODE_Z2, "C3", "not_met"),
        (A.CODE_W1, "C1", "unknown"), (A.CODE_W1, "C5", "not_met"), (A.CODE_W1, "P1", "met"),
        (A.CODE_W2, "C1", "unknown"), (A.CODE_W2, "C2", "unknown"), (A.CODE_W2, "Q1", "met"),
        (A.CODE_E1, "Q1", "not_met"), (A.CODE_E2_TYPO, "C1", "not_met"), (A.CODE_E2_TYPO, "P1", "not_met"),
        (A.CODE_L1, "Q3", "not_met"), (A.CODE_L1, "C1", "met"), (A.CODE_L1, "Q1", "met"),
        # The national track: a current base and a unit that is none; two apply.
        (N.CODE_T1 + "@national", "N1", "met"), (N.CODE_T1 + "@national", "N2", "unknown"),
        (N.CODE_T1 + "@national", "C1", "met"), (CODE1 + "@national", "N1", "not_met"),
        (CODE1 + "@national", "C1", "unknown"), (CODE1, "Q1", "not_met"),
    ]
    assert [c["id"] for c in apps[CODE1 + "@national"]["checks"]] == C.NATIONAL_ORDER
    for code, check, expected in want:
        assert outcome(code, check) == expected, (code, check, outcome(code, check))


if __name__ == "__main__":
    main()
