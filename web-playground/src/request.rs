//! Reading the page's requests with serde_json, field by field, with Chinese messages that name
//! the field at fault.
//!
//! A request is a JSON object; its members are read as raw JSON first, then each field the
//! function needs is read into its type. Numbers in facts, scores and actual figures stay as
//! written (`"1000"`, `"0.5"`): they are read as raw JSON text, so no value goes through a float.
//! A field given twice counts with its last value, as in JavaScript; fields the function does not
//! know are ignored; `null` is the same as a missing field.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

/// A request: its members by name, each as the raw JSON it was written as.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    members: BTreeMap<String, &'a RawValue>,
}

/// Reads a request: a JSON object.
pub(crate) fn request(text: &str) -> Result<Request<'_>, String> {
    match serde_json::from_str::<BTreeMap<String, &RawValue>>(text) {
        Ok(members) => Ok(Request { members }),
        Err(e) => Err(match e.classify() {
            serde_json::error::Category::Data => {
                format!("请求应为 JSON 对象,而不是{}", kind_of(text.trim()))
            }
            _ => syntax_error(&e, text),
        }),
    }
}

impl<'a> Request<'a> {
    /// The field's raw JSON; `None` when it is missing or `null`.
    pub(crate) fn raw(&self, name: &str) -> Option<&'a RawValue> {
        self.members
            .get(name)
            .copied()
            .filter(|raw| raw.get() != "null")
    }

    /// The field read as `T`; `None` when it is missing or `null`.
    pub(crate) fn opt<T: DeserializeOwned>(
        &self,
        name: &str,
        what: &str,
    ) -> Result<Option<T>, String> {
        self.raw(name).map(|raw| read(raw, name, what)).transpose()
    }

    /// The field read as `T`.
    pub(crate) fn required<T: DeserializeOwned>(
        &self,
        name: &str,
        what: &str,
    ) -> Result<T, String> {
        self.opt(name, what)?
            .ok_or_else(|| format!("请求缺少字段「{name}」"))
    }

    pub(crate) fn string(&self, name: &str) -> Result<String, String> {
        self.required(name, "字符串")
    }

    pub(crate) fn opt_string(&self, name: &str) -> Result<Option<String>, String> {
        self.opt(name, "字符串")
    }

    pub(crate) fn bool_or_false(&self, name: &str) -> Result<bool, String> {
        Ok(self.opt(name, "true 或 false")?.unwrap_or(false))
    }

    pub(crate) fn i32(&self, name: &str) -> Result<i32, String> {
        self.required(name, "整数")
    }

    /// An object's members by name (the last of a repeated name), as raw JSON; none when the
    /// field is missing or `null`.
    pub(crate) fn members(&self, name: &str) -> Result<BTreeMap<String, &'a RawValue>, String> {
        match self.raw(name) {
            None => Ok(BTreeMap::new()),
            Some(raw) => serde_json::from_str(raw.get())
                .map_err(|_| format!("字段「{name}」应为对象,而不是{}", kind_of(raw.get()))),
        }
    }
}

/// A field's raw JSON read as `T`, or why not in words: "字段「files」应为…,而不是…".
fn read<T: DeserializeOwned>(raw: &RawValue, name: &str, what: &str) -> Result<T, String> {
    serde_json::from_str(raw.get()).map_err(|e| {
        if e.to_string().starts_with("recursion limit exceeded") {
            return format!("字段「{name}」嵌套过深");
        }
        let detail = data_error(&e);
        match detail {
            Some(detail) if !raw.get().starts_with(['[', '{']) || detail.starts_with("缺少") => {
                format!("字段「{name}」应为{what},{detail}")
            }
            _ => format!("字段「{name}」应为{what},而不是{}", kind_of(raw.get())),
        }
    })
}

/// What kind of JSON value a raw text is, in words: 字符串, 数组, 对象, a number or literal as
/// written.
pub(crate) fn kind_of(raw: &str) -> String {
    match raw.as_bytes().first() {
        Some(b'"') => "字符串".to_string(),
        Some(b'[') => "数组".to_string(),
        Some(b'{') => "对象".to_string(),
        _ => raw.to_string(),
    }
}

/// The part of a serde data error a person needs: a missing member, or what was found instead.
fn data_error(e: &serde_json::Error) -> Option<String> {
    let text = e.to_string();
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    if let Some(field) = text
        .strip_prefix("missing field `")
        .and_then(|f| f.strip_suffix('`'))
    {
        return Some(format!("缺少「{field}」"));
    }
    let found = text
        .strip_prefix("invalid type: ")
        .or_else(|| text.strip_prefix("invalid value: "))?;
    let found = found.split(", expected").next().unwrap_or(found);
    let words = match found.split(' ').next().unwrap_or("") {
        "string" => "字符串".to_string(),
        "integer" | "floating" => found
            .split('`')
            .nth(1)
            .map_or("数字".to_string(), |n| format!("{n}")),
        "boolean" => found.split('`').nth(1).unwrap_or("布尔值").to_string(),
        "map" => "对象".to_string(),
        "sequence" => "数组".to_string(),
        "null" | "unit" => "null".to_string(),
        _ => return None,
    };
    Some(format!("而不是{words}"))
}

