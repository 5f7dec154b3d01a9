#!/bin/sh
# Self-test of tools/check-layers.py, run by `make check-layers` before the
# check itself: the checker must fail, naming the file, when an include or
# a call against the layers is added, and pass a tree that keeps to them.
#
# 1. On a copy of src/ and include/: an include of report's private header
#    into src/engine/, a public header including a higher layer's, and a
#    private header included by src/cli, Random123 included outside rng and
#    <mpi.h> outside the engine are each reported at their line.
# 2. On a small tree of its own (src/base, src/engine, src/report, built
#    with cc): a call from engine into report is reported with both files;
#    without that call, and with a function cut to size, the tree passes;
#    a function over 80 lines is reported.
set -u
cd "$(dirname "$0")/.."
CC=${CC:-cc}
check="python3 tools/check-layers.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

fail() {
  echo "test-check-layers: $*" >&2
  status=1
}

# expect_new NAME OUT_BEFORE OUT_AFTER RC PATTERN: the checker failed and
# reported a line matching PATTERN that it did not report before.
expect_new() {
  if [ "$4" -eq 0 ]; then
    fail "$1: checker passed"
  elif grep -e "$5" "$3" | grep -vxF -f "$2" >/dev/null; then
    :
  else
    fail "$1: no new line matching '$5' in:"
    cat "$3" >&2
  fi
}

# 1. Includes, on a copy of the tree.
mkdir -p "$tmp/tree"
cp -R src include "$tmp/tree/"
$check --root "$tmp/tree" --only includes >"$tmp/before" 2>&1

inject() { # FILE LINE: put LINE after the first line of FILE
  sed "1a\\
$2" "$1" >"$1.new" && mv "$1.new" "$1"
}

engine=$(ls "$tmp"/tree/src/engine/*.c | head -n 1)
inject "$engine" '#include "report/wording.h"'
$check --root "$tmp/tree" --only includes >"$tmp/after" 2>&1
expect_new "private header of a higher layer" "$tmp/before" "$tmp/after" $? \
  "^src/engine/$(basename "$engine"):2: includes \"report/wording.h\""
cp "$tmp/after" "$tmp/before"

inject "$tmp/tree/include/rentbridge/engine.h" '#include "rentbridge/report.h"'
$check --root "$tmp/tree" --only includes >"$tmp/after" 2>&1
expect_new "public header including a higher one" "$tmp/before" "$tmp/after" \
  $? '^include/rentbridge/engine.h:2: includes "rentbridge/report.h"'
cp "$tmp/after" "$tmp/before"

inject "$tmp/tree/src/cli/main.c" '#include "scenario/scenario_internal.h"'
$check --root "$tmp/tree" --only includes >"$tmp/after" 2>&1
expect_new "private header in src/cli" "$tmp/before" "$tmp/after" $? \
  '^src/cli/main.c:2: includes "scenario/scenario_internal.h"'
cp "$tmp/after" "$tmp/before"

# system_header NAME LAYER HEADER: HEADER included by LAYER's first file is
# reported at its line.
system_header() {
  f=$(ls "$tmp"/tree/src/"$2"/*.c | head -n 1)
  inject "$f" "#include <$3>"
  $check --root "$tmp/tree" --only includes >"$tmp/after" 2>&1
  expect_new "$1" "$tmp/before" "$tmp/after" $? \
    "^src/$2/$(basename "$f"):2: includes <$3>"
  cp "$tmp/after" "$tmp/before"
}
system_header "Random123 outside rng" report Random123/philox.h
system_header "mpi.h outside the engine" decide mpi.h

# 2. Calls and lengths, on a small tree of three layers.
t="$tmp/small"
mkdir -p "$t/src/base" "$t/src/engine" "$t/src/report"
cat >"$t/src/base/b.h" <<'EOF'
int rb_t_base(int x);
EOF
cat >"$t/src/base/b.c" <<'EOF'
#include "base/b.h"
int rb_t_base(int x) { return x + 1; }
EOF
cat >"$t/src/report/r.c" <<'EOF'
#include "base/b.h"
int rb_t_report(int x);
int rb_t_report(int x) { return rb_t_base(x) * 2; }
EOF
cat >"$t/src/engine/e.c" <<'EOF'
#include "base/b.h"
int rb_t_engine(int x);
int rb_t_report(int x);
/* rb_t_report in a comment is no call */
int rb_t_engine(int x) {
  return rb_t_base(x) + rb_t_report(x);
}
EOF
build() {
  for l in base engine report; do
    mkdir -p "$t/build/obj/$l"
    for c in "$t/src/$l"/*.c; do
      $CC -I"$t/src" -c -o "$t/build/obj/$l/$(basename "$c" .c).o" "$c" ||
        fail "cc $c"
    done
  done
}
build
$check --root "$t" --build "$t/build" >"$tmp/after" 2>&1
rc=$?
: >"$tmp/none"
expect_new "call into a higher layer" "$tmp/none" "$tmp/after" $rc \
  '^src/engine/e.c:6: uses rb_t_report of layer report (src/report/r.c)'

sed 's/ + rb_t_report(x)//' "$t/src/engine/e.c" >"$t/e.c" &&
  mv "$t/e.c" "$t/src/engine/e.c"
build
if ! $check --root "$t" --build "$t/build" >"$tmp/after" 2>&1; then
  fail "a tree that keeps to its layers fails:"
  cat "$tmp/after" >&2
fi

{
  echo 'int rb_t_long(int x);'
  echo 'int rb_t_long(int x) {'
  i=0
  while [ $i -lt 80 ]; do
    echo '  x += 1;'
    i=$((i + 1))
  done
  echo '  return x;'
  echo '}'
} >"$t/src/base/long.c"
$check --root "$t" --only lengths >"$tmp/after" 2>&1
expect_new "function over 80 lines" "$tmp/none" "$tmp/after" $? \
  '^src/base/long.c:2: function rb_t_long is 83 lines'

if [ "$status" -eq 0 ]; then
  echo "test-check-layers: ok (bad includes, calls and lengths are caught)"
fi
exit $status
