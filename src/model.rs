//! The data model: what a dataset file holds.
//!
//! These types are the serialised form. They are deliberately plain (ids are
//! strings, dates are strings) so that a person can edit the JSON by hand and
//! the JSON Schema generated from them (`data/schema.json`) describes exactly
//! what the loader accepts. Parsing of dates happens in [`crate::date`];
//! checking references between records happens in [`crate::validate`].
//!
//! Invariant: every struct denies unknown fields, so a typo in a field name is
//! an error with a location rather than silently lost data.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One dataset file. A dataset is the union of one or more such files; the
/// embedded dataset keeps its sources in `data/sources.json` and its nodes and
/// relations in the other files of `data/`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatasetFile {
    /// Path or URL of the JSON Schema, for editors. Ignored by the loader.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The documents that facts are read from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// States, agencies, organisations, funds, projects and networks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Node>,
    /// Typed, directed, dated relations between nodes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
}

/// An enum's variants (strum's `VARIANTS`) as an array, so that `ALL` has a
/// length known at compile time and iterates by value.
pub(crate) const fn variants<T: Copy, const N: usize>(v: &[T]) -> [T; N] {
    let mut a = [v[0]; N];
    let mut i = 0;
    while i < N {
        a[i] = v[i];
        i += 1;
    }
    a
}

pub use crate::lang::Lang;

/// What kind of document a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A web page (the seed pages are of this kind).
    Page,
    /// Common public knowledge (a country's name, an authority's Swedish name,
    /// a country code), cited so that such facts are marked as not read from a page.
    PublicKnowledge,
    /// A file converted by `coopgraph import`.
    Imported,
}

/// A document that facts are read from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id that relations cite, e.g. `dev-en`.
    pub id: String,
    pub kind: SourceKind,
    /// The page's own title.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Id of the source this one is a translation of (or the counterpart page
    /// in the other language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translates: Option<String>,
    /// Publisher of the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Where the page was read from (the seed file name for the seed pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The "last updated" date the page states, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// How paragraphs are counted in `SourceRef::para`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A citation: a source and the paragraph a fact was read from.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// Id of a [`Source`].
    pub source: String,
    /// 1-based paragraph number: the n-th non-empty line of the page text
    /// (headings and list items count as paragraphs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub para: Option<u32>,
}

/// The six kinds of node.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumCount,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(
    feature = "cli",
    derive(clap::ValueEnum),
    value(rename_all = "snake_case")
)]
pub enum NodeKind {
    /// A country or territory.
    State,
    /// A public authority (or a unit or ministry); belongs to a state.
    Agency,
    /// An international or intergovernmental organisation, an EU body, an NGO
    /// or a civil-society body.
    Organisation,
    /// A funding instrument.
    Fund,
    /// A project, pilot, feasibility study or programme of work.
    Project,
    /// A council, forum, network, process, initiative or joint operation.
    Network,
}

impl NodeKind {
    /// Every kind, in declaration order.
    pub const ALL: [NodeKind; <NodeKind as strum::EnumCount>::COUNT] =
        variants(<NodeKind as strum::VariantArray>::VARIANTS);

