#!/usr/bin/env bash
# coopgraph, python-igraph and NetworkX side by side, on the same files, in
# one run on this machine. Every figure is a whole process, as a user feels
# it: `/usr/bin/time` gives the wall time and the peak memory of the command
# (coopgraph) or the script (peers), reading the file included. Each tool
# runs each operation in a fresh process.
#
# Prints two Markdown tables:
#   1. whole process: wall s and peak MB of each tool, and the ratio
#      coopgraph / igraph (the figure the targets are stated in);
#   2. diagnostic: the in-process time of the operation alone (coopgraph's
#      --timings phases, the peers' own timers). Never the headline: it
#      leaves out reading and checking the file.
#
# Usage: scripts/bench_peers.sh [small|large|csv-small|csv-large|iati|all]   (default: all)
#   small:     40k orgs, 10k projects (~50k nodes, ~230k relations), dataset JSON
#   large:     400k orgs, 100k projects (~500k nodes, ~2.8M relations), dataset JSON
#   csv-small: a 250k-relation CSV edge list (source,target,relation,start,end)
#   csv-large: a 3M-relation CSV edge list (3,051,323 relations among 419,818 nodes),
#              heavy-tailed participation
#   iati:      a 100 MB IATI activity file (scripts/iati_big.py), read by
#              coopgraph (`--data FILE summary`: the graph built and checked)
#              and by Python's ElementTree streaming it (scripts/peer_iati.py:
#              a floor, it builds nothing); its own table
# Needs: cargo; python3 with venv (networkx 3.6.1 and python-igraph are
# installed into .venv-bench/); GNU time (/usr/bin/time).
# Each run is limited to $TIMEOUT seconds (default 600); a run that takes
# longer is reported as "timeout". $PEERS=igraph skips NetworkX.
set -euo pipefail
cd "$(dirname "$0")/.."
TIMEOUT=${TIMEOUT:-600}
PEERS=${PEERS:-igraph networkx}
WORK=${WORK:-target/bench-peers}
mkdir -p "$WORK"

cargo build --release --quiet
BIN=target/release/coopgraph
[[ -x .venv-bench/bin/python ]] || python3 -m venv .venv-bench
.venv-bench/bin/pip install --quiet networkx==3.6.1 scipy==1.17.1 numpy==2.4.6 python-igraph==1.0.0
PY=.venv-bench/bin/python

gen() { # file orgs projects mean [--format csv]
  local f=$1; shift 1
  [[ -f "$f" ]] || "$BIN" generate --orgs "$1" --projects "$2" --mean-partners "$3" --seed 1 "${@:4}" -o "$f" >/dev/null
}

# Runs a command under GNU time; prints "<wall s> <peak KB> <stdout>" or
# "timeout - -" / "failed - -".
measure() {
  local out err rc=0
  err=$(mktemp)
  out=$(/usr/bin/time -f "__time %e %M" -o "$err" timeout "$TIMEOUT" "$@" 2>"$err.inner") || rc=$?
  if [[ $rc == 124 ]]; then echo "timeout - -"; rm -f "$err" "$err.inner"; return; fi
  if [[ $rc != 0 ]]; then echo "failed - -"; rm -f "$err" "$err.inner"; return; fi
  local t
  t=$(awk '/^__time/ { print $2, $3 }' "$err")
  # coopgraph's in-process phase time (from --timings on stderr), else the
  # peer's own first number on stdout.
  local inner
  if [[ -n ${PHASE:-} ]]; then
    inner=$(awk -F'\t' -v re="$PHASE" '$1 ~ re { s += $2 } END { printf "%.3f", s }' "$err.inner")
  else
    inner=$(awk '{ print $1; exit }' <<<"$out")
  fi
  rm -f "$err" "$err.inner"
  echo "$t ${inner:--}"
}

mb() { [[ $1 == - ]] && echo "-" || awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }

