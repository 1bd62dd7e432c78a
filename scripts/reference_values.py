#!/usr/bin/env python3
"""Independent reference values for coopgraph's graph-metric tests.

The Rust metric implementations in coopgraph are checked against numbers
computed here with NetworkX, a widely used and independently written library.
This script is the single source of those numbers: it builds four small,
well-known graphs, computes every metric the Rust tests compare against, and
writes them to ``tests/reference/``:

* ``<name>.csv``   -- the edge list, header ``source,target,weight``.
* ``<name>.json``  -- the metric values (shape documented in ``metrics()``).
* ``disconnected.nodes.csv`` -- header ``id``, every node of the
  ``disconnected`` graph, because an edge list cannot carry its isolated node.

Graphs
------
* ``karate``       Zachary's karate club, ``nx.karate_club_graph()``.
                   NetworkX >= 2.8 attaches interaction-count weights to its
                   edges; they are DROPPED here: the graph is unweighted.
* ``florentine``   Padgett's Florentine families (marriage ties),
                   ``nx.florentine_families_graph()``, unweighted.  NetworkX
                   leaves out the isolated Pucci family (15 nodes, not 16).
* ``lesmis``       Les Miserables co-appearances, ``nx.les_miserables_graph()``,
                   WEIGHTED by its integer ``weight`` attribute.
* ``disconnected`` Built here: the Florentine graph (names kept), plus a path
                   of five nodes ``p0 - p1 - p2 - p3 - p4``, plus one isolated
                   node ``alone``.  Unweighted, three connected components.

Conventions
-----------
* Node names are written as strings (karate's integer nodes become "0".."33").
* Everything that is "sorted" is sorted by the node name AS A STRING (Python's
  code-point order, which equals byte order of UTF-8, i.e. Rust's ``str``
  ordering).  So karate's nodes sort "0", "1", "10", "11", ..., "2", ...
* In the edge list and in ``bridges`` each pair is written with the smaller
  name first, and the pairs are then sorted.
* Weights: ``weight`` is 1 for every edge of an unweighted graph.  Metrics
  that the brief defines on hops (betweenness, closeness, clustering,
  transitivity, core numbers, articulation points, bridges) ignore weights
  even on the weighted graph; degree-like metrics (strength), eigenvector
  centrality, PageRank and modularity use weights when the graph is weighted.
* Floats are written by ``json`` with ``repr`` precision (shortest string that
  round-trips the IEEE double), so no precision is lost.
* Output is deterministic: JSON is dumped with ``indent=1, sort_keys=True`` and
  a trailing newline; CSVs use the csv module, UTF-8, ``\\n`` line ends.
  (Louvain is seeded; eigenvector values come from LAPACK's dense solver, see
  ``eigenvector()``; reruns on the same machine are bit-identical.  Across
  machines/BLAS builds the last ulp or two of floating-point values may
  differ: compare with a tolerance, never with ==.)

Regenerate with (from the repository root)::

    python3 -m venv .venv
    .venv/bin/pip install networkx==3.6.1 scipy==1.17.1 numpy==2.4.6
    .venv/bin/python scripts/reference_values.py
"""

import csv
import json
import os
import sys

import networkx as nx
import numpy as np
import scipy

# Output directory: <repo>/tests/reference, found from this file's location so
# the script can be run from any working directory.
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "tests", "reference")

# Seeds for the Louvain runs (the brief asks for five seeded runs).
LOUVAIN_SEEDS = (1, 2, 3, 4, 5)


# ---------------------------------------------------------------------------
# Graph construction
# ---------------------------------------------------------------------------

def as_string_names(G):
    """Return a copy of G whose node names are strings (karate uses ints)."""
    return nx.relabel_nodes(G, {n: str(n) for n in G}, copy=True)


