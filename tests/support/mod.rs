//! What every test file shares, included with `mod support;`:
//!
//! - [`cli`]: the `coopgraph` binary as users run it — [`coopgraph`],
//!   [`coopgraph_quiet`] and [`json`];
//! - [`inputs`]: files a test writes for the command to read ([`write`]) and
//!   inputs from outside the repository ([`seeds_dir`], which says
//!   "skipped" when they are absent);
//! - [`graphviz`]: Graphviz and SVG checks for the drawing tests;
//! - [`hostile`]: the hostile strings and the fixture built from them (the
//!   fuzzer includes this file by path).
//!
//! Each test binary uses some of these, so unused ones are not warned about.
#![allow(dead_code)]

pub mod cli;
pub mod graphviz;
pub mod hostile;
pub mod inputs;

#[allow(unused_imports)]
pub use cli::{coopgraph, coopgraph_quiet, json};
#[allow(unused_imports)]
pub use inputs::{seeds_dir, write};
