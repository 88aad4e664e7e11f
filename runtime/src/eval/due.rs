//! Duties by date: what is overdue, due, upcoming, open-ended, done or undated on a day, and who
//! leads it. Measures (措施) and targets (目标) are both duties: a target is due by its 期限; one
//! stated in a measure is led by the measure's lead when it names none. Stated figures (现状) are
//! not duties.
//!
//! Each duty gets one status, judged on `as_of`:
//!
//! | status | when |
//! |---|---|
//! | `completed` 已完成 | a 完成 date on or before `as_of` (a later 完成 date does not count yet) |
//! | `overdue` 逾期 | a deadline before `as_of` |
//! | `due` 到期 | a deadline on `as_of` or within the next [`DUE_WINDOW_DAYS`] days |
//! | `upcoming` 未到期 | a deadline later than that |
//! | `open_ended` 长期 | 长期坚持, or tied to an event (「上级复核」前) |
//! | `unresolved` 日期未定 | a date the compiler could not place in the calendar (`reason` says why) |
//! | `no_deadline` 无期限 | the document states none |
//!
//! A department filter matches canonical names and aliases (又称), in every document; each duty
//! listed says whether the department leads it (牵头, possibly inherited from the enclosing
//! measure) or is responsible (责任单位), or both.

use std::fmt;

use serde::Serialize;

use super::{place, same_name, suggest, EvalError};
use crate::ir::{Deadline, Document, Duty, Origin, Program, Target, YearSource};
use crate::value::CivilDate;

/// A deadline this many days after `as_of`, or on it, is 到期 (due); later is 未到期.
pub const DUE_WINDOW_DAYS: i64 = 7;

/// Up to this many duties without deadline are listed even without `all`.
const SHOWN_WITHOUT_ALL: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DueStatus {
    Overdue,
    Due,
    Upcoming,
    OpenEnded,
    Unresolved,
    NoDeadline,
    Completed,
}

impl DueStatus {
    pub fn word(self) -> &'static str {
        match self {
            DueStatus::Overdue => "逾期",
            DueStatus::Due => "到期",
            DueStatus::Upcoming => "未到期",
            DueStatus::OpenEnded => "长期或待事件",
            DueStatus::Unresolved => "日期未定",
            DueStatus::NoDeadline => "没有期限",
            DueStatus::Completed => "已完成",
        }
    }
}

/// What the department does in a duty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 牵头.
    Lead,
    /// 牵头, inherited from the enclosing measure.
    LeadInherited,
    /// 责任单位 (配合).
    Responsible,
    /// Both 牵头 and 责任单位.
    LeadAndResponsible,
}

impl Role {
    pub fn word(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::LeadInherited => "牵头(承上级措施)",
            Role::Responsible => "责任单位",
            Role::LeadAndResponsible => "牵头、责任单位",
        }
    }
}

/// What kind of duty an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// A 措施.
    Measure,
    /// A 目标.
    Target,
}

