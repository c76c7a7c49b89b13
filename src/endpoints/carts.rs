//! The Carts API: what each method of `EPCC.Carts` / `EPCC.Cart(id)` sends.

use alloc::borrow::ToOwned;
use alloc::string::String;

use crate::error::Result;
use crate::json;
use crate::query::ListQuery;
use crate::request::{ApiRequest, Method};
use crate::validate;

/// Which relationship an association call changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Customer,
    Account,
}

impl Relation {
    fn path(self) -> &'static str {
        match self {
            Relation::Customer => "customers",
            Relation::Account => "accounts",
        }
    }

    fn type_name(self) -> &'static str {
        match self {
            Relation::Customer => "customer",
            Relation::Account => "account",
        }
    }

    /// How errors name the related id argument.
    pub fn id_name(self) -> &'static str {
        match self {
            Relation::Customer => "customer id",
            Relation::Account => "account id",
        }
    }

    /// How errors name the token argument.
    pub fn token_name(self) -> &'static str {
        match self {
            Relation::Customer => "customer token",
            Relation::Account => "account token",
        }
    }
}

fn cart_path(cart_id: &str, rest: &str) -> Result<String> {
    validate::id("cart id", cart_id)?;
    let mut path = String::from("carts/");
    path.push_str(cart_id);
    path.push_str(rest);
    Ok(path)
}

/// `AddCustomerAssociation` / `RemoveCustomerAssociation` / `AddAccountAssociation` /
/// `RemoveAccountAssociation`: `POST` or `DELETE /v2/carts/:id/relationships/{customers|accounts}`
/// with `{"data":[{"type":..,"id":..}]}`. A customer token travels as `X-MOLTIN-CUSTOMER-TOKEN`,
/// an account token as `EP-ACCOUNT-MANAGEMENT-AUTHENTICATION-TOKEN`.
pub fn association(
    method: Method,
    relation: Relation,
    cart_id: &str,
    related_id: &str,
    token: Option<&str>,
) -> Result<ApiRequest> {
    let mut rest = String::from("/relationships/");
    rest.push_str(relation.path());
    let path = cart_path(cart_id, &rest)?;
    validate::id(relation.id_name(), related_id)?;
    let mut body = String::from("[");
    body.push_str(&json::object(&[
        ("type", relation.type_name()),
        ("id", related_id),
    ]));
    body.push(']');
    let mut req = ApiRequest::v2(method, &path).body(json::wrap_data(&body));
    if let Some(token) = token {
        match relation {
            Relation::Customer => req = req.customer_token(Some(token))?,
            Relation::Account => {
                validate::token(relation.token_name(), token)?;
                req.extra_headers.push((
                    "EP-ACCOUNT-MANAGEMENT-AUTHENTICATION-TOKEN".to_owned(),
                    token.to_owned(),
                ));
            }
        }
    }
    Ok(req)
}

/// `GetCartsList(token?)`: `GET /v2/carts`, never with a query.
pub fn list(token: Option<&str>) -> Result<ApiRequest> {
    list_with(&ListQuery::default(), token)
}

/// `All(token?)`: `GET /v2/carts` with the builders' query.
pub fn list_with(query: &ListQuery, token: Option<&str>) -> Result<ApiRequest> {
    ApiRequest::v2(Method::Get, "carts")
        .query(query.to_query_string())
        .customer_token(token)
}

/// `Get()`: `GET /v2/carts/:id`, with `include` from `With`.
pub fn get(cart_id: &str, query: &ListQuery) -> Result<ApiRequest> {
    let include_only = ListQuery {
        include: query.include.clone(),
        ..ListQuery::default()
    };
    Ok(ApiRequest::v2(Method::Get, &cart_path(cart_id, "")?).query(include_only.to_query_string()))
}

/// `CreateCart(data, token?)`: `POST /v2/carts` with `{"data": data}`.
pub fn create(data_json: &str, token: Option<&str>) -> Result<ApiRequest> {
    ApiRequest::v2(Method::Post, "carts")
        .body(json::wrap_data(data_json))
        .customer_token(token)
}

