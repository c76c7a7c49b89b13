//! The Customers API calls the carts flows need: customer tokens.

use crate::endpoints::route::{Body, Check, Field, Last, Part, Query, Route, Token};
use crate::request::Method;

/// `Customers.Token(email, password)`: `POST /v2/customers/tokens`.
pub const TOKEN: Route = Route {
    method: Method::Post,
    path: &[Part::Text("customers/tokens")],
    query: Query::None,
    body: Body::Fields {
        fields: &[
            ("type", Field::Text("token")),
            ("authentication_mechanism", Field::Text("password")),
            ("email", Field::Arg("email", Check::Blank)),
            ("password", Field::Arg("password", Check::Empty)),
        ],
        list: false,
    },
    token: Token::None,
    last: Last::None,
};

/// `Customers.TokenViaPassword(email, password, headers?)`. Unlike the official SDK, the
/// extra headers are really sent.
pub const TOKEN_VIA_PASSWORD: Route = Route {
    last: Last::Headers,
    ..TOKEN
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::route::test_args::send;
    use alloc::borrow::ToOwned;

    #[test]
    fn token_body_and_headers() {
        let req = send(
            &TOKEN_VIA_PASSWORD,
            &[
                Some("ron@swanson.com"),
                Some("p\"w"),
                Some(r#"{"X-Shop":"1"}"#),
            ],
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
        let req = send(
            &TOKEN,
            &[Some("a@b.c"), Some("x"), Some(r#"{"X-Shop":"1"}"#)],
        )
        .unwrap();
        assert!(req.extra_headers.is_empty(), "Token takes no headers");
    }

    #[test]
    fn empty_credentials_are_rejected() {
        let refused =
            |args: &[Option<&str>]| send(&TOKEN_VIA_PASSWORD, args).unwrap_err().message.clone();
        assert_eq!(refused(&[Some(" "), Some("x")]), "email must not be empty");
        assert_eq!(
            refused(&[Some("a@b.c"), Some("")]),
            "password must not be empty"
        );
        assert!(send(&TOKEN_VIA_PASSWORD, &[Some("a@b.c"), Some(" "), None]).is_ok());
        assert!(send(
            &TOKEN_VIA_PASSWORD,
            &[Some("a@b.c"), Some("x"), Some(r#"{"X":"a\nb"}"#)]
        )
        .is_err());
    }
}
