#!/usr/bin/env bash
# The watch section of bench/run: `dossier watch` against `dossier ingest`.
#  - latency: from a DOCX landing in the inbox (cp) to its records in the
#    store (the daemon's "done" line, written after the commit), 10 drops,
#    median; target under 2 s with the default settings;
#  - throughput: a 200-file drop (cp -r) until its last file is done and the
#    applications assembled, against `dossier ingest` of the same folder;
#    3 runs each, medians; target: the same within 10%.
#
#   bench/run watch
#   BENCH_WATCH_FILES=50 BENCH_WATCH_RUNS=1 bench/run watch
#
# The files are the DOCX samples, each copy made distinct by an XML comment.
# dossier is built in Release into build/bench-release/ unless DOSSIER names
# a binary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
BUILD=$ROOT/build/bench-release
DOSSIER=${DOSSIER:-}
FILES=${BENCH_WATCH_FILES:-200}
RUNS=${BENCH_WATCH_RUNS:-3}
DROPS=${BENCH_WATCH_DROPS:-10}

[[ -n $DOSSIER ]] || bench_build_dossier "$BUILD"

work=$(mktemp -d /tmp/dossier-bench-watch.XXXXXX)
daemon=
cleanup() {
  [[ -n $daemon ]] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

/usr/bin/python3 - "$ROOT/sample_docs/inbox" "$work/files" "$FILES" "$DROPS" <<'PY'
import sys, zipfile, pathlib
src, out, n, drops = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
samples = sorted(p for p in src.rglob("*.docx"))
def variant(sample, tag, dest):
    with zipfile.ZipFile(sample) as z, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b"?><!-- " + tag.encode() + b" -->", 1)
            w.writestr(info, data)
(out / "drop").mkdir(parents=True)
(out / "single").mkdir()
for i in range(n):
    variant(samples[i % len(samples)], f"bench {i}", out / "drop" / f"{i:03d}-{samples[i % len(samples)].name}")
for i in range(drops):
    variant(samples[i % len(samples)], f"latency {i}", out / "single" / f"{i:02d}.docx")
PY

now_ms() { date +%s%3N; }
# The Unix ms of a log line's time stamp.
line_ms() { local t=${1%%Z*}; echo $(( $(date -d "${t%.*}Z" +%s) * 1000 + 10#${t##*.} )); }

start_daemon() {  # data inbox log
  # The log exists before the wait below reads it: the daemon's redirection
  # happens in the background job, and grep could run first ("No such file").
  : >"$3"
  "$DOSSIER" "${ROOT_FLAG[@]}" --data "$1" watch "$2" 2>"$3" &
  daemon=$!
  until grep -q "event=watching" "$3"; do alive "$3"; sleep 0.05; done
}
stop_daemon() {
  kill -TERM "$daemon"; wait "$daemon" || true; daemon=
}
count_lines() { grep -c "$2" "$1" || true; }
# alive LOG: fails the bench when the daemon has gone, so that a crash shows
# as an error with its log instead of a wait loop that never ends.
alive() {
  kill -0 "$daemon" 2>/dev/null && return 0
  echo "bench/run watch: dossier watch exited; its log ($1):" >&2
  tail -20 "$1" >&2
  exit 1
}

echo "dossier: $DOSSIER"
echo "files: $FILES DOCX for the drop ($(du -sh "$work/files/drop" | cut -f1)), $DROPS single drops"

# --- latency
mkdir -p "$work/lat/inbox"
start_daemon "$work/lat/data" "$work/lat/inbox" "$work/lat/log"
latencies=()
for f in "$work/files/single"/*.docx; do
  name=$(basename "$f")
  t0=$(now_ms)
  cp "$f" "$work/lat/inbox/$name"
  until grep -q "event=done file=$name" "$work/lat/log"; do alive "$work/lat/log"; sleep 0.01; done
  t1=$(line_ms "$(grep "event=done file=$name" "$work/lat/log" | cut -d' ' -f1)")
  latencies+=($((t1 - t0)))
  sleep 0.3  # let the assembly after it pass
done
stop_daemon
lat_median=$(printf '%s\n' "${latencies[@]}" | median)
echo "latency, drop → records in the store (ms): ${latencies[*]}"
printf 'latency median: %s ms (target < 2000 ms)\n' "$lat_median"

# --- throughput
watch_times=(); ingest_times=()
for run in $(seq "$RUNS"); do
  d=$work/run$run
  mkdir -p "$d/inbox"
  start_daemon "$d/wdata" "$d/inbox" "$d/log"
  t0=$(now_ms)
  cp -r "$work/files/drop/." "$d/inbox/"
  until [[ $(count_lines "$d/log" "event=done ") -ge $FILES ]]; do alive "$d/log"; sleep 0.05; done
  # the assembly that follows the last file
  last_done=$(grep -n "event=done " "$d/log" | tail -1 | cut -d: -f1)
  until tail -n +"$last_done" "$d/log" | grep -q "event=assembled"; do alive "$d/log"; sleep 0.05; done
  t1=$(line_ms "$(tail -n +"$last_done" "$d/log" | grep "event=assembled" | head -1 | cut -d' ' -f1)")
  stop_daemon
  watch_times+=($((t1 - t0)))

  t0=$(now_ms)
  "$DOSSIER" "${ROOT_FLAG[@]}" --data "$d/idata" ingest -q "$work/files/drop" >/dev/null 2>&1 || true
  t1=$(now_ms)
  ingest_times+=($((t1 - t0)))
  echo "run $run: watch ${watch_times[-1]} ms, ingest ${ingest_times[-1]} ms"
done
w=$(printf '%s\n' "${watch_times[@]}" | median)
i=$(printf '%s\n' "${ingest_times[@]}" | median)
awk -v w="$w" -v i="$i" -v n="$FILES" 'BEGIN {
  printf "throughput median: watch %.0f ms (%.1f files/s), ingest %.0f ms (%.1f files/s), watch/ingest %.2f (target <= 1.10)\n",
    w, n * 1000 / w, i, n * 1000 / i, w / i }'
