//! Duties: who leads each measure, and whether a dated task has anybody to do it.
//!
//! Plans differ in how they assign work: a rectification plan names a 牵头单位 for every item, an
//! opinion names none, a provincial plan lists the 责任单位 of a chapter once. A document that does
//! not name leads item by item is written that way on purpose, so its missing leads are said once,
//! as a note (ZC0704). A measure is reported on its own only where the document itself shows that
//! somebody was expected and is missing:
//!
//! - ZC0701: most measures of its section name a lead, and it does not. A section is a run of
//!   sibling measures; numbering that starts again at its first value ((一), 1、) starts a new
//!   section, so the chapters a flat encoding puts side by side are told apart.
//! - ZC0703: it sets a date within a year (a month, a day, or an event: 5月30日前, 6月底) and
//!   nobody does it: no 牵头, no 责任单位, no 责任领导, neither on itself nor on a measure around
//!   it. A year alone (到2020年, 2017年底) is the horizon of a goal the plan as a whole pursues,
//!   not a task handed to someone.
//!
//! A lead, 责任单位 or 责任领导 on a measure covers every measure inside it, and a measure whose
//! child measures all have a lead is led (its children carry the duties). A measure whose
//! 责任单位 act on themselves (各有关责任单位要高度重视) has an owner. Principle and background
//! sections (指导思想, 基本原则…) are recognised by what they hold, not by their names: with no
//! lead around them and no date within a year, nothing in them is reported one by one.

use super::{measures, DocCtx, MeasureAt};
use crate::ast::{Deadline, Item, Measure, Name, Phase};
use crate::codes;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::vocabulary::{self, ItemNumber};

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    let all = measures(cx.doc);
    if all.is_empty() {
        return;
    }
    let tree = Tree::new(&all);
    let mut walk = Walk {
        cx,
        all: &all,
        tree: &tree,
        quiet: 0,
        out,
    };
    for (parent, group) in tree.top_groups(&all) {
        walk.group(parent, &group);
    }
    let quiet = walk.quiet;
    if let Some(note) = style_note(cx, &all, &tree, quiet) {
        out.push(note);
    }
    lead_also_responsible(cx, &all, out);
}

/// What each measure inherits and carries, by its position in the list [`measures`] returns.
struct Tree {
    children: Vec<Vec<usize>>,
    /// It or a measure around it names a lead.
    led: Vec<bool>,
    /// It or a measure around it names anybody: a lead, a 责任单位 or a 责任领导.
    owned: Vec<bool>,
    /// Led, or every child measure is covered (the children carry the duties).
    covered: Vec<bool>,
}

impl Tree {
    fn new(all: &[MeasureAt]) -> Tree {
        let n = all.len();
        let mut children = vec![Vec::new(); n];
        let mut led = vec![false; n];
        let mut owned = vec![false; n];
        // Parents come before their children.
        for (i, m) in all.iter().enumerate() {
            let duties = &m.measure.duties;
            let parent = m.parent_index;
            if let Some(p) = parent {
                children[p].push(i);
            }
            led[i] = duties.lead.is_some() || parent.is_some_and(|p| led[p]);
            owned[i] = duties.lead.is_some()
                || duties.responsible.is_some()
                || duties.leaders.is_some()
                || parent.is_some_and(|p| owned[p]);
        }
        let mut covered = led.clone();
        for i in (0..n).rev() {
            if !covered[i] && !children[i].is_empty() && children[i].iter().all(|&c| covered[c]) {
                covered[i] = true;
            }
        }
        Tree {
            children,
            led,
            owned,
            covered,
        }
    }

    /// The outermost groups of siblings: the document's own measures, each step's and each
    /// phase's, in source order, with the phase that holds them.
    fn top_groups<'a>(&self, all: &[MeasureAt<'a>]) -> Vec<(Around, Vec<usize>)> {
        let mut groups: Vec<(Option<usize>, Option<&'a Phase>, Vec<usize>)> = Vec::new();
        for (i, m) in all
            .iter()
            .enumerate()
            .filter(|(_, m)| m.parent_index.is_none())
        {
            let same = |(s, p, _): &&mut (Option<usize>, Option<&Phase>, Vec<usize>)| {
                *s == m.schedule_index
                    && p.map(std::ptr::from_ref) == m.phase.map(std::ptr::from_ref)
            };
            match groups.iter_mut().find(|g| same(g)) {
                Some((_, _, members)) => members.push(i),
                None => groups.push((m.schedule_index, m.phase, vec![i])),
            }
        }
        groups
            .into_iter()
            .map(|(_, phase, members)| (phase.map_or(Around::Document, |_| Around::Phase), members))
            .collect()
    }
}

/// What holds a group of sibling measures.
#[derive(Clone, Copy)]
enum Around {
    Document,
    Phase,
    Measure(usize),
}

struct Walk<'a, 'o> {
    cx: &'a DocCtx<'a>,
    all: &'a [MeasureAt<'a>],
    tree: &'a Tree,
    /// Tasks without a lead that were not reported one by one, for the document's note.
    quiet: usize,
    out: &'o mut Vec<Diagnostic>,
}

