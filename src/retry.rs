//! When a failed attempt is tried again, and after how long.
//!
//! The knobs and defaults are the official SDK's (`retryDelay` 1000 ms, `retryJitter` 500 ms,
//! `fetchMaxAttempts` 4, linear back-off `attempt * delay + jitter`). Unlike it, this policy honours
//! `Retry-After`, retries idempotent requests after network errors and 502/503/504, and never
//! repeats a POST once the server may have acted on it.

#[cfg(doc)]
use crate::request::Method;
use crate::text::all_bytes;

/// Longest wait the SDK accepts from a `Retry-After` header.
pub const MAX_RETRY_AFTER_MS: u32 = 120_000;

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
pub enum Outcome {
    /// The server answered with a non-2xx status.
    Status {
        status: u16,
        /// What its `Retry-After` asks for, read by [`parse_retry_after`].
        retry_after_ms: Option<u32>,
    },
    /// No answer: connection refused, reset, or dropped mid-body.
    NetworkError,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send the same request again.
    Retry { delay_ms: u32 },
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
    /// `random` is a number in `[0, 1)` for the jitter.
    pub fn decide(
        &self,
        idempotent: bool,
        attempt: u32,
        outcome: Outcome,
        reauthenticated: bool,
        random: f64,
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
                retry_after_ms,
            } => Decision::Retry {
                delay_ms: retry_after_ms.unwrap_or_else(|| self.backoff(attempt, random)),
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

    /// `attempt * delay + floor(random * jitter)`, the official SDK's formula (saturating: 32
    /// bits of milliseconds are seven weeks).
    pub fn backoff(&self, attempt: u32, random: f64) -> u32 {
        // The cast saturates and floors; `random` is below 1, so the jitter is too.
        let jitter = ((random * f64::from(self.jitter_ms)) as u32).min(self.jitter_ms);
        attempt.saturating_mul(self.delay_ms).saturating_add(jitter)
    }
}

/// Reads `Retry-After`: delay-seconds (`"3"`) or an HTTP date (`"Sun, 06 Nov 1994 08:49:37 GMT"`),
/// now being `now_ms` after the Unix epoch. Returns milliseconds to wait, capped at
/// [`MAX_RETRY_AFTER_MS`]; `None` for anything else.
///
/// A date must have the IMF-fixdate's shape; `date_ms` turns it into milliseconds since the
/// epoch, or NaN where it is no date (the bindings pass JavaScript's `Date.parse`).
pub fn parse_retry_after(
    value: &str,
    now_ms: f64,
    date_ms: impl FnOnce(&str) -> f64,
) -> Option<u32> {
    let value = value.trim_ascii();
    let ms = if !value.is_empty() && all_bytes(value.as_bytes(), |b| b.is_ascii_digit()) {
        // Saturating: more digits than 32 bits hold are a very long wait, and the cap applies.
        let seconds = value.bytes().fold(0u32, |n, b| {
            n.saturating_mul(10).saturating_add(u32::from(b - b'0'))
        });
        seconds.saturating_mul(1000)
    } else {
        if !is_imf_fixdate(value.as_bytes()) {
            return None;
        }
        let at = date_ms(value);
        if at.is_nan() {
            return None;
        }
        // Casts saturate: a date in the past waits 0 ms.
        (at - now_ms) as u32
    };
    Some(ms.min(MAX_RETRY_AFTER_MS))
}

/// Whether `b` has the columns of an IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`: the only date
/// format HTTP senders may use.
fn is_imf_fixdate(b: &[u8]) -> bool {
    const DIGITS: [usize; 12] = [5, 6, 12, 13, 14, 15, 17, 18, 20, 21, 23, 24];
    // As an array, so no index below needs a bounds check (or the panic code one brings).
    let Ok(b) = <&[u8; 29]>::try_from(b) else {
        return false;
    };
    let at = |i: usize, byte: u8| b.get(i) == Some(&byte);
    at(3, b',')
        && [4, 7, 11, 16, 25].iter().all(|&i| at(i, b' '))
        && at(19, b':')
        && at(22, b':')
        && DIGITS
            .iter()
            .all(|&i| b.get(i).is_some_and(u8::is_ascii_digit))
        && b.ends_with(b"GMT")
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

    fn status(status: u16) -> Outcome {
        Outcome::Status {
            status,
            retry_after_ms: None,
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
            retry_after_ms: Some(2000),
        };
        assert_eq!(
            POLICY.decide(Method::Post.is_idempotent(), 1, outcome, false, 0.9),
            Decision::Retry { delay_ms: 2000 }
        );
        assert_eq!(
            POLICY.decide(Method::Get.is_idempotent(), 1, status(429), false, 0.0),
            Decision::Retry { delay_ms: 1000 },
            "without a readable Retry-After, the back-off"
        );
    }

    #[test]
    fn retry_after_seconds_dates_and_caps() {
        let now = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT
                                     // Stands in for Date.parse, which the bindings pass.
        let date = |value: &str| match value {
            "Sun, 06 Nov 1994 08:49:40 GMT" => now + 3000.0,
            "Sun, 06 Nov 1994 08:49:00 GMT" => now - 37_000.0,
            _ => f64::NAN,
        };
        let parse = |value| parse_retry_after(value, now, date);
        assert_eq!(parse(" 2 "), Some(2000));
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:40 GMT"), Some(3000));
        assert_eq!(
            parse("Sun, 06 Nov 1994 08:49:00 GMT"),
            Some(0),
            "past: at once"
        );
        assert_eq!(parse("86400"), Some(MAX_RETRY_AFTER_MS));
        assert_eq!(parse("99999999999999999999999"), Some(MAX_RETRY_AFTER_MS));
        for bad in [
            "",
            "-1",
            "1.5",
            "soon",
            "Sun 06 Nov 1994",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 0x Nov 1994 08:49:37 GMT",
            "Sun, 32 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn unauthorized_reauthenticates_once() {
        assert_eq!(
            POLICY.decide(Method::Post.is_idempotent(), 1, status(401), false, 0.0),
            Decision::Reauthenticate
        );
        assert_eq!(
            POLICY.decide(Method::Post.is_idempotent(), 2, status(401), true, 0.0),
            Decision::GiveUp
        );
    }

    #[test]
    fn server_errors_retry_only_idempotent_methods() {
        for code in [502, 503, 504] {
            for method in [Method::Get, Method::Put, Method::Delete] {
                assert!(matches!(
                    POLICY.decide(method.is_idempotent(), 1, status(code), false, 0.0),
                    Decision::Retry { .. }
                ));
            }
            assert_eq!(
                POLICY.decide(Method::Post.is_idempotent(), 1, status(code), false, 0.0),
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
                0.0
            ),
            Decision::Retry { delay_ms: 1000 }
        );
        for code in [400, 403, 404, 409, 422, 500] {
            assert_eq!(
                POLICY.decide(Method::Get.is_idempotent(), 1, status(code), false, 0.0),
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
            none.decide(Method::Get.is_idempotent(), 1, status(429), false, 0.0),
            Decision::GiveUp
        );
    }
}
