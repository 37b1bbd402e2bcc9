"""Supporting evidence: licences, faculty lists, rules, training records, photos, screenshots, covers."""
import datetime

from PIL import Image, ImageDraw, ImageFilter

from . import world as W
from . import writing as Wr
from .layout import P, Run, C, T, Doc, PageBreak, Gap, Seal, A4
from .raster import pil_font

CN_UPPER = '零壹贰叁肆伍陆柒捌玖'


def money_upper(wan):
    """伍佰万元整 style for registered capital in 万元 (integers only)."""
    n = int(wan)
    units = [('仟', 1000), ('佰', 100), ('拾', 10), ('', 1)]
    s = ''
    zero = False
    for u, d in units:
        k = n // d % 10
        if k == 0:
            if s:
                zero = True
            continue
        if zero:
            s += '零'
            zero = False
        s += CN_UPPER[k] + u
    return (s or '零') + '万元整'


def registrar(rng, a):
    city = a.city
    if a.lic_kind == '营业执照':
        return rng.choice([f'{city}市市场监督管理局', f'{city}市行政审批服务局', f'{city}市{a.district}市场监督管理局'])
    if a.lic_kind == '事业单位法人证书':
        return '山东省事业单位登记管理局' if a.code[2:8] == '370000' else f'{city}市事业单位登记管理局'
    return '山东省民政厅' if a.code[2:8] == '370000' else f'{city}市民政局'


def scope_text(rng, a):
    if a.lic_kind == '营业执照':
        if not a.scope_has_training:
            return ('一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务；'
                    '会议及展览服务；企业管理咨询。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）')
        return rng.choice([
            '一般项目：职业技能培训（不含需取得许可的培训）；教育咨询服务（不含涉许可审批的教育培训活动）；'
            '技术服务、技术开发、技术咨询、技术交流；人力资源服务（不含职业中介活动、劳务派遣服务）；会议及展览服务。'
            '（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）',
            '企业管理咨询；专业技术人员继续教育培训；职业技能培训；软件开发；信息技术咨询服务；组织文化艺术交流活动。'
            '（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
            f'{a.area}领域技术研发、技术服务；员工培训及社会培训（不含学历教育）；工程技术咨询；设备租赁。'
            '（依法须经批准的项目，经相关部门批准后方可开展经营活动）'])
    if a.lic_kind == '事业单位法人证书':
        if a.utype == '高等院校':
            return rng.choice(['培养高等职业技术人才，促进经济社会发展。高等职业教育、继续教育、社会培训、科学研究、技术服务',
                               f'实施{a.area}等专业高等职业教育；开展继续教育与职业培训；应用技术研究与社会服务'])
        if a.utype == '科研院所':
            return f'开展{a.area}领域科学研究，促进科技发展。应用研究、技术开发、成果推广、专业技术人员继续教育培训、学术交流'
        return rng.choice(['为专业技术人员继续教育提供服务。组织开展专业技术人员继续教育培训、职业技能培训、技术咨询与服务',
                           f'为{a.area}行业人才培养提供服务。业务培训、继续教育、技术推广、信息咨询'])
    if a.lic_kind == '社会团体法人登记证书':
        return rng.choice(['学术交流、继续教育、科普宣传、技术咨询、业务培训、书刊编辑、国际合作',
                           '开展学术研讨、业务培训、继续教育、咨询服务、表彰奖励、承接政府委托事项'])
    return rng.choice([f'{a.area}相关职业技能培训（非学历）、专业技术人员继续教育培训',
                       '非学历职业技能培训；专业技术人员继续教育；培训咨询服务'])


