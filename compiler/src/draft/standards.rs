//! Standards: amounts per unit (每人每年不低于200元, 30元/天, 每户补助1万元 → 每户1万元), changes
//! (由3000元提高到5000元), ranges (200元-2000元), money a clause calls a subsidy or standard, and
//! tiers: 「对A、B、C,分别按照X的20%、10%、5%」 and 「A按X的20%、B按10%、C按15%」.

use super::model::{Standard, Tiers};
use super::naming::name_from;
use super::text::{self, Range};
use super::values::{self, reads, Found, Qty};
use crate::grammar::Rule;

/// Words that make money in a clause a standard rather than a target.
const STANDARD_WORDS: &[&str] = &[
    "补助", "补贴", "奖励", "奖补", "资助", "标准", "救助", "津贴", "经费", "报销", "贴息", "补偿",
    "资金", "工资", "缴费", "代缴", "保费",
];

fn keyword(words: &str) -> &'static str {
    if words.contains("补助") || words.contains("补贴") {
        "补助"
    } else {
        "标准"
    }
}

/// The standards of one sentence; marks the quantities they use in `taken`.
pub(super) fn in_sentence(
    src: &str,
    sentence: Range,
    found: &Found,
    taken: &mut [bool],
) -> Vec<Standard> {
    let mut out = Vec::new();
    let clauses = text::clauses(src, sentence);
    if let Some(s) = tiers(src, sentence, found, taken) {
        out.push(s);
    }
    for (k, q) in found.quantities.iter().enumerate() {
        if taken[k] {
            continue;
        }
        let clause = clauses
            .iter()
            .copied()
            .find(|c| c.start <= q.range.start && q.range.end <= c.end)
            .unwrap_or(sentence);
        let words = clause.of(src);
        // 人均建设面积不超过25平方米: a cap per person.
        let per_head = !q.per
            && src[clause.start..q.range.start].contains("人均")
            && ["不超过", "最多", "以内", "以下", "不得超过"]
                .iter()
                .any(|w| q.value.contains(w) || words.contains(w));
        // 每个驻村工作队不少于3人: what each one of a kind must have or do; by a date it is a
        // target (到2017年每个贫困村至少建立1个…).
        let dated = found.dates.iter().any(|d| d.range.end <= q.range.start);
        let each = !q.per && !dated && src[clause.start..q.range.start].contains("每个");
        let share = share_of(src, clause, q);
        let per_one = per_one(src, clause, found, k);
        let standard = q.per
            || per_head
            || each
            || share.is_some()
            || per_one.is_some()
            || q.money() && (q.changes || text::contains_any(words, STANDARD_WORDS));
        if !standard {
            continue;
        }
        let value = if per_head {
            format!("{}/人", q.value)
        } else if let Some((v, _)) = &share {
            v.clone()
        } else if let Some(v) = per_one {
            v
        } else if each {
            values::per_entity(src, clause, q)
                .filter(|v| reads(Rule::amount, v))
                .unwrap_or_else(|| q.value.clone())
        } else {
            with_per_word(src, clause, q)
        };
        if !reads(Rule::amount, &value) {
            continue;
        }
        let key = if q.money() { "金额" } else { "值" };
        let name = standard_name(src, clause, q.range).unwrap_or_else(|| format!("{key}标准"));
        taken[k] = true;
        out.push(Standard {
            keyword: keyword(words),
            name,
            amount: Some((key, value)),
            tiers: None,
            base: share.and_then(|(_, b)| b),
            quotes: vec![clause],
        });
    }
    out
}

