//! The report specification: a TOML file listing the figures and tables of a
//! report, each with its selection, layout and title. The default spec is
//! `data/report.toml`, embedded in the binary; `coopgraph report --spec FILE`
//! reads another, so a user adds a figure without touching code.
//!
//! ```
//! use coopgraph::report::spec::ReportSpec;
//! let spec = ReportSpec::parse("my.toml", r#"
//! title = "Serbia"
//! [[figure]]
//! id = "serbia"
//! kind = "timeline"
//! actor = "Serbia"
//! [[figure]]
//! id = "serbia-network"
//! kind = "network"
//! select = { ego = "Serbia", depth = 1 }
//! "#).unwrap();
//! assert_eq!(spec.figures[1].select.depth, Some(1));
//! assert_eq!(spec.figures[0].actor.as_deref(), Some("Serbia"));
//! let err = ReportSpec::parse("my.toml", "title = 1\n").unwrap_err();
//! assert!(err.to_string().contains("error"));
//! ```

use crate::diagnostic::{Diagnostic, LineIndex, Loc};
use crate::error::{Error, Result};
use crate::metrics::Metric;
use crate::model::{NodeKind, RelationKind};
use crate::network::{ViewKind, WeightBy};
use crate::render::dot::Engine;
use serde::Deserialize;
use std::sync::Arc;

/// The default report, as shipped in `data/report.toml`.
pub const DEFAULT: &str = include_str!("../../data/report.toml");

/// Largest spec file read, in bytes.
pub const MAX_SIZE: usize = 1 << 20;

/// A whole report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSpec {
    pub title: String,
    /// The title in Swedish, used under a Swedish interface language.
    #[serde(default)]
    pub title_sv: Option<String>,
    /// A paragraph under the title.
    #[serde(default)]
    pub intro: Option<String>,
    /// The paragraph in Swedish.
    #[serde(default)]
    pub intro_sv: Option<String>,
    #[serde(default, rename = "figure")]
    pub figures: Vec<FigureSpec>,
    #[serde(default, rename = "table")]
    pub tables: Vec<TableSpec>,
}

/// What a figure draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum FigureKind {
    /// A network diagram (as `coopgraph render`).
    Network,
    /// An actor's cooperation history (as `coopgraph timeline -o`).
    Timeline,
    /// A co-membership matrix (as `coopgraph heatmap`).
    Heatmap,
}

/// The nodes and relations a figure or table uses: the same selection as
/// the command-line options of the same names.
pub use crate::view::SelectionSpec;

/// One figure. Fields that do not apply to its kind are refused by
/// [`ReportSpec::parse`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureSpec {
    /// File name stem: lower-case letters, digits and `-`.
    pub id: String,
    pub kind: FigureKind,
    #[serde(default)]
    pub title: Option<String>,
    /// Text shown under the figure in index.html and report.md.
    #[serde(default)]
    pub caption: Option<String>,
    /// The title and caption in Swedish, used under a Swedish interface
    /// language (else `title` and `caption`).
    #[serde(default)]
    pub title_sv: Option<String>,
    #[serde(default)]
    pub caption_sv: Option<String>,
    /// The selection, e.g. `select = { ego = "Serbia", depth = 1 }`.
    #[serde(default)]
    pub select: SelectionSpec,
    // network
    #[serde(default)]
    pub layout: Option<Engine>,
    #[serde(default)]
    pub view: Option<ViewKind>,
    #[serde(default)]
    pub weight: Option<WeightBy>,
    #[serde(default)]
    pub size_by: Option<Metric>,
    #[serde(default)]
    pub cluster: Option<bool>,
    #[serde(default)]
    pub drop_isolated: Option<bool>,
    /// What the figure leaves out of its selection, e.g.
    /// `exclude = { relations = ["member_of"], nodes = ["Budapest Process"] }`;
    /// the caption says how many nodes and relations that left out.
    #[serde(default)]
    pub exclude: Option<Exclude>,
    /// Draw at most this many nodes by name: the ego centre and the nodes
    /// ranked highest by PageRank; the rest are drawn as unnamed dots of
    /// their kind's colour, and the caption counts them by kind.
    #[serde(default)]
    pub max_nodes: Option<usize>,
    // timeline
    #[serde(default)]
    pub actor: Option<String>,
    // heatmap
    #[serde(default)]
    pub rows: Option<NodeKind>,
    #[serde(default)]
    pub square: Option<bool>,
    /// Where the figure's `id` is written, for error messages.
    #[serde(skip)]
    pub loc: Option<Loc>,
}

/// What a network figure leaves out of its selection. A figure option, not
/// part of the selection: tables and other commands select the same way.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclude {
    /// Relation kinds not drawn (`"member_of"`).
    #[serde(default)]
    pub relations: Vec<RelationKind>,
    /// Node kinds not drawn (`"state"`).
    #[serde(default)]
    pub kinds: Vec<NodeKind>,
    /// Nodes not drawn, by id, name or alias; an unknown name is an error
    /// located at the figure.
    #[serde(default)]
    pub nodes: Vec<String>,
}

