"""The application form 《山东省专业技术人员继续教育基地申报表》 in many layouts, as a block model.

Each value run carries its field key as a tag, so that renderers can tell where
the value was drawn. Labels are the spec's label and synonyms; values are
written in the spec's many ways (writing.py).
"""
from . import writing as Wr
from .layout import P, Run, C, T, PageBreak, Gap, Seal, Sign
from .model import RULES

LABELS = {
    'unit_name': ['单位名称', '单位名称', '申报单位', '申报单位名称', '机构名称'],
    'credit_code': ['统一社会信用代码', '统一社会信用代码', '社会信用代码', '信用代码'],
    'unit_type': ['单位性质', '单位性质', '单位类型', '机构类型'],
    'legal_rep': ['法定代表人', '法定代表人', '法人代表'],
    'address': ['通讯地址', '单位地址', '详细地址', '地址'],
    'postcode': ['邮政编码', '邮编'],
    'city': ['所在市', '所属地市'],
    'contact_name': ['联系人'],
    'contact_phone': ['联系电话', '联系电话', '办公电话', '电话'],
    'contact_mobile': ['手机', '手机号码', '移动电话'],
    'email': ['电子邮箱', '邮箱', 'E-mail'],
    'recommender': ['推荐单位', '推荐单位', '主管部门', '推荐部门'],
    'field_area': ['申报领域', '申报领域', '所属行业', '培训领域', '重点领域'],
    'faculty_fulltime': ['专职教师人数', '专职师资'],
    'faculty_parttime': ['兼职教师人数', '兼职师资'],
    'faculty_senior': ['副高级以上职称人数', '高级职称教师'],
    'mgmt_dept': ['继续教育管理机构', '管理部门'],
    'mgmt_staff': ['管理人员人数', '专兼职管理人员'],
    'mgmt_rules': ['管理制度'],
    'annual_budget': ['年度继续教育经费(万元)', '年度培训经费'],
    'classroom_count': ['固定教室数量(间)', '教室数'],
    'classroom_area': ['教学场地面积(平方米)', '培训场地面积'],
    'library_volumes': ['专业图书资料(册)', '图书资料'],
    'training_site': ['实训场所或实训合作单位', '实训基地'],
    'online_platform': ['网络培训平台名称', '远程教育平台'],
    'online_platform_url': ['平台网址', '网址'],
    'online_capacity': ['平台同时在线人数', '并发能力'],
    'programs_2023': ['2023年培训项目数', '培训班次'],
    'application_date': ['填表日期', '申报日期', '日期'],
}
UNIT_OF = {'faculty_fulltime': '人', 'faculty_parttime': '人', 'faculty_senior': '人', 'mgmt_staff': '人',
           'classroom_count': '间', 'library_volumes': '册', 'online_capacity': '人', 'programs_2023': '个'}
TYPES_SHOWN = ['高等院校', '科研院所', '行业教育培训机构', '专业协会（学会）', '企业培训机构', '其他']

SECTIONS = {
    'basic': ['unit_name', 'credit_code', 'unit_type', 'legal_rep', '*founded', 'address', 'postcode', 'city',
              'contact_name', 'contact_phone', 'contact_mobile', '*fax', 'email', 'recommender', 'field_area'],
    'faculty': ['faculty_fulltime', 'faculty_parttime', 'faculty_senior'],
    'mgmt': ['mgmt_dept', 'mgmt_staff', 'mgmt_rules'],
    'cond': ['annual_budget', 'classroom_count', 'classroom_area', 'library_volumes', 'training_site'],
    'online': ['online_platform', 'online_platform_url', 'online_capacity'],
    'train': ['#trainees', 'programs_2023'],
}
SECTION_TITLES = {
    'basic': ['单位基本情况', '基本情况', '申报单位基本信息'],
    'faculty': ['师资队伍', '师资情况', '师资力量'],
    'mgmt': ['管理机构及制度', '组织管理', '管理机构与管理制度'],
    'cond': ['基础设施条件', '办学条件', '教学条件'],
    'online': ['网络培训平台', '网络培训条件', '在线教育平台'],
    'train': ['近三年培训情况', '培训业绩', '培训开展情况'],
}
NUMS = '一二三四五六七八九十'
LONG = {'unit_name', 'address', 'mgmt_rules', 'training_site', 'online_platform', 'online_platform_url',
        'unit_type', 'field_area', 'recommender', 'credit_code', 'email'}