/// The amount with the 每… the clause says before it with other words between (每户补助1万元
/// → 每户1万元), when the grammar reads them together.
fn with_per_word(src: &str, clause: Range, q: &Qty) -> String {
    if q.per {
        return q.value.clone();
    }
    let before = &src[clause.start..q.range.start];
    let Some(last) = before.rfind('每') else {
        return q.value.clone();
    };
    // The run of 每 + unit words (每人每年) that the last 每 belongs to.
    let mut start = last;
    while let Some(j) = before[..start].rfind('每') {
        if values::match_end(Rule::per_prefix, before, j) == Some(start) {
            start = j;
        } else {
            break;
        }
    }
    let mut end = start;
    while let Some(e) = values::match_end(Rule::per_prefix, before, end) {
        end = e;
        if !before[end..].starts_with('每') {
            break;
        }
    }
    // 每个市直单位: 个市 is not the unit when the word goes on (市直, 县级, 村级).
    let goes_on =
        before[end..].starts_with(&['直', '级', '属', '委', '城', '域', '籍', '区', '民'][..]);
    if end <= last || goes_on {
        return q.value.clone();
    }
    let joined = format!("{}{}", &before[start..end], q.value);
    if reads(Rule::amount, &joined) {
        joined
    } else {
        q.value.clone()
    }
}

/// 不低于本地最低生活保障标准的20%: a share of a named base, with the base to declare as a fact.
fn share_of(src: &str, clause: Range, q: &Qty) -> Option<(String, Option<(String, &'static str)>)> {
    if !src[clause.start..q.core.start].ends_with('的')
        || q.range != q.core && q.range.start != q.core.start
    {
        return None;
    }
    let before = &src[clause.start..q.core.start - '的'.len_utf8()];
    let mut from = 0;
    let mut cmp = "";
    for w in ["按照", "按", "为", "的", "，", ","] {
        if let Some(i) = before.rfind(w) {
            from = from.max(i + w.len());
        }
    }
    for w in [
        "不低于",
        "不高于",
        "不超过",
        "不少于",
        "高于",
        "低于",
        "超过",
    ] {
        if let Some(i) = before.rfind(w) {
            if i + w.len() > from {
                from = i + w.len();
                cmp = w;
            }
        }
    }
    let base = &before[from..];
    if !base.chars().all(text::is_ideograph)
        || base.chars().count() < 2
        || !text::ends_with_any(
            base,
            &[
                "标准", "资金", "收入", "投资", "增量", "缴费", "费用", "总额",
            ],
        )
    {
        return None;
    }
    let suffix = &src[q.core.end..q.range.end];
    let value = format!("{cmp}{base}的{}{suffix}", q.core_value);
    reads(Rule::amount, &value).then(|| (value, Some((base.to_string(), base_unit(base)))))
}

/// The unit of a base a share is taken of, by its head noun.
fn base_unit(base: &str) -> &'static str {
    if base.ends_with('村') {
        "个村"
    } else if base.ends_with('户') {
        "户"
    } else if base.ends_with('人') || base.ends_with("人口") {
        "人"
    } else {
        "元"
    }
}

/// 按每吸纳1人补助2000元: money for each one of something the clause counts with 每 before it.
fn per_one(src: &str, clause: Range, found: &Found, k: usize) -> Option<String> {
    let q = &found.quantities[k];
    if !q.money() || q.per {
        return None;
    }
    let one = found.quantities[..k]
        .iter()
        .rev()
        .find(|p| p.range.start >= clause.start)?;
    if one.core_value.chars().next()? != '1' || !one.unit.as_ref()?.per.is_empty() {
        return None;
    }
    let unit = one.core_value.trim_start_matches('1');
    let between_each = src[clause.start..one.range.start].contains('每');
    let value = format!("每{unit}{}", q.value);
    (between_each && reads(Rule::amount, &value)).then_some(value)
}

/// A standard's name: the words after its amount when the amount is introduced (按照每人每年
/// 不低于200元的标准为贫困人口购买补充医疗保险), else the words before it (每户补助…, 补助标准由…).
fn standard_name(src: &str, clause: Range, amount: Range) -> Option<String> {
    let before = &src[clause.start..amount.start.max(clause.start)];
    let after = &src[amount.end.min(clause.end)..clause.end];
    // In a list of amounts each with its noun (每人每年2000元工作经费、500元生活用品购置), the
    // noun after the amount names it.
    let own: String = after
        .chars()
        .take_while(|&c| text::is_ideograph(c))
        .collect();
    if !own.starts_with('的') {
        if let Some(n) = name_from(&own, 16) {
            return Some(n);
        }
    }
    let introduced = text::ends_with_any(before.trim_end(), &["按照", "按", "给予", "安排", "为"]);
    if introduced {
        if let Some(n) = name_from(after, 16) {
            return Some(n);
        }
    }
    name_from(&format!("{before}{after}"), 16)
}

