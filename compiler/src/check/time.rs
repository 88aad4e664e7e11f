//! Time: deadlines against the document's own dates (成文日期, 发布日期), their parent measure,
//! the phase, campaign and plan period they stand in (a target's as a measure's: a target is a
//! duty too); a target's milestones against its 期限; the phases of a 步骤 against each other and
//! against its declared length; windows and ranges of months that end before they start; and
//! month-day dates whose year cannot be known (the year sources are in `year.rs`).
//!
//! Day counting: a window counts both ends (4月24日~5月1日 is 8 days); a deadline (6月10日前) is
//! the last day allowed; a year (2020年) as a deadline or milestone means by 31 December; a
//! year or month as the start of a window means its first day.

use super::{measures, schedules, standards, targets, DocCtx};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use std::borrow::Cow;
use zhengce_runtime::ir::YearSource;
use zhengce_runtime::{show, CivilDate, UnitAtom};

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    let mut t = Time { cx, out };
    t.year_unknown();
    t.inverted();
    t.deadlines();
    t.children_and_targets();
    t.milestones();
    for s in schedules(cx.doc) {
        t.phases(s);
        t.campaign_length(s);
    }
}

struct Time<'c, 'a> {
    cx: &'c DocCtx<'a>,
    out: &'c mut Vec<Diagnostic>,
}

/// A date as the messages show it, with the day it resolves to (本月底 included): for the
/// editor's hover and inlay hints, so they say what the checks say.
pub(crate) fn shown_date(cx: &DocCtx, d: &DateExpr) -> String {
    Time {
        cx,
        out: &mut Vec::new(),
    }
    .shown_date(d)
}

/// The day a date resolves to as a deadline (本月底 included), as the checks resolve it.
pub(crate) fn resolved_date(cx: &DocCtx, d: &DateExpr) -> Option<CivilDate> {
    Time {
        cx,
        out: &mut Vec::new(),
    }
    .resolve(d)
}

/// How many labels ZC0408 puts on the dates it lists.
const YEARLESS_LABELS: usize = 3;

/// A date as the text wrote it (reconstructed: 6月10日, 2019年底, 5月中旬, 3月至5月, 上半年).
fn written(d: &DateExpr) -> String {
    let mut s = String::new();
    if let Some(y) = d.year {
        s.push_str(&format!("{y}年"));
    }
    if d.this_month {
        s.push_str("本月");
    }
    if let Some(m) = d.month {
        s.push_str(&format!("{m}月"));
    }
    if let Some(u) = d.until_month {
        s.push_str(&format!("至{u}月"));
    }
    if let Some(day) = d.day {
        s.push_str(&format!("{day}日"));
    }
    if let Some(p) = d.part {
        // 年底 and 年初 written without a year or month.
        let bare_year = d.year.is_none() && d.month.is_none() && !d.this_month;
        if bare_year && matches!(p, DatePart::End | DatePart::Start) {
            s.push('年');
        }
        s.push_str(p.word());
    }
    s
}

/// A written date with the day it resolved to, when the text did not name the day itself:
/// "6月10日前(按成文日期的年份即2017年6月10日)", "2019年底(即2019年12月31日)", "2017年11月28日".
/// `year` says where a year the text did not write came from ("发布日期的年份").
fn shown_as(d: &DateExpr, suffix: &str, resolved: Option<CivilDate>, year: &str) -> String {
    let w = format!("{}{suffix}", written(d));
    match resolved {
        Some(r) if d.this_month => format!("{w}(按{year}所在的月份即{r})"),
        Some(r) if d.year.is_none() => format!("{w}(按{year}即{r})"),
        Some(r) if d.day.is_none() => format!("{w}(即{r})"),
        _ => w,
    }
}

/// The first day of a window that starts at `d`: 2015年 starts on 1 January, 5月 on the 1st,
/// 5月中旬 on the 11th, 5月下旬 on the 21st, 3—5月 on 1 March, 下半年 on 1 July; 底 is the last
/// day, as for deadlines.
pub(crate) fn start_of(d: &DateExpr, doc_year: Option<i32>) -> Option<CivilDate> {
    let year = d.year.or(doc_year)?;
    match (d.month, d.day) {
        (Some(m), Some(day)) => CivilDate::from_ymd(year, m, day),
        (Some(m), None) => match d.part {
            Some(DatePart::End) if d.until_month.is_none() => CivilDate::month_end(year, m),
            Some(DatePart::MidMonth) => CivilDate::from_ymd(year, m, 11),
            Some(DatePart::LateMonth) => CivilDate::from_ymd(year, m, 21),
            _ => CivilDate::from_ymd(year, m, 1),
        },
        (None, Some(_)) => None,
        (None, None) => match d.part {
            Some(DatePart::End) => CivilDate::from_ymd(year, 12, 31),
            Some(p) => CivilDate::from_ymd(year, p.months().map_or(1, |(first, _)| first), 1),
            None => CivilDate::from_ymd(year, 1, 1),
        },
    }
}

/// Days from `a` to `b` counting both ends (4月24日~5月1日 is 8).
fn days_inclusive(a: CivilDate, b: CivilDate) -> i64 {
    a.days_until(b) + 1
}

/// A run of computed days: "2017年5月1日" or "2017年5月2日至2017年5月4日".
fn day_run(a: CivilDate, b: CivilDate) -> String {
    if a == b {
        show::date(a)
    } else {
        show::date_range(a, b)
    }
}

fn year_start(y: i32) -> Option<CivilDate> {
    CivilDate::from_ymd(y, 1, 1)
}

fn year_end(y: i32) -> Option<CivilDate> {
    CivilDate::from_ymd(y, 12, 31)
}

/// A 步骤 with 时长: from its first phase's start, `days` days counting both ends.
struct Campaign<'a> {
    schedule: &'a Schedule,
    start: CivilDate,
    end: CivilDate,
    days: i64,
    length_span: Span,
}

/// What a measure binds the sub-measures and targets inside it to: a day, or nothing
/// (长期坚持).
#[derive(Clone, Copy)]
enum Bound<'m> {
    Dated(&'m Measure, CivilDate),
    Open,
}

/// The days a deadline allows, resolved, with how to show it.
/// A deadline to check. What it belongs to and how it reads are written only when a finding
/// needs them: most deadlines are fine, and the check runs on every edit.
struct Due<'d> {
    owner: Owner<'d>,
    deadline: &'d Deadline,
    date: CivilDate,
}

#[derive(Clone, Copy)]
enum Owner<'d> {
    Measure(&'d Measure),
    Target(&'d Target),
}

impl Due<'_> {
    /// 措施「…」, 目标「…」.
    fn what(&self) -> String {
        match self.owner {
            Owner::Measure(m) => format!("措施「{}」", m.name.text),
            Owner::Target(t) => format!("{}「{}」", t.keyword, t.name.text),
        }
    }
}

