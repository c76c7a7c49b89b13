//! Wall-clock time as the API shows it: whole seconds since the Unix epoch, printed as RFC 3339.

use std::time::{SystemTime, UNIX_EPOCH};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Seconds since the Unix epoch.
pub type Timestamp = i64;

/// One day in seconds.
pub const DAY: Timestamp = 24 * 60 * 60;

/// The current time, in whole seconds.
pub fn now() -> Timestamp {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(elapsed) => elapsed.as_secs() as Timestamp,
        Err(before_epoch) => -(before_epoch.duration().as_secs() as Timestamp),
    }
}

/// Formats a timestamp as RFC 3339 in UTC with second precision, e.g. `2022-12-03T15:51:44Z`.
pub fn rfc3339(at: Timestamp) -> String {
    OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|time| time.format(&Rfc3339).ok())
        // Only reachable for years outside 0..=9999, which no clock here produces.
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_second_precision_in_utc() {
        assert_eq!(rfc3339(1_670_082_704), "2022-12-03T15:51:44Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }
}
