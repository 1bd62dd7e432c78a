#!/usr/bin/env python3
"""One benchmark operation in NetworkX or python-igraph, on a coopgraph dataset
file (JSON) or a CSV edge list (`source,target,relation,...`).

Used by scripts/bench_peers.sh, which runs each (tool, operation) in a fresh
process under /usr/bin/time, so that wall time and peak memory are those of
the whole process (reading the file included), as a user feels them. Prints
one line, the in-process diagnostic:
    <seconds of the operation alone> <peak RSS in KB of the process>
For `load` the operation is reading the file and building the graph.

The graph is the same one coopgraph's `full` view builds: every node, every
relation as an undirected tie, parallel ties merged. The projection is onto
states, agencies and organisations through their participation relations to
projects and networks.
"""
import json
import random
import resource
import sys
import time

PARTICIPATION = {"leads", "partner", "beneficiary", "implements", "member", "hosts",
                 "initiated", "contracts", "commissions", "funds", "cooperates_with"}
ACTORS = {"state", "agency", "organisation"}
ACTIVITIES = {"project", "network"}


def load(path):
    if path.endswith(".csv"):
        # An edge list, read as a user's script would: the csv module. Nodes
        # are named by the edges; every node is an organisation (as
        # coopgraph's --default-kind gives them).
        import csv
        kinds, edges = {}, []
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                a, b = row["source"], row["target"]
                kinds.setdefault(a, "organisation")
                kinds.setdefault(b, "organisation")
                edges.append((a, b, row.get("relation") or "cooperates_with"))
        return kinds, edges
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    kinds = {n["id"]: n["kind"] for n in data["nodes"]}
    edges = [(r["from"], r["to"], r["kind"]) for r in data["relations"]]
    return kinds, edges


def peak_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_networkx(op, path):
    import networkx as nx
    t0 = time.perf_counter()
    kinds, edges = load(path)
    G = nx.Graph()
    G.add_nodes_from(kinds)
    G.add_edges_from((a, b) for a, b, _ in edges)
    t1 = time.perf_counter()
    if op == "load":
        return t1 - t0
    if op == "pagerank":
        nx.pagerank(G, alpha=0.85)
    elif op == "core":
        G.remove_edges_from(nx.selfloop_edges(G))
        nx.core_number(G)
    elif op == "betweenness-256":
        nx.betweenness_centrality(G, k=256, seed=1)
    elif op == "betweenness-exact":
        nx.betweenness_centrality(G)
    elif op == "louvain":
        nx.community.louvain_communities(G, seed=1)
    elif op == "projection":
        B = nx.Graph()
        actors = [n for n, k in kinds.items() if k in ACTORS]
        B.add_nodes_from(actors, bipartite=0)
        B.add_edges_from((a, b) for a, b, k in edges
                         if k in PARTICIPATION and kinds[a] in ACTORS and kinds[b] in ACTIVITIES)
        t1 = time.perf_counter()
        nx.bipartite.weighted_projected_graph(B, actors)
    else:
        raise SystemExit(f"unknown operation {op}")
    return time.perf_counter() - t1


def run_igraph(op, path):
    import igraph as ig
    t0 = time.perf_counter()
    kinds, edges = load(path)
    ids = {n: i for i, n in enumerate(kinds)}
    g = ig.Graph(n=len(ids), edges=[(ids[a], ids[b]) for a, b, _ in edges], directed=False)
    g.simplify()
    t1 = time.perf_counter()
    if op == "load":
        return t1 - t0
    if op == "pagerank":
        g.pagerank(damping=0.85)
    elif op == "core":
        g.coreness()
    elif op == "betweenness-256":
        random.seed(1)
        sources = random.sample(range(g.vcount()), 256)
        g.betweenness(sources=sources)
    elif op == "betweenness-exact":
        g.betweenness()
    elif op == "louvain":
        g.community_multilevel()
    elif op == "projection":
        names = list(kinds)
        types = [kinds[n] in ACTIVITIES for n in names]
        part = [(ids[a], ids[b]) for a, b, k in edges
                if k in PARTICIPATION and kinds[a] in ACTORS and kinds[b] in ACTIVITIES]
        B = ig.Graph(n=len(names), edges=part, directed=False)
        B.vs["type"] = types
        t1 = time.perf_counter()
        B.bipartite_projection(which=0, multiplicity=True)
    else:
        raise SystemExit(f"unknown operation {op}")
    return time.perf_counter() - t1


if __name__ == "__main__":
    tool, op, path = sys.argv[1:4]
    seconds = {"networkx": run_networkx, "igraph": run_igraph}[tool](op, path)
    print(f"{seconds:.3f} {peak_kb()}")