class Style:
    def __init__(self, rng):
        self.layout = rng.choice(['2col', '2col', '4col', '4col', 'mixed'])
        self.colon = rng.choice(['', '', '：'])
        self.cover = rng.random() < 0.4
        self.one_table = rng.random() < 0.5
        self.sec_numbers = rng.random() < 0.8
        self.order = ['basic', 'faculty', 'mgmt', 'cond', 'online', 'train']
        if rng.random() < 0.35:
            rest = self.order[1:]
            rng.shuffle(rest)
            self.order = ['basic'] + rest
        self.type_boxes = rng.random() < 0.35
        self.years = rng.choice(['nested_rows', 'nested_rows', 'nested_cols', 'nested_cols', 'one_cell',
                                 'one_cell_lines', 'flat_rows', 'flat_cols'])
        self.year_word = rng.choice(['年', '年', '年度', ''])
        self.contact_below = rng.random() < 0.3
        self.faculty_below = rng.random() < 0.25
        self.merge_rate = rng.choice([0, 0, 0.15, 0.3])
        self.rules_per_line = rng.choice([1, 2, 2, 4, 8])
        self.rules_shuffle = rng.random() < 0.2
        self.tick_on, self.tick_off = Wr.tick_style(rng)
        self.label_w = rng.uniform(0.26, 0.36)
        self.label4_w = rng.uniform(0.15, 0.2)
        self.label_align = rng.choice(['center', 'left', 'center'])
        self.base = rng.choice([10.5, 10.5, 11, 12, 10])
        self.min_row = rng.choice([18, 22, 26, 30])
        self.intro = rng.random() < 0.6
        self.founded = rng.random() < 0.5
        self.fax = rng.random() < 0.35
        self.rec_opinion = rng.random() < 0.4
        self.date_in_sign = rng.random() < 0.6
        self.printed_date = rng.random() < 0.5
        self.attach_head = rng.random() < 0.7
        self.spaced_title = rng.random() < 0.3


def label_text(rng, key, colon):
    lab = rng.choice(LABELS[key])
    if '(' in lab and rng.random() < 0.6:
        lab = lab.replace('(', '（').replace(')', '）')
    return lab + colon


def written(rng, a, key, lab, rec_written):
    """The value as this form writes it, or None when the row says 'none' (the none word then)."""
    st = a.ans.get(key, 'value')
    if st == 'none':
        return rng.choice(['无', '无', '暂无', '/', '—', '-', '空'])
    if st == 'blank':
        return ''
    has_unit = '(' in lab or '（' in lab
    if key == 'unit_name':
        return a.name
    if key == 'credit_code':
        return Wr.write_code(rng, a.form_code)
    if key == 'unit_type':
        return a.utype.replace('(', '（').replace(')', '）') if rng.random() < 0.6 else a.utype
    if key == 'legal_rep':
        return a.legal_rep
    if key == 'address':
        return a.address
    if key == 'postcode':
        return Wr.fw_digits(a.postcode) if rng.random() < 0.1 else a.postcode
    if key == 'city':
        return rng.choice([a.city + '市', a.city + '市', a.city, '山东省' + a.city + '市'])
    if key == 'contact_name':
        return a.contact
    if key == 'contact_phone':
        return Wr.write_phone(rng, *a.phone)
    if key == 'contact_mobile':
        return Wr.write_mobile(rng, a.mobile)
    if key == 'email':
        return Wr.write_email(rng, a.email)
    if key == 'recommender':
        return rec_written
    if key == 'field_area':
        return a.area_written
    if key in ('faculty_fulltime', 'faculty_parttime', 'faculty_senior', 'mgmt_staff', 'classroom_count',
               'programs_2023'):
        n = {'faculty_fulltime': a.faculty[0], 'faculty_parttime': a.faculty[1], 'faculty_senior': a.faculty[2],
             'mgmt_staff': a.mgmt_staff, 'classroom_count': a.classrooms, 'programs_2023': a.programs}[key]
        unit = UNIT_OF[key]
        if key == 'programs_2023':
            unit = rng.choice(['个', '项', '期', '个', ''])
        return Wr.write_count(rng, n, unit or '个', label_has_unit=has_unit or not unit, cn=n <= 120)
    if key == 'library_volumes':
        return Wr.write_count(rng, a.library, '册', label_has_unit=has_unit, cn=False, wan=True)
    if key == 'online_capacity':
        return Wr.write_count(rng, a.capacity, '人', label_has_unit=False, cn=a.capacity % 100 == 0, wan=True)
    if key == 'annual_budget':
        return Wr.write_money_wan(rng, a.budget, has_unit)
    if key == 'classroom_area':
        return Wr.write_area(rng, a.class_area, has_unit)
    if key == 'mgmt_dept':
        return a.mgmt_dept
    if key == 'training_site':
        return a.training_site
    if key == 'online_platform':
        return a.platform
    if key == 'online_platform_url':
        return Wr.write_url(rng, a.url)
    if key == 'application_date':
        return Wr.write_date(rng, a.date)
    raise KeyError(key)


