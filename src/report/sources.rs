//! The report's sources: one entry per source of the data (title,
//! language, publisher, the update date the page states, the URL where the
//! data has one), and the citations each figure's hover texts make, linked
//! to those entries (`#source-dev-en`).
//!
//! Nothing is guessed: a source without a URL in the data is named by its
//! publisher and title only, and one whose page states no update date says
//! so.

use crate::model::{Lang, Source, SourceKind};
use crate::render::svg::esc;
use crate::words::{W, fill, word};

/// The anchor of a source's entry: `source-dev-en`.
pub fn anchor(id: &str) -> String {
    format!("source-{id}")
}

/// The sources a figure cites, each with the paragraphs cited, in the
/// order of the data's sources: every `id ¶N` in the figure's text (its
/// hover texts), and `id` alone where it is cited without a paragraph.
pub fn cited(text: &str, sources: &[Source]) -> Vec<(String, Vec<u32>)> {
    let mut out = Vec::new();
    for s in sources {
        let mut paras = Vec::new();
        let mut whole = false;
        let key = format!("{} ¶", s.id);
        for (at, _) in text.match_indices(&key) {
            // Only where the id starts a citation, not inside a longer id.
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') {
                continue;
            }
            let digits: String = text[at + key.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            match digits.parse::<u32>() {
                Ok(p) => paras.push(p),
                Err(_) => whole = true,
            }
        }
        paras.sort_unstable();
        paras.dedup();
        if !paras.is_empty() || whole {
            out.push((s.id.clone(), paras));
        }
    }
    out
}

/// `English`, `Swedish`, `Serbian (Latin)`: a source's language in words
/// (in Swedish, `engelska` and `svenska`; other languages by their English
/// names).
fn language(lang: Option<Lang>, ui: Lang) -> std::borrow::Cow<'static, str> {
    match lang {
        Some(l) if ui.is_swedish() && l.primary() == "en" => "engelska".into(),
        Some(l) if ui.is_swedish() && l.is_swedish() => "svenska".into(),
        Some(l) => crate::lang::english_name(l),
        None => word(W::LanguageNotStated, ui).into(),
    }
}

/// The facts of one source as phrases in `ui`'s words: title, language,
/// publisher, update date, URL or its absence.
fn facts(s: &Source, ui: Lang) -> Vec<String> {
    let mut f = vec![format!("\u{201c}{}\u{201d}", s.title)];
    if s.kind == SourceKind::PublicKnowledge {
        return f;
    }
    f.push(language(s.lang, ui).to_string());
    if let Some(p) = &s.publisher {
        f.push(fill(W::PublishedBy, ui, &[p]));
    }
    f.push(match &s.updated {
        Some(d) => fill(W::LastUpdated, ui, &[d]),
        None => word(W::NoUpdateDate, ui).to_string(),
    });
    if s.url.is_none() {
        f.push(word(W::NoUrl, ui).to_string());
    }
    f
}

/// The sources section of `index.html`, in `ui`'s words.
pub fn html(sources: &[Source], ui: Lang) -> String {
    let mut s = format!(
        "<section id=\"sources\">\n<h2>{}</h2>\n<ul class=\"sources\">\n",
        esc(word(W::SourcesHeading, ui))
    );
    for src in sources {
        let mut line = facts(src, ui).iter().map(|f| esc(f)).collect::<Vec<_>>();
        match &src.url {
            // Only web addresses become links (never `javascript:`).
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => {
                line.push(format!("<a href=\"{0}\">{0}</a>", esc(u)));
            }
            Some(u) => line.push(esc(u)),
            None => {}
        }
        if let Some(t) = &src.translates {
            let link = format!("<a href=\"#{}\">{}</a>", esc(&anchor(t)), esc(t));
            line.push(fill(W::Counterpart, ui, &[&link]));
        }
        s.push_str(&format!(
            "<li id=\"{}\"><code>{}</code>: {}.</li>\n",
            esc(&anchor(&src.id)),
            esc(&src.id),
            line.join("; ")
        ));
    }
    s.push_str("</ul>\n</section>\n");
    s
}

/// A figure's citations in `index.html`, each source linked to its entry.
pub fn cited_html(cited: &[(String, Vec<u32>)], ui: Lang) -> String {
    let items: Vec<String> = cited
        .iter()
        .map(|(id, paras)| {
            let link = format!("<a href=\"#{}\">{}</a>", esc(&anchor(id)), esc(id));
            cite_paras(link, paras)
        })
        .collect();
    format!(
        "<p class=\"files\">{}</p>\n",
        fill(W::CitedInHover, ui, &[&items.join("; ")])
    )
}

/// `dev-en ¶3, ¶9` with the id already formatted.
fn cite_paras(id: String, paras: &[u32]) -> String {
    if paras.is_empty() {
        return id;
    }
    let ps: Vec<String> = paras.iter().map(|p| format!("¶{p}")).collect();
    format!("{id} {}", ps.join(", "))
}

/// The sources section of `report.md` in `ui`'s words; `md` escapes
/// Markdown text.
pub fn markdown(sources: &[Source], md: impl Fn(&str) -> String, ui: Lang) -> String {
    let mut s = format!("## {}\n\n", word(W::SourcesHeading, ui));
    for src in sources {
        let mut line: Vec<String> = facts(src, ui).iter().map(|f| md(f)).collect();
        if let Some(u) = &src.url {
            line.push(md(u));
        }
        if let Some(t) = &src.translates {
            let link = format!("[{}](#{})", md(t), anchor(t));
            line.push(fill(W::Counterpart, ui, &[&link]));
        }
        s.push_str(&format!(
            "- <a id=\"{}\"></a>**{}**: {}.\n",
            anchor(&src.id),
            md(&src.id),
            line.join("; ")
        ));
    }
    s.push('\n');
    s
}

/// A figure's citations in `report.md`, each linked to its entry.
pub fn cited_markdown(
    cited: &[(String, Vec<u32>)],
    md: impl Fn(&str) -> String,
    ui: Lang,
) -> String {
    let items: Vec<String> = cited
        .iter()
        .map(|(id, paras)| cite_paras(format!("[{}](#{})", md(id), anchor(id)), paras))
        .collect();
    format!("{}\n\n", fill(W::CitedInHover, ui, &[&items.join("; ")]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str) -> Source {
        Source {
            id: id.into(),
            kind: SourceKind::Page,
            title: "T".into(),
            lang: None,
            translates: None,
            publisher: None,
            file: None,
            url: None,
            updated: None,
            note: None,
        }
    }

    #[test]
    fn citations_are_found_with_their_paragraphs_and_not_inside_longer_ids() {
        let sources = [source("dev-en"), source("en")];
        let text = "sources: dev-en ¶9, dev-en ¶22, dev-en ¶9";
        assert_eq!(cited(text, &sources), [("dev-en".to_string(), vec![9, 22])]);
    }
}
