//! The heading tree: which lines are headings (一、（一）1.（1）① 第一条), how they nest, and which
//! lines are the document's head (title, number, issuer, preamble) and foot (signature, web
//! furniture after the last sentence).
//!
//! A marker style takes the outline level where it first appears, as a reader assumes: after
//! 一、 a （一） is a sub-heading, and a later 二、 closes it. A line that starts like a marker
//! but does not continue a numbering (a 3. after 1. with no 2.) is text, not a heading. A
//! numbering may run on across sections (1.–3. under 二、, 4. under 三、), as plans do.

use super::text::{self, Marker, Range, Style};

/// One heading and what it holds.
#[derive(Debug)]
pub(super) struct Section {
    /// The heading line's index in the document's lines.
    pub line: usize,
    pub marker: Marker,
    /// Indexes of the text lines under the heading, before its first sub-heading.
    pub body: Vec<usize>,
    pub children: Vec<Section>,
}

/// The document cut into its parts.
#[derive(Debug, Default)]
pub(super) struct Outline {
    /// Lines before the first heading (or, without headings, the short lines at the top).
    pub head: Vec<usize>,
    /// Text lines of a document without headings, between head and foot.
    pub loose: Vec<usize>,
    pub sections: Vec<Section>,
    /// Lines after the last sentence of the text: signature, date, web furniture.
    pub foot: Vec<usize>,
}

/// The conventional rank of a marker style in Chinese official documents (GB/T 9704: 一、
/// （一） 1. （1）): a style of lower rank appearing under a deeper one closes it.
fn rank(style: Style) -> u8 {
    match style {
        Style::Chapter => 0,
        Style::Article => 1,
        Style::CnComma => 2,
        Style::CnParen => 3,
        Style::ArabicDot => 4,
        Style::ArabicParen => 5,
        Style::Circled => 6,
        Style::CnIs => 7,
    }
}

/// Builds the outline of `lines` (the document's non-blank lines).
pub(super) fn outline(src: &str, lines: &[Range]) -> Outline {
    let foot_start = foot_start(src, lines);
    // Accepted markers with their depth in the outline.
    let mut markers: Vec<Option<(Marker, usize)>> = Vec::with_capacity(lines.len());
    // The open levels: a style and its last number each.
    let mut stack: Vec<(Style, u32)> = Vec::new();
    let mut last: Vec<(Style, u32)> = Vec::new();
    let mut any = false;
    for (i, line) in lines.iter().enumerate() {
        let m = if i < foot_start {
            text::marker(src, *line)
        } else {
            None
        };
        let accepted = m.and_then(|m| {
            let last_of_style = last.iter().find(|(s, _)| *s == m.style).map(|l| l.1);
            let in_stack = stack.iter().position(|(s, _)| *s == m.style);
            // A text may start in the middle of a numbering (a page of a longer document), and a
            // higher-ranked style may resume its numbering after deeper ones (（二）…（五）, 五、).
            let resumes = !any
                || last_of_style.is_none()
                    && stack
                        .last()
                        .is_some_and(|(top, _)| rank(m.style) < rank(*top));
            let ok = match in_stack {
                Some(at) => m.number == stack[at].1 + 1 || m.number == 1,
                None => {
                    m.number == 1
                        || last_of_style.is_some_and(|n| m.number == n + 1)
                        || resumes && m.number <= 30
                }
            };
            if !ok {
                return None;
            }
            let depth = match in_stack {
                Some(at) => at,
                // A higher-ranked style closes the deeper levels it ranks above.
                None => stack
                    .iter()
                    .position(|(s, _)| rank(*s) > rank(m.style))
                    .unwrap_or(stack.len()),
            };
            stack.truncate(depth);
            stack.push((m.style, m.number));
            match last.iter_mut().find(|(s, _)| *s == m.style) {
                Some(l) => l.1 = m.number,
                None => last.push((m.style, m.number)),
            }
            any = true;
            Some((m, depth))
        });
        markers.push(accepted);
    }

    let mut out = Outline::default();
    let first_heading = markers.iter().position(Option::is_some);
    let Some(first_heading) = first_heading else {
        // No outline: the short lines at the top are the head (title, number, addressee).
        let head_len = lines[..foot_start]
            .iter()
            .take_while(|l| is_short_line(l.of(src)))
            .count()
            .min(6);
        out.head = (0..head_len).collect();
        out.loose = (head_len..foot_start).collect();
        out.foot = (foot_start..lines.len()).collect();
        return out;
    };
    out.head = (0..first_heading).collect();
    out.foot = (foot_start.max(first_heading)..lines.len()).collect();

    let mut open: Vec<Section> = Vec::new();
    for (i, m) in markers
        .into_iter()
        .enumerate()
        .take(foot_start)
        .skip(first_heading)
    {
        match m {
            Some((m, depth)) => {
                close_to(&mut open, depth, &mut out.sections);
                open.push(Section {
                    line: i,
                    marker: m,
                    body: Vec::new(),
                    children: Vec::new(),
                });
            }
            None => {
                if let Some(s) = open.last_mut() {
                    s.body.push(i);
                }
            }
        }
    }
    close_to(&mut open, 0, &mut out.sections);
    out
}

