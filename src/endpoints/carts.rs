//! The Carts API: what each cart method of `EPCC.Carts` / `EPCC.Cart(id)` sends, as routes.

use crate::endpoints::route::{Body, Check, Field, Last, Part, Query, Route, Token};
use crate::request::Method;

const CARTS: Part = Part::Text("carts");
const THIS_CART: &[Part] = &[CARTS, Part::Cart];

/// A route to this cart with the given method, body and token, no query.
const fn cart(method: Method, body: Body, token: Token) -> Route {
    Route {
        method,
        path: THIS_CART,
        query: Query::None,
        body,
        token,
        last: Last::None,
    }
}

/// `POST` (add) or `DELETE` (remove) `carts/:id/relationships/{customers|accounts}` with
/// `{"data":[{"type":..,"id":..}]}`. A customer token travels as `X-MOLTIN-CUSTOMER-TOKEN`, an
/// account token as `EP-Account-Management-Authentication-Token`.
const fn association(method: Method, account: bool) -> Route {
    Route {
        method,
        path: if account {
            &[CARTS, Part::Cart, Part::Text("relationships/accounts")]
        } else {
            &[CARTS, Part::Cart, Part::Text("relationships/customers")]
        },
        query: Query::None,
        body: Body::Fields {
            fields: if account {
                &[
                    ("type", Field::Text("account")),
                    ("id", Field::Arg("account id", Check::Id)),
                ]
            } else {
                &[
                    ("type", Field::Text("customer")),
                    ("id", Field::Arg("customer id", Check::Id)),
                ]
            },
            list: true,
        },
        token: if account {
            Token::Account
        } else {
            Token::Customer
        },
        last: Last::None,
    }
}

/// `AddCustomerAssociation(customerId, token?)`.
pub const ADD_CUSTOMER_ASSOCIATION: Route = association(Method::Post, false);
/// `RemoveCustomerAssociation(customerId, token?)`.
pub const REMOVE_CUSTOMER_ASSOCIATION: Route = association(Method::Delete, false);
/// `AddAccountAssociation(accountId, token?)`.
pub const ADD_ACCOUNT_ASSOCIATION: Route = association(Method::Post, true);
/// `RemoveAccountAssociation(accountId, token?)`.
pub const REMOVE_ACCOUNT_ASSOCIATION: Route = association(Method::Delete, true);

/// `GetCartsList(token?)`: `GET /v2/carts`, never with a query.
pub const LIST: Route = Route {
    method: Method::Get,
    path: &[CARTS],
    query: Query::None,
    body: Body::None,
    token: Token::Customer,
    last: Last::None,
};
/// `All(token?)`: `GET /v2/carts` with the builders' query.
pub const ALL: Route = Route {
    query: Query::List,
    ..LIST
};
/// `Get()`: `GET /v2/carts/:id`, with `include` from `With`.
pub const GET: Route = Route {
    query: Query::Include,
    ..cart(Method::Get, Body::None, Token::None)
};
/// `CreateCart(data, token?)`: `POST /v2/carts` with `{"data": data}`.
pub const CREATE: Route = Route {
    path: &[CARTS],
    ..cart(Method::Post, Body::Object("cart data"), Token::Customer)
};
/// `UpdateCart(data, token?)`: `PUT /v2/carts/:id` with `{"data": data}`.
pub const UPDATE: Route = cart(Method::Put, Body::Object("cart data"), Token::Customer);
/// `Delete()`: `DELETE /v2/carts/:id`.
pub const DELETE: Route = cart(Method::Delete, Body::None, Token::None);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::route::request;
    use crate::endpoints::route::test_args::{send, Values};
    use crate::error::ErrorKind;
    use crate::query::ListQuery;
    use alloc::borrow::ToOwned;

    #[test]
    fn customer_association_with_token() {
        let req = send(&ADD_CUSTOMER_ASSOCIATION, &[Some("cust-1"), Some("ct")]).unwrap();
        assert_eq!(req.method, Method::Post);
        assert_eq!(req.path, "/v2/carts/c1/relationships/customers");
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"data":[{"type":"customer","id":"cust-1"}]}"#)
        );
        assert_eq!(req.customer_token.as_deref(), Some("ct"));
        assert!(req.extra_headers.is_empty());
        let req = send(&REMOVE_CUSTOMER_ASSOCIATION, &[Some("b3f2b6de-8fd4")]).unwrap();
        assert_eq!(req.method, Method::Delete);
        assert_eq!(req.customer_token, None);
    }

    #[test]
    fn account_association_uses_the_account_header() {
        let req = send(&ADD_ACCOUNT_ASSOCIATION, &[Some("acc"), Some("at")]).unwrap();
        assert_eq!(req.path, "/v2/carts/c1/relationships/accounts");
        assert_eq!(req.customer_token, None);
        assert_eq!(
            req.extra_headers,
            [(
                "EP-Account-Management-Authentication-Token".to_owned(),
                "at".to_owned()
            )]
        );
        assert!(req.body.unwrap().contains(r#""type":"account""#));
        assert_eq!(REMOVE_ACCOUNT_ASSOCIATION.method, Method::Delete);
    }

    #[test]
    fn unsafe_ids_and_tokens_send_nothing() {
        for (customer, token) in [
            ("../x", None),
            ("", None),
            ("x", Some("")),
            ("x", Some("bad token")),
        ] {
            let err = send(&ADD_CUSTOMER_ASSOCIATION, &[Some(customer), token]).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidInput);
        }
        let err = request(
            &DELETE,
            &Ok("c 1".into()),
            ListQuery::default,
            &Values(vec![]),
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidInput);
    }

    #[test]
    fn lists_carry_the_query_only_for_all() {
        let mut q = ListQuery {
            filter: Some("eq(name,x)".into()),
            ..ListQuery::default()
        };
        q.set_limit(1.0).unwrap();
        let plain = request(
            &LIST,
            &Ok("c".into()),
            || q.clone(),
            &Values(vec![Some("ct")]),
        );
        let plain = plain.unwrap();
        assert_eq!(
            (plain.path.as_str(), plain.query.as_str()),
            ("/v2/carts", "")
        );
        assert_eq!(plain.customer_token.as_deref(), Some("ct"));
        assert_eq!(plain.body, None);
        let all = request(&ALL, &Ok("c".into()), || q.clone(), &Values(vec![])).unwrap();
        assert_eq!(all.query, "page[limit]=1&filter=eq(name,x)");
    }

    #[test]
    fn get_keeps_only_include() {
        let mut q = ListQuery::default();
        q.set_limit(5.0).unwrap();
        q.set_include("items").unwrap();
        let req = request(&GET, &Ok("c1".into()), || q, &Values(vec![])).unwrap();
        assert_eq!(
            (req.path.as_str(), req.query.as_str()),
            ("/v2/carts/c1", "include=items")
        );
    }

    #[test]
    fn create_update_delete() {
        let create = send(&CREATE, &[Some(r#"{"name":"Bob's"}"#), Some("ct")]).unwrap();
        assert_eq!(
            (create.method, create.path.as_str()),
            (Method::Post, "/v2/carts")
        );
        assert_eq!(create.body.as_deref(), Some(r#"{"data":{"name":"Bob's"}}"#));
        assert_eq!(create.customer_token.as_deref(), Some("ct"));
        let update = send(&UPDATE, &[Some(r#"{"name":"x"}"#)]).unwrap();
        assert_eq!(
            (update.method, update.path.as_str()),
            (Method::Put, "/v2/carts/c1")
        );
        let delete = send(&DELETE, &[]).unwrap();
        assert_eq!((delete.method, delete.body), (Method::Delete, None));
    }
}
