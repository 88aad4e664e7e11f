//! The compiler's answers (byte spans, `ide` types) as lsp-types.

use lsp_types as lsp;
use zhengce_compiler::codes;
use zhengce_compiler::ide::{self, CompletionKind, FoldKind, SymbolKind, TokenKind};
use zhengce_compiler::{Diagnostic, Severity, Span};

use crate::lines::Lines;

/// A text with its line index: what turns spans into ranges.
pub struct Text<'t> {
    pub text: &'t str,
    pub lines: &'t Lines,
}

impl Text<'_> {
    pub fn range(&self, span: Span) -> lsp::Range {
        self.lines.range(self.text, span.start, span.end)
    }

    pub fn position(&self, offset: usize) -> lsp::Position {
        self.lines.position(self.text, offset)
    }

    pub fn offset(&self, position: lsp::Position) -> usize {
        self.lines.offset(self.text, position)
    }
}

/// The link to a code's entry in docs/diagnostics.md.
fn code_description(code: &str) -> Option<lsp::CodeDescription> {
    let info = codes::info(code)?;
    let href = zhengce_compiler::render::code_doc_url(info).parse().ok()?;
    Some(lsp::CodeDescription { href })
}

/// Findings whose span an editor should fade: the duplicate that is ignored, the lead listed
/// again among the responsible units.
fn tags(code: &str) -> Option<Vec<lsp::DiagnosticTag>> {
    matches!(code, codes::DUPLICATE_CLAUSE | codes::LEAD_ALSO_RESPONSIBLE)
        .then(|| vec![lsp::DiagnosticTag::UNNECESSARY])
}

/// A diagnostic in the file of its primary label. `locate` gives the text of any file of the
/// set (for secondary labels elsewhere) and its URI.
pub fn diagnostic<'a>(
    d: &Diagnostic,
    own: &Text,
    locate: &dyn Fn(&str) -> Option<(lsp::Uri, Text<'a>)>,
) -> lsp::Diagnostic {
    let primary = d.primary_label();
    let range = primary.map_or_else(lsp::Range::default, |l| own.range(l.span));
    let mut message = d.message.clone();
    for note in &d.notes {
        message.push_str("\n注: ");
        message.push_str(note);
    }
    if let Some(help) = &d.help {
        message.push_str("\n帮助: ");
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|l| !l.primary && !l.message.is_empty())
        .filter_map(|l| {
            let (uri, text) = locate(&l.file)?;
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri, text.range(l.span)),
                message: l.message.clone(),
            })
        })
        .collect();
    let primary_message = primary.map(|l| l.message.as_str()).unwrap_or("");
    if !primary_message.is_empty() {
        message = format!("{message}\n(此处:{primary_message})");
    }
    lsp::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Note => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.code.clone())),
        code_description: code_description(&d.code),
        source: Some("zhengce".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: tags(&d.code),
        data: None,
    }
}

pub fn hover(h: &ide::Hover, text: &Text) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: h.markdown.clone(),
        }),
        range: Some(text.range(h.span)),
    }
}

fn completion_kind(k: CompletionKind) -> lsp::CompletionItemKind {
    match k {
        CompletionKind::Keyword => lsp::CompletionItemKind::KEYWORD,
        CompletionKind::Code => lsp::CompletionItemKind::CONSTANT,
        CompletionKind::ClauseKey => lsp::CompletionItemKind::PROPERTY,
        CompletionKind::Department | CompletionKind::DepartmentClass => {
            lsp::CompletionItemKind::CLASS
        }
        CompletionKind::Scope => lsp::CompletionItemKind::ENUM,
        CompletionKind::Fact => lsp::CompletionItemKind::VARIABLE,
        CompletionKind::FactValue => lsp::CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Rule => lsp::CompletionItemKind::FUNCTION,
        CompletionKind::Target => lsp::CompletionItemKind::FIELD,
        CompletionKind::Measure => lsp::CompletionItemKind::METHOD,
        CompletionKind::Scheme | CompletionKind::AssessEntry => lsp::CompletionItemKind::STRUCT,
        CompletionKind::Document => lsp::CompletionItemKind::FILE,
        CompletionKind::Unit => lsp::CompletionItemKind::UNIT,
    }
}

