//! The compiler's entry point for a policy set: parse every file, build the checked model (names
//! resolved, dates resolved against each document's year) and run the consistency checks.
//!
//! The caller does the I/O (the CLI reads files, the playground passes the editor's text), so
//! this module works the same natively and in WASM. Each family of checks lives in its own
//! module and only adds diagnostics; none of them changes the model.

mod campaign;
mod crossdoc;
mod cycles;
mod duties;
mod enumerations;
mod levels;
mod name_forms;
mod names;
mod quantities;
mod quotes;
mod range_order;
mod rates;
mod ratios;
mod same_duty;
mod stale;
mod subject;
mod suppress;
#[cfg(test)]
mod test_support;
mod tiers;
mod time;
mod totals;
mod walk;
mod year;

use crate::ast::{DateExpr, DatePart, Deadline, Document, Header, Item};
use crate::diagnostic::{self, count_severity, sort_diagnostics, Diagnostic};
use crate::lints::{apply_levels, Allowed, LintLevels};
use crate::syntax::{self, Directive};
pub(crate) use crossdoc::DocIndex;
pub(crate) use quantities::{
    breakdown_word, comparator_words, in_context, shown, shown_in, sum_text, value_word,
};
pub(crate) use rates::rate_span;
pub(crate) use subject::Outline;
pub(crate) use suppress::tokens as suppression_codes;
pub(crate) use time::{resolved_date, shown_date, start_of};
pub(crate) use totals::{breakdown_sum, scheme_sum};
pub(crate) use walk::*;
pub(crate) use year::DocYear;
use zhengce_runtime::CivilDate;

/// One source file: the name diagnostics will carry, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// What a check may look at beyond the policy files themselves.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The original documents (by file name) that 原文 quotes are checked against.
    pub source_texts: Option<Vec<SourceFile>>,
    /// Report duties overdue on this date (`--as-of`).
    pub as_of: Option<CivilDate>,
    /// The project's lint levels (`zhengce.toml`).
    pub lints: LintLevels,
}

/// A parsed file of the set.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub name: String,
    pub document: Document,
    /// Its `// zhengce: …` comments.
    pub directives: Vec<Directive>,
}

/// Everything a check produces: the documents that could be read and all diagnostics, sorted.
#[derive(Debug)]
pub struct CheckOutput {
    pub files: Vec<ParsedFile>,
    /// The findings that count, with the severity the project's levels give them.
    pub diagnostics: Vec<Diagnostic>,
    /// The findings a suppression comment or the project's levels allow, sorted: out of every
    /// count and report but the findings report's list of what is allowed.
    pub allowed: Vec<Allowed>,
}

impl CheckOutput {
    pub fn error_count(&self) -> usize {
        count_severity(&self.diagnostics, crate::Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        count_severity(&self.diagnostics, crate::Severity::Warning)
    }
}

/// Parses and checks a policy set with default options.
pub fn check_files(sources: &[SourceFile]) -> CheckOutput {
    check_files_with(sources, &CheckOptions::default())
}

/// Parses and checks a policy set.
pub fn check_files_with(sources: &[SourceFile], options: &CheckOptions) -> CheckOutput {
    check_parsed(sources.iter().map(parse_file).collect(), options)
}

/// One file of a set, parsed: its AST and the problems found reading it.
#[derive(Debug, Clone)]
pub struct Parse {
    pub file: ParsedFile,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one file of a set.
pub fn parse_file(src: &SourceFile) -> Parse {
    let parsed = syntax::parse(&src.text, &src.name);
    Parse {
        file: ParsedFile {
            name: src.name.clone(),
            document: parsed.document,
            directives: parsed.directives,
        },
        diagnostics: parsed.diagnostics,
    }
}

/// Checks a policy set whose files are parsed already, in set order: an editor parses again only
/// the file that changed. The same result as [`check_files_with`] on the files' texts.
pub fn check_parsed(parses: Vec<Parse>, options: &CheckOptions) -> CheckOutput {
    let mut files = Vec::with_capacity(parses.len());
    let mut diagnostics = Vec::new();
    for p in parses {
        diagnostics.extend(p.diagnostics);
        files.push(p.file);
    }
    let docs: Vec<DocCtx> = files
        .iter()
        .map(|f| DocCtx::new(&f.name, &f.document))
        .collect();
    for doc in &docs {
        diagnostics.extend(check_document(doc));
    }
    check_set(&docs, options, &mut diagnostics);
    let views: Vec<FileView> = files.iter().map(FileView::of).collect();
    let (diagnostics, allowed) = finish(&views, diagnostics, options);
    CheckOutput {
        files,
        diagnostics,
        allowed,
    }
}

/// The checks of one document that look at no other: what an edit of another file leaves as it
/// was (the incremental check keeps them).
pub(crate) fn check_document(doc: &DocCtx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    names::check(doc, &mut out);
    name_forms::check(doc, &mut out);
    totals::check(doc, &mut out);
    enumerations::check(doc, &mut out);
    rates::check(doc, &mut out);
    ratios::check(doc, &mut out);
    range_order::check(doc, &mut out);
    time::check(doc, &mut out);
    same_duty::check(doc, &mut out);
    campaign::check(doc, &mut out);
    tiers::check(doc, &mut out);
    duties::check(doc, &mut out);
    levels::check(doc, &mut out);
    out
}

/// The checks across the documents of the set.
pub(crate) fn check_set(docs: &[DocCtx], options: &CheckOptions, out: &mut Vec<Diagnostic>) {
    let set = SetCtx { docs, options };
    crossdoc::check(&set, out);
    cycles::check(&set, out);
    quotes::check(&set, out);
    stale::check(&set, out);
}

/// A file as the last steps of a check see it.
pub(crate) struct FileView<'a> {
    pub name: &'a str,
    pub document: &'a Document,
    pub directives: &'a [Directive],
}

impl<'a> FileView<'a> {
    fn of(f: &'a ParsedFile) -> FileView<'a> {
        FileView {
            name: &f.name,
            document: &f.document,
            directives: &f.directives,
        }
    }
}

/// The last steps of a check: the findings sorted, each with the item it is about; those a
/// suppression comment or the project's levels allow set apart; the rest with their levels.
pub(crate) fn finish(
    files: &[FileView],
    mut diagnostics: Vec<Diagnostic>,
    options: &CheckOptions,
) -> (Vec<Diagnostic>, Vec<Allowed>) {
    let outlines = || files.iter().map(|f| (f.name, f.document));
    sort_diagnostics(&mut diagnostics);
    subject::attach(outlines(), &mut diagnostics);
    let mut allowed = Vec::new();
    let (kept, mut reports) = suppress::apply(files, diagnostics, &mut allowed);
    subject::attach(outlines(), &mut reports);
    let mut diagnostics = kept;
    diagnostics.extend(reports);
    let mut diagnostics = apply_levels(&options.lints, diagnostics, &mut allowed);
    sort_diagnostics(&mut diagnostics);
    zhengce_runtime::sort::sort_by(&mut allowed, |a, b| {
        diagnostic::position_order(&a.diagnostic, &b.diagnostic)
    });
    (diagnostics, allowed)
}

/// The whole policy set, for checks that look across documents.
pub(crate) struct SetCtx<'a> {
    pub docs: &'a [DocCtx<'a>],
    pub options: &'a CheckOptions,
}

