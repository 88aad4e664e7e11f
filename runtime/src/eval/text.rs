//! Values written the way the language writes them, for command lines and batch rows.
//!
//! - quantities: Arabic or full-width digits, an optional decimal point, an optional 万/亿/万亿
//!   and a unit word (`1000万元`, `800人`, `40个村`, `200元/人/年`, `每人每年200元`);
//! - a **plain number** (`1000`) is read in the fact's declared unit *and scale*: for
//!   `事实 项目总投资：万元`, `1000` is 1000万元;
//! - categories: the value as declared (`深度贫困县`), 「」 optional, full-width brackets the same
//!   as half-width ones;
//! - dates: `2017-05-03` or `2017年5月3日`.
//!
//! Chinese numerals (`一千万元`) are not read here: the compiler reads them in `.zc` files, but a
//! command line or a data file should use digits.

use rust_decimal::Decimal;

use super::{fact_decl, fact_names, fold_name, suggest, EvalError, Facts};
use crate::ir::{Fact, FactKind, FactValue, Program};
use crate::value::{CivilDate, Quantity, Scale, Unit, UnitAtom};

/// The largest absolute value a quantity typed on a command line or in a data file may have, as
/// written (`1000万亿元`, before a bare number is scaled to its fact's 万/亿): the compiler's
/// `syntax::limits::MAX_NUMBER` for numbers in `.zc` files, 10¹⁵ (一千万亿). Policy amounts are far
/// below it, and sums of such numbers stay exact; a number beyond it is an error, not a result.
pub const MAX_QUANTITY: u64 = 1_000_000_000_000_000;

/// Why a number is refused (the callers quote the text).
fn too_large() -> String {
    format!("数值太大:绝对值不能超过 {MAX_QUANTITY}(一千万亿)")
}

/// `value` if its absolute value is within [`MAX_QUANTITY`], else why not.
pub fn bounded(value: Decimal) -> Result<Decimal, String> {
    if value.abs() > Decimal::from(MAX_QUANTITY) {
        return Err(too_large());
    }
    Ok(value)
}

/// Reads `1000万元`, `20%`, `200元/人/年`, `每人每年200元`, `-2分` or a bare `1000`.
pub fn parse_quantity(text: &str) -> Result<Quantity, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("没有数值".into());
    }
    // 每人每年200元: the per-units come first.
    let mut rest = text;
    let mut per_prefix = Vec::new();
    while let Some(after) = rest.strip_prefix('每') {
        let (atom, len) = longest_unit_word(after)
            .ok_or_else(|| "「每」后面应是单位,如 每人、每年".to_string())?;
        per_prefix.push(atom);
        rest = &after[len..];
    }
    let (value, used) = parse_number(rest).ok_or_else(|| {
        "应以阿拉伯数字开头,如 1000万元、800人、20%(汉字数字请改写为阿拉伯数字)".to_string()
    })?;
    let mut value = value?;
    rest = &rest[used..];
    let mut scale = Scale::One;
    for (word, factor, shown) in [
        ("万亿", Decimal::from(1_000_000_000_000u64), Scale::Yi),
        ("亿", Scale::Yi.factor(), Scale::Yi),
        ("万", Scale::Wan.factor(), Scale::Wan),
    ] {
        if let Some(after) = rest.strip_prefix(word) {
            value = value.checked_mul(factor).ok_or_else(too_large)?;
            scale = shown;
            rest = after;
            break;
        }
    }
    let value = bounded(value)?;
    let rest = rest.trim();
    let unit = if rest.is_empty() {
        if !per_prefix.is_empty() {
            return Err("「每…」后面的数字须带单位,如 每人200元".into());
        }
        None
    } else {
        let mut unit = parse_unit(rest)?;
        if !per_prefix.is_empty() {
            if !unit.per.is_empty() {
                return Err("「每…」与「/」不能同时使用".into());
            }
            unit.per = per_prefix;
        }
        Some(unit)
    };
    Ok(Quantity {
        value: value.normalize(),
        unit,
        scale,
    })
}

