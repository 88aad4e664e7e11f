//! The editor features on small documents, by byte offset.

use super::*;

fn analysis(files: &[(&str, &str)]) -> Analysis {
    let sources = files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    Analysis::new(sources, &CheckOptions::default())
}

/// The offset of the `nth` (0-based) occurrence of `needle` in `text`, plus `within` bytes.
fn at(text: &str, needle: &str, nth: usize) -> usize {
    text.match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} #{nth} not in text"))
        .0
}

const PLAN: &str = "文件《某县整改方案》 {
  成文日期：2018年5月9日
}
部门 县扶贫办 又称 扶贫办
部门 县教育局
部门类 各乡镇
事实 县类别：深度贫困县、片区县
措施 控辍保学 {
  牵头：县教育局
  责任单位：扶贫办、各乡镇
  期限：6月10日前
}
措施 危房改造 {
  牵头：县扶贫办
  期限：2018年底
}
目标 贫困人口脱贫 {
  值：232万人
  分年度：2016年50万、2017年56万、2018年55万、2019年46万、2020年25万
  牵头：县扶贫办
}
标准 易地搬迁补助 {
  分档 按 县类别 {
    深度贫困县：1万元
    片区县：5000元
  }
}
例 深度贫困县搬迁 {
  求：易地搬迁补助
  已知：县类别=深度贫困县
  结果：1万元
}
";

#[test]
fn hover_resolves_a_date_without_its_year() {
    let a = analysis(&[("a.zc", PLAN)]);
    let h = a.hover(0, at(PLAN, "6月10日", 0) + 1).unwrap();
    assert!(h.markdown.contains("2018年6月10日"), "{}", h.markdown);
    assert!(h.markdown.contains("成文日期"), "{}", h.markdown);
    assert!(h.markdown.contains("第2行"), "{}", h.markdown);
}

