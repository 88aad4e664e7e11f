//! The abstract syntax tree: what a policy file says, with the byte span of every part.
//!
//! Values are already exact (`Quantity`), but nothing is resolved yet: names are as written, and
//! dates may lack their year (6月10日前) until the checker resolves them against the document.

// AST nodes are built once per parse and moved, never copied in bulk; boxing the large variants
// would only add noise to every match.
#![allow(clippy::large_enum_variant)]

use crate::diagnostic::Span;
use serde::Serialize;
use zhengce_runtime::{Quantity, Scale, Unit};

/// A name as written, with its span. `quoted` is true for 「」 names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Name {
    pub text: String,
    pub span: Span,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub quoted: bool,
}

/// A list of names; `open` is true when it ends in 等 (the list is not exhaustive).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NameList {
    pub names: Vec<Name>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    pub span: Span,
}

/// Free text or a 原文 quote, with its span (the quote's span excludes the quote marks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub text: String,
    pub span: Span,
}

/// A quantity with the span it was written at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuantityLit {
    #[serde(flatten)]
    pub quantity: Quantity,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document {
    pub items: Vec<Item>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind")]
pub enum Item {
    #[serde(rename = "文件")]
    Header(Header),
    #[serde(rename = "部门")]
    Department(Department),
    #[serde(rename = "部门类")]
    DepartmentClass(DepartmentClass),
    #[serde(rename = "范围")]
    Scope(Scope),
    #[serde(rename = "事实")]
    Fact(FactDecl),
    #[serde(rename = "目标")]
    Target(Target),
    #[serde(rename = "标准")]
    Standard(Standard),
    #[serde(rename = "措施")]
    Measure(Measure),
    #[serde(rename = "步骤")]
    Schedule(Schedule),
    #[serde(rename = "考核")]
    Assessment(Assessment),
    #[serde(rename = "例")]
    Example(Example),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Header(x) => x.span,
            Item::Department(x) => x.span,
            Item::DepartmentClass(x) => x.span,
            Item::Scope(x) => x.span,
            Item::Fact(x) => x.span,
            Item::Target(x) => x.span,
            Item::Standard(x) => x.span,
            Item::Measure(x) => x.span,
            Item::Schedule(x) => x.span,
            Item::Assessment(x) => x.span,
            Item::Example(x) => x.span,
        }
    }
}

/// 文件《…》{ … }: the document's own identity and the documents it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Header {
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<NameList>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateExpr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<DocRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<DateExpr>,
    /// 发布日期: when the document was published (posted), distinct from 成文日期.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<DateExpr>,
    /// 施行：印发之日起 — in force from the date of issue.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub effective_on_issue: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repeals: Vec<DocRef>,
    /// 转发: the higher plans this document relays (passes on, with their commands to levels
    /// other than its own).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relays: Vec<DocRef>,
    /// The source text file the 原文 quotes come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

/// 《title》(number), optionally marked 外部 (not part of the policy set being checked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocRef {
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Text>,
    /// 《…》（2012年1月6日）: the date the cited document was issued, when given instead of a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateExpr>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub external: bool,
    pub span: Span,
}

/// 部门 X 又称 Y: one body and the other names it goes by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Department {
    pub name: Name,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Name>,
    pub span: Span,
}

/// 部门类: a class of bodies (各乡镇党委、政府), optionally with members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DepartmentClass {
    pub name: Name,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Name>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<NameList>,
    pub span: Span,
}

/// 范围: a named set, with a declared size, listed members, or a list 附后 (not in the text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scope {
    pub name: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<QuantityLit>,
    /// Further sizes of the same set in other units (1331户、4528人).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<QuantityLit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<NameList>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub list_attached: bool,
    /// 列举: the enumeration words (五个一批) whose items are the members.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enumerates: Option<NameList>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

/// 事实: an input a rule needs (a category with its values, a quantity with its unit, a date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FactDecl {
    pub name: Name,
    pub ty: FactType,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type")]
