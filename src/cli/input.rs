//! Finding and reading policy files: the only file-system code of the CLI.
//!
//! Paths name files or directories. Directories are walked recursively for `*.zc` files, sorted
//! by path so output does not depend on the file system's order; hidden entries (name starting
//! with `.`) and `target` directories are skipped, and symbolic links to directories are not
//! followed (no cycles). A file named explicitly is read whatever its extension.
//!
//! A path that is missing or cannot be read stops the run (exit 2) after every path has been
//! tried, so one run lists every problem. A file that is not UTF-8 is not an I/O problem: it
//! becomes a `ZC0005` diagnostic like any other finding in the file. An entry of a directory that
//! is named `*.zc` but cannot be read as a policy file (a dangling or looping symbolic link, a
//! named pipe, a link to a directory) is skipped with a `ZC0015` warning naming it and why.
//!
//! The size limit counts the bytes actually read (at most one more than the limit is read), so a
//! device such as `/dev/zero`, a pipe (`<(cat big)`) or a file that grows while it is read is
//! refused like a large file, without holding more than the limit.

use std::collections::HashSet;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::os_error::describe;

use zhengce_compiler::codes;
use zhengce_compiler::render::Sources;
use zhengce_compiler::{Diagnostic, SourceFile, Span};

/// The extension of policy files looked for in directories.
const EXTENSION: &str = "zc";

/// A path that could not be read.
#[derive(Debug)]
pub struct InputError {
    pub path: String,
    pub error: io::Error,
}

impl fmt::Display for InputError {
    /// `错误[ZC0014]: 无法读取「path」:reason`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = match self.error.kind() {
            io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ => describe(&self.error),
        };
        write!(
            f,
            "错误[{}]: 无法读取「{}」:{reason}",
            codes::IO_ERROR,
            self.path
        )
    }
}

/// The policy set named on the command line, read and ready to check.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Files that are valid UTF-8, in path order, for `check_files`.
    pub sources: Vec<SourceFile>,
    /// Every file's text for the renderers (the lossy text for a file that is not UTF-8).
    pub render_sources: Sources,
    /// Problems found while reading: one `ZC0005` per file that is not UTF-8, one `ZC0007` per
    /// file over the size limit. The set is incomplete without these files.
    pub diagnostics: Vec<Diagnostic>,
    /// `ZC0015` warnings: directory entries named `*.zc` that were skipped, and why.
    pub skipped: Vec<Diagnostic>,
    /// How many files were read, those that are not UTF-8 included.
    pub file_count: usize,
    /// Directories that held no policy file, worth a note.
    pub empty_dirs: Vec<String>,
}

/// Finds and reads every policy file under `paths`.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, Vec<InputError>> {
    let mut errors = Vec::new();
    let mut loaded = Loaded::default();
    let mut seen = HashSet::new();
    let mut skipped = Vec::new();
    for (name, path) in find_files(paths, &mut errors, &mut loaded.empty_dirs, &mut skipped) {
        // The same file reached twice (a directory and a file in it, `a/../a`) is read once.
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !seen.insert(key) {
            continue;
        }
        let limit = zhengce_compiler::syntax::limits::MAX_FILE_BYTES;
        let bytes = match read_limited(&path, limit) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(too_large)) => {
                loaded.file_count += 1;
                loaded.render_sources.add(name.clone(), String::new());
                loaded.diagnostics.push(too_large.diagnostic(&name, limit));
                continue;
            }
            Err(error) => {
                errors.push(InputError { path: name, error });
                continue;
            }
        };
        loaded.file_count += 1;
        match decode(&name, bytes) {
            Ok(text) => {
                loaded.render_sources.add(name.clone(), text.clone());
                loaded.sources.push(SourceFile { name, text });
            }
            Err(bad) => {
                loaded.render_sources.add(name, bad.lossy_text);
                loaded.diagnostics.push(bad.diagnostic);
            }
        }
    }
    loaded.skipped = skipped.iter().map(Skipped::diagnostic).collect();
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(errors)
    }
}