/// Closes open sections until `depth` remain, attaching each to its parent.
fn close_to(open: &mut Vec<Section>, depth: usize, top: &mut Vec<Section>) {
    while open.len() > depth {
        let Some(s) = open.pop() else { break };
        match open.last_mut() {
            Some(parent) => parent.children.push(s),
            None => top.push(s),
        }
    }
}

/// A short line with no sentence end: a title, a number, an addressee, a signature.
fn is_short_line(s: &str) -> bool {
    s.chars().count() <= 40 && !s.contains(&['。', '；', ';'][..])
}

/// Whether a line ends a sentence of the text (rather than being a title, a signature or a link).
fn ends_text(s: &str) -> bool {
    let s = s.trim_end_matches(&['”', '’', '」', '）', ')', ' ', '\u{3000}'][..]);
    s.ends_with(&['。', '；', ';', '！', '？', '!', '?', '：', ':'][..])
        || s.contains('。')
        || s.chars().count() > 60 && text::has_ideograph(s)
}

/// The index of the first line after the document's last sentence or heading: what follows is
/// signature, date or web furniture, unless nothing follows at all.
fn foot_start(src: &str, lines: &[Range]) -> usize {
    lines
        .iter()
        .rposition(|l| ends_text(l.of(src)) || text::marker(src, *l).is_some())
        .map_or(lines.len(), |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(src: &str) -> String {
        let lines = text::lines(src);
        let o = outline(src, &lines);
        let mut out = format!("head {:?} foot {:?}\n", o.head, o.foot);
        fn walk(s: &Section, depth: usize, src: &str, out: &mut String) {
            out.push_str(&format!(
                "{}{} body {:?}\n",
                "  ".repeat(depth),
                s.marker.text.of(src),
                s.body
            ));
            for c in &s.children {
                walk(c, depth + 1, src, out);
            }
        }
        for s in &o.sections {
            walk(s, 0, src, &mut out);
        }
        out
    }

    #[test]
    fn styles_nest_where_they_first_appear() {
        let src = "标题\n一、甲。\n(一)乙。\n1.丙。\n正文。\n2.丁。\n(二)戊。\n二、己。\n(一)庚。\n5.不是标题。\n落款\n";
        assert_eq!(
            tree(src),
            "head [0] foot [10]\n一、 body []\n  (一) body []\n    1. body [4]\n    2. body []\n  (二) body []\n二、 body []\n  (一) body [9]\n"
        );
    }

    #[test]
    fn a_text_may_start_inside_a_numbering() {
        let src = "(二)乙阶段。\n(三)丙阶段。\n五、保障措施\n(一)提高认识。\n";
        assert_eq!(
            tree(src),
            "head [] foot []\n(二) body []\n(三) body []\n五、 body []\n  (一) body []\n"
        );
    }

    #[test]
    fn numbering_may_run_on_across_sections() {
        let src = "一、甲\n1.乙。\n2.丙。\n二、丁\n3.戊。\n";
        assert_eq!(
            tree(src),
            "head [] foot []\n一、 body []\n  1. body []\n  2. body []\n二、 body []\n  3. body []\n"
        );
    }
}
