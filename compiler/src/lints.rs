//! Lint levels a project sets for itself (`[lints]` of `zhengce.toml`): a code (`ZC0701`) or a
//! family (`ZC07`, the first two digits) mapped to `allow`, `note`, `warn` or `deny`.
//!
//! The CLI reads the file (and the playground or an editor its own settings); everything else is
//! here, so every front end applies the same levels the same way: [`LintLevels::parse`] checks the
//! entries, [`apply_levels`] is a pure function over diagnostics.
//!
//! Some errors cannot be lowered ([`unlowerable`]): with them the checked model itself is unsound
//! (a file not read completely, a name that resolves to nothing or to two things), so the IR and
//! every other check would rest on it.

use serde::{Deserialize, Serialize};

use crate::codes::{self, CATALOGUE};
use crate::diagnostic::{Diagnostic, Severity, Span};

/// What a project says about a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Kept out of the report and out of the counts (listed as allowed in the findings report).
    Allow,
    Note,
    Warn,
    /// An error: fails the run.
    Deny,
}

impl Level {
    /// The words a configuration may use, in the order documented.
    pub const WORDS: [&'static str; 4] = ["allow", "note", "warn", "deny"];

    pub fn parse(word: &str) -> Option<Level> {
        match word {
            "allow" => Some(Level::Allow),
            "note" => Some(Level::Note),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Note => "note",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }

    /// The severity a finding takes at this level (`None`: allowed).
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Allow => None,
            Level::Note => Some(Severity::Note),
            Level::Warn => Some(Severity::Warning),
            Level::Deny => Some(Severity::Error),
        }
    }
}

/// Why a code's level cannot be lowered, when it cannot: the error leaves the checked model, and
/// so the IR and every other check, resting on something that is not there.
pub fn unlowerable(code: &str) -> Option<&'static str> {
    // Of the reading codes only the errors: a skipped directory entry (ZC0015) is a warning
    // about what was not read, not a file read in part.
    let is_error = codes::info(code).is_some_and(|info| info.severity == Severity::Error);
    if code.starts_with("ZC00") && is_error {
        return Some("文件没有完整读入,其后的检查和 IR 都建立在不完整的文本上");
    }
    match code {
        codes::UNDEFINED_DEPARTMENT | codes::UNDEFINED_NAME => {
            Some("引用的名称不存在,职责、目标和规则会指向不存在的对象")
        }
        codes::DUPLICATE_DEFINITION | codes::ALIAS_CONFLICT => {
            Some("同一个名称指向两个定义,无法确定引用的是哪一个")
        }
        codes::UNKNOWN_CATEGORY_VALUE => Some("规则引用了事实没有的取值,这一档永远不会成立"),
        _ => None,
    }
}

/// A family is `ZC` and two digits: `ZC07` holds ZC0700–ZC0799.
fn is_family(key: &str) -> bool {
    key.len() == 4 && key.starts_with("ZC") && key[2..].bytes().all(|b| b.is_ascii_digit())
}

fn family_of(code: &str) -> &str {
    code.get(..4).unwrap_or(code)
}

/// The levels a project set, by code and by family. A code's own entry wins over its family's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LintLevels {
    codes: Vec<(String, Level)>,
    families: Vec<(String, Level)>,
}

