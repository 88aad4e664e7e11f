//! The language's words, in one place: item keywords, clause keys with their synonyms and the
//! items that accept each (in canonical order), units and comparators.
//!
//! Everything that needs a word of the language reads it here: lowering (which clause an item
//! takes), error recovery (where a top-level item starts), the Chinese messages (a misplaced
//! clause lists what the item accepts; a misspelt key is matched against these), the formatter's
//! clause order, the fuzzing dictionary (`fuzz/zhengce.dict`) and the playground's highlighter and
//! completions (`web-playground/www/src/vocabulary.ts`), both generated from this module and
//! checked by `tests/vocabulary.rs`, which also compares every list here with the grammar's
//! keyword rules (`grammar/zhengce.pest`) so the two cannot drift apart.
//!
//! Adding a clause key: its grammar rule (`key_*` in the grammar, by the kind of value it takes),
//! a [`Key`] entry below and its place in the entries of the items that accept it, then what it
//! means in `syntax/lower.rs` (and the IR, if the runtime needs it) and `docs/language.md`.

use crate::ast::Comparator;
use zhengce_runtime::UnitAtom;

/// Declares [`Key`]: each key's canonical word, every spelling the grammar accepts (the canonical
/// word among them) and the grammar rule whose alternatives the spellings are.
macro_rules! keys {
    ($($(#[$doc:meta])* $key:ident $word:literal [$($spelling:literal),+] $rule:literal;)+) => {
        /// A clause key (`键：值`): synonyms fold to one key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Key {
            $($(#[$doc])* $key,)+
        }

        impl Key {
            /// Every key, in the order of this table.
            pub const ALL: &'static [Key] = &[$(Key::$key,)+];

            /// The canonical word: what messages and the formatter's order call the key.
            pub fn word(self) -> &'static str {
                match self {
                    $(Key::$key => $word,)+
                }
            }

            /// Every spelling the grammar accepts for this key, the canonical word among them.
            pub fn spellings(self) -> &'static [&'static str] {
                match self {
                    $(Key::$key => &[$($spelling),+],)+
                }
            }

            /// The grammar rule (`key_*`) whose alternatives are this key's spellings; it also
            /// says what kind of value the key takes.
            pub fn rule(self) -> &'static str {
                match self {
                    $(Key::$key => $rule,)+
                }
            }

            /// The key a spelling stands for; `None` for a word that is no key.
            pub fn from_word(word: &str) -> Option<Key> {
                match word {
                    $($($spelling)|+ => Some(Key::$key),)+
                    _ => None,
                }
            }
        }
    };
}