pub enum FactType {
    #[serde(rename = "类别")]
    Category { values: NameList },
    #[serde(rename = "数量")]
    Quantity {
        scale: Scale,
        unit: Unit,
        span: Span,
    },
    #[serde(rename = "日期")]
    Date { span: Span },
}

/// Departments responsible for a duty, by role.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Duties {
    /// 牵头: leads (one or more).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<NameList>,
    /// 责任单位 / 配合: responsible or supporting units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsible: Option<NameList>,
    /// 责任领导: named leaders (town plans).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leaders: Option<NameList>,
}

/// 目标: a metric with a comparator, value, deadline, breakdowns and milestones. 现状 uses the
/// same shape for figures a report states as facts (so their sums are checked too).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Target {
    /// 目标 or 现状, as written.
    pub keyword: String,
    /// The number printed before the name: （一）, 1., ①, 一是.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Text>,
    pub name: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<TargetValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    /// 期间：2018-2020年 — the years the target's work spans.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_year: Option<YearLit>,
    /// 分年度 (by year) or 分项 (by region or channel): parts that sum to the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<Breakdown>,
    /// 累计: cumulative milestones.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub milestones: Option<Breakdown>,
    /// 节点: the level the metric reaches by each year (not cumulative, not summed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levels: Option<Breakdown>,
    /// 每年: an annual rate over a period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<AnnualRate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<NameList>,
    /// 分子 and 分母: the figures a rate (贫困发生率, 参保率, 占比) is the quotient of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Operand>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Operand>,
    #[serde(flatten)]
    pub links: Links,
    #[serde(flatten)]
    pub duties: Duties,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

/// A figure a rate is made of: written out (43420人), or named (a 目标/现状 or 范围 stating it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Operand {
    Figure(QuantityLit),
    Named(Name),
}

impl Operand {
    pub fn span(&self) -> Span {
        match self {
            Operand::Figure(q) => q.span,
            Operand::Named(n) => n.span,
        }
    }
}

/// What an item says of its relation to other items: the same work stated elsewhere (同一事项),
/// and the enumeration words its nested items spell out (列举：五个一批).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Links {
    /// 同一事项: items of this document that state the same work (same object, same count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_as: Option<NameList>,
    /// 列举: enumeration words (五个一批, 两不愁、三保障) whose items the nested items are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enumerates: Option<NameList>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct YearLit {
    pub year: i32,
    pub span: Span,
}

/// The value a target or standard states.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "form")]
pub enum TargetValue {
    /// A quantity with bounds: 12000公里以上, 不低于75%.
    #[serde(rename = "数量")]
    Amount(Amount),
    /// 较2015年提高20%: relative to a base year (or to the current level when none is named:
    /// 报销比例提高5个百分点).
    #[serde(rename = "相对")]
    Relative {
        #[serde(skip_serializing_if = "Option::is_none")]
        base_year: Option<YearLit>,
        direction: Direction,
        change: Box<Amount>,
        span: Span,
    },
    /// 全覆盖 / 全部: 100%.
    #[serde(rename = "全覆盖")]
    Coverage { aspirational: bool, span: Span },
    /// A comparison with something named but not a number: 高于全省平均水平.
    #[serde(rename = "定性")]
    Qualitative {
        comparator: Comparator,
        reference: Name,
        aspirational: bool,
        span: Span,
    },
}

impl TargetValue {
    /// Whether the value is stated as an aim (力争100%, 力争全覆盖) rather than a commitment.
    pub fn aspirational(&self) -> bool {
        match self {
            TargetValue::Amount(Amount::Bounded { aspirational, .. })
            | TargetValue::Coverage { aspirational, .. }
            | TargetValue::Qualitative { aspirational, .. } => *aspirational,
            TargetValue::Amount(_) | TargetValue::Relative { .. } => false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Direction {
    #[serde(rename = "提高")]
    Up,
    #[serde(rename = "降低")]
    Down,
}

/// A comparator, with the word the text used. Following 民法典 第一千二百五十九条, 以上/以下/以内
/// include the number itself and 超过/低于 exclude it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Comparator {
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "≥")]
    AtLeast,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "≤")]
    AtMost,
    #[serde(rename = "<")]
    Below,
    #[serde(rename = "≈")]
    About,
}

