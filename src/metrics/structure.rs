//! Structure: k-cores (Batagelj & Zaversnik, "An O(m) algorithm for cores
//! decomposition of networks", 2003, via rustworkx-core), connected
//! components (union–find, petgraph, shared with `graph`), articulation points and bridges
//! (Hopcroft & Tarjan, "Algorithm 447", CACM 16(6), 1973, via rustworkx-core):
//! the brokers and ties whose removal splits the network.

use crate::network::Network;

/// Core number of each node.
pub fn core_number(net: &Network) -> Vec<usize> {
    let g = net.to_petgraph();
    let cores = rustworkx_core::connectivity::core_number(&g);
    (0..net.node_count())
        .map(|i| {
            cores
                .get(&petgraph::graph::NodeIndex::new(i))
                .copied()
                .unwrap_or(0)
        })
        .collect()
}

/// Component number of each node; components are numbered by size (largest
/// first), ties by their first node.
pub fn components(net: &Network) -> Vec<usize> {
    let n = net.node_count();
    let comps = crate::graph::connected_components(n, net.edges().map(|(u, v, _)| (u, v)));
    let mut id = vec![0; n];
    for (c, members) in comps.iter().enumerate() {
        for &u in members {
            id[u] = c;
        }
    }
    id
}

/// Nodes whose removal disconnects their component, sorted.
pub fn articulation_points(net: &Network) -> Vec<usize> {
    let g = net.to_petgraph();
    let mut v: Vec<usize> = rustworkx_core::connectivity::articulation_points(&g, None)
        .into_iter()
        .map(|n| n.index())
        .collect();
    v.sort_unstable();
    v
}

/// Ties whose removal disconnects their component, as sorted (u, v), u < v.
pub fn bridges(net: &Network) -> Vec<(usize, usize)> {
    let g = net.to_petgraph();
    let mut v: Vec<(usize, usize)> = rustworkx_core::connectivity::bridges(&g)
        .into_iter()
        .map(|(a, b)| (a.index().min(b.index()), a.index().max(b.index())))
        .collect();
    v.sort_unstable();
    v
}
