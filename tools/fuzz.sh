#!/bin/sh
# Fuzz rentbridge with libFuzzer (docs/fuzzing.md) for SECONDS a target
# (default 60), TARGET scenario, engine or all (the default):
#   sh tools/fuzz.sh 600 engine
#   - fuzz_scenario: the scenario and rules loaders, and the resolved
#     scenario written back (tools/fuzz_scenario.c);
#   - fuzz_engine: load, compile and run one replication on a tiny horizon,
#     so that what the loader lets through and the engine cannot take is
#     found (tools/fuzz_engine.c).
# Builds build-fuzz/fuzz_<target> with clang (-fsanitize=fuzzer,address,
# undefined), seeds build-fuzz/corpus-<target> from tests/data and
# scenarios/ (kept between runs), and runs it on one core.  Crashes, leaks
# and sanitizer reports end the run with a non-zero status and leave the
# input in build-fuzz/artifacts/.
set -eu
secs=${1:-60}
target=${2:-all}
cd "$(dirname "$0")/.."
out=build-fuzz
cc=${FUZZ_CC:-clang}
mkdir -p "$out/artifacts"

case $target in
scenario | engine | all) ;;
*)
  echo "fuzz: TARGET is scenario, engine or all (got $target)" >&2
  exit 2
  ;;
esac

flags="-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Iinclude -Isrc -Itools"

build() {
  case $1 in
  scenario)
    # shellcheck disable=SC2086,SC2046
    "$cc" $flags $(pkg-config --cflags libconfig) \
      -o "$out/fuzz_scenario" tools/fuzz_scenario.c tools/fuzz_common.c \
      src/config/*.c src/base/status.c src/base/file.c src/base/csv.c \
      src/base/csv_read.c src/base/numfmt.c src/scenario/*.c \
      src/subsidy/*.c $(pkg-config --libs libconfig) -lm
    ;;
  engine)
    # The library's layers up to the engine, with OpenMP (one thread).
    # shellcheck disable=SC2086,SC2046
    "$cc" $flags -fopenmp $(pkg-config --cflags libconfig gsl) \
      -o "$out/fuzz_engine" tools/fuzz_engine.c tools/fuzz_common.c \
      src/config/*.c src/base/status.c src/base/file.c src/base/csv.c \
      src/base/csv_read.c src/base/numfmt.c src/scenario/*.c \
      src/subsidy/*.c src/rng/*.c src/model/accounts.c src/model/finite.c \
      src/model/model.c src/model/terms.c src/model/udligning.c \
      src/model/netclock.c src/model/pools.c $(ls src/engine/*.c | grep -v '/mpi\.c$') \
      $(pkg-config --libs libconfig gsl) -lm
    ;;
  esac
}

# Seeds: every scenario we have, pointed at the rules copy beside it.
seed() {
  corpus="$out/corpus-$1"
  mkdir -p "$corpus"
  for f in tests/data/ok/*.cfg tests/data/bad/*.cfg tests/data/decision/*.cfg \
    tests/data/engine/*.cfg \
    scenarios/*.cfg; do
    [ -f "$f" ] || continue
    sed 's|^rules = .*|rules = "rules.cfg";|' "$f" \
      >"$corpus/seed-$(printf '%s' "$f" | tr '/' '_')"
  done
  if [ "$1" = scenario ]; then
    { echo "#rules"; cat tests/data/rules-test.cfg; } >"$corpus/seed-rules.cfg"
  fi
  { echo "--set subsidy.cap=2500"; echo "--set groups.[0].size=60";
    sed 's|^rules = .*|rules = "rules.cfg";|' tests/data/ok/example.cfg; } \
    >"$corpus/seed-sets.cfg"
  if [ "$1" = engine ]; then
    # The edges the engine must refuse or survive (issue 20): an amount
    # whose sums overflow, a clock near INT_MAX, a break far away.
    for s in "costs.[2].per_month.values.[1]=1e308" \
      "groups.[0].initial.months_in_state=2147483600" \
      "groups.[0].transitions.housed_subsidised.placed.breaks.[1]=100000000"; do
      { echo "--set $s";
        sed 's|^rules = .*|rules = "rules.cfg";|' tests/data/ok/example.cfg; } \
        >"$corpus/seed-edge-$(printf '%s' "$s" | cksum | cut -d' ' -f1).cfg"
    done
  fi
}

run() {
  echo "fuzz: fuzz_$1 for ${secs}s (corpus $out/corpus-$1)"
  RB_FUZZ_RULES=tests/data/rules-test.cfg OMP_NUM_THREADS=1 \
  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tools/lsan-libconfig.supp \
  UBSAN_OPTIONS=print_stacktrace=1 \
    "$out/fuzz_$1" -max_total_time="$secs" -timeout=10 -max_len=16384 \
    -rss_limit_mb=2048 -dict=tools/fuzz_scenario.dict \
    -artifact_prefix="$out/artifacts/" "$out/corpus-$1"
  echo "fuzz: fuzz_$1: no crash, leak or sanitizer report in ${secs}s"
}

for t in scenario engine; do
  if [ "$target" = all ] || [ "$target" = "$t" ]; then
    build "$t"
    seed "$t"
    run "$t"
  fi
done
