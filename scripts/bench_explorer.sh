#!/usr/bin/env bash
# The explorer at scale (a benchmark, not a test): a generated graph of about
# 50,000 nodes and 250,000 relations (40k organisations, 10k projects, 26
# partners each on average, seeded) →
#   1. `coopgraph explore` as a whole process: wall time and peak memory
#      (GNU time), and its phases (--timings);
#   2. the page in headless Chromium (scripts/bench_explorer.mjs): the time
#      from navigation until the viewer is ready (data parsed, graph built,
#      first frame drawn), and the frame times while the view pans and zooms
#      (requestAnimationFrame timestamps, the browser's performance clock).
# Prints the numbers; asserts nothing. Target: opens in under 5 s.
#
# Usage: scripts/bench_explorer.sh [ORGS PROJECTS MEAN_PARTNERS]
# Needs: cargo, GNU time (/usr/bin/time), node, chromium; playwright-core
# is installed into target/report-check as scripts/check_report.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
orgs=${1:-40000}
projects=${2:-10000}
mean=${3:-26}
work=target/bench-explorer
mkdir -p "$work"
cargo build --release --quiet
bin=target/release/coopgraph
data=$work/graph-$orgs-$projects-$mean.json
[[ -f $data ]] || "$bin" generate --orgs "$orgs" --projects "$projects" \
  --mean-partners "$mean" --seed 1 -o "$data"
page=$work/explorer.html
/usr/bin/time -v "$bin" --quiet --timings --data "$data" explore -o "$page" --force \
  2> "$work/time.txt"
grep -P '^\S+\t' "$work/time.txt" | sed 's/^/phase: /'
awk -F': ' '/Elapsed \(wall clock\)/ { print "explore wall (h:mm:ss):", $2 }
            /Maximum resident set size/ { printf "explore peak RSS: %.0f MB\n", $2 / 1024 }' "$work/time.txt"
ls -l "$page" | awk '{ printf "page size: %.1f MB\n", $5 / 1048576 }'
out=target/report-check
if [ ! -d "$out/node_modules/playwright-core" ]; then
  mkdir -p "$out"
  (cd "$out" && npm install --silent --no-audit --no-fund playwright-core@1 >/dev/null)
fi
cp scripts/bench_explorer.mjs "$out/bench_explorer.mjs"
node "$out/bench_explorer.mjs" "$page"
