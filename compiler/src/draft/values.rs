//! Numbers, units, dates, deadlines and windows found in running text by the language's own
//! grammar: the draft tries the grammar's rules (`quantity`, `bounded_qty`, `change`, `date`,
//! `deadline`, `window`) where a number starts and reads the numerals and units with
//! `lexical`, so what the draft writes is what the parser reads back, and there is no second
//! number parser to keep in step.
//!
//! Every rule is tried on a short window of text after the position (a value is a few dozen
//! bytes), so the cost of a scan is linear in the length of the text.

use pest::iterators::Pair;
use pest::Parser;
use zhengce_runtime::{Unit, UnitAtom};

use super::text::Range;
use crate::grammar::{Rule, ZhengceParser};
use crate::lexical;

/// Bytes after a position that a rule is tried on: longer than any value the draft reads.
const WINDOW: usize = 120;

/// What `rule` reads from `at` in `s`: the end (a byte offset of `s`) and the pair. One function
/// for every rule, not one per caller (the browser's wasm holds it once).
#[inline(never)]
fn pair_at(rule: Rule, s: &str, at: usize) -> Option<(usize, Pair<'_, Rule>)> {
    let end = crate::position::floor_char_boundary(s, at.saturating_add(WINDOW));
    let window = s.get(at..end)?;
    let pair = ZhengceParser::parse(rule, window).ok()?.next()?;
    let len = pair.as_span().end();
    (len > 0).then_some((at + len, pair))
}

/// Whether `rule` reads all of `s`, however long (a 原文 may be a long sentence).
#[inline(never)]
pub(super) fn reads_long(rule: Rule, s: &str) -> bool {
    ZhengceParser::parse(rule, s)
        .ok()
        .and_then(|mut p| p.next())
        .is_some_and(|p| p.as_span().end() == s.len())
}

/// The end of what `rule` reads from `at` in `s`.
#[inline(never)]
pub(super) fn match_end(rule: Rule, s: &str, at: usize) -> Option<usize> {
    pair_at(rule, s, at).map(|(end, _)| end)
}

/// Whether `rule` reads all of `s`: how the draft makes sure every value it writes parses.
#[inline(never)]
pub(super) fn reads(rule: Rule, s: &str) -> bool {
    if s.is_empty() || s.len() > 4 * WINDOW {
        return false;
    }
    ZhengceParser::parse(rule, s)
        .ok()
        .and_then(|mut p| p.next())
        .is_some_and(|p| p.as_span().end() == s.len())
}

fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_number_char(c: char) -> bool {
    is_arabic(c) || lexical::is_chinese_numeral(c) || matches!(c, '.' | '．' | '万' | '亿' | '点')
}

/// Byte offsets in `r` where a number may start: a digit (or 百分之) that does not continue a
/// number.
fn number_starts(src: &str, r: Range) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in src[r.start..r.end].char_indices() {
        let at = r.start + i;
        let continues = prev.is_some_and(is_number_char);
        if !continues && (is_arabic(c) || lexical::is_chinese_numeral(c)) {
            out.push(at);
        }
        prev = Some(c);
    }
    out
}

/// A date in the text.
#[derive(Clone, Debug)]
pub(super) struct DateHit {
    pub range: Range,
    /// As a clause writes it: the source's text without spaces inside it.
    pub text: String,
    /// A year alone (2020年, not 2020年5月 or 2020年底).
    pub year_only: bool,
    /// Names a month (5月底, 2018年6月10日), not only a year (2020年, 2019年底).
    pub has_month: bool,
}

/// A number with its unit, and the words around it that the grammar reads with it.
#[derive(Clone, Debug)]
pub(super) struct Qty {
    /// The whole expression in the source: comparators, 每…, 由…提高到….
    pub range: Range,
    /// The numeral and unit alone.
    pub core: Range,
    /// The text a clause can hold: the source's words, with the unit completed where the text
    /// puts a noun between the classifier and it (507个深度贫困村 → 507个村).
    pub value: String,
    /// The numeral and unit alone, as a clause writes them (with the unit completed).
    pub core_value: String,
    pub unit: Option<Unit>,
    /// 每人每年, 元/人/年: an amount per unit.
    pub per: bool,
    /// 由…提高到…, 200元-2000元.
    pub changes: bool,
}

impl Qty {
    pub fn atom(&self) -> Option<UnitAtom> {
        self.unit.as_ref().map(|u| u.atom)
    }

    pub fn money(&self) -> bool {
        self.atom() == Some(UnitAtom::Yuan)
    }
}

