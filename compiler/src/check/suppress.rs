//! Suppression comments: `// zhengce: allow(ZC0105, ZC07) 理由…` on its own line before an item or
//! a clause allows those codes (or families) inside it; before the file's first statement, in the
//! whole file. The syntax stage finds the comments (`syntax::Directive`); this module reads them,
//! moves the findings they allow to [`Allowed`], and reports a suppression without a reason
//! (ZC1101), one that allows nothing (ZC1102) and one that cannot be used (ZC1103). Errors that
//! cannot be lowered ([`unlowerable`]) cannot be suppressed either.

use super::ParsedFile;
use crate::codes::{self, CATALOGUE};
use crate::diagnostic::{Diagnostic, Span};
use crate::lints::{unlowerable, Allowed, AllowedBy};
use crate::syntax::{Directive, DirectiveScope};

/// The form every message points to.
const FORM: &str = "写法:// zhengce: allow(ZC0105) 理由;多个代码用逗号隔开,也可写代码族(ZC07)";

/// One code (or family) a suppression names, with where it is written.
struct Named {
    code: String,
    span: Span,
    used: bool,
}

/// A suppression that can apply.
struct Suppression<'a> {
    file: &'a str,
    directive: &'a Directive,
    /// `None`: the whole file.
    scope: Option<Span>,
    codes: Vec<Named>,
    reason: Option<String>,
}

/// Reads every file's directives and moves the diagnostics they allow to `allowed`. Returns the
/// diagnostics kept, and the directives' own findings (suppressions that cannot be used, allow
/// nothing or give no reason).
pub(crate) fn apply(
    files: &[ParsedFile],
    diagnostics: Vec<Diagnostic>,
    allowed: &mut Vec<Allowed>,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut reports = Vec::new();
    let mut suppressions: Vec<Suppression> = Vec::new();
    for f in files {
        for d in &f.directives {
            if let Some(s) = read(&f.name, d, &mut reports) {
                suppressions.push(s);
            }
        }
    }
    if suppressions.is_empty() {
        return (diagnostics, reports);
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        match covering(&mut suppressions, &d) {
            Some(s) => allowed.push(Allowed {
                allowed_by: AllowedBy::Comment {
                    file: s.file.to_string(),
                    span: s.directive.span,
                    reason: s.reason.clone(),
                },
                diagnostic: d,
            }),
            None => kept.push(d),
        }
    }
    for s in &suppressions {
        for named in s.codes.iter().filter(|n| !n.used) {
            let what = match s.scope {
                Some(_) => "其后的条目中",
                None => "本文件中",
            };
            reports.push(
                Diagnostic::warning(
                    codes::UNUSED_SUPPRESSION,
                    format!(
                        "抑制注释允许 {},但{what}没有 {} 的问题",
                        named.code, named.code
                    ),
                )
                .primary(s.file, named.span, "没有可抑制的问题")
                .help("问题已经不再出现时,删去这条注释(或这个代码);代码写错时改正它"),
            );
        }
    }
    (kept, reports)
}

/// The suppression that allows `d`, innermost first (a statement's before the file's); marks
/// the code it matched as used.
fn covering<'s, 'a>(
    suppressions: &'s mut [Suppression<'a>],
    d: &Diagnostic,
) -> Option<&'s Suppression<'a>> {
    // Directives' own findings are not suppressed by directives.
    if [
        codes::SUPPRESSION_WITHOUT_REASON,
        codes::UNUSED_SUPPRESSION,
        codes::BAD_DIRECTIVE,
    ]
    .contains(&d.code.as_str())
    {
        return None;
    }
    if unlowerable(&d.code).is_some() && d.is_error() {
        return None;
    }
    let label = d.primary_label()?;
    let mut best: Option<(usize, usize)> = None;
    for (k, s) in suppressions.iter().enumerate() {
        if s.file != label.file {
            continue;
        }
        let width = match s.scope {
            Some(span) if span.start <= label.span.start && label.span.end <= span.end => {
                span.len()
            }
            Some(_) => continue,
            None => usize::MAX,
        };
        let Some(n) = s.codes.iter().position(|n| matches(&n.code, &d.code)) else {
            continue;
        };
        if best.is_none_or(|(b, _)| width < suppressions_width(&suppressions[b])) {
            best = Some((k, n));
        }
    }
    let (k, n) = best?;
    suppressions[k].codes[n].used = true;
    Some(&suppressions[k])
}

fn suppressions_width(s: &Suppression) -> usize {
    s.scope.map_or(usize::MAX, Span::len)
}

/// Whether a suppression's code (or family) covers `code`.
fn matches(named: &str, code: &str) -> bool {
    named == code || (named.len() == 4 && code.starts_with(named))
}

