//! Concentrated campaigns: a 步骤 that declares its campaign window (`集中期：5月14日至6月10日`,
//! on the 步骤 or on the phase that is the campaign), or its length (`时长：45天`, counted from
//! its first phase), against the phases it holds and the duties of the rest of the plan.
//!
//! - ZC0421: a phase of a 步骤 whose 集中期 is declared runs outside it (a phase that declares
//!   the 集中期 itself must match it). The phases of a 步骤 with 时长 are ZC0406's.
//! - ZC0422 (a note): duties outside the 步骤 (measures, targets) due after the campaign ends.
//!   Plans often keep long-term work beside a short campaign, so this is shown, not warned: the
//!   reader sees what the campaign leaves for later. Measures in the 步骤 itself are ZC0404's.

use super::time::shown;
use super::{measures, schedules, targets, DocCtx};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Severity, Span};
use zhengce_runtime::{show, CivilDate};

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    let mut dated: Option<Dated> = None;
    for (k, s) in schedules(cx.doc).enumerate() {
        let Some(c) = campaign(cx, s) else { continue };
        phases_outside(cx, s, &c, out);
        let dated = dated.get_or_insert_with(|| Dated::collect(cx));
        duties_after(cx, dated, k, &c, out);
    }
}

/// Every dated duty of the document (measures, targets), by due date, with the 步骤 it stands
/// in; and per 步骤, the due dates of its own, so that each campaign finds the duties after it
/// by binary search rather than by a pass over all of them.
struct Dated<'a> {
    /// (what, deadline, due, 步骤), sorted by due date, then position.
    all: Vec<(String, &'a Deadline, CivilDate, Option<usize>)>,
    /// Per 步骤 (by position), its duties' due dates, sorted.
    own: Vec<Vec<CivilDate>>,
}

impl<'a> Dated<'a> {
    fn collect(cx: &DocCtx<'a>) -> Dated<'a> {
        let ms = measures(cx.doc);
        let mut all = Vec::new();
        for m in &ms {
            if let Some(dl) = &m.measure.deadline {
                if let Some(due) = shown::due(cx, dl) {
                    let what = format!("措施「{}」", m.measure.name.text);
                    all.push((what, dl, due, m.schedule_index));
                }
            }
        }
        for t in targets(cx.doc) {
            if let Some(dl) = &t.target.deadline {
                if let Some(due) = shown::due(cx, dl) {
                    let what = format!("{}「{}」", t.target.keyword, t.target.name.text);
                    all.push((
                        what,
                        dl,
                        due,
                        t.measure_index.and_then(|i| ms[i].schedule_index),
                    ));
                }
            }
        }
        zhengce_runtime::sort::sort_by_key(&mut all, |(_, dl, due, _)| (*due, dl.span().start));
        let mut own: Vec<Vec<CivilDate>> = vec![Vec::new(); schedules(cx.doc).count()];
        for (_, _, due, s) in &all {
            if let Some(s) = s {
                own[*s].push(*due);
            }
        }
        Dated { all, own }
    }
}

/// A campaign window with where it is declared and how to name it.
struct Campaign<'a> {
    start: CivilDate,
    end: CivilDate,
    /// The 集中期 clause's window, or 时长.
    declared: Span,
    /// "步骤「集中整改」的集中整治期 2017年4月24日至2017年6月7日".
    shown: String,
    /// The window when it is declared (集中期), with the phase that declares it, if one does.
    explicit: Option<(&'a Window, Option<&'a Phase>)>,
}

fn campaign<'a>(cx: &DocCtx, s: &'a Schedule) -> Option<Campaign<'a>> {
    let declared = s.campaign.as_ref().map(|w| (w, None)).or_else(|| {
        s.phases
            .iter()
            .find_map(|p| p.campaign.as_ref().map(|w| (w, Some(p))))
    });
    if let Some((w, phase)) = declared {
        let (Some(start), Some(end)) = shown::window_days(cx, w) else {
            return None;
        };
        if end < start {
            return None; // ZC0407's
        }
        return Some(Campaign {
            start,
            end,
            declared: w.span,
            shown: format!(
                "步骤「{}」的集中整治期 {}",
                s.name.text,
                shown::window(cx, w)
            ),
            explicit: Some((w, phase)),
        });
    }
    let (start, end, days, span) = shown::campaign(cx, s)?;
    Some(Campaign {
        start,
        end,
        declared: span,
        shown: format!(
            "步骤「{}」的集中整治期(时长{days}天,{})",
            s.name.text,
            show::date_range(start, end)
        ),
        explicit: None,
    })
}

