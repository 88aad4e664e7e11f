//! Enumeration words: a word that states how many items follow (五个一批, 六个精准, 三条红线,
//! 两不愁三保障, 3项措施) against the items actually listed.
//!
//! Two places say so. An item links the word to its nested items with `列举：五个一批` (the
//! sub-measures, targets and standards of a 措施, the 成员 of a 范围, the 分项 of a 目标). And a
//! 原文 that writes the list inline is read as it stands: the word followed by a colon (or 即,
//! 包括, 分别是) and a list up to the end of the sentence (六个精准:扶持对象精准、…), or a list
//! followed by the word (对象、目标、内容、方式、考评、保障“六个精准”; three items at least, since
//! two phrases before a count are as often two verbs of one object: 全力推进、精准实施…八大工程).
//!
//! How a word is counted: its first number, plus every further number that starts a group (两不愁
//! 三保障 is 2+3); a later 一 is part of a noun (五个一批 is 5, not 6). How a list is counted:
//! items apart by 、 (by ，when there is no 、); a last item joined by 和/及/与 may be one item or
//! two (廉洁和安全 in 六大发展, 森林质量提升和特色林产业 in 五大项目), and either count is accepted.
//! A list closed by 等 before the word may be shorter than the word says (等 may mean "and
//! others"); never longer.

use super::{measures, targets, DocCtx};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::lexical;
use rust_decimal::prelude::ToPrimitive;

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    linked(cx, out);
    inline(cx, out);
}

/// How many items a linked enumeration counts, and what they are called.
struct Listed<'a> {
    /// 措施「…」.
    owner: String,
    /// 其下列出 / 成员 / 分项.
    what: &'static str,
    names: Vec<(&'a str, Span)>,
}

/// Items that state `列举`, with the items they hold.
fn linked(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    let mut found: Vec<(&NameList, Listed)> = Vec::new();
    for m in measures(cx.doc) {
        let m = m.measure;
        let Some(words) = &m.links.enumerates else {
            continue;
        };
        let mut names: Vec<(&str, Span)> = Vec::new();
        names.extend(
            m.children
                .iter()
                .map(|c| (c.name.text.as_str(), c.name.span)),
        );
        names.extend(
            m.targets
                .iter()
                .map(|t| (t.name.text.as_str(), t.name.span)),
        );
        names.extend(
            m.standards
                .iter()
                .map(|s| (s.name.text.as_str(), s.name.span)),
        );
        found.push((
            words,
            Listed {
                owner: format!("措施「{}」", m.name.text),
                what: "其下列出",
                names,
            },
        ));
    }
    for t in targets(cx.doc) {
        let t = t.target;
        let Some(words) = &t.links.enumerates else {
            continue;
        };
        let names = t
            .breakdown
            .iter()
            .flat_map(|b| b.parts.iter())
            .map(|p| match &p.key {
                PartKey::Name(n) => (n.text.as_str(), n.span),
                PartKey::Year { span, .. } => ("", *span),
            })
            .collect();
        found.push((
            words,
            Listed {
                owner: format!("{}「{}」", t.keyword, t.name.text),
                what: "分项列出",
                names,
            },
        ));
    }
    for item in &cx.doc.items {
        let Item::Scope(s) = item else { continue };
        let (Some(words), Some(members)) = (&s.enumerates, &s.members) else {
            continue;
        };
        let names = members
            .names
            .iter()
            .map(|n| (n.text.as_str(), n.span))
            .collect();
        found.push((
            words,
            Listed {
                owner: format!("范围「{}」", s.name.text),
                what: "成员列出",
                names,
            },
        ));
    }
    for (words, listed) in found {
        let mut total = 0u32;
        let mut parts = Vec::new();
        let mut readable = true;
        for w in &words.names {
            match word_count(&w.text) {
                Some(n) => {
                    total += n;
                    parts.push(format!("「{}」{n}项", w.text));
                }
                None => {
                    readable = false;
                    out.push(
                        Diagnostic::error(
                            codes::ENUMERATION_WITHOUT_COUNT,
                            format!("{}的列举词「{}」中读不出项数", listed.owner, w.text),
                        )
                        .primary(cx.file, w.span, "没有可读的数目")
                        .note("列举词以数目开头,如「五个一批」「六个精准」「3项措施」;几组写在一起时(两不愁三保障)各组的数目相加")
                        .help("「列举」写原文中带数目的那个词;没有数目的标题不需要「列举」"),
                    );
                }
            }
        }
        let n = listed.names.len() as u32;
        if !readable || n == total {
            continue;
        }
        let items: Vec<String> = listed
            .names
            .iter()
            .map(|(t, _)| format!("「{t}」"))
            .collect();
        let sum = if parts.len() > 1 {
            format!("({}相加)", parts.join("、"))
        } else {
            String::new()
        };
        let words_text: Vec<&str> = words.names.iter().map(|w| w.text.as_str()).collect();
        let mut d = Diagnostic::error(
            codes::ENUMERATION_COUNT,
            format!(
                "{}的列举词「{}」说有{total}项{sum},但{}{n}项{}",
                listed.owner,
                words_text.join("、"),
                listed.what,
                if items.is_empty() {
                    String::new()
                } else {
                    format!(":{}", items.join("、"))
                }
            ),
        )
        .primary(cx.file, words.span, format!("说有{total}项"));
        for (k, (_, span)) in listed.names.iter().enumerate().take(MAX_ITEM_LABELS) {
            d = d.secondary(cx.file, *span, format!("第{}项", k + 1));
        }
        if listed.names.len() > MAX_ITEM_LABELS {
            d = d.note(format!(
                "另有{}项未标出",
                listed.names.len() - MAX_ITEM_LABELS
            ));
        }
        d = d.help(if n < total {
            format!("补上漏列的{}项,或改正列举词的数目", total - n)
        } else {
            format!(
                "核对多出的{}项是否属于这个列举,或改正列举词的数目",
                n - total
            )
        });
        out.push(d);
    }
}

