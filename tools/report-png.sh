#!/bin/sh
# Render a results folder's report.html to report.png with headless Chromium,
# to look at the page as a reader sees it.  Skipped (exit 0) when Chromium is
# not installed.
#   tools/report-png.sh RESULTS_DIR [WIDTH [HEIGHT]]
set -eu
dir=${1:?usage: tools/report-png.sh RESULTS_DIR [WIDTH [HEIGHT]]}
width=${2:-1240}
height=${3:-6000}
html="$dir/report.html"
if [ ! -f "$html" ]; then
  echo "report-png: $html not found" >&2
  exit 1
fi
browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then
    browser=$b
    break
  fi
done
if [ -z "$browser" ]; then
  echo "report-png: Chromium is not installed, skipped"
  exit 0
fi
abs=$(cd "$dir" && pwd)
out="$abs/report.png"
# A profile of its own, so a running browser is never disturbed.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$profile" --window-size="$width,$height" \
  --screenshot="$out" "file://$abs/report.html" >/dev/null 2>&1
if [ ! -s "$out" ]; then
  echo "report-png: $browser did not write $out" >&2
  exit 1
fi
echo "report-png: $out"
