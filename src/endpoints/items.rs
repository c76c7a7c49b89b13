//! The rest of the cart: items, promotions, taxes, custom discounts, merging and checkout, plus
//! the orders checkout makes. What each call of `EPCC.Carts` / `EPCC.Cart(id)` / `EPCC.Orders`
//! sends, as the official SDK sends it except where a comment says otherwise.
//!
//! Most are [`Route`]s; the calls whose bodies mix the SDK's fields with the caller's values
//! are functions. Bodies that merge a caller's object with fields the SDK sets are assembled by
//! the bindings (a JS object spread), from the fields these functions name; everything else is
//! here.

use alloc::string::String;

use crate::endpoints::route::{self, Body, Check, Last, Part, Query, Route, Token};
use crate::error::{Error, Result};
use crate::json;
use crate::request::{ApiRequest, Method};
use crate::validate;

/// A call on a cart, `carts/{cart}{rest}`, or on one of its items,
/// `carts/{cart}/items/{item}{rest}`, with `{"data": data}`. The ids are checked.
pub fn cart_call(
    method: Method,
    cart_id: &str,
    item_id: Option<&str>,
    rest: &str,
    data_json: &str,
) -> Result<ApiRequest> {
    validate::id("cart id", cart_id)?;
    let mut path = String::from("carts/");
    path.push_str(cart_id);
    if let Some(item) = item_id {
        validate::id("item id", item)?;
        path.push_str("/items/");
        path.push_str(item);
    }
    path.push_str(rest);
    Ok(ApiRequest::v2(method, &path).body(json::wrap_data(data_json)))
}

const CARTS: Part = Part::Text("carts");
const ITEMS: Part = Part::Text("items");
const ITEM: Part = Part::Id("item id");
const TAXES: Part = Part::Text("taxes");
const TAX_ITEM: Part = Part::Id("tax item id");
const DISCOUNTS: Part = Part::Text("custom-discounts");
const DISCOUNT_ID: Part = Part::Id("custom discount id");
const CART_ITEMS: &[Part] = &[CARTS, Part::Cart, ITEMS];
const CART_ITEM: &[Part] = &[CARTS, Part::Cart, ITEMS, ITEM];
const ITEM_TAXES: &[Part] = &[CARTS, Part::Cart, ITEMS, ITEM, TAXES];
const ITEM_TAX: &[Part] = &[CARTS, Part::Cart, ITEMS, ITEM, TAXES, TAX_ITEM];
const CART_DISCOUNTS: &[Part] = &[CARTS, Part::Cart, DISCOUNTS];
const CART_DISCOUNT: &[Part] = &[CARTS, Part::Cart, DISCOUNTS, DISCOUNT_ID];
const ITEM_DISCOUNTS: &[Part] = &[CARTS, Part::Cart, ITEMS, ITEM, DISCOUNTS];
const ITEM_DISCOUNT: &[Part] = &[CARTS, Part::Cart, ITEMS, ITEM, DISCOUNTS, DISCOUNT_ID];
const TAX: Body = Body::Typed {
    what: "tax",
    kind: "tax_item",
};
const DISCOUNT: Body = Body::Typed {
    what: "discount",
    kind: "custom_discount",
};

/// A route with no query and no token.
const fn to(method: Method, path: &'static [Part], body: Body) -> Route {
    Route {
        method,
        path,
        query: Query::None,
        body,
        token: Token::None,
        last: Last::None,
    }
}

/// `Items()`: `GET /v2/carts/{cart}/items` with the builders' query.
pub const LIST_ITEMS: Route = Route {
    query: Query::List,
    ..to(Method::Get, CART_ITEMS, Body::None)
};
/// `AddCustomItem(item)`.
pub const ADD_CUSTOM_ITEM: Route = to(
    Method::Post,
    CART_ITEMS,
    Body::Typed {
        what: "item",
        kind: "custom_item",
    },
);
/// `POST carts/{cart}/items` with a body of these fields, then a customer token.
const fn post_items(fields: &'static [(&'static str, route::Field)]) -> Route {
    Route {
        token: Token::Customer,
        ..to(
            Method::Post,
            CART_ITEMS,
            Body::Fields {
                fields,
                list: false,
            },
        )
    }
}

