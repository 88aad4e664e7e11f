//! The catalogue of diagnostic codes: one entry per code, its severity and a one-line title.
//! docs/diagnostics.md is tested against this table, so a code cannot exist undocumented.

use crate::diagnostic::Severity;

/// One catalogue entry.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: &'static str,
    /// The constant's name (`BREAKDOWN_SUM`): a stable English identifier, used as the SARIF
    /// rule name.
    pub name: &'static str,
    pub severity: Severity,
    pub title: &'static str,
}

macro_rules! catalogue {
    ($( $name:ident = $code:literal, $sev:ident, $title:literal; )*) => {
        $( pub const $name: &str = $code; )*
        /// Every code the compiler can report.
        pub const CATALOGUE: &[CodeInfo] = &[
            $( CodeInfo { code: $code, name: stringify!($name), severity: Severity::$sev, title: $title }, )*
        ];
    };
}

catalogue! {
    // 00xx: reading the file.
    SYNTAX = "ZC0001", Error, "语法错误";
    BAD_NUMERAL = "ZC0002", Error, "数字写法有误";
    UNKNOWN_UNIT = "ZC0003", Error, "未知单位";
    IMPOSSIBLE_DATE = "ZC0004", Error, "日期不存在";
    BAD_ENCODING = "ZC0005", Error, "文件不是有效的 UTF-8 文本";
    NESTING_TOO_DEEP = "ZC0006", Error, "嵌套过深";
    FILE_TOO_LARGE = "ZC0007", Error, "文件过大";
    TOO_MANY_ERRORS = "ZC0008", Error, "错误过多,停止检查";
    MISPLACED_CLAUSE = "ZC0009", Error, "子句或条目用错了地方";
    DUPLICATE_CLAUSE = "ZC0010", Error, "子句重复";
    NUMBER_OVERFLOW = "ZC0011", Error, "数字超出范围";
    MISSING_CLAUSE = "ZC0012", Error, "缺少必需的子句";
    CONFLICTING_COMPARATORS = "ZC0013", Error, "比较词方向矛盾";
    IO_ERROR = "ZC0014", Error, "无法读取文件";
    SKIPPED_ENTRY = "ZC0015", Warning, "跳过了目录中的条目";
    // 01xx: names.
    UNDEFINED_DEPARTMENT = "ZC0101", Error, "部门未声明";
    UNDEFINED_NAME = "ZC0102", Error, "名称未定义";
    DUPLICATE_DEFINITION = "ZC0103", Error, "重复定义";
    ALIAS_CONFLICT = "ZC0104", Error, "别称冲突";
    UNDECLARED_ALIAS = "ZC0105", Warning, "同一机构两种叫法而未声明别称";
    PLACEHOLDER = "ZC0106", Warning, "未填写的占位符";
    UNKNOWN_CATEGORY_VALUE = "ZC0107", Error, "取值不在事实的取值列表中";
    DEPARTMENT_TWO_FORMS = "ZC0108", Warning, "同一机构带与不带辖区名(或“级”字)两种写法而未声明别称";
    // 02xx: totals and counts.
    BREAKDOWN_SUM = "ZC0201", Error, "分项合计与总数不符";
    MEMBER_COUNT = "ZC0202", Error, "声明的数量与列出的成员数不符";
    POINTS_SUM = "ZC0203", Error, "考核分值合计与总分不符";
    SHARES_EXCEED_WHOLE = "ZC0204", Error, "同一整体的各部分占比超过100%";
    ENUMERATION_COUNT = "ZC0205", Error, "列举词说的项数与所列的项数不符";
    ENUMERATION_WITHOUT_COUNT = "ZC0206", Error, "列举词中读不出项数";
    // 03xx: rates, milestones and bounds.
    RATE_MILESTONE = "ZC0301", Error, "年度数量与累计目标不符";
    MILESTONE_DECREASE = "ZC0302", Error, "累计目标随时间减少";
    CHANGE_DIRECTION = "ZC0303", Error, "调整方向与数值不符";
    RANGE_INVERTED = "ZC0304", Error, "区间下限大于上限";
    RATIO_WHOLE = "ZC0305", Error, "比例区间两端的总份数不同";
    BOUNDS_CONTRADICT = "ZC0306", Error, "下限与上限相互矛盾";
    POINTS_ON_NON_PERCENT = "ZC0307", Error, "百分点用于非百分比的指标";
    PERCENT_OF_PERCENT = "ZC0308", Warning, "百分比指标用百分比表示变化,可能应为百分点";
    RATE_VS_PARTS = "ZC0309", Error, "所报比率与其分子、分母之商不符";
    RATIO_RANGE_DESCENDING = "ZC0310", Note, "比例区间从大到小书写";
    // 04xx: time.
    DEADLINE_BEFORE_ISSUE = "ZC0401", Error, "时限早于文件印发日期";
    CHILD_AFTER_PARENT = "ZC0402", Error, "子措施时限晚于上级措施";
    MILESTONE_AFTER_DEADLINE = "ZC0403", Error, "节点晚于目标期限";
    DEADLINE_OUTSIDE_WINDOW = "ZC0404", Warning, "时限超出规划期或工作阶段";
    PHASES_OVERLAP_OR_GAP = "ZC0405", Warning, "工作阶段重叠或有空档";
    CAMPAIGN_LENGTH = "ZC0406", Warning, "声明的集中整治天数与各阶段跨度不符";
    PERIOD_INVERTED = "ZC0407", Error, "起始晚于结束";
    YEAR_UNKNOWN = "ZC0408", Warning, "无法确定月日的年份";
    DEADLINE_BEFORE_PUBLICATION = "ZC0409", Note, "时限早于文件发布日期";
    TARGET_AFTER_MEASURE = "ZC0410", Warning, "目标期限晚于所在措施的时限";
    PHASE_HANDOVER = "ZC0411", Note, "后一阶段从前一阶段结束当天开始";
    SAME_DUTY_TWO_DEADLINES = "ZC0420", Warning, "同一项工作有两个不同的完成时限";
    PHASE_OUTSIDE_CAMPAIGN = "ZC0421", Warning, "阶段超出声明的集中整治期";
    DUTY_AFTER_CAMPAIGN = "ZC0422", Note, "集中整治期结束后才到期的工作";
    // 05xx: rules.
    TIERS_OVERLAP = "ZC0501", Error, "分档重叠";
    TIERS_GAP = "ZC0502", Error, "分档有空缺";
    // 06xx: units.
    UNIT_MISMATCH = "ZC0601", Error, "单位不同的量相加或比较";
    // 07xx: duties.
    NO_LEAD = "ZC0701", Warning, "同一部分多数措施有牵头单位而此项没有";
    LEAD_ALSO_RESPONSIBLE = "ZC0702", Note, "牵头单位又列为责任单位";
    DUTY_WITHOUT_OWNER = "ZC0703", Warning, "有月日时限的任务无人负责";
    LEADS_NOT_NAMED = "ZC0704", Note, "未写牵头单位的措施汇总";
    // 08xx: across documents.
    MISSING_BASIS = "ZC0801", Error, "依据的文件不在检查范围内";
    STANDARD_BEYOND_UPPER = "ZC0802", Error, "标准低于上级文件的下限或高于其上限";
    DEADLINE_LATER_THAN_UPPER = "ZC0803", Error, "时限晚于上级文件对同一事项的时限";
    TARGET_WEAKER_THAN_UPPER = "ZC0804", Error, "目标弱于上级文件对同一指标的目标";
    REFERENCE_CYCLE = "ZC0805", Error, "依据和废止的关系成环";
    // 09xx: source quotes.
    QUOTE_NOT_FOUND = "ZC0901", Error, "原文引文在原始文件中找不到";
    SOURCE_MISSING = "ZC0902", Error, "找不到声明的原始文件";
    // 10xx: stale duties.
    OVERDUE = "ZC1001", Warning, "时限已过而未记录完成";
    // 11xx: suppression comments.
    SUPPRESSION_WITHOUT_REASON = "ZC1101", Warning, "抑制注释没有写理由";
    UNUSED_SUPPRESSION = "ZC1102", Warning, "抑制注释没有抑制任何问题";
    BAD_DIRECTIVE = "ZC1103", Warning, "无法使用的抑制注释";
    // 12xx: levels of government.
    LEVEL_BEYOND_ISSUER = "ZC1201", Warning, "文件向本级以上或同级的全体下达任务";
}

/// Looks a code up.
pub fn info(code: &str) -> Option<&'static CodeInfo> {
    CATALOGUE.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for c in CATALOGUE {
            assert!(seen.insert(c.code), "duplicate code {}", c.code);
            assert!(c.code.starts_with("ZC") && c.code.len() == 6, "{}", c.code);
        }
    }
}