/// Dates and quantities of a stretch of text, in order.
#[derive(Default, Debug)]
pub(super) struct Found {
    pub dates: Vec<DateHit>,
    pub quantities: Vec<Qty>,
}

/// Scans `r` for dates and quantities.
pub(super) fn scan(src: &str, r: Range) -> Found {
    let mut found = Found::default();
    let mut skip_to = r.start;
    for at in number_starts(src, r) {
        if at < skip_to {
            continue;
        }
        if let Some(d) = date_at(src, r, at) {
            skip_to = d.range.end;
            found.dates.push(d);
            continue;
        }
        if let Some(mut q) = quantity_at(src, r, at) {
            // The words a number reaches back for (由…, 每…, 不低于) may belong to the number
            // before it: then this one is read alone, so no two quantities overlap.
            let prev_end = found
                .quantities
                .last()
                .map_or(r.start, |p: &Qty| p.range.end);
            if q.range.start < prev_end {
                q.range = q.core;
                q.value = q.core_value.clone();
                q.changes = false;
                q.per = q.unit.as_ref().is_some_and(|u| !u.per.is_empty());
            }
            skip_to = q.range.end;
            found.quantities.push(q);
        }
    }
    found
}

/// The text from `at` to the end of `r` (at most a window of it) without the spaces that text
/// extracted from PDF puts inside dates (2019 年1月 25 日), and for each byte of it the offset in
/// `src` just after it.
fn compact(src: &str, r: Range, at: usize) -> (String, Vec<usize>) {
    let end = crate::position::floor_char_boundary(src, at.saturating_add(WINDOW)).min(r.end);
    let mut text = String::new();
    let mut ends = Vec::new();
    for (i, c) in src[at..end].char_indices() {
        if c == ' ' || c == '\u{3000}' {
            continue;
        }
        text.push(c);
        ends.extend(std::iter::repeat_n(at + i + c.len_utf8(), c.len_utf8()));
    }
    (text, ends)
}

fn date_at(src: &str, r: Range, at: usize) -> Option<DateHit> {
    let (s, ends) = compact(src, r, at);
    let (len, p) = pair_at(Rule::date, &s, 0)?;
    let mut year = None;
    let mut month = false;
    for q in p.into_inner().flatten() {
        match q.as_rule() {
            Rule::year => year = lexical::parse_year(q.as_str()).ok(),
            Rule::month | Rule::this_month => month = true,
            _ => {}
        }
    }
    let text = &s[..len];
    let end = *ends.get(len.checked_sub(1)?)?;
    // A bare day (10日) or a number of years (3年) is no date.
    if year.is_none() && !month {
        return None;
    }
    if year.is_some_and(|y| !(1900..=2100).contains(&y)) {
        return None;
    }
    Some(DateHit {
        range: Range { start: at, end },
        text: text.to_string(),
        year_only: year.is_some() && !month && !text.contains(&['底', '末', '初'][..]),
        has_month: month,
    })
}

/// Words that may stand before a number as part of an amount: aspiration, comparators, 每….
const PREFIX_WORDS: &[&str] = &[
    "力争",
    "确保",
    "约",
    "最多不超过",
    "不低于",
    "不少于",
    "不小于",
    "不高于",
    "不超过",
    "不多于",
    "不大于",
    "至少",
    "最少",
    "最多",
    "低于",
    "少于",
    "高于",
    "多于",
    "超过",
    "大于",
    "小于",
    "达到",
    "不足",
    "不满",
    "接近",
    "近",
    "每",
];

