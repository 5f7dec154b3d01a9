#!/bin/sh
# Fuzz the scenario and rules loaders with libFuzzer for SECONDS (default 60):
#   sh tools/fuzz.sh 600
# Builds build-fuzz/fuzz_scenario with clang (-fsanitize=fuzzer,address,
# undefined), seeds a corpus from tests/data and scenarios/, and runs it.
# Crashes, leaks and sanitizer reports end the run with a non-zero status and
# leave the input in build-fuzz/artifacts/.
set -eu
secs=${1:-60}
cd "$(dirname "$0")/.."
out=build-fuzz
cc=${FUZZ_CC:-clang}
mkdir -p "$out/corpus" "$out/artifacts"

"$cc" -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Iinclude -Isrc $(pkg-config --cflags libconfig) \
  -o "$out/fuzz_scenario" tools/fuzz_scenario.c \
  src/config/*.c src/base/status.c src/base/file.c src/scenario/*.c src/subsidy/rules.c \
  $(pkg-config --libs libconfig) -lm

# Seeds: every scenario we have, pointed at the rules copy beside it.
for f in tests/data/ok/*.cfg tests/data/bad/*.cfg scenarios/*.cfg; do
  [ -f "$f" ] || continue
  sed 's|^rules = .*|rules = "rules.cfg";|' "$f" \
    > "$out/corpus/seed-$(printf '%s' "$f" | tr '/' '_')"
done
{ echo "#rules"; cat tests/data/rules-test.cfg; } > "$out/corpus/seed-rules.cfg"
{ echo "--set subsidy.cap=2500"; echo "--set groups.[0].size=60";
  sed 's|^rules = .*|rules = "rules.cfg";|' tests/data/ok/example.cfg; } \
  > "$out/corpus/seed-sets.cfg"

echo "fuzz: running for ${secs}s (corpus $out/corpus)"
RB_FUZZ_RULES=tests/data/rules-test.cfg \
ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tools/lsan-libconfig.supp \
UBSAN_OPTIONS=print_stacktrace=1 \
  "$out/fuzz_scenario" -max_total_time="$secs" -timeout=10 -max_len=16384 \
  -rss_limit_mb=2048 -dict=tools/fuzz_scenario.dict \
  -artifact_prefix="$out/artifacts/" "$out/corpus"
echo "fuzz: no crash, leak or sanitizer report in ${secs}s"