#[test]
fn hover_gives_a_quantity_in_its_base_unit_and_a_breakdowns_sum() {
    let a = analysis(&[("a.zc", PLAN)]);
    let h = a.hover(0, at(PLAN, "232万人", 0)).unwrap();
    assert!(h.markdown.contains("2320000人"), "{}", h.markdown);
    let h = a.hover(0, at(PLAN, "56万", 0)).unwrap();
    assert!(h.markdown.contains("560000"), "{}", h.markdown);
    assert!(
        h.markdown.contains("50+56+55+46+25=232万人"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.contains("✓"), "{}", h.markdown);
}

#[test]
fn hover_on_a_department_gives_its_aliases_and_duties() {
    let a = analysis(&[("a.zc", PLAN)]);
    let h = a.hover(0, at(PLAN, "扶贫办、", 0)).unwrap();
    assert!(h.markdown.contains("县扶贫办"), "{}", h.markdown);
    assert!(
        h.markdown.contains("「扶贫办」是「县扶贫办」的别称"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.contains("牵头 2 项"), "{}", h.markdown);
    assert!(h.markdown.contains("控辍保学"), "{}", h.markdown);
}

#[test]
fn hover_on_a_rule_runs_its_examples() {
    let a = analysis(&[("a.zc", PLAN)]);
    let h = a.hover(0, at(PLAN, "易地搬迁补助", 1)).unwrap();
    assert!(
        h.markdown.contains("例「深度贫困县搬迁」"),
        "{}",
        h.markdown
    );
    assert!(h.markdown.contains("✓"), "{}", h.markdown);
}

#[test]
fn definition_and_references_follow_aliases() {
    let a = analysis(&[("a.zc", PLAN)]);
    let alias_use = at(PLAN, "扶贫办、", 0);
    let defs = a.definition(0, alias_use);
    assert_eq!(defs.len(), 1);
    assert_eq!(&PLAN[defs[0].span.start..defs[0].span.end], "扶贫办");
    let refs = a.references(0, at(PLAN, "县扶贫办", 0), true);
    // The declaration, its alias, and the three uses (one through the alias).
    assert_eq!(refs.len(), 5, "{refs:?}");
}

#[test]
fn definitions_reach_across_files_through_basis() {
    let lower = "文件《乙》 {\n  依据：《某县整改方案》\n}\n";
    let a = analysis(&[("a.zc", PLAN), ("b.zc", lower)]);
    let defs = a.definition(1, at(lower, "某县", 0));
    assert_eq!(defs.len(), 1);
    assert_eq!(defs[0].file, "a.zc");
}

#[test]
fn rename_a_department_everywhere_it_is_written() {
    let a = analysis(&[("a.zc", PLAN)]);
    let edits = a
        .rename(0, at(PLAN, "县教育局", 1), "县教育和体育局")
        .unwrap();
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(|e| e.new_text == "县教育和体育局"));
    // A name with a digit is written in 「」.
    let edits = a.rename(0, at(PLAN, "县教育局", 0), "第1教育局").unwrap();
    assert!(edits.iter().all(|e| e.new_text == "「第1教育局」"));
    // A name already taken is refused.
    assert!(a.rename(0, at(PLAN, "县教育局", 0), "县扶贫办").is_err());
}

#[test]
fn completion_offers_keys_departments_units_and_values() {
    let text = "部门 县扶贫办\n部门类 各乡镇\n事实 县类别：深度贫困县、片区县\n措施 甲 {\n  \n  牵头：\n  值：232万\n}\n例 乙 {\n  已知：县类别=\n}\n";
    let a = analysis(&[("a.zc", text)]);
    let labels = |offset: usize| -> Vec<String> {
        a.completions(0, offset)
            .into_iter()
            .map(|c| c.label)
            .collect()
    };
    let in_block = at(text, "  \n", 0) + 2;
    let got = labels(in_block);
    assert!(got.contains(&"牵头".to_string()), "{got:?}");
    assert!(got.contains(&"措施".to_string()), "{got:?}");
    assert!(!got.contains(&"文件".to_string()), "{got:?}");
    let got = labels(at(text, "牵头：", 0) + "牵头：".len());
    assert_eq!(got, ["县扶贫办", "各乡镇"]);
    let got = labels(at(text, "232万", 0) + "232万".len());
    assert!(
        got.contains(&"人".to_string()) && got.contains(&"元".to_string()),
        "{got:?}"
    );
    let got = labels(at(text, "县类别=", 0) + "县类别=".len());
    assert_eq!(got, ["深度贫困县", "片区县"]);
    let got = labels(0);
    assert!(
        got.contains(&"文件".to_string()) && got.contains(&"目标".to_string()),
        "{got:?}"
    );
}

#[test]
fn fixes_correct_a_total_and_insert_a_lead() {
    // 乙 is the one measure of four without a lead (ZC0701).
    let text = "部门 县扶贫办\n目标 脱贫 {\n  值：230万人\n  分年度：2019年100万、2020年132万\n}\n措施 甲 {\n  牵头：县扶贫办\n}\n措施 乙 {\n  期限：2018年\n}\n措施 丙 {\n  牵头：县扶贫办\n}\n措施 丁 {\n  牵头：县扶贫办\n}\n";
    let a = analysis(&[("a.zc", text)]);
    let fixes: Vec<Fix> = a
        .diagnostics()
        .iter()
        .flat_map(|d| a.fixes_for(d))
        .collect();
    let total = fixes.iter().find(|f| f.code == "ZC0201").unwrap();
    assert_eq!(total.edits[0].new_text, "232万人");
    assert_eq!(
        &text[total.edits[0].span.start..total.edits[0].span.end],
        "230万人"
    );
    let lead = fixes.iter().find(|f| f.code == "ZC0701").unwrap();
    assert_eq!(lead.edits[0].new_text, "\n  牵头：县扶贫办");
}

#[test]
fn fixes_quote_a_name_and_declare_an_alias() {
    let text = "部门 县扶贫办\n措施 端正思想认识，增强责任感 {\n  牵头：县扶贫办\n}\n";
    let a = analysis(&[("a.zc", text)]);
    let fixes: Vec<Fix> = a
        .diagnostics()
        .iter()
        .flat_map(|d| a.fixes_for(d))
        .collect();
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    assert_eq!(fixes[0].edits[0].new_text, "「端正思想认识，增强责任感」");

    let text = "部门 省卫生计生委\n部门 省卫计委\n";
    let a = analysis(&[("a.zc", text)]);
    let fixes: Vec<Fix> = a
        .diagnostics()
        .iter()
        .flat_map(|d| a.fixes_for(d))
        .collect();
    // The alias, and the suppression a warning may have.
    assert_eq!(fixes.len(), 2, "{fixes:?}");
    assert_eq!(
        apply(text, &fixes[0].edits),
        "部门 省卫生计生委 又称 省卫计委\n"
    );
    assert_eq!(fixes[1].title, "以注释允许 ZC0105(随后写明理由)");
}

/// `text` with `edits` (of one file, not overlapping) applied.
fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut fixed = text.to_string();
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| e.span.start);
    for e in edits.iter().rev() {
        fixed.replace_range(e.span.start..e.span.end, &e.new_text);
    }
    fixed
}

