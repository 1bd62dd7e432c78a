//! [`Via`]: which kind of shared thing a question counts. Its own module so
//! that the error type ([`super::QueryError`]) can name it without depending
//! on the answers.

use serde::Serialize;

/// Which kind of shared thing to look for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Via {
    Project,
    Network,
    Partner,
    Fund,
    Any,
}

impl std::fmt::Display for Via {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.into())
    }
}

impl Via {
    pub fn admits(self, category: Via) -> bool {
        self == Via::Any || self == category
    }
}
