#!/usr/bin/python3
"""Makes an inbox of N applications for the `report` benchmark of bench/run.

    /usr/bin/python3 bench/make_report_inbox.py OUTDIR [--count 100]

The sample application forms (DOCX) are copied with a new unit name and a new
valid credit code each (python-docx), and every recommender gets a summary
sheet (openpyxl) listing its copies, so each application has DOCX and XLSX
sources as the samples do. Deterministic.
"""

import argparse
import copy
import json
import re
from pathlib import Path

import docx
import openpyxl

ROOT = Path(__file__).resolve().parent.parent
CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(first17):
    total = sum(CHARS.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + CHARS[(31 - total % 31) % 31]


def compact(text):
    return re.sub(r"\s+", "", text).upper()


def sample_forms():
    """(docx path, unit name, credit code, recommender) of the DOCX sample forms."""
    expected = json.loads((ROOT / "sample_docs" / "expected.json").read_text(encoding="utf-8"))
    forms = []
    for app in expected["applications"]:
        fields = app["fields"]
        if "unit_name" not in fields or "credit_code" not in fields:
            continue
        for src in fields["unit_name"]["sources"]:
            if src["file"].endswith(".docx"):
                forms.append((ROOT / "sample_docs" / "inbox" / src["file"],
                              fields["unit_name"]["value"], fields["credit_code"]["value"],
                              fields.get("recommender", {}).get("value", "")))
                break
    return forms


def replace_in(paragraphs, old_name, new_name, old_code, new_code):
    """Replaces the name and the code (written with or without spaces);
    returns how many paragraphs held the code."""
    codes = 0
    for p in paragraphs:
        text = p.text
        if not text:
            continue
        changed = text.replace(old_name, new_name)
        if old_code in compact(changed):
            changed = re.sub(r"[0-9A-Za-z][0-9A-Za-z\s]{16,}", lambda m: new_code
                             if compact(m.group(0)) == old_code else m.group(0), changed)
            codes += 1
        if changed != text:
            for run in p.runs[1:]:
                run.text = ""
            if p.runs:
                p.runs[0].text = changed
    return codes


def all_paragraphs(document):
    """Every paragraph once (a merged cell is visited once per grid cell)."""
    seen = set()
    tables = list(document.tables)
    for p in document.paragraphs:
        seen.add(id(p._p))
        yield p
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if id(p._p) not in seen:
                        seen.add(id(p._p))
                        yield p


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=100)
    args = parser.parse_args()
    # Only forms that carry their credit code, so that each copy is an
    # application of its own.
    forms = [f for f in sample_forms()
             if replace_in(list(all_paragraphs(docx.Document(str(f[0])))), f[1], f[1], f[2], f[2])]
    if not forms:
        raise SystemExit("no DOCX sample forms found in sample_docs/expected.json")
    by_recommender = {}
    for i in range(args.count):
        path, name, code, recommender = forms[i % len(forms)]
        new_name = f"{name}第{i + 1:03d}分院"
        new_code = credit_code(code[:8] + f"MA{i:07d}"[:9])
        document = docx.Document(str(path))
        replace_in(list(all_paragraphs(document)), name, new_name, code, new_code)
        folder = args.out / (recommender or "未注明") / new_name
        folder.mkdir(parents=True, exist_ok=True)
        document.save(str(folder / "申报表.docx"))
        by_recommender.setdefault(recommender or "未注明", []).append((new_name, new_code))

    for recommender, units in by_recommender.items():
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "汇总表"
        ws.append(["山东省专业技术人员继续教育基地申报汇总表"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
        ws.append([f"推荐单位（盖章）：{recommender}", None, None, None, "填报人：王敏", None,
                   "日期：2024年6月20日"])
        ws.append(["序号", "申报单位名称", "统一社会信用代码", "单位性质", "申报领域", "联系人",
                   "联系电话", "备注"])
        for n, (unit, code) in enumerate(units, 1):
            ws.append([n, unit, code, "高等院校", "新一代信息技术", "张伟", "0531-88886666", ""])
        (args.out / recommender).mkdir(parents=True, exist_ok=True)
        wb.save(str(args.out / recommender / "汇总表.xlsx"))
    print(f"{args.count} applications from {len(forms)} sample forms, "
          f"{len(by_recommender)} summary sheets in {args.out}")


if __name__ == "__main__":
    main()
