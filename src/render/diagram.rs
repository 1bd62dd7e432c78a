//! What a network diagram shows, independent of how it is drawn.
//!
//! A [`Diagram`] is built by [`Diagram::build`] from a [`NetworkFigure`]
//! (what the user asks for) and a selection: from the [`View`] (every node
//! and relation of the selection) or from its actors projection. It holds
//! drawable nodes, edges and clusters with their labels and hover texts, and
//! its title, caption and [`DiagramCounts`], so a caller has everything the
//! figure states without deriving it again. Both back
//! ends draw from it: [`super::dot`] (a Graphviz DOT AST) and
//! [`super::layout`]'s built-in layout. So the two engines show the same
//! things, and a fix to what is shown is made once.
//!
//! ```
//! use coopgraph::{graph::CoopGraph, model::Lang, view::{Selection, View}};
//! use coopgraph::render::diagram::{Diagram, NetworkFigure};
//! let g = CoopGraph::embedded().unwrap();
//! let serbia = g.resolve("Serbia").unwrap();
//! let sel = Selection { ego: Some((serbia, 1)), ..Selection::default() };
//! let d = Diagram::build(&g, &sel, &NetworkFigure::default(), Lang::EN, "my.json").unwrap();
//! assert!(d.nodes.iter().any(|n| n.label == "Serbia"));
//! let view = View::new(&g, &sel);
//! assert_eq!(d.edges.len(), view.relation_indices().count());
//! assert_eq!(d.counts.relations, d.edges.len());
//! assert!(d.caption.starts_with("Data: my.json."));
//! ```

use super::engine::Engine;
use crate::error::{Error, Result};
use crate::format_sources;
use crate::graph::CoopGraph;
use crate::metrics::{self, Metric};
use crate::model::{Lang, NodeKind, RelationKind};
use crate::network::{Network, ViewKind, WeightBy, split_kinds};
use crate::view::{Selection, View, effective_span};
use crate::words::{W, fill, word};
use std::collections::BTreeMap;

/// The options of a network figure, as the user asks for it: which view,
/// what sizes nodes, whether networks are clusters. [`Diagram::build`] turns
/// it and a selection into a diagram; `render`, `report` and `export
/// dot` all go through it.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkFigure {
    /// Every node and relation (`Full`), or actors tied by what they share.
    pub view: ViewKind,
    /// What a tie's width means in the actors view.
    pub weight: WeightBy,
    /// The metric (computed on the drawn view) that sizes node labels.
    pub size_by: Option<Metric>,
    /// Draw each network as a box with its members inside.
    pub cluster_networks: bool,
    /// Leave out nodes that no drawn edge touches.
    pub drop_isolated: bool,
    /// Title; default from the selection.
    pub title: Option<String>,
    /// Wrap node labels at this many characters.
    pub wrap: usize,
    /// What the figure leaves out of the selection.
    pub exclude: Exclusion,
    /// Draw at most this many free nodes by name (the ego centre and those
    /// ranked highest by PageRank); the others are drawn as small unnamed
    /// dots coloured by their kind (the name on hover).
    pub max_nodes: Option<usize>,
    /// No title or caption painted (the writer adds their own); the title
    /// stays in the SVG's `<title>`.
    pub bare: bool,
}

/// What a network figure leaves out of its selection: relation kinds, node
/// kinds and nodes (graph indices). Relations touching a left-out node go,
/// and so do nodes that only left-out relations tied in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Exclusion {
    pub relations: Vec<RelationKind>,
    pub kinds: Vec<NodeKind>,
    pub nodes: Vec<usize>,
}

impl Exclusion {
    pub fn is_empty(&self) -> bool {
        self.relations.is_empty() && self.kinds.is_empty() && self.nodes.is_empty()
    }

    /// The rule in words: `relations "is member of"; states; Budapest Process`.
    fn words(&self, g: &CoopGraph, lang: Lang) -> String {
        let mut parts = Vec::new();
        if !self.relations.is_empty() {
            let kinds: Vec<String> = self
                .relations
                .iter()
                .map(|k| format!("\"{}\"", crate::words::relation(*k, lang)))
                .collect();
            parts.push(fill(W::Relations, lang, &[&kinds.join(", ")]));
        }
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self
                .kinds
                .iter()
                .map(|k| crate::words::kind_plural(*k, lang))
                .collect();
            parts.push(kinds.join(", "));
        }
        for &i in &self.nodes {
            parts.push(g.display_name(i, lang).to_string());
        }
        parts.join("; ")
    }
}

impl Default for NetworkFigure {
    fn default() -> Self {
        NetworkFigure {
            view: ViewKind::Full,
            weight: WeightBy::Shared,
            size_by: None,
            cluster_networks: false,
            drop_isolated: false,
            title: None,
            wrap: 22,
            exclude: Exclusion::default(),
            max_nodes: None,
            bare: false,
        }
    }
}