/// A file over the size limit.
#[derive(Debug, PartialEq, Eq)]
pub enum TooLarge {
    /// Its size, known before reading (a regular file).
    Size(u64),
    /// A device, a pipe or a growing file: more than the limit was read and it had not ended.
    Unbounded,
}

impl TooLarge {
    /// `ZC0007` at the start of the file.
    fn diagnostic(&self, name: &str, limit: usize) -> Diagnostic {
        let what = match self {
            TooLarge::Size(size) => format!("{size} 字节"),
            TooLarge::Unbounded => format!("读到 {limit} 字节时还没有结束"),
        };
        Diagnostic::error(
            codes::FILE_TOO_LARGE,
            format!("文件过大:{what},超过上限 {limit} 字节"),
        )
        .primary(name, Span::new(0, 0), "文件从这里开始")
        .help("请把政策拆分为多个文件,放在同一目录中一起检查")
    }
}

/// The bytes of the file at `path` when there are at most `limit` of them. A regular file
/// larger than that is refused from its size alone; anything else is read through
/// `take(limit + 1)`, so that no more than that is ever held.
pub fn read_limited(path: &Path, limit: usize) -> io::Result<Result<Vec<u8>, TooLarge>> {
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::from_raw_os_error(21));
    }
    if meta.is_file() && meta.len() > limit as u64 {
        return Ok(Err(TooLarge::Size(meta.len())));
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() {
        meta.len() as usize
    } else {
        8192
    });
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Ok(Err(TooLarge::Unbounded));
    }
    Ok(Ok(bytes))
}

/// A directory entry named `*.zc` that is not read, and why.
#[derive(Debug)]
struct Skipped {
    path: PathBuf,
    reason: String,
}

impl Skipped {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::warning(
            codes::SKIPPED_ENTRY,
            format!("跳过「{}」:{}", self.path.display(), self.reason),
        )
        .help("修复或删除这个条目;它不是政策文件时,请改掉「.zc」扩展名")
    }
}

/// Why a directory entry named `*.zc` of this type cannot be read as a policy file, or `None`
/// when it can (a regular file, or a link to one).
fn unreadable_entry(path: &Path, file_type: fs::FileType) -> Option<String> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_symlink() {
        return match fs::metadata(path) {
            Ok(meta) if meta.is_file() => None,
            Ok(meta) if meta.is_dir() => Some("指向目录的符号链接(不跟随)".to_string()),
            Ok(meta) => Some(format!("符号链接指向的{}", special_kind(meta.file_type()))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Some("符号链接指向的文件不存在(悬空链接)".to_string())
            }
            Err(e) => Some(format!("无法跟随符号链接:{}", describe(&e))),
        };
    }
    Some(special_kind(file_type))
}

/// `命名管道(FIFO),不是普通文件` and the like.
fn special_kind(file_type: fs::FileType) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = if file_type.is_fifo() {
            "命名管道(FIFO)"
        } else if file_type.is_socket() {
            "套接字"
        } else if file_type.is_block_device() || file_type.is_char_device() {
            "设备文件"
        } else {
            "特殊文件"
        };
        format!("{kind},不是普通文件")
    }
    #[cfg(not(unix))]
    {
        let _ = file_type;
        "不是普通文件".to_string()
    }
}

