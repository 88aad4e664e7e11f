//! The IR: what a checked policy set compiles to, and all the runtime needs to answer questions.
//!
//! Names are resolved (department aliases fold to one canonical name), dates are calendar days,
//! quantities are exact. Every item keeps where it came from and its 原文 quote, so answers can
//! explain themselves. The format is versioned: a runtime refuses an IR whose `version` it does
//! not read (see [`Program::check_version`]).

use crate::value::{CivilDate, Quantity, Unit};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The IR format this runtime reads and the compiler writes.
pub const IR_VERSION: u32 = 2;

/// A compiled policy set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Program {
    /// Always [`IR_VERSION`] when written by this compiler.
    pub version: u32,
    pub documents: Vec<Document>,
}

impl Program {
    /// Refuses a program written in a format this runtime does not read.
    pub fn check_version(&self) -> Result<(), String> {
        if self.version == IR_VERSION {
            Ok(())
        } else {
            Err(format!(
                "IR 格式版本为 {},本运行时只能读取版本 {IR_VERSION};请用同一版本的 zhengce 重新编译",
                self.version
            ))
        }
    }

    /// Reads a program from JSON, checking its version before anything else.
    pub fn from_json(json: &str) -> Result<Program, String> {
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let v: VersionOnly =
            serde_json::from_str(json).map_err(|e| format!("不是 zhengce IR:{e}"))?;
        if v.version != IR_VERSION {
            return Err(format!(
                "IR 格式版本为 {},本运行时只能读取版本 {IR_VERSION};请用同一版本的 zhengce 重新编译",
                v.version
            ));
        }
        serde_json::from_str(json).map_err(|e| format!("IR 格式有误:{e}"))
    }
}

/// The JSON Schema of a [`Program`] as JSON (docs/ir.schema.json), generated from these types.
/// `version` is pinned to [`IR_VERSION`], so an IR of another version does not validate.
#[cfg(feature = "schema")]
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Program).to_value();
    if let Some(version) = schema.pointer_mut("/properties/version") {
        version["const"] = IR_VERSION.into();
    }
    schema
}

/// Where an item came from: file, position and the exact words of the document it encodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Origin {
    pub file: String,
    /// 1-based line and column (column in characters) of the item's name.
    pub line: u32,
    pub column: u32,
    /// Byte span of the whole item in the file.
    pub start: usize,
    pub end: usize,
    /// The first 原文 quote of the item, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub quote: Option<String>,
}

/// One document of the set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "IrDocument"))]
pub struct Document {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<String>,
    /// 发文机关: the issuing bodies, as written (not resolved to `departments`: an issuer need not
    /// be a declared 部门).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issuer: Vec<String>,
    /// 成文日期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date: Option<CivilDate>,
    /// The year month-day dates without their own year (6月10日前) belong to, when the document
    /// states one anywhere: see [`YearSource`] for where it is taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub year: Option<i32>,
    /// Where `year` comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub year_source: Option<YearSource>,
    /// 发布日期: when the document was published (posted), distinct from 成文日期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub published: Option<CivilDate>,
    /// 施行: the day the document takes effect, when it names one (施行：2016年2月9日).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub effective: Option<CivilDate>,
    /// 施行：印发之日起: in force from the day of issue (which the document may not give).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub effective_on_issue: bool,
    /// 期间: the years the document's work spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub period: Option<Period>,
    /// Titles of the documents it rests on (依据).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<String>,
    /// Titles of the documents it repeals (废止).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeals: Vec<String>,
    /// 来源: the source text file the 原文 quotes come from, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub source: Option<String>,
    /// Every department by its canonical name, with the other names it goes by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<Department>,
    /// Every declared 范围. Every scope name elsewhere in the IR is one of these `name`s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<Scope>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<Duty>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemes: Vec<Scheme>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Department {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// A class of bodies (各乡镇党委、政府) rather than one body.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub class: bool,
}

