//! The figures' own words in each language: titles, legends, axis words and
//! captions. One table, [`word`]; a text with blanks (`{}`) is filled in
//! order by [`fill`]. Names come from the data (`display_name`); only these
//! words are ours.
//!
//! It sits in the data-model layer, beside [`crate::lang::Lang`], so that
//! `view` (selection descriptions), `render` and `report` all use it.
//! Our words exist in English and Swedish: a tag whose primary language is
//! Swedish (`sv`, `sv-FI`) gets the Swedish words, every other tag the
//! English ones ([`Lang::is_swedish`]).
//! To add a word: a variant of [`W`] and its row in [`word`] (the match
//! makes a missing translation a compile error).
//!
//! ```
//! use coopgraph::model::Lang;
//! use coopgraph::words::{W, fill, word};
//! assert_eq!(word(W::NoFunder, Lang::SV), "ingen finansiär angiven");
//! assert_eq!(fill(W::FundedBy, Lang::SV, &["Sida"]), "finansieras av Sida");
//! ```

use crate::model::{Lang, NodeKind, RelationKind};

/// A word or text of the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    // Captions.
    Data,
    DataSelection,
    EmbeddedData,
    // Selection descriptions.
    Ego,
    FromTo,
    From,
    Until,
    Kinds,
    Relations,
    Sources,
    // Timeline.
    HistoryOf,
    CooperationWith,
    NoDates,
    NoCooperation,
    AsOf,
    FundedBy,
    NoFunder,
    PartialDate,
    StillRunning,
    AsOfDate,
    With,
    WithAndOthers,
    WithAndOther,
    PlannedDates,
    OtherRelation,
    EndNotStated,
    Including,
    StatusAsOf,
    // Heatmap.
    TakesPart,
    Leads,
    Counts,
    Shared,
    OwnCount,
    TakePartIn,
    SharedBy,
    Matrix,
    LeftOut,
    // Network.
    NetworkOf,
    ActorsTied,
    Network,
    ActorsView,
    WeightShared,
    WeightYears,
    NodesRelations,
    ClustersDrawn,
    Legend,
    ClusterRow,
    TieRow,
    SizeByRow,
    DrawnByBuiltin,
    LeftOutByFigure,
    NamedTop,
    NamedCentre,
    // Hover texts.
    HoverSources,
    HoverTie,
    HoverRole,
    HoverPartners,
    HoverFunding,
    HoverThrough,
    HoverCellIn,
    HoverCellOwn,
    HoverCellShare,
    TimelineDesc,
    HeatmapDescMembership,
    HeatmapDescShared,
    ClusterRole,
    // The report's pages.
    ReportData,
    /// The index page's link to the explorer; its blank is the link.
    ExploreLink,
    /// The words of that link.
    ExploreLinkText,
    SourcesHeading,
    Files,
    DrawnBy,
    CitedInHover,
    PublishedBy,
    LastUpdated,
    NoUpdateDate,
    NoUrl,
    Counterpart,
    LanguageNotStated,
    TableCaption,
    TableSelection,
}

// The longest texts, kept out of `word`'s table.
const TIMELINE_DESC: (&str, &str) = (
    "Gantt chart of {} entries in the cooperation history of {}: bars from start to end \
             on a year axis, coloured by funder, hatched where a date is known only to the month, \
             season or year, lighter with a dashed outline where the pages give the dates as planned \
             or expected, fading out where no end is stated, with an arrowhead where the stated end \
             lies after {}. {}",
    "Gantt-schema över {} poster i samarbetshistoriken för {}: staplar från start till slut \
             på en årsaxel, färgade efter finansiär, streckade där ett datum är känt bara till månad, \
             årstid eller år, ljusare med streckad kant där sidorna anger datumen som planerade \
             eller väntade, bleknande där inget slut anges, med en pilspets där det angivna slutet \
             ligger efter {}. {}",
);

