//! `comembership`: which actors take part in which networks (councils,
//! committees) or projects, as a matrix whose rows and columns are ordered so
//! that actors sitting on the same councils stand together as blocks.
//!
//! Taking part means what it means for `shared` and `overlap` (see
//! [`super::participation`]): a state takes part through its authorities, an
//! authority through its units.
//!
//! The order is the leaf order of an average-linkage (UPGMA) clustering of the
//! rows by the Jaccard distance of their column sets, and of the columns by
//! that of their row sets: the usual order of a clustered heatmap.
//!
//! ```
//! use coopgraph::{graph::CoopGraph, view::View, model::{Lang, NodeKind}};
//! use coopgraph::analysis::{comembership::comembership, shared::Via};
//! let g = CoopGraph::embedded().unwrap();
//! let m = comembership(&View::full(&g), NodeKind::Agency, Via::Network, 100, 100, Lang::EN);
//! assert!(m.cols.iter().any(|c| c.id == "counter-terrorism-council"));
//! ```

use super::participation::Link;
use super::shared::{Via, involvements};
use super::{Limit, NodeRef, QueryError};
use crate::model::{Lang, NodeKind, RelationKind};
use crate::view::View;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One actor's part in one activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    /// Index into [`CoMembership::rows`].
    pub row: usize,
    /// Index into [`CoMembership::cols`].
    pub col: usize,
    /// The actor (or one of its agencies) leads it or runs its secretariat.
    pub leads: bool,
    /// The relations behind the cell, with their sources.
    pub links: Vec<Link>,
}

/// An actors × activities matrix in block order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoMembership {
    /// The kind of the row actors.
    pub kind: NodeKind,
    /// Which activities the columns are: `network`, `project` or `any` (both).
    pub via: Via,
    pub rows: Vec<NodeRef>,
    pub cols: Vec<NodeRef>,
    /// The non-empty cells, by row, then column.
    pub cells: Vec<Membership>,
    /// Actors and activities left out by the row and column limits.
    pub omitted_rows: usize,
    pub omitted_cols: usize,
}

impl CoMembership {
    /// For each pair of rows, how many columns both take part in; on the
    /// diagonal, how many the row takes part in.
    ///
    /// ```
    /// use coopgraph::{graph::CoopGraph, view::View, model::{Lang, NodeKind}};
    /// use coopgraph::analysis::{comembership::comembership, shared::Via};
    /// let g = CoopGraph::embedded().unwrap();
    /// let m = comembership(&View::full(&g), NodeKind::Agency, Via::Network, 100, 100, Lang::EN);
    /// let counts = m.shared_counts();
    /// assert!((0..m.rows.len()).all(|i| counts[i][i] >= 1));
    /// ```
    pub fn shared_counts(&self) -> Vec<Vec<usize>> {
        let n = self.rows.len();
        let mut by_col: Vec<Vec<usize>> = vec![Vec::new(); self.cols.len()];
        for c in &self.cells {
            by_col[c.col].push(c.row);
        }
        let mut out = vec![vec![0; n]; n];
        for rows in &by_col {
            for &a in rows {
                for &b in rows {
                    out[a][b] += 1;
                }
            }
        }
        out
    }
}

/// Whether a relation makes its actor the one who leads or runs an activity.
fn leading(kind: RelationKind) -> bool {
    matches!(kind, RelationKind::Leads | RelationKind::SecretariatOf)
}

/// A co-membership question: actors of one kind (the rows) against the
/// activities they take part in (the columns), at most `max_rows` ×
/// `max_cols`.
///
/// ```
/// use coopgraph::{graph::CoopGraph, view::View, model::{Lang, NodeKind}};
/// use coopgraph::analysis::{QueryError, comembership::Request, shared::Via};
/// let g = CoopGraph::embedded().unwrap();
/// let view = View::full(&g);
/// let ask = Request { kind: NodeKind::Agency, via: Via::Network, max_rows: 10, max_cols: 10 };
/// let m = ask.run(&view, Lang::EN).unwrap();
/// assert!(m.rows.len() <= 10 && m.cols.len() <= 10);
/// // Partners are not activities: they cannot be the columns.
/// let e = Request { via: Via::Partner, ..ask }.check();
/// assert_eq!(e.unwrap_err(), QueryError::NotActivities { via: Via::Partner });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// The kind of actor in the rows: state, agency or organisation.
    pub kind: NodeKind,
    /// Which activities are the columns: network, project or any (both).
    pub via: Via,
    /// At most this many actors (those in the most activities); at least 1.
    pub max_rows: usize,
    /// At most this many activities (those with the most of the actors);
    /// at least 1.
    pub max_cols: usize,
}

