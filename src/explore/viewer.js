// coopgraph explorer: the viewer of one embedded dataset view.
//
// Reads the JSON in #coopgraph-data (written by src/explore/data.rs), draws
// it with sigma.js over a graphology graph, and keeps every control's state
// in one object `S`, mirrored in the URL hash (so that a view can be
// bookmarked and Back works). Every text from the data reaches the page
// through textContent or SVG text nodes, never as markup.
//
// The two-actor answers follow the library's definitions
// (src/analysis/participation.rs, shared.rs, path.rs) over the relations
// shown: an actor's scope is itself plus the agencies part of it; shared
// things are projects, networks, partners and funders both scopes reach.
(function () {
  "use strict";

  performance.mark("coopgraph:start");
  const D = JSON.parse(document.getElementById("coopgraph-data").textContent);
  performance.mark("coopgraph:parsed");
  const W = D.words;
  const $ = (id) => document.getElementById(id);

  /** A viewer word with its blanks ({}) filled in order. */
  function fill(key) {
    const args = Array.prototype.slice.call(arguments, 1);
    let k = 0;
    return W[key].replace(/\{\}/g, () => String(args[k++]));
  }

  /** An element with attributes and children (strings become text). */
  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children || []) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }

  /** Names folded as src/names.rs folds them: NFKD, no marks, lower case,
   * every run of other characters one space. */
  const SPECIAL = { "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "ı": "i" };
  function fold(s) {
    let out = "";
    let space = true;
    for (const ch of s.normalize("NFKD")) {
      if (/\p{M}/u.test(ch)) continue;
      const low = ch.toLowerCase();
      if (SPECIAL[low] !== undefined) {
        out += SPECIAL[low];
        space = false;
      } else if (/[\p{L}\p{N}]/u.test(ch)) {
        out += low;
        space = false;
      } else if (!space) {
        out += " ";
        space = true;
      }
    }
    return out.endsWith(" ") ? out.slice(0, -1) : out;
  }

  // ---- The data, indexed -------------------------------------------------
  // The page stores a column per field (src/explore/data.rs); the viewer
  // works on one object per node and relation.
  const L = D.cite_lists;
  const DN = D.nodes;
  const N = DN.id.map((id, i) => ({
    id, name: DN.name[i], kind: DN.kind[i], x: DN.x[i], y: DN.y[i],
    years: [DN.start_year[i], DN.end_year[i]],
    metrics: [DN.degree[i], DN.pagerank[i], DN.betweenness[i]],
    community: DN.community[i], sources: L[DN.cites[i]],
    aliases: [], description: "", country: null, start: null, end: null, data_name: null, unnamed: false,
  }));
  for (const [i, d] of DN.details) Object.assign(N[i], d);
  const DR = D.relations;
  const R = DR.kind.map((kind, k) => ({
    kind, from: DR.from[k], to: DR.to[k], years: [DR.start_year[k], DR.end_year[k]],
    sources: L[DR.cites[k]], role: null, start: null, end: null, amount: null, note: null,
  }));
  for (const [k, d] of DR.details) Object.assign(R[k], d);
  // A relation without dates of its own has its project's or network's
  // (the `to` end first, as view::effective_span takes them).
  R.forEach((r) => {
    if (r.start || r.end || (r.years[0] === null && r.years[1] === null)) return;
    const a = D.kinds[N[r.to].kind].activity ? r.to : r.from;
    r.start = N[a].start;
    r.end = N[a].end;
    r.inherited = true;
  });
  const KIND = D.kinds;
  const RKIND = D.relation_kinds;
  const rkindNo = {};
  RKIND.forEach((k, i) => (rkindNo[k.id] = i));
  const byId = new Map(N.map((n, i) => [n.id, i]));
  /** incident[i]: the relations touching node i, in relation order. */
  const incident = N.map(() => []);
  R.forEach((r, k) => {
    incident[r.from].push(k);
    if (r.to !== r.from) incident[r.to].push(k);
  });
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (const x of N.concat(R)) {
    for (const y of x.years) {
      if (y !== null) {
        minYear = Math.min(minYear, y);
        maxYear = Math.max(maxYear, y);
      }
    }
  }
  const hasYears = minYear <= maxYear;
  const METRICS = ["degree", "pagerank", "betweenness"];
  const maxMetric = METRICS.map((_, m) => N.reduce((a, n) => Math.max(a, n.metrics[m]), 1e-12));
  // Colours of communities (Okabe–Ito and Tol's muted), grey past them.
  const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
    "#CC79A7", "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"];
  const OTHER = "#BBBBBB";

  // ---- State, and the URL hash ----------------------------------------------
  function defaults() {
    return {
      kinds: new Set(KIND.map((k) => k.id)),
      rkinds: new Set(RKIND.map((k) => k.id)),
      source: "",
      country: "",
      isolated: false,
      from: hasYears ? minYear : null,
      to: hasYears ? maxYear : null,
      colour: "kind",
      size: "degree",
      sel: null,
      sel2: null,
      focus: 0,
    };
  }
  let S;

  /** The state as a hash: only what differs from the defaults. */
  function toHash() {
    const d = defaults();
    const p = new URLSearchParams();
    const list = (set, all) => (set.size === all.length ? null : [...set].sort().join(","));
    const k = list(S.kinds, KIND);
    if (k !== null) p.set("kinds", k);
    const r = list(S.rkinds, RKIND);
    if (r !== null) p.set("relations", r);
    if (S.source) p.set("source", S.source);
    if (S.country) p.set("country", S.country);
    if (S.isolated) p.set("isolated", "hide");
    if (hasYears && (S.from !== d.from || S.to !== d.to)) p.set("years", S.from + "-" + S.to);
    if (S.colour !== d.colour) p.set("colour", S.colour);
    if (S.size !== d.size) p.set("size", S.size);
    if (S.sel !== null) p.set("node", N[S.sel].id);
    if (S.sel2 !== null) p.set("with", N[S.sel2].id);
    if (S.focus) p.set("focus", String(S.focus));
    const s = p.toString();
    return s ? "#" + s : "";
  }

  function fromHash(hash) {
    const s = defaults();
    const p = new URLSearchParams(hash.replace(/^#/, ""));
    const ids = (v, all) => new Set(v.split(",").filter((x) => all.some((k) => k.id === x)));
    if (p.has("kinds")) s.kinds = ids(p.get("kinds"), KIND);
    if (p.has("relations")) s.rkinds = ids(p.get("relations"), RKIND);
    if (D.sources.some((x) => x.id === p.get("source"))) s.source = p.get("source");
    if (D.countries.includes(p.get("country"))) s.country = p.get("country");
    s.isolated = p.get("isolated") === "hide";
    const y = /^(-?\d+)-(-?\d+)$/.exec(p.get("years") || "");
    if (y && hasYears) {
      s.from = clampYear(+y[1]);
      s.to = clampYear(+y[2]);
    }
    if (p.get("colour") === "community") s.colour = "community";
    if (METRICS.includes(p.get("size"))) s.size = p.get("size");
    const node = (key) => (byId.has(p.get(key)) ? byId.get(p.get(key)) : null);
    s.sel = node("node");
    s.sel2 = s.sel === null ? null : node("with");
    if (s.sel2 === s.sel) s.sel2 = null; // a node is not compared with itself
    const f = +p.get("focus");
    s.focus = s.sel !== null && f >= 1 && f <= 3 ? f : 0;
    return s;
  }

  function clampYear(y) {
    return Math.min(maxYear, Math.max(minYear, y));
  }

  /** Records the state: a new history entry (Back returns), or, while
   * playing, the current one replaced. */
  function commit(replace) {
    const h = toHash();
    if (h === location.hash || (h === "" && location.hash === "")) return;
    const url = location.pathname + location.search + h;
    if (replace) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
  }

  // ---- What is shown ----------------------------------------------------------
  const nodeShown = new Uint8Array(N.length);
  const relShown = new Uint8Array(R.length);

  function inWindow(years) {
    if (!hasYears) return true;
    const [a, b] = years;
    return (a === null || a <= S.to) && (b === null || b >= S.from);
  }

  /** Recomputes nodeShown and relShown from the filters, the window, the
   * focus; as the library's views do: a relation is shown only if both
   * its ends are. */
  function recompute() {
    const src = S.source === "" ? -1 : D.sources.findIndex((s) => s.id === S.source);
    const cites = (x) => src < 0 || x.sources.some((c) => c[0] === src);
    // A node passes the kind and country filters; a relation also the
    // window. A node is in the window by its own dates, or because a
    // relation whose own stated dates fall in the window touches it (as
    // `coopgraph shared --from --to` counts a project whose partnerships
    // run past its own end); an undated relation vouches for nothing.
    for (let i = 0; i < N.length; i++) {
      const n = N[i];
      nodeShown[i] = S.kinds.has(KIND[n.kind].id) && (S.country === "" || n.country === S.country) ? 1 : 0;
    }
    const touched = new Uint8Array(N.length);
    for (let k = 0; k < R.length; k++) {
      const r = R[k];
      relShown[k] =
        nodeShown[r.from] && nodeShown[r.to] && S.rkinds.has(RKIND[r.kind].id) && inWindow(r.years) && cites(r)
          ? 1
          : 0;
      if (relShown[k] && (r.years[0] !== null || r.years[1] !== null)) touched[r.from] = touched[r.to] = 1;
    }
    for (let i = 0; i < N.length; i++) {
      const y = N[i].years;
      const dated = y[0] !== null || y[1] !== null;
      if (dated && !touched[i] && !inWindow(y)) nodeShown[i] = 0;
    }
    if (src >= 0) {
      // What the source says: nodes it cites or that its relations touch.
      const touched = new Uint8Array(N.length);
      R.forEach((r, k) => {
        if (relShown[k] && (r.years[0] !== null || r.years[1] !== null)) touched[r.from] = touched[r.to] = 1;
      });
      for (let i = 0; i < N.length; i++) nodeShown[i] &= touched[i] || cites(N[i]) ? 1 : 0;
    }
    if (S.focus && S.sel !== null) {
      const dist = hops(S.sel, S.focus);
      for (let i = 0; i < N.length; i++) if (dist[i] < 0) nodeShown[i] = 0;
    }
    if (S.isolated) {
      const used = new Uint8Array(N.length);
      R.forEach((r, k) => {
        if (relShown[k] && nodeShown[r.from] && nodeShown[r.to]) used[r.from] = used[r.to] = 1;
      });
      for (let i = 0; i < N.length; i++) nodeShown[i] &= used[i];
    }
    for (let k = 0; k < R.length; k++) relShown[k] &= nodeShown[R[k].from] & nodeShown[R[k].to];
  }

  /** Hop distances from `start` through shown relations (-1: not reached),
   * up to `depth` (Infinity for all), ignoring direction. Also returns the
   * BFS parents, for the shortest path. */
  function hops(start, depth, parents) {
    const dist = new Int32Array(N.length).fill(-1);
    dist[start] = 0;
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q];
      if (dist[u] >= depth) continue;
      for (const k of incident[u]) {
        if (!relShown[k]) continue;
        const r = R[k];
        const v = r.from === u ? r.to : r.from;
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          if (parents) parents[v] = u;
          queue.push(v);
        }
      }
    }
    return dist;
  }

  // ---- Two actors: shared, path -----------------------------------------------
  const kindOf = (i) => KIND[N[i].kind];
  const rk = (r) => RKIND[r.kind].id;

  /** The node and every agency part of it, through shown relations. */
  function scope(i) {
    const inside = new Set([i]);
    const stack = [i];
    while (stack.length) {
      const u = stack.pop();
      for (const k of incident[u]) {
        const r = R[k];
        if (relShown[k] && rk(r) === "part_of" && r.to === u && kindOf(r.from).id === "agency" && !inside.has(r.from)) {
          inside.add(r.from);
          stack.push(r.from);
        }
      }
    }
    return inside;
  }

  /** What an actor is involved with: key `via:node` → relation numbers. */
  function involvements(i) {
    const sc = scope(i);
    const map = new Map();
    const add = (via, other, k) => {
      const key = via + ":" + other;
      if (!map.has(key)) map.set(key, { via, other, rels: [] });
      map.get(key).rels.push(k);
    };
    const parts = [];
    for (const m of sc) {
      for (const k of incident[m]) {
        if (!relShown[k]) continue;
        const r = R[k];
        const other = r.from === m ? r.to : r.from;
        const out = r.from === m;
        const takesPart = out && RKIND[r.kind].participation;
        const concerned = !out && rk(r) === "concerns";
        if ((takesPart || concerned) && kindOf(other).activity) {
          add(kindOf(other).id === "project" ? "project" : "network", other, k);
          parts.push(other);
        }
        const direct = ["cooperates_with", "supports", "member"].includes(rk(r));
        if (direct && kindOf(other).actor && !sc.has(other)) add("partner", other, k);
      }
    }
    for (const a of new Set(parts)) {
      for (const k of incident[a]) {
        const r = R[k];
        if (relShown[k] && rk(r) === "funds" && r.to === a && r.from !== a) add("fund", r.from, k);
      }
    }
    return { scope: sc, map };
  }

  const VIA_ORDER = ["project", "network", "partner", "fund"];

  /** What actors a and b share (null when one is part of the other). */
  function shared(a, b) {
    const A = involvements(a);
    const B = involvements(b);
    if (A.scope.has(b) || B.scope.has(a)) return null;
    const items = [];
    for (const [key, x] of A.map) {
      if (!B.map.has(key) || A.scope.has(x.other) || B.scope.has(x.other)) continue;
      items.push({ via: x.via, node: x.other, rels: x.rels.concat(B.map.get(key).rels) });
    }
    items.sort((p, q) => VIA_ORDER.indexOf(p.via) - VIA_ORDER.indexOf(q.via) ||
      (N[p.node].name < N[q.node].name ? -1 : N[p.node].name > N[q.node].name ? 1 : 0));
    return items;
  }

  /** One shortest path from a to b through shown relations (node numbers),
   * or null. */
  function path(a, b) {
    const parents = new Int32Array(N.length).fill(-1);
    const dist = hops(a, Infinity, parents);
    if (dist[b] < 0) return null;
    const p = [b];
    while (p[p.length - 1] !== a) p.push(parents[p[p.length - 1]]);
    return p.reverse();
  }

  /** Shown relations between u and v. */
  function between(u, v) {
    return incident[u].filter((k) => relShown[k] && (R[k].from === v || R[k].to === v) && u !== v);
  }

  // ---- The graph and sigma ----------------------------------------------------
  // One drawn edge per pair of nodes, its relations in `rels`, its key the
  // pair's number. The pairs are found here, and an edge enters the
  // graphology graph only when it is drawn (syncEdges): on a large graph,
  // building and processing 250,000 edges took most of the page's start,
  // and software WebGL draws them in seconds a frame.
  const nn = N.length;
  const pairNo = (u, v) => (u < v ? u * nn + v : v * nn + u);
  const pairs = new Map();
  R.forEach((r, k) => {
    if (r.from === r.to) return;
    const p = pairNo(r.from, r.to);
    const rels = pairs.get(p);
    if (rels === undefined) pairs.set(p, [k]);
    else rels.push(k);
  });
  const graph = new graphology.UndirectedGraph();
  N.forEach((n, i) => graph.addNode(String(i), { x: n.x, y: -n.y, label: n.name, size: 4, color: OTHER, i }));
  /** The most lines drawn at once: past it, only the selection's lines are
   * drawn (the legend says so). */
  const MAX_LINES = 20000;
  /** Whether the shown relations are more lines than MAX_LINES. */
  let linesCapped = false;

  /** Puts in the graph the edges to draw: every pair with a shown relation,
   * or, past MAX_LINES, the highlighted ones. Returns whether it changed. */
  function syncEdges() {
    const want = new Set();
    for (const [p, rels] of pairs) {
      if (rels.some((k) => relShown[k])) want.add(p);
      if (want.size > MAX_LINES) break;
    }
    linesCapped = want.size > MAX_LINES;
    if (linesCapped) {
      want.clear();
      for (const p of hi.edges) if (p !== undefined) want.add(p);
    }
    // Sigma re-indexes the whole graph on each dropped edge, but once when
    // all are cleared.
    let changed = false;
    let stale = false;
    graph.forEachEdge((key, a) => (stale = stale || !want.has(a.pair)));
    if (stale) {
      graph.clearEdges();
      changed = true;
    }
    for (const p of want) {
      const key = String(p);
      if (graph.hasEdge(key)) continue;
      graph.addEdgeWithKey(key, String(Math.floor(p / nn)), String(p % nn), { size: 1, color: "#cccccc", rels: pairs.get(p), pair: p });
      changed = true;
    }
    return changed;
  }

  const hi = { nodes: new Set(), edges: new Set(), active: false };
  /** The drawn edge between u and v (undefined for a node and itself). */
  const edgeKey = (u, v) => (u === v ? undefined : pairNo(u, v));
  // Large graphs: edges and labels are left out while the view moves, nodes
  // are drawn as points and edges as plain lines, and a selection does not
  // fade the rest (a fade redraws every element; a highlight only the ones
  // it changes).
  const large = R.length > 20000;
  // Smaller circles on large graphs: software WebGL's frame time grows
  // with the pixels the nodes cover.
  const [minSize, sizeRange] = large ? [1.5, 6] : [3, 12];
  // The state is read before sigma starts, so its first drawing is the
  // view the address asks for.
  S = fromHash(location.hash);
  recompute();
  highlight();
  syncEdges();
  let drawnFilters = filterKey();

  performance.mark("coopgraph:graph");
  const renderer = new Sigma(graph, $("graph"), {
    edgeProgramClasses: large ? { line: Sigma.rendering.EdgeLineProgram } : {},
    nodeProgramClasses: large ? { circle: Sigma.rendering.NodePointProgram } : {},
    hideEdgesOnMove: large,
    hideLabelsOnMove: large,
    labelRenderedSizeThreshold: large ? 6 : 7,
    labelDensity: 0.5,
    zIndex: !large,
    defaultEdgeColor: "#cccccc",
    nodeReducer: (key, a) => {
      const i = a.i;
      if (!nodeShown[i]) return { ...a, hidden: true };
      const n = N[i];
      const m = METRICS.indexOf(S.size);
      const size = minSize + sizeRange * Math.sqrt(n.metrics[m] / maxMetric[m]);
      const color = S.colour === "kind" ? KIND[n.kind].colour : PALETTE[n.community] || OTHER;
      if (!hi.active) return { ...a, size, color };
      if (hi.nodes.has(i)) return { ...a, size, color, highlighted: i === S.sel || i === S.sel2, forceLabel: true, zIndex: 2 };
      if (large) return { ...a, size, color };
      return { ...a, size, color: "#e4e4e4", label: "", zIndex: 0 };
    },
    edgeReducer: (key, a) => {
      if (!a.rels.some((k) => relShown[k])) return { ...a, hidden: true };
      if (!hi.active) return a;
      if (hi.edges.has(a.pair)) return { ...a, color: "#444444", size: 2, zIndex: 2 };
      if (large) return a;
      return { ...a, color: "#f0f0f0", zIndex: 0 };
    },
  });
  const camera = renderer.getCamera();
  // The panel opening or closing changes the graph's width: sigma resizes
  // its canvases only when told (the observer's first call is the start).
  let observed = false;
  new ResizeObserver(() => {
    if (!observed) return (observed = true);
    renderer.resize();
    renderer.scheduleRender();
  }).observe($("graph"));

  /** Sets what is highlighted from the selection. */
  function highlight() {
    hi.nodes.clear();
    hi.edges.clear();
    hi.active = S.sel !== null && !!nodeShown[S.sel];
    if (!hi.active) return;
    hi.nodes.add(S.sel);
    if (S.sel2 !== null && nodeShown[S.sel2]) {
      hi.nodes.add(S.sel2);
      // What two actors share, as `coopgraph shared` answers; the panel
      // says other kinds cannot be compared, so nothing is highlighted.
      const actors = KIND[N[S.sel].kind].actor && KIND[N[S.sel2].kind].actor;
      for (const item of (actors && shared(S.sel, S.sel2)) || []) {
        hi.nodes.add(item.node);
        for (const k of item.rels) {
          hi.nodes.add(R[k].from);
          hi.nodes.add(R[k].to);
          hi.edges.add(edgeKey(R[k].from, R[k].to));
        }
      }
      const p = path(S.sel, S.sel2) || [];
      p.forEach((v, j) => {
        hi.nodes.add(v);
        if (j) hi.edges.add(edgeKey(p[j - 1], v));
      });
      return;
    }
    for (const k of incident[S.sel]) {
      if (!relShown[k]) continue;
      hi.nodes.add(R[k].from);
      hi.nodes.add(R[k].to);
      hi.edges.add(edgeKey(R[k].from, R[k].to));
    }
  }

  // ---- Applying the state -----------------------------------------------------
  /** What decides which nodes and relations are shown. */
  function filterKey() {
    return JSON.stringify([[...S.kinds], [...S.rkinds], S.source, S.country, S.isolated, S.from, S.to,
      S.focus, S.focus ? S.sel : null, S.colour, S.size]);
  }

  /** Redraws for the state: everything when the filters changed, else
   * (on a large graph) only what the highlight changes. A selected node
   * the filters hide stays selected; the panel says so. */
  function apply() {
    const before = large ? [new Set(hi.nodes), new Set(hi.edges)] : null;
    const key = filterKey();
    const filtered = key !== drawnFilters;
    if (filtered) recompute();
    highlight();
    // Past MAX_LINES the drawn lines are the highlight's, so they follow it.
    const linesChanged = (filtered || linesCapped) && syncEdges();
    if (filtered || linesChanged || !large) renderer.refresh();
    else {
      const nodes = new Set([...before[0], ...hi.nodes]);
      const edges = [...new Set([...before[1], ...hi.edges])].map(String).filter((e) => graph.hasEdge(e));
      renderer.refresh({ partialGraph: { nodes: [...nodes].map(String), edges }, skipIndexation: true });
    }
    drawnFilters = key;
    syncControls();
    legend();
    panel();
    counts();
  }

  function counts() {
    let n = 0;
    let r = 0;
    nodeShown.forEach((v) => (n += v));
    relShown.forEach((v) => (r += v));
    $("counts").textContent = fill("shown", n, N.length, r, R.length);
  }

  /** Changes the state, records it, and redraws. */
  function change(f, replace) {
    f(S);
    commit(replace);
    apply();
  }

  // ---- Controls ---------------------------------------------------------------
  function setup() {
    $("title").textContent = D.title;
    $("caption").textContent = D.caption;
    $("search-label").textContent = W.search;
    $("search").placeholder = W.search_hint;
    $("time-label").textContent = W.time;
    $("from-label").textContent = W.from;
    $("to-label").textContent = W.to;
    $("kinds-label").textContent = W.node_kinds;
    $("relation-kinds-label").textContent = W.relation_kinds;
    $("source-label").textContent = W.source;
    $("country-label").textContent = W.country;
    $("isolated-label").textContent = W.hide_isolated;
    $("colour-label").textContent = W.colour_by;
    $("size-label").textContent = W.size_by;
    $("legend-label").textContent = W.legend;
    for (const [id, key] of [["zoom-in", "zoom_in"], ["zoom-out", "zoom_out"], ["fit", "fit"], ["reset", "reset"],
      ["export-svg", "export_svg"], ["export-png", "export_png"], ["play", "play"]]) {
      $(id).textContent = W[key];
    }
    KIND.forEach((k) => {
      const box = el("input", { type: "checkbox", value: k.id, "data-kind": k.id });
      box.addEventListener("change", () => change((s) => (box.checked ? s.kinds.add(k.id) : s.kinds.delete(k.id))));
      $("kinds").append(el("label", {}, [box, " ", swatch(k.colour), " ", k.label]));
    });
    RKIND.forEach((k) => {
      if (!R.some((r) => r.kind === rkindNo[k.id])) return;
      const box = el("input", { type: "checkbox", value: k.id, "data-relation": k.id });
      box.addEventListener("change", () => change((s) => (box.checked ? s.rkinds.add(k.id) : s.rkinds.delete(k.id))));
      $("relation-kinds").append(el("label", {}, [box, " ", k.label]));
    });
    $("source").append(el("option", { value: "" }, [W.any]));
    D.sources.forEach((s) => $("source").append(el("option", { value: s.id }, [s.id + ": " + s.title])));
    $("source").addEventListener("change", (e) => change((s) => (s.source = e.target.value)));
    $("country").append(el("option", { value: "" }, [W.any]));
    D.countries.forEach((c) => $("country").append(el("option", { value: c }, [c])));
    $("country").addEventListener("change", (e) => change((s) => (s.country = e.target.value)));
    $("isolated").addEventListener("change", (e) => change((s) => (s.isolated = e.target.checked)));
    for (const [v, key] of [["kind", "kind"], ["community", "community"]]) $("colour").append(el("option", { value: v }, [W[key]]));
    $("colour").addEventListener("change", (e) => change((s) => (s.colour = e.target.value)));
    METRICS.forEach((m) => $("size").append(el("option", { value: m }, [W[m]])));
    $("size").addEventListener("change", (e) => change((s) => (s.size = e.target.value)));
    setupTime();
    $("zoom-in").addEventListener("click", () => camera.animatedZoom({ duration: 200 }));
    $("zoom-out").addEventListener("click", () => camera.animatedUnzoom({ duration: 200 }));
    $("fit").addEventListener("click", () => camera.animatedReset({ duration: 200 }));
    $("reset").addEventListener("click", () => {
      change((s) => Object.assign(s, defaults()));
      camera.animatedReset({ duration: 200 });
    });
    $("export-svg").addEventListener("click", () => download(new Blob([svgText()], { type: "image/svg+xml" }), "svg"));
    $("export-png").addEventListener("click", () => pngCanvas().toBlob((b) => download(b, "png")));
    completion($("search"), $("suggestions"), (i) => {
      change((s) => {
        s.sel = i;
        s.sel2 = null;
        s.focus = 0;
      });
      centre(i);
    });
    renderer.on("clickNode", ({ node, event }) => {
      const i = +node;
      const second = event.original.shiftKey && S.sel !== null && S.sel !== i;
      change((s) => {
        if (second) s.sel2 = i;
        else {
          s.sel = i;
          s.sel2 = null;
        }
      });
    });
    renderer.on("clickStage", () => {
      if (S.sel !== null) change((s) => Object.assign(s, { sel: null, sel2: null, focus: 0 }));
    });
    window.addEventListener("popstate", () => {
      S = fromHash(location.hash);
      apply();
    });
  }

  function swatch(colour) {
    const s = el("span", { class: "swatch", "aria-hidden": "true" });
    s.style.backgroundColor = colour;
    return s;
  }

  let playing = null;
  function setupTime() {
    if (!hasYears) {
      $("time").hidden = true;
      return;
    }
    for (const id of ["year-from", "year-to", "year-range-from", "year-range-to"]) {
      Object.assign($(id), { min: minYear, max: maxYear, step: 1 });
    }
    const set = (which, v, replace) => change((s) => {
      const y = clampYear(Math.round(+v));
      if (Number.isNaN(y)) return;
      if (which === "from") {
        s.from = y;
        s.to = Math.max(s.to, y);
      } else {
        s.to = y;
        s.from = Math.min(s.from, y);
      }
    }, replace);
    $("year-from").addEventListener("change", (e) => set("from", e.target.value));
    $("year-to").addEventListener("change", (e) => set("to", e.target.value));
    $("year-range-from").addEventListener("input", (e) => set("from", e.target.value, true));
    $("year-range-to").addEventListener("input", (e) => set("to", e.target.value, true));
    $("year-range-from").addEventListener("change", () => commit(false));
    $("year-range-to").addEventListener("change", () => commit(false));
    $("play").addEventListener("click", () => {
      if (playing) return stop();
      // Steps the window's end through the years, from its start.
      let y = S.from;
      change((s) => (s.to = y), false);
      $("play").textContent = W.pause;
      playing = setInterval(() => {
        y += 1;
        if (y > maxYear) return stop();
        change((s) => (s.to = y), true);
      }, 700);
    });
  }

  function stop() {
    clearInterval(playing);
    playing = null;
    $("play").textContent = W.play;
  }

  /** The controls as the state says (after Back, a reload, reset). */
  function syncControls() {
    document.querySelectorAll("[data-kind]").forEach((b) => (b.checked = S.kinds.has(b.value)));
    document.querySelectorAll("[data-relation]").forEach((b) => (b.checked = S.rkinds.has(b.value)));
    $("source").value = S.source;
    $("country").value = S.country;
    $("isolated").checked = S.isolated;
    $("colour").value = S.colour;
    $("size").value = S.size;
    if (hasYears) {
      $("year-from").value = $("year-range-from").value = S.from;
      $("year-to").value = $("year-range-to").value = S.to;
    }
  }

  /** Search with completion over every folded name, id and alias: exact
   * matches first, then names that start with the text, then names with a
   * word that does, then any that contain it. */
  function completion(input, list, choose) {
    let found = [];
    let active = -1;
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    const show = () => {
      list.replaceChildren();
      found.forEach((i, j) => {
        const n = N[i];
        const o = el("li", { role: "option", id: list.id + "-" + j, "aria-selected": j === active ? "true" : "false" },
          [n.name, el("span", { class: "hint" }, [" · " + KIND[n.kind].label])]);
        o.addEventListener("mousedown", (e) => {
          e.preventDefault();
          pick(j);
        });
        list.append(o);
      });
      if (!found.length && input.value.trim()) list.append(el("li", { class: "none" }, [W.no_match]));
      list.hidden = !input.value.trim();
      input.setAttribute("aria-expanded", String(!list.hidden));
      if (active >= 0) input.setAttribute("aria-activedescendant", list.id + "-" + active);
    };
    const pick = (j) => {
      const i = found[j];
      if (i === undefined) return;
      input.value = N[i].name;
      close();
      choose(i);
    };
    input.addEventListener("input", () => {
      found = search(input.value);
      active = -1;
      show();
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (!found.length) return;
        active = (active + (e.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
        show();
      } else if (e.key === "Enter") {
        e.preventDefault();
        pick(active >= 0 ? active : 0);
      } else if (e.key === "Escape") close();
    });
    input.addEventListener("blur", close);
  }

  function search(text) {
    const q = fold(text);
    if (!q) return [];
    const rank = (n) => {
      let best = 9;
      if (!n.folded) {
        // Folded once, on the first search: name, id, data name, aliases.
        const all = [n.name, n.id, n.data_name || ""].concat(n.aliases.map((a) => a[0]));
        n.folded = [...new Set(all.map(fold).filter((f) => f))];
      }
      for (const f of n.folded) {
        if (f === q) return 0;
        if (f.startsWith(q)) best = Math.min(best, 1);
        else if (f.includes(" " + q)) best = Math.min(best, 2);
        else if (f.includes(q)) best = Math.min(best, 3);
      }
      return best;
    };
    const hits = [];
    N.forEach((n, i) => {
      const r = rank(n);
      if (r < 9) hits.push([r, n.name, i]);
    });
    hits.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]));
    return hits.slice(0, 12).map((h) => h[2]);
  }

  function centre(i) {
    const d = renderer.getNodeDisplayData(String(i));
    if (d) camera.animate({ x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.5) }, { duration: 300 });
  }

  // ---- Legend -----------------------------------------------------------------
  function legend() {
    const rows = $("legend-rows");
    rows.replaceChildren();
    if (S.colour === "kind") {
      KIND.forEach((k, j) => {
        if (N.some((n) => n.kind === j)) rows.append(el("li", {}, [swatch(k.colour), " ", k.plural]));
      });
    } else {
      rows.append(el("li", {}, [fill("legend_community", D.communities)]));
    }
    rows.append(el("li", {}, [linesCapped ? fill("legend_lines_capped", MAX_LINES) : W.legend_lines]));
    let size = W[S.size];
    if (S.size === "betweenness" && D.betweenness_samples) size += " (" + fill("betweenness_sampled", D.betweenness_samples) + ")";
    $("legend-size").textContent = fill("legend_size", size);
  }

  // ---- The side panel ---------------------------------------------------------
  function dateText(d) {
    if (!d) return null;
    let t = d.text + " (" + fill("precision", W["prec_" + d.precision]) + ")";
    if (d.planned) t += ", " + W.planned;
    return t;
  }

  function datesOf(x) {
    if (!x.start && !x.end) return W.no_dates;
    return (dateText(x.start) || "?") + " – " + (dateText(x.end) || W.no_end);
  }

  function cite(c) {
    const s = D.sources[c[0]];
    const parts = [s.title];
    if (c[1] !== null && c[1] !== undefined) parts.push(fill("paragraph", c[1]));
    if (s.publisher) parts.push(fill("publisher", s.publisher));
    const li = el("li", {}, [s.id + ": " + parts.join(", ")]);
    if (s.url && /^https?:\/\//i.test(s.url)) {
      li.append(" ", el("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, [s.url]));
    }
    return li;
  }

  function nodeButton(i) {
    const b = el("button", { type: "button", class: "link" }, [N[i].name]);
    b.addEventListener("click", () => {
      change((s) => Object.assign(s, { sel: i, sel2: null, focus: 0 }));
      centre(i);
    });
    return b;
  }

  /** A relation as a list item: kind in words, the other end, role, dates,
   * amount, note, sources. */
  function relationItem(k, from) {
    const r = R[k];
    const other = r.from === from ? r.to : r.from;
    const head = r.from === from
      ? [RKIND[r.kind].label, " ", nodeButton(other)]
      : [nodeButton(other), " ", RKIND[r.kind].label];
    const details = [];
    if (r.role) details.push(W.role + ": " + r.role);
    details.push(W.dates + ": " + datesOf(r) + (r.inherited ? " (" + W.inherited + ")" : ""));
    if (r.amount) details.push(W.amount + ": " + r.amount);
    if (r.note) details.push(r.note);
    if (!relShown[k]) details.push(W.hidden);
    return el("li", { class: relShown[k] ? "" : "hidden-rel" }, [
      el("span", { class: "rel-head" }, head),
      el("div", { class: "details" }, [details.join("; ")]),
      el("ul", { class: "cites" }, r.sources.map(cite)),
    ]);
  }

  /** The most relations the panel lists for one node. */
  const MAX_LISTED = 300;

  function panel() {
    const p = $("panel");
    if (S.sel === null) {
      p.hidden = true;
      p.replaceChildren();
      return;
    }
    const i = S.sel;
    const n = N[i];
    const parts = [];
    const close = el("button", { type: "button", class: "close", "aria-label": W.close }, ["×"]);
    close.addEventListener("click", () => change((s) => Object.assign(s, { sel: null, sel2: null, focus: 0 })));
    parts.push(close, el("h2", { id: "panel-name" }, [n.name]), el("p", { class: "kind" }, [KIND[n.kind].label + (n.country ? " · " + n.country : "")]));
    if (n.unnamed) parts.push(el("p", { class: "hint" }, [W.unnamed]));
    if (!nodeShown[i]) parts.push(el("p", { class: "warn" }, [W.hidden]));
    const names = (n.data_name ? [n.data_name] : []).concat(n.aliases.map((a) => a[0] + (a[1] ? " (" + a[1] + ")" : "")));
    if (names.length) parts.push(el("p", {}, [W.aliases + ": " + names.join("; ")]));
    if (n.description) parts.push(el("p", { class: "desc" }, [n.description]));
    parts.push(el("p", {}, [W.dates + ": " + datesOf(n)]));
    parts.push(el("p", { class: "metrics" }, [W.metrics + ": " + METRICS.map((m, j) => W[m].split(" (")[0] + " " + +n.metrics[j].toPrecision(4)).join(", ") + "; " + fill("community_no", n.community + 1)]));
    parts.push(focusControl());
    if (n.sources.length) parts.push(el("h3", {}, [W.sources]), el("ul", { class: "cites" }, n.sources.map(cite)));
    if (S.sel2 !== null) parts.push(...pairSection(i, S.sel2));
    else parts.push(compareControl(i));
    // Shown relations first; a hub's list stops at MAX_LISTED.
    const rels = incident[i].filter((k) => relShown[k]).concat(incident[i].filter((k) => !relShown[k]));
    const list = el("ul", { class: "rels" }, rels.slice(0, MAX_LISTED).map((k) => relationItem(k, i)));
    if (rels.length > MAX_LISTED) list.append(el("li", { class: "hint" }, [fill("more", rels.length - MAX_LISTED)]));
    parts.push(el("h3", {}, [W.relations + " (" + rels.length + ")"]), list);
    p.replaceChildren(...parts);
    p.hidden = false;
  }

  function focusControl() {
    const sel = el("select", { id: "focus-depth", "aria-label": W.depth });
    sel.append(el("option", { value: "0" }, [W.unfocus]));
    for (const d of [1, 2, 3]) sel.append(el("option", { value: String(d) }, [W.depth + " " + d]));
    sel.value = String(S.focus);
    sel.addEventListener("change", () => change((s) => (s.focus = +sel.value)));
    return el("label", { class: "focus" }, [W.focus + " ", sel]);
  }

  function compareControl(i) {
    if (!KIND[N[i].kind].actor) return el("p", { class: "hint" }, [W.not_actor]);
    const input = el("input", { id: "compare", type: "search", autocomplete: "off", role: "combobox", "aria-expanded": "false", "aria-controls": "compare-list", placeholder: W.second_hint });
    const list = el("ul", { id: "compare-list", role: "listbox", hidden: true });
    completion(input, list, (j) => {
      if (j !== i) change((s) => (s.sel2 = j));
    });
    return el("div", { class: "search compare" }, [el("label", { for: "compare" }, [W.select_second]), input, list]);
  }

  /** What the two selected actors share, and the shortest path between
   * them, each with its evidence. */
  function pairSection(a, b) {
    const out = [el("h3", {}, [W.select_second.replace("…", "") + " " + N[b].name])];
    const close = el("button", { type: "button", class: "link" }, [W.close]);
    close.addEventListener("click", () => change((s) => (s.sel2 = null)));
    out.push(close);
    if (!KIND[N[b].kind].actor || !KIND[N[a].kind].actor) {
      out.push(el("p", { class: "hint" }, [W.not_actor]));
    } else {
      const items = shared(a, b);
      out.push(el("h3", {}, [W.shared]));
      if (items === null) {
        const [part, whole] = scope(a).has(b) ? [b, a] : [a, b];
        out.push(el("p", {}, [fill("part_of", N[part].name, N[whole].name)]));
      } else if (!items.length) {
        out.push(el("p", {}, [W.shared_none]));
      } else {
        out.push(el("ul", { class: "shared", id: "shared-list" }, items.map((it) => el("li", { "data-id": N[it.node].id }, [
          nodeButton(it.node), " (" + W["via_" + it.via] + ")",
          el("ul", { class: "rels" }, it.rels.map((k) => relationItem(k, it.node))),
        ]))));
      }
    }
    out.push(el("h3", {}, [W.path]));
    const p = path(a, b);
    if (!p) out.push(el("p", {}, [W.path_none]));
    else {
      out.push(el("p", {}, [fill("hops", p.length - 1)]));
      const hopsList = el("ol", { class: "path", id: "path-list" });
      for (let j = 1; j < p.length; j++) {
        hopsList.append(el("li", {}, [nodeButton(p[j - 1]), " — ", nodeButton(p[j]),
          el("ul", { class: "rels" }, between(p[j - 1], p[j]).map((k) => relationItem(k, p[j - 1])))]));
      }
      out.push(hopsList);
    }
    return out;
  }

  // ---- Export -----------------------------------------------------------------
  /** The shown nodes and edges as drawn now: viewport positions, sizes,
   * colours, labels. */
  function drawn() {
    const dims = renderer.getDimensions();
    const nodes = [];
    const edges = [];
    const at = (key) => {
      const d = renderer.getNodeDisplayData(key);
      const v = renderer.framedGraphToViewport(d);
      return { x: v.x, y: v.y, d };
    };
    graph.forEachEdge((key, attrs, s, t) => {
      const a = renderer.getEdgeDisplayData(key);
      if (!a || a.hidden) return;
      const [p, q] = [at(s), at(t)];
      if (p.d.hidden || q.d.hidden) return;
      edges.push({ x1: p.x, y1: p.y, x2: q.x, y2: q.y, color: a.color, size: a.size });
    });
    graph.forEachNode((key) => {
      const p = at(key);
      if (p.d.hidden) return;
      const size = renderer.scaleSize(p.d.size);
      const label = p.d.forceLabel || size >= 7 ? p.d.label : "";
      nodes.push({ x: p.x, y: p.y, r: size, color: p.d.color, label });
    });
    return { width: dims.width, height: dims.height, nodes, edges };
  }

  function svgText() {
    const g = drawn();
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    const attr = (e, a) => {
      for (const [k, v] of Object.entries(a)) e.setAttribute(k, String(v));
      return e;
    };
    attr(svg, { xmlns: NS, width: g.width, height: g.height, viewBox: "0 0 " + g.width + " " + g.height, "font-family": "sans-serif", "font-size": 11 });
    const title = document.createElementNS(NS, "title");
    title.textContent = D.title;
    const desc = document.createElementNS(NS, "desc");
    desc.textContent = D.caption;
    svg.append(title, desc, attr(document.createElementNS(NS, "rect"), { width: g.width, height: g.height, fill: "#ffffff" }));
    for (const e of g.edges) svg.append(attr(document.createElementNS(NS, "line"), { x1: e.x1.toFixed(1), y1: e.y1.toFixed(1), x2: e.x2.toFixed(1), y2: e.y2.toFixed(1), stroke: e.color, "stroke-width": e.size }));
    for (const n of g.nodes) svg.append(attr(document.createElementNS(NS, "circle"), { cx: n.x.toFixed(1), cy: n.y.toFixed(1), r: n.r.toFixed(1), fill: n.color }));
    for (const n of g.nodes) {
      if (!n.label) continue;
      const t = attr(document.createElementNS(NS, "text"), { x: (n.x + n.r + 2).toFixed(1), y: (n.y + 4).toFixed(1), fill: "#222222" });
      t.textContent = n.label;
      svg.append(t);
    }
    return new XMLSerializer().serializeToString(svg);
  }

  function pngCanvas() {
    const g = drawn();
    const scale = 2;
    const c = document.createElement("canvas");
    c.width = g.width * scale;
    c.height = g.height * scale;
    const ctx = c.getContext("2d");
    ctx.scale(scale, scale);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, g.width, g.height);
    for (const e of g.edges) {
      ctx.strokeStyle = e.color;
      ctx.lineWidth = e.size;
      ctx.beginPath();
      ctx.moveTo(e.x1, e.y1);
      ctx.lineTo(e.x2, e.y2);
      ctx.stroke();
    }
    for (const n of g.nodes) {
      ctx.fillStyle = n.color;
      ctx.beginPath();
      ctx.arc(n.x, n.y, n.r, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.fillStyle = "#222222";
    ctx.font = "11px sans-serif";
    for (const n of g.nodes) if (n.label) ctx.fillText(n.label, n.x + n.r + 2, n.y + 4);
    return c;
  }

  function download(blob, ext) {
    const a = el("a", { href: URL.createObjectURL(blob), download: "coopgraph-explorer." + ext });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  // ---- Start ------------------------------------------------------------------
  performance.mark("coopgraph:sigma");
  setup();
  syncControls();
  legend();
  panel();
  counts();
  performance.mark("coopgraph:ready");
  // For checks and benchmarks: the state and the answers, read-only.
  window.coopgraphExplorer = {
    state: () => JSON.parse(JSON.stringify({ ...S, kinds: [...S.kinds], rkinds: [...S.rkinds] })),
    shown: (id) => !!nodeShown[byId.get(id)],
    highlighted: () => [...hi.nodes].map((i) => N[i].id).sort(),
    shared: (a, b) => (shared(byId.get(a), byId.get(b)) || []).map((x) => ({ id: N[x.node].id, via: x.via })),
    path: (a, b) => (path(byId.get(a), byId.get(b)) || []).map((i) => N[i].id),
    svg: svgText,
    renderer,
  };
  document.documentElement.dataset.ready = "true";
})();
