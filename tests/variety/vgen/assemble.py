"""One seed's inbox: folders, ZIPs, arrival times, the summary sheets, config.ini and truth.json."""
import datetime
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import zipfile

from . import build as B
from . import docx_out, evidence as E, model as M, office, office_pdf, world as W
from . import writing as Wr
from .plan import plan, DEADLINE, _rng

QUOTA = {'city': 2, 'dept': 1, 'ent': 1}
TZ = '+08:00'


def iso(t):
    return t.strftime('%Y-%m-%dT%H:%M:%S') + TZ


class Inbox:
    """Files as they will sit in the inbox, with arrival times; ZIP members are listed as ZIP/inner."""

    def __init__(self):
        self.files = {}       # relpath -> bytes (top-level files, ZIPs as whole)
        self.arrivals = {}    # path as received -> time
        self.members = {}     # path as received -> bytes (files and ZIP members)
        self.used = {}        # folder -> names used

    def name(self, rng, folder, candidates):
        used = self.used.setdefault(folder, set())
        cands = list(candidates)
        rng.shuffle(cands)
        for c in cands:
            if c not in used:
                used.add(c)
                return c
        base, ext = os.path.splitext(cands[0])
        k = 2
        while f'{base} ({k}){ext}' in used:
            k += 1
        used.add(f'{base} ({k}){ext}')
        return f'{base} ({k}){ext}'


class Container:
    """A folder in the inbox, or a ZIP being filled (its members' paths start with the ZIP's path)."""

    def __init__(self, inbox, path, zip_inner_prefix=None, when=None):
        self.inbox, self.path, self.zip = inbox, path, zip_inner_prefix is not None
        self.prefix = zip_inner_prefix or ''
        self.entries = []
        self.when = when

    def put(self, rng, sub, candidates, data, when):
        folder = '/'.join(x for x in (self.path, self.prefix, sub) if x)
        name = self.inbox.name(rng, folder, candidates)
        if self.zip:
            inner = '/'.join(x for x in (self.prefix, sub, name) if x)
            self.entries.append((inner, data))
            received = f'{self.path}/{inner}'
        else:
            received = '/'.join(x for x in (self.path, sub, name) if x)
            self.inbox.files[received] = data
            self.inbox.arrivals[received] = when
        self.inbox.members[received] = data
        return received

    def close(self, when):
        if not self.zip:
            return
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
            for inner, data in self.entries:
                zi = zipfile.ZipInfo(inner, date_time=(when - datetime.timedelta(minutes=3)).timetuple()[:6])
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = 0o644 << 16
                z.writestr(zi, data)
        self.inbox.files[self.path] = buf.getvalue()
        self.inbox.arrivals[self.path] = when
        for inner, _ in self.entries:
            self.inbox.arrivals[f'{self.path}/{inner}'] = when


def rec_folder_name(rng, rec):
    if rec.kind == 'city':
        return rng.choice([rec.full, rec.variants[1], f'{rec.city}市', f'{rec.city}市推荐材料', f'{rec.city}-继续教育基地申报'])
    if rec.kind == 'dept':
        return rng.choice([rec.full, rec.variants[0], f'{rec.variants[0]}推荐材料'])
    return rng.choice([rec.full, rec.variants[-1], f'{rec.variants[-1]}申报材料'])


def app_folder_name(rng, app, i):
    u = app.unit
    return rng.choice([u.name, u.name, u.short, f'{i:02d}{u.short}', f'申报单位{i}', '新建文件夹', f'{u.short}申报材料',
                       f'{i}.{u.name}'])


