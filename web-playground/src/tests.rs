//! The bindings as the page calls them: JSON strings in, JSON strings out.

use serde_json::{json, Value};

use super::*;

/// A plan whose yearly breakdown (50+56+55+46+20 = 227万) does not make its value (232万人).
/// The line before the target holds a non-BMP character (𠀀, a surrogate pair in JavaScript),
/// so a converter that counted chars instead of UTF-16 units would be off by one.
const UNBALANCED: &str = "文件《测试方案》{\n  成文日期：2016年3月1日\n}\n部门：省扶贫办\n// 𠀀字在此\n目标 贫困人口脱贫 {\n  指标：现行标准下农村贫困人口实现脱贫\n  值：232万人\n  期限：2020年\n  分年度：2016年50万、2017年56万、2018年55万、2019年46万、2020年20万\n  牵头：省扶贫办\n}\n";

fn call(f: fn(&str) -> String, request: Value) -> Value {
    let answer = f(&request.to_string());
    serde_json::from_str(&answer).expect("every answer is JSON")
}

fn files(text: &str) -> Value {
    json!({ "files": [{ "name": "测试.zc", "text": text }] })
}

/// `text.slice(from, to)` as JavaScript computes it (UTF-16 code units).
fn js_slice(text: &str, from: u64, to: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[from as usize..to as usize]).unwrap()
}

fn breakdown_diagnostic(answer: &Value) -> Value {
    answer["result"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "ZC0201")
        .cloned()
        .unwrap_or_else(|| panic!("no ZC0201 in {answer:#}"))
}

#[test]
fn check_places_labels_in_utf16_units() {
    let answer = call(check, files(UNBALANCED));
    assert_eq!(answer["ok"], true, "{answer:#}");
    assert!(answer["result"]["errors"].as_u64().unwrap() >= 1);
    let diag = breakdown_diagnostic(&answer);
    assert_eq!(diag["severity"], "error");
    assert!(diag["message"].as_str().unwrap().contains("227"));
    for label in diag["labels"].as_array().unwrap() {
        let (from, to) = (
            label["from"].as_u64().unwrap(),
            label["to"].as_u64().unwrap(),
        );
        let span = &label["span"];
        let bytes = &UNBALANCED
            [span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize];
        // The UTF-16 range covers exactly the characters of the byte span.
        assert_eq!(js_slice(UNBALANCED, from, to), bytes, "{label:#}");
        // Line and column agree with the offset.
        let line = label["line"].as_u64().unwrap() as usize;
        let column = label["column"].as_u64().unwrap() as usize;
        let line_start: usize = UNBALANCED
            .split('\n')
            .take(line - 1)
            .map(|l| l.encode_utf16().count() + 1)
            .sum();
        assert_eq!(line_start + column - 1, from as usize, "{label:#}");
    }
    let primary = diag["labels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["primary"] == true)
        .unwrap();
    let underlined = js_slice(
        UNBALANCED,
        primary["from"].as_u64().unwrap(),
        primary["to"].as_u64().unwrap(),
    );
    assert!(
        underlined.contains("2016年50万") || underlined.contains("232万人"),
        "primary label underlines {underlined:?}"
    );
}

#[test]
fn fixing_the_breakdown_clears_the_diagnostic() {
    let fixed = UNBALANCED.replace("2020年20万", "2020年25万");
    let answer = call(check, files(&fixed));
    assert_eq!(answer["ok"], true);
    let codes: Vec<&str> = answer["result"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"ZC0201"), "{codes:?}");
}

#[test]
fn labels_of_files_not_sent_have_no_position() {
    let diags = [Diagnostic::error("ZC9999", "测试").primary(
        "别处.zc",
        zhengce_compiler::Span::new(0, 3),
        "",
    )];
    let index_less = diagnostics_out(&diags, &[]);
    let v = serde_json::to_value(&index_less).unwrap();
    assert_eq!(v[0]["labels"][0]["from"], Value::Null);
    assert_eq!(v[0]["labels"][0]["line"], Value::Null);
}

#[test]
fn build_returns_the_program_and_allows_errors_on_request() {
    let strict = call(build, files(UNBALANCED));
    assert_eq!(strict["ok"], true, "{strict:#}");
    assert_eq!(strict["result"]["program"], Value::Null);
    assert!(strict["result"]["errors"].as_u64().unwrap() >= 1);

    let mut request = files(UNBALANCED);
    request["allow_errors"] = json!(true);
    let lenient = call(build, request);
    let program = &lenient["result"]["program"];
    assert_eq!(program["version"], zhengce_runtime::ir::IR_VERSION);
    let target = &program["documents"][0]["targets"][0];
    assert_eq!(target["name"], "贫困人口脱贫");
    assert_eq!(target["yearly"].as_array().unwrap().len(), 5);
    // The diagnostics come with the program, placed as `check` places them.
    let diag = breakdown_diagnostic(&lenient);
    assert!(diag["labels"][0]["from"].is_u64());
}

