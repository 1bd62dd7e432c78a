//! The cooperation graph: a validated [`Store`] and its adjacency.
//!
//! Node `i` is `data.nodes[i]`; relation `r` is `data.rel(RelId(r))`. The
//! graph keeps, once, what every answer needs of a relation: its ends as
//! node indices, its parsed dates, and per node the relations that touch it
//! (outgoing first, then incoming, each group in dataset order) in
//! compressed rows, so that neighbours come with their direction
//! without allocation or lookup by id string. The adjacency is a petgraph
//! graph: it implements petgraph's visit traits (see [`Adjacency`]).
//!
//! Invariants (established by [`CoopGraph::new`], which refuses a dataset with
//! validation errors): every relation's ends exist, every date parses.

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::{Lang, Node};
use crate::names::{NameIndex, ResolveError};
use crate::store::{RelId, RelRef, SpanIx, Store, Sym};
use petgraph::Direction;
use std::sync::OnceLock;

pub use crate::date::Span;

/// A relation seen from one of its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incident {
    /// Index of the relation.
    pub relation: usize,
    /// `Outgoing`: the node is the relation's `from`.
    pub direction: Direction,
    /// The node at the other end.
    pub other: usize,
}

/// Per node, the relations touching it, in compressed sparse row form:
/// its outgoing relations (`(relation, other end)`, in dataset order), then
/// its incoming ones. It is a petgraph graph (the visit traits), so
/// petgraph's traversals run on the store's records directly:
///
/// ```
/// use petgraph::visit::Bfs;
/// let g = coopgraph::graph::CoopGraph::embedded().unwrap();
/// let sma = g.resolve("Migrationsverket").unwrap();
/// let mut bfs = Bfs::new(g.adjacency(), sma);
/// let mut reached = 0;
/// while bfs.next(g.adjacency()).is_some() {
///     reached += 1;
/// }
/// // Following relations forwards from the agency reaches part of the graph.
/// assert!(reached > 1 && reached < g.node_count());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    out: Csr,
    inc: Csr,
}

/// One direction of the adjacency: node `i`'s entries are
/// `entries[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Default)]
struct Csr {
    offsets: Vec<u32>,
    entries: Vec<(u32, u32)>,
}

impl Csr {
    /// Entries (relation, other) grouped by `at`, each group in relation order.
    fn new(n: usize, ends: &[(u32, u32)], at: impl Fn(&(u32, u32)) -> (u32, u32)) -> Csr {
        let mut offsets = vec![0u32; n + 1];
        for e in ends {
            offsets[at(e).0 as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets[..n].to_vec();
        let mut entries = vec![(0u32, 0u32); ends.len()];
        for (r, e) in ends.iter().enumerate() {
            let (node, other) = at(e);
            let slot = &mut next[node as usize];
            entries[*slot as usize] = (r as u32, other);
            *slot += 1;
        }
        Csr { offsets, entries }
    }

    fn of(&self, i: usize) -> &[(u32, u32)] {
        &self.entries[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

impl Adjacency {
    /// The adjacency of `n` nodes joined by relations with these ends; the
    /// two directions are built side by side.
    pub fn new(n: usize, ends: &[(u32, u32)]) -> Adjacency {
        let (out, inc) = crate::par::join(
            ends.len(),
            || Csr::new(n, ends, |&(a, b)| (a, b)),
            || Csr::new(n, ends, |&(a, b)| (b, a)),
        );
        Adjacency { out, inc }
    }

    pub fn node_count(&self) -> usize {
        self.out.offsets.len().saturating_sub(1)
    }

    /// Every relation touching node `i`: outgoing first, each group in
    /// dataset order.
    pub fn incidents(&self, i: usize) -> impl Iterator<Item = Incident> + '_ {
        let entry = |direction| {
            move |&(r, other): &(u32, u32)| Incident {
                relation: r as usize,
                direction,
                other: other as usize,
            }
        };
        self.out
            .of(i)
            .iter()
            .map(entry(Direction::Outgoing))
            .chain(self.inc.of(i).iter().map(entry(Direction::Incoming)))
    }
}

// The adjacency is a petgraph graph: petgraph's traversals and algorithms
// run on it directly, over the store's own records, with nothing copied.
// Nodes are node indices; a node's neighbours are the other ends of its
// outgoing relations (`Incoming` gives those of its incoming ones).

impl petgraph::visit::GraphBase for Adjacency {
    type NodeId = usize;
    type EdgeId = usize;
}

impl petgraph::visit::NodeCount for &Adjacency {
    fn node_count(&self) -> usize {
        Adjacency::node_count(self)
    }
}

impl petgraph::visit::NodeIndexable for &Adjacency {
    fn node_bound(&self) -> usize {
        Adjacency::node_count(self)
    }
    fn to_index(&self, a: usize) -> usize {
        a
    }
    fn from_index(&self, i: usize) -> usize {
        i
    }
}

/// The other ends of a node's relations in one direction.
#[derive(Debug, Clone)]
pub struct Neighbors<'a>(std::slice::Iter<'a, (u32, u32)>);

impl Iterator for Neighbors<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        self.0.next().map(|&(_, other)| other as usize)
    }
}

impl<'a> petgraph::visit::IntoNeighbors for &'a Adjacency {
    type Neighbors = Neighbors<'a>;
    fn neighbors(self, a: usize) -> Neighbors<'a> {
        Neighbors(self.out.of(a).iter())
    }
}