/// One table: node metrics of a network, ranked.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub caption: Option<String>,
    /// The title and caption in Swedish (as a figure's).
    #[serde(default)]
    pub title_sv: Option<String>,
    #[serde(default)]
    pub caption_sv: Option<String>,
    /// The selection, e.g. `select = { ego = "Serbia", depth = 1 }`.
    #[serde(default)]
    pub select: SelectionSpec,
    #[serde(default)]
    pub view: Option<ViewKind>,
    #[serde(default)]
    pub weight: Option<WeightBy>,
    /// Columns; default all metrics.
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Rank by this metric (descending); default the first column.
    #[serde(default)]
    pub sort: Option<Metric>,
    /// Keep the first N rows in the report (the CSV file has them all).
    #[serde(default)]
    pub top: Option<usize>,
    /// Where the table's `id` is written, for error messages.
    #[serde(skip)]
    pub loc: Option<Loc>,
}

impl ReportSpec {
    /// The embedded default spec.
    pub fn default_spec() -> Result<ReportSpec> {
        ReportSpec::parse("data/report.toml", DEFAULT)
    }

    /// Parses and checks a spec; `file` names it in error messages
    /// (`file:line:column`).
    pub fn parse(file: &str, text: &str) -> Result<ReportSpec> {
        let file: Arc<str> = Arc::from(file);
        if text.len() > MAX_SIZE {
            return Err(Error::Spec(vec![
                Diagnostic::error(
                    "too-large",
                    format!("the spec is {} bytes; the limit is {MAX_SIZE}", text.len()),
                )
                .at(Some(&LineIndex::new("").loc(&file, 0))),
            ]));
        }
        let mut spec: ReportSpec = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start).min(text.len());
            let loc = LineIndex::new(text).loc(&file, offset);
            Error::Spec(vec![
                Diagnostic::error("spec-syntax", e.message().to_string())
                    .at(Some(&loc))
                    .help("see data/report.toml for every field a figure and a table take"),
            ])
        })?;
        spec.locate(&file, text);
        spec.check()?;
        Ok(spec)
    }

    /// Sets each figure's and table's `loc` to where its `id = "…"` is
    /// written (the n-th such line for the n-th use of an id).
    fn locate(&mut self, file: &Arc<str>, text: &str) {
        let index = LineIndex::new(text);
        let mut seen: Vec<String> = Vec::new();
        let items = self
            .figures
            .iter_mut()
            .map(|f| (&f.id, &mut f.loc))
            .chain(self.tables.iter_mut().map(|t| (&t.id, &mut t.loc)));
        for (id, loc) in items {
            let nth = seen.iter().filter(|s| *s == id).count();
            *loc = Some(index.loc(file, id_offset(text, id, nth)));
            seen.push(id.clone());
        }
    }

    /// Ids are unique file-name stems, and each figure has the fields its
    /// kind needs and none that it ignores.
    fn check(&self) -> Result<()> {
        let mut diags = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let ids = self
            .figures
            .iter()
            .map(|f| (f.id.as_str(), &f.loc))
            .chain(self.tables.iter().map(|t| (t.id.as_str(), &t.loc)));
        for (id, loc) in ids {
            let loc = loc.as_ref();
            let ok = !id.is_empty()
                && id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !ok {
                diags.push(
                    Diagnostic::error("spec-id", format!("id {id:?} is not a file name stem"))
                        .at(loc)
                        .help("use lower-case letters, digits and '-', at most 64"),
                );
            }
            if seen.contains(&id) {
                diags
                    .push(Diagnostic::error("spec-id", format!("id {id:?} is used twice")).at(loc));
            }
            seen.push(id);
        }
        for f in &self.figures {
            let loc = f.loc.as_ref();
            let mut wrong: Vec<&str> = Vec::new();
            let network_only = [
                ("layout", f.layout.is_some()),
                ("view", f.view.is_some()),
                ("weight", f.weight.is_some()),
                ("size_by", f.size_by.is_some()),
                ("cluster", f.cluster.is_some()),
                ("drop_isolated", f.drop_isolated.is_some()),
                ("exclude", f.exclude.is_some()),
                ("max_nodes", f.max_nodes.is_some()),
            ];
            match f.kind {
                FigureKind::Network => {
                    if let Some(why) = crate::render::diagram::cluster_problem(
                        f.cluster.unwrap_or(false),
                        f.view.unwrap_or_default(),
                        f.layout.unwrap_or_default(),
                    ) {
                        diags.push(
                            Diagnostic::error("spec-field", format!("figure {:?}: {why}", f.id))
                                .at(loc),
                        );
                    }
                    if f.max_nodes == Some(0) {
                        diags.push(
                            Diagnostic::error(
                                "spec-field",
                                format!("figure {:?}: max_nodes must be at least 1", f.id),
                            )
                            .at(loc),
                        );
                    }
                    for (name, set) in [
                        ("actor", f.actor.is_some()),
                        ("rows", f.rows.is_some()),
                        ("square", f.square.is_some()),
                    ] {
                        if set {
                            wrong.push(name);
                        }
                    }
                }
                FigureKind::Timeline => {
                    if f.actor.is_none() {
                        diags.push(
                            Diagnostic::error(
                                "spec-field",
                                format!("timeline figure {:?} needs an `actor`", f.id),
                            )
                            .at(loc),
                        );
                    }
                    let s = &f.select;
                    for (name, set) in network_only.into_iter().chain([
                        ("rows", f.rows.is_some()),
                        ("square", f.square.is_some()),
                        ("ego", s.ego.is_some()),
                        ("depth", s.depth.is_some()),
                        ("kinds", !s.kinds.is_empty()),
                        ("relations", !s.relations.is_empty()),
                        ("sources", !s.sources.is_empty()),
                    ]) {
                        if set {
                            wrong.push(name);
                        }
                    }
                }
                FigureKind::Heatmap => {
                    for (name, set) in network_only
                        .into_iter()
                        .chain([("actor", f.actor.is_some())])
                    {
                        if set {
                            wrong.push(name);
                        }
                    }
                }
            }
            if !wrong.is_empty() {
                diags.push(
                    Diagnostic::error(
                        "spec-field",
                        format!(
                            "{} figure {:?} does not use: {}",
                            <&str>::from(f.kind),
                            f.id,
                            wrong.join(", ")
                        ),
                    )
                    .at(loc),
                );
            }
        }
        if diags.is_empty() {
            Ok(())
        } else {
            Err(Error::Spec(diags))
        }
    }
}

