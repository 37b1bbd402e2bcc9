#!/usr/bin/python3
"""Generate one seed of the variety evaluation: an inbox of whole, realistic submissions and its truth.

  generate.py --seed N --out DIR [--size small|normal]

Writes DIR/inbox/ (recommenders' folders and ZIPs), DIR/truth.json (the format
of score.py, with `documents` and `summary_sheets`), DIR/arrivals.json (for
`dossier ingest --arrivals`) and DIR/config.ini (for `dossier --config`).
Everything is drawn from the seed; the same seed gives the same files.
See README.md beside this file.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from vgen.assemble import generate  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--size', choices=['small', 'normal'], default='normal')
    ap.add_argument('--keep-tmp', action='store_true', help='keep the intermediate files (debugging)')
    args = ap.parse_args()
    t0 = time.time()
    truth = generate(args.seed, args.out, args.size, keep_tmp=args.keep_tmp)
    apps = truth['applications']
    rend = {}
    for a in apps:
        rend[a['rendering']] = rend.get(a['rendering'], 0) + 1
    nfiles = sum(len(a['files']) for a in apps)
    print(f'seed {args.seed} ({args.size}): {len(apps)} applications, {nfiles} files, '
          f'{len(truth["summary_sheets"])} summary sheets, {len(truth["unassigned"])} unassigned; '
          + ', '.join(f'{k} {v}' for k, v in sorted(rend.items())) + f'; {time.time() - t0:.0f} s', file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