/// `UpdateCart(data, token?)`: `PUT /v2/carts/:id` with `{"data": data}`.
pub fn update(cart_id: &str, data_json: &str, token: Option<&str>) -> Result<ApiRequest> {
    ApiRequest::v2(Method::Put, &cart_path(cart_id, "")?)
        .body(json::wrap_data(data_json))
        .customer_token(token)
}

/// `Delete()`: `DELETE /v2/carts/:id`.
pub fn delete(cart_id: &str) -> Result<ApiRequest> {
    Ok(ApiRequest::v2(Method::Delete, &cart_path(cart_id, "")?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::query::ListQuery;

    #[test]
    fn customer_association_with_token() {
        let req = association(
            Method::Post,
            Relation::Customer,
            "cart-1",
            "cust-1",
            Some("ct"),
        )
        .unwrap();
        assert_eq!(req.method, Method::Post);
        assert_eq!(req.path, "/v2/carts/cart-1/relationships/customers");
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"data":[{"type":"customer","id":"cust-1"}]}"#)
        );
        assert_eq!(req.customer_token.as_deref(), Some("ct"));
        assert!(req.extra_headers.is_empty());
    }

    #[test]
    fn association_body_is_the_documented_one() {
        let req = association(
            Method::Delete,
            Relation::Customer,
            "c",
            "b3f2b6de-8fd4",
            None,
        )
        .unwrap();
        let body: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"data": [{"type": "customer", "id": "b3f2b6de-8fd4"}]})
        );
        assert_eq!(req.customer_token, None);
    }

    #[test]
    fn account_association_uses_the_account_header() {
        let req = association(Method::Post, Relation::Account, "c", "acc", Some("at")).unwrap();
        assert_eq!(req.path, "/v2/carts/c/relationships/accounts");
        assert_eq!(req.customer_token, None);
        assert_eq!(
            req.extra_headers,
            [(
                "EP-ACCOUNT-MANAGEMENT-AUTHENTICATION-TOKEN".to_owned(),
                "at".to_owned()
            )]
        );
        assert!(req.body.unwrap().contains(r#""type":"account""#));
    }

    #[test]
    fn unsafe_ids_and_tokens_send_nothing() {
        for (cart, customer, token) in [
            ("a/b", "c", None),
            ("", "c", None),
            ("c", "../x", None),
            ("c", "", None),
            ("c", "x", Some("")),
            ("c", "x", Some("bad token")),
        ] {
            let err =
                association(Method::Post, Relation::Customer, cart, customer, token).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidInput);
        }
    }

    #[test]
    fn lists_carry_the_query_only_for_all() {
        let plain = list(Some("ct")).unwrap();
        assert_eq!(
            (plain.path.as_str(), plain.query.as_str()),
            ("/v2/carts", "")
        );
        assert_eq!(plain.customer_token.as_deref(), Some("ct"));
        assert_eq!(plain.body, None);

        let mut q = ListQuery {
            filter: Some("eq(name,x)".into()),
            ..ListQuery::default()
        };
        q.set_limit(1.0).unwrap();
        let all = list_with(&q, None).unwrap();
        assert_eq!(all.query, "page[limit]=1&filter=eq(name,x)");
    }

    #[test]
    fn get_keeps_only_include() {
        let mut q = ListQuery::default();
        q.set_limit(5.0).unwrap();
        q.set_include("items").unwrap();
        let req = get("c1", &q).unwrap();
        assert_eq!(
            (req.path.as_str(), req.query.as_str()),
            ("/v2/carts/c1", "include=items")
        );
    }

    #[test]
    fn create_update_delete() {
        let create = create(r#"{"name":"Bob's"}"#, Some("ct")).unwrap();
        assert_eq!(
            (create.method, create.path.as_str()),
            (Method::Post, "/v2/carts")
        );
        assert_eq!(create.body.as_deref(), Some(r#"{"data":{"name":"Bob's"}}"#));
        let update = update("c1", r#"{"name":"x"}"#, None).unwrap();
        assert_eq!(
            (update.method, update.path.as_str()),
            (Method::Put, "/v2/carts/c1")
        );
        let delete = delete("c1").unwrap();
        assert_eq!((delete.method, delete.body), (Method::Delete, None));
        assert!(super::delete("c 1").is_err());
    }
}