impl Walk<'_, '_> {
    /// Reports the measures of one group of siblings that break their section's convention,
    /// and descends into those that do not.
    fn group(&mut self, around: Around, group: &[usize]) {
        let mut unowned_tasks: Vec<(usize, Span)> = Vec::new();
        for section in sections(self.all, group) {
            let with_lead: Vec<usize> = section
                .iter()
                .copied()
                .filter(|&i| self.tree.covered[i])
                .collect();
            // Where the section's leads mostly come alone, without a 责任单位 list, the lead is
            // simply who does the work, and a measure that names its 责任单位 (units acting on
            // themselves) or 责任领导 says who does it too.
            let split = with_lead
                .iter()
                .filter(|&&i| self.all[i].measure.duties.responsible.is_some())
                .count()
                * 2
                > with_lead.len();
            let says_who = |i: usize| self.tree.covered[i] || (!split && self.tree.owned[i]);
            // At least three in four name a lead: one that does not is the exception the
            // drafter missed, not the way the section is written.
            let convention = with_lead.len() * 4 >= section.len() * 3;
            for &i in section.iter().filter(|&&i| !self.tree.covered[i]) {
                if convention && !says_who(i) {
                    let d = self.no_lead(i, section.len(), &with_lead);
                    self.out.push(d);
                } else if !self.tree.children[i].is_empty() {
                    self.group(Around::Measure(i), &self.tree.children[i].clone());
                } else if let Some(date) =
                    dated_within_year(self.all[i].measure).filter(|_| !self.tree.owned[i])
                {
                    unowned_tasks.push((i, date));
                } else {
                    self.quiet += 1;
                }
            }
        }
        self.report_unowned(around, &unowned_tasks);
    }

    /// ZC0701: the section names leads for most of its measures and not for this one.
    fn no_lead(&self, i: usize, section_size: usize, with_lead: &[usize]) -> Diagnostic {
        let measure = self.all[i].measure;
        let file = self.cx.file;
        let mut d = Diagnostic::warning(
            codes::NO_LEAD,
            format!(
                "措施「{}」没有牵头单位,而同一部分的{section_size}项措施中有{}项写了牵头单位",
                measure.name.text,
                with_lead.len()
            ),
        )
        .primary(file, measure.name.span, "谁来牵头?");
        // Two siblings show the convention; more would bury the finding.
        for &s in with_lead.iter().take(2) {
            let sibling = self.all[s].measure;
            let span = sibling
                .duties
                .lead
                .as_ref()
                .map_or(sibling.name.span, |l| l.span);
            d = d.secondary(file, span, format!("「{}」写了牵头单位", sibling.name.text));
        }
        if let Some(resp) = &measure.duties.responsible {
            d.secondary(file, resp.span, "只列了责任单位")
                .help("若列表第一个单位即牵头单位,请写成「牵头：…」;否则补上牵头单位")
        } else {
            d.help("加上「牵头：单位名」;写在上级措施上的牵头单位对其中的子措施都有效")
        }
    }

    /// ZC0703: tasks with a date and nobody to do them; siblings under one measure together.
    fn report_unowned(&mut self, around: Around, tasks: &[(usize, Span)]) {
        let file = self.cx.file;
        match (around, tasks) {
            (_, []) => {}
            (Around::Measure(p), [_, _, ..]) => {
                let parent = self.all[p].measure;
                let mut d = Diagnostic::warning(
                    codes::DUTY_WITHOUT_OWNER,
                    format!(
                        "措施「{}」下{}项有时限的任务都没有写由谁完成:没有牵头单位、责任单位或责任领导",
                        parent.name.text,
                        tasks.len()
                    ),
                )
                .primary(file, parent.name.span, "由谁完成?");
                for &(i, date) in tasks {
                    let task = self.all[i].measure;
                    d = d.secondary(file, date, format!("「{}」的时限", task.name.text));
                }
                self.out.push(d.help(
                    "在这项措施上加「牵头：单位名」或「责任单位：…」(对其中的任务都有效),或逐项写明",
                ));
            }
            _ => {
                for &(i, date) in tasks {
                    let task = self.all[i].measure;
                    self.out.push(
                        Diagnostic::warning(
                            codes::DUTY_WITHOUT_OWNER,
                            format!(
                                "措施「{}」有时限,却没有写由谁完成:没有牵头单位、责任单位或责任领导,上级措施也没有",
                                task.name.text
                            ),
                        )
                        .primary(file, task.name.span, "由谁完成?")
                        .secondary(file, date, "时限")
                        .help("加上「牵头：单位名」或「责任单位：…」"),
                    );
                }
            }
        }
    }
}

