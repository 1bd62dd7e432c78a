#!/usr/bin/env python3
"""Interoperability check: NetworkX reads coopgraph's GraphML, GEXF and
node-link exports of the embedded dataset, and finds the dataset in them.

Usage: python3 scripts/interop.py [path/to/coopgraph]   (default target/debug/coopgraph)

Expected values come from data/*.json, read here with the json module, not
from coopgraph. NetworkX's GEXF reader knows versions 1.1draft and 1.2draft
only; the 1.3 namespace is registered here with the 1.2draft rules, which
read the same elements (spells, viz colours, attvalues).
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
BIN = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "debug" / "coopgraph")


def dataset():
    out = {"sources": [], "nodes": [], "relations": []}
    for name in ["sources", "international", "development", "crime"]:
        data = json.loads((ROOT / "data" / f"{name}.json").read_text(encoding="utf-8"))
        for key in out:
            out[key] += data.get(key, [])
    return out


def export(fmt, path):
    subprocess.run([BIN, "export", fmt, "-o", str(path), "--force"], check=True)


def check(cond, what):
    if not cond:
        sys.exit(f"interop: FAILED: {what}")
    print(f"interop: ok: {what}")


def check_graph(g, data, fmt):
    nodes = {n["id"]: n for n in data["nodes"]}
    check(g.number_of_nodes() == len(nodes), f"{fmt}: {len(nodes)} nodes")
    check(g.number_of_edges() == len(data["relations"]), f"{fmt}: {len(data['relations'])} edges")
    for n in data["nodes"]:
        attrs = g.nodes[n["id"]]
        if attrs.get("kind") != n["kind"] or attrs.get("name", attrs.get("label")) != n["name"]:
            check(False, f"{fmt}: kind and name of {n['id']}")
    check(True, f"{fmt}: kind and name of every node")
    for key in ("start", "end"):
        want = sorted((r["from"], r["to"], r[key]) for r in data["relations"] if key in r)
        got = sorted((u, v, d[key]) for u, v, d in g.edges(data=True) if key in d)
        check(want == got, f"{fmt}: relation {key} dates")
    want = sorted((r["from"], r["to"], r["kind"]) for r in data["relations"])
    got = sorted((u, v, d["kind"]) for u, v, d in g.edges(data=True))
    check(want == got, f"{fmt}: every relation's ends and kind")


def read_gexf_13(path):
    versions = nx.readwrite.gexf.GEXF.versions
    if "1.3" not in versions:
        v = dict(versions["1.2draft"])
        v.update(NS_GEXF="http://gexf.net/1.3", NS_VIZ="http://gexf.net/1.3/viz", VERSION="1.3")
        v["SCHEMALOCATION"] = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
        versions["1.3"] = v
    return nx.read_gexf(path, version="1.3")


def main():
    data = dataset()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        export("graphml", tmp / "g.graphml")
        check_graph(nx.read_graphml(tmp / "g.graphml"), data, "graphml")

        export("json", tmp / "g.json")
        doc = json.loads((tmp / "g.json").read_text(encoding="utf-8"))
        try:
            g = nx.node_link_graph(doc, edges="links")
        except TypeError:  # NetworkX before 3.4
            g = nx.node_link_graph(doc)
        check_graph(g, data, "node-link")
        check(g.graph["sources"] == data["sources"], "node-link: graph sources")

        export("gexf", tmp / "g.gexf")
        g = read_gexf_13(tmp / "g.gexf")
        check(g.number_of_nodes() == len(data["nodes"]), "gexf: node count")
        check(g.number_of_edges() == len(data["relations"]), "gexf: edge count")
        dated = [n for n in data["nodes"] if n.get("start", "").isdigit()]
        for n in dated:
            spells = g.nodes[n["id"]].get("spells")
            if not spells or not str(spells[0][0]).startswith(n["start"] + "-01-01"):
                check(False, f"gexf: spell of {n['id']} starts on 1 January {n['start']}")
        check(bool(dated), f"gexf: spells of the {len(dated)} nodes that start in a given year")
        kinds = {n["id"]: n["kind"] for n in data["nodes"]}
        check(all(g.nodes[i]["kind"] == k for i, k in kinds.items()), "gexf: node kinds")
        check(all("viz" in g.nodes[i] for i in kinds), "gexf: every node has a viz colour")

        export_actors = [BIN, "export", "graphml", "--view", "actors", "-o", str(tmp / "a.graphml")]
        subprocess.run(export_actors, check=True)
        a = nx.read_graphml(tmp / "a.graphml")
        actors = {n["id"] for n in data["nodes"] if n["kind"] in ("state", "agency", "organisation")}
        check(not a.is_directed() and set(a.nodes) <= actors, "actors graphml: undirected, actors only")
        check(all(d["weight"] > 0 for _, _, d in a.edges(data=True)), "actors graphml: weighted ties")


if __name__ == "__main__":
    main()
