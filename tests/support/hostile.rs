//! The hostile strings of `tests/fixtures/hostile/hostile.json`, for every
//! test of an output format: names, aliases, descriptions, roles, notes and
//! places in that dataset are built from these. Test files reach it as
//! `support::hostile`; the fuzzer includes this file by its path.
#![allow(dead_code)]

/// The dataset whose every text field is one of [`STRINGS`].
pub const FIXTURE: &str = "tests/fixtures/hostile/hostile.json";

/// (what it tests, the string).
pub const STRINGS: &[(&str, &str)] = &[
    ("quotes", "\"Double\" and 'single' quotes"),
    ("backslash", "Back\\slash \\n not a newline \\\\"),
    ("newline", "Line one\nline two\r\nline three"),
    ("script", "<script>alert(1)</script>"),
    ("ampersand", "Tom &amp; Jerry & Co <b>bold</b>"),
    ("right-to-left", "\u{202e}مصلحة الهجرة السويدية"),
    ("emoji", "Flags 🇸🇪🇪🇺 and family 👩‍👩‍👧"),
    (
        "control",
        "Bell\u{7} escape\u{1b}[31m red\u{1b}[0m tab\tnul\u{0} del\u{7f} c1\u{85}",
    ),
    ("markup", "]]><!-- --> {{ '{{' }} ${x} `cmd` =1+1"),
    ("pipe", "Pipe | in | name"),
    // What `scripts/check_report.sh` looks for: these set the flag if they
    // ever run in the report's page.
    (
        "script payload",
        "<script>window.__coopgraph_xss=true</script>",
    ),
    (
        "event-handler payload",
        "<img src=x onerror=\"window.__coopgraph_xss=true\">",
    ),
];

/// The strings alone.
pub fn strings() -> impl Iterator<Item = &'static str> {
    STRINGS.iter().map(|(_, s)| *s)
}

/// The fixture's node ids, one per node kind but fund, and the node named
/// by a script.
pub const NODE_IDS: &[&str] = &[
    "hostile-state",
    "hostile-agency",
    "hostile-project",
    "hostile-network",
    "hostile-org",
    "hostile-xss",
];
