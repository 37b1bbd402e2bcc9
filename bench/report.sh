#!/usr/bin/env bash
# The report section of bench/run: `dossier report` (HTML and PDF dossiers,
# index page, summary sheets) over many applications, its time per
# application and its peak memory. Target: under 1 s per application.
#
#   bench/run report                       # 100 applications, 3 runs
#   BENCH_REPORT_APPS=20 BENCH_REPORT_RUNS=1 bench/run report
#   BENCH_REPORT_SAMPLES=1 bench/run report   # also the samples (PDF, scans, photos)
#
# The applications are the DOCX sample forms copied with new names and
# credit codes (bench/make_report_inbox.py), each with its recommender's
# summary sheet (XLSX). With BENCH_REPORT_SAMPLES=1 the samples themselves
# (text PDFs, scans, photos, whose page pictures are rendered once and cached
# by hash) are timed with an empty cache and again with the cache filled;
# their ingest OCRs and takes minutes.
# dossier is built in Release into build/bench-release/ unless DOSSIER names
# a binary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
BUILD=$ROOT/build/bench-release
DOSSIER=${DOSSIER:-}
APPS=${BENCH_REPORT_APPS:-100}
RUNS=${BENCH_REPORT_RUNS:-3}

[[ -n $DOSSIER ]] || bench_build_dossier "$BUILD"

# GNU time (Debian package `time`) gives the wall time and peak memory; it is
# not in a minimal Debian 12, and bash's `time` keyword has no peak memory.
# python3-docx and python3-openpyxl make the inbox (bench/make_report_inbox.py).
need_pkgs=()
[[ -x /usr/bin/time ]] || need_pkgs+=(time)
/usr/bin/python3 -c "import docx, openpyxl" 2>/dev/null || need_pkgs+=(python3-docx python3-openpyxl)
bench_install report "${need_pkgs[@]}"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The value of one line of `/usr/bin/time -v` output.
time_field() { sed -n "s/^[[:space:]]*$2: //p" "$1"; }
# "h:mm:ss" or "m:ss.ss" → seconds.
wall_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
applications() { "$DOSSIER" "${ROOT_FLAG[@]}" --data "$1" status | awk '/^applications:/ { print $2 }'; }

# runs DATA APPS RUNS LABEL: times RUNS reports of DATA and prints one line.
runs() {
  local data=$1 apps=$2 n=$3 label=$4 walls=() peak=0 i wall rss
  for ((i = 1; i <= n; i++)); do
    rm -rf "$WORK/out"
    /usr/bin/time -v -o "$WORK/time" "$DOSSIER" "${ROOT_FLAG[@]}" --data "$data" report --out "$WORK/out" >/dev/null
    wall=$(time_field "$WORK/time" "Elapsed (wall clock) time (h:mm:ss or m:ss)" | wall_seconds)
    rss=$(time_field "$WORK/time" "Maximum resident set size (kbytes)")
    walls+=("$wall")
    ((rss > peak)) && peak=$rss
  done
  local med
  med=$(printf '%s\n' "${walls[@]}" | median)
  awk -v label="$label" -v med="$med" -v apps="$apps" -v peak="$peak" -v all="${walls[*]}" 'BEGIN {
    printf "%-34s %4d apps  median %7.2f s  %6.3f s/app  peak %5.0f MiB  (runs: %s s)\n",
      label, apps, med, (apps ? med / apps : 0), peak / 1024, all }'
}

/usr/bin/python3 "$ROOT/bench/make_report_inbox.py" "$WORK/inbox" --count "$APPS" >/dev/null
"$DOSSIER" "${ROOT_FLAG[@]}" --data "$WORK/data" ingest -q "$WORK/inbox" >/dev/null || true
# The ingest's failures are not fatal (|| true: a rejected copy is still a
# report input), but a report over nothing would time as a brilliant 0 s/app.
apps=$(applications "$WORK/data" || true)
if ((${apps:-0} == 0)); then
  echo "bench/run report: the ingest of $WORK/inbox gave no application" >&2
  exit 1
fi
echo "report: $(nproc) cores; HTML + PDF dossiers, index and summary sheets"
runs "$WORK/data" "$(applications "$WORK/data")" "$RUNS" "DOCX/XLSX copies of the samples"

if [[ ${BENCH_REPORT_SAMPLES:-0} == 1 ]]; then
  "$DOSSIER" "${ROOT_FLAG[@]}" --data "$WORK/samples" ingest -q "$ROOT/sample_docs/inbox" >/dev/null || true
  rm -rf "$WORK/samples/cache"
  runs "$WORK/samples" "$(applications "$WORK/samples")" 1 "samples, page cache empty"
  runs "$WORK/samples" "$(applications "$WORK/samples")" "$RUNS" "samples, page cache filled"
fi
