"""Who sends what this seed: recommenders, their applicants, the situations, the renderings."""
import copy
import datetime
import random

from . import model as M
from . import world as W

RENDERINGS = ['docx', 'pdf-text', 'pdf-office', 'pdf-scan', 'pdf-package', 'photo']
DEADLINE = datetime.datetime(2024, 6, 28, 23, 59, 59)


class Rec:
    def __init__(self, key, kind, full, variants, city=None):
        self.key, self.kind, self.full, self.variants, self.city = key, kind, full, variants, city
        self.apps = []


class App:
    """One application: one unit's submission through one recommender."""

    def __init__(self, key, rec, unit):
        self.key, self.rec, self.unit = key, rec, unit
        self.situations = []
        self.rendering = None
        self.versions = []          # [Applicant state per form version], the last one sent last
        self.late = False
        self.correction = None      # None | 'before' | 'after_deadline' | 'together'
        self.two_channel_with = None
        self.expired = False
        self.evidence = {}
        self.form_source = 'rl'


def _rng(seed, *parts):
    return random.Random('variety/' + '/'.join(str(p) for p in (seed,) + parts))


def draw_recommenders(rng, size):
    if size == 'small':
        kinds = ['city', 'dept', 'ent']
    else:
        n = rng.randint(4, 6)
        kinds = ['city', 'city', 'dept'] + [rng.choice(['city', 'city', 'dept', 'ent']) for _ in range(n - 3)]
        rng.shuffle(kinds)
    cities = rng.sample(W.CITY_NAMES, len(kinds))
    depts = rng.sample(W.DEPARTMENTS, len(kinds))
    recs = []
    used_ent = set()
    for i, k in enumerate(kinds):
        key = f'R{i + 1}'
        if k == 'city':
            full, variants = W.city_bureau_names(cities[i])
            recs.append(Rec(key, k, full, variants, city=cities[i]))
        elif k == 'dept':
            full, short = depts[i]
            recs.append(Rec(key, k, full, short + [full, full]))
        else:
            word = rng.choice([w for w in W.ENTERPRISE_WORDS if w not in used_ent])
            used_ent.add(word)
            trade, areas = rng.choice(W.ENTERPRISE_TRADES)
            full = f'山东{word}{trade}集团有限公司'
            r = Rec(key, k, full, [full, full, f'{word}{trade}集团'])
            r.word, r.trade, r.areas = word, trade, areas
            recs.append(r)
    return recs


def unit_for(rng, rec, key):
    if rec.kind == 'city':
        city = rec.city
        utype = rng.choices(W.UNIT_TYPES, weights=[30, 10, 25, 15, 15, 5])[0]
        area = rng.choice(W.GENERAL_AREAS)
        prov = False
    elif rec.kind == 'dept':
        city = '济南' if rng.random() < 0.6 else rng.choice(W.CITY_NAMES)
        utype = rng.choices(['高等院校', '科研院所', '行业教育培训机构', '专业协会(学会)'], weights=[35, 25, 25, 15])[0]
        area = rng.choice(W.DEPT_AREAS[rec.full])
        prov = True
    else:
        city = rng.choice(['济南', '济南', '青岛', '烟台', '潍坊', '淄博', '东营', '临沂'])
        utype = '企业培训机构'
        area = rng.choice(rec.areas)
        prov = True
    u = M.make_applicant(rng, key=key, city=city, utype=utype, area=area, channel=rec.full, provincial=prov)
    if rec.kind == 'ent':
        u.name = rng.choice([f'山东{rec.word}{rec.trade}集团培训中心有限公司', f'山东{rec.word}人才发展有限公司',
                             f'山东{rec.word}{rec.trade}职业技能培训有限公司'])
        u.short = u.name.replace('有限公司', '')
        u.lic_name = u.name
    if rng.random() < 0.1:
        other = rng.choice([a for a in W.GENERAL_AREAS if a != area])
        u.area_written = f'{area}、{other}'
    return u


