//! Targets: a number with a unit in a clause that says something is achieved (完成, 达到, 实现,
//! 减少, 脱贫, 覆盖 …), with the date it is due by (in the clause, or the sentence's opening 到2020年),
//! relative forms (比2014年增长40%), 全覆盖, and breakdowns: a run of years with their numbers
//! (2016年50万、2017年56万 → 分年度) and the parts after 其中 (其中低保贫困户424户、… → 分项).

use super::model::Target;
use super::naming::name_from;
use super::text::{self, Range};
use super::values::{self, reads, DateHit, Found, Qty};
use crate::grammar::Rule;
use zhengce_runtime::UnitAtom;

/// Verbs before a number that say it is to be reached: 完成42万户, 达到80%.
pub(super) const ACHIEVE_BEFORE: &[&str] = &[
    "完成",
    "达到",
    "实现",
    "减少",
    "建成",
    "新建",
    "新增",
    "改造",
    "培训",
    "转移",
    "搬迁",
    "提高",
    "增长",
    "降低",
    "下降",
    "控制在",
    "解决",
    "扶持",
    "带动",
    "安置",
    "增加",
    "培育",
    "突破",
    "稳定在",
    "保持在",
    "降至",
    "提升",
    "超过",
    "高于",
    "低于",
    "占",
    "改建",
    "硬化",
    "帮扶",
    "吸纳",
    "确保",
    "力争",
    "累计",
    "每年",
    "年均",
    "达",
];

/// Verbs after a number that say it is reached: 507个深度贫困村全部出列, 58个贫困县全部摘帽.
const ACHIEVE_AFTER: &[&str] = &[
    "出列", "摘帽", "脱贫", "退出", "达标", "完成", "建成", "通电", "通路", "通畅", "就业", "增收",
    "任务", "开工",
];

/// Comparators a target states against a named level (高于全省平均水平).
const LEVEL_COMPARATORS: &[&str] = &[
    "不低于",
    "不高于",
    "不超过",
    "高于",
    "低于",
    "接近",
    "达到",
    "超过",
];

/// Words a named level ends with.
const LEVELS: &[&str] = &["水平", "标准", "增幅", "速度", "贫困线"];

/// Verbs after 全部 that say everything of a kind is reached (全部纳入, 全部脱贫出列).
const ALL_REACHED: &[&str] = &[
    "纳入", "完成", "实现", "达到", "具备", "出列", "摘帽", "脱贫", "建成", "得到", "覆盖", "通",
];

/// Whether the words around a number at `at` in `clause` say it is reached.
fn achieved(src: &str, clause: Range, q: &Qty) -> bool {
    let before = &src[clause.start..q.range.start];
    let after = &src[q.range.end..clause.end];
    text::contains_any(before, ACHIEVE_BEFORE)
        || ACHIEVE_AFTER.iter().any(|v| {
            after
                .match_indices(v)
                .any(|(i, _)| !after[i + v.len()..].starts_with("攻坚"))
        })
}

/// Whether the value's own words compare (达到80%以上, 不低于75%): a stated level.
fn compares(q: &Qty) -> bool {
    q.value != q.core_value
}