/// A number at the start of `s`: sign, digits (Arabic or full-width) and one decimal point.
/// Returns the value (or why these digits are not one) and the bytes used; `None` when `s` does
/// not start with a number.
fn parse_number(s: &str) -> Option<(Result<Decimal, String>, usize)> {
    let mut ascii = String::new();
    let mut used = 0;
    let mut digits = 0;
    let mut seen_point = false;
    for (i, c) in s.char_indices() {
        let mapped = match c {
            '0'..='9' => c,
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32)?,
            '.' | '．' if !seen_point && digits > 0 => {
                seen_point = true;
                '.'
            }
            '+' | '＋' | '-' | '－' if i == 0 => {
                if matches!(c, '-' | '－') {
                    '-'
                } else {
                    '+'
                }
            }
            _ => break,
        };
        if mapped.is_ascii_digit() {
            digits += 1;
        }
        if mapped != '+' {
            ascii.push(mapped);
        }
        used = i + c.len_utf8();
    }
    if digits == 0 {
        return None;
    }
    if ascii.ends_with('.') {
        return Some((Err("小数点后缺少数字".to_string()), used));
    }
    // `from_str` would round digits past the 28th silently; `from_str_exact` refuses them.
    let value = match Decimal::from_str_exact(&ascii) {
        Ok(d) => Ok(d),
        Err(_) => {
            let whole = ascii
                .trim_start_matches(['-', '+'])
                .split('.')
                .next()
                .unwrap_or("")
                .trim_start_matches('0');
            if whole.len() > 16 {
                Err(too_large())
            } else {
                Err("有效数字太多:最多 28 位,多出的数字不能精确表示".to_string())
            }
        }
    };
    Some((value, used))
}

/// The longest unit word at the start of `s` (个月 before 个, 平方公里 before 公里), with 个 before a
/// counter dropped (个村 is 村).
fn longest_unit_word(s: &str) -> Option<(UnitAtom, usize)> {
    let direct = UnitAtom::WORDS
        .iter()
        .filter(|(w, _)| s.starts_with(w))
        .max_by_key(|(w, _)| w.len())
        .map(|(w, a)| (*a, w.len()));
    let counted = s.strip_prefix('个').and_then(|after| {
        UnitAtom::WORDS
            .iter()
            .filter(|(w, _)| after.starts_with(w))
            .max_by_key(|(w, _)| w.len())
            .map(|(w, a)| (*a, w.len() + '个'.len_utf8()))
    });
    match (direct, counted) {
        (Some(d), Some(c)) if c.1 > d.1 => Some(c),
        (Some(d), _) => Some(d),
        (None, c) => c,
    }
}

/// `元`, `个村`, `元/人/年`.
pub fn parse_unit(text: &str) -> Result<Unit, String> {
    let mut atoms = Vec::new();
    for part in text.split(['/', '／']) {
        let part = part.trim();
        match longest_unit_word(part) {
            Some((atom, len)) if len == part.len() => atoms.push(atom),
            _ => {
                return Err(format!(
                    "「{part}」不是已知的单位(可用的单位如 元、人、户、个村、%、分、元/人/年)"
                ))
            }
        }
    }
    let atom = atoms.remove(0);
    Ok(Unit { atom, per: atoms })
}

/// `2017-05-03`, `2017年5月3日` (or 号), with Arabic or full-width digits.
pub fn parse_date(text: &str) -> Option<CivilDate> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            c => c,
        })
        .collect();
    if let Some(d) = CivilDate::parse_iso(&ascii) {
        return Some(d);
    }
    let (y, rest) = ascii.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest
        .strip_suffix('日')
        .or_else(|| rest.strip_suffix('号'))?;
    CivilDate::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// What a fact takes, for messages: `以「万元」计的数量,如 1000万元`.
pub fn expectation(fact: &Fact) -> String {
    match &fact.kind {
        FactKind::Category { values } => format!("{} 之一", values.join("、")),
        FactKind::Quantity { unit, scale } => {
            format!(
                "以「{}{unit}」计的数量,如 100{}{unit}",
                scale.word(),
                scale.word()
            )
        }
        FactKind::Date => "日期,如 2017-05-03".to_string(),
    }
}

fn describe(value: &FactValue) -> String {
    match value {
        FactValue::Quantity(q) => format!("数量「{q}」"),
        FactValue::Category(c) => format!("取值「{c}」"),
        FactValue::Date(d) => format!("日期「{d}」"),
    }
}

