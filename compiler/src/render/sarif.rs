//! SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) for code-scanning services
//! such as GitHub code scanning.
//!
//! One run, whose `tool.driver` lists one rule per catalogue code (id, name, the title as
//! `shortDescription`, the first paragraph of the code's section in docs/diagnostics/ as
//! `fullDescription`, the whole section as `help`, a `helpUri` into docs/diagnostics.md and the
//! default level); one result per diagnostic with `ruleId`/`ruleIndex`, `level`, the message
//! (with notes and help on further lines), the primary label as `locations` and the other labels
//! as `relatedLocations`.
//!
//! **Columns.** SARIF counts columns in UTF-16 code units unless the run says otherwise
//! (§3.14.17 `columnKind`, default `utf16CodeUnits`); we say so explicitly with
//! `"columnKind": "utf16CodeUnits"` and compute columns with [`utf16_col`]. A CJK character is
//! one unit, a character outside the Basic Multilingual Plane (`𠀀`) two. `endColumn` is
//! exclusive (§3.30.8: the column just past the region). Each region also carries the exact
//! `byteOffset`/`byteLength` of the span in the UTF-8 file.
//!
//! Artifact URIs are the file names as the diagnostics carry them (relative to the directory
//! `zhengce check` ran in), with `\` turned into `/` and everything but unreserved ASCII
//! characters percent-encoded, as a URI reference must be.

use serde_json::{json, Value};

use super::{Sources, HELP_WORD, NOTE_WORD};
use crate::codes::{CodeInfo, CATALOGUE};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::position::clamp_span;

/// The schema the output declares (and is tested against: tests/data/sarif-schema-2.1.0.json).
pub const SARIF_SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Where the project lives: the package's `repository`, or this default when it has none.
/// Rule help links point into `docs/diagnostics.md` there.
pub fn project_url() -> &'static str {
    match env!("CARGO_PKG_REPOSITORY") {
        "" => "https://github.com/zhengce/zhengce",
        url => url,
    }
}

/// Each catalogue code's section of docs/diagnostics/, embedded when the compiler is built.
/// A test checks that the table lists exactly the catalogue's codes, in order.
macro_rules! rule_docs {
    ($($code:literal)*) => {
        &[$(($code, include_str!(concat!("../../../docs/diagnostics/", $code, ".md"))),)*]
    };
}

pub(crate) const RULE_DOCS: &[(&str, &str)] = rule_docs! {
    "ZC0001" "ZC0002" "ZC0003" "ZC0004" "ZC0005" "ZC0006" "ZC0007" "ZC0008" "ZC0009" "ZC0010"
    "ZC0011" "ZC0012" "ZC0013" "ZC0014" "ZC0015"
    "ZC0101" "ZC0102" "ZC0103" "ZC0104" "ZC0105" "ZC0106" "ZC0107" "ZC0108"
    "ZC0201" "ZC0202" "ZC0203" "ZC0204" "ZC0205" "ZC0206"
    "ZC0301" "ZC0302" "ZC0303" "ZC0304" "ZC0305" "ZC0306" "ZC0307" "ZC0308" "ZC0309" "ZC0310"
    "ZC0401" "ZC0402" "ZC0403" "ZC0404" "ZC0405" "ZC0406" "ZC0407" "ZC0408" "ZC0409"
    "ZC0410" "ZC0411" "ZC0420" "ZC0421" "ZC0422"
    "ZC0501" "ZC0502"
    "ZC0601"
    "ZC0701" "ZC0702" "ZC0703" "ZC0704"
    "ZC0801" "ZC0802" "ZC0803" "ZC0804" "ZC0805"
    "ZC0901" "ZC0902"
    "ZC1001"
    "ZC1101" "ZC1102" "ZC1103"
    "ZC1201"
};

