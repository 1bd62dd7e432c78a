//! Rendering: report figures built from views and answers.
//!
//! - [`style`]: the one table of colours, shapes and line styles per node and
//!   relation kind (a colour-blind-safe palette), shared by every figure;
//! - [`svg`]: escaping and a small writer for the SVG figures drawn without
//!   Graphviz;
//! - [`diagram`]: what a network diagram shows (nodes, edges, clusters, hover
//!   texts), built from a view; both back ends draw from it;
//! - [`dot`]: network diagrams as a graphviz-rust DOT AST;
//! - [`layout`]: Graphviz when installed, else [`builtin`], our own layout;
//! - [`timeline`]: Gantt-style cooperation histories;
//! - [`heatmap`]: co-membership matrices.

pub mod builtin;
pub mod diagram;
pub mod dot;
pub mod heatmap;
pub mod layout;
pub mod style;
pub mod svg;
pub mod timeline;