WHOLE=()
PHASES=()
IATI=()
row() { # data op phase-regex peer-op coopgraph-args...
  local data=$1 op=$2 phase=$3 pop=$4; shift 4
  local f=$WORK/$data
  local c i n
  c=$(PHASE=$phase measure "$BIN" "$@" --data "$f" --timings)
  i="- - -"; n="- - -"
  [[ " $PEERS " == *" igraph "* ]] && i=$(measure "$PY" scripts/peers.py igraph "$pop" "$f")
  [[ " $PEERS " == *" networkx "* ]] && n=$(measure "$PY" scripts/peers.py networkx "$pop" "$f")
  read -r cs cm ci <<<"$c"; read -r is im ii <<<"$i"; read -r ns nm ni <<<"$n"
  WHOLE+=("| $data | $op | $cs | $(mb "$cm") | $is | $(mb "$im") | $ns | $(mb "$nm") | $(ratio "$cs" "$is") |")
  PHASES+=("| $data | $op | $ci | $ii | $ni |")
}

bench() { # file with_exact
  local d=$1
  row "$d" "load (summary)" '^(load|validate)$' load summary
  row "$d" pagerank '^metric pagerank$' pagerank metrics --metric pagerank --top 1
  row "$d" "k-core" '^metric core$' core metrics --metric core --top 1
  row "$d" "betweenness, 256 sources" '^metric betweenness$' betweenness-256 metrics --metric betweenness --samples 256 --seed 1 --top 1
  if [[ $2 == yes ]]; then
    row "$d" "betweenness, exact" '^metric betweenness$' betweenness-exact metrics --metric betweenness --top 1
  fi
  row "$d" "communities (Louvain)" '^communities$' louvain communities --method louvain --format csv
  # An edge list gives no node kinds (every node is an organisation), so
  # the actors projection has nothing to project there.
  if [[ $d != *.csv ]]; then
    row "$d" "actors projection" '^network$' projection metrics --view actors --metric degree --top 1
  fi
}

for set in ${1:-all}; do
  case $set in
    small|all) gen "$WORK/small.json" 40000 10000 23; bench small.json no ;;&
    large|all) gen "$WORK/large.json" 400000 100000 29; bench large.json no ;;&
    csv-small|all) gen "$WORK/small.csv" 40000 10000 23 --format csv; bench small.csv no ;;&
    csv-large|all) gen "$WORK/large.csv" 400000 108000 29 --format csv; bench large.csv no ;;&
    iati|all)
      [[ -f "$WORK/big-iati.xml" ]] || python3 scripts/iati_big.py "$WORK/big-iati.xml" 100 >/dev/null
      c=$(measure "$BIN" --quiet --data "$WORK/big-iati.xml" summary)
      p=$(measure python3 scripts/peer_iati.py "$WORK/big-iati.xml")
      read -r cs cm _ <<<"$c"; read -r ps pm _ <<<"$p"
      IATI+=("| big-iati.xml (100 MB) | read | $cs | $(mb "$cm") | $ps | $(mb "$pm") |") ;;&
    small|large|csv-small|csv-large|iati|all) ;;
    *) echo "unknown set $set" >&2; exit 2 ;;
  esac
done

echo "Whole process (wall seconds, peak MB; /usr/bin/time), $(nproc) cores"
echo
echo "| data | operation | coopgraph s | MB | igraph s | MB | NetworkX s | MB | coopgraph/igraph |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${WHOLE[@]}"
echo
echo "Diagnostic: the operation alone, in-process seconds (leaves out reading and checking)"
echo
echo "| data | operation | coopgraph | igraph | NetworkX |"
echo "|---|---|---|---|---|"
printf '%s\n' "${PHASES[@]}"
if [[ ${#IATI[@]} -gt 0 ]]; then
  echo
  echo "IATI activity XML, whole process (coopgraph builds and checks the graph; ElementTree only streams the file)"
  echo
  echo "| data | operation | coopgraph s | MB | Python ElementTree s | MB |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${IATI[@]}"
fi
