//! The language's words, in one place: item keywords, clause keys with their synonyms and the
//! items that accept each (in canonical order), units, comparators, and the other words the
//! grammar spells (numbers, dates, deadlines, changes, item numbers), with what each means where
//! lowering needs the meaning.
//!
//! Everything that needs a word of the language reads it here: lowering (which clause an item
//! takes), error recovery (where a top-level item starts), the Chinese messages (a misplaced
//! clause lists what the item accepts; a misspelt key is matched against these), the formatter's
//! clause order, the fuzzing dictionary (`fuzz/zhengce.dict`) and the playground's highlighter and
//! completions (`web-playground/www/src/vocabulary.ts`), both generated from this module and
//! checked by `tests/vocabulary.rs`, which also compares every list here with the grammar's
//! keyword rules (`grammar/zhengce.pest`) so the two cannot drift apart: every word the grammar
//! spells is a word of this module and every word here is one the grammar spells.
//!
//! Adding a clause key: its grammar rule (`key_*` in the grammar, by the kind of value it takes),
//! a [`Key`] entry below and its place in the entries of the items that accept it, then what it
//! means in `syntax/lower.rs` (and the IR, if the runtime needs it) and `docs/language.md`.

use crate::ast::{Comparator, DatePart, Direction};
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
    zhengce_runtime::sort::sort_by_key(&mut words, |w| std::cmp::Reverse(w.chars().count()));
    words
}

/// Every item keyword, longest first.
pub fn item_keywords() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Item::ALL
        .iter()
        .flat_map(|i| i.keywords().iter().copied())
        .collect();
    zhengce_runtime::sort::sort_by_key(&mut words, |w| std::cmp::Reverse(w.chars().count()));
    words
}

/// Every spelling of every unit the lexer reads (`zhengce_runtime::UnitAtom::WORDS`: the runtime
/// reads them too), in that table's order.
pub fn unit_words() -> Vec<&'static str> {
    UnitAtom::WORDS.iter().map(|(w, _)| *w).collect()
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

// ───────────────────────────── the grammar's other words ─────────────────────────────

/// What a word of the grammar that is no item keyword, clause key, unit or comparator does (how
/// an editor colours it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Structure inside an item: 按 (分档 按 …), 其他 (the remaining tier), 等, 名单附后, 外部.
    Structure,
    /// Part of a number or quantity: 一, 十, 万, 百分之, 每.
    Number,
    /// Part of a date, window or deadline: 年, 上旬, 三季度, 之前, 长期坚持.
    Date,
    /// Part of a value: 力争, 提高到, 翻一番, 全覆盖.
    Value,
}

/// The first word of a 分档 block's name (`分档 按 县类型 { … }`).
pub const TIERS_BY: &str = "按";
/// A tier that takes every case the others leave (the first is the canonical word).
pub const TIER_OTHER: &[&str] = &["其他", "其余", "其它"];
/// A scope whose members are listed elsewhere (`数量：120个村 名单附后`).
pub const LIST_ATTACHED: &[&str] = &["名单附后", "附后"];
/// A list that says it is not complete (`甲、乙等`).
pub const OPEN_LIST: &str = "等";
/// A fact whose value is a date (`事实 开工 日期`).
pub const FACT_DATE: &str = "日期";
/// A document this set does not hold (`依据：外部《…》`).
pub const EXTERNAL: &str = "外部";
/// What follows a Chinese number in an item number (`一是`).
pub const NUMBERING_SHI: &str = "是";

/// Chinese digits (两 only before a unit: 两万).
pub const CHINESE_DIGITS: &[&str] = &[
    "零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九",
];
/// The tens of a day of the month written in Chinese (二十五日, 三十日).
pub const DAY_TENS: &[&str] = &["二十", "三十"];
/// Chinese number units within ten thousand.
pub const CHINESE_UNITS: &[&str] = &["十", "百", "千"];
/// Scales after a number (`232万人`), largest first.
pub const SCALES: &[&str] = &["万亿", "万", "亿"];
/// 百分之二十; 点 in a Chinese decimal (三点五); 号 ends a document number.
pub const NUMBER_WORDS: &[&str] = &["百分之", "点", "号"];
/// What puts a unit "per" something: 每人, 每生每学年.
pub const PER: &str = "每";

/// The words that hedge a value, with what each makes of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hedge {
    /// 力争: a value aimed for, not promised.
    Aspirational,
    /// 确保: a value promised (as though unhedged).
    Assured,
    /// 约: a value about so much.
    Approximate,
}

pub const HEDGES: &[(&str, Hedge)] = &[
    ("力争", Hedge::Aspirational),
    ("确保", Hedge::Assured),
    ("约", Hedge::Approximate),
];