def times(ctx, recs, apps):
    rng = _rng(ctx.seed, 'times')
    for r in recs:
        latest = max(v.date for a in r.apps for v in a.versions)
        day = rng.randint(max(19, latest.day + 1), 28) if latest.day < 28 else 28
        t = datetime.datetime(2024, 6, day, rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))
        if day == 28 and rng.random() < 0.3:     # just before the deadline: still on time
            t = datetime.datetime(2024, 6, 28, 23, rng.randint(10, 58), rng.randint(0, 59))
        r.when = t
        for a in r.apps:
            a.when = [t for _ in a.versions]
            if a.late:
                lt = datetime.datetime(2024, 6, rng.choice([29, 30]), rng.randint(8, 18), rng.randint(0, 59),
                                       rng.randint(0, 59)) if rng.random() < 0.7 else \
                    datetime.datetime(2024, 7, rng.randint(1, 3), rng.randint(8, 18), rng.randint(0, 59))
                a.when = [lt for _ in a.versions]
            if a.correction == 'before':
                room = (DEADLINE - t).total_seconds()
                a.when[-1] = t + datetime.timedelta(seconds=int(room * rng.uniform(0.2, 0.8)))
            elif a.correction == 'after_deadline':
                a.when[-1] = datetime.datetime(2024, 6, rng.choice([29, 30]), rng.randint(8, 17), rng.randint(0, 59))


