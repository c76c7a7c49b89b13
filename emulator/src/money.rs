//! Money as the API shows it: integer amounts in the currency's minor unit (cents), formatted
//! like `$12.00`, and tax rates held exactly, so every total is exact.
//!
//! The store sells in one currency, US dollars. Tax rates are decimals (`0.2` for 20 %) kept as
//! millionths, so `amount × rate` is integer arithmetic rounded half away from zero, never a
//! floating-point product.

use serde::Serialize;

/// The store's currency.
pub const CURRENCY: &str = "USD";

/// Largest unit price accepted, in cents: one hundred million dollars.
pub const MAX_UNIT_PRICE: i64 = 10_000_000_000;

/// Millionths in a whole: the precision of tax rates.
const RATE_SCALE: i64 = 1_000_000;

/// `amount` in cents formatted as the API does: `$12.00`, `-$10.00`.
pub fn format_usd(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let cents = amount.unsigned_abs();
    format!("{sign}${}.{:02}", cents / 100, cents % 100)
}

/// `{"amount": ..., "currency": "USD", "formatted": "$..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Formatted {
    pub amount: i64,
    pub currency: &'static str,
    pub formatted: String,
}

impl Formatted {
    /// An amount in the store's currency.
    pub fn usd(amount: i64) -> Self {
        Formatted {
            amount,
            currency: CURRENCY,
            formatted: format_usd(amount),
        }
    }
}

/// `{"amount": ..., "currency": "USD", "includes_tax": ...}`: a price as items carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Price {
    pub amount: i64,
    pub currency: &'static str,
    pub includes_tax: bool,
}

impl Price {
    /// A price in the store's currency.
    pub fn usd(amount: i64, includes_tax: bool) -> Self {
        Price {
            amount,
            currency: CURRENCY,
            includes_tax,
        }
    }
}

/// A tax rate between 0 and 1, to the millionth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rate {
    millionths: i64,
}

impl Rate {
    /// The rate written as the decimal `value` (`0.2` for 20 %); `None` unless it lies in
    /// `0..=1` with at most six decimals.
    pub fn from_decimal(value: f64) -> Option<Rate> {
        if !(0.0..=1.0).contains(&value) {
            return None;
        }
        // The shortest text that reads back as `value` is what the client wrote.
        let text = format!("{value}");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        if fraction.len() > 6 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let fraction: i64 = format!("{fraction:0<6}").parse().ok()?;
        Some(Rate {
            millionths: whole * RATE_SCALE + fraction,
        })
    }

    /// The rate as a decimal number, for display.
    pub fn as_decimal(self) -> f64 {
        self.millionths as f64 / RATE_SCALE as f64
    }

    /// The sum of two rates (may exceed 1 when several taxes apply).
    pub fn plus(self, other: Rate) -> Rate {
        Rate {
            millionths: self.millionths.saturating_add(other.millionths),
        }
    }

    /// `amount × rate`, rounded half away from zero.
    pub fn of(self, amount: i64) -> i64 {
        div_round(
            i128::from(amount) * i128::from(self.millionths),
            i128::from(RATE_SCALE),
        )
    }

    /// The part of a tax-inclusive `amount` that is not tax: `amount / (1 + rate)`, rounded half
    /// away from zero.
    pub fn exclusive_part(self, amount: i64) -> i64 {
        div_round(
            i128::from(amount) * i128::from(RATE_SCALE),
            i128::from(RATE_SCALE) + i128::from(self.millionths),
        )
    }
}

/// `numerator / denominator` (denominator > 0) rounded half away from zero, saturated to `i64`.
pub fn div_round(numerator: i128, denominator: i128) -> i64 {
    let half = denominator / 2;
    let rounded = if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    };
    i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_format_as_dollars_and_cents() {
        assert_eq!(format_usd(1200), "$12.00");
        assert_eq!(format_usd(5), "$0.05");
        assert_eq!(format_usd(0), "$0.00");
        assert_eq!(format_usd(-5000), "-$50.00");
        assert_eq!(format_usd(123_456_789), "$1234567.89");
    }

    #[test]
    fn rates_are_exact_decimals() {
        let rate = Rate::from_decimal(0.0725).unwrap();
        // 1000 × 0.0725 = 72.5, which rounds half away from zero to 73.
        assert_eq!(rate.of(1000), 73);
        assert_eq!(rate.of(1234), 89);
        assert_eq!(Rate::from_decimal(0.2).unwrap().of(1250), 250);
        assert_eq!(Rate::from_decimal(0.5).unwrap().of(1), 1, "half rounds up");
        assert_eq!(
            Rate::from_decimal(0.5).unwrap().of(-1),
            -1,
            "away from zero"
        );
        assert_eq!(Rate::from_decimal(0.2).unwrap().exclusive_part(1200), 1000);
        assert_eq!(Rate::from_decimal(1.0).unwrap().as_decimal(), 1.0);
        for bad in [-0.1, 1.5, 0.123_456_7, f64::NAN] {
            assert_eq!(Rate::from_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn division_rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 2), 3);
        assert_eq!(div_round(-5, 2), -3);
        assert_eq!(div_round(4, 3), 1);
        assert_eq!(div_round(i128::MAX / 2, 1), i64::MAX);
    }
}
