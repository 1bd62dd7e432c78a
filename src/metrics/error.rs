//! Why a metric could not be computed. Its own module, without dependencies,
//! so that the library's error types can carry it.

/// Why a metric could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// A parameter outside its range.
    #[error("{0}")]
    Parameter(String),
    /// Betweenness from a sample of `given` sources, where the network has
    /// `nodes` nodes: the sample must have between 1 and `nodes` sources.
    #[error("a sample of {given} sources must have between 1 and the number of nodes ({nodes})")]
    Samples { given: usize, nodes: usize },
    #[error("{0} did not converge")]
    NoConvergence(String),
    #[error("community detection failed: {0}")]
    Library(String),
}