impl Comparator {
    /// The runtime's comparator: the IR's, and what `zhengce_runtime::show` words.
    pub fn cmp(self) -> zhengce_runtime::ir::Cmp {
        use zhengce_runtime::ir::Cmp;
        match self {
            Comparator::Eq => Cmp::Eq,
            Comparator::AtLeast => Cmp::Ge,
            Comparator::Above => Cmp::Gt,
            Comparator::AtMost => Cmp::Le,
            Comparator::Below => Cmp::Lt,
            Comparator::About => Cmp::About,
        }
    }
}

/// An amount: what a standard pays, what a target aims at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "shape")]
pub enum Amount {
    /// 每人每年不低于200元; 12000公里以上; 力争100%.
    #[serde(rename = "数值")]
    Bounded {
        comparator: Comparator,
        #[serde(skip_serializing_if = "Option::is_none")]
        comparator_span: Option<Span>,
        quantity: QuantityLit,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        aspirational: bool,
        span: Span,
    },
    /// 200元-2000元, 5-10个百分点.
    #[serde(rename = "区间")]
    Range {
        low: QuantityLit,
        high: QuantityLit,
        span: Span,
    },
    /// 3:7至1:9: a range of ratios (each side sums to one whole).
    #[serde(rename = "比例区间")]
    RatioRange { low: Ratio, high: Ratio, span: Span },
    /// 项目总投资的20%: a share of a base (a fact or a named standard).
    #[serde(rename = "比例")]
    Share {
        base: Name,
        rate: QuantityLit,
        comparator: Comparator,
        span: Span,
    },
    /// 由3000元提高到5000元.
    #[serde(rename = "调整")]
    Change {
        from: QuantityLit,
        to: QuantityLit,
        /// 提高到/增至 up, 降至/下调到 down; none for 调整为, which names no direction.
        #[serde(skip_serializing_if = "Option::is_none")]
        direction: Option<Direction>,
        verb: Text,
        span: Span,
    },
}

impl Amount {
    pub fn span(&self) -> Span {
        match self {
            Amount::Bounded { span, .. }
            | Amount::Range { span, .. }
            | Amount::RatioRange { span, .. }
            | Amount::Share { span, .. }
            | Amount::Change { span, .. } => *span,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ratio {
    pub left: QuantityLit,
    pub right: QuantityLit,
    pub span: Span,
}

/// Parts of a total: by year (2016年50万) or by name (吕梁山区域30万人).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    pub parts: Vec<BreakdownPart>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BreakdownPart {
    pub key: PartKey,
    /// As written; a part written without unit (50万) takes the target's unit when checked.
    pub quantity: QuantityLit,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum PartKey {
    Year {
        year: i32,
        /// 前 / 底: "by" that year rather than "in" it.
        #[serde(skip_serializing_if = "Option::is_none")]
        suffix: Option<String>,
        span: Span,
    },
    Name(Name),
}

/// 每年：14万户，自2015年起.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnnualRate {
    pub amount: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_year: Option<YearLit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_year: Option<YearLit>,
    /// The rate's years as written (自2015年起, 2015至2017年每年), when it names any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<Text>,
    pub span: Span,
}

/// 标准 / 补助: an amount per unit, a share of a base, tiers, bounds, validity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Standard {
    /// 标准 or 补助, as written.
    pub keyword: String,
    /// The number printed before the name: （一）, 1., ①.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Text>,
    pub name: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beneficiary: Option<NameList>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Tiers>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// 下限 (floor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor: Option<QuantityLit>,
    /// 上限 (cap).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<QuantityLit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity: Option<Period>,
    /// 自: in force from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<DateExpr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<NameList>,
    #[serde(flatten)]
    pub duties: Duties,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

/// 分档 按 X { case：amount … }.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tiers {
    pub by: Name,
    pub rows: Vec<Tier>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tier {
    pub when: TierCase,
    pub amount: Amount,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "case")]
pub enum TierCase {
    /// One or more values of a category.
    #[serde(rename = "取值")]
    Values { values: NameList },
    /// An interval of a quantity (1000人以下, 1000人至5000人).
    #[serde(rename = "区间")]
    Interval { interval: Amount },
    /// 其他: every case no other row covers.
    #[serde(rename = "其他")]
    Otherwise { span: Span },
}

/// 条件：服务人口1000人以下 / 县类别=深度贫困县.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Condition {
    pub fact: Name,
    pub test: TierCase,
    pub span: Span,
}