fn kind_word(fact: &Fact) -> String {
    match &fact.kind {
        FactKind::Category { .. } => "取值".to_string(),
        FactKind::Quantity { unit, scale } => format!("以「{}{unit}」计的数量", scale.word()),
        FactKind::Date => "日期".to_string(),
    }
}

/// Reads `text` as a value of `fact`.
pub fn parse_fact(fact: &Fact, text: &str) -> Result<FactValue, EvalError> {
    let bad = |reason: String| EvalError::BadValue {
        fact: fact.name.clone(),
        text: text.to_string(),
        reason,
    };
    let value = match &fact.kind {
        FactKind::Category { .. } => FactValue::Category(fold_name(text)),
        FactKind::Quantity { .. } => FactValue::Quantity(parse_quantity(text).map_err(bad)?),
        FactKind::Date => FactValue::Date(
            parse_date(text).ok_or_else(|| bad("应为日期,如 2017-05-03 或 2017年5月3日".into()))?,
        ),
    };
    check_fact(fact, value)
}

/// Checks a typed value against the fact's declaration and returns it in canonical form: the
/// declared spelling of a category value; a quantity in the fact's unit (a bare number is read in
/// the declared unit and scale).
pub fn check_fact(fact: &Fact, value: FactValue) -> Result<FactValue, EvalError> {
    let wrong_kind = |value: &FactValue| EvalError::WrongKind {
        fact: fact.name.clone(),
        expected: kind_word(fact),
        got: describe(value),
    };
    match (&fact.kind, value) {
        (FactKind::Category { values }, FactValue::Category(given)) => values
            .iter()
            .find(|v| super::same_name(v, &given))
            .map(|v| FactValue::Category(v.clone()))
            .ok_or_else(|| EvalError::UnknownValue {
                fact: fact.name.clone(),
                value: given,
                values: values.clone(),
            }),
        (FactKind::Quantity { unit, scale }, FactValue::Quantity(mut q)) => match &q.unit {
            None => {
                q.value =
                    q.value
                        .checked_mul(scale.factor())
                        .ok_or_else(|| EvalError::Overflow {
                            what: format!("事实「{}」的值", fact.name),
                        })?;
                q.value = q.value.normalize();
                q.unit = Some(unit.clone());
                if q.scale == Scale::One {
                    q.scale = *scale;
                }
                Ok(FactValue::Quantity(q))
            }
            Some(u) if u == unit => {
                if q.scale == Scale::One {
                    q.scale = *scale;
                }
                Ok(FactValue::Quantity(q))
            }
            Some(u) => Err(EvalError::WrongUnit {
                fact: fact.name.clone(),
                expected: format!("{}{unit}", scale.word()),
                got: u.to_string(),
            }),
        },
        (FactKind::Date, FactValue::Date(d)) => Ok(FactValue::Date(d)),
        // A category value that reads as a date or a number was given to the wrong fact.
        (_, other) => Err(wrong_kind(&other)),
    }
}

/// Looks a given fact up and checks its value: an undeclared name is an error with suggestions.
pub(crate) fn check_given(
    program: &Program,
    doc: usize,
    name: &str,
    value: &FactValue,
) -> Result<(String, FactValue), EvalError> {
    let decl = declared_fact(program, doc, name)?;
    Ok((decl.name.clone(), check_fact(decl, value.clone())?))
}

/// Reads `name=text` pairs (the command line's `--fact`) as facts for `rule`.
pub fn parse_facts<'a>(
    program: &Program,
    rule: &str,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Facts, EvalError> {
    let (doc, _) = super::find_rule(program, rule)?;
    parse_facts_in(program, doc, pairs)
}

pub(crate) fn parse_facts_in<'a>(
    program: &Program,
    doc: usize,
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Facts, EvalError> {
    let mut facts = Facts::new();
    for (name, text) in pairs {
        let decl = declared_fact(program, doc, name)?;
        facts.insert(decl.name.clone(), parse_fact(decl, text)?);
    }
    Ok(facts)
}

