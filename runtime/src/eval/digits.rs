//! Exact decimals written without the formatting machinery: every answer's amount text and the
//! batch's output lines go through here (`format!` of a `Quantity` was a fifth of an evaluation).
//! Each function writes what the `Display` it replaces writes; the tests compare them.

use std::ops::{Div, Rem};

use rust_decimal::Decimal;

use crate::value::{Quantity, Scale};

/// `Decimal::normalize` (no trailing zeros after the point, −0 as 0), on u64 arithmetic when the
/// mantissa fits.
pub(crate) fn normalize(d: Decimal) -> Decimal {
    let Ok(mut n) = u64::try_from(d.mantissa()) else {
        return d.normalize();
    };
    let mut scale = d.scale();
    while scale > 0 && n % 10 == 0 {
        n /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(i128::from(n), scale).unwrap_or_else(|_| d.normalize())
}

/// Powers of ten of each scale's factor.
pub(crate) fn scale_digits(scale: Scale) -> u32 {
    match scale {
        Scale::One => 0,
        Scale::Wan => 4,
        Scale::Yi => 8,
        Scale::WanYi => 12,
    }
}

/// `value` ÷ 10^`digits`, exactly, when the result's scale fits (28 places): what `Decimal`
/// division by a power of ten gives then.
pub(crate) fn shift(mut value: Decimal, digits: u32) -> Option<Decimal> {
    let scale = value.scale() + digits;
    if scale > 28 {
        return None;
    }
    value.set_scale(scale).ok()?;
    Some(value)
}

/// The text of a decimal as its `Display` writes it (`rust_decimal`'s string form: the digits of
/// the mantissa with the point `scale` places from the right, a leading `0.` and zeros when the
/// mantissa is shorter, `-` for a negative value), in `buf`; returns its length.
fn decimal_ascii(d: Decimal, buf: &mut [u8; 64]) -> usize {
    let mantissa = d.mantissa();
    let n = mantissa.unsigned_abs();
    let mut digits = [0u8; 40];
    // u128 division is a library call; most amounts fit in u64.
    let digits = match u64::try_from(n) {
        Ok(n) => ascii_digits(n, &mut digits),
        Err(_) => ascii_digits(n, &mut digits),
    };
    let scale = d.scale() as usize;
    // At most a sign, 29 digits, a point and 28 zeros: within 64.
    let mut len = 0;
    let mut put = |bytes: &[u8]| {
        buf[len..len + bytes.len()].copy_from_slice(bytes);
        len += bytes.len();
    };
    if mantissa < 0 {
        put(b"-");
    }
    if scale == 0 {
        put(digits);
    } else if digits.len() > scale {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        put(whole);
        put(b".");
        put(fraction);
    } else {
        put(b"0.");
        for _ in digits.len()..scale {
            put(b"0");
        }
        put(digits);
    }
    len
}

/// Appends `d` as its `Display` writes it (the batch's fast path: straight into the line).
pub(crate) fn write_decimal(buf: &mut Vec<u8>, d: Decimal) {
    let mut text = [0u8; 64];
    let len = decimal_ascii(d, &mut text);
    buf.extend_from_slice(&text[..len]);
}

/// The decimal digits of `n`, written from the end of `digits` (which must have room for them).
/// Generic so that a `u64` divides as a `u64`: each width gets its own copy of the loop.
pub(crate) fn ascii_digits<N, const LEN: usize>(mut n: N, digits: &mut [u8; LEN]) -> &[u8]
where
    N: Copy + PartialEq + From<u8> + Into<u128> + Div<Output = N> + Rem<Output = N>,
{
    let ten = N::from(10);
    let mut i = LEN;
    loop {
        i -= 1;
        let digit: u128 = (n % ten).into();
        digits[i] = b'0' + digit as u8;
        n = n / ten;
        if n == N::from(0) {
            break;
        }
    }
    &digits[i..]
}

/// Appends `d` as its `Display` writes it.
pub(crate) fn push_decimal(out: &mut String, d: Decimal) {
    let mut ascii = [0u8; 64];
    let len = decimal_ascii(d, &mut ascii);
    // ASCII digits, sign and point only.
    out.reserve(len);
    for &b in &ascii[..len] {
        out.push(char::from(b));
    }
}

/// Appends an integer as its `Display` writes it (a year, a tier's number).
pub(crate) fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    for &b in ascii_digits(n.unsigned_abs(), &mut digits) {
        out.push(char::from(b));
    }
}

/// Appends the text of a quantity as its `Display` writes it: 200万元, 1.5亿元, 200元/人/年,
/// 9个县.
pub(crate) fn push_quantity(out: &mut String, q: &Quantity) {
    let digits = scale_digits(q.scale);
    // Past 28 places `Display` divides (and rounds): let it.
    let shown = shift(q.value, digits);
    let Some(shown) = shown else {
        use std::fmt::Write as _;
        let _ = write!(out, "{q}");
        return;
    };
    push_decimal(out, normalize(shown));
    out.push_str(q.scale.word());
    if let Some(unit) = &q.unit {
        out.push_str(unit.counter());
        out.push_str(unit.atom.word());
        for p in &unit.per {
            out.push('/');
            out.push_str(p.word());
        }
    }
}

/// The text of a quantity, as `to_string` gives it.
pub(crate) fn quantity_text(q: &Quantity) -> String {
    let mut text = String::with_capacity(24);
    push_quantity(&mut text, q);
    text
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::value::{Unit, UnitAtom};

    #[test]
    fn quantities_are_written_as_display_writes_them() {
        let units = [
            None,
            Some(Unit::of(UnitAtom::Yuan)),
            Some(Unit {
                atom: UnitAtom::Yuan,
                per: vec![UnitAtom::Person, UnitAtom::Year],
            }),
            Some(Unit::of(UnitAtom::County)),
        ];
        for text in [
            "0",
            "1",
            "-1",
            "2000000",
            "1500.5",
            "0.05",
            "-123456.789",
            "12345678901234567890123",
            "79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "7.9228162514264337593543950335",
            "1.00",
        ] {
            let value = Decimal::from_str(text).unwrap();
            for scale in [Scale::One, Scale::Wan, Scale::Yi, Scale::WanYi] {
                for unit in &units {
                    let q = Quantity {
                        value,
                        unit: unit.clone(),
                        scale,
                    };
                    assert_eq!(quantity_text(&q), q.to_string(), "{text} {scale:?}");
                }
            }
            let mut out = String::new();
            push_decimal(&mut out, value);
            assert_eq!(out, value.to_string(), "{text}");
        }
        for n in [0, 1, -1, 9, 10, 2017, -2017, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_int(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