#[test]
fn every_seed_policy_builds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../policies");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("zc") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let answer = call(
            build,
            json!({ "files": [{ "name": name, "text": text }], "allow_errors": true }),
        );
        assert_eq!(answer["ok"], true, "{name}: {answer:#}");
        assert!(
            answer["result"]["program"].is_object(),
            "{name}: no program: {:#}",
            answer["result"]["diagnostics"]
        );
        for diag in answer["result"]["diagnostics"].as_array().unwrap() {
            for label in diag["labels"].as_array().unwrap() {
                let (from, to) = (
                    label["from"].as_u64().unwrap(),
                    label["to"].as_u64().unwrap(),
                );
                let span = &label["span"];
                let bytes = &text[span["start"].as_u64().unwrap() as usize
                    ..span["end"].as_u64().unwrap() as usize];
                assert_eq!(js_slice(&text, from, to), bytes);
            }
        }
        seen += 1;
    }
    assert!(seen >= 7, "only {seen} seed policies");
}

#[test]
fn bad_requests_are_answers_not_panics() {
    for (f, request) in [
        (check as fn(&str) -> String, "not json"),
        (build, "{}"),
        (check, r#"{"files": [], "as_of": "2018-13-45"}"#),
        (eval, "[]"),
        (due, "{}"),
        (score, "{}"),
        (progress, "{}"),
        (examples, "{}"),
        (format, "{}"),
    ] {
        let answer: Value = serde_json::from_str(&f(request)).unwrap();
        assert_eq!(answer["ok"], false, "{request}: {answer}");
        assert!(answer["error"]["message"].is_string(), "{answer}");
    }
}

#[test]
fn capabilities_is_json() {
    let caps: Value = serde_json::from_str(&capabilities()).unwrap();
    assert_eq!(caps["ok"], true);
    assert_eq!(caps["result"]["check"], true);
    assert_eq!(caps["result"]["build"], true);
    for f in ["evaluate", "due", "score", "progress", "examples"] {
        assert_eq!(caps["result"][f], cfg!(feature = "eval"), "{f}");
    }
    assert_eq!(caps["result"]["format"], cfg!(feature = "format"));
}

#[cfg(feature = "eval")]
fn seed(prefix: &str) -> (String, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../policies");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(prefix) && name.ends_with(".zc") {
            return (name, std::fs::read_to_string(&path).unwrap());
        }
    }
    panic!("no seed policy {prefix}");
}

#[cfg(feature = "eval")]
fn files_of(prefix: &str) -> Value {
    let (name, text) = seed(prefix);
    json!([{ "name": name, "text": text }])
}

#[cfg(feature = "eval")]
#[test]
fn evaluate_gives_the_exact_amount_with_its_trace() {
    let files = files_of("湖北");
    let answer = call(
        eval,
        json!({
            "files": files,
            "rule": "光伏扶贫以奖代补",
            "facts": { "县类别": "深度贫困县", "项目总投资": "1000", "未出列贫困村": "" },
        }),
    );
    assert_eq!(answer["ok"], true, "{answer:#}");
    let result = &answer["result"];
    assert_eq!(result["applies"], true);
    assert_eq!(result["amount"]["text"], "200万元");
    assert!(!result["trace"].as_array().unwrap().is_empty());

    // A category value outside the list is an error that names the fact and its values.
    let wrong = call(
        eval,
        json!({ "files": files, "rule": "光伏扶贫以奖代补", "facts": { "县类别": "省会" } }),
    );
    assert_eq!(wrong["ok"], false);
    assert_eq!(wrong["error"]["kind"], "unknown_value");
    assert!(wrong["error"]["message"]
        .as_str()
        .unwrap()
        .contains("县类别"));
}

#[cfg(feature = "eval")]
#[test]
fn the_runtime_questions_answer() {
    let central = files_of("中央");
    let examples_answer = call(examples, json!({ "files": central }));
    assert_eq!(examples_answer["ok"], true, "{examples_answer:#}");
    assert!(!examples_answer["result"].as_array().unwrap().is_empty());

    let due_answer = call(due, json!({ "files": central, "as_of": "2017-03-01" }));
    assert_eq!(due_answer["ok"], true, "{due_answer:#}");
    assert!(due_answer["result"]["items"].is_array());
}

#[cfg(feature = "format")]
#[test]
fn format_rewrites_or_reports_syntax_errors() {
    let answer = call(
        format,
        json!({ "text": "部门：省扶贫办\n目标 甲 {\n值：5万人\n}\n" }),
    );
    assert_eq!(answer["ok"], true, "{answer:#}");
    assert!(answer["result"]["text"]
        .as_str()
        .unwrap()
        .contains("  值：5万人"));

    let bad = call(
        format,
        json!({ "text": "目标 甲 {\n  值：5万人\n", "name": "坏.zc" }),
    );
    assert_eq!(bad["ok"], false, "{bad:#}");
    assert_eq!(bad["error"]["kind"], "syntax");
    assert!(bad["error"]["detail"][0]["labels"][0]["from"].is_u64());
}