/// Why `cluster_networks` cannot be drawn with this view and layout, if it
/// cannot: clusters hold the members of networks, which the actors view does
/// not have, and Graphviz's neato and sfdp ignore clusters.
///
/// ```
/// use coopgraph::network::ViewKind;
/// use coopgraph::render::{diagram::cluster_problem, engine::Engine};
/// assert!(cluster_problem(true, ViewKind::Full, Engine::Dot).is_none());
/// assert!(cluster_problem(true, ViewKind::Full, Engine::Sfdp).is_some());
/// assert!(cluster_problem(false, ViewKind::Actors, Engine::Sfdp).is_none());
/// ```
pub fn cluster_problem(cluster: bool, view: ViewKind, engine: Engine) -> Option<String> {
    if !cluster {
        return None;
    }
    if view == ViewKind::Actors {
        return Some("clusters need the full view: the actors view has no networks".into());
    }
    if engine.draws_clusters() {
        None
    } else {
        Some(format!(
            "Graphviz's {} does not draw clusters; use the dot or fdp layout",
            engine.as_str()
        ))
    }
}

/// How [`Diagram::of_view`] and [`Diagram::of_network`] build a diagram:
/// [`NetworkFigure`] resolved against the graph (the title chosen, the size
/// metric computed).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DiagramOptions {
    pub title: String,
    pub lang: Lang,
    /// A value per graph node (indexed like `data.nodes`) that sizes nodes,
    /// and the metric's name for the legend.
    pub size_by: Option<(String, Vec<f64>)>,
    /// Draw each network with its members inside.
    pub cluster_networks: bool,
    /// Wrap labels at this many characters.
    pub wrap: usize,
}

impl Default for DiagramOptions {
    fn default() -> Self {
        DiagramOptions {
            title: String::new(),
            lang: Lang::EN,
            size_by: None,
            cluster_networks: false,
            wrap: 22,
        }
    }
}

/// A drawable node.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramNode {
    /// Unique key (the dataset id, or `network/id` for a member drawn inside
    /// a network's cluster).
    pub key: String,
    /// Graph node index.
    pub node: usize,
    /// Display name, unwrapped.
    pub label: String,
    pub kind: NodeKind,
    /// Name, kind, dates and sources, shown on hover.
    pub hover: String,
    /// The size metric scaled to 0..=1 (0 without --size-by).
    pub scale: f64,
    /// Index into `clusters` for members drawn inside a network.
    pub cluster: Option<usize>,
    /// Drawn as a small dot coloured by its kind, without its name (which
    /// its hover text gives): a node beyond [`NetworkFigure::max_nodes`].
    pub dot: bool,
}

/// A drawable edge between two diagram nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramEdge {
    pub from: usize,
    pub to: usize,
    /// `None` for ties of the actors projection.
    pub kind: Option<RelationKind>,
    /// Relation, role, dates and sources, shown on hover.
    pub hover: String,
    /// Tie weight (1 for relations).
    pub weight: f64,
    /// Set when an end is a clustered network: the edge attaches to the
    /// cluster's box rather than to a node.
    pub from_cluster: Option<usize>,
    pub to_cluster: Option<usize>,
    /// Text drawn on the edge: the amount of a `funds` relation.
    pub label: Option<String>,
}

/// A network drawn as a box around its members.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Graph node index of the network.
    pub node: usize,
    pub label: String,
    pub hover: String,
    /// The role most of its members have (at least half of them, and two),
    /// said once under its name and left out of those members' labels.
    pub role: Option<String>,
}

impl Cluster {
    /// The line under the cluster's name: `participating authority, unless
    /// stated`.
    pub fn role_line(&self, lang: Lang) -> Option<String> {
        self.role.as_ref().map(|r| fill(W::ClusterRole, lang, &[r]))
    }
}

/// The role most members of a cluster have, when at least half of them and
/// at least two have it (ties: the first in name order). `roles` holds each
/// member's roles.
fn common_role(roles: &[Vec<String>]) -> Option<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for r in roles {
        for role in r {
            *count.entry(role.as_str()).or_default() += 1;
        }
    }
    let (role, n) = count
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
    (n >= 2 && 2 * n >= roles.len()).then(|| role.to_string())
}

/// What a network diagram draws, and what it leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiagramCounts {
    /// Distinct dataset nodes drawn (a member drawn inside several clusters
    /// counts once, and a network drawn as a cluster counts); the actors in
    /// the actors view. The caption states this number.
    pub nodes: usize,
    /// Relations of the selection shown, as edges or by containment; the
    /// ties in the actors view. The caption states this number.
    pub relations: usize,
    /// Nodes left out because no drawn relation touches them
    /// ([`NetworkFigure::drop_isolated`]).
    pub isolated_dropped: usize,
    /// Nodes and relations of the selection the figure's
    /// [`NetworkFigure::exclude`] left out.
    pub excluded_nodes: usize,
    pub excluded_relations: usize,
    /// Nodes drawn not by name but as dots of their kind's colour
    /// ([`NetworkFigure::max_nodes`]).
    pub dots: usize,
}

