//! A batch input as lines and CSV records, numbered as a reader sees them.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r` (old Mac files), as everywhere in zhengce
//! (`position::ends_line`); blank lines are counted and skipped. No line or record is held
//! whole beyond [`MAX_ROW_BYTES`]: a longer one is an error for its row, and the rest of it is
//! read past without being kept.
//!
//! CSV records are parsed by `csv-core` (RFC 4180: quoted fields may hold commas, doubled quotes
//! and line ends). A record that runs over several lines is accepted only when it closes its
//! quotes and has as many fields as the header; otherwise (an unclosed `"` that swallowed the
//! lines after it, up to the end of the input or the size cap) its first line is an error, and
//! reading starts again at the line after it, so one stray quote costs one row, never the rows
//! behind it.

use std::collections::VecDeque;
use std::io::{self, BufRead};

use super::MAX_ROW_BYTES;

/// Lines of a stream, without their line ends.
pub(crate) struct Lines<R> {
    input: R,
    /// The number of the last line read (1-based).
    line: u64,
    /// The last line ended with `\r`: a `\n` right after it belongs to that line end.
    after_cr: bool,
    /// The first line has not been read: a UTF-8 byte-order mark before it is dropped.
    at_start: bool,
    /// Lines read again after a CSV record that spanned them failed: (number, text or `None` for
    /// a line too long to keep).
    replay: VecDeque<(u64, Option<Vec<u8>>)>,
}

