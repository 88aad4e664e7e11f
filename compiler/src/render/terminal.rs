//! Boxed terminal reports drawn by ariadne 0.6.

use std::borrow::Cow;

use ariadne::{Cache, Color, Config, IndexType, Label, Report, ReportKind};

use super::{kind_text, resolve_labels, trim_line_ends, Resolved, Sources, HELP_WORD, NOTE_WORD};
use crate::diagnostic::{Diagnostic, Severity};

/// One ariadne report per diagnostic, headed `错误[ZC0001]: message`; labels may span files.
/// With `color` false the text holds no ANSI escapes.
pub fn render_ariadne(diags: &[Diagnostic], sources: &Sources, color: bool) -> String {
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

    for r in &labels {
        let is_primary = primary.is_some_and(|p| std::ptr::eq(p, r.label));
        // ariadne draws no underline for a label without a message, so always give one.
        let mut label = Label::new(char_span(r)).with_message(visible(&r.label.message));
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
    if labels.is_empty() {
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

fn severity_color(severity: Severity) -> Color {
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
fn stand_in(c: char, next: Option<char>) -> Option<char> {
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