/// A 范围: a named set (深度贫困县), with what the document states of its size and members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scope {
    pub name: String,
    /// The declared size (9个县, 数量：6220个村), as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub count: Option<Quantity>,
    /// Further sizes of the same set in other units (1331户、4528人: `count` 1331户, `also` 4528人).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Quantity>,
    /// The listed members (成员), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// The member list ends in 等: it is not exhaustive.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub members_open: bool,
    /// 名单附后: the member list is attached to the document, not in its text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub list_attached: bool,
    pub origin: Origin,
}

/// An input a rule needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fact {
    pub name: String,
    pub kind: FactKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FactKind {
    /// One of a fixed list of values (县类别：深度贫困县、贫困县、非贫困县).
    Category {
        values: Vec<String>,
    },
    /// A quantity in a unit; `scale` is how the document writes it (万元).
    Quantity {
        unit: Unit,
        #[serde(default, skip_serializing_if = "crate::value::Scale::is_one")]
        scale: crate::value::Scale,
    },
    Date,
}

/// A comparator: `ge` for 不低于/以上, `le` for 不超过/以内, …
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Cmp {
    Eq,
    Ge,
    Gt,
    Le,
    Lt,
    About,
}

/// A standard or subsidy (标准 / 补助): what someone gets, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rule {
    /// The rule's number as printed ((一), 1.), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<String>,
    pub name: String,
    /// 标准 or 补助.
    pub keyword: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beneficiary: Vec<String>,
    /// Conditions that must all hold for the rule to apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    pub body: RuleBody,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub floor: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cap: Option<Quantity>,
    /// Years the rule is valid (有效期), inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub valid_years: Option<(i32, i32)>,
    /// In force from (自).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub since: Option<CivilDate>,
    /// The 范围 the rule applies to, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible: Vec<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Condition {
    pub fact: String,
    pub test: Case,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RuleBody {
    /// One amount for every case.
    Fixed { amount: Amount },
    /// 分档 按 fact: the first row whose case matches gives the amount.
    Tiered { by: String, rows: Vec<Tier> },
    /// No computable amount (a qualitative standard).
    None,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Tier {
    pub case: Case,
    pub amount: Amount,
    pub origin: Origin,
}

/// Which values of a fact a tier or condition covers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Case {
    Values {
        values: Vec<String>,
    },
    /// An interval of a quantity; `None` ends are unbounded. Ends are in the unit's atoms.
    Interval {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        low: Option<Bound>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        high: Option<Bound>,
        unit: Option<Unit>,
        /// As the document writes it: 1000人以下.
        text: String,
    },
    Otherwise,
}

/// One end of an interval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bound {
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::value::DecimalString"))]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub value: Decimal,
    pub inclusive: bool,
}

/// An amount as the rule states it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Amount {
    /// A quantity with a comparator: 200元/人/年 (=), 不低于200元 (ge) — the runtime pays the
    /// stated number and reports the comparator as a floor or cap.
    Quantity {
        cmp: Cmp,
        quantity: Quantity,
        text: String,
    },
    /// A range: the runtime reports both ends; a fact may choose within it.
    Range {
        low: Quantity,
        high: Quantity,
        text: String,
    },
    /// A share of a base fact or rule: 项目总投资的20%.
    Share {
        base: String,
        /// The rate in percent (20 for 20%).
        #[serde(with = "rust_decimal::serde::str")]
        #[cfg_attr(feature = "schema", schemars(with = "crate::value::DecimalString"))]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        percent: Decimal,
        cmp: Cmp,
        text: String,
    },
    /// 由3000元提高到5000元: the new amount applies from `since` (or always when none).
    Change {
        from: Quantity,
        to: Quantity,
        text: String,
    },
    /// 3:7至1:9: a range of ratios.
    RatioRange {
        #[cfg_attr(
            feature = "schema",
            schemars(with = "(crate::value::DecimalString, crate::value::DecimalString)")
        )]
        #[cfg_attr(feature = "ts", ts(type = "[string, string]"))]
        low: (Decimal, Decimal),
        #[cfg_attr(
            feature = "schema",
            schemars(with = "(crate::value::DecimalString, crate::value::DecimalString)")
        )]
        #[cfg_attr(feature = "ts", ts(type = "[string, string]"))]
        high: (Decimal, Decimal),
        text: String,
    },
}

