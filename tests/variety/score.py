#!/usr/bin/python3
# -*- coding: utf-8 -*-
# Verbatim copy of ../shared/eval/score.py (the hidden evaluation's scorer) below this line, for clones without ../shared; tests/variety/run_eval.py prefers ../shared/eval/score.py when present.
"""Score a pipeline export (spec: "The export contract") against the truth of a generated or hand-labelled set of submissions.

  score.py --truth DIR/truth.json --export EXPORT.json
  score.py --truth DIR/truth.json --emit-oracle ORACLE.json   (a perfect export, for self-tests)

Prints a per-rendering table and per-check / per-field tables, then

  SCORE field_acc=X.XXX provenance=X.XXX checks=X.XXX grouping=X.XXX

field_acc   correct fields / all truth fields (a field not exported counts as wrong).
            Exact match after NFKC + trim; integers and numbers compared
            numerically; mgmt_rules compared as sets.
provenance  share of exported (found) truth fields whose every source has a
            file and, for PDF/image sources, a page >= 1 and a 4-number bbox.
checks      share of truth check outcomes (C1 C5 C6 Q1 Q2 ...) reproduced
            (checks_accept lists other outcomes accepted for ambiguous cases).
grouping    share of truth applications whose files (by sha256) all sit in the
            matched exported application's documents, and no file of another
            truth application does.
Exported applications are matched to truth ones by credit_code, falling back
to unit_name (ties broken by recommender and shared documents).
Always exits 0 once the truth file is readable, whatever the export holds.
"""
import argparse
import json
import math
import re
import sys
import traceback
import unicodedata

RENDERINGS = ['docx', 'pdf-text', 'pdf-office', 'pdf-scan', 'pdf-package', 'photo']
SET_KEYS = {'mgmt_rules'}
IMAGE_EXT = ('.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff', '.bmp', '.gif', '.webp', '.heic')


def nfkc(v):
    return unicodedata.normalize('NFKC', str(v)).strip()


def as_number(v):
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v) if math.isfinite(v) else None
    if isinstance(v, str):
        s = nfkc(v).replace(',', '')
        try:
            f = float(s)
            return f if math.isfinite(f) else None
        except ValueError:
            return None
    return None


def as_set(v):
    if isinstance(v, (list, tuple)):
        return {nfkc(x) for x in v if isinstance(x, (str, int, float)) and nfkc(x)}
    if isinstance(v, str):
        return {x for x in (nfkc(p) for p in re.split(r'[,，、;；\s]+', v)) if x}
    return None


def present(v):
    if v is None:
        return False
    if isinstance(v, str) and not v.strip():
        return False
    if isinstance(v, (list, dict)) and not v:
        return False
    return True


def equal(key, truth, got):
    if key in SET_KEYS:
        s = as_set(got)
        return s is not None and s == {nfkc(x) for x in truth}
    if isinstance(truth, (int, float)) and not isinstance(truth, bool):
        g = as_number(got)
        return g is not None and abs(g - float(truth)) <= 1e-9 * max(1.0, abs(float(truth)))
    if isinstance(got, (dict, list)):
        return False
    return nfkc(got) == nfkc(truth)


def norm_code(v):
    return re.sub(r'\s+', '', nfkc(v)).upper() if present(v) and not isinstance(v, (dict, list)) else ''


def norm_name(v):
    return re.sub(r'\s+', '', nfkc(v)) if present(v) and not isinstance(v, (dict, list)) else ''


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


# --------------------------------------------------------------------------
# export accessors (defensive: the export may be anything)
# --------------------------------------------------------------------------

def ex_apps(export):
    apps = export.get('applications') if isinstance(export, dict) else None
    return [a for a in apps if isinstance(a, dict)] if isinstance(apps, list) else []


def ex_field(app, key):
    f = app.get('fields')
    if not isinstance(f, dict):
        return None
    ent = f.get(key)
    if isinstance(ent, dict):
        return ent if present(ent.get('value')) else None
    return None


def ex_docs(app):
    docs = app.get('documents')
    out = []
    if isinstance(docs, list):
        for d in docs:
            if isinstance(d, dict):
                out.append(d)
    return out


