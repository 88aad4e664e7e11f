//! Source text → AST. The only module that sees pest pairs; it also turns pest's errors into
//! Chinese diagnostics, recovers at the next top-level item to report several errors per file,
//! and bounds pathological input before pest sees it.

use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::grammar::{Rule, ZhengceParser};
use crate::lexical::{self, LexError};
use pest::iterators::Pair;
use pest::Parser;
use std::num::NonZeroUsize;
use zhengce_runtime::{Quantity, Scale, Unit, UnitAtom};

/// Limits that keep any input bounded in time and memory; each is reported with its value.
pub mod limits {
    /// Largest source file accepted, in bytes.
    pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
    /// Deepest nesting of braces, quotes and titles.
    pub const MAX_NESTING: usize = 64;
    /// Syntax errors reported per file before giving up.
    pub const MAX_SYNTAX_ERRORS: usize = 50;
    /// pest's call limit per parse: far above any real file (a 10 MB file needs about 10⁸).
    pub const PEST_CALL_LIMIT: usize = 2_000_000_000;
}

/// The result of parsing one file: the items that could be read, and every diagnostic.
#[derive(Debug)]
pub struct Parsed {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one policy file. `file` is the name diagnostics carry.
pub fn parse(source: &str, file: &str) -> Parsed {
    let mut lower = Lowerer {
        file,
        diags: Vec::new(),
    };
    let full = Span::new(0, source.len());
    if source.len() > limits::MAX_FILE_BYTES {
        lower.diags.push(
            Diagnostic::error(
                codes::FILE_TOO_LARGE,
                format!(
                    "文件过大:{} 字节,超过上限 {} 字节",
                    source.len(),
                    limits::MAX_FILE_BYTES
                ),
            )
            .primary(file, Span::new(0, 0), "文件从这里开始")
            .help("请把政策拆分为多个文件,放在同一目录中一起检查"),
        );
        return lower.finish(Vec::new(), full);
    }
    if let Some(d) = check_nesting(source, file) {
        lower.diags.push(d);
        return lower.finish(Vec::new(), full);
    }
    pest::set_call_limit(NonZeroUsize::new(limits::PEST_CALL_LIMIT));

    let mut items = Vec::new();
    let mut pos = 0;
    let mut errors = 0;
    while pos <= source.len() {
        let rest = &source[pos..];
        match ZhengceParser::parse(Rule::file, rest) {
            Ok(mut pairs) => {
                if let Some(file_pair) = pairs.next() {
                    lower.file_items(file_pair, pos, &mut items);
                }
                break;
            }
            Err(err) => {
                let at = pos + error_offset(&err);
                errors += 1;
                lower.diags.push(syntax_error(&err, source, pos, file));
                // Keep what parsed before the broken item.
                let chunk = top_level_start_at_or_before(source, at).max(pos);
                if chunk > pos {
                    if let Ok(mut pairs) = ZhengceParser::parse(Rule::file, &source[pos..chunk]) {
                        if let Some(file_pair) = pairs.next() {
                            lower.file_items(file_pair, pos, &mut items);
                        }
                    }
                }
                if errors >= limits::MAX_SYNTAX_ERRORS {
                    lower.diags.push(
                        Diagnostic::error(
                            codes::TOO_MANY_ERRORS,
                            format!(
                                "语法错误超过 {} 处,其余部分不再检查",
                                limits::MAX_SYNTAX_ERRORS
                            ),
                        )
                        .primary(file, Span::new(at, at), "在此停止"),
                    );
                    break;
                }
                match next_top_level_start(source, at) {
                    Some(next) => pos = next,
                    None => break,
                }
            }
        }
    }
    lower.finish(items, full)
}

fn error_offset(err: &pest::error::Error<Rule>) -> usize {
    match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

const TOP_LEVEL_KEYWORDS: &[&str] = &[
    "文件", "部门", "范围", "事实", "目标", "标准", "补助", "措施", "步骤", "考核", "例",
];

/// Whether the line starting at byte `i` starts a top-level item (keyword at column 0).
fn starts_top_level(source: &str, i: usize) -> bool {
    let line = &source[i..];
    TOP_LEVEL_KEYWORDS.iter().any(|k| line.starts_with(k))
}

fn line_starts(source: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        source
            .char_indices()
            .filter(|&(_, c)| c == '\n')
            .map(|(i, _)| i + 1),
    )
}

fn top_level_start_at_or_before(source: &str, at: usize) -> usize {
    line_starts(source)
        .take_while(|&i| i <= at)
        .filter(|&i| i < source.len() && starts_top_level(source, i))
        .last()
        .unwrap_or(0)
}

fn next_top_level_start(source: &str, at: usize) -> Option<usize> {
    line_starts(source).find(|&i| i > at && i < source.len() && starts_top_level(source, i))
}

/// Rejects nesting deeper than the limit before the recursive-descent parser sees it.
fn check_nesting(source: &str, file: &str) -> Option<Diagnostic> {
    let mut depth = 0usize;
    for (i, c) in source.char_indices() {
        match c {
            '{' | '｛' | '“' | '「' | '《' => {
                depth += 1;
                if depth > limits::MAX_NESTING {
                    return Some(
                        Diagnostic::error(
                            codes::NESTING_TOO_DEEP,
                            format!("嵌套层数超过上限 {} 层", limits::MAX_NESTING),
                        )
                        .primary(file, Span::new(i, i + c.len_utf8()), "这一层超出了上限")
                        .help("括号、引号或书名号可能没有闭合;真实政策的嵌套不会这么深"),
                    );
                }
            }
            '}' | '｝' | '”' | '」' | '》' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// What a grammar rule is called in the language's own words, for "此处应为…" messages.
fn rule_words(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        EOI => "文件结尾",
        file | item | statement => "条目或子句",
        block | tiers_block => "「{」",
        clause => "子句(如「值：」「牵头：」)",
        header_item => "文件头「文件《标题》{…}」",
        dept_item | kw_dept => "「部门」",
        dept_class_item | kw_dept_class => "「部门类」",
        scope_item | kw_scope => "「范围」",
        fact_item | kw_fact => "「事实」",
        target_item | kw_target => "「目标」",
        standard_item | kw_standard => "「标准」或「补助」",
        measure_item | kw_measure => "「措施」",
        schedule_item | kw_schedule => "「步骤」",
        phase_item | kw_phase => "「阶段」",
        assessment_item | kw_assessment => "「考核」",
        assess_entry_item | kw_assess_entry => "「项」",
        adjustment_item | kw_adjustment => "「调整」",
        tiers_item | kw_tiers => "「分档」",
        example_item | kw_example => "「例」",
        kw_header => "「文件」",
        kw_alias => "「又称」",
        tier_row | tier_cond => "分档条件(如「深度贫困县：…」)",
        tier_other => "「其他」",
        tier_interval => "数量区间",
        scope_size => "数量(如「9个县」)",
        list_attached => "「名单附后」",
        fact_type | fact_unit | fact_date => "事实的类型(单位、取值列表或「日期」)",
        points | sign => "分值(如「10分」「±5分」)",
        item_number => "编号",
        key_text | key_names | key_date | key_deadline | key_period | key_window | key_docnum
        | key_docrefs | key_quote | key_value | key_amount | key_quantity | key_year
        | key_breakdown | key_milestones | key_rate | key_condition | key_facts | key_expect => {
            "子句名称"
        }
        name | bare_name | quoted_name | quoted_inner | paren_group => "名称",
        name_list | open_list => "名称列表",
        text => "文字",
        quote | quote_body | corner_body | plain_body => "引文(“…”)",
        doc_title | title_body => "书名号标题《…》",
        doc_number | docnum_prefix => "文号(如「汨扶发〔2017〕14号」)",
        doc_ref_list | doc_ref | external => "文件引用《…》",
        number | scale => "数字",
        quantity => "数量(数字加单位,如「232万人」)",
        unit | unit_word => "单位(如 元、人、户、%)",
        per_prefix => "「每人」「每年」等",
        cmp_prefix | cmp_suffix => "比较词(如「不低于」「以上」)",
        aspire => "「力争」",
        bounded_qty | amount | qty_range | share | change | ratio_range | ratio => {
            "金额或数量(如「200元」「项目总投资的20%」「由3000元提高到5000元」)"
        }
        range_sep => "区间连接符(「-」「至」「~」)",
        change_verb => "「提高到」「降至」等",
        target_value | relative_value | coverage | coverage_word | qualitative | doubling => {
            "目标值(如「232万人」「较2015年提高20%」「全覆盖」)"
        }
        direction => "「提高」「降低」等",
        breakdown | breakdown_part => "分项(如「2016年50万」)",
        year_point | year_suffix => "年份(如「2016年」)",
        annual_rate | since => "年度数量(如「14万户，自2015年起」)",
        condition => "条件(如「服务人口1000人以下」)",
        fact_assignments | fact_assignment => "事实取值(如「县类别=深度贫困县」)",
        expect_value => "期望结果",
        year | year_word => "年份(如「2017年」)",
        month => "月份",
        day | day_only => "日",
        date | iso_date | month_part | year_part => "日期(如「2017年11月28日」「6月10日」)",
        deadline | ongoing | within_year | by_date | before => {
            "时限(如「6月10日前」「2019年底」「长期坚持」)"
        }
        window | window_range | window_since => "时间段(如「4月24日~5月1日」)",
        period | period_named | period_range | every_year => "期间(如「2017年至2020年」)",
        _ => return None,
    })
}

/// Turns a pest error into a Chinese diagnostic at the right characters.
fn syntax_error(
    err: &pest::error::Error<Rule>,
    source: &str,
    base: usize,
    file: &str,
) -> Diagnostic {
    let at = base + error_offset(err);
    let found = source[at..].chars().next();
    let span = match found {
        Some(c) if c != '\n' && c != '\r' => Span::new(at, at + c.len_utf8()),
        _ => Span::new(at, at),
    };
    let mut positives: Vec<Rule> = Vec::new();
    if let pest::error::ErrorVariant::ParsingError { positives: p, .. } = &err.variant {
        positives = p.clone();
    }
    let is_item_kind = |r: &Rule| {
        let name = format!("{r:?}");
        name.ends_with("_item") || (name.starts_with("kw_") && name != "kw_alias")
    };
    let item_kinds = positives.iter().filter(|r| is_item_kind(r)).count();
    let mut expected: Vec<&str> = Vec::new();
    if item_kinds >= 5 {
        expected.push("条目(如「目标」「措施」)");
    }
    for r in &positives {
        if item_kinds >= 5 && is_item_kind(r) {
            continue;
        }
        if let Some(w) = rule_words(*r) {
            if !expected.contains(&w) {
                expected.push(w);
            }
        }
    }
    if expected.len() > 1 {
        expected.retain(|w| *w != "文件结尾");
    }

    // The file ended inside a block: name the brace that was never closed.
    if found.is_none() {
        if let Some(open_at) = unclosed_brace(&source[..at]) {
            // Point at the end of the last line with text, which every renderer shows.
            let end = source[..at].trim_end().len();
            return Diagnostic::error(codes::SYNTAX, "文件在块结束前就结束了:缺少「}」")
                .primary(file, Span::new(end, end), "文件在这里结束")
                .secondary(
                    file,
                    Span::new(
                        open_at,
                        open_at + source[open_at..].chars().next().map_or(1, char::len_utf8),
                    ),
                    "这个「{」没有对应的「}」",
                )
                .help("在块的末尾补上「}」");
        }
    }

    // `名称：` with a name no clause has: say so, and suggest the nearest key.
    let line_rest = source[at..].split(['\n', '\r']).next().unwrap_or("");
    if let Some((key, _)) = line_rest.split_once(['：', ':']) {
        let key = key.trim();
        let looks_like_key = !key.is_empty()
            && key.chars().count() <= 8
            && !key
                .chars()
                .any(|c| c.is_whitespace() || "{}｛｝“”《》「」，,、".contains(c));
        if looks_like_key
            && canonical_key(key) == "?"
            && expected.iter().any(|w| w.starts_with("子句"))
        {
            let kspan = Span::new(at, at + key.len());
            let mut d = Diagnostic::error(codes::SYNTAX, format!("未知的子句名「{key}」")).primary(
                file,
                kspan,
                "没有这个子句",
            );
            if let Some(near) = nearest_key(key) {
                d = d.help(format!("是不是「{near}」?"));
            }
            return d;
        }
    }

    // A number followed by a word that is no unit (5头牛): name the word.
    if positives.contains(&Rule::unit) || positives.contains(&Rule::unit_word) {
        if let Some(c) = found.filter(|c| is_cjk_ideograph(*c)) {
            return Diagnostic::error(codes::UNKNOWN_UNIT, format!("未知单位「{c}」"))
                .primary(file, span, "不是可用的单位")
                .help(UNITS_HELP);
        }
    }

    let found_words = match found {
        None => "文件结尾".to_string(),
        Some('\n') | Some('\r') => "行尾".to_string(),
        Some(c) => format!("「{c}」"),
    };
    let message = if expected.is_empty() {
        format!("语法错误:此处不应出现{found_words}")
    } else {
        format!("语法错误:此处应为{},却是{found_words}", join_or(&expected))
    };
    let mut d = Diagnostic::error(codes::SYNTAX, message).primary(file, span, "在这里");
    if matches!(found, Some('}' | '｝')) {
        d = d.note("检查前面的「{」「“」「《」是否都已闭合");
    }
    if let Some(c) = found {
        if is_unknown_punctuation(c) {
            d = d.help(format!(
                "「{c}」不是本语言使用的标点;可用全角或半角的 ，：；（）"
            ));
        }
    }
    d
}

/// The byte offset of the last `{`/`｛` in `text` that has no matching close.
fn unclosed_brace(text: &str) -> Option<usize> {
    let mut stack = Vec::new();
    let mut quote_depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '“' => quote_depth += 1,
            '”' => quote_depth = quote_depth.saturating_sub(1),
            '{' | '｛' if quote_depth == 0 => stack.push(i),
            '}' | '｝' if quote_depth == 0 => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

fn nearest_key(key: &str) -> Option<&'static str> {
    let all = KNOWN_KEYS.iter().copied().chain([
        "发文机关",
        "成文日期",
        "施行",
        "牵头",
        "责任单位",
        "期限",
        "值",
        "求",
        "结果",
    ]);
    all.map(|k| (strsim::levenshtein(k, key), k))
        .filter(|(d, k)| *d <= (k.chars().count().max(2) / 2))
        .min()
        .map(|(_, k)| k)
}

fn is_cjk_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

const UNITS_HELP: &str = "可用单位:元、人、人次、户、个、家、村、县、乡镇、省、市、组、所、项、块、册、本、张、种、门、次、岁、公里、亩、平方米、平方公里、天、月(个月)、年、%、个百分点、分;单位写在数字后面,如「232万人」「200元/人/年」";

fn is_unknown_punctuation(c: char) -> bool {
    matches!(
        c,
        '【' | '】' | '[' | ']' | '『' | '』' | '‘' | '’' | '|' | '\\' | '^' | '`'
    )
}

fn join_or(words: &[&str]) -> String {
    match words.len() {
        0 => String::new(),
        1 => words[0].to_string(),
        n => format!("{}或{}", words[..n - 1].join("、"), words[n - 1]),
    }
}

/// A clause seen while lowering a block: its canonical key, its key span and its value.
struct ClauseRef<'i> {
    key: &'static str,
    key_span: Span,
    value: Pair<'i, Rule>,
}

enum Stmt<'i> {
    Clause(ClauseRef<'i>),
    Item(Pair<'i, Rule>),
}

/// Canonical clause keys: synonyms fold to one name, which messages and the formatter use.
fn canonical_key(key: &str) -> &'static str {
    match key {
        "发文机关" | "发文" => "发文机关",
        "成文日期" | "日期" => "成文日期",
        "施行" | "生效" => "施行",
        "牵头单位" | "牵头部门" | "牵头" => "牵头",
        "责任单位" | "责任部门" | "配合单位" | "配合" => "责任单位",
        "整改完成时限" | "整改时限" | "完成时限" | "时限" | "期限" => "期限",
        "目标值" | "值" => "值",
        "求" | "规则" => "求",
        "结果" | "应得" => "结果",
        other => KNOWN_KEYS
            .iter()
            .find(|k| **k == other)
            .copied()
            .unwrap_or("?"),
    }
}

const KNOWN_KEYS: &[&str] = &[
    "指标",
    "来源",
    "说明",
    "成员",
    "责任领导",
    "对象",
    "范围",
    "部门",
    "考核方案",
    "进度",
    "应办",
    "截至",
    "完成",
    "自",
    "期间",
    "发布日期",
    "有效期",
    "时间",
    "文号",
    "依据",
    "废止",
    "原文",
    "金额",
    "数量",
    "总分",
    "时长",
    "上限",
    "下限",
    "基期",
    "分年度",
    "分项",
    "实际",
    "累计",
    "节点",
    "每年",
    "条件",
    "已知",
    "得分",
];

struct Lowerer<'f> {
    file: &'f str,
    diags: Vec<Diagnostic>,
}

