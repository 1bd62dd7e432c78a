//! Centralities: degree and strength, betweenness, closeness, eigenvector.
//!
//! - Betweenness: Brandes, "A faster algorithm for betweenness centrality",
//!   J. Math. Sociol. 25(2), 2001. It counts hops and is normalised as
//!   NetworkX normalises undirected graphs (by 2/((n-1)(n-2))). The sampled
//!   estimate follows Brandes & Pich, "Centrality estimation in large
//!   networks", Int. J. Bifurcation and Chaos 17(7), 2007: k sources drawn
//!   uniformly, scaled by n/k, as NetworkX does with `k=`. Our own code over
//!   the CSR adjacency, parallel over sources with rayon. Partial sums are
//!   added in a fixed chunk order, so results are identical for any number of
//!   threads.
//! - Closeness: Wasserman & Faust's improved formula for disconnected graphs
//!   (Social Network Analysis, 1994), counting hops (rustworkx-core).
//! - Eigenvector: Bonacich, "Power and centrality", AJS 92(5), 1986. Power
//!   iteration on A+I with edge weights, as NetworkX does (rustworkx-core).

use super::Error;
use crate::network::Network;
use rand::SeedableRng;
use rayon::prelude::*;

/// Number of neighbours of each node.
pub fn degree(net: &Network) -> Vec<f64> {
    (0..net.node_count())
        .map(|u| net.degree(u) as f64)
        .collect()
}

/// Sum of tie weights of each node.
pub fn strength(net: &Network) -> Vec<f64> {
    (0..net.node_count()).map(|u| net.strength(u)).collect()
}

/// Work space of one Brandes pass, reused across sources.
struct Pass {
    sigma: Vec<f64>,
    dist: Vec<u32>,
    delta: Vec<f64>,
    order: Vec<usize>,
}

const UNSEEN: u32 = u32::MAX;

impl Pass {
    fn new(n: usize) -> Pass {
        Pass {
            sigma: vec![0.0; n],
            dist: vec![UNSEEN; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }

    /// Adds the dependencies of source `s` to `acc`.
    fn run(&mut self, net: &Network, s: usize, acc: &mut [f64]) {
        self.order.clear();
        self.sigma[s] = 1.0;
        self.dist[s] = 0;
        self.order.push(s);
        let mut head = 0;
        while head < self.order.len() {
            let v = self.order[head];
            head += 1;
            let dv = self.dist[v];
            for &w in net.neighbours(v) {
                if self.dist[w] == UNSEEN {
                    self.dist[w] = dv + 1;
                    self.order.push(w);
                }
                if self.dist[w] == dv + 1 {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
        // Back-propagation: predecessors are the neighbours one step closer.
        for &w in self.order.iter().rev() {
            let dw = self.dist[w];
            let coeff = (1.0 + self.delta[w]) / self.sigma[w];
            for &v in net.neighbours(w) {
                if dw > 0 && self.dist[v] == dw - 1 {
                    self.delta[v] += self.sigma[v] * coeff;
                }
            }
            if w != s {
                acc[w] += self.delta[w];
            }
        }
        for &v in &self.order {
            self.sigma[v] = 0.0;
            self.dist[v] = UNSEEN;
            self.delta[v] = 0.0;
        }
    }
}

/// Sources are split into this many chunks whatever the thread count, and
/// chunk sums are added in order: the result does not depend on scheduling.
const CHUNKS: usize = 16;

/// Betweenness from all sources, or from `samples` = (k, seed) sources drawn
/// at random and scaled by n/k.
///
/// ```
/// use coopgraph::network::Network;
/// // A path a-b-c: b lies on the only a–c path.
/// let net = Network::from_edges(3, vec![0, 1, 2], [(0, 1, 1.0), (1, 2, 1.0)]);
/// assert_eq!(coopgraph::metrics::centrality::betweenness(&net, None).unwrap(), vec![0.0, 1.0, 0.0]);
/// ```
pub fn betweenness(net: &Network, samples: Option<(usize, u64)>) -> Result<Vec<f64>, Error> {
    let n = net.node_count();
    let sources: Vec<usize> = match samples {
        None => (0..n).collect(),
        Some((k, _)) if k == 0 || k > n => {
            return Err(Error::Parameter(format!(
                "--samples must be between 1 and the number of nodes ({n})"
            )));
        }
        Some((k, seed)) => {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let mut s = rand::seq::index::sample(&mut rng, n, k).into_vec();
            s.sort_unstable();
            s
        }
    };
    let chunk = sources.len().div_ceil(CHUNKS).max(1);
    let partials: Vec<Vec<f64>> = sources
        .par_chunks(chunk)
        .map(|part| {
            let mut pass = Pass::new(n);
            let mut acc = vec![0.0; n];
            for &s in part {
                pass.run(net, s, &mut acc);
            }
            acc
        })
        .collect();
    let mut total = vec![0.0; n];
    for p in partials {
        for (t, v) in total.iter_mut().zip(p) {
            *t += v;
        }
    }
    // Each unordered pair was counted from both ends.
    let mut scale = if n > 2 {
        1.0 / ((n - 1) * (n - 2)) as f64
    } else {
        0.5
    };
    if let Some((k, _)) = samples {
        scale *= n as f64 / k as f64;
    }
    Ok(total.into_iter().map(|b| b * scale).collect())
}

/// Closeness, Wasserman–Faust improved, counting hops; 0 for isolated nodes.
pub fn closeness(net: &Network) -> Vec<f64> {
    let g = net.to_petgraph();
    rustworkx_core::centrality::closeness_centrality(&g, true, 50)
        .into_iter()
        .map(|c| c.unwrap_or(0.0))
        .collect()
}

/// Eigenvector centrality with edge weights, unit Euclidean norm. Fails when
/// the power iteration does not converge (as on some disconnected graphs,
/// where the leading eigenvector is not unique).
pub fn eigenvector(net: &Network) -> Result<Vec<f64>, Error> {
    let g = net.to_petgraph();
    let result: Result<Option<Vec<f64>>, std::convert::Infallible> =
        rustworkx_core::centrality::eigenvector_centrality(
            &g,
            |e| Ok(*petgraph::visit::EdgeRef::weight(&e)),
            Some(10_000),
            Some(1e-13),
        );
    match result {
        Ok(Some(v)) => Ok(v),
        _ => Err(Error::NoConvergence("eigenvector centrality".into())),
    }
}