def generate(seed, out, size='normal', keep_tmp=False):
    have_office = size != 'small' and office_pdf.soffice() is not None
    recs, apps, sit = plan(seed, size, have_office)
    tmp = tempfile.mkdtemp(prefix=f'variety{seed}-')
    try:
        return _generate(seed, out, size, recs, apps, tmp, have_office)
    finally:
        if not keep_tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def _generate(seed, out, size, recs, apps, tmp, have_office):
    ctx = B.Ctx(seed, size, tmp, have_office)
    times(ctx, recs, apps)
    # forms: blocks per version; what LibreOffice must convert, converted in one run
    jobs = []
    for a in apps:
        B.evidence_plan(ctx, a)
        vr = _rng(seed, 'versions', a.key)
        a.renderings = [a.rendering]
        if len(a.versions) == 2:
            first = vr.choice(['docx', 'docx', 'pdf-text', a.rendering])
            if first in ('pdf-package', 'pdf-office') and not have_office:
                first = 'docx'
            if first == 'pdf-package':
                first = 'docx'
            a.renderings = [first, a.rendering]
        a.blocks = [B.build_form_blocks(ctx, a, vi, u) for vi, u in enumerate(a.versions)]
        for vi, r in enumerate(a.renderings):
            if r == 'pdf-office' or (vi == len(a.versions) - 1 and a.form_source == 'office'):
                w = docx_out.DocxWriter(vr.choice(B.DOCX_FONTS), base=a.style.base, when=a.when[vi])
                p = os.path.join(tmp, f'office_{a.key}_{vi}.docx')
                with open(p, 'wb') as fh:
                    fh.write(w.blocks(a.blocks[vi]).save_bytes(a.when[vi]))
                jobs.append(((a.key, vi), p))
    if jobs:
        conv = office_pdf.convert([p for _, p in jobs], os.path.join(tmp, 'office'), os.path.join(tmp, 'lo-profile'))
        for k, p in jobs:
            ctx.office_jobs[k] = conv[p]
    # every application's files
    for a in apps:
        a.artifacts = []
        a.value_version = 0 if a.correction == 'after_deadline' else len(a.versions) - 1
        rng = _rng(seed, 'files', a.key)
        a.loose_ok = True
        for vi, (u, blocks, r) in enumerate(zip(a.versions, a.blocks, a.renderings)):
            if r == 'pdf-package':
                art, facts = B.package_artifact(ctx, a, u, blocks, rng, a.when[vi])
                arts = [art]
                a.package = True
            else:
                arts = B.form_artifacts(ctx, a, vi, u, blocks, r, a.when[vi])
            for art in arts:
                art.version = vi
                # a re-sent file is named as such; photos and page-by-page scans keep the camera's names
                if len(a.versions) == 2 and vi == 1 and len(arts) == 1 and not art.names[0].endswith('.jpg'):
                    rev = rng.choice(B.REVISION)
                    art.names = [os.path.splitext(n)[0] + rev + os.path.splitext(n)[1] for n in art.names]
            a.artifacts += arts
        packaged = getattr(a, 'package', False)
        ev = a.ev
        t0 = a.when[0]
        if ev['licence'] and not packaged:
            art, a.licence_facts = B.licence_artifact(ctx, a, rng, t0)
            a.artifacts.append(art)
        if ev['faculty'] and not packaged:
            a.artifacts.append(B.faculty_artifact(ctx, a, rng, t0))
        if ev['rules'] and not packaged:
            a.artifacts.append(B.rules_artifact(ctx, a, rng, t0, ev['rules_named']))
        if ev['training'] and not packaged:
            a.artifacts.append(B.training_artifact(ctx, a, rng, t0))
        if ev['facility']:
            a.artifacts += B.facility_artifacts(ctx, a, rng, t0, ev['facility'], ev['facility_banner'])
        if ev['platform']:
            a.artifacts.append(B.platform_artifact(ctx, a, rng, t0))
        for art in a.artifacts:
            if art.version is None:
                art.version = 0
    # folders, ZIPs, summary sheets
    inbox = Inbox()
    unassigned = []
    summary_sheets = []
    prng = _rng(seed, 'place')
    top_used = set()
    for ri, r in enumerate(recs):
        rdir = rec_folder_name(prng, r)
        while rdir in top_used:
            rdir += '（1）'
        top_used.add(rdir)
        if prng.random() < 0.25 and size != 'small':
            w = r.when
            rdir = prng.choice([f'{w:%m%d}收', f'{w.month}月{w.day}日', '邮箱下载', '申报材料']) + '/' + rdir
        rec_zip = prng.random() < (0.2 if size == 'normal' else 0.0)
        if rec_zip:
            root = Container(inbox, rdir + '.zip', zip_inner_prefix=(rdir.split('/')[-1] if prng.random() < 0.6 else
                                                                      ''))
        else:
            root = Container(inbox, rdir)
        # the summary sheet
        srng = _rng(seed, 'summary', r.key)
        rows = []
        for a in r.apps:
            u = a.versions[a.value_version]
            phone = f'{u.phone[0]}-{u.phone[1]}'
            if srng.random() < 0.3:
                phone = u.mobile
            rows.append(dict(name=u.name, code=u.form_code, type=u.utype.replace('(', '（').replace(')', '）'),
                             area=u.area_written, contact=u.contact, phone=phone,
                             note=srng.choice(['', '', '', '首次申报', '已报纸质材料'])))
        filler = W.person(srng)
        fphone = '-'.join(W.landline(srng, r.city or '济南'))
        rec_w = srng.choice(r.variants)
        date_text = Wr.write_date(srng, r.when.date() - datetime.timedelta(days=srng.randint(0, 2)))
        made = r.when - datetime.timedelta(hours=2)
        if srng.random() < 0.88:
            sheet = office.summary_sheet(srng, rec_w, filler, fphone, date_text, rows, made,
                                         srng.choice(B.XLSX_FONTS),
                                         blank_rows={srng.randrange(len(rows))} if srng.random() < 0.3 else None)
            sheet_names = ['附件2：汇总表.xlsx', '汇总表.xlsx', f'{rdir.split("/")[-1]}继续教育基地申报汇总表.xlsx',
                           '附件2.xlsx', '新建 Microsoft Excel 工作表.xlsx']
        else:
            w = docx_out.DocxWriter(srng.choice(B.DOCX_FONTS), base=10, margins_mm=(18, 20, 18, 20), author=filler,
                                    when=made)
            sheet = w.blocks(E.summary_blocks(srng, rec_w, filler, fphone, date_text, rows)).save_bytes(made)
            sheet_names = ['附件2：汇总表.docx', '汇总表.docx', '附件2.docx']
        path = root.put(srng, '', sheet_names, sheet, r.when)
        summary_sheets.append(dict(file=path, sha256=hashlib.sha256(sheet).hexdigest(), recommender=r.full))
        # the applications
        for i, a in enumerate(r.apps):
            place = prng.choices(['folder', 'loose', 'zip'], weights=[60, 20, 20])[0]
            if rec_zip and place == 'zip':
                place = 'folder'
            if any(art.generic for art in a.artifacts) and place == 'loose':
                place = 'folder'
            if len(r.apps) == 1 and place == 'loose':
                place = 'folder'
            a.placement = place
            a.paths = {}
            sub = app_folder_name(prng, a, i + 1)
            late_c = None
            if a.late:
                late_dir = prng.choice([f'补充材料/{rdir.split("/")[-1]}', f'{rdir.split("/")[-1]}（补报）'])
                late_c = Container(inbox, late_dir)
            app_zip = None
            if place == 'zip' and not a.late:
                zname = inbox.name(prng, rdir, [f'{a.unit.short}申报材料.zip', f'{a.unit.name}.zip', f'{sub}.zip'])
                app_zip = Container(inbox, f'{rdir}/{zname}', zip_inner_prefix=sub if prng.random() < 0.5 else '')
            for art in a.artifacts:
                when = a.when[art.version]
                if a.late:
                    path = late_c.put(prng, sub, art.names, art.data, when)
                elif when != a.when[0]:
                    # a version sent again later: next to the first one when that is a plain folder
                    if not rec_zip and place == 'folder':
                        path = Container(inbox, rdir).put(prng, sub, art.names, art.data, when)
                    elif not rec_zip:
                        path = Container(inbox, rdir).put(prng, '', art.names, art.data, when)
                    else:
                        path = Container(inbox, rdir.split('/')[-1] + '补充').put(prng, '', art.names, art.data, when)
                elif app_zip:
                    path = app_zip.put(prng, '', art.names, art.data, when)
                elif place == 'folder':
                    path = root.put(prng, sub, art.names, art.data, when)
                else:
                    path = root.put(prng, '', art.names, art.data, when)
                art.path = path
            if app_zip:
                app_zip.close(a.when[0])
        # generic files in a folder of several applications: nobody's
        if getattr(r, 'orphans', False):
            orng = _rng(seed, 'orphans', r.key)
            donor = r.apps[0]
            for _ in range(orng.randint(1, 2)):
                what = orng.choice(['rules', 'photo'])
                if what == 'rules':
                    save = donor.ev['rules_fmt']
                    donor.ev['rules_fmt'] = orng.choice(['docx', 'pdf_text'])
                    art = B.rules_artifact(ctx, donor, orng, r.when, named=False)
                    donor.ev['rules_fmt'] = save
                    art.names = ['文档3.docx', '新建 Microsoft Word 文档.docx', '制度.docx'] if \
                        art.names[0].endswith('.docx') else ['new.pdf', 'scan0010.pdf', '制度.pdf']
                else:
                    art = B.facility_artifacts(ctx, donor, orng, r.when, 1, False, generic_only=True)[0]
                path = root.put(orng, '', art.names, art.data, r.when)
                unassigned.append(dict(file=path, sha256=hashlib.sha256(art.data).hexdigest(),
                                       kind=B.KIND_OF['rules' if what == 'rules' else 'facility'],
                                       why='no unit named in it, loose in a folder of several applications'))
        root.close(r.when)
    # write the inbox
    inbox_dir = os.path.join(out, 'inbox')
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(inbox_dir)
    for rel, data in sorted(inbox.files.items()):
        p = os.path.join(inbox_dir, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'wb') as fh:
            fh.write(data)
        # a file's time on disk is when it arrived (the pipeline's own arrival comes from arrivals.json)
        ts = (inbox.arrivals[rel] - datetime.timedelta(hours=8) - datetime.datetime(1970, 1, 1)).total_seconds()
        os.utime(p, (ts, ts))
    with open(os.path.join(out, 'arrivals.json'), 'w', encoding='utf-8') as fh:
        json.dump({k: iso(v) for k, v in sorted(inbox.arrivals.items())}, fh, ensure_ascii=False, indent=1)
    # config: the call's settings, with this seed's list of expired bases
    expired = expired_list(seed, [a for a in apps if a.expired])
    with open(os.path.join(out, 'config.ini'), 'w', encoding='utf-8') as fh:
        fh.write(f'# the call\'s settings for tests/variety seed {seed} (dossier --config)\n[call]\n'
                 'deadline = 2024-06-28\nquota_city = 2\nquota_provincial_department = 1\n'
                 'quota_provincial_enterprise = 1\ntrainees_minimum = 2000\n')
        for name in expired:
            fh.write(f'expired_base = {name}\n')
    truth = make_truth(seed, size, recs, apps, inbox, summary_sheets, unassigned, expired)
    for t in truth['applications']:
        if t['rendering'] != 'docx':
            lost = [k for k in t['fields'] if k not in t['positions']]
            if lost:
                print(f'warning: seed {seed} {t["key"]} ({t["rendering"]}): no position for {", ".join(lost)}',
                      file=sys.stderr)
    with open(os.path.join(out, 'truth.json'), 'w', encoding='utf-8') as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
    return truth