def licence_facts(rng, a):
    """What the licence says (name and code may disagree with the form: a.lic_name, a.lic_code)."""
    reg_date = datetime.date(rng.randint(2003, 2022), rng.randint(1, 12), rng.randint(1, 28))
    # certificates in force at the deadline: issued within the last five years
    issue = datetime.date(rng.randint(max(2020, reg_date.year), 2024), rng.randint(1, 5), rng.randint(1, 28))
    if issue < reg_date:
        issue = reg_date
    f = {
        'kind': a.lic_kind, 'name': a.lic_name, 'code': a.lic_code, 'legal_rep': a.legal_rep,
        'address': a.address if rng.random() < 0.6 else a.address.replace('山东省', ''),
        'scope': scope_text(rng, a), 'registrar': registrar(rng, a), 'issue': issue, 'reg_date': reg_date,
    }
    if a.lic_kind == '营业执照':
        f['type'] = rng.choice(['有限责任公司（自然人投资或控股）', '其他有限责任公司', '股份有限公司（非上市、自然人投资或控股）',
                                '有限责任公司（国有控股）'])
        f['capital'] = money_upper(rng.choice([50, 100, 200, 300, 500, 1000, 2000, 5000]))
        f['term'] = rng.choice(['长期', f'{reg_date.year}年{reg_date.month:02d}月{reg_date.day:02d}日至'
                                       f'{reg_date.year + 30}年{reg_date.month:02d}月{reg_date.day - 1 or 1:02d}日'])
    else:
        f['valid'] = (f'自{issue.year}年{issue.month:02d}月{issue.day:02d}日至'
                      f'{issue.year + 5}年{issue.month:02d}月{issue.day:02d}日')
        f['funds'] = f'{rng.choice([10, 30, 50, 100, 300, 1200, 3500])}万元'
        if a.lic_kind == '事业单位法人证书':
            f['source'] = rng.choice(['财政补助', '全额拨款', '经费自理', '财政补助（差额）'])
            f['sponsor'] = rng.choice([f'{a.city}市人民政府', f'{a.city}市教育局', '山东省教育厅', f'{a.city}市科学技术局'])
        else:
            f['authority'] = rng.choice(['山东省科学技术协会', f'{a.city}市科学技术协会', f'{a.city}市人力资源和社会保障局',
                                         f'{a.city}市教育局'])
            f['region'] = '山东省' if a.code[2:8] == '370000' else f'{a.city}市'
    return f


def _qr(doc, x, y, s, rng):
    """Something that looks like a QR code: three finder squares and random modules."""
    n = 21
    cell = s / n

    def finder(i, j):
        return i in (0, 6) or j in (0, 6) or (2 <= i <= 4 and 2 <= j <= 4)
    for i in range(n):
        for j in range(n):
            if i < 7 and j < 7:
                on = finder(i, j)
            elif i < 7 and j >= n - 7:
                on = finder(i, j - (n - 7))
            elif i >= n - 7 and j < 7:
                on = finder(i - (n - 7), j)
            elif (i < 8 and (j == 7 or j == n - 8)) or (j < 8 and i in (7, n - 8)):
                on = False
            else:
                on = rng.random() < 0.5
            if on:
                doc.rect(x + j * cell, y + i * cell, cell, cell, 0, (0, 0, 0))


