//! The fast path of a CSV batch, for the common shape of rule and input: a share of a quantity
//! fact (项目总投资的20%), optionally tiered by a category fact (分档 按 县类别), with no condition,
//! floor, cap or rate per unit, and a header of exactly those facts, without `--trace`.
//!
//! Rows of that shape are answered without building facts, an `Evaluation` or JSON through serde:
//! the output line is cut, once per tier and scale, from the general path's own serialisation
//! of a row with sentinel values ([`Template`]), and each row fills in only its line number, the
//! amount's exact value and the number shown in its text. The arithmetic is the general path's
//! (the same `Decimal` operations in the same order), so the bytes are the same.
//!
//! A row the fast path is not sure of (a value written any other way than ASCII digits with an
//! optional 万/亿 and the declared unit, a category value not written exactly as declared, an
//! empty cell, a wrong number of columns, an overflow, a tier that does not apply) goes to the
//! general path, which answers it or reports its error. `runtime/src/eval/tests.rs` checks that
//! both paths write the same bytes for generated rows.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::RowOk;
use crate::eval::digits::{normalize, scale_digits, shift, write_decimal};
use crate::eval::rule::{case_text, Outcome, TierUsed};
use crate::eval::text::parse_unit;
use crate::eval::{cmp_words, fold_name, place, same_name};
use crate::ir::{Amount, Case, Cmp, Fact, FactKind, Program, RuleBody};
use crate::value::{Quantity, Scale, Unit};

/// The scales a result can have, in the order of [`Branch::templates`].
const SCALES: [Scale; 4] = [Scale::One, Scale::Wan, Scale::Yi, Scale::WanYi];

const LINE_SENTINEL: &str = "18446744073709551615";
const VALUE_SENTINEL: &str = "79228162514264337593543950335";
const TEXT_SENTINEL: &str = "\\u0001";

/// One output line with the holes a row fills in.
struct Template {
    head: Vec<u8>,
    after_line: Vec<u8>,
    after_value: Vec<u8>,
    after_shown: Vec<u8>,
}

/// What one tier (or the rule's one amount) gives.
struct Branch {
    percent: Decimal,
    templates: Vec<Template>,
}

/// A declared category value as written, and the branch it selects.
type Written = (Vec<u8>, Option<usize>);

pub(crate) struct Plan {
    columns: usize,
    /// The category column and, for each declared value as written, the branch it selects
    /// (`None`: the general path decides).
    category: Option<(usize, Vec<Written>)>,
    base_col: usize,
    /// The base fact's declared unit and scale, and whether the unit may be written after the
    /// number (as its canonical word).
    unit: Unit,
    unit_word: Option<String>,
    declared_scale: Scale,
    branches: Vec<Branch>,
}

fn scale_index(scale: Scale) -> usize {
    match scale {
        Scale::One => 0,
        Scale::Wan => 1,
        Scale::Yi => 2,
        Scale::WanYi => 3,
    }
}

/// Cuts the serialisation of a row with sentinel values into a [`Template`].
fn template(unit: &Unit, scale: Scale, cmp: Cmp, tier: &Option<TierUsed>) -> Option<Template> {
    let (before, after) = cmp_words(cmp);
    let amount = Some(Outcome::Amount {
        cmp,
        quantity: Quantity {
            value: Decimal::MAX,
            unit: Some(unit.clone()),
            scale,
        },
        text: format!("{before}\u{1}{}{unit}{after}", scale.word()),
    });
    let row = RowOk {
        line: u64::MAX,
        ok: true,
        applies: true,
        reason: &None,
        failed_conditions: &Vec::new(),
        amount: &amount,
        tier,
        per_unit: &None,
        clipped: &Vec::new(),
        trace: None,
    };
    let json = serde_json::to_string(&row).ok()?;
    let once = |s: &str, pat: &str| s.matches(pat).count() == 1;
    if !(once(&json, LINE_SENTINEL) && once(&json, VALUE_SENTINEL) && once(&json, TEXT_SENTINEL)) {
        return None;
    }
    let (head, rest) = json.split_once(LINE_SENTINEL)?;
    let (after_line, rest) = rest.split_once(VALUE_SENTINEL)?;
    let (after_value, after_shown) = rest.split_once(TEXT_SENTINEL)?;
    let mut after_shown = after_shown.as_bytes().to_vec();
    after_shown.push(b'\n');
    Some(Template {
        head: head.as_bytes().to_vec(),
        after_line: after_line.as_bytes().to_vec(),
        after_value: after_value.as_bytes().to_vec(),
        after_shown,
    })
}