/// The targets of one sentence, and the dates they took as deadlines. `taken`: quantities
/// (by index in `found`) another extractor used. `situation`: the section states findings, so
/// the figures are 现状 and have no deadline.
/// `carried`: the horizon an earlier sentence of the paragraph opened with (到2020年,稳定实现….
/// 确保…211万…脱贫): it dates the figures of this sentence that have no date of their own.
pub(super) fn in_sentence(
    src: &str,
    sentence: Range,
    found: &Found,
    taken: &mut [bool],
    situation: bool,
    carried: Option<&(Range, String)>,
) -> Sentence {
    let keyword = if situation { "现状" } else { "目标" };
    let clauses = text::clauses(src, sentence);
    let clause_of = |r: Range| {
        clauses
            .iter()
            .copied()
            .find(|c| c.start <= r.start && r.end <= c.end)
            .unwrap_or(sentence)
    };
    let mut used_dates: Vec<Range> = Vec::new();
    let mut out: Vec<Target> = Vec::new();

    yearly_breakdowns(
        src,
        found,
        taken,
        &mut used_dates,
        &clause_of,
        keyword,
        &mut out,
    );

    // Runs of named parts (河边镇941人、回马镇252人、…): taken now, given to a target below.
    let runs = named_runs(src, sentence, found, taken);
    for run in &runs {
        for &k in &run.parts {
            taken[k] = true;
        }
    }

    let own_horizon = horizons(src, sentence, found, &clause_of);
    let mut horizon: Vec<(Range, String)> = carried.into_iter().cloned().collect();
    horizon.extend(own_horizon.iter().cloned());
    let other_start = out.len();
    let mut heads: Vec<(usize, UnitAtom)> = Vec::new();
    let other_parts = src[sentence.start..sentence.end]
        .find("其中")
        .map(|i| sentence.start + i);
    let mut last_part: Option<(usize, String)> = None;
    for (k, q) in found.quantities.iter().enumerate() {
        if taken[k] {
            continue;
        }
        let Some(atom) = q.atom() else { continue };
        if matches!(
            atom,
            UnitAtom::Day | UnitAtom::Month | UnitAtom::Year | UnitAtom::Age
        ) {
            continue;
        }
        // Parts after 其中 go to the figure of their unit stated before it; a number right
        // after another part (低保贫困户424户737人) belongs to the same name.
        if other_parts.is_some_and(|at| q.core.start > at) {
            if let Some(&(t, _)) = heads.iter().find(|(_, a)| *a == atom) {
                let name = match &last_part {
                    Some((end, name)) if *end == q.core.start => Some(name.clone()),
                    _ => part_name(src, sentence, found, k, other_parts.unwrap_or(0)),
                };
                if let Some(name) = name {
                    let part = format!("{name}{}", q.core_value);
                    let target: &mut Target = &mut out[t];
                    let parts = match &target.breakdown {
                        Some((_, p)) => format!("{p}、{part}"),
                        None => part,
                    };
                    target.breakdown = Some(("分项", parts));
                    taken[k] = true;
                    last_part = Some((q.range.end, name));
                    continue;
                }
            }
        }
        let clause = clause_of(q.range);
        if !is_target_number(src, sentence, clause, found, k) {
            continue;
        }
        if !(situation || compares(q) || achieved(src, clause, q)) {
            continue;
        }
        // 确保全市154个建制村驻村帮扶全覆盖: the number counts what is covered; the target is
        // the coverage (below).
        if src[q.range.end..clause.end].contains("全覆盖") {
            taken[k] = true;
            continue;
        }
        // 每年改造农村贫困户危房14万户: a yearly rate, from the year the sentence starts it.
        let before = &src[clause.start..q.range.start];
        let yearly = before.contains("每年") && !before.contains("每年年");
        let value = relative(src, clause, q)
            .or_else(|| per_entity(src, clause, q))
            .unwrap_or_else(|| (q.range, q.value.clone()));
        let rate = if yearly {
            let rate = match since(src, sentence, found, q.range.start) {
                Some(from) => format!("{}，{from}", value.1),
                None => value.1.clone(),
            };
            let ok = reads(Rule::annual_rate, &rate);
            ok.then_some(rate)
        } else {
            None
        };
        if rate.is_none() && !reads(Rule::target_value, &value.1) {
            continue;
        }
        let deadline = if situation || rate.is_some() {
            None
        } else {
            deadline_before(src, sentence, clause, q.range.start, found, &horizon)
        };
        let quote = match &deadline {
            Some((r, _)) if sentence.start <= r.start && r.start < clause.start => Range {
                start: clause_of(*r).start,
                end: clause.end,
            },
            _ => clause,
        };
        if let Some((r, _)) = &deadline {
            used_dates.push(*r);
        }
        let name = name_without(src, clause, &[value.0], found)
            .unwrap_or_else(|| format!("{}目标", atom.word()));
        taken[k] = true;
        if other_parts.is_some_and(|at| q.core.start < at) {
            heads.push((out.len(), atom));
        }
        let (value, rate) = match rate {
            Some(r) => (None, Some(r)),
            None => (Some(value.1), None),
        };
        out.push(Target {
            keyword,
            name,
            value,
            unit: Some(atom),
            deadline: deadline.map(|d| d.1),
            breakdown: None,
            rate,
            quotes: vec![quote],
        });
    }
    let yearly = yearly_run(src, sentence, &mut out, other_start);
    for run in runs {
        attach_run(src, found, run, &mut out, keyword);
    }
    // A 分项 of one part is no breakdown.
    for t in &mut out[other_start..] {
        if t.breakdown.as_ref().is_some_and(|(_, p)| !p.contains('、')) {
            t.breakdown = None;
        }
        if let Some((_, p)) = &t.breakdown {
            if !reads(Rule::breakdown, p) {
                t.breakdown = None;
            }
        }
    }

    // 高于全省平均水平: a comparison with a named level.
    for &c in &clauses {
        if covered(&out, c) || covered(&yearly, c) {
            continue;
        }
        if let Some(t) = level_target(src, sentence, c, found, &horizon, keyword, situation) {
            if let Some(r) = t.1 {
                used_dates.push(r);
            }
            out.push(t.0);
        }
    }

    // 全覆盖 with no number: coverage.
    for &c in &clauses {
        let words = c.of(src);
        let (at, len) = match words.find("全覆盖") {
            Some(at) => (at, "全覆盖".len()),
            None => match all_reached(words) {
                Some(at) => (at, "全部".len()),
                None => continue,
            },
        };
        if covered(&out, c) || covered(&yearly, c) {
            continue;
        }
        // 没有全覆盖, 未全覆盖: a finding that coverage is missing, no target.
        let lead_in = text::last_chars(&words[..at], 3);
        if text::contains_any(lead_in, &["没有", "未", "不", "无"]) {
            continue;
        }
        let aspired = words[..at].contains("力争");
        let word = &words[at..at + len];
        let value = if aspired {
            format!("力争{word}")
        } else {
            word.to_string()
        };
        let deadline = if situation {
            None
        } else {
            deadline_before(src, sentence, c, c.start + at, found, &horizon)
        };
        if let Some((r, _)) = &deadline {
            used_dates.push(*r);
        }
        let cover = Range {
            start: c.start + at,
            end: c.start + at + len,
        };
        let Some(name) = name_without(src, c, &[cover], found) else {
            continue;
        };
        // 到2025年,实现…全覆盖: the quote holds the date it is due by, as a figure's does.
        let quote = match &deadline {
            Some((r, _)) if sentence.start <= r.start && r.start < c.start => Range {
                start: clause_of(*r).start,
                end: c.end,
            },
            _ => c,
        };
        out.push(Target {
            keyword,
            name,
            value: Some(value),
            unit: None,
            deadline: deadline.map(|d| d.1),
            breakdown: None,
            rate: None,
            quotes: vec![quote],
        });
    }
    // A state reached by a year with no number (到2016年底实现贫困村户户通照明电): a target
    // without a value.
    if !situation {
        for &c in &clauses {
            if covered(&out, c) || covered(&yearly, c) {
                continue;
            }
            let words = c.of(src);
            let says_reached = ACHIEVE_BEFORE
                .iter()
                .chain(ACHIEVE_AFTER)
                .any(|v| words.contains(v))
                || words.contains("全覆盖");
            if !says_reached || has_blank_figure(words) {
                continue;
            }
            let own = found
                .dates
                .iter()
                .filter(|d| d.range.start >= c.start && d.range.end <= c.end && !d.has_month)
                .filter(|d| !used_dates.contains(&d.range) && values::ends_phrase(src, d))
                .filter_map(|d| values::deadline_text(src, sentence, d, true).map(|t| (d.range, t)))
                .next_back();
            let deadline =
                own.or_else(|| own_horizon.iter().rfind(|(r, _)| r.end <= c.start).cloned());
            let Some((r, t)) = deadline else { continue };
            let Some(name) = name_without(src, c, &[r], found) else {
                continue;
            };
            used_dates.push(r);
            out.push(Target {
                keyword,
                name,
                value: None,
                unit: None,
                deadline: Some(t),
                breakdown: None,
                rate: None,
                quotes: vec![c],
            });
        }
    }
    Sentence {
        targets: out,
        yearly,
        used_dates,
        // 到2020年, and not a span (从2015年到2020年,).
        opens_with: own_horizon
            .first()
            .filter(|(r, _)| {
                clauses.first().is_some_and(|c| {
                    c.start <= r.start
                        && r.end <= c.end
                        && !src[c.start..r.start].chars().any(|ch| ch.is_ascii_digit())
                })
            })
            .cloned(),
    }
}