impl<'a> petgraph::visit::IntoNeighborsDirected for &'a Adjacency {
    type NeighborsDirected = Neighbors<'a>;
    fn neighbors_directed(self, a: usize, d: Direction) -> Neighbors<'a> {
        match d {
            Direction::Outgoing => Neighbors(self.out.of(a).iter()),
            Direction::Incoming => Neighbors(self.inc.of(a).iter()),
        }
    }
}

impl petgraph::visit::Visitable for &Adjacency {
    type Map = fixedbitset::FixedBitSet;
    fn visit_map(&self) -> fixedbitset::FixedBitSet {
        fixedbitset::FixedBitSet::with_capacity(Adjacency::node_count(self))
    }
    fn reset_map(&self, map: &mut fixedbitset::FixedBitSet) {
        map.clear();
        map.grow(Adjacency::node_count(self));
    }
}

/// A validated dataset and its graph.
#[derive(Debug)]
pub struct CoopGraph {
    pub data: Store,
    /// Warnings found while validating (errors prevent construction).
    pub warnings: Vec<Diagnostic>,
    names: OnceLock<NameIndex>,
    /// Each source's position in `data.sources`, by id (built on first use:
    /// an IATI import has one source per activity).
    source_positions: OnceLock<std::collections::HashMap<String, usize>>,
    /// Node index of each interned node id, `u32::MAX` for other strings.
    node_of: Vec<u32>,
    ends: Vec<(u32, u32)>,
    adjacency: Adjacency,
    node_spans: Vec<Span>,
    /// Per node, the spans of its `alt_dates` claims (empty for most).
    alt_spans: Vec<Vec<Span>>,
    /// Each distinct (start, end) pair of relation dates, parsed.
    rel_spans: Vec<Span>,
}