/// `AddPromotion(code, token?)`: `{"type":"promotion_item","code":..}`.
pub const ADD_PROMOTION: Route = post_items(&[
    ("type", route::Field::Text("promotion_item")),
    ("code", route::Field::Arg("promotion code", Check::Blank)),
]);
/// `Merge(guestCartId, token?, options?)`: the guest cart's items into this cart,
/// `{"data":{"type":"cart_items","cart_id":..},"options":{...}}`.
pub const MERGE: Route = Route {
    last: Last::Options,
    ..post_items(&[
        ("type", route::Field::Text("cart_items")),
        ("cart_id", route::Field::Arg("cart id to merge", Check::Id)),
    ])
};
/// `BulkAdd(items, options?)`.
pub const BULK_ADD: Route = to(Method::Post, CART_ITEMS, Body::Bulk("items"));
/// `RemoveItem(itemId)`.
pub const REMOVE_ITEM: Route = to(Method::Delete, CART_ITEM, Body::None);
/// `RemoveAllItems()`.
pub const REMOVE_ALL_ITEMS: Route = to(Method::Delete, CART_ITEMS, Body::None);
/// `AddItemTax(itemId, tax)`.
pub const ADD_ITEM_TAX: Route = to(Method::Post, ITEM_TAXES, TAX);
/// `BulkAddItemTax(taxes, options?)`.
pub const BULK_ADD_ITEM_TAX: Route = to(
    Method::Post,
    &[CARTS, Part::Cart, TAXES],
    Body::Bulk("taxes"),
);
/// `UpdateItemTax(itemId, taxItemId, tax)`.
pub const UPDATE_ITEM_TAX: Route = to(Method::Put, ITEM_TAX, TAX);
/// `RemoveItemTax(itemId, taxItemId)`.
pub const REMOVE_ITEM_TAX: Route = to(Method::Delete, ITEM_TAX, Body::None);
/// `AddCartCustomDiscount(discount)`.
pub const ADD_CART_DISCOUNT: Route = to(Method::Post, CART_DISCOUNTS, DISCOUNT);
/// `BulkAddCartCustomDiscount(discounts, options?)`.
pub const BULK_ADD_CART_DISCOUNT: Route = to(Method::Post, CART_DISCOUNTS, Body::Bulk("discounts"));
/// `UpdateCartCustomDiscount(discountId, discount)`.
pub const UPDATE_CART_DISCOUNT: Route = to(Method::Put, CART_DISCOUNT, DISCOUNT);
/// `RemoveCartCustomDiscount(discountId)`.
pub const REMOVE_CART_DISCOUNT: Route = to(Method::Delete, CART_DISCOUNT, Body::None);
/// `AddItemCustomDiscount(itemId, discount)`.
pub const ADD_ITEM_DISCOUNT: Route = to(Method::Post, ITEM_DISCOUNTS, DISCOUNT);
/// `UpdateItemCustomDiscount(itemId, discountId, discount)`.
pub const UPDATE_ITEM_DISCOUNT: Route = to(Method::Put, ITEM_DISCOUNT, DISCOUNT);
/// `RemoveItemCustomDiscount(itemId, discountId)`.
pub const REMOVE_ITEM_DISCOUNT: Route = to(Method::Delete, ITEM_DISCOUNT, Body::None);
/// `Orders.Get(orderId, token?)`: `GET /v2/orders/{id}`.
pub const ORDER: Route = Route {
    token: Token::Customer,
    ..to(
        Method::Get,
        &[Part::Text("orders"), Part::Id("order id")],
        Body::None,
    )
};
/// `Orders.Items(orderId, token?)`: `GET /v2/orders/{id}/items`.
pub const ORDER_ITEMS: Route = Route {
    path: &[Part::Text("orders"), Part::Id("order id"), ITEMS],
    ..ORDER
};

/// A quantity: a whole number from `min` (1 to add, 0 to update: 0 removes the item).
pub fn quantity(value: f64, min: u32) -> Result<u32> {
    validate::whole_number(value, min, 1_000_000).ok_or_else(|| {
        Error::invalid(&[
            "quantity must be a whole number from ",
            if min == 0 { "0" } else { "1" },
            " to 1000000",
        ])
    })
}

/// A value the SDK sets in a body that the caller's object is then spread over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    Text(&'a str),
    Number(u32),
}

/// A field the SDK sets: its key and value, in the order the official SDK writes them.
pub type Field<'a> = (&'static str, Value<'a>);

/// The SDK's fields of a product item: `type: "cart_item"`, `id` (or `sku`) and `quantity`. The
/// caller's `data` is spread over them (the official SDK's order).
pub fn product_fields(product: &str, quantity: u32, is_sku: bool) -> Result<[Field<'_>; 3]> {
    validate::not_empty(if is_sku { "sku" } else { "product id" }, product, false)?;
    if !is_sku {
        validate::id("product id", product)?;
    }
    Ok([
        ("type", Value::Text("cart_item")),
        (if is_sku { "sku" } else { "id" }, Value::Text(product)),
        ("quantity", Value::Number(quantity)),
    ])
}

