//! Department names in two forms: one body written with and without its jurisdiction's name
//! (陇川县扶贫办 / 县扶贫办), or with and without 级 after its level (县级财政局 / 县财政局),
//! when no alias joins them. Documents switch between these forms from one paragraph to the
//! next; ZC0105 (abbreviations) does not see them, since the long form starts with the place name.

use super::levels::level_word;
use super::DocCtx;
use crate::ast::*;
use crate::codes;
use crate::diagnostic::Diagnostic;

/// A name reduced to its form without place name and without 级: 陇川县扶贫办 → 县扶贫办,
/// 县级财政局 → 县财政局, 陇川县委 → 县委. `None` when the name has no level word, or nothing
/// but its level word is left.
pub(crate) fn bare_form(name: &str) -> Option<String> {
    let (at, word) = level_word(name)?;
    let rest = &name[at + word.len()..];
    let rest = rest.strip_prefix('级').unwrap_or(rest);
    (!rest.is_empty()).then(|| format!("{word}{rest}"))
}

/// Whether two names are one body in two forms this module reports (so ZC0105 leaves them).
pub(crate) fn two_forms(a: &str, b: &str) -> bool {
    a != b && bare_form(a).is_some_and(|f| Some(f) == bare_form(b))
}

/// What the two forms differ by: 「辖区名「陇川」」 or 「“级”字」.
fn difference(long: &str, short: &str) -> String {
    let (Some((la, lw)), Some((sa, _))) = (level_word(long), level_word(short)) else {
        return String::new();
    };
    let place = &long[..la];
    let graded = |n: &str, at: usize, w: &str| n[at + w.len()..].starts_with('级');
    let mut parts = Vec::new();
    // `sa` is an offset in the short name: in the long one it may fall inside a character
    // (45天河边镇 against 河边镇), where no place name can be cut out.
    if let Some(extra) = place.get(sa..).filter(|_| la > sa) {
        parts.push(format!("辖区名「{extra}」"));
    }
    let sw = level_word(short).map_or("", |x| x.1);
    if graded(long, la, lw) != graded(short, sa, sw) {
        parts.push("“级”字".to_string());
    }
    parts.join("和")
}

pub(crate) fn check(cx: &DocCtx, out: &mut Vec<Diagnostic>) {
    // Every declared department name and alias, with its body (the item's position).
    let mut names: Vec<(String, &Name, usize)> = Vec::new();
    for (k, item) in cx.doc.items.iter().enumerate() {
        if let Item::Department(d) = item {
            for n in std::iter::once(&d.name).chain(d.aliases.iter()) {
                if let Some(form) = bare_form(&n.text) {
                    names.push((form, n, k));
                }
            }
        }
    }
    zhengce_runtime::sort::sort_by(&mut names, |a, b| a.0.cmp(&b.0));
    // Bodies already set against the registered form of their group, by item position.
    let mut reported = vec![false; cx.doc.items.len()];
    let mut warned = 0usize;
    for group in names.chunk_by(|a, b| a.0 == b.0) {
        // The first of the group in source order is the registered form the others are set
        // against; one report per other body.
        let first = group
            .iter()
            .min_by_key(|(_, n, _)| n.span.start)
            .expect("a group has members");
        for (_, n, body) in group {
            if *body == first.2 || reported[*body] || n.text == first.1.text {
                continue;
            }
            if warned == MAX_WARNINGS {
                if let Some(last) = out
                    .iter_mut()
                    .rev()
                    .find(|d| d.code == codes::DEPARTMENT_TWO_FORMS)
                {
                    last.notes.push(format!(
                        "部门太多,其余可能的两种写法未逐一列出(每个文件最多列出 {MAX_WARNINGS} 处)"
                    ));
                }
                return;
            }
            reported[*body] = true;
            warned += 1;
            let (a, b) = (first.1, *n);
            let (long, short) = if a.text.len() >= b.text.len() {
                (a, b)
            } else {
                (b, a)
            };
            let diff = difference(&long.text, &short.text);
            out.push(
                Diagnostic::warning(
                    codes::DEPARTMENT_TWO_FORMS,
                    format!(
                        "「{}」和「{}」只差{diff},可能是同一机构的两种写法,但没有声明别称",
                        long.text, short.text
                    ),
                )
                .primary(cx.file, b.span, "另一种写法")
                .secondary(cx.file, a.span, "先登记的写法")
                .note("同一文件中,机构名常常时而带辖区名(陇川县扶贫办)时而不带(县扶贫办),或时而带“级”字")
                .help(format!(
                    "若是同一机构,写「部门 {} 又称 {}」;若确是两个机构(如两个县的同名部门),可忽略此警告",
                    short.text, long.text
                )),
            );
        }
    }
}

/// The warnings [`check`] gives at most per document, as ZC0105 does.
const MAX_WARNINGS: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_support::checked;

    fn run(src: &str) -> Vec<(String, String)> {
        checked(src, |c| matches!(c, "ZC0108" | "ZC0105"))
    }

    #[test]
    fn forms() {
        assert_eq!(bare_form("陇川县扶贫办").as_deref(), Some("县扶贫办"));
        assert_eq!(bare_form("县级财政局").as_deref(), Some("县财政局"));
        assert_eq!(bare_form("县财政局").as_deref(), Some("县财政局"));
        assert_eq!(bare_form("镇江市扶贫办").as_deref(), Some("市扶贫办"));
        assert_eq!(bare_form("扶贫办"), None);
        assert_eq!(bare_form("陇川县委").as_deref(), Some("县委"));
        assert!(two_forms("县级财政局", "县财政局"));
        assert!(!two_forms("县财政局", "市财政局"));
    }

    #[test]
    fn one_body_with_and_without_its_place_or_grade() {
        let got = run("部门：县扶贫办、陇川县扶贫办、县财政局、县级财政局、县人社局\n");
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|(c, _)| c == "ZC0108"), "{got:?}");
        assert!(
            got.iter().any(|(_, m)| m.contains("只差辖区名「陇川」")),
            "{got:?}"
        );
        assert!(got.iter().any(|(_, m)| m.contains("只差“级”字")), "{got:?}");
        assert!(run("部门 县扶贫办 又称 陇川县扶贫办\n").is_empty());
        assert!(run("部门：县扶贫办、市扶贫办\n").is_empty());
    }

    #[test]
    fn a_prefix_that_is_not_whole_characters_does_not_panic() {
        // 45天 is 5 bytes: the short name's offset falls inside 河 of the long one.
        let got = run("部门：「河边镇941人」、「45天河边镇941人」\n");
        assert!(got.iter().all(|(c, _)| c == "ZC0108"), "{got:?}");
    }
}