impl<'c, 'a> Time<'c, 'a> {
    fn file(&self) -> &'a str {
        self.cx.file
    }

    /// 本月底 as a date in the month of the document's 成文日期 (or 发布日期; the shared resolver
    /// leaves it unresolved); any other date as written.
    fn normalized<'d>(&self, d: &'d DateExpr) -> Cow<'d, DateExpr> {
        match (d.this_month, self.cx.anchor()) {
            (true, Some(issued)) => Cow::Owned(DateExpr {
                year: Some(issued.year()),
                month: Some(u8::from(issued.0.month())),
                this_month: false,
                ..d.clone()
            }),
            _ => Cow::Borrowed(d),
        }
    }

    /// A date resolved against the document (本月底 included).
    fn resolve(&self, d: &DateExpr) -> Option<CivilDate> {
        self.cx.resolve(&self.normalized(d))
    }

    /// The last day a deadline allows (本月底 included).
    fn resolve_deadline(&self, d: &Deadline) -> Option<CivilDate> {
        match d {
            Deadline::By { date, .. } => self.resolve(date),
            _ => self.cx.resolve_deadline(d),
        }
    }

    /// Where the document's year comes from, as a message says it: "成文日期的年份"; for 本月底,
    /// whose month is the document's own, the date it is counted from.
    fn year_phrase(&self, d: &DateExpr) -> &'static str {
        if d.this_month {
            return if self.cx.date.is_some() {
                "成文日期"
            } else {
                "发布日期"
            };
        }
        self.cx.year_of.map_or("文件年份", |y| y.source.phrase())
    }

    /// A date as written with the day it resolves to: see [`shown_as`].
    fn shown(&self, d: &DateExpr, suffix: &str) -> String {
        shown_as(d, suffix, self.resolve(d), self.year_phrase(d))
    }

    /// A deadline as written with its resolved day.
    fn shown_deadline(&self, d: &Deadline) -> String {
        match d {
            Deadline::By { date, before, .. } => self.shown(date, if *before { "前" } else { "" }),
            Deadline::WithinYear { .. } => match self.cx.year_of {
                Some(y) => format!("年内(按{}即{}年12月31日)", y.source.phrase(), y.year),
                None => crate::vocabulary::WITHIN_YEAR[0].to_string(),
            },
            Deadline::Ongoing { text, .. } => text.clone(),
            Deadline::Event { event, .. } => format!("「{}」前", event.text),
        }
    }

    /// A date used as a deadline, as written with its resolved day.
    fn shown_date(&self, d: &DateExpr) -> String {
        self.shown(d, "")
    }

    /// A window's first and last day (the last is `None` for 从5月2日开始).
    fn window_days(&self, w: &Window) -> (Option<CivilDate>, Option<CivilDate>) {
        (
            start_of(&self.normalized(&w.start), self.cx.year),
            w.end.as_ref().and_then(|e| self.resolve(e)),
        )
    }

    /// A window as written with its resolved days:
    /// "4月24日~5月1日(按成文日期的年份即2017年4月24日~2017年5月1日)"; a window that is one
    /// stretch (9月, 上半年) is written once: "9月(按成文日期的年份即2018年9月1日~2018年9月30日)".
    fn shown_window(&self, w: &Window) -> String {
        let (s, e) = self.window_days(w);
        let year = self.year_phrase(&w.start);
        match &w.end {
            None => format!("从{}开始", shown_as(&w.start, "", s, year)),
            Some(end) => {
                let (ws, we) = (written(&w.start), written(end));
                let whole = end.span == w.start.span;
                let both = if whole { ws } else { format!("{ws}~{we}") };
                match (s, e) {
                    (Some(s), Some(e)) if w.start.year.is_none() && end.year.is_none() => {
                        format!("{both}(按{year}即{s}~{e})")
                    }
                    (Some(s), Some(e)) if whole || w.start.day.is_none() || end.day.is_none() => {
                        format!("{both}(即{s}~{e})")
                    }
                    _ => format!(
                        "{}~{}",
                        shown_as(&w.start, "", s, year),
                        shown_as(end, "", e, year)
                    ),
                }
            }
        }
    }

    // ───────────── ZC0408 ─────────────

    /// Dates written without their year in a document that states its year nowhere: not in its
    /// 成文日期, 文号, 发布日期, a one-year 期间, its dated months or its title.
    fn year_unknown(&mut self) {
        if self.cx.year.is_some() {
            return;
        }
        let mut found: Vec<(Span, String)> = dates(self.cx.doc)
            .into_iter()
            .filter(|d| d.year.is_none())
            .map(|d| (d.span, written(d)))
            .collect();
        found.extend(
            within_year_spans(self.cx.doc)
                .into_iter()
                .map(|span| (span, crate::vocabulary::WITHIN_YEAR[0].to_string())),
        );
        if found.is_empty() {
            return;
        }
        zhengce_runtime::sort::sort_by_key(&mut found, |(span, _)| (span.start, span.end));
        let n = found.len();
        let first = &found[0];
        let header = self.cx.header;
        let header_date = header.and_then(|h| h.date.as_ref());
        let message = format!(
            "文件没有写明年份(成文日期、文号、发布日期、期间和标题中都没有),{n}处只写了月日的日期(如「{}」)无法确定是哪一年",
            first.1
        );
        let mut d = Diagnostic::warning(codes::YEAR_UNKNOWN, message).primary(
            self.file(),
            first.0,
            "不知是哪一年",
        );
        for (span, _) in found.iter().skip(1).take(YEARLESS_LABELS - 1) {
            d = d.secondary(self.file(), *span, "同样没有年份");
        }
        if n > YEARLESS_LABELS {
            d = d.note(format!("另有{}处未标出", n - YEARLESS_LABELS));
        }
        d = d.note("这些日期不参与时限的检查(早于印发、晚于上级、超出阶段等)");
        d = match (header, header_date) {
            (Some(_), Some(date)) => d.help(format!(
                "给文件头的成文日期「{}」写上年份,如「成文日期：2018年{}」",
                written(date),
                written(date)
            )),
            (Some(h), None) => d
                .secondary(self.file(), h.title.span, "文件头没有成文日期")
                .help("在「文件《…》{ … }」中写上成文日期(如「成文日期：2018年5月9日」)、发布日期或文号;或给这些日期写上年份"),
            (None, _) => d.help(
                "在文件开头写文件头「文件《标题》{ 成文日期：2018年5月9日 }」;或给这些日期写上年份",
            ),
        };
        self.out.push(d);
    }

    // ───────────── ZC0407 ─────────────

    /// Windows, periods and annual rates whose start is after their end.
    fn inverted(&mut self) {
        let doc = self.cx.doc;
        if let Some(p) = self.cx.header.and_then(|h| h.period.as_ref()) {
            self.period_inverted("文件的期间", p);
        }
        for s in standards(doc) {
            if let Some(p) = &s.validity {
                self.period_inverted(&format!("{}「{}」的有效期", s.keyword, s.name.text), p);
            }
        }
        for t in targets(doc) {
            if let Some(p) = &t.target.period {
                let what = format!("{}「{}」的期间", t.target.keyword, t.target.name.text);
                self.period_inverted(&what, p);
            }
            let Some(rate) = &t.target.rate else { continue };
            let (Some(from), Some(to)) = (&rate.from_year, &rate.to_year) else {
                continue;
            };
            if from.year > to.year {
                let d = Diagnostic::error(
                    codes::PERIOD_INVERTED,
                    format!(
                        "{}「{}」的每年数量从{}年起、到{}年止,起始晚于结束",
                        t.target.keyword, t.target.name.text, from.year, to.year
                    ),
                )
                .primary(
                    self.file(),
                    to.span,
                    format!("起始{}年晚于结束{}年", from.year, to.year),
                )
                .help(format!(
                    "检查年份是否写反,应为「{}年至{}年」",
                    to.year, from.year
                ));
                self.out.push(d);
            }
        }
        for s in schedules(doc) {
            for p in &s.phases {
                self.window_inverted(s, p);
            }
        }
        for d in dates(doc) {
            self.months_inverted(d);
        }
    }

    /// 5—3月: a range of months whose first month comes after its last.
    fn months_inverted(&mut self, d: &DateExpr) {
        let (Some(first), Some(last)) = (d.month, d.until_month) else {
            return;
        };
        if first <= last {
            return;
        }
        let d = Diagnostic::error(
            codes::PERIOD_INVERTED,
            format!("月份区间「{}」起始晚于结束", written(d)),
        )
        .primary(self.file(), d.span, format!("{first}月在{last}月之后"))
        .help(format!(
            "检查月份是否写反,应为「{last}月至{first}月」;跨年的区间请写成两个带年份的日期,如「2018年11月~2019年2月」"
        ));
        self.out.push(d);
    }

    fn period_inverted(&mut self, what: &str, p: &Period) {
        if p.from_year <= p.to_year {
            return;
        }
        let d = Diagnostic::error(
            codes::PERIOD_INVERTED,
            format!("{what}「{}年至{}年」起始晚于结束", p.from_year, p.to_year),
        )
        .primary(
            self.file(),
            p.span,
            format!("{}年在{}年之后", p.from_year, p.to_year),
        )
        .help(format!(
            "检查年份是否写反,应为「{}年至{}年」",
            p.to_year, p.from_year
        ));
        self.out.push(d);
    }

    /// The phase's days, or the days it would have in a leap year when neither end has a year
    /// and the document gives none (an inverted window is inverted in any year).
    fn phase_days(&self, w: &Window) -> Option<(CivilDate, CivilDate)> {
        let end = w.end.as_ref()?;
        if let (Some(s), Some(e)) = self.window_days(w) {
            return Some((s, e));
        }
        if w.start.year.is_none() && end.year.is_none() {
            let s = start_of(&w.start, Some(2000))?;
            let e = super::resolve_date(end, Some(2000))?;
            return Some((s, e));
        }
        None
    }

    fn window_inverted(&mut self, s: &Schedule, p: &Phase) {
        let Some(end) = &p.window.end else { return };
        if end.span == p.window.start.span {
            return; // one stretch (5—3月): `months_inverted` reports it
        }
        let Some((start_day, end_day)) = self.phase_days(&p.window) else {
            return;
        };
        if start_day <= end_day {
            return;
        }
        let known = self.cx.year.is_some() || p.window.start.year.is_some();
        let (ls, le) = if known {
            (format!("开始:{start_day}"), format!("结束:{end_day}"))
        } else {
            (
                format!("开始:{}", written(&p.window.start)),
                format!("结束:{}", written(end)),
            )
        };
        let d = Diagnostic::error(
            codes::PERIOD_INVERTED,
            format!(
                "步骤「{}」的阶段「{}」时间 {} 起始晚于结束",
                s.name.text,
                p.name.text,
                self.shown_window(&p.window)
            ),
        )
        .primary(self.file(), end.span, format!("{le},早于开始"))
        .secondary(self.file(), p.window.start.span, ls)
        .help("检查起止日期是否写反,或月份是否写错");
        self.out.push(d);
    }

    // ───────────── ZC0401, ZC0404 ─────────────

    /// Each deadline against the document's dates, then against the narrowest window it stands
    /// in: its phase, its campaign, the plan period. A target stated in a measure stands where
    /// the measure does. One report per deadline.
    fn deadlines(&mut self) {
        let doc = self.cx.doc;
        // By position among the schedules.
        let campaigns: Vec<_> = schedules(doc).map(|s| self.campaign(s)).collect();
        let walked = measures(doc);
        let mut dues: Vec<(Due, Option<usize>)> = Vec::new();
        for (k, m) in walked.iter().enumerate() {
            let owner = Owner::Measure(m.measure);
            dues.extend(self.due(owner, &m.measure.deadline).map(|d| (d, Some(k))));
        }
        for t in targets(doc) {
            let owner = Owner::Target(t.target);
            dues.extend(
                self.due(owner, &t.target.deadline)
                    .map(|d| (d, t.measure_index)),
            );
        }
        for (due, at) in dues {
            if self.before_issue(&due) {
                continue;
            }
            let around = at.map(|k| walked[k]);
            if let Some(p) = around.and_then(|m| m.phase) {
                if self.outside_phase(&due, p) {
                    continue;
                }
            }
            let campaign = around
                .and_then(|m| m.schedule_index)
                .and_then(|k| campaigns[k].as_ref());
            if let Some(c) = campaign {
                if self.outside_campaign(&due, c) {
                    continue;
                }
            }
            self.outside_period(&due);
        }
    }

    fn due<'d>(&self, owner: Owner<'d>, deadline: &'d Option<Deadline>) -> Option<Due<'d>> {
        let deadline = deadline.as_ref()?;
        let date = self.resolve_deadline(deadline)?;
        Some(Due {
            owner,
            deadline,
            date,
        })
    }

    /// ZC0401 (before the 成文日期) or ZC0409 (before the 发布日期): due before the document was
    /// issued or published.
    fn before_issue(&mut self, due: &Due) -> bool {
        let header = self.cx.header;
        if let (Some(issued), Some(header_date)) =
            (self.cx.date, header.and_then(|h| h.date.as_ref()))
        {
            if due.date < issued {
                self.issued_late(due, issued, header_date);
                return true;
            }
        }
        if let (Some(published), Some(header_date)) =
            (self.cx.published, header.and_then(|h| h.published.as_ref()))
        {
            if due.date < published {
                self.published_late(due, published, header_date);
                return true;
            }
        }
        false
    }

    /// Whether a deadline's date was written without its year.
    fn yearless(due: &Due) -> bool {
        matches!(due.deadline, Deadline::By { date, .. } if date.year.is_none())
            || matches!(due.deadline, Deadline::WithinYear { .. })
    }

    fn issued_late(&mut self, due: &Due, issued: CivilDate, header_date: &DateExpr) {
        let late = due.date.days_until(issued);
        let mut d = Diagnostic::error(
            codes::DEADLINE_BEFORE_ISSUE,
            format!(
                "{}的时限 {} 早于文件的成文日期 {},印发时已逾期{late}天",
                due.what(),
                self.shown_deadline(due.deadline),
                self.shown_date(header_date)
            ),
        )
        .primary(
            self.file(),
            due.deadline.span(),
            format!("时限:{}", due.date),
        )
        .secondary(self.file(), header_date.span, format!("成文日期:{issued}"))
        .note(format!("从时限{}到成文日期{issued}相差{late}天", due.date));
        d = if Self::yearless(due) {
            d.note(format!(
                "时限没有写年份,按成文日期的年份{}年理解",
                issued.year()
            ))
            .help(format!(
                "若指的是{}年,请写明年份;否则核对月日是否写错",
                issued.year() + 1
            ))
        } else {
            d.help("核对时限的年份和月日;若是补发的文件,请改写为印发后的实际完成时限")
        };
        self.out.push(d);
    }

    fn published_late(&mut self, due: &Due, published: CivilDate, header_date: &DateExpr) {
        let late = due.date.days_until(published);
        let mut d = Diagnostic::new(
            codes::DEADLINE_BEFORE_PUBLICATION,
            crate::Severity::Note,
            format!(
                "{}的时限 {} 早于文件的发布日期 {},发布时已逾期{late}天",
                due.what(),
                self.shown_deadline(due.deadline),
                self.shown_date(header_date)
            ),
        )
        .primary(
            self.file(),
            due.deadline.span(),
            format!("时限:{}", due.date),
        )
        .secondary(
            self.file(),
            header_date.span,
            format!("发布日期:{published}"),
        )
        .note(format!(
            "从时限{}到发布日期{published}相差{late}天",
            due.date
        ));
        d = match self.cx.date {
            Some(issued) => d.note(format!(
                "成文日期{issued}时尚未到期:文件成文后{}天才发布",
                issued.days_until(published)
            )),
            None => d.note("文件没有写成文日期;若成文早于发布,请写上成文日期"),
        };
        if Self::yearless(due)
            && self
                .cx
                .year_of
                .is_some_and(|y| y.source == YearSource::Published)
        {
            d = d.note(format!(
                "时限没有写年份,按发布日期的年份{}年理解",
                published.year()
            ));
        }
        d = d.help("读者见到文件时这项工作已经逾期:核对时限;发布时已过的时限应改为发布后的实际完成时限,或写明已完成(「完成：日期」)");
        self.out.push(d);
    }

    /// ZC0404: a measure in a phase due outside the phase's window.
    fn outside_phase(&mut self, due: &Due, p: &Phase) -> bool {
        let (Some(start), end) = self.window_days(&p.window) else {
            return false;
        };
        if end.is_some_and(|e| e < start) {
            return false; // ZC0407
        }
        let (label, side) = if due.date < start {
            (
                format!("早于阶段开始{}天", due.date.days_until(start)),
                format!("阶段从{start}开始"),
            )
        } else if let Some(e) = end.filter(|e| due.date > *e) {
            (
                format!("晚于阶段结束{}天", e.days_until(due.date)),
                format!("阶段到{e}结束"),
            )
        } else {
            return false;
        };
        let d = Diagnostic::warning(
            codes::DEADLINE_OUTSIDE_WINDOW,
            format!(
                "{}的时限 {} 在所属阶段「{}」的时间 {} 之外",
                due.what(),
                self.shown_deadline(due.deadline),
                p.name.text,
                self.shown_window(&p.window)
            ),
        )
        .primary(self.file(), due.deadline.span(), label)
        .secondary(self.file(), p.window.span, side)
        .note("阶段的起止两天都算在阶段之内")
        .help("把时限改到阶段之内,或把这项工作移到它实际所属的阶段");
        self.out.push(d);
        true
    }

    /// The campaign of a 步骤 with 时长 in days.
    fn campaign<'s>(&self, s: &'s Schedule) -> Option<Campaign<'s>> {
        let length = s.length.as_ref()?;
        let days = length_in_days(length)?;
        let start = s
            .phases
            .iter()
            .filter_map(|p| {
                let (st, e) = self.window_days(&p.window);
                match (st, e) {
                    (Some(st), Some(e)) if e < st => None,
                    (st, _) => st,
                }
            })
            .min()?;
        Some(Campaign {
            schedule: s,
            start,
            end: start.plus_days(days - 1),
            days,
            length_span: length.span,
        })
    }

    /// ZC0404: a measure of a 步骤 with 时长 due outside the campaign.
    fn outside_campaign(&mut self, due: &Due, c: &Campaign) -> bool {
        let label = if due.date < c.start {
            format!("早于集中整治开始{}天", due.date.days_until(c.start))
        } else if due.date > c.end {
            format!("晚于集中整治结束{}天", c.end.days_until(due.date))
        } else {
            return false;
        };
        let d = Diagnostic::warning(
            codes::DEADLINE_OUTSIDE_WINDOW,
            format!(
                "{}的时限 {} 在步骤「{}」的集中整治期 {} 之外",
                due.what(),
                self.shown_deadline(due.deadline),
                c.schedule.name.text,
                day_run(c.start, c.end)
            ),
        )
        .primary(self.file(), due.deadline.span(), label)
        .secondary(
            self.file(),
            c.length_span,
            format!("时长{}天,到{}结束", c.days, c.end),
        )
        .note(format!(
            "集中整治期从第一个阶段开始的{}算起,时长{}天,首尾两天都计入,即到{}为止",
            c.start, c.days, c.end
        ))
        .help("把时限改到集中整治期之内,或核对步骤的时长");
        self.out.push(d);
        true
    }

    /// ZC0404: due outside the document's 期间.
    fn outside_period(&mut self, due: &Due) {
        let Some(p) = self.cx.header.and_then(|h| h.period.as_ref()) else {
            return;
        };
        if p.from_year > p.to_year {
            return; // ZC0407
        }
        let (Some(start), Some(end)) = (year_start(p.from_year), year_end(p.to_year)) else {
            return;
        };
        let label = if due.date < start {
            format!("早于期间开始的{start}")
        } else if due.date > end {
            format!("晚于期间结束的{end}")
        } else {
            return;
        };
        let d = Diagnostic::warning(
            codes::DEADLINE_OUTSIDE_WINDOW,
            format!(
                "{}的时限 {} 在文件的期间 {} 之外",
                due.what(),
                self.shown_deadline(due.deadline),
                show::years(Some(p.from_year), Some(p.to_year))
            ),
        )
        .primary(self.file(), due.deadline.span(), label)
        .secondary(
            self.file(),
            p.span,
            format!("期间:{}", show::date_range(start, end)),
        )
        .note(format!(
            "期间按整年计,首尾两年都计入:{}即{}",
            show::years(Some(p.from_year), Some(p.to_year)),
            show::date_range(start, end)
        ))
        .help("核对时限的年份;若这项工作确在期间之外完成,请调整文件的期间");
        self.out.push(d);
    }

    // ───────────── ZC0402, ZC0410 ─────────────

    /// Sub-measures (ZC0402) and targets (ZC0410) due after the nearest enclosing measure that
    /// states a deadline.
    fn children_and_targets(&mut self) {
        let doc = self.cx.doc;
        // What each measure binds what it contains to: its own deadline, else what binds it.
        // By position in the list of measures.
        let mut binds: Vec<Option<Bound>> = Vec::new();
        for m in measures(doc) {
            let inherited = m.parent_index.and_then(|p| binds[p]);
            let own = match &m.measure.deadline {
                Some(Deadline::Ongoing { .. }) => Some(Bound::Open),
                Some(dl) => self
                    .resolve_deadline(dl)
                    .map(|d| Bound::Dated(m.measure, d)),
                None => None,
            };
            if let (Some(Bound::Dated(parent, pd)), Some(dl)) = (inherited, &m.measure.deadline) {
                let what = || format!("子措施「{}」", m.measure.name.text);
                self.inside_measure(codes::CHILD_AFTER_PARENT, &what, dl, parent, pd);
            }
            binds.push(own.or(inherited));
        }
        for t in targets(doc) {
            let (Some(k), Some(dl)) = (t.measure_index, &t.target.deadline) else {
                continue;
            };
            if let Some(Bound::Dated(measure, md)) = binds[k] {
                let what = || format!("{}「{}」", t.target.keyword, t.target.name.text);
                self.inside_measure(codes::TARGET_AFTER_MEASURE, &what, dl, measure, md);
            }
        }
    }

    /// A deadline `dl` of `what` (a sub-measure or a target) inside `parent`, due on
    /// `parent_due`: later, or open-ended, is reported under `code`.
    fn inside_measure(
        &mut self,
        code: &'static str,
        what: &dyn Fn() -> String,
        dl: &Deadline,
        parent: &Measure,
        parent_due: CivilDate,
    ) {
        let Some(pdl) = &parent.deadline else { return };
        let child = code == codes::CHILD_AFTER_PARENT;
        let above = if child {
            "上级措施"
        } else {
            "所在措施"
        };
        // Written only for a finding: the check runs on every edit.
        let parent_shown = || self.shown_deadline(pdl);
        let report = |message: String| {
            if child {
                Diagnostic::error(code, message)
            } else {
                Diagnostic::warning(code, message)
            }
        };
        let d = match dl {
            Deadline::Ongoing { text, .. } => report(format!(
                "{}的{}为「{text}」,没有截止日期,而{above}「{}」须在 {} 完成",
                what(),
                if child { "时限" } else { "期限" },
                parent.name.text,
                parent_shown()
            ))
            .primary(self.file(), dl.span(), "没有截止日期")
            .secondary(self.file(), pdl.span(), format!("{above}时限:{parent_due}"))
            .help(format!(
                "写明不晚于{parent_due}的时限;若这项工作确需长期坚持,把{above}也改为长期坚持"
            )),
            _ => {
                let Some(due) = self.resolve_deadline(dl) else {
                    return;
                };
                if due <= parent_due {
                    return;
                }
                let late = parent_due.days_until(due);
                let noun = if child { "时限" } else { "期限" };
                let mut d = report(format!(
                    "{}的{noun} {} 晚于{above}「{}」的时限 {},晚{late}天",
                    what(),
                    self.shown_deadline(dl),
                    parent.name.text,
                    parent_shown()
                ))
                .primary(self.file(), dl.span(), format!("时限:{due}"))
                .secondary(
                    self.file(),
                    pdl.span(),
                    format!("{above}时限:{parent_due}"),
                );
                d = if child {
                    d.help("把子措施的时限提前到上级时限之内,或相应推迟上级措施的时限")
                } else {
                    d.note("目标是措施要达到的结果:措施到期时,它的目标也应达到")
                        .help("把目标的期限提前到措施的时限之内,或推迟措施的时限;若目标只是年度总目标,把它写在措施之外")
                };
                d
            }
        };
        self.out.push(d);
    }

    // ───────────── ZC0403 ─────────────

    /// A target's milestones (累计, 节点, 分年度 years) after its 期限.
    fn milestones(&mut self) {
        for t in targets(self.cx.doc) {
            let target = t.target;
            let Some(dl) = &target.deadline else { continue };
            let Some(due) = self.resolve_deadline(dl) else {
                continue;
            };
            let lists = [
                ("累计", &target.milestones),
                ("节点", &target.levels),
                ("分年度", &target.breakdown),
            ];
            for (kind, list) in lists {
                let Some(list) = list else { continue };
                for part in &list.parts {
                    let PartKey::Year { year, suffix, span } = &part.key else {
                        continue;
                    };
                    let Some(by) = year_end(*year) else { continue };
                    if by <= due {
                        continue;
                    }
                    let key = format!("{year}年{}", suffix.as_deref().unwrap_or(""));
                    let d = Diagnostic::error(
                        codes::MILESTONE_AFTER_DEADLINE,
                        format!(
                            "{}「{}」的{kind}「{key}{}」(即{by}前)晚于期限 {}",
                            target.keyword,
                            target.name.text,
                            part.quantity.quantity,
                            self.shown_deadline(dl)
                        ),
                    )
                    .primary(self.file(), *span, format!("{by}前"))
                    .secondary(self.file(), dl.span(), format!("目标期限:{due}"))
                    .note(format!("写作年份的节点按该年12月31日计:{year}年即{by}前"))
                    .help(format!(
                        "核对节点的年份;若目标确在{year}年才完成,把期限改为{year}年"
                    ));
                    self.out.push(d);
                }
            }
        }
    }

    // ───────────── ZC0405 ─────────────

    /// Dated phases of one 步骤, sorted by start: overlaps and gaps between consecutive ones.
    fn phases(&mut self, s: &Schedule) {
        let mut dated: Vec<(CivilDate, CivilDate, &Phase)> = Vec::new();
        let mut open: Vec<&Phase> = Vec::new();
        for p in &s.phases {
            if p.window.end.is_none() {
                open.push(p);
                continue;
            }
            if let (Some(st), Some(e)) = self.window_days(&p.window) {
                if st <= e {
                    dated.push((st, e, p));
                }
            }
        }
        zhengce_runtime::sort::sort_by_key(&mut dated, |(st, e, _)| (*st, *e));
        let open_note = (!open.is_empty()).then(|| {
            let names: Vec<String> = open
                .iter()
                .map(|p| format!("「{}」", p.name.text))
                .collect();
            format!(
                "{}只有开始日期,与其他阶段并行,不参与重叠和空档的检查",
                names.join("、")
            )
        });
        // The phase reaching furthest so far.
        let mut reach: Option<(CivilDate, &Phase)> = None;
        for (st, e, p) in dated {
            if let Some((prev_end, prev)) = reach {
                if st <= prev_end {
                    let shared_end = e.min(prev_end);
                    let n = days_inclusive(st, shared_end);
                    let mut d = self.phase_warning(
                        format!(
                            "步骤「{}」中,阶段「{}」的时间 {} 与阶段「{}」的时间 {} 重叠:{}共{n}天同属两个阶段",
                            s.name.text,
                            p.name.text,
                            self.shown_window(&p.window),
                            prev.name.text,
                            self.shown_window(&prev.window),
                            day_run(st, shared_end)
                        ),
                        (p, format!("从{st}开始")),
                        (prev, format!("到{prev_end}才结束")),
                    );
                    if n == 1 && st == prev_end {
                        // A phase starting on the day the previous one ends is how plans write
                        // a handover, not an overlap a drafter must fix: a note of its own code,
                        // so a project's level for ZC0405 does not reach it.
                        d.code = codes::PHASE_HANDOVER.to_string();
                        d.severity = crate::Severity::Note;
                        d = d.note("同一天交接是常见写法;若本意不是交接,让后一阶段从前一阶段结束的次日开始");
                    }
                    if let Some(n) = &open_note {
                        d = d.note(n.clone());
                    }
                    d = d.help(format!(
                        "让「{}」从{}开始,或把「{}」的结束日期提前到{}",
                        p.name.text,
                        prev_end.plus_days(1),
                        prev.name.text,
                        st.plus_days(-1)
                    ));
                    self.out.push(d);
                } else if prev_end.days_until(st) > 1 {
                    let (gap_start, gap_end) = (prev_end.plus_days(1), st.plus_days(-1));
                    let n = days_inclusive(gap_start, gap_end);
                    let mut d = self.phase_warning(
                        format!(
                            "步骤「{}」中,阶段「{}」的时间 {} 结束后,阶段「{}」的时间 {} 才开始:{}共{n}天不属于任何阶段",
                            s.name.text,
                            prev.name.text,
                            self.shown_window(&prev.window),
                            p.name.text,
                            self.shown_window(&p.window),
                            day_run(gap_start, gap_end)
                        ),
                        (p, format!("从{st}才开始")),
                        (prev, format!("到{prev_end}结束")),
                    );
                    if let Some(n) = &open_note {
                        d = d.note(n.clone());
                    }
                    d = d.help(format!(
                        "让「{}」从{gap_start}开始,或为空档的日期另设一个阶段",
                        p.name.text
                    ));
                    self.out.push(d);
                }
            }
            match reach {
                Some((prev_end, _)) if prev_end >= e => {}
                _ => reach = Some((e, p)),
            }
        }
    }

    /// A ZC0405 overlap or gap: the later phase's window is primary, the earlier one's
    /// secondary, each with its label.
    fn phase_warning(
        &self,
        message: String,
        (later, later_label): (&Phase, String),
        (earlier, earlier_label): (&Phase, String),
    ) -> Diagnostic {
        Diagnostic::warning(codes::PHASES_OVERLAP_OR_GAP, message)
            .primary(self.file(), later.window.span, later_label)
            .secondary(self.file(), earlier.window.span, earlier_label)
            .note("阶段的起止两天都算在阶段之内(4月24日~5月1日为8天)")
    }

    // ───────────── ZC0406 ─────────────

    /// A 步骤's 时长 against the span of its dated phases, both ends counted.
    fn campaign_length(&mut self, s: &Schedule) {
        let Some(length) = &s.length else { return };
        let Some(declared) = length_in_days(length) else {
            return;
        };
        let mut first: Option<(CivilDate, &Phase)> = None;
        let mut last: Option<(CivilDate, &Phase)> = None;
        for p in &s.phases {
            if p.window.end.is_none() {
                continue;
            }
            let (Some(st), Some(e)) = self.window_days(&p.window) else {
                continue;
            };
            if st > e {
                continue;
            }
            match first {
                Some((f, _)) if f <= st => {}
                _ => first = Some((st, p)),
            }
            match last {
                Some((l, _)) if l >= e => {}
                _ => last = Some((e, p)),
            }
        }
        let (Some((st, fp)), Some((e, lp))) = (first, last) else {
            return;
        };
        let span_days = days_inclusive(st, e);
        if span_days == declared {
            return;
        }
        let (ws, we) = (
            fp.window.start.clone(),
            lp.window.end.clone().expect("dated phase"),
        );
        let year = self.year_phrase(&ws);
        let from_to = if ws.year.is_none() && we.year.is_none() {
            format!("从{}到{}(按{year}即{st}到{e})", written(&ws), written(&we))
        } else {
            format!(
                "从{}到{}",
                shown_as(&ws, "", Some(st), year),
                shown_as(&we, "", Some(e), year)
            )
        };
        let without_first = span_days - 1;
        let mut d = Diagnostic::warning(
            codes::CAMPAIGN_LENGTH,
            format!(
                "步骤「{}」声明时长{declared}天,但阶段{from_to},首尾两天都计入,共{span_days}天,与声明的{declared}天不符",
                s.name.text
            ),
        )
        .primary(self.file(), length.span, format!("声明{declared}天"))
        .secondary(self.file(), ws.span, format!("第一个阶段从{st}开始"))
        .secondary(self.file(), we.span, format!("最后一个阶段到{e}结束"));
        d = if without_first == declared {
            d.note(format!(
                "若不计首日,则为{without_first}天,恰与声明相同:文件可能是这样计算的;本检查按首尾两天都计入"
            ))
        } else {
            d.note(format!(
                "若不计首日,则为{without_first}天,也与声明的{declared}天不符"
            ))
        };
        d = d
            .note("只带开始日期的阶段(从…开始)不计入跨度")
            .help(format!(
                "把时长改为{span_days}天,或调整各阶段的起止日期使其共{declared}天"
            ));
        self.out.push(d);
    }
}

