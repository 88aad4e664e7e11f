//! `zhengce draft`: a first rule file from the plain text of a published plan.
//!
//! The draft is the start of an encoding, not its end: the heading tree becomes nested 措施 with
//! their numbers and every sentence as 原文; duties, targets, standards, tiers and phases are
//! read where the text states them in the forms real plans use (docs/draft.md lists each form
//! with an example); whatever the draft cannot place is kept as a `// 待编码:` comment, so no
//! sentence of the text is lost. The result is in the canonical layout of `zhengce fmt` and
//! parses; every 原文 is a verbatim slice of the text, so `check --sources` finds it.
//!
//! No I/O here (the CLI decodes the file and writes the draft; the playground passes the text),
//! so the browser runs the same code. The modules, one concern each:
//! - `text`: lines, sentences, clauses and heading markers; `outline`: the heading tree, head
//!   and foot;
//! - `values`: numbers, units, dates, deadlines and windows, read by the language's own grammar;
//! - `header`, `duties`, `targets`, `standards`, `phases`: the extractors; `naming`: item names;
//! - `model`: what they found; `render`: the rule file.

mod duties;
mod header;
mod model;
mod naming;
mod outline;
mod phases;
mod render;
mod standards;
mod targets;
mod text;
mod values;

use model::{Duties, Measure, Node, Phase, Plan, Schedule};
use outline::Section;
use text::Range;

pub use render::Counts;

/// A draft and what it holds.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The rule file, in canonical layout.
    pub text: String,
    pub counts: Counts,
}

/// Why no draft could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// The text is larger than a policy file may be.
    TooLarge { bytes: usize, limit: usize },
    /// Not one Chinese character: no plan (a binary file read as text, another language).
    NoChinese,
    /// The draft did not parse: a fault of the drafter, reported rather than written.
    Internal(String),
}

impl DraftError {
    /// The error in Chinese, for the CLI and the playground.
    pub fn message(&self) -> String {
        match self {
            DraftError::TooLarge { bytes, limit } => {
                format!("文本过大:{bytes} 字节,超过上限 {limit} 字节;请分成几部分分别起草")
            }
            DraftError::NoChinese => {
                "文本中没有一个汉字,不像是政策文件;请确认文件是政策的纯文本(不是图片、PDF 或其他二进制文件)".to_string()
            }
            DraftError::Internal(why) => format!("起草的规则文件未能通过解析(内部错误):{why}"),
        }
    }
}