/// A network diagram: what to draw, in a deterministic order, with its
/// title, caption and counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    pub title: String,
    /// The caption under the title: the data, the selection and the counts.
    pub caption: String,
    /// Directed relations (full view) or undirected ties (actors view).
    pub directed: bool,
    pub nodes: Vec<DiagramNode>,
    pub edges: Vec<DiagramEdge>,
    pub clusters: Vec<Cluster>,
    /// Name of the metric that sizes nodes, for the legend.
    pub size_by: Option<String>,
    /// What tie width means, for the actors view.
    pub tie_width: Option<String>,
    /// What is drawn and what is left out.
    pub counts: DiagramCounts,
    /// Node labels wrap at this many characters.
    pub wrap: usize,
    /// Some edges are relations drawn alike as "other relation"
    /// ([`LEGEND_ROWS`]).
    pub other_relations: bool,
    /// Drawn without title and caption ([`NetworkFigure::bare`]).
    pub bare: bool,
    /// The language of the figure's own words ([`super::words`]).
    pub lang: Lang,
}

/// One row of a figure's legend. Both back ends draw the same rows.
#[derive(Debug, Clone, PartialEq)]
pub enum LegendRow {
    /// A node kind: its shape and colour.
    Node(NodeKind),
    /// Two node kinds side by side, when the legend would have more than
    /// [`LEGEND_ROWS`] rows with one each.
    NodePair(NodeKind, NodeKind),
    /// A network drawn as a box with its members.
    Cluster,
    /// A relation kind: its line style.
    Relation(RelationKind),
    /// An undirected tie of the actors view, and what its width means.
    Tie(String),
    /// The metric that sizes labels.
    SizeBy(String),
    /// Relation kinds beyond the legend's rows, drawn alike (their kind
    /// shows on hover).
    Other,
}

/// Most rows a network figure's legend has; rarer relation kinds share the
/// row "other relations".
pub const LEGEND_ROWS: usize = 8;

impl LegendRow {
    /// The row's text in `lang` ([`crate::words`]).
    pub fn text(&self, lang: Lang) -> String {
        use crate::words::{self, W, fill, word};
        match self {
            LegendRow::Node(k) => format!(
                "{} ({})",
                words::node_kind(*k, lang),
                words::shape(&super::style::node_style(*k).shape_name(), lang)
            ),
            LegendRow::NodePair(a, b) => format!(
                "{}   {}",
                words::node_kind(*a, lang),
                words::node_kind(*b, lang)
            ),
            LegendRow::Cluster => word(W::ClusterRow, lang).into(),
            LegendRow::Relation(k) => words::relation(*k, lang).to_string(),
            LegendRow::Other => word(W::OtherRelation, lang).into(),
            LegendRow::Tie(w) => fill(W::TieRow, lang, &[w]),
            LegendRow::SizeBy(m) => fill(W::SizeByRow, lang, &[m]),
        }
    }
}