/// What other checks show and count of dates the way this module does (one way of writing a
/// resolved date in every message).
pub(crate) mod shown {
    use super::{Campaign, Time};
    use crate::ast::{Deadline, Schedule, Window};
    use crate::check::DocCtx;
    use crate::diagnostic::Span;
    use zhengce_runtime::CivilDate;

    /// A deadline as written with the day it resolved to: "6月10日前(按文件年份即2018年6月10日)".
    pub(crate) fn deadline(cx: &DocCtx, d: &Deadline) -> String {
        Time {
            cx,
            out: &mut Vec::new(),
        }
        .shown_deadline(d)
    }

    /// The last day a deadline allows (本月底 included).
    pub(crate) fn due(cx: &DocCtx, d: &Deadline) -> Option<CivilDate> {
        Time {
            cx,
            out: &mut Vec::new(),
        }
        .resolve_deadline(d)
    }

    /// A window's first and last day (the last is `None` for 从5月2日开始).
    pub(crate) fn window_days(cx: &DocCtx, w: &Window) -> (Option<CivilDate>, Option<CivilDate>) {
        Time {
            cx,
            out: &mut Vec::new(),
        }
        .window_days(w)
    }

    /// A window as written with its resolved days.
    pub(crate) fn window(cx: &DocCtx, w: &Window) -> String {
        Time {
            cx,
            out: &mut Vec::new(),
        }
        .shown_window(w)
    }

