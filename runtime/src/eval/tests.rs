//! Unit tests of every question on hand-built IR.
//!
//! The fixtures are written as JSON and read with serde, so fields the IR gains later (with
//! defaults) do not break them.

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::progress::Basis;
use super::rule::{BoundKind, RangeEnd};
use super::*;
use crate::ir::{Cmp, Program};
use crate::value::{CivilDate, Quantity, Scale, Unit, UnitAtom};

// ───────── builders ─────────

fn origin(file: &str, line: u32, quote: Option<&str>) -> Value {
    let mut o = json!({"file": file, "line": line, "column": 1, "start": 0, "end": 0});
    if let Some(q) = quote {
        o["quote"] = json!(q);
    }
    o
}

/// `q("200", "元/人")`, `q("1000万", "元")`: a quantity in JSON, value in atoms.
fn q(text: &str, unit: &str) -> Value {
    let (number, scale) = match text.strip_suffix('万') {
        Some(n) => (n, "万"),
        None => (text, ""),
    };
    let value = Decimal::from_str_exact(number).unwrap()
        * if scale == "万" {
            Decimal::from(10_000)
        } else {
            Decimal::ONE
        };
    let mut out = json!({"value": value.normalize().to_string()});
    if !unit.is_empty() {
        let mut parts = unit.split('/');
        let atom = parts.next().unwrap();
        let per: Vec<&str> = parts.collect();
        out["unit"] = json!({"atom": atom, "per": per});
    }
    if scale == "万" {
        out["scale"] = json!("万");
    }
    out
}

fn quantity(text: &str, unit: &str) -> Quantity {
    serde_json::from_value(q(text, unit)).unwrap()
}

fn yuan(v: i64) -> Quantity {
    Quantity::new(Decimal::from(v), Some(Unit::of(UnitAtom::Yuan)))
}

fn amount_eq(text: &str, unit: &str, written: &str) -> Value {
    json!({"type": "quantity", "cmp": "eq", "quantity": q(text, unit), "text": written})
}

fn share(base: &str, percent: &str, cmp: &str) -> Value {
    json!({"type": "share", "base": base, "percent": percent, "cmp": cmp,
           "text": format!("{base}的{percent}%")})
}

fn rule(name: &str, line: u32, body: Value, extra: Value) -> Value {
    let mut r = json!({
        "name": name, "keyword": "补助", "body": body,
        "origin": origin("湖北.zc", line, Some(&format!("{name}的原文"))),
    });
    if let (Value::Object(r), Value::Object(extra)) = (&mut r, extra) {
        r.extend(extra);
    }
    r
}

fn rules_doc() -> Value {
    let tier = |values: &[&str], amount: Value, line: u32| {
        json!({"case": {"type": "values", "values": values}, "amount": amount,
               "origin": origin("湖北.zc", line, Some("分别按照项目总投资的20%、10%、5%"))})
    };
    let interval = |low: Option<(&str, bool)>, high: Option<(&str, bool)>, text: &str| {
        let mut c = json!({"type": "interval", "unit": {"atom": "人"}, "text": text});
        if let Some((v, inc)) = low {
            c["low"] = json!({"value": v, "inclusive": inc});
        }
        if let Some((v, inc)) = high {
            c["high"] = json!({"value": v, "inclusive": inc});
        }
        c
    };
    json!({
        "file": "湖北.zc",
        "facts": [
            {"name": "县类别", "kind": {"type": "category", "values": ["深度贫困县", "贫困县", "非贫困县"]}},
            {"name": "项目总投资", "kind": {"type": "quantity", "unit": {"atom": "元"}, "scale": "万"}},
            {"name": "服务人口", "kind": {"type": "quantity", "unit": {"atom": "人"}}},
            {"name": "贫困人口规模", "kind": {"type": "quantity", "unit": {"atom": "人"}}},
            {"name": "未出列贫困村", "kind": {"type": "quantity", "unit": {"atom": "村"}}},
            {"name": "申请日期", "kind": {"type": "date"}},
        ],
        "rules": [
            rule("光伏扶贫以奖代补", 10, json!({"type": "tiered", "by": "县类别", "rows": [
                tier(&["深度贫困县"], share("项目总投资", "20", "eq"), 12),
                tier(&["贫困县"], share("项目总投资", "10", "eq"), 13),
                tier(&["非贫困县"], share("项目总投资", "5", "eq"), 14),
            ]}), json!({"valid_years": [2017, 2019]})),
            rule("村医定额补助", 20, json!({"type": "fixed", "amount": {
                "type": "change", "from": q("200", "元/月"), "to": q("400", "元/月"),
                "text": "由每月200元增加到每月400元"}}),
                json!({"conditions": [
                    {"fact": "服务人口", "test": interval(None, Some(("1000", true)), "1000人以下")},
                    {"fact": "县类别", "test": {"type": "values", "values": ["贫困县", "深度贫困县"]}},
                ], "since": "2016-01-01"})),
            rule("乡镇预算资金", 30, json!({"type": "fixed", "amount": {
                "type": "quantity", "cmp": "ge", "quantity": q("200", "元/人"), "text": "每人不低于200元"}}),
                json!({})),
            rule("按服务人口分档", 40, json!({"type": "tiered", "by": "服务人口", "rows": [
                {"case": interval(None, Some(("1000", true)), "1000人以下"),
                 "amount": amount_eq("100", "元/月", "每月100元"), "origin": origin("湖北.zc", 41, None)},
                {"case": interval(Some(("1000", false)), Some(("5000", true)), "超过1000人至5000人"),
                 "amount": amount_eq("200", "元/月", "每月200元"), "origin": origin("湖北.zc", 42, None)},
                {"case": {"type": "otherwise"},
                 "amount": amount_eq("300", "元/月", "每月300元"), "origin": origin("湖北.zc", 43, None)},
            ]}), json!({})),
            rule("职业培训补贴", 50, json!({"type": "fixed", "amount": {
                "type": "range", "low": q("200", "元"), "high": q("2000", "元"), "text": "200元-2000元"}}),
                json!({"cap": q("1500", "元")})),
            rule("互助资金规模", 60, json!({"type": "none"}), json!({"floor": q("50万", "元")})),
            rule("搬迁补助", 70, json!({"type": "fixed", "amount": amount_eq("3万", "元", "3万元")}),
                json!({"floor": q("4万", "元"), "cap": q("10万", "元")})),
            rule("风险分担比例", 80, json!({"type": "fixed", "amount": {
                "type": "ratio_range", "low": ["3", "7"], "high": ["1", "9"], "text": "3:7至1:9"}}),
                json!({})),
            rule("配套资金", 90, json!({"type": "fixed", "amount": share("乡镇预算资金", "50", "eq")}),
                json!({})),
            rule("循环甲", 100, json!({"type": "fixed", "amount": share("循环乙", "10", "eq")}), json!({})),
            rule("循环乙", 101, json!({"type": "fixed", "amount": share("循环甲", "10", "eq")}), json!({})),
            rule("错配下限", 110, json!({"type": "fixed", "amount": amount_eq("100", "元", "100元")}),
                json!({"floor": q("5", "人")})),
            rule("深度贫困村确定比例", 120, json!({"type": "fixed", "amount": share("未出列贫困村", "20", "eq")}),
                json!({})),
            rule("人均补贴", 130, json!({"type": "fixed", "amount": amount_eq("2000", "元/人/年", "每人每年2000元")}),
                json!({"conditions": [
                    {"fact": "县类别", "test": {"type": "values", "values": ["深度贫困县"]}}]})),
        ],
    })
}

fn duty(id: usize, name: &str, deadline: Value, extra: Value) -> Value {
    let mut d = json!({"id": id, "name": name, "deadline": deadline,
                       "origin": origin("汨罗.zc", 100 + id as u32, None)});
    if let (Value::Object(d), Value::Object(extra)) = (&mut d, extra) {
        d.extend(extra);
    }
    d
}

fn by(date: &str, text: &str) -> Value {
    json!({"type": "by", "date": date, "text": text})
}

fn duties_doc() -> Value {
    json!({
        "file": "汨罗.zc",
        "departments": [
            {"name": "市扶贫办", "aliases": ["扶贫办"]},
            {"name": "各乡镇", "aliases": ["乡镇"], "class": true},
            {"name": "市纪委"},
        ],
        "duties": [
            duty(0, "整改方案报送", by("2017-05-02", "5月2日之前"),
                 json!({"lead": ["市扶贫办"], "responsible": ["各乡镇"]})),
            duty(1, "乡镇业务培训", by("2017-05-05", "5月5日前"), json!({"responsible": ["各乡镇"]})),
            duty(2, "集中整改情况报送", by("2017-06-10", "6月10日之前"), json!({"lead": ["市扶贫办"]})),
            duty(3, "全程督查", json!({"type": "open", "text": "长期坚持"}), json!({"lead": ["市纪委"]})),
            duty(4, "报送排查台账", by("2017-05-03", "5月3日前"),
                 json!({"parent": 0, "lead": ["市扶贫办"], "lead_inherited": true})),
            duty(5, "成立领导小组", by("2017-05-01", "5月1日前"),
                 json!({"lead": ["市扶贫办"], "completed": "2017-04-30"})),
            duty(6, "加强宣传", json!({"type": "none"}), json!({})),
            duty(7, "复核前完工", json!({"type": "unresolved", "text": "10日前",
                 "reason": "文件没有写明成文日期或发布日期,不知是哪个月"}), json!({})),
            duty(8, "摸底排查", by("2017-05-10", "5月10日前"), json!({"responsible": ["各乡镇"]})),
            duty(9, "建立台账", by("2017-05-11", "5月11日前"), json!({})),
            duty(10, "后来完成的", by("2017-05-02", "5月2日前"),
                 json!({"completed": "2017-05-20", "lead": ["市纪委"]})),
        ],
    })
}

