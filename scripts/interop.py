#!/usr/bin/env python3
"""Interoperability check: the real tools read coopgraph's exports of the
embedded dataset, and find the dataset in them.

- NetworkX reads the GraphML, GEXF and node-link exports (node-link with
  NetworkX 3.6's default arguments, and the `--links` file as older
  versions read it);
- python-igraph reads the GraphML exports, and its weighted PageRank runs
  (every weight a number, none NaN);
- followthemoney parses every FtM entity strictly (known schema and
  properties, every required property, no value dropped or changed by
  FtM's cleaning), then its own pipeline (`ftm statements`, then `ftm
  aggregate-statements`) drops the private `coopgraph` key, and `coopgraph
  import` of the result gives the same nodes and relations;
- the CSV folders and the Neo4j files hold the columns Gephi, Kumu, Excel
  and `neo4j-admin` read.

Usage: python3 scripts/interop.py [path/to/coopgraph]   (default target/debug/coopgraph)

Expected values come from data/*.json, read here with the json module, not
from coopgraph. NetworkX's GEXF reader knows versions 1.1draft and 1.2draft
only; the 1.3 namespace is registered here with the 1.2draft rules, which
read the same elements (spells, viz colours, attvalues). Any loss fails the
check (exit status 1, naming what was lost).
"""

import csv
import io
import json
import math
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
BIN = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "debug" / "coopgraph")
ISO = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")
DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


def dataset():
    out = {"sources": [], "nodes": [], "relations": []}
    for name in ["sources", "international", "development", "crime"]:
        data = json.loads((ROOT / "data" / f"{name}.json").read_text(encoding="utf-8"))
        for key in out:
            out[key] += data.get(key, [])
    return out


def export(fmt, path, *args):
    subprocess.run([BIN, "export", fmt, "-o", str(path), "--force", *args], check=True)


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


def check_amounts(amounts, data, fmt):
    """`amounts` are the amount values as the tool read them (JSON text or
    numbers): equal to the data's, integers staying integers."""
    want = [r["amount"] for r in data["relations"] if "amount" in r]
    got = [json.loads(a) if isinstance(a, str) else a for a in amounts]
    dump = lambda v: json.dumps(v, sort_keys=True)  # noqa: E731
    same = sorted(map(dump, want)) == sorted(map(dump, got))
    check(bool(want) and same, f"{fmt}: amounts as the data gives them (1000000, not 1000000.0)")


def read_gexf_13(path):
    versions = nx.readwrite.gexf.GEXF.versions
    if "1.3" not in versions:
        v = dict(versions["1.2draft"])
        v.update(NS_GEXF="http://gexf.net/1.3", NS_VIZ="http://gexf.net/1.3/viz", VERSION="1.3")
        v["SCHEMALOCATION"] = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
        versions["1.3"] = v
    return nx.read_gexf(path, version="1.3")


def check_igraph(path, data, fmt, edges):
    import igraph

    g = igraph.Graph.Read_GraphML(str(path))
    check(g.ecount() == edges, f"igraph {fmt}: {edges} edges")
    weights = g.es["weight"]
    check(all(isinstance(w, float) and not math.isnan(w) for w in weights),
          f"igraph {fmt}: every weight is a number (none NaN)")
    ranks = g.pagerank(weights="weight")
    check(len(ranks) == g.vcount() and all(math.isfinite(r) for r in ranks)
          and abs(sum(ranks) - 1) < 1e-6, f"igraph {fmt}: weighted PageRank")


def graphml_and_node_link(tmp, data):
    export("graphml", tmp / "g.graphml")
    g = nx.read_graphml(tmp / "g.graphml")
    check_graph(g, data, "graphml")
    check_amounts([d["amount"] for _, _, d in g.edges(data=True) if "amount" in d], data, "graphml")
    check_igraph(tmp / "g.graphml", data, "graphml", len(data["relations"]))

    export("json", tmp / "g.json")
    doc = json.loads((tmp / "g.json").read_text(encoding="utf-8"))
    check("edges" in doc and "links" not in doc, "node-link: edges under `edges` (NetworkX 3.6)")
    g = nx.node_link_graph(doc)  # NetworkX 3.6's default arguments
    check_graph(g, data, "node-link")
    check(g.graph["sources"] == data["sources"], "node-link: graph sources")
    check_amounts([d["amount"] for _, _, d in g.edges(data=True) if "amount" in d], data, "node-link")

    export("json", tmp / "old.json", "--links")
    doc = json.loads((tmp / "old.json").read_text(encoding="utf-8"))
    check(doc["links"] == doc["edges"], "node-link --links: the same edges under `links` and `edges`")
    # As NetworkX before 3.6 reads it by default: `links`.
    check_graph(nx.node_link_graph(doc, edges="links"), data, "node-link --links, read as `links`")
    check_graph(nx.node_link_graph(doc), data, "node-link --links, read by NetworkX 3.6")