/// `type: "cart_item"`, `id` and `quantity` for `UpdateItem` / `UpdateItemQuantity`.
pub fn item_fields(item_id: &str, quantity: u32) -> Result<[Field<'_>; 3]> {
    validate::id("item id", item_id)?;
    Ok([
        ("type", Value::Text("cart_item")),
        ("id", Value::Text(item_id)),
        ("quantity", Value::Number(quantity)),
    ])
}

fn check_promotion_code(code: &str) -> Result<()> {
    validate::not_empty("promotion code", code, true)
}

/// `Checkout` / `CheckoutWithAccountManagementToken` post to `carts/{cart}/checkout`
/// `{"data":{"billing_address":..,"shipping_address":..,"customer"|"contact":..}}`: this is its
/// `data`. `party` is `customer` or `contact`; the JSON arguments are objects already.
pub fn checkout_data(
    party: &str,
    party_json: &str,
    billing_json: &str,
    shipping_json: &str,
) -> String {
    let mut data = String::from("{\"billing_address\":");
    data.push_str(billing_json);
    data.push_str(",\"shipping_address\":");
    data.push_str(shipping_json);
    // `party` is one of two words, written as they are.
    data.push_str(",\"");
    data.push_str(party);
    data.push_str("\":");
    data.push_str(party_json);
    data.push('}');
    data
}

/// A customer (or contact) given by id, as the official SDK sends it: `{"id":..}`.
pub fn party_by_id(what: &str, id: &str) -> Result<String> {
    validate::id(what, id)?;
    // An id holds letters, digits, `_` and `-` only: nothing to escape.
    Ok(crate::text::concat(&["{\"id\":\"", id, "\"}"]))
}