/// Tiers of a sentence: categories with one share or amount each.
fn tiers(src: &str, sentence: Range, found: &Found, taken: &mut [bool]) -> Option<Standard> {
    let s = sentence.of(src);
    let rows = respectively(src, sentence, found).or_else(|| by_list(src, sentence, found))?;
    let (cases, amounts, used, rest_words) = rows;
    if cases.len() < 2 || cases.len() != amounts.len() {
        return None;
    }
    // The base of a share (项目总投资的20%): declared as a fact by the caller.
    let base = amounts
        .iter()
        .find_map(|a| a.split_once('的').map(|(b, _)| b.to_string()))
        .filter(|b| reads(Rule::name, b));
    let base_unit = base.as_deref().map(base_unit);
    let common = cases
        .iter()
        .map(|c| c.chars().last())
        .reduce(|a, b| if a == b { a } else { None })
        .flatten()
        .filter(|c| text::is_ideograph(*c));
    let fact = match common {
        Some(c) => format!("{c}类别"),
        None => "类别".to_string(),
    };
    let rows: Vec<(String, String)> = cases
        .iter()
        .cloned()
        .zip(amounts.iter().cloned())
        .filter(|(c, a)| reads(Rule::name_list, c) && reads(Rule::amount, a))
        .collect();
    if rows.len() != cases.len() {
        return None;
    }
    for k in used {
        taken[k] = true;
    }
    let name = name_from(&rest_words, 16)
        .or_else(|| base.as_ref().map(|b| format!("{b}比例")))
        .unwrap_or_else(|| "分档标准".to_string());
    Some(Standard {
        keyword: keyword(s),
        name,
        amount: None,
        tiers: Some(Tiers { fact, rows }),
        base: base.zip(base_unit),
        quotes: vec![sentence],
    })
}

type Rows = (Vec<String>, Vec<String>, Vec<usize>, String);

/// 「对A、B、C,分别按照X的20%、10%、5%的比例安排…」.
fn respectively(src: &str, sentence: Range, found: &Found) -> Option<Rows> {
    let s = sentence.of(src);
    let at = sentence.start + s.find("分别")?;
    // The categories: the words before 分别 back to the previous clause break.
    let head = &src[sentence.start..at];
    let head = head.trim_end_matches(&[',', '，', ' '][..]);
    let list_start = head
        .rfind(&[',', '，', '；', ';', '：', ':'][..])
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let list = head[list_start..].trim_start_matches(&['对', '按', '为'][..]);
    let cases: Vec<String> = list
        .split(&['、', '和', '及'][..])
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    if cases.len() < 2 || cases.iter().any(|c| c.chars().count() > 12) {
        return None;
    }
    let (amounts, used, end) = amount_run(src, sentence, found, at)?;
    let rest = src[end..sentence.end].to_string();
    Some((cases, amounts, used, rest))
}

/// The numbers after `at` separated by 、 or 和 only, with the base before the first (X的20%).
fn amount_run(
    src: &str,
    sentence: Range,
    found: &Found,
    at: usize,
) -> Option<(Vec<String>, Vec<usize>, usize)> {
    let first = found.quantities.iter().position(|q| q.core.start > at)?;
    let q0 = &found.quantities[first];
    let lead = &src[at..q0.core.start];
    let base = lead.rfind('的').map(|i| {
        let b = &lead[..i];
        let cut = ["按照", "按", "为", "给予"]
            .iter()
            .filter_map(|w| b.rfind(w).map(|i| i + w.len()))
            .max()
            .unwrap_or(0);
        b[cut..].to_string()
    });
    let mut amounts = Vec::new();
    let mut used = Vec::new();
    let mut end = q0.range.end;
    for (k, q) in found.quantities.iter().enumerate().skip(first) {
        if k > first {
            let gap = &src[end..q.range.start];
            if !matches!(gap, "、" | "和" | "，" | ",") {
                break;
            }
        }
        let value = match &base {
            Some(b) if q.range.start == q.core.start || k == first => format!("{b}的{}", q.value),
            _ => q.value.clone(),
        };
        amounts.push(value);
        used.push(k);
        end = q.range.end;
    }
    (end <= sentence.end).then_some((amounts, used, end))
}

