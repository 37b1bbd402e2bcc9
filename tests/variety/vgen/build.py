"""From a plan to files: every form version and piece of evidence rendered, placed, timed, and the truth."""
import datetime
import io
import os
import subprocess

from . import docx_out, evidence as E, form as F, layout as L, office, office_pdf, raster as R
from .plan import _rng

DOCX_FONTS = ['AR PL UMing CN', 'AR PL UKai CN', 'WenQuanYi Zen Hei', 'WenQuanYi Micro Hei', 'Noto Serif CJK SC',
              'Noto Sans CJK SC', '宋体', '仿宋_GB2312', '黑体', '仿宋']
XLSX_FONTS = ['宋体', '等线', '微软雅黑', '仿宋_GB2312', 'Calibri']
KIND_OF = {'form': 'application_form', 'licence': 'license', 'faculty': 'faculty_list', 'rules': 'rules',
           'facility': 'facilities', 'platform': 'platform', 'training': 'training_record'}


class Artifact:
    def __init__(self, names, data, kind, positions=None, generic=False, parts=None):
        self.names, self.data, self.kind = names, data, kind
        self.positions = positions or {}    # tag -> [(page, bbox)]
        self.generic = generic              # nothing in it names the unit
        self.parts = parts
        self.path = None
        self.version = None


class Source:
    """A paged PDF with the places of its tagged values, seals and signatures (PDF points)."""

    def __init__(self, pdf_path, sizes, positions, seals, signs):
        self.pdf_path, self.sizes, self.positions, self.seals, self.signs = pdf_path, sizes, positions, seals, signs


class Ctx:
    def __init__(self, seed, size, tmp, have_office):
        self.seed, self.size, self.tmp, self.have_office = seed, size, tmp, have_office
        self.n = 0
        self.office_jobs = {}     # docx path -> pdf path

    def tmpfile(self, ext):
        self.n += 1
        return os.path.join(self.tmp, f'f{self.n:04d}{ext}')


def pick_fonts(rng):
    fonts = L.available_fonts()
    main = rng.choice(fonts)
    title = rng.choice([f for f in ('zenhei', 'microhei', main) if f in fonts])
    return L.Fonts(main, title)


def rl_source(ctx, rng, blocks, fonts=None, base=10.5, footer=None, size=L.A4):
    fonts = fonts or pick_fonts(rng)
    m = rng.uniform(58, 80)
    doc = L.Doc(size, (m, rng.uniform(56, 72), m, rng.uniform(56, 72)), fonts, base=base).flow(blocks)
    doc.footer(footer or rng.choice(['none', 'dash', 'cn', 'plain']))
    return doc_source(ctx, doc)


def doc_source(ctx, doc, **meta):
    path = ctx.tmpfile('.pdf')
    L.render_pdf(doc, path, **meta)
    return Source(path, [(p.w, p.h) for p in doc.pages], doc.positions(),
                  {i + 1: list(p.seals) for i, p in enumerate(doc.pages)},
                  {i + 1: list(p.signs) for i, p in enumerate(doc.pages)})


def office_source(ctx, pdf_path, blocks, unit_name, rec_name):
    positions = office_pdf.locate(pdf_path, blocks)
    chars = office_pdf.pdf_chars(pdf_path)
    text = ''.join(c[0] for c in chars)
    seals, signs = {}, {}
    at = text.find('盖章')
    while at >= 0:
        ch = chars[at]
        page, box = ch[1], ch[2]
        rec = '同意推荐' in text[max(0, at - 40):at]
        seals.setdefault(page, []).append((box[2] + 40, box[1] - 20, 112, rec_name if rec else unit_name, ''))
        at = text.find('盖章', at + 2)
    at = text.find('签字')
    while at >= 0:
        page, box = chars[at][1], chars[at][2]
        signs.setdefault(page, []).append((box[2] + 30, box[1] - 12, 90, 26))
        at = text.find('签字', at + 2)
    sizes = []
    info = subprocess.run(['pdfinfo', '-l', '999', pdf_path], capture_output=True, text=True).stdout
    for line in info.splitlines():
        if line.startswith('Page') and 'size:' in line:
            parts = line.split('size:')[1].split()
            sizes.append((float(parts[0]), float(parts[2])))
    return Source(pdf_path, sizes, positions, seals, signs)