/// Offsets pest's slice-relative positions back into the whole file.
#[derive(Clone, Copy)]
struct Base(usize);

impl Base {
    fn span(self, p: &Pair<Rule>) -> Span {
        let s = p.as_span();
        Span::new(self.0 + s.start(), self.0 + s.end())
    }
}

impl<'f> Lowerer<'f> {
    fn finish(mut self, items: Vec<Item>, span: Span) -> Parsed {
        crate::diagnostic::sort_diagnostics(&mut self.diags);
        Parsed {
            document: Document { items, span },
            diagnostics: self.diags,
        }
    }

    fn file_items(&mut self, file_pair: Pair<Rule>, offset: usize, items: &mut Vec<Item>) {
        let base = Base(offset);
        let stmts = self.statements(file_pair, base);
        for stmt in stmts {
            match stmt {
                Stmt::Item(p) => {
                    if let Some(item) = self.top_item(p, base) {
                        items.push(item);
                    }
                }
                Stmt::Clause(c) if c.key == "部门" => {
                    // `部门：A、B、C` at top level registers several departments at once.
                    let list = self.name_list(c.value, base);
                    for name in list.names {
                        let span = name.span;
                        items.push(Item::Department(Department {
                            name,
                            aliases: Vec::new(),
                            span,
                        }));
                    }
                }
                Stmt::Clause(c) => self.misplaced(&c, "文件顶层", &["部门"]),
            }
        }
    }