def plan(seed, size, have_office):
    rng = _rng(seed, 'plan')
    recs = draw_recommenders(rng, size)
    # how many each recommender sends
    for r in recs:
        n = rng.choice([1, 2, 2]) if r.kind == 'city' else 1
        r.n = n
    if size == 'small':
        recs[0].n = 2
    sit = {}
    p = (lambda x: rng.random() < x)
    sit['over'] = p(0.6)
    sit['two'] = p(0.5) and len(recs) > 1
    if sit['over']:
        r = rng.choice(recs)
        r.n += 1
        r.over_extra = True
    total = sum(r.n for r in recs)
    if size != 'small':
        while total < 8:
            cands = [r for r in recs if r.kind == 'city' and r.n < 2]
            if not cands:     # one more city sends its two
                city = rng.choice([c for c in W.CITY_NAMES if c not in {x.city for x in recs}])
                full, variants = W.city_bureau_names(city)
                r = Rec(f'R{len(recs) + 1}', 'city', full, variants, city=city)
                r.n = 0
                recs.append(r)
                cands = [r]
            rng.choice(cands).n += 1
            total += 1
        while total > 13:
            cands = [r for r in recs if r.n > 1 and not getattr(r, 'over_extra', False)]
            if not cands:
                break
            rng.choice(cands).n -= 1
            total -= 1
    apps = []
    k = 0
    for r in recs:
        for _ in range(r.n):
            k += 1
            key = f'A{k:02d}'
            u = unit_for(_rng(seed, 'unit', key), r, key)
            a = App(key, r, u)
            r.apps.append(a)
            apps.append(a)
    # one unit through two recommenders: a city-channel unit also sent by a department or enterprise
    if sit['two']:
        src = [a for a in apps if a.rec.kind == 'city']
        dst = [r for r in recs if r.kind != 'city']
        if src and dst:
            a0 = rng.choice(src)
            r2 = rng.choice(dst)
            k += 1
            key = f'A{k:02d}'
            u2 = copy.deepcopy(a0.unit)
            u2.key, u2.channel = key, r2.full
            a2 = App(key, r2, u2)
            r2.apps.append(a2)
            apps.append(a2)
            a0.two_channel_with, a2.two_channel_with = a2, a0
            a0.situations.append('two_channels')
            a2.situations.append('two_channels')
    # situations on distinct applications where it matters
    pool = [a for a in apps if not a.two_channel_with]
    rng.shuffle(pool)

    def take(tag, pred=lambda a: True):
        # the application with the fewest situations so far (the pool's order breaks ties)
        for a in sorted(pool, key=lambda a: len(a.situations)):
            if pred(a) and tag not in a.situations and not any(
                    s in a.situations for s in ('licence_disagrees', 'bad_check_character', 'scope_without_training')):
                a.situations.append(tag)
                return a
        return None
    if p(0.5):
        a = take('licence_disagrees')
        if a:
            u = a.unit
            if rng.random() < 0.5:
                u.lic_name = other_name(rng, u.name)
                a.situations[-1] = 'licence_name_differs'
            else:
                body = u.code[8:16]
                digits = list(body)
                i = rng.randrange(len(digits) - 1)
                digits[i], digits[i + 1] = digits[i + 1], digits[i]
                if digits == list(body):
                    digits[0] = '7' if digits[0] != '7' else '3'
                b8 = ''.join(digits)
                first17 = u.code[:8] + b8 + W.org_check(b8)
                u.lic_code = first17 + W.uscc_check(first17)
                u.form_code = u.code
                a.situations[-1] = 'licence_code_differs'
            a.situations.append('licence_disagrees')
            a.evidence['licence'] = True
    if p(0.5):
        a = take('bad_check_character')
        if a:
            a.unit.form_code = W.break_check(rng, a.unit.code)
    if p(0.3):
        a = take('scope_without_training', lambda a: a.unit.lic_kind == '营业执照')
        if a:
            a.unit.scope_has_training = False
            a.evidence['licence'] = True
    for _ in range(1 if size == 'small' else rng.choice([1, 1, 2])):
        if p(0.85):
            a = take('c6_below_2000')
            if a:
                M.set_low_trainees(rng, a.unit)
    if p(0.6):
        a = take('no_platform')
        if a:
            M.set_no_platform(rng, a.unit)
    if p(0.4):
        a = take('few_rules')
        if a:
            a.unit.rules = sorted(rng.sample(M.RULES, rng.randint(4, 7)), key=M.RULES.index)
    if p(0.4):
        a = take('declared_none')
        if a:
            which = rng.choice(['training_site', 'faculty_parttime', 'mgmt_staff'])
            a.unit.ans[which] = 'none'
    if p(0.6):
        a = take('expired_base')
        if a:
            a.expired = True
    if p(0.5):
        a = take('late_arrival')
        if a:
            a.late = True
    if p(0.7):
        a = take('corrected_form', lambda a: not a.late)
        if a:
            a.correction = rng.choice(['before', 'before', 'after_deadline', 'together'])
    if p(0.6):
        multi = [r for r in recs if len(r.apps) >= 2]
        if multi:
            rng.choice(multi).orphans = True
    # the two channels of one unit are the same unit: its other situations follow it
    for a in apps:
        if a.two_channel_with and a.key > a.two_channel_with.key:
            a.unit.ans = dict(a.two_channel_with.unit.ans)
    # renderings: every kind appears in a normal seed, then at random
    kinds = [r for r in RENDERINGS if have_office or r != 'pdf-office']
    if size == 'small':
        kinds = [r for r in kinds if r != 'pdf-office']
    order = list(kinds)
    rng.shuffle(order)
    weights = {'docx': 18, 'pdf-text': 14, 'pdf-office': 14, 'pdf-scan': 20, 'pdf-package': 12, 'photo': 18}
    for i, a in enumerate(apps):
        a.rendering = order[i] if i < len(order) else rng.choices(kinds, weights=[weights[x] for x in kinds])[0]
        if a.rendering in ('pdf-scan', 'photo', 'pdf-package') and have_office and size != 'small' \
                and rng.random() < 0.25:
            a.form_source = 'office'
    # templates lack some rows, answers leave some blank
    for a in apps:
        if a.two_channel_with and a.key > a.two_channel_with.key:
            continue
        ur = _rng(seed, 'rows', a.key)
        u = a.unit
        for key, pr in (('city', 0.45), ('contact_mobile', 0.12), ('postcode', 0.08), ('online_capacity', 0.12),
                        ('faculty_senior', 0.08), ('programs_2023', 0.08), ('online_platform_url', 0.05),
                        ('recommender', 0.06), ('email', 0.05)):
            if ur.random() < pr and u.ans.get(key) == 'value':
                u.ans[key] = 'missing'
        for key in ('contact_mobile', 'email', 'postcode', 'online_capacity', 'programs_2023', 'faculty_senior'):
            if ur.random() < 0.03 and u.ans.get(key) == 'value':
                u.ans[key] = 'blank'
        if u.ans.get('city') == 'missing' and not any(c + '市' in u.address for c in W.CITY_NAMES):
            u.ans['city'] = 'value'   # an address in a county-level city names no prefecture: the form says which
    for a in apps:
        if a.two_channel_with and a.key > a.two_channel_with.key:
            a.unit.ans = dict(a.two_channel_with.unit.ans)
    # corrected forms: the first version differs in a few values
    for a in apps:
        a.versions = [a.unit]
        if a.correction:
            v1 = copy.deepcopy(a.unit)
            cr = _rng(seed, 'correction', a.key)
            changes = cr.sample(['trainees', 'mobile', 'faculty', 'budget', 'staff', 'programs'], cr.randint(1, 3))
            for ch in changes:
                if ch == 'trainees':
                    v1.trainees = list(v1.trainees)
                    i = cr.randrange(3)
                    v1.trainees[i] = max(500, v1.trainees[i] + cr.choice([-1, 1]) * cr.randint(50, 900))
                elif ch == 'mobile':
                    v1.mobile = W.mobile(cr)
                elif ch == 'faculty':
                    v1.faculty = (v1.faculty[0] + cr.randint(1, 9), v1.faculty[1], v1.faculty[2])
                elif ch == 'budget':
                    v1.budget = round(v1.budget * cr.uniform(0.6, 0.95), 1)
                elif ch == 'staff':
                    v1.mgmt_staff = v1.mgmt_staff + cr.randint(1, 5)
                else:
                    v1.programs = v1.programs + cr.randint(2, 20)
            v1.date = max(datetime.date(2024, 6, 16), a.unit.date - datetime.timedelta(days=cr.randint(2, 6)))
            if a.unit.date <= v1.date:
                a.unit.date = v1.date + datetime.timedelta(days=2)
            a.versions = [v1, a.unit]
            a.situations.append(f'corrected_form_{a.correction}')
    return recs, apps, sit


def other_name(rng, name):
    """The name a licence may still carry: an old or fuller form of the unit's name."""
    for a, b in (('职业技术学院', '职业学院'), ('职业学院', '职业技术学院'), ('培训学校', '培训中心'),
                 ('培训中心', '培训学校'), ('有限公司', '有限责任公司'), ('学会', '协会'), ('协会', '学会'),
                 ('研究院', '研究所'), ('研究所', '研究院'), ('技术服务中心', '技术推广中心'), ('人才发展中心', '人才服务中心'),
                 ('技术推广站', '技术推广中心')):
        if name.endswith(a):
            return name[:-len(a)] + b
    return name + '（筹）'