def ex_checks(app):
    out = {}
    ch = app.get('checks')
    if isinstance(ch, list):
        for c in ch:
            if isinstance(c, dict) and isinstance(c.get('id'), str) and c['id'] not in out:
                o = c.get('outcome')
                out[c['id'].strip().upper()] = re.sub(r'[\s\-]+', '_', o.strip().lower()) if isinstance(o, str) else None
    elif isinstance(ch, dict):  # tolerate {"C1": "met"}
        for k, o in ch.items():
            if isinstance(k, str):
                o = o.get('outcome') if isinstance(o, dict) else o
                out[k.strip().upper()] = re.sub(r'[\s\-]+', '_', o.strip().lower()) if isinstance(o, str) else None
    return out


def source_ok(s):
    if not isinstance(s, dict):
        return False
    f = s.get('file')
    if not isinstance(f, str) or not f.strip():
        return False
    method = s.get('method') if isinstance(s.get('method'), str) else ''
    needs_geo = f.lower().endswith(IMAGE_EXT) or method.strip().lower() in ('pdf-text', 'ocr')
    if not needs_geo:
        return True
    page = s.get('page')
    bbox = s.get('bbox')
    return (isinstance(page, int) and not isinstance(page, bool) and page >= 1 and isinstance(bbox, list)
            and len(bbox) == 4 and all(is_num(v) for v in bbox))


def provenance_ok(ent):
    srcs = ent.get('sources')
    return isinstance(srcs, list) and len(srcs) > 0 and all(source_ok(s) for s in srcs)


def bbox_hit(ent, positions, sha_of):
    """informational: some source points at a place where the truth drew the value."""
    srcs = ent.get('sources')
    if not isinstance(srcs, list):
        return False
    for s in srcs:
        if not isinstance(s, dict):
            continue
        bb, page = s.get('bbox'), s.get('page')
        if not (isinstance(bb, list) and len(bb) == 4 and all(is_num(v) for v in bb)) or not isinstance(page, int):
            continue
        for p in positions:
            same_file = (s.get('file') == p['file']) or (isinstance(s.get('sha256'), str) and
                                                         s['sha256'].lower() == sha_of.get(p['file'], ''))
            if not same_file or page != p['page']:
                continue
            tb = p['bbox']
            tol = 4.0
            if bb[0] <= tb[2] + tol and bb[2] >= tb[0] - tol and bb[1] <= tb[3] + tol and bb[3] >= tb[1] - tol:
                return True
    return False


# --------------------------------------------------------------------------

def match_apps(truth_apps, export_apps):
    pairs = []
    for ti, t in enumerate(truth_apps):
        tcode = norm_code(t['fields'].get('credit_code'))
        tname = norm_name(t['fields'].get('unit_name'))
        trec = norm_name(t.get('recommender') or t['fields'].get('recommender'))
        tsha = set(t.get('sha256', {}).values())
        for ei, e in enumerate(export_apps):
            ec = ex_field(e, 'credit_code')
            en = ex_field(e, 'unit_name')
            er = ex_field(e, 'recommender')
            code_m = bool(tcode) and ec is not None and norm_code(ec.get('value')) == tcode
            name_m = bool(tname) and en is not None and norm_name(en.get('value')) == tname
            if not (code_m or name_m):
                continue
            esha = {d.get('sha256', '').lower() for d in ex_docs(e) if isinstance(d.get('sha256'), str)}
            overlap = len(tsha & esha) / max(1, len(tsha))
            score = (4 if code_m else 0) + (2 if name_m else 0) + \
                    (1 if er is not None and norm_name(er.get('value')) == trec else 0) + 2 * overlap
            pairs.append((score, -ti, -ei, ti, ei))
    pairs.sort(reverse=True)
    t2e, used = {}, set()
    for score, _, _, ti, ei in pairs:
        if ti in t2e or ei in used:
            continue
        t2e[ti] = ei
        used.add(ei)
    return t2e


def fmt(x):
    return '  -  ' if x is None else f'{x:.3f}'


def ratio(a, b):
    return a / b if b else None


