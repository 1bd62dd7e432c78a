//! Language tags: BCP 47 (RFC 5646), normalised.
//!
//! Names, aliases, narratives and sources carry the language they are
//! written in as a tag (`en`, `sv`, `fr`, `sr-Latn`, `tr`, `pt-BR`), and
//! `--lang TAG` picks display names by the same tags. A tag is checked for
//! its form (RFC 5646 §2.1: subtags of 1–8 letters or digits joined by
//! hyphens, a primary language of 2–3 letters, as ISO 639 codes are; the
//! 5–8 letter form the RFC reserves is refused, so that `english` gets a
//! "did you mean `en`" instead of passing as a tag) and written in the
//! normalised case of §2.1.1: `EN` → `en`, `sr-latn` → `sr-Latn`,
//! `sv-se` → `sv-SE`. Whether a subtag is registered in the IANA registry is
//! not checked: a tag the registry does not know is still kept as written.
//!
//! A tag is `Copy` (at most [`MAX_LEN`] bytes, stored inline), so that it can
//! be passed around as freely as the closed `en|sv` enum it replaces.
//!
//! ```
//! use coopgraph::lang::Lang;
//! let t: Lang = "SR-latn".parse().unwrap();
//! assert_eq!(t.as_str(), "sr-Latn");
//! assert_eq!(t.primary(), "sr");
//! assert!("sv".parse::<Lang>().unwrap() == Lang::SV);
//! assert!("not a tag".parse::<Lang>().is_err());
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest tag kept: RFC 5646 §4.4.1 asks implementations to keep at
/// least 35 characters.
pub const MAX_LEN: usize = 35;

/// A well-formed BCP 47 language tag in its normalised case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang {
    // ASCII, zero-padded: byte order is the order of the text.
    bytes: [u8; MAX_LEN],
    len: u8,
}

/// Why a text is not a language tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangError {
    pub given: String,
    /// The tag meant, when the text is a language's name (`swedish`, `svenska`).
    pub suggestion: Option<&'static str>,
}

impl fmt::Display for LangError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a BCP 47 language tag (e.g. en, sv, fr, sr-Latn, pt-BR)",
            self.given
        )?;
        if let Some(s) = self.suggestion {
            write!(f, "; did you mean `{s}`?")?;
        }
        Ok(())
    }
}

/// Languages' names, in English and in the language itself, and their tags:
/// the "did you mean" of a name given where a tag is wanted.
const NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("swedish", "sv"),
    ("svenska", "sv"),
    ("french", "fr"),
    ("francais", "fr"),
    ("français", "fr"),
    ("german", "de"),
    ("deutsch", "de"),
    ("spanish", "es"),
    ("turkish", "tr"),
    ("türkçe", "tr"),
    ("turkce", "tr"),
    ("serbian", "sr"),
    ("srpski", "sr-Latn"),
    ("arabic", "ar"),
    ("russian", "ru"),
    ("finnish", "fi"),
    ("suomi", "fi"),
];

impl std::error::Error for LangError {}

impl Lang {
    /// English, the language of every node's `name` in the embedded dataset
    /// and the default of `--lang`.
    pub const EN: Lang = Lang::from_static("en");
    /// Swedish.
    pub const SV: Lang = Lang::from_static("sv");

    /// A tag from a constant already in normal form (for the constants above).
    const fn from_static(s: &str) -> Lang {
        let b = s.as_bytes();
        let mut bytes = [0u8; MAX_LEN];
        let mut i = 0;
        while i < b.len() {
            bytes[i] = b[i];
            i += 1;
        }
        Lang {
            bytes,
            len: b.len() as u8,
        }
    }

    /// Checks and normalises a tag. `_` is read as `-` (`sv_SE`, as POSIX
    /// locales write it).
    pub fn parse(s: &str) -> Result<Lang, LangError> {
        let err = || LangError {
            given: s.to_string(),
            suggestion: NAMES
                .iter()
                .find(|(name, _)| {
                    name.eq_ignore_ascii_case(s.trim()) || *name == s.trim().to_lowercase()
                })
                .map(|&(_, tag)| tag),
        };
        let t = s.trim();
        if t.is_empty() || t.len() > MAX_LEN {
            return Err(err());
        }
        let mut bytes = [0u8; MAX_LEN];
        let mut at = 0;
        // After a singleton (`x`, `u`, `t`…) come extensions or private use:
        // lower case, no script or region.
        let mut after_singleton = false;
        let mut ends_with_singleton = false;
        for (k, sub) in t.split(['-', '_']).enumerate() {
            let ok =
                !sub.is_empty() && sub.len() <= 8 && sub.bytes().all(|c| c.is_ascii_alphanumeric());
            let primary_ok = k > 0
                || ((2..=3).contains(&sub.len()) && sub.bytes().all(|c| c.is_ascii_alphabetic()));
            if !ok || !primary_ok {
                return Err(err());
            }
            if k > 0 {
                bytes[at] = b'-';
                at += 1;
            }
            let alpha = sub.bytes().all(|c| c.is_ascii_alphabetic());
            let style = if k == 0 || after_singleton {
                Case::Lower
            } else if sub.len() == 4 && alpha {
                Case::Title // script: Latn, Cyrl
            } else if (sub.len() == 2 && alpha)
                || (sub.len() == 3 && sub.bytes().all(|c| c.is_ascii_digit()))
            {
                Case::Upper // region: SE, RS, 419
            } else {
                Case::Lower
            };
            for (j, c) in sub.bytes().enumerate() {
                bytes[at] = match style {
                    Case::Upper => c.to_ascii_uppercase(),
                    Case::Title if j == 0 => c.to_ascii_uppercase(),
                    _ => c.to_ascii_lowercase(),
                };
                at += 1;
            }
            after_singleton |= k > 0 && sub.len() == 1;
            ends_with_singleton = k > 0 && sub.len() == 1;
        }
        // A singleton (`x`, `u`) opens subtags and cannot end the tag.
        if ends_with_singleton {
            return Err(err());
        }
        Ok(Lang {
            bytes,
            len: at as u8,
        })
    }

