//! Exact values shared by the compiler and the runtime: quantities with units, and civil dates.
//!
//! Quantities are `rust_decimal::Decimal` in the unit's base atom (1.5万元 is 15000 元), so 万/亿
//! scaling is exact and never goes through floating point. The scale the text used is kept for
//! display only, so messages can say "232万人" the way the document does.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One unit word of the language. Counters that name different things never add up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum UnitAtom {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "人")]
    Person,
    #[serde(rename = "人次")]
    PersonTime,
    #[serde(rename = "户")]
    Household,
    #[serde(rename = "个")]
    Item,
    #[serde(rename = "村")]
    Village,
    #[serde(rename = "县")]
    County,
    #[serde(rename = "乡镇")]
    Township,
    #[serde(rename = "省")]
    Province,
    #[serde(rename = "市")]
    City,
    #[serde(rename = "组")]
    Group,
    #[serde(rename = "次")]
    Times,
    #[serde(rename = "家")]
    Enterprise,
    #[serde(rename = "岁")]
    Age,
    #[serde(rename = "门")]
    Skill,
    #[serde(rename = "所")]
    Institution,
    #[serde(rename = "项")]
    Project,
    #[serde(rename = "块")]
    Board,
    #[serde(rename = "公里")]
    Kilometre,
    #[serde(rename = "亩")]
    Mu,
    #[serde(rename = "平方米")]
    SquareMetre,
    #[serde(rename = "平方公里")]
    SquareKilometre,
    #[serde(rename = "册")]
    Volume,
    #[serde(rename = "本")]
    Copy,
    #[serde(rename = "张")]
    Sheet,
    #[serde(rename = "种")]
    Kind,
    #[serde(rename = "天")]
    Day,
    #[serde(rename = "月")]
    Month,
    #[serde(rename = "年")]
    Year,
    #[serde(rename = "%")]
    Percent,
    #[serde(rename = "百分点")]
    PercentPoint,
    #[serde(rename = "分")]
    Point,
}

impl UnitAtom {
    /// Every unit word the language accepts, longest first so a scanner can match greedily.
    /// Synonyms map to one atom (名 counts people, 千米 is 公里).
    pub const WORDS: &'static [(&'static str, UnitAtom)] = &[
        ("个百分点", UnitAtom::PercentPoint),
        ("百分点", UnitAtom::PercentPoint),
        ("平方公里", UnitAtom::SquareKilometre),
        ("平方米", UnitAtom::SquareMetre),
        ("人次", UnitAtom::PersonTime),
        ("乡镇", UnitAtom::Township),
        ("公里", UnitAtom::Kilometre),
        ("千米", UnitAtom::Kilometre),
        ("元", UnitAtom::Yuan),
        ("人", UnitAtom::Person),
        ("名", UnitAtom::Person),
        ("户", UnitAtom::Household),
        ("个", UnitAtom::Item),
        ("村", UnitAtom::Village),
        ("县", UnitAtom::County),
        ("省", UnitAtom::Province),
        ("市", UnitAtom::City),
        ("组", UnitAtom::Group),
        ("次", UnitAtom::Times),
        ("家", UnitAtom::Enterprise),
        ("岁", UnitAtom::Age),
        ("门", UnitAtom::Skill),
        ("个月", UnitAtom::Month),
        ("生", UnitAtom::Person),
        ("学年", UnitAtom::Year),
        ("册", UnitAtom::Volume),
        ("本", UnitAtom::Copy),
        ("张", UnitAtom::Sheet),
        ("种", UnitAtom::Kind),
        ("所", UnitAtom::Institution),
        ("项", UnitAtom::Project),
        ("块", UnitAtom::Board),
        ("亩", UnitAtom::Mu),
        ("天", UnitAtom::Day),
        ("日", UnitAtom::Day),
        ("月", UnitAtom::Month),
        ("年", UnitAtom::Year),
        ("%", UnitAtom::Percent),
        ("％", UnitAtom::Percent),
        ("分", UnitAtom::Point),
    ];

    /// Looks a unit word up; `None` for a word the language does not know.
    pub fn from_word(word: &str) -> Option<UnitAtom> {
        Self::WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, atom)| *atom)
    }

    /// The canonical word, as messages and the formatter write it.
    pub fn word(self) -> &'static str {
        match self {
            UnitAtom::Yuan => "元",
            UnitAtom::Person => "人",
            UnitAtom::PersonTime => "人次",
            UnitAtom::Household => "户",
            UnitAtom::Item => "个",
            UnitAtom::Village => "村",
            UnitAtom::County => "县",
            UnitAtom::Township => "乡镇",
            UnitAtom::Province => "省",
            UnitAtom::City => "市",
            UnitAtom::Group => "组",
            UnitAtom::Times => "次",
            UnitAtom::Enterprise => "家",
            UnitAtom::Age => "岁",
            UnitAtom::Skill => "门",
            UnitAtom::Institution => "所",
            UnitAtom::Project => "项",
            UnitAtom::Board => "块",
            UnitAtom::Kilometre => "公里",
            UnitAtom::Mu => "亩",
            UnitAtom::SquareMetre => "平方米",
            UnitAtom::SquareKilometre => "平方公里",
            UnitAtom::Volume => "册",
            UnitAtom::Copy => "本",
            UnitAtom::Sheet => "张",
            UnitAtom::Kind => "种",
            UnitAtom::Day => "天",
            UnitAtom::Month => "月",
            UnitAtom::Year => "年",
            UnitAtom::Percent => "%",
            UnitAtom::PercentPoint => "个百分点",
            UnitAtom::Point => "分",
        }
    }
}