/// The SARIF log for `diags`, pretty-printed, ending in a newline.
pub fn render_sarif(diags: &[Diagnostic], sources: &Sources) -> String {
    let results: Vec<Value> = diags.iter().map(|d| result(d, sources)).collect();
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "zhengce",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": project_url(),
                    "language": "zh-CN",
                    "rules": CATALOGUE.iter().map(rule).collect::<Vec<_>>(),
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).expect("the log holds only JSON values");
    out.push('\n');
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The reporting descriptor of one catalogue code.
fn rule(info: &CodeInfo) -> Value {
    let doc = rule_doc(info.code).unwrap_or("");
    let body = section_body(doc);
    let first = first_paragraph(body);
    json!({
        "id": info.code,
        "name": pascal_case(info.name),
        "shortDescription": { "text": info.title },
        "fullDescription": { "text": plain(first), "markdown": first },
        "help": { "text": body, "markdown": body },
        "helpUri": help_uri(info),
        "defaultConfiguration": { "level": level(info.severity) },
    })
}

/// The embedded section of docs/diagnostics/ for `code`.
pub(crate) fn rule_doc(code: &str) -> Option<&'static str> {
    RULE_DOCS.iter().find(|(c, _)| *c == code).map(|(_, d)| *d)
}

/// A section without its `## ZCxxxx title` heading line.
fn section_body(doc: &str) -> &str {
    let doc = doc.trim();
    match doc.split_once('\n') {
        Some((heading, rest)) if heading.starts_with("## ") => rest.trim(),
        _ => doc,
    }
}

fn first_paragraph(body: &str) -> &str {
    body.split("\n\n").next().unwrap_or("").trim()
}

/// Markdown emphasis and code marks removed, for the `text` variants.
fn plain(markdown: &str) -> String {
    markdown.replace("**", "").replace('`', "")
}

/// `BREAKDOWN_SUM` → `BreakdownSum`.
fn pascal_case(name: &str) -> String {
    name.split('_')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + &cs.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect()
}

/// `…/docs/diagnostics.md#zc0201-分项合计与总数不符`, percent-encoded.
fn help_uri(info: &CodeInfo) -> String {
    code_doc_url(info)
}

/// The link to a code's entry in `docs/diagnostics.md` (SARIF's `helpUri`, the language
/// server's `codeDescription`).
pub fn code_doc_url(info: &CodeInfo) -> String {
    let heading = format!("{} {}", info.code, info.title);
    format!(
        "{}/blob/main/docs/diagnostics.md#{}",
        project_url(),
        percent_encode(&github_anchor(&heading), "-_")
    )
}

