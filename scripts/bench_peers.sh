#!/usr/bin/env bash
# coopgraph, NetworkX and python-igraph side by side on the same generated
# datasets. Prints one Markdown table: wall time (s) and peak memory (MB) of
# each operation, each tool in a fresh process, and coopgraph/igraph and
# NetworkX/coopgraph ratios.
#
# Usage: scripts/bench_peers.sh [small|large|all]   (default: all)
#   small: 40k orgs, 10k projects  (~50k nodes, ~230k relations)
#   large: 400k orgs, 100k projects (~500k nodes, ~2.8M relations)
# Needs: cargo; python3 with venv (networkx 3.6.1 and python-igraph are
# installed into .venv-bench/); GNU time (/usr/bin/time).
# Each peer run is limited to $TIMEOUT seconds (default 600); a run that takes
# longer is reported as "timeout".
set -euo pipefail
cd "$(dirname "$0")/.."
TIMEOUT=${TIMEOUT:-600}
WORK=${WORK:-target/bench-peers}
mkdir -p "$WORK"

cargo build --release --quiet
BIN=target/release/coopgraph
[[ -x .venv-bench/bin/python ]] || python3 -m venv .venv-bench
.venv-bench/bin/pip install --quiet networkx==3.6.1 scipy==1.17.1 numpy==2.4.6 python-igraph==1.0.0
PY=.venv-bench/bin/python

gen() { # name orgs projects mean
  [[ -f "$WORK/$1.json" ]] || "$BIN" generate --orgs "$2" --projects "$3" --mean-partners "$4" --seed 1 -o "$WORK/$1.json"
}

# coopgraph: the operation's own time from --timings, peak RSS from GNU time.
cg() { # file phase-regex args...
  local file=$1 phase=$2; shift 2
  local err
  local rc=0
  err=$( { /usr/bin/time -f "peak %M" timeout "$TIMEOUT" "$BIN" "$@" --data "$file" --timings >/dev/null; } 2>&1 ) || rc=$?
  if [[ $rc != 0 ]]; then [[ $rc == 124 ]] && echo "timeout -" || echo "failed -"; return; fi
  local secs mem
  secs=$(awk -F'\t' -v re="$phase" '$1 ~ re { s += $2 } END { printf "%.3f", s }' <<<"$err")
  mem=$(awk '/^peak/ { print $2 }' <<<"$err")
  echo "$secs $mem"
}

peer() { # tool op file
  local out rc=0
  out=$(timeout "$TIMEOUT" "$PY" scripts/peers.py "$1" "$2" "$3" 2>/dev/null) || rc=$?
  if [[ $rc == 124 ]]; then echo "timeout -"; elif [[ $rc != 0 ]]; then echo "failed -"; else echo "$out"; fi
}

mb() { [[ $1 == - ]] && echo "-" || awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }

row() { # size op coopgraph-result igraph-result networkx-result
  read -r cs cm <<<"$3"; read -r is im <<<"$4"; read -r ns nm <<<"$5"
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" \
    "$1" "$2" "$cs" "$(mb "$cm")" "$is" "$(mb "$im")" "$ns" "$(mb "$nm")" "$(ratio "$cs" "$is")" "$(ratio "$ns" "$cs")"
}

bench() { # name with_exact
  local f="$WORK/$1.json"
  row "$1" load "$(cg "$f" '^(load|validate)$' summary)" "$(peer igraph load "$f")" "$(peer networkx load "$f")"
  row "$1" pagerank "$(cg "$f" '^metric pagerank$' metrics --metric pagerank --top 1)" "$(peer igraph pagerank "$f")" "$(peer networkx pagerank "$f")"
  row "$1" "betweenness, 256 sources" "$(cg "$f" '^metric betweenness$' metrics --metric betweenness --samples 256 --seed 1 --top 1)" "$(peer igraph betweenness-256 "$f")" "$(peer networkx betweenness-256 "$f")"
  if [[ $2 == yes ]]; then
    row "$1" "betweenness, exact" "$(cg "$f" '^metric betweenness$' metrics --metric betweenness --top 1)" "$(peer igraph betweenness-exact "$f")" "not-run -"
  fi
  row "$1" "communities (Louvain)" "$(cg "$f" '^communities$' communities --method louvain --format csv)" "$(peer igraph louvain "$f")" "$(peer networkx louvain "$f")"
  row "$1" "actors projection" "$(cg "$f" '^network$' metrics --view actors --metric degree --top 1)" "$(peer igraph projection "$f")" "$(peer networkx projection "$f")"
}

echo "| data | operation | coopgraph s | MB | igraph s | MB | NetworkX s | MB | coopgraph/igraph | NetworkX/coopgraph |"
echo "|---|---|---|---|---|---|---|---|---|---|"
case ${1:-all} in
  small|all) gen small 40000 10000 23; bench small yes ;;&
  large|all) gen large 400000 100000 29; bench large no ;;
esac
