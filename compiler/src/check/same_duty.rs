//! One duty, two deadlines: the same work given different completion dates in one document.
//!
//! Two duties (measures, or targets with a 期限) are the same work when an item links them with
//! `同一事项：…`, or when their names differ only by what is written in parentheses: encoders tell
//! two statements of one piece of work apart that way (「37户危房改造（预计2018年底完成）」 and
//! 「37户危房改造（计划2018年9月底完成）」), and the words left (object and count) are the same.
//! Two targets with different values are different work however they are named. A duty and the
//! items nested in it are never compared (ZC0402 sets a child against its parent).

use super::quantities::{shown, target_ref};
use super::time::shown;
use super::{measures, nearest, targets, DocCtx};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use zhengce_runtime::CivilDate;

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    let duties = duties(cx);
    let n = duties.len();
    // Union-find over the duties: linked ones, and ones with one base name and one value.
    let mut parent: Vec<usize> = (0..n).collect();
    let mut why: Vec<Option<Why>> = vec![None; n];
    // Explicit links, by name (a sorted index of the duties' names).
    let mut by_name: Vec<(&str, usize)> = duties
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name.text.as_str(), i))
        .collect();
    zhengce_runtime::sort::sort_by(&mut by_name, |a, b| a.0.cmp(b.0));
    for (i, d) in duties.iter().enumerate() {
        let Some(list) = &d.links.same_as else {
            continue;
        };
        for name in &list.names {
            let from = by_name.partition_point(|(k, _)| *k < name.text.as_str());
            let found: Vec<usize> = by_name[from..]
                .iter()
                .take_while(|(k, _)| *k == name.text)
                .map(|(_, j)| *j)
                .filter(|j| *j != i)
                .collect();
            if found.is_empty() {
                // A named item without a dated deadline has nothing to compare; a name that is
                // no item at all is a mistake.
                let s = &cx.symbols;
                if !s.measures.contains_key(&name.text) && !s.targets.contains_key(&name.text) {
                    out.push(undefined_link(cx, name));
                }
                continue;
            }
            for j in found {
                union(&mut parent, i, j);
                why[i] = Some(Why::Linked(name.span));
                why[j].get_or_insert(Why::Linked(name.span));
            }
        }
    }
    // One base name and one value: each joins the first of its run unless one nests the other.
    let mut by_base: Vec<(String, String, usize)> = duties
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let b = base_name(&d.name.text);
            (b != d.name.text && b.chars().count() >= 2).then(|| (b, value_key(d.value, i), i))
        })
        .collect();
    zhengce_runtime::sort::sort_by(&mut by_base, |a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    for run in by_base.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
        let (base, _, first) = &run[0];
        for (_, _, j) in &run[1..] {
            let (a, b) = (&duties[*first], &duties[*j]);
            if a.nests(b) || b.nests(a) {
                continue;
            }
            union(&mut parent, *first, *j);
            why[*first].get_or_insert(Why::Named(base.clone()));
            why[*j].get_or_insert(Why::Named(base.clone()));
        }
    }
    // Each group with more than one date, in the order its first member stands.
    let roots: Vec<usize> = (0..n).map(|i| root(&mut parent, i)).collect();
    let mut size = vec![0usize; n];
    for &r in &roots {
        size[r] += 1;
    }
    let mut slot: Vec<Option<usize>> = vec![None; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, &r) in roots.iter().enumerate() {
        if size[r] < 2 {
            continue;
        }
        match slot[r] {
            Some(g) => groups[g].push(i),
            None => {
                slot[r] = Some(groups.len());
                groups.push(vec![i]);
            }
        }
    }
    for group in groups {
        let mut dates: Vec<CivilDate> = group.iter().map(|&i| duties[i].due).collect();
        zhengce_runtime::sort::sort(&mut dates);
        dates.dedup();
        if dates.len() < 2 {
            continue;
        }
        let reason = group.iter().find_map(|&i| why[i].clone());
        out.push(report(cx, &duties, &group, reason, &dates));
    }
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (root(parent, a), root(parent, b));
    if ra != rb {
        parent[rb] = ra;
    }
}

/// Why duties are taken for one piece of work.
#[derive(Clone)]
enum Why {
    /// `同一事项` names the other (where the link is written).
    Linked(Span),
    /// The names are this once their parenthesised parts are left out.
    Named(String),
}