def marked_pages(rng, src, dpi, seals=True):
    """The source's pages rasterized, with seals and signatures drawn where the layout left room."""
    imgs = R.rasterize(src.pdf_path, dpi)
    s = dpi / 72.0
    out = []
    for i, img in enumerate(imgs):
        if seals:
            for (cx, cy, d, text, sub) in src.seals.get(i + 1, []):
                if text:
                    img = R.stamp(img, R.seal_image(rng, d * s, text, sub),
                                  (cx + rng.uniform(-12, 12)) * s, (cy + rng.uniform(-8, 8)) * s)
            for (x, y, w, h) in src.signs.get(i + 1, []):
                img = R.signature(rng, img, (x * s, y * s, w * s, h * s))
        out.append(img)
    return out


def scanned_pages(rng, imgs, dpi, quality=None):
    """[(jpeg, w, h, dpi, point map pt->pt)] for a flatbed scan of each image."""
    gray = rng.random() < 0.3
    paper = R.paper_tone(rng)
    out = []
    for img in imgs:
        sc, m = R.scan(rng, img, dpi, gray=gray, paper=paper)
        q = quality or rng.randint(55, 85)
        jb = R.jpeg_bytes(sc, q)
        s = dpi / 72.0
        fn = (lambda m_: (lambda b: [v / s for v in m_.box([x * s for x in b])]))(m)
        out.append((jb, sc.width, sc.height, dpi, fn))
    return out


def map_positions(src_positions, page_map):
    """page_map: source page -> (page, bbox fn)."""
    out = {}
    for tag, lst in src_positions.items():
        for page, box in lst:
            if page in page_map:
                new_page, fn = page_map[page]
                out.setdefault(tag, []).append((new_page, [round(v, 1) for v in fn(box)]))
    return out


def photo_size(rng):
    kind = rng.choices(['camera', 'camera', 'wechat', 'mmexport'], weights=[45, 15, 30, 10])[0]
    if kind == 'camera':
        return kind, rng.choice([(2448, 3264), (3024, 4032), (2736, 3648)]), rng.randint(86, 94)
    return kind, rng.choice([(1080, 1440), (1280, 1706), (1440, 1920)]), rng.randint(74, 86)


def photo_name(rng, kind, when):
    if kind == 'camera':
        if rng.random() < 0.5:
            return f'IMG_{rng.randint(1000, 9999)}.jpg'
        return f'IMG_{when:%Y%m%d_%H%M%S}.jpg'
    if kind == 'wechat':
        return f'微信图片_{when:%Y%m%d%H%M%S}.jpg'
    return f'mmexport{int(when.timestamp() * 1000)}.jpg'


def photographed(rng, img, when, allow_exif=True, camera=None):
    """(jpeg bytes, file name, point map page px -> displayed px)."""
    kind, size, q = camera or photo_size(rng)
    ph, m = R.photograph(rng, img, size)
    orient = 1
    exif = None
    if kind == 'camera' and allow_exif:
        orient = rng.choices([1, 6, 3, 8], weights=[50, 30, 10, 10])[0]
        exif = R.exif_bytes(orient, when, *rng.choice([('HUAWEI', 'ELS-AN00'), ('Xiaomi', 'M2102K1C'),
                                                         ('Apple', 'iPhone 12'), ('OPPO', 'PEGM00'),
                                                         ('vivo', 'V2055A')]))
    stored = R.stored_for_orientation(ph, orient)
    jb = R.jpeg_bytes(stored, q, exif=exif)
    return jb, photo_name(rng, kind, when), m