fn scheme_doc() -> Value {
    let item = |name: &str, points: Option<&str>, children: Vec<Value>, line: u32| {
        let mut i = json!({"name": name, "children": children,
                           "origin": origin("河北.zc", line, None)});
        if let Some(p) = points {
            i["points"] = q(p, "分");
        }
        i
    };
    json!({
        "file": "河北.zc",
        "schemes": [{
            "name": "市级考核",
            "total": q("100", "分"),
            "items": [
                item("平时考核", Some("10"), vec![], 2),
                item("集中考核", Some("30"), vec![
                    item("减贫成效", None, vec![], 4),
                    item("精准识别", None, vec![], 5),
                ], 3),
                item("所属县精准扶贫工作成效", Some("60"), vec![
                    item("所属贫困县", Some("50"), vec![], 7),
                    item("非贫困县（市、区）", Some("10"), vec![], 8),
                ], 6),
            ],
            "adjustments": [
                {"name": "调整指标", "max": q("5", "分"), "both_ways": true, "origin": origin("河北.zc", 9, None)},
                {"name": "加分", "max": q("3", "分"), "both_ways": false, "origin": origin("河北.zc", 10, None)},
                {"name": "扣分", "max": q("-2", "分"), "both_ways": false, "origin": origin("河北.zc", 11, None)},
            ],
            "origin": origin("河北.zc", 1, Some("考核采用百分制")),
        }],
    })
}

fn targets_doc() -> Value {
    let ya = |year: i32, text: &str, unit: &str| json!({"year": year, "quantity": q(text, unit)});
    let target = |name: &str, line: u32, extra: Value| {
        let mut t =
            json!({"name": name, "keyword": "目标", "origin": origin("山西.zc", line, None)});
        if let (Value::Object(t), Value::Object(extra)) = (&mut t, extra) {
            t.extend(extra);
        }
        t
    };
    json!({
        "file": "山西.zc",
        "targets": [
            target("贫困人口脱贫", 1, json!({
                "value": {"type": "quantity", "cmp": "eq", "quantity": q("232万", "人"), "text": "232万人"},
                "deadline": by("2020-12-31", "2020年"),
                "yearly": [ya(2016, "50万", "人"), ya(2017, "56万", "人"), ya(2018, "55万", "人"),
                           ya(2019, "46万", "人"), ya(2020, "25万", "人")],
            })),
            target("农村危房改造", 2, json!({
                "rate": {"cmp": "eq", "quantity": q("14万", "户"), "from_year": 2015},
                "cumulative": [ya(2017, "42万", "户"), ya(2020, "63万", "户")],
            })),
            target("农业科技进步贡献率", 3, json!({
                "levels": [ya(2017, "55", "%"), ya(2020, "57", "%")],
            })),
            target("培训乡村干部", 4, json!({
                "rate": {"cmp": "ge", "quantity": q("2000", "人次"), "from_year": 2015, "to_year": 2017},
            })),
            target("新改建农村公路", 5, json!({
                "value": {"type": "quantity", "cmp": "ge", "quantity": q("12000", "公里"), "text": "12000公里以上"},
                "deadline": by("2020-12-31", "2020年"),
            })),
            target("大病保险起付线", 6, json!({
                "value": {"type": "quantity", "cmp": "le", "quantity": q("5000", "元"), "text": "5000元以下"},
                "deadline": by("2019-12-31", "2019年"),
            })),
            target("贫困村宽带", 7, json!({"value_text": "全覆盖", "deadline": by("2017-12-31", "2017年底")})),
        ],
    })
}

fn program_of(docs: Vec<Value>) -> Program {
    serde_json::from_value(json!({"version": crate::ir::IR_VERSION, "documents": docs})).unwrap()
}

fn program() -> Program {
    program_of(vec![rules_doc(), duties_doc(), scheme_doc(), targets_doc()])
}

fn facts(pairs: &[(&str, &str)]) -> Facts {
    let p = program();
    text::parse_facts_in(&p, 0, pairs.iter().copied()).unwrap()
}

fn amount_of(ev: &Evaluation) -> (Cmp, Quantity) {
    match ev.amount.as_ref().expect("an amount") {
        Outcome::Amount { cmp, quantity, .. } => (*cmp, quantity.clone()),
        other => panic!("not one amount: {other:?}"),
    }
}

fn date(s: &str) -> CivilDate {
    CivilDate::parse_iso(s).unwrap()
}

/// A rule of the fixture on facts written as text, as a user gives them.
fn eval_text(rule: &str, pairs: &[(&str, &str)]) -> Result<Evaluation, EvalError> {
    eval_rule(&program(), rule, &facts(pairs))
}

/// Facts as typed values: what the text parser would refuse (a wrong unit or kind, an
/// undeclared name, an unlisted value) reaches the evaluator.
fn typed_facts(pairs: Vec<(&str, FactValue)>) -> Facts {
    pairs
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect()
}

fn category(value: &str) -> FactValue {
    FactValue::Category(value.into())
}

// ───────── 求: rules ─────────

#[test]
fn tiered_share_is_exact() {
    let ev = eval_text(
        "光伏扶贫以奖代补",
        &[("县类别", "深度贫困县"), ("项目总投资", "1000万元")],
    )
    .unwrap();
    assert!(ev.applies);
    let (cmp, amount) = amount_of(&ev);
    assert_eq!(cmp, Cmp::Eq);
    assert_eq!(amount.value, Decimal::from(2_000_000));
    assert_eq!(amount.unit, Some(Unit::of(UnitAtom::Yuan)));
    assert_eq!(amount.scale, Scale::Wan);
    assert_eq!(amount.to_string(), "200万元");
    let tier = ev.tier.as_ref().unwrap();
    assert_eq!((tier.index, tier.case.as_str()), (1, "深度贫困县"));
    assert_eq!(tier.origin, "湖北.zc:12");
    let clauses: Vec<&str> = ev.trace.iter().map(|s| s.clause.as_str()).collect();
    assert_eq!(clauses, ["规则", "有效期", "分档", "比例", "结果"]);
    assert_eq!(ev.trace[0].quote.as_deref(), Some("光伏扶贫以奖代补的原文"));
    assert_eq!(
        ev.trace[3].detail,
        "项目总投资的20%:「项目总投资」1000万元 × 20% = 200万元"
    );
}

#[test]
fn money_is_exact_for_awkward_numbers() {
    // 0.1 + 0.2 style traps: 333.33万元 × 5% = 16.6665万元 exactly.
    let ev = eval_text(
        "光伏扶贫以奖代补",
        &[("县类别", "非贫困县"), ("项目总投资", "333.33万元")],
    )
    .unwrap();
    let (_, amount) = amount_of(&ev);
    assert_eq!(amount.value, Decimal::from_str_exact("166665").unwrap());
    assert_eq!(amount.to_string(), "16.6665万元");
    // 0.01元 × 10% = 0.001元: no rounding.
    let ev = eval_text(
        "光伏扶贫以奖代补",
        &[("县类别", "贫困县"), ("项目总投资", "0.01元")],
    )
    .unwrap();
    assert_eq!(
        amount_of(&ev).1.value,
        Decimal::from_str_exact("0.001").unwrap()
    );
}

#[test]
fn the_same_amount_in_yuan_or_wan_gives_the_same_answer() {
    // 项目总投资 is declared in 万元: a bare number is 万元 too.
    for investment in ["1000万元", "10000000元", "1000"] {
        let ev = eval_text(
            "光伏扶贫以奖代补",
            &[("县类别", "贫困县"), ("项目总投资", investment)],
        )
        .unwrap();
        assert_eq!(
            amount_of(&ev).1.value,
            Decimal::from(1_000_000),
            "{investment}"
        );
    }
}

#[test]
fn share_of_a_count() {
    let ev = eval_text("深度贫困村确定比例", &[("未出列贫困村", "40个村")]).unwrap();
    assert_eq!(amount_of(&ev).1.to_string(), "8个村");
}

#[test]
fn missing_fact_names_the_fact_and_its_unit() {
    let err = eval_text("光伏扶贫以奖代补", &[("县类别", "贫困县")]).unwrap_err();
    assert!(matches!(&err, EvalError::MissingFact { fact, .. } if fact == "项目总投资"));
    assert_eq!(
        err.to_string(),
        "缺少事实「项目总投资」(比例「项目总投资的10%」的基数需要它):应给出以「万元」计的数量,如 100万元"
    );
    let err = eval_text("光伏扶贫以奖代补", &[]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "缺少事实「县类别」(分档需要它):应给出深度贫困县、贫困县、非贫困县 之一"
    );
}

