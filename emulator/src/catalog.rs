//! What a store sells: the products of its published catalog and the promotion codes shoppers
//! may apply. Both are set when the store is created (see [`crate::seed`]) and never change.

/// A product of the published catalog, priced in the store's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: String,
    pub name: String,
    pub sku: String,
    pub slug: String,
    pub description: String,
    /// Price without tax, in cents.
    pub price: i64,
}

/// A promotion applied with a code: a percentage off every product item of the cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promotion {
    pub id: String,
    pub code: String,
    pub name: String,
    pub description: String,
    /// Percent off each product item's value, 1 to 100.
    pub percent_off: i64,
}

/// The products and promotions of a store.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    products: Vec<Product>,
    promotions: Vec<Promotion>,
}

impl Catalog {
    /// A catalog of these products and promotions, in this order.
    pub fn new(products: Vec<Product>, promotions: Vec<Promotion>) -> Self {
        Catalog {
            products,
            promotions,
        }
    }

    /// Every product, in catalog order.
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    /// The product with this id.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products.iter().find(|product| product.id == id)
    }

    /// The product with this SKU (exact match).
    pub fn product_by_sku(&self, sku: &str) -> Option<&Product> {
        self.products.iter().find(|product| product.sku == sku)
    }

    /// The promotion with this code, compared case-insensitively.
    pub fn promotion_by_code(&self, code: &str) -> Option<&Promotion> {
        self.promotions
            .iter()
            .find(|promotion| promotion.code.eq_ignore_ascii_case(code))
    }

    /// The promotion with this id.
    pub fn promotion(&self, id: &str) -> Option<&Promotion> {
        self.promotions.iter().find(|promotion| promotion.id == id)
    }
}
