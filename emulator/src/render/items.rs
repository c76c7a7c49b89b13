//! What carts hold, as the API shows it: items (also as order items), the items document with
//! the cart's totals, tax items and custom discounts.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{CartTimestamps, DisplayPrice, Identifier, Money, Related};
use crate::clock::rfc3339;
use crate::error::{ApiError, ErrorObject};
use crate::money::Price;
use crate::pricing::{price_cart, Amounts, ItemPricing};
use crate::store::{Cart, CartItem, CustomDiscount, TaxItem};

/// An item of a cart, or (with [`ItemView::order_line`]) of an order.
#[derive(Debug, Serialize)]
pub struct ItemView<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    product_id: Option<&'a str>,
    name: &'a str,
    description: &'a str,
    sku: &'a str,
    slug: &'a str,
    image: Image,
    quantity: u64,
    manage_stock: bool,
    unit_price: Price,
    value: Price,
    discounts: Vec<DiscountLine<'a>>,
    links: ItemLinks,
    meta: ItemMeta<'a>,
    relationships: ItemRelationships<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    catalog_source: Option<&'static str>,
}

/// `{"mime_type":"","file_name":"","href":""}`: items have no images here.
#[derive(Debug, Serialize)]
struct Image {
    mime_type: &'static str,
    file_name: &'static str,
    href: &'static str,
}

#[derive(Debug, Serialize)]
struct DiscountLine<'a> {
    amount: Price,
    code: &'a str,
    id: &'a str,
}

#[derive(Debug, Serialize)]
struct ItemLinks {
    #[serde(skip_serializing_if = "Option::is_none")]
    product: Option<String>,
}

#[derive(Debug, Serialize)]
struct ItemMeta<'a> {
    display_price: ItemDisplayPrice<'a>,
    timestamps: ItemTimestamps,
}

#[derive(Debug, Serialize)]
struct ItemTimestamps {
    created_at: String,
    updated_at: String,
}

/// Each amount of an item for one unit and for the whole line.
#[derive(Debug, Serialize)]
struct ItemDisplayPrice<'a> {
    with_tax: UnitAndValue,
    without_tax: UnitAndValue,
    tax: UnitAndValue,
    discount: UnitAndValue,
    without_discount: UnitAndValue,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    discounts: BTreeMap<&'a str, Money>,
}

#[derive(Debug, Serialize)]
struct UnitAndValue {
    unit: Money,
    value: Money,
}

#[derive(Debug, Serialize)]
struct ItemRelationships<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    taxes: Option<Related<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    custom_discounts: Option<Related<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cart_item: Option<One<'a>>,
}

/// A to-one relationship, `{"data": {"type": ..., "id": ...}}`.
#[derive(Debug, Serialize)]
pub struct One<'a> {
    pub data: Identifier<'a>,
}

impl<'a> ItemView<'a> {
    /// The view of a cart item priced as `pricing`.
    pub fn new(item: &'a CartItem, pricing: &'a ItemPricing, base_url: &str) -> Self {
        let mut view = Self::common(item, pricing, item.kind_name(), &item.id);
        view.links.product = item
            .product_id()
            .map(|id| format!("{base_url}/catalog/products/{id}"));
        view.relationships.taxes = Some(Related::new(
            "tax_item",
            item.taxes.iter().map(|t| t.id.as_str()),
        ));
        view.relationships.custom_discounts = Some(Related::new(
            "custom_discount",
            item.custom_discounts.iter().map(|d| d.id.as_str()),
        ));
        view
    }

    /// The view of an order line (`type: "order_item"`, its own id) made from `item`.
    pub fn order_line(line_id: &'a str, item: &'a CartItem, pricing: &'a ItemPricing) -> Self {
        let mut view = Self::common(item, pricing, "order_item", line_id);
        view.relationships.cart_item = Some(One {
            data: Identifier {
                kind: item.kind_name(),
                id: &item.id,
            },
        });
        view
    }