impl LintLevels {
    /// Checks `key = level` entries (in the order written) and builds the levels. Every bad
    /// entry is reported, each as one Chinese sentence naming the key: an unknown code or
    /// family, an unknown level, or a level that would lower an error that cannot be lowered.
    pub fn parse<K, V>(entries: impl IntoIterator<Item = (K, V)>) -> Result<LintLevels, Vec<String>>
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut levels = LintLevels::default();
        let mut errors = Vec::new();
        for (key, value) in entries {
            let (key, value) = (key.as_ref(), value.as_ref());
            let Some(level) = Level::parse(value) else {
                errors.push(format!(
                    "「{key} = \"{value}\"」:未知的级别「{value}」,可用的级别是 {}",
                    Level::WORDS.join("、")
                ));
                continue;
            };
            let members: Vec<&str> = if is_family(key) {
                let members: Vec<&str> = CATALOGUE
                    .iter()
                    .map(|c| c.code)
                    .filter(|c| family_of(c) == key)
                    .collect();
                if members.is_empty() {
                    errors.push(format!(
                        "「{key}」:没有这个代码族,可用的代码族是 {}",
                        families().join("、")
                    ));
                    continue;
                }
                members
            } else if codes::info(key).is_some() {
                vec![key]
            } else {
                errors.push(unknown_code(key));
                continue;
            };
            let blocked: Vec<&str> = members
                .iter()
                .copied()
                .filter(|c| {
                    let lowers = codes::info(c)
                        .is_some_and(|info| level.severity().is_none_or(|s| s > info.severity));
                    lowers && unlowerable(c).is_some()
                })
                .collect();
            if !blocked.is_empty() {
                let what = if is_family(key) {
                    "这个代码族中有不能降低的错误"
                } else {
                    "这是不能降低的错误"
                };
                let mut message = format!(
                    "「{key} = \"{value}\"」:{what}:{}",
                    why_unlowerable(&blocked)
                );
                if is_family(key) {
                    message.push_str(";请逐个代码设置级别");
                }
                errors.push(message);
                continue;
            }
            let list = if is_family(key) {
                &mut levels.families
            } else {
                &mut levels.codes
            };
            match list.iter_mut().find(|(k, _)| k == key) {
                Some(entry) => entry.1 = level,
                None => list.push((key.to_string(), level)),
            }
        }
        if errors.is_empty() {
            Ok(levels)
        } else {
            Err(errors)
        }
    }

    /// The level set for `code`: its own entry, else its family's.
    pub fn level_of(&self, code: &str) -> Option<Level> {
        let find = |list: &[(String, Level)], key: &str| {
            list.iter().find(|(k, _)| k == key).map(|(_, l)| *l)
        };
        find(&self.codes, code).or_else(|| find(&self.families, family_of(code)))
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty() && self.families.is_empty()
    }
}

/// `ZC0001–ZC0014(reason);ZC0101–ZC0102(reason)`: the codes grouped by why they cannot be
/// lowered, in catalogue order.
fn why_unlowerable(blocked: &[&str]) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for code in blocked {
        let Some(why) = unlowerable(code) else {
            continue;
        };
        match groups.iter_mut().find(|(w, _)| *w == why) {
            Some((_, codes)) => codes.push(code),
            None => groups.push((why, vec![code])),
        }
    }
    groups
        .iter()
        .map(|(why, codes)| format!("{}({why})", ranges(codes).join("、")))
        .collect::<Vec<_>>()
        .join(";")
}

/// `未知的代码「ZC9999」`, with the nearest code and every valid code in ranges.
fn unknown_code(key: &str) -> String {
    let near = crate::check::nearest(key, CATALOGUE.iter().map(|c| c.code))
        .map(|c| format!("是不是「{c}」?"))
        .unwrap_or_default();
    format!(
        "「{key}」:未知的代码。{near}可用的代码是 {}(或代码族 {})",
        code_ranges().join("、"),
        families().join("、")
    )
}

/// The catalogue's codes as runs of consecutive numbers: `ZC0001–ZC0014`.
fn code_ranges() -> Vec<String> {
    let all: Vec<&str> = CATALOGUE.iter().map(|c| c.code).collect();
    ranges(&all)
}

/// Codes (in order) as runs of consecutive numbers.
fn ranges(codes: &[&str]) -> Vec<String> {
    let number = |c: &str| c[2..].parse::<u32>().unwrap_or_default();
    let mut out: Vec<String> = Vec::new();
    let mut run: Option<(&str, &str)> = None;
    for &c in codes {
        run = match run {
            Some((first, last)) if number(c) == number(last) + 1 => Some((first, c)),
            Some((first, last)) => {
                out.push(range_text(first, last));
                Some((c, c))
            }
            None => Some((c, c)),
        };
    }
    if let Some((first, last)) = run {
        out.push(range_text(first, last));
    }
    out
}

fn range_text(first: &str, last: &str) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

fn families() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for c in CATALOGUE {
        let family = family_of(c.code);
        if !out.contains(&family) {
            out.push(family);
        }
    }
    out
}

/// Why a finding is allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "lowercase")]
pub enum AllowedBy {
    /// `// zhengce: allow(ZC0105) 理由`, in this file at this span.
    Comment {
        file: String,
        span: Span,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// The project's lint levels (`zhengce.toml`).
    Config,
}

/// A finding a suppression comment or the project's levels allow: kept for the findings report,
/// out of every other report and every count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowed {
    pub diagnostic: Diagnostic,
    pub allowed_by: AllowedBy,
}