#[test]
fn unknown_category_value_is_an_error_never_a_guess() {
    let p = program();
    let err = text::parse_facts_in(&p, 0, [("县类别", "深度县")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "事实「县类别」的取值「深度县」不在 深度贫困县、贫困县、非贫困县 之中"
    );
    // Typed facts are checked as well.
    let given = typed_facts(vec![("县类别", category("深度县"))]);
    let err = eval_rule(&p, "光伏扶贫以奖代补", &given).unwrap_err();
    assert!(matches!(err, EvalError::UnknownValue { .. }));
}

#[test]
fn wrong_unit_is_an_error() {
    let p = program();
    let given = typed_facts(vec![
        ("县类别", category("贫困县")),
        ("项目总投资", FactValue::Quantity(quantity("1000", "人"))),
    ]);
    let err = eval_rule(&p, "光伏扶贫以奖代补", &given).unwrap_err();
    assert_eq!(
        err.to_string(),
        "事实「项目总投资」的单位应为「万元」,给出的是「人」"
    );
}

#[test]
fn wrong_kind_and_unknown_fact_are_errors() {
    let p = program();
    let given = typed_facts(vec![("县类别", FactValue::Quantity(quantity("3", "县")))]);
    let err = eval_rule(&p, "光伏扶贫以奖代补", &given).unwrap_err();
    assert_eq!(
        err.to_string(),
        "事实「县类别」应为取值,给出的是数量「3个县」"
    );

    let given = typed_facts(vec![("县类型", category("贫困县"))]);
    let err = eval_rule(&p, "光伏扶贫以奖代补", &given).unwrap_err();
    assert_eq!(
        err.to_string(),
        "文件中没有声明事实「县类型」;是不是「县类别」?"
    );
}

#[test]
fn unknown_rule_suggests() {
    let p = program();
    let err = eval_rule(&p, "光伏以奖代补", &Facts::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "没有名为「光伏以奖代补」的标准或补助;是不是「光伏扶贫以奖代补」?"
    );
}

#[test]
fn failed_condition_says_which() {
    let ev = eval_text(
        "村医定额补助",
        &[("服务人口", "1200人"), ("县类别", "贫困县")],
    )
    .unwrap();
    assert!(!ev.applies);
    assert!(ev.amount.is_none());
    assert_eq!(ev.failed_conditions.len(), 1);
    assert_eq!(ev.failed_conditions[0].condition, "服务人口1000人以下");
    assert_eq!(ev.failed_conditions[0].given, "1200人");
    assert_eq!(
        ev.reason.as_deref(),
        Some("条件「服务人口1000人以下」不成立,本规则不适用")
    );
}

#[test]
fn inclusive_bound_holds_on_the_number() {
    let ev = eval_text(
        "村医定额补助",
        &[("服务人口", "1000人"), ("县类别", "贫困县")],
    )
    .unwrap();
    assert!(ev.applies);
    assert_eq!(amount_of(&ev).1.to_string(), "400元/月");
}

#[test]
fn change_uses_the_old_amount_before_since() {
    // The change takes effect on 2016-01-01.
    for (applied, amount) in [("2015-12-31", "200元/月"), ("2016-01-01", "400元/月")] {
        let ev = eval_text(
            "村医定额补助",
            &[
                ("服务人口", "800人"),
                ("县类别", "贫困县"),
                ("申请日期", applied),
            ],
        )
        .unwrap();
        assert_eq!(amount_of(&ev).1.to_string(), amount, "{applied}");
    }
}

#[test]
fn validity_years_with_a_date_fact() {
    let ev = eval_text(
        "光伏扶贫以奖代补",
        &[
            ("县类别", "贫困县"),
            ("项目总投资", "100万元"),
            ("申请日期", "2020-01-01"),
        ],
    )
    .unwrap();
    assert!(!ev.applies);
    assert!(ev
        .reason
        .unwrap()
        .contains("不在有效期 2017年至2019年 之内"));
}

#[test]
fn interval_tiers_respect_exclusive_bounds_and_otherwise() {
    let at = |n: &str| {
        let ev = eval_text("按服务人口分档", &[("服务人口", n)]).unwrap();
        (
            ev.tier.as_ref().unwrap().index,
            amount_of(&ev).1.to_string(),
        )
    };
    assert_eq!(at("1000人"), (1, "100元/月".to_string()));
    assert_eq!(at("1000.5人"), (2, "200元/月".to_string()));
    assert_eq!(at("5000人"), (2, "200元/月".to_string()));
    assert_eq!(at("5001人"), (3, "300元/月".to_string()));
}

#[test]
fn rate_per_person_times_the_count() {
    let p = program();
    let ev = eval_text("乡镇预算资金", &[("贫困人口规模", "1500人")]).unwrap();
    let (cmp, amount) = amount_of(&ev);
    assert_eq!(cmp, Cmp::Ge);
    assert_eq!(amount.value, Decimal::from(300_000));
    assert_eq!(amount.unit, Some(Unit::of(UnitAtom::Yuan)));
    assert_eq!(ev.amount.as_ref().unwrap().text(), "不低于30万元");
    let per = ev.per_unit.unwrap();
    assert_eq!(per.fact, "贫困人口规模");
    // Without a count the rate itself is the answer.
    let ev = eval_rule(&p, "乡镇预算资金", &Facts::new()).unwrap();
    assert_eq!(amount_of(&ev).1.to_string(), "200元/人");
    // Two counts in 人: which one is a guess, so an error.
    let err = eval_text(
        "乡镇预算资金",
        &[("贫困人口规模", "1500人"), ("服务人口", "800人")],
    )
    .unwrap_err();
    assert!(matches!(err, EvalError::AmbiguousFacts { .. }), "{err}");
}

#[test]
fn per_unit_keeps_the_rest_of_the_rate_and_skips_condition_facts() {
    let ev = eval_text(
        "人均补贴",
        &[("县类别", "深度贫困县"), ("贫困人口规模", "3人")],
    )
    .unwrap();
    let (_, amount) = amount_of(&ev);
    assert_eq!(amount.to_string(), "6000元/年");
    // A fact used by a condition is not a count (按服务人口分档 uses 服务人口 for its tiers).
    let ev = eval_text("按服务人口分档", &[("服务人口", "800人")]).unwrap();
    assert!(ev.per_unit.is_none());
}

#[test]
fn range_reports_both_ends_and_the_cap_clips_one() {
    let p = program();
    let ev = eval_rule(&p, "职业培训补贴", &Facts::new()).unwrap();
    match ev.amount.as_ref().unwrap() {
        Outcome::Range { low, high, text } => {
            assert_eq!(low, &yuan(200));
            assert_eq!(high, &yuan(1500));
            assert_eq!(text, "200元至1500元");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(ev.clipped.len(), 1);
    assert_eq!(ev.clipped[0].bound, BoundKind::Cap);
    assert_eq!(ev.clipped[0].end, Some(RangeEnd::High));
    assert_eq!(ev.clipped[0].before, yuan(2000));
}

#[test]
fn floor_clips_and_says_so() {
    let p = program();
    let ev = eval_rule(&p, "搬迁补助", &Facts::new()).unwrap();
    assert_eq!(amount_of(&ev).1.value, Decimal::from(40_000));
    assert_eq!(ev.clipped.len(), 1);
    assert_eq!(ev.clipped[0].bound, BoundKind::Floor);
    let text = ev.to_string();
    assert!(text.contains("下限: 3万元 调整为 4万元"), "{text}");
}

#[test]
fn bounds_alone_are_the_answer() {
    let p = program();
    let ev = eval_rule(&p, "互助资金规模", &Facts::new()).unwrap();
    let (cmp, amount) = amount_of(&ev);
    assert_eq!((cmp, amount.to_string()), (Cmp::Ge, "50万元".to_string()));
}

#[test]
fn ratio_range_is_reported_as_written() {
    let p = program();
    let ev = eval_rule(&p, "风险分担比例", &Facts::new()).unwrap();
    assert_eq!(ev.amount.unwrap().text(), "3:7至1:9");
}

#[test]
fn share_of_another_rule() {
    let ev = eval_text("配套资金", &[("贫困人口规模", "1500人")]).unwrap();
    assert_eq!(amount_of(&ev).1.value, Decimal::from(150_000));
}

#[test]
fn shares_in_a_loop_are_an_error() {
    let p = program();
    let err = eval_rule(&p, "循环甲", &Facts::new()).unwrap_err();
    assert!(matches!(err, EvalError::Recursion { .. }));
}

#[test]
fn bound_in_another_unit_is_an_error() {
    let p = program();
    let err = eval_rule(&p, "错配下限", &Facts::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "「错配下限」的下限与金额的单位不一致:「人」与「元」不能相互比较或换算"
    );
}

#[test]
fn overflow_is_an_error_not_a_wrong_number() {
    let p = program();
    let given = typed_facts(vec![
        ("县类别", category("贫困县")),
        (
            "项目总投资",
            FactValue::Quantity(yuan_decimal(Decimal::MAX)),
        ),
    ]);
    let ev = eval_rule(&p, "光伏扶贫以奖代补", &given);
    // MAX × 10 overflows; the answer is an error, never a rounded figure.
    assert!(matches!(ev, Err(EvalError::Overflow { .. })), "{ev:?}");
}

#[test]
fn evaluation_serialises_and_renders() {
    let ev = eval_text(
        "光伏扶贫以奖代补",
        &[("县类别", "深度贫困县"), ("项目总投资", "1000万元")],
    )
    .unwrap();
    let json = serde_json::to_value(&ev).unwrap();
    assert_eq!(json["amount"]["quantity"]["value"], "2000000");
    assert_eq!(json["amount"]["quantity"]["scale"], "万");
    assert_eq!(json["amount"]["text"], "200万元");
    assert_eq!(json["tier"]["index"], 1);
    let text = ev.to_string();
    assert!(text.starts_with("补助「光伏扶贫以奖代补」(湖北.zc:10)\n结果: 200万元\n"));
    assert!(text.contains("原文: “分别按照项目总投资的20%、10%、5%”"));
}

#[test]
fn json_facts() {
    let p = program();
    let f = text::parse_facts_json(
        &p,
        "光伏扶贫以奖代补",
        r#"{"县类别":"贫困县","项目总投资":1000}"#,
    )
    .unwrap();
    let ev = eval_rule(&p, "光伏扶贫以奖代补", &f).unwrap();
    assert_eq!(amount_of(&ev).1.to_string(), "100万元");
}

// ───────── 截至: duties ─────────

#[test]
fn duties_are_classified_on_the_day() {
    let p = program();
    let r = due(&p, date("2017-05-03"), None).unwrap();
    let status = |name: &str| {
        r.items
            .iter()
            .find(|i| i.name == name)
            .map(|i| i.status)
            .unwrap()
    };
    assert_eq!(status("整改方案报送"), DueStatus::Overdue);
    assert_eq!(status("报送排查台账"), DueStatus::Due); // today
    assert_eq!(status("乡镇业务培训"), DueStatus::Due); // in 2 days
    assert_eq!(status("摸底排查"), DueStatus::Due); // in 7 days
    assert_eq!(status("建立台账"), DueStatus::Upcoming); // in 8 days
    assert_eq!(status("集中整改情况报送"), DueStatus::Upcoming);
    assert_eq!(status("全程督查"), DueStatus::OpenEnded);
    assert_eq!(status("成立领导小组"), DueStatus::Completed);
    assert_eq!(status("后来完成的"), DueStatus::Overdue); // completed only on 5月20日
    assert_eq!(status("加强宣传"), DueStatus::NoDeadline);
    assert_eq!(status("复核前完工"), DueStatus::Unresolved);
    assert_eq!(r.counts.overdue, 2);
    assert_eq!(r.items[0].status, DueStatus::Overdue);
    let overdue = r.items.iter().find(|i| i.name == "整改方案报送").unwrap();
    assert_eq!(overdue.days_left, Some(-1));
    assert_eq!(overdue.origin, "汨罗.zc:100");
    let r = due(&p, date("2017-05-21"), None).unwrap();
    let later = r.items.iter().find(|i| i.name == "后来完成的").unwrap();
    assert_eq!(later.status, DueStatus::Completed);
}

#[test]
fn department_filter_by_alias_and_role() {
    let p = program();
    let r = due(&p, date("2017-05-03"), Some("扶贫办")).unwrap();
    assert_eq!(r.department.as_ref().unwrap().names[0], "市扶贫办");
    let roles: Vec<(&str, Role)> = r
        .items
        .iter()
        .map(|i| (i.name.as_str(), i.role.unwrap()))
        .collect();
    assert!(roles.contains(&("整改方案报送", Role::Lead)));
    assert!(roles.contains(&("报送排查台账", Role::LeadInherited)));
    assert!(!roles.iter().any(|(n, _)| *n == "乡镇业务培训"));
    let r = due(&p, date("2017-05-03"), Some("乡镇")).unwrap();
    assert!(r.items.iter().all(|i| i.role == Some(Role::Responsible)));
    assert_eq!(r.items.len(), 3);
}

#[test]
fn unknown_department_suggests() {
    let p = program();
    let err = due(&p, date("2017-05-03"), Some("市扶贫")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "没有名为「市扶贫」的部门、别称或部门类;是不是「市扶贫办」?"
    );
}

#[test]
fn due_report_renders_and_serialises() {
    let p = program();
    let r = due(&p, date("2017-05-03"), Some("市扶贫办")).unwrap();
    let text = r.to_string();
    assert!(text.starts_with("截至 2017年5月3日,部门「市扶贫办」 的措施和目标\n"));
    assert!(
        text.contains("逾期 1 项:\n  - 整改方案报送  期限 5月2日之前(2017年5月2日,已逾期 1 天)")
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["items"][0]["status"], "overdue");
    assert_eq!(json["items"][0]["deadline"], "2017-05-02");
    assert_eq!(json["window_days"], 7);
}

/// A document dated only by its 发布日期, with targets in and outside its measures.
fn targets_as_duties_doc() -> Value {
    let target = |name: &str, line: u32, extra: Value| {
        let mut t =
            json!({"name": name, "keyword": "目标", "origin": origin("马村乡.zc", line, None)});
        if let (Value::Object(t), Value::Object(extra)) = (&mut t, extra) {
            t.extend(extra);
        }
        t
    };
    let by_published = |date: &str, text: &str| json!({"type": "by", "date": date, "text": text, "year_from": "published"});
    json!({
        "file": "马村乡.zc",
        "year": 2020,
        "year_source": "published",
        "published": "2020-03-20",
        "departments": [{"name": "马村乡党委、政府", "class": true}, {"name": "乡扶贫办"}],
        "duties": [
            duty(0, "危房改造", by_published("2020-04-30", "4月底前"),
                 json!({"lead": ["马村乡党委、政府"], "phase": "集中攻坚"})),
        ],
        "targets": [
            target("危房改造全部开工建设", 31,
                   json!({"duty": 0, "deadline": by_published("2020-03-31", "3月底前")})),
            target("搬进新居", 35, json!({"duty": 0, "number": "②", "lead": ["乡扶贫办"],
                   "deadline": by_published("2020-04-30", "4月底前")})),
            target("秋季开学前完成", 40, json!({"deadline": {
                   "type": "event", "event": "秋季学期", "text": "「秋季学期」前"}})),
            target("无法定年的目标", 41, json!({"deadline": {
                   "type": "unresolved", "text": "6月底前", "reason": "文件没有写明年份"}})),
            target("没有期限的目标", 42, json!({})),
            {"name": "建档立卡贫困户", "keyword": "现状", "origin": origin("马村乡.zc", 50, None)},
        ],
    })
}

#[test]
fn targets_are_duties_too() {
    let p = program_of(vec![targets_as_duties_doc()]);
    let r = due(&p, date("2020-04-25"), None).unwrap();
    let item = |name: &str| r.items.iter().find(|i| i.name == name).unwrap();
    // Every target is listed with its kind; a stated figure (现状) is not a duty.
    assert_eq!(r.items.len(), 6);
    assert!(!r.items.iter().any(|i| i.name == "建档立卡贫困户"));
    let start = item("危房改造全部开工建设");
    assert_eq!(
        (start.kind, start.status),
        (DueKind::Target, DueStatus::Overdue)
    );
    assert_eq!(start.days_left, Some(-25));
    assert_eq!(start.year_from, Some(crate::ir::YearSource::Published));
    // A target naming no lead is led by its measure, and stands in the measure's phase.
    assert_eq!(start.lead, ["马村乡党委、政府"]);
    assert!(start.lead_inherited);
    assert_eq!(start.parent.as_deref(), Some("危房改造"));
    assert_eq!(start.phase.as_deref(), Some("集中攻坚"));
    let home = item("搬进新居");
    assert_eq!(
        (home.status, home.lead.as_slice()),
        (DueStatus::Due, &["乡扶贫办".to_string()][..])
    );
    assert!(!home.lead_inherited);
    assert_eq!(item("秋季开学前完成").status, DueStatus::OpenEnded);
    let unknown = item("无法定年的目标");
    assert_eq!(unknown.status, DueStatus::Unresolved);
    assert_eq!(unknown.reason.as_deref(), Some("文件没有写明年份"));
    assert_eq!(item("没有期限的目标").status, DueStatus::NoDeadline);
    assert_eq!(item("危房改造").kind, DueKind::Measure);
    // The text says what is a target, in which measure, and where a year came from.
    let text = r.render(true);
    assert!(text.contains("  - [目标] 危房改造全部开工建设  期限 3月底前(2020年3月31日,按发布日期的年份,已逾期 25 天)  牵头(承上级): 马村乡党委、政府  所在措施: 危房改造"), "{text}");
    assert!(
        text.contains("[目标] 无法定年的目标  期限 6月底前(文件没有写明年份)"),
        "{text}"
    );
    assert!(text.contains("[目标] ②搬进新居"), "{text}");
    // A department leads the targets it names, and the ones its measures name.
    let mine = due(&p, date("2020-04-25"), Some("乡扶贫办")).unwrap();
    assert_eq!(mine.items.len(), 1);
    assert_eq!(mine.items[0].role, Some(Role::Lead));
    let town = due(&p, date("2020-04-25"), Some("马村乡党委、政府")).unwrap();
    let names: Vec<&str> = town.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["危房改造全部开工建设", "危房改造"]);
    assert_eq!(town.items[0].role, Some(Role::LeadInherited));
    // 应办 lists measures only: what an example's 截至 compares.
    let may = due(&p, date("2020-05-01"), None).unwrap();
    let by_day: Vec<&str> = may.due_by_as_of().iter().map(|i| i.name.as_str()).collect();
    assert_eq!(by_day, ["危房改造"]);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["items"][0]["kind"], "target");
    assert_eq!(json["items"][0]["year_from"], "published");
}

#[test]
fn a_target_deadline_without_a_day_is_said_in_progress() {
    let mut doc = targets_as_duties_doc();
    doc["targets"] = json!([{
        "name": "开学前培训", "keyword": "目标", "origin": origin("马村乡.zc", 40, None),
        "value": {"type": "quantity", "cmp": "ge", "quantity": q("500", "人"), "text": "500人以上"},
        "deadline": {"type": "event", "event": "秋季学期", "text": "「秋季学期」前"},
    }]);
    let p = program_of(vec![doc]);
    let actual: Actuals = [(2020, quantity("300", "人"))].into_iter().collect();
    let r = progress(&p, "开学前培训", &actual, 2020).unwrap();
    assert_eq!(r.deadline, None);
    assert_eq!(r.deadline_text.as_deref(), Some("「秋季学期」前"));
    assert_eq!(r.status, ProgressStatus::NoInterimPlan);
    assert!(
        r.to_string()
            .contains("目标值: 不低于500人,期限 「秋季学期」前(在「秋季学期」之前,没有日期)"),
        "{r}"
    );
}

// ───────── 考核方案: scores ─────────

fn scores(pairs: &[(&str, &str)]) -> Scores {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string(), text::parse_points(n, v).unwrap()))
        .collect()
}

