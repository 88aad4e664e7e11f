//! Duties: leads, responsible units, leaders and deadlines.
//!
//! - Labelled fields, in parentheses after a measure (「(牵头部门:县扶贫办,责任单位:…;整改时限:6月10日前)」)
//!   or on a line of their own (「责任领导:XX 牵头单位:XX 整改完成时限:2018年5月25日前」);
//! - a bare list of departments in parentheses (「(省农业厅、省林业厅、省扶贫办等)」): responsible
//!   units, or the first one the lead when the text says the first listed leads;
//! - sentences: 「由X牵头」「X牵头」→ lead, 「由X负责」「X负责」「X配合」「X协同」→ responsible, and a date
//!   used as a deadline (「于5月底前完成」「6月10日前」「到2019年底」).

use super::model::{Duties, NameList};
use super::text::{self, Range};
use super::values::{self, reads, Found};
use crate::grammar::Rule;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Responsible,
    Leader,
    Deadline,
}

/// Field labels, longest first where one is the start of another.
const LABELS: &[(&str, Role)] = &[
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("牵头领导", Role::Leader),
    ("牵头", Role::Lead),
    ("主责单位", Role::Lead),
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("配合单位", Role::Responsible),
    ("配合部门", Role::Responsible),
    ("协办单位", Role::Responsible),
    ("参与单位", Role::Responsible),
    ("协同单位", Role::Responsible),
    ("责任领导", Role::Leader),
    ("分管领导", Role::Leader),
    ("责任人", Role::Leader),
    ("整改完成时限", Role::Deadline),
    ("完成时限", Role::Deadline),
    ("整改时限", Role::Deadline),
    ("完成时间", Role::Deadline),
    ("时间节点", Role::Deadline),
    ("时限", Role::Deadline),
    ("期限", Role::Deadline),
];

/// Words that end the name of a body (县扶贫办, 省卫计委, 县农村商业银行, 各挂钩单位).
const BODY_ENDS: &[&str] = &[
    "办",
    "局",
    "厅",
    "委",
    "部",
    "院",
    "会",
    "府",
    "中心",
    "公司",
    "银行",
    "行",
    "社",
    "站",
    "所",
    "队",
    "组",
    "室",
    "处",
    "科",
    "团",
    "联",
    "馆",
    "署",
    "单位",
    "部门",
    "机构",
    "机关",
    "企业",
    "办事处",
    "指挥部",
    "党委",
    "党组",
    "集团",
    "管委",
    "网",
    "台",
    "政府",
];

/// Words that stand for a body only together with the name before them (各乡镇党委、政府).
const BARE_BODIES: &[&str] = &["政府", "人民政府", "党委", "党组", "党委政府"];

/// Words that name no body in particular.
const GENERIC: &[&str] = &[
    "单位",
    "部门",
    "机构",
    "机关",
    "企业",
    "有关部门",
    "相关部门",
    "有关单位",
    "相关单位",
];

/// Words a body's name does not start with: verbs that open a clause (充分发挥…, 鼓励…).
const VERB_STARTS: &[&str] = &[
    "充分",
    "发挥",
    "鼓励",
    "支持",
    "帮助",
    "组织",
    "推动",
    "引导",
    "动员",
    "加强",
    "建立",
    "实行",
    "实施",
    "强化",
    "推进",
    "落实",
    "坚持",
    "积极",
    "切实",
    "进一步",
    "全面",
    "认真",
];

/// Where a class of bodies named with 各 may end (各乡镇, 各级, 各地, 各市县).
const CLASS_ENDS: &[&str] = &[
    "乡镇", "县", "市", "区", "镇", "乡", "村", "地", "级", "州", "省",
];

