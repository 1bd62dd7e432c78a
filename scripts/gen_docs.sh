#!/usr/bin/env bash
# Regenerates what the docs take from the binary:
# - the `coopgraph help COMMAND` blocks of docs/commands.md (through
#   `UPDATE_DOCS=1 cargo test --test docs`, which rewrites only the text
#   between the `<!-- generated: … -->` markers);
# - the figure previews of README.md under docs/figures/, written by the
#   report command from the embedded dataset with the built-in layout and a
#   fixed as-of date, so that they are the same bytes on every machine.
# The README's tour output is pasted by hand from the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."

AS_OF="${AS_OF:-2026-12-02}"
FIGURES=(serbia-timeline councils comembership)

UPDATE_DOCS=1 cargo test --test docs

cargo build --release
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
target/release/coopgraph report -o "$out/report" --as-of "$AS_OF" --engine builtin
mkdir -p docs/figures
for f in "${FIGURES[@]}"; do
  cp "$out/report/figures/$f.svg" "docs/figures/$f.svg"
done
echo "docs/figures: ${FIGURES[*]} (as of $AS_OF); review with: git diff --stat docs README.md"