def licence_doc(rng, a, fonts, f):
    """The certificate as a page (landscape for 营业执照, portrait for the others)."""
    seal_text = f['registrar']
    if f['kind'] == '营业执照':
        doc = Doc((841.89, 595.28), (40, 40, 40, 40), fonts)
        pw, ph = doc.page.w, doc.page.h
        red = (0.75, 0.1, 0.1)
        for inset, lw in ((18, 2.2), (24, 0.8)):
            doc.page.ops.append(('rect', inset, inset, pw - 2 * inset, ph - 2 * inset, lw, None))
        doc.text_at(60, 58, '统一社会信用代码', 11)
        doc.text_at(60, 74, f['code'], 14, tag='lic_code')
        _qr(doc, pw - 150, 50, 80, rng)
        doc.text_at(pw - 110, 136, '扫描二维码登录', 7, align='center')
        doc.text_at(pw - 110, 146, '“国家企业信用信息公示系统”', 7, align='center')
        doc.text_at(pw / 2, 70, '营 业 执 照', 44, bold=True, color=red, title=True, align='center')
        if rng.random() < 0.7:
            doc.text_at(pw / 2, 128, '（副　　本）', 14, align='center')
        doc.text_at(pw / 2, 150, f'（{rng.randint(1, 3)}－{rng.randint(1, 2)}）', 9, align='center')
        xl, xr, y0 = 90, pw / 2 + 40, 190
        colw = pw / 2 - 140
        y = y0
        for lab, val, tag in (('名　　称', f['name'], 'lic_name'), ('类　　型', f['type'], None),
                              ('法定代表人', f['legal_rep'], None)):
            doc.text_at(xl, y, lab, 12)
            doc.box(xl + 80, y - 1, colw - 40, P([Run(val, tag=tag)], size=12, lead=1.5))
            y += 36
        doc.text_at(xl, y, '经营范围', 12)
        doc.box(xl + 80, y - 1, colw - 40, P([Run(f['scope'], tag='lic_scope')], size=10.5, lead=1.45))
        y = y0
        for lab, val in (('注册资本', f['capital']), ('成立日期', f"{f['reg_date'].year}年{f['reg_date'].month:02d}月"
                                                          f"{f['reg_date'].day:02d}日"), ('营业期限', f['term']),
                         ('住　　所', f['address'])):
            doc.text_at(xr, y, lab, 12)
            y = max(y + 36, doc.box(xr + 80, y - 1, colw - 20, P([Run(val)], size=12, lead=1.5)) + 14)
        doc.text_at(pw - 230, ph - 120, '登记机关', 12)
        d = f['issue']
        doc.text_at(pw - 150, ph - 88, f'{d.year}年{d.month:02d}月{d.day:02d}日', 12)
        doc.page.seals.append((pw - 140, ph - 120, 118, seal_text, ''))
        doc.text_at(60, ph - 52, '国家市场监督管理总局监制', 8)
        return doc
    doc = Doc(A4, (60, 60, 60, 60), fonts)
    pw, ph = doc.page.w, doc.page.h
    for inset, lw in ((26, 2.0), (32, 0.7)):
        doc.page.ops.append(('rect', inset, inset, pw - 2 * inset, ph - 2 * inset, lw, None))
    title = f['kind']
    doc.text_at(pw / 2, 92, title, 28 if len(title) <= 8 else 24, bold=True, title=True, align='center')
    if rng.random() < 0.6:
        doc.text_at(pw / 2, 132, '（副本）', 13, align='center')
    doc.text_at(pw / 2, 160, '统一社会信用代码', 12, align='center')
    doc.text_at(pw / 2, 178, f['code'], 14, align='center', tag='lic_code')
    rows = [('名　　称', f['name'], 'lic_name')]
    if f['kind'] == '事业单位法人证书':
        rows += [('宗旨和业务范围', f['scope'], 'lic_scope'), ('住　　所', f['address'], None),
                 ('法定代表人', f['legal_rep'], None), ('经费来源', f['source'], None), ('开办资金', f['funds'], None),
                 ('举办单位', f['sponsor'], None)]
    elif f['kind'] == '社会团体法人登记证书':
        rows += [('住　　所', f['address'], None), ('业务范围', f['scope'], 'lic_scope'), ('活动地域', f['region'], None),
                 ('法定代表人', f['legal_rep'], None), ('注册资金', f['funds'], None), ('业务主管单位', f['authority'], None)]
    else:
        rows += [('住　　所', f['address'], None), ('法定代表人', f['legal_rep'], None), ('开办资金', f['funds'], None),
                 ('业务主管单位', f['authority'], None), ('业务范围', f['scope'], 'lic_scope')]
    y = 220
    for lab, val, tag in rows:
        doc.text_at(90, y, lab, 12)
        y = max(y + 30, doc.box(200, y - 1, pw - 290, P([Run(val, tag=tag)], size=12, lead=1.5)) + 12)
    doc.text_at(90, y + 8, '有 效 期', 12)
    doc.text_at(200, y + 8, f['valid'], 12)
    doc.text_at(pw - 240, ph - 170, '登记管理机关', 12)
    d = f['issue']
    doc.text_at(pw - 200, ph - 140, f'{d.year}年{d.month:02d}月{d.day:02d}日', 12)
    doc.page.seals.append((pw - 170, ph - 160, 112, seal_text, ''))
    return doc


# --------------------------------------------------------------------------
# faculty list

TITLES_SENIOR = ['教授', '副教授', '研究员', '副研究员', '高级工程师', '正高级工程师', '主任医师', '副主任医师', '高级会计师',
                 '高级经济师', '高级讲师', '高级农艺师']
TITLES_OTHER = ['讲师', '工程师', '助理研究员', '主治医师', '会计师', '经济师', '助教', '农艺师']
PARTNERS = ['山东大学', '山东师范大学', '中国海洋大学', '山东科技大学', '青岛大学', '济南大学', '山东财经大学', '山东农业大学',
            '山东省立医院', '齐鲁医院', '山东省农业科学院', '山东省科学院', '曲阜师范大学', '烟台大学', '潍坊医学院']


