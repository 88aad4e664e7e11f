//! Boxed terminal reports drawn by ariadne 0.6.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use ariadne::{Cache, Color, Config, IndexType, Label, Report, ReportKind, Source};

use super::excerpt::Excerpt;
use super::{kind_text, resolve_labels, trim_line_ends, Resolved, Sources, HELP_WORD, NOTE_WORD};
use crate::diagnostic::{Diagnostic, Severity};

/// One ariadne report per diagnostic, headed `错误[ZC0001]: message`; labels may span files.
/// With `color` false the text holds no ANSI escapes.
///
/// Each report is drawn from an [`Excerpt`] of each file it labels, so its cost is the size of
/// its snippet, whatever the size of the file or the distance between its labels.
pub fn render_ariadne(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let reports: Vec<String> = diags
        .iter()
        .map(|diag| render_one(diag, sources, color))
        .collect();
    reports.join("\n")
}

/// The excerpts of one report, as ariadne fetches them: excerpt `i` of the report is source `i`,
/// and is named by a token that [`Renumber`] replaces with the file's name and position.
struct ExcerptCache {
    sources: Vec<Source<String>>,
}

impl Cache<usize> for ExcerptCache {
    type Storage = String;

    fn fetch(&mut self, id: &usize) -> Result<&Source<String>, impl fmt::Debug> {
        self.sources.get(*id).ok_or("no such excerpt")
    }

    fn display<'a>(&self, id: &'a usize) -> Option<impl fmt::Display + 'a> {
        Some(token(*id))
    }
}

/// What stands for excerpt `id`'s name in ariadne's output until [`Renumber`] replaces it.
fn token(id: usize) -> String {
    format!("\u{1}{id}\u{1}")
}

fn render_one(diag: &Diagnostic, sources: &Sources, color: bool) -> String {
    let (labels, missing) = resolve_labels(diag, sources);
    let kind = kind_text(diag);
    let kind_color = severity_color(diag.severity);
    let primary = diag.primary_label();

    // One excerpt per file, in the order of the labels (which resolve_labels grouped by file):
    // the lines of every label's start and last char.
    let mut files: Vec<(&str, Vec<&Resolved>)> = Vec::new();
    for r in &labels {
        match files.iter_mut().find(|(f, _)| *f == r.label.file) {
            Some((_, group)) => group.push(r),
            None => files.push((&r.label.file, vec![r])),
        }
    }
    let mut excerpts = Vec::with_capacity(files.len());
    let mut spans: Vec<(usize, Range<usize>)> = Vec::with_capacity(labels.len());
    for (id, (file, group)) in files.iter().enumerate() {
        let (text, index) = sources
            .indexed(file)
            .expect("resolve_labels kept known files");
        let points: Vec<usize> = group
            .iter()
            .flat_map(|r| [r.range.start, last_char(text, &r.range)])
            .collect();
        let excerpt = Excerpt::new(text, index, &points, &[], 1);
        for r in group {
            let start = excerpt.locate(text, index, r.range.start).0;
            let end = if r.range.end > r.range.start {
                excerpt.locate(text, index, last_char(text, &r.range)).0 + 1
            } else {
                start
            };
            spans.push((id, start..end));
        }
        excerpts.push(excerpt);
    }
    // resolve_labels sorted the labels by file, so `spans` is in the order of `labels`.
    let span_of = |r: &Resolved| -> (usize, Range<usize>) {
        labels
            .iter()
            .position(|l| std::ptr::eq(l.label, r.label))
            .map_or((usize::MAX, 0..0), |i| spans[i].clone())
    };
    // ariadne puts `file:line:col` of this span in the box's top edge.
    let span = labels
        .iter()
        .find(|r| primary.is_some_and(|p| std::ptr::eq(p, r.label)))
        .or(labels.first())
        .map_or((usize::MAX, 0..0), span_of);
    let config = Config::default()
        .with_index_type(IndexType::Char)
        .with_color(color);
    let message = visible(&diag.message);
    let title_rows = 1 + message.matches('\n').count();
    let mut report = Report::build(ReportKind::Custom(&kind, kind_color), span)
        .with_config(config)
        .with_message(message);

    let footer = add_labels_and_notes(
        &mut report,
        diag,
        labels.iter().zip(spans.iter().cloned()),
        missing,
        color,
    );

    // The width ariadne gives line numbers is that of each snippet's last line; in the file.
    let widest = files
        .iter()
        .enumerate()
        .map(|(id, _)| {
            let group = spans.iter().filter(|(i, _)| *i == id);
            let start = group.clone().map(|(_, s)| s.start).min().unwrap_or(0);
            let end = group.map(|(_, s)| s.end).max().unwrap_or(0);
            let excerpt = &excerpts[id];
            excerpt.number(excerpt.line_at_char(end.saturating_sub(1).max(start)))
        })
        .max()
        .unwrap_or(0);
    let renumber = Renumber {
        excerpts: &excerpts,
        names: files.iter().map(|(f, _)| *f).collect(),
        width: digits(widest),
    };

    let mut cache = ExcerptCache {
        sources: excerpts
            .iter()
            .map(|x| Source::from(x.text.clone()))
            .collect(),
    };
    let mut bytes = Vec::new();
    report
        .finish()
        .write(&mut cache, &mut bytes)
        .expect("writing to a Vec cannot fail");
    let mut text = renumber.apply(&String::from_utf8_lossy(&bytes), title_rows);
    if !color {
        // The header is painted in the `ReportKind::Custom` colour regardless of the config.
        if text.contains('\x1b') {
            text = strip_ansi(&text);
        }
    }
    let text: String = text.lines().map(|l| localise_line(l) + "\n").collect();
    trim_line_ends(&(text + &footer))
}