impl Diagram {
    /// The diagram of `fig` over the selection `sel` of `g`. The caption
    /// names the data (`data`), the selection and the counts.
    pub fn build(
        g: &CoopGraph,
        sel: &Selection,
        fig: &NetworkFigure,
        lang: Lang,
        data: &str,
    ) -> Result<Diagram> {
        let (base, kinds) = split_kinds(sel, fig.view);
        let mut view = View::new(g, &base);
        let ex = &fig.exclude;
        let (excluded_nodes, excluded_relations) = if ex.is_empty() {
            (0, 0)
        } else {
            view.leave_out(
                |i| ex.kinds.contains(&g.node(i).kind) || ex.nodes.contains(&i),
                |r| ex.relations.contains(&g.relation(r).kind()),
            )
        };
        let view = view;
        let net = match fig.view {
            ViewKind::Full => None,
            ViewKind::Actors => Some(Network::of_view(
                &view,
                ViewKind::Actors,
                fig.weight,
                &kinds,
            )),
        };
        let size_by = match fig.size_by {
            None => None,
            Some(m) => {
                let full;
                let on = match &net {
                    Some(n) => n,
                    None => {
                        full = Network::of_view(&view, ViewKind::Full, WeightBy::Shared, &[]);
                        &full
                    }
                };
                let values = metrics::metric(on, m, &metrics::Options::default())
                    .map_err(|e| Error::Query(e.into()))?;
                let mut by_node = vec![0.0; g.data.nodes.len()];
                for (k, &i) in on.nodes.iter().enumerate() {
                    by_node[i] = values[k];
                }
                Some((m.as_str().to_string(), by_node))
            }
        };
        let title = fig
            .title
            .clone()
            .unwrap_or_else(|| match (&sel.ego, fig.view) {
                (Some((c, _)), _) => fill(W::NetworkOf, lang, &[g.display_name(*c, lang)]),
                (None, ViewKind::Actors) => word(W::ActorsTied, lang).into(),
                (None, ViewKind::Full) => word(W::Network, lang).into(),
            });
        let opts = DiagramOptions {
            title,
            lang,
            size_by,
            cluster_networks: fig.cluster_networks,
            wrap: fig.wrap,
        };
        let mut d = match &net {
            Some(n) => Diagram::of_network(&view, n, &opts),
            None => Diagram::of_view(&view, &opts),
        };
        if fig.drop_isolated {
            d.drop_isolated();
        }
        let mut caption = super::caption(g, sel, lang, data);
        if fig.view == ViewKind::Actors {
            let weight = match fig.weight {
                WeightBy::Shared => word(W::WeightShared, lang),
                WeightBy::Years => word(W::WeightYears, lang),
            };
            d.tie_width = Some(weight.to_string());
            d.counts.nodes = d.nodes.len();
            d.counts.relations = d.edges.len();
            let (n, e) = (d.nodes.len().to_string(), d.edges.len().to_string());
            caption.push_str(&fill(W::ActorsView, lang, &[&n, &e, weight]));
        } else {
            // Distinct dataset nodes drawn (a member drawn inside several
            // clusters counts once), and the relations shown as edges or by
            // containment.
            let mut drawn: Vec<usize> = d.nodes.iter().map(|n| n.node).collect();
            drawn.extend(d.clusters.iter().map(|c| c.node));
            drawn.sort_unstable();
            drawn.dedup();
            d.counts.nodes = drawn.len();
            d.counts.relations = view.relation_indices().count();
            let (n, r) = (d.counts.nodes.to_string(), d.counts.relations.to_string());
            caption.push_str(&fill(W::NodesRelations, lang, &[&n, &r]));
            if !d.clusters.is_empty() {
                let c = d.clusters.len().to_string();
                caption.push_str(&fill(W::ClustersDrawn, lang, &[&c]));
            }
        }
        if !ex.is_empty() {
            d.counts.excluded_nodes = excluded_nodes;
            d.counts.excluded_relations = excluded_relations;
            let (n, r) = (excluded_nodes.to_string(), excluded_relations.to_string());
            caption.push_str(&fill(
                W::LeftOutByFigure,
                lang,
                &[&ex.words(g, lang), &n, &r],
            ));
        }
        if let Some(max) = fig.max_nodes
            && let Some(words) = d.dots_beyond(&view, max, sel.ego.map(|(c, _)| c))?
        {
            caption.push_str(&words);
        }
        d.fold_rare_relations();
        d.caption = caption;
        d.bare = fig.bare;
        Ok(d)
    }

    /// Keeps the legend within [`LEGEND_ROWS`]: when the figure has more
    /// rows, the rarest relation kinds (fewest edges between named nodes,
    /// then legend order) are drawn alike as "other relation".
    fn fold_rare_relations(&mut self) {
        let rows = self.legend().len();
        if rows <= LEGEND_ROWS {
            return;
        }
        let mut kinds: Vec<(usize, usize, RelationKind)> = self
            .relation_kinds()
            .into_iter()
            .enumerate()
            .map(|(order, k)| {
                // Edges between named nodes count: those of dots stay in
                // the background.
                let n = self
                    .edges
                    .iter()
                    .filter(|e| e.kind == Some(k))
                    .filter(|e| !self.nodes[e.from].dot && !self.nodes[e.to].dot)
                    .count();
                (n, order, k)
            })
            .collect();
        kinds.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        // One row for "other", and each folded kind frees one.
        let keep = kinds.len().saturating_sub(rows + 1 - LEGEND_ROWS);
        let folded: Vec<RelationKind> = kinds[keep..].iter().map(|k| k.2).collect();
        for e in &mut self.edges {
            if e.kind.is_some_and(|k| folded.contains(&k)) {
                e.kind = None;
                e.weight = 1.0;
                self.other_relations = true;
            }
        }
    }

