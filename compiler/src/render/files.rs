//! rustc-style reports drawn by codespan-reporting 0.13.

use std::io;
use std::ops::Range;

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, LabelStyle, Severity as CsSeverity,
};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config, WriteStyle};

use super::excerpt::Excerpt;
use super::terminal::visible;
use super::{resolve_labels, trim_line_ends, Resolved, Sources, HELP_WORD, NOTE_WORD};
use crate::diagnostic::{Diagnostic, Severity};

/// codespan-reporting's rustc-style report per diagnostic, headed `错误[ZC0001]: message`.
/// With `color` false the text holds no ANSI escapes.
///
/// Each report is drawn from an [`Excerpt`] of each file it labels (codespan's lines, with
/// codespan's line numbers and columns given back by [`ExcerptFiles`]), so its cost is the size
/// of its snippet, whatever the size of the file.
pub fn render_codespan(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let config = Config::default();
    let reports: Vec<String> = diags
        .iter()
        .map(|diag| {
            let mut buffer = if color {
                Buffer::ansi()
            } else {
                Buffer::no_color()
            };
            let (files, cs_diag) = to_codespan(diag, sources, &config);
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

/// The excerpts of one diagnostic's files as codespan's [`Files`]: excerpt lines carry the
/// files' line numbers, columns are counted in the files.
struct ExcerptFiles<'a> {
    files: Vec<(&'a str, Excerpt)>,
}

impl<'a> Files<'a> for ExcerptFiles<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.files
            .get(id)
            .map(|f| f.0)
            .ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        self.excerpt(id).map(|x| x.text.as_str())
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.excerpt(id)?.line_at_byte(byte_index))
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, FilesError> {
        Ok(self.excerpt(id)?.number(line_index))
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let excerpt = self.excerpt(id)?;
        let range = excerpt.line_range(line_index);
        let end = byte_index.clamp(range.start, range.end);
        let col = excerpt.text[range.start..end].chars().count();
        Ok(excerpt.source_line_col(line_index, col).1)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, FilesError> {
        let excerpt = self.excerpt(id)?;
        match line_index.cmp(&excerpt.line_count()) {
            std::cmp::Ordering::Greater => Err(FilesError::LineTooLarge {
                given: line_index,
                max: excerpt.line_count().saturating_sub(1),
            }),
            _ => Ok(excerpt.line_range(line_index)),
        }
    }
}

impl ExcerptFiles<'_> {
    fn excerpt(&self, id: usize) -> Result<&Excerpt, FilesError> {
        self.files
            .get(id)
            .map(|f| &f.1)
            .ok_or(FilesError::FileMissing)
    }
}

/// The lines codespan shows of a file for labels spanning `lines` (first and last line, 0-based,
/// the last being where the label's end offset is): each label's first and last line, for a
/// label over several lines the context lines `config` asks for, and a lone line between two
/// shown ones (codespan shows it rather than a `·`).
fn codespan_lines(lines: &[(usize, usize)], config: &Config) -> Vec<usize> {
    let mut shown = std::collections::BTreeSet::new();
    for &(first, last) in lines {
        shown.insert(first);
        shown.insert(last);
        for l in first.saturating_sub(config.before_label_lines)..first {
            shown.insert(l);
        }
        for l in last + 1..=last + config.after_label_lines {
            shown.insert(l);
        }
        if last > first + 1 {
            for l in first + 1..=(first + config.start_context_lines).min(last - 1) {
                shown.insert(l);
            }
            for l in (last - config.end_context_lines).max(first + 1)..last {
                shown.insert(l);
            }
        }
    }
    let gaps: Vec<usize> = shown
        .iter()
        .filter(|&&l| !shown.contains(&(l + 1)) && shown.contains(&(l + 2)))
        .map(|&l| l + 1)
        .collect();
    shown.extend(gaps);
    shown.into_iter().collect()
}

fn to_codespan<'a>(
    diag: &Diagnostic,
    sources: &'a Sources,
    config: &Config,
) -> (ExcerptFiles<'a>, CsDiagnostic<usize>) {
    let (labels, missing) = resolve_labels(diag, sources);
    let primary = diag.primary_label();
    // One excerpt per file, in the order of the labels (which resolve_labels grouped by file).
    let mut groups: Vec<(&'a str, Vec<&Resolved>)> = Vec::new();
    for r in &labels {
        let (name, _) = sources
            .iter()
            .find(|(n, _)| *n == r.label.file)
            .expect("resolve_labels keeps only labels whose file is in Sources");
        match groups.iter_mut().find(|(f, _)| *f == name) {
            Some((_, group)) => group.push(r),
            None => groups.push((name, vec![r])),
        }
    }
    let mut files = ExcerptFiles { files: Vec::new() };
    let mut cs_labels = Vec::with_capacity(labels.len());
    for (id, (name, group)) in groups.into_iter().enumerate() {
        let (text, index) = sources.indexed(name).expect("a file of Sources");
        let points: Vec<usize> = group
            .iter()
            .flat_map(|r| [r.range.start, r.range.end])
            .collect();
        let spans: Vec<(usize, usize)> = group
            .iter()
            .map(|r| {
                let line = |at| {
                    index
                        .line_of(crate::position::floor_char_boundary(text, at))
                        .0
                };
                (line(r.range.start), line(r.range.end))
            })
            .collect();
        let excerpt = Excerpt::new(text, index, &points, &codespan_lines(&spans, config), 2);
        for r in group {
            let style = if primary.is_some_and(|p| std::ptr::eq(p, r.label)) {
                LabelStyle::Primary
            } else {
                LabelStyle::Secondary
            };
            let start = excerpt.locate(text, index, r.range.start).1;
            let end = excerpt.locate(text, index, r.range.end).1;
            cs_labels
                .push(CsLabel::new(style, id, start..end).with_message(visible(&r.label.message)));
        }
        files.files.push((name, excerpt));
    }
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
    let cs_diag = CsDiagnostic::new(cs_severity(diag.severity))
        .with_code(&diag.code)
        .with_message(visible(&diag.message))
        .with_labels(cs_labels)
        .with_notes_iter(notes);
    (files, cs_diag)
}

pub(super) fn cs_severity(severity: Severity) -> CsSeverity {
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
pub(super) struct ChineseHeader<W> {
    inner: W,
    pending: Option<CsSeverity>,
}

impl<W> ChineseHeader<W> {
    pub(super) fn new(inner: W) -> ChineseHeader<W> {
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
