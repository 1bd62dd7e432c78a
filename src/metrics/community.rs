//! Communities: Leiden (Traag, Waltman & van Eck, "From Louvain to Leiden:
//! guaranteeing well-connected communities", Sci. Rep. 9, 2019) and Louvain
//! (Blondel et al., "Fast unfolding of communities in large networks",
//! J. Stat. Mech. 2008, which is Leiden without its refinement step), both
//! maximising Newman–Girvan modularity with a resolution parameter
//! (Newman & Girvan, Phys. Rev. E 69, 2004). The leiden-rs crate does the
//! work, seeded for reproducible results.

use super::Error;
use crate::analysis::{NodeRef, QueryError};
use crate::graph::CoopGraph;
use crate::model::Lang;
use crate::network::Network;
use serde::Serialize;

/// The community detection method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Method {
    Leiden,
    Louvain,
}

/// A partition: the community of each node (numbered by size, largest
/// first; ties by first node) and its modularity.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    pub membership: Vec<usize>,
    pub count: usize,
    pub modularity: f64,
}

/// Detects communities.
pub fn communities(
    net: &Network,
    method: Method,
    resolution: f64,
    seed: u64,
) -> Result<Partition, Error> {
    let n = net.node_count();
    if n == 0 {
        return Ok(Partition {
            membership: Vec::new(),
            count: 0,
            modularity: 0.0,
        });
    }
    if !(resolution.is_finite() && resolution > 0.0) {
        return Err(Error::Parameter(format!(
            "resolution {resolution} must be a positive number"
        )));
    }
    let mut b = leiden_rs::GraphDataBuilder::new(n);
    for (u, v, w) in net.edges() {
        b.add_edge(u, v, w)
            .map_err(|e| Error::Library(e.to_string()))?;
    }
    let graph = b.build().map_err(|e| Error::Library(e.to_string()))?;
    let config = leiden_rs::LeidenConfig::builder()
        .resolution(resolution)
        .seed(seed)
        .quality(leiden_rs::QualityType::Modularity)
        .skip_refinement(method == Method::Louvain)
        .parallel_local_moving_threshold(usize::MAX)
        .parallel_aggregation_threshold(usize::MAX)
        .build();
    let out = leiden_rs::Leiden::new(config)
        .run(&graph)
        .map_err(|e| Error::Library(e.to_string()))?;
    let raw: Vec<usize> = (0..n).map(|u| out.partition.community_of(u)).collect();
    // Renumber: largest community first, ties by first node.
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (u, &c) in raw.iter().enumerate() {
        groups.entry(c).or_default().push(u);
    }
    let mut comms: Vec<Vec<usize>> = groups.into_values().collect();
    comms.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let mut membership = vec![0; n];
    for (c, members) in comms.iter().enumerate() {
        for &u in members {
            membership[u] = c;
        }
    }
    Ok(Partition {
        // Renumbering does not change the partition, so its quality stands.
        modularity: out.quality,
        count: comms.len(),
        membership,
    })
}

/// A communities question: which method, with which resolution and seed.
/// [`Request::run`] answers with the [`Communities`] of a network, grouped
/// and sorted: the answer `coopgraph communities` prints.
///
/// ```
/// use coopgraph::metrics::community::{Method, Request};
/// use coopgraph::model::Lang;
/// use coopgraph::network::{Network, ViewKind, WeightBy};
/// use coopgraph::{graph::CoopGraph, view::View};
/// let g = CoopGraph::embedded().unwrap();
/// let net = Network::of_view(&View::full(&g), ViewKind::Full, WeightBy::Shared, &[]);
/// let c = Request { method: Method::Louvain, ..Request::default() }.run(&g, &net, Lang::EN).unwrap();
/// // Largest first, numbered from 1, every node in exactly one.
/// assert_eq!(c.communities[0].community, 1);
/// assert!(c.communities.windows(2).all(|w| w[0].size >= w[1].size));
/// assert_eq!(c.communities.iter().map(|c| c.size).sum::<usize>(), net.node_count());
/// // A resolution that is not positive is refused.
/// assert!(Request { resolution: 0.0, ..Request::default() }.run(&g, &net, Lang::EN).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request {
    pub method: Method,
    /// Higher values give more, smaller communities.
    pub resolution: f64,
    /// Seed of the randomised search (same seed, same result).
    pub seed: u64,
}

impl Default for Request {
    fn default() -> Self {
        Request {
            method: Method::Leiden,
            resolution: 1.0,
            seed: 42,
        }
    }
}

impl Request {
    /// The communities of `net`, whose nodes are nodes of `g`.
    pub fn run(&self, g: &CoopGraph, net: &Network, lang: Lang) -> Result<Communities, QueryError> {
        let p = communities(net, self.method, self.resolution, self.seed)?;
        Ok(Communities::new(g, net, &p, self, lang))
    }
}

/// The communities of a network with the partition's modularity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Communities {
    pub method: Method,
    pub resolution: f64,
    pub seed: u64,
    pub modularity: f64,
    /// Largest first (ties by first node), numbered from 1.
    pub communities: Vec<Community>,
}

/// One community and its members, by name, then id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Community {
    /// Its number, from 1 (the largest).
    pub community: usize,
    pub size: usize,
    pub members: Vec<NodeRef>,
}

impl Communities {
    /// Groups the nodes of `net` (nodes of `g`) by their community in `p`,
    /// found as `request` says.
    pub fn new(
        g: &CoopGraph,
        net: &Network,
        p: &Partition,
        request: &Request,
        lang: Lang,
    ) -> Communities {
        let mut comms: Vec<Community> = (0..p.count)
            .map(|c| Community {
                community: c + 1,
                size: 0,
                members: Vec::new(),
            })
            .collect();
        for (i, &c) in p.membership.iter().enumerate() {
            comms[c].members.push(NodeRef::new(g, net.nodes[i], lang));
        }
        for c in &mut comms {
            c.members
                .sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
            c.size = c.members.len();
        }
        Communities {
            method: request.method,
            resolution: request.resolution,
            seed: request.seed,
            modularity: p.modularity,
            communities: comms,
        }
    }
}