def trainee_text(rng, a, i):
    st = a.ans.get(f'trainees_{2021 + i}', 'value')
    if st == 'none':
        return rng.choice(['无', '—', '/'])
    return Wr.write_count(rng, a.trainees[i], '人', label_has_unit=False, cn=True, wan=True, renci=True)


def _lab(rng, text, st):
    return C([P([Run(text)], align=st.label_align)])


def _val(runs):
    return C([P(runs)])


class FormBuilder:
    def __init__(self, rng, a, rec_written, st=None):
        self.rng, self.a, self.rec = rng, a, rec_written
        self.st = st or Style(rng)
        self.labels = {}
        self.sections = {k: list(v) for k, v in SECTIONS.items()}

    def item(self, key):
        """(label text, value runs) for one field, or None when the template lacks the row."""
        a, rng, st = self.a, self.rng, self.st
        if a.ans.get(key, 'value') == 'missing':
            return None
        lab = label_text(rng, key, st.colon)
        self.labels[key] = lab
        if key == 'unit_type' and st.type_boxes and a.ans.get(key) == 'value':
            runs = []
            for t in TYPES_SHOWN:
                on = t.replace('（', '(').replace('）', ')') == a.utype
                runs.append(Run((st.tick_on if on else st.tick_off) + t, tag='unit_type' if on else None))
                runs.append(Run('  '))
            return lab, runs[:-1]
        if key == 'mgmt_rules':
            items = list(RULES)
            if st.rules_shuffle:
                rng.shuffle(items)
            runs = []
            for i, r in enumerate(items):
                on = r in a.rules
                runs.append(Run((st.tick_on if on else st.tick_off) + r, tag='mgmt_rules'))
                if i < len(items) - 1:
                    runs.append(Run('\n' if (i + 1) % st.rules_per_line == 0 else '   '))
            return lab, runs
        text = written(rng, a, key, lab, self.rec)
        return lab, [Run(text, tag=key if a.ans.get(key, 'value') == 'value' else None)]

    def distractor(self, which):
        a, rng = self.a, self.rng
        if which == '*founded' and self.st.founded:
            return '成立时间' + self.st.colon, [Run(Wr.write_date(rng, __import__('datetime').date(
                a.founded, rng.randint(1, 12), rng.randint(1, 28))) if rng.random() < 0.5 else f'{a.founded}年')]
        if which == '*fax' and self.st.fax:
            return '传真' + self.st.colon, [Run(Wr.write_phone(rng, *a.fax) if rng.random() < 0.7 else '无')]
        return None

    # -- sections as row groups: (ncols, rows)
    def section_rows(self, sec, n):
        st, rng = self.st, self.rng
        ncols = 4 if st.layout == '4col' or (st.layout == 'mixed' and sec == 'basic') else 2
        groups = []
        items = []
        for key in self.sections[sec]:
            if key.startswith('*'):
                it = self.distractor(key)
                if it:
                    items.append(('*', it))
            elif key == '#trainees':
                items.append(('#trainees', None))
            else:
                it = self.item(key)
                if it:
                    items.append((key, it))
        rows = []

        def flush():
            if rows:
                groups.append((ncols, list(rows)))
                rows.clear()

        if st.one_table:
            title = self.section_title(sec, n)
            rows.append([C([P([Run(title, bold=True)], align=rng.choice(['left', 'center']))], span=ncols,
                           fill=(0.92, 0.92, 0.92) if rng.random() < 0.3 else None)])
        contact_keys = ['contact_name', 'contact_phone', 'contact_mobile', 'email']
        if st.contact_below and sec == 'basic':
            present = [k for k, _ in items if k in contact_keys]
            if len(present) == 4:
                block = {k: it for k, it in items if k in contact_keys}
                items = [(k, it) for k, it in items if k not in contact_keys[1:]]
                idx = [k for k, _ in items].index('contact_name')
                items[idx] = ('#contact', block)
        if st.faculty_below and sec == 'faculty' and len(items) == 3 and all(k != '*' for k, _ in items):
            # three labels in a row, their values in the row below
            labs = [it[0].rstrip('：') for _, it in items]
            vals = [it[1] for _, it in items]
            flush()
            groups.append((3, [[_lab(rng, l, st) for l in labs], [_val(v) for v in vals]]))
            return groups
        pending = []   # 4col: short items waiting for a partner
        for key, it in items:
            if key == '#trainees':
                if ncols == 4 and pending:
                    rows.append(self._pair_row(pending.pop(0), None))
                flush()
                groups.extend(self.trainee_groups(ncols))
                continue
            if key == '#contact':
                if ncols == 4 and pending:
                    rows.append(self._pair_row(pending.pop(0), None))
                labs = [it[k][0].rstrip('：') for k in contact_keys]
                vals = [it[k][1] for k in contact_keys]
                if ncols == 4:
                    rows.append([_lab(rng, l, st) for l in labs])
                    rows.append([_val(v) for v in vals])
                else:
                    flush()
                    groups.append((4, [[_lab(rng, l, st) for l in labs], [_val(v) for v in vals]]))
                continue
            lab, runs = it
            merged = rng.random() < st.merge_rate and key not in ('mgmt_rules',)
            if merged:
                lab_clean = lab.rstrip('：')
                rows.append([C([P([Run(lab_clean + '：')] + runs)], span=ncols)])
                continue
            if ncols == 2:
                rows.append([_lab(rng, lab, st), _val(runs)])
            elif key in LONG:
                if pending:
                    rows.append(self._pair_row(pending.pop(0), None))
                rows.append([_lab(rng, lab, st), C([P(runs)], span=3)])
            else:
                pending.append((lab, runs))
                if len(pending) == 2:
                    rows.append(self._pair_row(pending[0], pending[1]))
                    pending.clear()
        if pending:
            rows.append(self._pair_row(pending[0], None))
        flush()
        return groups

    def _pair_row(self, a, b):
        st, rng = self.st, self.rng
        row = [_lab(rng, a[0], st), _val(a[1])]
        if b:
            row += [_lab(rng, b[0], st), _val(b[1])]
        else:
            row += [C(''), C('')] if rng.random() < 0.5 else []
            if len(row) == 2:
                row[1] = C([P(a[1])], span=3)
        return row

    def section_title(self, sec, n):
        t = self.rng.choice(SECTION_TITLES[sec])
        return (NUMS[n] + '、' + t) if self.st.sec_numbers else t

    def trainee_groups(self, ncols):
        st, rng, a = self.st, self.rng, self.a
        label = rng.choice(['近三年年培训专业技术人才人数', '近三年年培训专业技术人才人数', '近三年年培训专业技术人才人数（人）'])
        yw = st.year_word
        years = [f'{y}{yw}' for y in (2021, 2022, 2023)]
        texts = [trainee_text(rng, a, i) for i in range(3)]
        tags = [f'trainees_{2021 + i}' if a.ans.get(f'trainees_{2021 + i}', 'value') == 'value' else None
                for i in range(3)]
        total = rng.random() < 0.25
        if st.years in ('nested_rows', 'nested_cols'):
            head = rng.choice(['培训人数', '培训人数（人）', '人数', '培训专业技术人才人数'])
            if st.years == 'nested_rows':
                rows = [[C(rng.choice(['年度', '年份'])), C(head)]] if rng.random() < 0.7 else []
                rows += [[C(y), C([P([Run(t, tag=g)])])] for y, t, g in zip(years, texts, tags)]
                if total:
                    rows.append([C('合计'), C(str(sum(a.trainees)))])
                inner = T(rows, [0.45, 0.55], border=0.5, min_row=16, pad=3, align='center')
            else:
                hdr = [C(y) for y in years] + ([C('合计')] if total else [])
                vals = [C([P([Run(t, tag=g)])]) for t, g in zip(texts, tags)] + (
                    [C(str(sum(a.trainees)))] if total else [])
                k = len(hdr)
                inner = T([hdr, vals], [1 / k] * k, border=0.5, min_row=16, pad=3, align='center')
            if ncols == 2:
                return [(2, [[_lab(rng, label, st), C([inner], pad=2)]])]
            return [(4, [[_lab(rng, label, st), C([inner], span=3, pad=2)]])]
        if st.years in ('one_cell', 'one_cell_lines'):
            sep = rng.choice(['；', '，', '；', '  ']) if st.years == 'one_cell' else '\n'
            colon = rng.choice(['：', '：', ' ', ''])
            runs = []
            for i, (y, t, g) in enumerate(zip(years, texts, tags)):
                if i:
                    runs.append(Run(sep))
                runs.append(Run(y + colon))
                runs.append(Run(t, tag=g))
            if ncols == 2:
                return [(2, [[_lab(rng, label, st), C([P(runs)])]])]
            return [(4, [[_lab(rng, label, st), C([P(runs)], span=3)]])]
        if st.years == 'flat_rows':
            rows = [[C([P([Run(label, bold=rng.random() < 0.5)])], span=ncols)]]
            for y, t, g in zip(years, texts, tags):
                if ncols == 2:
                    rows.append([_lab(rng, y, st), _val([Run(t, tag=g)])])
                else:
                    rows.append([_lab(rng, y, st), C([P([Run(t, tag=g)])], span=3)])
            return [(ncols, rows)]
        # flat_cols: a 4-column grid of its own
        rows = [[C([P([Run(label)])], span=4)],
                [C(rng.choice(['年度', '年份'])), C(years[0]), C(years[1]), C(years[2])],
                [C(rng.choice(['人数', '培训人数'])), C([P([Run(texts[0], tag=tags[0])])]),
                 C([P([Run(texts[1], tag=tags[1])])]), C([P([Run(texts[2], tag=tags[2])])])]]
        return [(4, rows)]

    # -- the whole form
    def blocks(self, cover_info=None):
        st, rng = self.st, self.rng
        out = []
        title = '山东省专业技术人员继续教育基地申报表'
        if st.cover:
            out += self.cover()
        if st.attach_head and not st.cover:
            out.append(P([Run(rng.choice(['附件1', '附件 1', '附件1：']))], size=12, after=6))
        out.append(P([Run(title, title=True)], align='center', size=rng.choice([16, 18, 20]), bold=True,
                     after=4 if st.printed_date else 12))
        if st.printed_date and not st.cover:
            out.append(P([Run(rng.choice(['（2024年6月印制）', '山东省人力资源和社会保障厅制', '（2024年度）']))],
                         align='center', size=10, after=10))
        groups = []
        for n, sec in enumerate(st.order):
            sec_groups = self.section_rows(sec, n)
            if not st.one_table:
                groups.append(('title', self.section_title(sec, n)))
            groups.extend(sec_groups)
        intro_n = len(st.order)
        if st.intro:
            txt = self.intro_text()
            t_intro = (NUMS[intro_n] + '、' if st.sec_numbers else '') + '单位简介'
            if st.one_table:
                groups.append((2, [[C([P([Run(t_intro, bold=True)])], span=2)],
                                   [C([P([Run(txt)], indent=2, align='justify')], span=2, valign='top')]]))
            else:
                groups.append(('title', t_intro))
                groups.append((1, [[C([P([Run(txt)], indent=2, align='justify')], valign='top')]]))
        # consecutive groups with the same grid are one table
        widths = {1: [1.0], 2: [st.label_w, 1 - st.label_w], 3: [1 / 3] * 3,
                  4: [st.label4_w, 0.5 - st.label4_w, st.label4_w, 0.5 - st.label4_w]}
        cur = None
        for g in groups:
            if g[0] == 'title':
                cur = None
                out.append(P([Run(g[1], bold=True)], size=st.base + 1, before=8, after=4))
                continue
            ncols, rows = g
            if cur is not None and cur.ncols == ncols:
                cur.rows.extend(rows)
            else:
                cur = T(list(rows), widths[ncols], border=rng.choice([0.5, 0.75, 1.0]), min_row=st.min_row)
                cur.ncols = ncols
                out.append(cur)
        out += self.signature()
        return out

    def intro_text(self):
        rng, a = self.rng, self.a
        staff = a.faculty[0] + rng.randint(30, 400)
        area_mu = rng.randint(80, 900)
        build = rng.randint(3, 40)
        cap = rng.randint(11, 90) * 1000 + 500
        s = (f'{a.name}始建于{a.founded}年，' if rng.random() < 0.7 else f'我单位成立于{a.founded}年，')
        s += f'占地面积{area_mu}亩，建筑面积{build}万平方米，现有职工{staff}人。'
        s += rng.choice([f'近年来累计培训各类人员{cap}人次，', f'年培训能力达{cap / 10000:.1f}万人次，',
                         f'与{rng.randint(12, 80)}家企事业单位建立合作关系，'])
        s += rng.choice(['形成了覆盖全省的继续教育服务网络。', '是本行业重要的人才培养基地。',
                         '先后获评省级示范培训机构等荣誉称号。'])
        return s

    def cover(self):
        rng, a, st = self.rng, self.a, self.st
        out = []
        if st.attach_head:
            out.append(P([Run('附件1')], size=12, after=40))
        else:
            out.append(Gap(60))
        t1 = '山东省专业技术人员继续教育基地'
        t2 = '申 报 表' if st.spaced_title else '申报表'
        out.append(P([Run(t1, title=True)], align='center', size=22, bold=True, before=60, after=8))
        out.append(P([Run(t2, title=True)], align='center', size=26, bold=True, after=90))
        date_st = a.ans.get('application_date', 'value')
        lines = [('申报单位（盖章）：', a.name, 'unit_name')]
        if rng.random() < 0.8:
            lines.append(('推荐单位：', self.rec, 'recommender'))
        if date_st == 'value' and rng.random() < 0.7:
            lines.append(('填表日期：', Wr.write_date(rng, a.date), 'application_date'))
        for lab, val, tag in lines:
            if a.ans.get(tag, 'value') != 'value':
                continue
            out.append(P([Run(lab, size=15), Run(val, tag=tag, size=15, underline=True)], size=15, indent=3,
                         after=22))
        out.append(Seal(a.name, dx=0.62, diameter=118))
        out.append(Gap(120))
        out.append(P([Run('山东省人力资源和社会保障厅制')], align='center', size=14, after=6))
        out.append(P([Run(rng.choice(['二〇二四年六月', '2024年6月']))], align='center', size=14))
        out.append(PageBreak())
        return out

    def signature(self):
        rng, a, st = self.rng, self.a, self.st
        out = [Gap(14)]
        out.append(P([Run(rng.choice(['申报单位承诺：本单位对所填报内容的真实性负责，如有虚假，愿承担相应责任。',
                                      '本单位承诺：以上所填内容及所附材料真实、准确。',
                                      '申报单位意见：']))], after=10))
        out.append(P([Run('法定代表人（签字）：')], after=8, indent=14))
        out.append(Sign(dx=0.62))
        out.append(P([Run('申报单位（盖章）')], after=6, indent=14))
        out.append(Seal(a.name, dx=0.68, diameter=112))
        if st.date_in_sign and a.ans.get('application_date', 'value') != 'missing' \
                and not self.date_in_table:
            lab = label_text(rng, 'application_date', '')
            self.labels['application_date'] = lab
            txt = written(rng, a, 'application_date', lab, self.rec)
            tag = 'application_date' if a.ans.get('application_date') == 'value' else None
            out.append(P([Run(lab + '：'), Run(txt, tag=tag)], after=10, indent=14))
        else:
            out.append(P([Run('年    月    日')], after=10, indent=18))
        if st.rec_opinion:
            out.append(Gap(10))
            rec_date = rng.randint(24, 28)
            out.append(T([[C([P([Run('推荐单位意见', bold=True)], align='center')]),
                           C([P([Run(rng.choice(['同意推荐。', '经审核，情况属实，同意推荐。']))]),
                              Gap(40),
                              P([Run('（盖章）')], align='right'),
                              P([Run(f'2024年6月{rec_date}日')], align='right')], valign='top')]],
                         [0.22, 0.78], min_row=110))
            out.append(Seal(self.rec_full, dx=0.78, diameter=112))
        return out

    date_in_table = False
    rec_full = ''


def build(rng, a, rec_written, rec_full, st=None):
    """The form's blocks, its style and the labels it used."""
    fb = FormBuilder(rng, a, rec_written, st)
    fb.rec_full = rec_full
    # the date is a row of the basic section, or sits by the signature
    if not fb.st.date_in_sign:
        fb.sections['basic'].append('application_date')
        fb.date_in_table = True
    return fb.blocks(), fb.st, fb.labels