/// A duty: a measure with its departments and resolved deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Duty {
    /// Position in `Document::duties`; `parent` refers to another duty by this index.
    pub id: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub parent: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<String>,
    pub name: String,
    /// Canonical department names; inherited from the nearest ancestor when the measure names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lead_inherited: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leaders: Vec<String>,
    pub deadline: Deadline,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub completed: Option<CivilDate>,
    /// The 阶段 the measure is stated in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub phase: Option<String>,
    /// The 范围 the measure is aimed at, by name (not inherited from its parent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
    pub origin: Origin,
}

/// When a duty or a target is due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Deadline {
    /// Due by this day (inclusive); `text` is as written (6月10日前, 9月, 上半年).
    By {
        date: CivilDate,
        text: String,
        /// Where the year came from, when the text did not write it (6月10日前 in a document
        /// whose year is its 发布日期's).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        year_from: Option<YearSource>,
    },
    /// Open-ended (长期坚持, 常态化).
    Open { text: String },
    /// Before an event the text names rather than a date (「秋季学期」前).
    Event { event: String, text: String },
    /// The document states no deadline (a duty only; a target without one has no `deadline`).
    None,
    /// A date the text gives but the compiler could not place in the calendar, and why.
    Unresolved { text: String, reason: String },
}

impl Deadline {
    /// The day it is due by, when it has one.
    pub fn date(&self) -> Option<CivilDate> {
        match self {
            Deadline::By { date, .. } => Some(*date),
            _ => None,
        }
    }

    /// As written (6月10日前, 长期坚持, 「秋季学期」前); none for [`Deadline::None`].
    pub fn text(&self) -> Option<&str> {
        match self {
            Deadline::By { text, .. }
            | Deadline::Open { text }
            | Deadline::Event { text, .. }
            | Deadline::Unresolved { text, .. } => Some(text),
            Deadline::None => None,
        }
    }
}

/// Where the year of a month-day date (6月10日前) comes from: the first of these the document
/// states. The checks' messages name it ("按发布日期的年份即2019年6月10日").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// 成文日期 (written with its year).
    Date,
    /// The year in the document's own 文号 (汨扶发〔2017〕14号).
    Number,
    /// 发布日期.
    Published,
    /// A 期间 of a single year (期间：2018年至2018年).
    Period,
    /// The one year that every dated month (2018年5月底前, 2018年5月6日) in the text states.
    Dates,
    /// The one year the title names (《…2020年…实施方案》): the weakest source, since a
    /// rectification plan's title often names the year assessed, not its own.
    Title,
}

impl YearSource {
    /// The source itself: 成文日期, 文号, 发布日期, 期间, 文中日期, 标题.
    pub fn word(self) -> &'static str {
        match self {
            YearSource::Date => "成文日期",
            YearSource::Number => "文号",
            YearSource::Published => "发布日期",
            YearSource::Period => "期间",
            YearSource::Dates => "文中日期",
            YearSource::Title => "标题",
        }
    }

    /// The year it gives, in a message: "按{phrase}即2019年6月10日".
    pub fn phrase(self) -> &'static str {
        match self {
            YearSource::Date => "成文日期的年份",
            YearSource::Number => "文号中的年份",
            YearSource::Published => "发布日期的年份",
            YearSource::Period => "期间的年份",
            YearSource::Dates => "文中日期写明的年份",
            YearSource::Title => "标题中的年份",
        }
    }
}

/// A 阶段 of a 步骤.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Phase {
    pub schedule: String,
    /// The phase's number as printed ((一), 1., ①), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub start: Option<CivilDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub end: Option<CivilDate>,
    pub origin: Origin,
}

