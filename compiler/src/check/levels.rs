//! Levels of government: a document issued at one level (镇, 县, 市, 省) commands the levels
//! below it. A town plan that instructs 各乡镇 (every town, its peers included) or sets targets
//! for 全县 (the whole county above it) speaks beyond its level: usually a passage copied from the
//! county's plan. A document that says it relays the higher plan (`转发：《…》`, or 转发 in its
//! title) passes those commands on and is not reported.
//!
//! The document's level is read from its 发文机关, else its title: the first level word after
//! the place name (龙州镇 → 镇, 陇川县扶贫开发领导小组 → 县; in 通州区 and 兰州市 the 州 before
//! another level word is part of the name). 市 may be a prefecture or a county-level city, so a
//! 市 document is taken at the higher of the two. What it commands: the bodies named as 牵头 or
//! 责任单位 (各乡镇党委、政府), and the names, 指标 and 范围 of targets and scopes (全县贫困发生率).

use super::{measures, standards, targets, DocCtx};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};

/// Levels, highest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Nation,
    Province,
    Prefecture,
    County,
    Town,
    Village,
}

impl Level {
    /// The bodies of a level, counted: 所有乡镇, 所有县.
    fn plural(self) -> &'static str {
        match self {
            Level::Nation => "中央机关",
            Level::Province => "省",
            Level::Prefecture => "市",
            Level::County => "县",
            Level::Town => "乡镇",
            Level::Village => "村",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Level::Nation => "中央",
            Level::Province => "省级",
            Level::Prefecture => "市级",
            Level::County => "县级",
            Level::Town => "乡镇",
            Level::Village => "村级",
        }
    }
}

/// Level words as they follow a place name, longest first; 市 is the higher of its two levels.
const LEVEL_WORDS: &[(&str, Level)] = &[
    ("自治区", Level::Province),
    ("自治州", Level::Prefecture),
    ("街道", Level::Town),
    ("省", Level::Province),
    ("市", Level::Prefecture),
    ("州", Level::Prefecture),
    ("盟", Level::Prefecture),
    ("县", Level::County),
    ("区", Level::County),
    ("旗", Level::County),
    ("乡", Level::Town),
    ("镇", Level::Town),
    ("村", Level::Village),
];

/// The level of an issuing body or a title, with its place (陇川县): `None` when no level word
/// follows a place name.
fn level_of(name: &str) -> Option<(Level, String)> {
    for national in ["中共中央", "国务院", "中央"] {
        if name.starts_with(national) {
            return Some((Level::Nation, national.to_string()));
        }
    }
    let (at, word) = level_word(name)?;
    let level = LEVEL_WORDS.iter().find(|(w, _)| *w == word)?.1;
    Some((level, name[..at + word.len()].to_string()))
}

/// Where the level word after a place name stands in `name` (its byte offset) and what it is:
/// 陇川县扶贫办 → (6, 县). A name that starts with its level (县扶贫办) gives offset 0.
pub(super) fn level_word(name: &str) -> Option<(usize, &'static str)> {
    let level_at = |at: usize| {
        let rest = &name[at..];
        let (w, _) = LEVEL_WORDS.iter().find(|(w, _)| rest.starts_with(w))?;
        // 兰州市, 通州区, 龙州镇: a level word followed by another is part of the place name.
        let after = &rest[w.len()..];
        if LEVEL_WORDS.iter().any(|(x, _)| after.starts_with(x)) {
            return None;
        }
        Some((at, *w))
    };
    // After a place name first (镇江市 is a 市); a name that starts with its level (县扶贫办) last.
    name.char_indices()
        .skip(1)
        .find_map(|(at, _)| level_at(at))
        .or_else(|| level_at(0))
}

