//! `zhengce.toml`: the project's settings, found in the checked directory or its nearest
//! ancestor, or named with `--config`. Today it holds one table:
//!
//! ```toml
//! [lints]
//! ZC0704 = "allow"   # a code
//! ZC04 = "deny"      # a family: ZC0400–ZC0499
//! ```
//!
//! This module only reads the file (with the `toml` crate); the levels themselves are checked
//! and applied by the compiler (`zhengce_compiler::lints`), the same for every front end.

use std::fs;
use std::path::{Path, PathBuf};

use zhengce_compiler::lints::LintLevels;

/// The file name looked for.
pub const FILE_NAME: &str = "zhengce.toml";

/// Settings read from a configuration file.
#[derive(Debug, Default)]
pub struct Config {
    pub lints: LintLevels,
}

/// Reads `explicit` when given, else the `zhengce.toml` of the first checked path's directory or
/// its nearest ancestor; no file means no settings. Every problem is a Chinese sentence naming
/// the file.
pub fn load(explicit: Option<&Path>, checked: &[PathBuf]) -> Result<Config, Vec<String>> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match checked.first().and_then(|p| discover(p)) {
            Some(p) => p,
            None => return Ok(Config::default()),
        },
    };
    let shown = path.display().to_string();
    let text = fs::read_to_string(&path).map_err(|e| {
        vec![format!(
            "无法读取配置文件「{shown}」:{}",
            super::os_error::describe(&e)
        )]
    })?;
    let lints = parse(&text).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| format!("配置文件「{shown}」{e}"))
            .collect::<Vec<_>>()
    })?;
    Ok(Config { lints })
}

/// The `zhengce.toml` in the directory of `checked` (itself when it is a directory) or the
/// nearest ancestor that has one.
fn discover(checked: &Path) -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?;
    let absolute = here.join(checked);
    let start = if absolute.is_dir() {
        absolute.as_path()
    } else {
        absolute.parent()?
    };
    let found = start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())?;
    // Named relative to where the command runs when it is below it, as the checked paths are.
    Some(match found.strip_prefix(&here) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => found,
    })
}

/// The lint levels of a configuration text.
fn parse(text: &str) -> Result<LintLevels, Vec<String>> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let at = e
            .span()
            .map(|s| {
                let (line, column) = line_col(text, s.start);
                format!("第 {line} 行第 {column} 列")
            })
            .unwrap_or_default();
        vec![format!("{at}:不是有效的 TOML 写法")]
    })?;
    let mut errors = Vec::new();
    let mut entries = Vec::new();
    for (key, value) in &table {
        match (key.as_str(), value) {
            ("lints", toml::Value::Table(lints)) => {
                for (code, level) in lints {
                    match level.as_str() {
                        Some(level) => entries.push((code.clone(), level.to_string())),
                        None => errors.push(format!(
                            "中 [lints] 的「{code}」:级别应写作字符串,如 {code} = \"allow\""
                        )),
                    }
                }
            }
            ("lints", _) => errors.push("中「lints」应是一个表:[lints]".to_string()),
            (other, _) => errors.push(format!(
                "中有未知的设置「{other}」:目前只有 [lints] 表(各代码的级别)"
            )),
        }
    }
    let levels = LintLevels::parse(entries).map_err(|e| {
        errors.extend(e.into_iter().map(|m| format!("中 [lints] 的{m}")));
    });
    match levels {
        Ok(levels) if errors.is_empty() => Ok(levels),
        _ => Err(errors),
    }
}

/// 1-based line and column (in characters) of byte `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhengce_compiler::lints::Level;

    #[test]
    fn levels_are_read_from_the_lints_table() {
        let levels = parse("[lints]\nZC0704 = \"allow\"\nZC04 = \"deny\"\n").unwrap();
        assert_eq!(levels.level_of("ZC0704"), Some(Level::Allow));
        assert_eq!(levels.level_of("ZC0404"), Some(Level::Deny));
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn every_problem_is_named() {
        let errors = parse("[lint]\n[lints]\nZC0701 = 1\nZC9999 = \"allow\"\n").unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:#?}");
        assert!(errors[0].contains("未知的设置「lint」"));
        assert!(errors[1].contains("级别应写作字符串"));
        assert!(errors[2].contains("未知的代码"));
        let errors = parse("[lints\n").unwrap_err();
        assert!(errors[0].starts_with("第 1 行"), "{errors:?}");
    }
}
