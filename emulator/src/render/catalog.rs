//! Products as the shopper catalog shows them (the shape of a published catalog's products).

use std::collections::BTreeMap;

use serde::Serialize;

use super::Money;
use crate::catalog::Product;
use crate::listing::{Links, Meta};
use crate::money::CURRENCY;

/// A product of the published catalog.
#[derive(Debug, Serialize)]
pub struct ProductView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    attributes: ProductAttributes<'a>,
    meta: ProductMeta,
}

#[derive(Debug, Serialize)]
struct ProductAttributes<'a> {
    name: &'a str,
    sku: &'a str,
    slug: &'a str,
    description: &'a str,
    status: &'static str,
    commodity_type: &'static str,
    price: BTreeMap<&'static str, ListPrice>,
}

#[derive(Debug, Serialize)]
struct ListPrice {
    amount: i64,
    includes_tax: bool,
}

#[derive(Debug, Serialize)]
struct ProductMeta {
    display_price: ProductDisplayPrice,
    catalog_source: &'static str,
}

#[derive(Debug, Serialize)]
struct ProductDisplayPrice {
    without_tax: Money,
    with_tax: Money,
}

impl<'a> ProductView<'a> {
    /// The view of `product`. Catalog prices carry no tax, so both display prices are equal.
    pub fn new(product: &'a Product) -> Self {
        ProductView {
            kind: "product",
            id: &product.id,
            attributes: ProductAttributes {
                name: &product.name,
                sku: &product.sku,
                slug: &product.slug,
                description: &product.description,
                status: "live",
                commodity_type: "physical",
                price: BTreeMap::from([(
                    CURRENCY,
                    ListPrice {
                        amount: product.price,
                        includes_tax: false,
                    },
                )]),
            },
            meta: ProductMeta {
                display_price: ProductDisplayPrice {
                    without_tax: Money::usd(product.price),
                    with_tax: Money::usd(product.price),
                },
                catalog_source: "pim",
            },
        }
    }
}

/// A page of products with its `links` and `meta`.
#[derive(Debug, Serialize)]
pub struct ProductList<'a> {
    pub data: Vec<ProductView<'a>>,
    pub links: Links,
    pub meta: Meta,
}