/// A JSON syntax error with its line and column (columns in characters, as an editor counts).
fn syntax_error(e: &serde_json::Error, text: &str) -> String {
    let message = e.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    let mut at = byte_offset(text, e.line(), e.column());
    // serde_json notices a bad word (tru, nul, 01x) where it stops reading it, possibly on the
    // next line: point at the word.
    if message.starts_with("expected ident") || message.starts_with("expected value") {
        let before = text[..at].trim_end();
        let word = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '+'))
            .last();
        if let Some((start, _)) = word {
            at = start;
        }
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    let column = text[line_start..at].chars().count() + 1;
    let what = if message.starts_with("EOF while parsing") {
        "请求在此处意外结束"
    } else if message.starts_with("recursion limit exceeded") {
        "嵌套过深"
    } else if message.starts_with("trailing characters") {
        "值后面还有多余的内容"
    } else if message.starts_with("trailing comma") {
        "多余的逗号"
    } else if message.starts_with("key must be a string") {
        "对象的键应为字符串"
    } else if message.contains("escape")
        || message.contains("surrogate")
        || message.contains("code point")
    {
        "字符串中的转义无效"
    } else if message.starts_with("control character") {
        "字符串中有未转义的控制字符"
    } else if message.contains("number") {
        "数字无效"
    } else if message.starts_with("expected `:`") {
        "此处应为「:」"
    } else if message.starts_with("expected `,` or `}`") {
        "此处应为「,」或「}」"
    } else if message.starts_with("expected `,` or `]`") {
        "此处应为「,」或「]」"
    } else if message.starts_with("EOF") {
        "请求在此处意外结束"
    } else {
        "此处应为 JSON 值"
    };
    format!("请求不是有效的 JSON:第 {line} 行第 {column} 列{what}")
}

/// The byte offset of serde_json's `line` and `column` (1-based; the column counts bytes, 0 at a
/// line's start before anything is read).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_json() {
        let texts = [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "1e",
            "tru",
            "\"abc",
            "\"\\x\"",
            "\"\\ud834\"",
            "\"\\udd1e\"",
            "\"a\u{1}b\"",
            "{} {}",
            "[1 2]",
            "{1: 2}",
            "nul",
            "\"\\u12\"",
            "\"\\u+123\"",
        ];
        for text in texts {
            let e = request(text)
                .err()
                .unwrap_or_else(|| panic!("{text:?} was read"));
            assert!(
                e.starts_with("请求不是有效的 JSON") || e.starts_with("请求应为 JSON 对象"),
                "{text:?}: {e}"
            );
        }
        // A deep value is refused when read (an unknown field is skipped without recursion).
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(200), "]".repeat(200));
        let r = request(&deep).unwrap();
        assert!(r
            .opt::<serde_json::Value>("a", "数组")
            .unwrap_err()
            .contains("嵌套过深"));
    }

    #[test]
    fn errors_say_where() {
        let e = request("{\n  \"a\": tru\n}").unwrap_err();
        assert!(e.contains("第 2 行第 8 列"), "{e}");
        // Columns count characters, not bytes.
        let e = request("{\"名称\": tru}").unwrap_err();
        assert!(e.contains("第 1 行第 8 列"), "{e}");
        let e = request("{\"名称\": 1,\n}").unwrap_err();
        assert!(e.contains("多余的逗号"), "{e}");
    }

    #[test]
    fn fields() {
        let r = request(
            r#"{"s": "x", "s": "y", "n": null, "i": 2016, "f": 1.5, "b": true, "o": {"k": 1}}"#,
        )
        .unwrap();
        assert_eq!(r.string("s").unwrap(), "y");
        assert_eq!(r.opt_string("n").unwrap(), None);
        assert_eq!(r.opt_string("missing").unwrap(), None);
        assert!(r.string("n").unwrap_err().contains("缺少字段「n」"));
        assert!(r.string("i").unwrap_err().contains("应为字符串"));
        assert_eq!(r.i32("i").unwrap(), 2016);
        assert!(r.i32("f").is_err());
        assert!(r.bool_or_false("b").unwrap());
        assert!(!r.bool_or_false("missing").unwrap());
        assert_eq!(r.members("o").unwrap().len(), 1);
        assert!(r.members("missing").unwrap().is_empty());
        assert!(request("[]").unwrap_err().contains("应为 JSON 对象"));
    }

    #[test]
    fn members_by_name_keep_the_last_and_numbers_as_written() {
        let r = request(r#"{"o": {"b": 1, "a": 2.50, "b": 12345678901234567.89}}"#).unwrap();
        let m = r.members("o").unwrap();
        let got: Vec<(&str, &str)> = m.iter().map(|(k, v)| (k.as_str(), v.get())).collect();
        assert_eq!(got, [("a", "2.50"), ("b", "12345678901234567.89")]);
    }
}
