//! The year a document's month-day dates (6月10日前, 9月底, 上半年) belong to, and where it comes
//! from: the first the document states of
//!
//! 1. its 成文日期 (with a year);
//! 2. the year in its own 文号 (汨扶发〔2017〕14号);
//! 3. its 发布日期 (with a year);
//! 4. a 期间 of one year;
//! 5. the one year that every dated month in the text writes (2018年5月底前, 2018年5月9日-5月15日),
//!    when they all agree;
//! 6. the one year its title names.
//!
//! The title comes last: a rectification plan's title usually names the year that was assessed
//! (《…2017年度…考核反馈问题整改方案》, written in 2018), and in the seeds it is the wrong year
//! every time a title has one.

use super::walk::{measures, schedules, standards, targets};
use crate::ast::{DateExpr, Deadline, Document, Header};
use crate::diagnostic::Span;
use zhengce_runtime::ir::YearSource;

/// A document's year and where it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DocYear {
    pub year: i32,
    pub source: YearSource,
    /// Where the year is written (the header clause, the date, the title).
    pub span: Span,
}

/// The year month-day dates take, from the first source the document states.
pub(crate) fn document_year(doc: &Document, header: Option<&Header>) -> Option<DocYear> {
    let found = |year, source, span| Some(DocYear { year, source, span });
    if let Some(h) = header {
        if let Some(d) = h.date.as_ref().filter(|d| d.year.is_some()) {
            return found(d.year?, YearSource::Date, d.span);
        }
        if let Some(n) = &h.number {
            if let Some(y) = number_year(&n.text) {
                return found(y, YearSource::Number, n.span);
            }
        }
        if let Some(d) = h.published.as_ref().filter(|d| d.year.is_some()) {
            return found(d.year?, YearSource::Published, d.span);
        }
        if let Some(p) = h.period.as_ref().filter(|p| p.from_year == p.to_year) {
            return found(p.from_year, YearSource::Period, p.span);
        }
    }
    if let Some((year, span)) = dated_months_year(doc) {
        return found(year, YearSource::Dates, span);
    }
    let h = header?;
    let (year, offset) = title_year(&h.title.text)?;
    let start = h.title.span.start + offset;
    found(year, YearSource::Title, Span::new(start, start + 4))
}

/// The year between the brackets of a 文号 (汨扶发〔2017〕14号); none for 〔XXXX〕.
fn number_year(number: &str) -> Option<i32> {
    let open = number.find(['〔', '﹝', '[', '［', '【'])?;
    let rest = &number[open..];
    let rest = &rest[rest.chars().next()?.len_utf8()..];
    let digits: String = rest
        .chars()
        .take_while(|c| !matches!(c, '〕' | '﹞' | ']' | '］' | '】'))
        .collect();
    let folded = crate::lexical::fold_width(&digits);
    if folded.len() == 4 && folded.chars().all(|c| c.is_ascii_digit()) {
        folded.parse().ok()
    } else {
        None
    }
}

/// A date that names a year and a month or a stretch of one (2018年5月底, 2019年上半年): dates
/// of the plan's own work, unlike a bare 2020年 (a goal years ahead).
fn dated_month(d: &DateExpr) -> Option<i32> {
    let month_level = d.month.is_some() || d.part.and_then(|p| p.months()).is_some();
    d.year.filter(|_| month_level)
}

/// The one year every dated month of the plan's deadlines, completions, phases and standards
/// writes, with the first such date; none when there is none or they disagree.
fn dated_months_year(doc: &Document) -> Option<(i32, Span)> {
    let mut dates: Vec<&DateExpr> = Vec::new();
    for m in measures(doc) {
        dates.extend(m.measure.deadline.as_ref().and_then(Deadline::date));
        dates.extend(m.measure.completed.as_ref());
    }
    for t in targets(doc) {
        dates.extend(t.target.deadline.as_ref().and_then(Deadline::date));
    }
    for s in standards(doc) {
        dates.extend(s.since.as_ref());
    }
    for s in schedules(doc) {
        for p in &s.phases {
            dates.push(&p.window.start);
            dates.extend(p.window.end.as_ref());
        }
    }
    let mut found: Option<(i32, Span)> = None;
    for d in dates {
        let Some(year) = dated_month(d) else { continue };
        match found {
            Some((y, _)) if y != year => return None,
            Some((_, span)) if span.start <= d.span.start => {}
            _ => found = Some((year, d.span)),
        }
    }
    found
}