/// 2 → 二, 12 → 十二: the numbers the draft writes into names.
pub(crate) fn cn_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n == 10 {
                ""
            } else {
                DIGITS[(n - 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

/// Drafts a rule file from `source`, the plain text of a plan; `source_name` is the text's file
/// name, written as the header's 来源 so that `check --sources` finds the text.
pub fn draft(source: &str, source_name: &str) -> Result<Draft, DraftError> {
    let limit = crate::syntax::limits::MAX_FILE_BYTES;
    if source.len() > limit {
        return Err(DraftError::TooLarge {
            bytes: source.len(),
            limit,
        });
    }
    let lines = text::lines(source);
    if !lines.iter().any(|l| text::has_ideograph(l.of(source))) {
        return Err(DraftError::NoChinese);
    }
    let plan = {
        // pest's call limit is one process-wide setting: the draft reads under the default one,
        // as `syntax::parse` does, and lets go before parsing its own result.
        let _shared = crate::syntax::CALL_LIMIT_LOCK
            .read()
            .unwrap_or_else(|e| e.into_inner());
        plan(source, &lines, source_name)
    };
    let (rough, counts) = render::render(&plan, source, source_name);
    let text = crate::format::format_named(&rough, source_name)
        .map_err(|diags| internal(&rough, diags.first()))?;
    let parsed = crate::syntax::parse(&text, source_name);
    if let Some(d) = parsed.diagnostics.iter().find(|d| d.is_error()) {
        return Err(internal(&text, Some(d)));
    }
    Ok(Draft { text, counts })
}

/// The error of a draft that does not parse, with the line of the draft it is on (for a report).
fn internal(text: &str, d: Option<&crate::Diagnostic>) -> DraftError {
    let Some(d) = d else {
        return DraftError::Internal(String::new());
    };
    let line = d
        .primary_label()
        .map(|l| {
            let at = crate::position::floor_char_boundary(text, l.span.start);
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            text[start..end].trim().to_string()
        })
        .unwrap_or_default();
    DraftError::Internal(format!("{}(草稿中的「{line}」)", d.message))
}

fn plan(src: &str, lines: &[Range], source_name: &str) -> Plan {
    let outline = outline::outline(src, lines);
    let stem = source_name
        .rsplit(&['/', '\\'][..])
        .next()
        .unwrap_or(source_name)
        .trim_end_matches(".txt");
    let (header, others) = header::header(src, lines, &outline.head, &outline.foot, stem);
    let mut cx = Cx {
        src,
        lines,
        bare_lists: duties::bare_lists(src),
        campaign: None,
        hoisted: Vec::new(),
    };
    let mut body = Vec::new();
    // The head's sentences (the preamble, a 核心提示, the notice's own instructions) can state
    // targets and duties too; its text is the header's 原文.
    let head = sentences_of_lines(src, lines, &outline.head);
    let mut holder = Measure::default();
    cx.read_sentences(&mut holder, &head, false, false);
    body.append(&mut holder.children);
    body.append(&mut cx.hoisted);
    let mut i = 0;
    while i < outline.sections.len() {
        // Phases at the top of the outline (a text that starts inside its 工作步骤): one 步骤.
        let run = outline.sections[i..]
            .iter()
            .take_while(|s| cx.phase_of(s).is_some())
            .count();
        if run > 0 {
            let sections = &outline.sections[i..i + run];
            let phases = sections.iter().map(|s| cx.phase_of(s)).collect();
            let schedule = cx.schedule(
                sections,
                "工作步骤".to_string(),
                &[],
                phases,
                Vec::new(),
                false,
            );
            body.push(Node::Schedule(schedule));
            body.append(&mut cx.hoisted);
            i += run;
            continue;
        }
        let nodes = cx.section(&outline.sections[i], true, false);
        body.extend(nodes);
        body.append(&mut cx.hoisted);
        i += 1;
    }
    for &i in &outline.loose {
        cx.loose_line(lines[i], &mut body);
        body.append(&mut cx.hoisted);
    }
    if let Some((length, quote)) = cx.campaign.take() {
        let first = body.iter_mut().find_map(|n| match n {
            Node::Schedule(s) if s.length.is_none() => Some(s),
            _ => None,
        });
        match first {
            Some(s) => {
                s.length = Some(length);
                s.quotes.insert(0, quote);
            }
            None => body.push(Node::Schedule(Schedule {
                name: "集中整治".to_string(),
                length: Some(length),
                quotes: vec![quote],
                ..Schedule::default()
            })),
        }
    }
    let trailing = sentences_of_lines(src, lines, &others)
        .into_iter()
        .map(|r| r.of(src).to_string())
        .collect();
    Plan {
        header,
        body,
        trailing,
    }
}

/// The sentences of the lines `which`, in order.
fn sentences_of_lines(src: &str, lines: &[Range], which: &[usize]) -> Vec<Range> {
    let mut out = Vec::new();
    for &i in which {
        out.extend(text::sentences(src, lines[i]));
    }
    out
}

/// What the walk over the outline carries.
struct Cx<'s> {
    src: &'s str,
    lines: &'s [Range],
    /// What a bare list of bodies in parentheses names in this text.
    bare_lists: duties::BareList,
    /// The first campaign length stated (45天), with its sentence.
    campaign: Option<(String, Range)>,
    /// Items that cannot stand where their text is (a 步骤 under a 措施, a 目标 in a 阶段):
    /// written after the top-level item they come from.
    hoisted: Vec<Node>,
}

/// A heading's words: its first sentence after the marker, cut at a colon, and at a comma when
/// long.
fn heading_name(words: &str) -> String {
    let words = words.trim_end_matches(&['。', '.', '；', ';', '，', ','][..]);
    let words = words.split(&['：', ':'][..]).next().unwrap_or(words);
    let words = if words.chars().count() > 24 {
        words.split(&['，', ','][..]).next().unwrap_or(words)
    } else {
        words
    };
    text::first_chars(words, 30).to_string()
}

/// 一是, 二是 …: the enumeration inside a paragraph.
fn enumeration(s: &str, n: u32) -> Option<usize> {
    let word = format!("{}是", cn_number(n));
    s.starts_with(&word).then_some(word.len())
}

/// Words in a heading that make its figures findings rather than targets.
fn states_findings(title: &str) -> bool {
    text::contains_any(title, &["问题", "现状", "基本情况"])
}

impl Cx<'_> {
    fn sentences_of(&self, line: usize) -> Vec<Range> {
        text::sentences(self.src, self.lines[line])
    }

    /// The items of a heading and what it holds.
    fn section(&mut self, s: &Section, top: bool, situation: bool) -> Vec<Node> {
        let src = self.src;
        let mut own = self.sentences_of(s.line);
        for &l in &s.body {
            own.extend(self.sentences_of(l));
        }
        let first = own.first().copied().unwrap_or(self.lines[s.line]);
        let first_words = Range {
            start: s.marker.rest.min(first.end),
            end: first.end,
        };
        let name = heading_name(first_words.of(src));
        let situation = situation || states_findings(&name);
        let number = s.marker.text.of(src).trim().to_string();

        let child_phases: Vec<Option<(String, String)>> =
            s.children.iter().map(|c| self.phase_of(c)).collect();
        let sentence_phases: Vec<(usize, (String, String))> = own
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(i, r)| phases::sentence_phase(src, *r).map(|p| (i, p)))
            .collect();
        if child_phases.iter().any(Option::is_some) || !sentence_phases.is_empty() {
            let schedule = self.schedule(
                &s.children,
                name,
                &own,
                child_phases,
                sentence_phases,
                situation,
            );
            if top {
                return vec![Node::Schedule(schedule)];
            }
            self.hoisted.push(Node::Schedule(schedule));
            return Vec::new();
        }

        let mut m = Measure {
            number: Some(number),
            name,
            ..Measure::default()
        };
        self.fill(&mut m, &own, situation, true);
        for c in &s.children {
            let nodes = self.section(c, false, situation);
            m.children.extend(nodes);
        }
        vec![Node::Measure(m)]
    }

    /// The phase a heading opens (its name and window), if it opens one.
    fn phase_of(&self, c: &Section) -> Option<(String, String)> {
        let cs = self.sentences_of(c.line);
        let f = cs.first().copied()?;
        let words = Range {
            start: c.marker.rest.min(f.end),
            end: f.end,
        };
        let next = cs.get(1).copied().or_else(|| {
            c.body
                .first()
                .and_then(|&l| self.sentences_of(l).first().copied())
        });
        phases::heading_phase(self.src, words, next)
    }

    fn schedule(
        &mut self,
        children: &[Section],
        name: String,
        own: &[Range],
        child_phases: Vec<Option<(String, String)>>,
        sentence_phases: Vec<(usize, (String, String))>,
        situation: bool,
    ) -> Schedule {
        let mut schedule = Schedule {
            name,
            ..Schedule::default()
        };
        let mut rest: Vec<Range> = Vec::new();
        for (i, r) in own.iter().enumerate() {
            match sentence_phases.iter().find(|(k, _)| *k == i) {
                Some((_, (name, window))) => schedule.phases.push(Phase {
                    name: name.clone(),
                    window: window.clone(),
                    quotes: vec![*r],
                    measures: Vec::new(),
                }),
                None => rest.push(*r),
            }
        }
        // The schedule's own text: duties become measures in it, the rest its 原文.
        let mut holder = Measure::default();
        self.fill(&mut holder, &rest, situation, false);
        schedule.quotes = holder.quotes;
        self.absorb_children(holder.children, &mut schedule.measures);
        for (c, phase) in children.iter().zip(child_phases) {
            match phase {
                Some((name, window)) => {
                    let mut own = self.sentences_of(c.line);
                    for &l in &c.body {
                        own.extend(self.sentences_of(l));
                    }
                    let mut holder = Measure::default();
                    self.fill(&mut holder, &own, situation, false);
                    let mut phase = Phase {
                        name,
                        window,
                        quotes: holder.quotes,
                        measures: Vec::new(),
                    };
                    self.absorb_children(holder.children, &mut phase.measures);
                    for g in &c.children {
                        let nodes = self.section(g, false, situation);
                        self.absorb_children(nodes, &mut phase.measures);
                    }
                    schedule.phases.push(phase);
                }
                None => {
                    let nodes = self.section(c, false, situation);
                    self.absorb_children(nodes, &mut schedule.measures);
                }
            }
        }
        schedule
    }

    /// Measures go into `measures`; what a schedule or phase cannot hold is hoisted.
    fn absorb_children(&mut self, nodes: Vec<Node>, measures: &mut Vec<Measure>) {
        for n in nodes {
            match n {
                Node::Measure(m) => measures.push(m),
                other => self.hoisted.push(other),
            }
        }
    }

    /// Reads a measure's sentences: duties in parentheses set its own; 一是… parts become
    /// sub-measures; targets, standards and the duties sentences state become its children.
    fn fill(&mut self, m: &mut Measure, own: &[Range], situation: bool, parts: bool) {
        let src = self.src;
        let mut rest: Vec<Range> = Vec::new();
        for &r in own {
            let d = duties::parenthesised(src, r, self.bare_lists)
                .or_else(|| duties::labelled_line(src, r));
            match d {
                Some(d) => {
                    m.duties.absorb(d);
                    m.quotes.push(r);
                }
                None => rest.push(r),
            }
        }
        // 一是…二是…: sub-measures, when the enumeration runs in order from 一是.
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        if parts {
            let mut n = 1;
            for (i, r) in rest.iter().enumerate() {
                if let Some(len) = enumeration(r.of(src), n) {
                    cuts.push((i, len));
                    n += 1;
                }
            }
        }
        if cuts.len() >= 2 {
            let intro = rest[..cuts[0].0].to_vec();
            self.read_sentences(m, &intro, situation, parts);
            for (k, &(at, marker)) in cuts.iter().enumerate() {
                let end = cuts.get(k + 1).map_or(rest.len(), |c| c.0);
                let sentences = &rest[at..end];
                let first = sentences[0];
                let words = text::clauses(
                    src,
                    Range {
                        start: first.start + marker,
                        end: first.end,
                    },
                )
                .first()
                .copied()
                .unwrap_or(first);
                let number = &first.of(src)[..marker];
                let mut part = Measure {
                    number: values::reads(crate::grammar::Rule::item_number, number)
                        .then(|| number.to_string()),
                    name: naming::heading(&heading_name(words.of(src)), 24)
                        .unwrap_or_else(|| format!("第{}项", cn_number(k as u32 + 1))),
                    ..Measure::default()
                };
                self.read_sentences(&mut part, sentences, situation, true);
                m.children.push(Node::Measure(part));
            }
        } else {
            self.read_sentences(m, &rest, situation, parts);
        }
        // A measure's own order: the text's sentences first, then what was read from them.
        zhengce_runtime::sort::sort_by_key(&mut m.quotes, |r| r.start);
    }

    /// Targets, standards and stated duties of each sentence. `own`: `m` is a measure of the
    /// text, which takes the duties of its one sentence that states some; otherwise (the holder
    /// of a schedule's or phase's text) each stated duty becomes a measure.
    fn read_sentences(&mut self, m: &mut Measure, sentences: &[Range], situation: bool, own: bool) {
        let src = self.src;
        let mut findings: Vec<(Range, Range, Duties)> = Vec::new();
        let mut chunks = Vec::with_capacity(sentences.len());
        for s in sentences {
            chunks.extend(text::analysis_chunks(src, *s));
        }
        // The horizon a sentence opened its paragraph with (到2020年,…), for the next ones.
        let mut carried: Option<(Range, String)> = None;
        // The first sentence of a paragraph, or the first after its heading ((二)攻坚目标。到2020年,…).
        let new_line = |i: usize| i == 0 || src[chunks[i - 1].end..chunks[i].start].contains('\n');
        let opens_paragraph =
            |i: usize| new_line(i) || new_line(i - 1) && text::marker(src, chunks[i - 1]).is_some();
        for (i, &r) in chunks.iter().enumerate() {
            let first_of_line = opens_paragraph(i);
            if carried
                .as_ref()
                .is_some_and(|(d, _)| src[d.end..r.start].contains('\n'))
            {
                carried = None;
            }
            let found = values::scan(src, r);
            let mut taken = vec![false; found.quantities.len()];
            if self.campaign.is_none() {
                if let Some(length) = phases::campaign_length(src, r, &found) {
                    self.campaign = Some((length, r));
                }
            }
            for s in standards::in_sentence(src, r, &found, &mut taken) {
                m.children.push(Node::Standard(s));
            }
            let read =
                targets::in_sentence(src, r, &found, &mut taken, situation, carried.as_ref());
            for t in read.targets {
                m.children.push(Node::Target(t));
            }
            for t in read.yearly {
                add_yearly(&mut m.children, t);
            }
            let used = read.used_dates;
            // Only a paragraph's first sentence sets out what the paragraph dates; a year that
            // opens a later sentence dates that sentence alone (…。到2017年,全面完成…。).
            if read.opens_with.is_some() && first_of_line {
                carried = read.opens_with;
            } else if used.iter().any(|d| r.start <= d.start && d.end <= r.end) {
                // A sentence with dates of its own ends what the opening horizon dated.
                carried = None;
            }
            for (range, d) in duties::in_sentence(src, r, &found, &used) {
                findings.push((r, range, d));
            }
        }
        let mut moved: Vec<Range> = Vec::new();
        if own && m.duties.is_empty() && findings.len() == 1 {
            if let Some((_, _, d)) = findings.pop() {
                m.duties.absorb(d);
            }
        }
        for (sentence, range, d) in findings {
            let name = duty_name(src, range, d.deadline.as_deref());
            if range == sentence {
                moved.push(sentence);
            }
            m.children.push(Node::Measure(Measure {
                number: None,
                name,
                duties: d,
                quotes: vec![range],
                children: Vec::new(),
            }));
        }
        for &r in sentences {
            if !moved.contains(&r) {
                m.quotes.push(r);
            }
        }
        // Items read from a sentence stand in the order of the text.
        zhengce_runtime::sort::sort_by_key(&mut m.children, |n| match n {
            Node::Measure(x) => x.quotes.first().map_or(usize::MAX, |r| r.start),
            Node::Target(x) => x.quotes.first().map_or(usize::MAX, |r| r.start),
            Node::Standard(x) => x.quotes.first().map_or(usize::MAX, |r| r.start),
            Node::Schedule(_) | Node::Pending(_) => usize::MAX,
        });
    }

    /// A line of a text without headings: a measure when something in it could be read, else its
    /// sentences as 待编码 comments.
    fn loose_line(&mut self, line: Range, out: &mut Vec<Node>) {
        let src = self.src;
        let own = text::sentences(src, line);
        let mut m = Measure::default();
        self.fill(&mut m, &own, false, true);
        if m.children.is_empty() && m.duties.is_empty() {
            out.extend(own.iter().map(|r| Node::Pending(r.of(src).to_string())));
            return;
        }
        let first = own.first().map_or("", |r| r.of(src));
        m.name = naming::heading(&heading_name(first), 20).unwrap_or_else(|| "措施".to_string());
        out.push(Node::Measure(m));
    }
}

