//! The JSON shapes of the resources the emulator returns, as typed views over the store's data.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::clock::rfc3339;
use crate::listing::{pagination, Links, ListQuery, Meta};
use crate::store::{Cart, Customer, DiscountSettings, Page};

/// `{"data": ...}`, the envelope of single resources.
#[derive(Debug, Serialize)]
pub struct Data<T> {
    pub data: T,
}

/// A cart as the API shows it.
#[derive(Debug, Serialize)]
pub struct CartView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    name: &'a str,
    description: &'a str,
    discount_settings: DiscountSettings,
    links: SelfLink,
    meta: CartMeta,
    relationships: CartRelationships<'a>,
}

impl<'a> CartView<'a> {
    /// The view of `cart`, with links under `base_url`.
    pub fn new(cart: &'a Cart, base_url: &str) -> Self {
        CartView {
            kind: "cart",
            id: &cart.id,
            name: &cart.name,
            description: &cart.description,
            discount_settings: cart.discount_settings,
            links: SelfLink {
                self_link: format!("{base_url}/v2/carts/{}", cart.id),
            },
            meta: CartMeta {
                display_price: DisplayPrice::ZERO,
                timestamps: CartTimestamps {
                    created_at: rfc3339(cart.created_at),
                    updated_at: rfc3339(cart.updated_at),
                    expires_at: rfc3339(cart.expires_at()),
                },
            },
            relationships: CartRelationships {
                items: NoItems { data: None },
                customers: Related {
                    kind: "customer",
                    ids: &cart.customers,
                },
                accounts: Related {
                    kind: "account",
                    ids: &cart.accounts,
                },
            },
        }
    }
}

#[derive(Debug, Serialize)]
struct SelfLink {
    #[serde(rename = "self")]
    self_link: String,
}

#[derive(Debug, Serialize)]
struct CartMeta {
    display_price: DisplayPrice,
    timestamps: CartTimestamps,
}

#[derive(Debug, Serialize)]
struct CartTimestamps {
    created_at: String,
    updated_at: String,
    expires_at: String,
}

/// The prices of a cart; always zero, since emulated carts hold no items.
#[derive(Debug, Serialize)]
struct DisplayPrice {
    with_tax: Money,
    without_tax: Money,
    tax: Money,
    discount: Money,
    without_discount: Money,
}

impl DisplayPrice {
    const ZERO: DisplayPrice = DisplayPrice {
        with_tax: Money::ZERO,
        without_tax: Money::ZERO,
        tax: Money::ZERO,
        discount: Money::ZERO,
        without_discount: Money::ZERO,
    };
}

#[derive(Debug, Serialize)]
struct Money {
    amount: i64,
    currency: &'static str,
    formatted: &'static str,
}

impl Money {
    const ZERO: Money = Money {
        amount: 0,
        currency: "",
        formatted: "0",
    };
}

#[derive(Debug, Serialize)]
struct CartRelationships<'a> {
    items: NoItems,
    customers: Related<'a>,
    accounts: Related<'a>,
}

/// `{"data": null}`: an empty cart's items.
#[derive(Debug, Serialize)]
struct NoItems {
    data: Option<()>,
}

/// A to-many relationship: `{}` when empty, else `{"data":[{"type":...,"id":...}, ...]}`.
#[derive(Debug)]
struct Related<'a> {
    kind: &'static str,
    ids: &'a [String],
}

impl Serialize for Related<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.ids.is_empty() {
            return serializer.serialize_map(Some(0))?.end();
        }
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("data", &Identifiers(self.kind, self.ids))?;
        map.end()
    }
}

/// `[{"type": kind, "id": ...}, ...]`, the resource identifiers of a relationship.
#[derive(Debug)]
pub struct Identifiers<'a>(pub &'static str, pub &'a [String]);

impl Serialize for Identifiers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.1.len()))?;
        for id in self.1 {
            seq.serialize_element(&Identifier {
                kind: self.0,
                id: id.as_str(),
            })?;
        }
        seq.end()
    }
}

#[derive(Debug, Serialize)]
struct Identifier<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
}

/// A page of carts with its `links` and `meta`.
#[derive(Debug, Serialize)]
pub struct CartList<'a> {
    data: Vec<CartView<'a>>,
    links: Links,
    meta: Meta,
}

impl<'a> CartList<'a> {
    /// The listing document of `page`, answering `query`.
    pub fn new(page: &Page<'a>, query: &ListQuery, base_url: &str) -> Self {
        let (links, meta) = pagination(base_url, query, page.total);
        CartList {
            data: page
                .carts
                .iter()
                .map(|cart| CartView::new(cart, base_url))
                .collect(),
            links,
            meta,
        }
    }
}

/// A customer as the API shows it: the password only as a boolean.
#[derive(Debug, Serialize)]
pub struct CustomerView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    name: &'a str,
    email: &'a str,
    password: bool,
    meta: CustomerMeta,
}

#[derive(Debug, Serialize)]
struct CustomerMeta {
    timestamps: CustomerTimestamps,
}

#[derive(Debug, Serialize)]
struct CustomerTimestamps {
    created_at: String,
    updated_at: String,
}

impl<'a> CustomerView<'a> {
    /// The view of `customer`.
    pub fn new(customer: &'a Customer) -> Self {
        CustomerView {
            kind: "customer",
            id: &customer.id,
            name: &customer.name,
            email: &customer.email,
            password: customer.has_password(),
            meta: CustomerMeta {
                timestamps: CustomerTimestamps {
                    created_at: rfc3339(customer.created_at),
                    updated_at: rfc3339(customer.updated_at),
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn carts_have_the_documented_shape() {
        let mut cart = Cart {
            id: "abc".to_owned(),
            name: "My Cart".to_owned(),
            description: String::new(),
            discount_settings: DiscountSettings::default(),
            created_at: 1_670_082_704,
            updated_at: 1_670_082_704,
            seq: 1,
            customers: Vec::new(),
            accounts: Vec::new(),
        };
        let zero = json!({"amount": 0, "currency": "", "formatted": "0"});
        let expected = json!({
            "type": "cart", "id": "abc", "name": "My Cart", "description": "",
            "discount_settings": {"custom_discounts_enabled": false, "use_rule_promotions": false},
            "links": {"self": "https://h/v2/carts/abc"},
            "meta": {
                "display_price": {"with_tax": zero, "without_tax": zero, "tax": zero,
                                  "discount": zero, "without_discount": zero},
                "timestamps": {"created_at": "2022-12-03T15:51:44Z",
                               "updated_at": "2022-12-03T15:51:44Z",
                               "expires_at": "2022-12-10T15:51:44Z"}
            },
            "relationships": {"items": {"data": null}, "customers": {}, "accounts": {}}
        });
        assert_eq!(json!(CartView::new(&cart, "https://h")), expected);

        cart.customers.push("c1".to_owned());
        let relationships = &json!(CartView::new(&cart, "h"))["relationships"];
        assert_eq!(
            relationships["customers"],
            json!({"data": [{"type": "customer", "id": "c1"}]})
        );
    }
}
