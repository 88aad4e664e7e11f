//! The header from the head and the foot of the text: the title (《…》 in 关于印发《…》的通知, or the
//! title line), the 文号 on a line of its own, the issuer on the line before the date, the date of
//! issue (a line that is only a date, 2017年4月23日), the date of publication (a web page's
//! 2016-03-25 or 发布时间), and the documents the preamble cites with their numbers.

use super::model::Header;
use super::text::{self, Range};
use super::values::reads;
use crate::grammar::Rule;

/// Words a title line ends with.
const TITLE_ENDS: &[&str] = &[
    "方案",
    "意见",
    "办法",
    "规划",
    "计划",
    "通知",
    "决定",
    "细则",
    "报告",
    "规定",
    "纲要",
    "措施",
    "要点",
    "制度",
    "清单",
    "工作方案",
    "实施方案",
    "整改方案",
];

/// What the head and foot lines hold, and which foot lines are not part of the document.
pub(super) fn header(
    src: &str,
    lines: &[Range],
    head: &[usize],
    foot: &[usize],
    file_stem: &str,
) -> (Header, Vec<usize>) {
    let mut h = Header::default();
    let head_lines: Vec<Range> = head.iter().map(|&i| lines[i]).collect();
    let foot_lines: Vec<Range> = foot.iter().map(|&i| lines[i]).collect();

    h.title = title(src, &head_lines)
        .or_else(|| title(src, &foot_lines))
        .unwrap_or_else(|| fallback_title(src, lines, file_stem));

    for r in &head_lines {
        let line = r.of(src);
        if h.number.is_none() && reads(Rule::doc_number, line) {
            h.number = Some(line.to_string());
        }
        if h.published.is_none() {
            h.published = published(src, *r);
        }
    }
    // The date of issue: a line that is only a full date, in the head, else the last in the foot.
    let date_line = |r: &Range| {
        let s = r.of(src);
        reads(Rule::date, s) && s.contains('年') && s.contains('月')
    };
    let dated = head_lines
        .iter()
        .position(date_line)
        .map(|i| (head_lines.clone(), i))
        .or_else(|| {
            foot_lines
                .iter()
                .rposition(date_line)
                .map(|i| (foot_lines.clone(), i))
        });
    // A compilation (汇编) prints its first document's notice under a heading: the first line of
    // the text that is only a date.
    let body_dated = || {
        lines
            .iter()
            .position(date_line)
            .map(|i| (lines.to_vec(), i))
    };
    if let Some((ls, i)) = dated.or_else(body_dated) {
        h.date = Some(ls[i].of(src).to_string());
        if i > 0 {
            h.issuer = issuer(ls[i - 1].of(src));
        }
    }
    if h.issuer.is_none() {
        // The line after the 文号 (汨扶发〔2017〕14号 / 汨罗市扶贫开发领导小组).
        if let Some(i) = head_lines
            .iter()
            .position(|r| reads(Rule::doc_number, r.of(src)))
        {
            h.issuer = head_lines.get(i + 1).and_then(|r| issuer(r.of(src)));
        }
    }
    h.basis = basis(src, &head_lines, &h.title);

    for r in &head_lines {
        h.quotes.extend(text::sentences(src, *r));
    }
    // Foot lines: the signature and date are the header's; the rest (links, 上一篇, 复制成功)
    // are not the document's and stay as comments.
    let mut others = Vec::new();
    for (k, r) in foot_lines.iter().enumerate() {
        let s = r.of(src);
        let signature =
            date_line(r) || issuer(s).is_some() && foot_lines.get(k + 1).is_some_and(date_line);
        if signature {
            h.quotes.extend(text::sentences(src, *r));
        } else {
            others.push(foot[k]);
        }
    }
    (h, others)
}

/// 《X》 after 印发 (the notice that issues X), else the first 《…》 that is a whole head line,
/// else the first line that ends like a title.
fn title(src: &str, lines: &[Range]) -> Option<String> {
    // A title may be broken across lines (关于印发《汨罗市…\n集中整改方案》的通知).
    let mut joined = String::new();
    for r in lines {
        joined.push_str(r.of(src));
    }
    if let Some(i) = joined.find("印发《") {
        let rest = &joined[i + "印发".len()..];
        if let Some(t) = balanced_title(rest) {
            return Some(t);
        }
    }
    for r in lines {
        let s = r.of(src);
        if s.starts_with('《') {
            if let Some(t) = balanced_title(s) {
                return Some(t);
            }
        }
    }
    lines
        .iter()
        .filter(|r| text::marker(src, **r).is_none())
        .map(|r| r.of(src))
        .find(|s| {
            s.chars().count() <= 60
                && !s.contains(&['。', '：', ':', '，', ','][..])
                && text::ends_with_any(s, TITLE_ENDS)
        })
        .map(|s| s.trim_start_matches("关于印发").to_string())
        .filter(|t| reads(Rule::doc_title, &format!("《{t}》")))
}