/// The codes of a file's findings, and those allowed.
fn codes_of(text: &str) -> (Vec<String>, Vec<String>) {
    let a = analysis(&[("a.zc", text)]);
    let out = a.output();
    (
        out.diagnostics.iter().map(|d| d.code.clone()).collect(),
        out.allowed
            .iter()
            .map(|d| d.diagnostic.code.clone())
            .collect(),
    )
}

#[test]
fn a_task_without_an_owner_gets_the_documents_owners() {
    // No 牵头 anywhere: the units responsible elsewhere are offered for the task.
    let text = "文件《某市方案》 {\n  成文日期：2017年4月23日\n}\n部门：市扶贫办\n措施 汇总 {\n  责任单位：市扶贫办\n  期限：6月10日之前\n}\n措施 分散安置 {\n  期限：5月30日之前\n}\n";
    let a = analysis(&[("a.zc", text)]);
    let d = a
        .diagnostics()
        .iter()
        .find(|d| d.code == "ZC0703")
        .expect("ZC0703");
    let fixes = a.fixes_for(d);
    assert_eq!(fixes[0].title, "添加「责任单位：市扶贫办」");
    let fixed = apply(text, &fixes[0].edits);
    assert!(
        fixed.contains("措施 分散安置 {\n  责任单位：市扶贫办\n"),
        "{fixed}"
    );
    assert!(!codes_of(&fixed).0.contains(&"ZC0703".to_string()));
}

#[test]
fn a_finding_is_allowed_by_the_comment_its_fix_inserts() {
    let text = "部门 省卫生计生委\n措施 甲 {\n  牵头：省卫生计生委\n}\n部门 省卫计委\n";
    let a = analysis(&[("a.zc", text)]);
    let d = &a.diagnostics()[0];
    assert_eq!(d.code, "ZC0105");
    let allow = a
        .fixes_for(d)
        .into_iter()
        .find(|f| f.title.starts_with("以注释"))
        .unwrap();
    let fixed = apply(text, &allow.edits);
    assert!(
        fixed.contains("\n// zhengce: allow(ZC0105)\n部门 省卫计委"),
        "{fixed}"
    );
    // Allowed now; the comment asks for its reason.
    assert_eq!(
        codes_of(&fixed),
        (vec!["ZC1101".to_string()], vec!["ZC0105".to_string()])
    );
    // A finding on a clause inside a measure: the comment goes before the clause, indented.
    let text = "部门 县扶贫办\n目标 脱贫 {\n  值：230万人\n  分年度：2019年100万、2020年132万\n}\n";
    let a = analysis(&[("a.zc", text)]);
    let d = a.diagnostics().iter().find(|d| d.code == "ZC0201").unwrap();
    let allow = a.fixes_for(d).pop().unwrap();
    let fixed = apply(text, &allow.edits);
    assert!(
        fixed.contains("{\n  // zhengce: allow(ZC0201)\n  "),
        "{fixed}"
    );
    assert!(codes_of(&fixed).1.contains(&"ZC0201".to_string()));
    // Before the file's first statement the comment holds for the whole file, and says so.
    let text = "部门 省卫计委\n部门 省卫生计生委\n";
    let a = analysis(&[("a.zc", text)]);
    let d = &a.diagnostics()[0];
    let allow = a.fixes_for(d).pop().unwrap();
    assert_eq!(allow.title, "以注释在整个文件中允许 ZC0105(随后写明理由)");
    let fixed = apply(text, &allow.edits);
    assert!(
        fixed.starts_with("// zhengce: allow(ZC0105)\n部门 省卫计委"),
        "{fixed}"
    );
    assert_eq!(codes_of(&fixed).1, ["ZC0105"]);
    // Errors that cannot be lowered cannot be allowed.
    let a = analysis(&[("a.zc", "措施 甲 {\n  牵头：县教育局\n}\n")]);
    let d = &a.diagnostics()[0];
    assert_eq!(d.code, "ZC0101");
    assert!(a
        .fixes_for(d)
        .iter()
        .all(|f| !f.title.starts_with("以注释")));
}