/// The hedge a word denotes (`None` for a word that is none).
pub fn hedge(word: &str) -> Option<Hedge> {
    HEDGES.iter().find(|(w, _)| *w == word).map(|(_, h)| *h)
}

/// The verbs of a change without its size (`较2015年提高20%`).
pub const DIRECTIONS: &[(&str, Direction)] = &[
    ("提高", Direction::Up),
    ("增长", Direction::Up),
    ("增加", Direction::Up),
    ("降低", Direction::Down),
    ("下降", Direction::Down),
    ("减少", Direction::Down),
    ("下调", Direction::Down),
];

/// The verbs of a change from one amount to another (`由200元提高到300元`); 调整为 goes either way.
pub const CHANGE_VERBS: &[(&str, Option<Direction>)] = &[
    ("提高到", Some(Direction::Up)),
    ("提高至", Some(Direction::Up)),
    ("增加到", Some(Direction::Up)),
    ("增加至", Some(Direction::Up)),
    ("增至", Some(Direction::Up)),
    ("提至", Some(Direction::Up)),
    ("降低到", Some(Direction::Down)),
    ("降低至", Some(Direction::Down)),
    ("降至", Some(Direction::Down)),
    ("下调到", Some(Direction::Down)),
    ("下调至", Some(Direction::Down)),
    ("调整为", None),
    ("调整到", None),
    ("调整至", None),
];

/// The direction a word of [`DIRECTIONS`] or [`CHANGE_VERBS`] gives (`None` for 调整为 or a word
/// that is neither).
pub fn direction(word: &str) -> Option<Direction> {
    DIRECTIONS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, d)| Some(*d))
        .or_else(|| {
            CHANGE_VERBS
                .iter()
                .find(|(w, _)| *w == word)
                .map(|(_, d)| *d)
        })
        .flatten()
}

/// The other words of values: 由 (a change's start), 较/比 (against a year), the doubling and
/// coverage values, 的 (a share of something), 至/到 (a range).
pub const CHANGE_FROM: &str = "由";
pub const RELATIVE_TO: &[&str] = &["较", "比"];
pub const DOUBLING: &[&str] = &["翻一番", "翻番"];
pub const COVERAGE: &[&str] = &["全覆盖", "全部"];
pub const SHARE_OF: &str = "的";
pub const RANGE_WORDS: &[&str] = &["至", "到"];

/// The words of a date: 年, 月, 日 and 号 after their numbers, 份 after a month (6月份), 本月.
pub const DATE_UNITS: &[&str] = &["年", "月", "日", "号", "份", "本月"];

/// The parts of a month or a year after it (`6月底`, `2018年初`, `6月上旬`).
pub const DATE_PARTS: &[(&str, DatePart)] = &[
    ("底", DatePart::End),
    ("末", DatePart::End),
    ("初", DatePart::Start),
    ("上旬", DatePart::EarlyMonth),
    ("中旬", DatePart::MidMonth),
    ("下旬", DatePart::LateMonth),
];

/// Stretches of a year named by a word (`2018年上半年`); quarters are [`QUARTERS`].
pub const YEAR_SPANS: &[(&str, DatePart)] = &[
    ("上半年", DatePart::FirstHalf),
    ("下半年", DatePart::SecondHalf),
    ("年中", DatePart::MidYear),
    ("年初", DatePart::Start),
    ("年底", DatePart::End),
    ("年末", DatePart::End),
];

/// A quarter: (第)一季度 … 四季度, its end written 末 or 底.
pub const QUARTER: &str = "季度";
pub const QUARTER_ORDINAL: &str = "第";
pub const QUARTERS: &[(&str, DatePart)] = &[
    ("一", DatePart::Quarter1),
    ("二", DatePart::Quarter2),
    ("三", DatePart::Quarter3),
    ("四", DatePart::Quarter4),
];

/// The part a date's last word names (底, 上旬).
pub fn date_part(word: &str) -> Option<DatePart> {
    DATE_PARTS.iter().find(|(w, _)| *w == word).map(|(_, p)| *p)
}

/// The stretch of the year a `year_span` names: 上半年, 年底, 三季度, 第四季度末.
pub fn year_span(text: &str) -> Option<DatePart> {
    if let Some((_, part)) = YEAR_SPANS.iter().find(|(w, _)| *w == text) {
        return Some(*part);
    }
    let rest = text.strip_prefix(QUARTER_ORDINAL).unwrap_or(text);
    QUARTERS
        .iter()
        .find(|(n, _)| rest.starts_with(n) && rest[n.len()..].starts_with(QUARTER))
        .map(|(_, part)| *part)
}