def score(truth, export):
    tapps = truth.get('applications', [])
    eapps = ex_apps(export)
    t2e = match_apps(tapps, eapps)
    # sha -> truth apps holding it (to check purity)
    owner = {}
    for ti, t in enumerate(tapps):
        for sh in t.get('sha256', {}).values():
            owner.setdefault(sh, set()).add(ti)
    agg = {r: dict(apps=0, matched=0, fields=0, found=0, correct=0, prov=0, checks=0, checks_ok=0, grouped=0,
                   pos=0, pos_hit=0) for r in RENDERINGS + ['ALL']}
    per_check = {}
    per_field = {}
    for ti, t in enumerate(tapps):
        rend = t.get('rendering') if t.get('rendering') in RENDERINGS else 'ALL'
        e = eapps[t2e[ti]] if ti in t2e else {}
        sha_of = t.get('sha256', {})
        for bucket in {rend, 'ALL'}:
            agg[bucket]['apps'] += 1
            agg[bucket]['matched'] += 1 if ti in t2e else 0
        for key, tv in t.get('fields', {}).items():
            ent = ex_field(e, key) if e else None
            found = ent is not None
            ok = found and equal(key, tv, ent.get('value'))
            pv = found and provenance_ok(ent)
            pf = per_field.setdefault(key, [0, 0, 0])
            pf[0] += 1
            pf[1] += found
            pf[2] += ok
            positions = (t.get('positions') or {}).get(key)
            for bucket in {rend, 'ALL'}:
                a = agg[bucket]
                a['fields'] += 1
                a['found'] += found
                a['correct'] += ok
                a['prov'] += pv
                if found and positions:
                    a['pos'] += 1
                    a['pos_hit'] += bbox_hit(ent, positions, sha_of)
        echecks = ex_checks(e) if e else {}
        for cid, tv in t.get('checks', {}).items():
            accept = set(t.get('checks_accept', {}).get(cid, [tv]))
            got = echecks.get(cid.upper())
            ok = got in accept
            pc = per_check.setdefault(cid, dict(n=0, ok=0, conf={}))
            pc['n'] += 1
            pc['ok'] += ok
            pc['conf'][(tv, got or 'absent')] = pc['conf'].get((tv, got or 'absent'), 0) + 1
            for bucket in {rend, 'ALL'}:
                agg[bucket]['checks'] += 1
                agg[bucket]['checks_ok'] += ok
        grouped = False
        if e:
            esha = {d['sha256'].lower() for d in ex_docs(e) if isinstance(d.get('sha256'), str)}
            mine = set(sha_of.values())
            complete = bool(mine) and mine <= esha
            foreign = {sh for sh in esha if sh in owner and ti not in owner[sh]}
            grouped = complete and not foreign
        for bucket in {rend, 'ALL'}:
            agg[bucket]['grouped'] += grouped
    return agg, per_check, per_field, len(eapps), len(t2e)


def print_report(agg, per_check, per_field, n_export, n_matched, out=sys.stdout):
    w = out.write
    w(f'exported applications: {n_export}, matched to truth: {n_matched}\n\n')
    hdr = f'{"rendering":10s} {"apps":>4s} {"match":>5s} {"field_acc":>9s} {"precision":>9s} {"recall":>7s} ' \
          f'{"provenance":>10s} {"checks":>7s} {"grouping":>8s} {"bbox_hit*":>9s}\n'
    w(hdr)
    w('-' * (len(hdr) - 1) + '\n')
    for r in RENDERINGS + ['ALL']:
        a = agg[r]
        if r != 'ALL' and a['apps'] == 0:
            continue
        w(f'{r:10s} {a["apps"]:4d} {a["matched"]:5d} {fmt(ratio(a["correct"], a["fields"])):>9s} '
          f'{fmt(ratio(a["correct"], a["found"])):>9s} {fmt(ratio(a["found"], a["fields"])):>7s} '
          f'{fmt(ratio(a["prov"], a["found"])):>10s} {fmt(ratio(a["checks_ok"], a["checks"])):>7s} '
          f'{fmt(ratio(a["grouped"], a["apps"])):>8s} {fmt(ratio(a["pos_hit"], a["pos"])):>9s}\n')
    w('(* informational: share of found fields whose source bbox touches where the value is drawn on the form; '
      'not part of SCORE)\n\n')
    w(f'{"check":6s} {"n":>3s} {"acc":>6s}  truth->exported counts\n')
    for cid in sorted(per_check):
        pc = per_check[cid]
        conf = ', '.join(f'{a}->{b}:{n}' for (a, b), n in sorted(pc['conf'].items()))
        w(f'{cid:6s} {pc["n"]:3d} {fmt(ratio(pc["ok"], pc["n"])):>6s}  {conf}\n')
    w('\n')
    w(f'{"field":22s} {"n":>3s} {"found":>5s} {"correct":>7s}\n')
    for k in sorted(per_field, key=lambda k: (per_field[k][2] / max(1, per_field[k][0]), k)):
        n, fnd, ok = per_field[k]
        w(f'{k:22s} {n:3d} {fnd:5d} {ok:7d}\n')
    w('\n')
    a = agg['ALL']
    z = lambda v: 0.0 if v is None else v
    w(f'SCORE field_acc={z(ratio(a["correct"], a["fields"])):.3f} provenance={z(ratio(a["prov"], a["found"])):.3f} '
      f'checks={z(ratio(a["checks_ok"], a["checks"])):.3f} grouping={z(ratio(a["grouped"], a["apps"])):.3f}\n')


