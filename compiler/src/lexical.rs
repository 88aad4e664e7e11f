//! Lexical values: numerals (Arabic, full-width, Chinese, 万/亿 scaled), units and calendar parts.
//!
//! The grammar accepts numeral tokens loosely so that a malformed numeral (三千七, 一千零五百) gets
//! a message of its own here, instead of a generic "unexpected character".

use rust_decimal::Decimal;
use zhengce_runtime::{Scale, Unit, UnitAtom};

/// Why a numeral, unit or date token cannot be read; the text is the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub message: String,
    pub help: Option<String>,
}

impl LexError {
    fn new(message: impl Into<String>) -> LexError {
        LexError {
            message: message.into(),
            help: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> LexError {
        self.help = Some(help.into());
        self
    }
}

/// A numeral read exactly: its value, the scale it was written with, and whether it was a
/// 百分之… form (which carries the % unit itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numeral {
    pub value: Decimal,
    pub scale: Scale,
    pub percent: bool,
}

/// A Chinese digit or place within ten thousand (零〇一二两…九, 十百千): what may start or
/// continue a Chinese numeral before any scale.
pub fn is_chinese_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_place(c).is_some()
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_place(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// Full-width digits and point become ASCII so `Decimal` can read them.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect()
}

/// Reads a numeral token as the grammar delimits it.
pub fn parse_numeral(token: &str) -> Result<Numeral, LexError> {
    let n = parse_numeral_unbounded(token)?;
    // Every sum and product the checks form of numbers up to MAX_NUMBER stays exact.
    if n.value.abs() > Decimal::from(crate::syntax::limits::MAX_NUMBER) {
        return Err(too_large(token));
    }
    Ok(n)
}

fn parse_numeral_unbounded(token: &str) -> Result<Numeral, LexError> {
    // No numeral that can be read is this long; the message shows the start of it.
    if token.chars().count() > 40 {
        return Err(overflow(token));
    }
    if let Some(rest) = token.strip_prefix("百分之") {
        let n = parse_chinese(rest, token)?;
        return Ok(Numeral {
            value: n,
            scale: Scale::One,
            percent: true,
        });
    }
    let folded = fold_width(token);
    let first = folded.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() {
        let (digits, scale, factor) = split_scale(&folded);
        if digits.chars().any(|c| !(c.is_ascii_digit() || c == '.')) {
            return Err(
                LexError::new(format!("数字「{token}」混用了阿拉伯数字和汉字数位"))
                    .with_help("请全部用阿拉伯数字(如 3.5万)或全部用汉字(如 三万五千)书写"),
            );
        }
        // `from_str` would round digits past the 28th silently; `from_str_exact` refuses them.
        let base = Decimal::from_str_exact(digits).map_err(|_| overflow(token))?;
        let value = base.checked_mul(factor).ok_or_else(|| too_large(token))?;
        return Ok(Numeral {
            value,
            scale,
            percent: false,
        });
    }
    // 一点五万: a Chinese decimal scaled by 万/亿 (the fraction takes no place words).
    if folded.contains('点') {
        let (digits, scale, factor) = split_scale(&folded);
        if scale != Scale::One {
            let base = parse_chinese(digits, token)?;
            let value = base.checked_mul(factor).ok_or_else(|| too_large(token))?;
            return Ok(Numeral {
                value,
                scale,
                percent: false,
            });
        }
    }
    let value = parse_chinese(&folded, token)?;
    let scale = if folded.ends_with("万亿") {
        Scale::WanYi
    } else if folded.ends_with('亿') {
        Scale::Yi
    } else if folded.ends_with('万') {
        Scale::Wan
    } else {
        Scale::One
    };
    Ok(Numeral {
        value,
        scale,
        percent: false,
    })
}

fn overflow(token: &str) -> LexError {
    let count = token.chars().count();
    if count > 40 {
        let head: String = token.chars().take(20).collect();
        return LexError::new(format!(
            "数字「{head}…」(共 {count} 个字符)超出可精确表示的范围"
        ));
    }
    LexError::new(format!("数字「{token}」超出可精确表示的范围"))
        .with_help("数字最多有 28 位有效数字")
}

fn too_large(token: &str) -> LexError {
    LexError::new(format!(
        "数字「{token}」超出范围:绝对值不能超过 {}(一千万亿)",
        crate::syntax::limits::MAX_NUMBER
    ))
    .with_help("政策中的金额和数量都远小于这个上限;请检查是否多写了数字或万、亿")
}

/// Splits a trailing 万 / 亿 / 万亿 off an Arabic numeral.
fn split_scale(s: &str) -> (&str, Scale, Decimal) {
    if let Some(d) = s.strip_suffix("万亿") {
        (d, Scale::WanYi, Scale::WanYi.factor())
    } else if let Some(d) = s.strip_suffix('亿') {
        (d, Scale::Yi, Scale::Yi.factor())
    } else if let Some(d) = s.strip_suffix('万') {
        (d, Scale::Wan, Scale::Wan.factor())
    } else {
        (s, Scale::One, Decimal::ONE)
    }
}

/// Reads a Chinese numeral such as 二十, 两万, 一千零五, 一点五, 十三亿.
fn parse_chinese(s: &str, token: &str) -> Result<Decimal, LexError> {
    if s.is_empty() {
        return Err(LexError::new(format!("「{token}」缺少数字")));
    }
    let (int_part, frac_part) = match s.split_once('点') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut value = Decimal::from(parse_chinese_integer(int_part, token)?);
    if let Some(frac) = frac_part {
        if frac.is_empty() {
            return Err(LexError::new(format!("数字「{token}」的「点」后缺少数字")));
        }
        if frac.chars().count() > 20 {
            return Err(overflow(token));
        }
        let mut scale = Decimal::ONE;
        for c in frac.chars() {
            let d = cn_digit(c).ok_or_else(|| {
                LexError::new(format!("数字「{token}」的小数部分只能由单个数字组成"))
            })?;
            scale /= Decimal::TEN;
            value += Decimal::from(d) * scale;
        }
    }
    Ok(value)
}

fn parse_chinese_integer(s: &str, token: &str) -> Result<u64, LexError> {
    if s.is_empty() {
        return Err(LexError::new(format!("数字「{token}」缺少整数部分")));
    }
    for twice in ["亿亿", "万万"] {
        if s.contains(twice) {
            return Err(LexError::new(format!("数字「{token}」中「{twice}」重复"))
                .with_help("「万万」请写作「亿」;「亿」不能连写,数字最大到「万亿」"));
        }
    }
    // Sections are separated by 亿 and 万, largest first.
    let (high, rest) = match s.rfind('亿') {
        Some(i) => (Some(&s[..i]), &s[i + '亿'.len_utf8()..]),
        None => (None, s),
    };
    let yi_part = match high {
        Some(h) => parse_wan_group(h, token, false)?,
        None => 0,
    };
    let low = parse_wan_group(rest, token, high.is_some())?;
    yi_part
        .checked_mul(100_000_000)
        .and_then(|v| v.checked_add(low))
        .ok_or_else(|| too_large(token))
}

/// A group below 亿: `[section 万] section`.
fn parse_wan_group(s: &str, token: &str, has_higher: bool) -> Result<u64, LexError> {
    if s.is_empty() {
        return if has_higher {
            Ok(0)
        } else {
            Err(LexError::new(format!("数字「{token}」缺少数位前的数字")))
        };
    }
    match s.find('万') {
        Some(i) => {
            let before = &s[..i];
            let after = &s[i + '万'.len_utf8()..];
            if after.contains('万') {
                return Err(LexError::new(format!("数字「{token}」重复使用了「万」")));
            }
            let wan = parse_section(before, token, false)?;
            if wan == 0 {
                return Err(LexError::new(format!("数字「{token}」的「万」前缺少数字")));
            }
            let rest = if after.is_empty() {
                0
            } else {
                parse_section(after, token, true)?
            };
            Ok(wan * 10_000 + rest)
        }
        None => parse_section(s, token, has_higher),
    }
}

/// A section below 万: digits with 千/百/十 places in descending order, 零 for skipped places.
/// `after_higher` is true when a larger place (万, 亿) came before, which makes a bare trailing
/// digit a colloquial abbreviation (两万五) rather than units.
fn parse_section(s: &str, token: &str, after_higher: bool) -> Result<u64, LexError> {
    let chars: Vec<char> = s.chars().collect();
    let mut total: u64 = 0;
    let mut last_place: u64 = 10_000;
    let mut pending: Option<u64> = None;
    let mut saw_zero = after_higher && chars.first() == Some(&'零');
    let mut placed_any = false;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = cn_digit(c) {
            if d == 0 {
                if pending.is_some() || (i == 0 && !after_higher && chars.len() > 1) {
                    return Err(LexError::new(format!("数字「{token}」中「零」的位置不对")));
                }
                saw_zero = true;
                continue;
            }
            if pending.is_some() {
                return Err(LexError::new(format!(
                    "数字「{token}」中两个数字相连,缺少数位(十、百、千)"
                ))
                .with_help("数字之间要写出数位,如 二十三;年份请写阿拉伯数字,如 2017年"));
            }
            pending = Some(d as u64);
        } else if let Some(place) = cn_place(c) {
            if place >= last_place {
                return Err(LexError::new(format!(
                    "数字「{token}」的数位顺序不对(「{c}」不应出现在这里)"
                )));
            }
            if saw_zero && place * 10 == last_place {
                return Err(LexError::new(format!(
                    "数字「{token}」中「零」后面紧跟相邻数位「{c}」,写法有误"
                ))
                .with_help("「零」只用于跳过的数位,如 一千零五十;一千五百 不写「零」"));
            }
            let n = match pending.take() {
                Some(d) => d,
                None if place == 10 && !placed_any && !saw_zero => 1,
                None => {
                    return Err(LexError::new(format!(
                        "数字「{token}」中数位「{c}」前缺少数字"
                    )))
                }
            };
            total += n * place;
            last_place = place;
            saw_zero = false;
            placed_any = true;
        } else {
            return Err(LexError::new(format!(
                "数字「{token}」中有不能识别的字符「{c}」"
            )));
        }
    }
    if let Some(d) = pending {
        let abbreviated =
            !saw_zero && ((placed_any && last_place > 10) || (after_higher && !placed_any));
        if abbreviated {
            let whole = match (placed_any, last_place) {
                (true, p) => total + d * (p / 10),
                _ => d * 1000,
            };
            return Err(
                LexError::new(format!("数字「{token}」是口语简写,数值不明确")).with_help(format!(
                    "请写出完整数位,例如末位按下一数位理解时写作 {whole} 或相应汉字"
                )),
            );
        }
        total += d;
    }
    if !placed_any && pending.is_none() && !saw_zero {
        return Err(LexError::new(format!("数字「{token}」缺少数字")));
    }
    Ok(total)
}