/// One JSON value given for a fact, as a JSON reader hands it over: what [`parse_fact_json`]
/// makes of a `RawValue`, for readers without serde (the browser bindings read requests with a
/// small reader of their own, to keep serde's deserializer out of the wasm).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonFact<'a> {
    Null,
    /// A string, its escapes already resolved.
    String(&'a str),
    /// A number as written (`1000`, `0.5`, `1e3`).
    Number(&'a str),
    /// Anything else (`true`, an array, an object), as written.
    Other(&'a str),
}

/// Reads one JSON value as a value of `fact`: a string is read like the language, a number is a
/// plain number in the fact's unit and scale (read from its digits, never through a float),
/// `null` means "not given" (`Ok(None)`).
pub fn parse_fact_json(
    fact: &Fact,
    raw: &serde_json::value::RawValue,
) -> Result<Option<FactValue>, EvalError> {
    let text = raw.get().trim();
    let unescaped: String;
    let value = if text == "null" {
        JsonFact::Null
    } else if text.starts_with('"') {
        unescaped = serde_json::from_str(text).map_err(|_| EvalError::BadValue {
            fact: fact.name.clone(),
            text: text.to_string(),
            reason: "字符串的写法有误(转义字符不对)".to_string(),
        })?;
        JsonFact::String(&unescaped)
    } else if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
        JsonFact::Number(text)
    } else {
        JsonFact::Other(text)
    };
    parse_fact_value(fact, value)
}

/// [`parse_fact_json`] of a value already read.
pub fn parse_fact_value(fact: &Fact, value: JsonFact<'_>) -> Result<Option<FactValue>, EvalError> {
    match value {
        JsonFact::Null => Ok(None),
        JsonFact::String(s) if s.trim().is_empty() => Ok(None),
        JsonFact::String(s) => parse_fact(fact, s).map(Some),
        JsonFact::Number(text) => {
            let bad = |reason: String| EvalError::BadValue {
                fact: fact.name.clone(),
                text: text.to_string(),
                reason,
            };
            let value = json_number(text)
                .ok_or_else(|| bad("不是有效的数,或超出了可精确表示的范围".into()))?;
            let value = bounded(value).map_err(bad)?;
            check_fact(fact, FactValue::Quantity(Quantity::new(value, None))).map(Some)
        }
        JsonFact::Other(text) => Err(EvalError::BadValue {
            fact: fact.name.clone(),
            text: text.to_string(),
            reason: "应为字符串(如 \"1000万元\"、\"深度贫困县\")或数".into(),
        }),
    }
}

/// The exact value of a JSON number (`1500`, `-2.5`, `1.5e3`, `25E-2`), or `None` when it is not
/// one or has more digits than a `Decimal` holds. (Not `Decimal::from_scientific`, which the
/// browser's wasm would carry for this one use; the exponent only moves the decimal point.)
fn json_number(text: &str) -> Option<Decimal> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (
            &text[..i],
            text[i + 1..].strip_prefix('+').unwrap_or(&text[i + 1..]),
        ),
        None => (text, "0"),
    };
    let mut value = Decimal::from_str_exact(mantissa).ok()?;
    let exponent: i32 = exponent.parse().ok()?;
    if exponent < 0 {
        let scale = value.scale().checked_add(exponent.unsigned_abs())?;
        // 28 digits after the point at most; more would round.
        if scale > 28 {
            return None;
        }
        value.set_scale(scale).ok()?;
    } else {
        // 10^29 exceeds a Decimal: a larger exponent overflows whatever the mantissa (but 0).
        if value.is_zero() {
            return Some(Decimal::ZERO);
        }
        for _ in 0..exponent.min(29) {
            value = value.checked_mul(Decimal::TEN)?;
        }
    }
    Some(value)
}

/// Reads a JSON object `{"县类别": "深度贫困县", "项目总投资": "1000万元"}` as facts for `rule`.
pub fn parse_facts_json(program: &Program, rule: &str, json: &str) -> Result<Facts, EvalError> {
    let (doc, _) = super::find_rule(program, rule)?;
    parse_facts_json_in(program, doc, json)
}

pub(crate) fn parse_facts_json_in(
    program: &Program,
    doc: usize,
    json: &str,
) -> Result<Facts, EvalError> {
    let object = json_object(json).map_err(|reason| EvalError::BadRow { reason })?;
    let mut facts = Facts::new();
    for (name, raw) in object {
        let decl = declared_fact(program, doc, &name)?;
        if let Some(value) = parse_fact_json(decl, raw)? {
            facts.insert(decl.name.clone(), value);
        }
    }
    Ok(facts)
}