/// The name of a duty a sentence states: its clause with the deadline, without the deadline
/// and the words that tie it in (要在5月30日之前完成安置任务 → 完成安置任务).
fn duty_name(src: &str, range: Range, deadline: Option<&str>) -> String {
    let clauses = text::clauses(src, range);
    let clause = deadline
        .and_then(|t| clauses.iter().find(|c| c.of(src).contains(t)))
        .copied()
        .unwrap_or(range);
    // Without the spaces a PDF leaves inside dates (2019 年1月 25 日前), as the deadline is written.
    let words = text::chars_where(clause.of(src), |c| c != ' ' && c != '\u{3000}');
    let words = words.as_str();
    let (before, after) = match deadline.and_then(|t| words.find(t).map(|i| (i, t.len()))) {
        Some((i, len)) => (&words[..i], &words[i + len..]),
        None => (words, ""),
    };
    let mut before = before;
    for tie in [
        "务必在",
        "要在",
        "应在",
        "须在",
        "要于",
        "必须",
        "要",
        "应",
        "须",
        "在",
        "于",
        "到",
    ] {
        before = before.strip_suffix(tie).unwrap_or(before);
    }
    let words = format!("{before}{after}");
    naming::name_from(&strip_dates(&words), 20).unwrap_or_else(|| "落实".to_string())
}