/// The anchor GitHub gives a Markdown heading: lower case; every character that is not a
/// letter, a digit, a space, `-` or `_` removed; spaces turned into `-`.
/// (`ZC0008 错误过多,停止检查` → `zc0008-错误过多停止检查`.)
pub fn github_anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Percent-encodes every byte but ASCII letters, digits and `keep`.
fn percent_encode(s: &str, keep: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || keep.as_bytes().contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A file name as a relative URI reference.
fn artifact_uri(file: &str) -> String {
    percent_encode(&file.replace('\\', "/"), "-._~/")
}

fn result(diag: &Diagnostic, sources: &Sources) -> Value {
    let mut r = serde_json::Map::new();
    if !diag.code.is_empty() {
        r.insert("ruleId".into(), json!(diag.code));
        if let Some(i) = CATALOGUE.iter().position(|c| c.code == diag.code) {
            r.insert("ruleIndex".into(), json!(i));
        }
    }
    r.insert("level".into(), json!(level(diag.severity)));
    r.insert("message".into(), json!({ "text": message_text(diag) }));
    let primary = diag.primary_label();
    if let Some(label) = primary {
        r.insert("locations".into(), json!([location(label, sources, None)]));
    }
    let related: Vec<Value> = diag
        .labels
        .iter()
        .filter(|l| primary.is_none_or(|p| !std::ptr::eq(*l, p)))
        .enumerate()
        .map(|(i, l)| location(l, sources, Some(i)))
        .collect();
    if !related.is_empty() {
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    Value::Object(r)
}

/// The sentence, then notes and help on lines of their own.
fn message_text(diag: &Diagnostic) -> String {
    let mut text = diag.message.clone();
    for note in &diag.notes {
        text.push_str(&format!("\n{NOTE_WORD}: {note}"));
    }
    if let Some(help) = &diag.help {
        text.push_str(&format!("\n{HELP_WORD}: {help}"));
    }
    text
}

/// A location: the file, and the region when the file's text is known. Related locations get
/// an `id`.
fn location(label: &Label, sources: &Sources, id: Option<usize>) -> Value {
    let mut physical = serde_json::Map::new();
    physical.insert(
        "artifactLocation".into(),
        json!({ "uri": artifact_uri(&label.file) }),
    );
    if let Some(text) = sources.get(&label.file) {
        let range = clamp_span(text, label.span);
        // Through the file's line index: many results in a big file are not quadratic.
        let file = label.file.as_str();
        let line = |offset| sources.line_col(file, offset).map_or(1, |(l, _)| l);
        let col = |offset| sources.utf16_col(file, offset).unwrap_or(1);
        physical.insert(
            "region".into(),
            json!({
                "startLine": line(range.start),
                "startColumn": col(range.start),
                "endLine": line(range.end),
                "endColumn": col(range.end),
                "byteOffset": range.start,
                "byteLength": range.end - range.start,
            }),
        );
    }
    let mut loc = serde_json::Map::new();
    if let Some(id) = id {
        loc.insert("id".into(), json!(id));
    }
    loc.insert("physicalLocation".into(), Value::Object(physical));
    if !label.message.is_empty() {
        loc.insert("message".into(), json!({ "text": label.message }));
    }
    Value::Object(loc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn the_rule_docs_table_is_the_catalogue() {
        let table: Vec<&str> = RULE_DOCS.iter().map(|(c, _)| *c).collect();
        let catalogue: Vec<&str> = CATALOGUE.iter().map(|c| c.code).collect();
        assert_eq!(
            table, catalogue,
            "RULE_DOCS must list every catalogue code, in order"
        );
        for (info, (_, doc)) in CATALOGUE.iter().zip(RULE_DOCS) {
            let heading = format!("## {} {}", info.code, info.title);
            assert!(doc.starts_with(&heading), "{}: {heading}", info.code);
            assert!(
                first_paragraph(section_body(doc)).contains(info.severity.word()),
                "{}: the first paragraph states the severity",
                info.code
            );
        }
    }

    #[test]
    fn anchors_match_the_index_table() {
        let intro = include_str!("../../../docs/diagnostics/_intro.md");
        for info in CATALOGUE {
            let anchor = github_anchor(&format!("{} {}", info.code, info.title));
            assert!(
                intro.contains(&format!("[{}](#{anchor})", info.code)),
                "{}: #{anchor} is not the anchor docs/diagnostics/_intro.md links to",
                info.code
            );
        }
        assert_eq!(
            github_anchor("ZC0005 文件不是有效的 UTF-8 文本"),
            "zc0005-文件不是有效的-utf-8-文本"
        );
    }

    #[test]
    fn names_uris_and_encoding() {
        assert_eq!(pascal_case("BREAKDOWN_SUM"), "BreakdownSum");
        assert_eq!(
            artifact_uri("policies\\湖北 a.zc"),
            "policies/%E6%B9%96%E5%8C%97%20a.zc"
        );
        let info = crate::codes::info("ZC0008").unwrap();
        assert!(help_uri(info).ends_with(
            "/blob/main/docs/diagnostics.md#zc0008-%E9%94%99%E8%AF%AF%E8%BF%87%E5%A4%9A%E5%81%9C%E6%AD%A2%E6%A3%80%E6%9F%A5"
        ));
    }

    #[test]
    fn regions_count_utf16_units() {
        let text = "目标 甲 {\n  值：𠀀232万人\n}\n";
        let start = text.find("232").unwrap();
        let d = Diagnostic::error("ZC0201", "m")
            .primary("a.zc", Span::new(start, start + "232万人".len()), "p")
            .secondary("a.zc", Span::new(7, 10), "s");
        let log: Value =
            serde_json::from_str(&render_sarif(&[d], &Sources::new().with("a.zc", text))).unwrap();
        let r = &log["runs"][0]["results"][0];
        let index = crate::codes::CATALOGUE
            .iter()
            .position(|c| c.code == "ZC0201")
            .unwrap();
        assert_eq!(r["ruleIndex"], json!(index));
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startColumn"], json!(7));
        assert_eq!(region["endColumn"], json!(12));
        assert_eq!(region["byteLength"], json!("232万人".len()));
        assert_eq!(r["relatedLocations"][0]["id"], json!(0));
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"],
            json!(4)
        );
    }
}