/// Deadlines that are no date: open-ended work, and within the document's year.
pub const ONGOING: &[&str] = &["长期坚持", "长期", "持续推进", "常态化"];
pub const WITHIN_YEAR: &[&str] = &["年内", "当年"];
/// The day a document is issued, as a date (`施行：印发之日起`).
pub const ON_ISSUE: &str = "印发之日";
/// What comes before a deadline's date (到2018年底), and after it (前, 完成).
pub const DEADLINE_BEFORE_DATE: &[&str] = &["到", "在", "于"];
pub const BEFORE: &[&str] = &["之前", "以前", "前"];
/// A deadline by a year (2018年底前): the parts after 年.
pub const YEAR_SUFFIXES: &[&str] = &["底前", "底", "末", "前", "之前"];
pub const DONE: &str = "完成";
/// Where a window or a rate's years start (自2018年起) and what ends an open start.
pub const FROM: &[&str] = &["自", "从"];
pub const ONWARD: &[&str] = &["起", "开始"];
/// The plan period the language names (`期间：“十三五”期间`), with its spellings.
pub const PLAN_PERIOD: &[&str] = &["“十三五”", "\"十三五\"", "十三五"];
pub const PERIOD_SUFFIX: &str = "期间";
/// A rate's years written as a span with 每年 after it (2016—2020年每年).
pub const EVERY_YEAR: &str = "每年";

/// Every word of the grammar that is no item keyword, clause key, unit or comparator, by role.
pub fn other_words() -> Vec<(Role, &'static str)> {
    let mut words: Vec<(Role, &'static str)> = Vec::new();
    let mut add = |role: Role, list: &[&'static str]| {
        for w in list {
            if !words.iter().any(|(_, seen)| seen == w) {
                words.push((role, w));
            }
        }
    };
    add(
        Role::Structure,
        &[
            TIERS_BY,
            OPEN_LIST,
            FACT_DATE,
            EXTERNAL,
            NUMBERING_SHI,
            ALIAS,
        ],
    );
    add(Role::Structure, TIER_OTHER);
    add(Role::Structure, LIST_ATTACHED);
    add(Role::Number, CHINESE_DIGITS);
    add(Role::Number, CHINESE_UNITS);
    add(Role::Number, DAY_TENS);
    add(Role::Number, SCALES);
    add(Role::Number, NUMBER_WORDS);
    add(Role::Number, &[PER]);
    add(
        Role::Value,
        &HEDGES.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
    );
    add(
        Role::Value,
        &DIRECTIONS.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
    );
    add(
        Role::Value,
        &CHANGE_VERBS.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
    );
    add(Role::Value, &[CHANGE_FROM, SHARE_OF]);
    add(Role::Value, RELATIVE_TO);
    add(Role::Value, DOUBLING);
    add(Role::Value, COVERAGE);
    add(Role::Value, RANGE_WORDS);
    add(Role::Date, DATE_UNITS);
    add(
        Role::Date,
        &DATE_PARTS.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
    );
    add(
        Role::Date,
        &YEAR_SPANS.iter().map(|(w, _)| *w).collect::<Vec<_>>(),
    );
    add(Role::Date, &[QUARTER, QUARTER_ORDINAL]);
    add(Role::Date, ONGOING);
    add(Role::Date, WITHIN_YEAR);
    add(Role::Date, &[ON_ISSUE, DONE, PERIOD_SUFFIX, EVERY_YEAR]);
    add(Role::Date, DEADLINE_BEFORE_DATE);
    add(Role::Date, BEFORE);
    add(Role::Date, YEAR_SUFFIXES);
    add(Role::Date, FROM);
    add(Role::Date, ONWARD);
    add(Role::Date, PLAN_PERIOD);
    words
}

/// Every word the grammar spells: item keywords, 又称, clause keys, units (with 每's 生 and 学年),
/// comparators and [`other_words`], each once.
pub fn all_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    let mut push = |w: &'static str| {
        if !words.contains(&w) {
            words.push(w);
        }
    };
    Item::ALL
        .iter()
        .flat_map(|i| i.keywords())
        .for_each(|w| push(w));
    push(ALIAS);
    key_spellings().for_each(&mut push);
    UnitAtom::WORDS.iter().for_each(|(w, _)| push(w));
    COMPARATORS.iter().for_each(|(w, _, _)| push(w));
    other_words().into_iter().for_each(|(_, w)| push(w));
    words
}

// ───────────────────────────── item numbers ─────────────────────────────

/// How an item number is printed before its name (the grammar's `item_number`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberForm {
    /// （一） (1) ⑴
    Parenthesised,
    /// 一、 1. 1、 ⒈
    Dotted,
    /// 1)
    Closing,
    /// ① ❶
    Circled,
    /// 一是
    Shi,
}