keys! {
    /// 指标: what a target measures (free text).
    Metric "指标" ["指标"] "key_text";
    /// 来源: the file the document's text comes from.
    Source "来源" ["来源"] "key_text";
    /// 说明: a remark, ignored.
    Remark "说明" ["说明"] "key_text";
    /// 发文机关: who issued the document.
    Issuer "发文机关" ["发文机关", "发文"] "key_names";
    /// 成员: a scope's members or a department class's.
    Members "成员" ["成员"] "key_names";
    /// 牵头: the lead departments of a duty.
    Lead "牵头" ["牵头单位", "牵头部门", "牵头"] "key_names";
    /// 责任单位: the departments that share a duty.
    Responsible "责任单位" ["责任单位", "责任部门", "配合单位", "配合"] "key_names";
    /// 责任领导: the officials answerable for a duty.
    Leaders "责任领导" ["责任领导"] "key_names";
    /// 对象: whom a standard benefits.
    Beneficiary "对象" ["对象"] "key_names";
    /// 范围: the scope an item applies to.
    Scope "范围" ["范围"] "key_names";
    /// 部门: departments (at top level), or an example's department.
    Department "部门" ["部门"] "key_names";
    /// 求: the rule an example evaluates.
    Ask "求" ["求", "规则"] "key_names";
    /// 考核方案: the assessment an example scores.
    Scheme "考核方案" ["考核方案"] "key_names";
    /// 进度: the target whose progress an example measures.
    Progress "进度" ["进度"] "key_names";
    /// 应办: the duties an example expects to be due.
    Due "应办" ["应办"] "key_names";
    /// 同一事项: items of other documents that state the same thing.
    SameAs "同一事项" ["同一事项"] "key_names";
    /// 列举: the list an enumeration word counts.
    Enumerates "列举" ["列举"] "key_names";
    /// 成文日期: the document's date.
    Date "成文日期" ["成文日期", "日期"] "key_date";
    /// 发布日期: the day it was published.
    Published "发布日期" ["发布日期"] "key_date";
    /// 施行: the day it takes effect.
    Effective "施行" ["施行", "生效"] "key_date";
    /// 截至: the day an example asks about.
    AsOf "截至" ["截至"] "key_date";
    /// 完成: the day a measure was done.
    Completed "完成" ["完成"] "key_date";
    /// 自: the day a standard applies from.
    Since "自" ["自"] "key_date";
    /// 期限: a deadline.
    Deadline "期限" ["整改完成时限", "整改时限", "完成时限", "时限", "期限"] "key_deadline";
    /// 期间: a span of years.
    Period "期间" ["期间"] "key_period";
    /// 有效期: the years a standard is valid.
    Validity "有效期" ["有效期"] "key_period";
    /// 时间: a phase's window.
    Window "时间" ["时间"] "key_window";
    /// 集中期: a campaign's concentrated window.
    Campaign "集中期" ["集中整改期", "集中整治期", "集中攻坚期", "集中期"] "key_window";
    /// 文号: the document's number.
    DocNumber "文号" ["文号"] "key_docnum";
    /// 依据: the documents this one rests on.
    Basis "依据" ["依据"] "key_docrefs";
    /// 废止: the documents this one repeals.
    Repeals "废止" ["废止"] "key_docrefs";
    /// 转发: the documents this one relays.
    Relays "转发" ["转发"] "key_docrefs";
    /// 原文: a quotation of the source text.
    Quote "原文" ["原文"] "key_quote";
    /// 值: a target's value (or a standard's, when it is not money).
    Value "值" ["目标值", "值"] "key_value";
    /// 金额: a standard's amount.
    Amount "金额" ["金额"] "key_amount";
    /// 数量: a scope's count.
    Count "数量" ["数量"] "key_quantity";
    /// 总分: an assessment's total.
    Total "总分" ["总分"] "key_quantity";
    /// 时长: a schedule's length.
    Length "时长" ["时长"] "key_quantity";
    /// 上限: a standard's cap.
    Cap "上限" ["上限"] "key_quantity";
    /// 下限: a standard's floor.
    Floor "下限" ["下限"] "key_quantity";
    /// 基期: a target's base year.
    BaseYear "基期" ["基期"] "key_year";
    /// 分年度: a target's yearly parts.
    Yearly "分年度" ["分年度"] "key_breakdown";
    /// 分项: a target's named parts.
    Parts "分项" ["分项"] "key_breakdown";
    /// 实际: an example's actual figures.
    Actual "实际" ["实际"] "key_breakdown";
    /// 累计: cumulative milestones.
    Cumulative "累计" ["累计"] "key_milestones";
    /// 节点: levels to reach by given years.
    Levels "节点" ["节点"] "key_milestones";
    /// 每年: a yearly rate.
    Rate "每年" ["每年"] "key_rate";
    /// 条件: a condition of a standard.
    Condition "条件" ["条件"] "key_condition";
    /// 已知: an example's given facts.
    Given "已知" ["已知"] "key_facts";
    /// 得分: an example's item scores.
    Scores "得分" ["得分"] "key_facts";
    /// 结果: what an example expects.
    Expect "结果" ["结果", "应得"] "key_expect";
    /// 分子: the part a rate is the quotient of.
    Numerator "分子" ["分子"] "key_operand";
    /// 分母: the whole a rate is the quotient of.
    Denominator "分母" ["分母"] "key_operand";
}

/// The kinds of item (`关键词 名称 { … }`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    Header,
    DeptClass,
    Dept,
    Scope,
    Fact,
    Target,
    Standard,
    Measure,
    Schedule,
    Phase,
    Assessment,
    AssessEntry,
    Adjustment,
    Tiers,
    Example,
}

/// One place in an item's canonical order: clause keys that share it (金额/值 in a 标准), or a
/// nested item that takes a place among the clauses (分档).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Keys(&'static [Key]),
    Item(Item),
}

use Entry::Keys as K;
use Key::*;

/// What every item with a block takes last.
const QUOTE_REMARK: [Entry; 2] = [K(&[Quote]), K(&[Remark])];

