//! Names for the items the draft makes, from the words of their text: the clause without its
//! numbers, dates and the words around them that say nothing of the item (到, 确保, 全面, 的).
//! A drafter renames them; they only need to be short, readable and distinct.

use super::text::is_ideograph;

/// Words that start a clause without naming anything.
const LEADING: &[&str] = &[
    "的比例",
    "的标准为",
    "的标准",
    "的",
    "其中",
    "确保",
    "力争",
    "争取",
    "全面",
    "累计",
    "到",
    "至",
    "在",
    "于",
    "对",
    "将",
    "把",
    "并",
    "和",
    "及",
    "要",
    "共",
    "再",
    "全部",
    "基本",
    "实现",
    "完成",
    "达到",
    "继续",
    "同时",
    "按照",
    "按",
    "给予",
    "安排",
    "对于",
    "使",
    "让",
    "前",
    "底",
    "底前",
    "之前",
];

/// Words that end a clause without naming anything.
const TRAILING: &[&str] = &[
    "的", "以上", "以下", "左右", "等", "以内", "全部", "达到", "实现", "完成", "确保", "力争",
    "为", "了", "和", "及", "要", "在", "每", "按", "是", "由", "将",
];

/// The name of an item from `words` (its clause with the numbers taken out), at most `max`
/// characters, or `None` when nothing readable is left.
#[inline(never)]
pub(super) fn name_from(words: &str, max: usize) -> Option<String> {
    trimmed(&readable(words), max)
}

/// A heading's words as a name: only what a name cannot hold is left out, no words dropped.
#[inline(never)]
pub(super) fn heading(words: &str, max: usize) -> Option<String> {
    finish(&readable(words), max)
}

fn readable_char(c: char) -> bool {
    is_ideograph(c) || c.is_ascii_alphanumeric() || matches!(c, '、' | '（' | '）' | '(' | ')')
}

/// Ideographs, letters, digits, 、 and brackets with something in them; no heading numbers.
#[inline(never)]
fn readable(words: &str) -> String {
    let words = without_item_numbers(words);
    let mut s = super::text::chars_where(&words, readable_char);
    s = s.replace("()", "").replace("（）", "");
    // Brackets that lost their other half are dropped.
    if s.matches(&['（', '('][..]).count() != s.matches(&['）', ')'][..]).count() {
        s.retain(|c| !matches!(c, '（' | '）' | '(' | ')'));
    }
    s
}

/// `s` without the words that name nothing at either end, at most `max` characters.
fn trimmed(s: &str, max: usize) -> Option<String> {
    let mut s = s.to_string();
    loop {
        let before = s.len();
        for w in LEADING {
            if let Some(rest) = s.strip_prefix(w) {
                if rest.chars().count() >= 2 {
                    s = rest.to_string();
                }
            }
        }
        for w in TRAILING {
            if let Some(rest) = s.strip_suffix(w) {
                if rest.chars().count() >= 2 {
                    s = rest.to_string();
                }
            }
        }
        s = s.trim_matches('、').to_string();
        if s.len() == before {
            break;
        }
    }
    finish(&s, max)
}

/// At most `max` characters, without a bracket cut off from its other half.
#[inline(never)]
fn finish(s: &str, max: usize) -> Option<String> {
    let mut s = super::text::first_chars(s, max).to_string();
    if s.matches(&['（', '('][..]).count() != s.matches(&['）', ')'][..]).count() {
        s.retain(|c| !matches!(c, '（' | '）' | '(' | ')'));
    }
    let s = s.trim_end_matches(&['、'][..]).to_string();
    (s.chars().filter(|&c| is_ideograph(c)).count() >= 2).then_some(s)
}

/// `words` without heading numbers in brackets ((一), （3）), which name nothing.
fn without_item_numbers(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    let mut rest = words;
    while let Some(i) = rest.find(&['(', '（'][..]) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let open = after.chars().next().map_or(1, char::len_utf8);
        let inner_len: usize = after[open..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
            .map(char::len_utf8)
            .sum();
        let close = after[open + inner_len..]
            .chars()
            .next()
            .filter(|c| matches!(c, ')' | '）'));
        match close {
            Some(c) if inner_len > 0 => rest = &after[open + inner_len + c.len_utf8()..],
            _ => {
                out.push_str(&after[..open]);
                rest = &after[open..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            name_from("确保新改建农村公路", 20).as_deref(),
            Some("新改建农村公路")
        );
        assert_eq!(
            name_from("完成农村贫困户危房改造", 20).as_deref(),
            Some("农村贫困户危房改造")
        );
        assert_eq!(name_from("，的", 20), None);
        assert_eq!(
            name_from("（二）每个贫困村(3)一、（1）", 20).as_deref(),
            Some("每个贫困村一")
        );
        assert_eq!(
            name_from("“一站式结算”等保障", 6).as_deref(),
            Some("一站式结算等")
        );
    }
}