    /// The kind's name, as the dataset writes it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// States, agencies and organisations: the nodes that act.
    pub fn is_actor(self) -> bool {
        matches!(
            self,
            NodeKind::State | NodeKind::Agency | NodeKind::Organisation
        )
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Another name a node is known by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub name: String,
    /// Language of the name, a BCP 47 tag; see `CoopGraph::display_name` for
    /// how `--lang` picks among aliases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// An abbreviation (UNHCR, DGMM).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acronym: bool,
    /// An earlier name (EASO for the EUAA).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub former: bool,
    /// Where the name comes from, when not from the node's own sources
    /// (typically the `public-knowledge` source for Swedish authority names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A member count that a page states ("fifteen authorities").
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredMembers {
    pub count: u32,
    /// Count only `member` relations with this role (e.g. `network authority`).
    /// Without a role the count is compared with every distinct node that has
    /// a `member` or `leads` relation to this node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub sources: Vec<SourceRef>,
}

/// A start and/or end that a source gives for a node, when sources disagree
/// with the node's main `start`/`end` (or give a planned duration).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateClaim {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::date::PartialDateSchema>")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::date::PartialDateSchema>")]
    pub end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub sources: Vec<SourceRef>,
}

/// A state, agency, organisation, fund, project or network.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Stable slug: lowercase letters, digits and hyphens.
    pub id: String,
    pub kind: NodeKind,
    /// English display name.
    pub name: String,
    /// True when the pages describe the node without naming it, so that
    /// `name` is a descriptive label chosen by the dataset's authors.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unnamed: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// A short description in the dataset authors' own words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// ISO 3166-1 alpha-2 code (public knowledge; `XK` for Kosovo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::date::PartialDateSchema>")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::date::PartialDateSchema>")]
    pub end: Option<String>,
    /// True when the pages give `start` as planned or expected ("will start
    /// in 2022"), not as a date it happened.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub start_planned: bool,
    /// True when the pages give `end` as planned or expected ("is expected
    /// to run until December 2024").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub end_planned: bool,
    /// Other dates that sources give for this node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alt_dates: Vec<DateClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declared_members: Vec<DeclaredMembers>,
    pub sources: Vec<SourceRef>,
}

impl Node {
    /// A node with only the required fields set.
    pub fn new(id: String, kind: NodeKind, name: String, sources: Vec<SourceRef>) -> Node {
        Node {
            id,
            kind,
            name,
            unnamed: false,
            aliases: Vec::new(),
            description: String::new(),
            country: None,
            start: None,
            end: None,
            start_planned: false,
            end_planned: false,
            alt_dates: Vec::new(),
            declared_members: Vec::new(),
            sources,
        }
    }
}

/// Relation kinds. Each is directed `from` → `to`; see [`RelationKind::allowed`]
/// for the node kinds each may join.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumCount,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(
    feature = "cli",
    derive(clap::ValueEnum),
    value(rename_all = "snake_case")
)]
pub enum RelationKind {
    /// Actor leads a project or network.
    Leads,
    /// Actor is a partner in a project or network (role: partner, junior partner, stakeholder…).
    Partner,
    /// Actor benefits from a project or fund.
    Beneficiary,
    /// Fund or actor finances a project, network or fund (amount, share).
    Funds,
    /// Actor implements a project, network or fund.
    Implements,
    /// Actor belongs to a network or organisation (role: member, observer,
    /// coordinator, chair, network authority, board member…).
    Member,
    /// Agency → state or agency; project → project or network; fund → fund; network → network; organisation → organisation.
    PartOf,
    /// Project or network continues an earlier one.
    FollowUpOf,
    /// Project or network was incorporated into another.
    MergedInto,
    /// Organisation or agency serves as the secretariat or support function of a network.
    SecretariatOf,
    /// Two actors (or an actor and a project/network) cooperate; no further structure stated.
    CooperatesWith,
    /// Actor or project gives support to another actor, project or network.
    Supports,
    /// Actor hosts a project or function.
    Hosts,
    /// Actor deployed staff to a state (`place` names the city).
    DeployedTo,
    /// Project or network concerns a state, system or network (its subject or target country).
    Concerns,
    /// A state (its government) or agency commissioned a project or network.
    Commissions,
    /// Actor launched a project or network.
    Initiated,
    /// Organisation or agency is the contracting party of a project.
    Contracts,
}

impl RelationKind {
    /// Every kind, in declaration order.
    pub const ALL: [RelationKind; <RelationKind as strum::EnumCount>::COUNT] =
        variants(<RelationKind as strum::VariantArray>::VARIANTS);