/// A measure or target with a resolved deadline.
struct Duty<'a> {
    what: String,
    name: &'a Name,
    deadline: &'a Deadline,
    due: CivilDate,
    links: &'a Links,
    /// Its target value, for targets: two targets with different values are different work.
    value: Option<&'a TargetValue>,
    /// Position in `measures()` of the measure itself (measures) or of the one it is in (targets).
    measure: Option<usize>,
    is_measure: bool,
    /// Positions in `measures()` of the measures it stands in: a measure's parent and up, a
    /// target's own measure and up.
    ancestors: Vec<usize>,
}

impl Duty<'_> {
    /// Whether `other` is nested in this duty (this is a measure it stands in).
    fn nests(&self, other: &Duty) -> bool {
        match (self.is_measure, self.measure) {
            (true, Some(m)) => other.ancestors.contains(&m),
            _ => false,
        }
    }
}

/// What a target's value says, whatever its spans: two targets with different values (37户,
/// 40户) are different work. Empty for measures and for targets without a value; a value of
/// another form (a relative change, a qualitative bound) is never taken for another's.
fn value_key(v: Option<&TargetValue>, at: usize) -> String {
    match v {
        None => String::new(),
        Some(TargetValue::Amount(Amount::Bounded {
            comparator,
            quantity,
            ..
        })) => format!("{comparator:?}{}", shown(&quantity.quantity)),
        Some(TargetValue::Coverage { .. }) => "全覆盖".to_string(),
        Some(_) => format!("#{at}"),
    }
}

fn duties<'a>(cx: &DocCtx<'a>) -> Vec<Duty<'a>> {
    let ms = measures(cx.doc);
    let ancestors = |mut at: Option<usize>| {
        let mut out = Vec::new();
        while let Some(p) = at {
            out.push(p);
            at = ms[p].parent_index;
        }
        out
    };
    let mut out = Vec::new();
    for (k, m) in ms.iter().enumerate() {
        let Some(dl) = &m.measure.deadline else {
            continue;
        };
        let Some(due) = shown::due(cx, dl) else {
            continue;
        };
        out.push(Duty {
            what: format!("措施「{}」", m.measure.name.text),
            name: &m.measure.name,
            deadline: dl,
            due,
            links: &m.measure.links,
            value: None,
            measure: Some(k),
            is_measure: true,
            ancestors: ancestors(m.parent_index),
        });
    }
    for t in targets(cx.doc) {
        let Some(dl) = &t.target.deadline else {
            continue;
        };
        let Some(due) = shown::due(cx, dl) else {
            continue;
        };
        out.push(Duty {
            what: target_ref(t.target),
            name: &t.target.name,
            deadline: dl,
            due,
            links: &t.target.links,
            value: t.target.value.as_ref(),
            measure: t.measure_index,
            is_measure: false,
            ancestors: ancestors(t.measure_index),
        });
    }
    out
}

