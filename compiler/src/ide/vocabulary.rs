//! The language's words as the editor features need them: item keywords with where each item
//! stands and what it accepts, clause keys with their synonyms, units, comparators.
//!
//! Every word comes from [`crate::vocabulary`], the language's one vocabulary (which
//! `tests/vocabulary.rs` compares with the grammar); this module only arranges them for
//! completion, hover, semantic tokens and the TextMate grammar, and adds what only an editor
//! needs: one line on what each item is.

use std::sync::OnceLock;

use crate::vocabulary::{self as words, Entry, Item, Key, Position, COMPARATORS};

/// One kind of item: its keyword and where it may be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemWord {
    /// The keyword the reference manual and the formatter use (目标, 标准).
    pub keyword: &'static str,
    /// Every spelling the grammar accepts (目标, 现状).
    pub spellings: &'static [&'static str],
    /// Whether the item may stand at the top level of a file.
    pub top_level: bool,
    /// The items it may be written inside (措施 inside 措施, 步骤 and 阶段).
    pub inside: Vec<&'static str>,
    /// The clause keys it accepts, canonical, in the order the formatter writes them.
    pub accepts: Vec<&'static str>,
    /// One line on what the item is, for completion and hover.
    pub summary: &'static str,
}

/// One clause key and the other spellings that mean it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseKey {
    pub key: &'static str,
    /// Every spelling, the canonical one first (牵头, 牵头单位, 牵头部门).
    pub spellings: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vocabulary {
    pub items: Vec<ItemWord>,
    pub clause_keys: Vec<ClauseKey>,
    /// Every unit word, longest first (a scanner can match greedily).
    pub units: Vec<&'static str>,
    /// The scale words written between a number and its unit (万, 亿).
    pub scales: Vec<&'static str>,
    /// Comparator words of two or more characters before a number (不低于) and after it (以上).
    pub comparators_before: Vec<&'static str>,
    pub comparators_after: Vec<&'static str>,
    /// 又称.
    pub alias_words: Vec<&'static str>,
}

impl Vocabulary {
    /// The item written with `spelling` (现状 is the item 目标).
    pub fn item(&self, spelling: &str) -> Option<&ItemWord> {
        self.items.iter().find(|i| i.spellings.contains(&spelling))
    }

    /// The clause key written `spelling`, canonical (牵头单位 is 牵头).
    pub fn clause_key(&self, spelling: &str) -> Option<&ClauseKey> {
        self.clause_keys
            .iter()
            .find(|k| k.spellings.contains(&spelling))
    }

    /// Every item keyword spelling, longest first.
    pub fn keyword_spellings(&self) -> Vec<&'static str> {
        let mut all: Vec<&'static str> = self
            .items
            .iter()
            .flat_map(|i| i.spellings.iter().copied())
            .collect();
        zhengce_runtime::sort::sort_by_key(&mut all, |w| std::cmp::Reverse(w.chars().count()));
        all
    }

    /// Every clause key spelling, longest first.
    pub fn key_spellings(&self) -> Vec<&'static str> {
        let mut all: Vec<&'static str> = self
            .clause_keys
            .iter()
            .flat_map(|k| k.spellings.iter().copied())
            .collect();
        zhengce_runtime::sort::sort_by_key(&mut all, |w| std::cmp::Reverse(w.chars().count()));
        all
    }
}

/// One line on what each item is (the only thing here that is not a word of the language).
fn summary(item: Item) -> &'static str {
    match item {
        Item::Header => "文件头:标题、发文机关、日期、文号、依据",
        Item::Dept => "登记一个机构(又称:它的别称)",
        Item::DeptClass => "一类机构(各乡镇党委、政府)",
        Item::Scope => "具名的集合,可有数量与成员",
        Item::Fact => "规则计算需要的输入:类别、数量或日期",
        Item::Target => "指标、值、期限、分解、节点;现状记报告中陈述的数字",
        Item::Standard => "金额或数量标准,可分档、带条件",
        Item::Tiers => "按某个事实分档",
        Item::Measure => "一项工作:牵头、责任单位、期限",
        Item::Schedule => "集中整治的时长与阶段",
        Item::Phase => "一个有起止日期的阶段",
        Item::Assessment => "计分方案",
        Item::AssessEntry => "考核项,可有子项",
        Item::Adjustment => "总分之外的加减分",
        Item::Example => "文件自带的验算",
    }
}

/// The language's words. Built once.
pub fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(build)
}

