#!/bin/sh
# Plausibility check of the scenario library (`make check-scenarios`).
#
# For every scenario file under scenarios/ (a file with a top-level `format =`
# line; the include files under scenarios/common/, scenarios/rules/ and the
# municipalities' local-*.cfg and rent-*.cfg are not scenarios):
#   1. ./rentbridge check FILE must pass;
#   2. ./rentbridge run FILE --out TMP --quiet --replications 400 must succeed
#      (with --set scenario.mode="stochastic": the assumptions at their values);
#   3. tools/check-scenarios.py compares summary.json with the ranges the
#      reference supports (scenarios/README.md, "Plausibility check"); the
#      network's groups are checked like the single scenarios of the same name.
# Then (when SCENARIOS is not set) tools/check-network.py compares each group of
# scenarios/network.cfg with its single scenario scenarios/<municipality>/<group>.cfg:
# the means within 5 combined MCSE at REPLICATIONS, the network's whole cohort with
# the size-weighted singles, and, with the group moved to the front of the network
# (so that it draws the single scenario's random numbers), the same results number
# for number at EXACT_REPLICATIONS.
# Exit status 0 when every scenario passes, 1 otherwise (every failure is named:
# scenario, group, measure, value and range).
#
# Environment: RENTBRIDGE (default ./rentbridge), REPLICATIONS (default 400),
# EXACT_REPLICATIONS (default 20), SCENARIOS (default: every scenario file under
# scenarios/).
set -u

RB=${RENTBRIDGE:-./rentbridge}
REPS=${REPLICATIONS:-400}
here=$(dirname "$0")

if [ ! -x "$RB" ]; then
  echo "check-scenarios: $RB not found; run make first" >&2
  exit 2
fi

compare_network=0
if [ -z "${SCENARIOS:-}" ]; then
  compare_network=1
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
network_out=
single_outs=
network_msg=
for f in $SCENARIOS; do
  n=$((n + 1))
  if ! "$RB" check "$f" >"$tmp/check.txt" 2>&1; then
    echo "FAIL $f: rentbridge check"
    sed 's/^/    /' "$tmp/check.txt"
    failed=$((failed + 1))
    continue
  fi
  out="$tmp/run$n"
  # In stochastic mode: the ranges are for the central assumptions, and the
  # network's groups draw the same numbers as their single scenarios only
  # without psa draws (the library itself runs in psa mode, common/run.cfg).
  if ! "$RB" run "$f" --out "$out" --quiet --replications "$REPS" \
       --set 'scenario.mode="stochastic"' >"$tmp/run.txt" 2>&1; then
    echo "FAIL $f: rentbridge run"
    sed 's/^/    /' "$tmp/run.txt"
    failed=$((failed + 1))
    continue
  fi
  if ! python3 "$here/check-scenarios.py" "$f" "$out/summary.json"; then
    failed=$((failed + 1))
  fi
  case $f in
    scenarios/network.cfg) network_out=$out ;;
    scenarios/common/* | scenarios/rules/*) ;;
    scenarios/*/*.cfg) single_outs="$single_outs $out" ;;
  esac
done

if [ "$compare_network" -eq 1 ]; then
  if [ -z "$network_out" ]; then
    echo "FAIL scenarios/network.cfg: no results to compare with the single scenarios"
    failed=$((failed + 1))
  else
    # shellcheck disable=SC2086 # single_outs is a list of folders without spaces
    if python3 "$here/check-network.py" --exact "$RB" "${EXACT_REPLICATIONS:-20}" \
         "$network_out" $single_outs; then
      network_msg="; network.cfg's groups equal the single scenarios"
    else
      failed=$((failed + 1))
    fi
  fi
fi

if [ "$failed" -ne 0 ]; then
  echo "check-scenarios: $failed failure(s) among $n scenario(s) and the network comparison"
  exit 1
fi
echo "check-scenarios: all $n scenario(s) within the reference's ranges$network_msg"
exit 0
