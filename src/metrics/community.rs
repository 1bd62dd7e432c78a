//! Communities: Leiden (Traag, Waltman & van Eck, "From Louvain to Leiden:
//! guaranteeing well-connected communities", Sci. Rep. 9, 2019) and Louvain
//! (Blondel et al., "Fast unfolding of communities in large networks",
//! J. Stat. Mech. 2008, which is Leiden without its refinement step), both
//! maximising Newman–Girvan modularity with a resolution parameter
//! (Newman & Girvan, Phys. Rev. E 69, 2004). The leiden-rs crate does the
//! work, seeded for reproducible results.

use super::Error;
use crate::network::Network;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