/// How many items a ZC0205 labels one by one.
const MAX_ITEM_LABELS: usize = 12;

fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '0'..='9'
            | '０'..='９'
            | '零'
            | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
    )
}

/// The number of items an enumeration word states: its first number plus every later number
/// (two or more) that starts a group. `None` when it states none.
pub(crate) fn word_count(word: &str) -> Option<u32> {
    let chars: Vec<char> = word
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '「' | '」' | '‘' | '’'))
        .collect();
    let mut total = 0u32;
    let mut any = false;
    let mut i = 0;
    while i < chars.len() {
        if !is_numeral(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_numeral(chars[i]) {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let Some(n) = small_number(&run) else {
            // 十三五: not a count; a word whose first number cannot be read states none.
            if start == 0 {
                return None;
            }
            continue;
        };
        // A later 一 belongs to a noun: 五个一批, 一户一档.
        if start > 0 && n < 2 {
            continue;
        }
        total += n;
        any = true;
    }
    any.then_some(total)
}

/// A whole number from 1 to 999 written in digits or Chinese numerals.
fn small_number(run: &str) -> Option<u32> {
    let n = lexical::parse_numeral(run).ok()?;
    if n.percent || !n.scale.is_one() || !n.value.fract().is_zero() {
        return None;
    }
    let v = n.value.to_u32()?;
    (1..1000).contains(&v).then_some(v)
}

// ───────────── inline lists in 原文 ─────────────

/// Measure words a count takes in an enumeration (六个精准, 五大项目, 三条红线, 八类问题).
const CLASSIFIERS: &[&str] = &["方面", "个", "大", "项", "条", "类", "种", "批", "件"];

/// Words between an enumeration and its list, after the head noun: 即, 包括, 分别是.
const INTRODUCERS: &[&str] = &["分别是", "分别为", "包括", "即"];

/// Conjunctions that may join the last two items of a list.
const LAST_JOINERS: &[&str] = &["以及", "和", "及", "与"];

/// How far from its word a list is looked for (characters): a list runs to the end of one
/// sentence, and the bound keeps a long quote with many numbers linear to scan.
const MAX_LIST_CHARS: usize = 600;

/// A list found in a quote: its items and where they are.
struct Inline {
    word: String,
    stated: u32,
    word_span: Span,
    items: Vec<String>,
    list_span: Span,
    /// The list ends in 等 before the word (may be a sample).
    open: bool,
}

fn inline(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    // One report per quoted text, however many items quote it. A text is only remembered once it
    // has an enumeration word: most have none, and the check runs on every edit.
    let mut seen: super::Table<()> = super::Table::default();
    for q in super::quotes(cx.doc) {
        let found = scan(&q.text, q.span.start);
        if found.is_empty() || seen.contains_key(&q.text) {
            continue;
        }
        seen.add(&q.text, ());
        for found in found {
            if let Some(d) = judge_inline(cx, &found) {
                out.push(d);
            }
        }
    }
}

fn judge_inline(cx: &DocCtx, f: &Inline) -> Option<Diagnostic> {
    let n = f.items.len() as u32;
    let joined = f
        .items
        .last()
        .is_some_and(|last| LAST_JOINERS.iter().any(|j| last.contains(j)));
    let counts = if joined { vec![n, n + 1] } else { vec![n] };
    if counts.contains(&f.stated) || (f.open && counts.iter().all(|c| *c < f.stated)) {
        return None;
    }
    let shown: Vec<String> = f.items.iter().map(|t| format!("「{t}」")).collect();
    let count_text = if joined {
        format!("{n}项(末项按连词拆开为{}项)", n + 1)
    } else {
        format!("{n}项")
    };
    let mut d = Diagnostic::error(
        codes::ENUMERATION_COUNT,
        format!(
            "原文中「{}」说有{}项,但所列为{count_text}:{}",
            f.word,
            f.stated,
            shown.join("、")
        ),
    )
    .primary(cx.file, f.word_span, format!("说有{}项", f.stated))
    .secondary(cx.file, f.list_span, format!("列出{count_text}"))
    .note("按「、」分项(没有「、」时按「，」);末项中的和、及、与可作一项也可作两项,两种数法都不相符才报告");
    if f.open {
        d = d.note("列表以「等」结尾,所列可以少于所说,但不能多于所说");
    }
    Some(
        d.help("若原始文件如此,这是原文的问题(照原文编码,不要修改引文);起草时让数目与所列的项一致"),
    )
}

/// Every enumeration word in `text` with the inline list it introduces or closes.
fn scan(text: &str, base: usize) -> Vec<Inline> {
    // Most quotes have no number followed by a classifier: say so without collecting the chars.
    let mut numeral_before = false;
    let maybe = text.char_indices().any(|(i, c)| {
        let after_number = numeral_before && !is_numeral(c);
        numeral_before = is_numeral(c);
        after_number && CLASSIFIERS.iter().any(|w| text[i..].starts_with(w))
    });
    if !maybe {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if !is_numeral(c) || (i > 0 && is_numeral(chars[i - 1].1)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < chars.len() && is_numeral(chars[j].1) {
            j += 1;
        }
        i = j;
        let run: String = chars[start..j].iter().map(|x| x.1).collect();
        let Some(stated) = small_number(&run).filter(|n| *n >= 2) else {
            continue;
        };
        let rest = &text[chars.get(j).map_or(text.len(), |x| x.0)..];
        let Some(classifier) = CLASSIFIERS.iter().find(|w| rest.starts_with(**w)) else {
            continue;
        };
        if start > 0 && !may_precede_count(chars[start - 1].1) {
            continue;
        }
        let after_classifier = j + classifier.chars().count();
        let at = |k: usize| chars.get(k).map_or(text.len(), |x| x.0);
        if let Some(found) = forward(text, &chars, start, after_classifier, stated, base) {
            out.push(found);
            continue;
        }
        if let Some((items, list_start, open)) = backward(text, &chars, start) {
            out.push(Inline {
                word: text[at(start)..at(after_classifier)].to_string(),
                stated,
                word_span: Span::new(base + at(start), base + at(after_classifier)),
                items,
                list_span: Span::new(base + list_start, base + at(start)),
                open,
            });
        }
    }
    out
}

/// A count may follow a noun or a quotation mark, not a date, a range or an ordinal.
fn may_precede_count(c: char) -> bool {
    let excluded = "年月日号至到第约近共计达为有超过余前后每之-—~～.．/%：:";
    !excluded.contains(c)
}

/// 六个精准:扶持对象精准、… — the word, its head noun, a colon or 即, a list to the sentence's end.
fn forward(
    text: &str,
    chars: &[(usize, char)],
    start: usize,
    after_classifier: usize,
    stated: u32,
    base: usize,
) -> Option<Inline> {
    let at = |k: usize| chars.get(k).map_or(text.len(), |x| x.0);
    // The head noun: ideographs up to a separator, at most ten.
    let mut k = after_classifier;
    while k < chars.len() && k - after_classifier <= 10 && is_ideograph(chars[k].1) {
        k += 1;
    }
    let mut word_end = k;
    let head: String = chars[after_classifier..k].iter().map(|x| x.1).collect();
    let mut introduced = false;
    for w in INTRODUCERS {
        if head.ends_with(w) {
            word_end = k - w.chars().count();
            introduced = true;
            break;
        }
    }
    if chars.get(k).is_some_and(|x| x.1 == '”') {
        k += 1;
    }
    // 三个衔接，一是…；二是…；三是…。: the items are numbered with 一是, 二是, ….
    {
        let mut m = k;
        if chars
            .get(m)
            .is_some_and(|x| matches!(x.1, '，' | ',' | '：' | ':'))
        {
            m += 1;
        }
        if let Some((items, list_end)) = numbered_items(text, chars, m) {
            return Some(Inline {
                word: text[at(start)..at(word_end)].to_string(),
                stated,
                word_span: Span::new(base + at(start), base + at(word_end)),
                items,
                list_span: Span::new(base + at(m), base + at(list_end)),
                open: false,
            });
        }
    }
    if !introduced {
        // ，即：/ ,即 after the head.
        if chars.get(k).is_some_and(|x| matches!(x.1, '，' | ',')) {
            let rest: String = chars[k + 1..].iter().take(4).map(|x| x.1).collect();
            if let Some(w) = INTRODUCERS.iter().find(|w| rest.starts_with(**w)) {
                k += 1 + w.chars().count();
                introduced = true;
            }
        }
    }
    let colon = chars.get(k).is_some_and(|x| matches!(x.1, '：' | ':'));
    if colon {
        k += 1;
    }
    if !(colon || introduced) {
        return None;
    }
    // The list: to the end of the sentence, which must be in the quote (a quote cut short lists
    // too few).
    let list_start = k;
    let end = (k..chars.len().min(k + MAX_LIST_CHARS))
        .find(|&e| matches!(chars[e].1, '。' | '；' | ';' | '！' | '?' | '？'))?;
    let segment = &text[at(list_start)..at(end)];
    if starts_numbered(segment) {
        return None;
    }
    let (items, open) = split_items(segment)?;
    Some(Inline {
        word: text[at(start)..at(word_end)].to_string(),
        stated,
        word_span: Span::new(base + at(start), base + at(word_end)),
        items,
        list_span: Span::new(base + at(list_start), base + at(end)),
        open,
    })
}

/// 对象、目标、…、保障“六个精准” — the list before the word, back to the clause's start.
fn backward(
    text: &str,
    chars: &[(usize, char)],
    start: usize,
) -> Option<(Vec<String>, usize, bool)> {
    let at = |k: usize| chars.get(k).map_or(text.len(), |x| x.0);
    let mut e = start;
    if e > 0 && matches!(chars[e - 1].1, '“' | '"' | '「') {
        e -= 1;
    }
    let mut open = false;
    if e > 0 && chars[e - 1].1 == '等' {
        e -= 1;
        open = true;
    }
    // The word is itself the last item (…、自然禀赋和“五大发展”理念).
    let before: String = chars[..e].iter().rev().take(2).map(|x| x.1).collect();
    if LAST_JOINERS
        .iter()
        .any(|j| before.starts_with(&j.chars().rev().collect::<String>()))
        || (e > 0 && chars[e - 1].1 == '、')
    {
        return None;
    }
    let s = (e.saturating_sub(MAX_LIST_CHARS)..e)
        .rev()
        .find(|&k| "，,。；;：:！？?\n（(）)".contains(chars[k].1))
        .map_or(0, |k| k + 1);
    let segment = &text[at(s)..at(e)];
    if !segment.contains('、') {
        return None;
    }
    let (items, list_open) = split_items(segment)?;
    // Two phrases before a count are as often two verbs of one object (全力推进、精准实施…八大
    // 工程) as a list; three or more are a list.
    if items.len() < 3 {
        return None;
    }
    Some((items, at(s), open || list_open))
}

/// Splits a list by 、 (by ，when it has none). `None` when it is not a list of words: fewer
/// than two items, or numbers in the items (a breakdown such as 2017年14个、2018年17个).
fn split_items(segment: &str) -> Option<(Vec<String>, bool)> {
    let sep: &[char] = if segment.contains('、') {
        &['、']
    } else {
        &['，', ',']
    };
    let mut items: Vec<String> = segment
        .split(sep)
        .map(|s| {
            s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() < 2
        || items.iter().any(|s| {
            s.chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        })
    {
        return None;
    }
    let mut open = false;
    if let Some(last) = items.last_mut() {
        for tail in ["等等", "等"] {
            if let Some(stripped) = last.strip_suffix(tail) {
                *last = stripped.to_string();
                open = true;
                break;
            }
        }
    }
    Some((items, open))
}

/// Items numbered 一是, 二是, … from `from`: each item's text up to the next number, the last up
/// to the end of its sentence, which must be in the quote. `None` unless the text starts with 一是.
fn numbered_items(
    text: &str,
    chars: &[(usize, char)],
    from: usize,
) -> Option<(Vec<String>, usize)> {
    const ORDINALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let at = |k: usize| chars.get(k).map_or(text.len(), |x| x.0);
    let marker = |k: usize, n: usize| -> bool {
        n < ORDINALS.len() && text[at(k)..].starts_with(&format!("{}是", ORDINALS[n]))
    };
    if !marker(from, 0) {
        return None;
    }
    let mut starts = vec![from];
    let mut k = from + 2;
    let limit = chars.len().min(from + MAX_LIST_CHARS);
    while k < limit {
        if marker(k, starts.len()) && k > 0 && "，,；;。：:\n ".contains(chars[k - 1].1) {
            starts.push(k);
            k += 2;
        } else {
            k += 1;
        }
    }
    let last = *starts.last()?;
    let end = (last..limit).find(|&e| chars[e].1 == '。')?;
    let mut items = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let e = starts.get(n + 1).copied().unwrap_or(end);
        items.push(
            text[at(s)..at(e)]
                .trim_end_matches(['，', ',', '；', ';', '。'])
                .to_string(),
        );
    }
    Some((items, end))
}

/// A list of numbered paragraphs ((一)…, 1.…, 一是…) is counted by its numbers, not here.
fn starts_numbered(segment: &str) -> bool {
    let s = segment.trim_start();
    s.starts_with(['(', '（', '①'])
        || s.starts_with("一是")
        || s.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::checked;

    fn run(src: &str) -> Vec<(String, String)> {
        checked(src, |c| matches!(c, "ZC0205" | "ZC0206"))
    }

    fn found(text: &str) -> Vec<(u32, usize)> {
        scan(text, 0)
            .into_iter()
            .map(|f| (f.stated, f.items.len()))
            .collect()
    }

    #[test]
    fn words_count_their_groups() {
        assert_eq!(word_count("五个一批"), Some(5));
        assert_eq!(word_count("“六个精准”"), Some(6));
        assert_eq!(word_count("两不愁三保障"), Some(5));
        assert_eq!(word_count("一达标两不愁三保障"), Some(6));
        assert_eq!(word_count("3项措施"), Some(3));
        assert_eq!(word_count("十三五"), None);
        assert_eq!(word_count("脱贫攻坚"), None);
    }

    #[test]
    fn inline_lists_of_the_seeds_agree() {
        // 湖北, 甘肃, 山西 (seeds 000–002): each list has the count its word states.
        for text in [
            "确定房县、保康县、丹江口市、竹山县、巴东县、五峰县、竹溪县、郧西县、英山县等9个深度贫困县。",
            "严守人均建设面积不超过25平方米、不因建房而举债、建新房必须拆旧房三条红线",
            "联动实施退耕还林还草、荒山绿化、森林管护、森林质量提升和特色林产业五大项目",
            "做到对象、目标、内容、方式、考评、保障“六个精准”,真扶贫",
            "积极推进创新、协调、绿色、开放、共享、廉洁和安全六大发展",
            "综合考虑贫困程度、贫困发生率、自然禀赋和“五大发展”理念引领下的新优势",
            "贫困县摘帽2017年14个、2018年17个、2019年27个。",
            "做到帮扶对象、帮扶责任人、帮扶任务、帮扶措施和帮扶效果“五个落实”。",
            "考核采用百分制,包括以下4项内容:(一)平时考核(10分)。",
            "全力推进、精准实施脱贫攻坚八大工程二十个专项行动。",
        ] {
            for f in scan(text, 0) {
                let n = f.items.len() as u32;
                let joined = f.items.last().is_some_and(|l| LAST_JOINERS.iter().any(|j| l.contains(j)));
                assert!(
                    n == f.stated || (joined && n + 1 == f.stated) || (f.open && n < f.stated),
                    "{text}: {} items for {}",
                    n,
                    f.stated
                );
            }
        }
    }

    #[test]
    fn inline_lists_forward_and_backward() {
        assert_eq!(
            found("全镇计划出列贫困村3个,即:中山村、六路村、力木村。"),
            [(3, 3)]
        );
        assert_eq!(found("要做好三个衔接,一是做好与贫困村退出相衔接;二是做好与搬迁的衔接;三是做好与系统的衔接。"), [(3, 3)]);
        assert_eq!(found("要做好四个衔接,一是甲;二是乙;三是丙。"), [(4, 3)]);
        // The sentence of the last item must end in the quote.
        assert!(found("要做好三个衔接,一是甲;二是乙;三是丙").is_empty());
        assert_eq!(found("坚持“六个精准”:扶持对象精准、项目安排精准、资金使用精准、措施到户精准、脱贫成效精准。"), [(6, 5)]);
        assert_eq!(
            found("形成五大问题清单,清单具体包括:安全饮水问题;道路问题。"),
            Vec::<(u32, usize)>::new()
        );
        assert_eq!(found("大力实施产业发展、易地搬迁、危房改造、教育支持、生态扶贫、创业就业、健康扶贫“七个一批”"), [(7, 7)]);
        // A quote cut before the sentence ends lists nothing.
        assert!(found("“六个精准”:扶持对象精准、项目安排精准").is_empty());
    }

    #[test]
    fn a_short_list_in_a_quote_is_reported() {
        let src = "措施 甲 { 原文：“坚持“六个精准”:扶持对象精准、项目安排精准、资金使用精准、措施到户精准、脱贫成效精准。” }\n";
        let got = run(src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.contains("说有6项,但所列为5项"), "{}", got[0].1);
    }

    #[test]
    fn linked_words_count_nested_items() {
        let ok = "措施 实施五个一批 {\n 列举：五个一批\n 措施 发展生产脱贫一批\n 措施 易地搬迁脱贫一批\n 措施 生态补偿脱贫一批\n 措施 发展教育脱贫一批\n 措施 社会保障兜底一批\n}\n";
        assert!(run(ok).is_empty(), "{:?}", run(ok));
        let short = "措施 落实 {\n 列举：两不愁、三保障\n 措施 不愁吃\n 措施 不愁穿\n 措施 义务教育有保障\n 措施 基本医疗有保障\n}\n";
        let got = run(short);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0]
                .1
                .contains("说有5项(「两不愁」2项、「三保障」3项相加),但其下列出4项"),
            "{}",
            got[0].1
        );
        let scope = "范围 甲 {\n 成员：A、B\n 列举：三个重点\n}\n";
        assert_eq!(run(scope).len(), 1);
        let bad = "措施 甲 { 列举：十三五 }\n";
        assert_eq!(run(bad)[0].0, "ZC0206");
    }
}