    fn statements<'i>(&mut self, parent: Pair<'i, Rule>, base: Base) -> Vec<Stmt<'i>> {
        let mut out = Vec::new();
        for p in parent.into_inner() {
            match p.as_rule() {
                Rule::clause => {
                    let mut inner = p.into_inner();
                    let (Some(key), Some(value)) = (inner.next(), inner.next()) else {
                        continue;
                    };
                    out.push(Stmt::Clause(ClauseRef {
                        key: canonical_key(key.as_str()),
                        key_span: base.span(&key),
                        value,
                    }));
                }
                Rule::EOI => {}
                _ => out.push(Stmt::Item(p)),
            }
        }
        out
    }

    fn top_item(&mut self, p: Pair<Rule>, base: Base) -> Option<Item> {
        match p.as_rule() {
            Rule::header_item => Some(Item::Header(self.header(p, base))),
            Rule::dept_item => Some(Item::Department(self.department(p, base))),
            Rule::dept_class_item => Some(Item::DepartmentClass(self.department_class(p, base))),
            Rule::scope_item => Some(Item::Scope(self.scope(p, base))),
            Rule::fact_item => self.fact(p, base).map(Item::Fact),
            Rule::target_item => Some(Item::Target(self.target(p, base))),
            Rule::standard_item => Some(Item::Standard(self.standard(p, base))),
            Rule::measure_item => Some(Item::Measure(self.measure(p, base))),
            Rule::schedule_item => Some(Item::Schedule(self.schedule(p, base))),
            Rule::assessment_item => Some(Item::Assessment(self.assessment(p, base))),
            Rule::example_item => Some(Item::Example(self.example(p, base))),
            _ => {
                self.misplaced_item(&p, base, "文件顶层");
                None
            }
        }
    }

    // ───────────── diagnostics helpers ─────────────

    fn lex_error(&mut self, span: Span, e: LexError) {
        let code = if e.message.contains("单位") {
            codes::UNKNOWN_UNIT
        } else if e.message.contains("范围") {
            codes::NUMBER_OVERFLOW
        } else {
            codes::BAD_NUMERAL
        };
        let mut d = Diagnostic::error(code, e.message).primary(self.file, span, "无法识别");
        if let Some(h) = e.help {
            d = d.help(h);
        }
        self.diags.push(d);
    }

    fn misplaced(&mut self, c: &ClauseRef, place: &str, allowed: &[&str]) {
        let mut d = Diagnostic::error(
            codes::MISPLACED_CLAUSE,
            format!("「{}」不能用在{place}中", c.key),
        )
        .primary(self.file, c.key_span, "这里不适用");
        if !allowed.is_empty() {
            d = d.help(format!("{place}可用的子句:{}", allowed.join("、")));
        }
        self.diags.push(d);
    }

    fn misplaced_item(&mut self, p: &Pair<Rule>, base: Base, place: &str) {
        let kw = p
            .clone()
            .into_inner()
            .next()
            .map(|k| k.as_str().to_string())
            .unwrap_or_default();
        let span = p
            .clone()
            .into_inner()
            .next()
            .map(|k| base.span(&k))
            .unwrap_or_else(|| base.span(p));
        self.diags.push(
            Diagnostic::error(
                codes::MISPLACED_CLAUSE,
                format!("「{kw}」不能用在{place}中"),
            )
            .primary(self.file, span, "这里不适用"),
        );
    }

    /// Records a clause, reporting a duplicate instead of silently keeping either.
    fn once<T>(&mut self, slot: &mut Option<(T, Span)>, c: &ClauseRef, value: Option<T>) {
        let Some(v) = value else { return };
        if let Some((_, first)) = slot {
            let first = *first;
            self.diags.push(
                Diagnostic::error(codes::DUPLICATE_CLAUSE, format!("「{}」重复出现", c.key))
                    .primary(self.file, c.key_span, "第二次出现")
                    .secondary(self.file, first, "第一次出现")
                    .help("每个条目中此子句只能写一次;如需多个值,请用「、」分隔写在一处"),
            );
            return;
        }
        *slot = Some((v, c.key_span));
    }

    // ───────────── items ─────────────

    fn header(&mut self, p: Pair<Rule>, base: Base) -> Header {
        let span = base.span(&p);
        let mut inner = p.into_inner();
        let _kw = inner.next();
        let title = inner
            .next()
            .map(|t| self.doc_title(t, base))
            .unwrap_or_else(|| Text {
                text: String::new(),
                span,
            });
        let mut issuer = None;
        let mut date = None;
        let mut number = None;
        let mut effective = None;
        let mut effective_on_issue = false;
        let mut published = None;
        let mut source = None;
        let mut period = None;
        let mut basis = Vec::new();
        let mut repeals = Vec::new();
        let mut quotes = Vec::new();
        let stmts = inner
            .next()
            .map(|b| self.statements(b, base))
            .unwrap_or_default();
        for s in stmts {
            match s {
                Stmt::Clause(c) => match c.key {
                    "发文机关" => {
                        let v = Some(self.name_list(c.value.clone(), base));
                        self.once(&mut issuer, &c, v)
                    }
                    "成文日期" => {
                        let v = self.date(c.value.clone(), base);
                        self.once(&mut date, &c, v)
                    }
                    "发布日期" => {
                        let v = self.date(c.value.clone(), base);
                        self.once(&mut published, &c, v)
                    }
                    "文号" => {
                        let v = Some(self.text_of(&c.value, base));
                        self.once(&mut number, &c, v)
                    }
                    "施行" if c.value.as_rule() == Rule::on_issue => effective_on_issue = true,
                    "施行" => {
                        let v = self.date(c.value.clone(), base);
                        self.once(&mut effective, &c, v)
                    }
                    "来源" => {
                        let v = Some(self.text_of(&c.value, base));
                        self.once(&mut source, &c, v)
                    }
                    "期间" => {
                        let v = self.period(c.value.clone(), base);
                        self.once(&mut period, &c, v)
                    }
                    "依据" => basis.extend(self.doc_refs(c.value, base)),
                    "废止" => repeals.extend(self.doc_refs(c.value, base)),
                    "原文" => quotes.push(self.quote(c.value, base)),
                    "说明" => {}
                    _ => self.misplaced(
                        &c,
                        "文件头",
                        &[
                            "发文机关",
                            "成文日期",
                            "发布日期",
                            "文号",
                            "依据",
                            "施行",
                            "废止",
                            "来源",
                            "期间",
                            "原文",
                        ],
                    ),
                },
                Stmt::Item(i) => self.misplaced_item(&i, base, "文件头"),
            }
        }
        Header {
            title,
            issuer: issuer.map(|x| x.0),
            date: date.map(|x| x.0),
            number: number.map(|x| x.0),
            basis,
            effective: effective.map(|x| x.0),
            effective_on_issue,
            published: published.map(|x| x.0),
            repeals,
            source: source.map(|x| x.0),
            period: period.map(|x| x.0),
            quotes,
            span,
        }
    }

    fn department(&mut self, p: Pair<Rule>, base: Base) -> Department {
        let span = base.span(&p);
        let mut name = None;
        let mut aliases = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::name_list => aliases = self.name_list(c, base).names,
                _ => {}
            }
        }
        Department {
            name: name.unwrap_or_else(|| empty_name(span)),
            aliases,
            span,
        }
    }

    fn department_class(&mut self, p: Pair<Rule>, base: Base) -> DepartmentClass {
        let span = base.span(&p);
        let mut name = None;
        let mut aliases = Vec::new();
        let mut members = None;
        let mut after_alias = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::kw_alias => after_alias = true,
                Rule::name_list if after_alias => {
                    aliases = self.name_list(c, base).names;
                    after_alias = false;
                }
                Rule::name_list => members = Some(self.name_list(c, base)),
                _ => {}
            }
        }
        DepartmentClass {
            name: name.unwrap_or_else(|| empty_name(span)),
            aliases,
            members,
            span,
        }
    }

    fn scope(&mut self, p: Pair<Rule>, base: Base) -> Scope {
        let span = base.span(&p);
        let mut name = None;
        let mut count = None;
        let mut also = Vec::new();
        let mut members = None;
        let mut list_attached = false;
        let mut quotes = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::scope_size => {
                    for s in c.into_inner() {
                        match s.as_rule() {
                            Rule::quantity if count.is_none() => count = self.quantity(s, base),
                            Rule::quantity => also.extend(self.quantity(s, base)),
                            Rule::list_attached => list_attached = true,
                            _ => {}
                        }
                    }
                }
                Rule::block => {
                    for s in self.statements(c, base) {
                        match s {
                            Stmt::Clause(c) => match c.key {
                                "成员" => {
                                    let v = Some(self.name_list(c.value.clone(), base));
                                    let mut slot =
                                        members.take().map(|m: NameList| (m, c.key_span));
                                    self.once(&mut slot, &c, v);
                                    members = slot.map(|x| x.0);
                                }
                                "数量" => {
                                    if let Some(first) = &count {
                                        self.diags.push(
                                            Diagnostic::error(
                                                codes::DUPLICATE_CLAUSE,
                                                "范围的数量写了两次",
                                            )
                                            .primary(self.file, c.key_span, "第二次")
                                            .secondary(self.file, first.span, "第一次")
                                            .help("只保留一处数量"),
                                        );
                                    } else {
                                        count = self.quantity(c.value, base);
                                    }
                                }
                                "原文" => quotes.push(self.quote(c.value, base)),
                                "说明" => {}
                                _ => self.misplaced(&c, "范围", &["成员", "数量", "原文", "说明"]),
                            },
                            Stmt::Item(i) => self.misplaced_item(&i, base, "范围"),
                        }
                    }
                }
                _ => {}
            }
        }
        Scope {
            name: name.unwrap_or_else(|| empty_name(span)),
            count,
            also,
            members,
            list_attached,
            quotes,
            span,
        }
    }

    fn fact(&mut self, p: Pair<Rule>, base: Base) -> Option<FactDecl> {
        let span = base.span(&p);
        let mut name = None;
        let mut ty = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::fact_type => {
                    let Some(t) = c.into_inner().next() else {
                        continue;
                    };
                    let tspan = base.span(&t);
                    ty = match t.as_rule() {
                        Rule::fact_date => Some(FactType::Date { span: tspan }),
                        Rule::fact_unit => match lexical::parse_scaled_unit(t.as_str()) {
                            Ok((scale, unit)) => Some(FactType::Quantity {
                                scale,
                                unit,
                                span: tspan,
                            }),
                            Err(e) => {
                                self.lex_error(tspan, e);
                                None
                            }
                        },
                        _ => Some(FactType::Category {
                            values: self.name_list(t, base),
                        }),
                    };
                }
                _ => {}
            }
        }
        Some(FactDecl {
            name: name?,
            ty: ty?,
            span,
        })
    }

    fn duties_clause(&mut self, c: &ClauseRef, base: Base, duties: &mut Duties) -> bool {
        let slot = match c.key {
            "牵头" => &mut duties.lead,
            "责任单位" => &mut duties.responsible,
            "责任领导" => &mut duties.leaders,
            _ => return false,
        };
        let list = self.name_list(c.value.clone(), base);
        match slot {
            Some(existing) => {
                // 牵头 written twice (e.g. two lines) accumulates, as the documents do.
                existing.span = existing.span.to(list.span);
                existing.open |= list.open;
                existing.names.extend(list.names);
            }
            None => *slot = Some(list),
        }
        true
    }

    fn target(&mut self, p: Pair<Rule>, base: Base) -> Target {
        let span = base.span(&p);
        let mut inner = p.into_inner();
        let keyword = inner
            .next()
            .map(|k| k.as_str().to_string())
            .unwrap_or_default();
        let name = inner
            .next()
            .map(|n| self.name(n, base))
            .unwrap_or_else(|| empty_name(span));
        let mut t = Target {
            keyword,
            name,
            metric: None,
            value: None,
            deadline: None,
            period: None,
            base_year: None,
            breakdown: None,
            milestones: None,
            levels: None,
            rate: None,
            scope: None,
            duties: Duties::default(),
            quotes: Vec::new(),
            span,
        };
        let stmts = inner
            .next()
            .map(|b| self.statements(b, base))
            .unwrap_or_default();
        let (mut metric, mut value, mut deadline, mut base_year) = (None, None, None, None);
        let (mut breakdown, mut milestones, mut rate, mut scope) = (None, None, None, None);
        let mut levels = None;
        let mut period = None;
        for s in stmts {
            let Stmt::Clause(c) = s else {
                if let Stmt::Item(i) = s {
                    self.misplaced_item(&i, base, "目标");
                }
                continue;
            };
            if self.duties_clause(&c, base, &mut t.duties) {
                continue;
            }
            match c.key {
                "指标" => {
                    let v = Some(self.text_of(&c.value, base));
                    self.once(&mut metric, &c, v)
                }
                "值" => {
                    let v = self.target_value(c.value.clone(), base);
                    self.once(&mut value, &c, v)
                }
                "期限" => {
                    let v = self.deadline(c.value.clone(), base);
                    self.once(&mut deadline, &c, v)
                }
                "基期" => {
                    let v = self.year_word(c.value.clone(), base);
                    self.once(&mut base_year, &c, v)
                }
                "分年度" | "分项" => {
                    let v = self.breakdown(c.value.clone(), base);
                    self.once(&mut breakdown, &c, v)
                }
                "累计" => {
                    let v = self.breakdown(c.value.clone(), base);
                    self.once(&mut milestones, &c, v)
                }
                "节点" => {
                    let v = self.breakdown(c.value.clone(), base);
                    self.once(&mut levels, &c, v)
                }
                "期间" => {
                    let v = self.period(c.value.clone(), base);
                    self.once(&mut period, &c, v)
                }
                "每年" => {
                    let v = self.annual_rate(c.value.clone(), base);
                    self.once(&mut rate, &c, v)
                }
                "范围" => {
                    let v = Some(self.name_list(c.value.clone(), base));
                    self.once(&mut scope, &c, v)
                }
                "原文" => t.quotes.push(self.quote(c.value, base)),
                "说明" => {}
                _ => self.misplaced(
                    &c,
                    "目标",
                    &[
                        "指标",
                        "值",
                        "期限",
                        "期间",
                        "基期",
                        "分年度",
                        "分项",
                        "累计",
                        "节点",
                        "每年",
                        "范围",
                        "牵头",
                        "责任单位",
                        "原文",
                        "说明",
                    ],
                ),
            }
        }
        t.metric = metric.map(|x| x.0);
        t.value = value.map(|x| x.0);
        t.deadline = deadline.map(|x| x.0);
        t.base_year = base_year.map(|x| x.0);
        t.breakdown = breakdown.map(|x| x.0);
        t.milestones = milestones.map(|x| x.0);
        t.levels = levels.map(|x| x.0);
        t.period = period.map(|x| x.0);
        t.rate = rate.map(|x| x.0);
        t.scope = scope.map(|x| x.0);
        t
    }

    fn standard(&mut self, p: Pair<Rule>, base: Base) -> Standard {
        let span = base.span(&p);
        let mut inner = p.into_inner();
        let keyword = inner
            .next()
            .map(|k| k.as_str().to_string())
            .unwrap_or_default();
        let name = inner
            .next()
            .map(|n| self.name(n, base))
            .unwrap_or_else(|| empty_name(span));
        let mut s = Standard {
            keyword,
            name,
            beneficiary: None,
            amount: None,
            tiers: None,
            conditions: Vec::new(),
            floor: None,
            cap: None,
            validity: None,
            since: None,
            scope: None,
            duties: Duties::default(),
            quotes: Vec::new(),
            span,
        };
        let stmts = inner
            .next()
            .map(|b| self.statements(b, base))
            .unwrap_or_default();
        let (mut beneficiary, mut amount, mut tiers) = (None, None, None);
        let (mut floor, mut cap, mut validity, mut since, mut scope) =
            (None, None, None, None, None);
        for st in stmts {
            match st {
                Stmt::Item(i) if i.as_rule() == Rule::tiers_item => {
                    let key_span = i
                        .clone()
                        .into_inner()
                        .next()
                        .map(|k| base.span(&k))
                        .unwrap_or(span);
                    let v = self.tiers(i, base);
                    if let Some((_, first)) = &tiers {
                        self.diags.push(
                            Diagnostic::error(codes::DUPLICATE_CLAUSE, "「分档」重复出现")
                                .primary(self.file, key_span, "第二次出现")
                                .secondary(self.file, *first, "第一次出现"),
                        );
                    } else {
                        tiers = Some((v, key_span));
                    }
                }
                Stmt::Item(i) => self.misplaced_item(&i, base, "标准"),
                Stmt::Clause(c) => {
                    if self.duties_clause(&c, base, &mut s.duties) {
                        continue;
                    }
                    match c.key {
                        "对象" => {
                            let v = Some(self.name_list(c.value.clone(), base));
                            self.once(&mut beneficiary, &c, v)
                        }
                        "金额" => {
                            let v = self.amount(c.value.clone(), base);
                            self.once(&mut amount, &c, v)
                        }
                        // A standard that is not money (每月不少于20天, 最多不超过5户) states a 值.
                        "值" => {
                            let v = match self.target_value(c.value.clone(), base) {
                                Some(TargetValue::Amount(a)) => Some(a),
                                Some(_) => {
                                    self.diags.push(
                                        Diagnostic::error(
                                            codes::MISPLACED_CLAUSE,
                                            "标准的「值」应为数量或金额",
                                        )
                                        .primary(self.file, c.key_span, "这里")
                                        .help("相对变化(提高、下调)或「全覆盖」请写成「目标」"),
                                    );
                                    None
                                }
                                None => None,
                            };
                            self.once(&mut amount, &c, v)
                        }
                        "条件" => {
                            if let Some(cond) = self.condition(c.value, base) {
                                s.conditions.push(cond);
                            }
                        }
                        "下限" => {
                            let v = self.quantity(c.value.clone(), base);
                            self.once(&mut floor, &c, v)
                        }
                        "上限" => {
                            let v = self.quantity(c.value.clone(), base);
                            self.once(&mut cap, &c, v)
                        }
                        "有效期" | "期间" => {
                            let v = self.period(c.value.clone(), base);
                            self.once(&mut validity, &c, v)
                        }
                        "自" => {
                            let v = self.date(c.value.clone(), base);
                            self.once(&mut since, &c, v)
                        }
                        "范围" => {
                            let v = Some(self.name_list(c.value.clone(), base));
                            self.once(&mut scope, &c, v)
                        }
                        "原文" => s.quotes.push(self.quote(c.value, base)),
                        "说明" => {}
                        _ => self.misplaced(
                            &c,
                            "标准",
                            &[
                                "对象",
                                "金额",
                                "值",
                                "分档",
                                "条件",
                                "下限",
                                "上限",
                                "有效期",
                                "自",
                                "范围",
                                "牵头",
                                "责任单位",
                                "原文",
                                "说明",
                            ],
                        ),
                    }
                }
            }
        }
        s.beneficiary = beneficiary.map(|x| x.0);
        s.amount = amount.map(|x| x.0);
        s.tiers = tiers.map(|x| x.0);
        s.floor = floor.map(|x| x.0);
        s.cap = cap.map(|x| x.0);
        s.validity = validity.map(|x| x.0);
        s.since = since.map(|x| x.0);
        s.scope = scope.map(|x| x.0);
        s
    }

    fn tiers(&mut self, p: Pair<Rule>, base: Base) -> Tiers {
        let span = base.span(&p);
        let mut by = None;
        let mut rows = Vec::new();
        let mut quotes = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => by = Some(self.name(c, base)),
                Rule::tiers_block => {
                    for r in c.into_inner() {
                        match r.as_rule() {
                            Rule::tier_row => {
                                let rspan = base.span(&r);
                                let mut it = r.into_inner();
                                let (Some(cond), Some(amt)) = (it.next(), it.next()) else {
                                    continue;
                                };
                                let when = self.tier_case(cond, base);
                                let amount = self.amount(amt, base);
                                if let (Some(when), Some(amount)) = (when, amount) {
                                    rows.push(Tier {
                                        when,
                                        amount,
                                        span: rspan,
                                    });
                                }
                            }
                            Rule::clause => {
                                let mut it = r.clone().into_inner();
                                let (Some(key), Some(value)) = (it.next(), it.next()) else {
                                    continue;
                                };
                                let c = ClauseRef {
                                    key: canonical_key(key.as_str()),
                                    key_span: base.span(&key),
                                    value,
                                };
                                match c.key {
                                    "原文" => quotes.push(self.quote(c.value, base)),
                                    "说明" => {}
                                    _ => self.misplaced(&c, "分档", &["原文", "说明"]),
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        Tiers {
            by: by.unwrap_or_else(|| empty_name(span)),
            rows,
            quotes,
            span,
        }
    }

    fn tier_case(&mut self, p: Pair<Rule>, base: Base) -> Option<TierCase> {
        // tier_cond wraps one of its alternatives; condition passes the alternative directly.
        let p = if p.as_rule() == Rule::tier_cond {
            p.into_inner().next()?
        } else {
            p
        };
        match p.as_rule() {
            Rule::tier_other => Some(TierCase::Otherwise {
                span: base.span(&p),
            }),
            Rule::tier_interval => {
                let inner = p.into_inner().next()?;
                Some(TierCase::Interval {
                    interval: self.amount_alt(inner, base)?,
                })
            }
            Rule::name_list => Some(TierCase::Values {
                values: self.name_list(p, base),
            }),
            _ => None,
        }
    }

    fn condition(&mut self, p: Pair<Rule>, base: Base) -> Option<Condition> {
        let span = base.span(&p);
        let mut it = p.into_inner();
        let fact = self.name(it.next()?, base);
        let test = self.tier_case(it.next()?, base)?;
        Some(Condition { fact, test, span })
    }

    fn measure(&mut self, p: Pair<Rule>, base: Base) -> Measure {
        let span = base.span(&p);
        let mut m = Measure {
            number: None,
            name: empty_name(span),
            duties: Duties::default(),
            deadline: None,
            completed: None,
            scope: None,
            children: Vec::new(),
            targets: Vec::new(),
            standards: Vec::new(),
            quotes: Vec::new(),
            span,
        };
        let mut block = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::item_number => m.number = Some(self.text_of(&c, base)),
                Rule::name => m.name = self.name(c, base),
                Rule::block => block = Some(c),
                _ => {}
            }
        }
        let stmts = block.map(|b| self.statements(b, base)).unwrap_or_default();
        let (mut deadline, mut completed, mut scope) = (None, None, None);
        for s in stmts {
            match s {
                Stmt::Item(i) => match i.as_rule() {
                    Rule::measure_item => m.children.push(self.measure(i, base)),
                    Rule::target_item => m.targets.push(self.target(i, base)),
                    Rule::standard_item => m.standards.push(self.standard(i, base)),
                    _ => self.misplaced_item(&i, base, "措施"),
                },
                Stmt::Clause(c) => {
                    if self.duties_clause(&c, base, &mut m.duties) {
                        continue;
                    }
                    match c.key {
                        "期限" => {
                            let v = self.deadline(c.value.clone(), base);
                            self.once(&mut deadline, &c, v)
                        }
                        "完成" => {
                            let v = self.date(c.value.clone(), base);
                            self.once(&mut completed, &c, v)
                        }
                        "范围" => {
                            let v = Some(self.name_list(c.value.clone(), base));
                            self.once(&mut scope, &c, v)
                        }
                        "原文" => m.quotes.push(self.quote(c.value, base)),
                        "说明" => {}
                        _ => self.misplaced(
                            &c,
                            "措施",
                            &[
                                "牵头",
                                "责任单位",
                                "责任领导",
                                "期限",
                                "完成",
                                "范围",
                                "原文",
                                "说明",
                            ],
                        ),
                    }
                }
            }
        }
        m.deadline = deadline.map(|x| x.0);
        m.completed = completed.map(|x| x.0);
        m.scope = scope.map(|x| x.0);
        m
    }

    fn schedule(&mut self, p: Pair<Rule>, base: Base) -> Schedule {
        let span = base.span(&p);
        let mut inner = p.into_inner();
        let _kw = inner.next();
        let name = inner
            .next()
            .map(|n| self.name(n, base))
            .unwrap_or_else(|| empty_name(span));
        let mut sched = Schedule {
            name,
            length: None,
            phases: Vec::new(),
            measures: Vec::new(),
            quotes: Vec::new(),
            span,
        };
        let stmts = inner
            .next()
            .map(|b| self.statements(b, base))
            .unwrap_or_default();
        let mut length = None;
        for s in stmts {
            match s {
                Stmt::Item(i) => match i.as_rule() {
                    Rule::phase_item => {
                        if let Some(ph) = self.phase(i, base) {
                            sched.phases.push(ph);
                        }
                    }
                    Rule::measure_item => sched.measures.push(self.measure(i, base)),
                    _ => self.misplaced_item(&i, base, "步骤"),
                },
                Stmt::Clause(c) => match c.key {
                    "时长" => {
                        let v = self.quantity(c.value.clone(), base);
                        self.once(&mut length, &c, v)
                    }
                    "原文" => sched.quotes.push(self.quote(c.value, base)),
                    "说明" => {}
                    _ => self.misplaced(&c, "步骤", &["时长", "阶段", "措施", "原文", "说明"]),
                },
            }
        }
        sched.length = length.map(|x| x.0);
        sched
    }

    fn phase(&mut self, p: Pair<Rule>, base: Base) -> Option<Phase> {
        let span = base.span(&p);
        let mut name = None;
        let mut window = None;
        let mut window_written = false;
        let mut measures = Vec::new();
        let mut quotes = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::window => {
                    window_written = true;
                    window = self.window(c, base);
                }
                Rule::block => {
                    for s in self.statements(c, base) {
                        match s {
                            Stmt::Item(i) if i.as_rule() == Rule::measure_item => {
                                measures.push(self.measure(i, base))
                            }
                            Stmt::Item(i) => self.misplaced_item(&i, base, "阶段"),
                            Stmt::Clause(c) => match c.key {
                                "时间" => {
                                    window_written = true;
                                    let v = self.window(c.value.clone(), base);
                                    let mut slot = window.take().map(|w| (w, c.key_span));
                                    self.once(&mut slot, &c, v);
                                    window = slot.map(|x| x.0);
                                }
                                "原文" => quotes.push(self.quote(c.value, base)),
                                "说明" => {}
                                _ => self.misplaced(&c, "阶段", &["时间", "措施", "原文", "说明"]),
                            },
                        }
                    }
                }
                _ => {}
            }
        }
        let name = name.unwrap_or_else(|| empty_name(span));
        let Some(window) = window else {
            if window_written {
                // The window was written but is invalid; that has been reported already.
                return None;
            }
            self.diags.push(
                Diagnostic::error(
                    codes::MISSING_CLAUSE,
                    format!("阶段「{}」缺少时间", name.text),
                )
                .primary(self.file, name.span, "这个阶段没有起止日期")
                .help("写作「阶段 名称：4月24日~5月1日」或在块中写「时间：…」"),
            );
            return None;
        };
        Some(Phase {
            name,
            window,
            measures,
            quotes,
            span,
        })
    }

    fn assessment(&mut self, p: Pair<Rule>, base: Base) -> Assessment {
        let span = base.span(&p);
        let mut inner = p.into_inner();
        let _kw = inner.next();
        let name = inner
            .next()
            .map(|n| self.name(n, base))
            .unwrap_or_else(|| empty_name(span));
        let mut a = Assessment {
            name,
            total: None,
            entries: Vec::new(),
            adjustments: Vec::new(),
            quotes: Vec::new(),
            span,
        };
        let stmts = inner
            .next()
            .map(|b| self.statements(b, base))
            .unwrap_or_default();
        let mut total = None;
        for s in stmts {
            match s {
                Stmt::Item(i) => match i.as_rule() {
                    Rule::assess_entry_item => a.entries.push(self.assess_entry(i, base)),
                    Rule::adjustment_item => {
                        if let Some(adj) = self.adjustment(i, base) {
                            a.adjustments.push(adj);
                        }
                    }
                    _ => self.misplaced_item(&i, base, "考核"),
                },
                Stmt::Clause(c) => match c.key {
                    "总分" => {
                        let v = self.quantity(c.value.clone(), base);
                        self.once(&mut total, &c, v)
                    }
                    "原文" => a.quotes.push(self.quote(c.value, base)),
                    "说明" => {}
                    _ => self.misplaced(&c, "考核", &["总分", "项", "调整", "原文", "说明"]),
                },
            }
        }
        a.total = total.map(|x| x.0);
        a
    }

    fn assess_entry(&mut self, p: Pair<Rule>, base: Base) -> AssessEntry {
        let span = base.span(&p);
        let mut e = AssessEntry {
            number: None,
            name: empty_name(span),
            points: None,
            children: Vec::new(),
            quotes: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::item_number => e.number = Some(self.text_of(&c, base)),
                Rule::name => e.name = self.name(c, base),
                Rule::points => e.points = self.points(c, base).map(|(q, _)| q),
                Rule::block => {
                    for s in self.statements(c, base) {
                        match s {
                            Stmt::Item(i) if i.as_rule() == Rule::assess_entry_item => {
                                e.children.push(self.assess_entry(i, base))
                            }
                            Stmt::Item(i) => self.misplaced_item(&i, base, "考核项"),
                            Stmt::Clause(c) => match c.key {
                                "原文" => e.quotes.push(self.quote(c.value, base)),
                                "说明" => {}
                                _ => self.misplaced(&c, "考核项", &["项", "原文", "说明"]),
                            },
                        }
                    }
                }
                _ => {}
            }
        }
        e
    }

    fn adjustment(&mut self, p: Pair<Rule>, base: Base) -> Option<Adjustment> {
        let span = base.span(&p);
        let mut name = None;
        let mut points = None;
        let mut quotes = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => name = Some(self.name(c, base)),
                Rule::points => points = self.points(c, base),
                Rule::block => {
                    for s in self.statements(c, base) {
                        match s {
                            Stmt::Clause(c) if c.key == "原文" => {
                                quotes.push(self.quote(c.value, base))
                            }
                            Stmt::Clause(c) if c.key == "说明" => {}
                            Stmt::Clause(c) => self.misplaced(&c, "调整项", &["原文", "说明"]),
                            Stmt::Item(i) => self.misplaced_item(&i, base, "调整项"),
                        }
                    }
                }
                _ => {}
            }
        }
        let (points, both_ways) = points?;
        Some(Adjustment {
            name: name.unwrap_or_else(|| empty_name(span)),
            points,
            both_ways,
            quotes,
            span,
        })
    }

    fn example(&mut self, p: Pair<Rule>, base: Base) -> Example {
        let span = base.span(&p);
        let mut inner = p.into_inner();
        let _kw = inner.next();
        let name = inner
            .next()
            .map(|n| self.name(n, base))
            .unwrap_or_else(|| empty_name(span));
        let stmts = inner
            .next()
            .map(|b| self.statements(b, base))
            .unwrap_or_default();
        let (mut rule, mut scheme, mut target, mut as_of, mut dept) =
            (None, None, None, None, None);
        let (mut actual, mut expect) = (None, None);
        let mut given = Vec::new();
        let mut quotes = Vec::new();
        let mut due_names: Option<(NameList, Span)> = None;
        for s in stmts {
            match s {
                Stmt::Item(i) => self.misplaced_item(&i, base, "例"),
                Stmt::Clause(c) => match c.key {
                    "求" => {
                        let v = self.single_name(c.value.clone(), base);
                        self.once(&mut rule, &c, v)
                    }
                    "考核方案" => {
                        let v = self.single_name(c.value.clone(), base);
                        self.once(&mut scheme, &c, v)
                    }
                    "进度" => {
                        let v = self.single_name(c.value.clone(), base);
                        self.once(&mut target, &c, v)
                    }
                    "截至" => {
                        let v = self.date(c.value.clone(), base);
                        self.once(&mut as_of, &c, v)
                    }
                    "部门" => {
                        let v = self.single_name(c.value.clone(), base);
                        self.once(&mut dept, &c, v)
                    }
                    "实际" => {
                        let v = self.breakdown(c.value.clone(), base);
                        self.once(&mut actual, &c, v)
                    }
                    "已知" | "得分" => given.extend(self.fact_values(c.value, base)),
                    "结果" => {
                        let v = self.expectation(c.value.clone(), base);
                        self.once(&mut expect, &c, v)
                    }
                    "应办" => {
                        let v = Some(self.name_list(c.value.clone(), base));
                        self.once(&mut due_names, &c, v)
                    }
                    "原文" => quotes.push(self.quote(c.value, base)),
                    "说明" => {}
                    _ => self.misplaced(
                        &c,
                        "例",
                        &[
                            "求",
                            "考核方案",
                            "进度",
                            "截至",
                            "部门",
                            "已知",
                            "得分",
                            "实际",
                            "结果",
                            "应办",
                            "原文",
                            "说明",
                        ],
                    ),
                },
            }
        }
        // One question per example: 截至 may only accompany 进度 (as its date).
        let mut asked: Vec<Span> = [&rule, &scheme, &target]
            .iter()
            .filter_map(|q| q.as_ref().map(|(_, s)| *s))
            .collect();
        if target.is_none() {
            asked.extend(as_of.as_ref().map(|(_, s)| *s));
        }
        if asked.len() > 1 {
            asked.sort();
            let mut d = Diagnostic::error(
                codes::MISPLACED_CLAUSE,
                format!("例「{}」同时提出了 {} 个问题", name.text, asked.len()),
            )
            .primary(self.file, asked[1], "第二个问题")
            .secondary(self.file, asked[0], "第一个问题")
            .help("每个例只验证一个问题:「求」「考核方案」「进度」或「截至」;请拆成两个例");
            for extra in &asked[2..] {
                d = d.secondary(self.file, *extra, "又一个问题");
            }
            self.diags.push(d);
        }
        let expect = expect
            .map(|x| x.0)
            .or(due_names.map(|(n, _)| Expectation::Names(n)));
        let query = if let Some((rule, _)) = rule {
            ExampleQuery::Eval { rule }
        } else if let Some((scheme, _)) = scheme {
            ExampleQuery::Score { scheme }
        } else if let Some((target, _)) = target {
            let actual = actual.map(|x| x.0).unwrap_or(Breakdown {
                parts: Vec::new(),
                span,
            });
            ExampleQuery::Progress {
                target,
                actual,
                as_of: as_of.map(|x| x.0),
            }
        } else if let Some((as_of, _)) = as_of {
            ExampleQuery::Due {
                as_of,
                department: dept.map(|x| x.0),
            }
        } else {
            self.diags.push(
                Diagnostic::error(
                    codes::MISSING_CLAUSE,
                    format!("例「{}」没有说明要验证什么", name.text),
                )
                .primary(self.file, name.span, "缺少问题")
                .help("用「求：规则名」「考核方案：名称」「进度：目标名」或「截至：日期」之一"),
            );
            ExampleQuery::Eval {
                rule: empty_name(span),
            }
        };
        Example {
            name,
            query,
            given,
            expect,
            quotes,
            span,
        }
    }

    // ───────────── values ─────────────

    fn name(&mut self, p: Pair<Rule>, base: Base) -> Name {
        let span = base.span(&p);
        let inner = p.into_inner().next();
        match inner {
            Some(q) if q.as_rule() == Rule::quoted_name => {
                let text = q
                    .into_inner()
                    .next()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default();
                Name {
                    text,
                    span,
                    quoted: true,
                }
            }
            Some(b) => Name {
                text: normalize_name(b.as_str()),
                span,
                quoted: false,
            },
            None => empty_name(span),
        }
    }

    fn single_name(&mut self, p: Pair<Rule>, base: Base) -> Option<Name> {
        let list = self.name_list(p, base);
        list.names.into_iter().next()
    }

    fn name_list(&mut self, p: Pair<Rule>, base: Base) -> NameList {
        let span = base.span(&p);
        let mut names = Vec::new();
        let mut open = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => names.push(self.name(c, base)),
                Rule::open_list => open = true,
                _ => {}
            }
        }
        NameList { names, open, span }
    }

    fn text_of(&mut self, p: &Pair<Rule>, base: Base) -> Text {
        let raw = p.as_str();
        let trimmed = raw.trim_end_matches(['。', ' ', '\t', '\u{3000}']);
        let s = base.span(p);
        Text {
            text: trimmed.to_string(),
            span: Span::new(s.start, s.start + trimmed.len()),
        }
    }

    fn quote(&mut self, p: Pair<Rule>, base: Base) -> Text {
        match p.clone().into_inner().next() {
            Some(body) => Text {
                text: body.as_str().to_string(),
                span: base.span(&body),
            },
            None => self.text_of(&p, base),
        }
    }

    fn doc_title(&mut self, p: Pair<Rule>, base: Base) -> Text {
        match p.clone().into_inner().next() {
            Some(body) => Text {
                text: body.as_str().to_string(),
                span: base.span(&body),
            },
            None => self.text_of(&p, base),
        }
    }

    fn doc_refs(&mut self, p: Pair<Rule>, base: Base) -> Vec<DocRef> {
        let mut out = Vec::new();
        for r in p.into_inner() {
            let span = base.span(&r);
            let mut title = None;
            let mut number = None;
            let mut date = None;
            let mut external = false;
            for c in r.into_inner() {
                match c.as_rule() {
                    Rule::external => external = true,
                    Rule::doc_title => title = Some(self.doc_title(c, base)),
                    Rule::doc_number => number = Some(self.text_of(&c, base)),
                    Rule::date => date = self.date(c, base),
                    _ => {}
                }
            }
            if let Some(title) = title {
                out.push(DocRef {
                    title,
                    number,
                    date,
                    external,
                    span,
                });
            }
        }
        out
    }

    fn number(&mut self, p: &Pair<Rule>, base: Base) -> Option<lexical::Numeral> {
        match lexical::parse_numeral(p.as_str()) {
            Ok(n) => Some(n),
            Err(e) => {
                self.lex_error(base.span(p), e);
                None
            }
        }
    }

    fn quantity(&mut self, p: Pair<Rule>, base: Base) -> Option<QuantityLit> {
        let span = base.span(&p);
        let mut negative = false;
        let mut numeral = None;
        let mut unit = None;
        let mut ok = true;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::sign => negative = matches!(c.as_str(), "-" | "－"),
                Rule::number => {
                    numeral = self.number(&c, base);
                    ok &= numeral.is_some();
                }
                Rule::unit => match lexical::parse_unit(c.as_str()) {
                    Ok(u) => unit = Some(u),
                    Err(e) => {
                        self.lex_error(base.span(&c), e);
                        ok = false;
                    }
                },
                _ => {}
            }
        }
        let n = numeral.filter(|_| ok)?;
        if n.percent {
            if unit.is_some() {
                self.diags.push(
                    Diagnostic::error(codes::UNKNOWN_UNIT, "「百分之…」后不能再写单位")
                        .primary(self.file, span, "这里"),
                );
                return None;
            }
            unit = Some(Unit::of(UnitAtom::Percent));
        }
        let value = if negative { -n.value } else { n.value };
        Some(QuantityLit {
            quantity: Quantity {
                value,
                unit,
                scale: n.scale,
            },
            span,
        })
    }

    /// 10分 / ±5分. Returns the quantity and whether it was ±.
    fn points(&mut self, p: Pair<Rule>, base: Base) -> Option<(QuantityLit, bool)> {
        let both = p.as_str().starts_with('±');
        let span = base.span(&p);
        let mut numeral = None;
        let mut unit = None;
        let mut negative = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::sign => negative = matches!(c.as_str(), "-" | "－"),
                Rule::number => numeral = self.number(&c, base),
                Rule::unit => match lexical::parse_unit(c.as_str()) {
                    Ok(u) => unit = Some(u),
                    Err(e) => self.lex_error(base.span(&c), e),
                },
                _ => {}
            }
        }
        let n = numeral?;
        let value = if negative { -n.value } else { n.value };
        Some((
            QuantityLit {
                quantity: Quantity {
                    value,
                    unit,
                    scale: n.scale,
                },
                span,
            },
            both,
        ))
    }

    fn year_word(&mut self, p: Pair<Rule>, base: Base) -> Option<YearLit> {
        let span = base.span(&p);
        let y = p.into_inner().find(|c| c.as_rule() == Rule::year)?;
        self.year(&y, base).map(|year| YearLit { year, span })
    }

    fn year(&mut self, p: &Pair<Rule>, base: Base) -> Option<i32> {
        match lexical::parse_year(p.as_str()) {
            Ok(y) => Some(y),
            Err(e) => {
                self.lex_error(base.span(p), e);
                None
            }
        }
    }

    fn amount(&mut self, p: Pair<Rule>, base: Base) -> Option<Amount> {
        let inner = p.into_inner().next()?;
        self.amount_alt(inner, base)
    }

    /// Lowers one alternative of `amount` (also used by intervals and rates).
    fn amount_alt(&mut self, p: Pair<Rule>, base: Base) -> Option<Amount> {
        let span = base.span(&p);
        match p.as_rule() {
            Rule::bounded_qty => {
                let mut per = Vec::new();
                let mut prefix = None;
                let mut suffix = None;
                let mut quantity = None;
                let mut aspirational = false;
                let mut approximate = false;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::aspire => {
                            aspirational = c.as_str() == "力争";
                            approximate = c.as_str() == "约";
                        }
                        Rule::per_prefix => per.push(c),
                        Rule::cmp_prefix => prefix = Some(c),
                        Rule::cmp_suffix => suffix = Some(c),
                        Rule::quantity => quantity = self.quantity(c, base),
                        _ => {}
                    }
                }
                let mut quantity = quantity?;
                if !per.is_empty() {
                    self.apply_per(&mut quantity, &per, base)?;
                }
                let (comparator, comparator_span) = match (prefix, suffix) {
                    (Some(pre), Some(suf)) => {
                        let a = comparator_word(pre.as_str());
                        let b = comparator_word(suf.as_str());
                        // 超过2%以上 says "above" twice (strict and inclusive): redundant, not
                        // contradictory. Only a floor against a cap is a contradiction.
                        if bound_side(a) != bound_side(b) && b != Comparator::About {
                            self.diags.push(
                                Diagnostic::error(
                                    codes::CONFLICTING_COMPARATORS,
                                    format!(
                                        "「{}」与「{}」的比较方向相互矛盾",
                                        pre.as_str(),
                                        suf.as_str()
                                    ),
                                )
                                .primary(self.file, base.span(&pre), "前面说的方向")
                                .secondary(
                                    self.file,
                                    base.span(&suf),
                                    "后面说的方向",
                                ),
                            );
                        }
                        (a, Some(base.span(&pre)))
                    }
                    (Some(pre), None) => (comparator_word(pre.as_str()), Some(base.span(&pre))),
                    (None, Some(suf)) => (comparator_word(suf.as_str()), Some(base.span(&suf))),
                    (None, None) if approximate => (Comparator::About, None),
                    (None, None) => (Comparator::Eq, None),
                };
                Some(Amount::Bounded {
                    comparator,
                    comparator_span,
                    quantity,
                    aspirational,
                    span,
                })
            }
            Rule::qty_range => {
                let mut per = Vec::new();
                let mut qs = Vec::new();
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::per_prefix => per.push(c),
                        Rule::quantity => qs.push(self.quantity(c, base)),
                        _ => {}
                    }
                }
                let high = qs.pop()??;
                let mut low = qs.pop()??;
                let mut high = high;
                if low.quantity.unit.is_none() {
                    // 5-10个百分点: the low end takes the high end's unit.
                    low.quantity.unit = high.quantity.unit.clone();
                }
                if !per.is_empty() {
                    self.apply_per(&mut low, &per, base)?;
                    self.apply_per(&mut high, &per, base)?;
                }
                Some(Amount::Range { low, high, span })
            }
            Rule::ratio_range => {
                let mut ratios = Vec::new();
                for r in p.into_inner() {
                    if r.as_rule() == Rule::ratio {
                        let rspan = base.span(&r);
                        let mut nums = Vec::new();
                        for n in r.into_inner() {
                            let nspan = base.span(&n);
                            let v = self.number(&n, base)?;
                            nums.push(QuantityLit {
                                quantity: Quantity::new(v.value, None),
                                span: nspan,
                            });
                        }
                        let right = nums.pop()?;
                        let left = nums.pop()?;
                        ratios.push(Ratio {
                            left,
                            right,
                            span: rspan,
                        });
                    }
                }
                let high = ratios.pop()?;
                let low = ratios.pop()?;
                Some(Amount::RatioRange { low, high, span })
            }
            Rule::share => {
                let mut base_name = None;
                let mut rate = None;
                let mut comparator = Comparator::Eq;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::name => base_name = Some(self.name(c, base)),
                        Rule::quantity => rate = self.quantity(c, base),
                        Rule::cmp_prefix | Rule::cmp_suffix => {
                            comparator = comparator_word(c.as_str())
                        }
                        _ => {}
                    }
                }
                Some(Amount::Share {
                    base: base_name?,
                    rate: rate?,
                    comparator,
                    span,
                })
            }
            Rule::change => {
                let mut pers: Vec<Vec<Pair<Rule>>> = vec![Vec::new()];
                let mut qs = Vec::new();
                let mut verb = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::per_prefix => pers.last_mut()?.push(c),
                        Rule::quantity => {
                            qs.push(self.quantity(c, base));
                            pers.push(Vec::new());
                        }
                        Rule::change_verb => verb = Some(c),
                        _ => {}
                    }
                }
                let verb = verb?;
                let mut to = qs.pop()??;
                let mut from = qs.pop()??;
                let from_per = std::mem::take(&mut pers[0]);
                let to_per = std::mem::take(&mut pers[1]);
                if !from_per.is_empty() {
                    self.apply_per(&mut from, &from_per, base)?;
                }
                if !to_per.is_empty() {
                    self.apply_per(&mut to, &to_per, base)?;
                }
                let direction =
                    if verb.as_str().starts_with('降') || verb.as_str().starts_with("下调") {
                        Direction::Down
                    } else {
                        Direction::Up
                    };
                Some(Amount::Change {
                    from,
                    to,
                    direction,
                    verb: self.text_of(&verb, base),
                    span,
                })
            }
            _ => None,
        }
    }

    /// 每人每年 200元 → 200 元/人/年.
    fn apply_per(&mut self, q: &mut QuantityLit, per: &[Pair<Rule>], base: Base) -> Option<()> {
        let Some(unit) = q.quantity.unit.as_mut() else {
            self.diags.push(
                Diagnostic::error(codes::UNKNOWN_UNIT, "「每…」后的数量缺少单位").primary(
                    self.file,
                    q.span,
                    "这里需要单位,如「200元」",
                ),
            );
            return None;
        };
        for p in per {
            let word = p.as_str().trim_start_matches('每');
            match lexical::parse_unit(word) {
                Ok(u) => unit.per.push(u.atom),
                Err(e) => {
                    self.lex_error(base.span(p), e);
                    return None;
                }
            }
        }
        // 每年每人 and 每人每年 are one rate: keep the per-units in one order.
        unit.per.sort();
        Some(())
    }

    fn target_value(&mut self, p: Pair<Rule>, base: Base) -> Option<TargetValue> {
        let inner = p.into_inner().next()?;
        let span = base.span(&inner);
        match inner.as_rule() {
            Rule::amount => self.amount(inner, base).map(TargetValue::Amount),
            Rule::coverage => Some(TargetValue::Coverage {
                aspirational: inner.as_str().starts_with("力争"),
                span,
            }),
            Rule::doubling => Some(TargetValue::Relative {
                base_year: None,
                direction: Direction::Up,
                change: Box::new(doubling_amount(span)),
                span,
            }),
            Rule::qualitative => {
                let mut comparator = Comparator::Eq;
                let mut reference = None;
                let mut aspirational = false;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::aspire => aspirational = c.as_str() == "力争",
                        Rule::cmp_prefix => comparator = comparator_word(c.as_str()),
                        Rule::name => reference = Some(self.name(c, base)),
                        _ => {}
                    }
                }
                Some(TargetValue::Qualitative {
                    comparator,
                    reference: reference?,
                    aspirational,
                    span,
                })
            }
            Rule::relative_value => {
                let mut base_year = None;
                let mut direction = Direction::Up;
                let mut change = None;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::year_word => base_year = self.year_word(c, base),
                        Rule::direction => {
                            direction = if matches!(c.as_str(), "降低" | "下降" | "减少" | "下调")
                            {
                                Direction::Down
                            } else {
                                Direction::Up
                            }
                        }
                        Rule::doubling => change = Some(doubling_amount(base.span(&c))),
                        Rule::bounded_qty | Rule::qty_range => change = self.amount_alt(c, base),
                        _ => {}
                    }
                }
                Some(TargetValue::Relative {
                    base_year,
                    direction,
                    change: Box::new(change?),
                    span,
                })
            }
            _ => None,
        }
    }

    fn breakdown(&mut self, p: Pair<Rule>, base: Base) -> Option<Breakdown> {
        let span = base.span(&p);
        let mut parts = Vec::new();
        for part in p.into_inner() {
            let pspan = base.span(&part);
            let mut key = None;
            let mut quantity = None;
            for c in part.into_inner() {
                match c.as_rule() {
                    Rule::year_point => {
                        let kspan = base.span(&c);
                        let mut year = None;
                        let mut suffix = None;
                        for y in c.into_inner() {
                            match y.as_rule() {
                                Rule::year => year = self.year(&y, base),
                                Rule::year_suffix => suffix = Some(y.as_str().to_string()),
                                _ => {}
                            }
                        }
                        key = year.map(|year| PartKey::Year {
                            year,
                            suffix,
                            span: kspan,
                        });
                    }
                    Rule::name => key = Some(PartKey::Name(self.name(c, base))),
                    Rule::quantity => quantity = self.quantity(c, base),
                    _ => {}
                }
            }
            if let (Some(key), Some(quantity)) = (key, quantity) {
                parts.push(BreakdownPart {
                    key,
                    quantity,
                    span: pspan,
                });
            }
        }
        Some(Breakdown { parts, span })
    }

    fn annual_rate(&mut self, p: Pair<Rule>, base: Base) -> Option<AnnualRate> {
        let span = base.span(&p);
        let mut amount = None;
        let mut from_year = None;
        let mut to_year = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::bounded_qty => amount = self.amount_alt(c, base),
                Rule::since => {
                    from_year = c
                        .into_inner()
                        .find(|y| y.as_rule() == Rule::year_word)
                        .and_then(|y| self.year_word(y, base))
                }
                Rule::period => {
                    if let Some(per) = self.period(c, base) {
                        from_year = Some(YearLit {
                            year: per.from_year,
                            span: per.span,
                        });
                        to_year = Some(YearLit {
                            year: per.to_year,
                            span: per.span,
                        });
                    }
                }
                _ => {}
            }
        }
        Some(AnnualRate {
            amount: amount?,
            from_year,
            to_year,
            span,
        })
    }

    fn fact_values(&mut self, p: Pair<Rule>, base: Base) -> Vec<FactValue> {
        let mut out = Vec::new();
        for a in p.into_inner() {
            let span = base.span(&a);
            let mut it = a.into_inner();
            let (Some(n), Some(v)) = (it.next(), it.next()) else {
                continue;
            };
            let name = self.name(n, base);
            let value = match v.as_rule() {
                Rule::date => self.date(v, base).map(FactLiteral::Date),
                Rule::quantity => self.quantity(v, base).map(FactLiteral::Quantity),
                _ => Some(FactLiteral::Name(self.name(v, base))),
            };
            if let Some(value) = value {
                out.push(FactValue { name, value, span });
            }
        }
        out
    }

    fn expectation(&mut self, p: Pair<Rule>, base: Base) -> Option<Expectation> {
        let inner = p.into_inner().next()?;
        match inner.as_rule() {
            Rule::date => self.date(inner, base).map(Expectation::Date),
            Rule::amount => self.amount(inner, base).map(Expectation::Amount),
            _ => Some(Expectation::Names(self.name_list(inner, base))),
        }
    }

    // ───────────── dates ─────────────

    fn date(&mut self, p: Pair<Rule>, base: Base) -> Option<DateExpr> {
        let span = base.span(&p);
        if p.as_rule() == Rule::on_issue {
            self.diags.push(
                Diagnostic::error(codes::MISPLACED_CLAUSE, "「印发之日」只能用于「施行」")
                    .primary(self.file, span, "这里需要具体日期")
                    .help("写出具体日期,如「2017年4月23日」"),
            );
            return None;
        }
        let mut d = DateExpr {
            year: None,
            month: None,
            day: None,
            part: None,
            this_month: false,
            span,
        };
        let mut ok = true;
        let mut visit = |c: Pair<Rule>, this: &mut Self, d: &mut DateExpr| match c.as_rule() {
            Rule::year => {
                d.year = this.year(&c, base);
                ok &= d.year.is_some();
            }
            Rule::month => match lexical::parse_small(c.as_str()) {
                Ok(m) => d.month = Some(m),
                Err(e) => {
                    this.lex_error(base.span(&c), e);
                    ok = false;
                }
            },
            Rule::day => match lexical::parse_small(c.as_str()) {
                Ok(x) => d.day = Some(x),
                Err(e) => {
                    this.lex_error(base.span(&c), e);
                    ok = false;
                }
            },
            Rule::this_month => d.this_month = true,
            Rule::month_part | Rule::year_part => {
                d.part = Some(match c.as_str() {
                    "初" => DatePart::Start,
                    "上旬" => DatePart::EarlyMonth,
                    "中旬" => DatePart::MidMonth,
                    "下旬" => DatePart::LateMonth,
                    _ => DatePart::End,
                })
            }
            _ => {}
        };
        for c in p.into_inner() {
            if matches!(c.as_rule(), Rule::iso_date | Rule::day_only) {
                for cc in c.into_inner() {
                    visit(cc, self, &mut d);
                }
            } else {
                visit(c, self, &mut d);
            }
        }
        if !ok {
            return None;
        }
        self.validate_date(&d)?;
        Some(d)
    }

    /// Rejects dates no calendar has (2月30日, 13月); a date without year is checked against a
    /// leap year so that 2月29日 passes until its year is known.
    fn validate_date(&mut self, d: &DateExpr) -> Option<()> {
        if let Some(m) = d.month {
            if !(1..=12).contains(&m) {
                self.diags.push(
                    Diagnostic::error(codes::IMPOSSIBLE_DATE, format!("日期中的月份 {m} 不存在"))
                        .primary(self.file, d.span, "月份应在 1 到 12 之间"),
                );
                return None;
            }
            if let Some(day) = d.day {
                let year = d.year.unwrap_or(2000);
                if zhengce_runtime::CivilDate::from_ymd(year, m, day).is_none() {
                    let shown = match d.year {
                        Some(y) => format!("{y}年{m}月{day}日"),
                        None => format!("{m}月{day}日"),
                    };
                    self.diags.push(
                        Diagnostic::error(codes::IMPOSSIBLE_DATE, format!("日期「{shown}」不存在"))
                            .primary(self.file, d.span, "日历上没有这一天"),
                    );
                    return None;
                }
            }
        } else if let Some(day) = d.day {
            if !(1..=31).contains(&day) {
                self.diags.push(
                    Diagnostic::error(codes::IMPOSSIBLE_DATE, format!("日期中的日 {day} 不存在"))
                        .primary(self.file, d.span, "日应在 1 到 31 之间"),
                );
                return None;
            }
        }
        Some(())
    }

    fn deadline(&mut self, p: Pair<Rule>, base: Base) -> Option<Deadline> {
        let inner = p.into_inner().next()?;
        let span = base.span(&inner);
        match inner.as_rule() {
            Rule::ongoing => Some(Deadline::Ongoing {
                text: inner.as_str().to_string(),
                span,
            }),
            Rule::within_year => Some(Deadline::WithinYear { span }),
            Rule::by_event => {
                let q = inner
                    .into_inner()
                    .find(|c| c.as_rule() == Rule::quoted_name)?;
                let nspan = base.span(&q);
                let text = q
                    .into_inner()
                    .next()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default();
                Some(Deadline::Event {
                    event: Name {
                        text,
                        span: nspan,
                        quoted: true,
                    },
                    span,
                })
            }
            Rule::by_date => {
                let mut date = None;
                let mut before = false;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::date => date = self.date(c, base),
                        Rule::before => before = true,
                        _ => {}
                    }
                }
                Some(Deadline::By {
                    date: date?,
                    before,
                    span,
                })
            }
            _ => None,
        }
    }

    fn window(&mut self, p: Pair<Rule>, base: Base) -> Option<Window> {
        let inner = p.into_inner().next()?;
        let span = base.span(&inner);
        let mut dates = Vec::new();
        for c in inner.into_inner() {
            if c.as_rule() == Rule::date {
                dates.push(self.date(c, base));
            }
        }
        let mut it = dates.into_iter();
        let start = it.next()??;
        let end = match it.next() {
            Some(e) => {
                let mut e = e?;
                // 6月10日至15日: the end inherits the start's month (and year).
                if e.month.is_none() {
                    e.month = start.month;
                }
                if e.year.is_none() {
                    e.year = start.year;
                }
                self.validate_date(&e)?;
                Some(e)
            }
            None => None,
        };
        Some(Window { start, end, span })
    }

    fn period(&mut self, p: Pair<Rule>, base: Base) -> Option<Period> {
        let inner = p.into_inner().next()?;
        let span = base.span(&inner);
        match inner.as_rule() {
            // 十三五: the 13th five-year plan, 2016 to 2020.
            Rule::period_named => Some(Period {
                from_year: 2016,
                to_year: 2020,
                every_year: false,
                span,
            }),
            _ => {
                let mut years = Vec::new();
                let mut every_year = false;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::year => years.push(self.year(&c, base)?),
                        Rule::every_year => every_year = true,
                        _ => {}
                    }
                }
                let (&from_year, &to_year) = (years.first()?, years.get(1)?);
                Some(Period {
                    from_year,
                    to_year,
                    every_year,
                    span,
                })
            }
        }
    }
}