impl Plan {
    /// A plan for rule `idx` of document `doc` read from `columns`, or `None` when the rule or
    /// the header is not of the shape the fast path answers.
    pub(crate) fn new(
        program: &Program,
        doc: usize,
        idx: usize,
        columns: &[&Fact],
    ) -> Option<Plan> {
        let rule = &program.documents.get(doc)?.rules.get(idx)?;
        if !rule.conditions.is_empty() || rule.floor.is_some() || rule.cap.is_some() {
            return None;
        }
        // Two columns naming one fact: the general path keeps the last; leave it to it.
        for (i, a) in columns.iter().enumerate() {
            if columns[..i].iter().any(|b| b.name == a.name) {
                return None;
            }
        }
        let share = |amount: &Amount| match amount {
            Amount::Share {
                base, percent, cmp, ..
            } => Some((base.clone(), *percent, *cmp)),
            _ => None,
        };
        // Per branch (the rule's one amount, or each tier): the share, when it is one, and the
        // tier the output names.
        let (branches, by) = match &rule.body {
            RuleBody::Fixed { amount } => (vec![(Some(share(amount)?), None)], None),
            RuleBody::Tiered { by, rows } => {
                let branches = rows
                    .iter()
                    .enumerate()
                    .map(|(i, row)| {
                        let used = TierUsed {
                            index: i + 1,
                            case: case_text(&row.case),
                            origin: place(&row.origin),
                        };
                        (share(&row.amount), Some(used))
                    })
                    .collect::<Vec<_>>();
                (branches, Some(by.as_str()))
            }
            RuleBody::None => return None,
        };
        // Every share the fast path answers rests on one base fact, which is a column.
        let base_name = branches
            .iter()
            .find_map(|(s, _)| s.as_ref().map(|(base, _, _)| base.clone()))?;
        let base_col = columns
            .iter()
            .position(|f| same_name(&f.name, &base_name))?;
        let (unit, declared_scale) = match &columns[base_col].kind {
            FactKind::Quantity { unit, scale } if unit.per.is_empty() => (unit.clone(), *scale),
            _ => return None,
        };
        let on_base = |s: &Option<(String, Decimal, Cmp)>| {
            s.as_ref()
                .is_some_and(|(base, _, _)| same_name(base, &base_name))
        };
        let category = match (by, &rule.body) {
            (Some(by), RuleBody::Tiered { rows, .. }) => {
                let col = columns.iter().position(|f| same_name(&f.name, by))?;
                // Exactly the tier column and the base column.
                if columns.len() != 2 || col == base_col {
                    return None;
                }
                let FactKind::Category { values } = &columns[col].kind else {
                    return None;
                };
                let mut map = Vec::new();
                for written in values {
                    // The declared value the general path settles on (the first that folds the
                    // same), then the first row whose case matches it.
                    let canonical = values.iter().find(|v| fold_name(v) == fold_name(written))?;
                    let mut chosen = None;
                    for (i, row) in rows.iter().enumerate() {
                        match &row.case {
                            Case::Values { values }
                                if values.iter().any(|x| same_name(x, canonical)) =>
                            {
                                chosen = Some(i);
                                break;
                            }
                            Case::Values { .. } => {}
                            Case::Otherwise => {
                                chosen = Some(i);
                                break;
                            }
                            // An interval on a category is an error: the general path reports it.
                            Case::Interval { .. } => break,
                        }
                    }
                    let chosen = chosen.filter(|&i| on_base(&branches[i].0));
                    map.push((written.as_bytes().to_vec(), chosen));
                }
                Some((col, map))
            }
            _ if columns.len() == 1 => None,
            _ => return None,
        };
        let mut built = Vec::with_capacity(branches.len());
        for (s, tier) in &branches {
            let (percent, templates) = match s {
                Some((_, percent, cmp)) if on_base(s) => (
                    *percent,
                    SCALES
                        .iter()
                        .map(|&scale| template(&unit, scale, *cmp, tier))
                        .collect::<Option<Vec<_>>>()?,
                ),
                // Never chosen (see `chosen` above).
                _ => (Decimal::ZERO, Vec::new()),
            };
            built.push(Branch { percent, templates });
        }
        // The unit may follow the number when the general reader gives back exactly this unit.
        let word = unit.atom.word();
        let unit_word = (parse_unit(word).ok() == Some(unit.clone())).then(|| word.to_string());
        Some(Plan {
            columns: columns.len(),
            category,
            base_col,
            unit,
            unit_word,
            declared_scale,
            branches: built,
        })
    }

    /// Reads the base value the way `parse_fact` does, for a value written as ASCII digits with
    /// an optional decimal point, 万/亿/万亿 and the declared unit; `None` for anything else.
    fn base(&self, field: &[u8]) -> Option<Quantity> {
        let bytes = field;
        let mut used = 0;
        let mut digits = 0;
        let mut point = false;
        while used < bytes.len() {
            match bytes[used] {
                b'0'..=b'9' => digits += 1,
                b'.' if !point && digits > 0 => point = true,
                _ => break,
            }
            used += 1;
        }
        // Longer numbers go to the general path, which reads them exactly or says why not.
        if digits == 0 || digits > 19 || bytes[used - 1] == b'.' {
            return None;
        }
        let mut value = number(&bytes[..used], point)?;
        let mut rest = &bytes[used..];
        let mut scale = Scale::One;
        for (word, factor, shown) in [
            ("万亿", Decimal::from(1_000_000_000_000u64), Scale::Yi),
            ("亿", Scale::Yi.factor(), Scale::Yi),
            ("万", Scale::Wan.factor(), Scale::Wan),
        ] {
            if let Some(after) = rest.strip_prefix(word.as_bytes()) {
                value = value.checked_mul(factor)?;
                scale = shown;
                rest = after;
                break;
            }
        }
        // Beyond the bound the general path reports the error (`text::bounded`).
        if value.abs() > Decimal::from(crate::eval::text::MAX_QUANTITY) {
            return None;
        }
        let value = normalize(value);
        if rest.is_empty() {
            // A bare number is in the declared unit and scale.
            let value = normalize(value.checked_mul(self.declared_scale.factor())?);
            let scale = if scale == Scale::One {
                self.declared_scale
            } else {
                scale
            };
            Some(Quantity {
                value,
                unit: Some(self.unit.clone()),
                scale,
            })
        } else if self.unit_word.as_deref().map(str::as_bytes) == Some(rest) {
            let scale = if scale == Scale::One {
                self.declared_scale
            } else {
                scale
            };
            Some(Quantity {
                value,
                unit: Some(self.unit.clone()),
                scale,
            })
        } else {
            None
        }
    }