/// The byte offset of the last char of a non-empty `range` of `text` (its start when empty):
/// where ariadne ends a label.
fn last_char(text: &str, range: &Range<usize>) -> usize {
    if range.end > range.start {
        crate::position::floor_char_boundary(text, range.end - 1)
    } else {
        range.start
    }
}

/// Digits of `n` (1 for 0), as ariadne counts a line number's width.
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Turns a report ariadne drew from excerpts into the report of the files: line numbers in the
/// left margin (whose width is then that of the files' numbers) and `file:line:col` in each
/// snippet's top edge.
struct Renumber<'a> {
    excerpts: &'a [Excerpt],
    names: Vec<&'a str>,
    /// Width of the widest line number, as ariadne would have it drawing from the files.
    width: usize,
}

impl Renumber<'_> {
    fn apply(&self, report: &str, title_rows: usize) -> String {
        let rows: Vec<&str> = report.split_inclusive('\n').collect();
        let mut out = String::with_capacity(report.len() + rows.len() * 4);
        for row in rows.iter().take(title_rows) {
            out.push_str(row);
        }
        // The margin ariadne drew: its first row is a snippet's top edge, indented by it.
        let Some(first) = rows.get(title_rows) else {
            return out;
        };
        let margin = strip_ansi(first).chars().take_while(|&c| c == ' ').count();
        let mut excerpt = 0;
        for row in &rows[title_rows..] {
            let edge = self.top_edge(row).map(|(id, edge)| {
                excerpt = id;
                edge
            });
            let row = edge.as_deref().unwrap_or(row);
            match self.margin(row, margin, excerpt) {
                Some(redrawn) => out.push_str(&redrawn),
                None => out.push_str(row),
            }
        }
        out
    }

    /// A snippet's top edge with `token:line:col` replaced by the file's `name:line:col`.
    fn top_edge(&self, row: &str) -> Option<(usize, String)> {
        // Only a top edge holds a token, and only after the margin's spaces.
        if !row.trim_start_matches(' ').starts_with(['╭', '├', '\x1b']) {
            return None;
        }
        let open = row.find('\u{1}')?;
        let close = open + 1 + row[open + 1..].find('\u{1}')?;
        let id: usize = row[open + 1..close].parse().ok()?;
        let rest = row[close + 1..].strip_prefix(':')?;
        let line_end = rest.find(':')?;
        let line: usize = rest[..line_end].parse().ok()?;
        let col_text = &rest[line_end + 1..];
        let col_end = col_text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(col_text.len());
        let col: usize = col_text[..col_end].parse().ok()?;
        let excerpt = self.excerpts.get(id)?;
        let (line, col) = excerpt.source_line_col(line.checked_sub(1)?, col.checked_sub(1)?);
        let name = self.names.get(id)?;
        Some((
            id,
            format!(
                "{}{name}:{line}:{col}{}",
                &row[..open],
                &col_text[col_end..]
            ),
        ))
    }

    /// `row` with its first `margin` columns redrawn `self.width + 2` wide, a line number of
    /// excerpt `id` replaced by the file's; `None` for a row that does not start with a margin.
    fn margin(&self, row: &str, margin: usize, id: usize) -> Option<String> {
        // The margin's characters, and the escape sequences before the first and second of them
        // (ariadne colours a margin as a whole, starting at most one column in).
        let mut shown = String::new();
        let mut escapes: [String; 2] = Default::default();
        let mut count = 0;
        let mut rest = row;
        while count < margin {
            if let Some(after) = rest.strip_prefix("\x1b[") {
                let end = after.find(|c: char| ('@'..='~').contains(&c))?;
                let sequence = &rest[..2 + end + 1];
                escapes.get_mut(count)?.push_str(sequence);
                rest = &rest[sequence.len()..];
                continue;
            }
            let c = rest.chars().next()?;
            shown.push(c);
            rest = &rest[c.len_utf8()..];
            count += 1;
        }
        let width = self.width + 2;
        let redrawn = if shown.chars().all(|c| c == ' ') {
            " ".repeat(width)
        } else if shown.chars().all(|c| c == '─') {
            "─".repeat(width)
        } else {
            let number: usize = shown.trim().parse().ok()?;
            if !shown.starts_with(' ') || !shown.ends_with(' ') {
                return None;
            }
            let real = self.excerpts.get(id)?.number(number.checked_sub(1)?);
            format!(" {real:>w$} ", w = self.width)
        };
        let mut out = String::with_capacity(row.len() + 8);
        for (i, c) in redrawn.chars().enumerate() {
            if let Some(e) = escapes.get(i) {
                out.push_str(e);
            }
            out.push(c);
        }
        out.push_str(rest);
        Some(out)
    }
}