/// A unit: one atom, optionally per other atoms (元/人/年 is 元 per 人 per 年).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unit {
    pub atom: UnitAtom,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub per: Vec<UnitAtom>,
}

impl Unit {
    pub fn of(atom: UnitAtom) -> Unit {
        Unit {
            atom,
            per: Vec::new(),
        }
    }

    /// What comes between a number and this unit in prose: 个 for counted places and groups
    /// (9个县, 450个村, 3个组), nothing otherwise (232万人, 200元/人/年).
    pub fn counter(&self) -> &'static str {
        let counted = matches!(
            self.atom,
            UnitAtom::Village
                | UnitAtom::County
                | UnitAtom::Township
                | UnitAtom::Province
                | UnitAtom::City
                | UnitAtom::Group
        );
        if counted && self.per.is_empty() {
            "个"
        } else {
            ""
        }
    }

    /// Whether two quantities of these units may be added or compared.
    pub fn same_dimension(&self, other: &Unit) -> bool {
        self == other
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.atom.word())?;
        for p in &self.per {
            write!(f, "/{}", p.word())?;
        }
        Ok(())
    }
}

/// How the text scaled a number; kept so messages can echo the document's own way of writing it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Scale {
    #[default]
    #[serde(rename = "")]
    One,
    #[serde(rename = "万")]
    Wan,
    #[serde(rename = "亿")]
    Yi,
    #[serde(rename = "万亿")]
    WanYi,
}

impl Scale {
    pub fn is_one(&self) -> bool {
        *self == Scale::One
    }

    pub fn factor(self) -> Decimal {
        match self {
            Scale::One => Decimal::ONE,
            Scale::Wan => Decimal::from(10_000),
            Scale::Yi => Decimal::from(100_000_000),
            Scale::WanYi => Decimal::from(1_000_000_000_000u64),
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Scale::One => "",
            Scale::Wan => "万",
            Scale::Yi => "亿",
            Scale::WanYi => "万亿",
        }
    }
}

/// An exact amount with its unit. `value` is in the unit's atoms (15000 for 1.5万元).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Quantity {
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "DecimalString"))]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub value: Decimal,
    /// `None` for a bare number (a year count written without unit, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub unit: Option<Unit>,
    /// The scale the document wrote; display only.
    #[serde(default, skip_serializing_if = "is_default_scale")]
    pub scale: Scale,
}

fn is_default_scale(s: &Scale) -> bool {
    *s == Scale::One
}

impl Quantity {
    pub fn new(value: Decimal, unit: Option<Unit>) -> Quantity {
        Quantity {
            value,
            unit,
            scale: Scale::One,
        }
    }
}