# --------------------------------------------------------------------------
# the form

FORM_DOCX_NAMES = ['附件1：山东省专业技术人员继续教育基地申报表.docx', '申报表.docx', '{short}申报表.docx', '附件1.docx',
                   '文档{n}.docx', '{name}-继续教育基地申报表.docx', '继续教育基地申报表.docx', '{short}.docx']
FORM_PDF_NAMES = ['申报表.pdf', '{short}申报表.pdf', 'new.pdf', '附件1.pdf', '{name}.pdf', '申报书.pdf',
                  '附件1：申报表.pdf']
SCAN_NAMES = ['scan{n4}.pdf', '扫描全能王 2024-06-{d} {hh}.{mm}.pdf', '{short}申报表（盖章版）.pdf',
              'SKM_C30824062{d1}{hh}{mm}0.pdf', 'Scan_202406{d}_{hh}{mm}{ss}.pdf', '申报表扫描件.pdf', 'scan{n4}.pdf']
REVISION = ['（修改版）', '-终稿', '（更正）', '_修改后', '（最终版）', '(更新)']


def fill(rng, pattern, u=None, when=None):
    when = when or datetime.datetime(2024, 6, 20, 10, 0, 0)
    return pattern.format(short=u.short if u else '', name=u.name if u else '', n=rng.randint(1, 9),
                          n4=f'{rng.randint(1, 120):04d}', d=f'{when.day:02d}', d1=rng.randint(0, 8),
                          hh=f'{when.hour:02d}', mm=f'{rng.randint(0, 59):02d}', ss=f'{rng.randint(0, 59):02d}')


def build_form_blocks(ctx, app, vi, unit):
    rng = _rng(ctx.seed, 'form', app.key, vi)
    if not hasattr(app, 'style'):
        app.style = F.Style(_rng(ctx.seed, 'style', app.key))
        app.rec_written = _rng(ctx.seed, 'recname', app.key).choice(app.rec.variants)
        if app.rendering == 'photo':
            app.style.cover = app.style.cover and rng.random() < 0.3
    blocks, st, labels = F.build(rng, unit, app.rec_written, app.rec.full, st=app.style)
    return blocks