/// Words of a clause without its dates' digits (名称 from 「于5月底前完成拆旧工作」).
fn strip_dates(s: &str) -> String {
    text::chars_where(s, |c| !c.is_ascii_digit() && !('０'..='９').contains(&c))
        .replace("年月日", "")
        .replace("月日", "")
        .replace("年底", "")
        .replace("月底", "")
}

#[cfg(test)]
mod tests;

/// Figures stated year by year (到2017年年末,完成8个县…;到2018年年末,…) break down the latest
/// earlier total of their unit in the same measure when it has none yet and is not due before
/// them; otherwise they stand as a target of their own with only the 分年度.
fn add_yearly(children: &mut Vec<Node>, yearly: model::Target) {
    let last_year = yearly
        .breakdown
        .as_ref()
        .and_then(|(_, parts)| parts.rsplit('、').next())
        .and_then(|p| p.get(..4))
        .and_then(|y| y.parse::<i32>().ok());
    let total = children.iter_mut().rev().find_map(|n| match n {
        Node::Target(t)
            if t.unit == yearly.unit
                && t.value.is_some()
                && t.breakdown.is_none()
                && t.rate.is_none()
                && t.keyword == yearly.keyword =>
        {
            let due = t
                .deadline
                .as_deref()
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse::<i32>().ok());
            let fits = match (due, last_year) {
                (Some(d), Some(l)) => d >= l,
                _ => true,
            };
            fits.then_some(t)
        }
        _ => None,
    });
    match total {
        Some(t) => {
            t.breakdown = yearly.breakdown;
            t.quotes.extend(yearly.quotes);
        }
        None => children.push(Node::Target(yearly)),
    }
}