impl Request {
    /// Checks the question without the data: an actor kind, activities as
    /// columns, room for at least one row and one column.
    pub fn check(&self) -> Result<(), QueryError> {
        if !self.kind.is_actor() {
            return Err(QueryError::NotActorKind { kind: self.kind });
        }
        if matches!(self.via, Via::Partner | Via::Fund) {
            return Err(QueryError::NotActivities { via: self.via });
        }
        for (limit, given) in [
            (Limit::MaxRows, self.max_rows),
            (Limit::MaxCols, self.max_cols),
        ] {
            if given == 0 {
                return Err(QueryError::TooSmall {
                    limit,
                    min: 1,
                    given,
                });
            }
        }
        Ok(())
    }

    /// The matrix within `view`, once [`Request::check`] passes.
    pub fn run(&self, view: &View, lang: Lang) -> Result<CoMembership, QueryError> {
        self.check()?;
        Ok(comembership(
            view,
            self.kind,
            self.via,
            self.max_rows,
            self.max_cols,
            lang,
        ))
    }
}

/// The actors of `kind` in `view` and the activities (networks, projects or
/// both, by `via`) they take part in. At most `max_rows` actors (those in the
/// most activities) and `max_cols` activities (those with the most of these
/// actors) are kept; ties go by name, then id.
pub fn comembership(
    view: &View,
    kind: NodeKind,
    via: Via,
    max_rows: usize,
    max_cols: usize,
    lang: Lang,
) -> CoMembership {
    let g = view.graph;
    let activity = |cat: Via| matches!(cat, Via::Project | Via::Network) && via.admits(cat);
    // actor -> activity -> the actor's relations to it
    let mut member: Vec<(usize, BTreeMap<usize, Vec<Link>>)> = view
        .node_indices()
        .filter(|&i| g.node(i).kind == kind)
        .map(|a| {
            let items = involvements(view, a)
                .into_iter()
                .filter(|((cat, _), _)| activity(*cat))
                .map(|((_, item), invs)| {
                    let links = invs.iter().map(|i| Link::new(view, a, i, lang)).collect();
                    (item, links)
                })
                .collect();
            (a, items)
        })
        .filter(|(_, items): &(usize, BTreeMap<usize, Vec<Link>>)| !items.is_empty())
        .collect();
    let name = |i: usize| (g.display_name(i, lang).to_string(), g.node(i).id.clone());
    member.sort_by_cached_key(|(a, items)| (std::cmp::Reverse(items.len()), name(*a)));
    let omitted_rows = member.len().saturating_sub(max_rows);
    member.truncate(max_rows);

    let mut count: BTreeMap<usize, usize> = BTreeMap::new();
    for (_, items) in &member {
        for &i in items.keys() {
            *count.entry(i).or_default() += 1;
        }
    }
    let mut cols: Vec<usize> = count.keys().copied().collect();
    cols.sort_by_cached_key(|&c| (std::cmp::Reverse(count[&c]), name(c)));
    let omitted_cols = cols.len().saturating_sub(max_cols);
    cols.truncate(max_cols);
    let kept: BTreeSet<usize> = cols.iter().copied().collect();
    member.retain(|(_, items)| items.keys().any(|i| kept.contains(i)));

    // Block order of rows and of columns.
    let col_pos: BTreeMap<usize, usize> = cols.iter().enumerate().map(|(k, &c)| (c, k)).collect();
    let row_sets: Vec<BTreeSet<usize>> = member
        .iter()
        .map(|(_, items)| {
            items
                .keys()
                .filter_map(|i| col_pos.get(i).copied())
                .collect()
        })
        .collect();
    let mut col_sets: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); cols.len()];
    for (r, set) in row_sets.iter().enumerate() {
        for &c in set {
            col_sets[c].insert(r);
        }
    }
    let row_order = block_order(&row_sets);
    let col_order = block_order(&col_sets);
    let mut new_col = vec![0; cols.len()];
    for (k, &c) in col_order.iter().enumerate() {
        new_col[c] = k;
    }

    let mut cells = Vec::new();
    for (r, &old) in row_order.iter().enumerate() {
        let items = &member[old].1;
        let mut row_cells: Vec<Membership> = items
            .iter()
            .filter_map(|(item, links)| {
                let c = new_col[*col_pos.get(item)?];
                Some(Membership {
                    row: r,
                    col: c,
                    leads: links
                        .iter()
                        .any(|l| l.direction == "out" && leading(l.kind)),
                    links: links.clone(),
                })
            })
            .collect();
        row_cells.sort_by_key(|m| m.col);
        cells.extend(row_cells);
    }
    CoMembership {
        kind,
        via,
        rows: row_order
            .iter()
            .map(|&k| NodeRef::new(g, member[k].0, lang))
            .collect(),
        cols: col_order
            .iter()
            .map(|&k| NodeRef::new(g, cols[k], lang))
            .collect(),
        cells,
        omitted_rows,
        omitted_cols,
    }
}