/// 措施: a duty with leads, responsible units, a deadline and sub-measures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Measure {
    /// The number printed before the name: （二）, 1., 1、, ①, 一是.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Text>,
    pub name: Name,
    #[serde(flatten)]
    pub duties: Duties,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    /// 完成: a recorded completion date (for stale-duty checks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<DateExpr>,
    /// 范围: where the measure applies (在片区县的乡镇).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<NameList>,
    #[serde(flatten)]
    pub links: Links,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Measure>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<Standard>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

/// 步骤: a campaign's phases and its declared length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Schedule {
    pub name: Name,
    /// 时长：45天.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<QuantityLit>,
    /// 集中期 (集中整改期, 集中整治期): the campaign window the whole 步骤 falls in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign: Option<Window>,
    pub phases: Vec<Phase>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

/// 阶段: a named window of dates, with the duties inside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Phase {
    /// The number printed before the name: （一）, 1., ①.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Text>,
    pub name: Name,
    pub window: Window,
    /// 集中期 written in a phase: this phase is the campaign window ("5月14日至6月10日为集中整改期").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub campaign: Option<Window>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

/// 考核: a scoring scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub name: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<QuantityLit>,
    pub entries: Vec<AssessEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

/// 项: a scored item, possibly with sub-items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AssessEntry {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Text>,
    pub name: Name,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<QuantityLit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<AssessEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

/// 调整：±5分: an adjustment outside the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Adjustment {
    pub name: Name,
    pub points: QuantityLit,
    /// ± (both ways) rather than a one-way bonus or deduction.
    pub both_ways: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

/// 例: a worked example the file carries as its own test.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Example {
    pub name: Name,
    pub query: ExampleQuery,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<FactValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expect: Option<Expectation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Text>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "question")]
pub enum ExampleQuery {
    /// 求：rule — evaluate a standard with the given facts.
    #[serde(rename = "求")]
    Eval { rule: Name },
    /// 截至：date (部门：dept) — what is due.
    #[serde(rename = "截至")]
    Due {
        as_of: DateExpr,
        #[serde(skip_serializing_if = "Option::is_none")]
        department: Option<Name>,
    },
    /// 考核方案：scheme with 得分 — a total score.
    #[serde(rename = "考核方案")]
    Score { scheme: Name },
    /// 进度：target with 实际 — progress of a target.
    #[serde(rename = "进度")]
    Progress {
        target: Name,
        actual: Breakdown,
        #[serde(skip_serializing_if = "Option::is_none")]
        as_of: Option<DateExpr>,
    },
}

