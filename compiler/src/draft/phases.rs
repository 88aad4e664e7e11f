//! Phases and campaign lengths: a heading with a window (（一）全面部署动员(4月24日~5月1日), or
//! （一）制定方案阶段。5月10日至5月13日…), a sentence that opens a phase (第一阶段：…（5月1日—5月10日）,
//! 6月10日至15日为督导整改期), and the length of a campaign (通过45天的集中整治).

use super::naming::{heading, name_from};
use super::text::Range;
use super::values::{self, Found};
use zhengce_runtime::UnitAtom;

/// The phase a heading opens: its name (the heading's words without the window) and window.
/// `first`: the heading's first sentence; `next`: the sentence after it.
pub(super) fn heading_phase(
    src: &str,
    first: Range,
    next: Option<Range>,
) -> Option<(String, String)> {
    let in_heading = values::windows(src, first);
    if let Some((w, text)) = in_heading.first() {
        let words = format!("{}{}", &src[first.start..w.start], &src[w.end..first.end]);
        return Some((heading(&words, 20)?, text.clone()));
    }
    let next = next?;
    let ws = values::windows(src, next);
    let (w, text) = ws.first()?;
    // The window opens the next sentence (（一）制定方案阶段。5月10日至5月13日,…).
    if src[next.start..w.start].chars().count() > 1 {
        return None;
    }
    Some((heading(first.of(src), 20)?, text.clone()))
}

/// The phase a sentence opens: 第一阶段… with a window, or a window followed by 为…期/阶段.
pub(super) fn sentence_phase(src: &str, sentence: Range) -> Option<(String, String)> {
    let s = sentence.of(src);
    let ws = values::windows(src, sentence);
    let (w, text) = ws.first()?;
    let ordinal = s.starts_with('第') && super::text::first_chars(s, 6).contains("阶段");
    if ordinal {
        let words = format!(
            "{}{}",
            &src[sentence.start..w.start],
            &src[w.end..sentence.end]
        );
        let head: String = words
            .chars()
            .take_while(|c| !matches!(c, '。' | '，' | ','))
            .collect();
        return Some((name_from(&head, 20)?, text.clone()));
    }
    let after = &src[w.end..sentence.end];
    let rest = after.strip_prefix('为')?;
    let phase: String = rest
        .chars()
        .take_while(|c| !matches!(c, '，' | ',' | '。' | '；' | ';'))
        .collect();
    if phase.ends_with('期') || phase.ends_with("阶段") {
        return Some((name_from(&phase, 20)?, text.clone()));
    }
    None
}

/// Words that make a number of days the length of a campaign.
const CAMPAIGN: &[&str] = &["集中", "整治", "整改", "专项", "攻坚", "行动", "活动"];

/// The campaign length a sentence states: N天 with 集中/整治/… in the sentence, not per (每月).
pub(super) fn campaign_length(src: &str, sentence: Range, found: &Found) -> Option<String> {
    let s = sentence.of(src);
    if !super::text::contains_any(s, CAMPAIGN) {
        return None;
    }
    found
        .quantities
        .iter()
        .find(|q| q.atom() == Some(UnitAtom::Day) && !q.per && q.value == q.core_value)
        .map(|q| q.core_value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::text;

    fn first_two(s: &str) -> (Range, Option<Range>) {
        let line = text::lines(s)[0];
        let ss = text::sentences(s, line);
        (ss[0], ss.get(1).copied())
    }

    #[test]
    fn headings_with_windows() {
        let s = "(一)全面部署动员(4月24日~5月1日)。各乡镇要迅速传达。";
        let (a, b) = first_two(s);
        assert_eq!(
            heading_phase(s, a, b),
            Some(("全面部署动员".to_string(), "4月24日~5月1日".to_string()))
        );
        let s = "(一)制定方案阶段。5月10日至5月13日,制定方案。";
        let (a, b) = first_two(s);
        assert_eq!(
            heading_phase(s, a, b),
            Some(("制定方案阶段".to_string(), "5月10日至5月13日".to_string()))
        );
    }

    #[test]
    fn sentences_with_phases() {
        let s = "6月10日至15日为督导整改期,全面完成。";
        let r = text::lines(s)[0];
        assert_eq!(
            sentence_phase(s, r),
            Some(("督导整改期".to_string(), "6月10日至15日".to_string()))
        );
        let s = "通过45天的集中整治,做到识贫精准。";
        let r = text::lines(s)[0];
        let found = values::scan(s, r);
        assert_eq!(campaign_length(s, r, &found).as_deref(), Some("45天"));
    }
}