def unweighted(G):
    """Return a copy of G with the same nodes and edges but no attributes."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes())
    H.add_edges_from(G.edges())
    return H


def build_graphs():
    """Return a list of (name, graph, weighted) in output order."""
    karate = unweighted(as_string_names(nx.karate_club_graph()))
    florentine = unweighted(as_string_names(nx.florentine_families_graph()))

    # Les Miserables: keep only the `weight` attribute, as a number.
    lesmis = nx.Graph()
    L = nx.les_miserables_graph()
    lesmis.add_nodes_from(str(n) for n in L.nodes())
    for u, v, d in L.edges(data=True):
        lesmis.add_edge(str(u), str(v), weight=d["weight"])

    # Disconnected: Florentine families (names kept, already disjoint from the
    # others) + path p0..p4 + isolated node 'alone'.  nx.union keeps names,
    # unlike nx.disjoint_union which renumbers nodes to integers.
    path = nx.relabel_nodes(nx.path_graph(5), {i: f"p{i}" for i in range(5)})
    disconnected = unweighted(nx.union(florentine, path))
    disconnected.add_node("alone")

    return [
        ("karate", karate, False),
        ("florentine", florentine, False),
        ("lesmis", lesmis, True),
        ("disconnected", disconnected, False),
    ]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def sorted_pair(u, v):
    """An undirected pair written with the smaller name first."""
    return [u, v] if u <= v else [v, u]


def edge_weight(G, u, v, weighted):
    return G[u][v]["weight"] if weighted else 1


def floats(d):
    """Node -> float, converting ints that NetworkX sometimes returns (e.g.
    clustering is the int 0 for nodes of degree < 2)."""
    return {str(n): float(x) for n, x in d.items()}


def ints(d):
    return {str(n): int(x) for n, x in d.items()}


def eigenvector(G, weight, notes):
    """Exact eigenvector centrality (unit Euclidean norm, all entries > 0),
    or None when NetworkX refuses (disconnected graphs: the leading
    eigenvector is not unique, each component has its own).

    NetworkX's nx.eigenvector_centrality_numpy is the reference definition,
    but it calls scipy's ARPACK wrapper (scipy.sparse.linalg.eigs) without a
    starting vector, and since scipy 1.15 that vector is drawn from OS
    entropy: the last 1-3 ulps of its result change from run to run.  To keep
    the output files bit-for-bit reproducible, the values WRITTEN are the
    leading eigenvector from LAPACK's dense symmetric solver
    (numpy.linalg.eigh, deterministic), and NetworkX's result is used as an
    independent check that must agree to 1e-12.
    """
    try:
        ev = nx.eigenvector_centrality_numpy(G, weight=weight)
    except nx.AmbiguousSolution as e:
        notes.append(
            "eigenvector is null: nx.eigenvector_centrality_numpy raised "
            f"AmbiguousSolution ('{e}'). On a disconnected graph the leading "
            "eigenvalue's eigenspace is not one-dimensional in general, so "
            "the centrality is not well defined without a per-component "
            "convention.")
        return None
    nx_vec = np.array([ev[n] for n in G])

    # Dense symmetric eigen-decomposition of the (weighted) adjacency matrix.
    # eigh returns eigenvalues in ascending order, so the last column is the
    # leading (Perron) eigenvector; it is unique up to sign for a connected
    # graph (the graph's eigenvalue of largest modulus might be tied with its
    # negative for a bipartite graph, but eigh picks the largest VALUE).
    A = nx.to_numpy_array(G, nodelist=list(G), weight=weight)
    vals, vecs = np.linalg.eigh(A)
    assert vals[-1] - vals[-2] > 1e-9, "leading eigenvalue must be simple"
    vec = vecs[:, -1]
    # Make signs positive and normalise to unit Euclidean norm, as NetworkX.
    vec = vec * np.sign(vec.sum()) / np.linalg.norm(vec)
    assert (vec > 0).all(), "connected graph must have a positive Perron vector"

    diff = float(np.max(np.abs(nx_vec - vec)))
    assert diff < 1e-12, f"eigenvector cross-check failed: {diff}"
    notes.append(
        "eigenvector: leading eigenvector of the "
        + ("weighted " if weight else "")
        + "adjacency matrix, normalised to unit Euclidean norm (NOT max=1, "
        "NOT sum=1), signs positive, as nx.eigenvector_centrality_numpy. "
        "Values come from numpy.linalg.eigh (deterministic); NetworkX's "
        "ARPACK result, which varies in the last ulps from run to run, "
        "agrees within 1e-12. Leading eigenvalue: "
        f"{float(vals[-1])!r}.")
    return {str(n): float(x) for n, x in zip(G, vec)}


# ---------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------

def metrics(name, G, weighted):
    """All reference values for one graph, as a JSON-ready dict."""
    w = "weight" if weighted else None
    notes = []

    # Degree (neighbour count) and strength (sum of incident edge weights;
    # equal to the degree when unweighted).
    degree = ints(dict(G.degree()))
    strength = floats(dict(G.degree(weight=w)))

    # Shortest-path metrics on hops (weight=None even when weighted).
    betweenness = floats(nx.betweenness_centrality(G, normalized=True, weight=None))
    closeness = floats(nx.closeness_centrality(G, wf_improved=True))

    ev = eigenvector(G, w, notes)

    pagerank = floats(nx.pagerank(G, alpha=0.85, weight=w, tol=1e-14, max_iter=10000))
    assert abs(sum(pagerank.values()) - 1.0) < 1e-12

    # Local clustering and global transitivity, both unweighted.
    clustering = floats(nx.clustering(G))
    transitivity = float(nx.transitivity(G))

    core = ints(nx.core_number(G))
    components = nx.number_connected_components(G)
    articulation = sorted(str(n) for n in nx.articulation_points(G))
    bridges = sorted(sorted_pair(str(u), str(v)) for u, v in nx.bridges(G))

    # Louvain: five seeded runs at resolution 1; modularity of each result
    # computed with the same weight convention.
    louvain = []
    for s in LOUVAIN_SEEDS:
        comms = nx.community.louvain_communities(G, weight=w, resolution=1.0, seed=s)
        louvain.append({
            "seed": s,
            "resolution": 1.0,
            "modularity": float(nx.community.modularity(G, comms, weight=w)),
            "communities": len(comms),
        })

    # Clauset-Newman-Moore greedy modularity: a second, deterministic point.
    greedy = nx.community.greedy_modularity_communities(G, weight=w)
    greedy_q = float(nx.community.modularity(G, greedy, weight=w))

    notes.append(
        "betweenness: normalized=True divides by (n-1)(n-2)/2 with n = all "
        "nodes of the graph; weights ignored (hops).")
    notes.append(
        "closeness: hops; wf_improved=True scales by (r-1)/(n-1), r = nodes "
        "reachable from the node (itself included); 0.0 for an isolated node.")
    notes.append(
        "pagerank: undirected edges count in both directions"
        + (" with their weight (a node passes rank to neighbours in "
           "proportion to edge weight / strength)" if weighted else "")
        + "; dangling (isolated) nodes spread their rank uniformly over all "
          "nodes; alpha=0.85, tol=1e-14 (NetworkX's L1 stopping test scaled "
          "by n).")
    notes.append(
        "louvain/greedy_modularity: modularity with weight="
        f"{w!r}; Louvain results depend on NetworkX's node ordering and "
        "seeded RNG, so a different implementation is only expected to reach "
        "a comparable modularity, not the same partition.")

    return {
        "graph": name,
        "weighted": weighted,
        "networkx": nx.__version__,
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "degree": degree,
        "strength": strength,
        "betweenness": betweenness,
        "closeness": closeness,
        "eigenvector": ev,
        "pagerank": pagerank,
        "clustering": clustering,
        "transitivity": transitivity,
        "core": core,
        "components": components,
        "articulation_points": articulation,
        "bridges": bridges,
        "louvain": louvain,
        "greedy_modularity": greedy_q,
        "notes": notes,
    }


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def write_edges(path, G, weighted):
    rows = sorted(
        sorted_pair(str(u), str(v)) + [edge_weight(G, u, v, weighted)]
        for u, v in G.edges())
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["source", "target", "weight"])
        out.writerows(rows)


def write_nodes(path, G):
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["id"])
        out.writerows([n] for n in sorted(str(n) for n in G))


def write_json(path, data):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        # allow_nan=False: a NaN/inf would not be valid JSON; fail loudly.
        json.dump(data, f, indent=1, sort_keys=True, ensure_ascii=False,
                  allow_nan=False)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    print(f"networkx {nx.__version__}, scipy {scipy.__version__}, "
          f"numpy {np.__version__}, python {sys.version.split()[0]}")
    for name, G, weighted in build_graphs():
        write_edges(os.path.join(OUT, f"{name}.csv"), G, weighted)
        if name == "disconnected":
            write_nodes(os.path.join(OUT, f"{name}.nodes.csv"), G)
        data = metrics(name, G, weighted)
        write_json(os.path.join(OUT, f"{name}.json"), data)
        print(f"{name}: {data['nodes']} nodes, {data['edges']} edges, "
              f"{data['components']} component(s), weighted={weighted}")


if __name__ == "__main__":
    main()
