//! The store's request rate limit (`--rate-limit N`): a token bucket holding up to N requests
//! and refilled at N per second, so short bursts up to N pass and a sustained rate above N/s
//! gets `429 Too Many Requests` with a `Retry-After` header.

use std::time::{Duration, Instant};

/// A token bucket; see the module docs.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    available: f64,
    refilled_at: Instant,
}

impl RateLimiter {
    /// A full bucket allowing `per_second` requests per second.
    pub fn new(per_second: u32, now: Instant) -> Self {
        let per_second = f64::from(per_second.max(1));
        Self {
            per_second,
            available: per_second,
            refilled_at: now,
        }
    }

    /// Takes one request from the bucket, or returns the whole seconds to wait (at least 1) for
    /// the next one.
    pub fn acquire(&mut self, now: Instant) -> Result<(), u64> {
        let elapsed = now
            .saturating_duration_since(self.refilled_at)
            .as_secs_f64();
        self.available = (self.available + elapsed * self.per_second).min(self.per_second);
        self.refilled_at = now;
        if self.available >= 1.0 {
            self.available -= 1.0;
            Ok(())
        } else {
            let wait = Duration::from_secs_f64((1.0 - self.available) / self.per_second);
            Err(wait.as_secs_f64().ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_a_burst_then_refills_over_time() {
        let start = Instant::now();
        let mut limiter = RateLimiter::new(3, start);
        assert!((0..3).all(|_| limiter.acquire(start).is_ok()));
        assert_eq!(limiter.acquire(start), Err(1));
        let later = start + Duration::from_millis(400);
        assert_eq!(limiter.acquire(later), Ok(()));
        assert_eq!(limiter.acquire(later), Err(1));
        let much_later = start + Duration::from_secs(10);
        assert!((0..3).all(|_| limiter.acquire(much_later).is_ok()));
        assert!(
            limiter.acquire(much_later).is_err(),
            "the bucket holds at most N"
        );
    }
}
