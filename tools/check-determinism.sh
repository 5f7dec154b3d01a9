#!/bin/sh
# The reproducibility contract: the same scenario and seed give byte-identical
# summary.json and CSV files on 1 and 2 threads (and on any other count).
set -eu
scenario=${1:-tests/data/ok/bench.cfg}
reps=${2:-300}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in 1 2 3; do
  ./rentbridge run "$scenario" --replications "$reps" --threads "$t" \
    --out "$tmp/t$t" --quiet
done
status=0
for f in summary.json summary.csv items.csv yearly.csv monthly.csv \
         outcomes.csv parameters.csv scenario.cfg; do
  for t in 2 3; do
    if ! cmp -s "$tmp/t1/$f" "$tmp/t$t/$f"; then
      echo "check-determinism: $f differs between 1 and $t threads" >&2
      status=1
    fi
  done
done
if [ "$status" -eq 0 ]; then
  echo "check-determinism: identical on 1, 2 and 3 threads ($scenario, $reps replications)"
fi
exit $status