/// Which side a comparator bounds: floors (≥, >) and caps (≤, <) contradict each other.
fn bound_side(c: Comparator) -> i8 {
    match c {
        Comparator::AtLeast | Comparator::Above => 1,
        Comparator::AtMost | Comparator::Below => -1,
        Comparator::Eq | Comparator::About => 0,
    }
}

fn doubling_amount(span: Span) -> Amount {
    Amount::Bounded {
        comparator: Comparator::Eq,
        comparator_span: None,
        quantity: QuantityLit {
            quantity: Quantity {
                value: rust_decimal::Decimal::ONE_HUNDRED,
                unit: Some(Unit::of(UnitAtom::Percent)),
                scale: Scale::One,
            },
            span,
        },
        aspirational: false,
        span,
    }
}

fn empty_name(span: Span) -> Name {
    Name {
        text: String::new(),
        span: Span::new(span.start, span.start),
        quoted: false,
    }
}

/// Folds full-width parentheses in names so （市、区） and (市、区) name the same body.
fn normalize_name(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect()
}

/// The comparator a word denotes (民法典 第一千二百五十九条: 以上/以下/以内 include the number).
fn comparator_word(w: &str) -> Comparator {
    match w {
        "不低于" | "不少于" | "不小于" | "至少" | "最少" | "达到" | "以上" | "及以上" | "≥" => {
            Comparator::AtLeast
        }
        "高于" | "多于" | "超过" | "大于" | ">" | "＞" => Comparator::Above,
        "不高于" | "不超过" | "不多于" | "不大于" | "最多" | "最多不超过" | "以下" | "及以下"
        | "以内" | "之内" | "内" | "≤" => Comparator::AtMost,
        "低于" | "少于" | "小于" | "<" | "＜" => Comparator::Below,
        "左右" | "近" | "接近" => Comparator::About,
        _ => Comparator::Eq,
    }
}