/// The fields `UpdateItems` sets after an item's other fields, by the item's type: a product
/// item's `id` and `quantity`, a promotion's `code`, nothing for other types (as the official
/// SDK does). The first `n` of the three, as `(fields, n)`.
pub fn update_fields<'a>(
    kind: &str,
    id: &'a str,
    quantity: Option<u32>,
) -> Result<([Field<'a>; 3], usize)> {
    let none = ("type", Value::Text(""));
    match kind {
        "cart_item" => {
            let quantity = quantity.ok_or_else(|| {
                Error::invalid_input("UpdateItems: every cart_item needs a quantity")
            })?;
            Ok((item_fields(id, quantity)?, 3))
        }
        "promotion_item" => {
            check_promotion_code(id)?;
            let fields = [
                ("type", Value::Text("promotion_item")),
                ("code", Value::Text(id)),
                none,
            ];
            Ok((fields, 2))
        }
        _ => Ok(([none; 3], 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::route::request;
    use crate::endpoints::route::test_args::{send, Values};
    use crate::query::ListQuery;

    #[test]
    fn item_routes() {
        let req = send(&REMOVE_ITEM, &[Some("i1")]).unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Delete, "/v2/carts/c1/items/i1")
        );
        assert_eq!(req.body, None);
        let req = send(&UPDATE_ITEM_TAX, &[Some("i1"), Some("t1"), Some("{}")]).unwrap();
        assert_eq!(req.path, "/v2/carts/c1/items/i1/taxes/t1");
        assert_eq!(req.body.as_deref(), Some(r#"{"data":{"type":"tax_item"}}"#));
        let req = send(&ADD_ITEM_DISCOUNT, &[Some("i1"), Some(r#"{"amount":5}"#)]).unwrap();
        assert_eq!(req.path, "/v2/carts/c1/items/i1/custom-discounts");
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"data":{"amount":5,"type":"custom_discount"}}"#)
        );
        let req = send(&REMOVE_CART_DISCOUNT, &[Some("d1")]).unwrap();
        assert_eq!(req.path, "/v2/carts/c1/custom-discounts/d1");
        assert!(send(&REMOVE_ITEM, &[Some("a/b")]).is_err());
        assert!(send(&REMOVE_ITEM_TAX, &[Some("i1"), Some("..")]).is_err());
        let req = send(&ADD_CUSTOM_ITEM, &[Some(r#"{"name":"Gift wrap"}"#)]).unwrap();
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"data":{"name":"Gift wrap","type":"custom_item"}}"#)
        );
    }

    #[test]
    fn bulk_bodies_are_wrapped_once() {
        let req = send(&BULK_ADD, &[Some("[1]")]).unwrap();
        assert_eq!(req.path, "/v2/carts/c1/items");
        assert_eq!(req.body.as_deref(), Some(r#"{"data":[1]}"#));
        let req = send(
            &BULK_ADD_ITEM_TAX,
            &[Some("[1]"), Some(r#"{"add_all_or_nothing":true}"#)],
        )
        .unwrap();
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"data":[1],"options":{"add_all_or_nothing":true}}"#)
        );
        assert_eq!(req.path, "/v2/carts/c1/taxes");
    }

    #[test]
    fn composite_calls_share_the_cart_path() {
        let req = cart_call(Method::Put, "c1", Some("i1"), "", "{}").unwrap();
        assert_eq!(req.path, "/v2/carts/c1/items/i1");
        assert_eq!(req.body.as_deref(), Some(r#"{"data":{}}"#));
        let req = cart_call(Method::Post, "c1", None, "/checkout", "{}").unwrap();
        assert_eq!(req.path, "/v2/carts/c1/checkout");
        assert!(cart_call(Method::Put, "c1", Some("a/b"), "", "{}").is_err());
        assert!(cart_call(Method::Put, "c 1", None, "", "{}").is_err());
    }

    #[test]
    fn product_and_item_fields() {
        use Value::{Number, Text};
        assert_eq!(
            product_fields("p-1", 2, false).unwrap(),
            [
                ("type", Text("cart_item")),
                ("id", Text("p-1")),
                ("quantity", Number(2))
            ]
        );
        assert_eq!(
            product_fields("SKU 1/2", 1, true).unwrap()[1],
            ("sku", Text("SKU 1/2"))
        );
        assert!(
            product_fields("a/b", 1, false).is_err(),
            "ids go into no path, but stay safe"
        );
        assert!(product_fields("", 1, true).is_err());
        assert_eq!(
            item_fields("i1", 0).unwrap(),
            [
                ("type", Text("cart_item")),
                ("id", Text("i1")),
                ("quantity", Number(0))
            ]
        );
        assert!(item_fields("../i1", 1).is_err());
        assert_eq!(quantity(3.0, 1).unwrap(), 3);
        for bad in [0.0, 1.5, -1.0, f64::NAN, 1e7] {
            assert!(quantity(bad, 1).is_err(), "{bad}");
        }
        assert_eq!(quantity(0.0, 0).unwrap(), 0);
    }

    #[test]
    fn promotions_merges_and_orders() {
        let req = send(&ADD_PROMOTION, &[Some("SAVE10"), Some("ct")]).unwrap();
        assert_eq!(req.path, "/v2/carts/c1/items");
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"data":{"type":"promotion_item","code":"SAVE10"}}"#)
        );
        assert_eq!(req.customer_token.as_deref(), Some("ct"));
        assert!(send(&ADD_PROMOTION, &[Some(" ")]).is_err());
        let req = send(&MERGE, &[Some("guest-1"), Some("ct")]).unwrap();
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"data":{"type":"cart_items","cart_id":"guest-1"},"options":{}}"#)
        );
        assert_eq!(req.customer_token.as_deref(), Some("ct"));
        let options = Some(r#"{"add_all_or_nothing":true}"#);
        let req = send(&MERGE, &[Some("guest-1"), None, options]).unwrap();
        assert!(req
            .body
            .unwrap()
            .ends_with(r#""options":{"add_all_or_nothing":true}}"#));
        assert!(send(&MERGE, &[Some("../x")]).is_err());
        let req = send(&ORDER, &[Some("o1"), Some("ct")]).unwrap();
        assert_eq!(req.path, "/v2/orders/o1");
        assert_eq!(req.customer_token.as_deref(), Some("ct"));
        assert_eq!(
            send(&ORDER_ITEMS, &[Some("o1")]).unwrap().path,
            "/v2/orders/o1/items"
        );
        assert!(send(&ORDER, &[Some("")]).is_err());
        let mut q = ListQuery::default();
        q.set_limit(5.0).unwrap();
        let req = request(&LIST_ITEMS, &Ok("c1".into()), || q, &Values(vec![])).unwrap();
        assert_eq!(req.query, "page[limit]=5");
    }

    #[test]
    fn checkout_bodies() {
        let customer = party_by_id("customer id", "cu-1").unwrap();
        let data = checkout_data("customer", &customer, r#"{"a":1}"#, r#"{"b":2}"#);
        let body: serde_json::Value = serde_json::from_str(&data).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"customer": {"id": "cu-1"}, "billing_address": {"a": 1},
                "shipping_address": {"b": 2}})
        );
        assert!(party_by_id("customer id", "").is_err());
        assert_eq!(update_fields("custom_item", "x", None).unwrap().1, 0);
        assert!(update_fields("cart_item", "i1", None).is_err());
        assert_eq!(
            update_fields("cart_item", "i1", Some(2)).unwrap(),
            (item_fields("i1", 2).unwrap(), 3)
        );
        let (fields, n) = update_fields("promotion_item", "SAVE10", None).unwrap();
        assert_eq!(
            fields[..n],
            [
                ("type", Value::Text("promotion_item")),
                ("code", Value::Text("SAVE10"))
            ]
        );
        assert!(update_fields("promotion_item", " ", None).is_err());
    }
}