    /// A 步骤's campaign from its 时长: first day, last day, days, and where 时长 is written.
    pub(crate) fn campaign(cx: &DocCtx, s: &Schedule) -> Option<(CivilDate, CivilDate, i64, Span)> {
        let c: Campaign = Time {
            cx,
            out: &mut Vec::new(),
        }
        .campaign(s)?;
        Some((c.start, c.end, c.days, c.length_span))
    }
}

/// 时长 in whole days (45天); `None` for another unit or a fraction.
fn length_in_days(q: &QuantityLit) -> Option<i64> {
    let unit_ok = match &q.quantity.unit {
        None => true,
        Some(u) => u.atom == UnitAtom::Day && u.per.is_empty(),
    };
    if !unit_ok
        || !q.quantity.value.fract().is_zero()
        || q.quantity.value <= rust_decimal::Decimal::ZERO
    {
        return None;
    }
    i64::try_from(q.quantity.value).ok()
}

/// Every date written in the document.
fn dates(doc: &Document) -> Vec<&DateExpr> {
    let mut out: Vec<&DateExpr> = Vec::new();
    for item in &doc.items {
        if let Item::Header(h) = item {
            out.extend([&h.date, &h.published, &h.effective].into_iter().flatten());
            for r in h.basis.iter().chain(&h.repeals) {
                out.extend(r.date.as_ref());
            }
        }
    }
    for m in measures(doc) {
        out.extend(m.measure.deadline.as_ref().and_then(Deadline::date));
        out.extend(m.measure.completed.as_ref());
    }
    for t in targets(doc) {
        out.extend(t.target.deadline.as_ref().and_then(Deadline::date));
    }
    for s in standards(doc) {
        out.extend(s.since.as_ref());
    }
    for s in schedules(doc) {
        for p in &s.phases {
            out.push(&p.window.start);
            // A whole stretch (9月) is one date, written once.
            out.extend(
                p.window
                    .end
                    .as_ref()
                    .filter(|e| e.span != p.window.start.span),
            );
        }
    }
    for e in super::examples(doc) {
        match &e.query {
            ExampleQuery::Due { as_of, .. } => out.push(as_of),
            ExampleQuery::Progress { as_of: Some(d), .. } => out.push(d),
            _ => {}
        }
        for g in &e.given {
            if let FactLiteral::Date(d) = &g.value {
                out.push(d);
            }
        }
        if let Some(Expectation::Date(d)) = &e.expect {
            out.push(d);
        }
    }
    out
}