    /// The tag as text, in normal form.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("und")
    }

    /// The primary language subtag: `sr` for `sr-Latn`.
    pub fn primary(&self) -> &str {
        let s = self.as_str();
        s.split('-').next().unwrap_or(s)
    }

    /// Whether the two tags name the same primary language (`sv` and `sv-FI`).
    pub fn same_language(&self, other: &Lang) -> bool {
        self.primary() == other.primary()
    }

    /// Whether coopgraph's own words (titles, legends, table headings) exist
    /// in this language; they exist in English and Swedish, and every other
    /// tag gets the English words.
    pub fn is_swedish(&self) -> bool {
        self.primary() == "sv"
    }
}

enum Case {
    Lower,
    Upper,
    Title,
}

impl Default for Lang {
    fn default() -> Self {
        Lang::EN
    }
}

impl FromStr for Lang {
    type Err = LangError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.as_str())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Cow::<str>::deserialize(d)?;
        Lang::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Lang {
    fn schema_name() -> Cow<'static, str> {
        "Lang".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A BCP 47 language tag: en, sv, fr, sr-Latn, pt-BR (any case; stored normalised).",
            "type": "string",
            "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$",
            "maxLength": MAX_LEN,
        })
    }
}

/// The language's own English name for the common cases, else the tag:
/// for the sources list (`Swedish`, `sr-Latn` → `Serbian (Latin)`).
pub fn english_name(lang: Lang) -> Cow<'static, str> {
    let base = match lang.primary() {
        "en" => "English",
        "sv" => "Swedish",
        "fr" => "French",
        "de" => "German",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "tr" => "Turkish",
        "sr" => "Serbian",
        "ar" => "Arabic",
        "ru" => "Russian",
        "uk" => "Ukrainian",
        "fi" => "Finnish",
        "nl" => "Dutch",
        "it" => "Italian",
        _ => return Cow::Owned(lang.as_str().to_string()),
    };
    match lang.as_str().split('-').nth(1) {
        None => Cow::Borrowed(base),
        Some("Latn") => Cow::Owned(format!("{base} (Latin)")),
        Some("Cyrl") => Cow::Owned(format!("{base} (Cyrillic)")),
        Some(_) => Cow::Owned(format!("{base} ({})", lang.as_str())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Lang::parse(s)
            .map(|l| l.to_string())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn normalises_case_as_rfc_5646_says() {
        assert_eq!(norm("EN"), "en");
        assert_eq!(norm("sr-latn"), "sr-Latn");
        assert_eq!(norm("SR-CYRL-rs"), "sr-Cyrl-RS");
        assert_eq!(norm("sv_se"), "sv-SE");
        assert_eq!(norm("es-419"), "es-419");
        assert_eq!(norm("en-x-Legacy-AB"), "en-x-legacy-ab");
        assert_eq!(norm("de-1996"), "de-1996");
    }

    #[test]
    fn refuses_what_is_not_a_tag() {
        for bad in [
            "",
            "e",
            "english language",
            "en--GB",
            "en-",
            "1e",
            "abcd",
            "en-x",
            "sr-Latn-u",
            "en-toolongsub",
            "sv;",
            "ä",
        ] {
            assert!(Lang::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(Lang::parse(&format!("en{}", "-a".repeat(17))).is_err());
        assert!(Lang::parse(&format!("en{}-bc", "-a".repeat(15))).is_ok());
    }

    #[test]
    fn a_language_name_suggests_its_tag() {
        let e = Lang::parse("Swedish").unwrap_err();
        assert_eq!(e.suggestion, Some("sv"));
        assert!(e.to_string().ends_with("did you mean `sv`?"), "{e}");
        assert_eq!(Lang::parse("Türkçe").unwrap_err().suggestion, Some("tr"));
        assert_eq!(Lang::parse("xx-").unwrap_err().suggestion, None);
    }

    #[test]
    fn constants_are_in_normal_form_and_compare_as_text() {
        assert_eq!(Lang::EN, Lang::parse("en").unwrap());
        assert_eq!(Lang::SV, Lang::parse("SV").unwrap());
        assert!(Lang::EN < Lang::SV);
        assert!(Lang::parse("sv").unwrap() < Lang::parse("sv-FI").unwrap());
        assert!(Lang::parse("sv-FI").unwrap().is_swedish());
        assert!(!Lang::parse("sr-Latn").unwrap().is_swedish());
    }

    #[test]
    fn serde_reads_any_case_and_writes_normal_form() {
        let l: Lang = serde_json::from_str("\"TR\"").unwrap();
        assert_eq!(serde_json::to_string(&l).unwrap(), "\"tr\"");
        assert!(serde_json::from_str::<Lang>("\"x y\"").is_err());
    }
}
