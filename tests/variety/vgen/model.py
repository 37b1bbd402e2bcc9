"""An applicant unit and what its form answers, drawn at random; the checks its truth gets."""
import datetime

from . import world as W

RULES = ['教学组织管理', '学员考核管理', '教学科研管理', '培训登记管理', '培训经费管理', '后勤保障管理', '培训效果评估', '跟踪反馈']

MGMT_DEPTS = {
    '高等院校': ['继续教育学院', '继续教育处', '培训学院', '继续教育与培训中心'],
    '科研院所': ['培训部', '科技培训中心', '继续教育办公室', '人才培训处'],
    '行业教育培训机构': ['教务处', '培训部', '教学管理科', '培训管理办公室'],
    '专业协会(学会)': ['继续教育部', '学术培训部', '教育培训工作委员会', '秘书处培训科'],
    '企业培训机构': ['培训事业部', '人力资源部培训中心', '教学运营部', '企业大学教务部'],
    '其他': ['培训科', '人才培训部', '综合培训科'],
}


class Applicant:
    """Values in normalized form (the truth), plus what the form answers for each field."""

    def __init__(self):
        self.v = {}          # key -> normalized value
        self.ans = {}        # key -> 'value' | 'none' | 'blank' | 'missing'


def draw_trainees(rng, low):
    if low:
        base = rng.randint(600, 2600)
        ys = [max(300, base + rng.randint(-500, 500)) for _ in range(3)]
        if min(ys) >= 2000:
            ys[rng.randrange(3)] = rng.randint(900, 1980)
        return ys
    base = rng.choice([rng.randint(2100, 4800), rng.randint(3000, 9000), rng.randint(8000, 40000)])
    ys = [max(2000, int(base * rng.uniform(0.8, 1.2))) for _ in range(3)]
    if rng.random() < 0.5:   # round figures are common
        ys = [max(2000, y // 100 * 100) for y in ys]
    return ys


def make_applicant(rng, *, key, city, utype, area, channel, provincial):
    a = Applicant()
    a.key, a.city, a.utype, a.area, a.channel = key, city, utype, area, channel
    name, prefix, lic_kind, short = W.unit_name(rng, utype, city, area)
    a.name, a.prefix, a.lic_kind, a.short = name, prefix, lic_kind, short
    addr, dist_code, dist = W.address(rng, city)
    a.address, a.district = addr, dist
    region = W.region_for(rng, prefix, dist_code, city, provincial)
    a.code = W.make_uscc(rng, prefix, region)
    a.form_code = a.code
    a.legal_rep = W.person(rng)
    a.contact = W.person(rng)
    while a.contact == a.legal_rep:
        a.contact = W.person(rng)
    area_code, num = W.landline(rng, city)
    a.phone = (area_code, num)
    a.mobile = W.mobile(rng)
    a.email = W.email_for(rng, short, a.contact)
    a.postcode = W.postcode(rng, city)
    big = utype in ('高等院校', '科研院所')
    ft = rng.randint(40, 320) if big else rng.randint(6, 60)
    pt = rng.randint(10, 150) if big else rng.randint(5, 80)
    a.faculty = (ft, pt, max(2, int((ft + pt) * rng.uniform(0.2, 0.6))))
    a.mgmt_dept = rng.choice(MGMT_DEPTS[utype])
    a.mgmt_staff = rng.randint(3, 25)
    a.rules = list(RULES)
    a.budget = rng.choice([rng.randint(20, 400), round(rng.uniform(15, 300), 1), round(rng.uniform(10, 120), 2)])
    a.classrooms = rng.randint(20, 160) if big else rng.randint(3, 30)
    a.class_area = rng.choice([rng.randint(30, 600) * 10, round(rng.uniform(400, 9000), 1)]) if big else \
        rng.choice([rng.randint(30, 300) * 10, round(rng.uniform(300, 4000), 1)])
    a.library = rng.choice([rng.randint(50, 900) * 100, rng.randint(2000, 60000)]) if big else rng.randint(800, 30000)
    site_kind = rng.random()
    if site_kind < 0.5:
        a.training_site = rng.choice([f'{a.short}实训中心', f'{a.short}实训基地', '校内实训基地', '自有实训楼'])
    else:
        partner = rng.choice(['人民医院', '装备制造有限公司', '农业科技示范园', '港务集团', '建工集团', '软件园'])
        a.training_site = rng.choice([f'与{city}市{rng.choice(W.MOTIFS)}{partner}共建实训基地',
                                      f'{city}{rng.choice(W.MOTIFS)}{partner}（合作单位）'])
    stem = W.domain_for(rng, utype)
    a.domain = stem
    a.platform = rng.choice([f'{a.short}继续教育网络学院', f'{a.short}在线学习平台', f'{a.short}云课堂',
                             f'{rng.choice(W.MOTIFS)}专业技术人员继续教育平台', f'{a.short}远程培训平台'])
    sub = rng.choice(['www', 'px', 'jxjy', 'learn', 'edu', 'study'])
    path = rng.choice(['', '/', '/index', '/portal/index.html', '/jxjy/', '/#/home'])
    scheme = rng.choice(['http', 'https', 'https'])
    a.url = f'{scheme}://{sub}.{stem}{path}' if rng.random() < 0.85 else f'{sub}.{stem}{path}'
    a.capacity = rng.choice([rng.randint(2, 50) * 100, rng.randint(5, 30) * 1000, rng.randint(300, 9000)])
    a.trainees = draw_trainees(rng, low=False)
    a.programs = rng.randint(8, 260)
    a.date = datetime.date(2024, 6, rng.randint(16, 26))
    a.founded = rng.randint(1952, 2016)
    a.fax = W.landline(rng, city)
    a.scope_has_training = True
    a.area_written = area
    a.lic_name = name
    a.lic_code = a.code
    # what the form answers: most rows answered; templates lack some rows
    for k in ('unit_name', 'credit_code', 'unit_type', 'legal_rep', 'address', 'postcode', 'city', 'contact_name',
              'contact_phone', 'contact_mobile', 'email', 'recommender', 'field_area', 'faculty_fulltime',
              'faculty_parttime', 'faculty_senior', 'mgmt_dept', 'mgmt_staff', 'mgmt_rules', 'annual_budget',
              'classroom_count', 'classroom_area', 'library_volumes', 'training_site', 'online_platform',
              'online_platform_url', 'online_capacity', 'trainees_2021', 'trainees_2022', 'trainees_2023',
              'programs_2023', 'application_date'):
        a.ans[k] = 'value'
    return a


def set_no_platform(rng, a):
    a.ans['online_platform'] = 'none'
    a.ans['online_platform_url'] = rng.choice(['none', 'none', 'missing'])
    a.ans['online_capacity'] = rng.choice(['none', 'none', 'missing'])


def set_low_trainees(rng, a):
    a.trainees = draw_trainees(rng, low=True)


def normalized_fields(a, recommender_written):
    """The truth's fields: normalized values the form states (none/blank/missing rows are absent)."""
    v = {
        'unit_name': a.name, 'credit_code': a.form_code, 'unit_type': a.utype, 'legal_rep': a.legal_rep,
        'address': a.address, 'postcode': a.postcode, 'city': a.city, 'contact_name': a.contact,
        'contact_phone': f'{a.phone[0]}-{a.phone[1]}', 'contact_mobile': a.mobile, 'email': a.email,
        'recommender': recommender_written, 'field_area': a.area, 'faculty_fulltime': a.faculty[0],
        'faculty_parttime': a.faculty[1], 'faculty_senior': a.faculty[2], 'mgmt_dept': a.mgmt_dept,
        'mgmt_staff': a.mgmt_staff, 'mgmt_rules': list(a.rules), 'annual_budget': a.budget,
        'classroom_count': a.classrooms, 'classroom_area': a.class_area, 'library_volumes': a.library,
        'training_site': a.training_site, 'online_platform': a.platform, 'online_platform_url': norm_url(a.url),
        'online_capacity': a.capacity, 'trainees_2021': a.trainees[0], 'trainees_2022': a.trainees[1],
        'trainees_2023': a.trainees[2], 'programs_2023': a.programs, 'application_date': a.date.isoformat(),
    }
    out = {}
    for k, val in v.items():
        st = a.ans.get(k, 'value')
        if k == 'city':
            out[k] = val   # stated, or derived from the address (the spec): always there
            continue
        if st == 'value':
            if k == 'mgmt_rules' and not val:
                continue
            out[k] = val
    return out


def norm_url(u):
    u = u.strip()
    if '://' in u:
        scheme, rest = u.split('://', 1)
        host, sep, path = rest.partition('/')
        return scheme.lower() + '://' + host.lower() + sep + path
    return u


def _st(a, k):
    return a.ans.get(k, 'value')


def checks(a, *, has_licence, over_quota, two_channel, late, late_correction, expired):
    """The outcomes the spec settles for this application, and other outcomes it leaves open."""
    from .world import uscc_valid, AREA_PRIORITY, AREA_AMBIGUOUS
    out, accept = {}, {}
    # C1: valid code, Shandong address, licence scope with 培训 or 继续教育; a form/licence disagreement is unknown
    if _st(a, 'credit_code') == 'value' and not uscc_valid(a.form_code):
        out['C1'] = 'not_met'
    elif has_licence and not a.scope_has_training:
        out['C1'] = 'not_met'
    elif not has_licence or _st(a, 'credit_code') != 'value':
        out['C1'] = 'unknown'
    elif a.lic_name != a.name or a.lic_code != a.form_code:
        out['C1'] = 'unknown'
    else:
        out['C1'] = 'met'
    # C2: full- and part-time faculty
    sts = [_st(a, 'faculty_fulltime'), _st(a, 'faculty_parttime')]
    if 'none' in sts or 'blank' in sts:
        out['C2'] = 'not_met'
    elif 'missing' in sts:
        out['C2'] = 'unknown'
    else:
        out['C2'] = 'met'
    # C3: a management body, its staff, the full set of rules
    sts = [_st(a, 'mgmt_dept'), _st(a, 'mgmt_staff'), _st(a, 'mgmt_rules')]
    if 'none' in sts or 'blank' in sts or (sts[2] == 'value' and set(a.rules) != set(RULES)):
        out['C3'] = 'not_met'
    elif 'missing' in sts:
        out['C3'] = 'unknown'
    else:
        out['C3'] = 'met'
    # C4: funding, classrooms, library; a training site "where the field needs one" (the spec does not say which)
    sts = [_st(a, 'annual_budget'), _st(a, 'classroom_count'), _st(a, 'library_volumes')]
    if 'none' in sts or 'blank' in sts:
        out['C4'] = 'not_met'
    elif 'missing' in sts:
        out['C4'] = 'unknown'
    elif _st(a, 'training_site') in ('none', 'blank'):
        out['C4'] = 'met'
        accept['C4'] = ['met', 'not_met']
    elif _st(a, 'training_site') == 'missing':
        out['C4'] = 'met'
        accept['C4'] = ['met', 'unknown']
    else:
        out['C4'] = 'met'
    # C5: an online platform
    st = _st(a, 'online_platform')
    out['C5'] = {'value': 'met', 'none': 'not_met', 'blank': 'not_met', 'missing': 'unknown'}[st]
    # C6: at least 2000 trained every year
    sts = [_st(a, f'trainees_{y}') for y in (2021, 2022, 2023)]
    low = any(s == 'value' and n < 2000 for s, n in zip(sts, a.trainees))
    if low or 'none' in sts or 'blank' in sts:
        out['C6'] = 'not_met'
    elif 'missing' in sts:
        out['C6'] = 'unknown'
    else:
        out['C6'] = 'met'
    out['Q1'] = 'not_met' if over_quota else 'met'
    out['Q2'] = 'not_met' if two_channel else 'met'
    if late:
        out['Q3'] = 'not_met'
    else:
        out['Q3'] = 'met'
        if late_correction:
            # the values come from the version before the deadline; the late one is a finding,
            # which the spec does not say fails Q3
            accept['Q3'] = ['met', 'not_met']
    out['Q4'] = 'not_met' if expired else 'met'
    parts = [p for p in a.area_written.replace('，', '、').split('、') if p]
    if any(AREA_PRIORITY.get(p) for p in parts if p not in AREA_AMBIGUOUS):
        out['P1'] = 'met'
    elif any(p in AREA_AMBIGUOUS for p in parts):
        out['P1'] = 'met'
        accept['P1'] = ['met', 'not_met']
    else:
        out['P1'] = 'not_met'
    for k, v in accept.items():
        if out[k] not in v:
            v.insert(0, out[k])
    return out, accept
