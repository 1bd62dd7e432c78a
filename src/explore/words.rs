//! The explorer's own words (buttons, labels, panel headings), in English
//! and Swedish: one table, keyed as the viewer (`viewer.js`) asks for them.
//! Kind and relation words come from [`crate::words`]. A text with `{}`
//! has blanks the viewer fills in order.

use crate::model::Lang;
use std::collections::BTreeMap;

/// (key, English, Swedish).
const WORDS: &[(&str, &str, &str)] = &[
    (
        "title",
        "Cooperation network explorer",
        "Utforska samarbetsnätverket",
    ),
    ("search", "Search", "Sök"),
    (
        "search_hint",
        "Name or alias, in any language",
        "Namn eller alias, på valfritt språk",
    ),
    ("no_match", "No name matches", "Inget namn matchar"),
    ("node_kinds", "Node kinds", "Nodslag"),
    ("relation_kinds", "Relation kinds", "Relationsslag"),
    ("source", "Source", "Källa"),
    ("country", "Country", "Land"),
    ("any", "any", "alla"),
    (
        "hide_isolated",
        "Hide nodes without a shown relation",
        "Dölj noder utan visad relation",
    ),
    ("time", "Years", "År"),
    ("from", "from", "från"),
    ("to", "to", "till"),
    ("play", "Play", "Spela"),
    ("pause", "Pause", "Paus"),
    ("colour_by", "Colour by", "Färg efter"),
    ("kind", "kind", "slag"),
    ("community", "community", "grupp"),
    ("size_by", "Size by", "Storlek efter"),
    ("degree", "degree (number of ties)", "grad (antal band)"),
    ("pagerank", "PageRank", "PageRank"),
    (
        "betweenness",
        "betweenness (brokerage)",
        "mellanliggande (förmedling)",
    ),
    (
        "betweenness_sampled",
        "estimated from {} sampled sources",
        "uppskattad från {} slumpade källor",
    ),
    ("zoom_in", "Zoom in", "Zooma in"),
    ("zoom_out", "Zoom out", "Zooma ut"),
    ("fit", "Fit", "Anpassa"),
    ("export_svg", "Export SVG", "Exportera SVG"),
    ("export_png", "Export PNG", "Exportera PNG"),
    ("reset", "Reset view", "Återställ"),
    ("legend", "Legend", "Teckenförklaring"),
    ("legend_size", "Circle size: {}", "Cirkelstorlek: {}"),
    (
        "legend_community",
        "Colours: {} communities (Leiden), not kinds",
        "Färger: {} grupper (Leiden), inte slag",
    ),
    (
        "legend_lines",
        "Lines: relations; highlighted lines belong to the selection",
        "Linjer: relationer; markerade linjer hör till urvalet",
    ),
    (
        "legend_lines_capped",
        "Lines: only the selection's; the view shows more than {} lines, so select a node or narrow the filters to draw them",
        "Linjer: bara urvalets; vyn visar fler än {} linjer, så välj en nod eller smalna av filtren för att rita dem",
    ),
    (
        "shown",
        "{} of {} nodes and {} of {} relations shown",
        "{} av {} noder och {} av {} relationer visas",
    ),
    ("aliases", "Also called", "Kallas även"),
    ("dates", "Dates", "Datum"),
    ("no_end", "no end stated", "inget slutdatum angivet"),
    ("no_dates", "no dates stated", "inga datum angivna"),
    ("planned", "planned", "planerat"),
    ("precision", "known to the {}", "känt till {}"),
    ("prec_year", "year", "året"),
    ("prec_season", "season", "årstiden"),
    ("prec_month", "month", "månaden"),
    ("prec_day", "day", "dagen"),
    (
        "inherited",
        "dates of the project or network",
        "projektets eller nätverkets datum",
    ),
    ("relations", "Relations", "Relationer"),
    ("role", "role", "roll"),
    ("amount", "amount", "belopp"),
    ("sources", "Sources", "Källor"),
    ("paragraph", "paragraph {}", "stycke {}"),
    ("publisher", "published by {}", "utgiven av {}"),
    ("focus", "Focus: ego network", "Fokus: egonätverk"),
    ("depth", "depth", "avstånd"),
    ("unfocus", "Show all", "Visa alla"),
    ("select_second", "Compare with…", "Jämför med…"),
    (
        "second_hint",
        "Search a second actor to see what they share and how they connect",
        "Sök en andra aktör för att se vad de delar och hur de hänger ihop",
    ),
    ("shared", "Shared by both", "Delas av båda"),
    (
        "shared_none",
        "Nothing shared in the shown relations",
        "Inget delat i de visade relationerna",
    ),
    ("via_project", "project", "projekt"),
    ("via_network", "network or council", "nätverk eller råd"),
    ("via_partner", "partner", "partner"),
    ("via_fund", "funder", "finansiär"),
    ("path", "Shortest path", "Kortaste väg"),
    (
        "path_none",
        "Not connected in the shown relations",
        "Inte förbundna i de visade relationerna",
    ),
    ("hops", "{} steps", "{} steg"),
    ("close", "Close", "Stäng"),
    ("metrics", "Measures", "Mått"),
    ("community_no", "community {}", "grupp {}"),
    (
        "not_actor",
        "Only states, agencies and organisations can be compared",
        "Bara stater, myndigheter och organisationer kan jämföras",
    ),
    ("part_of", "{} is part of {}", "{} ingår i {}"),
    ("hidden", "hidden by the filters", "dold av filtren"),
    (
        "unnamed",
        "The pages do not name it; the name above is a descriptive label.",
        "Sidorna namnger den inte; namnet ovan är en beskrivande etikett.",
    ),
    (
        "more",
        "and {} more: narrow the view with the filters",
        "och {} till: begränsa vyn med filtren",
    ),
];

/// Every word of the viewer in `lang`, by key.
pub fn table(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    WORDS
        .iter()
        .map(|&(k, en, sv)| (k, if lang.is_swedish() { sv } else { en }))
        .collect()
}

#[cfg(test)]
mod tests {
    /// Every word is asked for: by the viewer (`W.key`, `"key"`, or a
    /// `prec_`/`via_` key it builds from a value), or, for `title`, by
    /// `explore::build`. A word nobody asks for is dead weight in every page.
    #[test]
    fn every_word_is_used() {
        let viewer = crate::explore::page::VIEWER;
        for &(key, _, _) in super::WORDS {
            let built = ["prec_", "via_"].iter().any(|p| key.starts_with(p));
            let used = viewer.contains(&format!("W.{key}"))
                || viewer.contains(&format!("\"{key}\""))
                || (built
                    && viewer.contains(&format!("\"{}\" +", &key[..=key.find('_').unwrap_or(0)])))
                || key == "title";
            assert!(
                used,
                "`{key}` is in the explorer's words but the viewer never asks for it"
            );
        }
    }

    /// Keys are unique, and each text has as many blanks in both languages.
    #[test]
    fn keys_are_unique_and_blanks_match() {
        let mut keys: Vec<&str> = super::WORDS.iter().map(|w| w.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len());
        for (k, en, sv) in super::WORDS {
            assert_eq!(en.matches("{}").count(), sv.matches("{}").count(), "{k}");
        }
    }
}