fn quantity_at(src: &str, r: Range, at: usize) -> Option<Qty> {
    let s = &src[..r.end];
    let (mut core_end, p) = pair_at(Rule::quantity, s, at)?;
    let mut number = String::new();
    let mut unit_text = None;
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::number => number = q.as_str().to_string(),
            Rule::unit => unit_text = Some(q.as_str().to_string()),
            _ => {}
        }
    }
    // 8个省级贫困县: a word before 级 names the level of the noun, not what is counted (个省);
    // the count is of the noun's head, read below.
    if let Some(modifier) = unit_text
        .as_deref()
        .and_then(|u| u.strip_prefix('个'))
        .map(str::len)
    {
        if modifier > 0 && src[core_end..r.end].starts_with('级') {
            core_end -= modifier;
            unit_text = Some("个".to_string());
        }
    }
    let numeral = lexical::parse_numeral(&number).ok()?;
    let first = number.chars().next()?;
    // Chinese numerals are words too (一户一策, 三保障): only counts from two up, with a unit,
    // or 一 after 至少 (至少有一人) or before 以上.
    let one_counted = {
        let before = &src[r.start..at];
        super::text::ends_with_any(before, &["至少", "不少于", "最少", "至少有", "确保"])
            || src[core_end..r.end].starts_with("以上")
    };
    if lexical::is_chinese_numeral(first)
        && (unit_text.is_none() || numeral.value < 2.into() && !one_counted)
    {
        return None;
    }
    if let Some(u) = &unit_text {
        // 2017年 is a year, 5月 and 10日 are dates; 3年, 6个月 and 45天 are lengths.
        let is_year = u == "年" && number.chars().filter(|c| is_arabic(*c)).count() == 4;
        if is_year || u == "月" || u == "日" || u == "分" {
            return None;
        }
    }
    let core = Range {
        start: at,
        end: core_end,
    };
    // A number with no unit, or with the classifier 个 alone, takes the unit of the noun after
    // it (232万农村贫困人口 → 人, 507个深度贫困村 → 村).
    let mut fixed = None;
    if numeral.percent {
        // 百分之二十 carries its own unit.
    } else if unit_text.is_none() || unit_text.as_deref() == Some("个") {
        if let Some(word) = noun_unit(&src[core_end..r.end]) {
            fixed = Some(word);
            unit_text = Some(word.to_string());
        }
    }
    let unit = match &unit_text {
        Some(u) => Some(lexical::parse_unit(u).ok()?),
        None if numeral.percent => Some(Unit::of(UnitAtom::Percent)),
        None => None,
    };
    let core_text = match fixed {
        Some(word) => format!("{number}{word}"),
        None => src[at..core_end].to_string(),
    };
    let mut qty = Qty {
        range: core,
        core,
        value: core_text.clone(),
        core_value: core_text.clone(),
        per: unit.as_ref().is_some_and(|u| !u.per.is_empty()),
        unit,
        changes: false,
    };
    extend(src, r, &mut qty, &core_text);
    Some(qty)
}

/// The unit a noun after a bare number or 个 names (232万农村贫困人口 → 人, 507个深度贫困村 →
/// 个村): the first of 人口, 乡镇, 村, 县, 户, 人 within a few characters that is the head of the
/// noun rather than part of a longer word (农村, 乡村, 县级, 人均, 户籍).
fn noun_unit(after: &str) -> Option<&'static str> {
    let head: String = after
        .chars()
        .take_while(|&c| super::text::is_ideograph(c))
        .take(8)
        .collect();
    let mut best: Option<(usize, &'static str)> = None;
    for (word, unit) in [
        ("人口", "人"),
        ("乡镇", "个乡镇"),
        ("村", "个村"),
        ("县", "个县"),
        ("户", "户"),
        ("人", "人"),
        ("项目", "个项"),
    ] {
        let Some(i) = head.find(word) else {
            continue;
        };
        let prev = head[..i].chars().next_back();
        let rest = &head[i + word.len()..];
        // A noun goes on after the unit word (驻村工作队, 乡镇卫生院): the head is further on.
        let goes_on = rest.starts_with(
            &[
                '工', '卫', '干', '委', '民', '集', '组', '小', '医', '学', '企', '合', '互', '帮',
                '单',
            ][..],
        );
        let part_of_word = goes_on
            || match word {
                "村" => matches!(prev, Some('农' | '乡' | '驻')),
                "县" => rest.starts_with(&['级', '城', '域', '委', '长'][..]),
                "人" => {
                    rest.starts_with(&['均', '员', '民', '大', '次', '力', '才', '事', '社'][..])
                }
                "户" => rest.starts_with(&['籍', '口'][..]),
                "项目" => rest.starts_with(&['资', '库', '区', '管'][..]),
                _ => false,
            };
        if !part_of_word && best.is_none_or(|(b, _)| i < b) {
            best = Some((i, unit));
        }
    }
    best.map(|(_, unit)| unit)
}

/// 每个深度贫困村至少扶持发展一个 → 每村至少1个, 每个深度贫困县每年…不低于1亿元 → 每县每年不低于
/// 1亿元: a figure stated for each place or household (每个 + a noun whose head is a unit word,
/// see [`noun_unit`]), with the 每年/每月 and the comparator the clause puts between.
#[inline(never)]
pub(super) fn per_entity(src: &str, clause: Range, q: &Qty) -> Option<String> {
    if q.per {
        return None;
    }
    let before = &src[clause.start..q.range.start];
    let i = before.rfind("每个").or_else(|| before.rfind("每一个"))?;
    let after_each = before[i..]
        .trim_start_matches("每一个")
        .trim_start_matches("每个");
    let unit = noun_unit(after_each)?.trim_start_matches('个');
    let times: String = ["每年", "每月"]
        .iter()
        .filter(|w| after_each.contains(**w))
        .copied()
        .collect();
    let cmp = ["至少", "不少于", "不低于", "最多不超过", "不超过", "最多"]
        .iter()
        .find(|w| after_each.contains(**w))
        .copied()
        .unwrap_or("");
    Some(if q.value == q.core_value {
        format!("每{unit}{times}{cmp}{}", q.core_value)
    } else {
        format!("每{unit}{times}{}", q.value)
    })
}