def expired_list(seed, expired_apps):
    """60 units whose term expired: this seed's flagged applicants among invented others."""
    rng = _rng(seed, 'expired')
    names = {a.unit.name for a in expired_apps}
    names.add('济南市技师学院')
    while len(names) < 60:
        city = rng.choice(W.CITY_NAMES)
        utype = rng.choice(W.UNIT_TYPES)
        n = W.unit_name(rng, utype, city, rng.choice(W.GENERAL_AREAS))[0]
        names.add(n)
    out = sorted(names)
    rng.shuffle(out)
    return out


def make_truth(seed, size, recs, apps, inbox, summary_sheets, unassigned, expired):
    out = []
    for a in apps:
        u = a.versions[a.value_version]
        n_rec = len(a.rec.apps)
        over = n_rec > QUOTA[a.rec.kind]
        has_lic = bool(a.ev['licence'])
        rec_written = a.rec_written if u.ans.get('recommender') == 'value' else None
        fields = M.normalized_fields(u, rec_written)
        checks, accept = M.checks(u, has_licence=has_lic, over_quota=over, two_channel=bool(a.two_channel_with),
                                  late=a.late, late_correction=a.correction == 'after_deadline',
                                  expired=a.expired)
        files = [art.path for art in a.artifacts]
        sha = {art.path: hashlib.sha256(art.data).hexdigest() for art in a.artifacts}
        positions = {}
        for art in a.artifacts:
            if art.kind != 'form' or art.version != a.value_version:
                continue
            for tag, lst in art.positions.items():
                if tag in fields:
                    for page, box in lst:
                        positions.setdefault(tag, []).append(dict(file=art.path, page=page, bbox=box))
        if 'city' in fields and 'city' not in positions and 'address' in positions:
            positions['city'] = positions['address']     # derived from the address (the form has no row)
        docs = []
        for art in a.artifacts:
            d = dict(file=art.path, kind=B.KIND_OF[art.kind])
            if art.parts:
                d['parts'] = art.parts
            if art.kind == 'form' and len(a.versions) > 1:
                d['version'] = art.version + 1
                d['gives_values'] = art.version == a.value_version
            docs.append(d)
        out.append(dict(
            key=a.key, recommender=a.rec.full, rendering=a.renderings[a.value_version], files=files, sha256=sha,
            fields=fields, checks=checks, **({'checks_accept': accept} if accept else {}), positions=positions,
            documents=docs,
            about=dict(situations=a.situations + (['over_quota'] if over else []), placement=a.placement, form_source=a.form_source,
                       renderings=a.renderings, licence=has_lic and (a.ev['licence_fmt'] if not getattr(
                           a, 'package', False) else 'in package'),
                       recommender_kind=a.rec.kind, recommender_applications=n_rec,
                       arrived=[iso(t) for t in a.when],
                       other_channel=a.two_channel_with.key if a.two_channel_with else None,
                       licence_name=a.unit.lic_name if a.unit.lic_name != a.unit.name else None,
                       licence_code=a.unit.lic_code if a.unit.lic_code != u.form_code else None)))
    return dict(
        generator='tests/variety/generate.py', seed=seed, size=size, applications=out,
        summary_sheets=summary_sheets, unassigned=unassigned,
        settings=dict(deadline='2024-06-28', quota_city=2, quota_provincial_department=1,
                      quota_provincial_enterprise=1, trainees_minimum=2000, expired_bases=len(expired)))