/// A name without its parenthesised parts (full- or half-width, folded to half-width already):
/// 「37户危房改造（预计2018年底完成）」 → 37户危房改造. A leading number in parentheses is the
/// item's number, not a remark, and stays: （十二）聚焦细节 and （三）聚焦细节 are two items.
pub(crate) fn base_name(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut rest = name;
    if let Some(open) = rest.strip_prefix(['(', '（']) {
        if let Some(close) = open.find([')', '）']) {
            let inner = &open[..close];
            if !inner.is_empty()
                && inner
                    .chars()
                    .all(|c| "零〇一二两三四五六七八九十百".contains(c) || c.is_ascii_digit())
            {
                let end = name.len() - open.len() + close;
                let close_len = open[close..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&name[..end + close_len]);
                rest = &name[end + close_len..];
            }
        }
    }
    for c in rest.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn undefined_link(cx: &DocCtx, name: &Name) -> Diagnostic {
    let s = &cx.symbols;
    let candidates = s.measures.keys().chain(s.targets.keys()).copied();
    let mut d = Diagnostic::error(
        codes::UNDEFINED_NAME,
        format!("同一事项「{}」未定义", name.text),
    )
    .primary(cx.file, name.span, "没有这个措施或目标");
    d = match nearest(&name.text, candidates) {
        Some(near) => d.help(format!("是不是「{near}」?")),
        None => d.help("「同一事项」写本文件中另一个措施或目标的名称"),
    };
    d
}

fn report(
    cx: &DocCtx,
    duties: &[Duty],
    group: &[usize],
    why: Option<Why>,
    dates: &[CivilDate],
) -> Diagnostic {
    let mut members: Vec<&Duty> = group.iter().map(|&i| &duties[i]).collect();
    zhengce_runtime::sort::sort_by_key(&mut members, |d| (d.deadline.span().start, d.due));
    let listed: Vec<String> = members
        .iter()
        .map(|d| format!("{}的期限 {}", d.what, shown::deadline(cx, d.deadline)))
        .collect();
    let (first, last) = (dates[0], dates[dates.len() - 1]);
    let spread = first.days_until(last);
    let subject = match &why {
        Some(Why::Named(base)) => format!("「{base}」"),
        _ => String::new(),
    };
    let message = format!(
        "同一项工作{subject}有{}个不同的完成时限:{},最早与最晚相差{spread}天",
        dates.len(),
        listed.join(";")
    );
    // The primary label is on the latest deadline: the one the other contradicts last.
    let latest = members
        .iter()
        .max_by_key(|d| (d.due, d.deadline.span().start))
        .expect("a group has members");
    let mut d = Diagnostic::warning(codes::SAME_DUTY_TWO_DEADLINES, message).primary(
        cx.file,
        latest.deadline.span(),
        format!("期限:{}", latest.due),
    );
    for m in &members {
        if std::ptr::eq(*m, *latest) {
            continue;
        }
        d = d.secondary(cx.file, m.deadline.span(), format!("期限:{}", m.due));
    }
    d = match why {
        Some(Why::Linked(at)) => d
            .secondary(cx.file, at, "由「同一事项」声明为同一项工作")
            .note("这些条目由「同一事项」声明为同一项工作"),
        Some(Why::Named(base)) => d.note(format!(
            "这些条目的名称去掉括号中的说明后相同(「{base}」),按同一项工作看待;两个目标的值不同时不算同一项工作"
        )),
        None => d,
    };
    d.help("统一为一个时限;若确是两批不同的工作,在名称中写明区别(批次、数量或对象)")
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::checked;

    fn run(src: &str) -> Vec<(String, String)> {
        checked(src, |c| matches!(c, "ZC0420" | "ZC0102"))
    }

    const HEADER: &str = "文件《测试》{ 成文日期：2018年5月25日 }\n部门：住建局\n";

    #[test]
    fn one_batch_with_two_dates_is_reported_once() {
        let src = format!(
            "{HEADER}措施 「37户危房改造（预计2018年底完成）」 {{ 牵头：住建局\n 期限：2018年底 }}\n措施 「37户危房改造（计划2018年9月底完成）」 {{ 牵头：住建局\n 期限：2018年9月底 }}\n"
        );
        let got = run(&src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0]
                .1
                .contains("同一项工作「37户危房改造」有2个不同的完成时限"),
            "{}",
            got[0].1
        );
        assert!(got[0].1.contains("相差92天"), "{}", got[0].1);
    }

    #[test]
    fn same_dates_different_counts_and_nesting_are_not_reported() {
        let src = format!(
            "{HEADER}目标 「全部脱贫（计划）」 {{ 值：全部\n 期限：2018年底 }}\n目标 「全部脱贫（预计）」 {{ 值：全部\n 期限：2018年底 }}\n目标 「改造（一批）」 {{ 值：37户\n 期限：2018年底 }}\n目标 「改造（二批）」 {{ 值：40户\n 期限：2019年底 }}\n措施 「排查（总）」 {{ 牵头：住建局\n 期限：6月30日前\n 措施 「排查（村）」 {{ 牵头：住建局\n 期限：6月10日前 }}\n}}\n"
        );
        assert!(run(&src).is_empty(), "{:?}", run(&src));
    }

    #[test]
    fn linked_items_are_the_same_work() {
        let src = format!(
            "{HEADER}措施 甲 {{ 牵头：住建局\n 期限：6月30日前\n 同一事项：乙 }}\n措施 乙 {{ 牵头：住建局\n 期限：9月30日前 }}\n措施 丙 {{ 牵头：住建局\n 期限：9月30日前\n 同一事项：丁、己 }}\n措施 己 {{ 牵头：住建局 }}\n"
        );
        let got = run(&src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got
            .iter()
            .any(|(c, m)| c == "ZC0420" && m.contains("措施「甲」")));
        assert!(got
            .iter()
            .any(|(c, m)| c == "ZC0102" && m.contains("「丁」")));
    }

    #[test]
    fn base_names_drop_parenthesised_parts() {
        assert_eq!(
            super::base_name("37户危房改造（预计2018年底完成）"),
            "37户危房改造"
        );
        assert_eq!(super::base_name("甲(一)乙(二)"), "甲乙");
        assert_eq!(super::base_name("(十二)聚焦细节(续)"), "(十二)聚焦细节");
        assert_eq!(super::base_name("（三）聚焦细节"), "（三）聚焦细节");
    }
}
