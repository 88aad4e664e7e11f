//! `zhengce draft`: a first rule file from the plain text of a published plan.
//!
//! This module does the I/O around `zhengce_compiler::draft`: reading the text within the input
//! limit (counting the bytes actually read), recognising its encoding (UTF-8, UTF-16 with a
//! byte-order mark, else GB18030 with encoding_rs, which covers GBK and GB2312), refusing what
//! is no text (PDF, Word, images, anything with NUL bytes) with a message that says so, and
//! writing the draft: to standard output through the CLI's one checked writer, or with `-o` to a
//! file written atomically (`atomic`), never over an existing file unless `--force` says so.

use std::path::{Path, PathBuf};

use clap::Args;
use zhengce_compiler::draft::{draft, Counts};
use zhengce_compiler::syntax::limits::MAX_FILE_BYTES;

use super::input::{read_limited, TooLarge};
use super::os_error::describe;
use super::output::write_stdout;
use super::{atomic, print_stderr, Exit};

/// The exit codes of `draft`, printed at the end of its `--help`.
pub const DRAFT_EXIT_CODES_HELP: &str = "\
退出码:
  0  已写出草稿
  2  用法错误;文件无法读取、不是文本、编码无法识别、过大或没有汉字;或草稿无法写入";

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct DraftArgs {
    #[arg(
        value_name = "原文",
        help_heading = "参数",
        help = "政策文件的纯文本(UTF-8 或 GB18030/GBK 编码)"
    )]
    pub source: PathBuf,

    #[arg(
        short = 'o',
        long = "output",
        value_name = "文件",
        help = "把草稿写到这个文件(默认写到标准输出)"
    )]
    pub output: Option<PathBuf>,

    #[arg(long, help = "输出文件已存在时覆盖它(默认不覆盖)")]
    pub force: bool,
}

pub fn run(args: &DraftArgs) -> Exit {
    let shown = args.source.display().to_string();
    let text = match read_text(&args.source) {
        Ok(text) => text,
        Err(why) => {
            print_stderr(&format!("错误: 无法起草「{shown}」:{why}\n"));
            return Exit::Failure;
        }
    };
    let name = args
        .source
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let drafted = match draft(&text, &name) {
        Ok(d) => d,
        Err(e) => {
            print_stderr(&format!("错误: 无法起草「{shown}」:{}\n", e.message()));
            return Exit::Failure;
        }
    };
    let written = match &args.output {
        // A failure is reported by the writer.
        None => write_stdout(&drafted.text).map_err(|_| None),
        Some(path) => write_file(path, &drafted.text, args.force).map_err(Some),
    };
    if let Err(why) = written {
        if let Some(message) = why {
            print_stderr(&message);
        }
        return Exit::Failure;
    }
    let target = args.output.as_ref().map(|p| p.display().to_string());
    print_stderr(&summary(&shown, target.as_deref(), &drafted.counts));
    Exit::Clean
}

/// The closing lines on standard error: what the draft holds and what to do next.
fn summary(source: &str, output: Option<&str>, c: &Counts) -> String {
    let mut s = match output {
        Some(out) => format!("已从「{source}」起草「{out}」:"),
        None => format!("已从「{source}」起草:"),
    };
    s.push_str(&format!(
        "措施 {} 项、目标 {} 项、标准 {} 项、阶段 {} 个、部门 {} 个;待编码 {} 处\n",
        c.measures, c.targets, c.standards, c.phases, c.departments, c.pending
    ));
    if let Some(out) = output {
        let dir = Path::new(source)
            .parent()
            .map(|p| p.display().to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".to_string());
        s.push_str(&format!("下一步: zhengce check {out} --sources {dir}\n"));
    }
    s
}

/// The file's text, decoded; the reason in Chinese when it is no text that can be drafted.
fn read_text(path: &Path) -> Result<String, String> {
    match read_limited(path, MAX_FILE_BYTES) {
        Ok(Ok(bytes)) => decode(&bytes),
        Ok(Err(too_large)) => {
            let what = match too_large {
                TooLarge::Size(size) => format!("{size} 字节"),
                TooLarge::Unbounded => format!("读到 {MAX_FILE_BYTES} 字节时还没有结束"),
            };
            Err(format!(
                "文件过大:{what},超过上限 {MAX_FILE_BYTES} 字节;请分成几部分分别起草"
            ))
        }
        Err(e) => Err(describe(&e)),
    }
}

/// Formats that are no plain text, by their first bytes.
const NOT_TEXT: &[(&[u8], &str)] = &[
    (b"%PDF", "PDF 文件"),
    (b"PK\x03\x04", "压缩包或 Word/WPS 文档(.docx 等)"),
    (b"\xD0\xCF\x11\xE0", "旧版 Word/Excel 文档(.doc、.xls)"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xFF\xD8\xFF", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"{\\rtf", "RTF 文档"),
];

/// The text of `bytes`: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else GB18030.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    for (magic, what) in NOT_TEXT {
        if bytes.starts_with(magic) {
            return Err(format!(
                "这是{what},不是纯文本;请先另存为或复制为 .txt 纯文本"
            ));
        }
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(format!(
                "文件以 {} 的字节顺序标记开头,但内容不是有效的 {}",
                enc.name(),
                enc.name()
            ));
        }
        return Ok(text.into_owned());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "第 {} 个字节是空字节(0x00),像是二进制文件而不是纯文本",
            at + 1
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(utf8) => {
            let gb =
                encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
            match gb {
                Some(text) => Ok(text.into_owned()),
                None => Err(format!(
                    "无法识别文件的编码:第 {} 个字节起既不是 UTF-8 也不是 GB18030(GBK)文本;请另存为 UTF-8",
                    utf8.valid_up_to() + 1
                )),
            }
        }
    }
}

/// Writes `text` to `path` atomically (`atomic::write_file`), not over an existing file
/// without `force`; the message in Chinese when it cannot.
fn write_file(path: &Path, text: &str, force: bool) -> Result<(), String> {
    if !force && path.exists() {
        return Err(format!(
            "错误: 无法写入「{}」:文件已存在;要覆盖它请加 --force\n",
            path.display()
        ));
    }
    atomic::write_file(path, text.as_bytes()).map_err(|e| {
        format!(
            "错误[{}]: 无法写入「{}」:{}(文件未改动)\n",
            zhengce_compiler::codes::IO_ERROR,
            path.display(),
            describe(&e)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode("目标".as_bytes()).unwrap(), "目标");
        assert_eq!(decode("\u{feff}目标".as_bytes()).unwrap(), "目标");
        let (gbk, _, _) = encoding_rs::GB18030.encode("整改方案");
        assert_eq!(decode(&gbk).unwrap(), "整改方案");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "方案".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap(), "方案");
    }

    #[test]
    fn what_is_no_text() {
        assert!(decode(b"%PDF-1.7 ...").unwrap_err().contains("PDF"));
        assert!(decode(b"ab\0cd")
            .unwrap_err()
            .contains("第 3 个字节是空字节"));
        // 0xFF is neither UTF-8 nor GB18030.
        let err = decode(b"abc\xFF").unwrap_err();
        assert!(err.contains("第 4 个字节"), "{err}");
    }
}