def form_artifacts(ctx, app, vi, unit, blocks, rendering, when):
    """The files of one version of the form and where its values are."""
    rng = _rng(ctx.seed, 'render', app.key, vi)
    u = unit
    author = rng.choice([u.contact, 'Administrator', 'user', 'lenovo', u.contact])
    if rendering == 'docx':
        w = docx_out.DocxWriter(rng.choice(DOCX_FONTS), base=app.style.base, author=author, when=when)
        data = w.blocks(blocks).save_bytes(when)
        names = [fill(rng, p, u, when) for p in FORM_DOCX_NAMES]
        return [Artifact(names, data, 'form')]
    if rendering == 'pdf-text':
        fonts = pick_fonts(rng)
        m = rng.uniform(58, 80)
        doc = L.Doc(L.A4, (m, rng.uniform(56, 72), m, rng.uniform(56, 72)), fonts, base=app.style.base).flow(blocks)
        doc.footer(rng.choice(['none', 'dash', 'cn', 'plain']))
        path = ctx.tmpfile('.pdf')
        L.render_pdf(doc, path, title='', author=author,
                     creator=rng.choice(['Microsoft® Word 2016', 'WPS 文字', 'Microsoft® Word 2019']))
        data = open(path, 'rb').read()
        return [Artifact([fill(rng, p, u, when) for p in FORM_PDF_NAMES], data, 'form', doc.positions())]
    src = form_source(ctx, app, vi, blocks, rng, unit)
    if rendering == 'pdf-office':
        data = office_pdf.reproducible(open(src.pdf_path, 'rb').read(), f'{ctx.seed}/{app.key}/{vi}')
        return [Artifact([fill(rng, p, u, when) for p in FORM_PDF_NAMES], data, 'form', src.positions)]
    if rendering == 'pdf-scan':
        dpi = rng.choice([200, 200, 300])
        imgs = marked_pages(rng, src, dpi)
        pages = scanned_pages(rng, imgs, dpi)
        n = len(pages)
        split = n >= 2 and rng.random() < 0.4
        if not split:
            data = R.image_pdf([(p[0], p[1], p[2], p[3]) for p in pages])
            pos = map_positions(src.positions, {i + 1: (i + 1, p[4]) for i, p in enumerate(pages)})
            return [Artifact([fill(rng, p, u, when) for p in SCAN_NAMES], data, 'form', pos)]
        # one scan per page or two: names say nothing about the order
        groups = []
        i = 0
        while i < n:
            k = 1 if rng.random() < 0.6 or i == n - 1 else 2
            groups.append(list(range(i, min(n, i + k))))
            i += k
        nums = sorted(rng.sample(range(1, 60), len(groups)))
        rng.shuffle(nums)
        out = []
        for g, num in zip(groups, nums):
            data = R.image_pdf([(pages[j][0], pages[j][1], pages[j][2], pages[j][3]) for j in g])
            # a field's page is its page within the document (the form), not within this file
            pos = map_positions(src.positions, {j + 1: (j + 1, pages[j][4]) for j in g})
            out.append(Artifact([f'scan{num:04d}.pdf', f'扫描件{num}.pdf', f'Scan_{num:03d}.pdf'], data, 'form', pos))
        return out
    if rendering == 'photo':
        imgs = marked_pages(rng, src, rng.choice([150, 200]))
        out = []
        t = when
        camera = photo_size(rng)     # one phone takes every page
        for i, img in enumerate(imgs):
            t = t + datetime.timedelta(seconds=rng.randint(4, 40))
            jb, name, m = photographed(rng, img, t, camera=camera)
            s = img.width / src.sizes[i][0]
            fn = (lambda m_, s_: (lambda b: m_.box([x * s_ for x in b])))(m, s)
            pos = map_positions(src.positions, {i + 1: (i + 1, fn)})
            out.append(Artifact([name], jb, 'form', pos))
        rng.shuffle(out)
        return out
    raise ValueError(rendering)


def form_source(ctx, app, vi, blocks, rng, unit):
    # LibreOffice converts only the version the office source stands for; an
    # earlier version of a re-sent form is drawn as the others are.
    if (app.form_source == 'office' or app.rendering == 'pdf-office') and (app.key, vi) in ctx.office_jobs:
        pdf = ctx.office_jobs[(app.key, vi)]
        return office_source(ctx, pdf, blocks, unit.name, app.rec.full)
    return rl_source(ctx, rng, blocks, base=app.style.base)


# --------------------------------------------------------------------------
# evidence

def evidence_plan(ctx, app):
    rng = _rng(ctx.seed, 'evidence', app.key)
    u = app.unit
    ev = dict(app.evidence)
    ev.setdefault('licence', rng.random() < 0.85)
    ev['licence_fmt'] = rng.choices(['scan_jpg', 'scan_pdf', 'photo', 'pdf_text'], weights=[30, 25, 25, 20])[0]
    ev['faculty'] = rng.random() < 0.7
    ev['faculty_fmt'] = rng.choices(['xlsx', 'docx', 'pdf_text', 'scan'], weights=[50, 30, 10, 10])[0]
    ev['faculty_named'] = rng.random() < 0.7
    ev['rules'] = rng.random() < 0.6
    ev['rules_fmt'] = rng.choices(['docx', 'pdf_text', 'scan'], weights=[60, 30, 10])[0]
    ev['rules_named'] = rng.random() < 0.7
    ev['facility'] = rng.randint(1, 3) if rng.random() < 0.5 else 0
    ev['facility_banner'] = rng.random() < 0.4
    ev['platform'] = rng.random() < 0.4 and u.ans.get('online_platform') == 'value'
    ev['training'] = rng.random() < 0.3
    ev['training_fmt'] = rng.choice(['docx', 'xlsx', 'pdf_text', 'scan_jpg'])
    if ctx.size == 'small':
        ev['facility'] = min(ev['facility'], 1)
        ev['training'] = False
        if ev['faculty_fmt'] == 'scan':
            ev['faculty_fmt'] = 'xlsx'
        if ev['rules_fmt'] == 'scan':
            ev['rules_fmt'] = 'docx'
    app.ev = ev
    return ev