/// name = value in an example.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FactValue {
    pub name: Name,
    pub value: FactLiteral,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum FactLiteral {
    Quantity(QuantityLit),
    Date(DateExpr),
    Name(Name),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Expectation {
    Amount(Amount),
    Date(DateExpr),
    Names(NameList),
}

/// A calendar reference as written: any of year, month and day may be missing (6月10日 takes
/// the document's year; 2019年底 is the year's end). Some name a stretch rather than a day (9月,
/// 3—5月, 上半年, 三季度): as a deadline they mean its last day, as a window its whole length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateExpr {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// 3—5月, 3月至5月: the last month of a range of months (`month` is the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until_month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
    /// 底/末, 初, 上旬, 中旬, 下旬.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<DatePart>,
    /// 本月底: the month of the document's own date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub this_month: bool,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DatePart {
    #[serde(rename = "底")]
    End,
    #[serde(rename = "初")]
    Start,
    #[serde(rename = "上旬")]
    EarlyMonth,
    #[serde(rename = "中旬")]
    MidMonth,
    #[serde(rename = "下旬")]
    LateMonth,
    /// 上半年: January to June.
    #[serde(rename = "上半年")]
    FirstHalf,
    /// 下半年: July to December.
    #[serde(rename = "下半年")]
    SecondHalf,
    /// 一季度 … 四季度 (also 第一季度, 一季度末).
    #[serde(rename = "一季度")]
    Quarter1,
    #[serde(rename = "二季度")]
    Quarter2,
    #[serde(rename = "三季度")]
    Quarter3,
    #[serde(rename = "四季度")]
    Quarter4,
    /// 年中: 30 June.
    #[serde(rename = "年中")]
    MidYear,
}

impl DatePart {
    /// The months a stretch of the year covers (上半年 is 1 to 6), for the parts that name one.
    pub fn months(self) -> Option<(u8, u8)> {
        Some(match self {
            DatePart::FirstHalf => (1, 6),
            DatePart::SecondHalf => (7, 12),
            DatePart::Quarter1 => (1, 3),
            DatePart::Quarter2 => (4, 6),
            DatePart::Quarter3 => (7, 9),
            DatePart::Quarter4 => (10, 12),
            DatePart::MidYear => (6, 6),
            _ => return None,
        })
    }

    /// The part as the text writes it: 底, 上旬, 上半年, 三季度.
    pub fn word(self) -> &'static str {
        match self {
            DatePart::End => "底",
            DatePart::Start => "初",
            DatePart::EarlyMonth => "上旬",
            DatePart::MidMonth => "中旬",
            DatePart::LateMonth => "下旬",
            DatePart::FirstHalf => "上半年",
            DatePart::SecondHalf => "下半年",
            DatePart::Quarter1 => "一季度",
            DatePart::Quarter2 => "二季度",
            DatePart::Quarter3 => "三季度",
            DatePart::Quarter4 => "四季度",
            DatePart::MidYear => "年中",
        }
    }
}

/// When a duty is due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "due")]
pub enum Deadline {
    /// 6月10日前, 2019年底, 2020年.
    #[serde(rename = "截止")]
    By {
        date: DateExpr,
        /// 前/之前 was written.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        before: bool,
        span: Span,
    },
    /// 年内: by the end of the document's year.
    #[serde(rename = "年内")]
    WithinYear { span: Span },
    /// 「上级复核」前: before an event the text names, not a date.
    #[serde(rename = "事件前")]
    Event { event: Name, span: Span },
    /// 长期坚持 and other open-ended forms.
    #[serde(rename = "长期")]
    Ongoing { text: String, span: Span },
}

impl Deadline {
    /// The date written, for a deadline by a date.
    pub fn date(&self) -> Option<&DateExpr> {
        match self {
            Deadline::By { date, .. } => Some(date),
            _ => None,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Deadline::By { span, .. }
            | Deadline::WithinYear { span }
            | Deadline::Event { span, .. }
            | Deadline::Ongoing { span, .. } => *span,
        }
    }
}

/// A date window (4月24日~5月1日), an open start (从5月2日开始), or the stretch one date names
/// (9月, 上半年: `start` and `end` are the same date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Window {
    pub start: DateExpr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<DateExpr>,
    pub span: Span,
}

/// A span of years: 2017年至2020年, 2018-2020年, 十三五.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from_year: i32,
    pub to_year: i32,
    /// 2015至2017年每年: the quantity applies in each year.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub every_year: bool,
    pub span: Span,
}