/// Whether `s` reads as the name of a body or a class of bodies.
#[inline(never)]
pub(super) fn is_body(s: &str) -> bool {
    let n = s.chars().count();
    let brackets_close = s.matches(&['(', '（'][..]).count() == s.matches(&[')', '）'][..]).count();
    let ends_as_body = text::ends_with_any(s, BODY_ENDS)
        || s.starts_with('各') && n >= 3 && text::ends_with_any(s, CLASS_ENDS);
    brackets_close
        && !text::starts_with_any(s, VERB_STARTS)
        && (2..=24).contains(&n)
        && text::has_ideograph(s)
        && !s.contains(&['。', '；', ';', '：', ':', '“', '”', '《', '》'][..])
        && !BARE_BODIES.contains(&s)
        && !GENERIC.contains(&s)
        && !text::ends_with_any(
            s,
            &[
                "干部", "全部", "内部", "外部", "局部", "大会", "机会", "社会",
            ],
        )
        && ends_as_body
}

/// Splits a list of names at 、，, and white space; an open end (等, 等部门, 等单位) is noted;
/// 「各乡镇党委、政府」 stays one name.
#[inline(never)]
fn split_names(value: &str) -> NameList {
    let mut list = NameList::default();
    let mut parts: Vec<String> = Vec::new();
    for raw in split_outside_brackets(value) {
        let mut p = raw.trim_matches(|c: char| c.is_whitespace() || "；;。.:：".contains(c));
        for end in ["等有关单位", "等相关单位", "等部门", "等单位", "等"] {
            if let Some(stripped) = p.strip_suffix(end) {
                if !stripped.is_empty() {
                    p = stripped;
                    list.open = true;
                    break;
                }
            }
        }
        if p.is_empty() {
            continue;
        }
        match parts.last_mut() {
            Some(prev) if BARE_BODIES.contains(&p) => {
                prev.push('、');
                prev.push_str(p);
            }
            _ => parts.push(p.to_string()),
        }
    }
    list.names = parts;
    list
}