/// The one year a title names (《桂林镇2020年脱贫攻坚春季攻势…》), with its byte offset in the
/// title: a run of four digits between 1900 and 2100 that is not part of a longer number. None
/// when the title names no year, or two (2018—2020年).
fn title_year(title: &str) -> Option<(i32, usize)> {
    let mut found: Option<(i32, usize)> = None;
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_digit(chars[i].1) {
            i += 1;
        }
        if i - start != 4 {
            continue;
        }
        let digits: String = chars[start..i].iter().map(|(_, c)| *c).collect();
        let Ok(year) = crate::lexical::fold_width(&digits).parse::<i32>() else {
            continue;
        };
        if !(1900..=2100).contains(&year) {
            continue;
        }
        match found {
            Some((y, _)) if y != year => return None,
            Some(_) => {}
            None => found = Some((year, chars[start].0)),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year_of(src: &str) -> Option<(i32, YearSource)> {
        let parsed = crate::syntax::parse(src, "t.zc");
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let header = parsed.document.items.iter().find_map(|i| match i {
            crate::ast::Item::Header(h) => Some(h),
            _ => None,
        });
        document_year(&parsed.document, header).map(|y| (y.year, y.source))
    }

    #[test]
    fn sources_in_order() {
        let all = "文件《某县2016年方案》{\n  成文日期：2018年5月9日\n  文号：某发〔2017〕3号\n  发布日期：2019年1月2日\n  期间：2020年至2020年\n}\n";
        assert_eq!(year_of(all), Some((2018, YearSource::Date)));
        let no_date = all.replace("  成文日期：2018年5月9日\n", "");
        assert_eq!(year_of(&no_date), Some((2017, YearSource::Number)));
        let no_number = no_date.replace("  文号：某发〔2017〕3号\n", "");
        assert_eq!(year_of(&no_number), Some((2019, YearSource::Published)));
        let no_published = no_number.replace("  发布日期：2019年1月2日\n", "");
        assert_eq!(year_of(&no_published), Some((2020, YearSource::Period)));
        let title_only = no_published.replace("  期间：2020年至2020年\n", "");
        assert_eq!(year_of(&title_only), Some((2016, YearSource::Title)));
        // A year-less 成文日期 or an unfilled 文号 gives no year.
        let blank = "文件《方案》{\n  成文日期：5月9日\n  文号：XX﹝XXXX﹞X号\n}\n";
        assert_eq!(year_of(blank), None);
    }

    #[test]
    fn dated_months_come_before_the_title_and_must_agree() {
        // The title names the year assessed; the plan's own dated months say 2018.
        let src = "文件《XX镇2017年考核反馈问题整改工作方案》{ 来源：x.txt }\n措施 甲 { 期限：2018年5月底前 }\n措施 乙 { 期限：5月25日前 }\n";
        assert_eq!(year_of(src), Some((2018, YearSource::Dates)));
        let mixed = src.replace(
            "措施 乙 { 期限：5月25日前 }",
            "措施 乙 { 期限：2019年1月底前 }",
        );
        assert_eq!(year_of(&mixed), Some((2017, YearSource::Title)));
        // A bare year (a goal) is not a dated month.
        let goal = "文件《方案》{ 来源：x.txt }\n目标 甲 { 值：全覆盖；期限：2020年 }\n";
        assert_eq!(year_of(goal), None);
    }

    #[test]
    fn title_years() {
        assert_eq!(title_year("桂林镇2020年脱贫攻坚春季攻势"), Some((2020, 9)));
        assert_eq!(title_year("三年行动计划(2018—2020年)"), None);
        assert_eq!(title_year("龙州镇2017省扶贫开发成效考核"), Some((2017, 9)));
        assert_eq!(title_year("第12345号"), None);
        assert_eq!(title_year("2018年度和2018年"), Some((2018, 0)));
        assert_eq!(number_year("汨扶发〔2017〕14号"), Some(2017));
        assert_eq!(number_year("XX﹝XXXX﹞X号"), None);
    }
}