const HEATMAP_DESC_MEMBERSHIP: (&str, &str) = (
    "Heatmap of {} {} (rows) and {} {} (columns), ordered by clustering so that \
             groups that take part together form blocks; {} cells filled. {}",
    "Värmekarta över {} {} (rader) och {} {} (kolumner), ordnade genom klustring så att \
             grupper som deltar tillsammans bildar block; {} rutor ifyllda. {}",
);

const HEATMAP_DESC_SHARED: (&str, &str) = (
    "Heatmap of {} {} against themselves: each cell is the number of {} both take \
             part in (at most {}); the diagonal is each one's own count. Ordered by \
             clustering so that groups form blocks. {}",
    "Värmekarta över {} {} mot varandra: varje ruta är antalet {} som båda deltar i \
             (högst {}); diagonalen är vars och ens eget antal. Ordnade genom klustring så att \
             grupper bildar block. {}",
);

const NAMED_TOP: (&str, &str) = (
    " Drawn by name: the {} nodes ranked highest by PageRank; the other {} are dots coloured by their kind ({}).",
    " Med namn: de {} noder som rankas högst efter PageRank; de övriga {} är prickar färgade efter sitt slag ({}).",
);

const NAMED_CENTRE: (&str, &str) = (
    " Drawn by name: {} nodes, the centre and those ranked highest by PageRank; the other {} are dots coloured by their kind ({}).",
    " Med namn: {} noder, mittpunkten och de som rankas högst efter PageRank; de övriga {} är prickar färgade efter sitt slag ({}).",
);

/// The index page's link to the explorer (its blank is the link).
const EXPLORE_LINK: (&str, &str) = (
    "{} (search, filters, years, the sources of each relation; one page with its own scripts)",
    "{} (sökning, filter, år och källorna till varje relation; en egen sida med egna skript)",
);

