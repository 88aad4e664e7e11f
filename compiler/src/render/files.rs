//! rustc-style reports drawn by codespan-reporting 0.13.

use std::io;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config, WriteStyle};

use super::terminal::{visible, visible_offset};
use super::{resolve_labels, trim_line_ends, Sources, HELP_WORD, NOTE_WORD};
use crate::diagnostic::{Diagnostic, Severity};

/// codespan-reporting's rustc-style report per diagnostic, headed `错误[ZC0001]: message`.
/// With `color` false the text holds no ANSI escapes.
pub fn render_codespan(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
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

    let config = Config::default();
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

fn cs_severity(severity: Severity) -> CsSeverity {
    match severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Note => CsSeverity::Note,
    }
}

/// Prints the Chinese severity word in codespan's header instead of `error`/`warning`/`note`.
///
/// codespan 0.13 has no setting for the header word: its renderer calls `set_header(severity)`
/// and then writes the English word in one `write`. This writer notes the call and swaps that
/// one write, leaving everything else (colours included) to the inner writer.
struct ChineseHeader<W> {
    inner: W,
    pending: Option<CsSeverity>,
}

impl<W> ChineseHeader<W> {
    fn new(inner: W) -> ChineseHeader<W> {
        ChineseHeader {
            inner,
            pending: None,
        }
    }
}

fn english_and_chinese(severity: CsSeverity) -> (&'static str, &'static str) {
    match severity {
        CsSeverity::Bug => ("bug", Severity::Error.word()),
        CsSeverity::Error => ("error", Severity::Error.word()),
        CsSeverity::Warning => ("warning", Severity::Warning.word()),
        CsSeverity::Note => ("note", Severity::Note.word()),
        CsSeverity::Help => ("help", HELP_WORD),
    }
}

impl<W: WriteStyle> io::Write for ChineseHeader<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(severity) = self.pending.take() {
            let (english, chinese) = english_and_chinese(severity);
            if buf == english.as_bytes() {
                self.inner.write_all(chinese.as_bytes())?;
                return Ok(buf.len());
            }
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: WriteStyle> WriteStyle for ChineseHeader<W> {
    fn set_header(&mut self, severity: CsSeverity) -> io::Result<()> {
        self.pending = Some(severity);
        self.inner.set_header(severity)
    }

    fn set_header_message(&mut self) -> io::Result<()> {
        self.pending = None;
        self.inner.set_header_message()
    }

    fn set_line_number(&mut self) -> io::Result<()> {
        self.pending = None;
        self.inner.set_line_number()
    }

    fn set_note_bullet(&mut self) -> io::Result<()> {
        self.pending = None;
        self.inner.set_note_bullet()
    }

    fn set_source_border(&mut self) -> io::Result<()> {
        self.pending = None;
        self.inner.set_source_border()
    }

    fn set_label(&mut self, severity: CsSeverity, label_style: LabelStyle) -> io::Result<()> {
        self.pending = None;
        self.inner.set_label(severity, label_style)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.inner.reset()
    }
}