/// `(display name, path)` of every file to read: named files as given, then directory contents
/// sorted by path, in the order the paths were given.
fn find_files(
    paths: &[PathBuf],
    errors: &mut Vec<InputError>,
    empty_dirs: &mut Vec<String>,
    skipped: &mut Vec<Skipped>,
) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        match fs::metadata(path) {
            Err(error) => errors.push(InputError { path: name, error }),
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                walk(path, &mut found, errors, skipped);
                found.sort();
                if found.is_empty() {
                    empty_dirs.push(name);
                }
                files.extend(found.into_iter().map(|p| (p.display().to_string(), p)));
            }
            // A file named on the command line is read whatever it is: a pipe (`<(…)`) too.
            Ok(_) => files.push((name, path.clone())),
        }
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Collects the `*.zc` files under `dir`, skipping hidden entries and `target` directories;
/// entries named `*.zc` that are not files to read go to `skipped`.
fn walk(
    dir: &Path,
    found: &mut Vec<PathBuf>,
    errors: &mut Vec<InputError>,
    skipped: &mut Vec<Skipped>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push(InputError {
                path: dir.display().to_string(),
                error,
            });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                errors.push(InputError {
                    path: dir.display().to_string(),
                    error,
                });
                continue;
            }
        };
        let file_name = entry.file_name();
        if file_name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(file_type) => file_type,
            Err(error) => {
                errors.push(InputError {
                    path: path.display().to_string(),
                    error,
                });
                continue;
            }
        };
        if file_type.is_dir() {
            if file_name != "target" {
                walk(&path, found, errors, skipped);
            }
        } else if path.extension().is_some_and(|ext| ext == EXTENSION) {
            match unreadable_entry(&path, file_type) {
                None => found.push(path),
                Some(reason) => skipped.push(Skipped { path, reason }),
            }
        }
    }
}

/// A file that is not valid UTF-8: the diagnostic, and the text to render it against.
#[derive(Debug)]
pub struct BadEncoding {
    /// The bytes decoded with each invalid sequence replaced by U+FFFD.
    pub lossy_text: String,
    /// `ZC0005` at the first invalid sequence; its span is in `lossy_text`.
    pub diagnostic: Diagnostic,
}

/// Invalid bytes a `ZC0005` message lists; a longer sequence is shown as its start and length.
const MAX_BYTES_SHOWN: usize = 8;

/// The file's text, or a `ZC0005` diagnostic at the first invalid UTF-8 sequence. A byte-order
/// mark is kept: the grammar accepts it.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, Box<BadEncoding>> {
    let err = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(err) => err,
    };
    let at = err.utf8_error().valid_up_to();
    let bytes = err.into_bytes();
    // The invalid bytes from `at` on, up to the next valid char: one sequence to the reader
    // (a lone surrogate ED A0 80, a GB18030 character), although the lossy text shows one U+FFFD
    // for each maximal invalid part of it.
    let mut bad = 0usize;
    let mut replaced = 0usize;
    for chunk in bytes[at..].utf8_chunks() {
        if (bad > 0 && !chunk.valid().is_empty()) || chunk.invalid().is_empty() {
            break;
        }
        bad += chunk.invalid().len();
        replaced += 1;
    }
    let line = (0..at)
        .filter(|&i| zhengce_compiler::position::ends_line(&bytes, i))
        .count()
        + 1;
    let listed: Vec<String> = bytes[at..at + bad]
        .iter()
        .take(MAX_BYTES_SHOWN)
        .map(|b| format!("0x{b:02X}"))
        .collect();
    let listed = listed.join(" ");
    let shown = if bad > MAX_BYTES_SHOWN {
        format!("{bad} 个无效的字节 {listed} …")
    } else {
        format!("无效的字节 {listed}")
    };
    // The lossy text is the same bytes up to `at`, where the U+FFFDs stand for the sequence.
    let lossy_text = String::from_utf8_lossy(&bytes).into_owned();
    let span = Span::new(at, at + replaced * char::REPLACEMENT_CHARACTER.len_utf8());
    let diagnostic = Diagnostic::error(
        codes::BAD_ENCODING,
        format!("文件不是有效的 UTF-8 文本:第 {line} 行有{shown}(字节偏移 {at})"),
    )
    .primary(name, span, "无效的 UTF-8 字节")
    .note("文件改为 UTF-8 编码之前,不检查其中的内容")
    .help("请把文件另存为 UTF-8 编码;GBK 或 GB18030 编码的文件可以用「iconv -f GB18030 -t UTF-8」转换");
    Err(Box::new(BadEncoding {
        lossy_text,
        diagnostic,
    }))
}

