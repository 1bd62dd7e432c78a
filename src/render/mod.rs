//! Rendering: report figures built from views and answers.
//!
//! - [`style`]: the one table of colours, shapes and line styles per node and
//!   relation kind (a colour-blind-safe palette), shared by every figure;
//! - [`svg`]: escaping and a small writer for the SVG figures drawn without
//!   Graphviz;
//! - [`dot`]: network diagrams as a graphviz-rust DOT AST;
//! - [`layout`]: Graphviz when installed, else a pure-Rust layout, and PNG;
//! - [`timeline`]: Gantt-style cooperation histories;
//! - [`heatmap`]: co-membership matrices.

pub mod dot;
pub mod heatmap;
pub mod layout;
pub mod style;
pub mod svg;
pub mod timeline;