LIC_NAMES = {
    '营业执照': ['营业执照.jpg', '营业执照副本.pdf', '三证合一.jpg', '营业执照（副本）.pdf', '附件2 营业执照.pdf', '执照.png'],
    '事业单位法人证书': ['事业单位法人证书.jpg', '法人证书.pdf', '{short}事业单位法人证书.pdf', '法人证书副本.jpg', '证书.png'],
    '社会团体法人登记证书': ['社会团体法人登记证书.jpg', '登记证书.pdf', '社团法人证书.jpg', '证书.png'],
    '民办非企业单位登记证书': ['民办非企业单位登记证书.jpg', '登记证书.pdf', '民非登记证书.jpg', '证书.png'],
}


def _ext_names(names, ext):
    return [os.path.splitext(n)[0] + ext for n in names]


def licence_artifact(ctx, app, rng, when):
    u = app.unit
    facts = E.licence_facts(rng, u)
    doc = E.licence_doc(rng, u, pick_fonts(rng), facts)
    names = [fill(rng, n, u) for n in LIC_NAMES[u.lic_kind]]
    fmt = app.ev['licence_fmt']
    if fmt == 'pdf_text':
        src = doc_source(ctx, doc, creator='电子营业执照' if u.lic_kind == '营业执照' else '')
        # an electronic licence carries its registrar's seal as a picture: drawn over the text page
        data = open(src.pdf_path, 'rb').read()
        return Artifact(_ext_names(names, '.pdf'), data, 'licence'), facts
    src = doc_source(ctx, doc)
    if fmt in ('scan_jpg', 'scan_pdf'):
        dpi = rng.choice([200, 300])
        imgs = marked_pages(rng, src, dpi)
        pages = scanned_pages(rng, imgs, dpi)
        if fmt == 'scan_jpg':
            return Artifact(_ext_names(names, '.jpg') + [f'scan{rng.randint(1, 99):04d}.jpg'], pages[0][0],
                            'licence'), facts
        return Artifact(_ext_names(names, '.pdf') + [f'scan{rng.randint(1, 99):04d}.pdf'],
                        R.image_pdf([p[:4] for p in pages]), 'licence'), facts
    imgs = marked_pages(rng, src, 160)
    jb, name, _ = photographed(rng, imgs[0], when)
    return Artifact(_ext_names(names, '.jpg') + [name], jb, 'licence'), facts


def faculty_artifact(ctx, app, rng, when):
    u = app.unit
    rows = E.faculty_rows(rng, u)
    named = app.ev['faculty_named']
    title = E.faculty_title(rng, u, named)
    cols = E.faculty_cols(rng)
    fmt = app.ev['faculty_fmt']
    names = ['师资名单', '附件3 师资队伍情况表', '教师名单', f'{u.short}师资', '师资情况', '专兼职教师名单']
    if fmt == 'xlsx':
        data = office.faculty_xlsx(rng, title if rng.random() < 0.85 else None, cols, rows, when, u.contact,
                                   rng.choice(XLSX_FONTS))
        return Artifact([n + '.xlsx' for n in names] + ['新建 Microsoft Excel 工作表.xlsx'], data, 'faculty')
    blocks = E.faculty_blocks(rng, u, rows, title, cols)
    if fmt == 'docx':
        w = docx_out.DocxWriter(rng.choice(DOCX_FONTS), author=u.contact, when=when)
        return Artifact([n + '.docx' for n in names] + ['新建 Microsoft Word 文档.docx'],
                        w.blocks(blocks).save_bytes(when), 'faculty')
    src = rl_source(ctx, rng, blocks)
    if fmt == 'pdf_text':
        return Artifact([n + '.pdf' for n in names], open(src.pdf_path, 'rb').read(), 'faculty')
    pages = scanned_pages(rng, marked_pages(rng, src, 200), 200)
    return Artifact([n + '.pdf' for n in names] + [f'scan{rng.randint(1, 99):04d}.pdf'],
                    R.image_pdf([p[:4] for p in pages]), 'faculty')


