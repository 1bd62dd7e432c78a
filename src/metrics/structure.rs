//! Structure: k-cores (Batagelj & Zaversnik, "An O(m) algorithm for cores
//! decomposition of networks", 2003, over the CSR), connected
//! components (union–find, petgraph, shared with `graph`), articulation points and bridges
//! (Hopcroft & Tarjan, "Algorithm 447", CACM 16(6), 1973, via rustworkx-core):
//! the brokers and ties whose removal splits the network.

use crate::network::Network;

/// Core number of each node: the largest k such that the node belongs to
/// a subgraph in which every node has at least k neighbours. Batagelj and
/// Zaversnik's algorithm: nodes in a bucket order by degree, each removal
/// moving its remaining neighbours one bucket down; O(n + m).
///
/// ```
/// use coopgraph::network::Network;
/// // A triangle with a pendant node.
/// let net = Network::from_edges(4, (0..4).collect(), [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)]);
/// assert_eq!(coopgraph::metrics::structure::core_number(&net), vec![2, 2, 2, 1]);
/// ```
pub fn core_number(net: &Network) -> Vec<usize> {
    let n = net.node_count();
    let mut deg: Vec<usize> = (0..n).map(|u| net.degree(u)).collect();
    let max = deg.iter().copied().max().unwrap_or(0);
    // bin[d]: where the nodes of degree d start in `order`.
    let mut bin = vec![0usize; max + 1];
    for &d in &deg {
        bin[d] += 1;
    }
    let mut start = 0;
    for b in bin.iter_mut() {
        let count = *b;
        *b = start;
        start += count;
    }
    let mut order = vec![0usize; n];
    let mut pos = vec![0usize; n];
    {
        let mut next = bin.clone();
        for u in 0..n {
            pos[u] = next[deg[u]];
            order[pos[u]] = u;
            next[deg[u]] += 1;
        }
    }
    for i in 0..n {
        let v = order[i];
        for &u in net.neighbours(v) {
            if deg[u] > deg[v] {
                // Move u to the front of its bucket, then shrink it by one.
                let du = deg[u];
                let (pu, pw) = (pos[u], bin[du]);
                let w = order[pw];
                if u != w {
                    order.swap(pu, pw);
                    pos[u] = pw;
                    pos[w] = pu;
                }
                bin[du] += 1;
                deg[u] -= 1;
            }
        }
    }
    deg
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
