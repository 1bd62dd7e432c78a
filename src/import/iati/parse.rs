//! The XML side of the IATI reader: one `<iati-activity>` at a time, as a
//! plain [`Activity`] (what the mapping needs, as written), streamed with
//! quick-xml so that only the activity being read is held.

use crate::diagnostic::{Diagnostic, Loc};
use crate::lang::Lang;
use quick_xml::events::{BytesStart, Event};
use std::sync::Arc;

/// A text in some language (`narrative`, or an IATI 1.0x element's text).
#[derive(Debug, Clone, Default)]
pub(super) struct Narrative {
    /// The language (see [`lang_tag`]), the element's or else the activity's.
    pub lang: Option<Lang>,
    pub text: String,
}

/// An organisation element as written (`reporting-org`,
/// `participating-org`, `provider-org`, `receiver-org`).
#[derive(Debug, Clone, Default)]
pub(super) struct Org {
    /// The `ref` attribute, `None` when absent.
    pub r#ref: Option<String>,
    pub r#type: Option<String>,
    pub role: Option<String>,
    pub names: Vec<Narrative>,
    pub line: usize,
    pub column: usize,
}

/// A `recipient-country` or `recipient-region`.
#[derive(Debug, Clone, Default)]
pub(super) struct Place {
    pub code: String,
    pub vocabulary: Option<String>,
    pub percentage: Option<String>,
    pub names: Vec<Narrative>,
    pub line: usize,
    pub column: usize,
}

/// What kind of money element a [`Flow`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum FlowKind {
    #[default]
    Transaction,
    Budget,
    PlannedDisbursement,
}

/// A `transaction`, `budget` or `planned-disbursement`.
#[derive(Debug, Clone, Default)]
pub(super) struct Flow {
    pub kind: FlowKind,
    /// The transaction type, or the budget's `type` (1 original, 2 revised).
    pub code: Option<String>,
    /// The transaction date, or the period's start.
    pub date: Option<String>,
    /// The period's end.
    pub end: Option<String>,
    pub value: Option<String>,
    pub currency: Option<String>,
    pub value_date: Option<String>,
    pub provider: Option<Org>,
    pub receiver: Option<Org>,
    pub line: usize,
    pub column: usize,
}

/// A `related-activity`.
#[derive(Debug, Clone, Default)]
pub(super) struct Related {
    pub r#ref: String,
    pub r#type: String,
    pub line: usize,
    pub column: usize,
}

/// One `iati-activity`, as written.
#[derive(Debug, Clone, Default)]
pub(super) struct Activity {
    pub line: usize,
    pub column: usize,
    pub lang: Option<Lang>,
    pub currency: Option<String>,
    pub updated: Option<String>,
    pub identifier: String,
    pub reporting: Option<Org>,
    pub title: Vec<Narrative>,
    /// The first `description`.
    pub description: Option<Vec<Narrative>>,
    pub orgs: Vec<Org>,
    /// (type, iso-date, line, column) of each `activity-date`.
    pub dates: Vec<(String, String, usize, usize)>,
    pub status: Option<(String, usize, usize)>,
    pub countries: Vec<Place>,
    pub regions: Vec<Place>,
    pub flows: Vec<Flow>,
    pub related: Vec<Related>,
    /// Language codes written other than in their normal case (`EN`).
    pub odd_langs: std::collections::BTreeSet<String>,
    /// `xml:lang` values that are no language tag (`english`).
    pub bad_langs: std::collections::BTreeSet<String>,
}

/// A language tag as written (`EN`, `sr_latn`), as a normalised BCP 47
/// tag (`en`, `sr-Latn`): the one place the reader reads a tag. `Err` holds
/// a text that is no tag (`english`); `Ok(None)` is a blank one.
pub(super) fn lang_tag(raw: &str) -> Result<Option<Lang>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    Lang::parse(&raw.replace('_', "-"))
        .map(Some)
        .map_err(|_| raw.to_string())
}

/// Which element is open, as far as the mapping cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Root,
    Activity,
    Identifier,
    Title,
    Description,
    Org,
    Narrative,
    Flow,
    Value,
    Place,
    Other,
}

/// Counts lines and columns forward as the reader moves on, so that no
/// index of the file's lines is kept and a file on one line (as some
/// publishers write them) costs no more than one on many.
struct Lines<'t> {
    text: &'t [u8],
    pos: usize,
    line: usize,
    /// Characters between the start of the line and `pos`.
    column: usize,
}

