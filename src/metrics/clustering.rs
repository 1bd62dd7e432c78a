//! Clustering: the local clustering coefficient (Watts & Strogatz,
//! "Collective dynamics of 'small-world' networks", Nature 393, 1998) and
//! transitivity, the global fraction of closed triads (Newman, "The structure
//! and function of complex networks", SIAM Review 45(2), 2003). Both ignore
//! weights, as NetworkX does by default. Triangles are counted by merging the
//! sorted neighbour lists.

use crate::network::Network;

fn triangles(net: &Network, u: usize) -> usize {
    let nu = net.neighbours(u);
    let mut t = 0;
    for &v in nu {
        let nv = net.neighbours(v);
        let (mut i, mut j) = (0, 0);
        while i < nu.len() && j < nv.len() {
            match nu[i].cmp(&nv[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    t += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    t / 2
}

/// Local clustering coefficient of each node (0 below degree 2).
///
/// ```
/// use coopgraph::network::Network;
/// let tri = Network::from_edges(4, (0..4).collect(), [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)]);
/// assert_eq!(coopgraph::metrics::clustering::clustering(&tri), vec![1.0, 1.0, 1.0 / 3.0, 0.0]);
/// ```
pub fn clustering(net: &Network) -> Vec<f64> {
    (0..net.node_count())
        .map(|u| {
            let d = net.degree(u);
            if d < 2 {
                0.0
            } else {
                2.0 * triangles(net, u) as f64 / (d * (d - 1)) as f64
            }
        })
        .collect()
}

/// Fraction of connected triples that are closed.
pub fn transitivity(net: &Network) -> f64 {
    let (mut closed, mut triads) = (0usize, 0usize);
    for u in 0..net.node_count() {
        let d = net.degree(u);
        closed += triangles(net, u);
        triads += d * d.saturating_sub(1) / 2;
    }
    if triads == 0 {
        0.0
    } else {
        closed as f64 / triads as f64
    }
}
