#!/usr/bin/env bash
# Refreshes the explorer's vendored rendering library in vendor/: the
# minified browser builds of sigma.js and graphology from npm, with their
# licences and a VERSIONS note. The build reads these files with
# include_str! (src/explore/page.rs) and never needs npm.
#
# Usage: scripts/update_vendor.sh [SIGMA_VERSION] [GRAPHOLOGY_VERSION]
# After updating, run `cargo test --test figures explorer` and
# scripts/check_report.sh (the explorer's checks in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
sigma=${1:-3.0.2}
graphology=${2:-0.26.0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "sigma@$sigma" "graphology@$graphology" >/dev/null)
for pkg in sigma graphology; do
  mkdir -p "$tmp/$pkg"
  tar xzf "$tmp/$pkg"-*.tgz -C "$tmp/$pkg"
done
mkdir -p vendor/sigma vendor/graphology
cp "$tmp/sigma/package/dist/sigma.min.js" vendor/sigma/sigma.min.js
cp "$tmp/sigma/package/LICENSE.txt" vendor/sigma/LICENSE.txt
# Without its source-map comment: a browser would ask for the .map file.
sed '/^\/\/# sourceMappingURL=/d' "$tmp/graphology/package/dist/graphology.umd.min.js" \
  > vendor/graphology/graphology.umd.min.js
cp "$tmp/graphology/package/LICENSE.txt" vendor/graphology/LICENSE.txt
{
  echo "# Vendored browser libraries of the explorer (scripts/update_vendor.sh)"
  echo "sigma $sigma MIT $(sha256sum vendor/sigma/sigma.min.js | cut -d' ' -f1) sigma.min.js"
  echo "graphology $graphology MIT $(sha256sum vendor/graphology/graphology.umd.min.js | cut -d' ' -f1) graphology.umd.min.js"
} > vendor/VERSIONS
cat vendor/VERSIONS