/// The numbers printed as one character, each run from 1: ① to ⑳, ⑴ to ⒇, ⒈ to ⒛, ❶ to ❿.
pub const NUMBER_CHARACTERS: &[(char, char, NumberForm)] = &[
    ('①', '⑳', NumberForm::Circled),
    ('⑴', '⒇', NumberForm::Parenthesised),
    ('⒈', '⒛', NumberForm::Dotted),
    ('❶', '❿', NumberForm::Circled),
];

/// An item number read: its form, whether its digits are Chinese, and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemNumber {
    pub form: NumberForm,
    pub chinese: bool,
    pub value: u8,
}

/// Reads an item number as the grammar's `item_number` spells it (（三）, 1., ①, 一是); `None`
/// for text that is none.
pub fn item_number(number: &str) -> Option<ItemNumber> {
    let first = number.chars().next()?;
    for &(from, to, form) in NUMBER_CHARACTERS {
        if (from..=to).contains(&first) {
            let value = u8::try_from(u32::from(first) - u32::from(from) + 1).ok()?;
            return Some(ItemNumber {
                form,
                chinese: false,
                value,
            });
        }
    }
    let form = if matches!(first, '（' | '(') {
        NumberForm::Parenthesised
    } else if number.ends_with(NUMBERING_SHI) {
        NumberForm::Shi
    } else if number.ends_with(['）', ')']) {
        NumberForm::Closing
    } else {
        NumberForm::Dotted
    };
    let digits: String = number
        .strip_suffix(NUMBERING_SHI)
        .unwrap_or(number)
        .chars()
        .filter(|c| !matches!(c, '（' | '）' | '(' | ')' | '、' | '.' | '．'))
        .collect();
    let chinese = !digits
        .chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let value = crate::lexical::parse_small(&digits).ok()?;
    Some(ItemNumber {
        form,
        chinese,
        value,
    })
}

/// The item number a name starts with, when an encoding kept it in the name (「（三）…」).
pub fn leading_item_number(name: &str) -> Option<&str> {
    let first = name.chars().next()?;
    if NUMBER_CHARACTERS
        .iter()
        .any(|&(from, to, _)| (from..=to).contains(&first))
    {
        return Some(&name[..first.len_utf8()]);
    }
    let close = if name.starts_with('（') || name.starts_with('(') {
        name.find(['）', ')'])?
    } else {
        let end = name.find(['、', '.', '．'])?;
        if end == 0 {
            return None;
        }
        end
    };
    let len = name[close..].chars().next()?.len_utf8();
    Some(&name[..close + len])
}

#[cfg(test)]
mod tests {
    use super::{item_number, leading_item_number, year_span, NumberForm};
    use crate::ast::DatePart;

    #[test]
    fn item_numbers_read_as_their_style_and_value() {
        use NumberForm::*;
        for (n, form, chinese, value) in [
            ("（一）", Parenthesised, true, 1),
            ("（十一）", Parenthesised, true, 11),
            ("(1)", Parenthesised, false, 1),
            ("⑶", Parenthesised, false, 3),
            ("1、", Dotted, false, 1),
            ("1.", Dotted, false, 1),
            ("三、", Dotted, true, 3),
            ("12、", Dotted, false, 12),
            ("⒈", Dotted, false, 1),
            ("⒓", Dotted, false, 12),
            ("2)", Closing, false, 2),
            ("①", Circled, false, 1),
            ("⑳", Circled, false, 20),
            ("❷", Circled, false, 2),
            ("一是", Shi, true, 1),
            ("十二是", Shi, true, 12),
        ] {
            let got = item_number(n).unwrap();
            assert_eq!(
                (got.form, got.chinese, got.value),
                (form, chinese, value),
                "{n}"
            );
        }
        assert!(item_number("甲、").is_none());
    }

    #[test]
    fn a_number_kept_in_the_name_is_found() {
        assert_eq!(leading_item_number("（三）反馈问题整改"), Some("（三）"));
        assert_eq!(leading_item_number("2、加强政策兜底"), Some("2、"));
        assert_eq!(leading_item_number("加强政策兜底"), None);
        assert_eq!(leading_item_number("、加强"), None);
        assert_eq!(
            leading_item_number("①有的易地扶贫搬迁建房面积超标"),
            Some("①")
        );
    }

    #[test]
    fn year_spans_read_as_their_part() {
        for (text, part) in [
            ("上半年", DatePart::FirstHalf),
            ("年底", DatePart::End),
            ("一季度", DatePart::Quarter1),
            ("第三季度", DatePart::Quarter3),
            ("四季度末", DatePart::Quarter4),
            ("第二季度底", DatePart::Quarter2),
        ] {
            assert_eq!(year_span(text), Some(part), "{text}");
        }
        assert_eq!(year_span("五季度"), None);
    }
}