pub(super) fn severity_color(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Note => Color::Cyan,
    }
}

/// Swaps the English "Note"/"Help" (or "Note 2", …) that ariadne 0.6 prints before notes and
/// help for the Chinese words.
pub(super) fn localise_line(line: &str) -> Cow<'_, str> {
    // Only a word right after the bare left margin (`    │ `) is swapped: that is where ariadne
    // puts them, and no source line (it has a line number) or label line (arrows) looks so.
    for (english, chinese) in [("Note", NOTE_WORD), ("Help", HELP_WORD)] {
        let Some(at) = line.find(english) else {
            continue;
        };
        let (before, after) = (&line[..at], &line[at + english.len()..]);
        if is_bare_margin(&strip_ansi(before)) && is_footer_tail(&strip_ansi(after)) {
            return Cow::Owned(format!("{before}{chinese}{after}"));
        }
    }
    Cow::Borrowed(line)
}

/// Spaces, one vertical bar, one space.
fn is_bare_margin(s: &str) -> bool {
    ["│ ", "| "].iter().any(|bar| {
        s.strip_suffix(bar)
            .is_some_and(|pad| !pad.is_empty() && pad.bytes().all(|b| b == b' '))
    })
}

/// `: text` or ` 2: text`, what follows "Note"/"Help" in ariadne's footer.
fn is_footer_tail(s: &str) -> bool {
    let rest = match s.strip_prefix(' ') {
        Some(numbered) => {
            let rest = numbered.trim_start_matches(|c: char| c.is_ascii_digit());
            if rest.len() == numbered.len() {
                return false;
            }
            rest
        }
        None => s,
    };
    rest.starts_with(':')
}