impl Lines<'_> {
    /// Line and column (in characters) of byte `pos`, at or after the last asked.
    fn at(&mut self, pos: usize) -> (usize, usize) {
        let pos = pos.min(self.text.len()).max(self.pos);
        for &b in &self.text[self.pos..pos] {
            if b == b'\n' {
                self.line += 1;
                self.column = 0;
            } else if b & 0xC0 != 0x80 {
                self.column += 1;
            }
        }
        self.pos = pos;
        (self.line, self.column + 1)
    }
}

/// An attribute's unescaped value, with characters XML cannot hold as U+FFFD.
fn attr(e: &BytesStart, key: &str) -> Option<String> {
    super::super::xml::attribute(e, key)
}

/// The streaming parser: the element stack, the activity being read and
/// the parts of it still open.
pub(super) struct Parser<'t> {
    reader: quick_xml::Reader<&'t [u8]>,
    lines: Lines<'t>,
    file: Arc<str>,
    stack: Vec<Tag>,
    act: Option<Activity>,
    org: Option<(Org, &'static str)>,
    flow: Option<Flow>,
    place: Option<(Place, bool)>,
    narrative: Option<Narrative>,
    /// Text of the element being read (an identifier, a value, or an IATI
    /// 1.0x element's own text), and that element's language.
    text: String,
    own_lang: Option<Lang>,
    description_seen: bool,
    /// Whether the root element was seen, and where (for warnings about it).
    pub root: Option<Loc>,
    pub root_version: Option<String>,
}