/// The byte offset of the `nth` (0-based) `id = "…"` line naming `id`, or
/// 0 if there is none.
fn id_offset(text: &str, id: &str, nth: usize) -> usize {
    let needle = format!("\"{id}\"");
    text.match_indices(&needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = text[..i].trim_end();
            before.ends_with('=') && before.trim_end_matches('=').trim_end().ends_with("id")
        })
        .nth(nth)
        .unwrap_or(0)
}

/// The Swedish text under a Swedish interface language, when the spec has
/// one; else the default text.
fn in_lang<'a>(
    lang: crate::model::Lang,
    default: Option<&'a String>,
    sv: Option<&'a String>,
) -> Option<&'a String> {
    if lang.is_swedish() {
        sv.or(default)
    } else {
        default
    }
}

impl ReportSpec {
    /// The report's title in `lang`'s interface language.
    pub fn title_in(&self, lang: crate::model::Lang) -> &str {
        in_lang(lang, Some(&self.title), self.title_sv.as_ref()).map_or("", |s| s.as_str())
    }

    /// The paragraph under the title in `lang`'s interface language.
    pub fn intro_in(&self, lang: crate::model::Lang) -> Option<&String> {
        in_lang(lang, self.intro.as_ref(), self.intro_sv.as_ref())
    }
}

impl FigureSpec {
    /// The title in `lang`'s interface language.
    pub fn title_in(&self, lang: crate::model::Lang) -> Option<&String> {
        in_lang(lang, self.title.as_ref(), self.title_sv.as_ref())
    }

    /// The caption in `lang`'s interface language.
    pub fn caption_in(&self, lang: crate::model::Lang) -> Option<&String> {
        in_lang(lang, self.caption.as_ref(), self.caption_sv.as_ref())
    }
}

impl TableSpec {
    /// The title in `lang`'s interface language.
    pub fn title_in(&self, lang: crate::model::Lang) -> Option<&String> {
        in_lang(lang, self.title.as_ref(), self.title_sv.as_ref())
    }

    /// The caption in `lang`'s interface language.
    pub fn caption_in(&self, lang: crate::model::Lang) -> Option<&String> {
        in_lang(lang, self.caption.as_ref(), self.caption_sv.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_spec_parses() {
        let spec = ReportSpec::default_spec().unwrap();
        assert!(!spec.figures.is_empty());
    }

    #[test]
    fn errors_have_file_line_and_column() {
        let text = "title = \"x\"\n[[figure]]\nid = \"a\"\nkind = \"netwrk\"\n";
        let err = ReportSpec::parse("s.toml", text).unwrap_err();
        let Error::Spec(d) = err else {
            panic!("not a data error")
        };
        let loc = d[0].loc.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (4, 8));
    }

    #[test]
    fn fields_of_another_kind_are_refused() {
        let text = "title = \"x\"\n[[figure]]\nid = \"t\"\nkind = \"timeline\"\nactor = \"Serbia\"\nlayout = \"dot\"\n";
        let err = ReportSpec::parse("s.toml", text).unwrap_err();
        let Error::Spec(d) = err else {
            panic!("not a data error")
        };
        assert!(d[0].message.contains("layout"), "{}", d[0].message);
        assert_eq!(d[0].loc.as_ref().unwrap().line, 3);
    }

    #[test]
    fn ids_must_be_unique_stems() {
        let text = "title = \"x\"\n[[figure]]\nid = \"../x\"\nkind = \"heatmap\"\n[[table]]\nid = \"../x\"\n";
        let err = ReportSpec::parse("s.toml", text).unwrap_err();
        let Error::Spec(d) = err else {
            panic!("not a data error")
        };
        assert_eq!(d.len(), 3, "{d:?}");
    }
}