# --------------------------------------------------------------------------

def oracle(truth):
    """A perfect export built from truth (sources from the recorded positions)."""
    apps = []
    for t in truth['applications']:
        form_files = [d['file'] for d in t['documents'] if d['kind'] == 'application_form']
        fields = {}
        for k, v in t['fields'].items():
            srcs = []
            for p in (t.get('positions') or {}).get(k, []):
                srcs.append(dict(file=p['file'], sha256=t['sha256'][p['file']], page=p['page'], bbox=p['bbox'],
                                 locator=f'{k}', method='pdf-text' if t['rendering'] == 'pdf-text' else 'ocr'))
            if not srcs:
                f0 = form_files[0]
                srcs.append(dict(file=f0, sha256=t['sha256'][f0], page=None, bbox=None, locator='table 1',
                                 method='docx'))
            fields[k] = dict(value=v, confidence=1.0, sources=srcs)
        docs = [dict(file=d['file'], sha256=t['sha256'][d['file']], kind=d['kind']) for d in t['documents']]
        checks = [dict(id=c, outcome=o, detail='oracle') for c, o in t['checks'].items()]
        apps.append(dict(id=t['key'], fields=fields, documents=docs, checks=checks))
    unassigned = [dict(file=s['file'], sha256=s['sha256'], kind='summary_sheet') for s in truth.get('summary_sheets', [])]
    return dict(applications=apps, unassigned=unassigned, rejected=[])


def main(argv=None):
    try:  # behave when piped into head
        import signal
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    except (AttributeError, ValueError):
        pass
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--truth', required=True)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument('--export')
    g.add_argument('--emit-oracle', metavar='OUT')
    args = ap.parse_args(argv)
    try:
        with open(args.truth, encoding='utf-8') as fh:
            truth = json.load(fh)
    except Exception as exc:  # the truth must be readable: that is a usage error
        print(f'cannot read truth {args.truth}: {exc}', file=sys.stderr)
        return 2
    if args.emit_oracle:
        with open(args.emit_oracle, 'w', encoding='utf-8') as fh:
            json.dump(oracle(truth), fh, ensure_ascii=False, indent=1)
        print(f'wrote {args.emit_oracle}', file=sys.stderr)
        return 0
    export = {}
    try:
        with open(args.export, encoding='utf-8') as fh:
            export = json.load(fh)
    except Exception as exc:
        print(f'warning: cannot read export {args.export}: {exc}; scoring it as empty', file=sys.stderr)
        export = {}
    if not isinstance(export, dict):
        print('warning: export is not a JSON object; scoring it as empty', file=sys.stderr)
        export = {}
    try:
        res = score(truth, export)
    except Exception:
        traceback.print_exc()
        print('warning: scoring failed on this export; reporting it as empty', file=sys.stderr)
        res = score(truth, {})
    print_report(*res)
    return 0


if __name__ == '__main__':
    sys.exit(main())