/// Removes ANSI CSI sequences (`ESC [ … final`), which is all ariadne emits.
pub(super) fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            // Parameter and intermediate bytes, then one final byte in '@'..='~'.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The character a renderer shows instead of one that would act on the terminal rather than
/// show, or not show at all: C0 and C1 controls and DEL (an ESC in a policy file must not reach
/// the terminal), bidi controls, line separators only some tools break lines at, and zero-width
/// characters (an underline under them would point at nothing). A lone CR (an old Mac line end)
/// is shown as the line end it is to the grammar and to `position` (a CR would send the terminal's
/// cursor back over the line). One char for one, so char offsets stay valid; `None` for
/// characters shown as they are.
pub(super) fn stand_in(c: char, next: Option<char>) -> Option<char> {
    match c {
        '\t' | '\n' => None,
        '\r' if next == Some('\n') => None,
        '\r' => Some('\n'),
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}'
        | '\u{ad}'
        | '\u{61c}'
        | '\u{200b}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'
        | '\u{2066}'..='\u{2069}'
        | '\u{feff}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// One char as the renderers show it in a line (see [`stand_in`]; no line ends inside a line).
pub(super) fn shown_char(c: char) -> char {
    stand_in(c, None).unwrap_or(c)
}

/// `text` as the renderers show it: a leading byte-order mark dropped (it is not a column, see
/// `position::line_col`), and every character [`stand_in`] replaces replaced (control pictures
/// such as ␛ for C0 controls, U+FFFD for the others). Borrowed when nothing changes.
pub(super) fn visible(text: &str) -> Cow<'_, str> {
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut chars = body.chars().peekable();
    let mut first = None;
    let mut i = 0;
    while let Some(c) = chars.next() {
        if stand_in(c, chars.peek().copied()).is_some() {
            first = Some(i);
            break;
        }
        i += c.len_utf8();
    }
    let Some(first) = first else {
        return Cow::Borrowed(body);
    };
    let mut out = String::with_capacity(body.len() + 16);
    out.push_str(&body[..first]);
    let mut chars = body[first..].chars().peekable();
    while let Some(c) = chars.next() {
        out.push(stand_in(c, chars.peek().copied()).unwrap_or(c));
    }
    Cow::Owned(out)
}

/// Adds a diagnostic's labels (each with its span in `report`'s terms), notes and help to an
/// ariadne report; returns what must be printed under it instead (notes and help of a report
/// without labels, which ariadne would not print).
pub(super) fn add_labels_and_notes<'a, S: ariadne::Span + 'a>(
    report: &mut ariadne::ReportBuilder<'a, S>,
    diag: &Diagnostic,
    labelled: impl ExactSizeIterator<Item = (&'a Resolved<'a>, S)>,
    missing: Vec<String>,
    color: bool,
) -> String {
    let primary = diag.primary_label();
    let kind_color = severity_color(diag.severity);
    let has_labels = labelled.len() > 0;
    for (r, span) in labelled {
        let is_primary = primary.is_some_and(|p| std::ptr::eq(p, r.label));
        // ariadne draws no underline for a label without a message, so always give one.
        let mut label = Label::new(span).with_message(visible(&r.label.message));
        if is_primary {
            label = label.with_priority(1);
        }
        // ariadne paints label colours even when the config says no colour, so set none then.
        if color {
            label = label.with_color(if is_primary { kind_color } else { Color::Blue });
        }
        report.add_label(label);
    }

    let notes = diag
        .notes
        .iter()
        .cloned()
        .chain(missing)
        .map(|n| visible(&n).into_owned());
    let help = diag.help.as_deref().map(visible);
    let mut footer = String::new();
    if !has_labels {
        // ariadne prints notes and help only under a source snippet, so print them ourselves.
        for note in notes {
            footer.push_str(&format!("  = {NOTE_WORD}: {note}\n"));
        }
        if let Some(help) = &help {
            footer.push_str(&format!("  = {HELP_WORD}: {help}\n"));
        }
    } else {
        for note in notes {
            report.add_note(note);
        }
        if let Some(help) = &help {
            report.add_help(help);
        }
    }
    footer
}