def titles_for(area, senior):
    """Professional titles that go with the field (no physicians teaching civil engineering)."""
    if area in ('医养健康', '卫生健康'):
        return ['主任医师', '副主任医师', '副主任护师', '教授', '副教授'] if senior else ['主治医师', '主管护师', '讲师']
    if area in ('现代高效农业', '乡村振兴'):
        return ['高级农艺师', '研究员', '副研究员', '教授'] if senior else ['农艺师', '助理研究员', '讲师']
    if area in ('财务会计', '现代金融服务'):
        return ['高级会计师', '高级经济师', '教授', '副教授'] if senior else ['会计师', '经济师', '讲师']
    return ['教授', '副教授', '研究员', '副研究员', '高级工程师', '正高级工程师', '高级讲师'] if senior else \
        ['讲师', '工程师', '助理研究员', '助教']


def faculty_rows(rng, a):
    ft = min(a.faculty[0], rng.randint(6, 16))
    pt = min(a.faculty[1], rng.randint(3, 9))
    rows = []
    names = set()
    for kind, n in (('专职', ft), ('兼职', pt)):
        for _ in range(n):
            nm = W.person(rng)
            while nm in names:
                nm = W.person(rng)
            names.add(nm)
            title = rng.choice(titles_for(a.area, senior=rng.random() < 0.5))
            employer = a.name if kind == '专职' else rng.choice(PARTNERS + [f'{a.city}市{rng.choice(W.MOTIFS)}科技有限公司'])
            rows.append(dict(name=nm, sex=rng.choice('男女'), title=title, kind=kind, employer=employer,
                             born=f'{rng.randint(1962, 1994)}.{rng.randint(1, 12):02d}',
                             topic=rng.choice(['专业技术', '职业道德', '政策法规', a.area, '新技术应用', '项目管理', '安全生产'])))
    if rng.random() < 0.5:
        rng.shuffle(rows)
    return rows


def faculty_title(rng, a, named):
    if named:
        return rng.choice([f'{a.name}师资名单', f'{a.name}专兼职教师名单', f'附件3：{a.name}师资队伍情况表'])
    return rng.choice(['师资名单', '师资队伍情况表', '专兼职教师一览表'])


FAC_COLS = [('序号', None), ('姓名', 'name'), ('性别', 'sex'), ('出生年月', 'born'), ('职称', 'title'), ('专兼职', 'kind'),
            ('工作单位', 'employer'), ('授课方向', 'topic')]


def faculty_cols(rng):
    cols = [c for c in FAC_COLS if c[1] not in ('sex', 'born', 'topic') or rng.random() < 0.5]
    return cols


def faculty_blocks(rng, a, rows, title, cols):
    widths = {'序号': 0.07, '姓名': 0.11, '性别': 0.07, '出生年月': 0.11, '职称': 0.14, '专兼职': 0.09, '工作单位': 0.3,
              '授课方向': 0.14}
    ws = [widths[c[0]] for c in cols]
    tot = sum(ws)
    ws = [w / tot for w in ws]
    trs = [[C([P([Run(c[0], bold=True)], align='center')]) for c in cols]]
    for i, r in enumerate(rows):
        trs.append([C([P(str(i + 1) if c[1] is None else r[c[1]], size=9.5)], align='center') for c in cols])
    return [P([Run(title, title=True)], align='center', size=16, bold=True, after=12),
            T(trs, ws, border=0.6, min_row=20, pad=3)]


# --------------------------------------------------------------------------
# rules

RULE_TITLES = {
    '教学组织管理': ['教学组织管理制度', '教学组织管理办法'], '学员考核管理': ['学员考核管理办法', '学员考核管理制度'],
    '教学科研管理': ['教学科研管理制度', '教学研究管理办法'], '培训登记管理': ['培训登记管理制度', '学时登记管理办法'],
    '培训经费管理': ['培训经费管理办法', '培训经费使用管理制度'], '后勤保障管理': ['后勤保障管理制度', '后勤服务保障办法'],
    '培训效果评估': ['培训效果评估办法', '培训质量评估制度'], '跟踪反馈': ['培训跟踪反馈制度', '学员跟踪反馈办法'],
}
ARTICLES = [
    '为加强专业技术人员继续教育工作，规范{what}，根据《专业技术人员继续教育规定》，结合{who}实际，制定本制度。',
    '本制度适用于{who}组织实施的各类专业技术人员继续教育培训项目。',
    '{dept}负责{what}的统筹协调和监督检查，各项目负责人具体组织实施。',
    '培训项目实行计划管理，年度培训计划须于每年1月底前报{dept}审核。',
    '学员应按时参加培训，因故不能参加的须履行请假手续，缺课超过总学时三分之一的不予结业。',
    '培训结束后，{dept}应及时将学员学时信息录入继续教育登记系统，并建立培训档案。',
    '培训经费实行专款专用，严格执行财务审批程序，接受审计和监督。',
    '每期培训结束后组织学员开展满意度测评，测评结果作为改进教学的重要依据。',
    '本制度由{dept}负责解释，自印发之日起施行。',
]


