//! Partial dates: the dates the pages give, kept with their precision.
//!
//! A page may say "2022", "September 2022", "7 October 2019", "autumn 2021", or
//! give a duration ("a three-year project from September 2017"). Each form is
//! written as a string in the data and parsed into a [`PartialDate`] that
//! remembers how precise it is and, for a derived date, how it was derived.
//!
//! Grammar (whitespace-insensitive around `+`/`-`):
//!
//! ```text
//! date     := base | base ("+" | "-") N ("year" | "years" | "month" | "months")
//! base     := YYYY | YYYY-MM | YYYY-MM-DD | season YYYY
//! season   := "spring" | "summer" | "autumn" | "winter"
//! ```
//!
//! Years run from 1000 to 9999 ([`YEARS`]): every day a date covers must
//! fall in them, so `0201` (a typo), `winter 9999` (which ends in 10000) and
//! `2020 + 8000 years` are refused, here and so everywhere dates are read
//! (datasets, every reader, the command line's `--from`/`--to`).
//!
//! Every date covers a span of days ([`PartialDate::earliest`] ..=
//! [`PartialDate::latest`]): "2022" covers the whole year, "autumn 2021"
//! September to November. Comparisons between partial dates use these spans.
//!
//! ```
//! use coopgraph::date::{PartialDate, Precision};
//! let d: PartialDate = "2017-09 + 3 years".parse().unwrap();
//! assert_eq!(d.to_string(), "2020-09");
//! assert_eq!(d.precision, Precision::Month);
//! assert!(d.derived.is_some());
//! ```

use schemars::JsonSchema;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Season,
    Month,
    Day,
}

/// A season, as pages use them ("autumn 2021"). Winter YYYY is December YYYY
/// to February YYYY+1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    fn first_month(self) -> u8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Autumn => "autumn",
            Season::Winter => "winter",
        }
    }
}

/// A calendar day, used as the bounds of a partial date's span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How a derived date was computed from a stated one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Derivation {
    /// The date the page states, e.g. `2017-09`.
    pub base: String,
    /// Offset in months (negative: before the base).
    pub months: i32,
}

/// A date with its precision. `year`, `month`, `day` hold as much as is known;
/// a season date keeps its season.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PartialDate {
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub season: Option<Season>,
    pub precision: Precision,
    /// Set when the date was computed from a duration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derivation>,
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

/// JSON Schema stand-in for date strings (the data stores them as strings).
#[derive(JsonSchema)]
#[schemars(
    description = "Partial date: YYYY, YYYY-MM, YYYY-MM-DD, a season ('autumn 2021'), or a date derived from a duration ('2017-09 + 3 years', '2016-03 - 18 months')"
)]
pub struct PartialDateSchema(
    #[schemars(regex(
        pattern = r"^\s*(([1-9]\d{3}(-\d{2}(-\d{2})?)?)|((spring|summer|autumn|winter)\s+[1-9]\d{3}))(\s+[+-]\s*\d+\s+(years?|months?))?\s*$"
    ))]
    pub String,
);

/// The years a date may cover (see the module's text).
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

fn parse_year(s: &str) -> Result<i32, DateError> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.parse().expect("four ASCII digits"))
    } else {
        Err(DateError(format!("`{s}` is not a four-digit year")))
    }
}