def gexf(tmp, data):
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


def actors(tmp, data):
    export("graphml", tmp / "a.graphml", "--view", "actors")
    a = nx.read_graphml(tmp / "a.graphml")
    actor_ids = {n["id"] for n in data["nodes"] if n["kind"] in ("state", "agency", "organisation")}
    check(not a.is_directed() and set(a.nodes) <= actor_ids, "actors graphml: undirected, actors only")
    check(all(d["weight"] > 0 for _, _, d in a.edges(data=True)), "actors graphml: weighted ties")
    check_igraph(tmp / "a.graphml", data, "actors graphml", a.number_of_edges())


def rows(path, bom=False):
    raw = path.read_bytes()
    check(raw.startswith(b"\xef\xbb\xbf") == bom, f"{path.parent.name}/{path.name}: byte-order mark {'present' if bom else 'absent'}")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def csv_folders(tmp, data):
    rels = data["relations"]
    export("csv", tmp / "gephi")
    edges = rows(tmp / "gephi" / "edges.csv")
    check([(e["Source"], e["Target"], e["Label"]) for e in edges]
          == [(r["from"], r["to"], r["kind"]) for r in rels], "csv gephi: Source, Target, Label")
    kinds = [(e["Source"], e["Target"], e["Kind"]) for e in edges]
    check(len(set(kinds)) == len(rels), "csv gephi: `Kind` keeps every parallel edge apart")
    check(all(e["Kind"].split(" ")[0] == r["kind"] for e, r in zip(edges, rels)),
          "csv gephi: `Kind` is the relation kind")
    interval = re.compile(r"^<\[(-Infinity|\d{4}-\d\d-\d\d), (Infinity|\d{4}-\d\d-\d\d)\]>$")
    dated = [(e, r) for e, r in zip(edges, rels) if r.get("start") or r.get("end")]
    check(all(interval.match(e["timeset"]) for e, _ in dated), "csv gephi: `timeset` intervals")
    check(all(e["timeset"][2:6] == r["start"][:4] for e, r in dated if r.get("start") and ISO.match(r["start"])),
          "csv gephi: `timeset` starts in the relation's start year")

    export("csv", tmp / "kumu", "--flavour", "kumu", "--bom")
    edges = rows(tmp / "kumu" / "edges.csv", bom=True)
    check([(e["From"], e["To"], e["Type"]) for e in edges]
          == [(r["from"], r["to"], r["kind"]) for r in rels], "csv kumu: From, To, Type")
    nodes = rows(tmp / "kumu" / "nodes.csv", bom=True)
    names = {n["ID"]: n["Label"] for n in nodes}
    check(names == {n["id"]: n["name"] for n in data["nodes"]}, "csv kumu --bom: every name, å ä ö included")
    for flavour in ("gephi", "kumu"):
        back = tmp / f"{flavour}.json"
        subprocess.run([BIN, "import", "--from", "csv", str(tmp / flavour), "-o", str(back), "--force"], check=True)
        b = json.loads(back.read_text(encoding="utf-8"))
        check(len(b["nodes"]) == len(data["nodes"]) and len(b["relations"]) == len(rels),
              f"csv {flavour}: `coopgraph import` reads it back")


def neo4j(tmp, data):
    export("neo4j", tmp / "neo")
    rels = rows(tmp / "neo" / "relationships.csv")
    nodes = rows(tmp / "neo" / "nodes.csv")
    for key in ("start", "end"):
        want = [(n["id"], n.get(key, "")) for n in data["nodes"]]
        got = [(n["id:ID"], n[f"{key}_text"]) for n in nodes]
        check(want == got, f"neo4j: node `{key}_text` is the date as written")
        days = [(n["id"], n[key]) for n in data["nodes"] if DAY.match(n.get(key, ""))]
        got = [(n["id:ID"], n[f"{key}:date"]) for n in nodes if n[f"{key}:date"]]
        check(days == got, f"neo4j: node `{key}:date` where the date is one day, and only there")
    want = [(r["amount"]["value"], r["amount"]["currency"]) for r in data["relations"] if "amount" in r]
    got = [(json.loads(r["amount:float"]), r["currency"]) for r in rels if r["amount:float"]]
    check(want == got and all(type(a) is type(b) for (a, _), (b, _) in zip(want, got)),
          "neo4j: `amount:float` and `currency`, whole amounts as integers")


def strict(line_no, entity):
    """FtM's own parse of one entity, without trusting it: the schema and
    every property exist, FtM's cleaning keeps every value, and every
    required property is there."""
    from followthemoney import model

    schema = model.get(entity["schema"])
    where = f"ftm line {line_no} ({entity['schema']} {entity['id']})"
    check_quiet(schema is not None, f"{where}: a known schema")
    for prop in entity["properties"]:
        check_quiet(schema.get(prop) is not None, f"{where}: `{prop}` is a property of {schema.name}")
    proxy = model.get_proxy(entity, cleaned=False)
    cleaned = proxy.to_dict()["properties"]
    for prop, values in entity["properties"].items():
        check_quiet(sorted(cleaned.get(prop, [])) == sorted(values),
                    f"{where}: FtM keeps `{prop}` as written ({values} became {cleaned.get(prop)})")
    for prop in schema.required:
        check_quiet(proxy.has(prop), f"{where}: required `{prop}`")
    schema.validate(proxy.to_dict())


