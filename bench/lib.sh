# The helpers the sections of bench/run share; each section sources it
# (`source "$ROOT/bench/lib.sh"`). Not a section: bench/run skips it.

# bench_build_dossier BUILD: a Release dossier (without tests) built in BUILD;
# sets DOSSIER to it. From a clean clone the libraries it builds against may
# be missing; install-deps (scripts/packages.txt) acts only when so.
bench_build_dossier() {
  "$ROOT/scripts/install-deps" >&2
  cmake -S "$ROOT" -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOSSIER_BUILD_TESTS=OFF \
    -DDOSSIER_WERROR=OFF >/dev/null
  ninja -C "$1" -j"$(nproc)" dossier >/dev/null
  DOSSIER=$1/app/dossier
}

# ROOT_FLAG: what dossier is given before its command to run as root, which
# it refuses otherwise (--allow-root); empty for any other user. Use it as
# "$DOSSIER" "${ROOT_FLAG[@]}" ..., or ${ROOT_FLAG[*]} inside a command string.
ROOT_FLAG=()
if [[ $(id -u) == 0 ]]; then ROOT_FLAG=(--allow-root); fi

# bench_install SECTION PACKAGE...: installs the Debian packages with apt-get
# when running as root (or through sudo); otherwise says what to install and
# stops. Nothing when no package is named.
bench_install() {
  local section=$1 sudo
  shift
  (($#)) || return 0
  if [[ $(id -u) == 0 ]]; then sudo=""; elif command -v sudo >/dev/null; then sudo=sudo; else
    echo "bench/run $section: please install: $*" >&2
    exit 2
  fi
  echo "installing: $*" >&2
  # A fresh Debian 12 (a container, a CI runner) has no package lists yet:
  # without the update, apt-get install finds none of these packages.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# The median of the numbers on standard input, one a line.
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# hyperfine_median JSON N DIGITS: the median seconds of hyperfine's command N
# (0-based) in its exported JSON, with DIGITS decimals.
hyperfine_median() {
  /usr/bin/python3 -c "import json,sys; print('%.*f' % (int(sys.argv[3]), json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median']))" "$1" "$2" "$3"
}

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'; }