def rules_blocks(rng, a, named):
    who = a.name if named else '本单位'
    dept = a.mgmt_dept if named else rng.choice(['继续教育管理部门', '培训管理部门'])
    title = f'{a.name}继续教育管理制度汇编' if named else rng.choice(['继续教育管理制度汇编', '继续教育管理制度', '管理制度'])
    out = [P([Run(title, title=True)], align='center', size=18, bold=True, after=14)]
    for i, r in enumerate(a.rules):
        t = rng.choice(RULE_TITLES[r])
        out.append(P([Run(f'{Wr.chinese_int(i + 1) if i < 10 else i + 1}、{t}', bold=True)], size=13, before=10, after=6))
        arts = [ARTICLES[0]] + rng.sample(ARTICLES[1:-1], rng.randint(2, 4)) + [ARTICLES[-1]]
        for k, art in enumerate(arts):
            out.append(P([Run(f'第{Wr.chinese_int(k + 1)}条　' + art.format(what=t.replace('制度', '').replace('办法', '')
                                                                           + '工作', who=who, dept=dept))],
                         indent=2, lead=1.6, align='justify'))
    if named:
        out.append(Gap(16))
        out.append(P([Run(a.name)], align='right', after=4))
        out.append(P([Run(f'2024年{rng.randint(1, 5)}月{rng.randint(1, 28)}日')], align='right'))
        out.append(Seal(a.name, dx=0.8, diameter=110))
    return out


# --------------------------------------------------------------------------
# training record

def training_blocks(rng, a):
    title = rng.choice([f'{a.name}近三年专业技术人员培训情况统计表', f'{a.name}培训情况证明'])
    head = ['年度', '培训班次', '培训人数（人次）', '主要培训内容']
    rows = [[C([P([Run(h, bold=True)], align='center')]) for h in head]]
    for i, y in enumerate((2021, 2022, 2023)):
        classes = max(3, a.programs + rng.randint(-20, 10)) if y != 2023 else a.programs
        rows.append([C(f'{y}年'), C(str(classes)), C(str(a.trainees[i])),
                     C(rng.choice(['专业技术人员公需科目、专业科目培训', f'{a.area}新知识新技术培训', '职业道德与政策法规、专业能力提升']))])
    out = [P([Run(title, title=True)], align='center', size=16, bold=True, after=12),
           T(rows, [0.15, 0.15, 0.2, 0.5], min_row=26),
           Gap(20), P([Run('特此证明。')], indent=2, after=20),
           P([Run(a.name)], align='right'), P([Run(f'2024年6月{rng.randint(10, 20)}日')], align='right'),
           Seal(a.name, dx=0.8, diameter=110)]
    return out


# --------------------------------------------------------------------------
# cover and contents of a printed package

def package_front(rng, a, rec_full, parts):
    out = [Gap(120), P([Run('山东省专业技术人员继续教育基地', title=True)], align='center', size=24, bold=True, after=10),
           P([Run('申 报 材 料', title=True)], align='center', size=28, bold=True, after=140),
           P([Run('申报单位：'), Run(a.name)], size=15, indent=4, after=20),
           P([Run('推荐单位：'), Run(rec_full)], size=15, indent=4, after=20),
           P([Run('二〇二四年六月')], align='center', size=15, before=160), PageBreak(),
           P([Run('目　　录', title=True)], align='center', size=20, bold=True, after=24)]
    for i, (name, page) in enumerate(parts):
        dots = '…' * max(4, 16 - len(name))
        out.append(P([Run(f'{Wr.chinese_int(i + 1)}、{name}{dots}{page}')], size=14, after=10, indent=2))
    out.append(PageBreak())
    return out


# --------------------------------------------------------------------------
# pictures: facilities and the platform