/// The fixture's 市级考核 on scores written as text.
fn score_text(pairs: &[(&str, &str)]) -> Result<ScoreReport, EvalError> {
    score(&program(), "市级考核", &scores(pairs))
}

#[test]
fn scores_sum_with_children_and_adjustments() {
    let r = score_text(&[
        ("平时考核", "9"),
        ("集中考核", "27"),
        ("所属贫困县", "45"),
        ("非贫困县(市、区)", "8分"),
        ("调整指标", "+3分"),
    ])
    .unwrap();
    assert_eq!(r.subtotal.value, Decimal::from(89));
    assert_eq!(r.total.value, Decimal::from(92));
    assert_eq!(r.total.to_string(), "92分");
    assert_eq!(r.items[2].score.value, Decimal::from(53));
    assert!(r.unscored.is_empty());
    let text = r.to_string();
    assert!(text.contains("「所属县精准扶贫工作成效」没有直接给分,按子项合计 45 + 8 = 53分"));
}

#[test]
fn decimal_scores_are_exact() {
    let r = score_text(&[
        ("平时考核", "8.1"),
        ("集中考核", "25.2"),
        ("调整指标", "-0.3"),
    ])
    .unwrap();
    assert_eq!(r.total.value, Decimal::from_str_exact("33").unwrap());
    assert_eq!(r.unscored, vec!["所属县精准扶贫工作成效".to_string()]);
}