/// The years a policy file can write: four digits, from 1000 on.
pub const YEAR_RANGE: &str = "1000年至9999年";

/// Reads a 4-digit year written in Arabic, full-width or Chinese digits (二〇一七), from 1000
/// to 9999 (`0999年` is no year a plan means).
pub fn parse_year(token: &str) -> Result<i32, LexError> {
    let folded = fold_width(token);
    let y: i32 = if folded.chars().all(|c| c.is_ascii_digit()) {
        folded
            .parse()
            .map_err(|_| LexError::new(format!("年份「{token}」无法识别")))?
    } else {
        let mut y = 0i32;
        for c in folded.chars() {
            let d = cn_digit(c).ok_or_else(|| LexError::new(format!("年份「{token}」无法识别")))?;
            y = y * 10 + d as i32;
        }
        y
    };
    if y < 1000 {
        return Err(LexError::new(format!(
            "年份「{token}年」不存在:可以写的年份是 {YEAR_RANGE}"
        )));
    }
    Ok(y)
}

/// Reads a month or day number (Arabic or Chinese, 1 to 31).
pub fn parse_small(token: &str) -> Result<u8, LexError> {
    let folded = fold_width(token);
    let v: u64 = if folded.chars().all(|c| c.is_ascii_digit()) {
        folded
            .parse()
            .map_err(|_| LexError::new(format!("「{token}」无法识别")))?
    } else {
        parse_section(&folded, token, false)?
    };
    u8::try_from(v).map_err(|_| LexError::new(format!("「{token}」太大")))
}