    fn common(
        item: &'a CartItem,
        pricing: &'a ItemPricing,
        kind: &'static str,
        id: &'a str,
    ) -> Self {
        let line = &pricing.amounts;
        let unit = line.per_unit(item.quantity);
        let pair = |field: fn(&Amounts) -> i64| UnitAndValue {
            unit: Money::usd(field(&unit)),
            value: Money::usd(field(line)),
        };
        let mut by_code: BTreeMap<&str, i64> = BTreeMap::new();
        for applied in &pricing.discounts {
            *by_code.entry(applied.code.as_str()).or_default() += applied.amount;
        }
        ItemView {
            id,
            kind,
            product_id: item.product_id(),
            name: &item.name,
            description: &item.description,
            sku: &item.sku,
            slug: &item.slug,
            image: Image {
                mime_type: "",
                file_name: "",
                href: "",
            },
            quantity: item.quantity,
            manage_stock: false,
            unit_price: Price::usd(item.unit_price, item.includes_tax),
            value: Price::usd(pricing.value, item.includes_tax),
            discounts: pricing
                .discounts
                .iter()
                .map(|applied| DiscountLine {
                    amount: Price::usd(applied.amount, false),
                    code: &applied.code,
                    id: &applied.id,
                })
                .collect(),
            links: ItemLinks { product: None },
            meta: ItemMeta {
                display_price: ItemDisplayPrice {
                    with_tax: pair(|a| a.with_tax),
                    without_tax: pair(|a| a.without_tax),
                    tax: pair(|a| a.tax),
                    discount: pair(|a| a.discount),
                    without_discount: pair(|a| a.without_discount),
                    discounts: by_code
                        .into_iter()
                        .map(|(code, amount)| (code, Money::usd(amount)))
                        .collect(),
                },
                timestamps: ItemTimestamps {
                    created_at: rfc3339(item.created_at),
                    updated_at: rfc3339(item.updated_at),
                },
            },
            relationships: ItemRelationships {
                taxes: None,
                custom_discounts: None,
                cart_item: None,
            },
            catalog_source: item.product_id().map(|_| "pim"),
        }
    }
}

/// The items of a cart with the cart's prices: `{"data":[...], "meta":{...}}`, plus `errors`
/// for the elements of a bulk request that could not be added.
#[derive(Debug, Serialize)]
pub struct ItemsDocument<'a> {
    data: Vec<ItemView<'a>>,
    meta: ItemsMeta,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<ErrorObject<'a>>,
}

#[derive(Debug, Serialize)]
struct ItemsMeta {
    display_price: DisplayPrice,
    timestamps: CartTimestamps,
}

/// A cart's items priced, ready to be shown.
#[derive(Debug)]
pub struct PricedItems<'a> {
    cart: &'a Cart,
    pricing: crate::pricing::CartPricing,
}

impl<'a> PricedItems<'a> {
    /// Prices the items of `cart`.
    pub fn new(cart: &'a Cart) -> Self {
        PricedItems {
            cart,
            pricing: price_cart(&cart.items, &cart.promotions, &cart.custom_discounts),
        }
    }

    /// The views of the items.
    pub fn views(&'a self, base_url: &str) -> Vec<ItemView<'a>> {
        self.cart
            .items
            .iter()
            .zip(&self.pricing.items)
            .map(|(item, pricing)| ItemView::new(item, pricing, base_url))
            .collect()
    }

    /// The items document, with the errors of a partly applied bulk request.
    pub fn document(&'a self, base_url: &str, errors: &'a [ApiError]) -> ItemsDocument<'a> {
        ItemsDocument {
            data: self.views(base_url),
            meta: ItemsMeta {
                display_price: DisplayPrice::new(&self.pricing, !self.cart.items.is_empty()),
                timestamps: CartTimestamps::new(self.cart),
            },
            errors: errors.iter().map(ApiError::object).collect(),
        }
    }
}

/// A tax item as the API shows it, with the item it belongs to.
#[derive(Debug, Serialize)]
pub struct TaxView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    name: &'a str,
    jurisdiction: &'a str,
    code: &'a str,
    rate: f64,
    relationships: ItemRelationship<'a>,
}

#[derive(Debug, Serialize)]
struct ItemRelationship<'a> {
    item: One<'a>,
}

impl<'a> TaxView<'a> {
    /// The view of `tax`, a tax item of `item`.
    pub fn new(tax: &'a TaxItem, item: &'a CartItem) -> Self {
        TaxView {
            kind: "tax_item",
            id: &tax.id,
            name: &tax.name,
            jurisdiction: &tax.jurisdiction,
            code: &tax.code,
            rate: tax.rate.as_decimal(),
            relationships: ItemRelationship {
                item: One {
                    data: Identifier {
                        kind: item.kind_name(),
                        id: &item.id,
                    },
                },
            },
        }
    }
}

/// A custom discount as the API shows it; one on an item names the item.
#[derive(Debug, Serialize)]
pub struct DiscountView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    amount: Money,
    description: &'a str,
    discount_code: &'a str,
    discount_engine: &'a str,
    external_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    relationships: Option<ItemRelationship<'a>>,
}

impl<'a> DiscountView<'a> {
    /// The view of `discount`, on `item` or (`None`) on the cart itself.
    pub fn new(discount: &'a CustomDiscount, item: Option<&'a CartItem>) -> Self {
        DiscountView {
            kind: "custom_discount",
            id: &discount.id,
            amount: Money::usd(discount.amount),
            description: &discount.description,
            discount_code: &discount.discount_code,
            discount_engine: &discount.discount_engine,
            external_id: &discount.external_id,
            relationships: item.map(|item| ItemRelationship {
                item: One {
                    data: Identifier {
                        kind: item.kind_name(),
                        id: &item.id,
                    },
                },
            }),
        }
    }
}