/// The text of `w` in `lang`.
pub fn word(w: W, lang: Lang) -> &'static str {
    let (en, sv) = match w {
        W::Data => ("Data: {}.", "Underlag: {}."),
        W::DataSelection => ("Data: {}. Selection: {}.", "Underlag: {}. Urval: {}."),
        W::EmbeddedData => (
            "coopgraph's embedded dataset, read from the Swedish Migration Agency's pages",
            "coopgraphs inbyggda datamängd, hämtad från Migrationsverkets webbsidor",
        ),
        W::Ego => ("ego {} (depth {})", "kring {} (avstånd {})"),
        W::FromTo => ("{} to {}", "{} till {}"),
        W::From => ("from {}", "från {}"),
        W::Until => ("until {}", "till och med {}"),
        W::Kinds => ("kinds {}", "slag {}"),
        W::Relations => ("relations {}", "relationer {}"),
        W::Sources => ("sources {}", "källor {}"),
        W::HistoryOf => ("Cooperation history of {}", "Samarbetshistorik för {}"),
        W::CooperationWith => ("Cooperation with {}", "Samarbete med {}"),
        W::NoDates => ("no dates stated", "inga datum angivna"),
        W::NoCooperation => ("no cooperation recorded", "inget samarbete registrerat"),
        W::AsOf => ("as of {}", "per {}"),
        W::FundedBy => ("funded by {}", "finansieras av {}"),
        W::NoFunder => ("no funder stated", "ingen finansiär angiven"),
        W::PartialDate => (
            "date known only to the month, season or year",
            "datum känt bara till månad, årstid eller år",
        ),
        W::StillRunning => ("still running on {}", "pågår den {}"),
        W::AsOfDate => ("as-of date", "datum för läget"),
        W::With => ("with {}", "med {}"),
        W::WithAndOthers => ("with {} and {} others", "med {} och {} andra"),
        W::WithAndOther => ("with {} and {} other", "med {} och {} annan"),
        W::OtherRelation => (
            "other relation (its kind on hover)",
            "annan relation (dess slag vid hovring)",
        ),
        W::PlannedDates => ("planned or expected dates", "planerade eller väntade datum"),
        W::EndNotStated => ("end not stated", "inget slutdatum angivet"),
        W::Including => (
            "Including {}; status as of {}",
            "Inklusive {}; läget per {}",
        ),
        W::StatusAsOf => ("Status as of {}", "Läget per {}"),
        W::TakesPart => ("takes part", "deltar"),
        W::Leads => (
            "leads it or runs its secretariat",
            "leder eller har sekretariatet",
        ),
        W::Counts => (
            "grey numbers: members per column, memberships per row",
            "grå siffror: medlemmar per kolumn, medlemskap per rad",
        ),
        W::Shared => ("shared:", "gemensamma:"),
        W::OwnCount => ("own count (diagonal)", "eget antal (diagonalen)"),
        W::TakePartIn => ("{} × the {} they take part in", "{} × de {} de deltar i"),
        W::SharedBy => ("{} by shared {}", "{} efter gemensamma {}"),
        W::Matrix => (
            "{} rows × {} columns, clustered (average linkage, Jaccard distance)",
            "{} rader × {} kolumner, klustrade (medelavstånd, Jaccardavstånd)",
        ),
        W::LeftOut => (
            "; {} rows and {} columns beyond the limits left out",
            "; {} rader och {} kolumner utöver gränserna utelämnade",
        ),
        W::NetworkOf => ("Cooperation network of {}", "Samarbetsnätverk för {}"),
        W::ActorsTied => (
            "Actors tied by shared projects and networks",
            "Aktörer förbundna genom gemensamma projekt och nätverk",
        ),
        W::Network => ("Cooperation network", "Samarbetsnätverk"),
        W::ActorsView => (
            " Actors view: {} actors, {} ties weighted by {}.",
            " Aktörsvy: {} aktörer, {} band viktade efter {}.",
        ),
        W::WeightShared => (
            "projects and networks shared",
            "gemensamma projekt och nätverk",
        ),
        W::WeightYears => (
            "years of overlapping participation",
            "år av samtidigt deltagande",
        ),
        W::NodesRelations => (" {} nodes, {} relations.", " {} noder, {} relationer."),
        W::ClustersDrawn => (
            " {} networks are drawn as boxes with their members inside.",
            " {} nätverk är ritade som rutor med sina medlemmar inuti.",
        ),
        W::Legend => ("Legend", "Teckenförklaring"),
        W::ClusterRow => (
            "network with its members inside",
            "nätverk med sina medlemmar inuti",
        ),
        W::TieRow => ("tie; width: {}", "band; bredd: {}"),
        W::SizeByRow => ("label size: {}", "textstorlek: {}"),
        W::DrawnByBuiltin => (
            "Drawn by coopgraph's built-in layout (stress majorisation).",
            "Ritad med coopgraphs inbyggda layout (stressmajorisering).",
        ),
        W::LeftOutByFigure => (
            " Left out by the figure: {} ({} nodes, {} relations).",
            " Utelämnat i figuren: {} ({} noder, {} relationer).",
        ),
        W::NamedTop => NAMED_TOP,
        W::NamedCentre => NAMED_CENTRE,
        W::HoverSources => ("sources: {}", "källor: {}"),
        W::HoverTie => ("{} and {}: tie weight {}", "{} och {}: bandets vikt {}"),
        W::HoverRole => ("role: {}", "roll: {}"),
        W::HoverPartners => ("partners: {}", "partner: {}"),
        W::HoverFunding => ("funding: {}", "finansiering: {}"),
        W::HoverThrough => (", through {}", ", genom {}"),
        W::HoverCellIn => ("{} in {}: {}", "{} i {}: {}"),
        W::HoverCellOwn => ("{} takes part in {}: {}", "{} deltar i {}: {}"),
        W::HoverCellShare => ("{} and {} share {}: {}", "{} och {} har {} gemensamma: {}"),
        W::TimelineDesc => TIMELINE_DESC,
        W::HeatmapDescMembership => HEATMAP_DESC_MEMBERSHIP,
        W::HeatmapDescShared => HEATMAP_DESC_SHARED,
        W::ClusterRole => ("role: {}, unless stated", "roll: {}, om inget annat anges"),
        W::ExploreLink => EXPLORE_LINK,
        W::ExploreLinkText => ("Explore the network", "Utforska nätverket"),
        W::ReportData => (
            "Data: {}. Timeline statuses as of {}.",
            "Underlag: {}. Tidslinjernas läge per {}.",
        ),
        W::SourcesHeading => ("Sources", "Källor"),
        W::Files => ("Files: {}", "Filer: {}"),
        W::DrawnBy => ("; drawn by {}", "; ritad av {}"),
        W::CitedInHover => (
            "Sources cited in the hover texts: {}",
            "Källor som hovringstexterna hänvisar till: {}",
        ),
        W::PublishedBy => ("published by {}", "utgiven av {}"),
        W::LastUpdated => ("Last updated: {}", "Senast uppdaterad: {}"),
        W::NoUpdateDate => (
            "no update date stated on the page",
            "inget uppdateringsdatum angivet på sidan",
        ),
        W::NoUrl => ("the data records no URL", "data anger ingen webbadress"),
        W::Counterpart => (
            "counterpart in the other language: {}",
            "motsvarighet på det andra språket: {}",
        ),
        W::LanguageNotStated => ("language not stated", "språk ej angivet"),
        W::TableCaption => (
            " Data: {}.{} {} nodes, {} ties; top {} of {} shown.",
            " Underlag: {}.{} {} noder, {} band; de {} första av {} visas.",
        ),
        W::TableSelection => (" Selection: {}.", " Urval: {}."),
    };
    if lang.is_swedish() { sv } else { en }
}

