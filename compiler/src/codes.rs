//! The catalogue of diagnostic codes: one entry per code, its severity and a one-line title.
//! docs/diagnostics.md is tested against this table, so a code cannot exist undocumented.

use crate::diagnostic::Severity;

/// One catalogue entry.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: &'static str,
    pub severity: Severity,
    pub title: &'static str,
}

macro_rules! catalogue {
    ($( $name:ident = $code:literal, $sev:ident, $title:literal; )*) => {
        $( pub const $name: &str = $code; )*
        /// Every code the compiler can report.
        pub const CATALOGUE: &[CodeInfo] = &[
            $( CodeInfo { code: $code, severity: Severity::$sev, title: $title }, )*
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