    /// With more than `max` free nodes: keeps `centre` and the nodes ranked
    /// highest by PageRank (on `view`) by name, and draws the others as
    /// small dots coloured by their kind, their names on hover. Returns the
    /// caption's sentence saying so, with the count of each kind.
    fn dots_beyond(
        &mut self,
        view: &View,
        max: usize,
        centre: Option<usize>,
    ) -> Result<Option<String>> {
        let free: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.nodes[i].cluster.is_none())
            .collect();
        if free.len() <= max {
            return Ok(None);
        }
        let g = view.graph;
        let net = Network::of_view(view, ViewKind::Full, WeightBy::Shared, &[]);
        let values = metrics::metric(&net, Metric::Pagerank, &metrics::Options::default())
            .map_err(|e| Error::Query(e.into()))?;
        let mut rank = vec![0.0; g.data.nodes.len()];
        for (k, &i) in net.nodes.iter().enumerate() {
            rank[i] = values[k];
        }
        let mut order = free.clone();
        order.sort_by(|&a, &b| {
            let (na, nb) = (self.nodes[a].node, self.nodes[b].node);
            (Some(nb) == centre)
                .cmp(&(Some(na) == centre))
                .then(rank[nb].total_cmp(&rank[na]))
                .then(na.cmp(&nb))
        });
        let mut per_kind: BTreeMap<usize, usize> = BTreeMap::new();
        for &i in &order[max..] {
            self.nodes[i].dot = true;
            let k = NodeKind::ALL
                .iter()
                .position(|k| *k == self.nodes[i].kind)
                .unwrap_or(0);
            *per_kind.entry(k).or_default() += 1;
        }
        let dots = free.len() - max;
        self.counts.dots = dots;
        let lang = self.lang;
        let parts: Vec<String> = per_kind
            .iter()
            .map(|(k, n)| crate::words::kind_count(NodeKind::ALL[*k], *n, lang))
            .collect();
        let w = if centre.is_some() {
            W::NamedCentre
        } else {
            W::NamedTop
        };
        let (named, dots) = (max.to_string(), dots.to_string());
        Ok(Some(fill(w, lang, &[&named, &dots, &parts.join(", ")])))
    }

    /// The legend: node kinds, clusters, relation kinds, ties and label
    /// size, each only when the figure has it.
    pub fn legend(&self) -> Vec<LegendRow> {
        let mut rows: Vec<LegendRow> = Vec::new();
        let kinds: Vec<NodeKind> = NodeKind::ALL
            .into_iter()
            .filter(|k| {
                self.nodes.iter().any(|n| n.kind == *k)
                    || (*k == NodeKind::Network && !self.clusters.is_empty())
            })
            .collect();
        let others = usize::from(!self.clusters.is_empty())
            + self.relation_kinds().len()
            + usize::from(self.other_relations)
            + usize::from(self.tie_width.is_some())
            + usize::from(self.size_by.is_some());
        if kinds.len() + others > LEGEND_ROWS {
            rows.extend(kinds.chunks(2).map(|p| match p {
                [a, b] => LegendRow::NodePair(*a, *b),
                _ => LegendRow::Node(p[0]),
            }));
        } else {
            rows.extend(kinds.into_iter().map(LegendRow::Node));
        }
        if !self.clusters.is_empty() {
            rows.push(LegendRow::Cluster);
        }
        rows.extend(self.relation_kinds().into_iter().map(LegendRow::Relation));
        if self.other_relations {
            rows.push(LegendRow::Other);
        }
        if let Some(w) = &self.tie_width {
            rows.push(LegendRow::Tie(w.clone()));
        }
        if let Some(m) = &self.size_by {
            rows.push(LegendRow::SizeBy(m.clone()));
        }
        rows
    }

    /// Relation kinds present, in legend order.
    pub fn relation_kinds(&self) -> Vec<RelationKind> {
        RelationKind::ALL
            .into_iter()
            .filter(|k| self.edges.iter().any(|e| e.kind == Some(*k)))
            .collect()
    }

    /// Every relation of the view, as a directed edge.
    ///
    /// With `cluster_networks`, each network that has members in the view
    /// becomes a cluster holding a copy of each member (labelled with its
    /// role when that is not plain membership), and the membership relations
    /// are shown by containment instead of edges.
    pub(crate) fn of_view(view: &View, opts: &DiagramOptions) -> Diagram {
        let g = view.graph;
        let mut d = Diagram::empty(opts, true);
        let scale = Scale::new(opts, view.node_indices());
        // Clusters first: which relations are shown by containment.
        let Clustering {
            contained,
            cluster_of,
            members,
        } = clusters(view, opts, &mut d);
        // Free-standing nodes: every node that is not a clustered network and
        // that has a relation drawn as an edge, or no relation at all.
        let mut key_of: BTreeMap<usize, usize> = BTreeMap::new();
        let mut has_edge = vec![false; g.data.nodes.len()];
        let mut has_any = vec![false; g.data.nodes.len()];
        for r in view.relation_indices() {
            let rel = g.relation(r);
            for id in [rel.from(), rel.to()] {
                if let Some(i) = g.index_of(id) {
                    has_any[i] = true;
                    has_edge[i] |= !contained[r];
                }
            }
        }
        for i in view.node_indices() {
            if cluster_of.contains_key(&i) || (has_any[i] && !has_edge[i]) {
                continue;
            }
            key_of.insert(i, d.nodes.len());
            d.nodes.push(DiagramNode {
                key: g.node(i).id.clone(),
                node: i,
                label: g.display_name(i, opts.lang).to_string(),
                kind: g.node(i).kind,
                hover: node_hover(view, i, opts.lang),
                scale: scale.of(i),
                cluster: None,
                dot: false,
            });
        }
        // Members inside clusters.
        let mut first_member: Vec<Option<usize>> = vec![None; d.clusters.len()];
        for (c, list) in members.iter().enumerate() {
            let net = d.clusters[c].node;
            let mut seen: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (member, r) in list {
                seen.entry(*member).or_default().push(*r);
            }
            let roles_of = |rels: &[usize]| -> Vec<String> {
                rels.iter()
                    .filter_map(|r| {
                        let rel = g.relation(*r);
                        let role = rel
                            .role()
                            .map(str::to_string)
                            .unwrap_or_else(|| rel.kind().to_string());
                        (role != "member").then_some(role)
                    })
                    .collect()
            };
            let all: Vec<Vec<String>> = seen.values().map(|rels| roles_of(rels)).collect();
            let common = common_role(&all);
            d.clusters[c].role = common.clone();
            for (member, rels) in seen {
                let roles: Vec<String> = roles_of(&rels)
                    .into_iter()
                    .filter(|r| Some(r) != common.as_ref())
                    .collect();
                let name = g.display_name(member, opts.lang);
                let label = if roles.is_empty() {
                    name.to_string()
                } else {
                    format!("{name} ({})", roles.join(", "))
                };
                let hover = rels
                    .iter()
                    .map(|r| relation_hover(view, *r, opts.lang))
                    .collect::<Vec<_>>()
                    .join("\n");
                first_member[c].get_or_insert(d.nodes.len());
                d.nodes.push(DiagramNode {
                    key: format!("{}/{}", g.node(net).id, g.node(member).id),
                    node: member,
                    label,
                    kind: g.node(member).kind,
                    hover,
                    scale: scale.of(member),
                    cluster: Some(c),
                    dot: false,
                });
            }
        }
        // Edges for every relation not shown by containment.
        for r in view.relation_indices() {
            if contained[r] {
                continue;
            }
            let rel = g.relation(r);
            let (Some(f), Some(t)) = (g.index_of(rel.from()), g.index_of(rel.to())) else {
                continue;
            };
            let end = |i: usize| match cluster_of.get(&i) {
                Some(&c) => first_member[c].map(|n| (n, Some(c))),
                None => key_of.get(&i).map(|&n| (n, None)),
            };
            let (Some((from, from_cluster)), Some((to, to_cluster))) = (end(f), end(t)) else {
                continue;
            };
            d.edges.push(DiagramEdge {
                from,
                to,
                kind: Some(rel.kind()),
                hover: relation_hover(view, r, opts.lang),
                weight: 1.0,
                from_cluster,
                to_cluster,
                label: rel.amount().map(|a| money(a.value, &a.currency)),
            });
        }
        d
    }

    /// The actors projection `net` of `view`: actors tied by the projects
    /// and networks they share, drawn as undirected edges whose width
    /// follows the weight.
    pub(crate) fn of_network(view: &View, net: &Network, opts: &DiagramOptions) -> Diagram {
        let g = view.graph;
        let mut d = Diagram::empty(opts, false);
        let scale = Scale::new(opts, net.nodes.iter().copied());
        for &i in &net.nodes {
            d.nodes.push(DiagramNode {
                key: g.node(i).id.clone(),
                node: i,
                label: g.display_name(i, opts.lang).to_string(),
                kind: g.node(i).kind,
                hover: node_hover(view, i, opts.lang),
                scale: scale.of(i),
                cluster: None,
                dot: false,
            });
        }
        for (u, v, w) in net.edges() {
            let name = |x: usize| g.display_name(net.nodes[x], opts.lang);
            d.edges.push(DiagramEdge {
                from: u,
                to: v,
                kind: None,
                hover: fill(W::HoverTie, opts.lang, &[name(u), name(v), &trim(w)]),
                weight: w,
                from_cluster: None,
                to_cluster: None,
                label: None,
            });
        }
        d
    }

    /// Removes free nodes that no edge touches (cluster members stay), and
    /// adds their number to `counts.isolated_dropped`.
    pub fn drop_isolated(&mut self) {
        let mut touched = vec![false; self.nodes.len()];
        for e in &self.edges {
            touched[e.from] = true;
            touched[e.to] = true;
        }
        let before = self.nodes.len();
        let mut new_index = vec![usize::MAX; before];
        let mut kept = Vec::new();
        for (i, n) in std::mem::take(&mut self.nodes).into_iter().enumerate() {
            if touched[i] || n.cluster.is_some() {
                new_index[i] = kept.len();
                kept.push(n);
            }
        }
        self.counts.isolated_dropped += before - kept.len();
        self.nodes = kept;
        for e in &mut self.edges {
            e.from = new_index[e.from];
            e.to = new_index[e.to];
        }
    }

    fn empty(opts: &DiagramOptions, directed: bool) -> Diagram {
        Diagram {
            title: opts.title.clone(),
            caption: String::new(),
            directed,
            nodes: Vec::new(),
            edges: Vec::new(),
            clusters: Vec::new(),
            size_by: opts.size_by.as_ref().map(|(name, _)| name.clone()),
            tie_width: None,
            counts: DiagramCounts::default(),
            wrap: opts.wrap,
            other_relations: false,
            bare: false,
            lang: opts.lang,
        }
    }
}