/// Widens a quantity to the comparators and 每… before it, the 以上/左右 after it, a range
/// (200元-2000元) or a change (由3000元提高到5000元) it is part of.
fn extend(src: &str, r: Range, q: &mut Qty, core_text: &str) {
    let s = &src[..r.end];
    // Prefix words are at most a few words back: only that much is looked at, so that a long
    // sentence with many numbers costs no more per number than a short one.
    let from =
        crate::position::floor_char_boundary(src, q.core.start.saturating_sub(36)).max(r.start);
    let before = &src[from..q.core.start];
    // 由…提高到….
    if let Some(i) = before.rfind('由') {
        let at = from + i;
        {
            if let Some(end) = match_end(Rule::change, s, at) {
                if end > q.core.start {
                    set(src, q, at, end, true);
                    return;
                }
            }
        }
    }
    if let Some(end) = match_end(Rule::qty_range, s, q.core.start) {
        if end > q.core.end {
            set(src, q, q.core.start, end, true);
            return;
        }
    }
    // The farthest start of a prefix word (每人每年不低于…) from which the grammar reads an
    // amount through this number.
    let mut best: Option<(usize, usize)> = None;
    for p in before.char_indices().map(|(i, _)| from + i) {
        let head = &src[p..q.core.start];
        if !super::text::starts_with_any(head, PREFIX_WORDS) {
            continue;
        }
        if let Some(end) = match_end(Rule::bounded_qty, s, p) {
            if end >= q.core.end {
                best = Some((p, end));
                break;
            }
        }
    }
    let (start, end) = best.unwrap_or((q.core.start, q.core.end));
    // The suffix the grammar reads after the number (以上, 左右), found from the core itself when
    // no prefix applies.
    let end = match match_end(Rule::bounded_qty, s, q.core.start) {
        Some(e) if best.is_none() && e > end => e,
        _ => end,
    };
    // The grammar reads the level word back in as a unit (8个省 of 8个省级贫困县): not a suffix.
    let end = if end > q.core.end && src[end..].starts_with('级') {
        q.core.end
    } else {
        end
    };
    let prefix = &src[start..q.core.start];
    let suffix = &src[q.core.end..end];
    q.range = Range { start, end };
    q.per |= prefix.contains('每');
    q.value = format!("{prefix}{core_text}{suffix}");
}

fn set(src: &str, q: &mut Qty, start: usize, end: usize, changes: bool) {
    q.range = Range { start, end };
    q.value = src[start..end].to_string();
    q.changes = changes;
}

/// Where a date stands in its sentence: as a deadline (6月10日前, 到2020年, 2019年底完成), the start
/// or end of a span (从2015年起, 2018-2020年), a base year (比2014年), or just a date (2016年全市…,
/// a year the figures belong to). `achieved`: words between the date and what it dates say
/// something is reached (2017年全省…入园率达到70%), which makes a bare year a deadline too.
#[inline(never)]
pub(super) fn deadline_text(
    src: &str,
    sentence: Range,
    d: &DateHit,
    achieved: bool,
) -> Option<String> {
    let date = d.text.as_str();
    let before = &src[sentence.start..d.range.start];
    let after = &src[d.range.end..sentence.end];
    let prev = before.chars().next_back();
    if matches!(
        prev,
        Some('从' | '自' | '比' | '较' | '与' | '-' | '－' | '—' | '~' | '～' | '至')
    ) || before.ends_with("截至")
        || before.ends_with("截止")
        || after.starts_with(&['起', '-', '－', '—', '~', '～', '至', '以'][..])
        || after.starts_with("开始")
        || after.starts_with("到")
    {
        return None;
    }
    let mut text = None;
    for b in ["之前", "以前", "前"] {
        if after.starts_with(b) {
            text = Some(format!("{date}{b}"));
            break;
        }
    }
    if text.is_none() {
        let by = matches!(prev, Some('到' | '于' | '在'))
            || before.ends_with("力争")
            || super::text::starts_with_any(
                after,
                &[
                    "完成",
                    "实现",
                    "全面完成",
                    "全部完成",
                    "基本完成",
                    "达到",
                    "建成",
                ],
            );
        if by || achieved {
            text = Some(date.to_string());
        }
    }
    text.filter(|t| reads(Rule::deadline, t))
}

