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