    /// The kind's name, as the dataset writes it.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether an actor (`from`) with this relation to a project or network
    /// (`to`) takes part in it: leads, is a partner, member, beneficiary,
    /// implementer, host, initiator, commissioner, contracting party, funder,
    /// or cooperates in it.
    pub fn is_participation(self) -> bool {
        use RelationKind::*;
        matches!(
            self,
            Leads
                | Partner
                | Beneficiary
                | Implements
                | Member
                | Hosts
                | Initiated
                | Contracts
                | Commissions
                | Funds
                | CooperatesWith
        )
    }

    /// Whether a relation of this kind may go from a `from` node to a `to` node.
    ///
    /// ```
    /// use coopgraph::model::{NodeKind::*, RelationKind};
    /// assert!(RelationKind::Leads.allowed(Agency, Project));
    /// assert!(!RelationKind::Leads.allowed(Project, Agency));
    /// ```
    pub fn allowed(self, from: NodeKind, to: NodeKind) -> bool {
        use NodeKind::*;
        let actor = from.is_actor();
        let activity = matches!(to, Project | Network);
        match self {
            RelationKind::Leads
            | RelationKind::Partner
            | RelationKind::Hosts
            | RelationKind::Initiated => actor && activity,
            RelationKind::Beneficiary | RelationKind::Implements => {
                actor && (activity || to == Fund)
            }
            RelationKind::Funds => (actor || from == Fund) && (activity || to == Fund),
            RelationKind::Member => actor && matches!(to, Network | Organisation),
            RelationKind::PartOf => matches!(
                (from, to),
                (Agency, State | Agency)
                    | (Organisation, Organisation)
                    | (Project, Project | Network)
                    | (Network, Network)
                    | (Fund, Fund)
            ),
            RelationKind::FollowUpOf | RelationKind::MergedInto => {
                matches!(from, Project | Network) && activity
            }
            RelationKind::SecretariatOf => matches!(from, Organisation | Agency) && to == Network,
            RelationKind::CooperatesWith => actor && to != Fund,
            RelationKind::Supports => (actor || from == Project) && to != Fund,
            RelationKind::DeployedTo => actor && to == State,
            RelationKind::Concerns => {
                matches!(from, Project | Network) && matches!(to, State | Network | Organisation)
            }
            RelationKind::Commissions => matches!(from, State | Agency) && activity,
            RelationKind::Contracts => matches!(from, Organisation | Agency) && to == Project,
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A sum of money a page states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    pub value: f64,
    /// ISO 4217 code, e.g. `EUR`.
    pub currency: String,
}

/// Whether a `funds` relation is the main funding or co-funding.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum FundingShare {
    Main,
    Co,
    /// Covers only part of the costs (e.g. one phase).
    Partial,
}

impl Relation {
    /// A relation with only the required fields set.
    pub fn new(kind: RelationKind, from: String, to: String, sources: Vec<SourceRef>) -> Relation {
        Relation {
            kind,
            from,
            to,
            role: None,
            start: None,
            end: None,
            weight: None,
            amount: None,
            share: None,
            place: None,
            within: None,
            on_behalf_of: None,
            note: None,
            sources,
        }
    }
}

impl fmt::Display for FundingShare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.into())
    }
}

/// A typed, directed, dated relation, with the sources it was read from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub kind: RelationKind,
    /// Id of the node the relation goes from (the actor, the funder, the part).
    pub from: String,
    /// Id of the node the relation goes to (the project, the network, the whole).
    pub to: String,
    /// Role as the source states it: partner, junior partner, observer,
    /// coordinator, network authority…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::date::PartialDateSchema>")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<crate::date::PartialDateSchema>")]
    pub end: Option<String>,
    /// Strength of the tie, for metrics (default 1). Edge lists from other
    /// tools carry it; the seed dataset does not use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// For `funds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// For `funds`: main funding or co-funding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<FundingShare>,
    /// A city or site (for `deployed_to`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Id of the project or network this relation happened within.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    /// Id of the state an agency acted for ("Sweden, through the Migration Agency").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    /// How the relation was read, where that is not obvious.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub sources: Vec<SourceRef>,
}
