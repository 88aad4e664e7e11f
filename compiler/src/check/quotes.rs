//! Source quotes: every 原文 occurs in the document it encodes, so the encoding stays honest when
//! either side changes. Texts are compared with full-width/half-width folded and white space
//! removed (source files break lines and pages in the middle of sentences).

use super::{quotes, SetCtx, Table};
use crate::ast::Text;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};

pub(crate) fn check(set: &SetCtx, out: &mut Vec<Diagnostic>) {
    let Some(texts) = &set.options.source_texts else {
        return;
    };
    // The last text of a name wins, as `collect` into a map would have it.
    let mut folded = Table::default();
    for s in texts {
        folded.insert(s.name.as_str(), Folded::new(&s.text));
    }
    for doc in set.docs {
        let Some(source) = doc.header.and_then(|h| h.source.as_ref()) else {
            continue;
        };
        let name = source
            .text
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&source.text);
        let Some(src) = folded.get(name) else {
            let mut d = Diagnostic::error(
                codes::SOURCE_MISSING,
                format!("找不到原始文件「{name}」,无法核对原文引文"),
            )
            .primary(doc.file, source.span, "声明的原始文件");
            let names = texts.iter().map(|t| t.name.as_str());
            if let Some(near) = super::nearest(name, names) {
                d = d.help(format!("是不是「{near}」?"));
            } else {
                d = d.help("检查 --sources 目录中是否有这个文件");
            }
            out.push(d);
            continue;
        };
        for q in quotes(doc.doc) {
            if let Some(d) = check_quote(doc.file, q, src, name) {
                out.push(d);
            }
        }
    }
}

/// Folds a character for comparison: full-width ASCII variants to ASCII, ideographic space to
/// nothing; `None` drops the character (white space).
fn fold_char(c: char) -> Option<char> {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        other => other,
    };
    if c.is_whitespace() || c == '\u{3000}' {
        None
    } else {
        Some(c)
    }
}

/// A text with white space removed and width folded, and the byte offset of each kept char.
struct Folded {
    text: String,
    /// For each char of `text`, its byte offset in the original.
    offsets: Vec<usize>,
}

impl Folded {
    fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut offsets = Vec::new();
        for (i, c) in original.char_indices() {
            if let Some(f) = fold_char(c) {
                text.push(f);
                offsets.push(i);
            }
        }
        Folded { text, offsets }
    }
}

fn check_quote(file: &str, q: &Text, src: &Folded, src_name: &str) -> Option<Diagnostic> {
    let fq = Folded::new(&q.text);
    if fq.text.is_empty() || src.text.contains(&fq.text) {
        return None;
    }
    // The longest prefix of the quote that the source contains, found by bisection.
    let chars: Vec<(usize, char)> = fq.text.char_indices().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let end = chars.get(mid).map_or(fq.text.len(), |(b, _)| *b);
        if src.text.contains(&fq.text[..end]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let matched = lo;
    let quote_byte = |i: usize| q.span.start + fq.offsets.get(i).copied().unwrap_or(q.text.len());
    let mut d = Diagnostic::error(
        codes::QUOTE_NOT_FOUND,
        format!("原文引文在「{src_name}」中找不到"),
    );
    if matched >= 4 {
        let prefix_end = chars.get(matched).map_or(fq.text.len(), |(b, _)| *b);
        let at = src.text.find(&fq.text[..prefix_end]).unwrap_or(0);
        let nearest: String = src.text[at..].chars().take(chars.len() + 6).collect();
        let diverge = quote_byte(matched);
        let diverge_end = diverge
            + q.text[diverge - q.span.start..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        d = d
            .primary(file, Span::new(diverge, diverge_end), "从这里起与原文不同")
            .secondary(file, Span::new(q.span.start, diverge), "这部分与原文一致")
            .note(format!("原文中最接近的一段是:「{nearest}」"))
            .note(format!("前 {matched} 个字与原文一致"));
    } else {
        d = d
            .primary(file, q.span, "原文中没有这段文字")
            .help("引文须逐字摘自原始文件(仅全角半角标点与空白可以不同)");
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_and_white_space_are_folded() {
        let src = Folded::new("对深度贫困县、贫困县,分别按照项目总投资的20%\n、10%");
        let q = Folded::new("对深度贫困县、贫困县，分别按照项目总投资的２０％、10%");
        assert!(src.text.contains(&q.text));
    }
}