/// Writes a decimal without trailing zeros: 232, 1.5, 0.05.
pub fn format_decimal(d: Decimal) -> String {
    d.normalize().to_string()
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // value ÷ 10⁴ (万) is a shift of the decimal point, exact while the scale fits; only
        // past 28 places does it take (rounding) division. No intermediate string either: every
        // answer's text is formatted here.
        let digits = match self.scale {
            Scale::One => 0,
            Scale::Wan => 4,
            Scale::Yi => 8,
            Scale::WanYi => 12,
        };
        let mut shown = self.value;
        if digits > 0
            && (shown.scale() + digits > 28 || shown.set_scale(shown.scale() + digits).is_err())
        {
            shown = self.value / self.scale.factor();
        }
        write!(f, "{}{}", shown.normalize(), self.scale.word())?;
        if let Some(unit) = &self.unit {
            write!(f, "{}{unit}", unit.counter())?;
        }
        Ok(())
    }
}

/// A civil date (no time zone: documents speak in calendar days), written YYYY-MM-DD.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "string"))]
pub struct CivilDate(pub time::Date);

impl CivilDate {
    /// A date from year, month and day; `None` for an impossible date such as 2月30日.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<CivilDate> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(CivilDate)
    }

    /// The last day of a month (for 5月底).
    pub fn month_end(year: i32, month: u8) -> Option<CivilDate> {
        let m = time::Month::try_from(month).ok()?;
        let days = m.length(year);
        CivilDate::from_ymd(year, month, days)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: CivilDate) -> i64 {
        (other.0 - self.0).whole_days()
    }

    /// The date `n` days later, saturating at the calendar's first and last day (a 时长 of 10¹⁵
    /// days must not panic).
    pub fn plus_days(self, n: i64) -> CivilDate {
        // ±2³¹ days is past either end of the calendar and keeps `Duration::days` from overflowing.
        let n = n.clamp(-(1 << 31), 1 << 31);
        let limit = if n < 0 {
            time::Date::MIN
        } else {
            time::Date::MAX
        };
        CivilDate(self.0.checked_add(time::Duration::days(n)).unwrap_or(limit))
    }

    /// ISO 8601, as JSON and the CLI write dates.
    pub fn iso(self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<CivilDate> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        CivilDate::from_ymd(y, m, d)
    }
}

impl fmt::Display for CivilDate {
    /// Chinese documents write 2017年5月3日.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}年{}月{}日",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

impl Serialize for CivilDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for CivilDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CivilDate::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("不是有效日期(应为 YYYY-MM-DD):{s}")))
    }
}

/// The JSON Schema of a decimal as the IR writes it: a string of digits ("15000", "0.05",
/// "-2"), never a JSON number, so no value goes through floating point.
#[cfg(feature = "schema")]
pub struct DecimalString;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DecimalString {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An exact decimal written as a string of digits, e.g. \"15000\" or \"0.05\".",
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$"
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for CivilDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CivilDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A calendar day, YYYY-MM-DD (no time zone).",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_quantity_displays_as_written() {
        let q = Quantity {
            value: Decimal::from(2_320_000),
            unit: Some(Unit::of(UnitAtom::Person)),
            scale: Scale::Wan,
        };
        assert_eq!(q.to_string(), "232万人");
        let counties = Quantity::new(Decimal::from(9), Some(Unit::of(UnitAtom::County)));
        assert_eq!(counties.to_string(), "9个县");
    }

    #[test]
    fn rate_unit_displays_with_slashes() {
        let u = Unit {
            atom: UnitAtom::Yuan,
            per: vec![UnitAtom::Person, UnitAtom::Year],
        };
        assert_eq!(u.to_string(), "元/人/年");
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(CivilDate::from_ymd(2017, 2, 30).is_none());
        assert!(CivilDate::from_ymd(2016, 2, 29).is_some());
        assert_eq!(CivilDate::month_end(2017, 11).unwrap().iso(), "2017-11-30");
    }

    #[test]
    fn days_between_dates() {
        let a = CivilDate::from_ymd(2017, 4, 24).unwrap();
        let b = CivilDate::from_ymd(2017, 6, 10).unwrap();
        assert_eq!(a.days_until(b), 47);
    }
}
