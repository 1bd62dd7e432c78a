//! Interchange with other tools: export and import formats.