#[test]
fn an_unused_suppression_is_deleted_or_loses_its_code() {
    let text =
        "部门 县扶贫办\n// zhengce: allow(ZC0201) 分年度另有说明\n措施 甲 {\n  牵头：县扶贫办\n}\n";
    let a = analysis(&[("a.zc", text)]);
    let d = a.diagnostics().iter().find(|d| d.code == "ZC1102").unwrap();
    let fixes = a.fixes_for(d);
    assert_eq!(fixes.len(), 1, "{fixes:?}");
    assert_eq!(
        apply(text, &fixes[0].edits),
        "部门 县扶贫办\n措施 甲 {\n  牵头：县扶贫办\n}\n"
    );
    let text = "部门 省卫生计生委\n// zhengce: allow(ZC0201, ZC0105) 是两个机构\n部门 省卫计委\n";
    let a = analysis(&[("a.zc", text)]);
    let d = a.diagnostics().iter().find(|d| d.code == "ZC1102").unwrap();
    let fixed = apply(text, &a.fixes_for(d)[0].edits);
    assert_eq!(
        fixed,
        "部门 省卫生计生委\n// zhengce: allow(ZC0105) 是两个机构\n部门 省卫计委\n"
    );
    assert_eq!(codes_of(&fixed).0, Vec::<String>::new());
}

#[test]
fn suppression_comments_complete_and_hover_their_codes() {
    let text = "部门 省卫生计生委\n// zhengce: allow(ZC0105) 是两个机构\n部门 省卫计委\n";
    let a = analysis(&[("a.zc", text)]);
    let labels = |offset: usize| -> Vec<String> {
        a.completions(0, offset)
            .into_iter()
            .map(|c| c.label)
            .collect()
    };
    let got = labels(at(text, "ZC0105", 0));
    assert!(got.contains(&"ZC0701".to_string()) && got.contains(&"ZC07".to_string()));
    // Not the errors that cannot be lowered, nor the suppressions' own codes.
    assert!(!got.contains(&"ZC0001".to_string()) && !got.contains(&"ZC0101".to_string()));
    assert!(!got.contains(&"ZC1102".to_string()));
    assert_eq!(labels(at(text, "allow", 0)), ["allow"]);
    // Inside an ordinary comment nothing is offered.
    let plain = analysis(&[("a.zc", "// 说明\n")]);
    assert!(plain.completions(0, 5).is_empty());

    // Highlighting: the comment, its word and its code.
    let tokens: Vec<(&str, TokenKind)> = a
        .tokens(0)
        .iter()
        .filter(|t| {
            t.span.start >= at(text, "//", 0) && t.span.end <= at(text, "\n部门 省卫计委", 0)
        })
        .map(|t| (&text[t.span.start..t.span.end], t.kind))
        .collect();
    assert_eq!(
        tokens,
        [
            ("// zhengce: ", TokenKind::Comment),
            ("allow", TokenKind::Keyword),
            ("(", TokenKind::Comment),
            ("ZC0105", TokenKind::Code),
            (") 是两个机构", TokenKind::Comment),
        ]
    );

    let hover = a.hover(0, at(text, "0105", 0)).unwrap();
    assert_eq!(&text[hover.span.start..hover.span.end], "ZC0105");
    assert!(
        hover.markdown.starts_with("**ZC0105** 警告:")
            && hover.markdown.contains("允许了 1 处问题")
            && hover.markdown.contains("第 3 行 ZC0105"),
        "{}",
        hover.markdown
    );
}

