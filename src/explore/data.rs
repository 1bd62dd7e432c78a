//! The data the explorer's page embeds: a view's nodes and relations with
//! everything the viewer shows (names and aliases in every language, folded
//! for search as `names::fold` folds them; dates with precision and planned
//! flags; sources with title, paragraph and publisher), the layout, and the
//! precomputed metrics and communities. Nodes are numbered in the view's
//! order (dataset order), relations likewise; records refer to nodes,
//! kinds and sources by their number in these lists.

use crate::date::{PartialDate, Precision, Span};
use crate::graph::CoopGraph;
use crate::metrics::{self, Metric, community};
use crate::model::{Lang, NodeKind, RelationKind, SourceRef};
use crate::network::{Network, ViewKind, WeightBy};
use crate::render::style::node_style;
use crate::view::{View, effective_span};
use crate::words;
use serde::Serialize;
use std::collections::BTreeMap;

/// Above this many nodes, betweenness is estimated from
/// [`BETWEENNESS_SAMPLES`] sampled sources (seeded) rather than all.
pub const EXACT_BETWEENNESS: usize = 5_000;
pub const BETWEENNESS_SAMPLES: usize = 256;

#[derive(Debug, Serialize)]
pub struct Data {
    /// The language tag names were chosen by (`--lang`).
    pub lang: String,
    pub title: String,
    pub caption: String,
    /// The viewer's own words, by key ([`super::words`]).
    pub words: BTreeMap<&'static str, &'static str>,
    pub kinds: Vec<KindInfo>,
    pub relation_kinds: Vec<RelationKindInfo>,
    pub sources: Vec<SourceInfo>,
    /// Every country the nodes name, sorted.
    pub countries: Vec<String>,
    /// Whether betweenness was sampled (how many sources), not exact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub betweenness_samples: Option<usize>,
    pub communities: usize,
    pub nodes: Nodes,
    pub relations: Relations,
    /// The citation lists nodes and relations refer to by number.
    pub cite_lists: Vec<Vec<Cite>>,
}

#[derive(Debug, Serialize)]
pub struct KindInfo {
    pub id: &'static str,
    pub label: &'static str,
    pub plural: &'static str,
    pub colour: &'static str,
    /// A state, agency or organisation (`shared` compares actors).
    pub actor: bool,
    /// A project or network (what actors take part in).
    pub activity: bool,
}

#[derive(Debug, Serialize)]
pub struct RelationKindInfo {
    pub id: &'static str,
    pub label: &'static str,
    /// Its `from` takes part in its `to` (`shared`'s participations).
    pub participation: bool,
}