/// One document with what every check needs: its header, its dates and year, its symbols.
pub(crate) struct DocCtx<'a> {
    pub file: &'a str,
    pub doc: &'a Document,
    pub header: Option<&'a Header>,
    /// 成文日期, when the document states a full date.
    pub date: Option<CivilDate>,
    /// 发布日期, when the document states one whose year is known.
    pub published: Option<CivilDate>,
    /// The year month-day dates (6月10日前) belong to, and where it was read (see `year`).
    pub year_of: Option<DocYear>,
    /// `year_of`'s year.
    pub year: Option<i32>,
    pub symbols: Symbols<'a>,
}

impl<'a> DocCtx<'a> {
    pub fn new(file: &'a str, doc: &'a Document) -> DocCtx<'a> {
        let header = doc.items.iter().find_map(|i| match i {
            Item::Header(h) => Some(h),
            _ => None,
        });
        let year_of = year::document_year(doc, header);
        let year = year_of.map(|y| y.year);
        let date = header
            .and_then(|h| h.date.as_ref())
            .filter(|d| d.year.is_some())
            .and_then(|d| resolve_date(d, None));
        let published = header
            .and_then(|h| h.published.as_ref())
            .and_then(|d| resolve_date(d, year));
        DocCtx {
            file,
            doc,
            header,
            date,
            published,
            year_of,
            year,
            symbols: Symbols::collect(doc),
        }
    }

    /// The day 本月底 and 10日前 are counted from: 成文日期, else 发布日期.
    pub fn anchor(&self) -> Option<CivilDate> {
        self.date.or(self.published)
    }

    /// Resolves a date against this document's year (and, for 本月底, its month).
    pub fn resolve(&self, d: &DateExpr) -> Option<CivilDate> {
        if d.this_month {
            let issued = self.anchor()?;
            let month = u8::from(issued.0.month());
            return match d.part {
                Some(DatePart::Start) => CivilDate::from_ymd(issued.year(), month, 1),
                Some(DatePart::EarlyMonth) => CivilDate::from_ymd(issued.year(), month, 10),
                Some(DatePart::MidMonth) => CivilDate::from_ymd(issued.year(), month, 20),
                _ => CivilDate::month_end(issued.year(), month),
            };
        }
        if d.month.is_none() && d.year.is_none() && d.part.is_none() {
            // 10日前: a day of the document's own month.
            if let Some(day) = d.day {
                let issued = self.anchor()?;
                return CivilDate::from_ymd(issued.year(), u8::from(issued.0.month()), day);
            }
        }
        resolve_date(d, self.year)
    }

    /// The last day a deadline allows, when it has one.
    pub fn resolve_deadline(&self, d: &Deadline) -> Option<CivilDate> {
        match d {
            Deadline::By { date, .. } => self.resolve(date),
            Deadline::WithinYear { .. } => self.year.and_then(|y| CivilDate::from_ymd(y, 12, 31)),
            Deadline::Ongoing { .. } | Deadline::Event { .. } => None,
        }
    }

    /// Why a deadline with a date resolves to no day: the year, or (本月底, 10日前) the month,
    /// is not known. None when it resolves or has no date.
    pub fn unresolved_reason(&self, d: &Deadline) -> Option<String> {
        let date = match d {
            Deadline::By { date, .. } => date,
            Deadline::WithinYear { .. } if self.year.is_none() => {
                return Some(NO_YEAR.to_string());
            }
            _ => return None,
        };
        if self.resolve(date).is_some() {
            return None;
        }
        let month_from_anchor =
            date.this_month || (date.month.is_none() && date.year.is_none() && date.day.is_some());
        let inverted =
            matches!((date.month, date.until_month), (Some(first), Some(last)) if last < first);
        Some(if inverted {
            "月份区间起始晚于结束".to_string()
        } else if month_from_anchor {
            "文件没有写明成文日期或发布日期,不知是哪个月".to_string()
        } else if date.year.or(self.year).is_none() {
            NO_YEAR.to_string()
        } else {
            "日历上没有这一天".to_string()
        })
    }
}

