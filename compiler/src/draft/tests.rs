//! Drafts of small texts: the shape of the result, end to end.

use super::*;

fn drafted(src: &str) -> String {
    match draft(src, "例.txt") {
        Ok(d) => d.text,
        Err(e) => panic!("{}", e.message()),
    }
}

#[test]
fn a_small_rectification_plan() {
    let src = "\
关于印发《某县整改方案》的通知
某县扶贫开发领导小组
2018年5月9日
一、整改措施
(一)精准施策,提高成效。精准分析致贫原因。一是加强排查,于5月20日前完成。二是完善档案。(牵头部门:县扶贫办,责任单位:县财政局、各乡镇党委、政府;整改时限:6月10日前)
(二)加快搬迁。到2018年底,完成搬迁1000户以上。
二、工作步骤
(一)动员部署(5月10日至5月13日)。制定方案。
(二)集中整改(5月14日至6月10日)。全面整改。
";
    let text = drafted(src);
    insta::assert_snapshot!(text);
}

#[test]
fn text_without_chinese_is_refused() {
    assert_eq!(
        draft("hello\nworld", "a.txt").unwrap_err(),
        DraftError::NoChinese
    );
    assert_eq!(draft("", "a.txt").unwrap_err(), DraftError::NoChinese);
}

/// A paragraph that opens with 到2020年 dates its later targets; figures stated year by year
/// break down the total of their unit; a year opening a later sentence dates that sentence alone.
#[test]
fn a_target_paragraph_with_its_horizon_and_yearly_figures() {
    let text = drafted(
        "\
一、攻坚目标
(一)攻坚目标。到2020年,稳定实现农村贫困人口不愁吃、不愁穿。确保211万农村贫困人口实现脱贫,28个贫困县全部摘帽。
到2017年年末,完成8个省级贫困县摘帽,80万贫困人口脱贫;到2018年年末,完成10个国家级贫困县摘帽,66万贫困人口脱贫。
(二)住房。探索多种方式保障住房安全。到2017年,全面完成35万户危房改造任务。基本公共服务接近全省平均水平。
",
    );
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let after = |from: &str, want: &str| {
        let at = lines
            .iter()
            .position(|l| l.contains(from))
            .unwrap_or_else(|| panic!("{from} not in\n{text}"));
        let end = lines[at..].iter().position(|l| *l == "}").unwrap_or(0) + at;
        lines[at..end].contains(&want)
    };
    assert!(after("211万人", "期限：2020年"), "{text}");
    assert!(
        after("211万人", "分年度：2017年80万人、2018年66万人"),
        "{text}"
    );
    assert!(
        after("值：28个县", "分年度：2017年8个县、2018年10个县"),
        "{text}"
    );
    assert!(!after("值：接近全省平均水平", "期限：2017年"), "{text}");
}
