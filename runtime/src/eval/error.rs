//! Why a question could not be answered. Every message is Chinese and names the thing at fault
//! and what was expected, so a person can fix the input without reading the code.

use std::fmt;

use serde::Serialize;

/// An error of the evaluator. Its JSON form (see [`EvalError::to_json`]) is
/// `{"kind": "missing_fact", "message": "…", …fields}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvalError {
    /// No 标准/补助 of this name.
    UnknownRule {
        name: String,
        suggestions: Vec<String>,
    },
    /// Several documents define a rule, fact, target or assessment of this name, none of them
    /// the document asking (see `lookup`); `what` says which kind.
    Ambiguous {
        what: String,
        name: String,
        files: Vec<String>,
    },
    /// A fact the documents do not declare.
    UnknownFact {
        name: String,
        suggestions: Vec<String>,
    },
    /// A fact the rule needs was not given; `expects` says what it takes.
    MissingFact {
        fact: String,
        expects: String,
        /// What needs it: 条件, 分档, 比例的基数.
        needed_by: String,
    },
    /// A quantity in a unit other than the fact's.
    WrongUnit {
        fact: String,
        expected: String,
        got: String,
    },
    /// A category where a quantity is expected, or the like.
    WrongKind {
        fact: String,
        expected: String,
        got: String,
    },
    /// A category value outside the declared list.
    UnknownValue {
        fact: String,
        value: String,
        values: Vec<String>,
    },
    /// Text that cannot be read as a value of the fact.
    BadValue {
        fact: String,
        text: String,
        reason: String,
    },
    /// Several given facts could serve one purpose (the count for 元/人, the date for 自).
    AmbiguousFacts { purpose: String, facts: Vec<String> },
    /// Two quantities of the program that should share a unit do not.
    UnitMismatch {
        what: String,
        left: String,
        right: String,
    },
    /// A result beyond the range of exact decimals.
    Overflow { what: String },
    /// Rules whose shares refer to each other in a loop.
    Recursion { rule: String },
    UnknownScheme {
        name: String,
        suggestions: Vec<String>,
    },
    UnknownItem {
        scheme: String,
        name: String,
        suggestions: Vec<String>,
    },
    /// A score above the item's maximum.
    AboveMax {
        item: String,
        given: String,
        max: String,
    },
    /// A negative score for an item.
    NegativeScore { item: String, given: String },
    /// Scores given both for an item and for its sub-items.
    ParentAndChildren { item: String, children: Vec<String> },
    /// An adjustment outside its bounds (±5分 is −5…+5).
    AdjustmentOutOfBounds {
        name: String,
        given: String,
        min: String,
        max: String,
    },
    /// A score written in a unit other than 分.
    BadScore {
        item: String,
        text: String,
        /// Why the number could not be read, when it is a number (too large, too many digits).
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    UnknownTarget {
        name: String,
        suggestions: Vec<String>,
    },
    /// A target with nothing to measure progress against.
    NoPlan { target: String, reason: String },
    UnknownDepartment {
        name: String,
        suggestions: Vec<String>,
    },
    /// The IR was written in a format this runtime does not read.
    Version { message: String },
    /// A row of a batch that is not a row (bad CSV, bad JSON, too long).
    BadRow { reason: String },
    /// A CSV header that names one fact in two columns (1-based): which would count?
    DuplicateColumn {
        fact: String,
        first: usize,
        second: usize,
    },
}

fn list(items: &[String]) -> String {
    items.join("、")
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!(";是不是「{one}」?"),
        many => {
            let quoted: Vec<String> = many.iter().map(|s| format!("「{s}」")).collect();
            format!(";是不是{}之一?", quoted.join("、"))
        }
    }
}