/// Which relations a diagram shows by containment, the cluster of each
/// clustered network's graph node, and each cluster's `(member, relation)`
/// pairs.
struct Clustering {
    contained: Vec<bool>,
    cluster_of: BTreeMap<usize, usize>,
    members: Vec<Vec<(usize, usize)>>,
}

/// With `cluster_networks`, the networks that have members in the view, as
/// clusters of `d` in node order; without, none.
fn clusters(view: &View, opts: &DiagramOptions, d: &mut Diagram) -> Clustering {
    let g = view.graph;
    let mut contained = vec![false; g.relation_count()];
    let mut cluster_of: BTreeMap<usize, usize> = BTreeMap::new();
    let mut members: Vec<Vec<(usize, usize)>> = Vec::new();
    if !opts.cluster_networks {
        return Clustering {
            contained,
            cluster_of,
            members,
        };
    }
    for r in view.relation_indices() {
        let rel = g.relation(r);
        let (Some(f), Some(t)) = (g.index_of(rel.from()), g.index_of(rel.to())) else {
            continue;
        };
        if g.node(t).kind != NodeKind::Network || !rel.kind().is_participation() {
            continue;
        }
        let next = cluster_of.len();
        let c = *cluster_of.entry(t).or_insert(next);
        if c == members.len() {
            members.push(Vec::new());
        }
        members[c].push((f, r));
        contained[r] = true;
    }
    let mut order: Vec<(usize, usize)> = cluster_of.iter().map(|(n, c)| (*n, *c)).collect();
    order.sort_by_key(|(n, _)| *n);
    let mut renumber = vec![0; order.len()];
    for (new, (net, old)) in order.iter().enumerate() {
        renumber[*old] = new;
        d.clusters.push(Cluster {
            node: *net,
            label: g.display_name(*net, opts.lang).to_string(),
            hover: node_hover(view, *net, opts.lang),
            role: None,
        });
    }
    for c in cluster_of.values_mut() {
        *c = renumber[*c];
    }
    let mut by_new = vec![Vec::new(); members.len()];
    for (old, m) in members.into_iter().enumerate() {
        by_new[renumber[old]] = m;
    }
    Clustering {
        contained,
        cluster_of,
        members: by_new,
    }
}

