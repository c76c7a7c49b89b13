//! The little JSON the SDK writes itself: the `data` envelope around a body.
//!
//! Everything else is the JavaScript engine's: the bindings turn objects and strings into JSON
//! with `JSON.stringify` (so the module carries no string escaping of its own) and parse
//! responses with `JSON.parse`, which keeps a JSON library out of the wasm binary.

use alloc::string::String;

/// `{"data":<data>}` where `data` is already JSON.
pub fn wrap_data(data_json: &str) -> String {
    envelope(data_json, None)
}

/// `{"data":<data>}`, or `{"data":<data>,"options":<options>}`; both are JSON already.
pub fn envelope(data_json: &str, options_json: Option<&str>) -> String {
    let mut body = String::from("{\"data\":");
    body.push_str(data_json);
    if let Some(options) = options_json {
        body.push_str(",\"options\":");
        body.push_str(options);
    }
    body.push('}');
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_data() {
        let body = wrap_data(r#"{"type":"customer","id":"c-1"}"#);
        assert_eq!(body, r#"{"data":{"type":"customer","id":"c-1"}}"#);
        let body = envelope("[1]", Some("{}"));
        assert_eq!(body, r#"{"data":[1],"options":{}}"#);
    }
}