pub fn completion(c: &ide::Completion, text: &Text, order: usize) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: c.label.clone(),
        kind: Some(completion_kind(c.kind)),
        detail: c.detail.clone(),
        // The editor's order is ours: keywords before keys, the document's order of names.
        sort_text: Some(format!("{order:05}")),
        filter_text: Some(c.label.clone()),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
            range: text.range(c.replace),
            new_text: c.insert.clone(),
        })),
        ..lsp::CompletionItem::default()
    }
}

fn symbol_kind(keyword: &str) -> lsp::SymbolKind {
    match keyword {
        "文件" => lsp::SymbolKind::FILE,
        "部门" | "部门类" => lsp::SymbolKind::CLASS,
        "范围" => lsp::SymbolKind::ENUM,
        "事实" => lsp::SymbolKind::VARIABLE,
        "目标" | "现状" => lsp::SymbolKind::FIELD,
        "标准" | "补助" => lsp::SymbolKind::FUNCTION,
        "措施" => lsp::SymbolKind::METHOD,
        "步骤" => lsp::SymbolKind::NAMESPACE,
        "阶段" => lsp::SymbolKind::EVENT,
        "考核" => lsp::SymbolKind::STRUCT,
        "项" | "调整" => lsp::SymbolKind::PROPERTY,
        "例" => lsp::SymbolKind::CONSTANT,
        _ => lsp::SymbolKind::OBJECT,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of lsp-types' struct.
pub fn symbol(s: &ide::Symbol, text: &Text) -> lsp::DocumentSymbol {
    let range = text.range(s.span);
    let mut selection = text.range(s.name_span);
    // The selection must lie inside the range.
    if selection.start < range.start || selection.end > range.end {
        selection = range;
    }
    lsp::DocumentSymbol {
        name: if s.name.is_empty() {
            s.kind.clone()
        } else {
            s.name.clone()
        },
        detail: Some(s.kind.clone()),
        kind: symbol_kind(&s.kind),
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: Some(s.children.iter().map(|c| symbol(c, text)).collect()),
    }
}

pub fn fold(f: &ide::Fold, text: &Text) -> Option<lsp::FoldingRange> {
    let start = text.position(f.span.start).line;
    let mut end = text.position(f.span.end).line;
    // Keep a block's closing brace visible.
    let last_line_start = text.lines.start(end as usize);
    let last = text.text[last_line_start..f.span.end.min(text.text.len())].trim();
    if f.kind == FoldKind::Item && (last == "}" || last == "｝") && end > 0 {
        end -= 1;
    }
    (end > start).then_some(lsp::FoldingRange {
        start_line: start,
        start_character: None,
        end_line: end,
        end_character: None,
        kind: Some(match f.kind {
            FoldKind::Item => lsp::FoldingRangeKind::Region,
            FoldKind::Comment => lsp::FoldingRangeKind::Comment,
        }),
        collapsed_text: None,
    })
}

/// The semantic token types, in the legend's order.
pub const TOKEN_TYPES: &[lsp::SemanticTokenType] = &[
    lsp::SemanticTokenType::KEYWORD,
    lsp::SemanticTokenType::PROPERTY,
    lsp::SemanticTokenType::CLASS,
    lsp::SemanticTokenType::TYPE,
    lsp::SemanticTokenType::VARIABLE,
    lsp::SemanticTokenType::ENUM_MEMBER,
    lsp::SemanticTokenType::STRUCT,
    lsp::SemanticTokenType::FUNCTION,
    lsp::SemanticTokenType::METHOD,
    lsp::SemanticTokenType::EVENT,
    lsp::SemanticTokenType::NAMESPACE,
    lsp::SemanticTokenType::NUMBER,
    lsp::SemanticTokenType::STRING,
    lsp::SemanticTokenType::COMMENT,
    lsp::SemanticTokenType::OPERATOR,
    lsp::SemanticTokenType::MACRO,
];

pub const TOKEN_MODIFIERS: &[lsp::SemanticTokenModifier] = &[
    lsp::SemanticTokenModifier::DECLARATION,
    lsp::SemanticTokenModifier::new("unresolved"),
];

fn token_type(kind: TokenKind) -> (u32, u32) {
    let ty =
        |t: &lsp::SemanticTokenType| TOKEN_TYPES.iter().position(|x| x == t).unwrap_or(0) as u32;
    match kind {
        TokenKind::Keyword => (ty(&lsp::SemanticTokenType::KEYWORD), 0),
        TokenKind::ClauseKey => (ty(&lsp::SemanticTokenType::PROPERTY), 0),
        TokenKind::Number | TokenKind::Date => (ty(&lsp::SemanticTokenType::NUMBER), 0),
        TokenKind::Comparator => (ty(&lsp::SemanticTokenType::OPERATOR), 0),
        TokenKind::Quote => (ty(&lsp::SemanticTokenType::STRING), 0),
        TokenKind::Comment => (ty(&lsp::SemanticTokenType::COMMENT), 0),
        TokenKind::Code => (ty(&lsp::SemanticTokenType::MACRO), 0),
        TokenKind::Unresolved => (ty(&lsp::SemanticTokenType::VARIABLE), 0b10),
        TokenKind::Name(s) => {
            let t = match s {
                SymbolKind::Document => lsp::SemanticTokenType::NAMESPACE,
                SymbolKind::Department | SymbolKind::DepartmentClass => {
                    lsp::SemanticTokenType::CLASS
                }
                SymbolKind::Scope => lsp::SemanticTokenType::TYPE,
                SymbolKind::Fact => lsp::SemanticTokenType::VARIABLE,
                SymbolKind::FactValue => lsp::SemanticTokenType::ENUM_MEMBER,
                SymbolKind::Rule => lsp::SemanticTokenType::FUNCTION,
                SymbolKind::Measure => lsp::SemanticTokenType::METHOD,
                SymbolKind::Phase | SymbolKind::Schedule => lsp::SemanticTokenType::EVENT,
                _ => lsp::SemanticTokenType::STRUCT,
            };
            (ty(&t), 0)
        }
    }
}

/// Tokens in the protocol's relative encoding; a token over several lines is cut at each line
/// end (clients need not support multi-line tokens).
pub fn tokens(tokens: &[ide::Token], text: &Text) -> Vec<lsp::SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut prev_line, mut prev_start) = (0u32, 0u32);
    for t in tokens {
        let (token_type, mut modifiers) = token_type(t.kind);
        if t.definition {
            modifiers |= 1;
        }
        let mut start = t.span.start;
        while start < t.span.end {
            let pos = text.position(start);
            let line_end = text
                .text
                .get(start..t.span.end)
                .and_then(|s| s.find(['\n', '\r']))
                .map_or(t.span.end, |i| start + i);
            let end = text.position(line_end);
            if end.character > pos.character {
                let delta_line = pos.line - prev_line;
                let delta_start = if delta_line == 0 {
                    pos.character - prev_start
                } else {
                    pos.character
                };
                out.push(lsp::SemanticToken {
                    delta_line,
                    delta_start,
                    length: end.character - pos.character,
                    token_type,
                    token_modifiers_bitset: modifiers,
                });
                prev_line = pos.line;
                prev_start = pos.character;
            }
            // Past the line end (CRLF is two bytes).
            let rest = &text.text[line_end..t.span.end.min(text.text.len())];
            let skip = rest.len() - rest.trim_start_matches(['\r', '\n']).len();
            if skip == 0 {
                break;
            }
            start = line_end + skip.min(2);
        }
    }
    out
}

