//! PageRank: Brin & Page, "The anatomy of a large-scale hypertextual Web
//! search engine", 1998. This is the standard formulation, as NetworkX
//! computes it:
//!
//! x'(v) = (1-d)/n + d · ( Σ_u x(u)·w(u,v)/s(u) + Σ_{dangling u} x(u)/n )
//!
//! Every node gets the teleport term. Nodes without ties ("dangling") spread
//! their rank evenly. Each undirected tie counts in both directions with its
//! weight. The iteration stops when the L1 change is below n·tol. Each step
//! costs O(n + m), unlike petgraph's `page_rank`, which costs O(n·m) per step
//! and leaves out the teleport term for nodes with in-links. Each step pulls
//! rank along the ties of every node, in parallel.

use super::Error;
use crate::network::Network;
use rayon::prelude::*;

/// PageRank with damping `d`, weighted by tie weights.
///
/// ```
/// use coopgraph::network::Network;
/// let net = Network::from_edges(3, vec![0, 1, 2], [(0, 1, 1.0), (1, 2, 1.0)]);
/// let pr = coopgraph::metrics::pagerank::pagerank(&net, 0.85, 1e-12, 1000).unwrap();
/// assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// assert!(pr[1] > pr[0]);
/// ```
pub fn pagerank(net: &Network, d: f64, tol: f64, max_iter: usize) -> Result<Vec<f64>, Error> {
    let n = net.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    if !(0.0..=1.0).contains(&d) {
        return Err(Error::Parameter(format!(
            "damping {d} is not between 0 and 1"
        )));
    }
    let nf = n as f64;
    let inverse: Vec<f64> = (0..n)
        .map(|u| match net.strength(u) {
            s if s > 0.0 => 1.0 / s,
            _ => 0.0,
        })
        .collect();
    // Each step streams every tie: a compact copy (u32 ends, and no
    // weights when all are 1, as in an unweighted graph) moves a quarter of
    // the memory. Multiplying by a weight of 1 changes nothing, so the sums
    // are the same either way.
    let (offsets, targets, weights) = net.csr();
    let ends: Vec<u32> = targets.par_iter().map(|&t| t as u32).collect();
    let unit = weights.par_iter().all(|&w| w == 1.0);
    let mut x = vec![1.0 / nf; n];
    let mut share = vec![0.0; n];
    let mut next = vec![0.0; n];
    for _ in 0..max_iter {
        let dangling: f64 = (0..n).filter(|&u| inverse[u] == 0.0).map(|u| x[u]).sum();
        let base = (1.0 - d) / nf + d * dangling / nf;
        for ((s, xu), inv) in share.iter_mut().zip(&x).zip(&inverse) {
            *s = xu * inv;
        }
        // Pull: each node sums over its own neighbours (ties are symmetric),
        // so chunks are independent and the result does not depend on
        // scheduling.
        next.par_chunks_mut(4096)
            .enumerate()
            .for_each(|(c, chunk)| {
                for (k, out) in chunk.iter_mut().enumerate() {
                    let v = c * 4096 + k;
                    let (a, b) = (offsets[v], offsets[v + 1]);
                    let pulled: f64 = if unit {
                        ends[a..b].iter().map(|&u| share[u as usize]).sum()
                    } else {
                        ends[a..b]
                            .iter()
                            .zip(&weights[a..b])
                            .map(|(&u, &w)| share[u as usize] * w)
                            .sum()
                    };
                    *out = base + d * pulled;
                }
            });
        let err: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if err < nf * tol {
            return Ok(x);
        }
    }
    Err(Error::NoConvergence(format!(
        "PageRank after {max_iter} iterations"
    )))
}