/// A seriation of `sets`: the leaf order of their average-linkage clustering
/// by Jaccard distance. Where two clusters merge, the one holding the
/// earlier set (in the given order) comes first, so the result depends only
/// on the sets and their order.
///
/// ```
/// use std::collections::BTreeSet;
/// use coopgraph::analysis::comembership::block_order;
/// let s = |v: &[usize]| v.iter().copied().collect::<BTreeSet<usize>>();
/// // Two groups, interleaved: {0, 2} share columns 0–1, {1, 3} columns 5–6.
/// let sets = [s(&[0, 1]), s(&[5, 6]), s(&[0, 1, 2]), s(&[5, 6])];
/// assert_eq!(block_order(&sets), vec![0, 2, 1, 3]);
/// ```
pub fn block_order(sets: &[BTreeSet<usize>]) -> Vec<usize> {
    let n = sets.len();
    if n < 3 {
        return (0..n).collect();
    }
    let mut condensed = Vec::with_capacity(n * (n - 1) / 2);
    for i in 0..n {
        for j in i + 1..n {
            let inter = sets[i].intersection(&sets[j]).count();
            let union = sets[i].len() + sets[j].len() - inter;
            let jaccard = if union == 0 {
                1.0
            } else {
                inter as f64 / union as f64
            };
            condensed.push(1.0 - jaccard);
        }
    }
    let dendrogram = kodama::linkage(&mut condensed, n, kodama::Method::Average);
    // Cluster `n + k` is made by step k; clusters below n are the sets.
    let steps = dendrogram.steps();
    let mut first = (0..n).collect::<Vec<_>>();
    for s in steps {
        first.push(first[s.cluster1].min(first[s.cluster2]));
    }
    let mut order = Vec::with_capacity(n);
    let mut stack = vec![n + steps.len() - 1];
    while let Some(c) = stack.pop() {
        if c < n {
            order.push(c);
            continue;
        }
        let s = &steps[c - n];
        let (a, b) = if first[s.cluster1] <= first[s.cluster2] {
            (s.cluster1, s.cluster2)
        } else {
            (s.cluster2, s.cluster1)
        };
        stack.push(b);
        stack.push(a);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[usize]) -> BTreeSet<usize> {
        v.iter().copied().collect()
    }

    #[test]
    fn block_order_is_a_permutation_that_groups_identical_sets() {
        let sets: Vec<BTreeSet<usize>> = (0..12)
            .map(|i| match i % 3 {
                0 => set(&[0, 1, 2]),
                1 => set(&[3, 4]),
                _ => set(&[5, 6, 7, 8]),
            })
            .collect();
        let order = block_order(&sets);
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, (0..12).collect::<Vec<_>>());
        // Each group of equal sets is contiguous: the group changes only twice.
        let changes = order
            .windows(2)
            .filter(|w| sets[w[0]] != sets[w[1]])
            .count();
        assert_eq!(changes, 2, "{order:?}");
        // The group of the first set comes first.
        assert_eq!(sets[order[0]], sets[0]);
    }

    #[test]
    fn small_and_empty_inputs() {
        assert!(block_order(&[]).is_empty());
        assert_eq!(block_order(&[set(&[1])]), vec![0]);
        assert_eq!(block_order(&[set(&[]), set(&[]), set(&[])]).len(), 3);
    }
}