#[test]
fn outline_folds_tokens_and_hints() {
    let a = analysis(&[("a.zc", PLAN)]);
    let outline = a.outline(0);
    let kinds: Vec<&str> = outline.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "文件",
            "部门",
            "部门",
            "部门类",
            "事实",
            "措施",
            "措施",
            "目标",
            "标准",
            "例"
        ]
    );
    assert!(a.folds(0).iter().any(|f| f.kind == FoldKind::Item));
    let tokens = a.tokens(0);
    let kind_of = |needle: &str| {
        let s = at(PLAN, needle, 0);
        tokens.iter().find(|t| t.span.start == s).map(|t| t.kind)
    };
    assert_eq!(kind_of("措施"), Some(TokenKind::Keyword));
    assert_eq!(kind_of("牵头"), Some(TokenKind::ClauseKey));
    assert_eq!(kind_of("232万人"), Some(TokenKind::Number));
    assert_eq!(kind_of("6月10日"), Some(TokenKind::Date));
    assert_eq!(
        kind_of("县扶贫办"),
        Some(TokenKind::Name(SymbolKind::Department))
    );
    let hints = a.inlay_hints(0, Span::new(0, PLAN.len()));
    let labels: Vec<&str> = hints.iter().map(|h| h.label.as_str()).collect();
    assert!(labels.contains(&"=2018年6月10日"), "{labels:?}");
    assert!(labels.contains(&"合计 232万人 ✓"), "{labels:?}");
}

#[test]
fn formatting_gives_one_edit_or_none() {
    let a = analysis(&[("a.zc", "部门  县扶贫办\n")]);
    let edit = a.format(0).unwrap().unwrap();
    assert_eq!(edit.new_text, "部门 县扶贫办\n");
    let a = analysis(&[("a.zc", "部门 县扶贫办\n")]);
    assert_eq!(a.format(0).unwrap(), None);
}

#[test]
fn a_check_after_an_edit_equals_a_check_from_scratch() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../policies");
    let mut sources: Vec<SourceFile> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "zc"))
        .map(|p| {
            SourceFile::new(
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    let options = CheckOptions::default();
    let mut workspace = crate::Workspace::new(options.clone());
    workspace.set_files(&sources);
    let first = workspace.analysis();
    // Edit one file: a number changed, a line broken.
    let mut edited = sources.clone();
    edited[3].text = edited[3]
        .text
        .replacen('5', "6", 3)
        .replacen("目标", "目 标", 1);
    workspace.set_files(&edited);
    let after = workspace.analysis();
    let fresh = Analysis::new(edited, &options);
    assert_eq!(after.diagnostics(), fresh.diagnostics());
    assert_eq!(after.output().files.len(), fresh.output().files.len());
    for (a, b) in after.output().files.iter().zip(&fresh.output().files) {
        assert_eq!(a.document, b.document, "{}", a.name);
    }
    assert_ne!(first.diagnostics(), fresh.diagnostics());
}

/// The analysis a `Workspace` gives after each edit (its parses and findings, nothing checked
/// again) answers as a fresh `Analysis::new` of the same texts: findings, their fixes, tokens,
/// outline, hover and completion.
#[test]
fn a_workspaces_analysis_is_a_fresh_ones() {
    let edits: [(&str, &str); 4] = [
        ("232万人", "227万人"),
        ("牵头：县扶贫办\n  期限：2018年底", "期限：2018年底"),
        ("2020年25万", "2020年2 {"),
        ("2020年2 {", "2020年25万"),
    ];
    let other = "文件《下级方案》 {\n  依据：《某县整改方案》\n}\n";
    let mut workspace = crate::Workspace::new(CheckOptions::default());
    let mut text = PLAN.to_string();
    for (from, to) in [("", "")].into_iter().chain(edits) {
        text = text.replacen(from, to, 1);
        let sources = vec![
            SourceFile::new("a.zc", &*text),
            SourceFile::new("b.zc", other),
        ];
        workspace.set_files(&sources);
        let kept = workspace.analysis();
        let fresh = Analysis::new(sources, &CheckOptions::default());
        assert_eq!(kept.diagnostics(), fresh.diagnostics(), "{text}");
        assert_eq!(kept.output().allowed, fresh.output().allowed);
        for d in fresh.diagnostics() {
            assert_eq!(kept.fixes_for(d), fresh.fixes_for(d), "{d:?}");
        }
        for file in 0..2 {
            assert_eq!(kept.tokens(file), fresh.tokens(file));
            assert_eq!(kept.outline(file), fresh.outline(file));
        }
        for offset in [
            at(&text, "县扶贫办", 1),
            at(&text, "万", 0),
            at(&text, "牵头", 0),
        ] {
            assert_eq!(kept.hover(0, offset), fresh.hover(0, offset), "{offset}");
            assert_eq!(
                kept.completions(0, offset),
                fresh.completions(0, offset),
                "{offset}"
            );
        }
    }
}