/// What the targets of one sentence are.
pub(super) struct Sentence {
    pub targets: Vec<Target>,
    /// 分年度 of figures stated year by year (到2017年年末,完成8个县…;到2018年年末,完成10个县…):
    /// the breakdown of an earlier total of their unit, or a target of their own.
    pub yearly: Vec<Target>,
    /// The dates taken as deadlines (no duty's deadline).
    pub used_dates: Vec<Range>,
    /// The horizon the sentence opens with (到2020年,…): it dates later sentences of the paragraph.
    pub opens_with: Option<(Range, String)>,
}

/// The year a year-only deadline names (2017年年末 → 2017); none for a deadline with a month.
fn deadline_year(d: &str) -> Option<i32> {
    if d.contains('月') {
        return None;
    }
    let i = d.find('年')?;
    let digits = &d[..i];
    (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// Figures of one unit stated year by year, each in its own part of the sentence (parts split
/// at ；): taken out of `out[from..]` and returned as one target per unit with their 分年度.
fn yearly_run(src: &str, sentence: Range, out: &mut Vec<Target>, from: usize) -> Vec<Target> {
    let part_of = |at: usize| {
        src[sentence.start..at]
            .chars()
            .filter(|c| matches!(c, '；' | ';'))
            .count()
    };
    let candidates: Vec<(usize, UnitAtom, i32, usize)> = out[from..]
        .iter()
        .enumerate()
        .filter(|(_, t)| t.value.is_some() && t.breakdown.is_none() && t.rate.is_none())
        .filter_map(|(i, t)| {
            let year = deadline_year(t.deadline.as_deref()?)?;
            let at = t.quotes.first()?.start;
            Some((from + i, t.unit?, year, part_of(at)))
        })
        .collect();
    let mut units: Vec<UnitAtom> = Vec::new();
    for c in &candidates {
        if !units.contains(&c.1) {
            units.push(c.1);
        }
    }
    let mut taken: Vec<usize> = Vec::new();
    let mut runs = Vec::new();
    for unit in units {
        let members: Vec<&(usize, UnitAtom, i32, usize)> =
            candidates.iter().filter(|c| c.1 == unit).collect();
        let mut years: Vec<i32> = members.iter().map(|c| c.2).collect();
        let mut parts: Vec<usize> = members.iter().map(|c| c.3).collect();
        years.dedup();
        parts.dedup();
        // Each figure its own year and its own part: a year-by-year statement.
        if members.len() < 2 || years.len() != members.len() || parts.len() != members.len() {
            continue;
        }
        let listed: Vec<String> = members
            .iter()
            .map(|c| format!("{}年{}", c.2, out[c.0].value.as_deref().unwrap_or("")))
            .collect();
        let listed = listed.join("、");
        if !reads(Rule::breakdown, &listed) {
            continue;
        }
        let first = &out[members[0].0];
        runs.push(Target {
            keyword: first.keyword,
            name: first.name.clone(),
            value: None,
            unit: Some(unit),
            deadline: None,
            breakdown: Some(("分年度", listed)),
            rate: None,
            quotes: members
                .iter()
                .flat_map(|c| out[c.0].quotes.clone())
                .collect(),
        });
        taken.extend(members.iter().map(|c| c.0));
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !taken.contains(&(k - 1))
    });
    runs
}

/// A figure left blank (a template's 分别达元、元以上, 均达%以上, 稳定在万人以上): a verb followed
/// by a unit or 以上 with no number between.
fn has_blank_figure(words: &str) -> bool {
    ACHIEVE_BEFORE.iter().any(|v| {
        words.match_indices(v).any(|(i, _)| {
            let after = &words[i + v.len()..];
            text::starts_with_any(after, &["元", "%", "％", "万元", "万人", "万户", "亿元"])
                || after
                    .strip_prefix("以上")
                    .is_some_and(|rest| rest.chars().all(|c| "，,。；;、".contains(c)))
        })
    })
}

/// Whether a target of `out` already quotes the clause `c`.
#[inline(never)]
fn covered(out: &[Target], c: Range) -> bool {
    out.iter().any(|t| {
        t.quotes
            .iter()
            .any(|q| q.start <= c.start && c.end <= q.end)
    })
}

/// Where 全部 says every one of a kind reaches a state (将贫困户全部纳入…, 全部脱贫出列).
fn all_reached(words: &str) -> Option<usize> {
    words.match_indices("全部").map(|(i, _)| i).find(|&i| {
        let after = &words[i + "全部".len()..];
        let after = text::first_chars(after, 4);
        text::contains_any(after, ALL_REACHED)
    })
}

/// A target that compares with a named level (农民人均可支配收入增长幅度高于全省平均水平).
fn level_target(
    src: &str,
    sentence: Range,
    c: Range,
    found: &Found,
    horizon: &[(Range, String)],
    keyword: &'static str,
    situation: bool,
) -> Option<(Target, Option<Range>)> {
    let words = c.of(src);
    let body = words.trim_end_matches(|ch: char| "，,。；;、".contains(ch));
    if body.chars().any(|ch| ch.is_ascii_digit()) {
        return None;
    }
    let (at, cmp) = LEVEL_COMPARATORS
        .iter()
        .filter_map(|w| body.find(w).map(|i| (i, *w)))
        .min_by_key(|(i, w)| (*i, usize::MAX - w.len()))?;
    let reference = &body[at + cmp.len()..];
    if !text::ends_with_any(reference, LEVELS) {
        return None;
    }
    let value = format!("{cmp}{}", super::render::token(reference)?);
    if !reads(Rule::target_value, &value) {
        return None;
    }
    let name = name_from(&body[..at], 20)?;
    let deadline = if situation {
        None
    } else {
        deadline_before(src, sentence, c, c.start + at, found, horizon)
    };
    let used = deadline.as_ref().map(|(r, _)| *r);
    Some((
        Target {
            keyword,
            name,
            value: Some(value),
            unit: None,
            deadline: deadline.map(|d| d.1),
            breakdown: None,
            rate: None,
            quotes: vec![c],
        },
        used,
    ))
}

/// Whether the number `k` of a clause is the figure of a target, not a word of its text: not an
/// ordinal (第3), not the count that closes a list (…等9个深度贫困县, 等八种情形), not inside
/// quotation marks (“五个基本”), not the unit of a rate (每吸纳1人补助…), and not the subject a
/// later number of the clause is achieved for (支持9个深度贫困县完成…13万亩).
fn is_target_number(src: &str, sentence: Range, clause: Range, found: &Found, k: usize) -> bool {
    let q = &found.quantities[k];
    let before = &src[clause.start..q.range.start];
    if before.ends_with('第') || before.ends_with('等') {
        return false;
    }
    let in_sentence = &src[sentence.start..q.range.start];
    if in_sentence.matches('“').count() > in_sentence.matches('”').count() {
        return false;
    }
    let near = text::last_chars(before, 4);
    if near.contains('每') && !q.per {
        let after_each = text::first_chars(before.rsplit('每').next().unwrap_or(""), 2);
        if !after_each.starts_with(&['个', '户', '人', '村', '县', '年', '月', '一'][..]) {
            return false;
        }
    }
    let later = found.quantities[k + 1..]
        .iter()
        .take_while(|n| n.range.end <= clause.end)
        .any(|n| {
            let between = &src[q.range.end..n.range.start];
            text::contains_any(between, ACHIEVE_BEFORE)
        });
    !later
}

/// 每个深度贫困村至少扶持发展一个… → 每村至少1个 (see [`values::per_entity`]).
fn per_entity(src: &str, clause: Range, q: &Qty) -> Option<(Range, String)> {
    let value = values::per_entity(src, clause, q)?;
    reads(Rule::target_value, &value).then_some((q.range, value))
}

/// The start a yearly rate runs from: 从2015年起 (or a period 2015至2017年) before `at`.
fn since(src: &str, sentence: Range, found: &Found, at: usize) -> Option<String> {
    for d in found.dates.iter().rev().filter(|d| d.range.end <= at) {
        let lead = src[sentence.start..d.range.start]
            .chars()
            .next_back()
            .filter(|c| matches!(c, '从' | '自'))
            .map_or(0, char::len_utf8);
        let start = d.range.start - lead;
        for rule in [Rule::since, Rule::period] {
            if let Some(end) = values::match_end(rule, src, start) {
                if end <= at {
                    return Some(src[start..end].to_string());
                }
            }
        }
    }
    None
}

/// The name before a part after 其中: the words since the last separator or number.
fn part_name(
    src: &str,
    sentence: Range,
    found: &Found,
    k: usize,
    other_at: usize,
) -> Option<String> {
    let q = &found.quantities[k];
    let prev_end = found.quantities[..k]
        .iter()
        .rev()
        .map(|p| p.range.end)
        .find(|&e| e <= q.core.start)
        .unwrap_or(sentence.start)
        .max(other_at + "其中".len());
    let words = &src[prev_end..q.core.start];
    let words = words
        .rsplit(&['、', '，', ',', '；', ';', '：', ':'][..])
        .next()
        .unwrap_or(words);
    let name = text::chars_where(words, text::is_ideograph);
    (name.chars().count() >= 2 && reads(Rule::name, &name)).then_some(name)
}

/// Numbers each after a name, one after another (河边镇941人、回马镇252人、金元镇457人).
struct Run {
    /// The quantities, by index in `found`.
    parts: Vec<usize>,
    /// `name + number` for each.
    texts: Vec<String>,
    /// Where the run starts (its first name).
    start: usize,
}

/// The runs of three or more named parts of one unit in a sentence, separated by 、 alone.
fn named_runs(src: &str, sentence: Range, found: &Found, taken: &[bool]) -> Vec<Run> {
    let named = |k: usize| -> Option<(usize, String)> {
        let q = &found.quantities[k];
        if taken[k] || q.range != q.core || q.atom().is_none() {
            return None;
        }
        let before = &src[sentence.start..q.core.start];
        let name: String = before
            .chars()
            .rev()
            .take_while(|&c| text::is_ideograph(c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        (name.chars().count() >= 2 && reads(Rule::name, &name))
            .then(|| (q.core.start - name.len(), name))
    };
    let mut runs: Vec<Run> = Vec::new();
    let mut current: Option<Run> = None;
    let mut prev_end = 0;
    for k in 0..found.quantities.len() {
        let q = &found.quantities[k];
        let Some((start, name)) = named(k) else {
            if let Some(r) = current.take() {
                runs.push(r);
            }
            continue;
        };
        let joins = current.as_ref().is_some_and(|r| {
            let first = &found.quantities[r.parts[0]];
            src.get(prev_end..start) == Some("、") && first.atom() == q.atom()
        });
        if !joins {
            if let Some(r) = current.take() {
                runs.push(r);
            }
            current = Some(Run {
                parts: Vec::new(),
                texts: Vec::new(),
                start,
            });
        }
        if let Some(r) = current.as_mut() {
            r.parts.push(k);
            r.texts.push(format!("{name}{}", q.core_value));
        }
        prev_end = q.core.end;
    }
    runs.extend(current);
    runs.retain(|r| r.parts.len() >= 3 && reads(Rule::breakdown, &r.texts.join("、")));
    runs
}

/// Gives a run of named parts as 分项 to the last target before it of the same unit, or to a
/// target of its own named by the words before it (分别是未脱贫人口:…).
fn attach_run(src: &str, found: &Found, run: Run, out: &mut Vec<Target>, keyword: &'static str) {
    let atom = found.quantities[run.parts[0]].atom();
    let parts = run.texts.join("、");
    let head = out.iter_mut().rev().find(|t| {
        t.breakdown.is_none()
            && t.value.is_some()
            && t.unit == atom
            && t.quotes.first().is_some_and(|q| q.start < run.start)
    });
    match head {
        Some(t) => t.breakdown = Some(("分项", parts)),
        None => {
            let before = src[..run.start].trim_end_matches(&[':', '：'][..]);
            let words_start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| text::is_ideograph(*c))
                .last()
                .map_or(before.len(), |(i, _)| i);
            let words = &before[words_start..];
            let Some(name) = name_from(words, 20) else {
                return;
            };
            let last = found.quantities[run.parts[run.parts.len() - 1]].core.end;
            out.push(Target {
                keyword,
                name,
                value: None,
                unit: atom,
                deadline: None,
                breakdown: Some(("分项", parts)),
                rate: None,
                quotes: vec![Range {
                    start: words_start,
                    end: last,
                }],
            });
        }
    }
}

/// Runs of years with their numbers (贫困人口脱贫2016年50万、2017年56万、…) as 分年度.
fn yearly_breakdowns(
    src: &str,
    found: &Found,
    taken: &mut [bool],
    used_dates: &mut Vec<Range>,
    clause_of: &dyn Fn(Range) -> Range,
    keyword: &'static str,
    out: &mut Vec<Target>,
) {
    // (date, quantity index) pairs where the number follows the year directly.
    let mut pairs: Vec<(&DateHit, usize)> = Vec::new();
    for d in &found.dates {
        if !d.year_only {
            continue;
        }
        let after = &src[d.range.end..];
        let suffix = ["底前", "之前", "底", "末", "前"]
            .iter()
            .find(|s| after.starts_with(**s))
            .map_or(0, |s| s.len());
        if let Some(k) = found
            .quantities
            .iter()
            .position(|q| q.core.start == d.range.end + suffix && q.range == q.core)
        {
            pairs.push((d, k));
        }
    }
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i + 1;
        while j < pairs.len() {
            let gap = &src[found.quantities[pairs[j - 1].1].core.end..pairs[j].0.range.start];
            if !matches!(gap, "、" | "，" | "," | "；" | ";") {
                break;
            }
            j += 1;
        }
        if j - i >= 2 {
            let run = &pairs[i..j];
            let parts: Vec<String> = run
                .iter()
                .map(|(d, k)| {
                    let q = &found.quantities[*k];
                    format!("{}{}", &src[d.range.start..q.core.start], q.core_value)
                })
                .collect();
            let parts = parts.join("、");
            let first = run[0].0.range;
            let clause = clause_of(first);
            let last = found.quantities[run[run.len() - 1].1].core.end;
            let name = name_from(&src[clause.start..first.start], 20);
            if let (Some(name), true) = (name, reads(Rule::breakdown, &parts)) {
                for (d, k) in run {
                    taken[*k] = true;
                    used_dates.push(d.range);
                }
                out.push(Target {
                    keyword,
                    name,
                    value: None,
                    unit: None,
                    deadline: None,
                    breakdown: Some(("分年度", parts)),
                    rate: None,
                    quotes: vec![Range {
                        start: clause.start,
                        end: last.max(clause.end),
                    }],
                });
            }
        }
        i = j;
    }
}

/// Dates that set the horizon of what follows in the sentence: a clause that is a date and little
/// else (到2020年, / 2017年前,), with the deadline text.
fn horizons(
    src: &str,
    sentence: Range,
    found: &Found,
    clause_of: &dyn Fn(Range) -> Range,
) -> Vec<(Range, String)> {
    let mut out = Vec::new();
    for d in &found.dates {
        let clause = clause_of(d.range);
        let rest: String = src[clause.start..d.range.start]
            .chars()
            .chain(src[d.range.end..clause.end].chars())
            .filter(|&c| text::is_ideograph(c))
            .collect();
        if rest.chars().count() <= 4 && !d.has_month {
            // A clause that is a year and little else (到2020年, / 2023年,) sets the horizon.
            if let Some(t) = values::deadline_text(src, sentence, d, true) {
                out.push((d.range, t));
            }
        }
    }
    out
}

/// The deadline of a number at `at`: the last deadline-like date before it in its clause, else
/// the last horizon before it in the sentence.
#[inline(never)]
fn deadline_before(
    src: &str,
    sentence: Range,
    clause: Range,
    at: usize,
    found: &Found,
    horizon: &[(Range, String)],
) -> Option<(Range, String)> {
    let in_clause = found
        .dates
        .iter()
        .filter(|d| d.range.start >= clause.start && d.range.end <= at)
        .filter_map(|d| {
            let between = &src[d.range.end..at];
            let achieved = text::contains_any(between, ACHIEVE_BEFORE);
            values::deadline_text(src, sentence, d, achieved).map(|t| (d.range, t))
        })
        .next_back();
    in_clause.or_else(|| horizon.iter().rfind(|(r, _)| r.end <= at).cloned())
}

/// 比2014年增长40%, 较2015年提高20%, 提高5个百分点: the relative value ending at the number.
fn relative(src: &str, clause: Range, q: &Qty) -> Option<(Range, String)> {
    let from = crate::position::floor_char_boundary(src, q.range.start.saturating_sub(24))
        .max(clause.start);
    for (i, _) in src[from..q.range.start].char_indices() {
        let at = from + i;
        let cand = &src[at..q.range.end];
        if (cand.starts_with(&['比', '较'][..])
            || text::starts_with_any(
                cand,
                &["提高", "增长", "增加", "降低", "下降", "减少", "下调"],
            ))
            && reads(Rule::relative_value, cand)
        {
            return Some((
                Range {
                    start: at,
                    end: q.range.end,
                },
                cand.to_string(),
            ));
        }
    }
    None
}

/// The clause's words without the given ranges and its dates: the item's name.
#[inline(never)]
fn name_without(src: &str, clause: Range, cut: &[Range], found: &Found) -> Option<String> {
    let mut cuts: Vec<Range> = cut.to_vec();
    cuts.extend(
        found
            .dates
            .iter()
            .map(|d| d.range)
            .filter(|r| r.start >= clause.start && r.end <= clause.end),
    );
    cuts.extend(
        found
            .quantities
            .iter()
            .map(|q| q.range)
            .filter(|r| r.start >= clause.start && r.end <= clause.end),
    );
    let mut words = String::new();
    for (i, c) in src[clause.start..clause.end].char_indices() {
        let at = clause.start + i;
        if !cuts.iter().any(|r| r.start <= at && at < r.end) {
            words.push(c);
        }
    }
    name_from(&words, 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(s: &str, situation: bool) -> Vec<String> {
        let r = Range {
            start: 0,
            end: s.len(),
        };
        let found = values::scan(s, r);
        let mut taken = vec![false; found.quantities.len()];
        let got = in_sentence(s, r, &found, &mut taken, situation, None);
        got.targets
            .iter()
            .chain(&got.yearly)
            .map(|t| {
                format!(
                    "{} {} 值{} 期{} {}",
                    t.keyword,
                    t.name,
                    t.value.clone().unwrap_or_default(),
                    t.deadline.clone().unwrap_or_default(),
                    t.breakdown
                        .clone()
                        .map(|b| format!("{}:{}", b.0, b.1))
                        .unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn targets_with_deadlines() {
        assert_eq!(
            targets(
                "到2020年,确保现行标准下232万农村贫困人口实现脱贫,58个贫困县全部摘帽。",
                false
            ),
            [
                "目标 现行标准下农村贫困人口实现脱贫 值232万人 期2020年 ",
                "目标 贫困县全部摘帽 值58个县 期2020年 "
            ]
        );
        assert_eq!(
            targets(
                "2017年完成42万户农村贫困户危房改造,2020年前完成63万贫困户危房改造",
                false
            ),
            [
                "目标 农村贫困户危房改造 值42万户 期2017年 ",
                "目标 贫困户危房改造 值63万户 期2020年前 "
            ]
        );
        assert_eq!(
            targets("到2017年底实现贫困村宽带信息网络全覆盖", false),
            ["目标 贫困村宽带信息网络 值全覆盖 期2017年底 "]
        );
    }

    #[test]
    fn figures_stated_year_by_year_are_a_yearly_breakdown() {
        assert_eq!(
            targets(
                "到2017年年末,完成8个省级贫困县摘帽,80万贫困人口脱贫;到2018年年末,完成10个国家级贫困县摘帽,66万贫困人口脱贫。",
                false
            ),
            [
                "目标 省级贫困县摘帽 值 期 分年度:2017年8个县、2018年10个县",
                "目标 贫困人口脱贫 值 期 分年度:2017年80万人、2018年66万人"
            ]
        );
        // Two years in one part of the sentence are two targets, each with its date.
        assert_eq!(
            targets(
                "2017年完成42万户农村贫困户危房改造,2020年前完成63万贫困户危房改造",
                false
            )
            .len(),
            2
        );
    }

    #[test]
    fn blank_figures_of_a_template_are_no_targets() {
        assert!(targets(
            "2022年,脱贫户家庭人均纯收入分别达元、元以上,年均增长率均达%以上。",
            false
        )
        .is_empty());
        assert!(targets("2025年,年均增长率均达以上。", false).is_empty());
        assert!(!has_blank_figure("确保以上措施落实到位"));
        assert!(!has_blank_figure("确保万无一失"));
    }

    #[test]
    fn coverage_quotes_the_date_it_is_due_by() {
        let s = "到2025年,实现对脱贫户家庭产业帮扶全覆盖。";
        let r = Range {
            start: 0,
            end: s.len(),
        };
        let found = values::scan(s, r);
        let mut taken = vec![false; found.quantities.len()];
        let got = in_sentence(s, r, &found, &mut taken, false, None);
        let quotes: Vec<&str> = got.targets.iter().map(|t| t.quotes[0].of(s)).collect();
        assert_eq!(quotes, ["到2025年,实现对脱贫户家庭产业帮扶全覆盖。"]);
    }

    #[test]
    fn a_carried_horizon_dates_figures_without_their_own() {
        let s = "确保211万农村贫困人口实现脱贫。";
        let r = Range {
            start: 0,
            end: s.len(),
        };
        let found = values::scan(s, r);
        let mut taken = vec![false; found.quantities.len()];
        let horizon = (Range { start: 0, end: 0 }, "2020年".to_string());
        let got = in_sentence(s, r, &found, &mut taken, false, Some(&horizon));
        assert_eq!(got.targets[0].deadline.as_deref(), Some("2020年"));
        assert_eq!(
            got.targets[0].quotes[0].of(s),
            "确保211万农村贫困人口实现脱贫。"
        );
        let opening = "到2020年,稳定实现农村贫困人口不愁吃、不愁穿。";
        let whole = Range {
            start: 0,
            end: opening.len(),
        };
        let found = values::scan(opening, whole);
        let mut taken = vec![false; found.quantities.len()];
        let got = in_sentence(opening, whole, &found, &mut taken, false, None);
        assert_eq!(got.opens_with.map(|h| h.1).as_deref(), Some("2020年"));
        let span = "从2015年到2020年,按照前三年集中攻坚的安排。";
        let whole = Range {
            start: 0,
            end: span.len(),
        };
        let found = values::scan(span, whole);
        let mut taken = vec![false; found.quantities.len()];
        let got = in_sentence(span, whole, &found, &mut taken, false, None);
        assert!(got.opens_with.is_none());
    }

    #[test]
    fn breakdowns() {
        assert_eq!(
            targets("贫困人口脱贫2016年50万、2017年56万、2018年55万。", false),
            ["目标 贫困人口脱贫 值 期 分年度:2016年50万、2017年56万、2018年55万"]
        );
        assert_eq!(
            targets(
                "我镇建档立卡贫困户732户,其中低保贫困户424户;五保贫困户149户",
                true
            ),
            ["现状 我镇建档立卡贫困户 值732户 期 分项:低保贫困户424户、五保贫困户149户"]
        );
    }
}