/// The sections of a group of siblings. Numbering marks them: a run of numbered measures is one
/// section, and it ends where the numbering starts again at its first value ((一), 1、, ⒈), changes
/// style, or gives way to unnumbered measures, as a new chapter of the text would.
fn sections<'g>(all: &[MeasureAt], group: &'g [usize]) -> Vec<&'g [usize]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous: Option<Option<ItemNumber>> = None;
    for (k, &i) in group.iter().enumerate() {
        let numbering = numbering(all[i].measure);
        let new_section = match (previous, numbering) {
            (None, _) => false,
            (Some(None), None) => false,
            (Some(Some(p)), Some(n)) => {
                (n.form, n.chinese) != (p.form, p.chinese) || n.value <= p.value
            }
            (Some(_), _) => true,
        };
        if new_section {
            out.push(&group[start..k]);
            start = k;
        }
        previous = Some(numbering);
    }
    out.push(&group[start..]);
    out
}

/// How an item is numbered, as written before its name or at its start: （一） (1) 1、 1. ⒈ ① 一是.
/// Official documents number each level differently (一、 （一） 1. （1） ①), so Chinese and
/// Arabic digits in the same brackets are different styles.
fn numbering(m: &Measure) -> Option<ItemNumber> {
    match &m.number {
        Some(n) => vocabulary::item_number(&n.text),
        None => vocabulary::leading_item_number(&m.name.text).and_then(vocabulary::item_number),
    }
}

/// The deadline of a task set within a year: a month, a day or an event, not a year alone.
fn dated_within_year(m: &Measure) -> Option<Span> {
    match m.deadline.as_ref()? {
        Deadline::By { date, span, .. }
            if date.month.is_some() || date.day.is_some() || date.this_month =>
        {
            Some(*span)
        }
        Deadline::Event { span, .. } => Some(*span),
        Deadline::By { .. } | Deadline::WithinYear { .. } | Deadline::Ongoing { .. } => None,
    }
}

/// ZC0704: the document's own way of not naming leads item by item, said once.
fn style_note(cx: &DocCtx, all: &[MeasureAt], tree: &Tree, quiet: usize) -> Option<Diagnostic> {
    if quiet == 0 {
        return None;
    }
    let tasks: Vec<usize> = (0..all.len())
        .filter(|&i| tree.children[i].is_empty())
        .collect();
    let unled = tasks.iter().filter(|&&i| !tree.led[i]).count();
    let with_owner = tasks
        .iter()
        .filter(|&&i| !tree.led[i] && tree.owned[i])
        .count();
    let first_unled = tasks.iter().find(|&&i| !tree.led[i]).copied()?;
    let anchor = header_title(cx).unwrap_or(all[first_unled].measure.name.span);
    let mut d = Diagnostic::new(
        codes::LEADS_NOT_NAMED,
        Severity::Note,
        format!(
            "本文件{}项具体措施中有{unled}项没有写牵头单位(其中{with_owner}项写了责任单位或责任领导)",
            tasks.len()
        ),
    )
    .primary(cx.file, anchor, "全文汇总");
    if header_title(cx).is_some() {
        d = d.secondary(cx.file, all[first_unled].measure.name.span, "例如这一项");
    }
    Some(
        d.note(
            "不逐项写牵头单位是许多文件的写法,所以没有逐项报告的在这里汇总说一次;同一部分多数写了牵头而某项没有的(ZC0701)、\
             有月日时限却无人负责的(ZC0703)仍逐项报告",
        )
        .help("若本文件本应逐项写明牵头单位,请补上;若这就是文件的写法,可在 zhengce.toml 中把 ZC0704 设为 allow"),
    )
}

fn header_title(cx: &DocCtx) -> Option<Span> {
    cx.doc.items.iter().find_map(|i| match i {
        Item::Header(h) => Some(h.title.span),
        _ => None,
    })
}

/// ZC0702: a lead listed again among the responsible units.
fn lead_also_responsible(cx: &DocCtx, all: &[MeasureAt], out: &mut Vec<Diagnostic>) {
    for m in all {
        let measure = m.measure;
        let (Some(lead), Some(resp)) = (&measure.duties.lead, &measure.duties.responsible) else {
            continue;
        };
        for l in &lead.names {
            let canon = canonical(cx, l);
            if let Some(r) = resp.names.iter().find(|r| canonical(cx, r) == canon) {
                out.push(
                    Diagnostic::new(
                        codes::LEAD_ALSO_RESPONSIBLE,
                        Severity::Note,
                        format!(
                            "措施「{}」的牵头单位「{}」又列为责任单位",
                            measure.name.text, l.text
                        ),
                    )
                    .primary(cx.file, r.span, "又列在责任单位中")
                    .secondary(cx.file, l.span, "已是牵头单位")
                    .help("牵头单位已负全责,可从责任单位中删去"),
                );
            }
        }
    }
}

/// The declared name a department reference resolves to (aliases fold to one body).
fn canonical<'a>(cx: &'a DocCtx, n: &'a Name) -> &'a str {
    cx.symbols
        .departments
        .get(n.text.as_str())
        .map(|d| d.canonical())
        .unwrap_or(&n.text)
}
