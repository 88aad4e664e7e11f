//! Reading the page's requests: a small JSON reader and typed access to a request's fields.
//!
//! The requests are a few flat objects of strings, so they are read by hand rather than by
//! serde's `Deserialize`: serde_json's deserializer, one copy of its visitor code per request
//! type and the float parsing and formatting its error messages need came to about 80 KB of the
//! wasm; this reader is a few KB. Measured again with the pest_derive parser (issue 18): reading
//! the requests with serde_json (raw members, then each field into its type) adds 32 KB to the
//! gzipped wasm, half the room left under the budget (BENCHMARKS.md). The tests compare this
//! reader with serde_json on what it reads and what it refuses.
//!
//! Numbers are kept as written (`"1000"`, `"0.5"`), so no value goes through a float.

use std::fmt;

/// A JSON value. Objects keep their members in order, repeated names included.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// As written.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Deeper nesting is refused rather than risking the stack (a request is two levels deep).
const MAX_DEPTH: usize = 128;

/// Reads a whole text as one JSON value.
pub(crate) fn parse(text: &str) -> Result<Json, String> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let value = reader
        .value(0)
        .and_then(|v| {
            reader.space();
            if reader.pos < reader.bytes.len() {
                Err("值后面还有多余的内容")
            } else {
                Ok(v)
            }
        })
        .map_err(|what| {
            let before = &text[..reader.pos.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("请求不是有效的 JSON:第 {line} 行第 {column} 列{what}")
        })?;
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.bytes.get(self.pos) == Some(&byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn value(&mut self, depth: usize) -> Result<Json, &'static str> {
        if depth > MAX_DEPTH {
            return Err("嵌套过深");
        }
        self.space();
        let Some(&first) = self.bytes.get(self.pos) else {
            return Err("缺少值");
        };
        match first {
            b'{' => {
                self.pos += 1;
                let mut members = Vec::new();
                if self.eat(b'}') {
                    return Ok(Json::Object(members));
                }
                loop {
                    self.space();
                    if self.bytes.get(self.pos) != Some(&b'"') {
                        return Err("应为用引号括起的字段名");
                    }
                    let name = self.string()?;
                    if !self.eat(b':') {
                        return Err("字段名后应为冒号");
                    }
                    members.push((name, self.value(depth + 1)?));
                    if self.eat(b'}') {
                        return Ok(Json::Object(members));
                    }
                    if !self.eat(b',') {
                        return Err("应为逗号或 }");
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Ok(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return Err("应为逗号或 ]");
                    }
                }
            }
            b'"' => self.string().map(Json::String),
            b'-' | b'0'..=b'9' => self.number(),
            _ => {
                for (word, value) in [
                    ("true", Json::Bool(true)),
                    ("false", Json::Bool(false)),
                    ("null", Json::Null),
                ] {
                    if self.text[self.pos..].starts_with(word) {
                        self.pos += word.len();
                        return Ok(value);
                    }
                }
                Err("不是 JSON 值")
            }
        }
    }

    /// A number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Result<Json, &'static str> {
        let start = self.pos;
        let digits = |r: &mut Self| {
            let from = r.pos;
            while r.bytes.get(r.pos).is_some_and(u8::is_ascii_digit) {
                r.pos += 1;
            }
            r.pos > from
        };
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        if !digits(self) || (self.bytes[int_start] == b'0' && self.pos - int_start > 1) {
            return Err("不是有效的数");
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err("不是有效的数");
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err("不是有效的数");
            }
        }
        Ok(Json::Number(self.text[start..self.pos].to_string()))
    }

    /// A string, at its opening quote.
    fn string(&mut self) -> Result<String, &'static str> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The run ends at an ASCII byte or at the end: a character boundary.
            out.push_str(&self.text[run..self.pos]);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match self.bytes.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let unit = self.hex4()?;
                            let c = match unit {
                                0xD800..=0xDBFF => {
                                    if !self.text[self.pos..].starts_with("\\u") {
                                        return Err("UTF-16 代理对不完整");
                                    }
                                    self.pos += 2;
                                    let low = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&low) {
                                        return Err("UTF-16 代理对不完整");
                                    }
                                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                                }
                                0xDC00..=0xDFFF => return Err("UTF-16 代理对不完整"),
                                _ => unit,
                            };
                            out.push(char::from_u32(c).ok_or("不是有效的字符")?);
                            continue;
                        }
                        _ => return Err("不是有效的转义"),
                    };
                    out.push(escaped);
                    self.pos += 1;
                }
                Some(_) => return Err("字符串中有未转义的控制字符"),
                None => return Err("字符串没有结束"),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, &'static str> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or("不是有效的转义")?;
        let unit = u32::from_str_radix(digits, 16).map_err(|_| "不是有效的转义")?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("不是有效的转义");
        }
        self.pos += 4;
        Ok(unit)
    }
}

impl fmt::Display for Json {
    /// The value's kind, for messages: a request's values are never echoed whole.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(n) => f.write_str(n),
            Json::String(_) => f.write_str("字符串"),
            Json::Array(_) => f.write_str("数组"),
            Json::Object(_) => f.write_str("对象"),
        }
    }
}

/// A request: a JSON object's members.
pub(crate) type Request = Vec<(String, Json)>;

