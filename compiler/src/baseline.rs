//! Baselines: the findings a project has accepted for now, so a checker can be adopted on a
//! repository with old problems and still fail on new ones.
//!
//! A baseline is what `check --format json` writes. A finding matches a baseline entry by its
//! code, its file and the item it is about ([`Subject`]: kind and the path of enclosing names),
//! not by line, so edits elsewhere in the file do not break the match; among several findings of
//! one code in one item, those with the same message match first. A finding without an item
//! matches by its message.

use std::collections::HashMap;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Subject};

/// One accepted finding, as read from a baseline file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineEntry {
    pub code: String,
    pub file: String,
    pub subject: Option<Subject>,
    pub message: String,
}

/// The fields of `check --format json` a baseline needs; the rest is ignored.
#[derive(Deserialize)]
struct JsonEntry {
    code: String,
    message: String,
    labels: Vec<JsonLabel>,
    #[serde(default)]
    subject: Option<Subject>,
}

#[derive(Deserialize)]
struct JsonLabel {
    file: String,
    #[serde(default)]
    primary: bool,
}

/// Reads a baseline written by `check --format json`. The error says what is wrong, in Chinese.
pub fn read_baseline(json: &str) -> Result<Vec<BaselineEntry>, String> {
    let entries: Vec<JsonEntry> = serde_json::from_str(json).map_err(|e| {
        format!(
            "第 {} 行第 {} 列:不是 `zhengce check --format json` 写出的诊断列表",
            e.line(),
            e.column()
        )
    })?;
    Ok(entries
        .into_iter()
        .map(|e| {
            let file = e
                .labels
                .iter()
                .find(|l| l.primary)
                .or(e.labels.first())
                .map(|l| l.file.clone())
                .unwrap_or_default();
            BaselineEntry {
                code: e.code,
                file,
                subject: e.subject,
                message: e.message,
            }
        })
        .collect())
}

impl BaselineEntry {
    /// The entry a finding would be recorded as.
    pub fn of(d: &Diagnostic) -> BaselineEntry {
        BaselineEntry {
            code: d.code.clone(),
            file: d
                .primary_label()
                .map(|l| l.file.clone())
                .unwrap_or_default(),
            subject: d.subject.clone(),
            message: d.message.clone(),
        }
    }

    /// What must agree for two findings to be the same: code, file and item (or, with no item,
    /// the message).
    fn key(&self) -> (&str, &str, &str, &[String], &str) {
        match &self.subject {
            Some(s) => (&self.code, &self.file, &s.kind, &s.path, ""),
            None => (&self.code, &self.file, "", &[], &self.message),
        }
    }
}

/// The findings of a run against a baseline.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Positions (in the diagnostics given) of findings the baseline does not have.
    pub new: Vec<usize>,
    /// Positions of findings the baseline has.
    pub known: Vec<usize>,
    /// Baseline entries no finding matched: fixed, or changed past recognition.
    pub fixed: Vec<BaselineEntry>,
}

/// Matches findings to a baseline; linear in the sizes of both.
pub fn compare(baseline: &[BaselineEntry], diagnostics: &[Diagnostic]) -> Comparison {
    let current: Vec<BaselineEntry> = diagnostics.iter().map(BaselineEntry::of).collect();
    let mut matched: Vec<Option<usize>> = vec![None; current.len()];
    let mut used = vec![false; baseline.len()];
    // Same item and same message first; then any entry left of the same item. Entries are
    // taken in order (each list is reversed so `pop` takes the earliest).
    let mut by_message: HashMap<_, Vec<usize>> = HashMap::new();
    for (k, e) in baseline.iter().enumerate().rev() {
        by_message.entry((e.key(), &e.message)).or_default().push(k);
    }
    for (i, entry) in current.iter().enumerate() {
        if let Some(k) = by_message
            .get_mut(&(entry.key(), &entry.message))
            .and_then(Vec::pop)
        {
            matched[i] = Some(k);
            used[k] = true;
        }
    }
    let mut by_item: HashMap<_, Vec<usize>> = HashMap::new();
    for (k, e) in baseline.iter().enumerate().rev().filter(|(k, _)| !used[*k]) {
        by_item.entry(e.key()).or_default().push(k);
    }
    for (i, entry) in current.iter().enumerate() {
        if matched[i].is_none() {
            if let Some(k) = by_item.get_mut(&entry.key()).and_then(Vec::pop) {
                matched[i] = Some(k);
                used[k] = true;
            }
        }
    }
    let (known, new): (Vec<usize>, Vec<usize>) =
        (0..current.len()).partition(|&i| matched[i].is_some());
    Comparison {
        new,
        known,
        fixed: baseline
            .iter()
            .zip(used)
            .filter(|(_, used)| !used)
            .map(|(e, _)| e.clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Severity, Span};

    fn finding(code: &str, path: &[&str], message: &str, at: usize) -> Diagnostic {
        let mut d = Diagnostic::new(code, Severity::Warning, message).primary(
            "a.zc",
            Span::new(at, at + 1),
            "",
        );
        d.subject = Some(Subject {
            kind: "措施".into(),
            path: path.iter().map(|s| s.to_string()).collect(),
            quote: None,
        });
        d
    }

    #[test]
    fn findings_match_by_item_not_by_line() {
        let before = [
            finding("ZC0701", &["一", "甲"], "m1", 10),
            finding("ZC0106", &["一", "乙"], "XX", 20),
            finding("ZC0106", &["一", "乙"], "XX", 25),
        ];
        let baseline: Vec<BaselineEntry> = before.iter().map(BaselineEntry::of).collect();
        // Lines moved (other offsets), one finding fixed, one new in another item.
        let after = [
            finding("ZC0701", &["一", "甲"], "m1", 110),
            finding("ZC0106", &["一", "乙"], "XX", 120),
            finding("ZC0701", &["一", "丙"], "m2", 130),
        ];
        let c = compare(&baseline, &after);
        assert_eq!(c.known, [0, 1]);
        assert_eq!(c.new, [2]);
        assert_eq!(c.fixed.len(), 1);
        assert_eq!(c.fixed[0].code, "ZC0106");
    }

    #[test]
    fn a_changed_message_in_the_same_item_is_still_known() {
        let baseline = vec![BaselineEntry::of(&finding(
            "ZC0201",
            &["甲"],
            "合计 5 ≠ 6",
            1,
        ))];
        let c = compare(&baseline, &[finding("ZC0201", &["甲"], "合计 5 ≠ 7", 1)]);
        assert_eq!((c.known.len(), c.new.len(), c.fixed.len()), (1, 0, 0));
    }

    #[test]
    fn a_baseline_is_read_from_json_output() {
        let json = r#"[{"code":"ZC0701","severity":"warning","message":"m","labels":[
            {"file":"a.zc","span":{"start":1,"end":2},"message":"","primary":true,
             "line":1,"column":2,"end_line":1,"end_column":3}],
            "notes":[],"help":null,"subject":{"kind":"措施","path":["甲"]}}]"#;
        let entries = read_baseline(json).unwrap();
        assert_eq!(entries[0].file, "a.zc");
        assert_eq!(entries[0].subject.as_ref().unwrap().path, ["甲"]);
        assert!(read_baseline("{").unwrap_err().contains("第 1 行"));
    }
}
