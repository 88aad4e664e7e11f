//! `zhengce eval`: what a 标准 or 补助 gives for some facts, with the clauses it used; or, with
//! `--batch`, for every row of a CSV or JSONL file.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use zhengce_runtime::eval::batch::BatchError;
use zhengce_runtime::eval::text::{parse_facts, parse_facts_json};
use zhengce_runtime::eval::{eval_batch, BatchOptions, Evaluator, RowFormat};
use zhengce_runtime::ir::Program;

use super::compile::{compile, fail, parse_pair, print_answer, AnswerFormatArg, PolicyPaths};
use super::os_error::describe;
use super::output::note_stdout_error;
use super::{atomic, print_stderr, ColorWhen, Exit};

/// Exit codes of `eval`, with the batch case.
pub const EVAL_EXIT_CODES_HELP: &str = "\
退出码:
  0  已回答(规则不适用也是回答);批量时每一行都已回答
  1  无法回答:缺少事实、单位不符、取值不在列表中等;批量时有出错的行(其余行照常输出)
  2  用法错误,或路径不存在、文件无法读取或写入";

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct EvalArgs {
    #[command(flatten)]
    pub files: PolicyPaths,

    #[arg(long, value_name = "名称", help = "要计算的标准或补助的名称")]
    pub rule: String,

    #[arg(
        long = "fact",
        value_name = "事实=值",
        value_parser = parse_pair,
        help = "一个事实的值,可写多次:--fact 县类别=深度贫困县 --fact 项目总投资=1000万元",
        long_help = "一个事实的值,可写多次:--fact 县类别=深度贫困县 --fact 项目总投资=1000万元。\n\
            数量照政策文件的写法(1000万元、800人、每人每年200元);只写数字时按事实声明的单位和\n\
            万/亿计(事实 项目总投资：万元 时,1000 即 1000万元)。日期写 2017-05-03。"
    )]
    pub facts: Vec<(String, String)>,

    #[arg(
        long = "facts",
        value_name = "JSON",
        help = "用 JSON 对象给出事实:{\"县类别\":\"深度贫困县\",\"项目总投资\":\"1000万元\"}",
        long_help = "用 JSON 对象给出事实:{\"县类别\":\"深度贫困县\",\"项目总投资\":\"1000万元\"}。\n\
            字符串照政策文件的写法;数按事实声明的单位和万/亿计(按数字精确读取,不经过浮点数);\n\
            null 表示没有给出。可与 --fact 同用。"
    )]
    pub facts_json: Option<String>,

    #[arg(
        long,
        value_name = "文件",
        conflicts_with_all = ["facts", "facts_json"],
        help = "批量计算:CSV(表头是事实名)或 JSONL 文件,每行输出一个 JSON 结果;「-」为标准输入",
        long_help = "批量计算:CSV(第一行是表头,各列名为事实名)或 JSONL(每行一个 JSON 对象)文件,\n\
            每一行输出一行 JSON 结果(JSONL),带该行在输入中的行号(从 1 起)。出错的行输出错误,\n\
            不影响其他行。逐行读取、逐行写出,内存占用与文件大小无关。「-」表示标准输入。\n\
            格式按扩展名判断(.csv、.jsonl、.ndjson),也可用 --batch-format 指定。"
    )]
    pub batch: Option<PathBuf>,

    #[arg(
        long,
        value_enum,
        value_name = "格式",
        requires = "batch",
        hide_possible_values = true,
        help = "批量输入的格式:csv、jsonl(默认按扩展名)"
    )]
    pub batch_format: Option<BatchFormat>,

    #[arg(
        short = 'o',
        long = "output",
        value_name = "文件",
        requires = "batch",
        help = "批量结果(JSONL)写到这个文件;不给或给「-」时写到标准输出"
    )]
    pub output: Option<PathBuf>,

    #[arg(
        long,
        requires = "batch",
        help = "批量结果中也写出每一行的依据(输出大得多)"
    )]
    pub trace: bool,

    #[command(flatten)]
    pub answer: AnswerFormatArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    Csv,
    Jsonl,
}

pub fn run(args: &EvalArgs, color: ColorWhen) -> Exit {
    let program = match compile(&args.files.paths, color, args.answer.format) {
        Ok(program) => program,
        Err(exit) => return exit,
    };
    if let Some(path) = &args.batch {
        return batch(args, &program, path);
    }
    let pairs = args.facts.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let mut facts = match parse_facts(&program, &args.rule, pairs) {
        Ok(facts) => facts,
        Err(e) => return fail(&e, args.answer.format),
    };
    if let Some(json) = &args.facts_json {
        match parse_facts_json(&program, &args.rule, json) {
            Ok(more) => facts.extend(more),
            Err(e) => return fail(&e, args.answer.format),
        }
    }
    // The program prepared for evaluation (rules and facts indexed by name): the same answer as
    // `eval_rule`, and the entry point a caller asking many questions would keep.
    let evaluation = Evaluator::new(&program).and_then(|e| e.eval(&args.rule, &facts));
    print_answer(
        evaluation,
        args.answer.format,
        ToString::to_string,
        serde_json::to_string_pretty,
    )
}