    /// Writes the output line of `record` into `buf` (cleared first); `false` when the row is
    /// for the general path.
    pub(crate) fn row(&self, line: u64, record: &csv::ByteRecord, buf: &mut Vec<u8>) -> bool {
        if record.len() != self.columns {
            return false;
        }
        let branch = match &self.category {
            Some((col, map)) => {
                let Some(field) = record.get(*col) else {
                    return false;
                };
                match map.iter().find(|(written, _)| written.as_slice() == field) {
                    Some((_, Some(branch))) => *branch,
                    _ => return false,
                }
            }
            None => 0,
        };
        let Some(branch) = self.branches.get(branch) else {
            return false;
        };
        let Some(base) = record.get(self.base_col).and_then(|f| self.base(f)) else {
            return false;
        };
        // The general path's arithmetic: base × percent ÷ 100, then the number shown in 万/亿.
        // Dividing by a power of ten is exact as a shift of the decimal point, which is what
        // `Decimal` division gives whenever the shifted scale fits (28 places); otherwise
        // division would round, and the row goes to the general path.
        let Some(value) = base.value.checked_mul(branch.percent) else {
            return false;
        };
        let Some(value) = shift(value, 2) else {
            return false;
        };
        let value = normalize(value);
        let Some(shown) = shift(value, scale_digits(base.scale)) else {
            return false;
        };
        let Some(t) = branch.templates.get(scale_index(base.scale)) else {
            return false;
        };
        buf.clear();
        buf.extend_from_slice(&t.head);
        write_u64(buf, line);
        buf.extend_from_slice(&t.after_line);
        write_decimal(buf, value);
        buf.extend_from_slice(&t.after_value);
        write_decimal(buf, normalize(shown));
        buf.extend_from_slice(&t.after_shown);
        true
    }
}

/// The decimal `Decimal::from_str` reads from ASCII digits with at most one point (checked by
/// the caller), for up to 19 digits; longer numbers go through `from_str` itself.
fn number(digits: &[u8], point: bool) -> Option<Decimal> {
    let count = digits.len() - usize::from(point);
    if count > 19 {
        let text = std::str::from_utf8(digits).ok()?;
        return Decimal::from_str(text).ok();
    }
    let mut mantissa = 0u64;
    let mut scale = 0;
    let mut after_point = false;
    for &b in digits {
        if b == b'.' {
            after_point = true;
            continue;
        }
        mantissa = mantissa * 10 + u64::from(b - b'0');
        if after_point {
            scale += 1;
        }
    }
    Decimal::try_from_i128_with_scale(i128::from(mantissa), scale).ok()
}

fn write_u64(buf: &mut Vec<u8>, n: u64) {
    buf.extend_from_slice(crate::eval::digits::ascii_digits(n, &mut [0u8; 20]));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_display_writes_them() {
        for text in [
            "0",
            "1",
            "-1",
            "10",
            "0.5",
            "0.05",
            "-0.05",
            "123.456",
            "1.50",
            "0.000",
            "100.00",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "7.9228162514264337593543950335",
        ] {
            let d = Decimal::from_str(text).unwrap();
            let mut buf = Vec::new();
            write_decimal(&mut buf, d);
            assert_eq!(String::from_utf8(buf).unwrap(), d.to_string(), "{text}");
            let n = d.normalize();
            let mut buf = Vec::new();
            write_decimal(&mut buf, n);
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                n.to_string(),
                "{text} normalized"
            );
        }
        for text in [
            "0",
            "0.000",
            "12.50",
            "0012.5",
            "1234567890123456789",
            "1.000000000000000000",
        ] {
            let d = Decimal::from_str(text).unwrap();
            let read = number(text.as_bytes(), text.contains('.')).unwrap();
            assert_eq!((read, read.scale()), (d, d.scale()), "{text}");
            let n = normalize(d);
            assert_eq!(
                (n, n.scale()),
                (d.normalize(), d.normalize().scale()),
                "{text}"
            );
        }
        let mut buf = Vec::new();
        write_u64(&mut buf, 0);
        buf.push(b' ');
        write_u64(&mut buf, u64::MAX);
        assert_eq!(buf, b"0 18446744073709551615");
    }
}