impl Item {
    /// Every item kind, in the grammar's order of the `item` rule.
    pub const ALL: &'static [Item] = &[
        Item::Header,
        Item::DeptClass,
        Item::Dept,
        Item::Scope,
        Item::Fact,
        Item::Target,
        Item::Standard,
        Item::Measure,
        Item::Schedule,
        Item::Phase,
        Item::Assessment,
        Item::AssessEntry,
        Item::Adjustment,
        Item::Tiers,
        Item::Example,
    ];

    /// The keywords that start the item; the first is its canonical name.
    pub fn keywords(self) -> &'static [&'static str] {
        match self {
            Item::Header => &["文件"],
            Item::DeptClass => &["部门类"],
            Item::Dept => &["部门"],
            Item::Scope => &["范围"],
            Item::Fact => &["事实"],
            Item::Target => &["目标", "现状"],
            Item::Standard => &["标准", "补助"],
            Item::Measure => &["措施"],
            Item::Schedule => &["步骤"],
            Item::Phase => &["阶段"],
            Item::Assessment => &["考核"],
            Item::AssessEntry => &["项"],
            Item::Adjustment => &["调整"],
            Item::Tiers => &["分档"],
            Item::Example => &["例"],
        }
    }

    /// The canonical keyword.
    pub fn word(self) -> &'static str {
        self.keywords()[0]
    }

    /// The grammar's keyword rule (`kw_*`), whose alternatives are [`Item::keywords`].
    pub fn keyword_rule(self) -> &'static str {
        match self {
            Item::Header => "kw_header",
            Item::DeptClass => "kw_dept_class",
            Item::Dept => "kw_dept",
            Item::Scope => "kw_scope",
            Item::Fact => "kw_fact",
            Item::Target => "kw_target",
            Item::Standard => "kw_standard",
            Item::Measure => "kw_measure",
            Item::Schedule => "kw_schedule",
            Item::Phase => "kw_phase",
            Item::Assessment => "kw_assessment",
            Item::AssessEntry => "kw_assess_entry",
            Item::Adjustment => "kw_adjustment",
            Item::Tiers => "kw_tiers",
            Item::Example => "kw_example",
        }
    }

    /// What messages call the item when they say where something stands ("「金额」不能用在措施中").
    pub fn place(self) -> &'static str {
        match self {
            Item::Header => "文件头",
            Item::AssessEntry => "考核项",
            Item::Adjustment => "调整项",
            other => other.word(),
        }
    }

    /// Whether the item may stand at the top level of a file.
    pub fn top_level(self) -> bool {
        matches!(
            self,
            Item::Header
                | Item::DeptClass
                | Item::Dept
                | Item::Scope
                | Item::Fact
                | Item::Target
                | Item::Standard
                | Item::Measure
                | Item::Schedule
                | Item::Assessment
                | Item::Example
        )
    }

    /// The clauses the item's block takes, in canonical order (the formatter's, and the order
    /// messages list them in). Keys that share an entry take one place.
    pub fn entries(self) -> &'static [Entry] {
        match self {
            Item::Header => &[
                K(&[Issuer]),
                K(&[Date]),
                K(&[Published]),
                K(&[DocNumber]),
                K(&[Basis]),
                K(&[Effective]),
                K(&[Repeals]),
                K(&[Relays]),
                K(&[Source]),
                K(&[Period]),
                QUOTE_REMARK[0],
                QUOTE_REMARK[1],
            ],
            Item::Scope => &[
                K(&[Members]),
                K(&[Count]),
                K(&[Enumerates]),
                QUOTE_REMARK[0],
                QUOTE_REMARK[1],
            ],
            Item::Target => &[
                K(&[Metric]),
                K(&[Value]),
                K(&[Deadline]),
                K(&[Period]),
                K(&[BaseYear]),
                K(&[Yearly, Parts]),
                K(&[Cumulative]),
                K(&[Levels]),
                K(&[Rate]),
                K(&[Scope]),
                K(&[Numerator]),
                K(&[Denominator]),
                K(&[SameAs]),
                K(&[Enumerates]),
                K(&[Lead]),
                K(&[Responsible]),
                K(&[Leaders]),
                QUOTE_REMARK[0],
                QUOTE_REMARK[1],
            ],
            Item::Standard => &[
                K(&[Beneficiary]),
                K(&[Amount, Value]),
                Entry::Item(Item::Tiers),
                K(&[Condition]),
                K(&[Floor]),
                K(&[Cap]),
                K(&[Validity, Period]),
                K(&[Since]),
                K(&[Scope]),
                K(&[Lead]),
                K(&[Responsible]),
                K(&[Leaders]),
                QUOTE_REMARK[0],
                QUOTE_REMARK[1],
            ],
            Item::Measure => &[
                K(&[Lead]),
                K(&[Responsible]),
                K(&[Leaders]),
                K(&[Deadline]),
                K(&[Completed]),
                K(&[Scope]),
                K(&[SameAs]),
                K(&[Enumerates]),
                QUOTE_REMARK[0],
                QUOTE_REMARK[1],
            ],
            Item::Schedule => &[
                K(&[Length]),
                K(&[Campaign]),
                QUOTE_REMARK[0],
                QUOTE_REMARK[1],
            ],
            Item::Phase => &[
                K(&[Window]),
                K(&[Campaign]),
                QUOTE_REMARK[0],
                QUOTE_REMARK[1],
            ],
            Item::Assessment => &[K(&[Total]), QUOTE_REMARK[0], QUOTE_REMARK[1]],
            Item::AssessEntry | Item::Adjustment | Item::Tiers => &QUOTE_REMARK,
            Item::Example => &[
                K(&[Ask]),
                K(&[Scheme]),
                K(&[Progress]),
                K(&[Given]),
                K(&[Scores]),
                K(&[Actual]),
                K(&[AsOf]),
                K(&[Department]),
                K(&[Due]),
                K(&[Expect]),
                QUOTE_REMARK[0],
                QUOTE_REMARK[1],
            ],
            Item::Dept | Item::DeptClass | Item::Fact => &[],
        }
    }

    /// The items the item's block may hold (besides those among its [`Item::entries`]), in the
    /// order they are listed.
    pub fn nested(self) -> &'static [Item] {
        match self {
            Item::Measure => &[Item::Measure, Item::Target, Item::Standard],
            Item::Schedule => &[Item::Phase, Item::Measure],
            Item::Phase => &[Item::Measure],
            Item::Assessment => &[Item::AssessEntry, Item::Adjustment],
            Item::AssessEntry => &[Item::AssessEntry],
            _ => &[],
        }
    }

    /// Whether the item's block takes clause `key`.
    pub fn accepts(self, key: Key) -> bool {
        self.entries()
            .iter()
            .any(|e| matches!(e, Entry::Keys(keys) if keys.contains(&key)))
    }

    /// The place of `key` in the item's canonical order; `None` when the item does not take it.
    pub fn rank_of(self, key: Key) -> Option<usize> {
        self.entries()
            .iter()
            .position(|e| matches!(e, Entry::Keys(keys) if keys.contains(&key)))
    }

    /// The place of a nested item in the item's canonical order, when it has one among the
    /// clauses (分档 in a 标准); other nested items come after every clause.
    pub fn rank_of_item(self, item: Item) -> Option<usize> {
        self.entries().iter().position(|e| *e == Entry::Item(item))
    }

    /// The canonical words of the item's entries: 「分年度/分项」 for a shared place.
    pub fn entry_words(self) -> Vec<String> {
        self.entries()
            .iter()
            .map(|e| match e {
                Entry::Keys(keys) => keys.iter().map(|k| k.word()).collect::<Vec<_>>().join("/"),
                Entry::Item(item) => item.word().to_string(),
            })
            .collect()
    }

    /// The item a keyword starts.
    pub fn from_keyword(word: &str) -> Option<Item> {
        Item::ALL
            .iter()
            .copied()
            .find(|i| i.keywords().contains(&word))
    }
}