/// Reads the original documents for `--sources`: the regular files directly in `dir` (not its
/// subdirectories, and nothing outside it), by file name. Files that are not UTF-8 are read
/// lossily: a quote can only match their valid parts.
pub fn load_texts(dir: &Path) -> Result<Vec<SourceFile>, InputError> {
    let err = |error| InputError {
        path: dir.display().to_string(),
        error,
    };
    let mut texts = Vec::new();
    for entry in fs::read_dir(dir).map_err(err)? {
        let entry = entry.map_err(err)?;
        let file_type = entry.file_type().map_err(err)?;
        if !file_type.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let limit = zhengce_compiler::syntax::limits::MAX_FILE_BYTES;
        let bytes = match read_limited(&path, limit) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(_)) => {
                return Err(InputError {
                    path: path.display().to_string(),
                    error: io::Error::other(format!("文件过大,超过上限 {limit} 字节")),
                })
            }
            Err(error) => {
                return Err(InputError {
                    path: path.display().to_string(),
                    error,
                })
            }
        };
        texts.push(SourceFile::new(
            name,
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    texts.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_and_bom_pass_through() {
        assert_eq!(decode("a.zc", "目标".into()).unwrap(), "目标");
        let bom = "\u{FEFF}目标".to_string();
        assert_eq!(decode("a.zc", bom.clone().into_bytes()).unwrap(), bom);
    }

    #[test]
    fn invalid_byte_is_located_in_the_lossy_text() {
        let mut bytes = "目标 甲 {\n  值：".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend([0xFF, 0xFE]);
        bytes.extend(b"\n}");
        let bad = decode("a.zc", bytes).unwrap_err();
        let d = &bad.diagnostic;
        assert_eq!(d.code, codes::BAD_ENCODING);
        assert!(d.message.contains("第 2 行"), "{}", d.message);
        assert!(d.message.contains("0xFF 0xFE"), "{}", d.message);
        // Two invalid bytes in a row: one label under both of their U+FFFD.
        let span = d.labels[0].span;
        assert_eq!(span.start, at);
        assert_eq!(&bad.lossy_text[span.start..span.end], "\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn one_label_covers_every_replacement_char_of_a_sequence() {
        // An encoded surrogate (ED A0 80) is three invalid parts, shown as three U+FFFD.
        let mut bytes = "甲\r乙".as_bytes().to_vec();
        let at = bytes.len();
        bytes.extend([0xED, 0xA0, 0x80]);
        bytes.extend("丙\u{FFFD}".as_bytes());
        let bad = decode("a.zc", bytes).unwrap_err();
        let d = &bad.diagnostic;
        // A lone CR ends a line, as everywhere else.
        assert!(
            d.message
                .contains("第 2 行有无效的字节 0xED 0xA0 0x80(字节偏移"),
            "{}",
            d.message
        );
        let span = d.labels[0].span;
        assert_eq!(span.start, at);
        // The U+FFFD written in the file after 丙 is not part of the sequence.
        assert_eq!(&bad.lossy_text[span.start..span.end], "\u{FFFD}".repeat(3));
    }

    #[test]
    fn a_long_invalid_sequence_is_shown_by_its_start() {
        let bytes = vec![0xFF; 20];
        let bad = decode("a.zc", bytes).unwrap_err();
        let d = &bad.diagnostic;
        assert!(
            d.message
                .contains("20 个无效的字节 0xFF 0xFF 0xFF 0xFF 0xFF 0xFF 0xFF 0xFF …"),
            "{}",
            d.message
        );
        assert_eq!(d.labels[0].span, Span::new(0, 20 * 3));
    }

    #[test]
    fn truncated_sequence_at_the_end() {
        let mut bytes = "目".as_bytes().to_vec();
        bytes.extend(&"标".as_bytes()[..2]);
        let bad = decode("a.zc", bytes).unwrap_err();
        assert!(
            bad.diagnostic.message.contains("0xE6 0xA0"),
            "{}",
            bad.diagnostic.message
        );
        let span = bad.diagnostic.labels[0].span;
        assert_eq!(&bad.lossy_text[span.start..span.end], "\u{FFFD}");
    }
}