/// [`parse_facts_json`] of an object already read: its members in the order to read them (a
/// JSON object's are read by name, the last of a repeated name winning).
pub fn parse_facts_values<'a>(
    program: &Program,
    rule: &str,
    members: impl IntoIterator<Item = (&'a str, JsonFact<'a>)>,
) -> Result<Facts, EvalError> {
    let (doc, _) = super::find_rule(program, rule)?;
    let mut facts = Facts::new();
    for (name, value) in members {
        let decl = declared_fact(program, doc, name)?;
        if let Some(value) = parse_fact_value(decl, value)? {
            facts.insert(decl.name.clone(), value);
        }
    }
    Ok(facts)
}

/// The members of the JSON object `json`, in order; or why it is not one, in words: what it is
/// instead, where its syntax breaks, or which name it gives twice (one value would be lost).
fn json_object(json: &str) -> Result<Vec<(String, &serde_json::value::RawValue)>, String> {
    use serde::de::{Deserializer, MapAccess, Visitor};

    struct Members;
    impl<'de> Visitor<'de> for Members {
        type Value = Vec<(String, &'de serde_json::value::RawValue)>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("一个 JSON 对象")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut members: Self::Value = Vec::new();
            while let Some(name) = map.next_key::<String>()? {
                let value = map.next_value()?;
                if members.iter().any(|(n, _)| *n == name) {
                    return Err(serde::de::Error::custom(format!("事实「{name}」写了两次")));
                }
                members.push((name, value));
            }
            Ok(members)
        }
    }

    let mut de = serde_json::Deserializer::from_str(json);
    let members = de
        .deserialize_map(Members)
        .and_then(|m| de.end().map(|()| m));
    members.map_err(|e| {
        use serde_json::error::Category;
        // serde counts columns in bytes; people count characters.
        let column = {
            let line = json.lines().nth(e.line().saturating_sub(1)).unwrap_or("");
            let mut at = e.column().saturating_sub(1).min(line.len());
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            line[..at].chars().count() + 1
        };
        let trimmed = json.trim_start();
        match e.classify() {
            Category::Data if !trimmed.starts_with('{') => {
                let what = match trimmed.chars().next() {
                    Some('[') => "数组",
                    Some('"') => "字符串",
                    Some('n') => "null",
                    Some('t' | 'f') => "true 或 false",
                    _ => "数",
                };
                format!(
                    "每一行应是一个 JSON 对象,如 {{\"县类别\":\"深度贫困县\"}},这一行却是{what}"
                )
            }
            Category::Data => {
                // Our own message (a name given twice), without serde's position suffix.
                let text = e.to_string();
                let own = text.split(" at line ").next().unwrap_or(&text).to_string();
                if own.contains('「') {
                    own
                } else {
                    format!("JSON 对象有误(第 {column} 列)")
                }
            }
            Category::Eof => "JSON 没有写完:对象在行尾还没有结束".to_string(),
            Category::Syntax | Category::Io => {
                format!("不是有效的 JSON:第 {column} 列有语法错误")
            }
        }
    })
}

/// The declaration of a given fact: an undeclared name is an error with suggestions.
fn declared_fact<'p>(program: &'p Program, doc: usize, name: &str) -> Result<&'p Fact, EvalError> {
    fact_decl(program, doc, name)?.ok_or_else(|| EvalError::UnknownFact {
        name: name.to_string(),
        suggestions: suggest(name, fact_names(program, doc)),
    })
}

/// Reads a score: `9`, `9分`, `+3分`, `-2分`, `25.5`.
pub fn parse_points(item: &str, text: &str) -> Result<Decimal, EvalError> {
    let bad = |reason: Option<String>| EvalError::BadScore {
        item: item.to_string(),
        text: text.to_string(),
        reason,
    };
    // A number that cannot be read says why; anything else gets the general hint.
    let q = parse_quantity(text).map_err(|e| {
        let number = text.trim_start_matches(['+', '-', '＋', '－']);
        bad(number
            .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            .then_some(e))
    })?;
    match q.unit {
        None => Ok(q.value),
        Some(u) if u == Unit::of(UnitAtom::Point) => Ok(q.value),
        Some(_) => Err(bad(None)),
    }
}

