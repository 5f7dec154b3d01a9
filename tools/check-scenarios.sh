#!/bin/sh
# Plausibility check of the scenario library (`make check-scenarios`).
#
# For every scenario file under scenarios/ (a file with a top-level `format =`
# line; the include files under scenarios/common/, scenarios/rules/ and the
# municipalities' local-*.cfg and rent-*.cfg are not scenarios):
#   1. ./rentbridge check FILE must pass;
#   2. ./rentbridge run FILE --out TMP --quiet --replications 400 must succeed;
#   3. tools/check-scenarios.py compares summary.json with the ranges the
#      reference supports (scenarios/README.md, "Plausibility check").
# Exit status 0 when every scenario passes, 1 otherwise (every failure is named:
# scenario, group, measure, value and range).
#
# Environment: RENTBRIDGE (default ./rentbridge), REPLICATIONS (default 400),
# SCENARIOS (default: every scenario file under scenarios/).
set -u

RB=${RENTBRIDGE:-./rentbridge}
REPS=${REPLICATIONS:-400}
here=$(dirname "$0")

if [ ! -x "$RB" ]; then
  echo "check-scenarios: $RB not found; run make first" >&2
  exit 2
fi

if [ -z "${SCENARIOS:-}" ]; then
  SCENARIOS=$(find scenarios -name '*.cfg' ! -path 'scenarios/rules/*' \
                ! -path 'scenarios/common/*' | LC_ALL=C sort |
              while read -r f; do
                if grep -q '^[[:space:]]*format[[:space:]]*=' "$f"; then echo "$f"; fi
              done)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rb-check-scenarios.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

failed=0
n=0
for f in $SCENARIOS; do
  n=$((n + 1))
  if ! "$RB" check "$f" >"$tmp/check.txt" 2>&1; then
    echo "FAIL $f: rentbridge check"
    sed 's/^/    /' "$tmp/check.txt"
    failed=$((failed + 1))
    continue
  fi
  out="$tmp/run$n"
  if ! "$RB" run "$f" --out "$out" --quiet --replications "$REPS" >"$tmp/run.txt" 2>&1; then
    echo "FAIL $f: rentbridge run"
    sed 's/^/    /' "$tmp/run.txt"
    failed=$((failed + 1))
    continue
  fi
  if ! python3 "$here/check-scenarios.py" "$f" "$out/summary.json"; then
    failed=$((failed + 1))
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "check-scenarios: $failed of $n scenario(s) failed"
  exit 1
fi
echo "check-scenarios: all $n scenario(s) within the reference's ranges"
exit 0
