//! clap's usage errors in Chinese.
//!
//! clap has no translations, so this formatter rebuilds the message from the error's context
//! (which argument, which value, what would have been valid). Help and version output do not
//! come through here: they are the help pages `mod.rs` already writes in Chinese.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind};
use clap::CommandFactory;

use super::Cli;

/// [`ErrorFormatter`] that writes `错误: …`, the usage line and where to find help.
pub struct ChineseErrors;

impl ErrorFormatter for ChineseErrors {
    fn format_error(err: &Error<Self>) -> StyledStr {
        let mut out = format!("错误: {}\n", message(err));
        for tip in tips(err) {
            out.push_str(&format!("\n  提示: {tip}\n"));
        }
        let usage = match err.get(ContextKind::Usage) {
            Some(ContextValue::StyledStr(usage)) => {
                let usage = usage.to_string();
                usage
                    .strip_prefix("Usage:")
                    .unwrap_or(&usage)
                    .trim()
                    .to_string()
            }
            _ => String::new(),
        };
        if !usage.is_empty() {
            out.push_str(&format!("\n用法: {usage}\n"));
        }
        out.push_str(&format!(
            "\n更多信息请运行「{} --help」。\n",
            command_for_help(&usage)
        ));
        StyledStr::from(out)
    }
}

/// `zhengce check` for `zhengce check [选项] <路径>...`. Some errors (an invalid value) carry
/// no usage line; then the subcommand is looked for on the command line.
fn command_for_help(usage: &str) -> String {
    let words: Vec<&str> = usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<']))
        .collect();
    if !words.is_empty() {
        return words.join(" ");
    }
    let cli = Cli::command();
    let subcommand = std::env::args_os()
        .skip(1)
        .filter_map(|arg| arg.into_string().ok())
        .find(|arg| cli.get_subcommands().any(|s| s.get_name() == arg));
    match subcommand {
        Some(name) => format!("{} {name}", cli.get_name()),
        None => cli.get_name().to_string(),
    }
}

fn string(err: &Error<ChineseErrors>, kind: ContextKind) -> Option<String> {
    match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    }
}

fn strings(err: &Error<ChineseErrors>, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("「{s}」"))
        .collect::<Vec<_>>()
        .join("、")
}

fn message(err: &Error<ChineseErrors>) -> String {
    let arg = string(err, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(err, ContextKind::InvalidValue).unwrap_or_default();
    match err.kind() {
        ErrorKind::UnknownArgument => format!("未知的参数「{arg}」"),
        ErrorKind::InvalidValue if value.is_empty() => format!("「{arg}」需要一个值"),
        ErrorKind::InvalidValue => {
            let valid = strings(err, ContextKind::ValidValue);
            let mut m = format!("「{arg}」的值「{value}」无效");
            if !valid.is_empty() {
                m.push_str(&format!(",可选的值:{}", valid.join("、")));
            }
            m
        }
        ErrorKind::ValueValidation => {
            // The value parser's own reason (`parse_year_amount`'s Chinese message), if any.
            match std::error::Error::source(err) {
                Some(reason) => format!("「{arg}」的值「{value}」无效:{}", in_chinese(reason)),
                None => format!("「{arg}」的值「{value}」无效"),
            }
        }
        ErrorKind::InvalidSubcommand => format!(
            "未知的子命令「{}」",
            string(err, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingSubcommand => {
            let valid = strings(err, ContextKind::ValidSubcommand);
            format!("缺少子命令;可用的子命令:{}", valid.join("、"))
        }
        ErrorKind::MissingRequiredArgument => format!(
            "缺少必需的参数:{}",
            quoted(&strings(err, ContextKind::InvalidArg))
        ),
        ErrorKind::ArgumentConflict => {
            let prior = strings(err, ContextKind::PriorArg);
            if prior.is_empty() || prior == [arg.clone()] {
                format!("参数「{arg}」只能使用一次")
            } else {
                format!("参数「{arg}」不能与{}同时使用", quoted(&prior))
            }
        }
        ErrorKind::TooManyValues => format!("「{arg}」不需要更多的值,却多了「{value}」"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("「{arg}」的值的个数不对")
        }
        ErrorKind::NoEquals => format!("给「{arg}」赋值时需要写等号,例如「{arg}=值」"),
        ErrorKind::InvalidUtf8 => "命令行参数不是有效的 UTF-8 文本".to_string(),
        _ => "命令行参数有误".to_string(),
    }
}

/// Why a value was refused, in Chinese: our value parsers' own reasons are Chinese already; the
/// standard library's (an IP address, a number) and clap's (a range) are English, so they are
/// put in words here.
fn in_chinese(reason: &(dyn std::error::Error + 'static)) -> String {
    use std::num::IntErrorKind;
    if reason.downcast_ref::<std::net::AddrParseError>().is_some() {
        return "不是有效的 IP 地址,应写作 127.0.0.1、0.0.0.0 或 ::1 这样的形式".to_string();
    }
    if let Some(e) = reason.downcast_ref::<std::num::ParseIntError>() {
        return match e.kind() {
            IntErrorKind::Empty => "不能为空".to_string(),
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => "数值超出范围".to_string(),
            _ => "应是整数".to_string(),
        };
    }
    let text = reason.to_string();
    // clap's range check: "99999 is not in 0..=65535".
    if let Some((_, range)) = text.split_once(" is not in ") {
        if let Some((low, high)) = range.split_once("..=") {
            return format!("应在 {low} 到 {high} 之间");
        }
    }
    if text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        text
    } else {
        "格式不对".to_string()
    }
}

fn tips(err: &Error<ChineseErrors>) -> Vec<String> {
    let mut tips = Vec::new();
    if let Some(arg) = string(err, ContextKind::SuggestedArg) {
        tips.push(format!("也许是「{arg}」"));
    }
    let subcommands = strings(err, ContextKind::SuggestedSubcommand);
    if !subcommands.is_empty() {
        tips.push(format!("也许是子命令{}", quoted(&subcommands)));
    }
    if let Some(value) = string(err, ContextKind::SuggestedValue) {
        tips.push(format!("也许是「{value}」"));
    }
    if err.kind() == ErrorKind::UnknownArgument && err.get(ContextKind::Suggested).is_some() {
        tips.push("以「-」开头的路径请写在「--」之后,例如「zhengce check -- -甲.zc」".to_string());
    }
    tips
}