/// Reads an actual figure for a year: `2016=50万`, `2016=50万人`, `2016年50万人`.
pub fn parse_year_amount(text: &str) -> Result<(i32, Quantity), String> {
    let text = text.trim();
    let (year, amount) = if let Some((y, a)) = text.split_once(['=', '＝']) {
        (y.trim().trim_end_matches('年'), a)
    } else if let Some((y, a)) = text.split_once('年') {
        (y, a)
    } else {
        return Err(format!("「{text}」应写作 年份=数量,如 2016=50万人"));
    };
    let year: i32 = year
        .trim()
        .parse()
        .map_err(|_| format!("「{year}」不是年份,应为四位数字,如 2016"))?;
    let quantity = parse_quantity(amount).map_err(|e| format!("「{amount}」无法读取:{e}"))?;
    Ok((year, quantity))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::FactKind;

    fn q(text: &str) -> Quantity {
        parse_quantity(text).unwrap()
    }

    #[test]
    fn quantities_are_exact_with_scale() {
        let x = q("1000万元");
        assert_eq!(x.value, Decimal::from(10_000_000));
        assert_eq!(x.unit, Some(Unit::of(UnitAtom::Yuan)));
        assert_eq!(x.scale, Scale::Wan);
        assert_eq!(x.to_string(), "1000万元");
        assert_eq!(q("1.5万人").value, Decimal::from(15_000));
        assert_eq!(q("０.５亿元").value, Decimal::from(50_000_000));
        assert_eq!(q("2万亿元").value, Decimal::from(2_000_000_000_000u64));
        assert_eq!(q("-2分").value, Decimal::from(-2));
        assert_eq!(q("+3分").value, Decimal::from(3));
        assert_eq!(q("1000").unit, None);
    }

    #[test]
    fn units_with_counters_and_rates() {
        assert_eq!(q("40个村").unit, Some(Unit::of(UnitAtom::Village)));
        assert_eq!(q("3个月").unit, Some(Unit::of(UnitAtom::Month)));
        let rate = Unit {
            atom: UnitAtom::Yuan,
            per: vec![UnitAtom::Person, UnitAtom::Year],
        };
        assert_eq!(q("200元/人/年").unit, Some(rate.clone()));
        assert_eq!(q("每人每年200元").unit, Some(rate));
        assert_eq!(q("每人每年200元").value, Decimal::from(200));
        assert_eq!(q("20%").unit, Some(Unit::of(UnitAtom::Percent)));
    }

    #[test]
    fn bad_quantities_say_why() {
        assert!(parse_quantity("一千万元")
            .unwrap_err()
            .contains("阿拉伯数字"));
        assert!(parse_quantity("100头")
            .unwrap_err()
            .contains("不是已知的单位"));
        assert!(parse_quantity("").is_err());
        assert_eq!(parse_quantity("1.").unwrap_err(), "小数点后缺少数字");
        assert_eq!(parse_quantity("232．万人").unwrap_err(), "小数点后缺少数字");
    }

    #[test]
    fn numbers_beyond_the_bound_say_so() {
        let too_large = "数值太大:绝对值不能超过 1000000000000000(一千万亿)";
        for text in [
            "396140812571321687967719751680",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "1000000000000001",
            "1000000000000000.5",
            "100000000001万",
            "10000001亿人",
            "1001万亿元",
            "79228162514264337593543950335万亿",
            "０００１０００００００００００００００１",
        ] {
            assert_eq!(parse_quantity(text).unwrap_err(), too_large, "{text}");
        }
        // At the bound, in any scale: read exactly.
        let bound = Decimal::from(MAX_QUANTITY);
        for text in [
            "1000000000000000",
            "100000000000万",
            "1000万亿元",
            "-10000000亿",
        ] {
            assert_eq!(q(text).value.abs(), bound, "{text}");
        }
        // Past 28 significant digits a number would be rounded: refused, never rounded.
        assert_eq!(
            parse_quantity("0.00000000000000000000000000001").unwrap_err(),
            "有效数字太多:最多 28 位,多出的数字不能精确表示"
        );
        assert_eq!(
            q("0.0000000000000000000000000001").value,
            Decimal::new(1, 28)
        );
        // JSON numbers and scores have the same bound.
        let raw = serde_json::value::RawValue::from_string("1e16".into()).unwrap();
        let e = parse_fact_json(&money_fact(), &raw).unwrap_err();
        assert!(e.to_string().contains(too_large), "{e}");
        let e = parse_points("甲", "1000000000000001分").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("「甲」的得分「1000000000000001分」无法读取:{too_large}")
        );
    }

    #[test]
    fn json_numbers_are_read_exactly() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        for (text, value) in [
            ("1500", d("1500")),
            ("-2.5", d("-2.5")),
            ("1.5e3", d("1500")),
            ("1.5E+3", d("1500")),
            ("25E-2", d("0.25")),
            ("-0e99", Decimal::ZERO),
            ("1e-28", Decimal::new(1, 28)),
            ("1e28", d("10000000000000000000000000000")),
            ("0.1e-27", Decimal::new(1, 28)),
        ] {
            assert_eq!(json_number(text), Some(value), "{text}");
            // The same as rust_decimal's own reading, where that reads it.
            if let Ok(theirs) = Decimal::from_scientific(text) {
                assert_eq!(theirs, value, "{text}");
            }
        }
        // More digits than a Decimal holds, or not a number: refused, never rounded.
        for text in [
            "1e-29",
            "0.1e-28",
            "1e29",
            "8e28",
            "1e",
            "e5",
            "1e2.5",
            "1e99999999999",
            "--1",
        ] {
            assert_eq!(json_number(text), None, "{text}");
        }
    }

    #[test]
    fn dates_in_both_spellings() {
        let d = CivilDate::from_ymd(2017, 5, 3).unwrap();
        assert_eq!(parse_date("2017-05-03"), Some(d));
        assert_eq!(parse_date("2017年5月3日"), Some(d));
        assert_eq!(parse_date("２０１７年５月３号"), Some(d));
        assert_eq!(parse_date("2017年2月30日"), None);
    }

    fn money_fact() -> Fact {
        Fact {
            name: "项目总投资".into(),
            kind: FactKind::Quantity {
                unit: Unit::of(UnitAtom::Yuan),
                scale: Scale::Wan,
            },
        }
    }

    #[test]
    fn plain_numbers_take_the_declared_unit_and_scale() {
        let v = parse_fact(&money_fact(), "1000").unwrap();
        let FactValue::Quantity(x) = v else { panic!() };
        assert_eq!(x.value, Decimal::from(10_000_000));
        assert_eq!(x.to_string(), "1000万元");
        // Written in 元, the same amount: scales convert exactly.
        let FactValue::Quantity(y) = parse_fact(&money_fact(), "10000000元").unwrap() else {
            panic!()
        };
        assert_eq!(y.value, x.value);
    }

    #[test]
    fn wrong_unit_is_an_error() {
        let e = parse_fact(&money_fact(), "1000人").unwrap_err();
        assert_eq!(
            e.to_string(),
            "事实「项目总投资」的单位应为「万元」,给出的是「人」"
        );
    }

    #[test]
    fn json_numbers_are_read_from_their_digits() {
        let raw = serde_json::value::RawValue::from_string("0.1".into()).unwrap();
        let v = parse_fact_json(&money_fact(), &raw).unwrap().unwrap();
        let FactValue::Quantity(x) = v else { panic!() };
        assert_eq!(x.value, Decimal::from(1000));
    }

    #[test]
    fn points_and_actuals() {
        assert_eq!(parse_points("甲", "9").unwrap(), Decimal::from(9));
        assert_eq!(parse_points("甲", "-2分").unwrap(), Decimal::from(-2));
        assert!(parse_points("甲", "9元").is_err());
        let (y, x) = parse_year_amount("2016=50万").unwrap();
        assert_eq!(y, 2016);
        assert_eq!(x.value, Decimal::from(500_000));
        let (y, x) = parse_year_amount("2017年50万人").unwrap();
        assert_eq!((y, x.unit), (2017, Some(Unit::of(UnitAtom::Person))));
    }
}