impl CoopGraph {
    /// Validates `data` and builds its graph. Fails with [`Error::Data`]
    /// (errors first, then warnings) when validation finds an error.
    pub fn new(data: Store) -> Result<CoopGraph> {
        let checked = crate::validate::check(&data);
        if checked.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Error::Data(checked.diagnostics));
        }
        let node_of = checked.node_of;
        let ends: Vec<(u32, u32)> = crate::par::map_range(data.relation_count(), |r| {
            let r = data.rel(RelId::new(r));
            (node_of[r.from_sym().index()], node_of[r.to_sym().index()])
        });
        let adjacency = Adjacency::new(data.nodes.len(), &ends);
        let node_spans = crate::par::map(&data.nodes, |n| {
            Span::parse(n.start.as_deref(), n.end.as_deref())
        });
        let alt_spans = crate::par::map(&data.nodes, |n| {
            n.alt_dates
                .iter()
                .map(|c| Span::parse(c.start.as_deref(), c.end.as_deref()))
                .collect()
        });
        Ok(CoopGraph {
            names: OnceLock::new(),
            source_positions: OnceLock::new(),
            warnings: checked.diagnostics,
            node_of,
            ends,
            adjacency,
            node_spans,
            alt_spans,
            rel_spans: checked.spans,
            data,
        })
    }

    /// The position in `data.sources` of the source with id `id`.
    pub fn source_position(&self, id: &str) -> Option<usize> {
        self.source_positions
            .get_or_init(|| {
                let mut m = std::collections::HashMap::with_capacity(self.data.sources.len());
                for (k, s) in self.data.sources.iter().enumerate() {
                    m.entry(s.id.clone()).or_insert(k);
                }
                m
            })
            .get(id)
            .copied()
    }

    /// The embedded dataset, as a graph.
    pub fn embedded() -> Result<CoopGraph> {
        CoopGraph::new(Store::embedded()?)
    }

    pub fn node(&self, i: usize) -> &Node {
        &self.data.nodes[i]
    }

    pub fn node_count(&self) -> usize {
        self.data.nodes.len()
    }

    pub fn relation_count(&self) -> usize {
        self.ends.len()
    }

    pub fn relation(&self, r: usize) -> RelRef<'_> {
        self.data.rel(RelId::new(r))
    }

    /// The (from, to) node indices of relation `r`.
    pub fn ends(&self, r: usize) -> (usize, usize) {
        let (a, b) = self.ends[r];
        (a as usize, b as usize)
    }

    pub fn node_span(&self, i: usize) -> &Span {
        &self.node_spans[i]
    }

    /// Spans of node `i`'s alternative date claims, in `alt_dates` order.
    pub fn alt_spans(&self, i: usize) -> &[Span] {
        &self.alt_spans[i]
    }

    pub fn relation_span(&self, r: usize) -> &Span {
        self.span(self.relation(r).span())
    }

    /// The parsed dates of an interned span.
    pub fn span(&self, s: SpanIx) -> &Span {
        &self.rel_spans[s.index()]
    }

    /// Index of the node with this exact id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.data
            .strings()
            .get(id)
            .and_then(|s| self.node_of_sym(s))
    }

    /// Index of the node whose id is the interned string `s`.
    pub fn node_of_sym(&self, s: Sym) -> Option<usize> {
        self.node_of
            .get(s.index())
            .filter(|&&i| i != u32::MAX)
            .map(|&i| i as usize)
    }

    /// The name index, built on first use (loading never needs it).
    pub fn names(&self) -> &NameIndex {
        self.names.get_or_init(|| NameIndex::new(&self.data.nodes))
    }

    /// Resolves a user's name (id, name or alias, any case or diacritics).
    pub fn resolve(&self, name: &str) -> Result<usize, ResolveError> {
        self.names().resolve(name)
    }

    /// Checks source ids (as `--source` and a report spec's `sources` give
    /// them) against the dataset's sources, with a "did you mean" for the
    /// first unknown one.
    ///
    /// ```
    /// let g = coopgraph::graph::CoopGraph::embedded().unwrap();
    /// assert!(g.check_sources(&["crime-en".into()]).is_ok());
    /// let e = g.check_sources(&["crime-se".into()]).unwrap_err().to_string();
    /// assert!(e.contains("did you mean \"crime-en\""));
    /// ```
    pub fn check_sources(&self, ids: &[String]) -> Result<()> {
        let known = || self.data.sources.iter().map(|s| s.id.as_str());
        let Some(id) = ids.iter().find(|id| !known().any(|k| k == id.as_str())) else {
            return Ok(());
        };
        let suggestion = known()
            .max_by(|a, b| {
                strsim::jaro_winkler(a, id)
                    .total_cmp(&strsim::jaro_winkler(b, id))
                    .then_with(|| b.cmp(a))
            })
            .map(str::to_string);
        Err(Error::UnknownSource {
            id: id.clone(),
            suggestion,
            known: known().map(str::to_string).collect(),
        })
    }

    /// The node's name in `lang`. A node's `name` is in English (the
    /// default); for another tag, the first alias in exactly that tag, else
    /// the first in its primary language (`sr` for `sr-Latn`), that is
    /// neither an acronym nor a former name; else the name.
    pub fn display_name(&self, i: usize, lang: Lang) -> &str {
        let n = self.node(i);
        if lang.primary() == "en" {
            return &n.name;
        }
        let usable = |a: &&crate::model::Alias| !a.acronym && !a.former;
        let exact = n
            .aliases
            .iter()
            .filter(usable)
            .find(|a| a.lang == Some(lang));
        let same = || {
            n.aliases
                .iter()
                .filter(usable)
                .find(|a| a.lang.is_some_and(|t| t.same_language(&lang)))
        };
        match exact.or_else(same) {
            Some(a) => &a.name,
            None => &n.name,
        }
    }

    /// Every relation touching node `i`, outgoing first, each group in
    /// dataset order.
    pub fn incidents(&self, i: usize) -> impl Iterator<Item = Incident> + '_ {
        self.adjacency.incidents(i)
    }

    /// The graph's adjacency.
    pub fn adjacency(&self) -> &Adjacency {
        &self.adjacency
    }

    /// Weakly connected components, each a sorted list of node indices; the
    /// list is sorted by size (largest first), then by first node.
    pub fn components(&self) -> Vec<Vec<usize>> {
        connected_components(
            self.node_count(),
            self.ends.iter().map(|&(a, b)| (a as usize, b as usize)),
        )
    }
}

/// Connected components of `n` nodes joined by `edges` (direction ignored),
/// each a sorted list of nodes; largest first, ties by first node. Union–find
/// from petgraph.
///
/// ```
/// let c = coopgraph::graph::connected_components(5, [(0, 1), (3, 4), (4, 3)]);
/// assert_eq!(c, vec![vec![0, 1], vec![3, 4], vec![2]]);
/// ```
pub fn connected_components(
    n: usize,
    edges: impl IntoIterator<Item = (usize, usize)>,
) -> Vec<Vec<usize>> {
    let mut uf = petgraph::unionfind::UnionFind::new(n);
    for (a, b) in edges {
        uf.union(a, b);
    }
    // Components numbered by their first node, so no map is needed.
    let mut index = vec![usize::MAX; n];
    let mut comps: Vec<Vec<usize>> = Vec::new();
    for i in 0..n {
        let root = uf.find_mut(i);
        if index[root] == usize::MAX {
            index[root] = comps.len();
            comps.push(Vec::new());
        }
        comps[index[root]].push(i);
    }
    comps.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    comps
}
