//! The demo store the emulator starts with unless `--empty` is given: three customers who can
//! log in, and carts with distinct update times so the listing order is visible.
//!
//! Every store, an `--empty` one included, sells the same catalog: six products in US dollars
//! and the promotion code `SAVE10`. They are the store's set-up, not data a client creates, so
//! tests on an empty store can fill carts too.

use crate::catalog::{Catalog, Product, Promotion};
use crate::clock::{Timestamp, DAY};
use crate::store::{NewCart, NewCustomer, Party, Store};

/// A product of the catalog: id, name, SKU, slug, description, price in cents (without tax).
pub type DemoProduct = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
);

/// The products of every store's catalog. Their ids are fixed, so they stay the same across
/// resets and instances.
pub const DEMO_PRODUCTS: [DemoProduct; 6] = [
    (
        "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a01",
        "Block plane",
        "BLOCK-PLANE",
        "block-plane",
        "A low-angle block plane for end grain",
        8900,
    ),
    (
        "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a02",
        "Chisel set",
        "CHISEL-SET",
        "chisel-set",
        "Four bevel-edge chisels in a canvas roll",
        4550,
    ),
    (
        "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a03",
        "Waffle iron",
        "WAFFLE-IRON",
        "waffle-iron",
        "Makes two Belgian waffles at once",
        3999,
    ),
    (
        "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a04",
        "Whipped cream",
        "WHIPPED-CREAM",
        "whipped-cream",
        "A can of sweetened whipped cream",
        425,
    ),
    (
        "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a05",
        "Campaign binder",
        "BINDER-3IN",
        "campaign-binder",
        "A three-inch ring binder, blue",
        1200,
    ),
    (
        "e1a6f0c2-5b3d-4c8e-9a71-2f4d6b8c0a06",
        "Bacon, 1 lb",
        "BACON-1LB",
        "bacon-1lb",
        "Thick-cut, hickory smoked",
        749,
    ),
];

/// The promotion code every store accepts: 10 % off each product item.
pub const DEMO_PROMOTION_CODE: &str = "SAVE10";

/// The id of the [`DEMO_PROMOTION_CODE`] promotion.
pub const DEMO_PROMOTION_ID: &str = "7c0d5e1f-3a2b-4c6d-8e9f-0a1b2c3d4e10";

/// The catalog every store sells.
pub fn catalog() -> Catalog {
    let products = DEMO_PRODUCTS
        .iter()
        .map(|&(id, name, sku, slug, description, price)| Product {
            id: id.to_owned(),
            name: name.to_owned(),
            sku: sku.to_owned(),
            slug: slug.to_owned(),
            description: description.to_owned(),
            price,
        })
        .collect();
    let promotions = vec![Promotion {
        id: DEMO_PROMOTION_ID.to_owned(),
        code: DEMO_PROMOTION_CODE.to_owned(),
        name: "10% off".to_owned(),
        description: "10% off every product in the cart".to_owned(),
        percent_off: 10,
    }];
    Catalog::new(products, promotions)
}

/// A demo customer and their password.
#[derive(Debug, Clone, Copy)]
pub struct DemoCustomer {
    pub id: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub password: &'static str,
}

/// The demo customers. Their ids are fixed, so they stay the same across resets.
pub const DEMO_CUSTOMERS: [DemoCustomer; 3] = [
    DemoCustomer {
        id: "5d6a5f4c-7e0b-4c84-9d9e-1f0b3a6c2e01",
        name: "Ron Swanson",
        email: "ron@swanson.com",
        password: "mysecretpassword",
    },
    DemoCustomer {
        id: "8b1f3c2a-2d4e-4f6a-8c0e-3a5b7d9f1e02",
        name: "Leslie Knope",
        email: "leslie@knope.com",
        password: "pawnee2026",
    },
    DemoCustomer {
        id: "c3e5a7b9-4f6d-4b8a-9e1c-5d7f9b1d3e03",
        name: "April Ludgate",
        email: "april@ludgate.com",
        password: "janet-snakehole",
    },
];

/// A demo cart: id, name, description, owner (index into [`DEMO_CUSTOMERS`]) and age of its
/// last update in seconds, oldest first.
const DEMO_CARTS: [(&str, &str, &str, Option<usize>, Timestamp); 6] = [
    (
        "ron-woodworking",
        "Woodworking",
        "Chisels and a new plane",
        Some(0),
        3 * DAY,
    ),
    (
        "leslie-waffles",
        "Waffle night",
        "Whipped cream, lots",
        Some(1),
        2 * DAY,
    ),
    (
        "ron-grill",
        "Grill supplies",
        "Bacon and eggs",
        Some(0),
        DAY,
    ),
    (
        "guest-cart",
        "Guest cart",
        "Not associated with anyone",
        None,
        6 * 3600,
    ),
    (
        "leslie-campaign",
        "Campaign supplies",
        "Binders and buttons",
        Some(1),
        3600,
    ),
    ("leslie-gifts", "Galentine's gifts", "For Ann", Some(1), 600),
];

/// A store holding the demo data (or nothing if `empty`), with times relative to `now`.
pub fn store(empty: bool, now: Timestamp) -> Store {
    let mut store = Store::with_catalog(catalog());
    if empty {
        return store;
    }
    let registered = now - 30 * DAY;
    for customer in DEMO_CUSTOMERS {
        let new = NewCustomer {
            id: Some(customer.id.to_owned()),
            name: customer.name.to_owned(),
            email: customer.email.to_owned(),
            password: Some(customer.password.to_owned()),
        };
        store
            .create_customer(new, registered)
            .expect("demo customers have distinct emails");
    }
    // In order of update, so each change happens after the one before, as in real life.
    for (id, name, description, owner, age) in DEMO_CARTS {
        let at = now - age;
        let new = NewCart {
            id: Some(id.to_owned()),
            name: name.to_owned(),
            description: description.to_owned(),
            ..NewCart::default()
        };
        // An owned cart was created a day before its owner picked it up (the clock of the store
        // never goes back, so this is clamped to the previous change).
        let created = if owner.is_some() { at - DAY } else { at };
        store
            .create_cart(new, created)
            .expect("demo carts have distinct ids");
        if let Some(owner) = owner {
            store
                .associate(Party::Customer, id, DEMO_CUSTOMERS[owner].id, at)
                .expect("demo customers exist");
        }
    }
    store
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Scope;

    #[test]
    fn demo_carts_are_listed_newest_first() {
        let store = store(false, 1_000_000_000);
        let all = store.list_carts(Scope::All, 0, 10);
        assert_eq!(all.total, DEMO_CARTS.len());
        assert_eq!(all.carts[0].id, "leslie-gifts");
        assert!(all
            .carts
            .windows(2)
            .all(|w| w[0].updated_at > w[1].updated_at));
        let leslie = store.list_carts(Scope::Customer(DEMO_CUSTOMERS[1].id), 0, 10);
        assert_eq!(leslie.total, 3);
        assert!(store
            .authenticate("ron@swanson.com", "mysecretpassword")
            .is_some());
        assert_eq!(super::store(true, 0).cart_count(), 0);
    }

    #[test]
    fn every_store_sells_the_catalog() {
        for empty in [false, true] {
            let store = store(empty, 0);
            assert_eq!(store.catalog().products().len(), DEMO_PRODUCTS.len());
            assert!(store.catalog().promotion_by_code("save10").is_some());
        }
        let skus: std::collections::HashSet<_> = DEMO_PRODUCTS.iter().map(|p| p.2).collect();
        assert_eq!(skus.len(), DEMO_PRODUCTS.len(), "SKUs are unique");
    }
}