/// Reads one directive; reports what is wrong with it. `None` when it cannot apply.
fn read<'a>(
    file: &'a str,
    d: &'a Directive,
    reports: &mut Vec<Diagnostic>,
) -> Option<Suppression<'a>> {
    let text = &d.text.text;
    let base = d.text.span.start;
    let bad = |message: String, span: Span, label: &str| {
        Diagnostic::warning(codes::BAD_DIRECTIVE, message).primary(file, span, label)
    };
    let Some(rest) = text.strip_prefix("allow") else {
        reports.push(
            bad(
                format!("无法读懂的 zhengce 指令「{text}」"),
                d.text.span,
                "只认得 allow(…)",
            )
            .help(FORM),
        );
        return None;
    };
    let after_word = rest.trim_start();
    let Some(inside) = after_word
        .strip_prefix('(')
        .or_else(|| after_word.strip_prefix('（'))
    else {
        reports.push(
            bad(
                "allow 后面应是括号中的代码".to_string(),
                d.text.span,
                "缺少「(代码)」",
            )
            .help(FORM),
        );
        return None;
    };
    let codes_at = base + (text.len() - inside.len());
    let Some(close) = inside.find([')', '）']) else {
        reports.push(
            bad(
                "allow( 的括号没有闭合".to_string(),
                d.text.span,
                "缺少「)」",
            )
            .help(FORM),
        );
        return None;
    };
    let close_len = inside[close..].chars().next().map_or(1, char::len_utf8);
    let reason = inside[close + close_len..]
        .trim_start_matches(|c: char| c.is_whitespace() || "：:—-".contains(c))
        .trim();
    let mut named = Vec::new();
    for (start, end) in tokens(&inside[..close]) {
        let code = &inside[start..end];
        let span = Span::new(codes_at + start, codes_at + end);
        let known = codes::info(code).is_some()
            || (code.len() == 4 && CATALOGUE.iter().any(|c| c.code.starts_with(code)));
        if !known {
            let near = super::nearest(code, CATALOGUE.iter().map(|c| c.code))
                .map(|c| format!(",是不是「{c}」?"))
                .unwrap_or_default();
            reports.push(
                bad(
                    format!("抑制注释中的「{code}」不是诊断代码{near}"),
                    span,
                    "未知代码",
                )
                .help("代码见 docs/diagnostics.md;代码族写前四位,如 ZC07"),
            );
            continue;
        }
        if let Some(why) = unlowerable(code) {
            reports.push(
                bad(format!("{code} 是不能抑制的错误:{why}"), span, "不能抑制")
                    .help("这个错误要改正,不能抑制;从注释中删去这个代码"),
            );
            continue;
        }
        named.push(Named {
            code: code.to_string(),
            span,
            used: false,
        });
    }
    if named.is_empty() {
        return None;
    }
    let scope = match d.scope {
        DirectiveScope::File => None,
        DirectiveScope::Statement(span) => Some(span),
        DirectiveScope::NotOwnLine => {
            reports.push(
                bad(
                    "抑制注释要单独成行,写在它所允许的条目的上一行".to_string(),
                    d.span,
                    "与其他内容同行",
                )
                .help(
                    "把注释移到它所允许的条目的上一行;写在文件开头(第一个条目之前)则对整个文件有效",
                ),
            );
            return None;
        }
        DirectiveScope::Nothing => {
            for n in &named {
                reports.push(
                    Diagnostic::warning(
                        codes::UNUSED_SUPPRESSION,
                        format!(
                            "抑制注释允许 {},但它后面没有条目,不抑制任何问题",
                            n.code
                        ),
                    )
                    .primary(file, n.span, "后面没有条目")
                    .help("把注释移到它所允许的条目的上一行;写在文件开头(第一个条目之前)则对整个文件有效"),
                );
            }
            return None;
        }
    };
    if reason.is_empty() {
        reports.push(
            Diagnostic::warning(
                codes::SUPPRESSION_WITHOUT_REASON,
                format!(
                    "抑制注释允许 {} 而没有写理由",
                    named.iter().map(|n| n.code.as_str()).collect::<Vec<_>>().join("、")
                ),
            )
            .primary(file, d.span, "理由?")
            .help("在括号后写明为什么这里可以不改,例如:// zhengce: allow(ZC0105) 县委办与县委农办是两个机构"),
        );
    }
    Some(Suppression {
        file,
        directive: d,
        scope,
        codes: named,
        reason: (!reason.is_empty()).then(|| reason.to_string()),
    })
}

/// The byte ranges of the codes in `allow(…)`: runs between commas, 、 and white space.
fn tokens(list: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in list.char_indices() {
        let separator = matches!(c, ',' | '，' | '、') || c.is_whitespace();
        match (separator, start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, list.len()));
    }
    out
}