#[derive(Debug, Serialize)]
pub struct SourceInfo {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// A date as the panel shows it.
#[derive(Debug, Serialize)]
pub struct DateOut {
    pub text: String,
    pub precision: Precision,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub planned: bool,
}

/// A citation: (source number, paragraph).
pub type Cite = (usize, Option<u32>);

/// The nodes, a column per field (a 50,000-node page parses in a fraction
/// of the time of one object per node); `details` holds, by node number,
/// only the fields a node has.
#[derive(Debug, Default, Serialize)]
pub struct Nodes {
    pub id: Vec<String>,
    /// The display name in the page's language.
    pub name: Vec<String>,
    /// Kind number in [`Data::kinds`].
    pub kind: Vec<usize>,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// First and last year its own dates may cover (null: not stated).
    pub start_year: Vec<Option<i32>>,
    pub end_year: Vec<Option<i32>>,
    /// Degree, PageRank and betweenness on the view's network.
    pub degree: Vec<f64>,
    pub pagerank: Vec<f64>,
    pub betweenness: Vec<f64>,
    pub community: Vec<usize>,
    /// Number of its list of citations in [`Data::cite_lists`].
    pub cites: Vec<usize>,
    pub details: Vec<(usize, NodeDetails)>,
}

/// What only some nodes have.
#[derive(Debug, Default, Serialize)]
pub struct NodeDetails {
    /// The name as the data gives it, when the display name is another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_name: Option<String>,
    /// (alias, language tag or null).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<(String, Option<Lang>)>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateOut>,
    /// The pages describe the node without naming it: its name is a
    /// descriptive label (the panel says so, as `show` does).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unnamed: bool,
}

impl NodeDetails {
    fn is_empty(&self) -> bool {
        !self.unnamed
            && self.data_name.is_none()
            && self.aliases.is_empty()
            && self.description.is_empty()
            && self.country.is_none()
            && self.start.is_none()
            && self.end.is_none()
    }
}

/// The relations, a column per field, as [`Nodes`].
#[derive(Debug, Default, Serialize)]
pub struct Relations {
    /// Kind number in [`Data::relation_kinds`].
    pub kind: Vec<usize>,
    pub from: Vec<usize>,
    pub to: Vec<usize>,
    /// First and last year of the span it was active (`effective_span`:
    /// its own dates, or else its project's or network's).
    pub start_year: Vec<Option<i32>>,
    pub end_year: Vec<Option<i32>>,
    pub cites: Vec<usize>,
    pub details: Vec<(usize, RelationDetails)>,
}

/// What only some relations have. A relation without dates of its own
/// whose years are known has its activity's dates (the viewer shows them).
#[derive(Debug, Default, Serialize)]
pub struct RelationDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl RelationDetails {
    fn is_empty(&self) -> bool {
        self.role.is_none()
            && self.start.is_none()
            && self.end.is_none()
            && self.amount.is_none()
            && self.note.is_none()
    }
}

/// Lists of citations, each once, numbered in order of first use.
#[derive(Debug, Default)]
struct CiteLists {
    lists: Vec<Vec<Cite>>,
    index: BTreeMap<Vec<Cite>, usize>,
}

impl CiteLists {
    fn number(&mut self, list: Vec<Cite>) -> usize {
        if let Some(&k) = self.index.get(&list) {
            return k;
        }
        self.lists.push(list.clone());
        self.index.insert(list, self.lists.len() - 1);
        self.lists.len() - 1
    }
}

fn date_out(d: Option<&PartialDate>, planned: bool) -> Option<DateOut> {
    d.map(|d| DateOut {
        text: d.text(),
        precision: d.precision,
        planned,
    })
}

fn years(span: &Span) -> (Option<i32>, Option<i32>) {
    (
        span.start.as_ref().map(|d| d.earliest().year),
        span.end.as_ref().map(|d| d.latest().year),
    )
}

fn kinds(lang: Lang) -> Vec<KindInfo> {
    NodeKind::ALL
        .iter()
        .map(|&k| KindInfo {
            id: k.as_str(),
            label: words::node_kind(k, lang),
            plural: words::node_kinds(k, lang),
            colour: node_style(k).fill,
            actor: k.is_actor(),
            activity: matches!(k, NodeKind::Project | NodeKind::Network),
        })
        .collect()
}

fn relation_kinds(lang: Lang) -> Vec<RelationKindInfo> {
    RelationKind::ALL
        .iter()
        .map(|&k| RelationKindInfo {
            id: k.as_str(),
            label: words::relation(k, lang),
            participation: k.is_participation(),
        })
        .collect()
}

/// Degree, PageRank and betweenness of every view node (by graph index),
/// and its community (Leiden, seeded); the number of communities.
type Measured = (
    BTreeMap<usize, (f64, f64, f64, usize)>,
    usize,
    Option<usize>,
);

fn measure(view: &View) -> crate::Result<Measured> {
    let net = Network::of_view(view, ViewKind::Full, WeightBy::Shared, &[]);
    let n = net.node_count();
    let samples = (n > EXACT_BETWEENNESS).then_some(BETWEENNESS_SAMPLES);
    let opts = metrics::Options {
        samples: samples.map(|k| (k, 1)),
        ..metrics::Options::default()
    };
    let table = metrics::compute(
        &net,
        &[Metric::Degree, Metric::Pagerank, Metric::Betweenness],
        &opts,
    )
    .map_err(|e| crate::Error::Query(e.into()))?;
    let part = community::communities(&net, community::Method::Leiden, 1.0, 1)
        .map_err(|e| crate::Error::Query(e.into()))?;
    let col = |m| table.get(m).expect("computed");
    let (deg, pr, bt) = (
        col(Metric::Degree),
        col(Metric::Pagerank),
        col(Metric::Betweenness),
    );
    let round = |v: f64| (v * 1e6).round() / 1e6;
    let by_node = net
        .nodes
        .iter()
        .enumerate()
        .map(|(k, &i)| (i, (deg[k], round(pr[k]), round(bt[k]), part.membership[k])))
        .collect();
    Ok((by_node, part.count, samples))
}

/// A view's data for the page; `positions[k]` is the place of the view's
/// `k`-th node.
pub fn collect(
    view: &View,
    positions: &[(f64, f64)],
    lang: Lang,
    title: String,
    caption: String,
) -> crate::Result<Data> {
    let g = view.graph;
    let (measured, communities, samples) = measure(view)?;
    let mut lists = CiteLists::default();
    let (nodes, local) = nodes(view, positions, lang, &measured, &mut lists);
    let relations = relations(view, &local, &mut lists);
    let mut countries: Vec<String> = nodes
        .details
        .iter()
        .filter_map(|(_, d)| d.country.clone())
        .collect();
    countries.sort();
    countries.dedup();
    Ok(Data {
        lang: lang.to_string(),
        title,
        caption,
        words: super::words::table(lang),
        kinds: kinds(lang),
        relation_kinds: relation_kinds(lang),
        sources: g
            .data
            .sources
            .iter()
            .map(|s| SourceInfo {
                id: s.id.clone(),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                url: s.url.clone(),
                lang: s.lang,
            })
            .collect(),
        countries,
        betweenness_samples: samples,
        communities,
        nodes,
        relations,
        cite_lists: lists.lists,
    })
}

/// Citations as (source number, paragraph), in the order given.
fn cites(g: &CoopGraph, refs: &[SourceRef]) -> Vec<Cite> {
    refs.iter()
        .filter_map(|c| g.source_position(&c.source).map(|k| (k, c.para)))
        .collect()
}

/// The view's nodes, and each graph node's number among them.
fn nodes(
    view: &View,
    positions: &[(f64, f64)],
    lang: Lang,
    measured: &BTreeMap<usize, (f64, f64, f64, usize)>,
    lists: &mut CiteLists,
) -> (Nodes, Vec<usize>) {
    let g = view.graph;
    let mut local = vec![usize::MAX; g.node_count()];
    let mut out = Nodes::default();
    let round = |v: f64| (v * 10.0).round() / 10.0;
    for (k, (i, &(x, y))) in view.node_indices().zip(positions).enumerate() {
        local[i] = k;
        let n = g.node(i);
        let name = g.display_name(i, lang).to_string();
        let span = g.node_span(i);
        let (deg, pr, bt, community) = measured.get(&i).copied().unwrap_or((0.0, 0.0, 0.0, 0));
        let (sy, ey) = years(span);
        let details = NodeDetails {
            data_name: (name != n.name).then(|| n.name.clone()),
            aliases: n.aliases.iter().map(|a| (a.name.clone(), a.lang)).collect(),
            description: n.description.clone(),
            country: n.country.clone(),
            start: date_out(span.start.as_ref(), n.start_planned),
            end: date_out(span.end.as_ref(), n.end_planned),
            unnamed: n.unnamed,
        };
        if !details.is_empty() {
            out.details.push((k, details));
        }
        out.id.push(n.id.clone());
        out.name.push(name);
        out.kind.push(kind_no(n.kind));
        out.x.push(round(x));
        out.y.push(round(y));
        out.start_year.push(sy);
        out.end_year.push(ey);
        out.degree.push(deg);
        out.pagerank.push(pr);
        out.betweenness.push(bt);
        out.community.push(community);
        out.cites.push(lists.number(cites(g, &n.sources)));
    }
    (out, local)
}

fn kind_no(k: NodeKind) -> usize {
    NodeKind::ALL.iter().position(|&x| x == k).expect("a kind")
}

fn relation_kind_no(k: RelationKind) -> usize {
    RelationKind::ALL
        .iter()
        .position(|&x| x == k)
        .expect("a kind")
}

fn relations(view: &View, local: &[usize], lists: &mut CiteLists) -> Relations {
    let g = view.graph;
    let mut out = Relations::default();
    for (k, r) in view.relation_indices().enumerate() {
        let rel = g.relation(r);
        let (f, t) = g.ends(r);
        let own = g.relation_span(r);
        let (sy, ey) = years(&effective_span(g, r));
        let details = RelationDetails {
            role: rel.role().map(str::to_string),
            start: date_out(own.start.as_ref(), false),
            end: date_out(own.end.as_ref(), false),
            amount: rel.amount().map(|a| format!("{} {}", a.value, a.currency)),
            note: rel.note().map(str::to_string),
        };
        if !details.is_empty() {
            out.details.push((k, details));
        }
        out.kind.push(relation_kind_no(rel.kind()));
        out.from.push(local[f]);
        out.to.push(local[t]);
        out.start_year.push(sy);
        out.end_year.push(ey);
        out.cites.push(lists.number(cites(g, &rel.sources())));
    }
    out
}