fn row_format(args: &EvalArgs, path: &Path) -> Result<RowFormat, String> {
    if let Some(f) = args.batch_format {
        return Ok(match f {
            BatchFormat::Csv => RowFormat::Csv,
            BatchFormat::Jsonl => RowFormat::Jsonl,
        });
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("csv") => Ok(RowFormat::Csv),
        Some(e) if e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson") => {
            Ok(RowFormat::Jsonl)
        }
        _ => Err(format!(
            "无法从「{}」判断批量输入的格式;请用 --batch-format csv 或 --batch-format jsonl",
            path.display()
        )),
    }
}

fn batch(args: &EvalArgs, program: &Program, path: &Path) -> Exit {
    let format = match row_format(args, path) {
        Ok(f) => f,
        Err(e) => {
            print_stderr(&format!("错误: {e}\n"));
            return Exit::Failure;
        }
    };
    let input_name = if path.as_os_str() == "-" {
        "标准输入".to_string()
    } else {
        format!("「{}」", path.display())
    };
    let input: Box<dyn io::BufRead> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(path) {
            Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                print_stderr(&format!("错误: 无法读取{input_name}:{}\n", describe(&e)));
                return Exit::Failure;
            }
        }
    };
    let options = BatchOptions {
        trace: args.trace,
        ..BatchOptions::default()
    };
    // Which side an I/O error came from: the output writer says when it failed.
    let write_failed = Cell::new(false);
    let run = |out: &mut dyn Write| {
        let out = Watched {
            inner: out,
            failed: &write_failed,
        };
        eval_batch(program, &args.rule, format, input, out, &options)
    };
    let (result, output_name) = match args.output.as_deref() {
        Some(p) if p.as_os_str() != "-" => {
            // The file is written whole or not at all: a run that stops (a bad header, a full
            // disk) leaves what was there before.
            let mut result = None;
            let written = atomic::write_with(p, |file| {
                let mut buffered = BufWriter::with_capacity(1 << 16, file);
                let r = run(&mut buffered);
                let flushed = buffered.flush();
                let outcome = match (&r, flushed) {
                    (Ok(_), Ok(())) => Ok(()),
                    (Ok(_), Err(e)) => {
                        write_failed.set(true);
                        Err(e)
                    }
                    (Err(BatchError::Io(e)), _) => Err(io::Error::new(e.kind(), describe(e))),
                    (Err(_), _) => Err(io::Error::other("批量计算没有完成")),
                };
                result = Some(r);
                outcome
            });
            match (result, written) {
                (Some(r), Ok(())) => (r, format!("「{}」", p.display())),
                (Some(Err(e)), Err(_)) => (Err(e), format!("「{}」", p.display())),
                (_, Err(e)) => {
                    write_failed.set(true);
                    (Err(BatchError::Io(e)), format!("「{}」", p.display()))
                }
                (None, Ok(())) => (
                    Err(BatchError::Io(io::Error::other("批量计算没有运行"))),
                    format!("「{}」", p.display()),
                ),
            }
        }
        _ => {
            let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
            let r = run(&mut out);
            let r = match (r, out.flush()) {
                (Ok(_), Err(e)) => {
                    write_failed.set(true);
                    Err(BatchError::Io(e))
                }
                (r, _) => r,
            };
            (r, "标准输出".to_string())
        }
    };
    let to_file = args.output.as_deref().is_some_and(|p| p.as_os_str() != "-");
    match result {
        Ok(summary) => {
            print_stderr(&format!("{summary}\n"));
            if summary.errors > 0 {
                Exit::Findings
            } else {
                Exit::Clean
            }
        }
        Err(BatchError::Io(e)) if write_failed.get() => {
            if !to_file {
                // Standard output: a closed pipe ends quietly, any other failure is reported
                // and fails the run, as for every other output.
                note_stdout_error(e);
                return Exit::Clean;
            }
            print_stderr(&format!(
                "错误: 无法写入{output_name}:{}(文件未改动)\n",
                describe(&e)
            ));
            Exit::Failure
        }
        Err(BatchError::Io(e)) => {
            print_stderr(&format!("错误: 无法读取{input_name}:{}\n", describe(&e)));
            Exit::Failure
        }
        Err(e) => {
            print_stderr(&format!("错误: {e}\n"));
            Exit::Findings
        }
    }
}

/// A writer that notes when a write to it failed.
struct Watched<'a, W: ?Sized> {
    inner: &'a mut W,
    failed: &'a Cell<bool>,
}

impl<W: Write + ?Sized> Write for Watched<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).inspect_err(|_| self.failed.set(true))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().inspect_err(|_| self.failed.set(true))
    }
}
