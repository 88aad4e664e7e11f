//! Values inside clauses: names, quantities, amounts, target values, dates and deadlines.

use super::lower::{Base, Lowerer};
use crate::ast::*;
use crate::codes;
use crate::diagnostic::{Diagnostic, Span};
use crate::grammar::Rule;
use crate::lexical;
use crate::vocabulary::{self, Hedge};
use pest::iterators::Pair;
use zhengce_runtime::{Quantity, Scale, Unit, UnitAtom};

impl Lowerer<'_> {
    pub(super) fn name(&mut self, p: Pair<Rule>, base: Base) -> Name {
        let span = base.span(&p);
        let inner = p.into_inner().next();
        match inner {
            Some(q) if q.as_rule() == Rule::quoted_name => {
                let text = q
                    .into_inner()
                    .next()
                    .map(|t| without_invisible(t.as_str()))
                    .unwrap_or_default();
                Name {
                    text,
                    span,
                    quoted: true,
                }
            }
            Some(b) => {
                let text = normalize_name(b.as_str());
                if only_punctuation(&text) {
                    self.diags.push(
                        Diagnostic::error(codes::SYNTAX, format!("名称「{text}」只有标点符号"))
                            .primary(self.file, span, "这里应是名称")
                            .help("名称须含有文字;标点确是名称的一部分时,用「」把整个名称引起来"),
                    );
                }
                Name {
                    text,
                    span,
                    quoted: false,
                }
            }
            None => empty_name(span),
        }
    }

    pub(super) fn single_name(&mut self, p: Pair<Rule>, base: Base) -> Option<Name> {
        let list = self.name_list(p, base);
        list.names.into_iter().next()
    }

    pub(super) fn name_list(&mut self, p: Pair<Rule>, base: Base) -> NameList {
        let span = base.span(&p);
        let mut names = Vec::new();
        let mut open = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => names.push(self.name(c, base)),
                Rule::open_list => open = true,
                _ => {}
            }
        }
        NameList { names, open, span }
    }

    pub(super) fn text_of(&mut self, p: &Pair<Rule>, base: Base) -> Text {
        let raw = p.as_str();
        let trimmed = raw.trim_end_matches(['。', ' ', '\t', '\u{3000}']);
        let s = base.span(p);
        Text {
            text: trimmed.to_string(),
            span: Span::new(s.start, s.start + trimmed.len()),
        }
    }

    pub(super) fn quote(&mut self, p: Pair<Rule>, base: Base) -> Text {
        match p.clone().into_inner().next() {
            Some(body) => Text {
                text: body.as_str().to_string(),
                span: base.span(&body),
            },
            None => self.text_of(&p, base),
        }
    }

    pub(super) fn doc_title(&mut self, p: Pair<Rule>, base: Base) -> Text {
        match p.clone().into_inner().next() {
            Some(body) => Text {
                text: body.as_str().to_string(),
                span: base.span(&body),
            },
            None => self.text_of(&p, base),
        }
    }

    pub(super) fn doc_refs(&mut self, p: Pair<Rule>, base: Base) -> Vec<DocRef> {
        let mut out = Vec::new();
        for r in p.into_inner() {
            let span = base.span(&r);
            let mut title = None;
            let mut number = None;
            let mut date = None;
            let mut external = false;
            for c in r.into_inner() {
                match c.as_rule() {
                    Rule::external => external = true,
                    Rule::doc_title => title = Some(self.doc_title(c, base)),
                    Rule::doc_number => number = Some(self.text_of(&c, base)),
                    Rule::date => date = self.date(c, base),
                    _ => {}
                }
            }
            if let Some(title) = title {
                out.push(DocRef {
                    title,
                    number,
                    date,
                    external,
                    span,
                });
            }
        }
        out
    }

    pub(super) fn number(&mut self, p: &Pair<Rule>, base: Base) -> Option<lexical::Numeral> {
        match lexical::parse_numeral(p.as_str()) {
            Ok(n) => Some(n),
            Err(e) => {
                self.lex_error(base.span(p), e);
                None
            }
        }
    }

    pub(super) fn quantity(&mut self, p: Pair<Rule>, base: Base) -> Option<QuantityLit> {
        let span = base.span(&p);
        let mut negative = false;
        let mut numeral = None;
        let mut unit = None;
        let mut ok = true;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::sign => negative = matches!(c.as_str(), "-" | "－"),
                Rule::number => {
                    numeral = self.number(&c, base);
                    ok &= numeral.is_some();
                }
                Rule::unit => match lexical::parse_unit(c.as_str()) {
                    Ok(u) => unit = Some(u),
                    Err(e) => {
                        self.lex_error(base.span(&c), e);
                        ok = false;
                    }
                },
                _ => {}
            }
        }
        let n = numeral.filter(|_| ok)?;
        if n.percent {
            if unit.is_some() {
                self.diags.push(
                    Diagnostic::error(codes::UNKNOWN_UNIT, "「百分之…」后不能再写单位")
                        .primary(self.file, span, "这里"),
                );
                return None;
            }
            unit = Some(Unit::of(UnitAtom::Percent));
        }
        let value = if negative { -n.value } else { n.value };
        Some(QuantityLit {
            quantity: Quantity {
                value,
                unit,
                scale: n.scale,
            },
            span,
        })
    }

    /// 10分 / ±5分. Returns the quantity and whether it was ±.
    pub(super) fn points(&mut self, p: Pair<Rule>, base: Base) -> Option<(QuantityLit, bool)> {
        let both = p.as_str().starts_with('±');
        let span = base.span(&p);
        let mut numeral = None;
        let mut unit = None;
        let mut negative = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::sign => negative = matches!(c.as_str(), "-" | "－"),
                Rule::number => numeral = self.number(&c, base),
                Rule::unit => match lexical::parse_unit(c.as_str()) {
                    Ok(u) => unit = Some(u),
                    Err(e) => self.lex_error(base.span(&c), e),
                },
                _ => {}
            }
        }
        let n = numeral?;
        let value = if negative { -n.value } else { n.value };
        Some((
            QuantityLit {
                quantity: Quantity {
                    value,
                    unit,
                    scale: n.scale,
                },
                span,
            },
            both,
        ))
    }

    pub(super) fn year_word(&mut self, p: Pair<Rule>, base: Base) -> Option<YearLit> {
        let span = base.span(&p);
        let y = p.into_inner().find(|c| c.as_rule() == Rule::year)?;
        self.year(&y, base).map(|year| YearLit { year, span })
    }

    pub(super) fn year(&mut self, p: &Pair<Rule>, base: Base) -> Option<i32> {
        match lexical::parse_year(p.as_str()) {
            Ok(y) => Some(y),
            Err(e) => {
                self.lex_error(base.span(p), e);
                None
            }
        }
    }

    pub(super) fn amount(&mut self, p: Pair<Rule>, base: Base) -> Option<Amount> {
        let inner = p.into_inner().next()?;
        self.amount_alt(inner, base)
    }

    /// Lowers one alternative of `amount` (also used by intervals and rates).
    pub(super) fn amount_alt(&mut self, p: Pair<Rule>, base: Base) -> Option<Amount> {
        let span = base.span(&p);
        match p.as_rule() {
            Rule::bounded_qty => {
                let mut per = Vec::new();
                let mut prefix = None;
                let mut suffix = None;
                let mut quantity = None;
                let mut aspirational = false;
                let mut approximate = false;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::aspire => {
                            let hedge = vocabulary::hedge(c.as_str());
                            aspirational = hedge == Some(Hedge::Aspirational);
                            approximate = hedge == Some(Hedge::Approximate);
                        }
                        Rule::per_prefix => per.push(c),
                        Rule::cmp_prefix => prefix = Some(c),
                        Rule::cmp_suffix => suffix = Some(c),
                        Rule::quantity => quantity = self.quantity(c, base),
                        _ => {}
                    }
                }
                let mut quantity = quantity?;
                if !per.is_empty() {
                    self.apply_per(&mut quantity, &per, base)?;
                }
                let (comparator, comparator_span) = match (prefix, suffix) {
                    (Some(pre), Some(suf)) => {
                        let a = comparator_word(pre.as_str());
                        let b = comparator_word(suf.as_str());
                        // 超过2%以上 says "above" twice (strict and inclusive): redundant, not
                        // contradictory. Only a floor against a cap is a contradiction.
                        if bound_side(a) != bound_side(b) && b != Comparator::About {
                            self.diags.push(
                                Diagnostic::error(
                                    codes::CONFLICTING_COMPARATORS,
                                    format!(
                                        "「{}」与「{}」的比较方向相互矛盾",
                                        pre.as_str(),
                                        suf.as_str()
                                    ),
                                )
                                .primary(self.file, base.span(&pre), "前面说的方向")
                                .secondary(
                                    self.file,
                                    base.span(&suf),
                                    "后面说的方向",
                                ),
                            );
                        }
                        (a, Some(base.span(&pre)))
                    }
                    (Some(pre), None) => (comparator_word(pre.as_str()), Some(base.span(&pre))),
                    (None, Some(suf)) => (comparator_word(suf.as_str()), Some(base.span(&suf))),
                    (None, None) if approximate => (Comparator::About, None),
                    (None, None) => (Comparator::Eq, None),
                };
                Some(Amount::Bounded {
                    comparator,
                    comparator_span,
                    quantity,
                    aspirational,
                    span,
                })
            }
            Rule::qty_range => {
                let mut per = Vec::new();
                let mut qs = Vec::new();
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::per_prefix => per.push(c),
                        Rule::quantity => qs.push(self.quantity(c, base)),
                        _ => {}
                    }
                }
                let high = qs.pop()??;
                let mut low = qs.pop()??;
                let mut high = high;
                if low.quantity.unit.is_none() {
                    // 5-10个百分点: the low end takes the high end's unit.
                    low.quantity.unit = high.quantity.unit.clone();
                }
                if !per.is_empty() {
                    self.apply_per(&mut low, &per, base)?;
                    self.apply_per(&mut high, &per, base)?;
                }
                Some(Amount::Range { low, high, span })
            }
            Rule::ratio_range => {
                let mut ratios = Vec::new();
                for r in p.into_inner() {
                    if r.as_rule() == Rule::ratio {
                        let rspan = base.span(&r);
                        let mut nums = Vec::new();
                        for n in r.into_inner() {
                            let nspan = base.span(&n);
                            let v = self.number(&n, base)?;
                            nums.push(QuantityLit {
                                quantity: Quantity::new(v.value, None),
                                span: nspan,
                            });
                        }
                        let right = nums.pop()?;
                        let left = nums.pop()?;
                        ratios.push(Ratio {
                            left,
                            right,
                            span: rspan,
                        });
                    }
                }
                let high = ratios.pop()?;
                let low = ratios.pop()?;
                Some(Amount::RatioRange { low, high, span })
            }
            Rule::share => {
                let mut base_name = None;
                let mut rate = None;
                let mut comparator = Comparator::Eq;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::name => base_name = Some(self.name(c, base)),
                        Rule::quantity => rate = self.quantity(c, base),
                        Rule::cmp_prefix | Rule::cmp_suffix => {
                            comparator = comparator_word(c.as_str())
                        }
                        _ => {}
                    }
                }
                Some(Amount::Share {
                    base: base_name?,
                    rate: rate?,
                    comparator,
                    span,
                })
            }
            Rule::change => {
                let mut pers: Vec<Vec<Pair<Rule>>> = vec![Vec::new()];
                let mut qs = Vec::new();
                let mut verb = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::per_prefix => pers.last_mut()?.push(c),
                        Rule::quantity => {
                            qs.push(self.quantity(c, base));
                            pers.push(Vec::new());
                        }
                        Rule::change_verb => verb = Some(c),
                        _ => {}
                    }
                }
                let verb = verb?;
                let mut to = qs.pop()??;
                let mut from = qs.pop()??;
                let from_per = std::mem::take(&mut pers[0]);
                let to_per = std::mem::take(&mut pers[1]);
                if !from_per.is_empty() {
                    self.apply_per(&mut from, &from_per, base)?;
                }
                if !to_per.is_empty() {
                    self.apply_per(&mut to, &to_per, base)?;
                }
                let v = verb.as_str();
                let direction = vocabulary::direction(v);
                Some(Amount::Change {
                    from,
                    to,
                    direction,
                    verb: self.text_of(&verb, base),
                    span,
                })
            }
            _ => None,
        }
    }

    /// 每人每年 200元 → 200 元/人/年.
    pub(super) fn apply_per(
        &mut self,
        q: &mut QuantityLit,
        per: &[Pair<Rule>],
        base: Base,
    ) -> Option<()> {
        let Some(unit) = q.quantity.unit.as_mut() else {
            self.diags.push(
                Diagnostic::error(codes::UNKNOWN_UNIT, "「每…」后的数量缺少单位").primary(
                    self.file,
                    q.span,
                    "这里需要单位,如「200元」",
                ),
            );
            return None;
        };
        for p in per {
            let word = p.as_str().trim_start_matches('每');
            match lexical::parse_unit(word) {
                Ok(u) => unit.per.push(u.atom),
                Err(e) => {
                    self.lex_error(base.span(p), e);
                    return None;
                }
            }
        }
        // 每年每人 and 每人每年 are one rate: keep the per-units in one order.
        zhengce_runtime::sort::sort(&mut unit.per);
        Some(())
    }

    /// 达到或接近全省平均水平: the grammar reads one comparator and a level named
    /// 「或接近全省平均水平」. Two comparators joined by 或 are not one comparison, so say so
    /// rather than compare with a level of that name.
    fn comparator_pair(&mut self, reference: &Name) {
        const SECOND: [&str; 12] = [
            "接近",
            "近",
            "达到",
            "超过",
            "高于",
            "低于",
            "不低于",
            "不高于",
            "不少于",
            "不超过",
            "多于",
            "少于",
        ];
        if reference.quoted {
            return;
        }
        let Some(rest) = reference.text.strip_prefix('或') else {
            return;
        };
        let Some(second) = SECOND.iter().find(|w| rest.starts_with(**w)) else {
            return;
        };
        let level = &rest[second.len()..];
        self.diags.push(
            Diagnostic::error(
                codes::SYNTAX,
                format!("「…或{second}」:一个值只能有一个比较词,这里读不出要比较的水平"),
            )
            .primary(
                self.file,
                reference.span,
                format!("「或{second}」不是水平的名称"),
            )
            .help(format!(
                "只保留一个比较词,如「{second}{level}」;两个都要时写成两条,或把原话写在原文或说明中"
            )),
        );
    }

    pub(super) fn target_value(&mut self, p: Pair<Rule>, base: Base) -> Option<TargetValue> {
        let inner = p.into_inner().next()?;
        let span = base.span(&inner);
        match inner.as_rule() {
            Rule::amount => self.amount(inner, base).map(TargetValue::Amount),
            Rule::coverage => Some(TargetValue::Coverage {
                aspirational: inner
                    .clone()
                    .into_inner()
                    .any(|c| vocabulary::hedge(c.as_str()) == Some(Hedge::Aspirational)),
                span,
            }),
            Rule::doubling => Some(TargetValue::Relative {
                base_year: None,
                direction: Direction::Up,
                change: Box::new(doubling_amount(span)),
                span,
            }),
            Rule::qualitative => {
                let mut comparator = Comparator::Eq;
                let mut reference = None;
                let mut aspirational = false;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::aspire => {
                            aspirational =
                                vocabulary::hedge(c.as_str()) == Some(Hedge::Aspirational)
                        }
                        Rule::cmp_prefix => comparator = comparator_word(c.as_str()),
                        Rule::name => reference = Some(self.name(c, base)),
                        _ => {}
                    }
                }
                let reference = reference?;
                self.comparator_pair(&reference);
                Some(TargetValue::Qualitative {
                    comparator,
                    reference,
                    aspirational,
                    span,
                })
            }
            Rule::relative_value => {
                let mut base_year = None;
                let mut direction = Direction::Up;
                let mut change = None;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::year_word => base_year = self.year_word(c, base),
                        Rule::direction => {
                            direction = vocabulary::direction(c.as_str()).unwrap_or(Direction::Up)
                        }
                        Rule::doubling => change = Some(doubling_amount(base.span(&c))),
                        Rule::bounded_qty | Rule::qty_range => change = self.amount_alt(c, base),
                        _ => {}
                    }
                }
                Some(TargetValue::Relative {
                    base_year,
                    direction,
                    change: Box::new(change?),
                    span,
                })
            }
            _ => None,
        }
    }

    pub(super) fn breakdown(&mut self, p: Pair<Rule>, base: Base) -> Option<Breakdown> {
        let span = base.span(&p);
        let mut parts = Vec::new();
        for part in p.into_inner() {
            let pspan = base.span(&part);
            let mut key = None;
            let mut quantity = None;
            for c in part.into_inner() {
                match c.as_rule() {
                    Rule::year_point => {
                        let kspan = base.span(&c);
                        let mut year = None;
                        let mut suffix = None;
                        for y in c.into_inner() {
                            match y.as_rule() {
                                Rule::year => year = self.year(&y, base),
                                Rule::year_suffix => suffix = Some(y.as_str().to_string()),
                                _ => {}
                            }
                        }
                        key = year.map(|year| PartKey::Year {
                            year,
                            suffix,
                            span: kspan,
                        });
                    }
                    Rule::name => key = Some(PartKey::Name(self.name(c, base))),
                    Rule::quantity => quantity = self.quantity(c, base),
                    _ => {}
                }
            }
            if let (Some(key), Some(quantity)) = (key, quantity) {
                parts.push(BreakdownPart {
                    key,
                    quantity,
                    span: pspan,
                });
            }
        }
        Some(Breakdown { parts, span })
    }

    pub(super) fn annual_rate(&mut self, p: Pair<Rule>, base: Base) -> Option<AnnualRate> {
        let span = base.span(&p);
        let mut amount = None;
        let mut from_year = None;
        let mut to_year = None;
        let mut years = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::bounded_qty => amount = self.amount_alt(c, base),
                Rule::since => {
                    years = Some(self.text_of(&c, base));
                    from_year = c
                        .into_inner()
                        .find(|y| y.as_rule() == Rule::year_word)
                        .and_then(|y| self.year_word(y, base))
                }
                Rule::period => {
                    years = Some(self.text_of(&c, base));
                    if let Some(per) = self.period(c, base) {
                        from_year = Some(YearLit {
                            year: per.from_year,
                            span: per.span,
                        });
                        to_year = Some(YearLit {
                            year: per.to_year,
                            span: per.span,
                        });
                    }
                }
                _ => {}
            }
        }
        Some(AnnualRate {
            amount: amount?,
            from_year,
            to_year,
            years,
            span,
        })
    }

    pub(super) fn fact_values(&mut self, p: Pair<Rule>, base: Base) -> Vec<FactValue> {
        let mut out = Vec::new();
        for a in p.into_inner() {
            let span = base.span(&a);
            let mut it = a.into_inner();
            let (Some(n), Some(v)) = (it.next(), it.next()) else {
                continue;
            };
            let name = self.name(n, base);
            let value = match v.as_rule() {
                Rule::date => self.date(v, base).map(FactLiteral::Date),
                Rule::quantity => self.quantity(v, base).map(FactLiteral::Quantity),
                _ => Some(FactLiteral::Name(self.name(v, base))),
            };
            if let Some(value) = value {
                out.push(FactValue { name, value, span });
            }
        }
        out
    }

    /// 分子/分母: a figure written out, or the name of the item that states it.
    pub(super) fn operand(&mut self, p: Pair<Rule>, base: Base) -> Option<Operand> {
        let inner = p.into_inner().next()?;
        match inner.as_rule() {
            Rule::quantity => self.quantity(inner, base).map(Operand::Figure),
            _ => Some(Operand::Named(self.name(inner, base))),
        }
    }

    pub(super) fn expectation(&mut self, p: Pair<Rule>, base: Base) -> Option<Expectation> {
        let inner = p.into_inner().next()?;
        match inner.as_rule() {
            Rule::date => self.date(inner, base).map(Expectation::Date),
            Rule::amount => self.amount(inner, base).map(Expectation::Amount),
            _ => Some(Expectation::Names(self.name_list(inner, base))),
        }
    }

    // ───────────── dates ─────────────

    pub(super) fn date(&mut self, p: Pair<Rule>, base: Base) -> Option<DateExpr> {
        let span = base.span(&p);
        if p.as_rule() == Rule::on_issue {
            self.diags.push(
                Diagnostic::error(codes::MISPLACED_CLAUSE, "「印发之日」只能用于「施行」")
                    .primary(self.file, span, "这里需要具体日期")
                    .help("写出具体日期,如「2017年4月23日」"),
            );
            return None;
        }
        let mut d = DateExpr {
            year: None,
            month: None,
            until_month: None,
            day: None,
            part: None,
            this_month: false,
            span,
        };
        let mut ok = true;
        let mut visit = |c: Pair<Rule>, this: &mut Self, d: &mut DateExpr| match c.as_rule() {
            Rule::year => {
                d.year = this.year(&c, base);
                ok &= d.year.is_some();
            }
            Rule::month => match lexical::parse_small(c.as_str()) {
                // The second month of 3—5月 ends the range.
                Ok(m) if d.month.is_some() => d.until_month = Some(m),
                Ok(m) => d.month = Some(m),
                Err(e) => {
                    this.lex_error(base.span(&c), e);
                    ok = false;
                }
            },
            Rule::day => match lexical::parse_small(c.as_str()) {
                Ok(x) => d.day = Some(x),
                Err(e) => {
                    this.lex_error(base.span(&c), e);
                    ok = false;
                }
            },
            Rule::this_month => d.this_month = true,
            Rule::month_part | Rule::year_part => {
                d.part = vocabulary::date_part(c.as_str());
            }
            Rule::year_span => d.part = vocabulary::year_span(c.as_str()),
            _ => {}
        };
        for c in p.into_inner() {
            if matches!(
                c.as_rule(),
                Rule::iso_date | Rule::day_only | Rule::month_range
            ) {
                for cc in c.into_inner() {
                    visit(cc, self, &mut d);
                }
            } else {
                visit(c, self, &mut d);
            }
        }
        if !ok {
            return None;
        }
        self.validate_date(&d)?;
        Some(d)
    }

    /// Rejects dates no calendar has (2月30日, 13月); a date without year is checked against a
    /// leap year so that 2月29日 passes until its year is known.
    pub(super) fn validate_date(&mut self, d: &DateExpr) -> Option<()> {
        if let Some(m) = d.until_month.filter(|m| !(1..=12).contains(m)) {
            self.diags.push(
                Diagnostic::error(codes::IMPOSSIBLE_DATE, format!("日期中的月份 {m} 不存在"))
                    .primary(self.file, d.span, "月份应在 1 到 12 之间"),
            );
            return None;
        }
        if let Some(m) = d.month {
            if !(1..=12).contains(&m) {
                self.diags.push(
                    Diagnostic::error(codes::IMPOSSIBLE_DATE, format!("日期中的月份 {m} 不存在"))
                        .primary(self.file, d.span, "月份应在 1 到 12 之间"),
                );
                return None;
            }
            if let Some(day) = d.day {
                let year = d.year.unwrap_or(2000);
                if zhengce_runtime::CivilDate::from_ymd(year, m, day).is_none() {
                    let shown = match d.year {
                        Some(y) => format!("{y}年{m}月{day}日"),
                        None => format!("{m}月{day}日"),
                    };
                    self.diags.push(
                        Diagnostic::error(codes::IMPOSSIBLE_DATE, format!("日期「{shown}」不存在"))
                            .primary(self.file, d.span, "日历上没有这一天"),
                    );
                    return None;
                }
            }
        } else if let Some(day) = d.day {
            if !(1..=31).contains(&day) {
                self.diags.push(
                    Diagnostic::error(codes::IMPOSSIBLE_DATE, format!("日期中的日 {day} 不存在"))
                        .primary(self.file, d.span, "日应在 1 到 31 之间"),
                );
                return None;
            }
        }
        Some(())
    }

    pub(super) fn deadline(&mut self, p: Pair<Rule>, base: Base) -> Option<Deadline> {
        let inner = p.into_inner().next()?;
        let span = base.span(&inner);
        match inner.as_rule() {
            Rule::ongoing => Some(Deadline::Ongoing {
                text: inner.as_str().to_string(),
                span,
            }),
            Rule::within_year => Some(Deadline::WithinYear { span }),
            Rule::by_event => {
                let q = inner
                    .into_inner()
                    .find(|c| c.as_rule() == Rule::quoted_name)?;
                let nspan = base.span(&q);
                let text = q
                    .into_inner()
                    .next()
                    .map(|t| without_invisible(t.as_str()))
                    .unwrap_or_default();
                Some(Deadline::Event {
                    event: Name {
                        text,
                        span: nspan,
                        quoted: true,
                    },
                    span,
                })
            }
            Rule::by_date => {
                let mut date = None;
                let mut before = false;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::date => date = self.date(c, base),
                        Rule::before => before = true,
                        _ => {}
                    }
                }
                Some(Deadline::By {
                    date: date?,
                    before,
                    span,
                })
            }
            _ => None,
        }
    }

    pub(super) fn window(&mut self, p: Pair<Rule>, base: Base) -> Option<Window> {
        let inner = p.into_inner().next()?;
        let span = base.span(&inner);
        let whole = inner.as_rule() == Rule::window_span;
        let mut dates = Vec::new();
        for c in inner.into_inner() {
            if c.as_rule() == Rule::date {
                dates.push(self.date(c, base));
            }
        }
        let mut it = dates.into_iter();
        let start = it.next()??;
        if whole {
            // 9月, 上半年: from the stretch's first day to its last.
            return Some(Window {
                end: Some(start.clone()),
                start,
                span,
            });
        }
        let end = match it.next() {
            Some(e) => {
                let mut e = e?;
                // 6月10日至15日: a bare day takes the start's month (and year).
                if e.month.is_none() && e.day.is_some() && !e.this_month {
                    e.month = start.month;
                }
                if e.year.is_none() {
                    e.year = start.year;
                }
                self.validate_date(&e)?;
                Some(e)
            }
            None => None,
        };
        Some(Window { start, end, span })
    }

    pub(super) fn period(&mut self, p: Pair<Rule>, base: Base) -> Option<Period> {
        let inner = p.into_inner().next()?;
        let span = base.span(&inner);
        match inner.as_rule() {
            // 十三五: the 13th five-year plan, 2016 to 2020.
            Rule::period_named => Some(Period {
                from_year: 2016,
                to_year: 2020,
                every_year: false,
                span,
            }),
            _ => {
                let mut years = Vec::new();
                let mut every_year = false;
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::year => years.push(self.year(&c, base)?),
                        Rule::every_year => every_year = true,
                        _ => {}
                    }
                }
                let (&from_year, &to_year) = (years.first()?, years.get(1)?);
                Some(Period {
                    from_year,
                    to_year,
                    every_year,
                    span,
                })
            }
        }
    }
}

