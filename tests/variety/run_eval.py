#!/usr/bin/python3
"""Run the pipeline on generated seeds and score it: the variety evaluation (see README.md here).

  run_eval.py --dossier PATH [--seeds 9001-9005] [--size small|normal] [--keep DIR] [--floors FILE]

Per seed: generate.py, `dossier --data D --config C ingest --arrivals A INBOX`,
`dossier --data D export --format json`, the scorer's score(); then one table
per rendering summed over all seeds and the SCORE line. With --floors, exits 1
when a SCORE figure falls below its floor.
"""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
EVAL_SEEDS = '9001-9005'


def scorer_path(explicit=None):
    """The shared scorer beside the repository when there, else the verbatim copy committed here."""
    if explicit:
        return explicit
    shared = os.path.join(os.path.dirname(REPO), 'shared', 'eval', 'score.py')
    return shared if os.path.exists(shared) else os.path.join(HERE, 'score.py')


def load_scorer(path):
    spec = importlib.util.spec_from_file_location('variety_score', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parse_seeds(text):
    out = []
    for part in text.split(','):
        part = part.strip()
        if not part:
            continue
        if '-' in part:
            a, b = part.split('-', 1)
            out += list(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


def add_into(total, res):
    agg, per_check, per_field, n_export, n_matched = res
    if total is None:
        return [agg, per_check, per_field, n_export, n_matched]
    for r, d in agg.items():
        for k, v in d.items():
            total[0][r][k] += v
    for cid, pc in per_check.items():
        t = total[1].setdefault(cid, dict(n=0, ok=0, conf={}))
        t['n'] += pc['n']
        t['ok'] += pc['ok']
        for key, n in pc['conf'].items():
            t['conf'][key] = t['conf'].get(key, 0) + n
    for k, v in per_field.items():
        t = total[2].setdefault(k, [0, 0, 0])
        for i in range(3):
            t[i] += v[i]
    total[3] += n_export
    total[4] += n_matched
    return total


def score_line(agg):
    a = agg['ALL']
    r = lambda x, y: x / y if y else 0.0
    return dict(field_acc=r(a['correct'], a['fields']), provenance=r(a['prov'], a['found']),
                checks=r(a['checks_ok'], a['checks']), grouping=r(a['grouped'], a['apps']))


def run(cmd, log, timeout):
    t0 = time.time()
    with open(log, 'ab') as fh:
        fh.write(('$ ' + ' '.join(cmd) + '\n').encode())
        fh.flush()
        try:
            p = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, timeout=timeout)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            rc = 'timeout'
    return rc, time.time() - t0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--dossier', help='the dossier binary')
    ap.add_argument('--oracle', action='store_true',
                    help='score the perfect export score.py builds from each truth instead of running dossier '
                         '(a self-test of the generator: every figure must be 1.000)')
    ap.add_argument('--seeds', default=EVAL_SEEDS, help=f'A-B or A,B,.. (default: the evaluation seeds {EVAL_SEEDS})')
    ap.add_argument('--size', choices=['small', 'normal'], default='normal')
    ap.add_argument('--keep', help='keep each seed\'s inbox, truth, data, export and logs under DIR/seed-N')
    ap.add_argument('--score', help='the scorer to use (default: ../shared/eval/score.py, else tests/variety/score.py)')
    ap.add_argument('--floors', help='JSON file {"floors": {"field_acc": x, ...}}: exit 1 below any of them')
    ap.add_argument('--timeout', type=int, default=1800, help='seconds per dossier command')
    args = ap.parse_args(argv)
    seeds = parse_seeds(args.seeds)
    if not args.dossier and not args.oracle:
        ap.error('--dossier is required (or --oracle)')
    dossier = os.path.abspath(args.dossier or 'none')
    # dossier refuses to run as root unless asked; these inputs are our own.
    dossier_cmd = [dossier] + (['--allow-root'] if os.geteuid() == 0 else [])
    if not args.oracle and not os.access(dossier, os.X_OK):
        print(f'run_eval: no dossier binary at {dossier}', file=sys.stderr)
        return 2
    spath = scorer_path(args.score)
    sc = load_scorer(spath)
    print(f'scorer: {spath}\ndossier: {"(oracle export)" if args.oracle else dossier}\n'
          f'seeds: {args.seeds} ({args.size})', flush=True)
    base = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix='variety-eval-')
    os.makedirs(base, exist_ok=True)
    total = None
    failures = []
    try:
        for seed in seeds:
            d = os.path.join(base, f'seed-{seed}')
            if os.path.exists(d):
                shutil.rmtree(d)
            os.makedirs(d)
            log = os.path.join(d, 'log.txt')
            gen = os.path.join(d, 'gen')
            rc, t_gen = run(['/usr/bin/python3', os.path.join(HERE, 'generate.py'), '--seed', str(seed), '--out', gen,
                             '--size', args.size], log, 900)
            if rc != 0:
                failures.append(f'seed {seed}: generate.py failed ({rc}), see {log}')
                print(failures[-1], flush=True)
                continue
            with open(os.path.join(gen, 'truth.json'), encoding='utf-8') as fh:
                truth = json.load(fh)
            if args.oracle:
                res = sc.score(truth, sc.oracle(truth))
                s = score_line(res[0])
                print(f'seed {seed}: oracle, generate {t_gen:.0f} s: ' + ' '.join(f'{k}={v:.3f}' for k, v in s.items()),
                      flush=True)
                if min(s.values()) < 1.0:
                    failures.append(f'seed {seed}: the oracle export does not score 1.000')
                total = add_into(total, res)
                continue
            data = os.path.join(d, 'data')
            cfg = os.path.join(gen, 'config.ini')
            cmd = dossier_cmd + ['--data', data] + (['--config', cfg] if os.path.exists(cfg) else []) + \
                  ['ingest', '--arrivals', os.path.join(gen, 'arrivals.json'), os.path.join(gen, 'inbox')]
            rc_in, t_in = run(cmd, log, args.timeout)
            export = os.path.join(d, 'export.json')
            rc_ex, _ = run(dossier_cmd + ['--data', data] + (['--config', cfg] if os.path.exists(cfg) else []) +
                           ['export', '--format', 'json', '--out', export], log, args.timeout)
            if rc_in not in (0, 1) or rc_ex != 0:
                failures.append(f'seed {seed}: dossier ingest exit {rc_in}, export exit {rc_ex}; see {log}')
                print(failures[-1], flush=True)
            try:
                with open(export, encoding='utf-8') as fh:
                    exp = json.load(fh)
            except (OSError, ValueError):
                exp = {}
            res = sc.score(truth, exp if isinstance(exp, dict) else {})
            with open(os.path.join(d, 'score.txt'), 'w', encoding='utf-8') as fh:
                sc.print_report(*res, out=fh)
            s = score_line(res[0])
            n_apps = len(truth['applications'])
            print(f'seed {seed}: {n_apps} applications, generate {t_gen:.0f} s, ingest {t_in:.0f} s: '
                  + ' '.join(f'{k}={v:.3f}' for k, v in s.items()), flush=True)
            total = add_into(total, res)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    if total is None:
        print('no seed was scored', file=sys.stderr)
        return 1
    print(f'\n== all {len(seeds)} seeds ==')
    sc.print_report(*total)
    sys.stdout.flush()
    rc = 1 if failures else 0
    if args.floors:
        with open(args.floors, encoding='utf-8') as fh:
            floors = json.load(fh)['floors']
        s = score_line(total[0])
        below = [f'{k}={s[k]:.3f} < floor {v:.3f}' for k, v in floors.items() if s[k] < v]
        if below:
            print('BELOW FLOOR: ' + '; '.join(below))
            rc = 1
        else:
            print('floors met: ' + ', '.join(f'{k} {s[k]:.3f} >= {v:.3f}' for k, v in floors.items()))
    for f in failures:
        print('FAILED: ' + f)
    return rc


if __name__ == '__main__':
    sys.exit(main())
