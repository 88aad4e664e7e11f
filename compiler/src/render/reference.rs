//! The renderers as they were before excerpts (`excerpt.rs`): ariadne and codespan drawing from
//! whole files. Kept for the tests only, which check that excerpts draw the same reports.

use ariadne::{Cache, Config, IndexType, Report, ReportKind};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel, LabelStyle};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config as CsConfig};

use super::files::{cs_severity, ChineseHeader};
use super::terminal::{
    add_labels_and_notes, localise_line, severity_color, stand_in, strip_ansi, visible,
};
use super::{kind_text, resolve_labels, trim_line_ends, Resolved, Sources, HELP_WORD, NOTE_WORD};
use crate::diagnostic::Diagnostic;

pub(super) fn render_ariadne(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    // Control characters in the snippets are shown, not sent to the terminal (see `visible`).
    let mut cache = ariadne::sources(
        sources
            .iter()
            .map(|(name, text)| (name.to_string(), visible(text).into_owned())),
    );
    let reports: Vec<String> = diags
        .iter()
        .map(|diag| render_one(diag, sources, color, &mut cache))
        .collect();
    reports.join("\n")
}

fn render_one(
    diag: &Diagnostic,
    sources: &Sources,
    color: bool,
    cache: &mut impl Cache<String>,
) -> String {
    let (labels, missing) = resolve_labels(diag, sources);
    let kind = kind_text(diag);
    let kind_color = severity_color(diag.severity);
    let primary = diag.primary_label();
    // ariadne 0.6.0's byte index mode mixes up char and byte offsets when it writes the
    // `file:line:col` of a second file's snippet (and panics inside a CJK char there; compare
    // rolldown/rolldown#3589), so spans go to ariadne as char offsets instead.
    let char_span = |r: &Resolved| {
        // `visible` drops a leading byte-order mark, so it is not a char of the snippet either.
        let bom = sources
            .get(&r.label.file)
            .is_some_and(|t| t.starts_with('\u{FEFF}'));
        let at = |byte: usize| {
            let chars = sources.char_offset(&r.label.file, byte).unwrap_or_default();
            chars - usize::from(bom && byte >= 3)
        };
        (r.label.file.clone(), at(r.range.start)..at(r.range.end))
    };
    // ariadne puts `file:line:col` of this span in the box's top edge.
    let span = labels
        .iter()
        .find(|r| primary.is_some_and(|p| std::ptr::eq(p, r.label)))
        .or(labels.first())
        .map_or((String::new(), 0..0), char_span);
    let config = Config::default()
        .with_index_type(IndexType::Char)
        .with_color(color);
    let mut report = Report::build(ReportKind::Custom(&kind, kind_color), span)
        .with_config(config)
        .with_message(visible(&diag.message));

    let footer = add_labels_and_notes(
        &mut report,
        diag,
        labels.iter().map(|r| (r, char_span(r))),
        missing,
        color,
    );

    let mut bytes = Vec::new();
    report
        .finish()
        .write(cache, &mut bytes)
        .expect("writing to a Vec cannot fail");
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    if !color {
        // The header is painted in the `ReportKind::Custom` colour regardless of the config.
        text = strip_ansi(&text);
    }
    let text: String = text.lines().map(|l| localise_line(l) + "\n").collect();
    trim_line_ends(&(text + &footer))
}

pub(super) fn render_codespan(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let mut files = SimpleFiles::new();
    // (name, id, whether the text is shown as it is, so spans need no mapping).
    let ids: Vec<(&str, usize, bool)> = sources
        .iter()
        .map(|(name, text)| {
            let shown = visible(text);
            let as_is = shown.len() == text.len() && matches!(shown, std::borrow::Cow::Borrowed(_));
            (name, files.add(name, shown.into_owned()), as_is)
        })
        .collect();
    let shown_as_is = |name: &str| ids.iter().any(|(n, _, as_is)| *n == name && *as_is);
    let file_id = |name: &str| {
        ids.iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, id, _)| *id)
            .expect("resolve_labels keeps only labels whose file is in Sources")
    };

    let config = CsConfig::default();
    let reports: Vec<String> = diags
        .iter()
        .map(|diag| {
            let mut buffer = if color {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            let cs_diag = to_codespan(diag, sources, &file_id, &shown_as_is);
            term::emit_to_write_style(
                &mut ChineseHeader::new(&mut buffer),
                &config,
                &files,
                &cs_diag,
            )
            .expect("every label's file is registered and the writer is in memory");
            // codespan ends some reports with a blank line and others not; end all alike.
            let text = trim_line_ends(&String::from_utf8_lossy(buffer.as_slice()));
            format!("{}\n", text.trim_end_matches('\n'))
        })
        .collect();
    reports.join("\n")
}

fn to_codespan(
    diag: &Diagnostic,
    sources: &Sources,
    file_id: &impl Fn(&str) -> usize,
    shown_as_is: &impl Fn(&str) -> bool,
) -> CsDiagnostic<usize> {
    let (labels, missing) = resolve_labels(diag, sources);
    let primary = diag.primary_label();
    let cs_labels = labels.iter().map(|r| {
        let style = if primary.is_some_and(|p| std::ptr::eq(p, r.label)) {
            LabelStyle::Primary
        } else {
            LabelStyle::Secondary
        };
        // The snippet shows `visible(text)`, whose stand-ins may be longer than what they replace.
        let text = sources.get(&r.label.file).unwrap_or_default();
        let range = if shown_as_is(&r.label.file) {
            r.range.clone()
        } else {
            visible_offset(text, r.range.start)..visible_offset(text, r.range.end)
        };
        CsLabel::new(style, file_id(&r.label.file), range).with_message(visible(&r.label.message))
    });
    // codespan prints notes as bare `= text` lines, so name them the way ariadne's are.
    let notes = diag
        .notes
        .iter()
        .chain(&missing)
        .map(|note| format!("{NOTE_WORD}: {}", visible(note)))
        .chain(
            diag.help
                .iter()
                .map(|help| format!("{HELP_WORD}: {}", visible(help))),
        );
    CsDiagnostic::new(cs_severity(diag.severity))
        .with_code(&diag.code)
        .with_message(visible(&diag.message))
        .with_labels_iter(cs_labels)
        .with_notes_iter(notes)
}

/// Where byte `offset` of `text` lies in [`visible`]`(text)`.
pub(super) fn visible_offset(text: &str, offset: usize) -> usize {
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let offset = offset.min(text.len()).saturating_sub(bom);
    let body = &text[bom..];
    let mut shift = 0usize;
    let mut chars = body[..offset].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars
            .peek()
            .map(|&(_, n)| n)
            .or_else(|| body[i + c.len_utf8()..].chars().next());
        if let Some(s) = stand_in(c, next) {
            shift += s.len_utf8();
            shift -= c.len_utf8();
        }
    }
    offset + shift
}