pub fn inlay_hint(h: &ide::InlayHint, text: &Text) -> lsp::InlayHint {
    lsp::InlayHint {
        position: text.position(h.offset),
        label: lsp::InlayHintLabel::String(h.label.clone()),
        kind: None,
        text_edits: None,
        tooltip: Some(lsp::InlayHintTooltip::String(h.tooltip.clone())),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

/// The edits that turn `old` into `new`, line by line (so an editor keeps the cursor and the
/// folds where nothing changed), rather than one edit replacing the whole text.
pub fn minimal_edits(old: &str, new: &str, text: &Text) -> Vec<lsp::TextEdit> {
    use similar::{DiffOp, TextDiff};
    let diff = TextDiff::from_lines(old, new);
    let old_lines: Vec<&str> = diff.old_slices().to_vec();
    let new_lines: Vec<&str> = diff.new_slices().to_vec();
    let mut starts = Vec::with_capacity(old_lines.len() + 1);
    let mut at = 0;
    for l in &old_lines {
        starts.push(at);
        at += l.len();
    }
    starts.push(at);
    let old_offset = |i: usize| starts[i];
    let mut edits = Vec::new();
    for op in diff.ops() {
        let (old_range, new_range) = match *op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        let span = Span::new(old_offset(old_range.start), old_offset(old_range.end));
        edits.push(lsp::TextEdit {
            range: text.range(span),
            new_text: new_lines[new_range].concat(),
        });
    }
    edits
}
