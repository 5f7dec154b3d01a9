#!/bin/sh
# The MPI program's contract (docs/cluster.md): a run split over processes
# writes the same results folder as a single process, byte for byte (the
# manifest and the report's run facts, which name the command, the time and
# the threads, aside).  Checks a stochastic run of the bench scenario, a psa
# run, a sweep and a tornado, each on 2 processes against 1.
#   sh tools/check-mpi.sh [BUILD] [REPLICATIONS]
set -eu
build=${1:-build}
reps=${2:-200}
mpi="$build/rentbridge-mpi"
if [ ! -x "$mpi" ]; then
  echo "check-mpi: $mpi not built (OpenMPI missing: apt-get install libopenmpi-dev openmpi-bin), skipped"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
# compare NAME ARGS...: the single process, then 2 MPI processes.
compare() {
  name=$1
  shift
  "./$build/rentbridge" "$@" --replications "$reps" --out "$tmp/$name.1" --quiet
  mpirun --allow-run-as-root -np 2 --oversubscribe "$mpi" "$@" \
    --replications "$reps" --out "$tmp/$name.2" --quiet
  n=0
  for f in $(cd "$tmp/$name.1" && find . -type f ! -name manifest.json \
               ! -name report.html ! -name workbook.xlsx | sort); do
    n=$((n + 1))
    if ! cmp -s "$tmp/$name.1/$f" "$tmp/$name.2/$f"; then
      echo "check-mpi: $name: $f differs between 1 and 2 processes" >&2
      status=1
    fi
  done
  if [ "$n" -lt 3 ]; then
    echo "check-mpi: $name: only $n files written" >&2
    status=1
  fi
  echo "check-mpi: $name: $n files compared"
}
compare run run scenarios/bench.cfg
compare psa run tests/data/ok/full.cfg
compare sweep sweep scenarios/bench.cfg --param subsidy.cap --from 1000 \
  --to 3000 --step 1000
compare tornado tornado tests/data/ok/full.cfg
if [ "$status" -eq 0 ]; then
  echo "check-mpi: identical on 1 and 2 processes (bench, psa, sweep, tornado; $reps replications)"
fi
exit $status
