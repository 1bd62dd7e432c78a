#!/usr/bin/env bash
# Fuzzes every reader for SECONDS_PER_TARGET (default 40) each and fails on a
# crash, a slow input or a broken invariant. The harness is tests/fuzz/main.rs
# (stable Rust, no cargo-fuzz); a failing input is saved to target/fuzz-crashes/.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]
#   FUZZ_SEED=7 scripts/fuzz.sh 300 csv     # one target, another stream
#
# The mutation stream is seeded from the commit (or FUZZ_SEED), so a run is
# reproducible and each commit explores a different stream.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-40}"
shift || true
seed="${FUZZ_SEED:-$(( 16#$(git rev-parse --short=12 HEAD 2>/dev/null || echo 0) ))}"
echo "fuzzing ${secs}s per target, seed ${seed}"
cargo test --test fuzz -- --seconds "$secs" --seed "$seed" "$@"