/// What a file's top level takes besides items: `部门：甲、乙` declares several departments.
pub const TOP_LEVEL_KEYS: &[Key] = &[Key::Department];

/// The word that gives an item's other names: `部门 县扶贫办 又称 扶贫办`.
pub const ALIAS: &str = "又称";

/// Every keyword that starts an item at the top level of a file, longest first (so a scanner
/// matching prefixes takes 部门类 before 部门).
pub fn top_level_keywords() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Item::ALL
        .iter()
        .filter(|i| i.top_level())
        .flat_map(|i| i.keywords().iter().copied())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// Every item keyword, longest first.
pub fn item_keywords() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Item::ALL
        .iter()
        .flat_map(|i| i.keywords().iter().copied())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
}

/// Every spelling of every clause key.
pub fn key_spellings() -> impl Iterator<Item = &'static str> {
    Key::ALL.iter().flat_map(|k| k.spellings().iter().copied())
}

/// The units, as the language's reference and messages list them (each unit's canonical word;
/// `zhengce_runtime::UnitAtom::WORDS` has every spelling the lexer reads).
pub const UNITS: &[UnitAtom] = &[
    UnitAtom::Yuan,
    UnitAtom::Person,
    UnitAtom::PersonTime,
    UnitAtom::Household,
    UnitAtom::Item,
    UnitAtom::Enterprise,
    UnitAtom::Village,
    UnitAtom::County,
    UnitAtom::Township,
    UnitAtom::Province,
    UnitAtom::City,
    UnitAtom::Group,
    UnitAtom::Institution,
    UnitAtom::Project,
    UnitAtom::Board,
    UnitAtom::Volume,
    UnitAtom::Copy,
    UnitAtom::Sheet,
    UnitAtom::Kind,
    UnitAtom::Skill,
    UnitAtom::Times,
    UnitAtom::Age,
    UnitAtom::Kilometre,
    UnitAtom::Mu,
    UnitAtom::SquareMetre,
    UnitAtom::SquareKilometre,
    UnitAtom::Day,
    UnitAtom::Month,
    UnitAtom::Year,
    UnitAtom::Percent,
    UnitAtom::PercentPoint,
    UnitAtom::Point,
];

