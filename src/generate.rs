//! Synthetic cooperation datasets shaped like EU project participation data,
//! for benchmarks and for trying the tool at scale.
//!
//! - Organisations: 80% `organisation`, 20% `agency` (each `part_of` one of
//!   30 states).
//! - Projects: each has a lead (`leads`) and a heavy-tailed number of partners
//!   (`partner`). The count is 1 + a geometric draw with the given mean.
//!   Partners are picked by preferential weights (Zipf, exponent 1), so a few
//!   organisations take part in thousands of projects, as in CORDIS data.
//! - Funds: 12 funds; each project is funded by one (`funds`, with an amount).
//! - Dates: projects start between 2007 and 2025 and run 1–5 years. Relations
//!   take their project's dates.
//!
//! The same arguments always give the same dataset (ChaCha8 seeded RNG).
//!
//! Sizes are bounded: at most [`MAX_ORGS`] organisations, [`MAX_PROJECTS`]
//! projects, a mean of [`MAX_MEAN_PARTNERS`] partners, and about
//! [`MAX_RELATIONS`] relations (projects × (mean
//! partners + 2), the lead and the funding included); a larger [`Spec`] is
//! refused with [`Error::TooBig`] before anything is allocated.

use crate::error::{Error, Size};
use crate::model::{
    Amount, DatasetFile, FundingShare, Node, NodeKind, Relation, RelationKind, Source, SourceKind,
    SourceRef,
};
use rand::{RngExt, SeedableRng};

/// Size and seed of a generated dataset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    pub orgs: usize,
    pub projects: usize,
    /// Mean number of partners per project (besides the lead).
    pub mean_partners: f64,
    pub seed: u64,
}

/// The most organisations a generated dataset has.
pub const MAX_ORGS: usize = 10_000_000;
/// The most projects a generated dataset has.
pub const MAX_PROJECTS: usize = 10_000_000;
/// The largest mean number of partners per project (the largest projects
/// in CORDIS data have a few hundred).
pub const MAX_MEAN_PARTNERS: usize = 10_000;
/// The most relations a generated dataset is expected to have (about 10 GB
/// of JSON; the largest benchmark file has 3.3 million).
pub const MAX_RELATIONS: usize = 100_000_000;

const STATES: usize = 30;
const FUNDS: usize = 12;

fn node(id: String, kind: NodeKind, name: String, src: &[SourceRef]) -> Node {
    Node::new(id, kind, name, src.to_vec())
}

fn relation(kind: RelationKind, from: &str, to: &str, src: &[SourceRef]) -> Relation {
    Relation::new(kind, from.to_string(), to.to_string(), src.to_vec())
}

