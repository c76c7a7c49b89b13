//! When a failed attempt is tried again, and after how long.
//!
//! The knobs and defaults are the official SDK's (`retryDelay` 1000 ms, `retryJitter` 500 ms,
//! `fetchMaxAttempts` 4, linear back-off `attempt * delay + jitter`). Unlike it, this policy honours
//! `Retry-After`, retries idempotent requests after network errors and 502/503/504, and never
//! repeats a POST once the server may have acted on it.

#[cfg(doc)]
use crate::request::Method;
use crate::text::parse_digits;

/// Longest wait the SDK accepts from a `Retry-After` header.
pub const MAX_RETRY_AFTER_MS: u64 = 120_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Base back-off in milliseconds, multiplied by the attempt number.
    pub delay_ms: u32,
    /// Up to this many random milliseconds are added to each back-off.
    pub jitter_ms: u32,
    /// Attempts in all, the first one included.
    pub max_attempts: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            delay_ms: 1000,
            jitter_ms: 500,
            max_attempts: 4,
        }
    }
}

/// How an attempt ended, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// The server answered with a non-2xx status.
    Status {
        status: u16,
        retry_after: Option<&'a str>,
    },
    /// No answer: connection refused, reset, or dropped mid-body.
    NetworkError,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send the same request again.
    Retry { delay_ms: u64 },
    /// Fetch a new access token, then send the request again at once.
    Reauthenticate,
    /// Report the failure.
    GiveUp,
}

impl RetryPolicy {
    /// Decides what follows attempt number `attempt` (1-based) that ended with `outcome`.
    ///
    /// `idempotent` says whether sending the request twice does no more than sending it once
    /// ([`Method::is_idempotent`], and the token request);
    /// `reauthenticated` says whether this call already fetched a new token after a 401;
    /// `random` is a number in `[0, 1)` for the jitter; `now_ms` is the current time, for
    /// `Retry-After` dates.
    pub fn decide(
        &self,
        idempotent: bool,
        attempt: u32,
        outcome: Outcome<'_>,
        reauthenticated: bool,
        random: f64,
        now_ms: f64,
    ) -> Decision {
        if attempt >= self.max_attempts.max(1) {
            return Decision::GiveUp;
        }
        match outcome {
            // The token was refused before anything was done: safe for every method, once.
            Outcome::Status { status: 401, .. } if !reauthenticated => Decision::Reauthenticate,
            // Rate limited: the request was not processed, so even a POST may be sent again.
            Outcome::Status {
                status: 429,
                retry_after,
            } => Decision::Retry {
                delay_ms: retry_after
                    .and_then(|value| parse_retry_after(value, now_ms))
                    .unwrap_or_else(|| self.backoff(attempt, random)),
            },
            Outcome::Status {
                status: 502..=504, ..
            }
            | Outcome::NetworkError
                if idempotent =>
            {
                Decision::Retry {
                    delay_ms: self.backoff(attempt, random),
                }
            }
            _ => Decision::GiveUp,
        }
    }

    /// `attempt * delay + floor(random * jitter)`, the official SDK's formula.
    pub fn backoff(&self, attempt: u32, random: f64) -> u64 {
        let jitter = (random.clamp(0.0, 1.0) * f64::from(self.jitter_ms)) as u64;
        u64::from(attempt) * u64::from(self.delay_ms) + jitter.min(u64::from(self.jitter_ms))
    }
}