/// Whether a date ends its phrase (2019年, / 2019年全面完成) rather than naming the year of the
/// noun after it (2019年减贫目标任务).
#[inline(never)]
pub(super) fn ends_phrase(src: &str, d: &DateHit) -> bool {
    let after = &src[d.range.end..];
    after.is_empty()
        || after.starts_with(&['，', ',', '、', '。', '；', ';', ':', '：', '前', '底'][..])
        || super::text::starts_with_any(
            after,
            &[
                "实现", "完成", "达到", "全面", "基本", "全部", "建成", "确保", "力争", "累计",
                "要", "将", "再", "之前", "以前",
            ],
        )
}

/// The date windows of `r` (4月24日~5月1日, 从5月2日开始, 2018年5月6至5月9日), in order.
pub(super) fn windows(src: &str, r: Range) -> Vec<(Range, String)> {
    let mut out = Vec::new();
    let mut skip_to = r.start;
    let s = &src[..r.end];
    for at in number_starts(src, r) {
        if at < skip_to {
            continue;
        }
        // 从/自 before the date belongs to the window.
        let from = src[r.start..at]
            .chars()
            .next_back()
            .filter(|c| matches!(c, '从' | '自'))
            .map_or(at, |c| at - c.len_utf8());
        for start in [from, at] {
            if let Some(end) = match_end(Rule::window, s, start) {
                let text = &src[start..end];
                // A window needs a month: 2018-2020年 is a period of years.
                if text.contains('月') {
                    out.push((Range { start, end }, text.to_string()));
                    skip_to = end;
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &str) -> Vec<String> {
        scan(
            s,
            Range {
                start: 0,
                end: s.len(),
            },
        )
        .quantities
        .into_iter()
        .map(|q| q.value)
        .collect()
    }

    #[test]
    fn quantities_with_their_words() {
        assert_eq!(values("确保新改建农村公路12000公里以上"), ["12000公里以上"]);
        assert_eq!(
            values("按照每人每年不低于200元的标准"),
            ["每人每年不低于200元"]
        );
        assert_eq!(
            values("补助标准由3000元提高到5000元。"),
            ["由3000元提高到5000元"]
        );
        assert_eq!(values("给予200元-2000元职业培训补贴"), ["200元-2000元"]);
        assert_eq!(values("507个深度贫困村全部出列"), ["507个村"]);
        assert_eq!(
            values("确保现行标准下232万农村贫困人口实现脱贫"),
            ["232万人"]
        );
        assert_eq!(values("学前教育毛入园率达到80%以上"), ["达到80%以上"]);
        assert_eq!(values("一户一策、三保障、十九大"), Vec::<String>::new());
        assert_eq!(values("2017年4月23日,6月10日前,3年"), ["3年"]);
    }

    #[test]
    fn a_level_before_the_noun_is_not_what_is_counted() {
        assert_eq!(values("完成8个省级贫困县摘帽"), ["8个县"]);
        assert_eq!(values("10个国家级贫困县"), ["10个县"]);
        assert_eq!(values("新建3个省级示范村"), ["3个村"]);
        assert_eq!(values("完成26个搬迁项目建设任务"), ["26个项"]);
    }

    #[test]
    fn deadlines_by_context() {
        let s = "坚决于5月底前完成拆旧工作,从2015年起每年改造,到2020年实现脱贫,比2014年增长";
        let r = Range {
            start: 0,
            end: s.len(),
        };
        let found = scan(s, r);
        let got: Vec<Option<String>> = found
            .dates
            .iter()
            .map(|d| deadline_text(s, r, d, false))
            .collect();
        assert_eq!(
            got,
            [
                Some("5月底前".to_string()),
                None,
                Some("2020年".to_string()),
                None
            ]
        );
    }

    #[test]
    fn windows_in_text() {
        let s = "(一)全面部署动员(4月24日~5月1日)。从5月2日开始,督查;6月10日至15日为督导整改期";
        let got: Vec<String> = windows(
            s,
            Range {
                start: 0,
                end: s.len(),
            },
        )
        .into_iter()
        .map(|w| w.1)
        .collect();
        assert_eq!(got, ["4月24日~5月1日", "从5月2日开始", "6月10日至15日"]);
    }
}