fn parse_two(s: &str, what: &str) -> Result<u8, DateError> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.parse().expect("two ASCII digits"))
    } else {
        Err(DateError(format!("`{s}` is not a two-digit {what}")))
    }
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
            season: None,
            precision: Precision::Year,
            derived: None,
        }
    }

    fn parse_base(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        if let Some((word, year)) = s.split_once(char::is_whitespace) {
            let season = match word {
                "spring" => Season::Spring,
                "summer" => Season::Summer,
                "autumn" => Season::Autumn,
                "winter" => Season::Winter,
                _ => {
                    return Err(DateError(format!(
                        "`{word}` is not a season (spring, summer, autumn, winter)"
                    )));
                }
            };
            let year = parse_year(year.trim())?;
            return Ok(PartialDate {
                year,
                month: Some(season.first_month()),
                day: None,
                season: Some(season),
                precision: Precision::Season,
                derived: None,
            });
        }
        let mut parts = s.split('-');
        let year = parse_year(parts.next().unwrap_or(""))?;
        let mut d = PartialDate::year(year);
        if let Some(m) = parts.next() {
            let month = parse_two(m, "month")?;
            if !(1..=12).contains(&month) {
                return Err(DateError(format!("month {month} is not between 01 and 12")));
            }
            d.month = Some(month);
            d.precision = Precision::Month;
            if let Some(dd) = parts.next() {
                let day = parse_two(dd, "day")?;
                if day == 0 || day > days_in_month(year, month) {
                    return Err(DateError(format!("{year}-{month:02} has no day {day}")));
                }
                d.day = Some(day);
                d.precision = Precision::Day;
            }
        }
        if parts.next().is_some() {
            return Err(DateError(format!("`{s}` has too many parts")));
        }
        Ok(d)
    }

    /// Shift by whole months, keeping precision (a day that does not exist in
    /// the target month is clamped to its last day).
    fn shifted(&self, months: i32) -> Self {
        let base_month = self.month.unwrap_or(1) as i32;
        let total = self.year * 12 + (base_month - 1) + months;
        let year = total.div_euclid(12);
        let month = (total.rem_euclid(12) + 1) as u8;
        let mut d = self.clone();
        d.year = year;
        if self.month.is_some() {
            d.month = Some(month);
        }
        if let Some(day) = self.day {
            d.day = Some(day.min(days_in_month(year, month)));
        }
        d
    }

    /// `self` if every day it covers falls in [`YEARS`]; else an error
    /// naming the date as written (`text`).
    fn within_years(self, text: &str) -> Result<Self, DateError> {
        if YEARS.contains(&self.earliest().year) && YEARS.contains(&self.latest().year) {
            Ok(self)
        } else {
            Err(DateError(format!(
                "`{}` falls outside the years {}–{}",
                text.trim(),
                YEARS.start(),
                YEARS.end()
            )))
        }
    }

    /// First day the date may denote.
    pub fn earliest(&self) -> Day {
        Day {
            year: self.year,
            month: self.month.unwrap_or(1),
            day: self.day.unwrap_or(1),
        }
    }

    /// Last day the date may denote.
    pub fn latest(&self) -> Day {
        match (self.season, self.month, self.day) {
            (_, Some(m), Some(d)) => Day {
                year: self.year,
                month: m,
                day: d,
            },
            (Some(s), _, _) => {
                let last = s.first_month() + 2;
                let (year, month) = if last > 12 {
                    (self.year + 1, last - 12)
                } else {
                    (self.year, last)
                };
                Day {
                    year,
                    month,
                    day: days_in_month(year, month),
                }
            }
            (None, Some(m), None) => Day {
                year: self.year,
                month: m,
                day: days_in_month(self.year, m),
            },
            (None, None, _) => Day {
                year: self.year,
                month: 12,
                day: 31,
            },
        }
    }

    /// The date as it would be written in a dataset: the derivation for a
    /// derived date, else the value.
    pub fn text(&self) -> String {
        self.derivation_text().unwrap_or_else(|| self.to_string())
    }

    /// A human description of how the date was derived, if it was.
    pub fn derivation_text(&self) -> Option<String> {
        self.derived.as_ref().map(|d| {
            let (sign, n) = if d.months < 0 {
                ("-", -d.months)
            } else {
                ("+", d.months)
            };
            if n % 12 == 0 && n != 0 {
                let y = n / 12;
                format!(
                    "{} {sign} {y} year{}",
                    d.base,
                    if y == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{} {sign} {n} month{}",
                    d.base,
                    if n == 1 { "" } else { "s" }
                )
            }
        })
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(DateError("empty date".into()));
        }
        // An offset is introduced by whitespace and `+` or `-` (a '-' inside
        // YYYY-MM is not one).
        let op = s.char_indices().find(|&(i, c)| {
            (c == '+' || c == '-') && i > 0 && s[..i].ends_with(char::is_whitespace)
        });
        let Some((i, op)) = op else {
            return PartialDate::parse_base(s)?.within_years(s);
        };
        let base = PartialDate::parse_base(&s[..i])?.within_years(&s[..i])?;
        let rest = s[i + 1..].trim_start();
        let (num, unit) = rest.split_once(char::is_whitespace).ok_or_else(|| {
            DateError(format!(
                "`{rest}` should be a number and a unit, like `3 years`"
            ))
        })?;
        let n: i32 = Some(num)
            .filter(|n| !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| {
                DateError(format!("`{num}` is not a whole number of months or years"))
            })?;
        let months = match unit.trim() {
            "year" | "years" => n * 12,
            "month" | "months" => n,
            other => {
                return Err(DateError(format!(
                    "`{other}` is not a unit (years, months)"
                )));
            }
        };
        if months % 12 != 0 && matches!(base.precision, Precision::Year | Precision::Season) {
            return Err(DateError(format!(
                "`{base}` is a year or season: shift it by whole years, not months"
            )));
        }
        let months = if op == '-' { -months } else { months };
        let mut d = base.shifted(months);
        d.derived = Some(Derivation {
            base: base.to_string(),
            months,
        });
        d.within_years(s)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.season, self.month, self.day) {
            (Some(s), _, _) => write!(f, "{} {:04}", s.name(), self.year),
            (None, Some(m), Some(d)) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
            (None, Some(m), None) => write!(f, "{:04}-{m:02}", self.year),
            (None, None, _) => write!(f, "{:04}", self.year),
        }
    }
}