/// Reads a unit as written (`万元` has been split: the scale went to the numeral). Returns the
/// unit; `个县` and `县` are the same unit.
pub fn parse_unit(token: &str) -> Result<Unit, LexError> {
    let mut parts = token.split(['/', '／']);
    let first = parts.next().unwrap_or("");
    let atom = unit_atom(first)?;
    let mut per = Vec::new();
    for p in parts {
        per.push(unit_atom(p)?);
    }
    Ok(Unit { atom, per })
}

fn unit_atom(word: &str) -> Result<UnitAtom, LexError> {
    let word = if word != "个百分点" && word != "个" && word != "个月" {
        word.strip_prefix('个').unwrap_or(word)
    } else {
        word
    };
    UnitAtom::from_word(word).ok_or_else(|| {
        LexError::new(format!("未知单位「{word}」"))
            .with_help(format!("可用单位:{}", crate::vocabulary::units_help()))
    })
}

/// Reads the unit of a fact declaration such as `万元`: a scale word and a unit.
pub fn parse_scaled_unit(token: &str) -> Result<(Scale, Unit), LexError> {
    let (scale, rest) = if let Some(r) = token.strip_prefix('亿') {
        (Scale::Yi, r)
    } else if let Some(r) = token.strip_prefix('万') {
        (Scale::Wan, r)
    } else {
        (Scale::One, token)
    };
    Ok((scale, parse_unit(rest)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> String {
        match parse_numeral(s) {
            Ok(n) => n.value.normalize().to_string(),
            Err(e) => format!("ERR {}", e.message),
        }
    }

    #[test]
    fn numerals_table() {
        let table = [
            ("232", "232"),
            ("1.5万", "15000"),
            ("13.3亿", "1330000000"),
            ("１２３", "123"),
            ("１．５", "1.5"),
            ("二十", "20"),
            ("十", "10"),
            ("十五", "15"),
            ("两万", "20000"),
            ("一百零五", "105"),
            ("一千零五", "1005"),
            ("一千零五十", "1050"),
            ("三千七百", "3700"),
            ("两万五千", "25000"),
            ("十万", "100000"),
            ("一亿两千万", "120000000"),
            ("一点五", "1.5"),
            ("百分之二十", "20"),
            ("百分之三点五", "3.5"),
            ("400亿", "40000000000"),
            ("一点五万", "15000"),
            ("2万亿", "2000000000000"),
        ];
        for (input, want) in table {
            assert_eq!(num(input), want, "numeral {input}");
        }
    }

    #[test]
    fn malformed_numerals_are_rejected_with_reasons() {
        for bad in [
            "三千七",
            "一千零五百",
            "两万五",
            "五百三千",
            "二三",
            "3万5千",
            "零五",
        ] {
            assert!(
                num(bad).starts_with("ERR"),
                "{bad} should be rejected: {}",
                num(bad)
            );
        }
        assert!(num("三千七").contains("口语简写"));
        assert!(num("一千零五百").contains("零"));
    }

    #[test]
    fn percent_form_is_flagged() {
        assert!(parse_numeral("百分之二十").unwrap().percent);
        assert!(!parse_numeral("20").unwrap().percent);
    }

    #[test]
    fn scale_is_recorded() {
        assert_eq!(parse_numeral("232万").unwrap().scale, Scale::Wan);
        assert_eq!(parse_numeral("两万").unwrap().scale, Scale::Wan);
        assert_eq!(parse_numeral("13.3亿").unwrap().scale, Scale::Yi);
    }

    #[test]
    fn years_and_small_numbers() {
        assert_eq!(parse_year("2017").unwrap(), 2017);
        assert_eq!(parse_year("二〇一七").unwrap(), 2017);
        assert_eq!(parse_year("２０１７").unwrap(), 2017);
        assert_eq!(parse_small("十一").unwrap(), 11);
        assert_eq!(parse_small("二十八").unwrap(), 28);
        assert_eq!(parse_small("３").unwrap(), 3);
    }

    /// Every date form the grammar reads, written as a 期限 and as a 阶段's 时间 in a document of
    /// 2018: the day it means as a deadline (its last day) and the day a window starting with it
    /// starts. The forms docs/language.md §2.9 lists, month forms of real texts included.
    #[test]
    fn dates_table() {
        use crate::ast::{Deadline, Item};
        let table = [
            // written, as a deadline, as a window's start
            ("2017年11月28日", "2017-11-28", "2017-11-28"),
            ("2018年5月25号", "2018-05-25", "2018-05-25"),
            ("2017-11-28", "2017-11-28", "2017-11-28"),
            ("二〇一七年十一月二十八日", "2017-11-28", "2017-11-28"),
            ("２０１７年１１月２８日", "2017-11-28", "2017-11-28"),
            ("2018年5月", "2018-05-31", "2018-05-01"),
            ("2018年5月底", "2018-05-31", "2018-05-31"),
            ("6月10日", "2018-06-10", "2018-06-10"),
            ("5月初", "2018-05-01", "2018-05-01"),
            ("6月上旬", "2018-06-10", "2018-06-01"),
            ("6月中旬", "2018-06-20", "2018-06-11"),
            ("6月下旬", "2018-06-30", "2018-06-21"),
            ("2019年", "2019-12-31", "2019-01-01"),
            ("2019年底", "2019-12-31", "2019-12-31"),
            ("2019年初", "2019-01-01", "2019-01-01"),
            // A month alone: the whole month.
            ("9月", "2018-09-30", "2018-09-01"),
            ("9月份", "2018-09-30", "2018-09-01"),
            ("九月", "2018-09-30", "2018-09-01"),
            ("2月", "2018-02-28", "2018-02-01"),
            // Ranges of months.
            ("3—5月", "2018-05-31", "2018-03-01"),
            ("3-5月份", "2018-05-31", "2018-03-01"),
            ("3月至5月", "2018-05-31", "2018-03-01"),
            ("3月—5月底", "2018-05-31", "2018-03-01"),
            ("2019年10—12月", "2019-12-31", "2019-10-01"),
            // Stretches of the year.
            ("上半年", "2018-06-30", "2018-01-01"),
            ("下半年", "2018-12-31", "2018-07-01"),
            ("2019年上半年", "2019-06-30", "2019-01-01"),
            ("一季度", "2018-03-31", "2018-01-01"),
            ("二季度", "2018-06-30", "2018-04-01"),
            ("第三季度", "2018-09-30", "2018-07-01"),
            ("四季度末", "2018-12-31", "2018-10-01"),
            ("年中", "2018-06-30", "2018-06-01"),
            ("年底", "2018-12-31", "2018-12-31"),
            ("年末", "2018-12-31", "2018-12-31"),
            ("2019年年底", "2019-12-31", "2019-12-31"),
        ];
        let header = "文件《表》{ 成文日期：2018年1月5日 }\n";
        for (written, due, starts) in table {
            let src = format!(
                "{header}措施 甲 {{ 期限：{written} }}\n步骤 乙 {{ 阶段 丙：{written} }}\n"
            );
            let parsed = crate::syntax::parse(&src, "t.zc");
            assert!(
                parsed.diagnostics.is_empty(),
                "{written}: {:?}",
                parsed
                    .diagnostics
                    .iter()
                    .map(|d| &d.message)
                    .collect::<Vec<_>>()
            );
            let cx = crate::check::DocCtx::new("t.zc", &parsed.document);
            let (mut deadline, mut window) = (None, None);
            for item in &parsed.document.items {
                match item {
                    Item::Measure(m) => deadline = m.deadline.clone(),
                    Item::Schedule(s) => window = Some(s.phases[0].window.clone()),
                    _ => {}
                }
            }
            let Some(Deadline::By { date, .. }) = deadline else {
                panic!("{written}: not a deadline by a date")
            };
            let got = cx.resolve(&date).map(|d| d.iso());
            assert_eq!(got.as_deref(), Some(due), "{written} as a deadline");
            let window = window.expect("a window");
            let start = crate::check::start_of(&window.start, cx.year).map(|d| d.iso());
            assert_eq!(
                start.as_deref(),
                Some(starts),
                "{written} as a window's start"
            );
            // A window of one date (9月, 上半年) ends where the date ends as a deadline.
            let end = window
                .end
                .as_ref()
                .and_then(|e| cx.resolve(e))
                .map(|d| d.iso());
            assert_eq!(end.as_deref(), Some(due), "{written} as a window's end");
        }
    }

    #[test]
    fn units() {
        assert_eq!(parse_unit("元/人/年").unwrap().to_string(), "元/人/年");
        assert_eq!(parse_unit("个县").unwrap(), Unit::of(UnitAtom::County));
        assert_eq!(
            parse_unit("个百分点").unwrap(),
            Unit::of(UnitAtom::PercentPoint)
        );
        assert_eq!(parse_unit("名").unwrap(), Unit::of(UnitAtom::Person));
        assert!(parse_unit("头").is_err());
        let (scale, unit) = parse_scaled_unit("万元").unwrap();
        assert_eq!((scale, unit), (Scale::Wan, Unit::of(UnitAtom::Yuan)));
    }
}
