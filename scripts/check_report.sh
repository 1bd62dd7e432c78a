#!/usr/bin/env bash
# Builds the report with each layout engine available and opens it in
# headless Chromium (scripts/check_report.mjs): fails on a missing image, a
# console error or a script that ran; then checks every figure at an A4
# page's width (scripts/check_figures.mjs): fails on a label under 8 pt,
# overlapping node boxes or a legend of more than 10 rows. Leaves
# screenshots in target/report-check/ (figures-ENGINE/ for each figure) for
# review. Needs chromium and node (.ci/run installs
# chromium; playwright-core is installed here, into target/report-check).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/report-check
mkdir -p "$out"
if [ ! -d "$out/node_modules/playwright-core" ]; then
  (cd "$out" && npm install --silent --no-audit --no-fund playwright-core@1 >/dev/null)
fi
cp scripts/check_report.mjs "$out/check_report.mjs"
cp scripts/check_figures.mjs "$out/check_figures.mjs"
cargo build -q
bin=target/debug/coopgraph
engines=(builtin)
if command -v dot >/dev/null; then engines+=(graphviz); fi
for engine in "${engines[@]}"; do
  rm -rf "$out/report-$engine"
  "$bin" --quiet report -o "$out/report-$engine" --engine "$engine" --as-of 2026-11-21
  node "$out/check_report.mjs" "$out/report-$engine" "$out/report-$engine.png"
  rm -rf "$out/figures-$engine"
  node "$out/check_figures.mjs" "$out/report-$engine" "$out/figures-$engine"
done
# Hostile names: the report of a dataset full of markup must not run it.
if [ -f tests/fixtures/hostile/hostile.json ]; then
  rm -rf "$out/report-hostile"
  "$bin" --quiet --data tests/fixtures/hostile/hostile.json report -o "$out/report-hostile" \
    --spec tests/fixtures/hostile/report.toml --engine builtin --as-of 2026-11-21
  node "$out/check_report.mjs" "$out/report-hostile" "$out/report-hostile.png"
fi
echo "report check passed (${engines[*]})"
# The explorer (coopgraph explore, and the report's explorer.html): its
# interactions, policy and hostile names, in headless Chromium.
mkdir -p target/explorer-check
cp scripts/check_explorer.mjs "$out/check_explorer.mjs"
node "$out/check_explorer.mjs" "$bin" target/explorer-check