/// Which side a comparator bounds: floors (≥, >) and caps (≤, <) contradict each other.
pub(super) fn bound_side(c: Comparator) -> i8 {
    match c {
        Comparator::AtLeast | Comparator::Above => 1,
        Comparator::AtMost | Comparator::Below => -1,
        Comparator::Eq | Comparator::About => 0,
    }
}

pub(super) fn doubling_amount(span: Span) -> Amount {
    Amount::Bounded {
        comparator: Comparator::Eq,
        comparator_span: None,
        quantity: QuantityLit {
            quantity: Quantity {
                value: rust_decimal::Decimal::ONE_HUNDRED,
                unit: Some(Unit::of(UnitAtom::Percent)),
                scale: Scale::One,
            },
            span,
        },
        aspirational: false,
        span,
    }
}

pub(super) fn empty_name(span: Span) -> Name {
    Name {
        text: String::new(),
        span: Span::new(span.start, span.start),
        quoted: false,
    }
}

/// Folds full-width parentheses in names so （市、区） and (市、区) name the same body, and drops
/// invisible characters (see [`without_invisible`]).
pub(super) fn normalize_name(s: &str) -> String {
    s.chars()
        .filter(|&c| super::forbidden_char(c).is_none())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect()
}

/// A name without the invisible and control characters in it. Each of them is an error of its
/// own (see `check_characters`); the name is read as it looks, so that 县扶\u{200B}贫办 is not
/// also reported as an undeclared department beside 县扶贫办: that would be one mistake twice.
pub(super) fn without_invisible(s: &str) -> String {
    s.chars()
        .filter(|&c| super::forbidden_char(c).is_none())
        .collect()
}

/// The comparator a word denotes (the vocabulary's table; 民法典 第一千二百五十九条: 以上/以下/以内
/// include the number).
pub(super) fn comparator_word(w: &str) -> Comparator {
    crate::vocabulary::comparator(w)
}

/// Whether a bare name is punctuation and symbols only (`!?#&*`, `……`): no name at all. Emoji are
/// not punctuation, so `🏠` is a name.
pub(super) fn only_punctuation(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            c.is_ascii_punctuation()
                || matches!(c,
                    '\u{a1}'..='\u{bf}'
                    | '\u{2010}'..='\u{2027}'
                    | '\u{2030}'..='\u{205e}'
                    | '\u{3000}'..='\u{303f}'
                    | '\u{fe30}'..='\u{fe4f}'
                    | '\u{ff01}'..='\u{ff0f}'
                    | '\u{ff1a}'..='\u{ff20}'
                    | '\u{ff3b}'..='\u{ff40}'
                    | '\u{ff5b}'..='\u{ff65}')
        })
}
