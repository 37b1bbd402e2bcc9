#!/usr/bin/python3
"""Application forms in layouts and writings of the spec's variety, for
measuring reading (issue 12) until the project's evaluation generator lands.

  make_forms.py OUT [--seed N] [--count N] [--renderings docx,pdf-text,...]

Writes OUT/inbox/<recommender>/<file> and OUT/truth.json in the shape
/work/shared/eval/score.py reads. Layouts are drawn here (not the samples'):
label|value pairs in 2 or 4 columns, labels above values, the trainees block
with years as columns, as rows, nested in the value cell, or written in one
cell; long labels that wrap; values in Chinese numerals, full width, with
commas and units. Scans and photos reuse the samples' paper, seal and camera
imitation (sample_docs/gen/imaging.py).
"""
import argparse, hashlib, io, json, os, random, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "sample_docs"))
from gen import imaging as I  # noqa: E402

from PIL import Image  # noqa: E402
import docx  # noqa: E402
from docx.shared import Pt  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

CITIES = {
    "济南": ["历下区", "市中区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区"],
    "青岛": ["市南区", "市北区", "黄岛区", "崂山区", "李沧区", "城阳区", "即墨区"],
    "淄博": ["淄川区", "张店区", "博山区", "临淄区", "周村区"],
    "烟台": ["芝罘区", "福山区", "牟平区", "莱山区", "蓬莱区"],
    "潍坊": ["潍城区", "寒亭区", "坊子区", "奎文区", "青州市"],
    "泰安": ["泰山区", "岱岳区", "新泰市", "肥城市"],
    "临沂": ["兰山区", "罗庄区", "河东区", "沂南县"],
    "德州": ["德城区", "陵城区", "禹城市"],
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强海燕春梅红霞玉兰文博晓东立新建华卫东雪梅"
UNIT_TYPES = ["高等院校", "科研院所", "行业教育培训机构", "专业协会(学会)", "企业培训机构"]
RULES = ["教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理", "培训经费管理", "后勤保障管理", "培训效果评估", "跟踪反馈"]
AREAS = ["新一代信息技术", "高端装备", "新能源新材料", "现代海洋", "医养健康", "高端化工", "现代高效农业", "文化创意", "数字技术", "乡村振兴"]
CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
SYM = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def credit_code(rng):
    body = rng.choice(["12", "52", "91", "51"]) + "37" + "".join(rng.choice("0123456789") for _ in range(4))
    body += "".join(rng.choice(CODE_CHARS) for _ in range(9))
    s = sum(CODE_CHARS.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + CODE_CHARS[(31 - s % 31) % 31]


DIG = "零一二三四五六七八九"


def section(n, inner):
    units = ["", "十", "百", "千"]
    d = [n // 1000, n // 100 % 10, n // 10 % 10, n % 10]
    out, zero, started = "", False, False
    for i in range(4):
        place = 3 - i
        if d[i] == 0:
            zero = zero or started
            continue
        if zero:
            out += "零"
        zero = False
        if not (place == 1 and d[i] == 1 and not started and not inner):
            out += DIG[d[i]]
        out += units[place]
        started = True
    return out


def chinese(n):
    if n == 0:
        return "零"
    w, low = n // 10000, n % 10000
    out = ""
    if w:
        out += section(w, False) + "万"
        if low and low < 1000:
            out += "零"
    if low:
        out += section(low, w > 0)
    return out


def fullwidth(s):
    return "".join(chr(ord(c) - 0x21 + 0xFF01) if "!" <= c <= "~" else c for c in s)


def count_writing(n, rng, unit="人"):
    k = rng.randrange(7)
    if k == 0:
        return str(n)
    if k == 1:
        return f"{n:,}{unit}"
    if k == 2:
        return fullwidth(str(n)) + unit
    if k == 3 and n >= 1000:
        return chinese(n) + unit
    if k == 4 and n % 100 == 0 and n >= 1000:
        return f"{n / 10000:g}万{unit}"
    if k == 5:
        return f"{n} {unit}"
    return f"{n}{unit}"


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def applicant(rng, i):
    city = rng.choice(list(CITIES))
    district = rng.choice(CITIES[city])
    stem = rng.choice(["齐鲁", "泰山", "黄河", "蓝海", "鲁信", "华夏", "东岳", "明湖", "琅琊", "渤海", "汇智", "博远"])
    kind = rng.choice(["职业学院", "工程技术研究院", "职业培训学校", "科技有限公司", "人才发展研究会"])
    unit = f"{city}{stem}{rng.choice(['数字', '智能', '海洋', '健康', '装备', '农业'])}{kind}"
    tr = [rng.randrange(800, 40000) for _ in range(3)]
    if rng.random() < 0.3:
        tr = [rng.choice([14455, 13018, 2730, 12000, 6931, 33733, 73 * 100 + 3]) for _ in range(3)]
    budget = rng.choice([rng.randrange(20, 900), round(rng.uniform(10, 500), 1)])
    rules = [r for r in RULES if rng.random() < 0.8] or RULES[:2]
    f = {
        "unit_name": unit,
        "credit_code": credit_code(rng),
        "unit_type": rng.choice(UNIT_TYPES),
        "legal_rep": person(rng),
        "address": f"山东省{city}市{district}{rng.choice(['经十路', '香港中路', '新华路', '泰山大街', '胜利路'])}{rng.randrange(1, 999)}号",
        "postcode": f"2{rng.randrange(50000, 77000):05d}",
        "city": city,
        "contact_name": person(rng),
        "contact_phone": f"0{rng.choice(['531', '532', '533', '535', '536', '538', '539', '534'])}-{rng.randrange(10000000, 99999999)}",
        "contact_mobile": f"1{rng.choice('3578')}{rng.randrange(100000000, 999999999)}",
        "email": f"{rng.choice(['jxjy', 'peixun', 'office', 'rsc'])}{rng.randrange(10, 999)}@{rng.choice(['163.com', 'qq.com', 'sdu.edu.cn'])}",
        "recommender": f"{city}市人力资源和社会保障局",
        "field_area": rng.choice(AREAS),
        "faculty_fulltime": rng.randrange(5, 300),
        "faculty_parttime": rng.randrange(5, 300),
        "faculty_senior": rng.randrange(3, 120),
        "mgmt_dept": rng.choice(["继续教育学院", "培训中心", "人才发展部", "继续教育处"]),
        "mgmt_staff": rng.randrange(2, 60),
        "mgmt_rules": rules,
        "annual_budget": budget,
        "classroom_count": rng.randrange(3, 120),
        "classroom_area": rng.randrange(200, 30000),
        "library_volumes": rng.randrange(1000, 900000),
        "training_site": rng.choice(["校内实训中心", "合作企业实训基地", "省级公共实训基地"]),
        "online_platform": rng.choice(["继续教育网络学院", "智慧培训云平台", "专技人员在线学习平台"]),
        "online_platform_url": f"https://{rng.choice(['www', 'jxjy', 'px'])}.{rng.choice(['sdqlxy', 'lhpx', 'tsjy', 'hhzy'])}{rng.randrange(1, 99)}.{rng.choice(['cn', 'com', 'edu.cn'])}",
        "online_capacity": rng.randrange(500, 50000),
        "trainees_2021": tr[0],
        "trainees_2022": tr[1],
        "trainees_2023": tr[2],
        "programs_2023": rng.randrange(5, 300),
        "application_date": f"2024-06-{rng.randrange(10, 28):02d}",
    }
    return f


LABELS = {
    "unit_name": ["单位名称", "申报单位名称", "申报单位"],
    "credit_code": ["统一社会信用代码", "社会信用代码"],
    "unit_type": ["单位性质", "单位类型"],
    "legal_rep": ["法定代表人", "法人代表"],
    "address": ["通讯地址", "单位地址", "详细地址"],
    "postcode": ["邮政编码", "邮编"],
    "city": ["所在市", "所属地市"],
    "contact_name": ["联系人"],
    "contact_phone": ["联系电话", "办公电话"],
    "contact_mobile": ["手机", "手机号码", "移动电话"],
    "email": ["电子邮箱", "邮箱"],
    "recommender": ["推荐单位", "主管部门"],
    "field_area": ["申报领域", "培训领域"],
    "faculty_fulltime": ["专职教师人数", "专职师资"],
    "faculty_parttime": ["兼职教师人数", "兼职师资"],
    "faculty_senior": ["副高级以上职称人数", "高级职称教师人数"],
    "mgmt_dept": ["继续教育管理机构", "管理部门"],
    "mgmt_staff": ["管理人员人数", "专兼职管理人员"],
    "mgmt_rules": ["管理制度"],
    "annual_budget": ["年度继续教育经费（万元）", "年度培训经费（万元）"],
    "classroom_count": ["固定教室数量（间）", "教室数"],
    "classroom_area": ["教学场地面积（平方米）", "培训场地面积"],
    "library_volumes": ["专业图书资料（册）", "图书资料"],
    "training_site": ["实训场所或实训合作单位", "实训基地"],
    "online_platform": ["网络培训平台名称", "远程教育平台"],
    "online_platform_url": ["平台网址", "网址"],
    "online_capacity": ["平台同时在线人数", "并发能力"],
    "programs_2023": ["2023年培训项目数", "培训班次"],
    "application_date": ["填表日期", "申报日期"],
}
TRAINEES = ["近三年年培训专业技术人才人数", "近三年培训专业技术人才人数"]


def writing(key, v, rng):
    """The value as a filler writes it."""
    if key in ("faculty_fulltime", "faculty_parttime", "faculty_senior", "mgmt_staff"):
        return count_writing(v, rng, "人")
    if key in ("online_capacity",):
        return count_writing(v, rng, "人")
    if key == "programs_2023":
        return count_writing(v, rng, "个")
    if key == "classroom_count":
        return count_writing(v, rng, "间")
    if key == "library_volumes":
        return count_writing(v, rng, "册")
    if key == "classroom_area":
        return rng.choice([f"{v}", f"{v}㎡", f"{v:,}平方米", f"{v}m²", fullwidth(str(v)) + "平方米"])
    if key == "annual_budget":
        if float(v).is_integer() and rng.random() < 0.4:
            return f"{int(v * 10000)}元"
        return rng.choice([f"{v:g}", f"{v:g}万元", fullwidth(f"{v:g}") + "万元"])
    if key == "mgmt_rules":
        return "  ".join(("☑" if r in v else "□") + r for r in RULES)
    if key == "unit_type":
        return rng.choice([v, "  ".join(("☑" if t == v else "□") + t for t in UNIT_TYPES)])
    if key == "city":
        return v + rng.choice(["", "市"])
    if key == "application_date":
        y, m, d = v.split("-")
        m, d = int(m), int(d)
        return rng.choice([f"{y}年{m}月{d}日", f"{y}.{m}.{d}", f"{y}/{m:02d}/{d:02d}", f"二〇二四年{chinese(m)}月{chinese(d)}日"])
    if key == "contact_mobile":
        return rng.choice([v, f"{v[:3]} {v[3:7]} {v[7:]}"])
    if key == "credit_code":
        return v if rng.random() < 0.8 else v.lower()
    return str(v)


def year_writing(n, rng):
    return count_writing(n, rng, rng.choice(["人", "人次"]))


# ----------------------------------------------------------------- layouts
# A layout is a list of rows; a row is a list of cells (text, colspan,
# rowspan) or ("nested", rows). None marks a position covered by a span.


def build_rows(f, rng, ncols, trainees_shape):
    keys = [k for k in LABELS if k not in ("programs_2023",)]
    rows = []
    pairs = [(rng.choice(LABELS[k]), writing(k, f[k], rng), k) for k in keys]
    wide = {"address", "mgmt_rules", "unit_name", "training_site", "unit_type", "online_platform_url"}
    if ncols == 2:
        for lab, val, k in pairs:
            rows.append([(lab, 1, 1), (val, 1, 1)])
    else:
        pending = []
        for lab, val, k in pairs:
            if k in wide:
                rows.append([(lab, 1, 1), (val, 3, 1), None, None])
            else:
                pending += [(lab, 1, 1), (val, 1, 1)]
                if len(pending) == 4:
                    rows.append(pending)
                    pending = []
        if pending:
            rows.append(pending + [("", 1, 1), ("", 1, 1)])
    # Distractors: rows the spec does not name.
    rows.insert(rng.randrange(2, 6), [("成立时间", 1, 1), (f"{rng.randrange(1980, 2015)}年{rng.randrange(1, 13)}月", 1, 1)]
                + ([("传真", 1, 1), (f"0531-{rng.randrange(10000000, 99999999)}", 1, 1)] if ncols == 4 else []))
    tl = rng.choice(TRAINEES)
    ys = [year_writing(f[f"trainees_{y}"], rng) for y in (2021, 2022, 2023)]
    span = ncols - 1
    if trainees_shape == "columns":
        rows.append([(tl, 1, 2)] + [(f"{y}年", 1, 1) for y in (2021, 2022, 2023)] + [("", 1, 1)] * (ncols - 4 if ncols > 4 else 0))
        rows.append([None] + [(v, 1, 1) for v in ys])
        if ncols == 2:
            raise ValueError
    elif trainees_shape == "rows":
        for k, y in enumerate((2021, 2022, 2023)):
            first = [(tl, 1, 3)] if k == 0 else [None]
            if ncols == 2:  # one cell a year beside the label
                rows.append(first + [(f"{y}年{rng.choice(['：', ' ', ''])}{ys[k]}", 1, 1)])
            else:
                rows.append(first + [(f"{y}年", 1, 1), (ys[k], span - 1, 1)] + [None] * (span - 2))
    elif trainees_shape == "nested":
        nested = [[("年度", 1, 1)] + [(f"{y}年", 1, 1) for y in (2021, 2022, 2023)],
                  [("培训人数", 1, 1)] + [(v, 1, 1) for v in ys]]
        if rng.random() < 0.5:
            nested = [[("年度", 1, 1), ("人数", 1, 1)]] + [[(f"{y}年", 1, 1), (v, 1, 1)] for y, v in zip((2021, 2022, 2023), ys)]
        rows.append([(tl, 1, 1), ("nested", nested, span)] + [None] * (span - 1))
    else:  # one cell
        sep = rng.choice(["；", "，", "  "])
        colon = rng.choice(["：", "", " "])
        text = sep.join(f"{y}年{colon}{v}" for y, v in zip((2021, 2022, 2023), ys))
        rows.append([(tl, 1, 1), (text, span, 1)] + [None] * (span - 1))
    lab = rng.choice(LABELS["programs_2023"])
    rows.append([(lab, 1, 1), (writing("programs_2023", f["programs_2023"], rng), span, 1)] + [None] * (span - 1))
    return rows


def rows_for(f, rng, shape=None):
    ncols = rng.choice([2, 4])
    shape = shape or rng.choice(["columns", "rows", "nested", "text"] if ncols == 4 else ["rows", "nested", "text"])
    if ncols == 2 and shape == "columns":
        ncols = 4
    return build_rows(f, rng, ncols, shape), ncols


# ------------------------------------------------------------------- DOCX

def docx_form(f, rows, ncols, path):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "宋体"
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    st.font.size = Pt(10.5)
    d.add_paragraph("山东省专业技术人员继续教育基地申报表")
    t = d.add_table(rows=len(rows), cols=ncols)
    t.style = "Table Grid"
    fill_docx_table(t, rows)
    d.add_paragraph("（盖章）")
    d.save(path)


def fill_docx_table(t, rows):
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            if cell[0] == "nested":
                _, nested, span = cell
                target = t.cell(r, c)
                if span > 1:
                    target = target.merge(t.cell(r, c + span - 1))
                ncols = max(sum(x[1] for x in nr if x) for nr in nested)
                inner = target.add_table(rows=len(nested), cols=ncols)
                inner.style = "Table Grid"
                fill_docx_table(inner, nested)
                continue
            text, cs, rs = cell
            target = t.cell(r, c)
            if cs > 1 or rs > 1:
                target = target.merge(t.cell(r + rs - 1, c + cs - 1))
            target.text = text


# -------------------------------------------------------------------- PDF

def pdf_form(f, rows, ncols, path):
    if "wqy" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("wqy", FONT, subfontIndex=0))
        pdfmetrics.registerFont(TTFont("dejavu", SYM))
    style = ParagraphStyle("cell", fontName="wqy", fontSize=10.5, leading=14)

    def para(text):
        t = text.replace("&", "&amp;").replace("<", "&lt;")
        for g in "☑□":
            t = t.replace(g, f'<font name="dejavu">{g}</font>')
        return Paragraph(t, style)

    def table(rows, ncols, width):
        data, cmds = [], [("GRID", (0, 0), (-1, -1), 0.7, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for r, row in enumerate(rows):
            out = []
            for c, cell in enumerate(row):
                if cell is None:
                    out.append("")
                    continue
                if cell[0] == "nested":
                    _, nested, span = cell
                    ncols_in = max(sum(x[1] for x in nr if x) for nr in nested)
                    out.append(table(nested, ncols_in, width / ncols * span - 8))
                    if span > 1:
                        cmds.append(("SPAN", (c, r), (c + span - 1, r)))
                    continue
                text, cs, rs = cell
                out.append(para(text))
                if cs > 1 or rs > 1:
                    cmds.append(("SPAN", (c, r), (c + cs - 1, r + rs - 1)))
            out += [""] * (ncols - len(out))
            data.append(out)
        if ncols == 2:
            widths = [width * 0.32, width * 0.68]
        else:
            widths = [width / ncols] * ncols
        t = Table(data, colWidths=widths)
        t.setStyle(TableStyle(cmds))
        return t

    doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=50, rightMargin=50, topMargin=45, bottomMargin=45)
    title = ParagraphStyle("t", fontName="wqy", fontSize=15, leading=20, alignment=1)
    doc.build([Paragraph("山东省专业技术人员继续教育基地申报表", title), Spacer(1, 8),
               table(rows, ncols, A4[0] - 100), Spacer(1, 20), para("申报单位（盖章）        " + f["application_date"][:4] + "年")])


# ---------------------------------------------------------- scans, photos

def raster(pdf, dpi):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", pdf, os.path.join(tmp, "p")], check=True)
        return [Image.open(os.path.join(tmp, n)).convert("RGB") for n in sorted(os.listdir(tmp))]


def scan_pdf(pdf, out, dpi, rng, seal_text):
    from gen import pdfdraw
    pages = raster(pdf, dpi)
    jpegs = []
    for n, im in enumerate(pages):
        seals = []
        if n == len(pages) - 1:
            seal = I.seal_image(42 / 25.4 * dpi, seal_text, rng)
            seals = [(seal, (im.width * rng.uniform(0.3, 0.7), im.height * rng.uniform(0.3, 0.8)))]
        data, _ = I.scan(im, rng, rng.uniform(-1.5, 1.5), dpi, seals=seals, quality=rng.choice([60, 70, 80]))
        jpegs.append(data)
    open(out, "wb").write(pdfdraw.image_pdf(jpegs, dpi, "scan"))


def photos(pdf, out_stem, rng, seal_text):
    pages = raster(pdf, 200)
    outs = []
    for n, page in enumerate(pages):
        I.stamp(page, I.seal_image(42 / 25.4 * 200, seal_text, rng), (page.width * 0.6, page.height * rng.uniform(0.3, 0.7)))
        W, H = 1800, 2400
        j = lambda: rng.uniform(-60, 60)
        quad = [(120 + j(), 140 + j()), (W - 120 + j(), 120 + j()), (W - 100 + j(), H - 130 + j()), (110 + j(), H - 120 + j())]
        im, _ = I.photo(page, rng, (W, H), quad)
        path = f"{out_stem}_{n + 1}.jpg" if len(pages) > 1 else f"{out_stem}.jpg"
        open(path, "wb").write(I.jpeg(im, 82))
        outs.append(path)
    return outs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=4, help="applicants per rendering")
    ap.add_argument("--renderings", default="docx,pdf-text,pdf-office,pdf-scan,photo")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    inbox = os.path.join(a.out, "inbox")
    shutil.rmtree(a.out, ignore_errors=True)
    os.makedirs(inbox)
    truth = {"applications": []}
    n = 0
    for rendering in a.renderings.split(","):
        for i in range(a.count):
            n += 1
            f = applicant(rng, n)
            rows, ncols = rows_for(f, rng, ["columns", "rows", "nested", "text"][i % 4] if i < 4 else None)
            folder = os.path.join(inbox, f["recommender"])
            os.makedirs(folder, exist_ok=True)
            stem = os.path.join(folder, f"{f['unit_name']}申报表")
            files = []
            with tempfile.TemporaryDirectory() as tmp:
                if rendering == "docx":
                    docx_form(f, rows, ncols, stem + ".docx")
                    files = [stem + ".docx"]
                elif rendering == "pdf-office":
                    src = os.path.join(tmp, "form.docx")
                    docx_form(f, rows, ncols, src)
                    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, src],
                                   check=True, capture_output=True)
                    shutil.copy(os.path.join(tmp, "form.pdf"), stem + ".pdf")
                    files = [stem + ".pdf"]
                else:
                    src = os.path.join(tmp, "form.pdf")
                    pdf_form(f, rows, ncols, src)
                    if rendering == "pdf-text":
                        shutil.copy(src, stem + ".pdf")
                        files = [stem + ".pdf"]
                    elif rendering == "pdf-scan":
                        scan_pdf(src, stem + ".pdf", rng.choice([300, 200]), rng, f["unit_name"])
                        files = [stem + ".pdf"]
                    else:
                        files = photos(src, stem, rng, f["unit_name"])
            rel = [os.path.relpath(p, inbox) for p in files]
            truth["applications"].append({
                "key": f"R{n:02d}", "recommender": f["recommender"], "rendering": rendering, "files": rel,
                "sha256": {r: hashlib.sha256(open(os.path.join(inbox, r), "rb").read()).hexdigest() for r in rel},
                "fields": f, "checks": {}, "layout": {"cols": ncols}})
    json.dump(truth, open(os.path.join(a.out, "truth.json"), "w"), ensure_ascii=False, indent=1)
    print(f"{n} applications in {a.out}")


if __name__ == "__main__":
    main()
