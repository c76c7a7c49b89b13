//! Text without `core::fmt`: messages are built by joining pieces, numbers written by hand. The
//! formatting machinery would be the largest single thing in the `.wasm`.

use alloc::string::String;

/// The pieces joined into one string: `concat(&[what, " must not be empty"])`.
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Whether `b` is one of the bytes in `set`. A plain loop: `<[u8]>::contains` would bring in
/// core's `memchr`, which is built for long haystacks.
pub fn is_one_of(b: u8, set: &[u8]) -> bool {
    for &c in set {
        if c == b {
            return true;
        }
    }
    false
}

/// Whether every byte of `text` passes `test`. One loop serves every such check: the tests are
/// plain functions, where a closure per check would make the compiler copy the loop for each.
#[inline(never)]
pub fn all_bytes(text: &[u8], test: fn(u8) -> bool) -> bool {
    for &b in text {
        if !test(b) {
            return false;
        }
    }
    true
}

/// Appends an ASCII byte (the mask tells the compiler it takes one byte in UTF-8).
pub fn push_ascii(out: &mut String, b: u8) {
    out.push(char::from(b & 0x7f));
}

/// Appends `n` in decimal.
pub fn push_u64(out: &mut String, n: u64) {
    if n >= 10 {
        push_u64(out, n / 10);
    }
    push_ascii(out, b'0' + (n % 10) as u8);
}

/// `n` in decimal.
pub fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_u64(&mut out, n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_round_trip() {
        for n in [0u64, 7, 10, 429, 10_000, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn joins_pieces() {
        assert_eq!(
            concat(&["cart id", " must not be empty"]),
            "cart id must not be empty"
        );
        assert_eq!(concat(&[]), "");
    }
}