/// Reads a request: a JSON object.
pub(crate) fn request(text: &str) -> Result<Request, String> {
    match parse(text)? {
        Json::Object(members) => Ok(members),
        other => Err(format!("请求应为 JSON 对象,而不是{other}")),
    }
}

/// A JSON object (a request, or an object in it) read field by field. A field given twice counts
/// with its last value, as in JavaScript; fields the function does not know are ignored.
pub(crate) trait Fields {
    /// The field's value; `None` when it is missing or `null`.
    fn field(&self, name: &str) -> Option<&Json>;

    fn required(&self, name: &str) -> Result<&Json, String> {
        self.field(name)
            .ok_or_else(|| format!("请求缺少字段「{name}」"))
    }

    fn string(&self, name: &str) -> Result<String, String> {
        as_string(self.required(name)?, name)
    }

    fn opt_string(&self, name: &str) -> Result<Option<String>, String> {
        self.field(name).map(|v| as_string(v, name)).transpose()
    }

    fn bool_or_false(&self, name: &str) -> Result<bool, String> {
        match self.field(name) {
            None => Ok(false),
            Some(Json::Bool(b)) => Ok(*b),
            Some(other) => Err(format!("字段「{name}」应为 true 或 false,而不是{other}")),
        }
    }

    // The runtime's questions (feature `eval`) read integers, objects and members by name.
    #[cfg_attr(not(feature = "eval"), allow(dead_code))]
    fn i32(&self, name: &str) -> Result<i32, String> {
        match self.required(name)? {
            Json::Number(n) => n
                .parse()
                .map_err(|_| format!("字段「{name}」应为整数,而不是 {n}")),
            other => Err(format!("字段「{name}」应为整数,而不是{other}")),
        }
    }

    /// An object's members; none when the field is missing or `null`.
    #[cfg_attr(not(feature = "eval"), allow(dead_code))]
    fn members(&self, name: &str) -> Result<&[(String, Json)], String> {
        match self.field(name) {
            None => Ok(&[]),
            Some(Json::Object(members)) => Ok(members),
            Some(other) => Err(format!("字段「{name}」应为对象,而不是{other}")),
        }
    }

    fn array(&self, name: &str) -> Result<&[Json], String> {
        match self.required(name)? {
            Json::Array(items) => Ok(items),
            other => Err(format!("字段「{name}」应为数组,而不是{other}")),
        }
    }
}

impl Fields for [(String, Json)] {
    fn field(&self, name: &str) -> Option<&Json> {
        match self.iter().rev().find(|(n, _)| n == name) {
            None | Some((_, Json::Null)) => None,
            Some((_, value)) => Some(value),
        }
    }
}

fn as_string(value: &Json, name: &str) -> Result<String, String> {
    match value {
        Json::String(s) => Ok(s.clone()),
        other => Err(format!("字段「{name}」应为字符串,而不是{other}")),
    }
}

/// An object's members sorted by name, the last of a repeated name kept: the order a map reads
/// them in (and in which the first bad one is reported).
#[cfg_attr(not(feature = "eval"), allow(dead_code))]
pub(crate) fn by_name(members: &[(String, Json)]) -> Vec<(&str, &Json)> {
    let mut sorted: Vec<(&str, &Json)> = members.iter().map(|(n, v)| (n.as_str(), v)).collect();
    zhengce_runtime::sort::sort_by(&mut sorted, |a, b| a.0.cmp(b.0));
    let mut out: Vec<(&str, &Json)> = Vec::with_capacity(sorted.len());
    for member in sorted {
        match out.last_mut() {
            Some(last) if last.0 == member.0 => *last = member,
            _ => out.push(member),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_reads() {
        let texts = [
            r#"{"a": [1, -2.5, 3e10, 0, -0.0e-3], "b": {"c": null, "d": true, "e": false}}"#,
            r#"  "esc\"\\\/\b\f\n\r\t\u00e9\u4e2d\ud834\udd1e 中文 𠀀"  "#,
            "[]",
            "{}",
            r#"[[[[]]], {"": ""}]"#,
        ];
        for text in texts {
            let ours = parse(text).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(to_serde(&ours), theirs, "{text}");
        }
    }

    fn to_serde(v: &Json) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => serde_json::from_str(n).unwrap(),
            Json::String(s) => Value::String(s.clone()),
            Json::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
            Json::Object(m) => {
                Value::Object(m.iter().map(|(k, v)| (k.clone(), to_serde(v))).collect())
            }
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
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
            assert!(parse(text).is_err(), "{text:?} was read");
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "{text:?} is JSON"
            );
        }
        let deep = "[".repeat(MAX_DEPTH + 2) + &"]".repeat(MAX_DEPTH + 2);
        assert!(parse(&deep).unwrap_err().contains("嵌套过深"));
    }

    #[test]
    fn errors_say_where() {
        let e = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert!(e.contains("第 2 行第 8 列"), "{e}");
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
    fn members_by_name() {
        let Json::Object(m) = parse(r#"{"b": 1, "a": 2, "b": 3}"#).unwrap() else {
            unreachable!()
        };
        let sorted = by_name(&m);
        assert_eq!(sorted.len(), 2);
        assert_eq!(sorted[0].0, "a");
        assert_eq!(sorted[1], ("b", &Json::Number("3".into())));
    }
}