/// The editor's `Checker` answers as `check` does, edit after edit: the same request gives the
/// same JSON, whether the set is parsed whole or only where it changed.
#[cfg(feature = "main")]
#[test]
fn the_checker_answers_as_check_does_across_edits() {
    let mut checker = Checker::new();
    let mut text = UNBALANCED.to_string();
    let edits: [(&str, &str); 5] = [
        ("232万人", "227万人"),
        ("227万人", "2万人"),
        ("2020年20万", "2020年2 {"),
        ("2020年2 {", "2020年25万"),
        ("省扶贫办\n}", "省扶贫办\n  牵头：省财政厅\n}"),
    ];
    for (from, to) in edits {
        text = text.replacen(from, to, 1);
        for as_of in [None, Some("2017-01-01")] {
            let mut request = files(&text);
            if let Some(day) = as_of {
                request["as_of"] = json!(day);
            }
            let stateless = call(check, request.clone());
            let kept = serde_json::from_str::<Value>(&checker.check(&request.to_string())).unwrap();
            assert_eq!(kept, stateless, "{text}");
            // The fixes of the text the checker just checked (a declaring fix once panicked
            // on 部门：省扶贫办 here).
            let mut fixes_request = request.clone();
            fixes_request["file"] = json!("测试.zc");
            let answer = call(fixes, fixes_request);
            assert_eq!(answer["ok"], true, "{answer}");
        }
    }
    // A bad request is answered as `check` answers it.
    assert_eq!(checker.check("[]"), check("[]"));
}

/// `files(UNBALANCED)` with the file named and a UTF-16 offset: what the page's editor sends.
fn at_offset(text: &str, needle: &str, chars: usize) -> Value {
    let byte = text.find(needle).unwrap()
        + needle
            .chars()
            .take(chars)
            .map(char::len_utf8)
            .sum::<usize>();
    let offset = text[..byte].encode_utf16().count();
    let mut request = files(text);
    request["file"] = json!("测试.zc");
    request["offset"] = json!(offset);
    request
}

#[test]
fn hover_completion_and_fixes_in_utf16_units() {
    // Hover on the value: its base unit and the sum of its breakdown, placed past the 𠀀.
    let answer = call(hover, at_offset(UNBALANCED, "232万人", 1));
    assert_eq!(answer["ok"], true, "{answer:#}");
    let h = &answer["result"];
    assert!(h["markdown"].as_str().unwrap().contains("2320000人"), "{h}");
    let (from, to) = (h["from"].as_u64().unwrap(), h["to"].as_u64().unwrap());
    assert_eq!(js_slice(UNBALANCED, from, to), "232万人");

    // Completion after 牵头：
    let answer = call(complete, at_offset(UNBALANCED, "牵头：省扶贫办", 3));
    let labels: Vec<&str> = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["省扶贫办"]);

    // The fix of ZC0201 corrects the value; its edit is in UTF-16 units too.
    let mut request = files(UNBALANCED);
    request["file"] = json!("测试.zc");
    let answer = call(fixes, request);
    let fix = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "ZC0201")
        .cloned()
        .unwrap_or_else(|| panic!("{answer:#}"));
    let edit = &fix["edits"][0];
    let (from, to) = (edit["from"].as_u64().unwrap(), edit["to"].as_u64().unwrap());
    assert_eq!(js_slice(UNBALANCED, from, to), "232万人");
    assert_eq!(edit["insert"], "227万人");

    // A file that is not in the set.
    let mut request = at_offset(UNBALANCED, "232", 0);
    request["file"] = json!("别的.zc");
    let answer = call(hover, request);
    assert_eq!(answer["ok"], false);
}

#[cfg(feature = "draft")]
#[test]
fn draft_answers_a_rule_file_or_the_reason() {
    let text = "一、整改措施\n(一)精准施策。(牵头部门:县扶贫办;整改时限:6月10日前)\n";
    let answer = call(draft, json!({ "text": text, "name": "整改.txt" }));
    assert_eq!(answer["ok"], true, "{answer:#}");
    let drafted = answer["result"]["text"].as_str().unwrap();
    assert!(drafted.contains("牵头：县扶贫办"), "{drafted}");
    assert!(drafted.contains("来源：整改.txt"), "{drafted}");
    assert_eq!(answer["result"]["counts"]["measures"], 2);
    let checked = call(
        check,
        json!({ "files": [{ "name": "整改.zc", "text": drafted }] }),
    );
    assert_eq!(checked["result"]["errors"], 0, "{checked:#}");
    let refused = call(draft, json!({ "text": "no Chinese here" }));
    assert_eq!(refused["ok"], false);
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("汉字"));
    let bad = call(draft, json!({ "name": "x.txt" }));
    assert_eq!(bad["ok"], false);
}