/// `w` in `lang` with its blanks (`{}`) filled by `args` in order.
pub fn fill(w: W, lang: Lang, args: &[&str]) -> String {
    let mut out = String::new();
    let mut parts = word(w, lang).split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (k, part) in parts.enumerate() {
        out.push_str(args.get(k).copied().unwrap_or_default());
        out.push_str(part);
    }
    out
}

/// A node kind in a legend: `agency` (English, as the data names it),
/// `myndighet`.
pub fn node_kind(kind: NodeKind, lang: Lang) -> &'static str {
    if !lang.is_swedish() {
        return kind.as_str();
    }
    match kind {
        NodeKind::State => "stat",
        NodeKind::Agency => "myndighet",
        NodeKind::Organisation => "organisation",
        NodeKind::Fund => "fond",
        NodeKind::Project => "projekt",
        NodeKind::Network => "nätverk",
    }
}

/// A count of nodes of one kind: `27 states`, `1 agency`, `27 stater`.
///
/// ```
/// use coopgraph::{model::{Lang, NodeKind}, words::kind_count};
/// assert_eq!(kind_count(NodeKind::Agency, 3, Lang::EN), "3 agencies");
/// assert_eq!(kind_count(NodeKind::State, 1, Lang::SV), "1 stat");
/// ```
pub fn kind_count(kind: NodeKind, n: usize, lang: Lang) -> String {
    let word = if n == 1 {
        node_kind(kind, lang)
    } else {
        kind_plural(kind, lang)
    };
    format!("{n} {word}")
}

/// A node kind in the plural: `states`, `stater`.
pub fn kind_plural(kind: NodeKind, lang: Lang) -> &'static str {
    let (en, sv) = match kind {
        NodeKind::State => ("states", "stater"),
        NodeKind::Agency => ("agencies", "myndigheter"),
        NodeKind::Organisation => ("organisations", "organisationer"),
        NodeKind::Fund => ("funds", "fonder"),
        NodeKind::Project => ("projects", "projekt"),
        NodeKind::Network => ("networks", "nätverk"),
    };
    if lang.is_swedish() { sv } else { en }
}

/// A node kind in the plural, capitalised: a heatmap's rows.
pub fn node_kinds(kind: NodeKind, lang: Lang) -> &'static str {
    let (en, sv) = match kind {
        NodeKind::State => ("States", "Stater"),
        NodeKind::Agency => ("Authorities", "Myndigheter"),
        NodeKind::Organisation => ("Organisations", "Organisationer"),
        NodeKind::Fund => ("Funds", "Fonder"),
        NodeKind::Project => ("Projects", "Projekt"),
        NodeKind::Network => ("Networks", "Nätverk"),
    };
    if lang.is_swedish() { sv } else { en }
}