/// ZC0421: phases of a 步骤 with a declared 集中期 that run outside it.
fn phases_outside(cx: &DocCtx, s: &Schedule, c: &Campaign, out: &mut Vec<Diagnostic>) {
    let Some((_, declaring)) = c.explicit else {
        return;
    };
    let phases: Vec<&Phase> = match declaring {
        // The phase that is the campaign: it alone must match it.
        Some(p) => vec![p],
        None => s.phases.iter().collect(),
    };
    for p in phases {
        let (Some(ps), pe) = shown::window_days(cx, &p.window) else {
            continue;
        };
        if pe.is_some_and(|e| e < ps) {
            continue; // ZC0407's
        }
        let mut why = Vec::new();
        if ps < c.start {
            why.push(format!("早{}天开始", ps.days_until(c.start)));
        }
        match pe {
            Some(e) if e > c.end => why.push(format!("晚{}天结束", c.end.days_until(e))),
            None if ps > c.end => why.push(format!(
                "在集中整治期结束{}天后才开始",
                c.end.days_until(ps)
            )),
            _ => {}
        }
        if why.is_empty() {
            continue;
        }
        let d = Diagnostic::warning(
            codes::PHASE_OUTSIDE_CAMPAIGN,
            format!(
                "阶段「{}」的时间 {} 超出{}:{}",
                p.name.text,
                shown::window(cx, &p.window),
                c.shown,
                why.join("、")
            ),
        )
        .primary(cx.file, p.window.span, why.join("、"))
        .secondary(
            cx.file,
            c.declared,
            format!("集中整治期:{}", show::date_range(c.start, c.end)),
        )
        .note("阶段和集中整治期的起止两天都算在期内")
        .help("让阶段落在集中整治期之内,或核对集中整治期的起止日期");
        out.push(d);
    }
}

/// How many late duties a ZC0422 labels one by one.
const MAX_LATE_LABELS: usize = 8;

/// ZC0422: the plan's duties outside the 步骤 that fall due after the campaign.
fn duties_after(
    cx: &DocCtx,
    dated: &Dated,
    schedule: usize,
    c: &Campaign,
    out: &mut Vec<Diagnostic>,
) {
    let after = dated.all.partition_point(|(_, _, due, _)| *due <= c.end);
    let own = &dated.own[schedule];
    let own_after = own.len() - own.partition_point(|due| *due <= c.end);
    let count = dated.all.len() - after - own_after;
    if count == 0 {
        return;
    }
    // The latest first: the ones that reach furthest past the campaign.
    let mut late = dated.all[after..]
        .iter()
        .rev()
        .filter(|(_, _, _, s)| *s != Some(schedule));
    let (last_what, last_dl, last_due, _) = late.next().expect("count > 0");
    let mut d = Diagnostic::new(
        codes::DUTY_AFTER_CAMPAIGN,
        Severity::Note,
        format!(
            "{}到{}结束,而本文件另有{count}项工作的时限在其后,最晚的是{}的 {},晚{}天",
            c.shown,
            c.end,
            last_what,
            shown::deadline(cx, last_dl),
            c.end.days_until(*last_due)
        ),
    )
    .primary(cx.file, c.declared, format!("集中整治期到{}结束", c.end));
    let label = |what: &str, due: CivilDate| format!("{what}:{due},晚{}天", c.end.days_until(due));
    d = d.secondary(cx.file, last_dl.span(), label(last_what, *last_due));
    for (what, dl, due, _) in late.take(MAX_LATE_LABELS - 1) {
        d = d.secondary(cx.file, dl.span(), label(what, *due));
    }
    if count > MAX_LATE_LABELS {
        d = d.note(format!(
            "另有{}项未标出(标出的是最晚到期的{MAX_LATE_LABELS}项)",
            count - MAX_LATE_LABELS
        ));
    }
    d = d
        .note("集中整治期之后到期的工作不在集中整治之内完成;长期坚持、没有日期的工作不计")
        .help(
            "若这些工作属于集中整治,把时限提前到集中整治期之内;若是集中整治之后的常态工作,可不改",
        );
    out.push(d);
}

#[cfg(test)]
mod tests {
    use crate::check::test_support::checked;

    fn run(src: &str) -> Vec<(String, String)> {
        checked(src, |c| matches!(c, "ZC0421" | "ZC0422"))
    }

    const HEADER: &str = "文件《测试》{ 成文日期：2018年5月9日 }\n部门：县扶贫办\n";

    #[test]
    fn a_phase_that_is_the_campaign_and_duties_after_it() {
        let src = format!(
            "{HEADER}措施 甲 {{ 牵头：县扶贫办\n 期限：6月10日前 }}\n措施 乙 {{ 牵头：县扶贫办\n 期限：9月30日前 }}\n措施 丙 {{ 牵头：县扶贫办\n 期限：长期坚持 }}\n步骤 方法步骤 {{\n  阶段 制定方案：5月10日至5月13日\n  阶段 集中整改：5月14日至6月10日 {{ 集中整改期：5月14日至6月10日 }}\n  阶段 督导：6月10日至15日 {{\n    措施 丁 {{ 牵头：县扶贫办\n 期限：6月20日前 }}\n  }}\n}}\n"
        );
        let got = run(&src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "ZC0422");
        assert!(
            got[0]
                .1
                .contains("另有1项工作的时限在其后,最晚的是措施「乙」"),
            "{}",
            got[0].1
        );
    }

    #[test]
    fn phases_of_a_step_outside_its_declared_window() {
        let src = format!(
            "{HEADER}步骤 集中整治 {{\n  集中期：5月10日至6月10日\n  阶段 一：5月10日至5月20日\n  阶段 二：5月21日至6月15日\n}}\n"
        );
        let got = run(&src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "ZC0421");
        assert!(got[0].1.contains("晚5天结束"), "{}", got[0].1);
    }

    #[test]
    fn a_length_gives_the_window_for_duties() {
        let src = format!(
            "{HEADER}目标 甲 {{ 值：5户\n 期限：6月30日前 }}\n步骤 集中整治 {{\n  时长：10天\n  阶段 一：5月10日至5月19日\n}}\n"
        );
        let got = run(&src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.contains("时长10天"), "{}", got[0].1);
    }
}
