#!/usr/bin/env bash
# The scale section of bench/run (issue 17): throughput of a scan-heavy inbox
# (bench/make_scans.py: multi-page 300 dpi scans), from the first file taken
# to the applications assembled, with
#   - SQLite and the local runner (`dossier ingest`),
#   - PostgreSQL and 1 worker (`ingest --no-work`, then `dossier worker`),
#   - PostgreSQL and 2 workers,
#   - and, for the pages per core, 1 worker held to one core and 2 workers
#     held to one core each (taskset);
# in pages per minute (medians of BENCH_SCALE_RUNS runs, 3) with the CPU
# time used (user + system, readers included) and the ratios the issue sets:
# PostgreSQL with 1 worker within 1.15 x SQLite's time, 2 workers >= 1.7 x one
# worker's throughput. Then the queue's own cost per job: BENCH_SCALE_TINY
# (200) tiny files that end at once (rejected, unknown type), SQLite against
# PostgreSQL with 1 worker.
#
#   bench/run scale
#   BENCH_SCALE_SCANS=2 BENCH_SCALE_PAGES=2 BENCH_SCALE_RUNS=1 bench/run scale
#
# PostgreSQL is a throw-away cluster (pg_virtualenv -t) with the server's
# default durability (fsync on), as SQLite's. dossier is built in Release into
# build/bench-release/ unless DOSSIER names a binary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
BUILD=$ROOT/build/bench-release
SCANS=${BENCH_SCALE_SCANS:-4}
PAGES=${BENCH_SCALE_PAGES:-3}
RUNS=${BENCH_SCALE_RUNS:-3}
TINY=${BENCH_SCALE_TINY:-200}
PY=/usr/bin/python3

if [[ ${1:-} != --inside ]]; then
  DOSSIER=${DOSSIER:-}
  [[ -n $DOSSIER ]] || bench_build_dossier "$BUILD"
  for tool in pg_virtualenv psql taskset pdfinfo; do
    command -v $tool >/dev/null || { echo "bench/run scale: needs $tool" >&2; exit 2; }
  done
  export DOSSIER
  exec pg_virtualenv -t -o fsync=on "$0" --inside "$@"
fi

INPUTS=$ROOT/build/bench/scale-$SCANS-$PAGES-$TINY
if [[ ! -d $INPUTS/scans || $ROOT/bench/make_scans.py -nt $INPUTS/scans ]]; then
  echo "generating the inputs (bench/make_scans.py) ..." >&2
  rm -rf "$INPUTS"
  $PY "$ROOT/bench/make_scans.py" "$INPUTS" --scans "$SCANS" --pages "$PAGES" --tiny "$TINY"