/// Applies the project's levels: each diagnostic takes the severity its level gives, or is moved
/// to `allowed` when its level is `allow`. Codes whose errors cannot be lowered keep their
/// severity whatever the levels say ([`LintLevels::parse`] refuses such entries; this holds for
/// levels built otherwise too).
pub fn apply_levels(
    levels: &LintLevels,
    diagnostics: Vec<Diagnostic>,
    allowed: &mut Vec<Allowed>,
) -> Vec<Diagnostic> {
    if levels.is_empty() {
        return diagnostics;
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    for mut d in diagnostics {
        let Some(level) = levels.level_of(&d.code) else {
            kept.push(d);
            continue;
        };
        let fixed = unlowerable(&d.code).is_some() && d.is_error();
        match level.severity() {
            _ if fixed => kept.push(d),
            None => allowed.push(Allowed {
                diagnostic: d,
                allowed_by: AllowedBy::Config,
            }),
            Some(severity) => {
                d.severity = severity;
                kept.push(d);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(code: &str, severity: Severity) -> Diagnostic {
        Diagnostic::new(code, severity, "x")
    }

    #[test]
    fn a_code_wins_over_its_family() {
        let levels =
            LintLevels::parse([("ZC07", "deny"), ("ZC0701", "allow"), ("ZC0308", "note")]).unwrap();
        assert_eq!(levels.level_of("ZC0701"), Some(Level::Allow));
        assert_eq!(levels.level_of("ZC0703"), Some(Level::Deny));
        assert_eq!(levels.level_of("ZC0308"), Some(Level::Note));
        assert_eq!(levels.level_of("ZC0201"), None);
    }

    #[test]
    fn levels_allow_lower_and_raise() {
        let levels =
            LintLevels::parse([("ZC0701", "allow"), ("ZC0105", "note"), ("ZC0702", "deny")])
                .unwrap();
        let mut allowed = Vec::new();
        let kept = apply_levels(
            &levels,
            vec![
                diag("ZC0701", Severity::Warning),
                diag("ZC0105", Severity::Warning),
                diag("ZC0702", Severity::Note),
                diag("ZC0201", Severity::Error),
            ],
            &mut allowed,
        );
        let got: Vec<_> = kept.iter().map(|d| (d.code.as_str(), d.severity)).collect();
        assert_eq!(
            got,
            [
                ("ZC0105", Severity::Note),
                ("ZC0702", Severity::Error),
                ("ZC0201", Severity::Error)
            ]
        );
        assert_eq!(allowed.len(), 1);
        assert_eq!(allowed[0].diagnostic.code, "ZC0701");
        assert_eq!(allowed[0].allowed_by, AllowedBy::Config);
    }

    #[test]
    fn bad_entries_are_each_reported_with_what_is_valid() {
        let errors = LintLevels::parse([
            ("ZC9999", "allow"),
            ("ZC0701", "off"),
            ("ZC99", "warn"),
            ("ZC0101", "warn"),
            ("ZC01", "allow"),
            ("ZC0701", "allow"),
        ])
        .unwrap_err();
        assert_eq!(errors.len(), 5, "{errors:#?}");
        assert!(errors[0].contains("未知的代码") && errors[0].contains("ZC0001–ZC0015"));
        assert!(errors[1].contains("allow、note、warn、deny"));
        assert!(errors[2].contains("没有这个代码族") && errors[2].contains("ZC07"));
        assert!(errors[3].contains("这是不能降低的错误:ZC0101(引用的名称不存在"));
        assert!(
            errors[4].contains("ZC0101–ZC0102(引用的名称不存在")
                && errors[4].contains("ZC0103–ZC0104(同一个名称指向两个定义")
                && errors[4].contains("ZC0107"),
            "{}",
            errors[4]
        );
        assert!(!errors[4].contains("ZC0105"));
    }

    #[test]
    fn an_unlowerable_error_may_be_denied_and_a_family_with_one_may_be_raised() {
        assert!(LintLevels::parse([("ZC0101", "deny"), ("ZC01", "deny")]).is_ok());
    }

    #[test]
    fn unlowerable_errors_keep_their_level_whatever_the_levels() {
        let levels = LintLevels {
            codes: vec![("ZC0001".into(), Level::Allow)],
            families: Vec::new(),
        };
        let mut allowed = Vec::new();
        let kept = apply_levels(&levels, vec![diag("ZC0001", Severity::Error)], &mut allowed);
        assert_eq!(kept.len(), 1);
        assert!(allowed.is_empty());
    }
}