/// Refuses a spec larger than the bounds (see the module's text).
fn check(spec: &Spec) -> Result<(), Error> {
    let too_big = |what, given: u128, max: usize| {
        (given > max as u128).then_some(Error::TooBig { what, given, max })
    };
    // Expected relations: each project has a lead, a funding and a mean of
    // `mean_partners` partners (no more than there are organisations); the
    // agencies are a fifth of the organisations.
    // (A negative or NaN mean counts as 0, as below; `as` saturates.)
    let mean = spec.mean_partners.max(0.0);
    let per_project = mean.min(spec.orgs as f64) + 2.0;
    let relations = (spec.projects as f64 * per_project + spec.orgs as f64 / 5.0).ceil();
    match too_big(Size::Organisations, spec.orgs as u128, MAX_ORGS)
        .or_else(|| too_big(Size::Projects, spec.projects as u128, MAX_PROJECTS))
        .or_else(|| too_big(Size::MeanPartners, mean.ceil() as u128, MAX_MEAN_PARTNERS))
        .or_else(|| too_big(Size::Relations, relations as u128, MAX_RELATIONS))
    {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Builds the dataset, or [`Error::TooBig`] for a spec past the bounds
/// ([`MAX_ORGS`], [`MAX_PROJECTS`], [`MAX_RELATIONS`]).
///
/// ```
/// use coopgraph::generate::{generate, Spec};
/// let d = generate(&Spec { orgs: 200, projects: 50, mean_partners: 5.0, seed: 1 }).unwrap();
/// let g = coopgraph::graph::CoopGraph::new(coopgraph::load::Dataset::from_str("gen", &serde_json::to_string(&d).unwrap()).unwrap()).unwrap();
/// assert_eq!(g.data.nodes.len(), 200 + 50 + 30 + 12);
/// ```
pub fn generate(spec: &Spec) -> Result<DatasetFile, Error> {
    check(spec)?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(spec.seed);
    let src = vec![SourceRef {
        source: "generated".into(),
        para: None,
    }];
    let mut nodes = Vec::with_capacity(spec.orgs + spec.projects + STATES + FUNDS);
    let mut relations = Vec::new();
    for s in 0..STATES {
        nodes.push(node(
            format!("state-{s:02}"),
            NodeKind::State,
            format!("State {s}"),
            &src,
        ));
    }
    for f in 0..FUNDS {
        nodes.push(node(
            format!("fund-{f:02}"),
            NodeKind::Fund,
            format!("Fund {f}"),
            &src,
        ));
    }
    let org_ids: Vec<String> = (0..spec.orgs).map(|o| format!("org-{o:07}")).collect();
    for (o, id) in org_ids.iter().enumerate() {
        let agency = rng.random_bool(0.2);
        let kind = if agency {
            NodeKind::Agency
        } else {
            NodeKind::Organisation
        };
        nodes.push(node(id.clone(), kind, format!("Organisation {o}"), &src));
        if agency {
            let s = rng.random_range(0..STATES);
            relations.push(relation(
                RelationKind::PartOf,
                id,
                &format!("state-{s:02}"),
                &src,
            ));
        }
    }
    // Zipf(1) weights over organisations, sampled by inverse CDF.
    let cumulative: Vec<f64> = (1..=spec.orgs)
        .scan(0.0, |acc, r| {
            *acc += 1.0 / r as f64;
            Some(*acc)
        })
        .collect();
    let total = cumulative.last().copied().unwrap_or(1.0);
    let p_stop = 1.0 / (1.0 + spec.mean_partners.max(0.0));
    for p in 0..spec.projects {
        let id = format!("project-{p:07}");
        let start_year = rng.random_range(2007..=2025);
        let start = format!("{start_year}-{:02}", rng.random_range(1..=12));
        let end = format!(
            "{}-{:02}",
            start_year + rng.random_range(1..=5),
            rng.random_range(1..=12)
        );
        let mut n = node(id.clone(), NodeKind::Project, format!("Project {p}"), &src);
        n.start = Some(start);
        n.end = Some(end);
        nodes.push(n);
        if spec.orgs == 0 {
            continue;
        }
        let pick = |rng: &mut rand_chacha::ChaCha8Rng| {
            let x = rng.random::<f64>() * total;
            cumulative.partition_point(|c| *c < x).min(spec.orgs - 1)
        };
        let lead = pick(&mut rng);
        relations.push(relation(RelationKind::Leads, &org_ids[lead], &id, &src));
        // A set: a project with thousands of partners stays linear.
        let mut partners = rustc_hash::FxHashSet::default();
        partners.insert(lead);
        while !rng.random_bool(p_stop) && partners.len() < spec.orgs {
            let o = pick(&mut rng);
            if partners.insert(o) {
                relations.push(relation(RelationKind::Partner, &org_ids[o], &id, &src));
            }
        }
        let f = rng.random_range(0..FUNDS);
        let mut funding = relation(RelationKind::Funds, &format!("fund-{f:02}"), &id, &src);
        funding.amount = Some(Amount {
            value: (rng.random_range(50..5000) * 1000) as f64,
            currency: "EUR".into(),
        });
        funding.share = Some(FundingShare::Main);
        relations.push(funding);
    }
    Ok(DatasetFile {
        schema: None,
        sources: vec![Source {
            id: "generated".into(),
            kind: SourceKind::Imported,
            title: format!(
                "coopgraph generate --orgs {} --projects {} --seed {}",
                spec.orgs, spec.projects, spec.seed
            ),
            lang: None,
            translates: None,
            publisher: None,
            file: None,
            url: None,
            updated: None,
            note: Some("synthetic data for benchmarks; not facts".into()),
        }],
        nodes,
        relations,
    })
}

/// Writes a generated dataset as a CSV edge list, the form most users'
/// records take: `source,target,relation,start,end`, one row per relation,
/// each with the dates of the project it joins (relations of a generated
/// dataset take their project's dates). Node kinds are not written: a
/// reader gives every node its default kind, as it would a user's edge list.
pub fn write_edge_list(
    data: &DatasetFile,
    w: &mut (impl std::io::Write + ?Sized),
) -> std::io::Result<()> {
    use std::io::Write;
    let dates: std::collections::HashMap<&str, (&str, &str)> = data
        .nodes
        .iter()
        .filter_map(|n| Some((n.id.as_str(), (n.start.as_deref()?, n.end.as_deref()?))))
        .collect();
    let mut out = std::io::BufWriter::new(w);
    writeln!(out, "source,target,relation,start,end")?;
    for r in &data.relations {
        let (start, end) = dates.get(r.to.as_str()).copied().unwrap_or(("", ""));
        writeln!(out, "{},{},{},{start},{end}", r.from, r.to, r.kind)?;
    }
    out.flush()
}