def check_quiet(cond, what):
    if not cond:
        sys.exit(f"interop: FAILED: {what}")


def same_records(data, back):
    """The nodes and relations FtM's own properties carry, compared; a
    date FtM cannot hold (a season, a date derived from a duration) comes
    back as the day it starts or ends on, and a role that repeats the
    relation kind is not repeated."""

    def date(text, got):
        if text is None or ISO.match(text):
            return text == got
        return got is not None and DAY.match(got) is not None

    def sources(refs):
        return sorted({r["source"] for r in refs})

    def node(n):
        return (n["kind"], n["name"], n.get("description", ""), n.get("country"),
                sorted(a["name"] for a in n.get("aliases", [])), sources(n["sources"]))

    got = {n["id"]: n for n in back["nodes"]}
    check(got.keys() == {n["id"] for n in data["nodes"]}, "ftm pipeline: the same node ids")
    for n in data["nodes"]:
        b = got[n["id"]]
        check_quiet(node(n) == node(b), f"ftm pipeline: node {n['id']}: {node(n)} became {node(b)}")
        for key in ("start", "end"):
            check_quiet(date(n.get(key), b.get(key)), f"ftm pipeline: node {n['id']} {key}")
    check(True, "ftm pipeline: every node's kind, names, description, country, dates and sources")

    def rel(r):
        role = r.get("role")
        return (r["from"], r["to"], r["kind"], None if role == r["kind"] else role,
                r.get("note"), json.dumps(r.get("amount")), sources(r["sources"]))

    check(len(back["relations"]) == len(data["relations"]), "ftm pipeline: the same number of relations")
    # In the order of the records (FtM's aggregation may reorder entities).
    order = lambda r: json.dumps(rel(r), sort_keys=True)  # noqa: E731
    for r, b in zip(sorted(data["relations"], key=order), sorted(back["relations"], key=order)):
        check_quiet(rel(r) == rel(b), f"ftm pipeline: relation {rel(r)} became {rel(b)}")
        for key in ("start", "end"):
            check_quiet(date(r.get(key), b.get(key)), f"ftm pipeline: relation {rel(r)} {key}")
    check(True, "ftm pipeline: every relation's ends, kind, role, note, amount, dates and sources")
    want = [(s["id"], s["kind"], s["title"], s.get("file"), s.get("url"), s.get("publisher"), s.get("note"))
            for s in data["sources"]]
    got = [(s["id"], s["kind"], s["title"], s.get("file"), s.get("url"), s.get("publisher"), s.get("note"))
           for s in back["sources"]]
    check(want == got, "ftm pipeline: every source's id, kind, title, file, URL, publisher and note")


def ftm(tmp, data):
    export("ftm", tmp / "g.ftm")
    lines = (tmp / "g.ftm").read_text(encoding="utf-8").splitlines()
    for i, text in enumerate(lines, 1):
        strict(i, json.loads(text))
    check(True, f"ftm: FtM parses all {len(lines)} entities strictly")
    ftm_cli = str(Path(sys.executable).with_name("ftm"))
    subprocess.run([ftm_cli, "statements", str(tmp / "g.ftm"), "-o", str(tmp / "s.json"), "-d", "coopgraph"], check=True)
    subprocess.run([ftm_cli, "aggregate-statements", "-i", str(tmp / "s.json"), "-o", str(tmp / "agg.ftm")], check=True)
    agg = [json.loads(t) for t in (tmp / "agg.ftm").read_text(encoding="utf-8").splitlines()]
    check(len(agg) == len(lines) and not any("coopgraph" in e for e in agg),
          "ftm: statements → aggregate keeps every entity, without the `coopgraph` key")
    out = subprocess.run([BIN, "import", "--from", "ftm", str(tmp / "agg.ftm"), "-o", str(tmp / "back.json"), "--force"],
                         check=True, capture_output=True, text=True)
    check("; 0 rows left out" in out.stderr and "error" not in out.stderr,
          f"ftm pipeline: `coopgraph import` takes every entity ({out.stderr.strip()})")
    same_records(data, json.loads((tmp / "back.json").read_text(encoding="utf-8")))


def main():
    data = dataset()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        graphml_and_node_link(tmp, data)
        gexf(tmp, data)
        actors(tmp, data)
        csv_folders(tmp, data)
        neo4j(tmp, data)
        ftm(tmp, data)


if __name__ == "__main__":
    main()