/// The size metric of each node, scaled to 0..=1 by the largest value among
/// the drawn nodes.
struct Scale<'a> {
    values: Option<&'a [f64]>,
    max: f64,
}

impl<'a> Scale<'a> {
    fn new(opts: &'a DiagramOptions, nodes: impl Iterator<Item = usize>) -> Scale<'a> {
        let values = opts.size_by.as_ref().map(|(_, v)| v.as_slice());
        let max = values.map_or(0.0, |v| {
            nodes
                .filter_map(|i| v.get(i).copied())
                .filter(|x| x.is_finite())
                .fold(0.0, f64::max)
        });
        Scale { values, max }
    }

    fn of(&self, i: usize) -> f64 {
        match self.values.and_then(|v| v.get(i)) {
            Some(x) if self.max > 0.0 && x.is_finite() => (x / self.max).clamp(0.0, 1.0),
            _ => 0.0,
        }
    }
}

/// An amount as pages write it: `EUR 1,000,000`, `SEK 2,500.50`.
///
/// ```
/// use coopgraph::render::diagram::money;
/// assert_eq!(money(1e6, "EUR"), "EUR 1,000,000");
/// assert_eq!(money(2500.5, "SEK"), "SEK 2,500.50");
/// ```
pub fn money(value: f64, currency: &str) -> String {
    let whole = value.trunc();
    let cents = ((value - whole).abs() * 100.0).round() as u64;
    let digits = format!("{}", whole.abs() as u64);
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    if cents == 0 {
        format!("{currency} {sign}{grouped}")
    } else {
        format!("{currency} {sign}{grouped}.{cents:02}")
    }
}

/// A number without trailing zeros: `2`, `2.5`.
fn trim(x: f64) -> String {
    super::svg::num(x)
}

/// `Name (kind), 2019 to 2021` and its sources, one per line, in `lang`'s
/// words (in English the data's kind names, `agency`).
fn node_hover(view: &View, i: usize, lang: Lang) -> String {
    let g = view.graph;
    let n = g.node(i);
    let kind = crate::words::node_kind(n.kind, lang);
    let mut s = format!("{} ({kind})", g.display_name(i, lang));
    let span = g.node_span(i);
    if let Some(dates) = dates_text(span.start.as_ref(), span.end.as_ref(), lang) {
        s.push_str(&format!(", {dates}"));
    }
    if !n.sources.is_empty() {
        let sources = format_sources(&n.sources);
        s.push_str(&format!("\n{}", fill(W::HoverSources, lang, &[&sources])));
    }
    s
}

/// `A leads B (role), 2019 to 2021` and its sources: in English with the
/// data's kind name (`part_of`), in Swedish in words (`är en del av`).
fn relation_hover(view: &View, r: usize, lang: Lang) -> String {
    let g = view.graph;
    let rel = g.relation(r);
    let name = |id: &str| {
        g.index_of(id)
            .map_or(id.to_string(), |i| g.display_name(i, lang).to_string())
    };
    let kind = if lang.is_swedish() {
        crate::words::relation(rel.kind(), lang)
    } else {
        rel.kind().as_str()
    };
    let mut s = format!("{} {kind} {}", name(rel.from()), name(rel.to()));
    if let Some(role) = rel.role() {
        s.push_str(&format!(" ({role})"));
    }
    let span = effective_span(g, r);
    if let Some(dates) = dates_text(span.start.as_ref(), span.end.as_ref(), lang) {
        s.push_str(&format!(", {dates}"));
    }
    let sources = format_sources(&rel.sources());
    s.push_str(&format!("\n{}", fill(W::HoverSources, lang, &[&sources])));
    s
}

fn dates_text(
    start: Option<&crate::date::PartialDate>,
    end: Option<&crate::date::PartialDate>,
    lang: Lang,
) -> Option<String> {
    match (start, end) {
        (Some(s), Some(e)) => Some(fill(W::FromTo, lang, &[&s.to_string(), &e.to_string()])),
        (Some(s), None) => Some(fill(W::From, lang, &[&s.to_string()])),
        (None, Some(e)) => Some(fill(W::Until, lang, &[&e.to_string()])),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_replace_membership_edges_with_containment() {
        let g = CoopGraph::embedded().unwrap();
        let view = View::new(
            &g,
            &Selection {
                sources: vec!["crime-en".into()],
                ..Selection::default()
            },
        );
        let opts = DiagramOptions {
            cluster_networks: true,
            ..DiagramOptions::default()
        };
        let d = Diagram::of_view(&view, &opts);
        assert!(!d.clusters.is_empty());
        // Every participation relation into a clustered network is a member
        // copy inside that cluster, and none is an edge.
        for r in view.relation_indices() {
            let rel = g.relation(r);
            let t = g.index_of(rel.to()).unwrap();
            if let Some(c) = d.clusters.iter().position(|c| c.node == t)
                && rel.kind().is_participation()
            {
                let f = g.index_of(rel.from()).unwrap();
                assert!(
                    d.nodes.iter().any(|n| n.cluster == Some(c) && n.node == f),
                    "{} not inside {}",
                    rel.from(),
                    rel.to()
                );
            }
        }
        assert!(d.edges.iter().all(|e| {
            !(e.kind.is_some_and(|k| k.is_participation()) && e.to_cluster.is_some())
        }));
        // No clustered network is also drawn as a free node.
        for c in &d.clusters {
            assert!(
                !d.nodes
                    .iter()
                    .any(|n| n.node == c.node && n.cluster.is_none())
            );
        }
    }

    #[test]
    fn counts_say_what_is_drawn_and_what_is_left_out() {
        let g = CoopGraph::embedded().unwrap();
        let sel = Selection {
            relations: vec![RelationKind::Funds],
            ..Selection::default()
        };
        let all = NetworkFigure::default();
        let dropped = NetworkFigure {
            drop_isolated: true,
            ..NetworkFigure::default()
        };
        let a = Diagram::build(&g, &sel, &all, Lang::EN, "d").unwrap();
        let b = Diagram::build(&g, &sel, &dropped, Lang::EN, "d").unwrap();
        assert_eq!(a.counts.isolated_dropped, 0);
        assert!(b.counts.isolated_dropped > 0);
        assert_eq!(a.counts.nodes, a.nodes.len());
        assert_eq!(b.counts.nodes + b.counts.isolated_dropped, a.counts.nodes);
        assert_eq!(b.counts.relations, b.edges.len());
        assert!(b.caption.ends_with(&format!(
            "{} nodes, {} relations.",
            b.counts.nodes, b.counts.relations
        )));
    }
}