/// The text of the 《…》 that `s` starts with (nested 《》 kept), if it makes a title.
fn balanced_title(s: &str) -> Option<String> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '《' => depth += 1,
            '》' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    let t = &s['《'.len_utf8()..i];
                    return reads(Rule::doc_title, &s[..i + c.len_utf8()]).then(|| t.to_string());
                }
            }
            _ if i == 0 => return None,
            _ => {}
        }
    }
    None
}

/// A title when the text names none: its first short line that is neither an addressee
/// (各镇乡…:) nor a sentence nor a heading, or else the file's name.
fn fallback_title(src: &str, lines: &[Range], file_stem: &str) -> String {
    let first = lines
        .iter()
        .take(3)
        .filter(|r| text::marker(src, **r).is_none())
        .map(|r| r.of(src))
        .find(|s| {
            text::has_ideograph(s)
                && s.chars().count() <= 40
                && !s.trim_end().ends_with(&['：', ':'][..])
                && !s.contains(&['。', '，', ','][..])
        })
        .unwrap_or(file_stem);
    let cleaned: String = first
        .chars()
        .filter(|c| {
            !matches!(c, '《' | '》' | '\n' | '\r') && crate::syntax::forbidden_char(*c).is_none()
        })
        .take(40)
        .collect();
    let cleaned = cleaned.trim().to_string();
    if reads(Rule::doc_title, &format!("《{cleaned}》")) {
        cleaned
    } else {
        "未命名文件".to_string()
    }
}

/// The date a web page was published: an ISO date (2016-03-25) on a head line, or after 发布时间.
fn published(src: &str, r: Range) -> Option<String> {
    let s = r.of(src);
    for (i, c) in s.char_indices() {
        if !c.is_ascii_digit() || s[..i].ends_with(|p: char| p.is_ascii_digit()) {
            continue;
        }
        let cand = s.get(i..i + 10)?;
        if reads(Rule::iso_date, cand) {
            return Some(cand.to_string());
        }
    }
    None
}

/// Organisation-like endings of an issuer's name.
const ISSUER_ENDS: &[&str] = &[
    "领导小组",
    "办公室",
    "政府",
    "委员会",
    "党委",
    "办",
    "局",
    "厅",
    "委",
    "部",
    "院",
    "会",
    "组",
    "指挥部",
    "中心",
];

/// The issuer on a signature line: a short name list that ends like an organisation.
fn issuer(s: &str) -> Option<String> {
    let short = s.chars().count() <= 40 && text::has_ideograph(s);
    let org = text::ends_with_any(s, ISSUER_ENDS);
    (short && org && !s.contains(&['。', '：', ':'][..]) && reads(Rule::name_list, s))
        .then(|| s.to_string())
}

/// Documents cited in the head with their number: 《X》(云开组〔2018〕37号) → 外部《X》（…）.
fn basis(src: &str, lines: &[Range], own_title: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in lines {
        let s = r.of(src);
        let mut from = 0;
        while let Some(i) = s[from..].find('《') {
            let at = from + i;
            from = at + '《'.len_utf8();
            let Some(title) = balanced_title(&s[at..]) else {
                continue;
            };
            let after = &s[at + title.len() + "《》".len()..];
            let Some(inner) = after.strip_prefix(&['(', '（'][..]) else {
                continue;
            };
            let number: String = inner
                .chars()
                .take_while(|c| !matches!(c, ')' | '）' | ',' | '，' | '、'))
                .collect();
            if title == own_title || !reads(Rule::doc_number, &number) {
                continue;
            }
            let cited = format!("外部《{title}》（{number}）");
            if reads(Rule::doc_ref, &cited) && !out.contains(&cited) {
                out.push(cited);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_of_a_notice() {
        let src = "汨扶发〔2017〕14号\n汨罗市扶贫开发领导小组\n关于印发《汨罗市脱贫攻坚突出问题\n集中整改方案》的通知\n各乡镇,市直各单位:\n为贯彻《湖南省通知》(湘扶办发〔2017〕1号)精神,制定本方案。\n汨罗市扶贫开发领导小组\n2017年4月23日\n";
        let lines = text::lines(src);
        let head: Vec<usize> = (0..lines.len()).collect();
        let (h, rest) = header(src, &lines, &head, &[], "x");
        assert_eq!(h.title, "汨罗市脱贫攻坚突出问题集中整改方案");
        assert_eq!(h.number.as_deref(), Some("汨扶发〔2017〕14号"));
        assert_eq!(h.issuer.as_deref(), Some("汨罗市扶贫开发领导小组"));
        assert_eq!(h.date.as_deref(), Some("2017年4月23日"));
        assert_eq!(h.basis, ["外部《湖南省通知》（湘扶办发〔2017〕1号）"]);
        assert!(rest.is_empty());
    }

    #[test]
    fn publication_date_of_a_web_page() {
        let src = "来源:甘肃省人民政府2016-03-25 13:28:57\n";
        let r = text::lines(src)[0];
        assert_eq!(published(src, r).as_deref(), Some("2016-03-25"));
    }
}
