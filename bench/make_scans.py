#!/usr/bin/python3
"""Generates the scan-heavy inbox of bench/run scale (fictional, deterministic).

    /usr/bin/python3 bench/make_scans.py OUTDIR [--scans 4] [--pages 3] [--tiny 200]

Writes into OUTDIR:
  scans/scan-NN.pdf  image-only PDFs at 300 dpi, as bench/make_pdfs.py draws
                     its scan (ruled forms and dense prose, a red seal, skew,
                     noise, JPEG), each from its own seed: other text, other bytes
  tiny/NNN.bin       small files of distinct bytes and no known type, each a
                     job that ends at once (rejected unknown_type): what the
                     queue and the database cost per job, with nothing to read
"""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_pdfs  # noqa: E402  (the scan drawing is that script's)
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--scans", type=int, default=4)
    ap.add_argument("--pages", type=int, default=3)
    ap.add_argument("--tiny", type=int, default=200)
    args = ap.parse_args()
    out = Path(args.outdir)
    (out / "scans").mkdir(parents=True, exist_ok=True)
    (out / "tiny").mkdir(parents=True, exist_ok=True)
    pdfmetrics.registerFont(TTFont(make_pdfs.FONT, make_pdfs.FONT_FILE))
    for i in range(args.scans):
        src = out / f"source-{i:02d}.pdf"
        make_pdfs.make_scan_source(src, args.pages, seed=100 + i)
        make_pdfs.make_scan_pdf(src, out / "scans" / f"scan-{i:02d}.pdf", 300,
                                random.Random(200 + i))
        src.unlink()
    for i in range(args.tiny):
        (out / "tiny" / f"{i:03d}.bin").write_bytes(b"\x00dossier bench %d\n" % i)


if __name__ == "__main__":
    sys.exit(main())