fn build() -> Vocabulary {
    let items = Item::ALL
        .iter()
        .map(|&item| ItemWord {
            keyword: item.word(),
            spellings: item.keywords(),
            top_level: item.top_level(),
            inside: Item::ALL
                .iter()
                .filter(|parent| {
                    parent.nested().contains(&item) || parent.rank_of_item(item).is_some()
                })
                .map(|parent| parent.word())
                .collect(),
            accepts: item
                .entries()
                .iter()
                .filter_map(|e| match e {
                    Entry::Keys(keys) => Some(keys.iter().map(|k| k.word())),
                    Entry::Item(_) => None,
                })
                .flatten()
                .collect(),
            summary: summary(item),
        })
        .collect();
    let clause_keys = Key::ALL
        .iter()
        .map(|&key| {
            let mut spellings = vec![key.word()];
            spellings.extend(key.spellings().iter().filter(|s| **s != key.word()));
            ClauseKey {
                key: key.word(),
                spellings,
            }
        })
        .collect();
    let mut units = words::unit_words();
    zhengce_runtime::sort::sort_by_key(&mut units, |w| std::cmp::Reverse(w.chars().count()));
    // The comparator words that end a name wherever they stand (the grammar's name guards): a
    // scanner that colours 近 or 内 would colour them inside names (内蒙古).
    let comparators = |position: Position| {
        COMPARATORS
            .iter()
            .filter(move |(w, _, p)| {
                *p == position && words::name_guard_comparators().any(|g| g == *w)
            })
            .map(|(w, _, _)| *w)
            .collect()
    };
    Vocabulary {
        items,
        clause_keys,
        units,
        scales: words::SCALES.to_vec(),
        comparators_before: comparators(Position::Before),
        comparators_after: comparators(Position::After),
        alias_words: vec![words::ALIAS],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_has_its_keywords_and_clause_keys() {
        let v = vocabulary();
        assert_eq!(v.items.len(), Item::ALL.len());
        for item in &v.items {
            assert!(!item.spellings.is_empty(), "{item:?}");
            for key in &item.accepts {
                assert!(v.clause_key(key).is_some(), "{key} of {}", item.keyword);
            }
        }
        assert_eq!(v.item("现状").unwrap().keyword, "目标");
        assert_eq!(v.item("补助").unwrap().keyword, "标准");
        let lead = v.clause_key("牵头单位").unwrap();
        assert_eq!(lead.key, "牵头");
        assert!(lead.spellings.contains(&"牵头部门"));
        assert!(v.item("措施").unwrap().accepts.contains(&"牵头"));
        assert!(v.item("目标").unwrap().accepts.contains(&"分年度"));
        assert!(v.units.contains(&"万元") || v.units.contains(&"元"));
        assert!(v.comparators_before.contains(&"不低于"));
        assert!(v.comparators_after.contains(&"以上"));
        assert_eq!(v.alias_words, ["又称"]);
    }

    /// A minimal body for each item, so that it parses on its own.
    fn sample(keyword: &str, inner: &str) -> String {
        match keyword {
            "文件" => format!("文件《甲》 {{\n{inner}}}\n"),
            "部门" => "部门 甲\n".to_string(),
            "部门类" => "部门类 甲\n".to_string(),
            "事实" => "事实 甲：元\n".to_string(),
            "分档" => format!("分档 按 乙 {{\n其他：1元\n{inner}}}\n"),
            "调整" => format!("调整 甲：±1分 {{\n{inner}}}\n"),
            "阶段" => format!("阶段 甲：5月1日~5月2日 {{\n{inner}}}\n"),
            "例" => format!("例 甲 {{\n求：甲\n{inner}}}\n"),
            other => format!("{other} 甲 {{\n{inner}}}\n"),
        }
    }

    /// `inner` inside an item of this kind, itself where it may stand (阶段 inside a 步骤).
    fn placed(item: &ItemWord, inner: &str) -> String {
        let own = sample(item.keyword, inner);
        match item.inside.first().filter(|_| !item.top_level) {
            Some(parent) => placed(vocabulary().item(parent).expect("a parent item"), &own),
            None => own,
        }
    }

    #[test]
    fn where_items_may_stand_is_what_the_parser_accepts() {
        let v = vocabulary();
        for child in &v.items {
            let alone = sample(child.keyword, "");
            let top = crate::syntax::parse(&alone, "a.zc");
            // Accepted: read without an error (a misplaced item is ZC0009; inside 分档, whose
            // block holds tier rows, a syntax error).
            let misplaced = |p: &crate::Parsed| p.diagnostics.iter().any(|d| d.is_error());
            assert_eq!(
                !misplaced(&top),
                child.top_level,
                "{} at the top level: {:?}",
                child.keyword,
                top.diagnostics
            );
            for parent in &v.items {
                if matches!(parent.keyword, "部门" | "部门类" | "事实") {
                    continue;
                }
                let nested = placed(parent, &alone);
                let parsed = crate::syntax::parse(&nested, "a.zc");
                assert_eq!(
                    !misplaced(&parsed),
                    child.inside.contains(&parent.keyword),
                    "{} inside {}: {nested}\n{:?}",
                    child.keyword,
                    parent.keyword,
                    parsed.diagnostics
                );
            }
        }
    }
}