fi
pages=0
for f in "$INPUTS"/scans/*.pdf; do
  pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
done

work=$(mktemp -d /tmp/dossier-bench-scale.XXXXXX)
workers=()
cleanup() {
  for p in "${workers[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT  # through the EXIT trap: no worker left behind
now() { date +%s.%N; }
# Arithmetic on decimals (awk: no bc needed).
calc() { awk "BEGIN { printf \"%.4f\", $1 }"; }
sql() { psql -XAtq -d postgres -c "$1"; }
# CPU seconds (user + system) of a process and of the children it waited for
# (the readers), from /proc/PID/stat fields 14-17.
cpu_of() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13 + $14 + $15) / hz }' \
    "/proc/$1/stat"
}

# CPU seconds the PostgreSQL server has used so far: its postmaster with the
# backends that ended (reaped), and the live ones.
pg_cpu() {
  local pm total
  pm=$(head -1 "$(sql "SHOW data_directory")/postmaster.pid")
  total=$(cpu_of "$pm")
  for c in $(pgrep -P "$pm"); do
    total=$(calc "$total + $(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$c/stat" 2>/dev/null || echo 0)")
  done
  echo "$total"
}

# run_sqlite INBOX -> "seconds cpu_seconds"
run_sqlite() {
  rm -rf "$work/data"
  local t0 t1 cpu
  t0=$(now)
  /usr/bin/time -f "%U %S" -o "$work/time" "$DOSSIER" "${ROOT_FLAG[@]}" --data "$work/data" \
    ingest "$1" >/dev/null 2>&1 || true
  t1=$(now)
  cpu=$(tail -1 "$work/time" | awk '{print $1 + $2}')
  echo "$(calc "$t1 - $t0") $cpu"
}

# assembled_after FILES: the time (ISO 8601, from the workers' logs) of the
# first 'assembled' event after FILES jobs ended; nothing before that. A
# worker that drains the queue faster than `ingest --no-work` fills it (tiny
# jobs) assembles on the way: those earlier events do not end the run.
assembled_after() {
  sort "$work"/worker*.log | awk -v n="$1" '
    / event=(done|rejected) / { ended++ }
    / event=assembled/ && ended >= n && at == "" { at = $1 }
    END { print at }'
}

# run_pg INBOX N [CPULIST...] -> "seconds cpu_seconds": N workers (each held
# to its CPU list when given) wait on a fresh schema; the clock runs from
# `ingest --no-work` to the 'assembled' event.
run=0
run_pg() {
  local inbox=$1 n=$2
  shift 2
  run=$((run + 1))
  local schema="bench_${run}_$$"
  sql "CREATE SCHEMA $schema"
  local url="postgresql://?options=-csearch_path%3D$schema"
  rm -rf "$work/data" "$work"/worker*.log
  workers=()
  for ((i = 0; i < n; i++)); do
    local pin=()
    [[ $# -gt $i ]] && pin=(taskset -c "${@:$((i + 1)):1}")
    "${pin[@]}" "$DOSSIER" "${ROOT_FLAG[@]}" --data "$work/data" --store "$url" worker \
      --poll-ms 1000 >"$work/worker$i.log" 2>&1 &
    workers+=($!)
  done
  # Ready: each worker listens (it says so once the store is open).
  for ((i = 0; i < n; i++)); do
    until grep -q "event=started" "$work/worker$i.log" 2>/dev/null; do sleep 0.05; done
  done
  local t0 t1 cpu=0 db0 db1
  db0=$(pg_cpu)
  t0=$(now)
  "$DOSSIER" "${ROOT_FLAG[@]}" --data "$work/data" --store "$url" ingest --no-work "$inbox" \
    >/dev/null 2>&1 || true
  # From the workers' logs, not by asking the server: a psql a tenth of a
  # second would cost the server more than the workers do. Looked at twice a
  # second, and the clock stops at the time the log gives: looking 20 times a
  # second (cat | grep) took 7 % of a core from the workers, a load the
  # SQLite runs did not carry.
  local files end
  files=$(find "$inbox" -type f | wc -l)
  until end=$(assembled_after "$files") && [[ -n $end ]]; do sleep 0.5; done
  t1=$(date -d "$end" +%s.%N)
  db1=$(pg_cpu)
  for p in "${workers[@]}"; do cpu=$(calc "$cpu + $(cpu_of "$p")"); done
  for p in "${workers[@]}"; do kill -TERM "$p"; done
  wait "${workers[@]}" 2>/dev/null || true
  workers=()
  local left
  left=$(sql "SELECT count(*) FROM $schema.files WHERE state = 'queued'")
  [[ $left == 0 ]] || echo "bench/run scale: $left files left queued" >&2
  sql "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1
  echo "$(calc "$t1 - $t0") $cpu $(calc "$db1 - $db0")"
}

# measure NAME COMMAND... : RUNS runs, medians of seconds and CPU seconds.
declare -A secs cpus dbcpus
measure() {
  local name=$1
  shift
  local s=() c=() d=()
  for ((r = 0; r < RUNS; r++)); do
    read -r t u db < <("$@")
    s+=("$t")
    c+=("$u")
    d+=("${db:-0}")
    echo "  $name run $((r + 1)): ${t}s wall, ${u}s CPU, ${db:-0}s CPU in PostgreSQL" >&2
  done
  secs[$name]=$(printf '%s\n' "${s[@]}" | median)
  cpus[$name]=$(printf '%s\n' "${c[@]}" | median)
  dbcpus[$name]=$(printf '%s\n' "${d[@]}" | median)
}

echo "scan-heavy inbox: $SCANS scans, $pages pages at 300 dpi; $RUNS runs each ..." >&2
measure sqlite run_sqlite "$INPUTS/scans"
measure pg1 run_pg "$INPUTS/scans" 1
measure pg2 run_pg "$INPUTS/scans" 2
measure pg1_core run_pg "$INPUTS/scans" 1 0
measure pg2_cores run_pg "$INPUTS/scans" 2 0 1
echo "tiny jobs: $TINY files that end at once ..." >&2
measure tiny_sqlite run_sqlite "$INPUTS/tiny"
measure tiny_pg1 run_pg "$INPUTS/tiny" 1

ppm() { calc "$pages * 60 / ${secs[$1]}"; }
line() {
  printf '%-44s %9.2f %9.1f %9.2f %s\n' "$1" "${secs[$2]}" "$(ppm "$2")" \
    "$(calc "${cpus[$2]} / ${secs[$2]}")" "${3:-}"
}
printf '%-44s %9s %9s %9s %s\n' "configuration ($pages pages)" "median s" "pages/min" "cores" "ratio"
line "SQLite, local runner (ingest)" sqlite
line "PostgreSQL, 1 worker" pg1 "time $(calc "${secs[pg1]} / ${secs[sqlite]}") x SQLite (target <= 1.15)"
line "PostgreSQL, 2 workers" pg2 "throughput $(calc "${secs[pg1]} / ${secs[pg2]}") x 1 worker (target >= 1.7)"
line "PostgreSQL, 1 worker on 1 core" pg1_core ""
line "PostgreSQL, 2 workers on 1 core each" pg2_cores "throughput $(calc "${secs[pg1_core]} / ${secs[pg2_cores]}") x 1 worker on 1 core"
printf '%-44s %9.2f %9s %9s %s\n' "$TINY tiny jobs, SQLite" "${secs[tiny_sqlite]}" "" "" \
  "$(calc "${secs[tiny_sqlite]} * 1000 / $TINY") ms a job"
printf '%-44s %9.2f %9s %9s %s\n' "$TINY tiny jobs, PostgreSQL, 1 worker" "${secs[tiny_pg1]}" "" "" \
  "$(calc "${secs[tiny_pg1]} * 1000 / $TINY") ms a job"
echo "CPU seconds per page (medians): SQLite $(calc "${cpus[sqlite]} / $pages"), PostgreSQL 1 worker $(calc "${cpus[pg1]} / $pages") + $(calc "${dbcpus[pg1]} / $pages") in the server"
echo "per tiny job (medians): worker CPU $(calc "${cpus[tiny_pg1]} * 1000 / $TINY") ms, server CPU $(calc "${dbcpus[tiny_pg1]} * 1000 / $TINY") ms; SQLite ingest CPU $(calc "${cpus[tiny_sqlite]} * 1000 / $TINY") ms"
echo "$(nproc) cores; $(uname -srm); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