impl EvalError {
    /// The message, in Chinese.
    pub fn message(&self) -> String {
        match self {
            EvalError::UnknownRule { name, suggestions } => {
                format!(
                    "没有名为「{name}」的标准或补助{}",
                    did_you_mean(suggestions)
                )
            }
            EvalError::Ambiguous { what, name, files } => format!(
                "{what}「{name}」在多个文件中都有定义({}),请只给出其中一个文件",
                list(files)
            ),
            EvalError::UnknownFact { name, suggestions } => {
                format!("文件中没有声明事实「{name}」{}", did_you_mean(suggestions))
            }
            EvalError::MissingFact {
                fact,
                expects,
                needed_by,
            } => format!("缺少事实「{fact}」({needed_by}需要它):应给出{expects}"),
            EvalError::WrongUnit {
                fact,
                expected,
                got,
            } => {
                format!("事实「{fact}」的单位应为「{expected}」,给出的是「{got}」")
            }
            EvalError::WrongKind {
                fact,
                expected,
                got,
            } => {
                format!("事实「{fact}」应为{expected},给出的是{got}")
            }
            EvalError::UnknownValue {
                fact,
                value,
                values,
            } => format!("事实「{fact}」的取值「{value}」不在 {} 之中", list(values)),
            EvalError::BadValue { fact, text, reason } => {
                format!("事实「{fact}」的值「{text}」无法读取:{reason}")
            }
            EvalError::AmbiguousFacts { purpose, facts } => format!(
                "给出的事实 {} 都可以用作{purpose},无法确定用哪一个;请只给出其中一个",
                list(facts)
            ),
            EvalError::UnitMismatch { what, left, right } => {
                format!("{what}的单位不一致:「{left}」与「{right}」不能相互比较或换算")
            }
            EvalError::Overflow { what } => format!("{what}超出了精确计算的范围"),
            EvalError::Recursion { rule } => {
                format!("「{rule}」的比例基数循环引用了自身,无法计算")
            }
            EvalError::UnknownScheme { name, suggestions } => {
                format!("没有名为「{name}」的考核{}", did_you_mean(suggestions))
            }
            EvalError::UnknownItem {
                scheme,
                name,
                suggestions,
            } => format!(
                "考核「{scheme}」中没有项或调整「{name}」{}",
                did_you_mean(suggestions)
            ),
            EvalError::AboveMax { item, given, max } => {
                format!("「{item}」的得分 {given} 超过了该项的满分 {max}")
            }
            EvalError::NegativeScore { item, given } => {
                format!("「{item}」的得分 {given} 为负数;扣分请写在调整中")
            }
            EvalError::ParentAndChildren { item, children } => format!(
                "同时给出了「{item}」和它的子项({})的得分;请只给出其一",
                list(children)
            ),
            EvalError::AdjustmentOutOfBounds {
                name,
                given,
                min,
                max,
            } => format!("调整「{name}」为 {given},超出了允许的范围 {min} 至 {max}"),
            EvalError::BadScore { item, text, reason } => match reason {
                Some(reason) => format!("「{item}」的得分「{text}」无法读取:{reason}"),
                None => format!("「{item}」的得分「{text}」无法读取:应为分数,如 9 或 9分、-2分"),
            },
            EvalError::UnknownTarget { name, suggestions } => {
                format!("没有名为「{name}」的目标{}", did_you_mean(suggestions))
            }
            EvalError::NoPlan { target, reason } => {
                format!("目标「{target}」无法计算进度:{reason}")
            }
            EvalError::UnknownDepartment { name, suggestions } => {
                format!(
                    "没有名为「{name}」的部门、别称或部门类{}",
                    did_you_mean(suggestions)
                )
            }
            EvalError::Version { message } => message.clone(),
            EvalError::BadRow { reason } => format!("这一行无法读取:{reason}"),
            EvalError::DuplicateColumn {
                fact,
                first,
                second,
            } => format!("表头中事实「{fact}」出现了两次(第 {first} 列和第 {second} 列)"),
        }
    }

    /// `{"kind": …, "message": …, …}`: the error's fields and its message.
    pub fn to_json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let serde_json::Value::Object(map) = &mut value {
            map.insert(
                "message".to_string(),
                serde_json::Value::String(self.message()),
            );
        }
        value
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for EvalError {}

/// The exact sum of `values`, or [`EvalError::Overflow`] about `what` when it leaves the range of
/// `Decimal` (values a user gives — facts, actual figures, scores — can be anywhere in it).
pub(crate) fn checked_sum(
    values: impl IntoIterator<Item = rust_decimal::Decimal>,
    what: impl FnOnce() -> String,
) -> Result<rust_decimal::Decimal, EvalError> {
    let mut sum = rust_decimal::Decimal::ZERO;
    for v in values {
        match sum.checked_add(v) {
            Some(s) => sum = s,
            None => return Err(EvalError::Overflow { what: what() }),
        }
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_value_message_lists_the_values() {
        let e = EvalError::UnknownValue {
            fact: "县类别".into(),
            value: "深度县".into(),
            values: vec!["深度贫困县".into(), "贫困县".into(), "非贫困县".into()],
        };
        assert_eq!(
            e.to_string(),
            "事实「县类别」的取值「深度县」不在 深度贫困县、贫困县、非贫困县 之中"
        );
    }

    #[test]
    fn json_carries_kind_and_message() {
        let e = EvalError::UnknownRule {
            name: "光伏".into(),
            suggestions: vec!["光伏扶贫以奖代补".into()],
        };
        let j = e.to_json();
        assert_eq!(j["kind"], "unknown_rule");
        assert_eq!(
            j["message"],
            "没有名为「光伏」的标准或补助;是不是「光伏扶贫以奖代补」?"
        );
    }
}
