//! The JSON shapes of the resources the emulator returns, as typed views over the store's data.
//!
//! Carts, customers and listings are here; what carts hold, orders and the catalog are in the
//! submodules.

pub mod catalog;
pub mod items;
pub mod orders;

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::clock::rfc3339;
use crate::listing::{pagination, Links, ListQuery, Meta};
use crate::money::{format_usd, CURRENCY};
use crate::pricing::{price_cart, CartPricing};
use crate::store::{Cart, CartItem, Customer, DiscountSettings, Page};

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
        let pricing = price_cart(&cart.items, &cart.promotions, &cart.custom_discounts);
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
                display_price: DisplayPrice::new(&pricing, !cart.items.is_empty()),
                timestamps: CartTimestamps::new(cart),
            },
            relationships: CartRelationships {
                items: ItemLinks(&cart.items),
                customers: Related::new("customer", cart.customers.iter().map(String::as_str)),
                accounts: Related::new("account", cart.accounts.iter().map(String::as_str)),
                custom_discounts: Related::new(
                    "custom_discount",
                    cart.custom_discounts.iter().map(|d| d.id.as_str()),
                ),
                promotions: Related::new(
                    "promotion",
                    cart.promotions.iter().map(|p| p.id.as_str()),
                ),
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

/// `meta.timestamps` of a cart.
#[derive(Debug, Serialize)]
pub struct CartTimestamps {
    created_at: String,
    updated_at: String,
    expires_at: String,
}

impl CartTimestamps {
    /// The timestamps of `cart`.
    pub fn new(cart: &Cart) -> Self {
        CartTimestamps {
            created_at: rfc3339(cart.created_at),
            updated_at: rfc3339(cart.updated_at),
            expires_at: rfc3339(cart.expires_at()),
        }
    }
}

/// The prices of a cart: in dollars once it holds items; an empty cart keeps the API's
/// currency-less zeros (`{"amount":0,"currency":"","formatted":"0"}`).
#[derive(Debug, Serialize)]
pub struct DisplayPrice {
    with_tax: Money,
    without_tax: Money,
    tax: Money,
    discount: Money,
    without_discount: Money,
    /// Every discount by its code; left out when there is none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    discounts: BTreeMap<String, Money>,
}

impl DisplayPrice {
    /// The prices of a cart priced as `pricing`; `priced` is false for a cart without items.
    pub fn new(pricing: &CartPricing, priced: bool) -> Self {
        if !priced {
            return DisplayPrice {
                with_tax: Money::zero(),
                without_tax: Money::zero(),
                tax: Money::zero(),
                discount: Money::zero(),
                without_discount: Money::zero(),
                discounts: BTreeMap::new(),
            };
        }
        let amounts = &pricing.amounts;
        DisplayPrice {
            with_tax: Money::usd(amounts.with_tax),
            without_tax: Money::usd(amounts.without_tax),
            tax: Money::usd(amounts.tax),
            discount: Money::usd(amounts.discount),
            without_discount: Money::usd(amounts.without_discount),
            discounts: pricing
                .by_code
                .iter()
                .map(|(code, &amount)| (code.clone(), Money::usd(amount)))
                .collect(),
        }
    }
}

/// `{"amount": ..., "currency": ..., "formatted": ...}`.
#[derive(Debug, Serialize)]
pub struct Money {
    amount: i64,
    currency: &'static str,
    formatted: String,
}

impl Money {
    /// The zero of a cart without items: no currency.
    fn zero() -> Self {
        Money {
            amount: 0,
            currency: "",
            formatted: "0".to_owned(),
        }
    }

    /// An amount in the store's currency.
    pub fn usd(amount: i64) -> Self {
        Money {
            amount,
            currency: CURRENCY,
            formatted: format_usd(amount),
        }
    }
}

#[derive(Debug, Serialize)]
struct CartRelationships<'a> {
    items: ItemLinks<'a>,
    customers: Related<'a>,
    accounts: Related<'a>,
    #[serde(skip_serializing_if = "Related::is_empty")]
    custom_discounts: Related<'a>,
    #[serde(skip_serializing_if = "Related::is_empty")]
    promotions: Related<'a>,
}

/// A cart's items relationship: `{"data": null}` when empty, else the items' identifiers with
/// their types (`cart_item` or `custom_item`).
#[derive(Debug)]
struct ItemLinks<'a>(&'a [CartItem]);

impl Serialize for ItemLinks<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        if self.0.is_empty() {
            map.serialize_entry("data", &())?;
        } else {
            let ids: Vec<Identifier<'_>> = self
                .0
                .iter()
                .map(|item| Identifier {
                    kind: item.kind_name(),
                    id: &item.id,
                })
                .collect();
            map.serialize_entry("data", &ids)?;
        }
        map.end()
    }
}

/// A to-many relationship: `{}` when empty, else `{"data":[{"type":...,"id":...}, ...]}`.
#[derive(Debug)]
pub struct Related<'a> {
    kind: &'static str,
    ids: Vec<&'a str>,
}

impl<'a> Related<'a> {
    /// The relationship to resources of type `kind` with these ids.
    pub fn new(kind: &'static str, ids: impl Iterator<Item = &'a str>) -> Self {
        Related {
            kind,
            ids: ids.collect(),
        }
    }

    /// Whether there is no related resource.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

impl Serialize for Related<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.ids.is_empty() {
            return serializer.serialize_map(Some(0))?.end();
        }
        let ids: Vec<Identifier<'_>> = self
            .ids
            .iter()
            .map(|id| Identifier {
                kind: self.kind,
                id,
            })
            .collect();
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("data", &ids)?;
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
pub struct Identifier<'a> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: &'a str,
}

/// A page of carts with its `links` and `meta`.
#[derive(Debug, Serialize)]
pub struct CartList<'a> {
    data: Vec<CartView<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    included: Option<Included<'a>>,
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
            included: None,
            links,
            meta,
        }
    }

    /// The same listing with the carts' items under `included.items`.
    pub fn including(mut self, included: Included<'a>) -> Self {
        self.included = Some(included);
        self
    }
}

/// `include=items`: the items of the carts in a response, under `included.items`.
#[derive(Debug, Serialize)]
pub struct Included<'a> {
    pub items: Vec<items::ItemView<'a>>,
}

impl<'a> Included<'a> {
    /// The items of every cart priced in `priced`, in order.
    pub fn items(priced: &'a [items::PricedItems<'a>], base_url: &str) -> Self {
        Included {
            items: priced
                .iter()
                .flat_map(|cart| cart.views(base_url))
                .collect(),
        }
    }
}

/// `{"data": cart}`, with `included` when items were asked for.
#[derive(Debug, Serialize)]
pub struct CartDocument<'a> {
    pub data: CartView<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub included: Option<Included<'a>>,
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
            items: Vec::new(),
            custom_discounts: Vec::new(),
            promotions: Vec::new(),
            checkout: None,
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