impl<'t> Parser<'t> {
    pub fn new(name: &str, text: &'t str) -> Parser<'t> {
        Parser {
            reader: quick_xml::Reader::from_reader(text.as_bytes()),
            lines: Lines {
                text: text.as_bytes(),
                pos: 0,
                line: 1,
                column: 0,
            },
            file: Arc::from(name),
            stack: Vec::new(),
            act: None,
            org: None,
            flow: None,
            place: None,
            narrative: None,
            text: String::new(),
            own_lang: None,
            description_seen: false,
            root: None,
            root_version: None,
        }
    }

    pub fn loc(&self, line: usize, column: usize) -> Loc {
        Loc {
            file: self.file.clone(),
            line,
            column,
        }
    }

    /// The next activity, `None` at the end of the file or at a syntax
    /// error or DOCTYPE (reported in `diags`, ending the reading).
    pub fn next_activity(&mut self, diags: &mut Vec<Diagnostic>) -> Option<Activity> {
        loop {
            let at = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let (line, column) = self.lines.at(at);
                    let loc = self.loc(line, column);
                    diags.push(
                        Diagnostic::error("syntax", format!("IATI XML: {e}"))
                            .at(Some(&loc))
                            .help(crate::import::STOPPED_READING),
                    );
                    return None;
                }
            };
            if let Err(msg) = super::super::xml::refuse_doctype(&event) {
                let (line, column) = self.lines.at(at);
                diags.push(
                    Diagnostic::error("syntax", msg)
                        .at(Some(&self.loc(line, column)))
                        .help(crate::import::STOPPED_READING),
                );
                return None;
            }
            match event {
                Event::Start(e) => self.start(&e, at),
                Event::Empty(e) => {
                    self.start(&e, at);
                    if let Some(done) = self.end() {
                        return Some(done);
                    }
                }
                Event::End(_) => {
                    if let Some(done) = self.end() {
                        return Some(done);
                    }
                }
                Event::Text(t) if self.wants_text() => {
                    let s = match t.unescape() {
                        Ok(s) => s.into_owned(),
                        Err(_) => {
                            // An entity XML does not declare (`&eacute;`):
                            // the text is kept as written, not dropped.
                            let (line, column) = self.lines.at(at);
                            diags.push(
                                Diagnostic::warning(
                                    "iati",
                                    "the text has an entity XML does not declare (such as \
                                     `&eacute;`): it is kept as written",
                                )
                                .at(Some(&self.loc(line, column))),
                            );
                            String::from_utf8_lossy(&t).into_owned()
                        }
                    };
                    self.text.push_str(&super::super::xml::xml_safe(&s));
                }
                Event::CData(t) if self.wants_text() => {
                    let s = String::from_utf8_lossy(&t);
                    self.text.push_str(&super::super::xml::xml_safe(&s));
                }
                Event::Eof => return None,
                _ => {}
            }
        }
    }

    fn wants_text(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(
                Tag::Identifier
                    | Tag::Value
                    | Tag::Narrative
                    | Tag::Title
                    | Tag::Description
                    | Tag::Org
                    | Tag::Place
            )
        )
    }

    /// The element's language, normalised, noting an odd case or a text
    /// that is no tag.
    fn lang_of(&mut self, e: &BytesStart) -> Option<Lang> {
        let raw = attr(e, "xml:lang")?;
        let raw = raw.trim();
        let act = self.act.as_mut();
        match lang_tag(raw) {
            Ok(Some(tag)) => {
                if tag.as_str() != raw
                    && let Some(act) = act
                {
                    act.odd_langs.insert(raw.to_string());
                }
                Some(tag)
            }
            Ok(None) => None,
            Err(bad) => {
                if let Some(act) = act {
                    act.bad_langs.insert(bad);
                }
                None
            }
        }
    }

    fn parent(&self) -> Option<Tag> {
        self.stack.last().copied()
    }

    fn start(&mut self, e: &BytesStart, at: usize) {
        let name = e.local_name();
        let parent = self.parent();
        let in_activity = parent == Some(Tag::Activity);
        let tag = match name.as_ref() {
            b"iati-activities" if parent.is_none() => {
                let (line, column) = self.lines.at(at);
                self.root = Some(self.loc(line, column));
                self.root_version = attr(e, "version");
                Tag::Root
            }
            b"iati-activity" if parent == Some(Tag::Root) => {
                let (line, column) = self.lines.at(at);
                self.act = Some(Activity {
                    line,
                    column,
                    currency: attr(e, "default-currency"),
                    updated: attr(e, "last-updated-datetime"),
                    ..Activity::default()
                });
                let lang = self.lang_of(e);
                if let Some(act) = self.act.as_mut() {
                    act.lang = lang;
                }
                self.description_seen = false;
                Tag::Activity
            }
            b"iati-identifier" if in_activity => Tag::Identifier,
            b"title" if in_activity => {
                self.own_lang = self.lang_of(e);
                Tag::Title
            }
            b"description" if in_activity && !self.description_seen => {
                self.own_lang = self.lang_of(e);
                Tag::Description
            }
            b"reporting-org" | b"participating-org" if in_activity => {
                self.open_org(e, at, name.as_ref());
                Tag::Org
            }
            b"provider-org" | b"receiver-org" if parent == Some(Tag::Flow) => {
                self.open_org(e, at, name.as_ref());
                Tag::Org
            }
            b"narrative"
                if matches!(
                    parent,
                    Some(Tag::Title | Tag::Description | Tag::Org | Tag::Place)
                ) =>
            {
                let lang = self.lang_of(e);
                self.narrative = Some(Narrative {
                    lang,
                    text: String::new(),
                });
                self.text.clear();
                Tag::Narrative
            }
            b"recipient-country" | b"recipient-region" if in_activity => {
                let (line, column) = self.lines.at(at);
                let place = Place {
                    code: attr(e, "code").unwrap_or_default(),
                    vocabulary: attr(e, "vocabulary"),
                    percentage: attr(e, "percentage"),
                    names: Vec::new(),
                    line,
                    column,
                };
                self.own_lang = self.lang_of(e);
                self.place = Some((place, name.as_ref() == b"recipient-country"));
                Tag::Place
            }
            b"transaction" | b"budget" | b"planned-disbursement" if in_activity => {
                let (line, column) = self.lines.at(at);
                let kind = match name.as_ref() {
                    b"transaction" => FlowKind::Transaction,
                    b"budget" => FlowKind::Budget,
                    _ => FlowKind::PlannedDisbursement,
                };
                let code = (kind != FlowKind::Transaction)
                    .then(|| attr(e, "type"))
                    .flatten();
                self.flow = Some(Flow {
                    kind,
                    code,
                    line,
                    column,
                    ..Flow::default()
                });
                Tag::Flow
            }
            b"value" if parent == Some(Tag::Flow) => {
                if let Some(f) = self.flow.as_mut() {
                    f.currency = attr(e, "currency");
                    f.value_date = attr(e, "value-date");
                }
                Tag::Value
            }
            _ => {
                self.simple(e, at, parent);
                Tag::Other
            }
        };
        if matches!(
            tag,
            Tag::Identifier | Tag::Value | Tag::Title | Tag::Description
        ) {
            self.text.clear();
        }
        self.stack.push(tag);
    }

    /// Elements read whole from their attributes.
    fn simple(&mut self, e: &BytesStart, at: usize, parent: Option<Tag>) {
        let name = e.local_name();
        if parent == Some(Tag::Flow) {
            let Some(f) = self.flow.as_mut() else { return };
            match name.as_ref() {
                b"transaction-type" => f.code = attr(e, "code"),
                b"transaction-date" | b"period-start" => f.date = attr(e, "iso-date"),
                b"period-end" => f.end = attr(e, "iso-date"),
                _ => {}
            }
            return;
        }
        if parent != Some(Tag::Activity) {
            return;
        }
        match name.as_ref() {
            b"activity-date" => {
                let (line, column) = self.lines.at(at);
                let (t, d) = (attr(e, "type"), attr(e, "iso-date"));
                if let Some(act) = self.act.as_mut() {
                    act.dates
                        .push((t.unwrap_or_default(), d.unwrap_or_default(), line, column));
                }
            }
            b"activity-status" => {
                let (line, column) = self.lines.at(at);
                if let Some(act) = self.act.as_mut() {
                    act.status = Some((attr(e, "code").unwrap_or_default(), line, column));
                }
            }
            b"related-activity" => {
                let (line, column) = self.lines.at(at);
                if let Some(act) = self.act.as_mut() {
                    act.related.push(Related {
                        r#ref: attr(e, "ref").unwrap_or_default(),
                        r#type: attr(e, "type").unwrap_or_default(),
                        line,
                        column,
                    });
                }
            }
            _ => {}
        }
    }

    fn open_org(&mut self, e: &BytesStart, at: usize, name: &[u8]) {
        let (line, column) = self.lines.at(at);
        let slot = match name {
            b"reporting-org" => "reporting",
            b"participating-org" => "participating",
            b"provider-org" => "provider",
            _ => "receiver",
        };
        self.own_lang = self.lang_of(e);
        self.text.clear();
        self.org = Some((
            Org {
                r#ref: attr(e, "ref"),
                r#type: attr(e, "type"),
                role: attr(e, "role"),
                names: Vec::new(),
                line,
                column,
            },
            slot,
        ));
    }

    /// Closes the innermost element; the activity when it was one.
    fn end(&mut self) -> Option<Activity> {
        let tag = self.stack.pop()?;
        let text = std::mem::take(&mut self.text);
        match tag {
            Tag::Activity => return self.act.take(),
            Tag::Identifier => {
                if let Some(act) = self.act.as_mut() {
                    act.identifier.push_str(text.trim());
                }
            }
            Tag::Value => {
                if let Some(f) = self.flow.as_mut() {
                    f.value = Some(text.trim().to_string());
                }
            }
            Tag::Narrative => {
                let mut n = self.narrative.take().unwrap_or_default();
                n.text = text.trim().to_string();
                self.add_narrative(n);
            }
            Tag::Title | Tag::Description | Tag::Org | Tag::Place => {
                // IATI 1.0x writes the text in the element itself.
                if !text.trim().is_empty() {
                    let n = Narrative {
                        lang: self.own_lang,
                        text: text.trim().to_string(),
                    };
                    self.add_narrative_to(tag, n);
                }
                self.close(tag);
            }
            Tag::Flow => {
                if let (Some(f), Some(act)) = (self.flow.take(), self.act.as_mut()) {
                    act.flows.push(f);
                }
            }
            _ => {}
        }
        None
    }

    /// Files a closed title, description, organisation or place.
    fn close(&mut self, tag: Tag) {
        let Some(act) = self.act.as_mut() else { return };
        match tag {
            Tag::Description => self.description_seen = true,
            Tag::Org => {
                let Some((org, slot)) = self.org.take() else {
                    return;
                };
                match (slot, self.flow.as_mut()) {
                    ("reporting", _) => act.reporting = Some(org),
                    ("participating", _) => act.orgs.push(org),
                    ("provider", Some(f)) => f.provider = Some(org),
                    ("receiver", Some(f)) => f.receiver = Some(org),
                    _ => {}
                }
            }
            Tag::Place => {
                if let Some((place, country)) = self.place.take() {
                    if country {
                        act.countries.push(place);
                    } else {
                        act.regions.push(place);
                    }
                }
            }
            _ => {}
        }
    }

    /// A narrative of the element now innermost on the stack.
    fn add_narrative(&mut self, n: Narrative) {
        if let Some(&tag) = self.stack.last() {
            self.add_narrative_to(tag, n);
        }
    }

    fn add_narrative_to(&mut self, tag: Tag, mut n: Narrative) {
        if n.text.is_empty() {
            return;
        }
        let Some(act) = self.act.as_mut() else { return };
        if n.lang.is_none() {
            n.lang = act.lang;
        }
        match tag {
            Tag::Title => act.title.push(n),
            Tag::Description => act.description.get_or_insert_with(Vec::new).push(n),
            Tag::Org => {
                if let Some((org, _)) = self.org.as_mut() {
                    org.names.push(n);
                }
            }
            Tag::Place => {
                if let Some((place, _)) = self.place.as_mut() {
                    place.names.push(n);
                }
            }
            _ => {}
        }
    }
}
