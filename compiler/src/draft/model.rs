//! What the extractors found, before it is written out: items with their values as the text a
//! clause holds (each checked against the grammar by the extractor that made it) and their 原文
//! as byte ranges of the source.

use super::text::Range;

/// Names in a duty clause; `open` when the text ends the list with 等.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct NameList {
    pub names: Vec<String>,
    pub open: bool,
}

impl NameList {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Adds the names of `other` not already listed.
    pub fn merge(&mut self, other: NameList) {
        for n in other.names {
            if !self.names.contains(&n) {
                self.names.push(n);
            }
        }
        self.open |= other.open;
    }
}

/// Who does a duty and by when.
#[derive(Clone, Debug, Default)]
pub(super) struct Duties {
    pub lead: NameList,
    pub responsible: NameList,
    pub leaders: NameList,
    pub deadline: Option<String>,
    /// Fields the text gives that the language cannot hold as written (时限「立即整改」).
    pub pending: Vec<String>,
}

impl Duties {
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty()
            && self.responsible.is_empty()
            && self.leaders.is_empty()
            && self.deadline.is_none()
            && self.pending.is_empty()
    }

    /// Takes the fields of `other` this one lacks; lists are merged.
    pub fn absorb(&mut self, other: Duties) {
        self.lead.merge(other.lead);
        self.responsible.merge(other.responsible);
        self.leaders.merge(other.leaders);
        match (&self.deadline, other.deadline) {
            (None, d) => self.deadline = d,
            (Some(a), Some(b)) if *a != b => self.pending.push(format!("另有时限：{b}")),
            _ => {}
        }
        self.pending.extend(other.pending);
    }
}

#[derive(Debug, Default)]
pub(super) struct Measure {
    /// The heading's number as printed (（一）, 1., 一是).
    pub number: Option<String>,
    pub name: String,
    pub duties: Duties,
    pub quotes: Vec<Range>,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub(super) struct Target {
    /// 目标, or 现状 for figures a section states as the situation found.
    pub keyword: &'static str,
    pub name: String,
    pub value: Option<String>,
    /// The unit of the value's number, when it has one (what a breakdown's parts must share).
    pub unit: Option<zhengce_runtime::UnitAtom>,
    pub deadline: Option<String>,
    /// `(key, parts)`: 分年度 or 分项 with its parts as the grammar's breakdown.
    pub breakdown: Option<(&'static str, String)>,
    /// 每年：a yearly figure, with the year or years it runs over.
    pub rate: Option<String>,
    pub quotes: Vec<Range>,
}

#[derive(Debug)]
pub(super) struct Standard {
    /// 标准 or 补助, as the text calls it.
    pub keyword: &'static str,
    pub name: String,
    /// `(key, amount)`: 金额 for money, 值 for other units.
    pub amount: Option<(&'static str, String)>,
    pub tiers: Option<Tiers>,
    /// The fact a share is taken of (项目总投资) and its unit, to declare.
    pub base: Option<(String, &'static str)>,
    pub quotes: Vec<Range>,
}

/// 分档 按 fact { case：amount … } with the categories the fact takes.
#[derive(Debug)]
pub(super) struct Tiers {
    pub fact: String,
    pub rows: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub(super) struct Schedule {
    pub name: String,
    pub length: Option<String>,
    pub phases: Vec<Phase>,
    pub measures: Vec<Measure>,
    pub quotes: Vec<Range>,
}

#[derive(Debug, Default)]
pub(super) struct Phase {
    pub name: String,
    pub window: String,
    pub measures: Vec<Measure>,
    pub quotes: Vec<Range>,
}

/// An item of the draft, or a sentence it could not place.
#[derive(Debug)]
pub(super) enum Node {
    Measure(Measure),
    Target(Target),
    Standard(Standard),
    Schedule(Schedule),
    /// `// 待编码: …` with the sentence (or the field) the draft could not encode.
    Pending(String),
}

/// The document's header as found in its head and foot.
#[derive(Debug, Default)]
pub(super) struct Header {
    pub title: String,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub published: Option<String>,
    /// Cited documents with their numbers: `外部《…》（…号）`.
    pub basis: Vec<String>,
    pub quotes: Vec<Range>,
}

/// Everything the draft will write.
#[derive(Debug, Default)]
pub(super) struct Plan {
    pub header: Header,
    pub body: Vec<Node>,
    /// Sentences after the text (web furniture), kept as 待编码 comments at the end.
    pub trailing: Vec<String>,
}
