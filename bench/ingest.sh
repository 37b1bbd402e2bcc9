#!/usr/bin/env bash
# The ingest section of bench/run (issue 15 item 8): a whole `dossier ingest`
# of the born-digital PDF into a fresh data folder, side by side with
# `pdftotext -bbox-layout` on the same file, and the start-up cost every
# command pays (`dossier --version`).
#
#   bench/run ingest
#
# Targets: ingest <= 1.5 x pdftotext, --version <= 20 ms.
# Inputs and the Release build are those of bench/pdf_ocr.sh (build/bench/,
# build/bench-release/, or BENCH_BUILD). Environment: BENCH_TEXT_RUNS (default 10).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
source "$HERE/lib.sh"
OUT=$ROOT/build/bench
INPUTS=$OUT/inputs
BUILD=${BENCH_BUILD:-$ROOT/build/bench-release}
RUNS=${BENCH_TEXT_RUNS:-10}
PY=/usr/bin/python3
for tool in hyperfine pdftotext pdfinfo cmake ninja; do
  command -v $tool >/dev/null || { echo "bench/run ingest: needs $tool (bench/run pdf_ocr installs it)" >&2; exit 2; }
done
$PY -c "import reportlab, PIL" 2>/dev/null ||
  { echo "bench/run ingest: needs python3-reportlab python3-pil" >&2; exit 2; }

bench_build_dossier "$BUILD"
mkdir -p "$INPUTS"
if [[ ! -f $INPUTS/text.pdf || $HERE/make_pdfs.py -nt $INPUTS/text.pdf ]]; then
  echo "generating the inputs (bench/make_pdfs.py) ..." >&2
  $PY "$HERE/make_pdfs.py" "$INPUTS"
fi
PAGES=$(pdfinfo "$INPUTS/text.pdf" | awk '/^Pages:/ {print $2}')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The inbox holds the one file; each run starts from an empty data folder.
mkdir -p "$WORK/inbox"
cp "$INPUTS/text.pdf" "$WORK/inbox/"


echo "text PDF ($PAGES pages) ingest and start-up: hyperfine, $RUNS runs each ..." >&2
hyperfine --warmup 2 --runs "$RUNS" --style none --export-json "$WORK/ingest.json" \
  --prepare "rm -rf $WORK/data" \
  -n ingest "$DOSSIER ${ROOT_FLAG[*]} --data $WORK/data ingest $WORK/inbox > /dev/null" \
  -n pdftotext "pdftotext -bbox-layout $INPUTS/text.pdf /dev/null" >/dev/null
hyperfine --warmup 3 --runs "$((RUNS * 3))" -N --style none --export-json "$WORK/version.json" \
  -n version "$DOSSIER --version" >/dev/null
t_ingest=$(hyperfine_median "$WORK/ingest.json" 0 4)
t_pdftotext=$(hyperfine_median "$WORK/ingest.json" 1 4)
t_version=$(hyperfine_median "$WORK/version.json" 0 4)

printf '%-28s %-40s %9s %s\n' "input" "command" "median s" "ratio / note"
printf '%-28s %-40s %9s %s\n' "text PDF, $PAGES pages" "dossier ingest (fresh data folder)" "$t_ingest" \
  "ratio $(ratio "$t_ingest" "$t_pdftotext") (target <= 1.50)"
printf '%-28s %-40s %9s %s\n' "" "pdftotext -bbox-layout" "$t_pdftotext" ""
printf '%-28s %-40s %9s %s\n' "start-up" "dossier --version" "$t_version" "target <= 0.020"
echo "$(nproc) cores; $(uname -srm); $(ldd "$DOSSIER" | wc -l) shared libraries loaded at start"