/// 「A按X的20%、B按10%、C按15%」 and 「A按照X的25%、B按照X的20%」: categories each with 按.
fn by_list(src: &str, sentence: Range, found: &Found) -> Option<Rows> {
    let mut cases = Vec::new();
    let mut amounts = Vec::new();
    let mut used = Vec::new();
    let mut base: Option<String> = None;
    let mut rest = String::new();
    for clause in text::clauses(src, sentence) {
        let mut item_start = clause.start;
        for (k, q) in found.quantities.iter().enumerate() {
            if q.range.start < clause.start || q.range.end > clause.end {
                continue;
            }
            let item = &src[item_start..q.core.start];
            let Some(i) = item.find("按照").or_else(|| item.find('按')) else {
                item_start = q.range.end;
                continue;
            };
            let word = if item[i..].starts_with("按照") {
                "按照"
            } else {
                "按"
            };
            let case = item[..i].trim_start_matches(&['、', '，', ','][..]);
            let case = case.trim_start_matches("原则上").trim_start_matches('对');
            let case = case.split('的').next().unwrap_or(case);
            let mid = &item[i + word.len()..];
            if let Some(b) = mid.strip_suffix('的') {
                base = Some(b.to_string());
            }
            if case.is_empty() || case.chars().count() > 12 {
                item_start = q.range.end;
                continue;
            }
            let value = match &base {
                Some(b) => format!("{b}的{}", q.value),
                None => q.value.clone(),
            };
            cases.push(case.replace(&['和', '及'][..], "、"));
            amounts.push(value);
            used.push(k);
            rest = src[q.range.end..clause.end].to_string();
            item_start = q.range.end;
        }
        if cases.len() >= 2 {
            break;
        }
    }
    (cases.len() >= 2).then_some((cases, amounts, used, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standards(s: &str) -> Vec<String> {
        let r = Range {
            start: 0,
            end: s.len(),
        };
        let found = values::scan(s, r);
        let mut taken = vec![false; found.quantities.len()];
        in_sentence(s, r, &found, &mut taken)
            .iter()
            .map(|t| match (&t.amount, &t.tiers) {
                (Some((k, v)), _) => format!("{} {} {k}：{v}", t.keyword, t.name),
                (_, Some(tiers)) => format!(
                    "{} {} 按 {}：{}",
                    t.keyword,
                    t.name,
                    tiers.fact,
                    tiers
                        .rows
                        .iter()
                        .map(|(c, a)| format!("{c}={a}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn amounts() {
        assert_eq!(
            standards("县市级政府可按照每人每年不低于200元的标准为贫困人口购买补充医疗保险"),
            ["标准 贫困人口购买补充医疗保险 金额：每人每年不低于200元"]
        );
        assert_eq!(
            standards("每户补助1万元"),
            ["补助 每户补助 金额：每户1万元"]
        );
        assert_eq!(
            standards("补助标准由3000元提高到5000元。"),
            ["补助 补助标准 金额：由3000元提高到5000元"]
        );
    }

    #[test]
    fn tier_forms() {
        assert_eq!(
            standards("对深度贫困县、贫困县、非贫困县,分别按照项目总投资的20%、10%、5%的比例安排以奖代补资金。"),
            ["标准 以奖代补资金 按 县类别：深度贫困县=项目总投资的20% 贫困县=项目总投资的10% 非贫困县=项目总投资的5%"]
        );
        assert_eq!(
            standards("省级和片区县按当年地方财政收入增量的20%以上、市级按10%以上、插花县按15%以上增列专项扶贫预算"),
            ["标准 增列专项扶贫预算 按 类别：省级、片区县=当年地方财政收入增量的20%以上 市级=当年地方财政收入增量的10%以上 插花县=当年地方财政收入增量的15%以上"]
        );
    }
}