#[test]
fn item_above_its_maximum_is_an_error() {
    let err = score_text(&[("平时考核", "11")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "「平时考核」的得分 11分 超过了该项的满分 10分"
    );
    // Children summing above the parent's maximum.
    let err = score_text(&[("所属贫困县", "50"), ("非贫困县（市、区）", "10.5")]).unwrap_err();
    assert!(matches!(err, EvalError::AboveMax { .. }), "{err}");
}

#[test]
fn adjustment_beyond_its_bound_is_an_error() {
    let err = score_text(&[("调整指标", "-6")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "调整「调整指标」为 -6分,超出了允许的范围 -5分 至 +5分"
    );
    // 调整指标 goes both ways up to 5; 加分 only up to 3, 扣分 only down to -2.
    for (adjustment, points, allowed) in [
        ("调整指标", "-5", true),
        ("加分", "-1", false),
        ("加分", "3", true),
        ("扣分", "1", false),
        ("扣分", "-2", true),
    ] {
        let scored = score_text(&[(adjustment, points)]);
        assert_eq!(scored.is_ok(), allowed, "{adjustment} {points}");
    }
}

#[test]
fn unknown_item_suggests_and_other_score_errors() {
    let err = score_text(&[("平时考试", "9")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "考核「市级考核」中没有项或调整「平时考试」;是不是「平时考核」?"
    );
    let err = score_text(&[("平时考核", "-1")]).unwrap_err();
    assert!(matches!(err, EvalError::NegativeScore { .. }));
    let err = score_text(&[("所属县精准扶贫工作成效", "50"), ("所属贫困县", "45")]).unwrap_err();
    assert!(matches!(err, EvalError::ParentAndChildren { .. }));
    let err = score(&program(), "市级", &Scores::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "没有名为「市级」的考核;是不是「市级考核」?"
    );
    assert!(text::parse_points("平时考核", "9元").is_err());
}

// ───────── 进度: targets ─────────

fn actual(pairs: &[(i32, &str)]) -> Actuals {
    pairs
        .iter()
        .map(|(y, t)| (*y, text::parse_quantity(t).unwrap()))
        .collect()
}

#[test]
fn yearly_breakdown_sums_to_date() {
    let p = program();
    let r = progress(
        &p,
        "贫困人口脱贫",
        &actual(&[(2016, "50万人"), (2017, "50万")]),
        2017,
    )
    .unwrap();
    assert_eq!(r.basis, Basis::Yearly);
    assert_eq!(r.status, ProgressStatus::Behind);
    assert_eq!(r.planned_to_date.as_ref().unwrap().to_string(), "106万人");
    assert_eq!(r.actual_to_date.to_string(), "100万人");
    assert_eq!(r.gap.as_ref().unwrap().value, Decimal::from(60_000));
    assert_eq!(r.remaining.as_ref().unwrap().to_string(), "132万人");
    let on_track = progress(&p, "贫困人口脱贫", &actual(&[(2016, "51万人")]), 2016).unwrap();
    assert_eq!(on_track.status, ProgressStatus::OnTrack);
    let met = progress(&p, "贫困人口脱贫", &actual(&[(2016, "232万人")]), 2016).unwrap();
    assert_eq!(met.status, ProgressStatus::Met);
}

#[test]
fn cumulative_milestones_carry_forward_and_rate_before_the_first() {
    let p = program();
    let figures = actual(&[(2015, "14万户"), (2016, "14万户"), (2017, "10万户")]);
    let r = progress(&p, "农村危房改造", &figures, 2017).unwrap();
    assert_eq!(r.basis, Basis::Cumulative);
    assert_eq!(r.gap.as_ref().unwrap().to_string(), "4万户");
    // 2018, 2019: the 2017 milestone carries forward (no interpolation).
    let r = progress(&p, "农村危房改造", &figures, 2019).unwrap();
    assert_eq!(r.planned_to_date.as_ref().unwrap().to_string(), "42万户");
    // 2016: before the first milestone, the annual rate: 14万 × 2 years.
    let r = progress(&p, "农村危房改造", &figures, 2016).unwrap();
    assert_eq!(r.planned_to_date.as_ref().unwrap().to_string(), "28万户");
    assert_eq!(r.status, ProgressStatus::OnTrack);
}

#[test]
fn levels_compare_the_latest_level() {
    let p = program();
    let r = progress(
        &p,
        "农业科技进步贡献率",
        &actual(&[(2016, "50%"), (2017, "54%"), (2018, "56%")]),
        2018,
    )
    .unwrap();
    assert_eq!(r.basis, Basis::Levels);
    assert_eq!(r.actual_to_date.to_string(), "56%");
    assert_eq!(r.planned_to_date.as_ref().unwrap().to_string(), "55%");
    assert_eq!(r.status, ProgressStatus::OnTrack);
}

#[test]
fn annual_rate_within_its_years() {
    let p = program();
    let r = progress(
        &p,
        "培训乡村干部",
        &actual(&[(2015, "2000人次"), (2016, "1500人次")]),
        2016,
    )
    .unwrap();
    assert_eq!(r.planned_to_date.as_ref().unwrap().to_string(), "4000人次");
    assert_eq!(r.status, ProgressStatus::Behind);
    // After its last year the rate adds nothing more.
    let r = progress(&p, "培训乡村干部", &actual(&[(2015, "6000人次")]), 2019).unwrap();
    assert_eq!(
        r.planned_to_date.as_ref().unwrap().value,
        Decimal::from(6000)
    );
    assert_eq!(r.status, ProgressStatus::Met);
}

#[test]
fn value_with_deadline_and_lower_is_better() {
    let p = program();
    let r = progress(&p, "新改建农村公路", &actual(&[(2018, "5000公里")]), 2018).unwrap();
    assert_eq!(r.status, ProgressStatus::NoInterimPlan);
    let r = progress(&p, "新改建农村公路", &actual(&[(2018, "5000公里")]), 2020).unwrap();
    assert_eq!(r.status, ProgressStatus::Behind);
    let r = progress(&p, "大病保险起付线", &actual(&[(2019, "4000元")]), 2019).unwrap();
    assert_eq!(r.basis, Basis::Value);
    assert_eq!(r.status, ProgressStatus::Met);
}

#[test]
fn progress_errors() {
    let p = program();
    let err = progress(&p, "贫困村宽带", &Actuals::new(), 2017).unwrap_err();
    assert_eq!(
        err.to_string(),
        "目标「贫困村宽带」无法计算进度:它的值「全覆盖」不是一个数量,没有分年度、累计、节点或每年的数量"
    );
    let err = progress(&p, "贫困人口脱贫", &actual(&[(2016, "50万户")]), 2016).unwrap_err();
    assert_eq!(
        err.to_string(),
        "事实「2016年实际」的单位应为「万人」,给出的是「户」"
    );
    let err = progress(&p, "贫困人口", &Actuals::new(), 2016).unwrap_err();
    assert!(matches!(err, EvalError::UnknownTarget { .. }));
}

// ───────── 例: examples ─────────

fn example(name: &str, question: Value, given: Value, expect: Value) -> Value {
    json!({"name": name, "question": question, "given": given, "expect": expect,
           "origin": origin("湖北.zc", 900, None)})
}

fn eval_question(rule: &str) -> Value {
    json!({"type": "eval", "rule": rule})
}

fn given_category(name: &str, value: &str) -> Value {
    json!([name, {"type": "category", "value": value}])
}

fn given_quantity(name: &str, quantity: Value) -> Value {
    json!([name, {"type": "quantity", "value": quantity}])
}

fn expect_amount(amount: Value) -> Value {
    json!({"type": "amount", "value": amount})
}

#[test]
fn examples_pass_and_fail_with_a_difference() {
    let mut doc = rules_doc();
    // 200万元 is right for a 深度贫困县 (20%), wrong for a 贫困县 (10%).
    let solar = |name: &str, county: &str| {
        example(
            name,
            eval_question("光伏扶贫以奖代补"),
            json!([
                given_category("县类别", county),
                given_quantity("项目总投资", q("1000万", "元")),
            ]),
            expect_amount(amount_eq("200万", "元", "200万元")),
        )
    };
    doc["examples"] = json!([
        solar("深度贫困县", "深度贫困县"),
        solar("算错了", "贫困县"),
        example(
            "比较词",
            eval_question("乡镇预算资金"),
            json!([given_quantity("贫困人口规模", q("1500", "人"))]),
            expect_amount(json!({"type": "quantity", "cmp": "ge",
                                 "quantity": q("30万", "元"), "text": "不低于30万元"}))
        ),
        example(
            "缺事实",
            eval_question("光伏扶贫以奖代补"),
            json!([]),
            expect_amount(amount_eq("200万", "元", "200万元"))
        ),
    ]);
    let mut duties = duties_doc();
    duties["examples"] = json!([
        example(
            "应办",
            json!({"type": "due", "as_of": "2017-05-06", "department": "各乡镇"}),
            json!([]),
            json!({"type": "names", "value": ["整改方案报送", "乡镇业务培训"]})
        ),
        example(
            "应办少一项",
            json!({"type": "due", "as_of": "2017-05-06"}),
            json!([]),
            json!({"type": "names", "value": ["整改方案报送", "乡镇业务培训", "多写的"]})
        ),
    ]);
    let mut scheme = scheme_doc();
    scheme["examples"] = json!([example(
        "得分",
        json!({"type": "score", "scheme": "市级考核"}),
        json!([
            given_quantity("平时考核", q("9", "分")),
            given_quantity("调整指标", q("-2", "分")),
        ]),
        expect_amount(amount_eq("7", "分", "7分"))
    ),]);
    let mut targets = targets_doc();
    targets["examples"] = json!([example(
        "进度",
        json!({"type": "progress", "target": "贫困人口脱贫",
                               "actual": [{"year": 2016, "quantity": q("50万", "人")},
                                          {"year": 2017, "quantity": q("50万", "")}]}),
        json!([]),
        expect_amount(amount_eq("6万", "人", "6万人"))
    ),]);
    let p = program_of(vec![doc, duties, scheme, targets]);
    let results = run_examples(&p);
    let status: Vec<(&str, ExampleStatus)> = results
        .iter()
        .map(|r| (r.name.as_str(), r.status))
        .collect();
    assert_eq!(
        status,
        [
            ("深度贫困县", ExampleStatus::Pass),
            ("算错了", ExampleStatus::Fail),
            ("比较词", ExampleStatus::Pass),
            ("缺事实", ExampleStatus::Error),
            ("应办", ExampleStatus::Pass),
            ("应办少一项", ExampleStatus::Fail),
            ("得分", ExampleStatus::Pass),
            ("进度", ExampleStatus::Pass),
        ]
    );
    let wrong = &results[1];
    assert_eq!(wrong.expected.as_deref(), Some("200万元"));
    assert_eq!(wrong.actual.as_deref(), Some("100万元"));
    assert_eq!(
        wrong.difference.as_deref(),
        Some("数值不同:期望 200万元,实际 100万元(实际减期望 -100万元)")
    );
    assert!(!wrong.trace.is_empty());
    let text = wrong.to_string();
    assert!(text.starts_with("失败 例「算错了」(湖北.zc:900)  求 光伏扶贫以奖代补\n"));
    assert!(text.contains("    差异: "));
    let names = &results[5];
    assert_eq!(
        names.difference.as_deref(),
        Some("期望中有而实际没有: 「多写的」;实际中有而期望没有: 「后来完成的」、「报送排查台账」、「成立领导小组」")
    );
    assert_eq!(
        examples::summary(&results),
        "8 个例:5 个通过,2 个失败,1 个出错"
    );
}

// ───────── batch ─────────

/// `rule` over `input`: the summary and the bytes written.
fn batch_output(
    p: &Program,
    rule: &str,
    format: RowFormat,
    input: &str,
    options: &BatchOptions,
) -> Result<(BatchSummary, Vec<u8>), batch::BatchError> {
    let mut out = Vec::new();
    let summary = eval_batch(p, rule, format, input.as_bytes(), &mut out, options)?;
    Ok((summary, out))
}

fn run_batch(format: RowFormat, input: &str) -> (BatchSummary, Vec<Value>) {
    let (summary, out) = batch_output(
        &program(),
        "光伏扶贫以奖代补",
        format,
        input,
        &BatchOptions::default(),
    )
    .unwrap();
    let lines = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (summary, lines)
}

#[test]
fn csv_batch_reports_bad_rows_and_goes_on() {
    let input = "县类别,项目总投资\n深度贫困县,1000万元\n深度县,1000万元\n贫困县,1000人\n\"非贫困县\",600\n贫困县\n非贫困县,\n";
    let (summary, lines) = run_batch(RowFormat::Csv, input);
    assert_eq!(summary.rows, 6);
    assert_eq!(summary.applied, 2);
    assert_eq!(summary.errors, 4);
    assert_eq!(lines[0]["line"], 2);
    assert_eq!(lines[0]["amount"]["text"], "200万元");
    assert_eq!(lines[1]["line"], 3);
    assert_eq!(lines[1]["error"]["kind"], "unknown_value");
    assert_eq!(
        lines[1]["error"]["message"],
        "事实「县类别」的取值「深度县」不在 深度贫困县、贫困县、非贫困县 之中"
    );
    assert_eq!(lines[2]["error"]["kind"], "wrong_unit");
    assert_eq!(lines[3]["amount"]["text"], "30万元");
    assert_eq!(lines[4]["error"]["kind"], "bad_row");
    assert_eq!(lines[5]["line"], 7);
    assert_eq!(lines[5]["error"]["kind"], "missing_fact");
}

/// The line numbers of the rows written: (line, ok).
fn lines_of(input: &str) -> (BatchSummary, Vec<(u64, bool, String)>) {
    let (summary, lines) = run_batch(RowFormat::Csv, input);
    // Rows in = rows out + rows failed, one output line per row read.
    assert_eq!(
        summary.rows,
        summary.applied + summary.not_applicable + summary.errors
    );
    assert_eq!(lines.len() as u64, summary.rows);
    let rows = lines
        .iter()
        .map(|l| {
            (
                l["line"].as_u64().unwrap(),
                l["ok"].as_bool().unwrap(),
                l["error"]["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (summary, rows)
}

/// Issue 17, break 4: row numbers were off by one in CRLF files, all 1 in CR-only files, and
/// wrong after blank lines. They are the line each row starts on, as a reader counts lines.
#[test]
fn csv_rows_carry_the_line_they_start_on() {
    let ok = |line| (line, true, String::new());
    for (input, expected) in [
        (
            "县类别,项目总投资\r\n贫困县,1\r\n贫困县,2\r\n",
            vec![ok(2), ok(3)],
        ),
        (
            "县类别,项目总投资\r贫困县,1\r贫困县,2\r",
            vec![ok(2), ok(3)],
        ),
        (
            "\n县类别,项目总投资\n\n贫困县,1\n\n\n贫困县,2",
            vec![ok(4), ok(7)],
        ),
        // A quoted line end is part of its field: the row after it starts two lines on.
        (
            "县类别,项目总投资\n\"贫困县\",\"1\n\"\n贫困县,2\n",
            vec![ok(2), ok(4)],
        ),
        ("\u{FEFF}县类别,项目总投资\n贫困县,1\n", vec![ok(2)]),
    ] {
        let (_, rows) = lines_of(input);
        let got: Vec<(u64, bool)> = rows.iter().map(|r| (r.0, r.1)).collect();
        let want: Vec<(u64, bool)> = expected.iter().map(|r| (r.0, r.1)).collect();
        assert_eq!(got, want, "{input:?}: {rows:?}");
    }
}

/// Issue 17, break 4: an unclosed `"` in the first data row swallowed every row after it (one
/// output line for the whole file), and one mid-file merged four rows into one. Now it costs its
/// own row, reported at its line; the rows after it are read as rows.
#[test]
fn an_unclosed_quote_costs_one_row() {
    let mut input = String::from("县类别,项目总投资\n\"贫困县,1\n");
    for i in 0..1000 {
        input.push_str(&format!("贫困县,{i}\n"));
    }
    let (summary, rows) = lines_of(&input);
    assert_eq!(summary.rows, 1001);
    assert_eq!(summary.errors, 1);
    assert_eq!(rows[0].0, 2);
    assert!(!rows[0].1);
    assert!(rows[0].2.contains("引号「\"」没有闭合"), "{}", rows[0].2);
    assert_eq!(rows[1].0, 3);
    assert!(rows[1..].iter().all(|r| r.1));

    // Mid-file: a stray quote that a later one "closes" would make one record of several lines
    // with the wrong number of fields.
    let input =
        "县类别,项目总投资\n贫困县,1\n贫困县,\"2\n贫困县,3\n贫困县,4\n贫困县,5\"\n贫困县,6\n";
    let (summary, rows) = lines_of(input);
    assert_eq!(summary.rows, 6, "{rows:?}");
    let lines: Vec<u64> = rows.iter().map(|r| r.0).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 7]);
    assert!(!rows[1].1 && rows[1].2.contains("引号"), "{rows:?}");
    assert!(rows[0].1 && rows[2].1 && rows[3].1 && rows[5].1, "{rows:?}");
}

/// A CSV record longer than the cap is an error for its row, held no more than the cap.
#[test]
fn csv_rows_are_capped_in_size() {
    let long = "1".repeat(batch::MAX_ROW_BYTES + 10);
    let input = format!("县类别,项目总投资\n贫困县,{long}\n贫困县,1\n");
    let (summary, rows) = lines_of(&input);
    assert_eq!(summary.rows, 2);
    assert_eq!((rows[0].0, rows[0].1), (2, false));
    assert!(rows[0].2.contains("这一行超过"), "{}", rows[0].2);
    assert_eq!((rows[1].0, rows[1].1), (3, true));
    // A quoted field that runs past the cap over many lines: the same, at its first line.
    let mut input = String::from("县类别,项目总投资\n贫困县,\"1\n");
    let line = format!("{}\n", "2".repeat(1000));
    for _ in 0..1100 {
        input.push_str(&line);
    }
    let (summary, rows) = lines_of(&input);
    assert_eq!(rows[0].0, 2);
    assert!(rows[0].2.contains("字节内都没有与它对应"), "{}", rows[0].2);
    assert_eq!(summary.rows, 1101);
}

/// Issue 17, break 4: a header naming a fact twice silently took the last column.
#[test]
fn a_fact_named_twice_in_the_header_stops_the_run() {
    let err = batch_output(
        &program(),
        "光伏扶贫以奖代补",
        RowFormat::Csv,
        "县类别,项目总投资,县类别\n贫困县,1,深度贫困县\n",
        &BatchOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "第 1 行:表头中事实「县类别」出现了两次(第 1 列和第 3 列)"
    );
}

/// Issue 17, break 8: JSONL errors were serde's English ("invalid type: null, expected a map").
#[test]
fn jsonl_errors_are_in_words() {
    let input = "null\n[1]\n{\"县类别\":\n{\"县类别\":\"贫困县\",\"县类别\":\"深度贫困县\"}\n{\"县类别\" \"贫困县\"}\n";
    let (_, lines) = run_batch(RowFormat::Jsonl, input);
    let messages: Vec<&str> = lines
        .iter()
        .map(|l| l["error"]["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "这一行无法读取:每一行应是一个 JSON 对象,如 {\"县类别\":\"深度贫困县\"},这一行却是null",
            "这一行无法读取:每一行应是一个 JSON 对象,如 {\"县类别\":\"深度贫困县\"},这一行却是数组",
            "这一行无法读取:JSON 没有写完:对象在行尾还没有结束",
            "这一行无法读取:事实「县类别」写了两次",
            "这一行无法读取:不是有效的 JSON:第 8 列有语法错误",
        ]
    );
    for m in messages {
        assert!(
            !m.chars()
                .any(|c| c.is_ascii_lowercase() && m.contains("expected")),
            "{m}"
        );
    }
}

/// `rows` generated CSV rows with faults mixed in (every line end, blank lines, quoted line
/// ends, unclosed quotes, stray quotes, missing columns, wrong units, rows over the size cap),
/// and for each row the line it starts on and whether it is answerable.
fn faulty_csv(rows: usize, seed: u64) -> (String, Vec<(u64, bool)>) {
    let mut state = seed;
    let mut next = move || {
        // A 64-bit LCG (Knuth's MMIX constants): enough to mix the kinds of row.
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    let mut text = String::from("县类别,项目总投资\n");
    let mut line = 2u64;
    let mut expected = Vec::with_capacity(rows);
    let mut long_rows = 0;
    let mut after_cr = false;
    while expected.len() < rows {
        let mut end = ["\n", "\r\n", "\r"][next() as usize % 3];
        let n = next() % 100_000;
        let (row, ok, lines) = match next() % 100 {
            0..=69 => (format!("贫困县,{n}"), true, 1),
            70..=74 => (format!("深度贫困县,{n}万元"), true, 1),
            75..=79 => {
                // A blank line is not a row. (After a lone CR, an LF would make one CRLF.)
                if after_cr {
                    end = "\r";
                }
                text.push_str(end);
                after_cr = end == "\r";
                line += 1;
                continue;
            }
            80..=82 => (format!("\"贫困县\",\"{n}{end}\""), true, 2),
            83..=86 => (format!("贫困县,\"{n}"), false, 1),
            87..=89 => (format!("贫困县,{n}\""), false, 1),
            90..=93 => ("贫困县".to_string(), false, 1),
            94..=98 => (format!("贫困县,{n}人"), false, 1),
            _ if long_rows < 2 && expected.len() > rows / 3 => {
                long_rows += 1;
                (
                    format!("贫困县,{}", "1".repeat(batch::MAX_ROW_BYTES)),
                    false,
                    1,
                )
            }
            _ => (format!("非贫困县,{n}"), true, 1),
        };
        text.push_str(&row);
        text.push_str(end);
        after_cr = end == "\r";
        expected.push((line, ok));
        line += lines;
    }
    (text, expected)
}

/// Rows in = rows out + rows failed, each row at its true line, over generated input with
/// faults: `rows` rows, compared row by row.
fn every_row_accounted_for(rows: usize, seed: u64) {
    let (text, expected) = faulty_csv(rows, seed);
    let (summary, out) = batch_output(
        &program(),
        "光伏扶贫以奖代补",
        RowFormat::Csv,
        &text,
        &BatchOptions::default(),
    )
    .unwrap();
    let good = expected.iter().filter(|r| r.1).count() as u64;
    let mut n: usize = 0;
    for (l, want) in out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .zip(&expected)
    {
        let v: Value = serde_json::from_slice(l).unwrap();
        let got = (v["line"].as_u64().unwrap(), v["ok"].as_bool().unwrap());
        if got != *want {
            let outs: Vec<String> = out
                .split(|&b| b == b'\n')
                .skip(n.saturating_sub(3))
                .take(5)
                .map(|l| String::from_utf8_lossy(&l[..l.len().min(120)]).into_owned())
                .collect();
            panic!(
                "row {n}: expected (line, ok) {:?}\nwritten {outs:#?}",
                &expected[n.saturating_sub(3)..(n + 2).min(expected.len())],
            );
        }
        n += 1;
    }
    assert_eq!(summary.rows, rows as u64, "rows read");
    assert_eq!(
        summary.applied + summary.not_applicable,
        good,
        "rows answered"
    );
    assert_eq!(summary.errors, rows as u64 - good, "rows in error");
    assert_eq!(n, rows, "one output line per row");
}

#[test]
fn every_csv_row_is_accounted_for() {
    every_row_accounted_for(20_000, 17);
}

#[test]
#[ignore = "a million rows: cargo test --release -p zhengce-runtime -- --ignored million"]
fn every_csv_row_is_accounted_for_over_a_million_rows() {
    every_row_accounted_for(1_000_000, 2017);
}

#[test]
fn csv_header_with_an_unknown_fact_stops_before_any_row() {
    let err = batch_output(
        &program(),
        "光伏扶贫以奖代补",
        RowFormat::Csv,
        "县类型,项目总投资\n贫困县,1\n",
        &BatchOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "第 1 行:文件中没有声明事实「县类型」;是不是「县类别」?"
    );
}

#[test]
fn jsonl_batch_counts_lines_and_skips_blank_ones() {
    let input = "{\"县类别\":\"深度贫困县\",\"项目总投资\":\"1000万元\"}\n\n{broken\n{\"县类别\":\"贫困县\",\"项目总投资\":1000}\r\n";
    let (summary, lines) = run_batch(RowFormat::Jsonl, input);
    assert_eq!(summary.rows, 3);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[1]["line"], 3);
    assert_eq!(lines[1]["error"]["kind"], "bad_row");
    assert_eq!(lines[2]["line"], 4);
    assert_eq!(lines[2]["amount"]["text"], "100万元");
}

#[test]
fn jsonl_overlong_line_is_an_error_for_that_line() {
    let long = format!("{{\"县类别\":\"{}\"}}\n", "x".repeat(batch::MAX_ROW_BYTES));
    let input = format!("{long}{{\"县类别\":\"贫困县\",\"项目总投资\":1}}\n");
    let (summary, lines) = run_batch(RowFormat::Jsonl, &input);
    assert_eq!(summary.rows, 2);
    assert_eq!(lines[0]["error"]["kind"], "bad_row");
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["ok"], true);
}

#[test]
fn batch_with_trace_writes_it() {
    let (_, out) = batch_output(
        &program(),
        "光伏扶贫以奖代补",
        RowFormat::Jsonl,
        "{\"县类别\":\"贫困县\",\"项目总投资\":1}\n",
        &BatchOptions {
            trace: true,
            ..BatchOptions::default()
        },
    )
    .unwrap();
    let line: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(line["trace"][0]["clause"], "规则");
}

// ───────── batch: the fast path writes what the general path writes ─────────

/// Both paths over `input`: (fast, general) output bytes and summaries.
fn both_paths(
    p: &Program,
    rule: &str,
    input: &str,
) -> ((BatchSummary, Vec<u8>), (BatchSummary, Vec<u8>)) {
    let run = |fast_path: bool| {
        let options = BatchOptions {
            fast_path,
            ..BatchOptions::default()
        };
        batch_output(p, rule, RowFormat::Csv, input, &options).unwrap()
    };
    (run(true), run(false))
}

/// Rows in every spelling a cell may have: plain numbers (in the declared 万元), 万元, 元, 亿元,
/// 万亿元, 万 without unit, zeros, long decimals, values near the limits of exact arithmetic,
/// full-width digits, spaces, quotes, signs, wrong units, unknown or folded category values,
/// empty cells and short rows — most for the fast path, the rest for the general one.
fn messy_rows(n: usize, seed: u64) -> String {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 11
    };
    let categories = [
        "深度贫困县",
        "贫困县",
        "非贫困县",
        "深度县",
        " 贫困县",
        "「贫困县」",
        "",
        "非贫困县 ",
    ];
    let mut out = String::from("县类别,项目总投资\n");
    for _ in 0..n {
        let r = next();
        let category = if r % 10 < 7 {
            categories[(r % 3) as usize]
        } else {
            categories[(r % 8) as usize]
        };
        let digits = next() % 10_u64.pow((next() % 16) as u32 + 1);
        let decimals = next() % 1000;
        let amount = match next() % 24 {
            0..=5 => format!("{digits}.{decimals:03}"),
            6..=8 => format!("{digits}"),
            9 => format!("{digits}万元"),
            10 => format!("{digits}.{decimals}元"),
            11 => format!("{digits}亿元"),
            12 => format!("{digits}万亿元"),
            13 => format!("{digits}万"),
            14 => "0".to_string(),
            15 => "0.000".to_string(),
            16 => format!("0.{:0>20}", digits),
            17 => format!("{digits}{digits}{digits}.5"),
            18 => "１２３４".to_string(),
            19 => format!(" {digits}"),
            20 => format!("-{digits}"),
            21 => format!("{digits}人"),
            22 => format!("{digits}."),
            _ => String::new(),
        };
        match next() % 50 {
            0 => out.push_str(&format!("{category}\n")),
            1 => out.push_str(&format!("{category},{amount},1\n")),
            2 => out.push_str(&format!("\"{category}\",\"{amount}\"\n")),
            _ => out.push_str(&format!("{category},{amount}\n")),
        }
    }
    out
}

#[test]
fn the_fast_path_engages_for_a_tiered_share() {
    let p = program();
    let (doc, idx) = find_rule(&p, "光伏扶贫以奖代补").unwrap();
    let decl = |name: &str| fact_decl(&p, doc, name).unwrap().unwrap();
    let plan = |names: &[&str]| {
        let columns: Vec<_> = names.iter().map(|n| decl(n)).collect();
        batch::fast::Plan::new(&p, doc, idx, &columns).is_some()
    };
    assert!(plan(&["县类别", "项目总投资"]));
    assert!(plan(&["项目总投资", "县类别"]));
    // It answers a common row itself, with the general path's bytes.
    let columns = [decl("县类别"), decl("项目总投资")];
    let fast = batch::fast::Plan::new(&p, doc, idx, &columns).unwrap();
    let mut buf = Vec::new();
    for (category, amount) in [
        ("深度贫困县", "1000"),
        ("贫困县", "12.5万元"),
        ("非贫困县", "3亿元"),
    ] {
        let record = csv::ByteRecord::from(vec![category, amount]);
        assert!(fast.row(2, &record, &mut buf), "{category},{amount}");
        let input = format!("县类别,项目总投资\n{category},{amount}\n");
        let (_, general) = both_paths(&p, "光伏扶贫以奖代补", &input).1;
        assert_eq!(
            String::from_utf8(buf.clone()).unwrap(),
            String::from_utf8(general).unwrap()
        );
    }
    for (category, amount) in [
        ("深度县", "1000"),
        ("贫困县", "１２"),
        ("贫困县", ""),
        ("贫困县", "5人"),
    ] {
        let record = csv::ByteRecord::from(vec![category, amount]);
        assert!(!fast.row(2, &record, &mut buf), "{category},{amount}");
    }
    // Another column (a date could change whether the rule applies): the general path.
    assert!(!plan(&["县类别", "项目总投资", "申请日期"]));
    assert!(!plan(&["县类别"]));
    // Rules of other shapes.
    let (_, other) = find_rule(&p, "村医定额补助").unwrap();
    let columns = [decl("服务人口"), decl("县类别")];
    assert!(batch::fast::Plan::new(&p, doc, other, &columns).is_none());
}

#[test]
fn fast_and_general_batch_paths_write_the_same_bytes() {
    let p = program();
    for seed in [1, 2, 3] {
        let input = messy_rows(4_000, seed);
        let ((fast_summary, fast), (general_summary, general)) =
            both_paths(&p, "光伏扶贫以奖代补", &input);
        assert_eq!(fast_summary, general_summary);
        assert!(fast_summary.applied > 2_000, "{fast_summary:?}");
        assert!(fast_summary.errors > 100, "{fast_summary:?}");
        if fast != general {
            let f = String::from_utf8_lossy(&fast);
            let g = String::from_utf8_lossy(&general);
            for (a, b) in f.lines().zip(g.lines()) {
                assert_eq!(a, b, "first differing line");
            }
            panic!("outputs differ in length");
        }
    }
    // Columns in the other order.
    let swapped = "项目总投资,县类别\n1000,深度贫困县\n1.5亿元,贫困县\n0.001万元,非贫困县\n";
    let ((_, fast), (_, general)) = both_paths(&p, "光伏扶贫以奖代补", swapped);
    assert_eq!(
        String::from_utf8(fast).unwrap(),
        String::from_utf8(general).unwrap()
    );
}

proptest! {
    #[test]
    fn fast_path_agrees_on_any_plain_amount(
        mantissa in 0u128..10_000_000_000_000_000_000_000_000_000u128,
        decimals in 0usize..30,
        suffix in proptest::sample::select(vec!["", "元", "万元", "亿元", "万亿元", "万", "亿"]),
        category in proptest::sample::select(vec!["深度贫困县", "贫困县", "非贫困县"]),
    ) {
        let digits = mantissa.to_string();
        let number = if decimals == 0 || decimals >= digits.len() {
            digits
        } else {
            format!("{}.{}", &digits[..digits.len() - decimals], &digits[digits.len() - decimals..])
        };
        let input = format!("县类别,项目总投资\n{category},{number}{suffix}\n");
        let p = program();
        let ((fs, fast), (gs, general)) = both_paths(&p, "光伏扶贫以奖代补", &input);
        prop_assert_eq!(fs, gs);
        prop_assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(general).unwrap());
    }
}

// ───────── properties ─────────

/// A value of the fact's declared kind: a listed category value, a quantity in the declared unit
/// (any scale, up to 12 digits and 4 decimals), a date.
fn fact_value(kind: &crate::ir::FactKind) -> BoxedStrategy<FactValue> {
    use crate::ir::FactKind;
    match kind.clone() {
        FactKind::Category { values } => proptest::sample::select(values)
            .prop_map(FactValue::Category)
            .boxed(),
        FactKind::Quantity { unit, .. } => (0i64..1_000_000_000_000, 0u32..5, 0usize..3)
            .prop_map(move |(mantissa, scale, s)| {
                let scale_word = [Scale::One, Scale::Wan, Scale::Yi][s];
                FactValue::Quantity(Quantity {
                    value: Decimal::new(mantissa, scale),
                    unit: Some(unit.clone()),
                    scale: scale_word,
                })
            })
            .boxed(),
        FactKind::Date => (2010i32..2030, 1u8..13, 1u8..29)
            .prop_map(|(y, m, d)| FactValue::Date(CivilDate::from_ymd(y, m, d).unwrap()))
            .boxed(),
    }
}

/// Facts for the fixture: each declared fact given or not; at most one count in 人 (two make
/// the per-person multiplication ambiguous, which is a documented error, not a unit error).
fn fact_sets() -> impl Strategy<Value = Facts> {
    let p = program();
    let decls = p.documents[0].facts.clone();
    let strategies: Vec<_> = decls
        .into_iter()
        .map(|f| {
            let name = f.name.clone();
            proptest::option::of(fact_value(&f.kind)).prop_map(move |v| (name.clone(), v))
        })
        .collect();
    strategies.prop_map(|pairs| {
        let mut facts: Facts = pairs
            .into_iter()
            .filter_map(|(n, v)| v.map(|v| (n, v)))
            .collect();
        if facts.contains_key("服务人口") {
            facts.remove("贫困人口规模");
        }
        facts
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn facts_of_the_declared_units_never_give_unit_or_type_errors(given in fact_sets()) {
        let p = program();
        for rule in &p.documents[0].rules {
            if rule.name.starts_with("循环") || rule.name == "错配下限" {
                continue;
            }
            match eval_rule(&p, &rule.name, &given) {
                Ok(ev) => {
                    if let Some(Outcome::Amount { quantity, .. }) = &ev.amount {
                        prop_assert!(quantity.unit.is_some());
                    }
                }
                Err(EvalError::MissingFact { .. }) => {}
                Err(e) => prop_assert!(false, "{}: {}", rule.name, e),
            }
        }
    }

    #[test]
    fn shares_are_exact(mantissa in 0i64..1_000_000_000_000, scale in 0u32..6, tier in 0usize..3) {
        let p = program();
        let category = ["深度贫困县", "贫困县", "非贫困县"][tier];
        let percent = [20, 10, 5][tier];
        let base = Decimal::new(mantissa, scale);
        let given = typed_facts(vec![
            ("县类别", FactValue::Category(category.into())),
            ("项目总投资", FactValue::Quantity(yuan_decimal(base))),
        ]);
        let ev = eval_rule(&p, "光伏扶贫以奖代补", &given).unwrap();
        let (_, amount) = amount_of(&ev);
        // amount × 100 == base × percent exactly: no rounding anywhere.
        prop_assert_eq!(amount.value * Decimal::ONE_HUNDRED, base * Decimal::from(percent));
    }

    #[test]
    fn quantities_read_back_exactly(mantissa in 0i64..1_000_000_000_000, scale in 0u32..6) {
        let value = Decimal::new(mantissa, scale).normalize();
        let text = format!("{value}元");
        let parsed = text::parse_quantity(&text).unwrap();
        prop_assert_eq!(parsed.value, value);
        // In 万 the value can pass the bound on typed numbers (10¹⁵): refused, never rounded.
        let wan = text::parse_quantity(&format!("{value}万元"));
        if value * Decimal::from(10_000) <= Decimal::from(text::MAX_QUANTITY) {
            prop_assert_eq!(wan.unwrap().value, value * Decimal::from(10_000));
        } else {
            prop_assert!(wan.unwrap_err().contains("数值太大"));
        }
    }
}

fn yuan_decimal(value: Decimal) -> Quantity {
    Quantity::new(value, Some(Unit::of(UnitAtom::Yuan)))
}

// ───────── shared helpers ─────────

#[test]
fn names_fold_brackets_and_quotes() {
    assert!(same_name("「非贫困县（市、区）」", "非贫困县(市、区)"));
    assert!(!same_name("贫困县", "深度贫困县"));
}

proptest! {
    /// The allocation-free comparison agrees with comparing the folded strings.
    #[test]
    fn same_name_is_equality_of_folded_names(
        a in proptest::collection::vec(proptest::sample::select(
            vec!["贫", "县", "（", "）", "(", ")", "「", "」", " ", "\u{3000}", "，", "a"]), 0..6),
        b in proptest::collection::vec(proptest::sample::select(
            vec!["贫", "县", "（", "）", "(", ")", "「", "」", " ", "\u{3000}", "，", "a"]), 0..6),
    ) {
        let (a, b) = (a.concat(), b.concat());
        prop_assert_eq!(same_name(&a, &b), fold_name(&a) == fold_name(&b), "{:?} {:?}", a, b);
    }
}

proptest! {
    /// A quantity shows its value ÷ 万/亿 by moving the decimal point; that is what dividing
    /// gives.
    #[test]
    fn quantity_display_is_exact_division(
        mantissa in any::<i64>(),
        wide in any::<bool>(),
        scale in 0u32..29,
        s in 0usize..4,
    ) {
        let m = if wide { i128::from(mantissa) * 1_000_000_000 } else { i128::from(mantissa) };
        let value = Decimal::from_i128_with_scale(m, scale);
        let scale = [Scale::One, Scale::Wan, Scale::Yi, Scale::WanYi][s];
        let q = Quantity { value, unit: Some(Unit::of(UnitAtom::Yuan)), scale };
        let expected = format!(
            "{}{}元",
            crate::value::format_decimal(value / scale.factor()),
            scale.word()
        );
        prop_assert_eq!(q.to_string(), expected);
    }
}

#[test]
fn suggestions_find_close_names() {
    let names = ["平时考核", "集中考核", "所属贫困县", "调整指标"];
    assert_eq!(suggest("平时考试", names), vec!["平时考核"]);
    assert_eq!(suggest("贫困县", names), vec!["所属贫困县"]);
    assert!(suggest("完全无关的名字", names).is_empty());
}

#[test]
fn version_is_checked() {
    let mut p = program();
    p.version = 99;
    let err = eval_rule(&p, "光伏扶贫以奖代补", &Facts::new()).unwrap_err();
    assert!(matches!(err, EvalError::Version { .. }));
}

#[test]
fn products_are_shown_in_wan_when_that_reads_exactly() {
    use super::rule::display_scale;
    let d = |s: &str| Decimal::from_str_exact(s).unwrap();
    assert_eq!(display_scale(d("300000"), Scale::One), Scale::Wan);
    assert_eq!(display_scale(d("246800"), Scale::One), Scale::Wan);
    assert_eq!(display_scale(d("123456"), Scale::One), Scale::One);
    assert_eq!(display_scale(d("9000"), Scale::One), Scale::One);
    assert_eq!(display_scale(d("300000000"), Scale::One), Scale::Yi);
    assert_eq!(display_scale(d("123456"), Scale::Wan), Scale::Wan);
}

// ───────── one lookup (lookup.rs) ─────────

/// Two documents that both define a name: the document asking finds its own; asked from
/// nowhere (or from a third document), every question refuses alike and names both files.
#[test]
fn a_name_two_documents_define_is_found_from_its_own_document_only() {
    let renamed = |mut doc: Value, file: &str| {
        doc["file"] = json!(file);
        doc
    };
    let p = program_of(vec![
        rules_doc(),
        targets_doc(),
        scheme_doc(),
        renamed(rules_doc(), "b.zc"),
        renamed(targets_doc(), "b.zc"),
        renamed(scheme_doc(), "b.zc"),
    ]);
    let files = |e: EvalError| match e {
        EvalError::Ambiguous { what, files, .. } => format!("{what}: {}", files.join(" ")),
        other => panic!("not ambiguous: {other:?}"),
    };
    let given = facts(&[("县类别", "深度贫困县"), ("项目总投资", "1000万元")]);
    let rule = "光伏扶贫以奖代补";
    let a = rules_doc()["file"].as_str().unwrap().to_string();
    assert_eq!(
        files(eval_rule(&p, rule, &given).unwrap_err()),
        format!("标准或补助: {a} b.zc")
    );
    assert!(eval_rule_in(&p, 3, rule, &given).is_ok());
    let target = "贫困人口脱贫";
    let actual = actual(&[(2016, "51万人")]);
    assert!(files(progress(&p, target, &actual, 2016).unwrap_err()).starts_with("目标: "));
    assert!(progress::progress_in(&p, Some(4), target, &actual, 2016).is_ok());
    let scheme = scheme_doc()["schemes"][0]["name"]
        .as_str()
        .unwrap()
        .to_string();
    let scores = Scores::new();
    assert!(files(score(&p, &scheme, &scores).unwrap_err()).starts_with("考核: "));
    // The message says what kind of item it is and where.
    let e = eval_rule(&p, rule, &given).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("标准或补助「{rule}」在多个文件中都有定义({a}、b.zc),请只给出其中一个文件")
    );
}