/// A target (or a 现状 figure).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Target {
    /// The target's number as printed ((一), 1., ①, 一是), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<String>,
    pub name: String,
    pub keyword: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub metric: Option<String>,
    /// The stated value with its comparator, when it is a quantity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub value: Option<Amount>,
    /// The value in words when it is not a plain quantity (较2015年提高20%, 全覆盖).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub value_text: Option<String>,
    /// 力争: the value is an aim, not a commitment (力争100%, 力争在每个深度贫困村至少…).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub aspirational: bool,
    /// 期限, resolved as a duty's is (a day, an unresolved date with the reason, an event,
    /// open-ended); none when the target states no 期限.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub deadline: Option<Deadline>,
    /// 期间: the years the target's work spans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub period: Option<Period>,
    /// 基期: the year the target is measured from (基期：2014年).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub base_year: Option<i32>,
    /// Amounts planned in each year (分年度), not cumulative.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub yearly: Vec<YearAmount>,
    /// Named parts that make up the value (分项: by region, channel or group).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartAmount>,
    /// Cumulative amounts reached by each year (累计).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cumulative: Vec<YearAmount>,
    /// Levels reached by each year (节点).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<YearAmount>,
    /// 每年 rate over years (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub rate: Option<AnnualRate>,
    /// The 范围 the target applies to, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<String>,
    /// 责任单位 (canonical names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible: Vec<String>,
    /// The duty (措施) the target is stated in, by its index in `Document::duties`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub duty: Option<usize>,
    pub origin: Origin,
}

/// A span of years, both ends inclusive (2018-2020年; 十三五 is 2016 to 2020).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Period {
    pub from_year: i32,
    pub to_year: i32,
    /// Written with 每年 (2015至2017年每年): the figure applies in each year of the span.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub every_year: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearAmount {
    pub year: i32,
    /// What follows the year as written: 前, 之前, 底, 底前 or 末 (累计：2020年前63万户 is by the
    /// end of 2020). Absent for a bare year. The checks read every form as the end of the year;
    /// this keeps the wording for showing the figure as the document states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub suffix: Option<String>,
    pub quantity: Quantity,
}

/// One named part of a target's value (分项：吕梁山区域30万人).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartAmount {
    pub name: String,
    pub quantity: Quantity,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnnualRate {
    pub cmp: Cmp,
    pub quantity: Quantity,
    /// The first and last years the rate runs (inclusive): its own, else the target's 期间.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub from_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub to_year: Option<i32>,
    /// The rate's own years as written after its amount (自2015年起, 2015至2017年每年); absent
    /// when it names none, so that `from_year`/`to_year`, if any, come from the 期间.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub years_text: Option<String>,
}

/// An assessment scheme (考核).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scheme {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub total: Option<Quantity>,
    pub items: Vec<SchemeItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchemeItem {
    /// The item's number as printed ((一), 1.), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<String>,
    pub name: String,
    /// Maximum points; `None` for an item scored only through its sub-items or not at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub points: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<SchemeItem>,
    pub origin: Origin,
}

/// An adjustment outside the total: ±5分 (both ways) or a one-way bonus or deduction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Adjustment {
    pub name: String,
    pub max: Quantity,
    pub both_ways: bool,
    pub origin: Origin,
}

/// An in-file example (例): a question, its facts and the expected answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "IrExample"))]
pub struct Example {
    pub name: String,
    pub question: Question,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<(String, FactValue)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expect: Option<Expected>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Question {
    Eval {
        rule: String,
    },
    Due {
        as_of: CivilDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        department: Option<String>,
    },
    Score {
        scheme: String,
    },
    Progress {
        target: String,
        actual: Vec<YearAmount>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        as_of: Option<CivilDate>,
    },
}

/// A value given for a fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum FactValue {
    Quantity(Quantity),
    Category(String),
    Date(CivilDate),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Expected {
    Amount(Amount),
    Date(CivilDate),
    Names(Vec<String>),
}