/// `value` split at 、，, / and white space outside brackets (县(市、区)政府 stays whole).
fn split_outside_brackets(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in value.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            '、' | '，' | ',' | ' ' | '\u{3000}' | '/' | '／' if depth == 0 => {
                out.push(&value[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&value[start..]);
    out
}

/// Labelled fields in `s`: each label followed by a colon, its value running to the next label.
fn fields(s: &str) -> Vec<(Role, String)> {
    let mut found: Vec<(usize, usize, Role)> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let hit = LABELS.iter().find(|(label, _)| {
            rest.starts_with(label) && rest[label.len()..].starts_with(&[':', '：'][..])
        });
        match hit {
            Some((label, role)) => {
                let colon = rest[label.len()..].chars().next().map_or(1, char::len_utf8);
                found.push((i, i + label.len() + colon, *role));
                i += label.len() + colon;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    let mut out = Vec::new();
    for (k, &(_, value_start, role)) in found.iter().enumerate() {
        let value_end = found.get(k + 1).map_or(s.len(), |n| n.0);
        let value = s[value_start..value_end]
            .trim_matches(|c: char| c.is_whitespace() || "，,；;。、".contains(c));
        if !value.is_empty() {
            out.push((role, value.to_string()));
        }
    }
    out
}

/// A deadline field's value as a clause value, or the reason it cannot be one.
fn deadline_value(value: &str) -> Result<String, String> {
    let v = value.trim_end_matches(&['。', '.'][..]);
    if reads(Rule::deadline, v) {
        return Ok(v.to_string());
    }
    // 2018年12月31日前完成并长期坚持: the first date that reads as a deadline.
    let r = Range {
        start: 0,
        end: v.len(),
    };
    let found = values::scan(v, r);
    if let Some(d) = found.dates.first() {
        let date = d.range.of(v);
        for cand in [format!("{date}前"), date.to_string()] {
            if v[d.range.start..].starts_with(&cand) && reads(Rule::deadline, &cand) {
                return Ok(cand);
            }
        }
        if reads(Rule::deadline, date) {
            return Ok(date.to_string());
        }
    }
    Err(format!("时限「{v}」"))
}

fn duties_of(fields: Vec<(Role, String)>) -> Duties {
    let mut d = Duties::default();
    // A name of one character is a name cut off (…县卫健局、县教体局、县) or a placeholder.
    let names = |v: &str| {
        let mut l = split_names(v);
        l.names.retain(|n| n.chars().count() >= 2);
        l
    };
    for (role, value) in fields {
        match role {
            Role::Lead => d.lead.merge(names(&value)),
            Role::Responsible => d.responsible.merge(names(&value)),
            Role::Leader => d.leaders.merge(names(&value)),
            Role::Deadline => match deadline_value(&value) {
                Ok(v) if d.deadline.is_none() => d.deadline = Some(v),
                Ok(v) => d.pending.push(format!("另有时限：{v}")),
                Err(why) => d.pending.push(why),
            },
        }
    }
    d
}

/// The duty fields of a sentence that is, or ends with, a parenthesised group: labelled fields,
/// or a bare list of bodies, read in the role `bare` the document gives such lists.
pub(super) fn parenthesised(src: &str, sentence: Range, bare: BareList) -> Option<Duties> {
    let s = sentence.of(src);
    for group in groups(s) {
        let inner = &s[group.start..group.end];
        let f = fields(inner);
        if !f.is_empty() {
            return Some(duties_of(f));
        }
        let list = split_names(inner);
        // A clause in brackets (指挥部办公室设市扶贫办) is no list of names; 商 or 任 may be
        // part of one (省商务厅), unlike in running text.
        let clause_words = &[
            '设', '为', '是', '的', '要', '在', '把', '将', '对', '从', '向',
        ][..];
        if !list.is_empty()
            && list
                .names
                .iter()
                .all(|n| is_body(n) && !n.contains(clause_words))
        {
            // Only a list that ends the sentence: (政府+龙头企业+银行) inside text is no duty.
            let after = s[group.end..].trim_start_matches(&[')', '）'][..]);
            if after
                .trim_matches(|c: char| c.is_whitespace() || "。；;，,".contains(c))
                .is_empty()
            {
                let mut d = Duties::default();
                match bare {
                    BareList::FirstLeads => {
                        let mut names = list.names.into_iter();
                        d.lead.names.extend(names.next());
                        d.responsible.names = names.collect();
                        d.responsible.open = list.open;
                    }
                    BareList::Leads => d.lead = list,
                    BareList::Responsible => d.responsible = list,
                }
                return Some(d);
            }
        }
    }
    None
}

/// The byte ranges (in `s`) inside each top-level pair of parentheses; a group left open at
/// the end of the text (a page cut off inside it) runs to the end.
fn groups(s: &str) -> Vec<Range> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let open_at_end = |depth: usize, start: usize, out: &mut Vec<Range>| {
        if depth > 0 {
            out.push(Range {
                start,
                end: s.len(),
            });
        }
    };
    for (i, c) in s.char_indices() {
        match c {
            '(' | '（' => {
                if depth == 0 {
                    start = i + c.len_utf8();
                }
                depth += 1;
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(Range { start, end: i });
                }
            }
            _ => {}
        }
    }
    open_at_end(depth, start, &mut out);
    out
}

/// The fields of a line made of labels (责任领导:XX 牵头单位:XX 整改完成时限:…).
pub(super) fn labelled_line(src: &str, sentence: Range) -> Option<Duties> {
    let s = sentence.of(src);
    let starts_with_label = LABELS
        .iter()
        .any(|(l, _)| s.starts_with(l) && s[l.len()..].starts_with(&[':', '：'][..]));
    starts_with_label.then(|| duties_of(fields(s)))
}

/// What a bare list of bodies in parentheses (「(省农业厅、省林业厅等)」) names in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BareList {
    /// The bodies responsible, none of them said to lead (the usual reading).
    Responsible,
    /// The text says the first listed leads (排在第一位的为牵头单位).
    FirstLeads,
    /// The document's labelled lists are all 牵头单位 ones, so an unlabelled one is too (a
    /// label left out, as in 「…(牵头单位:省农业厅)」 … 「…(省旅游局)」).
    Leads,
}

/// How the document reads its bare lists (see [`BareList`]).
pub(super) fn bare_lists(src: &str) -> BareList {
    let says_first = text::contains_any(
        src,
        &[
            "排在第一位的为牵头",
            "排名第一的为牵头",
            "第一个为牵头",
            "排在首位的为牵头",
            "列第一位的为牵头",
        ],
    );
    if says_first {
        return BareList::FirstLeads;
    }
    let labelled = |label: &str| {
        ["(", "（"]
            .iter()
            .map(|open| src.matches(&format!("{open}{label}")).count())
            .sum::<usize>()
    };
    let leads = labelled("牵头单位") + labelled("牵头部门");
    let others: usize = ["责任单位", "责任部门", "配合单位", "配合部门"]
        .iter()
        .map(|l| src.matches(l).count())
        .sum();
    if leads >= 2 && others == 0 {
        BareList::Leads
    } else {
        BareList::Responsible
    }
}

/// Duties a sentence states in words, and the deadlines of its clauses: one `(clause, duties)`
/// per clause with a deadline when there are several, else one for the sentence. `used` are
/// the dates a target of the sentence took as its own deadline.
pub(super) fn in_sentence(
    src: &str,
    sentence: Range,
    found: &Found,
    used: &[Range],
) -> Vec<(Range, Duties)> {
    let clauses = text::clauses(src, sentence);
    let mut bodies = Duties {
        lead: subject(sentence.of(src)),
        ..Duties::default()
    };
    for c in &clauses {
        let s = c.of(src);
        let mut lead = before_word(s, "牵头");
        lead.merge(before_word(s, "负责"));
        let mut responsible = NameList::default();
        for w in ["配合", "协同", "协助"] {
            responsible.merge(before_word(s, w));
        }
        lead.merge(after_by(s));
        bodies.lead.merge(lead);
        for n in responsible.names {
            if !bodies.lead.names.contains(&n) && !bodies.responsible.names.contains(&n) {
                bodies.responsible.names.push(n);
            }
        }
    }
    let mut deadlines: Vec<(Range, String)> = Vec::new();
    for d in &found.dates {
        if used.contains(&d.range) {
            continue;
        }
        let Some(text) = values::deadline_text(src, sentence, d, false) else {
            continue;
        };
        // A year (2020年, 2019年底) states when a state is reached: a target's deadline (see
        // `targets`); a duty is due by a month or a day.
        if !d.has_month {
            continue;
        }
        let clause = clauses
            .iter()
            .find(|c| c.start <= d.range.start && d.range.end <= c.end)
            .copied()
            .unwrap_or(sentence);
        if !deadlines.iter().any(|(_, t)| *t == text) {
            deadlines.push((clause, text));
        }
    }
    match deadlines.len() {
        0 if bodies.lead.is_empty() && bodies.responsible.is_empty() => Vec::new(),
        0 => vec![(sentence, bodies)],
        1 => {
            let mut d = bodies;
            d.deadline = deadlines.pop().map(|(_, t)| t);
            vec![(sentence, d)]
        }
        _ => deadlines
            .into_iter()
            .map(|(clause, t)| {
                let mut d = bodies.clone();
                d.deadline = Some(t);
                (clause, d)
            })
            .collect(),
    }
}

/// Words that say the subject before them must act: 「各级党委、政府要…」, 「包村单位负责…」.
const MUST: &[&str] = &["要", "应当", "应", "须", "必须", "负责", "将"];

/// Words that name a level of government as a subject (省级要抓好…, 乡村两级要…).
fn is_level(s: &str) -> bool {
    matches!(
        s,
        "省级" | "市级" | "县级" | "乡级" | "村级" | "乡镇" | "各地" | "各级"
    ) || text::ends_with_any(s, &["两级", "三级", "四级", "五级"]) && s.chars().count() <= 6
}

/// The bodies a sentence opens with as the ones who act (「各级党委、政府要把…」,
/// 「国务院扶贫办会同有关部门…」, 「三是镇纪委加强…」): a list of bodies (or levels of government)
/// followed by a word of duty or a verb of doing.
fn subject(sentence: &str) -> NameList {
    let mut s = sentence.trim_start();
    if let Some(m) = text::marker(
        s,
        Range {
            start: 0,
            end: s.len(),
        },
    ) {
        s = &s[m.rest..];
    }
    for lead in [
        "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "同时",
        "并",
    ] {
        s = s.strip_prefix(lead).unwrap_or(s);
    }
    for (p, _) in s.char_indices().skip(2).take(24) {
        let words = &s[..p];
        if words.contains(&['，', ',', '。', '：', ':', '“', '”', '；', ';'][..]) {
            break;
        }
        let rest = &s[p..];
        if !MUST.iter().chain(ACTS).any(|w| rest.starts_with(w)) {
            continue;
        }
        let mut list = split_names(words);
        list.names = list
            .names
            .iter()
            .flat_map(|n| {
                n.split(&['和', '及'][..])
                    .flat_map(split_each)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|n| !n.is_empty())
            .collect();
        let ok = !list.is_empty()
            && list.names.iter().all(|n| {
                (is_body(n) || is_level(n))
                    && n.chars().count() <= 16
                    && !n.contains(|c: char| c != '的' && NOT_IN_NAME.contains(&c))
            });
        if ok {
            return list;
        }
    }
    NameList::default()
}

/// Two classes written one after the other without a separator (各镇乡各部门要…): two names.
/// 各级 qualifies what follows it (各级各部门 is the departments of every level) and stays whole.
fn split_each(name: &str) -> Vec<&str> {
    let second = name
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c == '各')
        .map(|(i, _)| i);
    match second {
        Some(i) if name.starts_with('各') && &name[..i] != "各级" => {
            vec![&name[..i], &name[i..]]
        }
        _ => vec![name],
    }
}

/// Characters a body's name never holds in running text, where a sentence's subject might
/// otherwise be taken for one (其他有扶贫任务的县也要有专门机构负责).
const NOT_IN_NAME: &[char] = &[
    '的', '要', '有', '也', '设', '是', '为', '在', '把', '将', '对', '从', '向', '按', '抓', '做',
    '被', '让', '使', '给', '并', '了', '商', '立', '任', '由', '据', '进',
];

/// Words after 牵头 or 负责 that make it a noun, not a duty (牵头部门, 负责同志, 负责制).
const NOT_A_DUTY: &[&str] = &[
    "部门", "单位", "联系", "抓总", "责任", "领导", "同志", "人", "制", "任",
];

/// The bodies named right before `word` in a clause (「由省卫生计生委牵头」, 「县扶贫办负责」),
/// and after 由 before any verb (「财政供养人员由财政局比对」).
fn before_word(clause: &str, word: &str) -> NameList {
    let mut list = NameList::default();
    let mut from = 0;
    while let Some(i) = clause[from..].find(word) {
        let at = from + i;
        from = at + word.len();
        if text::starts_with_any(&clause[from..], NOT_A_DUTY) {
            continue;
        }
        let mut subject = &clause[..at];
        if let Some(j) = subject.rfind('由') {
            subject = &subject[j + '由'.len_utf8()..];
        }
        let subject = subject.trim_start_matches("实行").trim_start_matches("并");
        if let Some(found) = bodies_in_text(subject) {
            list.merge(found);
        }
    }
    list
}

/// `s` as a list of bodies named in running text, if every name in it is one.
#[inline(never)]
fn bodies_in_text(s: &str) -> Option<NameList> {
    let mut list = split_names(s);
    // 和/及 join two bodies in running text (县扶贫办和县农业局负责).
    list.names = list
        .names
        .iter()
        .flat_map(|n| {
            n.split(&['和', '及', '与'][..])
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let ok = !list.is_empty()
        && list
            .names
            .iter()
            .all(|n| is_body(n) && n.chars().count() <= 16 && !n.contains(NOT_IN_NAME));
    ok.then_some(list)
}

/// Verbs that follow the body a 由 names (由财政局比对, 由市扶贫办汇总, 由纪检监察部门予以追责).
const ACTS: &[&str] = &[
    "负责", "牵头", "配合", "比对", "组织", "汇总", "统一", "依法", "提出", "审核", "核实", "实施",
    "承担", "指导", "督促", "予以", "进行", "验收", "制定", "会同", "商", "落实", "安排", "统筹",
    "发放", "兑付", "审批", "出具", "开展", "提供", "协调", "确定", "认定", "给予", "做好", "根据",
    "按照", "结合", "对", "向", "报", "通报", "解释", "考核", "评估", "核查", "组成", "会同",
    "委托", "加强", "建立", "成立", "审定", "研究", "部署", "督导", "开展", "抓好", "完善", "印发",
    "出台",
];

/// The bodies after 由 that do something (「有小汽车户由交警大队比对」): the longest run of text
/// after 由 that names bodies and is followed by a verb.
fn after_by(clause: &str) -> NameList {
    let mut list = NameList::default();
    let mut from = 0;
    while let Some(i) = clause[from..].find('由') {
        let start = from + i + '由'.len_utf8();
        from = start;
        let rest = &clause[start..];
        let ends: Vec<usize> = rest
            .char_indices()
            .map(|(k, c)| k + c.len_utf8())
            .take(20)
            .collect();
        for &end in ends.iter().rev() {
            if !text::starts_with_any(&rest[end..], ACTS) {
                continue;
            }
            if let Some(found) = bodies_in_text(&rest[..end]) {
                list.merge(found);
                break;
            }
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(s: &str) -> Range {
        Range {
            start: 0,
            end: s.len(),
        }
    }

    #[test]
    fn labelled_fields_in_parentheses() {
        let s = "(牵头部门:县易地扶贫搬迁指挥部,责任单位:县国土局、县工业和商务局、各挂钩单位,各乡镇党委、政府,整改时限:6月10日前)";
        let d = parenthesised(s, whole(s), BareList::Responsible).unwrap();
        assert_eq!(d.lead.names, ["县易地扶贫搬迁指挥部"]);
        assert_eq!(
            d.responsible.names,
            [
                "县国土局",
                "县工业和商务局",
                "各挂钩单位",
                "各乡镇党委、政府"
            ]
        );
        assert_eq!(d.deadline.as_deref(), Some("6月10日前"));
    }

    #[test]
    fn bare_list_at_the_end_of_a_sentence() {
        let s = "广泛宣传脱贫攻坚先进典型。(省委宣传部、省文明办、省扶贫办等)";
        let d = parenthesised(s, whole(s), BareList::Responsible).unwrap();
        assert!(d.lead.is_empty());
        assert_eq!(d.responsible.names, ["省委宣传部", "省文明办", "省扶贫办"]);
        assert!(d.responsible.open);
        let d = parenthesised(s, whole(s), BareList::FirstLeads).unwrap();
        assert_eq!(d.lead.names, ["省委宣传部"]);
        let s = "推广“五位一体”(政府+龙头企业+银行+保险+贫困户)等模式";
        assert!(parenthesised(s, whole(s), BareList::Responsible).is_none());
    }

    #[test]
    fn fields_on_a_line() {
        let s = "责任领导:XX 牵头单位:XX 责任部门:XX 整改完成时限:2018年5月25日前";
        let d = labelled_line(s, whole(s)).unwrap();
        assert_eq!(d.leaders.names, ["XX"]);
        assert_eq!(d.deadline.as_deref(), Some("2018年5月25日前"));
        let s = "(完成时限:立即整改)";
        let d = parenthesised(s, whole(s), BareList::Responsible).unwrap();
        assert_eq!(d.pending, ["时限「立即整改」"]);
    }

    #[test]
    fn duties_in_words() {
        let s = "实行由省卫生计生委牵头,民政、财政等部门协同推进。";
        let found = values::scan(s, whole(s));
        let d = in_sentence(s, whole(s), &found, &[]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].1.lead.names, ["省卫生计生委"]);
        let s = "分散安置对象要在5月30日之前完成安置任务,集中安置区安置房建设要在6月30日之前竣工,全面推进工作";
        let found = values::scan(s, whole(s));
        let d = in_sentence(s, whole(s), &found, &[]);
        let got: Vec<_> = d.iter().map(|(_, d)| d.deadline.clone().unwrap()).collect();
        assert_eq!(got, ["5月30日之前", "6月30日之前"]);
    }

    #[test]
    fn classes_written_together_are_two_subjects() {
        assert_eq!(
            subject("各镇乡各部门要按照确定的年度计划,建立落实台账").names,
            ["各镇乡", "各部门"]
        );
        assert_eq!(subject("各级各部门要高度重视").names, ["各级各部门"]);
    }
}