/// The units for a message: 元、人、…、%、个百分点、分 (月 as 月(个月)).
pub fn units_help() -> String {
    UNITS
        .iter()
        .map(|u| match u {
            UnitAtom::Month => "月(个月)".to_string(),
            other => other.word().to_string(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// Where a comparator word stands: before the quantity (不低于200元) or after it (200元以上).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    Before,
    After,
}

/// Every comparator word with what it means and where it stands. 以上/以下/以内 include the
/// number, 超过/低于 and 不足/不满 exclude it (民法典 第一千二百五十九条).
pub const COMPARATORS: &[(&str, Comparator, Position)] = {
    use Comparator::*;
    use Position::*;
    &[
        ("最多不超过", AtMost, Before),
        ("不低于", AtLeast, Before),
        ("不少于", AtLeast, Before),
        ("不小于", AtLeast, Before),
        ("不高于", AtMost, Before),
        ("不超过", AtMost, Before),
        ("不多于", AtMost, Before),
        ("不大于", AtMost, Before),
        ("至少", AtLeast, Before),
        ("最少", AtLeast, Before),
        ("最多", AtMost, Before),
        ("低于", Below, Before),
        ("少于", Below, Before),
        ("高于", Above, Before),
        ("多于", Above, Before),
        ("超过", Above, Before),
        ("大于", Above, Before),
        ("小于", Below, Before),
        ("达到", AtLeast, Before),
        ("不足", Below, Before),
        ("不满", Below, Before),
        ("接近", About, Before),
        ("近", About, Before),
        ("≥", AtLeast, Before),
        ("≤", AtMost, Before),
        ("＞", Above, Before),
        ("＜", Below, Before),
        (">", Above, Before),
        ("<", Below, Before),
        ("=", Eq, Before),
        ("＝", Eq, Before),
        ("及以上", AtLeast, After),
        ("以上", AtLeast, After),
        ("及以下", AtMost, After),
        ("以下", AtMost, After),
        ("以内", AtMost, After),
        ("之内", AtMost, After),
        ("左右", About, After),
        ("内", AtMost, After),
    ]
};

/// The comparator a word denotes; `Eq` for a word that is none.
pub fn comparator(word: &str) -> Comparator {
    COMPARATORS
        .iter()
        .find(|(w, _, _)| *w == word)
        .map_or(Comparator::Eq, |(_, c, _)| *c)
}

/// The comparator words that end a bare name wherever they stand (the grammar's
/// `cmp_prefix_word` and `cmp_suffix_word`): every comparator word of two or more characters
/// but 不足, 不满 and 接近, which end a name only before a number or in a value.
pub fn name_guard_comparators() -> impl Iterator<Item = &'static str> {
    COMPARATORS
        .iter()
        .map(|(w, _, _)| *w)
        .filter(|w| w.chars().count() > 1 && !matches!(*w, "不足" | "不满" | "接近"))
}
