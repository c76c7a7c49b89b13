//! Argument checks done before anything is sent.

use alloc::string::String;

use crate::error::{Error, Result};
use crate::text::{all_bytes, concat};

/// Longest id or token the SDK accepts; anything longer is a bug in the caller.
pub const MAX_ID_LEN: usize = 255;
const MAX_TOKEN_LEN: usize = 8192;
// The limits as messages print them (no number formatting in the binary).
const MAX_ID_LEN_TEXT: &str = "255";
const MAX_TOKEN_LEN_TEXT: &str = "8192";

/// Checks text that must not be empty; with `trim`, nor only spaces.
pub fn not_empty(what: &str, value: &str, trim: bool) -> Result<()> {
    let value = if trim { value.trim_ascii() } else { value };
    if value.is_empty() {
        return Err(Error::invalid(&[what, " must not be empty"]));
    }
    Ok(())
}

/// Checks an id that goes into a URL path: cart, customer or account ids.
///
/// EPCC's "safe characters" are letters, digits, `_` and `-`; anything else could change the path
/// (`/`, `..`, `?`, `#`, `%`) and is rejected rather than encoded.
pub fn id(what: &str, value: &str) -> Result<()> {
    not_empty(what, value, false)?;
    if value.len() > MAX_ID_LEN {
        return Err(Error::invalid(&[
            what,
            " is longer than ",
            MAX_ID_LEN_TEXT,
            " characters",
        ]));
    }
    if !all_bytes(value.as_bytes(), is_safe_byte) {
        return Err(Error::invalid(&[
            what,
            " may contain only letters, digits, '_' and '-'",
        ]));
    }
    Ok(())
}

/// `value` as a whole number from `min` to `max`, or `None` (fractions, NaN, out of range).
pub fn whole_number(value: f64, min: u32, max: u32) -> Option<u32> {
    // In range first, so the cast is exact for every whole number; NaN fails both comparisons.
    let in_range = value >= f64::from(min) && value <= f64::from(max);
    (in_range && f64::from(value as u32) == value).then_some(value as u32)
}

fn is_safe_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Checks a token that goes into a header (customer or account-management token).
pub fn token(what: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid(&[
            what,
            " must not be empty; leave it out to call without one",
        ]));
    }
    // A loop of its own, not `all_bytes`: a call's token is checked on every call, and a check
    // through a function pointer is an indirect call per byte (about 2 us a call in a CPU
    // profile against the emulator, with a 248-character token).
    if value.len() > MAX_TOKEN_LEN || value.bytes().any(|b| !(0x21..=0x7e).contains(&b)) {
        return Err(Error::invalid(&[
            what,
            " is not a valid token (visible ASCII, at most ",
            MAX_TOKEN_LEN_TEXT,
            " characters)",
        ]));
    }
    Ok(())
}

/// Checks headers given in the config or per call, each as [`header`] does.
pub fn headers(headers: &[(String, String)]) -> Result<()> {
    for (name, value) in headers {
        header(name, value)?;
    }
    Ok(())
}

/// Checks a header value given in the config or per call: no line breaks, no characters a header
/// cannot carry.
pub fn header(name: &str, value: &str) -> Result<()> {
    let name_ok = !name.is_empty()
        && all_bytes(name.as_bytes(), |b| {
            b.is_ascii_alphanumeric() || crate::text::is_one_of(b, b"!#$%&'*+-.^_`|~")
        });
    if !name_ok {
        return Err(Error::invalid(&["'", name, "' is not a valid header name"]));
    }
    header_value(&concat(&["the value of header '", name, "'"]), value)
}

/// Checks a value sent as a header, such as `config.currency`: no line breaks, nothing beyond
/// Latin-1 (fetch refuses those, and a line break could smuggle in another header).
pub fn header_value(what: &str, value: &str) -> Result<()> {
    // On bytes: in UTF-8 a character beyond Latin-1 (U+0100 and up) starts with 0xC4 or more.
    if !all_bytes(value.as_bytes(), |b| {
        !(b == b'\r' || b == b'\n' || b == 0 || b >= 0xc4)
    }) {
        return Err(Error::invalid(&[
            what,
            " contains characters a header cannot carry (line breaks, or beyond Latin-1)",
        ]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn limits_print_as_their_values() {
        assert_eq!(MAX_ID_LEN_TEXT, MAX_ID_LEN.to_string());
        assert_eq!(MAX_TOKEN_LEN_TEXT, MAX_TOKEN_LEN.to_string());
    }

    #[test]
    fn whole_numbers_in_range_only() {
        assert_eq!(whole_number(5.0, 1, 100), Some(5));
        assert_eq!(whole_number(4_294_967_295.0, 0, u32::MAX), Some(u32::MAX));
        for bad in [0.5, -1.0, 101.0, f64::NAN, f64::INFINITY, 4_294_967_296.0] {
            assert_eq!(whole_number(bad, 0, 100), None, "{bad}");
        }
    }

    #[test]
    fn accepts_safe_ids() {
        for ok in ["a", "3f81126c-aa", "My_Cart-2", &"x".repeat(MAX_ID_LEN)] {
            assert!(id("cart id", ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_unsafe_ids() {
        let long = "x".repeat(MAX_ID_LEN + 1);
        for bad in [
            "",
            "a/b",
            "..",
            "a?b",
            "a#b",
            "a%2F",
            "a b",
            "caf\u{e9}",
            "\u{1F6D2}",
            &long,
        ] {
            let err = id("cart id", bad).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidInput, "{bad}");
            assert!(err.message.starts_with("cart id "), "{}", err.message);
        }
    }

    #[test]
    fn tokens_must_be_visible_ascii() {
        assert!(token("customer token", "eyJh.eyJz.sig-_").is_ok());
        for bad in ["", "a b", "a\nb", "t\u{e9}", &"t".repeat(MAX_TOKEN_LEN + 1)] {
            assert_eq!(
                token("customer token", bad).unwrap_err().kind,
                ErrorKind::InvalidInput
            );
        }
    }

    #[test]
    fn header_values_are_checked_on_their_own() {
        assert!(header_value("config.currency", "EUR").is_ok());
        let err = header_value("config.currency", "EUR\r\nX-Injected: 1").unwrap_err();
        assert!(
            err.message.starts_with("config.currency "),
            "{}",
            err.message
        );
        assert!(header_value("config.language", "\u{1F6D2}").is_err());
        assert!(
            header_value("x", "caf\u{e9} \u{ff}").is_ok(),
            "Latin-1 is fine"
        );
        for beyond in ["\u{100}", "\u{263a}", "a\u{7ff}"] {
            assert!(header_value("x", beyond).is_err(), "{beyond}");
        }
    }

    #[test]
    fn headers_reject_line_breaks() {
        assert!(header("X-Shop", "blue shoes").is_ok());
        assert!(header("X-Shop", "a\r\nSet-Cookie: x").is_err());
        assert!(header("Bad Name", "x").is_err());
        assert!(header("X-Shop", "\u{263a}").is_err());
    }
}
