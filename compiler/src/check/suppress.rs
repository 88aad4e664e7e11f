//! Suppression comments: `// zhengce: allow(ZC0105, ZC07) 理由…` on its own line before an item or
//! a clause allows those codes (or families) inside it; before the file's first statement, in the
//! whole file. The syntax stage finds the comments (`syntax::Directive`); this module reads them,
//! moves the findings they allow to [`Allowed`], and reports a suppression without a reason
//! (ZC1101), one that allows nothing (ZC1102) and one that cannot be used (ZC1103). Errors that
//! cannot be lowered ([`unlowerable`]) cannot be suppressed either.

use super::FileView;
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
    files: &[FileView],
    diagnostics: Vec<Diagnostic>,
    allowed: &mut Vec<Allowed>,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut reports = Vec::new();
    let mut suppressions: Vec<Suppression> = Vec::new();
    for f in files {
        for d in f.directives {
            if let Some(s) = read(f.name, d, &mut reports) {
                suppressions.push(s);
            }
        }
    }
    if suppressions.is_empty() {
        return (diagnostics, reports);
    }
    let index = Index::new(&suppressions);
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let Some((k, n)) = covering(&index, &d) else {
            kept.push(d);
            continue;
        };
        let s = &mut suppressions[k];
        s.codes[n].used = true;
        allowed.push(Allowed {
            allowed_by: AllowedBy::Comment {
                file: s.file.to_string(),
                span: s.directive.span,
                reason: s.reason.clone(),
            },
            diagnostic: d,
        });
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

/// The suppression (and the position of the code in it) that allows `d`: the innermost whose
/// scope holds its primary label, naming its code or its family; a file-wide one last.
fn covering(index: &Index, d: &Diagnostic) -> Option<(usize, usize)> {
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
    let family = d.code.get(..4).unwrap_or(&d.code);
    [d.code.as_str(), family]
        .into_iter()
        .filter_map(|key| index.find(&label.file, key, label.span))
        .min_by_key(|&(_, _, width)| width)
        .map(|(k, n, _)| (k, n))
}

/// The suppressions of a set, by file and by the code (or family) they name, so that finding
/// the one that allows a diagnostic costs a binary search for its group, another for its
/// position and a walk out through the statements around it, not a scan of every suppression.
/// Sorted vectors rather than a hash map: no hasher in the browser's wasm.
struct Index {
    /// (file, code or family), sorted; `groups` in the same order.
    keys: Vec<(String, String)>,
    groups: Vec<Group>,
}

/// The suppressions of one code (or family) in one file.
#[derive(Default)]
struct Group {
    /// Statement-scoped: (scope, suppression, code position), by start, outer first.
    scoped: Vec<(Span, usize, usize)>,
    /// For each entry of `scoped`, the innermost entry whose scope holds it.
    parent: Vec<Option<usize>>,
    /// The first file-wide suppression of this code.
    file_wide: Option<(usize, usize)>,
}

/// A code a suppression names: (file, code or family), its scope (`None`: the whole file), the
/// suppression's position and the code's position in it.
type Entry<'a> = ((&'a str, &'a str), Option<Span>, usize, usize);

impl Index {
    fn new(suppressions: &[Suppression]) -> Index {
        let mut entries: Vec<Entry> = Vec::new();
        for (k, s) in suppressions.iter().enumerate() {
            for (n, named) in s.codes.iter().enumerate() {
                entries.push(((s.file, named.code.as_str()), s.scope, k, n));
            }
        }
        zhengce_runtime::sort::sort_by(&mut entries, |a, b| {
            let start = |e: &Entry| e.1.map(|s| (s.start, std::cmp::Reverse(s.end)));
            a.0.cmp(&b.0)
                .then_with(|| start(a).cmp(&start(b)))
                .then_with(|| a.2.cmp(&b.2))
        });
        let mut index = Index {
            keys: Vec::new(),
            groups: Vec::new(),
        };
        for (key, scope, k, n) in entries {
            if index
                .keys
                .last()
                .is_none_or(|(f, c)| (f.as_str(), c.as_str()) != key)
            {
                index.keys.push((key.0.to_string(), key.1.to_string()));
                index.groups.push(Group::default());
            }
            let group = index.groups.last_mut().expect("pushed above");
            match scope {
                Some(span) => group.scoped.push((span, k, n)),
                None => {
                    group.file_wide.get_or_insert((k, n));
                }
            }
        }
        for group in &mut index.groups {
            // Statements nest or are disjoint: a stack of the open scopes gives each its parent.
            let mut stack: Vec<usize> = Vec::new();
            for i in 0..group.scoped.len() {
                let span = group.scoped[i].0;
                while let Some(&top) = stack.last() {
                    let open = group.scoped[top].0;
                    if open.start <= span.start && span.end <= open.end {
                        break;
                    }
                    stack.pop();
                }
                group.parent.push(stack.last().copied());
                stack.push(i);
            }
        }
        index
    }

    /// The innermost suppression of `key` in `file` whose scope holds `span` (a file-wide one
    /// when none does), with the scope's width.
    fn find(&self, file: &str, key: &str, span: Span) -> Option<(usize, usize, usize)> {
        let at = self
            .keys
            .binary_search_by(|(f, c)| (f.as_str(), c.as_str()).cmp(&(file, key)))
            .ok()?;
        let group = &self.groups[at];
        let after = group
            .scoped
            .partition_point(|(s, _, _)| s.start <= span.start);
        let mut cur = after.checked_sub(1);
        while let Some(i) = cur {
            let (scope, k, n) = group.scoped[i];
            if scope.start <= span.start && span.end <= scope.end {
                return Some((k, n, scope.len()));
            }
            cur = group.parent[i];
        }
        group.file_wide.map(|(k, n)| (k, n, usize::MAX))
    }
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
pub(crate) fn tokens(list: &str) -> Vec<(usize, usize)> {
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

#[cfg(test)]
mod tests {
    use crate::lints::AllowedBy;
    use crate::{check_files, SourceFile};

    /// (code, line of the suppression that allowed it) of every allowed finding.
    fn allowed(text: &str) -> Vec<(String, usize)> {
        let out = check_files(&[SourceFile::new("a.zc", text)]);
        out.allowed
            .iter()
            .map(|a| {
                let AllowedBy::Comment { span, .. } = &a.allowed_by else {
                    panic!("allowed by a comment");
                };
                let line = text[..span.start].matches('\n').count() + 1;
                (a.diagnostic.code.clone(), line)
            })
            .collect()
    }

    #[test]
    fn the_innermost_suppression_of_a_code_or_its_family_allows_a_finding() {
        let text = "// zhengce: allow(ZC01) 模板\n\
            部门：XX\n\
            // zhengce: allow(ZC0106) 外层\n\
            措施 甲 {\n\
              牵头：XX\n\
              // zhengce: allow(ZC0106) 内层\n\
              措施 乙 { 牵头：XX }\n\
            }\n\
            措施 丙 { 牵头：XX }\n";
        assert_eq!(
            allowed(text),
            [
                ("ZC0106".to_string(), 3),
                ("ZC0106".to_string(), 6),
                ("ZC0106".to_string(), 1)
            ]
        );
        let out = check_files(&[SourceFile::new("a.zc", text)]);
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    }
}
