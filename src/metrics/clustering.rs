//! Clustering: the local clustering coefficient (Watts & Strogatz,
//! "Collective dynamics of 'small-world' networks", Nature 393, 1998) and
//! transitivity, the global fraction of closed triads (Newman, "The structure
//! and function of complex networks", SIAM Review 45(2), 2003). Both ignore
//! weights, as NetworkX does by default.

use crate::network::Network;

/// Triangles at each node, by the forward algorithm (Schank & Wagner,
/// "Finding, counting and listing all triangles in large graphs", WEA 2005):
/// ties point from lower to higher (degree, index) rank, and each triangle is
/// found once from its lowest node. O(m^1.5), whatever the hubs.
pub fn triangles(net: &Network) -> Vec<usize> {
    let n = net.node_count();
    let higher = |u: usize, v: usize| (net.degree(v), v) > (net.degree(u), u);
    let forward: Vec<Vec<usize>> = (0..n)
        .map(|u| {
            net.neighbours(u)
                .iter()
                .copied()
                .filter(|&v| higher(u, v))
                .collect()
        })
        .collect();
    let mut t = vec![0usize; n];
    let mut mark = vec![usize::MAX; n];
    for u in 0..n {
        for &v in &forward[u] {
            mark[v] = u;
        }
        for &v in &forward[u] {
            for &w in &forward[v] {
                if mark[w] == u {
                    t[u] += 1;
                    t[v] += 1;
                    t[w] += 1;
                }
            }
        }
    }
    t
}

/// Local clustering coefficient of each node (0 below degree 2).
///
/// ```
/// use coopgraph::network::Network;
/// let tri = Network::from_edges(4, (0..4).collect(), [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)]);
/// assert_eq!(coopgraph::metrics::clustering::clustering(&tri), vec![1.0, 1.0, 1.0 / 3.0, 0.0]);
/// ```
pub fn clustering(net: &Network) -> Vec<f64> {
    triangles(net)
        .into_iter()
        .enumerate()
        .map(|(u, t)| {
            let d = net.degree(u);
            if d < 2 {
                0.0
            } else {
                2.0 * t as f64 / (d * (d - 1)) as f64
            }
        })
        .collect()
}

/// Fraction of connected triples that are closed.
pub fn transitivity(net: &Network) -> f64 {
    let closed: usize = triangles(net).iter().sum();
    let triads: usize = (0..net.node_count())
        .map(|u| net.degree(u) * net.degree(u).saturating_sub(1) / 2)
        .sum();
    if triads == 0 {
        0.0
    } else {
        closed as f64 / triads as f64
    }
}