def facility_photo(rng, a, size, banner_name):
    """A classroom or training room: desks, a screen, windows; a banner with the unit's name or none."""
    Wd, Hd = size
    img = Image.new('RGB', size, (rng.randint(200, 235), rng.randint(200, 230), rng.randint(190, 220)))
    dr = ImageDraw.Draw(img)
    horizon = int(Hd * rng.uniform(0.38, 0.48))
    floor = (rng.randint(120, 170), rng.randint(100, 140), rng.randint(80, 110))
    dr.rectangle([0, horizon, Wd, Hd], fill=floor)
    # front wall: screen or blackboard
    sx0, sx1 = int(Wd * 0.28), int(Wd * 0.72)
    sy0, sy1 = int(Hd * 0.1), int(horizon * 0.85)
    board = rng.choice([(30, 60, 40), (240, 240, 245), (25, 25, 30)])
    dr.rectangle([sx0, sy0, sx1, sy1], fill=board, outline=(80, 80, 80), width=max(2, Wd // 300))
    # windows on the side wall
    for k in range(rng.randint(2, 4)):
        x = int(Wd * (0.02 + 0.06 * k))
        dr.polygon([(x, int(Hd * 0.12) + k * 8), (x + Wd // 22, int(Hd * 0.14) + k * 8),
                    (x + Wd // 22, horizon - 30 - k * 6), (x, horizon - 20 - k * 6)], fill=(200, 225, 245))
    # ceiling lights
    for k in range(4):
        x = int(Wd * (0.2 + 0.2 * k))
        dr.rectangle([x - Wd // 30, 8, x + Wd // 30, 8 + Hd // 80], fill=(250, 250, 240))
    # desks in perspective rows
    vx = Wd / 2
    desk_col = rng.choice([(230, 220, 200), (180, 140, 90), (240, 240, 240), (90, 110, 140)])
    for r in range(7):
        t = (r + 1) / 8
        y = horizon + (Hd - horizon) * t ** 1.2
        half = Wd * (0.2 + 0.5 * t)
        h = (Hd - horizon) * 0.04 * (0.5 + t)
        for k in range(-3, 3):
            x0 = vx + (k / 3) * half + 6
            x1 = vx + ((k + 1) / 3) * half - 6
            dr.rectangle([x0, y, x1, y + h], fill=desk_col, outline=(60, 60, 60))
            dr.rectangle([x0 + (x1 - x0) * 0.35, y + h, x0 + (x1 - x0) * 0.65, y + h * 2.2],
                         fill=(rng.randint(20, 90), rng.randint(40, 110), rng.randint(100, 170)))
    if banner_name:
        bh = int(Hd * 0.06)
        dr.rectangle([int(Wd * 0.15), 4 + Hd // 40, int(Wd * 0.85), 4 + Hd // 40 + bh], fill=(190, 20, 30))
        f = pil_font('notosansbold', bh * 0.55)
        dr.text((Wd / 2, 4 + Hd // 40 + bh / 2), banner_name, font=f, fill=(255, 235, 120), anchor='mm')
        if board[0] > 200:
            f2 = pil_font('notosans', (sy1 - sy0) * 0.09)
            dr.text(((sx0 + sx1) / 2, (sy0 + sy1) / 2), rng.choice(['专业技术人员继续教育培训', '新知识新技术专题讲座']),
                    font=f2, fill=(30, 60, 140), anchor='mm')
    g = Image.radial_gradient('L').resize((Wd, Hd)).point(lambda v: 255 - v // 5)
    img = Image.composite(img, Image.new('RGB', size, (30, 30, 30)), g)
    noise = Image.effect_noise((Wd // 2, Hd // 2), 14).resize(size)
    img = Image.blend(img, Image.merge('RGB', [noise] * 3), 0.05)
    return img.filter(ImageFilter.GaussianBlur(1.0))


def platform_screenshot(rng, a, size):
    Wd, Hd = size
    img = Image.new('RGB', size, (255, 255, 255))
    dr = ImageDraw.Draw(img)
    s = Wd / 1920
    ui = pil_font('notosans', 15 * s)
    dr.rectangle([0, 0, Wd, int(40 * s)], fill=(222, 225, 230))
    dr.rounded_rectangle([int(12 * s), int(6 * s), int(300 * s), int(40 * s)], radius=int(8 * s), fill=(255, 255, 255))
    dr.text((int(24 * s), int(14 * s)), a.platform[:16], font=ui, fill=(40, 40, 40))
    dr.rectangle([0, int(40 * s), Wd, int(84 * s)], fill=(255, 255, 255))
    dr.rounded_rectangle([int(120 * s), int(47 * s), int(1400 * s), int(77 * s)], radius=int(15 * s),
                         fill=(241, 243, 244))
    shown = a.url.split('://', 1)[-1] if rng.random() < 0.5 else a.url
    dr.text((int(150 * s), int(52 * s)), shown, font=pil_font('dejavu', 16 * s), fill=(30, 30, 30))
    top = int(84 * s)
    main = tuple(rng.choice([(18, 92, 170), (180, 30, 40), (20, 130, 90), (230, 110, 20)]))
    dr.rectangle([0, top, Wd, top + int(90 * s)], fill=main)
    dr.text((int(60 * s), top + int(22 * s)), a.platform, font=pil_font('notosansbold', 34 * s), fill=(255, 255, 255))
    nav = ['首页', '课程中心', '培训项目', '学习记录', '证书查询', '通知公告', '个人中心']
    x = int(60 * s)
    y = top + int(100 * s)
    for n in nav:
        dr.text((x, y), n, font=pil_font('notosans', 18 * s), fill=(50, 50, 50))
        x += int(150 * s)
    dr.rectangle([int(60 * s), y + int(50 * s), Wd - int(60 * s), y + int(330 * s)],
                 fill=tuple(min(255, c + 60) for c in main))
    dr.text((int(110 * s), y + int(150 * s)), rng.choice(['2024年度专业技术人员继续教育', '提升专业能力 服务高质量发展']),
            font=pil_font('notosansbold', 44 * s), fill=(255, 255, 255))
    courses = ['专业技术人员职业道德与诚信建设', f'{a.area}前沿技术专题', '数字经济与数字化转型', '人工智能技术应用',
               '知识产权保护实务', '安全生产法律法规解读', '乡村振兴战略解读', '专业技术人员创新能力培养']
    rng.shuffle(courses)
    cy = y + int(370 * s)
    for i in range(4):
        cx = int(60 * s) + i * int(455 * s)
        dr.rectangle([cx, cy, cx + int(430 * s), cy + int(230 * s)], outline=(220, 220, 220), width=2)
        dr.rectangle([cx, cy, cx + int(430 * s), cy + int(140 * s)],
                     fill=tuple(rng.randint(120, 220) for _ in range(3)))
        dr.text((cx + int(12 * s), cy + int(150 * s)), courses[i], font=pil_font('notosans', 18 * s), fill=(20, 20, 20))
        dr.text((cx + int(12 * s), cy + int(190 * s)), f'{rng.randint(2, 40)}学时  {rng.randint(300, 9000)}人已学',
                font=pil_font('notosans', 14 * s), fill=(130, 130, 130))
    dr.rectangle([0, Hd - int(70 * s), Wd, Hd], fill=(45, 50, 60))
    foot = f'主办单位：{a.name}    鲁ICP备{rng.randint(10000000, 19999999)}号-{rng.randint(1, 3)}'
    dr.text((Wd / 2, Hd - int(35 * s)), foot, font=pil_font('notosans', 15 * s), fill=(200, 200, 200), anchor='mm')
    return img


def summary_blocks(rng, rec_written, filler, filler_phone, date_text, rows):
    """The summary sheet as a Word table (some recommenders fill the DOCX template)."""
    head = ['序号', '申报单位名称', '统一社会信用代码', '单位性质', '申报领域', '联系人', '联系电话', '备注']
    trs = [[C([P([Run(h, bold=True)], align='center', size=9)]) for h in head]]
    for i, r in enumerate(rows):
        vals = [str(i + 1), r['name'], r['code'], r['type'], r['area'], r['contact'], r['phone'], r.get('note', '')]
        trs.append([C([P(v, size=9)]) for v in vals])
    trs.append([C([P(f'合计：{len(rows)}家', size=9)], span=2)] + [C('') for _ in range(6)])
    return [P([Run('附件2')], size=12, after=6),
            P([Run('山东省专业技术人员继续教育基地申报汇总表', title=True)], align='center', size=16, bold=True, after=10),
            P([Run(f'推荐单位（盖章）：{rec_written}    填报人：{filler}    电话：{filler_phone}    日期：{date_text}')],
              size=10, after=6),
            T(trs, [0.06, 0.22, 0.18, 0.12, 0.12, 0.08, 0.14, 0.08], min_row=22, pad=2)]