/// One line: its number, and its text or `None` when it was longer than [`MAX_ROW_BYTES`].
pub(crate) type Line = (u64, Option<Vec<u8>>);

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(input: R) -> Self {
        Lines {
            input,
            line: 0,
            after_cr: false,
            at_start: true,
            replay: VecDeque::new(),
        }
    }

    /// The next line into `buf` (cleared first): its number, and `false` when it was too long
    /// (then `buf` is empty); `None` at the end of the input.
    pub(crate) fn next_into(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<(u64, bool)>> {
        buf.clear();
        if let Some((line, text)) = self.replay.pop_front() {
            let whole = text.is_some();
            buf.extend(text.unwrap_or_default());
            return Ok(Some((line, whole)));
        }
        if std::mem::take(&mut self.after_cr) && self.fill()?.first() == Some(&b'\n') {
            self.input.consume(1);
        }
        let mut too_long = false;
        let mut started = false;
        loop {
            let available = self.fill()?;
            if available.is_empty() {
                if !started {
                    return Ok(None);
                }
                break;
            }
            started = true;
            let end = available.iter().position(|&b| b == b'\n' || b == b'\r');
            let chunk = &available[..end.unwrap_or(available.len())];
            if !too_long {
                if buf.len() + chunk.len() > MAX_ROW_BYTES {
                    too_long = true;
                    buf.clear();
                } else {
                    buf.extend_from_slice(chunk);
                }
            }
            let ended = end.map(|i| available[i]);
            let used = end.map_or(available.len(), |i| i + 1);
            self.input.consume(used);
            if let Some(b) = ended {
                self.after_cr = b == b'\r';
                break;
            }
        }
        if std::mem::take(&mut self.at_start) && buf.starts_with("\u{FEFF}".as_bytes()) {
            buf.drain(..3);
        }
        self.line += 1;
        Ok(Some((self.line, !too_long)))
    }

    fn fill(&mut self) -> io::Result<&[u8]> {
        loop {
            match self.input.fill_buf() {
                Ok(_) => return self.input.fill_buf(),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Puts lines back to be read again, before any line not yet read.
    fn read_again(&mut self, lines: impl DoubleEndedIterator<Item = Line>) {
        for line in lines.rev() {
            self.replay.push_front(line);
        }
    }
}

/// The records of a CSV input.
pub(crate) struct CsvRecords<R> {
    lines: Lines<R>,
    parser: csv_core::Reader,
    /// The lines of the record being read.
    pending: Vec<Line>,
    pending_bytes: usize,
    line_buf: Vec<u8>,
    /// The fields of the record being read, one after another, and where each ends.
    fields: Vec<u8>,
    fields_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
}

/// A record, or why the row at its line is not one.
pub(crate) type Record = (u64, Result<(), String>);

impl<R: BufRead> CsvRecords<R> {
    pub(crate) fn new(input: R) -> Self {
        CsvRecords {
            lines: Lines::new(input),
            parser: csv_core::Reader::new(),
            pending: Vec::new(),
            pending_bytes: 0,
            line_buf: Vec::new(),
            fields: vec![0; 1024],
            fields_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
        }
    }

    /// Reads the next record into `record`: the number of its first line and `Ok`, or the
    /// reason its row is malformed; `None` at the end. `columns` is the header's width, which a
    /// record spanning several lines must have.
    pub(crate) fn next_into(
        &mut self,
        record: &mut csv::ByteRecord,
        columns: Option<usize>,
    ) -> io::Result<Option<Record>> {
        loop {
            let mut buf = std::mem::take(&mut self.line_buf);
            let next = self.lines.next_into(&mut buf)?;
            let Some((line, whole)) = next else {
                self.line_buf = buf;
                if self.pending.is_empty() {
                    return Ok(None);
                }
                return Ok(Some(self.fail(
                    "引号「\"」没有闭合:从这一行起直到输入结束都没有与它对应的「\"」".to_string(),
                )));
            };
            if self.pending.is_empty() {
                if !whole {
                    self.line_buf = buf;
                    return Ok(Some((line, Err(too_long()))));
                }
                if buf.is_empty() {
                    self.line_buf = buf;
                    continue;
                }
            } else if !whole || self.pending_bytes + buf.len() > MAX_ROW_BYTES {
                self.pending.push((line, whole.then(|| buf.clone())));
                self.line_buf = buf;
                return Ok(Some(self.fail(format!(
                    "引号「\"」没有闭合:从这一行起的 {MAX_ROW_BYTES} 字节内都没有与它对应的「\"」"
                ))));
            }
            self.pending_bytes += buf.len() + 1;
            buf.push(b'\n');
            let complete = self.parse(&buf);
            buf.pop();
            let first = if complete && self.pending.is_empty() {
                // A record on one line, the usual case: nothing to keep.
                self.line_buf = buf;
                line
            } else {
                self.pending.push((line, Some(buf.clone())));
                self.line_buf = buf;
                if !complete {
                    continue;
                }
                if let Some(reason) = self.merged(self.ends_len, columns) {
                    return Ok(Some(self.fail(reason)));
                }
                self.pending[0].0
            };
            let count = self.ends_len;
            record.clear();
            let mut start = 0;
            for &end in &self.ends[..count] {
                record.push_field(&self.fields[start..end]);
                start = end;
            }
            self.pending.clear();
            self.pending_bytes = 0;
            self.fields_len = 0;
            self.ends_len = 0;
            return Ok(Some((first, Ok(()))));
        }
    }
}

impl<R: BufRead> CsvRecords<R> {
    /// Why a record of `count` fields read over several lines is rows run together by a stray
    /// quote rather than one row with a quoted line end, or `None`. Fact values have no line
    /// ends, so a quoted one is only taken when the record has the header's width and none of
    /// the lines after its first would be a row of that width by itself (`贫困县,"2` ⏎ `贫困县,3`
    /// ⏎ `贫困县,4"` is three rows and a stray quote, not one row).
    fn merged(&self, count: usize, columns: Option<usize>) -> Option<String> {
        let lines = self.pending.len() - 1;
        let width = columns?;
        if count != width {
            return Some(format!(
                "引号「\"」没有闭合:它把下面 {lines} 行连成了一条有 {count} 列的记录,表头有 {width} 列"
            ));
        }
        let row_by_itself = self.pending[1..]
            .iter()
            .any(|(_, text)| text.as_deref().is_some_and(|t| fields_alone(t) == width));
        row_by_itself.then(|| {
            format!("引号「\"」没有闭合:它把下面 {lines} 行连成了一条记录,而这些行各自就是一行数据")
        })
    }

    /// Feeds one line (with its `\n`) to the parser; whether it ended a record.
    fn parse(&mut self, mut input: &[u8]) -> bool {
        use csv_core::ReadRecordResult as R;
        loop {
            let (result, read, written, ended) = self.parser.read_record(
                input,
                &mut self.fields[self.fields_len..],
                &mut self.ends[self.ends_len..],
            );
            input = &input[read..];
            self.fields_len += written;
            self.ends_len += ended;
            match result {
                R::Record => return true,
                R::InputEmpty | R::End => return false,
                R::OutputFull => self.fields.resize(self.fields.len() * 2, 0),
                R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
            }
        }
    }
}

/// The fields `line` would have as a record by itself, an open quote closed by its end.
fn fields_alone(line: &[u8]) -> usize {
    let mut parser = csv_core::Reader::new();
    let mut out = vec![0; line.len()];
    let mut ends = vec![0; line.len() + 1];
    let (_, read, written, mut fields) = parser.read_record(line, &mut out, &mut ends);
    if read == line.len() {
        // The end of the input ends the record, and a field left open.
        let (_, _, _, more) = parser.read_record(&[], &mut out[written..], &mut ends[fields..]);
        fields += more;
    }
    fields
}

/// The reason a row longer than the cap is refused.
fn too_long() -> String {
    format!("这一行超过 {MAX_ROW_BYTES} 字节")
}

impl<R: BufRead> CsvRecords<R> {
    /// The record being read is not one: its first line is the error, and the lines after it
    /// are read again.
    fn fail(&mut self, reason: String) -> Record {
        let mut pending = std::mem::take(&mut self.pending).into_iter();
        let first = pending.next().map_or(0, |(line, _)| line);
        self.lines.read_again(pending);
        self.pending_bytes = 0;
        self.parser.reset();
        self.ends_len = 0;
        self.fields_len = 0;
        (first, Err(reason))
    }
}