/// A body or set named as the whole of a level: 各乡镇 (every town), 全县 (the whole county);
/// with the words that say so.
fn whole_of(name: &str) -> Option<(Level, &'static str)> {
    const EVERY: &[(&str, Level)] = &[
        ("各乡镇", Level::Town),
        ("各镇乡", Level::Town),
        ("各乡", Level::Town),
        ("各镇", Level::Town),
        ("各街道", Level::Town),
        ("各县", Level::County),
        ("各区", Level::County),
        ("各市", Level::Prefecture),
        ("各州", Level::Prefecture),
        ("各省", Level::Province),
    ];
    const WHOLE: &[(&str, Level)] = &[
        ("全国", Level::Nation),
        ("全省", Level::Province),
        ("全区", Level::County),
        ("全市", Level::Prefecture),
        ("全州", Level::Prefecture),
        ("全县", Level::County),
        ("全乡", Level::Town),
        ("全镇", Level::Town),
    ];
    // 各县(市、区), 各乡镇党委、政府: the prefix decides.
    // 各县级部门, 各县直单位 are bodies of one county, not every county.
    EVERY
        .iter()
        .find(|(w, _)| name.starts_with(w) && !name[w.len()..].starts_with(['级', '直']))
        .or_else(|| WHOLE.iter().find(|(w, _)| name.starts_with(w)))
        .map(|(w, level)| (*level, *w))
}

/// One use of a whole: the name as written, where, and in what.
struct Use<'a> {
    name: &'a str,
    span: Span,
    within: String,
}

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    let Some(header) = cx.header else { return };
    let relays = !header.relays.is_empty() || header.title.text.contains("转发");
    if relays {
        return;
    }
    // The document's level: its first issuer, else its title.
    let from_issuer = header
        .issuer
        .as_ref()
        .and_then(|l| l.names.first())
        .and_then(|n| level_of(&n.text).map(|l| (l, n.span, "发文机关")));
    let Some(((doc_level, place), level_span, source)) = from_issuer
        .or_else(|| level_of(&header.title.text).map(|l| (l, header.title.span, "标题")))
    else {
        return;
    };
    let mut uses: Vec<Use> = Vec::new();
    for m in measures(cx.doc) {
        let within = format!("措施「{}」", m.measure.name.text);
        collect_duties(&m.measure.duties, &within, &mut uses);
    }
    for t in targets(cx.doc) {
        let t = t.target;
        let within = format!("{}「{}」", t.keyword, t.name.text);
        collect_duties(&t.duties, &within, &mut uses);
        uses.push(Use {
            name: &t.name.text,
            span: t.name.span,
            within: format!("{}的名称", within),
        });
        if let Some(m) = &t.metric {
            uses.push(Use {
                name: &m.text,
                span: m.span,
                within: format!("{}的指标", within),
            });
        }
        for n in t.scope.iter().flat_map(|s| s.names.iter()) {
            uses.push(Use {
                name: &n.text,
                span: n.span,
                within: format!("{}的范围", within),
            });
        }
    }
    for s in standards(cx.doc) {
        let within = format!("{}「{}」", s.keyword, s.name.text);
        collect_duties(&s.duties, &within, &mut uses);
    }
    for item in &cx.doc.items {
        if let Item::Scope(s) = item {
            uses.push(Use {
                name: &s.name.text,
                span: s.name.span,
                within: format!("范围「{}」", s.name.text),
            });
        }
    }
    // One report per whole named beyond the document's level, at its first use.
    let mut reported: Vec<(&str, Vec<&Use>)> = Vec::new();
    for u in &uses {
        let Some((level, how)) = whole_of(u.name) else {
            continue;
        };
        // 各X reaches X's peers: beyond a document at X's level or below. 全X is beyond a
        // document below X.
        let beyond = if how.starts_with('各') {
            level <= doc_level
        } else {
            level < doc_level
        };
        if !beyond {
            continue;
        }
        match reported.iter_mut().find(|(k, _)| *k == how) {
            Some((_, list)) => list.push(u),
            None => reported.push((how, vec![u])),
        }
    }
    for (key, list) in reported {
        let first = list[0];
        let (level, _) = whole_of(first.name).expect("kept above");
        let every = key.starts_with('各');
        let message = if every {
            format!(
                "{source}表明这是{}文件(「{place}」),但{}是「{key}」:同级的所有{}都在其中,超出本文件能部署的范围",
                doc_level.word(),
                first.within,
                level.plural()
            )
        } else {
            format!(
                "{source}表明这是{}文件(「{place}」),但{}以「{key}」为对象:那是{}的全体,高于本级",
                doc_level.word(),
                first.within,
                level.word()
            )
        };
        let mut d = Diagnostic::warning(codes::LEVEL_BEYOND_ISSUER, message)
            .primary(
                cx.file,
                first.span,
                if every {
                    format!("所有{}", level.plural())
                } else {
                    format!("{}的全体", level.word())
                },
            )
            .secondary(cx.file, level_span, format!("{}文件", doc_level.word()));
        for u in list.iter().skip(1).take(MAX_MORE_LABELS) {
            d = d.secondary(cx.file, u.span, "又一处");
        }
        if list.len() > 1 + MAX_MORE_LABELS {
            d = d.note(format!("另有{}处未标出", list.len() - 1 - MAX_MORE_LABELS));
        }
        d = d
            .note(format!(
                "{}文件向下级部署任务;「{key}」{}",
                doc_level.word(),
                if every {
                    "包括与本级同级或更高的单位,不是本文件能部署的对象"
                } else {
                    "是比本级更高一级的全体"
                }
            ))
            .help("若这段话转述上级方案,在文件头写「转发：《上级方案》」;若是本级的任务,改为本级的范围(如「全镇」「各村」)");
        out.push(d);
    }
}