/// A timeline status as tables print it (`no end stated`, `start
/// planned`, or both joined by `; `), in `lang`.
///
/// ```
/// use coopgraph::{model::Lang, words::status};
/// assert_eq!(status("ongoing; dates planned", Lang::SV), "pågår; datum planerade");
/// assert_eq!(status("finished", Lang::EN), "finished");
/// ```
pub fn status(english: &str, lang: Lang) -> String {
    if !lang.is_swedish() {
        return english.to_string();
    }
    english
        .split("; ")
        .map(|part| match part {
            "finished" => "avslutat",
            "ongoing" => "pågår",
            "planned" => "planerat",
            "no end stated" => "inget slut angivet",
            "undated" => "odaterat",
            "dates planned" => "datum planerade",
            "start planned" => "start planerad",
            "end planned" => "slut planerat",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A timeline entry's category (`project`, `network`, `cooperation`).
pub fn category(english: &str, lang: Lang) -> &str {
    if !lang.is_swedish() {
        return english;
    }
    match english {
        "project" => "projekt",
        "network" => "nätverk",
        "cooperation" => "samarbete",
        other => other,
    }
}

/// A shape in a legend: `rounded box`, `rundad ruta`.
pub fn shape(english: &str, lang: Lang) -> &str {
    if !lang.is_swedish() {
        return english;
    }
    match english {
        "rounded box" => "rundad ruta",
        "box" => "ruta",
        "ellipse" => "ellips",
        "hexagon" => "sexhörning",
        "diamond" => "romb",
        "octagon" => "åttahörning",
        other => other,
    }
}

/// A relation kind in plain words, as legends and captions say it: a verb
/// phrase in either language ("is member of", "är medlem i"), never the
/// data's code name (`member`).
pub fn relation(kind: RelationKind, lang: Lang) -> &'static str {
    if !lang.is_swedish() {
        use RelationKind as R;
        return match kind {
            R::Leads => "leads",
            R::Partner => "is partner in",
            R::Beneficiary => "is beneficiary of",
            R::Funds => "funds",
            R::Implements => "implements",
            R::Member => "is member of",
            R::PartOf => "is part of",
            R::FollowUpOf => "follows up",
            R::MergedInto => "merged into",
            R::SecretariatOf => "is secretariat of",
            R::CooperatesWith => "cooperates with",
            R::Supports => "supports",
            R::Hosts => "hosts",
            R::DeployedTo => "is deployed to",
            R::Concerns => "concerns",
            R::Commissions => "commissions",
            R::Initiated => "initiated",
            R::Contracts => "contracts",
            R::AccountableFor => "is accountable for",
            R::Extends => "extends funding to",
        };
    }
    match kind {
        RelationKind::Leads => "leder",
        RelationKind::Partner => "är partner i",
        RelationKind::Beneficiary => "är mottagare i",
        RelationKind::Funds => "finansierar",
        RelationKind::Implements => "genomför",
        RelationKind::Member => "är medlem i",
        RelationKind::PartOf => "är en del av",
        RelationKind::FollowUpOf => "följer upp",
        RelationKind::MergedInto => "har gått upp i",
        RelationKind::SecretariatOf => "är sekretariat för",
        RelationKind::CooperatesWith => "samarbetar med",
        RelationKind::Supports => "stöder",
        RelationKind::Hosts => "är värd för",
        RelationKind::DeployedTo => "har personal utstationerad i",
        RelationKind::Concerns => "gäller",
        RelationKind::Commissions => "ger i uppdrag",
        RelationKind::Initiated => "tog initiativ till",
        RelationKind::Contracts => "är avtalspart för",
        RelationKind::AccountableFor => "ansvarar för",
        RelationKind::Extends => "förmedlar finansiering till",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_filled_in_order() {
        assert_eq!(
            fill(W::DataSelection, Lang::EN, &["d", "s"]),
            "Data: d. Selection: s."
        );
        assert_eq!(fill(W::NoFunder, Lang::EN, &[]), "no funder stated");
    }
}
