#!/bin/sh
# Run every test program of a build folder from the repository root and
# print one closing line "tests: N passed, N failed" (counted by cmocka).
build=${1:-build}
passed=0
failed=0
progs=0
status=0
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  progs=$((progs + 1))
  out=$(RB_BIN="$build/rentbridge" "$t" 2>&1)
  rc=$?
  printf '%s\n' "$out"
  p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' | awk '{s+=$1} END {print s+0}')
  f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ]; then
    status=1
    if [ "$f" -eq 0 ]; then
      echo "$t: exited with status $rc" >&2
      failed=$((failed + 1))
    fi
  fi
done
if [ "$progs" -eq 0 ]; then
  echo "no test programs in $build/tests" >&2
  exit 1
fi
echo "tests: $passed passed, $failed failed"
exit $status
