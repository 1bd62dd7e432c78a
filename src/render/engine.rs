//! The Graphviz layout programs a network figure can be laid out with.
//!
//! Its own module so that both [`super::diagram`] (which asks whether an
//! engine draws clusters) and [`super::dot`] (which styles the DOT for an
//! engine) depend on it, and not on each other.
//!
//! ```
//! use coopgraph::render::engine::Engine;
//! assert!(Engine::Dot.draws_clusters());
//! assert!(!Engine::Sfdp.draws_clusters());
//! assert!(Engine::Osage.draws_clusters());
//! assert_eq!(Engine::Neato.as_str(), "neato");
//! ```

/// The Graphviz layout programs coopgraph offers (`layout` in a report spec).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Default,
    serde::Deserialize,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Engine {
    #[default]
    /// Layered, for hierarchies and clustered figures.
    Dot,
    /// Stress majorisation, for small networks.
    Neato,
    /// Force-directed, with clusters.
    Fdp,
    /// Multiscale force-directed, for large networks.
    Sfdp,
    /// Clusters packed in a grid, for figures of networks with their
    /// members inside.
    Osage,
}

impl Engine {
    /// The program's name, as `dot -K` takes it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether the program draws DOT clusters (`subgraph cluster_…`) as
    /// boxes: dot, fdp and osage do; neato and sfdp ignore them.
    pub fn draws_clusters(self) -> bool {
        matches!(self, Engine::Dot | Engine::Fdp | Engine::Osage)
    }
}
