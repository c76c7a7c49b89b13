//! The little JSON the SDK writes itself: request bodies around ids and credentials.
//!
//! Responses are parsed by the JavaScript engine (`JSON.parse`), which keeps a JSON library out of
//! the wasm binary.

use alloc::string::String;

use crate::text;

/// Appends `value` as a JSON string literal, quotes included. Works on bytes: everything JSON
/// escapes is ASCII, and the text between escapes is copied as it is.
pub fn push_string(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut copied = 0;
    for (i, b) in value.bytes().enumerate() {
        let (escape, code) = match b {
            b'"' => ("\\\"", false),
            b'\\' => ("\\\\", false),
            b'\n' => ("\\n", false),
            b'\r' => ("\\r", false),
            b'\t' => ("\\t", false),
            0..=0x1f => ("\\u00", true),
            _ => continue,
        };
        // `i` is at an ASCII byte, so at a character boundary.
        out.push_str(value.get(copied..i).unwrap_or_default());
        out.push_str(escape);
        if code {
            text::push_ascii(out, HEX[usize::from(b >> 4)]);
            text::push_ascii(out, HEX[usize::from(b & 0xf)]);
        }
        copied = i + 1;
    }
    out.push_str(value.get(copied..).unwrap_or_default());
    out.push('"');
}

/// `{"data":<data>}` where `data` is already JSON.
pub fn wrap_data(data_json: &str) -> String {
    let mut out = String::with_capacity(data_json.len() + 9);
    out.push_str("{\"data\":");
    out.push_str(data_json);
    out.push('}');
    out
}

/// `{"data":<data>}`, or `{"data":<data>,"options":<options>}`; both are JSON already.
pub fn envelope(data_json: &str, options_json: Option<&str>) -> String {
    let mut body = wrap_data(data_json);
    if let Some(options) = options_json {
        body.pop();
        body.push_str(",\"options\":");
        body.push_str(options);
        body.push('}');
    }
    body
}

/// An object of string fields, in order: `{"k1":"v1","k2":"v2"}`.
pub fn object(fields: &[(&str, &str)]) -> String {
    let mut out = String::from("{");
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_string(&mut out, key);
        out.push(':');
        push_string(&mut out, value);
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_json_requires() {
        let mut out = String::new();
        push_string(&mut out, "a\"b\\c\nd\u{1}\u{e9}\u{1f}\t\u{1F6D2}z");
        assert_eq!(out, r#""a\"b\\c\nd\u0001é\u001f\t🛒z""#);
        let parsed: String = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed, "a\"b\\c\nd\u{1}\u{e9}\u{1f}\t\u{1F6D2}z");
    }

    #[test]
    fn builds_objects_and_wraps_data() {
        let body = wrap_data(&object(&[("type", "customer"), ("id", "c-1")]));
        assert_eq!(body, r#"{"data":{"type":"customer","id":"c-1"}}"#);
    }
}
