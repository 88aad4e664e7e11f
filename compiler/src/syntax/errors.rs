//! pest errors in the language's own words: what was expected, at the right characters.

use super::error_offset;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::grammar::Rule;
use crate::vocabulary::{self, Key};

/// What a grammar rule is called in the language's own words, for "此处应为…" messages.
pub(super) fn rule_words(rule: Rule) -> Option<&'static str> {
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
pub(super) fn syntax_error(
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

    // The file ended inside a block: a date cut short says so first (2017年1 at the end of a
    // truncated file), then the brace that was never closed is named.
    if found.is_none() {
        if let Some(d) = incomplete_date(source, at, &expected, file) {
            return with_truncation_note(d, source, at);
        }
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

    if let Some(c) = found {
        if let Some(d) = bracket_error(c, source, at, span, file) {
            return d;
        }
        // 措施 ，，、、。: a name cannot start with punctuation.
        if let Some(d) = punctuation_name(c, source, at, &expected, file) {
            return d;
        }
        // 原文：确保脱贫”: the closing mark is there, the opening one is missing.
        if let Some(d) = quote_without_opener(source, at, &positives, file) {
            return d;
        }
        // 文号：汨扶发〔2017: the bracket around the year is not closed.
        if let Some(d) = unclosed_document_number(source, at, &expected, file) {
            return with_truncation_note(d, source, at);
        }
        // 3万万户: 万 and 亿 do not repeat.
        if matches!(c, '万' | '亿') && matches!(source[..at].chars().next_back(), Some('万' | '亿'))
        {
            let prev = source[..at].chars().next_back().unwrap_or(c);
            return Diagnostic::error(
                codes::BAD_NUMERAL,
                format!("数字中的「{prev}」后面不能再接「{c}」"),
            )
            .primary(file, span, "多余的数位")
            .help("「万万」请写作「亿」,「万亿」之后不能再接「万」「亿」;如 3亿、2.5万亿");
        }
        // 十三月: a Chinese month (or day) the calendar does not have.
        if let Some(d) = impossible_chinese_date(c, source, at, file) {
            return with_truncation_note(d, source, at);
        }
        // 232.: a decimal point with no digits after it.
        if let Some(d) = point_without_digits(c, source, at, file) {
            return with_truncation_note(d, source, at);
        }
        // 0年, 99999年: a year that is not four digits.
        if let Some(d) = year_not_four_digits(source, at, &expected, file) {
            return d;
        }
        // 2017年1 / 2017-0: a date cut short.
        if let Some(d) = incomplete_date(source, at, &expected, file) {
            return with_truncation_note(d, source, at);
        }
        // 6月　10日前: 6月 is a date of its own, so the parse stops after the space; name the
        // space.
        if let Some(d) = space_inside_date(c, source, at, file) {
            return d;
        }
        // 9月中下旬, 春节前, 每月10日前: a way of writing a date the language does not read.
        if let Some(d) = unaccepted_date_form(source, at, &expected, file) {
            return d;
        }
        // 20%元: a percentage takes no unit after it.
        if is_cjk_ideograph(c) && matches!(source[..at].chars().next_back(), Some('%' | '％')) {
            return Diagnostic::error(
                codes::UNKNOWN_UNIT,
                format!("百分数后面不能再写单位「{c}」"),
            )
            .primary(file, span, "多余的单位")
            .help("百分数本身带 % 单位;金额请写成「项目总投资的20%」或「200元」");
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
            && Key::from_word(key).is_none()
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
            if let Some(d) = unit_with_extra_words(source, at, file) {
                return d;
            }
            return Diagnostic::error(codes::UNKNOWN_UNIT, format!("未知单位「{c}」"))
                .primary(file, span, "不是可用的单位")
                .help(units_help());
        }
    }

    let found_words = match found {
        None => "文件结尾".to_string(),
        Some('\n') | Some('\r') => "行尾".to_string(),
        Some(c) => describe_char(c),
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
    if d.help.is_none() {
        if let Some(help) = likely_cause(source, at, &positives) {
            d = d.help(help);
        }
    }
    with_truncation_note(d, source, at)
}

/// The file ends inside a block after `at`: it may have been cut off; say so.
fn with_truncation_note(mut d: Diagnostic, source: &str, at: usize) -> Diagnostic {
    if !source[at..].contains(['\n', '\r']) {
        if let Some(open_at) = unclosed_brace(source) {
            let (line, _) = crate::position::line_col(source, open_at);
            d = d.note(format!(
                "第 {line} 行的「{{」到文件结尾都没有对应的「}}」:文件可能不完整"
            ));
        }
    }
    d
}

/// Punctuation that ends a bare name, and so cannot start one (brackets and quotes have
/// messages of their own, and 「：」「{」 after a keyword mean the name is missing).
const NAME_PUNCTUATION: &str = "，,、。；;／/～~%％±＝=<>≤≥";

/// 措施 ，，、、。 / 措施 、扶贫 where only a name may stand: a bare name cannot start with
/// punctuation. Say so, and how to write a name that does contain it.
fn punctuation_name(
    c: char,
    source: &str,
    at: usize,
    expected: &[&str],
    file: &str,
) -> Option<Diagnostic> {
    let names_only = expected.iter().any(|w| w.starts_with("名称"))
        && expected
            .iter()
            .all(|w| matches!(*w, "名称" | "名称列表" | "编号"));
    if !names_only || !NAME_PUNCTUATION.contains(c) {
        return None;
    }
    let len: usize = source[at..]
        .chars()
        .take_while(|c| {
            !c.is_whitespace() && !matches!(c, '{' | '｛' | '}' | '｝' | '：' | ':' | '「' | '“')
        })
        .map(char::len_utf8)
        .sum();
    let word = &source[at..at + len];
    // 牵头：。 is a name left out, not one written with punctuation.
    if word.chars().all(|c| matches!(c, '。' | '；' | ';')) {
        return None;
    }
    if super::values::only_punctuation(word) {
        return Some(
            Diagnostic::error(codes::SYNTAX, format!("名称「{word}」只有标点符号"))
                .primary(file, Span::new(at, at + len), "这里应是名称")
                .help(format!(
                    "名称须含有文字,不能以标点开头;标点确是名称的一部分时,用「」把整个名称引起来,如「{word}」"
                )),
        );
    }
    Some(
        Diagnostic::error(codes::SYNTAX, format!("名称不能以标点「{c}」开头"))
            .primary(file, Span::new(at, at + c.len_utf8()), "名称以标点开头")
            .help(format!(
                "删去「{c}」;标点确是名称的一部分时,用「」把整个名称引起来,如「{word}」"
            )),
    )
}

/// 原文：确保脱贫” where a quote is expected: the quote has its closing mark but not the opening
/// one. Point at the closing mark, and say where the opening one goes.
fn quote_without_opener(
    source: &str,
    at: usize,
    positives: &[Rule],
    file: &str,
) -> Option<Diagnostic> {
    if !positives.contains(&Rule::quote) {
        return None;
    }
    let rest = source[at..].split(['\n', '\r']).next().unwrap_or("");
    let (offset, close) = rest
        .char_indices()
        .find(|(_, c)| matches!(c, '”' | '」' | '"'))?;
    let open = match close {
        '”' => '“',
        '」' => '「',
        _ => '"',
    };
    let content = &rest[..offset];
    if content.is_empty() || content.contains(open) {
        return None;
    }
    // The closing mark ends the clause: nothing but its end may follow.
    let after = rest[offset + close.len_utf8()..].trim_start_matches([' ', '\t', '\u{3000}']);
    if !(after.is_empty()
        || after.starts_with(['；', ';', '。', '}', '｝'])
        || after.starts_with("//"))
    {
        return None;
    }
    let close_at = at + offset;
    let line_start = source[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let key = source[line_start..at].trim();
    let shown = if content.chars().count() <= 20 {
        content
    } else {
        "……"
    };
    let first = content.chars().next()?;
    Some(
        Diagnostic::error(
            codes::SYNTAX,
            format!("引文缺少开头的「{open}」:只有结尾的「{close}」"),
        )
        .primary(
            file,
            Span::new(close_at, close_at + close.len_utf8()),
            format!("这个「{close}」前面没有「{open}」"),
        )
        .secondary(
            file,
            Span::new(at, at + first.len_utf8()),
            format!("引文从这里开始,前面缺少「{open}」"),
        )
        .help(format!(
            "在引文开头补上「{open}」,如 {key}{open}{shown}{close}"
        )),
    )
}

/// 文号：汨扶发〔2017 where a document number is expected: the bracket around the year is
/// never closed (a file cut off, or the rest left out). Point at the bracket.
fn unclosed_document_number(
    source: &str,
    at: usize,
    expected: &[&str],
    file: &str,
) -> Option<Diagnostic> {
    if !expected.iter().any(|w| w.starts_with("文号")) {
        return None;
    }
    let token = source[at..]
        .split(|c: char| c.is_whitespace() || matches!(c, '；' | ';' | '}' | '｝'))
        .next()
        .unwrap_or("");
    let (offset, lb) = token
        .char_indices()
        .find(|(_, c)| matches!(c, '〔' | '﹝' | '[' | '［' | '【'))?;
    if token[offset..].contains(['〕', '﹞', ']', '］', '】']) {
        return None;
    }
    let rb = match lb {
        '〔' => '〕',
        '﹝' => '﹞',
        '[' => ']',
        '［' => '］',
        _ => '】',
    };
    let lb_at = at + offset;
    Some(
        Diagnostic::error(
            codes::SYNTAX,
            format!("文号「{token}」不完整:「{lb}」没有对应的「{rb}」"),
        )
        .primary(
            file,
            Span::new(lb_at, lb_at + lb.len_utf8()),
            format!("这个「{lb}」没有闭合"),
        )
        .help(format!(
            "文号应写全:发文机关代字、{lb}年份{rb}、序号和「号」,如「汨扶发〔2017〕14号」"
        )),
    )
}

/// Chinese numerals as months and days are written (二〇一七年十三月).
const CHINESE_DATE_NUMERALS: &str = "零〇一二两三四五六七八九十";

/// 十三月 / 三十二日: the grammar reads only 一…十二月 and 一…三十一日, so a month or day beyond
/// them is "expected a date, found 十"; name the month or day that does not exist instead, as
/// ZC0004 does for 13月.
fn impossible_chinese_date(c: char, source: &str, at: usize, file: &str) -> Option<Diagnostic> {
    if !CHINESE_DATE_NUMERALS.contains(c) {
        return None;
    }
    // The grammar may have read 十 as a month and stopped at 三 (十三月): start at the first
    // numeral.
    let at = at
        - source[..at]
            .chars()
            .rev()
            .take_while(|c| CHINESE_DATE_NUMERALS.contains(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    let len: usize = source[at..]
        .chars()
        .take_while(|c| CHINESE_DATE_NUMERALS.contains(*c))
        .map(char::len_utf8)
        .sum();
    let word = &source[at..at + len];
    let after = source[at + len..].chars().next()?;
    let (what, max, range) = match after {
        '月' => ("月份", 12, "月份应在一月到十二月之间"),
        '日' | '号' => ("日", 31, "日应在一日到三十一日之间"),
        _ => return None,
    };
    let n = crate::lexical::parse_numeral(word).ok()?.value;
    if n >= rust_decimal::Decimal::ONE && n <= rust_decimal::Decimal::from(max) {
        return None;
    }
    Some(
        Diagnostic::error(
            codes::IMPOSSIBLE_DATE,
            format!("日期中的{what}「{word}」不存在"),
        )
        .primary(file, Span::new(at, at + len + after.len_utf8()), range),
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// `0年`, `99999年`, `二〇一年` where a date or deadline goes: the year is not four digits.
/// Says so and gives the range, instead of "此处应为时限…却是「0」".
fn year_not_four_digits(
    source: &str,
    at: usize,
    expected: &[&str],
    file: &str,
) -> Option<Diagnostic> {
    // Where a date goes, the parser may stop at the digits or (reading them as a month) at 年.
    if !expected.iter().any(|w| {
        w.starts_with("日期") || w.starts_with("时限") || w.starts_with("区间") || w.contains('年')
    }) {
        return None;
    }
    let year_digit = |c: &char| is_digit(*c) || "〇零一二三四五六七八九".contains(*c);
    let before: usize = source[..at]
        .chars()
        .rev()
        .take_while(year_digit)
        .map(char::len_utf8)
        .sum();
    let start = at - before;
    let digits: String = source[start..].chars().take_while(year_digit).collect();
    if digits.is_empty() || digits.chars().count() == 4 {
        return None;
    }
    // Not part of a longer number or name: 第10年 is no year.
    if source[..start]
        .chars()
        .next_back()
        .is_some_and(is_cjk_ideograph)
    {
        let prev = source[..start].chars().next_back();
        if !matches!(prev, Some('：' | '至' | '到' | '自' | '从' | '于' | '在')) {
            return None;
        }
    }
    if !source[start + digits.len()..].starts_with('年') {
        return None;
    }
    let at = start;
    let span = Span::new(at, at + digits.len() + '年'.len_utf8());
    Some(
        Diagnostic::error(
            codes::IMPOSSIBLE_DATE,
            format!(
                "年份「{digits}年」不是四位数:可以写的年份是 {}",
                crate::lexical::YEAR_RANGE
            ),
        )
        .primary(file, span, "年份应是四位数")
        .help("年份写四位数字,如「2020年」「二〇二〇年」"),
    )
}

/// 232.: a number whose decimal point has no digits after it (a file cut off mid-number, or a
/// full stop typed after a number).
fn point_without_digits(c: char, source: &str, at: usize, file: &str) -> Option<Diagnostic> {
    if !matches!(c, '.' | '．') || !source[..at].chars().next_back().is_some_and(is_digit) {
        return None;
    }
    let after = at + c.len_utf8();
    if source[after..].chars().next().is_some_and(is_digit) {
        return None;
    }
    let start = at
        - source[..at]
            .chars()
            .rev()
            .take_while(|c| is_digit(*c))
            .map(char::len_utf8)
            .sum::<usize>();
    Some(
        Diagnostic::error(
            codes::BAD_NUMERAL,
            format!("数字「{}」的小数点后缺少数字", &source[start..after]),
        )
        .primary(file, Span::new(at, after), "小数点后应有数字")
        .help("写出小数部分(如「232.5万人」),或去掉小数点(如「232万人」)"),
    )
}

/// 2017年1 / 2017-0 where a date is expected: the date is incomplete (a file cut off mid-date,
/// or a part left out). The grammar reports the first character it could not use, which is a
/// legal digit of a month or the start of the date; say what is missing instead.
fn incomplete_date(source: &str, at: usize, expected: &[&str], file: &str) -> Option<Diagnostic> {
    if !expected
        .iter()
        .any(|w| w.starts_with("日期") || w.starts_with("时限"))
        && date_clause_key(source, at).is_none()
    {
        return None;
    }
    let date_char = |c: &char| is_digit(*c) || matches!(c, '年' | '月' | '-' | '－');
    let line_start = source[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let start = at
        - source[line_start..at]
            .chars()
            .rev()
            .take_while(date_char)
            .map(char::len_utf8)
            .sum::<usize>();
    let end = at
        + source[at..]
            .chars()
            .take_while(date_char)
            .map(char::len_utf8)
            .sum::<usize>();
    let token = &source[start..end];
    // The date must end where the value ends: the end of the line or file, or a separator.
    let next = source[end..].chars().next();
    if !matches!(
        next,
        None | Some('\n' | '\r' | ' ' | '\u{3000}' | '\t' | '；' | ';' | '}' | '｝')
    ) {
        return None;
    }
    if !token.chars().next().is_some_and(is_digit) {
        return None;
    }
    let last = token.chars().next_back()?;
    let (missing, example) = if token.contains(['-', '－']) {
        let parts: Vec<&str> = token.split(['-', '－']).collect();
        if parts.len() >= 3 && parts.iter().all(|p| !p.is_empty()) {
            return None;
        }
        ("年、月、日应写全", "「2017-06-30」")
    } else if !is_digit(last) {
        return None;
    } else if token.contains('月') {
        // 6月3 is a date (日 may be left out): something else is wrong.
        return None;
    } else if token.contains('年') {
        ("月份后面缺少「月」", "「2017年6月」「2017年6月30日」")
    } else {
        return None;
    };
    Some(
        Diagnostic::error(codes::SYNTAX, format!("日期「{token}」不完整:{missing}"))
            .primary(file, Span::new(start, end), "不完整的日期")
            .help(format!("日期应写全,如{example}")),
    )
}

/// 期限：9月中下旬 / 春节前 / 9.30前: a date written in a way the language does not read. Names the
/// nearest form it does read (docs/language.md §2.9, §2.10), for the forms real plans use.
fn unaccepted_date_form(
    source: &str,
    at: usize,
    expected: &[&str],
    file: &str,
) -> Option<Diagnostic> {
    // The clause's value: from the colon after its key to the end of the clause.
    let line_start = source[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let colon = line_start + source[line_start..at].find(['：', ':'])?;
    let key = date_clause_key(source, at);
    let date_expected = expected.iter().any(|w| {
        w.starts_with("日期") || w.starts_with("时限") || w.starts_with("时间段") || *w == "日"
    });
    if key.is_none() && !date_expected {
        return None;
    }
    let value_start = colon + source[colon..].chars().next()?.len_utf8();
    let rest = &source[value_start..];
    let len = rest
        .find(['\n', '\r', '；', ';', '}', '｝', '。'])
        .unwrap_or(rest.len());
    let raw = &rest[..len];
    let value = raw.trim_matches([' ', '\t', '\u{3000}']);
    if value.is_empty() {
        return None;
    }
    let start = value_start + (raw.len() - raw.trim_start_matches([' ', '\t', '\u{3000}']).len());
    let (what, help) = date_form_hint(value).or_else(|| {
        (key == Some("期限"))
            .then(|| day_range_deadline(value))
            .flatten()
    })?;
    Some(
        Diagnostic::error(
            codes::SYNTAX,
            format!("「{value}」不是可用的日期写法:{what}"),
        )
        .primary(file, Span::new(start, start + value.len()), "这里")
        .help(help),
    )
}

/// 期限：6月　10日前: white space between the parts of a date, in a clause that takes one.
fn space_inside_date(c: char, source: &str, at: usize, file: &str) -> Option<Diagnostic> {
    date_clause_key(source, at)?;
    if !(is_digit(c) || CHINESE_DATE_NUMERALS.contains(c)) {
        return None;
    }
    let spaces: usize = source[..at]
        .chars()
        .rev()
        .take_while(|c| matches!(c, ' ' | '\u{3000}' | '\t'))
        .map(char::len_utf8)
        .sum();
    let before = source[..at - spaces].chars().next_back()?;
    if spaces == 0 || !(is_digit(before) || matches!(before, '月' | '年' | '日')) {
        return None;
    }
    Some(
        Diagnostic::error(codes::SYNTAX, "日期中间不能有空格")
            .primary(file, Span::new(at - spaces, at), "这里有空格")
            .help("这里不能有空格:数字、日期和单位要连在一起写"),
    )
}

/// The canonical key of the clause `at` stands in, when it takes a date (期限, 时间, 成文日期…).
fn date_clause_key(source: &str, at: usize) -> Option<&'static str> {
    let line_start = source[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let colon = line_start + source[line_start..at].find(['：', ':'])?;
    let key_text = source[line_start..colon]
        .rsplit([' ', '\t', '\u{3000}', '{', '｛', '；', ';'])
        .next()
        .unwrap_or("");
    let key = Key::from_word(key_text)?;
    matches!(key.rule(), "key_date" | "key_deadline" | "key_window").then_some(key.word())
}

/// 期限：5月10日至15日: a deadline is the day it ends.
fn day_range_deadline(value: &str) -> Option<(String, String)> {
    let at = value.find(['至', '—', '－', '-', '~', '～', '到'])?;
    let (first, rest) = value.split_at(at);
    // A range of days (5月10日至15日), not a date cut short (2017-06).
    if !first.contains('月') || !first.contains(['日', '号']) {
        return None;
    }
    let sep = rest.chars().next()?;
    let mut last = rest[sep.len_utf8()..].trim_end_matches('前').to_string();
    if last.is_empty() {
        return None;
    }
    if !last.contains('月') {
        if let Some(m) = first.find('月') {
            let month_start = first[..m].rfind('年').map_or(0, |y| y + '年'.len_utf8());
            last = format!("{}{last}", &first[month_start..m + '月'.len_utf8()]);
        }
    }
    Some((
        "时限是一个截止日期,不是一段时间".to_string(),
        format!("写作「{last}前」(一段时间写在阶段的「时间」里)"),
    ))
}

/// What is wrong with a date the grammar does not read, and the nearest form it reads.
fn date_form_hint(value: &str) -> Option<(String, String)> {
    let digits = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    for (two, one) in [("中下旬", "下旬"), ("上中旬", "中旬"), ("上下旬", "下旬")] {
        if value.contains(two) {
            return Some((
                format!("「{two}」跨两旬"),
                format!("写作「{}」(按较晚的一旬算)", value.replacen(two, one, 1)),
            ));
        }
    }
    if value.starts_with('每')
        || value.contains("每月")
        || value.contains("每季")
        || value.contains("每周")
    {
        return Some((
            "周期性的时限不是一个截止日期".to_string(),
            "写第一次的截止日期(如「6月10日前」),或写「长期坚持」并在「说明」中写明周期"
                .to_string(),
        ));
    }
    for rel in ["次年", "明年", "来年", "下一年", "下年"] {
        if value.contains(rel) {
            return Some((
                format!("「{rel}」没有写出年份"),
                "写明年份,如「2019年3月底前」".to_string(),
            ));
        }
    }
    for this in ["今年", "本年", "本年度"] {
        if let Some(rest) = value.strip_prefix(this) {
            if !rest.is_empty() {
                return Some((
                    format!("「{this}」就是文件的年份"),
                    format!("写作「{rest}」(没写年份的日期取文件的年份),或写明年份"),
                ));
            }
        }
    }
    if let Some(i) = value.find("年度") {
        let year = &value[..i];
        if year.chars().count() == 4 && year.chars().all(digits) {
            return Some((
                "年份后面不写「度」".to_string(),
                format!("写作「{}」", value.replacen("年度", "年", 1)),
            ));
        }
    }
    // 9.30 / 2018.9.30: dates written with points.
    let parts: Vec<&str> = value
        .trim_end_matches(['前', '日'])
        .split(['.', '．', '/', '／'])
        .collect();
    if (2..=3).contains(&parts.len())
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(digits))
    {
        let ymd: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
        let suffix = if value.ends_with('前') { "前" } else { "" };
        let date = match ymd.as_slice() {
            [m, d] => format!("{m}月{d}日{suffix}"),
            [y, m, d] => format!("{y}年{m}月{d}日{suffix}"),
            _ => return None,
        };
        return Some((
            "日期不用点号或斜线分隔".to_string(),
            format!("写作「{date}」"),
        ));
    }
    if (value.contains("季度末") || value.contains("季末"))
        && !value.contains(['一', '二', '三', '四'])
    {
        return Some((
            "没有写是哪个季度".to_string(),
            "写作「一季度末」「二季度末」「三季度末」或「四季度末」".to_string(),
        ));
    }
    // 9月中: the middle of a month is 中旬.
    if let Some(i) = value.find("月中") {
        if !value[i..].starts_with("月中旬") {
            let fixed = format!("{}月中旬{}", &value[..i], &value[i + "月中".len()..]);
            return Some((
                "「月中」没有确切的日子".to_string(),
                format!("写作「{fixed}」"),
            ));
        }
    }
    for now in [
        "立即",
        "立行立改",
        "即时",
        "马上",
        "尽快",
        "及时",
        "随时",
        "即日起",
    ] {
        if value.contains(now) {
            return Some((
                format!("「{now}」没有日期"),
                "写出要完成的日期(如「5月31日前」);没有截止日期的工作写「长期坚持」".to_string(),
            ));
        }
    }
    // 春节前, 开学前: an event, not a date.
    if let Some(event) = value
        .strip_suffix("前")
        .or_else(|| value.strip_suffix("之前"))
    {
        let event = event.trim_start_matches(['在', '于', '到']);
        if !event.is_empty()
            && !event.chars().any(digits)
            && !event.contains(['「', '」', '月', '年'])
            && event.chars().count() <= 12
        {
            return Some((
                format!("「{event}」是一件事,不是日期"),
                format!("在某件事之前完成,把它放进「」:「{event}」前"),
            ));
        }
    }
    None
}

/// 3周岁: the word after the number is not a unit, but ends with one (周岁 → 岁). Quote the
/// whole word and suggest the unit.
fn unit_with_extra_words(source: &str, at: usize, file: &str) -> Option<Diagnostic> {
    let mut word = &source[at..];
    let len: usize = word
        .chars()
        .take_while(|c| is_cjk_ideograph(*c))
        .map(char::len_utf8)
        .sum();
    word = &word[..len];
    // 周岁以上: the comparator is not part of the word.
    if let Some(cut) = guard_words().filter_map(|g| word.find(g)).min() {
        word = &word[..cut];
    }
    let unit = zhengce_runtime::UnitAtom::WORDS
        .iter()
        .map(|(w, _)| *w)
        .filter(|w| word.len() > w.len() && word.ends_with(w))
        .max_by_key(|w| w.len())?;
    let number: String = source[..at]
        .chars()
        .rev()
        .take_while(|c| is_digit(*c) || matches!(c, '.' | '．' | '万' | '亿'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after = &source[at + word.len()..];
    let guard = guard_words().find(|g| after.starts_with(*g)).unwrap_or("");
    Some(
        Diagnostic::error(codes::UNKNOWN_UNIT, format!("未知单位「{word}」"))
            .primary(file, Span::new(at, at + word.len()), "不是可用的单位")
            .help(format!("是不是「{unit}」?如「{number}{unit}{guard}」")),
    )
}

/// A character as a message names it: 「x」, or what it is when it cannot be seen.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "空格".to_string(),
        '\u{3000}' => "全角空格".to_string(),
        '\t' => "制表符".to_string(),
        '\u{a0}' => "不换行空格".to_string(),
        c => match super::forbidden_char(c) {
            Some(what) => format!("{what}(U+{:04X})", c as u32),
            None if c.is_control() => format!("控制字符 U+{:04X}", c as u32),
            None => format!("「{c}」"),
        },
    }
}

/// The closing bracket of an opening one that must close (on its line, except “ and ").
fn closer_of(c: char) -> Option<(char, bool)> {
    Some(match c {
        '“' => ('”', true),
        '"' => ('"', true),
        '「' => ('」', false),
        '《' => ('》', false),
        '（' => ('）', false),
        '(' => (')', false),
        _ => return None,
    })
}

fn opener_of(c: char) -> Option<(char, bool)> {
    Some(match c {
        '”' => ('“', true),
        '」' => ('「', false),
        '》' => ('《', false),
        '）' => ('（', false),
        ')' => ('(', false),
        '}' | '｝' => ('{', true),
        _ => return None,
    })
}

/// Whether `open` at the start of `text` is closed: in the same line, or anywhere after for
/// quotes. Nesting counts (《关于<《方案》>的通知》, nested quotes).
fn is_closed(text: &str, open: char, close: char, multiline: bool) -> bool {
    if open == close {
        return text[open.len_utf8()..]
            .chars()
            .take_while(|&c| multiline || !matches!(c, '\n' | '\r'))
            .any(|c| c == close);
    }
    let mut depth = 0usize;
    for c in text.chars() {
        if matches!(c, '\n' | '\r') && !multiline {
            return false;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return true;
            }
        }
    }
    false
}

/// Whether a closing bracket at the end of `before` has an opener: in the same line, or
/// anywhere before for quotes and braces.
fn has_opener(before: &str, open: char, close: char, multiline: bool) -> bool {
    let scope = if multiline {
        before
    } else {
        before.rsplit(['\n', '\r']).next().unwrap_or(before)
    };
    if open == '{' {
        return unclosed_brace(scope).is_some();
    }
    let mut depth = 0usize;
    for c in scope.chars() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
        }
    }
    depth > 0
}

/// Unbalanced brackets and empty 「」《》, named as such instead of "expected …, found 「《」".
fn bracket_error(c: char, source: &str, at: usize, span: Span, file: &str) -> Option<Diagnostic> {
    let prev = source[..at].chars().next_back();
    if (c, prev) == ('」', Some('「')) {
        return Some(
            Diagnostic::error(codes::SYNTAX, "「」中的名称不能为空")
                .primary(file, Span::new(at - '「'.len_utf8(), span.end), "空名称")
                .help("在「」中写出名称,或去掉「」"),
        );
    }
    if (c, prev) == ('》', Some('《')) {
        return Some(
            Diagnostic::error(codes::SYNTAX, "书名号中的标题不能为空")
                .primary(file, Span::new(at - '《'.len_utf8(), span.end), "空标题")
                .help("在《》中写出文件的标题"),
        );
    }
    if let Some((close, multiline)) = closer_of(c) {
        if !is_closed(&source[at..], c, close, multiline) {
            let where_ = if multiline { "" } else { "同一行中" };
            return Some(
                Diagnostic::error(codes::SYNTAX, format!("「{c}」没有对应的「{close}」"))
                    .primary(file, span, format!("这个「{c}」没有闭合"))
                    .help(format!(
                        "在{where_}相应的位置补上「{close}」;「{c}」与「{close}」须成对使用"
                    )),
            );
        }
    }
    if let Some((open, multiline)) = opener_of(c) {
        let close = if open == '{' { '}' } else { c };
        if !has_opener(&source[..at], open, close, multiline) {
            let where_ = if multiline { "" } else { "同一行" };
            return Some(
                Diagnostic::error(
                    codes::SYNTAX,
                    format!("多余的「{c}」:{where_}前面没有对应的「{open}」"),
                )
                .primary(file, span, "多余的括号或引号")
                .help(format!("删去这个「{c}」,或在前面相应的位置补上「{open}」")),
            );
        }
    }
    None
}

/// The words that end a bare name wherever they stand: comparators and 又称.
fn guard_words() -> impl Iterator<Item = &'static str> {
    vocabulary::name_guard_comparators().chain([vocabulary::ALIAS])
}

/// A likely cause of a syntax error that the expected-token list does not show.
fn likely_cause(source: &str, at: usize, positives: &[Rule]) -> Option<String> {
    let line_start = source[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &source[line_start..at];
    let rest = source[at..].split(['\n', '\r']).next().unwrap_or("");
    let prev = before.chars().next_back();
    let prev_is_space = prev.is_some_and(|c| c == ' ' || c == '\u{3000}' || c == '\t');
    let indent = before.len() - before.trim_start_matches([' ', '\t', '\u{3000}']).len();

    // 目　标 / 期　限: white space inside a keyword.
    let head = &source[line_start + indent..];
    let head_line = head.split(['\n', '\r']).next().unwrap_or("");
    let squeezed: String = head_line
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{3000}' | '\t'))
        .take(8)
        .collect();
    let keywords = vocabulary::item_keywords()
        .into_iter()
        .chain(vocabulary::key_spellings());
    for k in keywords {
        if squeezed.starts_with(k) && !head_line.starts_with(k) && k.chars().count() > 1 {
            return Some(format!(
                "关键词「{k}」中间有空格;关键词的字之间不能有空格(也不能有全角空格)"
            ));
        }
    }

    // 1,000: no thousands separators.
    let next = rest.chars().nth(1);
    if matches!(rest.chars().next(), Some(',' | '，'))
        && prev.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && next.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return Some("数字中不用千分位逗号:1,000 写作 1000".to_string());
    }

    // 原文：确保脱贫”: a quote needs its opening mark.
    if positives.contains(&Rule::quote) && !rest.starts_with(['“', '「', '"']) {
        return Some("原文要用引号引起来,如 原文：“……”".to_string());
    }

    // 措 / 期: a keyword cut short (a truncated file?).
    let word = rest.trim_end();
    if !word.is_empty() && word.chars().count() < 3 && indent == before.len() {
        let keywords = vocabulary::top_level_keywords()
            .into_iter()
            .chain(["牵头", "期限", "原文", "金额", "说明"]);
        for k in keywords {
            if k.starts_with(word) && k != word {
                return Some(format!("是不是「{k}」?文件可能在这里被截断了"));
            }
        }
    }

    // 6月　10日: white space inside a value (before it, or, when 6月 is a date of its own, after).
    let digit_after_space = prev_is_space
        && rest
            .chars()
            .next()
            .is_some_and(|c| is_digit(c) || "零〇一二两三四五六七八九十".contains(c))
        && before
            .trim_end_matches([' ', '\u{3000}', '\t'])
            .chars()
            .next_back()
            .is_some_and(|c| is_digit(c) || matches!(c, '月' | '年' | '日'));
    if matches!(rest.chars().next(), Some(' ' | '\u{3000}')) || digit_after_space {
        return Some("这里不能有空格:数字、日期和单位要连在一起写".to_string());
    }

    // 232　万人: white space between a number and its unit.
    if prev_is_space {
        let before_space = before
            .trim_end_matches([' ', '\u{3000}', '\t'])
            .chars()
            .next_back();
        let digitish = before_space.is_some_and(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || "零〇一二两三四五六七八九十百千".contains(c)
        });
        if digitish
            && (positives.contains(&Rule::unit)
                || positives.contains(&Rule::cmp_suffix)
                || positives.contains(&Rule::range_sep))
        {
            return Some("数字和单位之间不能有空格,如「232万人」".to_string());
        }
    }

    // 值：232万人 期限：2020年: two clauses on one line.
    if let Some((key, _)) = rest.split_once(['：', ':']) {
        let key = key.trim();
        if !key.is_empty() && Key::from_word(key).is_some() && indent < before.len() {
            return Some("上一个子句没有结束:一行写几个子句时,子句之间要用「；」分开".to_string());
        }
    }

    // 措施 坚持以上率下抓落实: a comparator or 又称 ends a bare name.
    if let Some(word) = guard_words().find(|w| rest.starts_with(*w)) {
        if !prev_is_space && before.len() > indent {
            let closers: &[char] = &['」', '）', ')', '》', '”'];
            return Some(format!(
                "「{word}」会结束名称;名称中含有「{word}」时,请用「」把整个名称引起来,如「{}{}」",
                before[indent..].split_whitespace().last().unwrap_or(""),
                rest.split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(closers)
            ));
        }
    }

    // 目标 贫困　人口脱贫: white space inside a name.
    let found_is_text = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() && !c.is_ascii_digit());
    if prev_is_space
        && found_is_text
        && positives
            .iter()
            .any(|r| matches!(r, Rule::block | Rule::kw_alias))
    {
        return Some(
            "名称在空格处结束:名称中间不能有空格(也不能有全角空格);需要时用「」把名称引起来"
                .to_string(),
        );
    }
    None
}

/// The byte offset of the last `{`/`｛` in `text` that has no matching close.
pub(super) fn unclosed_brace(text: &str) -> Option<usize> {
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

pub(super) fn nearest_key(key: &str) -> Option<&'static str> {
    Key::ALL
        .iter()
        .map(|k| k.word())
        .map(|k| (strsim::levenshtein(k, key), k))
        .filter(|(d, k)| *d <= (k.chars().count().max(2) / 2))
        .min()
        .map(|(_, k)| k)
}

pub(super) fn is_cjk_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The units a number may take, for help after an unknown one.
pub(super) fn units_help() -> String {
    format!(
        "可用单位:{};单位写在数字后面,如「232万人」「200元/人/年」",
        vocabulary::units_help()
    )
}

pub(super) fn is_unknown_punctuation(c: char) -> bool {
    matches!(
        c,
        '【' | '】' | '[' | ']' | '『' | '』' | '‘' | '’' | '|' | '\\' | '^' | '`'
    )
}

pub(super) fn join_or(words: &[&str]) -> String {
    match words.len() {
        0 => String::new(),
        1 => words[0].to_string(),
        n => format!("{}或{}", words[..n - 1].join("、"), words[n - 1]),
    }
}