/// Why a month-day date has no year.
const NO_YEAR: &str = "文件没有写明年份(成文日期、文号、发布日期、期间、标题都没有),不知是哪一年";

/// Resolves a written date to the calendar day it means as a deadline:
/// - 2017年11月28日 is that day; 6月10日 takes `doc_year`;
/// - 2019年 / 2019年底 / 2019年末 / 2019年前 mean by 31 December 2019;
/// - 5月 / 5月底 mean the month's last day; 5月初 the 1st, 上旬 the 10th, 中旬 the 20th;
/// - 3—5月 means the last day of May; 上半年 30 June, 三季度 30 September, 年中 30 June.
///
/// Returns `None` when the year is unknown or the day does not exist.
pub fn resolve_date(d: &DateExpr, doc_year: Option<i32>) -> Option<CivilDate> {
    let year = d.year.or(doc_year)?;
    if d.month.is_none() && d.day.is_some() {
        // A day without its month needs the document's date: see `DocCtx::resolve`.
        return None;
    }
    if d.this_month {
        // 本月底 needs the document's month, which the checker passes via `resolve_this_month`.
        return None;
    }
    match (d.month, d.day) {
        (Some(m), Some(day)) => CivilDate::from_ymd(year, m, day),
        (Some(m), None) => {
            // 3—5月: the range ends with its last month. 11月至2月 has no date in the year (ZC0407
            // reports it); dating it by its last month would report it again as overdue.
            if d.until_month.is_some_and(|last| last < m) {
                return None;
            }
            let m = d.until_month.unwrap_or(m);
            match d.part {
                Some(DatePart::Start) => CivilDate::from_ymd(year, m, 1),
                Some(DatePart::EarlyMonth) => CivilDate::from_ymd(year, m, 10),
                Some(DatePart::MidMonth) => CivilDate::from_ymd(year, m, 20),
                _ => CivilDate::month_end(year, m),
            }
        }
        (None, _) => match d.part {
            Some(DatePart::Start) => CivilDate::from_ymd(year, 1, 1),
            // 年中 is 30 June; 上半年 ends with June, 三季度 with September.
            Some(p) => match p.months() {
                Some((_, last)) => CivilDate::month_end(year, last),
                None => CivilDate::from_ymd(year, 12, 31),
            },
            None => CivilDate::from_ymd(year, 12, 31),
        },
    }
}

/// Whether the date was written without its year (so messages show the resolved date).
pub fn lacks_year(d: &DateExpr) -> bool {
    d.year.is_none()
}

/// Edit distance over characters, for "did you mean".
pub(crate) fn nearest<'n>(
    name: &str,
    candidates: impl Iterator<Item = &'n str>,
) -> Option<&'n str> {
    let len = name.chars().count();
    let limit = (len / 3).max(1);
    candidates
        .filter(|c| *c != name)
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::test_support::date;
    use super::*;

    #[test]
    fn dates_resolve_against_the_document_year() {
        let r = |d: DateExpr| resolve_date(&d, Some(2017)).map(|c| c.iso());
        assert_eq!(
            r(date(None, Some(6), Some(10), None)).unwrap(),
            "2017-06-10"
        );
        assert_eq!(
            r(date(Some(2019), None, None, Some(DatePart::End))).unwrap(),
            "2019-12-31"
        );
        assert_eq!(r(date(Some(2020), None, None, None)).unwrap(), "2020-12-31");
        assert_eq!(
            r(date(None, Some(5), None, Some(DatePart::End))).unwrap(),
            "2017-05-31"
        );
        assert_eq!(r(date(None, Some(2), None, None)).unwrap(), "2017-02-28");
        assert!(resolve_date(&date(None, Some(6), Some(10), None), None).is_none());
        let inverted = DateExpr {
            until_month: Some(2),
            ..date(None, Some(11), None, None)
        };
        assert!(resolve_date(&inverted, Some(2018)).is_none());
    }
}