/// Every 年内 deadline's span.
fn within_year_spans(doc: &Document) -> Vec<Span> {
    let within = |dl: &Option<Deadline>| match dl {
        Some(Deadline::WithinYear { span }) => Some(*span),
        _ => None,
    };
    let mut out: Vec<Span> = measures(doc)
        .iter()
        .filter_map(|m| within(&m.measure.deadline))
        .collect();
    out.extend(
        targets(doc)
            .iter()
            .filter_map(|t| within(&t.target.deadline)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::{checked, date};

    fn codes_of(src: &str) -> Vec<(String, String)> {
        checked(src, |code| code.starts_with("ZC04"))
    }

    const HEADER: &str = "文件《测试》{\n  成文日期：2017年5月3日\n  期间：2017年至2020年\n}\n";

    #[test]
    fn written_dates_show_their_resolution() {
        let d = date(None, Some(6), Some(10), None);
        let r = CivilDate::from_ymd(2017, 6, 10);
        assert_eq!(
            shown_as(&d, "前", r, "发布日期的年份"),
            "6月10日前(按发布日期的年份即2017年6月10日)"
        );
        let y = date(Some(2019), None, None, Some(DatePart::End));
        assert_eq!(
            shown_as(&y, "", CivilDate::from_ymd(2019, 12, 31), "成文日期的年份"),
            "2019年底(即2019年12月31日)"
        );
        let full = date(Some(2017), Some(11), Some(28), None);
        assert_eq!(
            shown_as(
                &full,
                "",
                CivilDate::from_ymd(2017, 11, 28),
                "成文日期的年份"
            ),
            "2017年11月28日"
        );
    }

    #[test]
    fn window_starts_take_the_first_day() {
        let s = |d: DateExpr| start_of(&d, Some(2017)).unwrap().iso();
        assert_eq!(s(date(Some(2015), None, None, None)), "2015-01-01");
        assert_eq!(s(date(None, Some(5), None, None)), "2017-05-01");
        assert_eq!(
            s(date(None, Some(5), None, Some(DatePart::MidMonth))),
            "2017-05-11"
        );
        assert_eq!(s(date(None, Some(5), Some(2), None)), "2017-05-02");
    }

    #[test]
    fn windows_count_both_ends() {
        let a = CivilDate::from_ymd(2017, 4, 24).unwrap();
        let b = CivilDate::from_ymd(2017, 5, 1).unwrap();
        assert_eq!(days_inclusive(a, b), 8);
        assert_eq!(days_inclusive(a, a), 1);
    }

    #[test]
    fn deadline_on_the_issue_date_is_not_overdue() {
        let src = format!("{HEADER}部门：县扶贫办\n措施 甲 {{ 牵头：县扶贫办\n 时限：5月3日 }}\n措施 乙 {{ 牵头：县扶贫办\n 时限：5月2日 }}\n");
        let got = codes_of(&src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "ZC0401");
        assert!(
            got[0].1.contains("5月2日(按成文日期的年份即2017年5月2日)"),
            "{}",
            got[0].1
        );
        assert!(got[0].1.contains("逾期1天"), "{}", got[0].1);
    }

    #[test]
    fn adjacent_phases_have_no_gap_or_overlap() {
        let src = format!(
            "{HEADER}步骤 甲 {{\n  时长：48天\n  阶段 一：4月24日~5月1日\n  阶段 二：5月2日~6月10日\n  阶段 三：从5月2日开始\n}}\n"
        );
        assert!(codes_of(&src).is_empty());
    }

    #[test]
    fn one_shared_day_is_an_overlap_and_one_missing_day_a_gap() {
        let src = format!(
            "{HEADER}步骤 甲 {{\n  阶段 一：5月6日~5月9日\n  阶段 二：5月9日~5月15日\n  阶段 三：5月17日~5月25日\n}}\n"
        );
        let got = codes_of(&src);
        assert_eq!(got.len(), 2, "{got:?}");
        // The shared day is a handover (ZC0411, a note); the missing day a gap (ZC0405).
        assert!(got
            .iter()
            .any(|(c, m)| c == "ZC0411" && m.contains("2017年5月9日共1天同属两个阶段")));
        assert!(got
            .iter()
            .any(|(_, m)| m.contains("2017年5月16日共1天不属于任何阶段")));
    }

    #[test]
    fn a_phase_inside_a_longer_one_overlaps_it_and_the_sweep_keeps_the_longest() {
        let src = format!(
            "{HEADER}步骤 甲 {{\n  阶段 一：5月1日~5月31日\n  阶段 二：5月5日~5月10日\n  阶段 三：5月20日~6月5日\n  阶段 四：6月6日~6月30日\n}}\n"
        );
        let got = codes_of(&src);
        // 二 inside 一 (6 days); 三 overlaps 一 on 5月20日~5月31日 (12 days); 四 follows 三.
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].1.contains("共6天") || got[1].1.contains("共6天"));
        assert!(got[0].1.contains("共12天") || got[1].1.contains("共12天"));
    }

    #[test]
    fn campaign_length_counts_both_ends() {
        let mk = |n: u32| {
            format!("{HEADER}步骤 甲 {{\n  时长：{n}天\n  阶段 一：4月24日~5月1日\n  阶段 二：5月2日~6月10日\n}}\n")
        };
        assert!(codes_of(&mk(48)).is_empty());
        let got = codes_of(&mk(45));
        assert_eq!(got.len(), 1);
        assert!(
            got[0].1.contains("首尾两天都计入,共48天,与声明的45天不符"),
            "{}",
            got[0].1
        );
        assert_eq!(codes_of(&mk(47)).len(), 1);
    }

    #[test]
    fn child_deadlines_bind_to_the_nearest_dated_ancestor() {
        let src = format!(
            "{HEADER}部门：县扶贫办\n措施 甲 {{\n 牵头：县扶贫办\n 时限：6月10日前\n 措施 乙 {{\n  牵头：县扶贫办\n  措施 丙 {{ 牵头：县扶贫办\n 时限：6月11日前 }}\n }}\n 措施 丁 {{ 牵头：县扶贫办\n 时限：6月10日前 }}\n 措施 戊 {{ 牵头：县扶贫办\n 时限：长期坚持 }}\n}}\n措施 己 {{\n 牵头：县扶贫办\n 时限：长期坚持\n 措施 庚 {{ 牵头：县扶贫办\n 时限：2019年底 }}\n}}\n"
        );
        let got = codes_of(&src);
        let c402: Vec<_> = got.iter().filter(|(c, _)| c == "ZC0402").collect();
        assert_eq!(c402.len(), 2, "{got:?}");
        assert!(c402
            .iter()
            .any(|(_, m)| m.contains("「丙」") && m.contains("晚1天")));
        assert!(c402.iter().any(|(_, m)| m.contains("「戊」")));
    }

    #[test]
    fn this_month_takes_the_issue_month() {
        // 成文日期 2017年5月3日: 本月底 is 2017年5月31日, after the parent's 5月20日.
        let src = format!(
            "{HEADER}部门：县扶贫办\n措施 甲 {{\n 牵头：县扶贫办\n 时限：5月20日前\n 措施 乙 {{ 牵头：县扶贫办\n 时限：本月底前 }}\n}}\n"
        );
        let got = codes_of(&src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "ZC0402");
        assert!(
            got[0]
                .1
                .contains("本月底前(按成文日期所在的月份即2017年5月31日)"),
            "{}",
            got[0].1
        );
    }

    #[test]
    fn milestones_by_year_end() {
        let src = format!(
            "{HEADER}目标 甲 {{\n  值：100万人\n  期限：2019年底\n  累计：2018年50万人、2019年100万人\n}}\n目标 乙 {{\n  值：100万人\n  期限：2019年6月30日\n  节点：2019年80%\n}}\n"
        );
        let got = codes_of(&src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "ZC0403");
        assert!(got[0].1.contains("目标「乙」"));
    }

    #[test]
    fn inverted_periods_and_windows() {
        let src = "文件《测试》{\n  成文日期：2017年5月3日\n  期间：2020年至2017年\n}\n步骤 甲 {\n  阶段 一：4月24日~4月1日\n}\n";
        let got = codes_of(src);
        let inv: Vec<_> = got.iter().filter(|(c, _)| c == "ZC0407").collect();
        assert_eq!(inv.len(), 2, "{got:?}");
    }

    #[test]
    fn inverted_window_is_found_without_a_year() {
        let src = "步骤 甲 {\n  阶段 一：4月24日~4月1日\n}\n";
        let got = codes_of(src);
        assert!(got.iter().any(|(c, _)| c == "ZC0407"), "{got:?}");
        assert!(
            got.iter().any(|(c, m)| c == "ZC0408" && m.contains("2处")),
            "{got:?}"
        );
    }

    #[test]
    fn deadlines_outside_phase_campaign_and_period() {
        let header = HEADER.replace("5月3日", "4月20日");
        let src = format!(
            "{header}部门：县扶贫办\n目标 甲 {{ 值：5万人\n 期限：2021年 }}\n步骤 乙 {{\n  时长：45天\n  阶段 一：4月24日~5月1日 {{\n    措施 丙 {{ 牵头：县扶贫办\n 时限：5月2日前 }}\n  }}\n  阶段 二：从5月2日开始 {{\n    措施 丁 {{ 牵头：县扶贫办\n 时限：6月8日前 }}\n    措施 戊 {{ 牵头：县扶贫办\n 时限：6月7日前 }}\n  }}\n}}\n"
        );
        let got = codes_of(&src);
        let w: Vec<_> = got.iter().filter(|(c, _)| c == "ZC0404").collect();
        assert_eq!(w.len(), 3, "{got:?}");
        assert!(w
            .iter()
            .any(|(_, m)| m.contains("目标「甲」") && m.contains("期间")));
        assert!(w
            .iter()
            .any(|(_, m)| m.contains("措施「丙」") && m.contains("阶段「一」")));
        assert!(w
            .iter()
            .any(|(_, m)| m.contains("措施「丁」") && m.contains("集中整治期")));
    }
}