impl DueKind {
    pub fn word(self) -> &'static str {
        match self {
            DueKind::Measure => "措施",
            DueKind::Target => "目标",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueItem {
    pub status: DueStatus,
    pub kind: DueKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<String>,
    pub name: String,
    /// The deadline as written: 6月10日前.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub deadline_text: Option<String>,
    /// The resolved deadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub deadline: Option<CivilDate>,
    /// Where the deadline's year came from, when the text did not write it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub year_from: Option<YearSource>,
    /// Why the deadline has no day, for an `unresolved` one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<String>,
    /// Days from `as_of` to the deadline: negative when overdue.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub days_left: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub completed: Option<CivilDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub lead_inherited: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub responsible: Vec<String>,
    /// The filtered department's role, when a department was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub role: Option<Role>,
    /// The enclosing measure (a target's: the measure it is stated in).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub phase: Option<String>,
    pub file: String,
    /// `file:line`.
    pub origin: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub quote: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueCounts {
    pub overdue: usize,
    pub due: usize,
    pub upcoming: usize,
    pub open_ended: usize,
    pub unresolved: usize,
    pub no_deadline: usize,
    pub completed: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DepartmentFilter {
    /// As asked.
    pub query: String,
    /// The canonical names it stands for (one per document that declares it).
    pub names: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueReport {
    pub as_of: CivilDate,
    pub window_days: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub department: Option<DepartmentFilter>,
    pub counts: DueCounts,
    /// By status (逾期 first), then deadline, then the order of the documents.
    pub items: Vec<DueItem>,
}

/// Classifies every duty of the program on `as_of`, for one department or all.
pub fn due(
    program: &Program,
    as_of: CivilDate,
    department: Option<&str>,
) -> Result<DueReport, EvalError> {
    program
        .check_version()
        .map_err(|message| EvalError::Version { message })?;
    report(program, &program.documents, as_of, department)
}

/// As [`due`], for the duties of one document only (an example asks about its own file).
pub fn due_in_document(
    program: &Program,
    doc: usize,
    as_of: CivilDate,
    department: Option<&str>,
) -> Result<DueReport, EvalError> {
    let docs = program.documents.get(doc..=doc).unwrap_or(&[]);
    report(program, docs, as_of, department)
}

/// The canonical names `query` stands for in a document: a department or class named so, or
/// having it as an alias.
fn canonical_names(doc: &Document, query: &str) -> Vec<String> {
    doc.departments
        .iter()
        .filter(|d| same_name(&d.name, query) || d.aliases.iter().any(|a| same_name(a, query)))
        .map(|d| d.name.clone())
        .collect()
}

/// One duty of a document, measure or target, as the report judges it.
struct Entry<'p> {
    kind: DueKind,
    number: Option<&'p String>,
    name: &'p str,
    deadline: &'p Deadline,
    completed: Option<CivilDate>,
    lead: &'p [String],
    lead_inherited: bool,
    responsible: &'p [String],
    parent: Option<&'p Duty>,
    phase: Option<&'p String>,
    origin: &'p Origin,
}

/// The measures and targets of a document, in that order (the report sorts them).
fn entries(doc: &Document) -> Vec<Entry<'_>> {
    let duty = |id: Option<usize>| id.and_then(|p| doc.duties.iter().find(|d| d.id == p));
    let mut out: Vec<Entry> = doc
        .duties
        .iter()
        .map(|d| Entry {
            kind: DueKind::Measure,
            number: d.number.as_ref(),
            name: &d.name,
            deadline: &d.deadline,
            completed: d.completed,
            lead: &d.lead,
            lead_inherited: d.lead_inherited,
            responsible: &d.responsible,
            parent: duty(d.parent),
            phase: d.phase.as_ref(),
            origin: &d.origin,
        })
        .collect();
    for t in doc.targets.iter().filter(|t| is_duty(t)) {
        let measure = duty(t.duty);
        // A target naming no lead is led by the measure it is stated in.
        let (lead, lead_inherited) = match measure {
            Some(m) if t.lead.is_empty() => (m.lead.as_slice(), !m.lead.is_empty()),
            _ => (t.lead.as_slice(), false),
        };
        out.push(Entry {
            kind: DueKind::Target,
            number: t.number.as_ref(),
            name: &t.name,
            deadline: t.deadline.as_ref().unwrap_or(&Deadline::None),
            completed: None,
            lead,
            lead_inherited,
            responsible: &t.responsible,
            parent: measure,
            phase: measure.and_then(|m| m.phase.as_ref()),
            origin: &t.origin,
        });
    }
    out
}

/// A 目标 is a duty; a 现状 states a figure already reached.
fn is_duty(t: &Target) -> bool {
    t.keyword != "现状"
}

fn role(e: &Entry, names: &[String]) -> Option<Role> {
    let named = |list: &[String]| list.iter().any(|n| names.iter().any(|m| same_name(n, m)));
    match (named(e.lead), named(e.responsible)) {
        (true, true) => Some(Role::LeadAndResponsible),
        (true, false) if e.lead_inherited => Some(Role::LeadInherited),
        (true, false) => Some(Role::Lead),
        (false, true) => Some(Role::Responsible),
        (false, false) => None,
    }
}

/// The status of a deadline on `as_of`, with the day it resolves to.
fn classify(deadline: &Deadline, completed: Option<CivilDate>, as_of: CivilDate) -> DueStatus {
    if completed.is_some_and(|c| c <= as_of) {
        return DueStatus::Completed;
    }
    match deadline {
        Deadline::By { date, .. } => {
            let days = as_of.days_until(*date);
            if days < 0 {
                DueStatus::Overdue
            } else if days <= DUE_WINDOW_DAYS {
                DueStatus::Due
            } else {
                DueStatus::Upcoming
            }
        }
        Deadline::Open { .. } | Deadline::Event { .. } => DueStatus::OpenEnded,
        Deadline::Unresolved { .. } => DueStatus::Unresolved,
        Deadline::None => DueStatus::NoDeadline,
    }
}

fn report(
    program: &Program,
    docs: &[Document],
    as_of: CivilDate,
    department: Option<&str>,
) -> Result<DueReport, EvalError> {
    let mut filter = None;
    if let Some(query) = department {
        let mut names: Vec<String> = Vec::new();
        for doc in docs {
            for name in canonical_names(doc, query) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        // A name used in 牵头/责任单位 without being declared still counts as itself.
        let used_directly = docs.iter().flat_map(entries).any(|e| {
            e.lead
                .iter()
                .chain(e.responsible)
                .any(|n| same_name(n, query))
        });
        if names.is_empty() && !used_directly {
            let mut candidates: Vec<&str> = Vec::new();
            for doc in &program.documents {
                for d in &doc.departments {
                    candidates.push(&d.name);
                    candidates.extend(d.aliases.iter().map(String::as_str));
                }
            }
            return Err(EvalError::UnknownDepartment {
                name: query.to_string(),
                suggestions: suggest(query, candidates),
            });
        }
        if names.is_empty() {
            names.push(query.to_string());
        }
        filter = Some(DepartmentFilter {
            query: query.to_string(),
            names,
        });
    }

    let mut items = Vec::new();
    for doc in docs {
        for e in entries(doc) {
            let role = match &filter {
                Some(f) => match role(&e, &f.names) {
                    Some(r) => Some(r),
                    None => continue,
                },
                None => None,
            };
            let status = classify(e.deadline, e.completed, as_of);
            let deadline = e.deadline.date();
            let (year_from, reason) = match e.deadline {
                Deadline::By { year_from, .. } => (*year_from, None),
                Deadline::Unresolved { reason, .. } => (None, Some(reason.clone())),
                _ => (None, None),
            };
            items.push(DueItem {
                status,
                kind: e.kind,
                number: e.number.cloned(),
                name: e.name.to_string(),
                deadline_text: e.deadline.text().map(str::to_string),
                deadline,
                year_from,
                reason,
                days_left: deadline.map(|d| as_of.days_until(d)),
                completed: e.completed,
                lead: e.lead.to_vec(),
                lead_inherited: e.lead_inherited,
                responsible: e.responsible.to_vec(),
                role,
                parent: e.parent.map(|p| p.name.clone()),
                phase: e.phase.cloned(),
                file: e.origin.file.clone(),
                origin: place(e.origin),
                quote: e.origin.quote.clone(),
            });
        }
    }
    // Stable: equal keys keep the documents' order.
    crate::sort::sort_by_key(&mut items, |i| (i.status, i.deadline.is_none(), i.deadline));
    let mut counts = DueCounts::default();
    for item in &items {
        *match item.status {
            DueStatus::Overdue => &mut counts.overdue,
            DueStatus::Due => &mut counts.due,
            DueStatus::Upcoming => &mut counts.upcoming,
            DueStatus::OpenEnded => &mut counts.open_ended,
            DueStatus::Unresolved => &mut counts.unresolved,
            DueStatus::NoDeadline => &mut counts.no_deadline,
            DueStatus::Completed => &mut counts.completed,
        } += 1;
    }
    Ok(DueReport {
        as_of,
        window_days: DUE_WINDOW_DAYS,
        department: filter,
        counts,
        items,
    })
}

impl DueReport {
    /// The measures whose deadline falls on or before `as_of` (done or not): what an example's
    /// 应办 lists — "which measures should be finished by this day".
    pub fn due_by_as_of(&self) -> Vec<&DueItem> {
        self.items
            .iter()
            .filter(|i| i.kind == DueKind::Measure && i.deadline.is_some_and(|d| d <= self.as_of))
            .collect()
    }

    /// The report for people. Duties without deadline are listed one by one when `all` is set
    /// or there are few of them; otherwise only counted (a large plan has hundreds).
    pub fn render(&self, all: bool) -> String {
        let mut out = String::new();
        let who = match &self.department {
            Some(f) => format!(",部门「{}」", f.query),
            None => String::new(),
        };
        out.push_str(&format!("截至 {}{who} 的措施和目标\n", self.as_of));
        let statuses = [
            DueStatus::Overdue,
            DueStatus::Due,
            DueStatus::Upcoming,
            DueStatus::OpenEnded,
            DueStatus::Unresolved,
            DueStatus::Completed,
            DueStatus::NoDeadline,
        ];
        for status in statuses {
            let group: Vec<&DueItem> = self.items.iter().filter(|i| i.status == status).collect();
            if group.is_empty() {
                continue;
            }
            let note = match status {
                DueStatus::Due => format!("(当天或 {} 天内到期)", self.window_days),
                _ => String::new(),
            };
            out.push_str(&format!("\n{}{note} {} 项:\n", status.word(), group.len()));
            if status == DueStatus::NoDeadline && !all && group.len() > SHOWN_WITHOUT_ALL {
                out.push_str("  (使用 --all 逐项列出)\n");
                continue;
            }
            for item in group {
                out.push_str(&format!("  - {}\n", item.line()));
            }
        }
        let c = &self.counts;
        out.push_str(&format!(
            "\n合计: 逾期 {},到期 {},未到期 {},长期或待事件 {},日期未定 {},已完成 {},没有期限 {}\n",
            c.overdue, c.due, c.upcoming, c.open_ended, c.unresolved, c.completed, c.no_deadline
        ));
        out
    }
}

impl DueItem {
    /// `（二）精准施策  期限 6月10日前(2018年6月10日,还有 3 天)  牵头: 县扶贫办  [牵头]  陇川.zc:120`;
    /// a target is marked `[目标]` and names the measure it is stated in.
    fn line(&self) -> String {
        let mut s = String::new();
        if self.kind == DueKind::Target {
            s.push_str("[目标] ");
        }
        if let Some(n) = &self.number {
            s.push_str(n);
        }
        s.push_str(&self.name);
        if let Some(text) = &self.deadline_text {
            s.push_str(&format!("  期限 {text}"));
            if let (Some(d), Some(days)) = (self.deadline, self.days_left) {
                let when = match days {
                    0 => "今天".to_string(),
                    d if d < 0 => format!("已逾期 {} 天", -d),
                    d => format!("还有 {d} 天"),
                };
                // The year is worth naming when it is not the 成文日期's.
                let year = match self.year_from {
                    Some(y) if y != YearSource::Date => format!("按{},", y.phrase()),
                    _ => String::new(),
                };
                s.push_str(&format!("({d},{year}{when})"));
            }
            if let Some(reason) = &self.reason {
                s.push_str(&format!("({reason})"));
            }
        }
        if let Some(c) = self.completed {
            s.push_str(&format!("  完成 {c}"));
        }
        if !self.lead.is_empty() {
            let inherited = if self.lead_inherited {
                "(承上级)"
            } else {
                ""
            };
            s.push_str(&format!("  牵头{inherited}: {}", self.lead.join("、")));
        }
        if !self.responsible.is_empty() {
            s.push_str(&format!("  责任: {}", self.responsible.join("、")));
        }
        if let Some(role) = self.role {
            s.push_str(&format!("  [{}]", role.word()));
        }
        if self.kind == DueKind::Target {
            if let Some(p) = &self.parent {
                s.push_str(&format!("  所在措施: {p}"));
            }
        }
        s.push_str(&format!("  {}", self.origin));
        s
    }
}

impl fmt::Display for DueReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}