/// Reads `Retry-After`: delay-seconds (`"3"`) or an HTTP date (`"Sun, 06 Nov 1994 08:49:37 GMT"`).
/// Returns milliseconds to wait, capped at [`MAX_RETRY_AFTER_MS`]; `None` for anything else.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim_ascii();
    let ms = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More digits than a u64 holds is a very long wait: the cap applies.
        parse_digits(value).unwrap_or(u64::MAX).saturating_mul(1000)
    } else {
        let at = parse_http_date(value)? as f64 * 1000.0;
        if at <= now_ms {
            0
        } else {
            (at - now_ms) as u64
        }
    };
    Some(ms.min(MAX_RETRY_AFTER_MS))
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) to seconds since the Unix epoch.
/// The format has fixed columns, so it is read by position.
fn parse_http_date(value: &str) -> Option<i64> {
    const MONTHS: &[u8; 36] = b"JanFebMarAprMayJunJulAugSepOctNovDec";
    let b = value.as_bytes();
    let fixed = b.len() == 29
        && b[3] == b','
        && [4, 7, 11, 16, 25].iter().all(|&i| b[i] == b' ')
        && b[19] == b':'
        && b[22] == b':'
        && &b[26..] == b"GMT";
    if !fixed {
        return None;
    }
    let number = |from: usize, to: usize| {
        let digits = value.get(from..to)?;
        parse_digits(digits).map(|n| n as i64)
    };
    let month = MONTHS.chunks(3).position(|m| m == &b[8..11])? as i64 + 1;
    let (day, year) = (number(5, 7)?, number(12, 16)?);
    let (h, m, s) = (number(17, 19)?, number(20, 22)?, number(23, 25)?);
    if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Method;

    const POLICY: RetryPolicy = RetryPolicy {
        delay_ms: 1000,
        jitter_ms: 500,
        max_attempts: 4,
    };

    fn status(status: u16) -> Outcome<'static> {
        Outcome::Status {
            status,
            retry_after: None,
        }
    }

    #[test]
    fn rate_limits_back_off_linearly_with_jitter() {
        let d = |attempt, random| {
            POLICY.decide(
                Method::Get.is_idempotent(),
                attempt,
                status(429),
                false,
                random,
                0.0,
            )
        };
        assert_eq!(d(1, 0.0), Decision::Retry { delay_ms: 1000 });
        assert_eq!(d(2, 0.5), Decision::Retry { delay_ms: 2250 });
        assert_eq!(d(3, 0.999), Decision::Retry { delay_ms: 3499 });
        assert_eq!(d(4, 0.0), Decision::GiveUp, "four attempts in all");
    }

    #[test]
    fn retry_after_wins_over_backoff() {
        let outcome = Outcome::Status {
            status: 429,
            retry_after: Some("2"),
        };
        assert_eq!(
            POLICY.decide(Method::Post.is_idempotent(), 1, outcome, false, 0.9, 0.0),
            Decision::Retry { delay_ms: 2000 }
        );
        let garbage = Outcome::Status {
            status: 429,
            retry_after: Some("soon"),
        };
        assert_eq!(
            POLICY.decide(Method::Get.is_idempotent(), 1, garbage, false, 0.0, 0.0),
            Decision::Retry { delay_ms: 1000 },
            "an unreadable Retry-After falls back to the back-off"
        );
    }

    #[test]
    fn retry_after_dates_and_caps() {
        let now = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:40 GMT", now),
            Some(3000)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(0)
        );
        assert_eq!(parse_retry_after("86400", now), Some(MAX_RETRY_AFTER_MS));
        for bad in [
            "",
            "-1",
            "1.5",
            "Sun 06 Nov 1994",
            "Sun, 32 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }

    #[test]
    fn unauthorized_reauthenticates_once() {
        assert_eq!(
            POLICY.decide(
                Method::Post.is_idempotent(),
                1,
                status(401),
                false,
                0.0,
                0.0
            ),
            Decision::Reauthenticate
        );
        assert_eq!(
            POLICY.decide(Method::Post.is_idempotent(), 2, status(401), true, 0.0, 0.0),
            Decision::GiveUp
        );
    }

    #[test]
    fn server_errors_retry_only_idempotent_methods() {
        for code in [502, 503, 504] {
            for method in [Method::Get, Method::Put, Method::Delete] {
                assert!(matches!(
                    POLICY.decide(method.is_idempotent(), 1, status(code), false, 0.0, 0.0),
                    Decision::Retry { .. }
                ));
            }
            assert_eq!(
                POLICY.decide(
                    Method::Post.is_idempotent(),
                    1,
                    status(code),
                    false,
                    0.0,
                    0.0
                ),
                Decision::GiveUp,
                "a POST may have been acted on"
            );
        }
        assert_eq!(
            POLICY.decide(
                Method::Post.is_idempotent(),
                1,
                Outcome::NetworkError,
                false,
                0.0,
                0.0
            ),
            Decision::GiveUp
        );
        assert_eq!(
            POLICY.decide(
                Method::Get.is_idempotent(),
                1,
                Outcome::NetworkError,
                false,
                0.0,
                0.0
            ),
            Decision::Retry { delay_ms: 1000 }
        );
        for code in [400, 403, 404, 409, 422, 500] {
            assert_eq!(
                POLICY.decide(
                    Method::Get.is_idempotent(),
                    1,
                    status(code),
                    false,
                    0.0,
                    0.0
                ),
                Decision::GiveUp
            );
        }
    }

    #[test]
    fn at_least_one_attempt_even_with_zero_configured() {
        let none = RetryPolicy {
            max_attempts: 0,
            ..POLICY
        };
        assert_eq!(
            none.decide(Method::Get.is_idempotent(), 1, status(429), false, 0.0, 0.0),
            Decision::GiveUp
        );
    }

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
