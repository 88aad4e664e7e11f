//! The pest parser generated from `grammar/zhengce.pest`; only `syntax` uses it.

#[derive(pest_derive::Parser)]
#[grammar = "../../grammar/zhengce.pest"]
pub(crate) struct ZhengceParser;
