//! The Customers API calls the carts flows need: customer tokens.

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Error, Result};
use crate::json;
use crate::request::{ApiRequest, Method};
use crate::validate;

/// `Customers.Token(email, password)` / `TokenViaPassword(email, password, headers?)`:
/// `POST /v2/customers/tokens`. Unlike the official SDK, the extra headers are really sent.
pub fn token(email: &str, password: &str, headers: Vec<(String, String)>) -> Result<ApiRequest> {
    if email.trim_ascii().is_empty() {
        return Err(Error::invalid_input("email must not be empty"));
    }
    if password.is_empty() {
        return Err(Error::invalid_input("password must not be empty"));
    }
    for (name, value) in &headers {
        validate::header(name, value)?;
    }
    let body = json::object(&[
        ("type", "token"),
        ("authentication_mechanism", "password"),
        ("email", email),
        ("password", password),
    ]);
    let mut req = ApiRequest::v2(Method::Post, "customers/tokens").body(json::wrap_data(&body));
    req.extra_headers = headers;
    Ok(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_body_and_headers() {
        let req = token(
            "ron@swanson.com",
            "p\"w",
            vec![("X-Shop".into(), "1".into())],
        )
        .unwrap();
        assert_eq!(req.path, "/v2/customers/tokens");
        let body: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"data": {"type": "token", "authentication_mechanism": "password",
                "email": "ron@swanson.com", "password": "p\"w"}})
        );
        assert_eq!(req.extra_headers, [("X-Shop".to_owned(), "1".to_owned())]);
    }

    #[test]
    fn empty_credentials_are_rejected() {
        assert!(token("", "x", vec![]).is_err());
        assert!(token("a@b.c", "", vec![]).is_err());
        assert!(token("a@b.c", "x", vec![("X".into(), "a\nb".into())]).is_err());
    }
}