def rules_artifact(ctx, app, rng, when, named):
    u = app.unit
    blocks = E.rules_blocks(rng, u, named)
    fmt = app.ev['rules_fmt']
    names = ['管理制度', '继续教育管理制度汇编', f'文档{rng.randint(1, 9)}', '制度汇编', '附件4 管理制度', 'new']
    if not named:
        names = ['管理制度', f'文档{rng.randint(1, 9)}', '制度', 'new', '附件4']
    if fmt == 'docx':
        w = docx_out.DocxWriter(rng.choice(DOCX_FONTS), author=rng.choice([u.contact, 'Administrator']), when=when)
        return Artifact([n + '.docx' for n in names], w.blocks(blocks).save_bytes(when), 'rules', generic=not named)
    src = rl_source(ctx, rng, blocks)
    if fmt == 'pdf_text':
        return Artifact([n + '.pdf' for n in names], open(src.pdf_path, 'rb').read(), 'rules', generic=not named)
    pages = scanned_pages(rng, marked_pages(rng, src, 200), 200)
    return Artifact([n + '.pdf' for n in names] + [f'scan{rng.randint(1, 99):04d}.pdf'],
                    R.image_pdf([p[:4] for p in pages]), 'rules', generic=not named)


def training_artifact(ctx, app, rng, when):
    u = app.unit
    fmt = app.ev['training_fmt']
    names = ['培训证明', '近三年培训统计', '培训情况统计表', '培训业绩证明']
    if fmt == 'xlsx':
        return Artifact([n + '.xlsx' for n in names], office.training_xlsx(rng, u, when, u.contact,
                                                                            rng.choice(XLSX_FONTS)), 'training')
    blocks = E.training_blocks(rng, u)
    if fmt == 'docx':
        w = docx_out.DocxWriter(rng.choice(DOCX_FONTS), author=u.contact, when=when)
        return Artifact([n + '.docx' for n in names], w.blocks(blocks).save_bytes(when), 'training')
    src = rl_source(ctx, rng, blocks)
    if fmt == 'pdf_text':
        return Artifact([n + '.pdf' for n in names], open(src.pdf_path, 'rb').read(), 'training')
    pages = scanned_pages(rng, marked_pages(rng, src, 200), 200)
    return Artifact([n + '.jpg' for n in names], pages[0][0], 'training')


def facility_artifacts(ctx, app, rng, when, count, banner, generic_only=False):
    u = app.unit
    out = []
    t = when
    for i in range(count):
        t = t - datetime.timedelta(minutes=rng.randint(1, 90))
        kind, size, q = photo_size(rng)
        if kind == 'wechat':
            size = (size[1], size[0]) if rng.random() < 0.7 else size
        else:
            size = (size[1], size[0])
        bname = None if generic_only or not banner else rng.choice(
            [f'{u.name}专业技术人员继续教育培训班', f'{u.short}继续教育培训现场'])
        img = E.facility_photo(rng, u, size, bname)
        exif = None
        if kind == 'camera':
            exif = R.exif_bytes(1, t, 'HUAWEI', 'ELS-AN00')
        jb = R.jpeg_bytes(img, q, exif=exif)
        names = [photo_name(rng, kind, t)] if generic_only else \
            [f'教室{i + 1}.jpg', f'实训室{i + 1}.jpg', f'场地照片{i + 1}.jpg', f'培训场地{i + 1}.jpg',
             photo_name(rng, kind, t)]
        out.append(Artifact(names, jb, 'facility', generic=not bname))
    return out