/// How many further uses of one whole a ZC1201 labels.
const MAX_MORE_LABELS: usize = 3;

fn collect_duties<'a>(d: &'a Duties, within: &str, uses: &mut Vec<Use<'a>>) {
    for (list, role) in [(&d.lead, "牵头"), (&d.responsible, "责任单位")] {
        for n in list.iter().flat_map(|l| l.names.iter()) {
            uses.push(Use {
                name: &n.text,
                span: n.span,
                within: format!("{within}的{role}"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::checked;

    fn run(src: &str) -> Vec<(String, String)> {
        checked(src, |c| c == "ZC1201")
    }

    #[test]
    fn levels_are_read_after_the_place_name() {
        let l = level_of;
        assert_eq!(l("龙州镇"), Some((Level::Town, "龙州镇".into())));
        assert_eq!(
            l("陇川县扶贫开发领导小组办公室"),
            Some((Level::County, "陇川县".into()))
        );
        assert_eq!(
            l("汨罗市扶贫开发领导小组"),
            Some((Level::Prefecture, "汨罗市".into()))
        );
        assert_eq!(
            l("湖北省扶贫攻坚领导小组"),
            Some((Level::Province, "湖北省".into()))
        );
        assert_eq!(
            l("兰州市扶贫办"),
            Some((Level::Prefecture, "兰州市".into()))
        );
        assert_eq!(
            l("镇江市扶贫办"),
            Some((Level::Prefecture, "镇江市".into()))
        );
        assert_eq!(l("通州区扶贫办"), Some((Level::County, "通州区".into())));
        assert_eq!(
            l("中共中央办公厅"),
            Some((Level::Nation, "中共中央".into()))
        );
        assert_eq!(l("县扶贫办"), Some((Level::County, "县".into())));
        assert_eq!(
            l("XX镇2017年扶贫开发成效考核反馈问题整改工作方案"),
            Some((Level::Town, "XX镇".into()))
        );
    }

    #[test]
    fn a_town_instructing_every_town_is_reported_once() {
        let src = "文件《某镇精准扶贫实施方案》{ 发文机关：某镇人民政府 }\n部门类 各乡镇\n部门类 各村\n措施 甲 { 责任单位：各乡镇 }\n措施 乙 { 牵头：各乡镇 }\n措施 丙 { 牵头：各村 }\n现状 全镇贫困人口 { 值：5人 }\n";
        let got = run(src);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.contains("乡镇文件"), "{}", got[0].1);
        assert!(got[0].1.contains("「各乡镇」"), "{}", got[0].1);
    }

    #[test]
    fn whole_of_a_higher_level_and_relays() {
        let src = "文件《某镇方案》{ 发文机关：某镇 }\n目标 全县贫困发生率 { 值：3%以下 }\n";
        assert_eq!(run(src).len(), 1);
        let relayed = "文件《某镇方案》{ 发文机关：某镇\n 转发：外部《某县方案》 }\n目标 全县贫困发生率 { 值：3%以下 }\n";
        assert!(run(relayed).is_empty());
        let county = "文件《某县方案》{ 发文机关：某县扶贫开发领导小组 }\n部门类 「各乡镇党委、政府」\n措施 甲 { 牵头：「各乡镇党委、政府」 }\n目标 全县贫困发生率 { 值：3%以下 }\n";
        assert!(run(county).is_empty(), "{:?}", run(county));
        let city =
            "文件《某市方案》{ 发文机关：某市扶贫办 }\n部门类 各县\n措施 甲 { 牵头：各县 }\n";
        assert!(run(city).is_empty());
    }
}
