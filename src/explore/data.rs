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
    pub nodes: Vec<NodeOut>,
    pub relations: Vec<RelationOut>,
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

#[derive(Debug, Serialize)]
pub struct NodeOut {
    pub id: String,
    /// The display name in the page's language.
    pub name: String,
    /// Kind number in [`Data::kinds`].
    pub kind: usize,
    /// The name as the data gives it, when the display name is another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_name: Option<String>,
    /// (alias, language tag or null).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<(String, Option<Lang>)>,
    /// Its name, id and aliases folded as `names::fold` folds them (case,
    /// diacritics and punctuation ignored), each once, for search.
    pub folded: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateOut>,
    /// First and last year its own dates may cover (null: not stated).
    pub years: (Option<i32>, Option<i32>),
    pub x: f64,
    pub y: f64,
    /// Degree, PageRank and betweenness on the view's network.
    pub metrics: (f64, f64, f64),
    pub community: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Cite>,
}

#[derive(Debug, Serialize)]
pub struct RelationOut {
    /// Kind number in [`Data::relation_kinds`].
    pub kind: usize,
    pub from: usize,
    pub to: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<DateOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateOut>,
    /// The dates are the project's or network's, the relation stating none.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inherited: bool,
    /// First and last year of the span it was active (`effective_span`).
    pub years: (Option<i32>, Option<i32>),
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub sources: Vec<Cite>,
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
    let nodes: Vec<usize> = view.node_indices().collect();
    let mut local = vec![usize::MAX; g.node_count()];
    for (k, &i) in nodes.iter().enumerate() {
        local[i] = k;
    }
    let source_no: BTreeMap<&str, usize> = g
        .data
        .sources
        .iter()
        .enumerate()
        .map(|(k, s)| (s.id.as_str(), k))
        .collect();
    let cites = |refs: &[SourceRef]| -> Vec<Cite> {
        refs.iter()
            .filter_map(|c| source_no.get(c.source.as_str()).map(|&k| (k, c.para)))
            .collect()
    };
    let (measured, communities, samples) = measure(view)?;
    let kind_no = |k: NodeKind| NodeKind::ALL.iter().position(|&x| x == k).expect("a kind");
    let rel_no = |k: RelationKind| {
        RelationKind::ALL
            .iter()
            .position(|&x| x == k)
            .expect("a kind")
    };
    let round = |v: f64| (v * 100.0).round() / 100.0;
    let out_nodes: Vec<NodeOut> = nodes
        .iter()
        .zip(positions)
        .map(|(&i, &(x, y))| node_out(g, i, lang, (round(x), round(y)), &measured, &cites, kind_no))
        .collect();
    let relations = view
        .relation_indices()
        .map(|r| {
            let rel = g.relation(r);
            let (f, t) = g.ends(r);
            let own = g.relation_span(r);
            let stated = own.start.is_some() || own.end.is_some();
            let span = effective_span(g, r);
            RelationOut {
                kind: rel_no(rel.kind()),
                from: local[f],
                to: local[t],
                role: rel.role().map(str::to_string),
                start: date_out(span.start.as_ref(), false),
                end: date_out(span.end.as_ref(), false),
                inherited: !stated && (span.start.is_some() || span.end.is_some()),
                years: years(&span),
                amount: rel.amount().map(|a| format!("{} {}", a.value, a.currency)),
                note: rel.note().map(str::to_string),
                sources: cites(&rel.sources()),
            }
        })
        .collect();
    let mut countries: Vec<String> = out_nodes.iter().filter_map(|n| n.country.clone()).collect();
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
        nodes: out_nodes,
        relations,
    })
}

fn node_out(
    g: &CoopGraph,
    i: usize,
    lang: Lang,
    (x, y): (f64, f64),
    measured: &BTreeMap<usize, (f64, f64, f64, usize)>,
    cites: &impl Fn(&[SourceRef]) -> Vec<Cite>,
    kind_no: impl Fn(NodeKind) -> usize,
) -> NodeOut {
    let n = g.node(i);
    let name = g.display_name(i, lang).to_string();
    let mut folded: Vec<String> = [n.name.as_str(), n.id.as_str()]
        .into_iter()
        .chain(n.aliases.iter().map(|a| a.name.as_str()))
        .map(crate::names::fold)
        .filter(|f| !f.is_empty())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    folded.retain(|f| seen.insert(f.clone()));
    let span = g.node_span(i);
    let (deg, pr, bt, community) = measured.get(&i).copied().unwrap_or((0.0, 0.0, 0.0, 0));
    NodeOut {
        id: n.id.clone(),
        data_name: (name != n.name).then(|| n.name.clone()),
        name,
        kind: kind_no(n.kind),
        aliases: n.aliases.iter().map(|a| (a.name.clone(), a.lang)).collect(),
        folded,
        description: n.description.clone(),
        country: n.country.clone(),
        start: date_out(span.start.as_ref(), n.start_planned),
        end: date_out(span.end.as_ref(), n.end_planned),
        years: years(span),
        x,
        y,
        metrics: (deg, pr, bt),
        community,
        sources: cites(&n.sources),
    }
}