def platform_artifact(ctx, app, rng, when):
    size = rng.choice([(1920, 1080), (1440, 900), (1366, 768)])
    img = E.platform_screenshot(rng, app.unit, size)
    buf = io.BytesIO()
    img.save(buf, 'PNG', optimize=False)
    names = ['平台截图.png', '网络培训平台.png', f'截图{when:%Y%m%d%H%M%S}.png',
             f'Screenshot_{when:%Y-%m-%d-%H-%M-%S}.png', f'QQ截图{when:%Y%m%d%H%M%S}.png']
    return Artifact(names, buf.getvalue(), 'platform')


# --------------------------------------------------------------------------
# the printed package

def package_artifact(ctx, app, unit, blocks, rng, when):
    """Cover, contents, the form, the licence, the faculty list, the rules: printed and scanned as one PDF."""
    u = unit
    dpi = 200
    form_src = form_source(ctx, app, len(app.versions) - 1, blocks, rng, u)
    parts = [('申报表', form_src, 'application_form')]
    facts = None
    if app.ev['licence']:
        facts = E.licence_facts(rng, app.unit)
        lic_doc = E.licence_doc(rng, app.unit, pick_fonts(rng), facts)
        parts.append(({'营业执照': '营业执照', '事业单位法人证书': '事业单位法人证书'}.get(u.lic_kind, '法人登记证书'),
                      doc_source(ctx, lic_doc), 'license'))
    if app.ev['faculty']:
        rows = E.faculty_rows(rng, u)
        parts.append(('师资队伍情况', rl_source(ctx, rng, E.faculty_blocks(rng, u, rows, E.faculty_title(rng, u, True),
                                                                       E.faculty_cols(rng))), 'faculty_list'))
    if app.ev['rules']:
        parts.append(('管理制度', rl_source(ctx, rng, E.rules_blocks(rng, u, True)), 'rules'))
    if app.ev['training']:
        parts.append(('培训情况证明', rl_source(ctx, rng, E.training_blocks(rng, u)), 'training_record'))
    page = 3
    toc = []
    for name, src, _ in parts:
        toc.append((name, page))
        page += len(src.sizes)
    front = rl_source(ctx, rng, E.package_front(rng, u, app.rec.full, toc), footer='none')
    pages = []
    page_map = {}
    layout = [('cover', front, 'other')] + parts
    kinds = []
    for name, src, kind in layout:
        imgs = marked_pages(rng, src, dpi)
        first = len(pages) + 1
        for i, img in enumerate(imgs):
            if img.width > img.height:    # a landscape certificate copied onto an A4 sheet
                a4 = R.Image.new('RGB', (int(8.27 * dpi), int(11.69 * dpi)), (255, 255, 255))
                sc = a4.width * 0.9 / img.width
                small = img.resize((int(img.width * sc), int(img.height * sc)))
                a4.paste(small, (int(a4.width * 0.05), int(a4.height * 0.08)))
                img = a4
            pages.append(img)
        if src is form_src:
            page_map = {i + 1: first + i for i in range(len(imgs))}
        kinds.append({'kind': kind, 'pages': [first, len(pages)], 'title': name})
    kinds[0]['pages'] = [1, len(front.sizes)]
    scans = scanned_pages(rng, pages, dpi, quality=rng.randint(55, 75))
    data = R.image_pdf([p[:4] for p in scans])
    pos = map_positions(form_src.positions, {sp: (fp, scans[fp - 1][4]) for sp, fp in page_map.items()})
    names = ['申报材料.pdf', f'{u.short}申报材料（扫描件）.pdf', f'{u.name}.pdf', f'scan{rng.randint(1, 99):04d}.pdf',
             '全套材料.pdf', f'{u.short}继续教育基地申报材料.pdf']
    return Artifact(names, data, 'form', pos, parts=kinds), facts