/// Start and end of a node or relation, parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Span {
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

impl Span {
    /// Parses date texts; a text that does not parse counts as unknown
    /// (validation reports it, and refuses the graph).
    pub fn parse(start: Option<&str>, end: Option<&str>) -> Span {
        let p = |s: Option<&str>| s.and_then(|s| s.parse().ok());
        Span {
            start: p(start),
            end: p(end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn forms_and_spans() {
        assert_eq!(p("2022").earliest().to_string(), "2022-01-01");
        assert_eq!(p("2022").latest().to_string(), "2022-12-31");
        assert_eq!(p("2024-02").latest().to_string(), "2024-02-29");
        assert_eq!(p("2019-10-07").precision, Precision::Day);
        let autumn = p("autumn 2021");
        assert_eq!(autumn.precision, Precision::Season);
        assert_eq!(autumn.earliest().to_string(), "2021-09-01");
        assert_eq!(autumn.latest().to_string(), "2021-11-30");
        assert_eq!(p("winter 2021").latest().to_string(), "2022-02-28");
        assert_eq!(autumn.to_string(), "autumn 2021");
        // Found by the fuzzer: a season's year was written unpadded
        // ("spring 0"), which does not parse back.
        assert_eq!(p("spring 1000").to_string(), "spring 1000");
        assert_eq!(
            p("spring 1000").text().parse::<PartialDate>(),
            Ok(p("spring 1000"))
        );
    }

    #[test]
    fn derived_dates_keep_base_and_precision() {
        let d = p("2016-03 - 18 months");
        assert_eq!(d.to_string(), "2014-09");
        assert_eq!(d.precision, Precision::Month);
        assert_eq!(d.derivation_text().unwrap(), "2016-03 - 18 months");
        let d = p("2020-12 - 5 years");
        assert_eq!(d.to_string(), "2015-12");
        assert_eq!(d.derivation_text().unwrap(), "2020-12 - 5 years");
        assert_eq!(p("2020-01-31 + 1 month").to_string(), "2020-02-29");
        assert_eq!(p("2017-09\t+ 3 years").to_string(), "2020-09");
        let s = p("autumn 2021 + 1 year");
        assert_eq!(
            (s.to_string(), s.precision),
            ("autumn 2022".to_string(), Precision::Season)
        );
        assert_eq!(s.latest().to_string(), "2022-11-30");
        assert_eq!(p("2020 - 2 years").to_string(), "2018");
        assert_eq!(
            p("2022 - 0 months").derivation_text().unwrap(),
            "2022 + 0 months"
        );
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "",
            "22",
            "2022-13",
            "2022-02-30",
            "2022-1",
            "autumn",
            "fall of 2021",
            "2021-09 + x years",
            "2021-09 + 3 weeks",
            "2021-09-01-02",
            "２０２２",
            "0000",
            "0999-12-31",
            "spring 0999",
            "winter 9999",
            "2020 + 8000 years",
            "1005 - 10 years",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad:?} should fail");
        }
    }
}
