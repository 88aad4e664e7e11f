//! `zhengce test`: runs every worked example (例) of the files and reports which pass.

use clap::{Args, ValueEnum};
use zhengce_runtime::eval::{run_examples, ExampleResult, ExampleStatus, ExamplesReport};

use super::compile::{compile, print_json, AnswerFormat, PolicyPaths};
use super::{print_stderr, print_stdout, ColorWhen, Exit};

/// Exit codes of `test`.
pub const TEST_EXIT_CODES_HELP: &str = "\
退出码:
  0  每个例都通过(没有例也是 0)
  1  有失败或出错的例;或文件有语法错误无法编译
  2  用法错误,或路径不存在、文件无法读取";

#[derive(Debug, Args)]
#[command(next_help_heading = "选项")]
pub struct TestArgs {
    #[command(flatten)]
    pub files: PolicyPaths,

    #[arg(
        long,
        value_enum,
        default_value_t = TestFormat::Human,
        value_name = "格式",
        hide_possible_values = true,
        hide_default_value = true,
        help = "输出格式:human(默认,中文说明及依据)、json、junit(CI 测试报告用的 JUnit XML)"
    )]
    pub format: TestFormat,
}

/// `--format` of `test`: the answer formats plus JUnit XML for CI test reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    Human,
    Json,
    Junit,
}

pub fn run(args: &TestArgs, color: ColorWhen) -> Exit {
    // JUnit reports compile errors like JSON does: machine-readable on stderr.
    let compile_format = match args.format {
        TestFormat::Human => AnswerFormat::Human,
        TestFormat::Json | TestFormat::Junit => AnswerFormat::Json,
    };
    let program = match compile(&args.files.paths, color, compile_format) {
        Ok(program) => program,
        Err(exit) => return exit,
    };
    let report = ExamplesReport::new(run_examples(&program));
    match args.format {
        TestFormat::Human => {
            let mut text: String = report.results.iter().map(ToString::to_string).collect();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            print_stdout(&text);
            print_stderr(&format!("{}\n", report.summary));
        }
        TestFormat::Json => print_json(serde_json::to_string_pretty(&report)),
        TestFormat::Junit => print_stdout(&junit(&report)),
    }
    if report.passed == report.total {
        Exit::Clean
    } else {
        Exit::Findings
    }
}

/// The report as JUnit XML: one `<testsuite>` per file, one `<testcase>` per example; a failed
/// example carries the expected and actual values and its trace, an unanswerable one an `<error>`.
pub fn junit(report: &ExamplesReport) -> String {
    let mut files: Vec<&str> = Vec::new();
    for r in &report.results {
        if !files.contains(&r.file.as_str()) {
            files.push(&r.file);
        }
    }
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<testsuites name=\"zhengce\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
        report.total, report.failed, report.errors
    ));
    for file in files {
        let cases: Vec<&ExampleResult> = report.results.iter().filter(|r| r.file == file).collect();
        let count = |s: ExampleStatus| cases.iter().filter(|r| r.status == s).count();
        xml.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
            escape(file),
            cases.len(),
            count(ExampleStatus::Fail),
            count(ExampleStatus::Error)
        ));
        for r in cases {
            xml.push_str(&format!(
                "    <testcase name=\"{}\" classname=\"{}\">",
                escape(&r.name),
                escape(file)
            ));
            match r.status {
                ExampleStatus::Pass => {}
                ExampleStatus::Fail => {
                    let message = r
                        .difference
                        .clone()
                        .unwrap_or_else(|| "结果与期望不符".into());
                    xml.push_str(&format!(
                        "\n      <failure message=\"{}\">{}</failure>\n    ",
                        escape(&message),
                        escape(&details(r))
                    ));
                }
                ExampleStatus::Error => {
                    let message = r.error.clone().unwrap_or_else(|| "无法回答".into());
                    xml.push_str(&format!(
                        "\n      <error message=\"{}\">{}</error>\n    ",
                        escape(&message),
                        escape(&details(r))
                    ));
                }
            }
            xml.push_str("</testcase>\n");
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

/// Expected, actual and the trace of an example, as the body of a failure.
fn details(r: &ExampleResult) -> String {
    let mut text = format!("{}\n问题:{}\n", r.origin, r.question);
    if let Some(e) = &r.expected {
        text.push_str(&format!("期望:{e}\n"));
    }
    if let Some(a) = &r.actual {
        text.push_str(&format!("实际:{a}\n"));
    }
    for (i, step) in r.trace.iter().enumerate() {
        text.push_str(&format!(
            "{}. [{}] {}({})\n",
            i + 1,
            step.clause,
            step.detail,
            step.origin
        ));
    }
    text
}

/// XML text and attribute escaping; characters XML 1.0 cannot carry are dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod junit_tests {
    use super::*;

    #[test]
    fn escaping_keeps_xml_well_formed() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
